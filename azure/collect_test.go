package azure

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resourcegraph/armresourcegraph"
)

func subID(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", i+1, i+1) }

// tenant fills the fake server with subs subscriptions and n storage
// accounts spread over them, plus a few security and role rows.
func tenant(g *fakeGraph, subs, n int) {
	for i := 0; i < subs; i++ {
		s := subID(i)
		g.Tables["resourcecontainers"] = append(g.Tables["resourcecontainers"], Doc{
			"id": "/subscriptions/" + s, "name": fmt.Sprintf("sub-%02d", i), "type": "microsoft.resources/subscriptions",
			"subscriptionId": s, "tenantId": "tenant", "properties": map[string]any{"state": "Enabled"}})
		g.Tables["securityresources"] = append(g.Tables["securityresources"], Doc{
			"id": "/subscriptions/" + s + "/providers/Microsoft.Security/pricings/StorageAccounts", "name": "StorageAccounts",
			"type": "microsoft.security/pricings", "subscriptionId": s, "properties": map[string]any{"pricingTier": "Free"}})
		g.Tables["authorizationresources"] = append(g.Tables["authorizationresources"], Doc{
			"id": "/subscriptions/" + s + "/providers/Microsoft.Authorization/roleAssignments/a" + s, "type": "microsoft.authorization/roleassignments",
			"subscriptionId": s, "properties": map[string]any{"scope": "/subscriptions/" + s, "principalId": "p1", "principalType": "User",
				"roleDefinitionId": "/subscriptions/" + s + "/providers/Microsoft.Authorization/roleDefinitions/" + roleOwner}})
	}
	for i := 0; i < n; i++ {
		s := subID(i % subs)
		g.Tables["resources"] = append(g.Tables["resources"], Doc{
			"id":   fmt.Sprintf("/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa%05d", s, i),
			"name": fmt.Sprintf("sa%05d", i), "type": "Microsoft.Storage/storageAccounts", "subscriptionId": s, "location": "westeurope",
			"properties": map[string]any{"supportsHttpsTrafficOnly": i%2 == 0, "minimumTlsVersion": "TLS1_2"}})
	}
}

func TestCollectFollowsSkipTokenAcrossPages(t *testing.T) {
	g := newFakeGraph(t)
	tenant(g, 3, 2500)
	var mu sync.Mutex
	var progress []Progress
	o := g.options()
	o.Progress = func(p Progress) { mu.Lock(); progress = append(progress, p); mu.Unlock() }
	c, err := NewCollector(o)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Every expected call was made: one for the subscriptions, three pages
	// of resources (1000, 1000, 500) with the right skip tokens, one each
	// for the other tables.
	var resTokens []string
	tables := map[string]int{}
	for _, call := range g.Calls() {
		tables[call.Table]++
		if !call.AuthOK {
			t.Errorf("call %+v without the bearer token", call)
		}
		if call.Table == "resources" {
			resTokens = append(resTokens, call.SkipToken)
			if call.Top != 1000 || call.Subs != 3 {
				t.Errorf("resources call %+v: want $top 1000 over 3 subscriptions", call)
			}
		}
	}
	if strings.Join(resTokens, ",") != ",page:1000,page:2000" {
		t.Errorf("resources skip tokens = %q", resTokens)
	}
	for _, tb := range []string{"resourcecontainers", "securityresources", "authorizationresources", "policyresources", "appserviceresources"} {
		if tables[tb] != 1 {
			t.Errorf("%s queried %d times, want 1", tb, tables[tb])
		}
	}
	rows := map[string]QueryStats{}
	for _, q := range snap.Queries {
		rows[q.Name] = q
	}
	if r := rows["resources"]; r.Rows != 2500 || r.Pages != 3 {
		t.Errorf("resources stats %+v", r)
	}
	if len(snap.Subscriptions) != 3 || snap.Subscriptions[0].Name != "sub-00" {
		t.Errorf("subscriptions %+v", snap.Subscriptions)
	}
	if got := len(snap.Documents); got != 2500+3*3 {
		t.Errorf("%d documents", got)
	}
	last := map[string]Progress{}
	for _, p := range progress {
		last[p.Query] = p
	}
	if p := last["resources"]; !p.Done || p.Rows != 2500 || p.Pages != 3 {
		t.Errorf("last resources progress %+v", p)
	}
	// The snapshot round-trips and holds no token.
	data, err := snap.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), secretToken) {
		t.Fatal("snapshot holds the token")
	}
	back, err := ParseSnapshot(data)
	if err != nil || len(back.Documents) != len(snap.Documents) || back.Source != "snapshot" {
		t.Fatalf("round trip: %v, %d documents", err, len(back.Documents))
	}
}

