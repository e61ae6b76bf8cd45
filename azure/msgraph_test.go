package azure

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// fakeMSGraph is a loopback Microsoft Graph v1.0 (TLS): collections paged
// with @odata.nextLink, $select applied, the users filter on userType
// applied server-side, Conditional Access limited to one request per
// Interval (Graph's documented 1 request per second per tenant), and
// injectable 429s (with Retry-After), 403s and licence refusals. Response
// shapes follow the v1.0 API reference examples.
type fakeMSGraph struct {
	t   testing.TB
	srv *httptest.Server

	mu   sync.Mutex
	data map[string]any // path -> []any (collection) or map (object)
	// pageSize per path; default 100.
	pageSize map[string]int
	// throttle answers the next n requests of a path with 429.
	throttle map[string]int
	// forbid answers a path 403 Authorization_RequestDenied; unlicensed
	// 403 with Graph's licence error code.
	forbid, unlicensed map[string]bool
	// badFilter answers 400 to a $filter on the path.
	badFilter map[string]bool
	caEvery   time.Duration
	lastCA    time.Time

	requests  map[string]int
	total     int
	throttled int
	caTooFast int
	writes    []string
	queries   map[string][]string
}

func newFakeMSGraph(t testing.TB) *fakeMSGraph {
	g := &fakeMSGraph{t: t, data: map[string]any{}, pageSize: map[string]int{}, throttle: map[string]int{},
		forbid: map[string]bool{}, unlicensed: map[string]bool{}, badFilter: map[string]bool{},
		requests: map[string]int{}, queries: map[string][]string{}}
	g.srv = httptest.NewUnstartedServer(http.HandlerFunc(g.serve))
	g.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	g.srv.StartTLS()
	t.Cleanup(g.srv.Close)
	return g
}

func graphError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": msg,
		"innerError": map[string]any{"date": "2026-11-20T09:00:00", "request-id": "00000000-0000-0000-0000-000000000000"}}})
}

