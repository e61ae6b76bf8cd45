package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestCollectARMReads: with ARMExtras the collector makes the read-only
// ARM GETs for the resources Resource Graph returned, keeps their answers
// as documents of their ARM type, records a refusal per resource, and the
// checks judge them offline.
func TestCollectARMReads(t *testing.T) {
	g := newFakeGraph(t)
	g.Limit = 1000 // the Resource Graph quota does not apply to ARM GETs
	sub := "aaaaaaaa-1111-4111-8111-000000000001"
	S := "/subscriptions/" + sub
	kv := S + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"
	sql := S + "/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1"
	db := sql + "/databases/db1"
	st := S + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1"
	g.Tables["resourcecontainers"] = []Doc{{"id": S, "name": "sub1", "type": typeSubscription, "subscriptionId": sub, "tenantId": "11111111-2222-4333-8444-555555555555"}}
	g.Tables["resources"] = []Doc{
		{"id": kv, "name": "kv1", "type": typeKeyVault, "subscriptionId": sub},
		{"id": sql, "name": "sql1", "type": typeSQLServer, "subscriptionId": sub},
		{"id": db, "name": "db1", "type": typeSQLDatabase, "subscriptionId": sub},
		{"id": sql + "/databases/master", "name": "master", "type": typeSQLDatabase, "subscriptionId": sub},
		{"id": st, "name": "st1", "type": typeStorage, "subscriptionId": sub},
	}
	ws := map[string]any{"workspaceId": "/subscriptions/x/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/central",
		"logs": []any{map[string]any{"categoryGroup": "allLogs", "enabled": true}}}
	list := func(items ...any) map[string]any { return map[string]any{"value": append([]any{}, items...)} }
	lc := strings.ToLower
	g.ARM = map[string]any{
		lc(kv + "/providers/Microsoft.Insights/diagnosticSettings"):                      list(map[string]any{"id": kv + "/providers/microsoft.insights/diagnosticSettings/central", "name": "central", "type": "Microsoft.Insights/diagnosticSettings", "properties": ws}),
		lc(db + "/providers/Microsoft.Insights/diagnosticSettings"):                      list(),
		lc(st + "/blobServices/default/providers/Microsoft.Insights/diagnosticSettings"): http.StatusForbidden,
		lc(S + "/providers/Microsoft.Insights/diagnosticSettings"):                       list(),
		lc(sql + "/auditingSettings/default"):                                            map[string]any{"id": sql + "/auditingSettings/Default", "name": "Default", "type": "Microsoft.Sql/servers/auditingSettings", "properties": map[string]any{"state": "Enabled", "isAzureMonitorTargetEnabled": true}},
		lc(db + "/transparentDataEncryption/current"):                                    map[string]any{"id": db + "/transparentDataEncryption/Current", "name": "Current", "type": "Microsoft.Sql/servers/databases/transparentDataEncryption", "properties": map[string]any{"state": "Disabled"}},
		lc(sql + "/firewallRules"):                                                       list(map[string]any{"id": sql + "/firewallRules/AllowAllWindowsAzureIps", "name": "AllowAllWindowsAzureIps", "type": "Microsoft.Sql/servers/firewallRules", "properties": map[string]any{"startIpAddress": "0.0.0.0", "endIpAddress": "0.0.0.0"}}),
		lc(kv + "/secrets"):                                                              list(map[string]any{"id": kv + "/secrets/s1", "name": "s1", "type": "Microsoft.KeyVault/vaults/secrets", "properties": map[string]any{"attributes": map[string]any{"enabled": true}}}),
		lc(kv + "/keys"):                                                                 list(),
		lc(S + "/providers/Microsoft.Security/securityContacts"):                         list(),
		"/providers/microsoft.aadiam/diagnosticsettings":                                 http.StatusForbidden,
	}
	o := g.options()
	o.ARMExtras = true
	c, err := NewCollector(o)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, call := range g.Calls() {
		if call.Method != http.MethodGet && call.Method != http.MethodPost {
			t.Errorf("%s %s reached the server", call.Method, call.Path)
		}
		if strings.Contains(lc(call.Path), "/databases/master/") {
			t.Errorf("master database read: %s", call.Path)
		}
	}
	types := map[string]int{}
	for _, d := range snap.Documents {
		types[d.Type()]++
	}
	if types[typeSQLFirewall] != 1 || types[typeTDE] != 1 || types[typeSQLAuditing] != 1 || types[typeKVSecret] != 1 || types[typeDiagSetting] != 1 {
		t.Errorf("documents by type %v", types)
	}
	status := map[string]ReadStats{}
	for _, r := range snap.Reads {
		status[r.Name] = r
	}
	if s := status["entra-diagnostic-settings"]; s.Status != ReadMissingPermission {
		t.Errorf("entra read %+v", s)
	}
	if s := status["storage-blob-diagnostic-settings"]; len(s.Failed) != 1 {
		t.Errorf("storage read %+v", s)
	}
	got := map[string]Finding{}
	for _, f := range RunSnapshot(snap, Catalog()) {
		got[f.Check+" "+f.ResourceID] = f
	}
	for key, want := range map[string]Status{
		"diagnostic-settings " + kv:      Pass,
		"diagnostic-settings " + db:      Fail,
		"diagnostic-settings " + st:      NA,
		"activity-log-export " + S:       Fail,
		"sql-auditing " + sql:            Pass,
		"sql-tde-enabled " + db:          Fail,
		"keyvault-secret-expiry " + kv:   Fail,
		"defender-security-contact " + S: Fail,
		"entra-logs-exported /tenant":    NA,
		"sql-firewall-allow-all " + sql + "/firewallRules/AllowAllWindowsAzureIps": Fail,
	} {
		if f := got[key]; f.Status != want {
			t.Errorf("%s: %s %q, want %s", key, f.Status, f.Detail, want)
		}
	}
	if f := got["entra-logs-exported /tenant"]; !strings.Contains(f.Detail, "HTTP 403") || !strings.HasPrefix(f.Detail, ByHandPrefix) {
		t.Errorf("entra logs detail %q", f.Detail)
	}
}