func TestCollectWaitsOut429WithQuotaHeaders(t *testing.T) {
	g := newFakeGraph(t)
	g.Window = 300 * time.Millisecond
	tenant(g, 2, 10)
	g.Fail[2] = 429 // the first query after the subscriptions is throttled
	c, err := NewCollector(g.options())
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatalf("a 429 with Retry-After should be retried: %v", err)
	}
	calls := g.Calls()
	if calls[1].Status != 429 {
		t.Fatalf("call 2 = %+v, want the injected 429", calls[1])
	}
	retried := false
	for _, c := range calls[2:] {
		if c.Table == calls[1].Table && c.Status == 200 {
			retried = true
		}
	}
	if !retried {
		t.Errorf("the throttled %s query was not retried: %+v", calls[1].Table, calls)
	}
	if len(snap.Documents) != 10+2*3 {
		t.Errorf("%d documents", len(snap.Documents))
	}
}

func TestCollectStopsOnServerErrorMidway(t *testing.T) {
	g := newFakeGraph(t)
	tenant(g, 2, 2500)
	o := g.options()
	o.MaxRetries = 1
	o.Concurrency = 1
	o.Queries = []Query{DefaultQueries()[0], DefaultQueries()[1]}
	// Page 2 of resources fails however often it is tried.
	g.Fail[3], g.Fail[4] = 500, 500
	c, err := NewCollector(o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Collect(context.Background())
	if err == nil {
		t.Fatalf("want an error; calls %+v", g.Calls())
	}
	if !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "query resources") {
		t.Errorf("error %q does not say which query failed and how", err)
	}
	if strings.Contains(err.Error(), secretToken) || strings.Contains(err.Error(), "Bearer") {
		t.Errorf("error leaks the token: %q", err)
	}
	calls := g.Calls()
	if len(calls) != 4 || calls[2].SkipToken != "page:1000" || calls[3].SkipToken != "page:1000" {
		t.Errorf("calls %+v: want subscriptions, page 1, page 2 and one retry of it", calls)
	}
}

func TestCollectKeepsGoingWhenAnOptionalQueryFails(t *testing.T) {
	g := newFakeGraph(t)
	tenant(g, 1, 5)
	g.FailTable["appserviceresources"] = 400
	c, err := NewCollector(g.options())
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range snap.Queries {
		if q.Name == "appservice-config" && !strings.Contains(q.Error, "HTTP 400") {
			t.Errorf("optional query stats %+v: want its error recorded", q)
		}
	}
}

func TestPipelineRefusesWrites(t *testing.T) {
	g := newFakeGraph(t)
	o := g.options()
	// A client that could write (saved queries), built with ssrm's options.
	gq, err := armresourcegraph.NewGraphQueryClient(subID(0), o.Credential, ClientOptions(o, nil))
	if err != nil {
		t.Fatal(err)
	}
	q := "resources | take 1"
	_, err = gq.CreateOrUpdate(context.Background(), "rg", "q", armresourcegraph.GraphQueryResource{Properties: &armresourcegraph.GraphQueryProperties{Query: &q}}, nil)
	if !errors.Is(err, ErrWriteRefused) {
		t.Fatalf("PUT: %v, want ErrWriteRefused", err)
	}
	_, err = gq.Delete(context.Background(), "rg", "q", nil)
	if !errors.Is(err, ErrWriteRefused) {
		t.Fatalf("DELETE: %v, want ErrWriteRefused", err)
	}
	if n := len(g.Calls()); n != 0 {
		t.Fatalf("%d requests reached the server; a refused write must not leave the machine", n)
	}
	// Reads go through.
	if _, err := gq.Get(context.Background(), "rg", "q", nil); errors.Is(err, ErrWriteRefused) {
		t.Fatalf("GET refused: %v", err)
	}
}

func TestCollectCancels(t *testing.T) {
	g := newFakeGraph(t)
	g.Limit, g.Window = 1, time.Hour // one query, then the quota is spent for an hour
	tenant(g, 1, 5)
	c, err := NewCollector(g.options())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.Collect(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("cancellation did not stop the quota wait")
	}
	if g.Throttled() != 0 {
		t.Errorf("%d requests were sent past the quota", g.Throttled())
	}
}

func TestListSubscriptions(t *testing.T) {
	g := newFakeGraph(t)
	tenant(g, 3, 0)
	c, err := NewCollector(g.options())
	if err != nil {
		t.Fatal(err)
	}
	subs, err := c.ListSubscriptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 3 || subs[2].ID != subID(2) || subs[2].State != "Enabled" {
		t.Fatalf("subs %+v", subs)
	}
	if calls := g.Calls(); len(calls) != 1 || calls[0].Table != "resourcecontainers" {
		t.Fatalf("calls %+v", calls)
	}
}

func TestCollectedSnapshotRunsThroughChecks(t *testing.T) {
	g := newFakeGraph(t)
	tenant(g, 2, 4)
	c, _ := NewCollector(g.options())
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "snap.json")
	data, _ := snap.Marshal()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	back, err := LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, f := range Run(back.Documents, Catalog()) {
		counts[f.Check+"/"+string(f.Status)]++
	}
	if counts["storage-https-only/fail"] != 2 || counts["storage-https-only/pass"] != 2 || counts["owner-count/fail"] != 2 || counts["defender-plans/fail"] != 2 {
		t.Errorf("findings %v", counts)
	}
}