func (g *fakeMSGraph) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/v1.0")
	g.mu.Lock()
	g.total++
	if r.Method != http.MethodGet {
		g.writes = append(g.writes, r.Method+" "+path)
		g.mu.Unlock()
		graphError(w, http.StatusMethodNotAllowed, "Request_BadRequest", "write reached the server")
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		g.mu.Unlock()
		graphError(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token is empty.")
		return
	}
	g.requests[path]++
	g.queries[path] = append(g.queries[path], r.URL.RawQuery)
	if path == pathCA && g.caEvery > 0 {
		if !g.lastCA.IsZero() && time.Since(g.lastCA) < g.caEvery {
			g.caTooFast++
			g.throttled++
			g.mu.Unlock()
			// Graph returns no Retry-After for these resources.
			graphError(w, http.StatusTooManyRequests, "TooManyRequests", "Please retry again later.")
			return
		}
		g.lastCA = time.Now()
	}
	if g.throttle[path] > 0 {
		g.throttle[path]--
		g.throttled++
		g.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		graphError(w, http.StatusTooManyRequests, "TooManyRequests", "Please retry again later.")
		return
	}
	if g.forbid[path] {
		g.mu.Unlock()
		graphError(w, http.StatusForbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
		return
	}
	if g.unlicensed[path] {
		g.mu.Unlock()
		graphError(w, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")
		return
	}
	q := r.URL.Query()
	if q.Get("$filter") != "" && g.badFilter[path] {
		g.mu.Unlock()
		graphError(w, http.StatusBadRequest, "BadRequest", "Invalid filter clause")
		return
	}
	v, ok := g.data[path]
	size := g.pageSize[path]
	g.mu.Unlock()
	if !ok {
		graphError(w, http.StatusNotFound, "Request_ResourceNotFound", "Resource not found")
		return
	}
	sel := strings.Split(q.Get("$select"), ",")
	project := func(o map[string]any) map[string]any {
		if q.Get("$select") == "" {
			return o
		}
		out := map[string]any{}
		// Graph returns each directory object's type whatever $select says.
		if t, ok := o["@odata.type"]; ok {
			out["@odata.type"] = t
		}
		for _, k := range sel {
			if x, ok := o[k]; ok {
				out[k] = x
			}
		}
		return out
	}
	w.Header().Set("Content-Type", "application/json")
	ctx := g.srv.URL + "/v1.0/$metadata#" + strings.TrimPrefix(path, "/")
	obj, isObj := v.(map[string]any)
	if isObj {
		out := project(obj)
		out["@odata.context"] = ctx + "/$entity"
		json.NewEncoder(w).Encode(out)
		return
	}
	items := v.([]any)
	if f := q.Get("$filter"); f != "" {
		var kept []any
		for _, it := range items {
			m := it.(map[string]any)
			switch f {
			case "userType eq 'Guest'":
				if m["userType"] == "Guest" {
					kept = append(kept, it)
				}
			case "isAdmin eq true":
				if m["isAdmin"] == true {
					kept = append(kept, it)
				}
			default:
				graphError(w, http.StatusBadRequest, "BadRequest", "unsupported filter "+f)
				return
			}
		}
		items = kept
	}
	if size == 0 {
		size = 100
	}
	if top, err := strconv.Atoi(q.Get("$top")); err == nil && top < size {
		size = top
	}
	skip, _ := strconv.Atoi(q.Get("$skiptoken"))
	end := min(skip+size, len(items))
	page := make([]any, 0, end-skip)
	for _, it := range items[skip:end] {
		page = append(page, project(it.(map[string]any)))
	}
	out := map[string]any{"@odata.context": ctx, "value": page}
	if end < len(items) {
		nq := url.Values{}
		for k, vs := range q {
			if k != "$skiptoken" {
				nq[k] = vs
			}
		}
		nq.Set("$skiptoken", strconv.Itoa(end))
		out["@odata.nextLink"] = g.srv.URL + "/v1.0" + path + "?" + nq.Encode()
	}
	json.NewEncoder(w).Encode(out)
}

// jwtCredential hands out a token whose claims name the permissions
// granted (delegated scp), as Entra ID access tokens for Graph do.
type jwtCredential struct{ scp []string }

func (c jwtCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	enc := func(v any) string { b, _ := json.Marshal(v); return base64.RawURLEncoding.EncodeToString(b) }
	tok := enc(map[string]any{"typ": "JWT", "alg": "none"}) + "." +
		enc(map[string]any{"scp": strings.Join(c.scp, " "), "tid": "11111111-2222-4333-8444-555555555555", "wids": []string{roleGlobalReader}}) + ".c2lnbmF0dXJl"
	return azcore.AccessToken{Token: tok, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// allGraphScopes are the least-privileged permissions of every read.
var allGraphScopes = []string{"Policy.Read.All", "RoleManagement.Read.Directory", "User.Read.All", "AuditLog.Read.All", "Application.Read.All", "LicenseAssignment.Read.All", "GroupMember.Read.All"}

func (g *fakeMSGraph) collector(t testing.TB, cred azcore.TokenCredential) *Collector {
	t.Helper()
	c, err := NewCollector(Options{
		Credential: cred, Transport: g.srv.Client(), Graph: true, GraphEndpoint: g.srv.URL,
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: g.srv.URL, Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Audience: "https://management.example.test", Endpoint: "https://management.example.test"}}},
		RetryDelay: 10 * time.Millisecond, MaxRetryDelay: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// smallTenant fills the fake with the good fixture tenant's Graph data and
// some members, so the member filter shows.
func (g *fakeMSGraph) smallTenant(t *testing.T) {
	s := loadFixtureFile(t, "testdata/fixtures-entra-good.json")
	for k, v := range s.Graph {
		g.data[k] = v
	}
	users := append([]any{}, s.Graph[pathUsers].([]any)...)
	for i := 0; i < 250; i++ {
		users = append(users, map[string]any{"id": fmt.Sprintf("%08x-1111-4111-8111-000000000000", i), "userType": "Member", "displayName": "Member " + strconv.Itoa(i), "userPrincipalName": fmt.Sprintf("m%d@example.com", i)})
	}
	g.data[pathUsers] = users
	// What the API returns, and ssrm must not keep: a secret hint.
	app := g.data[pathApps].([]any)[0].(map[string]any)
	app["displayName"] = "Payroll"
	app["passwordCredentials"].([]any)[0].(map[string]any)["hint"] = "Q~x"
	app["passwordCredentials"].([]any)[0].(map[string]any)["displayName"] = "ci secret"
}

// The client spaces Conditional Access pages 300 ms apart and the fake
// tenant refuses gaps under 20 ms: the margin absorbs a loaded machine
// (a send delayed by scheduling shortens the next gap on arrival).
func TestGraphCollectLoopback(t *testing.T) {
	old := familyInterval[familyCA]
	familyInterval[familyCA] = 300 * time.Millisecond
	t.Cleanup(func() { familyInterval[familyCA] = old })
	g := newFakeMSGraph(t)
	g.smallTenant(t)
	g.caEvery = 20 * time.Millisecond
	g.pageSize[pathCA] = 2
	g.pageSize[pathUsers] = 120
	g.throttle[pathApps] = 1
	g.badFilter[pathRegDetails] = true
	c := g.collector(t, jwtCredential{scp: allGraphScopes})
	snap := &Snapshot{}
	pf, err := c.collectGraph(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	if !pf.Known || !pf.Delegated || !pf.GlobalReader || len(pf.Missing) != 0 {
		t.Errorf("preflight %+v", pf)
	}
	for _, r := range snap.Reads {
		if r.Status != ReadOK {
			t.Errorf("read %s: %s %s", r.Name, r.Status, r.Error)
		}
	}
	if n := len(snap.Graph[pathCA].([]any)); n != 4 || g.requests[pathCA] != 2 {
		t.Errorf("CA: %d policies in %d requests, want 4 in 2 pages", n, g.requests[pathCA])
	}
	if g.caTooFast != 0 {
		t.Errorf("%d Conditional Access requests came faster than the tenant's limit", g.caTooFast)
	}
	users := snap.Graph[pathUsers].([]any)
	if len(users) != 1 || g.requests[pathUsers] != 1 {
		t.Errorf("users: %d kept in %d requests: want the one guest, members filtered by the server", len(users), g.requests[pathUsers])
	}
	if q := g.queries[pathUsers][0]; !strings.Contains(q, "%24select=") || !strings.Contains(q, "signInActivity") || strings.Contains(q, "displayName") {
		t.Errorf("users query %q: want $select with signInActivity and no names", q)
	}
	// Retried after the 429s, and the secret's hint and name never kept.
	if g.requests[pathApps] != 2 {
		t.Errorf("applications: %d requests, want 1 throttled + 1", g.requests[pathApps])
	}
	raw, _ := json.Marshal(snap.Graph)
	for _, leak := range []string{"Q~x", "ci secret", "Payroll", "Member 1", "@example.com", secretToken, "SECRET"} {
		if strings.Contains(string(raw), leak) {
			t.Errorf("snapshot keeps %q", leak)
		}
	}
	// The filter the server refused: read whole, filtered here.
	if regs := snap.Graph[pathRegDetails].([]any); len(regs) != 1 || g.requests[pathRegDetails] != 2 {
		t.Errorf("registration details: %d in %d requests", len(regs), g.requests[pathRegDetails])
	}
	if len(g.writes) != 0 {
		t.Errorf("writes reached Graph: %v", g.writes)
	}
	// The checks run on what was collected, as on the fixture.
	good := loadFixtureFile(t, "testdata/fixtures-entra-good.json")
	snap.Queries = good.Queries
	snap.Documents = []Doc{{"id": "/tenant", "type": typeTenant}}
	for _, d := range good.Documents {
		if d.Type() == typeScheduledQuery {
			snap.Documents = append(snap.Documents, d)
		}
	}
	for _, f := range RunSnapshot(snap, catalogEntra) {
		if f.Status != Pass {
			t.Errorf("%s on %s: %s %s", f.Check, f.ResourceID, f.Status, f.Detail)
		}
	}
}

func TestGraphPreflightAndRefusals(t *testing.T) {
	g := newFakeMSGraph(t)
	g.smallTenant(t)
	g.forbid[pathRoleAssign] = true
	g.unlicensed[pathRoleElig] = true
	// The token lacks AuditLog.Read.All: the guests and the registration
	// report are not even requested.
	c := g.collector(t, jwtCredential{scp: []string{"Policy.Read.All", "RoleManagement.Read.Directory", "User.Read.All", "Application.Read.All", "LicenseAssignment.Read.All"}})
	snap := &Snapshot{}
	pf, err := c.collectGraph(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	if m := pf.Missing[pathUsers]; len(m) != 1 || m[0] != "AuditLog.Read.All" {
		t.Errorf("preflight missing for users %v", pf.Missing)
	}
	if g.requests[pathUsers] != 0 || g.requests[pathRegDetails] != 0 {
		t.Errorf("reads the token cannot make were sent: users %d, registration %d", g.requests[pathUsers], g.requests[pathRegDetails])
	}
	status := map[string]string{}
	for _, r := range snap.Reads {
		status[r.Name] = r.Status
	}
	if status[pathRoleAssign] != ReadMissingPermission || status[pathRoleElig] != ReadNotLicensed || status[pathUsers] != ReadMissingPermission || status[pathCA] != ReadOK {
		t.Errorf("statuses %v", status)
	}
	snap.Documents = []Doc{{"id": "/tenant", "type": typeTenant}}
	byCheck := map[string]Finding{}
	for _, f := range RunSnapshot(snap, catalogEntra) {
		byCheck[f.Check] = f
	}
	for check, want := range map[string]string{
		"global-admin-count":    "it needs one of RoleManagement.Read.Directory, RoleManagement.Read.All",
		"identity-stale-guests": "the token lacks AuditLog.Read.All",
	} {
		f := byCheck[check]
		if f.Status != NA || !strings.HasPrefix(f.Detail, ByHandPrefix) || !strings.Contains(f.Detail, want) {
			t.Errorf("%s: %s %q, want verify by hand naming %q", check, f.Status, f.Detail, want)
		}
	}
	if f := byCheck["identity-security-defaults"]; f.Status != Pass {
		t.Errorf("what could be read is still judged: %+v", f)
	}
}

// A write never leaves the machine, to Graph or anywhere: the Graph
// pipeline refuses it before the transport.
func TestGraphPipelineRefusesWrites(t *testing.T) {
	g := newFakeMSGraph(t)
	gc := newGraphClient(Options{Credential: jwtCredential{}, Transport: g.srv.Client(), GraphEndpoint: g.srv.URL})
	for _, m := range []string{http.MethodPatch, http.MethodPost, http.MethodDelete, http.MethodPut} {
		req, _ := http.NewRequest(m, g.srv.URL+"/v1.0/policies/authorizationPolicy", strings.NewReader("{}"))
		_ = req
		r, err := newGraphRequest(context.Background(), m, g.srv.URL+"/v1.0/policies/authorizationPolicy")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gc.pl.Do(r); err == nil || !strings.Contains(err.Error(), ErrWriteRefused.Error()) {
			t.Errorf("%s: %v, want refused", m, err)
		}
	}
	// And a next link to another host is refused too (the token would go
	// with it).
	if _, err := gc.get(context.Background(), "https://attacker.example.test/v1.0/users", familyDirectory); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("foreign next link: %v", err)
	}
	if g.total != 0 {
		t.Errorf("%d requests reached the server", g.total)
	}
}

// bigTenant fills the fake with a tenant of users members and guests
// guests, policies Conditional Access policies and apps applications (and
// as many service principals, plus 500 of Microsoft's).
func (g *fakeMSGraph) bigTenant(users, guests, policies, apps int) {
	id := func(kind, i int) string { return fmt.Sprintf("%08x-%04x-4000-8000-000000000000", i, kind) }
	us := make([]any, 0, users)
	regs := make([]any, 0, users)
	for i := 0; i < users; i++ {
		u := map[string]any{"id": id(1, i), "userType": "Member", "accountEnabled": true, "createdDateTime": "2024-01-01T00:00:00Z",
			"signInActivity": map[string]any{"lastSignInDateTime": "2026-11-01T00:00:00Z"}}
		if i < guests {
			u["userType"] = "Guest"
		}
		us = append(us, u)
		regs = append(regs, map[string]any{"id": id(1, i), "isAdmin": i%1000 == 0, "isMfaRegistered": true, "methodsRegistered": []any{"microsoftAuthenticatorPush"}, "userType": "member"})
	}
	g.data[pathUsers] = us
	g.data[pathRegDetails] = regs
	ps := make([]any, 0, policies)
	for i := 0; i < policies; i++ {
		ps = append(ps, ca(id(2, i), "enabled", map[string]any{"includeUsers": []any{"All"}, "excludeUsers": []any{id(1, 1), id(1, 2)}, "excludeGroups": []any{id(9, 1)}}, []string{"mfa"}))
	}
	g.data[pathCA] = ps
	// The emergency access group excluded from every policy: its members
	// are read, one request.
	g.data["/groups/"+id(9, 1)+"/members"] = []any{
		map[string]any{"@odata.type": "#microsoft.graph.user", "id": id(1, 3)}, map[string]any{"@odata.type": "#microsoft.graph.user", "id": id(1, 4)}}
	as := make([]any, 0, apps)
	sps := make([]any, 0, apps+500)
	for i := 0; i < apps; i++ {
		cred := []any{map[string]any{"keyId": id(3, i), "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-12-31T00:00:00Z", "hint": "abc"}}
		as = append(as, map[string]any{"id": id(4, i), "appId": id(5, i), "passwordCredentials": cred, "keyCredentials": []any{}})
		sps = append(sps, map[string]any{"id": id(6, i), "appId": id(5, i), "appOwnerOrganizationId": "11111111-2222-4333-8444-555555555555", "passwordCredentials": []any{}, "keyCredentials": []any{}})
	}
	for i := 0; i < 500; i++ {
		sps = append(sps, map[string]any{"id": id(7, i), "appId": id(8, i), "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "passwordCredentials": []any{}, "keyCredentials": []any{}})
	}
	g.data[pathApps], g.data[pathSPs] = as, sps
	var ra, el, si []any
	for i := 0; i < 60; i++ {
		role := []string{roleGlobalAdmin, "fe930be7-5e62-47db-91af-98c3a49a38b1", "194ae4cb-b126-40b2-bd5b-6091b380977d"}[i%3]
		ra = append(ra, map[string]any{"id": "ra" + strconv.Itoa(i), "principalId": id(1, i*1000), "roleDefinitionId": role, "directoryScopeId": "/"})
		si = append(si, map[string]any{"id": "si" + strconv.Itoa(i), "principalId": id(1, i*1000), "roleDefinitionId": role, "directoryScopeId": "/", "assignmentType": "Assigned"})
		el = append(el, map[string]any{"id": "el" + strconv.Itoa(i), "principalId": id(1, i*1000+1), "roleDefinitionId": role, "directoryScopeId": "/"})
	}
	g.data[pathRoleAssign], g.data[pathRoleElig], g.data[pathRoleSchedule] = ra, el, si
	g.data[pathSecDefaults] = map[string]any{"id": "00000000-0000-0000-0000-000000000005", "isEnabled": false}
	g.data[pathAuthz] = map[string]any{"id": "authorizationPolicy", "allowInvitesFrom": "adminsAndGuestInviters", "defaultUserRolePermissions": map[string]any{"allowedToCreateApps": false, "permissionGrantPoliciesAssigned": []any{}}}
	g.data[pathSkus] = []any{sp_sku("AAD_PREMIUM_P2")}
	// Page sizes: 120 users a page when signInActivity is selected (the
	// List users reference), 999 for $top=999 elsewhere; Conditional
	// Access 100 a page (the fake's choice: the reference does not state
	// one).
	g.pageSize[pathUsers] = 120
	g.pageSize[pathApps], g.pageSize[pathSPs], g.pageSize[pathRegDetails] = 999, 999, 999
	g.pageSize[pathCA] = 100
}

func ca(id, state string, users map[string]any, grant []string) map[string]any {
	return map[string]any{"id": id, "state": state, "displayName": "policy",
		"conditions":    map[string]any{"clientAppTypes": []any{"all"}, "applications": map[string]any{"includeApplications": []any{"All"}, "excludeApplications": []any{}}, "users": users},
		"grantControls": map[string]any{"operator": "OR", "builtInControls": grant}}
}

func sp_sku(plan string) map[string]any {
	return map[string]any{"capabilityStatus": "Enabled", "skuPartNumber": "SKU", "servicePlans": []any{map[string]any{"servicePlanName": plan}}}
}

// BenchmarkGraphCollectLargeTenant: a tenant of 50,000 users (5,000 of
// them guests), 300 Conditional Access policies and 2,000 applications,
// collected from a loopback Graph with Conditional Access paced at Graph's
// documented 1 request per second per tenant. Reports requests per
// collection; no request is made per user.
func BenchmarkGraphCollectLargeTenant(b *testing.B) {
	g := newFakeMSGraph(b)
	g.bigTenant(50000, 5000, 300, 2000)
	g.caEvery = time.Second
	c := g.collector(b, jwtCredential{scp: allGraphScopes})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.mu.Lock()
		g.total, g.throttled, g.lastCA = 0, 0, time.Time{}
		g.mu.Unlock()
		snap := &Snapshot{}
		if _, err := c.collectGraph(context.Background(), snap); err != nil {
			b.Fatal(err)
		}
		if n := len(snap.Graph[pathUsers].([]any)); n != 5000 {
			b.Fatalf("%d guests", n)
		}
		if n := len(snap.Graph["/groups/"+fmt.Sprintf("%08x-%04x-4000-8000-000000000000", 1, 9)+"/members"].([]any)); n != 2 {
			b.Fatalf("%d emergency group members", n)
		}
		b.ReportMetric(float64(g.total), "requests/op")
		b.ReportMetric(float64(g.throttled), "throttled")
	}
}

// TestBreakGlassGroupMembers: a group excluded from every enforced
// Conditional Access policy is read (one request, ids and object types
// only, no names) and its Global Administrators count as emergency
// accounts; without the permission the group is not requested and the
// check says why; a group of other accounts fails; a nested group alone
// is verified by hand.
func TestBreakGlassGroupMembers(t *testing.T) {
	old := familyInterval[familyCA]
	familyInterval[familyCA] = time.Millisecond
	t.Cleanup(func() { familyInterval[familyCA] = old })
	const b1, b2, grp = "000000b1-0000-4000-8000-0000000000b1", "000000b2-0000-4000-8000-0000000000b2", "0000009a-0000-4000-8000-00000000009a"
	members := "/groups/" + grp + "/members"
	setup := func(t *testing.T, groupMembers []any) *fakeMSGraph {
		g := newFakeMSGraph(t)
		g.smallTenant(t)
		// Both accounts leave the exclusions; the group takes their place.
		for _, p := range g.data[pathCA].([]any) {
			u := p.(map[string]any)["conditions"].(map[string]any)["users"].(map[string]any)
			u["excludeUsers"] = []any{}
			u["excludeGroups"] = []any{grp}
		}
		if groupMembers != nil {
			g.data[members] = groupMembers
		}
		return g
	}
	run := func(t *testing.T, g *fakeMSGraph, scopes []string) (Finding, *Snapshot) {
		snap := &Snapshot{}
		c := g.collector(t, jwtCredential{scp: scopes})
		if _, err := c.collectGraph(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
		good := loadFixtureFile(t, "testdata/fixtures-entra-good.json")
		snap.Queries = good.Queries
		snap.Documents = []Doc{{"id": "/tenant", "type": typeTenant}}
		for _, d := range good.Documents {
			if d.Type() == typeScheduledQuery {
				snap.Documents = append(snap.Documents, d)
			}
		}
		chk, _ := CheckByID("identity-break-glass")
		fs := RunSnapshot(snap, []Check{chk})
		if len(fs) != 1 {
			t.Fatalf("findings %+v", fs)
		}
		return fs[0], snap
	}
	withGroups := allGraphScopes
	var noGroups []string
	for _, p := range allGraphScopes {
		if p != "GroupMember.Read.All" {
			noGroups = append(noGroups, p)
		}
	}

	t.Run("members read", func(t *testing.T) {
		g := setup(t, []any{
			map[string]any{"@odata.type": "#microsoft.graph.user", "id": b1, "displayName": "Emergency One", "userPrincipalName": "bg1@example.com"},
			map[string]any{"@odata.type": "#microsoft.graph.user", "id": b2, "displayName": "Emergency Two"},
			map[string]any{"@odata.type": "#microsoft.graph.device", "id": "0000000d-0000-4000-8000-00000000000d"},
		})
		f, snap := run(t, g, withGroups)
		if f.Status != Pass || !strings.Contains(f.Detail, "2 emergency account(s)") || !strings.Contains(f.Detail, "through 1 excluded group") {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
		if g.requests[members] != 1 {
			t.Errorf("%d member requests, want 1", g.requests[members])
		}
		raw, _ := json.Marshal(snap.Graph[members])
		if strings.Contains(string(raw), "Emergency") || strings.Contains(string(raw), "example.com") || !strings.Contains(string(raw), `"objectType":"user"`) {
			t.Errorf("members kept as %s", raw)
		}
	})
	t.Run("one account not watched", func(t *testing.T) {
		// a1 is a Global Administrator too, but no alert rule names it.
		const a1 = "000000a1-0000-4000-8000-0000000000a1"
		g := setup(t, []any{
			map[string]any{"@odata.type": "#microsoft.graph.user", "id": b1},
			map[string]any{"@odata.type": "#microsoft.graph.user", "id": a1},
		})
		f, _ := run(t, g, withGroups)
		if f.Status != Fail || !strings.Contains(f.Detail, "names "+a1) || strings.Contains(f.Detail, "names "+b1) {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
	})
	t.Run("permission missing", func(t *testing.T) {
		g := setup(t, []any{map[string]any{"@odata.type": "#microsoft.graph.user", "id": b1}})
		f, _ := run(t, g, noGroups)
		if f.Status != NA || !strings.HasPrefix(f.Detail, ByHandPrefix) || !strings.Contains(f.Detail, "GroupMember.Read.All") {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
		if g.requests[members] != 0 {
			t.Errorf("members requested without the permission")
		}
	})
	t.Run("refused", func(t *testing.T) {
		g := setup(t, []any{})
		g.forbid[members] = true
		f, _ := run(t, g, withGroups)
		if f.Status != NA || !strings.Contains(f.Detail, "refused") {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
	})
	t.Run("no administrator in the group", func(t *testing.T) {
		g := setup(t, []any{map[string]any{"@odata.type": "#microsoft.graph.user", "id": "000000c1-0000-4000-8000-0000000000c1"}})
		f, _ := run(t, g, withGroups)
		if f.Status != Fail || !strings.Contains(f.Detail, "none of their members is a Global Administrator") {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
	})
	t.Run("nested group", func(t *testing.T) {
		g := setup(t, []any{map[string]any{"@odata.type": "#microsoft.graph.group", "id": "0000009b-0000-4000-8000-00000000009b"}})
		f, _ := run(t, g, withGroups)
		if f.Status != NA || !strings.Contains(f.Detail, "nested group") {
			t.Errorf("%s %q", f.Status, f.Detail)
		}
	})
}