// TestCollectARMChildReads: the server parameters of PostgreSQL and MySQL
// flexible servers and the APIs, backends and named values of API
// Management come from read-only ARM GETs, one per parameter or list per
// instance; a 404 parameter takes its default, a refused read makes its
// parent "verify by hand" naming the error, secret values and backend
// credentials never reach the snapshot, and without the reads the checks
// say once for the tenant that they were not collected.
func TestCollectARMChildReads(t *testing.T) {
	g := newFakeGraph(t)
	g.Limit = 1000
	sub := "aaaaaaaa-1111-4111-8111-000000000002"
	S := "/subscriptions/" + sub + "/resourceGroups/rg/providers/"
	pg1, pg2, pg3 := S+"Microsoft.DBforPostgreSQL/flexibleServers/pg1", S+"Microsoft.DBforPostgreSQL/flexibleServers/pg2", S+"Microsoft.DBforPostgreSQL/flexibleServers/pg3"
	my1 := S + "Microsoft.DBforMySQL/flexibleServers/my1"
	ap1, ap2 := S+"Microsoft.ApiManagement/service/ap1", S+"Microsoft.ApiManagement/service/ap2"
	cos := S + "Microsoft.DocumentDB/databaseAccounts/cos1"
	g.Tables["resourcecontainers"] = []Doc{{"id": "/subscriptions/" + sub, "name": "sub", "type": typeSubscription, "subscriptionId": sub}}
	g.Tables["resources"] = []Doc{
		{"id": pg1, "name": "pg1", "type": typePGFlex, "subscriptionId": sub},
		{"id": pg2, "name": "pg2", "type": typePGFlex, "subscriptionId": sub},
		{"id": pg3, "name": "pg3", "type": typePGFlex, "subscriptionId": sub},
		{"id": my1, "name": "my1", "type": typeMySQLFlex, "subscriptionId": sub},
		{"id": ap1, "name": "ap1", "type": typeAPIM, "subscriptionId": sub},
		{"id": ap2, "name": "ap2", "type": typeAPIM, "subscriptionId": sub},
		{"id": cos, "name": "cos1", "type": typeCosmos, "subscriptionId": sub},
	}
	lc := strings.ToLower
	param := func(server, name, value string) map[string]any {
		return map[string]any{"id": server + "/configurations/" + name, "name": name, "type": "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
			"properties": map[string]any{"value": value, "source": "user-override"}}
	}
	list := func(items ...any) map[string]any { return map[string]any{"value": append([]any{}, items...)} }
	g.ARM = map[string]any{
		lc(pg1 + "/configurations/require_secure_transport"): param(pg1, "require_secure_transport", "off"),
		lc(pg1 + "/configurations/ssl_min_protocol_version"): http.StatusNotFound,
		lc(pg2 + "/configurations/require_secure_transport"): param(pg2, "require_secure_transport", "on"),
		lc(pg2 + "/configurations/ssl_min_protocol_version"): http.StatusNotFound,
		lc(pg3 + "/configurations/require_secure_transport"): http.StatusForbidden,
		lc(pg3 + "/configurations/ssl_min_protocol_version"): param(pg3, "ssl_min_protocol_version", "TLSv1.3"),
		lc(my1 + "/configurations/require_secure_transport"): param(my1, "require_secure_transport", "ON"),
		lc(my1 + "/configurations/tls_version"):              param(my1, "tls_version", "TLSv1.2,TLSv1.3"),
		lc(my1 + "/configurations/aad_auth_only"):            http.StatusNotFound,
		lc(ap1 + "/apis"): list(map[string]any{"id": ap1 + "/apis/echo", "name": "echo", "type": "Microsoft.ApiManagement/service/apis",
			"properties": map[string]any{"protocols": []any{"http", "https"}, "serviceUrl": "https://backend.example"}}),
		lc(ap1 + "/backends"): list(map[string]any{"id": ap1 + "/backends/b1", "name": "b1", "type": "Microsoft.ApiManagement/service/backends",
			"properties": map[string]any{"url": "https://b1.example", "protocol": "http",
				"credentials": map[string]any{"header": map[string]any{"x-api-key": []any{"SEKRET-HEADER"}}},
				"proxy":       map[string]any{"url": "http://proxy", "username": "u", "password": "SEKRET-PROXY"}}}),
		lc(ap1 + "/namedvalues"): list(
			map[string]any{"id": ap1 + "/namedValues/plain", "name": "plain", "type": "Microsoft.ApiManagement/service/namedValues",
				"properties": map[string]any{"displayName": "plain", "secret": true, "value": "SEKRET-VALUE"}},
			map[string]any{"id": ap1 + "/namedValues/kv", "name": "kv", "type": "Microsoft.ApiManagement/service/namedValues",
				"properties": map[string]any{"displayName": "kv", "secret": true, "keyVault": map[string]any{"secretIdentifier": "https://v.vault.azure.net/secrets/s"}}}),
		lc(ap2 + "/apis"):        http.StatusForbidden,
		lc(ap2 + "/backends"):    list(),
		lc(ap2 + "/namedvalues"): list(),
		lc(cos + "/providers/Microsoft.Insights/diagnosticSettings"): list(),
	}
	o := g.options()
	o.ARMExtras = true
	c, err := NewCollector(o)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "SEKRET") {
		t.Errorf("a secret value reached the snapshot: %s", raw)
	}
	reads := map[string]ReadStats{}
	for _, r := range snap.Reads {
		reads[r.Name] = r
	}
	// One GET per server and parameter, one list per instance.
	for name, want := range map[string]int{"postgres-parameters": 6, "mysql-parameters": 3, "apim-apis": 2, "apim-backends": 2, "apim-named-values": 2, "diagnostic-settings": 1} {
		if got := reads[name].Requests; got != want {
			t.Errorf("%s: %d requests, want %d", name, got, want)
		}
	}
	if r := reads["postgres-parameters"]; r.Status != ReadPartial || len(r.Failed) != 1 {
		t.Errorf("postgres-parameters %+v", r)
	}

	got := map[string]Finding{}
	for _, f := range RunSnapshot(snap, Catalog()) {
		got[f.Check+" "+f.ResourceID] = f
	}
	for key, want := range map[string]Status{
		"postgres-tls " + pg1:                                      Fail,
		"postgres-tls " + pg2:                                      Pass,
		"postgres-tls " + pg3:                                      NA,
		"mysql-tls " + my1:                                         Pass,
		"mysql-entra-only " + my1:                                  Fail,
		"apim-https-apis " + ap1 + "/apis/echo":                    Fail,
		"apim-https-apis " + ap2:                                   NA,
		"apim-https-backends " + ap1 + "/backends/b1":              Pass,
		"apim-named-values-keyvault " + ap1 + "/namedValues/plain": Fail,
		"apim-named-values-keyvault " + ap1 + "/namedValues/kv":    Pass,
		"diagnostic-settings " + cos:                               Fail,
	} {
		if f := got[key]; f.Status != want {
			t.Errorf("%s: %s %q, want %s", key, f.Status, f.Detail, want)
		}
	}
	// pg3's TLS 1.3 minimum came back, but require_secure_transport did
	// not: it must not pass on its default.
	if f := got["postgres-tls "+pg3]; !strings.HasPrefix(f.Detail, ByHandPrefix) || !strings.Contains(f.Detail, "HTTP 403") {
		t.Errorf("pg3 detail %q", f.Detail)
	}
	if f := got["apim-https-apis "+ap2]; !strings.Contains(f.Detail, "HTTP 403") {
		t.Errorf("ap2 detail %q", f.Detail)
	}
	for _, k := range []string{"postgres-tls /tenant", "apim-https-apis /tenant", "apim-https-backends " + ap1, "postgres-tls " + pg2 + "/configurations/require_secure_transport"} {
		if f, ok := got[k]; ok {
			t.Errorf("unexpected finding %s: %s %q", k, f.Status, f.Detail)
		}
	}

	// The same resources without the reads ('az graph query' output, or
	// --no-arm): nothing on each server or instance, one "verify by hand"
	// for the tenant per check.
	var bare []Doc
	for _, d := range snap.Documents {
		if tableOf(d.Type()) != TableARM {
			bare = append(bare, d)
		}
	}
	got = map[string]Finding{}
	for _, f := range Run(bare, Catalog()) {
		got[f.Check+" "+f.ResourceID] = f
	}
	for _, check := range []string{"postgres-tls", "mysql-tls", "mysql-entra-only", "apim-https-apis", "apim-https-backends", "apim-named-values-keyvault"} {
		f := got[check+" /tenant"]
		if f.Status != NA || !strings.HasPrefix(f.Detail, ByHandPrefix) || !strings.Contains(f.Detail, "not collected") {
			t.Errorf("%s on the tenant without reads: %s %q", check, f.Status, f.Detail)
		}
		for _, id := range []string{pg1, my1, ap1} {
			if f, ok := got[check+" "+id]; ok {
				t.Errorf("%s on %s without reads: %s %q", check, id, f.Status, f.Detail)
			}
		}
	}
}

