package azure

import (
	"strings"
	"testing"
)

func findingIn(fs []Finding, check, id string) (Finding, bool) {
	for _, f := range fs {
		if f.Check == check && (id == "" || f.ResourceID == id) {
			return f, true
		}
	}
	return Finding{}, false
}

// TestSubscriptionCountNeedsTheSubscriptions: a small `az graph query`
// output names one subscription through its resources; that is no ground
// for "every workload is in one subscription". Only a collection that
// lists the subscriptions is judged.
func TestSubscriptionCountNeedsTheSubscriptions(t *testing.T) {
	s, err := ParseSnapshot([]byte(`{"count": 1, "data": [{"id": "/subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
	  "type": "Microsoft.Storage/storageAccounts", "subscriptionId": "3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10", "properties": {"supportsHttpsTrafficOnly": true}}], "skip_token": null}`))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := findingIn(RunSnapshot(s, Catalog()), "subscription-count", "")
	if !ok || f.Status != NA || !strings.Contains(f.Detail, "does not list the subscriptions") {
		t.Errorf("subscription-count on one query's output: %+v", f)
	}
	one := []Doc{{"id": "/subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10", "type": "Microsoft.Resources/subscriptions", "subscriptionId": "3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10"}}
	if f, _ := findingIn(Run(one, Catalog()), "subscription-count", ""); f.Status != Fail {
		t.Errorf("subscription-count with the one subscription listed: %+v", f)
	}
}

// TestDDoSOnlyWhereSomethingIsExposed: a network with no subnets, or with
// no public address on anything in it, is not applicable; when public
// addresses or network interfaces were not collected, it is judged as
// before.
func TestDDoSOnlyWhereSomethingIsExposed(t *testing.T) {
	const sub = "/subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/resourceGroups/net/providers/Microsoft.Network"
	vnet := Doc{"id": sub + "/virtualNetworks/v1", "type": "Microsoft.Network/virtualNetworks",
		"properties": map[string]any{"subnets": []any{map[string]any{"id": sub + "/virtualNetworks/v1/subnets/a"}}}}
	empty := Doc{"id": sub + "/virtualNetworks/v0", "type": "Microsoft.Network/virtualNetworks", "properties": map[string]any{}}
	nic := Doc{"id": sub + "/networkInterfaces/n1", "type": "Microsoft.Network/networkInterfaces",
		"properties": map[string]any{"ipConfigurations": []any{map[string]any{"id": sub + "/networkInterfaces/n1/ipConfigurations/c",
			"properties": map[string]any{"subnet": map[string]any{"id": sub + "/virtualNetworks/v1/subnets/a"}}}}}}
	pip := func(owner string) Doc {
		return Doc{"id": sub + "/publicIPAddresses/p", "type": "Microsoft.Network/publicIPAddresses",
			"properties": map[string]any{"ipConfiguration": map[string]any{"id": owner}}}
	}
	lb := Doc{"id": sub + "/loadBalancers/lb", "type": "Microsoft.Network/loadBalancers",
		"properties": map[string]any{"backendAddressPools": []any{map[string]any{"properties": map[string]any{
			"backendIPConfigurations": []any{map[string]any{"id": sub + "/networkInterfaces/n1/ipConfigurations/c"}}}}}}}
	status := func(docs ...Doc) Status {
		f, _ := findingIn(Run(docs, Catalog()), "ddos-protection", vnet.ID())
		return f.Status
	}
	if f, _ := findingIn(Run([]Doc{empty}, Catalog()), "ddos-protection", empty.ID()); f.Status != NA || !strings.Contains(f.Detail, "no subnets") {
		t.Errorf("network without subnets: %+v", f)
	}
	for _, c := range []struct {
		name string
		docs []Doc
		want Status
	}{
		{"public address on an interface elsewhere", []Doc{vnet, nic, pip(sub + "/networkInterfaces/other/ipConfigurations/c"), {"id": sub + "/networkInterfaces/other", "type": "Microsoft.Network/networkInterfaces"}}, NA},
		{"no public address attached", []Doc{vnet, nic, pip("")}, NA},
		{"public address on an interface in it", []Doc{vnet, nic, pip(sub + "/networkInterfaces/n1/ipConfigurations/c")}, Fail},
		{"public load balancer in front of it", []Doc{vnet, nic, lb, pip(sub + "/loadBalancers/lb/frontendIPConfigurations/f")}, Fail},
		{"interfaces not collected", []Doc{vnet, pip("")}, Fail},
		{"addresses not collected", []Doc{vnet, nic}, Fail},
		{"address on something not collected", []Doc{vnet, nic, pip(sub + "/azureFirewalls/fw/ipConfigurations/c")}, Fail},
	} {
		if got := status(c.docs...); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
