package azure

import (
	"context"
	"net/http"
	"strings"
	"testing"
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