// armSim is a tenant for the ARM request count: subs subscriptions, each
// with kv key vaults, st storage accounts, sql SQL servers of dbs
// databases (plus master), pg PostgreSQL and my MySQL flexible servers,
// apim API Management instances and cos Cosmos DB accounts. Every ARM GET
// the collection may make is answered (empty lists, 404 parameters).
type armSim struct{ subs, kv, st, sql, dbs, pg, my, apim, cos int }

func (a armSim) fake(t testing.TB) *fakeGraph {
	g := newFakeGraph(t)
	g.Limit = 1 << 30
	var res, subs []Doc
	for s := 0; s < a.subs; s++ {
		sub := fmt.Sprintf("aaaaaaaa-1111-4111-8111-%012d", s)
		S := "/subscriptions/" + sub + "/resourceGroups/rg/providers/"
		subs = append(subs, Doc{"id": "/subscriptions/" + sub, "name": sub, "type": typeSubscription, "subscriptionId": sub})
		add := func(n int, typ, path string) {
			for i := 0; i < n; i++ {
				res = append(res, Doc{"id": fmt.Sprintf("%s%s/r%d", S, path, i), "name": fmt.Sprintf("r%d", i), "type": typ, "subscriptionId": sub})
			}
		}
		add(a.kv, typeKeyVault, "Microsoft.KeyVault/vaults")
		add(a.st, typeStorage, "Microsoft.Storage/storageAccounts")
		add(a.pg, typePGFlex, "Microsoft.DBforPostgreSQL/flexibleServers")
		add(a.my, typeMySQLFlex, "Microsoft.DBforMySQL/flexibleServers")
		add(a.apim, typeAPIM, "Microsoft.ApiManagement/service")
		add(a.cos, typeCosmos, "Microsoft.DocumentDB/databaseAccounts")
		for i := 0; i < a.sql; i++ {
			srv := fmt.Sprintf("%sMicrosoft.Sql/servers/s%d", S, i)
			res = append(res, Doc{"id": srv, "name": fmt.Sprintf("s%d", i), "type": typeSQLServer, "subscriptionId": sub})
			for j := 0; j <= a.dbs; j++ {
				name := fmt.Sprintf("db%d", j)
				if j == a.dbs {
					name = "master"
				}
				res = append(res, Doc{"id": srv + "/databases/" + name, "name": name, "type": typeSQLDatabase, "subscriptionId": sub})
			}
		}
	}
	g.Tables["resourcecontainers"] = subs
	g.Tables["resources"] = res
	g.ARM = map[string]any{}
	snap := &Snapshot{Documents: res}
	for _, s := range subs {
		snap.Subscriptions = append(snap.Subscriptions, Subscription{ID: s.Subscription()})
	}
	for _, get := range planARM(snap, "") {
		u, _, _ := strings.Cut(get.url, "?")
		if get.read.NotFoundEmpty {
			g.ARM[strings.ToLower(u)] = http.StatusNotFound
		} else {
			g.ARM[strings.ToLower(u)] = map[string]any{"value": []any{}}
		}
	}
	return g
}

