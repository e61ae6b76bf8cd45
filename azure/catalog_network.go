package azure

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Resource types the network checks read (lower case, as Resource Graph
// writes them).
const (
	typeNSG            = "microsoft.network/networksecuritygroups"
	typeVNet           = "microsoft.network/virtualnetworks"
	typeAppGateway     = "microsoft.network/applicationgateways"
	typeAppGWWAFPolicy = "microsoft.network/applicationgatewaywebapplicationfirewallpolicies"
	typeFrontDoor      = "microsoft.network/frontdoors"
	typeFDWAFPolicy    = "microsoft.network/frontdoorwebapplicationfirewallpolicies"
	typeCDNProfile     = "microsoft.cdn/profiles"
	typeFirewall       = "microsoft.network/azurefirewalls"
	typeFirewallPolicy = "microsoft.network/firewallpolicies"
	typeNIC            = "microsoft.network/networkinterfaces"
	typeLoadBalancer   = "microsoft.network/loadbalancers"
	typeVNetGateway    = "microsoft.network/virtualnetworkgateways"
)

// managementPorts are the remote administration ports that must never be
// open to the Internet: SSH, RDP, WinRM.
var managementPorts = []int{22, 3389, 5985, 5986}

// openInboundRules returns the inbound Allow rules of an NSG whose source
// is the whole Internet, as "name (ports)".
func openInboundRules(d Doc, match func(ports []string) bool) []string {
	var out []string
	for _, r := range objects(d.List("properties", "securityRules")) {
		p := r.Sub("properties")
		if p == nil {
			p = r // flattened shape
		}
		if !eq(p.Str("direction"), "Inbound") || !eq(p.Str("access"), "Allow") {
			continue
		}
		srcs := append(strs(p.List("sourceAddressPrefixes")), p.Str("sourceAddressPrefix"))
		if !anyInternet(srcs) {
			continue
		}
		ports := append(strs(p.List("destinationPortRanges")), p.Str("destinationPortRange"))
		if match(ports) {
			name := r.Str("name")
			if name == "" {
				name = "unnamed rule"
			}
			out = append(out, fmt.Sprintf("%s (%s)", name, strings.Join(nonEmpty(ports), ",")))
		}
	}
	sort.Strings(out)
	return out
}

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

// anyInternet reports whether one of the address prefixes means "anyone".
func anyInternet(prefixes []string) bool {
	for _, s := range prefixes {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "*", "any", "internet", "0.0.0.0", "0.0.0.0/0", "::/0", "0.0.0.0/0,::/0":
			return true
		}
	}
	return false
}

// portRangeCovers reports whether a port spec ("*", "22", "20-25") includes port.
func portRangeCovers(spec string, port int) bool {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return false
	}
	if spec == "*" || strings.EqualFold(spec, "any") {
		return true
	}
	lo, hi, ok := strings.Cut(spec, "-")
	a, err1 := strconv.Atoi(strings.TrimSpace(lo))
	if err1 != nil {
		return false
	}
	b := a
	if ok {
		var err2 error
		if b, err2 = strconv.Atoi(strings.TrimSpace(hi)); err2 != nil {
			return false
		}
	}
	return a <= port && port <= b
}

// portRangeWidth is how many ports a spec opens (65536 for "*").
func portRangeWidth(spec string) int {
	spec = strings.TrimSpace(spec)
	if spec == "*" || strings.EqualFold(spec, "any") {
		return 65536
	}
	lo, hi, ok := strings.Cut(spec, "-")
	a, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return 0
	}
	if !ok {
		return 1
	}
	b, err := strconv.Atoi(strings.TrimSpace(hi))
	if err != nil || b < a {
		return 0
	}
	return b - a + 1
}

func evalNSGMgmtPorts(d Doc, _ *Inventory) Result {
	open := openInboundRules(d, func(ports []string) bool {
		for _, s := range ports {
			for _, p := range managementPorts {
				if portRangeCovers(s, p) {
					return true
				}
			}
		}
		return false
	})
	if len(open) > 0 {
		return fail("inbound from the Internet to a management port: " + strings.Join(open, "; "))
	}
	return pass("no rule allows SSH, RDP or WinRM from the Internet")
}

