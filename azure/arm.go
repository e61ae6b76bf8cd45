package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	armruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Resource types that only read-only ARM GETs return (Resource Graph does
// not index them). They become ordinary documents with their ARM type.
const (
	typeSQLDatabase      = "microsoft.sql/servers/databases"
	typeDiagSetting      = "microsoft.insights/diagnosticsettings"
	typeSQLAuditing      = "microsoft.sql/servers/auditingsettings"
	typeTDE              = "microsoft.sql/servers/databases/transparentdataencryption"
	typeKVSecret         = "microsoft.keyvault/vaults/secrets"
	typeKVKey            = "microsoft.keyvault/vaults/keys"
	typeSecurityContact  = "microsoft.security/securitycontacts"
	typeEntraDiagSetting = "microsoft.aadiam/diagnosticsettings"
	typeScheduledQuery   = "microsoft.insights/scheduledqueryrules"
	typeRoleEligInst     = "microsoft.authorization/roleeligibilityscheduleinstances"
	typeRoleAssignInst   = "microsoft.authorization/roleassignmentscheduleinstances"
)

// TableARM is the Check.Table of the checks that read ARM GETs, and the
// QueryStats table of those reads.
const TableARM = "arm"

// TableGraph is the Check.Table of the checks over Microsoft Graph.
const TableGraph = "microsoft graph"

// armRead is one kind of read-only ARM GET, made once per parent resource
// (or once per subscription, or once for the tenant).
type armRead struct {
	// Name names the read in ReadStats and the snapshot.
	Name string
	// Parents are the resource types it is made for; "subscription" and
	// "tenant" make it once per subscription or once.
	Parents []string
	// Suffix is appended to the parent id; APIVersion is the REST API
	// version (each cited from the REST API reference).
	Suffix     string
	APIVersion string
	// Type is the ARM type of what it returns, lower case.
	Type string
	// Skip leaves out some parents (a database named master).
	Skip func(Doc) bool
	// Each, when set, makes one GET per parent and element, the element
	// appended to Suffix after a slash (one server parameter each).
	Each []string
	// NotFoundEmpty reads a 404 as "nothing there" (a database type
	// without TDE, a server parameter an engine version lacks), not as a
	// failure.
	NotFoundEmpty bool
	// Drop are property paths removed from every returned item before it
	// is kept: values that may be secrets never reach the snapshot.
	Drop [][]string
	// Query is added to the query string ("$filter=atScope()").
	Query string
}

// armReads are the ARM GETs `ssrm azure collect` makes beyond Resource
// Graph. Reader is enough for all but the Entra diagnostic settings
// (microsoft.aadiam), which need an Entra role that can read them
// (Security Reader or Global Reader); a refusal is recorded, not fatal.
func armReads() []armRead {
	notMaster := func(d Doc) bool { return strings.EqualFold(d.Name(), "master") }
	return []armRead{
		// Diagnostic Settings - List: GET {resourceUri}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview
		// (learn.microsoft.com/rest/api/monitor/diagnostic-settings/list).
		// Storage sends its resource logs per service: the blob service's
		// settings are read, the account's own carry only metrics.
		{Name: "diagnostic-settings", Parents: []string{typeKeyVault, typeSQLDatabase, typeCosmos}, Suffix: "/providers/Microsoft.Insights/diagnosticSettings", APIVersion: "2021-05-01-preview", Type: typeDiagSetting, Skip: notMaster},
		{Name: "storage-blob-diagnostic-settings", Parents: []string{typeStorage}, Suffix: "/blobServices/default/providers/Microsoft.Insights/diagnosticSettings", APIVersion: "2021-05-01-preview", Type: typeDiagSetting},
		// Subscription Diagnostic Settings - List (the activity log export).
		{Name: "subscription-diagnostic-settings", Parents: []string{"subscription"}, Suffix: "/providers/Microsoft.Insights/diagnosticSettings", APIVersion: "2021-05-01-preview", Type: typeDiagSetting},
		// Server Blob Auditing Policies - Get: {server}/auditingSettings/default, api-version 2021-11-01.
		{Name: "sql-auditing", Parents: []string{typeSQLServer}, Suffix: "/auditingSettings/default", APIVersion: "2021-11-01", Type: typeSQLAuditing},
		// Transparent Data Encryptions - Get: {database}/transparentDataEncryption/current, api-version 2021-11-01.
		{Name: "sql-tde", Parents: []string{typeSQLDatabase}, Suffix: "/transparentDataEncryption/current", APIVersion: "2021-11-01", Type: typeTDE, Skip: notMaster, NotFoundEmpty: true},
		// Firewall Rules - List By Server: {server}/firewallRules, api-version 2021-11-01.
		{Name: "sql-firewall-rules", Parents: []string{typeSQLServer}, Suffix: "/firewallRules", APIVersion: "2021-11-01", Type: typeSQLFirewall},
		// Secrets - List and Keys - List (Microsoft.KeyVault management
		// plane, api-version 2023-07-01): names and attributes (exp) only,
		// never a value, and unaffected by the vault's firewall.
		{Name: "keyvault-secrets", Parents: []string{typeKeyVault}, Suffix: "/secrets", APIVersion: "2023-07-01", Type: typeKVSecret},
		{Name: "keyvault-keys", Parents: []string{typeKeyVault}, Suffix: "/keys", APIVersion: "2023-07-01", Type: typeKVKey},
		// Security Contacts - List: /subscriptions/{id}/providers/Microsoft.Security/securityContacts, api-version 2020-01-01-preview.
		{Name: "security-contacts", Parents: []string{"subscription"}, Suffix: "/providers/Microsoft.Security/securityContacts", APIVersion: "2020-01-01-preview", Type: typeSecurityContact},
		// Configurations - Get (PostgreSQL flexible server): GET
		// {server}/configurations/{configurationName}?api-version=2024-08-01
		// (learn.microsoft.com/rest/api/postgresql/flexibleserver/configurations/get).
		// One GET per parameter the checks judge, not the list of some 400
		// parameters per server; a parameter the engine lacks (404) takes
		// its default.
		{Name: "postgres-parameters", Parents: []string{typePGFlex}, Suffix: "/configurations", Each: pgParams, APIVersion: "2024-08-01", Type: typePGConfig, NotFoundEmpty: true},
		// Configurations - Get (MySQL flexible server): GET
		// {server}/configurations/{configurationName}?api-version=2023-12-30
		// (learn.microsoft.com/rest/api/mysql/flexibleserver/configurations/get).
		{Name: "mysql-parameters", Parents: []string{typeMySQLFlex}, Suffix: "/configurations", Each: mysqlParams, APIVersion: "2023-12-30", Type: typeMySQLConfig, NotFoundEmpty: true},
		// API Management: Api - List By Service, Backend - List By Service
		// and Named Value - List By Service, GET {service}/apis, /backends,
		// /namedValues?api-version=2024-05-01
		// (learn.microsoft.com/rest/api/apimanagement/api/list-by-service,
		// .../backend/list-by-service, .../named-value/list-by-service).
		// Names and settings only: a named value's value and a backend's
		// credentials (header and query values, authorization parameter)
		// and proxy password are dropped before anything is kept. Secret
		// named values' values are not in the list anyway (Named Value -
		// List Value is a POST, which the read-only policy refuses).
		{Name: "apim-apis", Parents: []string{typeAPIM}, Suffix: "/apis", APIVersion: "2024-05-01", Type: typeAPIMAPI},
		{Name: "apim-backends", Parents: []string{typeAPIM}, Suffix: "/backends", APIVersion: "2024-05-01", Type: typeAPIMBackend,
			Drop: [][]string{{"properties", "credentials"}, {"properties", "proxy"}}},
		{Name: "apim-named-values", Parents: []string{typeAPIM}, Suffix: "/namedValues", APIVersion: "2024-05-01", Type: typeAPIMNamedVal,
			Drop: [][]string{{"properties", "value"}}},
		// Azure RBAC through Privileged Identity Management, per
		// subscription: Role Eligibility Schedule Instances - List For
		// Scope and Role Assignment Schedule Instances - List For Scope,
		// GET {scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances
		// (and roleAssignmentScheduleInstances)?$filter=atScope()&api-version=2020-10-01
		// (learn.microsoft.com/rest/api/authorization/role-eligibility-schedule-instances/list-for-scope):
		// atScope() returns what applies at the subscription or above it
		// (management groups). An active assignment's assignmentType says
		// Assigned (standing) or Activated (through PIM).
		{Name: "pim-azure-eligible", Parents: []string{"subscription"}, Suffix: "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances", Query: "$filter=atScope()", APIVersion: "2020-10-01", Type: typeRoleEligInst},
		{Name: "pim-azure-active", Parents: []string{"subscription"}, Suffix: "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances", Query: "$filter=atScope()", APIVersion: "2020-10-01", Type: typeRoleAssignInst},
		// Entra ID diagnostic settings: /providers/microsoft.aadiam/diagnosticSettings, api-version 2017-04-01.
		{Name: "entra-diagnostic-settings", Parents: []string{"tenant"}, Suffix: "/providers/microsoft.aadiam/diagnosticSettings", APIVersion: "2017-04-01", Type: typeEntraDiagSetting},
	}
}

// ARMRead describes one kind of read-only ARM GET for the permissions
// listing: its name, the request path under each parent, the API version,
// and the resource types (or subscription, tenant) it is made once for.
type ARMRead struct {
	Name, Path, APIVersion, Per string
}

// ARMReads lists the ARM GETs of 'ssrm azure collect'. Every one is a
// GET, which the Reader role's */read allows, except the Entra diagnostic
// settings (microsoft.aadiam), which also need an Entra role.
func ARMReads() []ARMRead {
	var out []ARMRead
	for _, r := range armReads() {
		path := r.Suffix
		if len(r.Each) > 0 {
			path += "/{" + strings.Join(r.Each, ",") + "}"
		}
		out = append(out, ARMRead{Name: r.Name, Path: path, APIVersion: r.APIVersion, Per: strings.Join(r.Parents, ", ")})
	}
	return out
}

// armGet is one GET of an armRead.
type armGet struct {
	read   armRead
	parent string
	url    string
}

// ARM's read throttling headers: how many reads the subscription (or
// tenant) has left in the current window. ARM's documented limits
// (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling)
// are a per-subscription and per-tenant token bucket; ssrm slows down when
// few are left and waits out a 429's Retry-After through the retry policy.
const (
	headerARMReadsSub    = "x-ms-ratelimit-remaining-subscription-reads"
	headerARMReadsTenant = "x-ms-ratelimit-remaining-tenant-reads"
	armLowWater          = 20
)

// armLimiter holds requests back for a second whenever a response says
// fewer than armLowWater reads are left.
type armLimiter struct {
	mu    sync.Mutex
	until time.Time
	waits int
}

func (l *armLimiter) wait(ctx context.Context) error {
	l.mu.Lock()
	d := time.Until(l.until)
	if d > 0 {
		l.waits++
	}
	l.mu.Unlock()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (l *armLimiter) observe(h http.Header) {
	for _, k := range []string{headerARMReadsSub, headerARMReadsTenant} {
		if n, err := strconv.Atoi(strings.TrimSpace(h.Get(k))); err == nil && n < armLowWater {
			l.mu.Lock()
			if u := time.Now().Add(time.Second); u.After(l.until) {
				l.until = u
			}
			l.mu.Unlock()
		}
	}
}

// planARM lists the GETs the ARM reads make for a snapshot's resources:
// one per parent (per parent and element for reads with Each), before
// paging. Its length is the request count of a collection without
// nextLink pages or retries.
func planARM(snap *Snapshot, endpoint string) []armGet {
	inv := NewInventory(snap.Documents)
	var gets []armGet
	for _, r := range armReads() {
		var parents []string
		for _, p := range r.Parents {
			switch p {
			case "tenant":
				parents = append(parents, "")
			case "subscription":
				for _, s := range snap.Subscriptions {
					parents = append(parents, "/subscriptions/"+s.ID)
				}
			default:
				for _, d := range inv.OfType(p) {
					if r.Skip == nil || !r.Skip(d) {
						parents = append(parents, d.ID())
					}
				}
			}
		}
		q := "?api-version=" + r.APIVersion
		if r.Query != "" {
			k, v, _ := strings.Cut(r.Query, "=")
			q = "?" + url.QueryEscape(k) + "=" + url.PathEscape(v) + "&api-version=" + r.APIVersion
		}
		for _, p := range parents {
			if len(r.Each) == 0 {
				gets = append(gets, armGet{read: r, parent: p, url: endpoint + p + r.Suffix + q})
			}
			for _, e := range r.Each {
				gets = append(gets, armGet{read: r, parent: p, url: endpoint + p + r.Suffix + "/" + e + q})
			}
		}
	}
	return gets
}

// collectARM makes the ARM reads for the resources of the snapshot.
func (c *Collector) collectARM(ctx context.Context, snap *Snapshot) error {
	co := ClientOptions(c.opts, nil)
	pl, err := armruntime.NewPipeline("ssrm", "arm", c.opts.Credential, runtime.PipelineOptions{}, co)
	if err != nil {
		return fmt.Errorf("azure: arm pipeline: %w", err)
	}
	endpoint := strings.TrimRight(co.Cloud.Services[cloud.ResourceManager].Endpoint, "/")
	gets := planARM(snap, endpoint)
	stats := map[string]*ReadStats{}
	for _, r := range armReads() {
		stats[r.Name] = &ReadStats{Source: "arm", Name: r.Name, Status: ReadOK}
	}
	failed := map[string]int{} // failed GETs per read
	lim := &armLimiter{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, c.opts.Concurrency)
	for _, g := range gets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			docs, n, err := armFetch(ctx, pl, lim, g)
			mu.Lock()
			defer mu.Unlock()
			st := stats[g.read.Name]
			st.Requests += n
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				failed[g.read.Name]++
				if st.Failed == nil {
					st.Failed = map[string]string{}
				}
				key := g.parent
				if key == "" {
					key = "/"
				}
				st.Failed[key] = describe(err).Error()
				return
			}
			st.Items += len(docs)
			snap.Documents = append(snap.Documents, docs...)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	names := make([]string, 0, len(stats))
	for n := range stats {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		st := stats[n]
		st.Throttled = lim.waits
		switch {
		case failed[n] > 0 && st.Items == 0 && failed[n] == st.Requests:
			st.Status = ReadError
			if allForbidden(st.Failed) {
				st.Status = ReadMissingPermission
			}
		case len(st.Failed) > 0:
			st.Status = ReadPartial
		}
		snap.Reads = append(snap.Reads, *st)
		c.graphProgress(*st)
	}
	sort.SliceStable(snap.Documents, func(i, j int) bool { return snap.Documents[i].ID() < snap.Documents[j].ID() })
	return nil
}

func allForbidden(failed map[string]string) bool {
	for _, e := range failed {
		if !strings.Contains(e, "HTTP 403") && !strings.Contains(e, "HTTP 401") {
			return false
		}
	}
	return true
}

// armFetch makes one GET (following nextLink) and returns its documents,
// typed and tied to their parent.
func armFetch(ctx context.Context, pl runtime.Pipeline, lim *armLimiter, g armGet) ([]Doc, int, error) {
	var docs []Doc
	u := g.url
	n := 0
	for u != "" {
		if err := lim.wait(ctx); err != nil {
			return nil, n, err
		}
		req, err := runtime.NewRequest(ctx, http.MethodGet, u)
		if err != nil {
			return nil, n, err
		}
		n++
		resp, err := pl.Do(req)
		if err != nil {
			return nil, n, err
		}
		lim.observe(resp.Header)
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound && g.read.NotFoundEmpty {
			return nil, n, nil
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body = io.NopCloser(strings.NewReader(string(body)))
			return nil, n, runtime.NewResponseError(resp)
		}
		if rerr != nil {
			return nil, n, rerr
		}
		var obj map[string]any
		if err := json.Unmarshal(body, &obj); err != nil {
			return nil, n, fmt.Errorf("GET %s: not a JSON object: %w", redactURL(u), err)
		}
		items := []any{obj}
		if v, ok := obj["value"]; ok {
			// A list; null reads as empty.
			items, _ = v.([]any)
		}
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			for _, path := range g.read.Drop {
				dropPath(m, path)
			}
			d := Doc(m)
			if d.Str("type") == "" {
				m["type"] = g.read.Type
			} else {
				m["type"] = strings.ToLower(d.Str("type"))
			}
			// Subscription diagnostic settings come back as
			// microsoft.insights/diagnosticsettings too; keep the parent
			// so checks join without parsing ids.
			m["_parent"] = g.parent
			if d.ID() == "" {
				m["id"] = g.parent + g.read.Suffix + "/" + d.Name()
			}
			docs = append(docs, d)
		}
		next, _ := obj["nextLink"].(string)
		u = next
	}
	return docs, n, nil
}