// perSub is the number of ARM GETs a subscription of the simulation
// takes, counted by hand from the reads' documentation: key vaults 3
// (diagnostic settings, secrets, keys), storage 1 (blob diagnostic
// settings), SQL servers 2 (auditing, firewall rules), databases other
// than master 2 (diagnostic settings, TDE), PostgreSQL 2 and MySQL 3
// parameters, API Management 3 lists, Cosmos DB 1, and the subscription
// itself 4 (activity log export, security contacts, PIM eligible and
// active role schedule instances).
func (a armSim) perSub() int {
	return 3*a.kv + a.st + 2*a.sql + 2*a.sql*a.dbs + 2*a.pg + 3*a.my + 3*a.apim + a.cos + 4
}

func collectARMSim(t testing.TB, a armSim) (time.Duration, map[string]int, *Snapshot) {
	g := a.fake(t)
	o := g.options()
	o.ARMExtras = true
	c, err := NewCollector(o)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	snap, err := c.Collect(context.Background())
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	perSub := map[string]int{}
	for _, call := range g.Calls() {
		if call.Method != http.MethodGet {
			continue
		}
		key := "tenant"
		if p := strings.Split(strings.ToLower(call.Path), "/"); len(p) > 2 && p[1] == "subscriptions" {
			key = p[2]
		}
		perSub[key]++
	}
	return el, perSub, snap
}

