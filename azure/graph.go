package azure

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Microsoft Graph is read with plain v1.0 GETs through azcore's pipeline
// (runtime.NewPipeline): the same retry policy (Retry-After on 429), the
// same read-only policy bound to the configured hosts, and the same
// credential chain as Resource Graph. No Graph SDK: a dozen GETs of JSON
// do not need one, and msgraph-sdk-go would add tens of megabytes of
// generated models to the binary and minutes to a cold build.

// DefaultGraphEndpoint is Microsoft Graph in the Azure public cloud.
const DefaultGraphEndpoint = "https://graph.microsoft.com"

func (o Options) graphEndpoint() string {
	if o.GraphEndpoint != "" {
		return strings.TrimRight(o.GraphEndpoint, "/")
	}
	return DefaultGraphEndpoint
}

// graphScope is the scope of a token for Microsoft Graph: the app's
// static permissions (".default").
func graphScope(endpoint string) string { return strings.TrimRight(endpoint, "/") + "/.default" }

// ReadStats says what one Microsoft Graph or ARM read of a collection did.
// A snapshot keeps them (Snapshot.Reads), so offline checks can tell
// "read, and nothing there" from "not read" and name what was missing.
type ReadStats struct {
	// Source is "graph" or "arm"; Name the Graph request path without
	// query (the key under Snapshot.Graph) or the name of an ARM read.
	Source string `json:"source"`
	Name   string `json:"name"`
	// Query is the query string the read used ($select, $filter).
	Query    string `json:"query,omitempty"`
	Items    int    `json:"items"`
	Requests int    `json:"requests"`
	// Status: ok; missing-permission (Missing names what the token lacks);
	// not-licensed (the tenant lacks the Entra ID licence the API needs);
	// error; partial (some ARM reads failed, see Failed).
	Status  string   `json:"status"`
	Missing []string `json:"missing,omitempty"`
	Error   string   `json:"error,omitempty"`
	// Failed lists, for an ARM read made per resource, the resources
	// whose read failed and why.
	Failed    map[string]string `json:"failed,omitempty"`
	Throttled int               `json:"throttled,omitempty"`
}

// Read statuses.
const (
	ReadOK                = "ok"
	ReadMissingPermission = "missing-permission"
	ReadNotLicensed       = "not-licensed"
	ReadError             = "error"
	ReadPartial           = "partial"
)

// graphRead is one Microsoft Graph v1.0 read. Every shape, property and
// permission below is from the Microsoft Graph v1.0 API reference
// (learn.microsoft.com/graph/api/...), cited per read.
type graphRead struct {
	// Path is the request path after /v1.0, and the snapshot key.
	Path string
	// Select, Filter and Top make the query. Select is the least the
	// checks need; Names are added to it only with IncludeNames.
	Select []string
	Names  []string
	Filter string
	// FilterFallback: when the server refuses the filter (400), read
	// without it (and filter here).
	FilterFallback bool
	Top            int
	Collection     bool
	// Perms: any one of them suffices (least privileged first, as the API
	// reference lists them). Also: every one of these is needed too.
	Perms []string
	Also  []string
	// Licence names what the tenant needs, for a refusal that says so.
	Licence string
	// Family groups reads under one documented throttling limit.
	Family string
	// Checks are the checks that read it.
	Checks []string
	// Sanitize removes what ssrm must never keep (credential hints).
	Sanitize func(map[string]any)
	// KeepType keeps each item's @odata.type as objectType (the members
	// of a group are users, groups, devices or service principals).
	KeepType bool
}

// pathGroupMembers is the read of an emergency access group's members.
const pathGroupMembers = "/groups/{id}/members"

// maxEmergencyGroups bounds the member reads: groups excluded from every
// enforced Conditional Access policy are the emergency access groups, one
// or two in a tenant that follows Microsoft's guidance; more than this
// many are left to verify by hand rather than read.
const maxEmergencyGroups = 10

