package azure

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// simTypes are the resource types of the simulated tenant, cycled: the
// core IaaS and PaaS types and those a small or mid-size estate adds
// (scale sets, disks, caches, databases, messaging, AI, API Management,
// Container Apps, registries, gateways, public addresses, slots).
var simTypes = []string{typeStorage, typeNSG, typeVNet, typeSQLServer, typeKeyVault, typeSite, typeVM, typeAKS,
	typeVMSS, typeDisk, typeRedis, typeCosmos, typePGFlex, typeMySQLFlex, typeEventHubNS, typeServiceBusNS,
	typeCognitive, typeSearch, typeAPIM, typeContainerApp, typeRegistry, typeAppGateway, typePublicIP, typeSlot}

// simTenant fills the server with subs subscriptions and n resources of
// mixed types spread over them (see simDocs). It returns how many
// documents a collection should bring back.
func simTenant(g *fakeGraph, subs, n int) int {
	tenant(g, subs, 0)
	simDocs(subs, n, func(table string, d Doc) { g.Tables[table] = append(g.Tables[table], d) })
	total := 0
	for _, rows := range g.Tables {
		total += len(rows)
	}
	return total
}

// simDocs emits the documents of a simulated tenant, with the table each
// comes from: n resources of mixed types spread over subs subscriptions,
// and what Defender, RBAC, backup, machine configuration and Update
// Manager say about them, at the proportions of a real tenant: per
// subscription the eight identity recommendations on the subscription and
// on each of its seven resource groups (V2 rows), 25 accounts without MFA
// as per-identity sub-assessments, 40 role assignments; per machine two
// extensions, a patch result, a backup item, a baseline assignment and
// three Defender assessments.
func simDocs(subs, n int, add func(table string, d Doc)) {
	for i := 0; i < n; i++ {
		s := subID(i % subs)
		ty := simTypes[i%len(simTypes)]
		id := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg%d/providers/%s/r%05d", s, i%7, ty, i)
		add("resources", Doc{
			"id": id, "name": fmt.Sprintf("r%05d", i), "type": ty, "subscriptionId": s, "location": "westeurope",
			"tags":       map[string]any{"owner": "team"},
			"properties": map[string]any{"supportsHttpsTrafficOnly": i%3 != 0, "enableRBAC": true, "httpsOnly": i%2 == 0},
		})
		if ty == typeSite || ty == typeSlot {
			// the site's configuration, from appserviceresources
			add("appserviceresources", Doc{"id": id + "/config/web", "name": "web", "type": strings.ToLower(ty) + "/config", "subscriptionId": s,
				"properties": map[string]any{"minTlsVersion": "1.2", "ftpsState": "Disabled", "linuxFxVersion": "NODE|22-lts"}})
		}
		if ty != typeVM {
			continue
		}
		for _, ext := range []string{"AzureMonitorLinuxAgent", "MDE.Linux"} {
			add("resources", Doc{"id": id + "/extensions/" + ext, "name": ext, "type": typeVMExtension, "subscriptionId": s,
				"properties": map[string]any{"type": ext, "provisioningState": "Succeeded"}})
		}
		add("patchassessmentresources", Doc{"id": id + "/patchAssessmentResults/latest", "type": typePatchResult, "subscriptionId": s,
			"properties": map[string]any{"status": "Succeeded", "availablePatchCountByClassification": map[string]any{"critical": float64(i % 3), "security": 1.0}}})
		add("recoveryservicesresources", Doc{"id": fmt.Sprintf("/subscriptions/%s/resourceGroups/backup/providers/Microsoft.RecoveryServices/vaults/rsv/backupFabrics/Azure/protectionContainers/c%05d/protectedItems/vm%05d", s, i, i),
			"type": typeProtectedItem, "subscriptionId": s, "properties": map[string]any{"sourceResourceId": id, "protectionState": "Protected"}})
		add("guestconfigurationresources", Doc{"id": id + "/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/AzureLinuxBaseline",
			"type": typeGuestConfig, "subscriptionId": s, "properties": map[string]any{"complianceStatus": "Compliant", "guestConfiguration": map[string]any{"name": "AzureLinuxBaseline"}}})
		for _, key := range []string{"e1145ab1-eb4f-43d8-911b-36ddf771d13f", "06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c", "ffff0522-1e88-47fc-8382-2a80ba848f5d"} {
			add("securityresources", Doc{"id": id + "/providers/Microsoft.Security/assessments/" + key, "name": key, "type": typeAssessment, "subscriptionId": s,
				"properties": map[string]any{"status": map[string]any{"code": "Healthy"}, "resourceDetails": map[string]any{"Id": id}}})
		}
	}
	for si := 0; si < subs; si++ {
		s := subID(si)
		for _, t := range defenderTopics {
			if !t.identity {
				continue
			}
			for rg := -1; rg < 7; rg++ {
				scope := "/subscriptions/" + s
				if rg >= 0 {
					scope += fmt.Sprintf("/resourceGroups/rg%d", rg)
				}
				code := "Healthy"
				if t.id == topicMFARead && rg == 0 {
					code = "Unhealthy"
				}
				add("securityresources", Doc{"id": scope + "/providers/Microsoft.Security/assessments/" + t.keys[0], "name": t.keys[0], "type": typeAssessment, "subscriptionId": s,
					"properties": map[string]any{"status": map[string]any{"code": code}, "resourceDetails": map[string]any{"Id": scope}}})
			}
		}
		for a := 0; a < 25; a++ {
			oid := fmt.Sprintf("%08x-0000-4000-8000-%012x", si+1, a+1)
			add("securityresources", Doc{"id": "/subscriptions/" + s + "/resourceGroups/rg0/providers/Microsoft.Security/assessments/dabc9bc4-b8a8-45bd-9a5a-43000df8aa1c/subassessments/" + oid,
				"name": oid, "type": typeSubAssessment, "subscriptionId": s, "properties": map[string]any{"status": map[string]any{"code": "Unhealthy"}}})
		}
		for c, role := range []string{"ServiceAdministrator;AccountAdministrator", "CoAdministrator"} {
			add("authorizationresources", Doc{"id": fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/classicAdministrators/c%d", s, c), "type": typeClassicAdmin, "subscriptionId": s,
				"properties": map[string]any{"role": role, "adminState": "Enabled"}})
		}
		for r := 1; r < 40; r++ { // the 40th is tenant()'s owner
			role := []string{roleContributor, roleOwner, roleUAA, roleRBACAdmin}[r%4]
			kind := []string{"Group", "User", "ServicePrincipal"}[r%3]
			add("authorizationresources", Doc{"id": fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments/r%02d", s, r), "type": typeRoleAssignment, "subscriptionId": s,
				"properties": map[string]any{"scope": "/subscriptions/" + s, "principalId": fmt.Sprintf("p%02d", r), "principalType": kind,
					"roleDefinitionId": "/subscriptions/" + s + "/providers/Microsoft.Authorization/roleDefinitions/" + role}})
		}
	}
}