// armBucket is ARM's documented read limit per subscription and
// principal: a token bucket of 250 that refills 25 a second
// (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling,
// the limits since the 2024 migration; the tenant bucket is the same).
const armBucket, armRefill = 250, 25

// armBucketMinimum is the least time n reads of one subscription take
// under that bucket.
func armBucketMinimum(n int) time.Duration {
	if n <= armBucket {
		return 0
	}
	return time.Duration(float64(n-armBucket) / armRefill * float64(time.Second))
}

// TestARMRequestsBounded: the ARM reads make exactly the GETs their
// documentation promises per resource, none per anything else, every read
// reports its count, and a subscription of a typical small estate stays
// within ARM's read bucket (no throttling to wait for).
func TestARMRequestsBounded(t *testing.T) {
	a := armSim{subs: 4, kv: 5, st: 6, sql: 2, dbs: 3, pg: 2, my: 2, apim: 1, cos: 2}
	_, perSub, snap := collectARMSim(t, a)
	want := a.perSub()
	for s, n := range perSub {
		if s == "tenant" {
			if n != 1 {
				t.Errorf("%d tenant-level GETs, want 1 (Entra diagnostic settings)", n)
			}
			continue
		}
		if n != want {
			t.Errorf("subscription %s: %d ARM GETs, want %d", s, n, want)
		}
	}
	if len(perSub) != a.subs+1 {
		t.Errorf("GETs by subscription %v", perSub)
	}
	total := 0
	for _, r := range snap.Reads {
		if r.Source == "arm" {
			total += r.Requests
			if r.Status != ReadOK {
				t.Errorf("read %s: %s %v", r.Name, r.Status, r.Failed)
			}
		}
	}
	if total != a.subs*want+1 {
		t.Errorf("reads report %d requests, want %d", total, a.subs*want+1)
	}
	if want > armBucket {
		t.Errorf("a small estate's %d reads per subscription exceed ARM's bucket of %d", want, armBucket)
	}
	t.Logf("%d ARM GETs per subscription (bucket %d, refill %d/s): %d in all", want, armBucket, armRefill, total)
}