// groupMembersRead reads the direct members of one group: GET
// /groups/{id}/members (group-list-members), least privileged
// GroupMember.Read.All (Group.Read.All and Directory.Read.All also do),
// $select=id with the @odata.type of each member kept; names only with
// IncludeNames. Not transitive: a nested group is reported as such.
func groupMembersRead(id string) graphRead {
	return graphRead{Path: strings.Replace(pathGroupMembers, "{id}", id, 1), Collection: true, Family: familyDirectory, Top: 999,
		Select: []string{"id"}, Names: []string{"displayName", "userPrincipalName"}, KeepType: true,
		Perms:  []string{"GroupMember.Read.All", "Group.Read.All", "Directory.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All"},
		Checks: []string{"identity-break-glass"}}
}

// emergencyGroupsOf returns the groups excluded from every enforced
// Conditional Access policy in a read of the policies, sorted.
func emergencyGroupsOf(policies any) []string {
	l, _ := policies.([]any)
	ps := make([]caPolicy, 0, len(l))
	for _, d := range objects(l) {
		ps = append(ps, caPolicy(d))
	}
	var out []string
	for g := range emergencyOf(ps).groups {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// Throttling families (learn.microsoft.com/graph/throttling-limits):
// "Identity protection and conditional access service limits: 1 request
// per second per tenant for all apps" (conditionalAccessPolicy is listed);
// the identity and access service (users, applications, roles, policies)
// allows an application+tenant pair 3,500 (S, under 50 users), 5,000 (M)
// or 8,000 (L, above 500 users) ResourceUnits per 10 seconds, a GET costing
// 1 (2 for users and applications, less 1 with $select). ssrm paces the
// first family to one request a second and leaves the second to its
// concurrency bound (a few requests in flight use a few dozen
// ResourceUnits a second) and the retry policy.
const (
	familyCA        = "conditional-access"
	familyDirectory = "identity-and-access"
	familyReports   = "identity-and-access-reports"
)

// familyInterval is the least time between two requests of a family:
// a tenth over the documented limit, so network jitter does not make two
// requests arrive closer than it.
var familyInterval = map[string]time.Duration{familyCA: 1100 * time.Millisecond}

// Directory role template ids (the same in every tenant), from Microsoft
// Entra built-in roles (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
const (
	roleGlobalAdmin  = "62e90394-69f5-4237-9190-012177145e10"
	roleGlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
)

var (
	permRoleRead = []string{"RoleManagement.Read.Directory", "RoleManagement.Read.All", "Directory.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"}
	permAppRead  = []string{"Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
)

// graphReads are the reads of `ssrm azure collect --graph`: bulk reads
// with $select and paging, never a request per user.
func graphReads() []graphRead {
	return []graphRead{
		// GET /identity/conditionalAccess/policies — Policy.Read.All
		// (conditionalaccessroot-list-policies). No $select: it would drop
		// grantControls.authenticationStrength, a relationship the list
		// returns inline; display names are removed unless IncludeNames.
		{Path: "/identity/conditionalAccess/policies", Collection: true, Family: familyCA,
			Perms: []string{"Policy.Read.All"}, Names: []string{"displayName"},
			Checks: []string{"identity-security-defaults", "identity-mfa-admins", "identity-mfa-azure-management", "identity-legacy-auth-blocked", "identity-risk-policies", "identity-break-glass"}},
		// GET /policies/identitySecurityDefaultsEnforcementPolicy — Policy.Read.All.
		{Path: "/policies/identitySecurityDefaultsEnforcementPolicy", Select: []string{"id", "isEnabled"}, Family: familyDirectory,
			Perms:  []string{"Policy.Read.All"},
			Checks: []string{"identity-security-defaults", "identity-mfa-admins", "identity-mfa-azure-management", "identity-legacy-auth-blocked"}},
		// GET /policies/authorizationPolicy — Policy.Read.All,
		// Policy.ReadWrite.Authorization (authorizationpolicy-get): a single
		// object in v1.0.
		{Path: "/policies/authorizationPolicy", Family: familyDirectory,
			Select: []string{"id", "allowInvitesFrom", "defaultUserRolePermissions", "guestUserRoleId", "allowEmailVerifiedUsersToJoinOrganization"},
			Perms:  []string{"Policy.Read.All", "Policy.ReadWrite.Authorization"},
			Checks: []string{"user-consent-allowed", "identity-guest-invite", "identity-users-register-apps"}},
		// GET /roleManagement/directory/roleAssignments
		// (rbacapplication-list-roleassignments): active assignments,
		// permanent or activated through PIM.
		{Path: "/roleManagement/directory/roleAssignments", Collection: true, Family: familyDirectory,
			Select: []string{"id", "principalId", "roleDefinitionId", "directoryScopeId"},
			Perms:  permRoleRead,
			Checks: []string{"global-admin-count", "identity-pim-privileged", "identity-break-glass", "identity-admin-mfa-registered"}},
		// GET /roleManagement/directory/roleEligibilitySchedules
		// (rbacapplication-list-roleeligibilityschedules): PIM eligibility;
		// needs Entra ID P2 (or ID Governance).
		{Path: "/roleManagement/directory/roleEligibilitySchedules", Collection: true, Family: familyDirectory,
			Select:  []string{"id", "principalId", "roleDefinitionId", "directoryScopeId", "memberType", "status", "scheduleInfo"},
			Perms:   []string{"RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"},
			Licence: "Microsoft Entra ID P2 (Privileged Identity Management)",
			Checks:  []string{"global-admin-count", "identity-pim-privileged"}},
		// GET /roleManagement/directory/roleAssignmentScheduleInstances
		// (unifiedRoleAssignmentScheduleInstance): assignmentType Assigned
		// or Activated, endDateTime null for a permanent assignment.
		{Path: "/roleManagement/directory/roleAssignmentScheduleInstances", Collection: true, Family: familyDirectory,
			Select:  []string{"id", "principalId", "roleDefinitionId", "directoryScopeId", "assignmentType", "memberType", "startDateTime", "endDateTime"},
			Perms:   []string{"RoleAssignmentSchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"},
			Licence: "Microsoft Entra ID P2 (Privileged Identity Management)",
			Checks:  []string{"identity-pim-privileged"}},
		// GET /users, guests only, with signInActivity (user-list,
		// signInActivity): User.Read.All and AuditLog.Read.All, and Entra ID
		// P1 or P2 for signInActivity. With signInActivity selected a page
		// holds at most 120 users. Members are never listed.
		{Path: "/users", Collection: true, Family: familyDirectory, Filter: "userType eq 'Guest'", Top: 999,
			Select: []string{"id", "userType", "accountEnabled", "createdDateTime", "externalUserState", "signInActivity"},
			Names:  []string{"displayName", "userPrincipalName"},
			Perms:  []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}, Also: []string{"AuditLog.Read.All"},
			Licence: "Microsoft Entra ID P1 or P2 (sign-in activity)",
			Checks:  []string{"identity-stale-guests"}},
		// GET /applications (application-list): Application.Read.All.
		// passwordCredentials and keyCredentials are kept to their dates:
		// hint (the first characters of a secret) and key never stay.
		{Path: "/applications", Collection: true, Family: familyDirectory, Top: 999,
			Select: []string{"id", "appId", "createdDateTime", "passwordCredentials", "keyCredentials"},
			Names:  []string{"displayName"}, Perms: permAppRead, Sanitize: sanitizeCredentials,
			Checks: []string{"app-secret-expiry"}},
		// GET /servicePrincipals (serviceprincipal-list): the same, for
		// credentials set on the service principals this tenant owns.
		{Path: "/servicePrincipals", Collection: true, Family: familyDirectory, Top: 999,
			Select: []string{"id", "appId", "appOwnerOrganizationId", "servicePrincipalType", "accountEnabled", "passwordCredentials", "keyCredentials"},
			Names:  []string{"displayName"}, Perms: permAppRead, Sanitize: sanitizeCredentials,
			Checks: []string{"app-secret-expiry"}},
		// GET /reports/authenticationMethods/userRegistrationDetails, admins
		// only (authenticationmethodsroot-list-userregistrationdetails):
		// AuditLog.Read.All; Reports Reader, Security Reader or Global
		// Reader; Entra ID P1 or P2.
		{Path: "/reports/authenticationMethods/userRegistrationDetails", Collection: true, Family: familyReports,
			Filter: "isAdmin eq true", FilterFallback: true,
			Select:  []string{"id", "isAdmin", "isMfaRegistered", "isMfaCapable", "isPasswordlessCapable", "methodsRegistered", "userType"},
			Names:   []string{"userDisplayName", "userPrincipalName"},
			Perms:   []string{"AuditLog.Read.All"},
			Licence: "Microsoft Entra ID P1 or P2 (authentication methods activity)",
			Checks:  []string{"identity-admin-mfa-registered"}},
		// GET /subscribedSkus (subscribedsku-list): LicenseAssignment.Read.All
		// or Directory.Read.All and others; tells whether the tenant has
		// Entra ID P2 for the risk-based policies.
		{Path: "/subscribedSkus", Collection: true, Family: familyDirectory,
			Perms:  []string{"LicenseAssignment.Read.All", "Directory.Read.All", "Directory.ReadWrite.All", "Organization.Read.All", "Organization.ReadWrite.All"},
			Checks: []string{"identity-risk-policies", "entra-logs-exported"}},
	}
}

// GraphPermissions lists, per read, the Graph permissions it needs (any
// one of Perms, and all of Also), for the documentation and the preflight.
func GraphPermissions() []struct {
	Path   string
	Perms  []string
	Also   []string
	Checks []string
} {
	var out []struct {
		Path   string
		Perms  []string
		Also   []string
		Checks []string
	}
	for _, r := range append(graphReads(), groupMembersRead("{id}")) {
		out = append(out, struct {
			Path   string
			Perms  []string
			Also   []string
			Checks []string
		}{r.Path, r.Perms, r.Also, r.Checks})
	}
	return out
}

// sanitizeCredentials keeps only the dates and ids of an object's
// passwordCredentials and keyCredentials: never hint (the first three
// characters of a client secret), secretText, key or customKeyIdentifier.
func sanitizeCredentials(o map[string]any) {
	for _, prop := range []string{"passwordCredentials", "keyCredentials"} {
		l, ok := o[prop].([]any)
		if !ok {
			continue
		}
		kept := make([]any, 0, len(l))
		for _, c := range l {
			m, ok := c.(map[string]any)
			if !ok {
				continue
			}
			k := map[string]any{}
			for _, f := range []string{"keyId", "startDateTime", "endDateTime", "type", "usage"} {
				if v, ok := m[f]; ok {
					k[f] = v
				}
			}
			kept = append(kept, k)
		}
		o[prop] = kept
	}
}

// tokenInfo is what the preflight reads from the Graph access token's
// claims: never the token itself.
type tokenInfo struct {
	known     bool
	delegated bool
	granted   map[string]bool
	wids      []string
	tenant    string
}

// readToken decodes the claims of a JWT access token (no verification:
// only to tell the user which permissions it carries). An opaque or
// unreadable token gives known=false, and every read is simply tried.
func readToken(tok string) tokenInfo {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return tokenInfo{}
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return tokenInfo{}
	}
	var c struct {
		Scp   string   `json:"scp"`
		Roles []string `json:"roles"`
		Wids  []string `json:"wids"`
		Tid   string   `json:"tid"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return tokenInfo{}
	}
	ti := tokenInfo{known: true, granted: map[string]bool{}, wids: c.Wids, tenant: c.Tid}
	if c.Scp != "" {
		ti.delegated = true
		for _, s := range strings.Fields(c.Scp) {
			ti.granted[strings.ToLower(s)] = true
		}
	}
	for _, r := range c.Roles {
		ti.granted[strings.ToLower(r)] = true
	}
	return ti
}

// missing returns the permissions a read needs that the token lacks: the
// first of Perms when it has none of them, and each of Also it lacks.
func (ti tokenInfo) missing(r graphRead) []string {
	if !ti.known {
		return nil
	}
	var out []string
	has := false
	for _, p := range r.Perms {
		if ti.granted[strings.ToLower(p)] {
			has = true
		}
	}
	if !has && len(r.Perms) > 0 {
		out = append(out, r.Perms[0])
	}
	for _, p := range r.Also {
		if !ti.granted[strings.ToLower(p)] {
			out = append(out, p)
		}
	}
	return out
}

// Preflight is what the token allows, before any Graph read.
type Preflight struct {
	// Known is false when the token could not be read (then every read is
	// tried and refusals are reported after).
	Known     bool   `json:"known"`
	Delegated bool   `json:"delegated"`
	TenantID  string `json:"tenant_id,omitempty"`
	// GlobalReader is set when a signed-in user holds Global Reader (the
	// wids claim), which is enough for every read.
	GlobalReader bool `json:"global_reader,omitempty"`
	// Missing maps each read the token cannot make to the permissions it
	// lacks, and Checks to the checks that stay "verify by hand".
	Missing map[string][]string `json:"missing,omitempty"`
}

// graphClient reads Microsoft Graph.
type graphClient struct {
	pl       runtime.Pipeline
	endpoint string
	names    bool
	sem      chan struct{}

	mu       sync.Mutex
	next     map[string]time.Time // earliest start of the next request per family
	requests int
}

func newGraphClient(o Options) *graphClient {
	co := &policy.ClientOptions{Transport: o.Transport}
	co.Retry = o.retryOptions()
	co.Telemetry.ApplicationID = "ssrm"
	co.Logging.IncludeBody = false
	armEndpoint := ""
	if svc, ok := o.Cloud.Services["resourceManager"]; ok {
		armEndpoint = svc.Endpoint
	}
	ep := o.graphEndpoint()
	pl := runtime.NewPipeline("ssrm", "graph", runtime.PipelineOptions{
		PerCall:  []policy.Policy{newReadOnlyPolicy(armEndpoint, ep)},
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(o.Credential, []string{graphScope(ep)}, nil)},
	}, co)
	n := o.Concurrency
	if n <= 0 {
		n = 4
	}
	return &graphClient{pl: pl, endpoint: ep, names: o.IncludeNames, sem: make(chan struct{}, n), next: map[string]time.Time{}}
}

// pace waits until a request of the family may start.
func (g *graphClient) pace(ctx context.Context, family string) error {
	iv := familyInterval[family]
	if iv == 0 {
		return nil
	}
	g.mu.Lock()
	now := time.Now()
	at := g.next[family]
	if at.Before(now) {
		at = now
	}
	g.next[family] = at.Add(iv)
	g.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// get fetches one URL and decodes the JSON object it returns.
func (g *graphClient) get(ctx context.Context, u, family string) (map[string]any, error) {
	if err := g.pace(ctx, family); err != nil {
		return nil, err
	}
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-g.sem }()
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return nil, err
	}
	req.Raw().Header.Set("Accept", "application/json")
	g.mu.Lock()
	g.requests++
	g.mu.Unlock()
	resp, err := g.pl.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, runtime.NewResponseError(resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("GET %s: not a JSON object: %w", redactURL(u), err)
	}
	return out, nil
}

// redactURL drops the query (skip tokens) from a URL for messages.
func redactURL(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}

// query builds the query string of a read.
func (g *graphClient) query(r graphRead, filter bool) string {
	v := url.Values{}
	sel := append([]string(nil), r.Select...)
	if g.names && len(sel) > 0 {
		sel = append(sel, r.Names...)
	}
	if len(sel) > 0 {
		v.Set("$select", strings.Join(sel, ","))
	}
	if filter && r.Filter != "" {
		v.Set("$filter", r.Filter)
	}
	if r.Top > 0 {
		v.Set("$top", fmt.Sprint(r.Top))
	}
	return strings.ReplaceAll(v.Encode(), "+", "%20")
}

// read makes one graphRead, following @odata.nextLink to the end.
func (g *graphClient) read(ctx context.Context, r graphRead) (any, ReadStats) {
	st := ReadStats{Source: "graph", Name: r.Path}
	filter := true
	for {
		st.Query = g.query(r, filter)
		u := g.endpoint + "/v1.0" + r.Path
		if st.Query != "" {
			u += "?" + st.Query
		}
		var items []any
		var single map[string]any
		err := func() error {
			for page := 0; u != ""; page++ {
				st.Requests++
				obj, err := g.get(ctx, u, r.Family)
				if err != nil {
					return err
				}
				if !r.Collection {
					single = obj
					return nil
				}
				vals, _ := obj["value"].([]any)
				items = append(items, vals...)
				next, _ := obj["@odata.nextLink"].(string)
				u = next
			}
			return nil
		}()
		if err != nil {
			var re *azcore.ResponseError
			if errors.As(err, &re) && re.StatusCode == http.StatusBadRequest && filter && r.FilterFallback {
				filter = false // read it all, filter here
				continue
			}
			g.classify(&st, r, err)
			return nil, st
		}
		st.Status = ReadOK
		if !r.Collection {
			g.clean(single, r)
			st.Items = 1
			return single, st
		}
		kept := make([]any, 0, len(items))
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			if !filter && r.Filter == "isAdmin eq true" {
				if b, _ := m["isAdmin"].(bool); !b {
					continue
				}
			}
			g.clean(m, r)
			kept = append(kept, m)
		}
		st.Items = len(kept)
		return kept, st
	}
}

// clean removes OData annotations, names (unless asked for) and secrets.
func (g *graphClient) clean(m map[string]any, r graphRead) {
	if t, ok := m["@odata.type"].(string); ok && r.KeepType {
		m["objectType"] = strings.TrimPrefix(t, "#microsoft.graph.")
	}
	for k := range m {
		if strings.HasPrefix(k, "@odata.") || strings.Contains(k, "@odata.") {
			delete(m, k)
		}
	}
	if !g.names {
		for _, n := range append([]string{"displayName", "userPrincipalName", "mail", "userDisplayName"}, r.Names...) {
			delete(m, n)
		}
	}
	if r.Sanitize != nil {
		r.Sanitize(m)
	}
}

// classify turns a failed read into its status.
func (g *graphClient) classify(st *ReadStats, r graphRead, err error) {
	st.Status, st.Error = ReadError, describe(err).Error()
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return
	}
	code := strings.ToLower(re.ErrorCode)
	switch {
	case strings.Contains(code, "premium") || strings.Contains(code, "licen") || strings.Contains(code, "nonpremium"):
		st.Status = ReadNotLicensed
		if r.Licence != "" {
			st.Error = "the tenant needs " + r.Licence + ": " + st.Error
		}
	case re.StatusCode == http.StatusForbidden || re.StatusCode == http.StatusUnauthorized:
		st.Status = ReadMissingPermission
		st.Missing = append([]string{r.Perms[0]}, r.Also...)
		need := "one of " + strings.Join(r.Perms, ", ")
		if len(r.Perms) == 1 {
			need = r.Perms[0]
		}
		if len(r.Also) > 0 {
			need += " and " + strings.Join(r.Also, ", ")
		}
		st.Error = "refused (" + st.Error + "): it needs " + need + ", and a signed-in user also needs a role that may read it (Global Reader is enough)"
	}
}

// collectGraph runs every Graph read the token allows into the snapshot.
func (c *Collector) collectGraph(ctx context.Context, snap *Snapshot) (*Preflight, error) {
	g := newGraphClient(c.opts)
	pf := &Preflight{Missing: map[string][]string{}}
	tok, err := c.opts.Credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{graphScope(g.endpoint)}})
	if err != nil {
		return nil, fmt.Errorf("microsoft graph sign-in: %w", err)
	}
	ti := readToken(tok.Token)
	pf.Known, pf.Delegated, pf.TenantID = ti.known, ti.delegated, ti.tenant
	for _, w := range ti.wids {
		if strings.EqualFold(w, roleGlobalReader) || strings.EqualFold(w, roleGlobalAdmin) {
			pf.GlobalReader = true
		}
	}
	if snap.Graph == nil {
		snap.Graph = map[string]any{}
	}
	if snap.TenantID == "" {
		snap.TenantID = ti.tenant
	}
	snap.IncludeNames = c.opts.IncludeNames
	stats := c.readGraph(ctx, g, ti, graphReads(), snap, pf, func(r graphRead) string { return r.Path })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stats = append(stats, c.readEmergencyGroups(ctx, g, ti, snap, pf)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	snap.Reads = append(snap.Reads, stats...)
	return pf, nil
}

// readEmergencyGroups reads the members of the groups excluded from every
// enforced Conditional Access policy, so identity-break-glass can judge
// the accounts in them: one paged read per group, at most
// maxEmergencyGroups of them, after the policies are in.
func (c *Collector) readEmergencyGroups(ctx context.Context, g *graphClient, ti tokenInfo, snap *Snapshot, pf *Preflight) []ReadStats {
	groups := emergencyGroupsOf(snap.Graph[pathCA])
	if len(groups) > maxEmergencyGroups {
		st := ReadStats{Source: "graph", Name: pathGroupMembers, Status: ReadError,
			Error: fmt.Sprintf("%d groups are excluded from every enforced policy, more than the %d ssrm reads: not requested", len(groups), maxEmergencyGroups)}
		c.graphProgress(st)
		return []ReadStats{st}
	}
	reads := make([]graphRead, len(groups))
	for i, id := range groups {
		reads[i] = groupMembersRead(id)
	}
	// a missing permission is recorded once, under the path pattern
	return c.readGraph(ctx, g, ti, reads, snap, pf, func(graphRead) string { return pathGroupMembers })
}

// readGraph makes the reads the token allows side by side, into
// snap.Graph; a read the token lacks a permission for is not requested,
// and pf.Missing records it under missingKey. The stats keep the reads'
// order.
func (c *Collector) readGraph(ctx context.Context, g *graphClient, ti tokenInfo, reads []graphRead, snap *Snapshot, pf *Preflight, missingKey func(graphRead) string) []ReadStats {
	stats := make([]ReadStats, len(reads))
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, r := range reads {
		if m := ti.missing(r); len(m) > 0 {
			pf.Missing[missingKey(r)] = m
			stats[i] = ReadStats{Source: "graph", Name: r.Path, Status: ReadMissingPermission, Missing: m,
				Error: "the token lacks " + strings.Join(m, " and ") + ": not requested"}
			c.graphProgress(stats[i])
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, st := g.read(ctx, r)
			mu.Lock()
			stats[i] = st
			if st.Status == ReadOK {
				snap.Graph[r.Path] = v
			}
			mu.Unlock()
			c.graphProgress(st)
		}()
	}
	wg.Wait()
	return stats
}

func (c *Collector) graphProgress(st ReadStats) {
	if c.opts.GraphProgress == nil {
		return
	}
	c.pmu.Lock()
	defer c.pmu.Unlock()
	c.opts.GraphProgress(st)
}

// collectExtras makes the reads beyond Resource Graph that the options ask
// for: the ARM GETs (which need the Resource Graph documents) and the
// Microsoft Graph reads, side by side. Their failures are recorded in
// snap.Reads, never fatal; only cancellation stops the collection.
func (c *Collector) collectExtras(ctx context.Context, snap *Snapshot) error {
	var wg sync.WaitGroup
	var armErr, graphErr error
	var armDocs []Doc
	if c.opts.ARMExtras {
		// On a copy, so the Graph reads can append to snap meanwhile.
		part := &Snapshot{Documents: append([]Doc(nil), snap.Documents...), Subscriptions: snap.Subscriptions}
		wg.Add(1)
		go func() {
			defer wg.Done()
			armErr = c.collectARM(ctx, part)
			armDocs = part.Documents
			c.pmu.Lock()
			c.armReads = part.Reads
			c.pmu.Unlock()
		}()
	}
	if c.opts.Graph {
		pf, err := c.collectGraph(ctx, snap)
		graphErr = err
		c.Preflight = pf
	}
	wg.Wait()
	if c.opts.ARMExtras && armErr == nil {
		snap.Documents = armDocs
		snap.Reads = append(c.armReads, snap.Reads...)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if armErr != nil {
		return armErr
	}
	if graphErr != nil {
		return graphErr
	}
	return nil
}

// newGraphRequest makes a request for the Graph pipeline.
func newGraphRequest(ctx context.Context, method, u string) (*policy.Request, error) {
	return runtime.NewRequest(ctx, method, u)
}
