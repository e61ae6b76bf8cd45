package azure

import (
	"strings"
	"testing"
)

// TestDDoSPassesIPProtection: a network without a DDoS Network Protection
// plan passes when every public IP on it has DDoS IP Protection (the
// affordable route the remediation and A-DDOS-PROTECTION offer), fails
// naming the modes when one does not, and is not applicable with nothing
// public on it (review finding 5).
func TestDDoSPassesIPProtection(t *testing.T) {
	const sub = "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/net/providers/Microsoft.Network/"
	vnet := Doc{"id": sub + "virtualNetworks/v", "type": typeVNet, "properties": map[string]any{
		"subnets": []any{map[string]any{"id": sub + "virtualNetworks/v/subnets/app"}}}}
	nic := func(n string) Doc {
		return Doc{"id": sub + "networkInterfaces/" + n, "type": typeNIC, "properties": map[string]any{
			"ipConfigurations": []any{map[string]any{"id": sub + "networkInterfaces/" + n + "/ipConfigurations/c",
				"properties": map[string]any{"subnet": map[string]any{"id": sub + "virtualNetworks/v/subnets/app"}}}}}}
	}
	ip := func(n, nicName, mode string) Doc {
		p := map[string]any{"ipConfiguration": map[string]any{"id": sub + "networkInterfaces/" + nicName + "/ipConfigurations/c"}}
		if mode != "" {
			p["ddosSettings"] = map[string]any{"protectionMode": mode}
		}
		return Doc{"id": sub + "publicIPAddresses/" + n, "type": typePublicIP, "properties": p}
	}
	run := func(docs ...Doc) Result {
		inv := NewInventory(append([]Doc{vnet}, docs...))
		return evalDDoS(vnet, inv)
	}
	if r := run(nic("a"), ip("pa", "a", "Enabled"), nic("b"), ip("pb", "b", "Enabled")); r.Status != Pass || !strings.Contains(r.Detail, "DDoS IP Protection on all 2") || !strings.Contains(r.Detail, "Enabled") {
		t.Errorf("both IPs protected: %+v", r)
	}
	if r := run(nic("a"), ip("pa", "a", "Enabled"), nic("b"), ip("pb", "b", "")); r.Status != Fail || !strings.Contains(r.Detail, "1 of 2") || !strings.Contains(r.Detail, "VirtualNetworkInherited") {
		t.Errorf("one IP unprotected: %+v", r)
	}
	if r := run(nic("a"), ip("pa", "a", "Disabled")); r.Status != Fail || !strings.Contains(r.Detail, "Disabled") {
		t.Errorf("IP protection disabled: %+v", r)
	}
	if r := run(nic("a"), ip("pa", "", "")); r.Status != NA {
		t.Errorf("nothing public in the network: %+v", r)
	}
	withPlan := Doc{"id": vnet.ID(), "type": typeVNet, "properties": map[string]any{"enableDdosProtection": true,
		"ddosProtectionPlan": map[string]any{"id": sub + "ddosProtectionPlans/p"}, "subnets": vnet.List("properties", "subnets")}}
	if r := evalDDoS(withPlan, NewInventory([]Doc{withPlan})); r.Status != Pass {
		t.Errorf("network plan: %+v", r)
	}
	for _, c := range Catalog() {
		if c.ID == "ddos-protection" && !strings.Contains(c.Title, "IP Protection") {
			t.Errorf("title still names Network Protection only: %q", c.Title)
		}
	}
}

// TestWAFCustomRulesOnlyFails: a Front Door Standard profile whose linked
// WAF policy runs custom rules only does not pass "has a web application
// firewall": Standard cannot run the managed Default Rule Set (review
// finding 11); the same profile on Premium with the rule set passes.
func TestWAFCustomRulesOnlyFails(t *testing.T) {
	const rg = "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/edge/providers/"
	profile := func(sku string) Doc {
		return Doc{"id": rg + "Microsoft.Cdn/profiles/afd", "type": typeCDNProfile, "sku": map[string]any{"name": sku}, "properties": map[string]any{}}
	}
	policy := func(managed bool) Doc {
		p := map[string]any{"policySettings": map[string]any{"enabledState": "Enabled", "mode": "Prevention"},
			"customRules":         map[string]any{"rules": []any{map[string]any{"name": "blockRange"}}},
			"securityPolicyLinks": []any{map[string]any{"id": rg + "Microsoft.Cdn/profiles/afd/securityPolicies/sp"}}}
		if managed {
			p["managedRules"] = map[string]any{"managedRuleSets": []any{map[string]any{"ruleSetType": "Microsoft_DefaultRuleSet"}}}
		}
		return Doc{"id": rg + "Microsoft.Network/frontdoorWebApplicationFirewallPolicies/w", "type": typeFDWAFPolicy, "properties": p}
	}
	std := profile("Standard_AzureFrontDoor")
	r := evalWAFPresent(std, NewInventory([]Doc{std, policy(false)}))
	if r.Status != Fail || !strings.Contains(r.Detail, "custom rules only") || !strings.Contains(r.Detail, "Front Door Standard cannot run the managed Default Rule Set") {
		t.Errorf("Standard, custom rules only: %+v", r)
	}
	prem := profile("Premium_AzureFrontDoor")
	if r := evalWAFPresent(prem, NewInventory([]Doc{prem, policy(true)})); r.Status != Pass {
		t.Errorf("Premium with the Default Rule Set: %+v", r)
	}
}
