package azure

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// simTypes are the resource types of the simulated tenant, cycled.
var simTypes = []string{typeStorage, typeNSG, typeVNet, typeSQLServer, typeKeyVault, typeSite, typeVM, typeAKS}

// simTenant fills the server with subs subscriptions and n resources of
// mixed types spread over them.
func simTenant(g *fakeGraph, subs, n int) {
	tenant(g, subs, 0)
	for i := 0; i < n; i++ {
		s := subID(i % subs)
		ty := simTypes[i%len(simTypes)]
		g.Tables["resources"] = append(g.Tables["resources"], Doc{
			"id":   fmt.Sprintf("/subscriptions/%s/resourceGroups/rg%d/providers/%s/r%05d", s, i%7, ty, i),
			"name": fmt.Sprintf("r%05d", i), "type": ty, "subscriptionId": s, "location": "westeurope",
			"properties": map[string]any{"supportsHttpsTrafficOnly": i%3 != 0, "enableRBAC": true, "httpsOnly": i%2 == 0},
		})
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
func collectSim(t testing.TB, subs, n int, window time.Duration) (time.Duration, int, int, *Snapshot) {
	g := newFakeGraph(t)
	g.Window = window
	simTenant(g, subs, n)
	c, err := NewCollector(g.options())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	snap, err := c.Collect(context.Background())
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	return el, len(g.Calls()), g.Throttled(), snap
}

// TestCollectStaysWithinQuota is the benchmark's scenario with the quota
// window scaled down (15 queries per 250 ms instead of 5 s), so it runs in
// the default suite: 50 subscriptions, 20,000 resources, no 429.
func TestCollectStaysWithinQuota(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	window := 250 * time.Millisecond
	el, calls, throttled, snap := collectSim(t, 50, 20000, window)
	if throttled != 0 {
		t.Errorf("%d requests were throttled (429): the client should stay within the quota", throttled)
	}
	if got := len(snap.Documents); got != 20000+50*3 {
		t.Errorf("%d documents", got)
	}
	bound := quotaBound(calls, 15, window)
	t.Logf("%d queries in %v; quota-bound minimum %v (%.2f×)", calls, el.Round(time.Millisecond), bound, float64(el)/float64(bound))
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
		el, calls, throttled, _ := collectSim(b, subs, n, window)
		bound := quotaBound(calls, limit, window)
		naive := naiveCalls(subs, n, len(typesOf(TableResources)))
		naiveT := quotaBound(naive, limit, window)
		b.ReportMetric(el.Seconds(), "s/collect")
		b.ReportMetric(bound.Seconds(), "bound-s")
		b.ReportMetric(float64(el)/float64(bound), "x-bound")
		b.ReportMetric(float64(calls), "queries")
		b.ReportMetric(float64(throttled), "429s")
		b.ReportMetric(naiveT.Seconds(), "naive-s")
		b.ReportMetric(float64(naive), "naive-calls")
	}
}