// wideOpen is the number of ports from which an Internet-facing rule counts
// as "any port" rather than a published service.
const wideOpen = 1024

func evalNSGAnyPort(d Doc, _ *Inventory) Result {
	open := openInboundRules(d, func(ports []string) bool {
		for _, s := range ports {
			if portRangeWidth(s) >= wideOpen {
				return true
			}
		}
		return false
	})
	if len(open) > 0 {
		return fail("inbound from the Internet to all or a wide range of ports: " + strings.Join(open, "; "))
	}
	return pass("no rule opens all or a wide range of ports to the Internet")
}

// subnetsExempt are subnets Azure forbids or does not need an NSG on.
var subnetsExempt = map[string]bool{
	"gatewaysubnet": true, "azurefirewallsubnet": true, "azurefirewallmanagementsubnet": true,
	"routeserversubnet": true,
}

func evalSubnetNSG(d Doc, _ *Inventory) Result {
	subnets := objects(d.List("properties", "subnets"))
	if len(subnets) == 0 {
		return na("no subnets")
	}
	var missing []string
	checked := 0
	for _, s := range subnets {
		name := s.Str("name")
		if subnetsExempt[strings.ToLower(name)] {
			continue
		}
		checked++
		if s.Str("properties", "networkSecurityGroup", "id") == "" && s.Str("networkSecurityGroup", "id") == "" {
			missing = append(missing, name)
		}
	}
	if checked == 0 {
		return na("only gateway or firewall subnets, which take no NSG")
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fail(fmt.Sprintf("%d of %d subnets have no network security group: %s", len(missing), checked, strings.Join(missing, ", ")))
	}
	return pass(fmt.Sprintf("all %d subnets have a network security group", checked))
}

func evalDDoS(d Doc, inv *Inventory) Result {
	on, _ := d.Bool("properties", "enableDdosProtection")
	plan := d.Str("properties", "ddosProtectionPlan", "id")
	switch {
	case on && plan != "":
		return pass("DDoS Network Protection plan attached")
	case on:
		return pass("DDoS protection enabled")
	case len(d.List("properties", "subnets")) == 0:
		return na("no subnets: nothing in this network for DDoS protection to shield")
	}
	ips, known := vnetPublicIPs(d, inv)
	if known && len(ips) == 0 {
		return na("no public IP address in this network: nothing reachable from the Internet for DDoS protection to shield")
	}
	if !known {
		return fail("no DDoS Network Protection plan on the network, and its public IP addresses were not collected, so DDoS IP Protection could not be seen: only the default infrastructure protection is proven")
	}
	// DDoS IP Protection is set per public IP: ddosSettings.protectionMode
	// "Enabled" (VirtualNetworkInherited, the default, follows the
	// network, which has no plan here).
	protected := 0
	modes := map[string]int{}
	for _, ip := range ips {
		mode := ip.Str("properties", "ddosSettings", "protectionMode")
		if mode == "" {
			mode = "VirtualNetworkInherited"
		}
		modes[mode]++
		if strings.EqualFold(mode, "Enabled") {
			protected++
		}
	}
	var found []string
	for m, n := range modes {
		found = append(found, fmt.Sprintf("%s ×%d", m, n))
	}
	sort.Strings(found)
	if protected == len(ips) {
		return pass(fmt.Sprintf("DDoS IP Protection on all %d public IP addresses in this network (protection mode %s)", len(ips), strings.Join(found, ", ")))
	}
	return fail(fmt.Sprintf("%d of %d public IP addresses in this network have DDoS IP Protection, and the network has no DDoS Network Protection plan (protection modes found: %s); the rest have only the default infrastructure protection", protected, len(ips), strings.Join(found, ", ")))
}

