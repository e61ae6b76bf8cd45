package azure

import (
	"strings"
	"testing"
)

// TestBastionHubAndJIT: a spoke subscription whose VMs sit in a network
// peered with a hub holding a Basic Bastion passes; a Developer Bastion in
// the hub does not serve the spoke; a JIT-only estate passes; a VM with
// neither fails (review finding 19).
func TestBastionHubAndJIT(t *testing.T) {
	const spoke = "/subscriptions/11111111-2222-4333-8444-555555555555"
	const hub = "/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
	net := func(sub, rg string) string { return sub + "/resourceGroups/" + rg + "/providers/Microsoft.Network/" }
	subDoc := Doc{"id": spoke, "type": typeSubscription, "subscriptionId": "11111111-2222-4333-8444-555555555555"}
	vm := Doc{"id": spoke + "/resourceGroups/app/providers/Microsoft.Compute/virtualMachines/vm1", "type": typeVM,
		"subscriptionId": "11111111-2222-4333-8444-555555555555",
		"properties":     map[string]any{"networkProfile": map[string]any{"networkInterfaces": []any{map[string]any{"id": net(spoke, "app") + "networkInterfaces/nic1"}}}}}
	nic := Doc{"id": net(spoke, "app") + "networkInterfaces/nic1", "type": typeNIC, "properties": map[string]any{
		"ipConfigurations": []any{map[string]any{"properties": map[string]any{"subnet": map[string]any{"id": net(spoke, "app") + "virtualNetworks/spoke/subnets/s"}}}}}}
	spokeNet := Doc{"id": net(spoke, "app") + "virtualNetworks/spoke", "type": typeVNet, "properties": map[string]any{
		"virtualNetworkPeerings": []any{map[string]any{"properties": map[string]any{"peeringState": "Connected",
			"remoteVirtualNetwork": map[string]any{"id": net(hub, "hub") + "virtualNetworks/hub"}}}}}}
	hubNet := Doc{"id": net(hub, "hub") + "virtualNetworks/hub", "type": typeVNet, "subscriptionId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}
	bastion := func(sku string) Doc {
		return Doc{"id": net(hub, "hub") + "bastionHosts/b", "type": typeBastion, "subscriptionId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
			"sku": map[string]any{"name": sku}, "properties": map[string]any{"ipConfigurations": []any{map[string]any{"properties": map[string]any{
				"subnet": map[string]any{"id": net(hub, "hub") + "virtualNetworks/hub/subnets/AzureBastionSubnet"}}}}}}
	}
	jit := Doc{"id": spoke + "/resourceGroups/app/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default", "type": typeJITPolicy,
		"properties": map[string]any{"virtualMachines": []any{map[string]any{"id": vm.ID()}}}}
	run := func(docs ...Doc) Result {
		return evalBastion(subDoc, NewInventory(append([]Doc{subDoc, vm, nic, spokeNet, hubNet}, docs...)))
	}
	if r := run(bastion("Basic")); r.Status != Pass || !strings.Contains(r.Detail, "peered") {
		t.Errorf("hub Bastion, Basic: %+v", r)
	}
	if r := run(bastion("Developer")); r.Status != Fail || !strings.Contains(r.Detail, "1 of 1") {
		t.Errorf("hub Bastion, Developer SKU (no peering): %+v", r)
	}
	if r := run(jit); r.Status != Pass || !strings.Contains(r.Detail, "just-in-time") {
		t.Errorf("JIT only: %+v", r)
	}
	if r := run(); r.Status != Fail || !strings.Contains(r.Detail, "no just-in-time") {
		t.Errorf("neither: %+v", r)
	}
}

// TestSecureScoreTargetIsOwned: the 70% threshold is said to be ssrm's
// choice wherever it shows (finding 20: no Microsoft source sets one).
func TestSecureScoreTargetIsOwned(t *testing.T) {
	d := Doc{"id": "/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Security/secureScores/ascScore",
		"type": typeSecureScore, "properties": map[string]any{"score": map[string]any{"percentage": 0.55}}}
	if r := evalSecureScore(d, nil); r.Status != Fail || !strings.Contains(r.Detail, "not a Microsoft figure") {
		t.Errorf("55%%: %+v", r)
	}
	for _, c := range Catalog() {
		if c.ID == "secure-score" && !strings.Contains(c.Title, "not a Microsoft figure") {
			t.Errorf("title %q does not say whose target it is", c.Title)
		}
	}
}

// TestEntraLogsNotLicensed: a tenant whose licences were read and hold no
// Entra ID P1 or P2 is not failed for sign-in logs it cannot export; with
// P1 the same settings fail (finding 12).
func TestEntraLogsNotLicensed(t *testing.T) {
	tenant := Doc{"id": "/tenant", "type": typeTenant}
	audit := Doc{"id": "/providers/microsoft.aadiam/diagnosticSettings/audit", "type": typeEntraDiagSetting,
		"properties": map[string]any{"workspaceId": "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/w",
			"logs": []any{map[string]any{"category": "AuditLogs", "enabled": true}}}}
	run := func(plan string, docs ...Doc) Result {
		sku := map[string]any{"capabilityStatus": "Enabled", "skuPartNumber": "O365_BUSINESS_PREMIUM",
			"servicePlans": []any{map[string]any{"servicePlanName": "EXCHANGE_S_STANDARD"}}}
		if plan != "" {
			sku["servicePlans"] = append(sku["servicePlans"].([]any), map[string]any{"servicePlanName": plan})
		}
		snap := &Snapshot{Collected: day("2026-11-26"), Documents: append([]Doc{tenant}, docs...),
			Graph: map[string]any{pathSkus: []any{sku}},
			Reads: []ReadStats{{Source: "arm", Name: "entra-diagnostic-settings", Status: "ok", Items: len(docs)},
				{Source: "graph", Name: pathSkus, Status: "ok", Items: 1}}}
		for _, f := range RunSnapshot(snap, Catalog()) {
			if f.Check == "entra-logs-exported" {
				return Result{f.Status, f.Detail}
			}
		}
		return Result{}
	}
	if r := run("", audit); r.Status != NA || !strings.Contains(r.Detail, "not licensed") || !strings.Contains(r.Detail, "P1 or P2") {
		t.Errorf("no P1, audit exported: %+v", r)
	}
	if r := run(""); r.Status != Fail || !strings.Contains(r.Detail, "audit logs are not exported") {
		t.Errorf("no P1, nothing exported: %+v", r)
	}
	if r := run("AAD_PREMIUM", audit); r.Status != Fail || !strings.Contains(r.Detail, "sign-in logs are not") {
		t.Errorf("P1, audit only: %+v", r)
	}
}