// dropPath deletes a nested property (properties.value) from an object.
func dropPath(m map[string]any, path []string) {
	for i, k := range path {
		if i == len(path)-1 {
			delete(m, k)
			return
		}
		next, ok := m[k].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
}

// The server parameters the PostgreSQL and MySQL checks read.
var (
	pgParams    = []string{"require_secure_transport", "ssl_min_protocol_version"}
	mysqlParams = []string{"require_secure_transport", "tls_version", "aad_auth_only"}
)

// armTypeReads maps a document type to the names of the ARM reads that
// return it.
var armTypeReads = func() map[string][]string {
	m := map[string][]string{}
	for _, r := range armReads() {
		m[r.Type] = append(m[r.Type], r.Name)
	}
	return m
}()

// armReadsOf names the ARM reads that return documents of a type.
func armReadsOf(t string) []string { return armTypeReads[t] }

// armRan reports whether a read returning documents of the type was made
// (whatever came of it).
func (inv *Inventory) armRan(t string) bool {
	for _, n := range armReadsOf(t) {
		if _, ok := inv.readStats("arm", n); ok {
			return true
		}
	}
	return false
}

// armFailed returns why a read of documents of a type failed for a
// parent, or "".
func (inv *Inventory) armFailed(t, parent string) string {
	for _, n := range armReadsOf(t) {
		st, ok := inv.readStats("arm", n)
		if !ok {
			continue
		}
		for k, e := range st.Failed {
			if strings.EqualFold(k, parent) {
				return e
			}
		}
	}
	return ""
}

// armChildGate decides for a check over the documents a per-parent ARM
// read returns (server parameters, API Management APIs): done is false
// when the check can judge the parent with what was read (nothing read
// for it means none exist, or, for parameters, their defaults). Otherwise
// r is the result: "verify by hand" naming the error when the read failed
// for this parent (even if part of it came back: a missing parameter
// must not pass as its default); Skip when no such read was made and the
// input holds no document of the type (the tenant finding says so once,
// see armTenantOf). Documents of the type in an input without read
// records ('az rest' output, the peer corpus) count as read.
func (inv *Inventory) armChildGate(d Doc, childType, what, how string) (r Result, done bool) {
	if e := inv.armFailed(childType, d.ID()); e != "" {
		return byHand(what+" of "+d.Name()+" could not be read: "+e, how), true
	}
	if inv.armRan(childType) || len(inv.OfType(childType)) > 0 {
		return Result{}, false
	}
	return Result{Status: Skip, Detail: ByHandPrefix + what + " " + notCollectedARM}, true
}

// armTenantOf is the tenant-level result of the checks over per-parent
// ARM documents: once, "verify by hand" when no read of them was made, the
// input holds none, and there are parents to read; nothing otherwise.
func armTenantOf(childType string, parents []string, what, how string) func(Doc, *Inventory) Result {
	return func(d Doc, inv *Inventory) Result {
		if inv.armRan(childType) || len(inv.OfType(childType)) > 0 {
			return Result{Status: Skip}
		}
		n := 0
		for _, t := range parents {
			n += len(inv.OfType(t))
		}
		if n == 0 {
			return Result{Status: Skip}
		}
		return byHand(fmt.Sprintf("%s of %d resource(s) %s", what, n, notCollectedARM), how)
	}
}

// armReadOf returns the stats of an ARM read in a snapshot's inventory.
func (inv *Inventory) readStats(source, name string) (ReadStats, bool) {
	for _, r := range inv.reads {
		if r.Source == source && r.Name == name {
			return r, true
		}
	}
	return ReadStats{}, false
}

// notCollectedARM ends the reason of a check whose ARM reads were not
// made at all.
const notCollectedARM = "were not collected (ssrm azure collect reads them; 'az graph query' output has none)"

// armGate decides for a check over ARM read results: done is false when
// the read covered the parent and the check can judge it; otherwise r is
// the result to give: Skip when the reads were not made at all (the tenant
// document says so once, see armTenant), "verify by hand" naming the
// failure when the read failed for this parent.
func (inv *Inventory) armGate(read, parent, what, how string) (r Result, done bool) {
	st, ok := inv.readStats("arm", read)
	if !ok {
		return Result{Status: Skip, Detail: ByHandPrefix + what + " " + notCollectedARM}, true
	}
	key := parent
	if key == "" {
		key = "/"
	}
	if e, bad := st.Failed[key]; bad {
		return byHand(what+" could not be read: "+e, how), true
	}
	return Result{}, false
}

// armTenant is the tenant-level result of a per-resource ARM check: once,
// "verify by hand" when its reads were not made and there are resources
// to read; nothing otherwise (the resources speak for themselves).
func armTenant(read string, parents []string, what, how string) func(Doc, *Inventory) Result {
	return func(d Doc, inv *Inventory) Result {
		if _, ok := inv.readStats("arm", read); ok {
			return Result{Status: Skip}
		}
		n := 0
		for _, t := range parents {
			for _, p := range inv.OfType(t) {
				if !eq(p.Name(), "master") {
					n++
				}
			}
		}
		if n == 0 {
			return Result{Status: Skip}
		}
		return byHand(fmt.Sprintf("%s of %d resource(s) %s", what, n, notCollectedARM), how)
	}
}