// vnetPublicIPs lists the public IP addresses of the collection that sit
// on something in the virtual network (a network interface, an Application
// Gateway, a firewall, a Bastion host, a gateway, or a load balancer whose
// back end is in the network). known is false when public addresses or
// network interfaces were not collected, or an address sits on something
// of a type that was not, so absence proves nothing.
func vnetPublicIPs(vnet Doc, inv *Inventory) (ips []Doc, known bool) {
	if !inv.saw(typePublicIP) || !inv.saw(typeNIC) {
		return nil, false
	}
	prefix := strings.ToLower(strings.TrimRight(vnet.ID(), "/")) + "/subnets/"
	inVNet := func(owner Doc) bool {
		found := false
		walkStrings(owner, func(s string) {
			found = found || strings.HasPrefix(strings.ToLower(s), prefix)
		})
		return found
	}
	known = true
	for _, ip := range inv.OfType(typePublicIP) {
		owner := resourceOf(ip.Str("properties", "ipConfiguration", "id"))
		if owner == "" {
			continue // not attached, or outbound only (NAT gateway)
		}
		od, ok := inv.ByID(owner)
		if !ok {
			if !inv.saw(typeOfID(owner)) {
				known = false
			}
			continue // outside the collection
		}
		if inVNet(od) {
			ips = append(ips, ip)
			continue
		}
		// a load balancer's back end: the network interfaces it names
		var nics []string
		walkStrings(od, func(s string) {
			if strings.Contains(strings.ToLower(s), "/networkinterfaces/") {
				nics = append(nics, resourceOf(s))
			}
		})
		for _, n := range nics {
			if nd, ok := inv.ByID(n); ok && inVNet(nd) {
				ips = append(ips, ip)
				break
			}
		}
	}
	return ips, known
}

// resourceOf is the resource an Azure id points into: the id up to
// "providers/<namespace>/<type>/<name>" (a NIC for its ipConfiguration).
func resourceOf(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i, p := range parts {
		if strings.EqualFold(p, "providers") && i+3 < len(parts) {
			return "/" + strings.Join(parts[:i+4], "/")
		}
	}
	return ""
}

// typeOfID is the resource type of an id, lower case:
// "microsoft.network/networkinterfaces".
func typeOfID(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i, p := range parts {
		if strings.EqualFold(p, "providers") && i+2 < len(parts) {
			return strings.ToLower(parts[i+1] + "/" + parts[i+2])
		}
	}
	return ""
}

// walkStrings calls fn with every string value in a document.
func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case Doc:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	}
}

// wafPolicyState reads a WAF policy's enabled state and mode, for both the
// Application Gateway and the Front Door shapes.
func wafPolicyState(p Doc) (enabled bool, mode string) {
	s := p.Sub("properties", "policySettings")
	state := s.Str("state")
	if state == "" {
		state = s.Str("enabledState")
	}
	enabled = state == "" || eq(state, "Enabled")
	return enabled, s.Str("mode")
}

func isFrontDoorProfile(d Doc) bool {
	return strings.Contains(strings.ToLower(d.Str("sku", "name")), "frontdoor")
}

// wafFor finds the WAF protecting an App Gateway or Front Door: inline
// configuration (legacy App Gateway), a linked policy, or a Front Door
// policy whose links point back. It returns a description, whether one was
// found, its mode and whether it is enabled.
func wafFor(d Doc, inv *Inventory) (found, enabled bool, mode, what string, policy Doc) {
	switch d.Type() {
	case typeAppGateway:
		// Only the WAF and WAF_v2 tiers run a web application firewall: a
		// Standard tier ignores any WAF settings it carries.
		tier := d.Str("properties", "sku", "tier")
		if tier != "" && !strings.HasPrefix(strings.ToLower(tier), "waf") {
			return false, false, "", "tier " + tier + " runs no web application firewall, whatever WAF settings it carries", nil
		}
		if pid := d.Str("properties", "firewallPolicy", "id"); pid != "" {
			if p, ok := inv.ByID(pid); ok {
				en, m := wafPolicyState(p)
				return true, en, m, "policy " + p.Name(), p
			}
			return true, true, "", "policy not in the collection", nil
		}
		if w := d.Sub("properties", "webApplicationFirewallConfiguration"); w != nil {
			en, _ := w.Bool("enabled")
			return true, en, w.Str("firewallMode"), "inline configuration", nil
		}
		if tier != "" {
			return false, false, "", "tier " + tier + " with neither a WAF policy nor a WAF configuration", nil
		}
		return false, false, "", "", nil
	case typeFrontDoor:
		for _, fe := range objects(d.List("properties", "frontendEndpoints")) {
			pid := fe.Str("properties", "webApplicationFirewallPolicyLink", "id")
			if pid == "" {
				continue
			}
			if p, ok := inv.ByID(pid); ok {
				en, m := wafPolicyState(p)
				return true, en, m, "policy " + p.Name(), p
			}
			return true, true, "", "policy not in the collection", nil
		}
		return false, false, "", "", nil
	case typeCDNProfile:
		prefix := strings.ToLower(d.ID()) + "/"
		for _, p := range inv.OfType(typeFDWAFPolicy) {
			for _, l := range objects(p.List("properties", "securityPolicyLinks")) {
				if strings.HasPrefix(strings.ToLower(l.Str("id")), prefix) {
					en, m := wafPolicyState(p)
					return true, en, m, "policy " + p.Name(), p
				}
			}
		}
	}
	return false, false, "", "", nil
}