// quotaBound is the least time n queries can take under a quota of limit
// per window: every full window after the first must be waited out.
func quotaBound(n, limit int, window time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	return time.Duration((n-1)/limit) * window
}

// naiveCalls is how many requests listing each resource type per
// subscription one call at a time would make: one list call per type and
// subscription (plus a page per 1000 rows beyond the first), and one call
// each per subscription for Defender plans, secure score and role
// assignments.
func naiveCalls(subs, resources int, types int) int {
	perList := resources / (subs * types)
	pages := 1 + max(perList-1, 0)/1000
	return subs*types*pages + subs*3
}

// collectSim runs one collection against a simulated tenant and returns
// the elapsed time, the requests made and the 429s received.
func collectSim(t testing.TB, subs, n int, window time.Duration) (time.Duration, int, int, *Snapshot, int) {
	return collectSimPaged(t, subs, n, window, 0)
}

// collectSimPaged is collectSim with pageSize rows a page (0: the default,
// 1000).
func collectSimPaged(t testing.TB, subs, n int, window time.Duration, pageSize int) (time.Duration, int, int, *Snapshot, int) {
	g := newFakeGraph(t)
	g.Window = window
	want := simTenant(g, subs, n)
	o := g.options()
	o.PageSize = pageSize
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
	return el, len(g.Calls()), g.Throttled(), snap, want
}

// TestCollectStaysWithinQuota is the benchmark's scenario scaled down so
// the quota, not the work, sets the pace: 15 queries per 250 ms instead of
// 5 s, and 2,000 resources over 50 subscriptions at 100 rows a page, which
// takes about as many queries as 20,000 at 1000. No 429, every document,
// and the time within a few times the quota-bound minimum.
func TestCollectStaysWithinQuota(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	window := 250 * time.Millisecond
	el, calls, throttled, snap, want := collectSimPaged(t, 50, 2000, window, 100)
	if throttled != 0 {
		t.Errorf("%d requests were throttled (429): the client should stay within the quota", throttled)
	}
	if got := len(snap.Documents); got != want {
		t.Errorf("%d documents, want %d", got, want)
	}
	bound := quotaBound(calls, 15, window)
	if bound < 2*window {
		t.Fatalf("%d queries: too few for the quota to bind", calls)
	}
	ratio := float64(el) / float64(bound)
	t.Logf("%d queries in %v; quota-bound minimum %v (%.2f×, limit %.1f×)", calls, el.Round(time.Millisecond), bound, ratio, quotaHeadroom)
	// The headroom is for the work on the documents, which a busy machine
	// (or the race detector) stretches; a client that waited a window per
	// query would take some 15×.
	if ratio > quotaHeadroom {
		t.Errorf("the collection took %.2f× the quota-bound minimum, more than %.1f×: the client waits longer than the quota makes it", ratio, quotaHeadroom)
	}
}

// BenchmarkCollectTenant collects a simulated tenant of 50 subscriptions
// and 20,000 resources from a loopback Resource Graph that enforces 15
// queries per 5 seconds and 1000 rows a page. It reports the time against
// the quota-bound minimum for the queries made, and the naive figure
// (one call per resource type and subscription, same quota) by arithmetic.
// It waits on the real window: run it with
//
//	go test -run XXX -bench CollectTenant -benchtime 1x ./azure/
//
// SSRM_BENCH_WINDOW (a duration) scales the window down.
func BenchmarkCollectTenant(b *testing.B) {
	window := 5 * time.Second
	if w, err := time.ParseDuration(os.Getenv("SSRM_BENCH_WINDOW")); err == nil {
		window = w
	}
	const subs, n, limit = 50, 20000, 15
	for i := 0; i < b.N; i++ {
		el, calls, throttled, snap, _ := collectSim(b, subs, n, window)
		bound := quotaBound(calls, limit, window)
		naive := naiveCalls(subs, n, len(typesOf(TableResources)))
		naiveT := quotaBound(naive, limit, window)
		b.ReportMetric(el.Seconds(), "s/collect")
		b.ReportMetric(bound.Seconds(), "bound-s")
		b.ReportMetric(float64(el)/float64(bound), "x-bound")
		b.ReportMetric(float64(calls), "queries")
		b.ReportMetric(float64(len(snap.Documents)), "docs")
		b.ReportMetric(float64(throttled), "429s")
		b.ReportMetric(naiveT.Seconds(), "naive-s")
		b.ReportMetric(float64(naive), "naive-calls")
	}
}