// BenchmarkCollectARM: 50 subscriptions of a mid-size estate (40 key
// vaults, 60 storage accounts, 10 SQL servers of 5 databases, 5
// PostgreSQL and 5 MySQL servers, 2 API Management instances and 10
// Cosmos DB accounts each) against a loopback ARM. Reports the GETs, the
// busiest subscription's count and the least time ARM's read bucket
// allows for it.
func BenchmarkCollectARM(b *testing.B) {
	a := armSim{subs: 50, kv: 40, st: 60, sql: 10, dbs: 5, pg: 5, my: 5, apim: 2, cos: 10}
	for i := 0; i < b.N; i++ {
		el, perSub, _ := collectARMSim(b, a)
		total, busiest := 0, 0
		for _, n := range perSub {
			total += n
			busiest = max(busiest, n)
		}
		b.ReportMetric(el.Seconds(), "s/collect")
		b.ReportMetric(float64(total), "gets")
		b.ReportMetric(float64(busiest), "gets/sub")
		b.ReportMetric(armBucketMinimum(busiest).Seconds(), "bucket-min-s")
	}
}

// TestAzurePIM: standing privileged roles of people fail (from the
// schedule instances, and from Resource Graph's assignments no instance
// accounts for), activated or eligible ones pass, workloads are not
// judged, and a refused read makes the subscription "verify by hand".
func TestAzurePIM(t *testing.T) {
	chk, _ := CheckByID("azure-pim-privileged")
	find := func(s *Snapshot, id string) Finding {
		for _, f := range RunSnapshot(s, []Check{chk}) {
			if f.ResourceID == id {
				return f
			}
		}
		return Finding{}
	}
	bad := loadFixtureFile(t, "testdata/fixtures-entra-bad.json")
	f := find(bad, "/subscriptions/bbbbbbbb-2222-4222-8222-000000000002")
	if f.Status != Fail || !strings.Contains(f.Detail, "000000d1-0000-4000-8000-0000000000d1 (Owner)") || !strings.Contains(f.Detail, "000000d2-0000-4000-8000-0000000000d2 (Contributor)") {
		t.Errorf("bad: %s %q", f.Status, f.Detail)
	}
	good := loadFixtureFile(t, "testdata/fixtures-entra-good.json")
	sub := "/subscriptions/aaaaaaaa-1111-4111-8111-000000000001"
	if f := find(good, sub); f.Status != Pass || !strings.Contains(f.Detail, "1 user(s) eligible") {
		t.Errorf("good: %s %q", f.Status, f.Detail)
	}
	for i, r := range good.Reads {
		if r.Name == "pim-azure-active" {
			good.Reads[i].Status = ReadMissingPermission
			good.Reads[i].Failed = map[string]string{sub: "HTTP 403 AuthorizationFailed"}
		}
	}
	if f := find(good, sub); f.Status != NA || !strings.HasPrefix(f.Detail, ByHandPrefix) || !strings.Contains(f.Detail, "HTTP 403") {
		t.Errorf("refused: %s %q", f.Status, f.Detail)
	}
	var none []ReadStats
	for _, r := range good.Reads {
		if !strings.HasPrefix(r.Name, "pim-") {
			none = append(none, r)
		}
	}
	good.Reads = none
	if f := find(good, "/tenant"); f.Status != NA || !strings.Contains(f.Detail, "not collected") {
		t.Errorf("not read: tenant %s %q", f.Status, f.Detail)
	}
}