func evalWAFPresent(d Doc, inv *Inventory) Result {
	if d.Type() == typeCDNProfile && !isFrontDoorProfile(d) {
		return Result{Status: Skip}
	}
	found, enabled, _, what, policy := wafFor(d, inv)
	switch {
	case !found && what != "":
		return fail("no web application firewall in front of this entry point: " + what)
	case !found:
		return fail("no web application firewall in front of this entry point")
	case !enabled:
		return fail("web application firewall present (" + what + ") but disabled")
	}
	// A Front Door WAF policy with custom rules only guards nothing the
	// attacker did not announce: the managed Default Rule Set is what
	// APP-WAF level 3 asks for, and on Front Door it needs the Premium tier
	// ("Managed rule sets, such as the Default Rule Set, require the
	// Premium tier": Microsoft Learn, WAF custom rules for Front Door).
	if policy != nil && d.Type() != typeAppGateway && len(policy.List("properties", "managedRules", "managedRuleSets")) == 0 {
		if strings.Contains(strings.ToLower(d.Str("sku", "name")), "standard") {
			return fail("WAF policy has custom rules only (" + what + "): Front Door Standard cannot run the managed Default Rule Set; move to Front Door Premium with the Default Rule Set, or to Application Gateway WAF_v2")
		}
		return fail("WAF policy has custom rules only (" + what + "): add the managed Default Rule Set to the policy")
	}
	return pass("web application firewall present (" + what + ")")
}

func evalWAFMode(d Doc, inv *Inventory) Result {
	if d.Type() == typeCDNProfile && !isFrontDoorProfile(d) {
		return Result{Status: Skip}
	}
	found, enabled, mode, what, _ := wafFor(d, inv)
	switch {
	case !found:
		return na("no web application firewall (see waf-present)")
	case !enabled:
		return fail("web application firewall disabled (" + what + ")")
	case eq(mode, "Prevention"):
		return pass("prevention mode (" + what + ")")
	case mode == "":
		return na("mode not visible (" + what + ")")
	}
	return fail(mode + " mode: attacks are logged, not blocked (" + what + ")")
}

func evalFirewallThreatIntel(d Doc, inv *Inventory) Result {
	mode := d.Str("properties", "threatIntelMode")
	src := "firewall"
	if pid := d.Str("properties", "firewallPolicy", "id"); pid != "" {
		p, ok := inv.ByID(pid)
		if !ok {
			if mode == "" {
				return na("threat intelligence is set on firewall policy " + pid + ", which is not in the collection")
			}
		} else {
			mode, src = p.Str("properties", "threatIntelMode"), "policy "+p.Name()
		}
	}
	switch {
	case eq(mode, "Deny"):
		return pass("threat intelligence: alert and deny (" + src + ")")
	case eq(mode, "Alert"):
		return fail("threat intelligence: alert only, known-malicious traffic is not blocked (" + src + ")")
	case eq(mode, "Off"):
		return fail("threat intelligence off (" + src + ")")
	case mode == "":
		if src == "firewall" {
			return fail("threat intelligence mode not set (defaults to alert only)")
		}
		return fail("threat intelligence mode not set on " + src + " (defaults to alert only)")
	}
	return fail("unexpected threat intelligence mode " + mode + " (" + src + ")")
}
