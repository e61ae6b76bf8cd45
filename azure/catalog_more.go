package azure

import (
	"strings"
)

// databasePorts are the listening ports of common database engines: SQL
// Server, MySQL, PostgreSQL, Oracle, MongoDB, Redis, Elasticsearch.
var databasePorts = []int{1433, 3306, 5432, 1521, 27017, 6379, 9200}

func evalNSGDBPorts(d Doc, _ *Inventory) Result {
	open := openInboundRules(d, func(ports []string) bool {
		for _, s := range ports {
			for _, p := range databasePorts {
				if portRangeCovers(s, p) {
					return true
				}
			}
		}
		return false
	})
	if len(open) > 0 {
		return fail("inbound from the Internet to a database port: " + strings.Join(open, "; "))
	}
	return pass("no rule allows a database port from the Internet")
}

func evalFirewallIDPS(d Doc, inv *Inventory) Result {
	p := d
	if d.Type() == typeFirewall {
		pid := d.Str("properties", "firewallPolicy", "id")
		if pid == "" {
			return fail("classic rules without a firewall policy: no intrusion detection (it needs a Premium policy)")
		}
		var ok bool
		if p, ok = inv.ByID(pid); !ok {
			return na("firewall policy " + pid + " is not in the collection")
		}
	} else {
		return Result{Status: Skip}
	}
	tier := p.Str("properties", "sku", "tier")
	mode := p.Str("properties", "intrusionDetection", "mode")
	switch {
	case eq(mode, "Deny"):
		return pass("intrusion detection and prevention: alert and deny (policy " + p.Name() + ")")
	case eq(mode, "Alert"):
		return fail("intrusion detection alerts only (policy " + p.Name() + ")")
	case tier != "" && !eq(tier, "Premium"):
		return fail("policy " + p.Name() + " is " + tier + ": intrusion detection needs Premium")
	}
	return fail("intrusion detection off (policy " + p.Name() + ")")
}

func evalStorageCMK(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "encryption", "keySource"), "Microsoft.Keyvault") {
		return pass("encrypted with a customer-managed key")
	}
	return fail("encrypted with a Microsoft-managed key only")
}

func evalStorageInfraEnc(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "encryption", "requireInfrastructureEncryption"); ok && v {
		return pass("infrastructure (double) encryption on")
	}
	return fail("single layer of encryption at rest")
}

func evalAppRemoteDebug(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		return na("site configuration not in the collection")
	}
	if v, ok := c.Bool("remoteDebuggingEnabled"); ok && v {
		return fail("remote debugging on: an extra inbound port to the running app")
	}
	return pass("remote debugging off")
}

func evalAppIdentity(d Doc, _ *Inventory) Result {
	t := strings.ToLower(d.Str("identity", "type"))
	if strings.Contains(t, "assigned") {
		return pass("managed identity (" + d.Str("identity", "type") + "): no stored credentials needed")
	}
	return fail("no managed identity: the app must keep credentials to reach other services")
}

// subnetsNoPrivate are the subnets of Azure services where private
// subnets (defaultOutboundAccess false) do not apply: gateway, firewall,
// Bastion and Route Server subnets, which the service manages.
var subnetsNoPrivate = map[string]bool{
	"gatewaysubnet": true, "azurefirewallsubnet": true, "azurefirewallmanagementsubnet": true,
	"azurebastionsubnet": true, "routeserversubnet": true,
}

func evalSubnetOutbound(d Doc, _ *Inventory) Result {
	subnets := objects(d.List("properties", "subnets"))
	if len(subnets) == 0 {
		return na("no subnets")
	}
	var open []string
	checked := 0
	for _, s := range subnets {
		// Delegated subnets belong to a service (App Service, SQL Managed
		// Instance, Container Apps...), which manages their egress.
		if subnetsNoPrivate[strings.ToLower(s.Str("name"))] || len(s.List("properties", "delegations")) > 0 {
			continue
		}
		checked++
		v, ok := s.Bool("properties", "defaultOutboundAccess")
		if !ok || v {
			open = append(open, s.Str("name"))
		}
	}
	switch {
	case checked == 0:
		return na("only gateway, firewall, Bastion, Route Server or delegated subnets, where private subnets do not apply")
	case len(open) > 0:
		return fail("default outbound Internet access on: " + strings.Join(open, ", "))
	}
	return pass("default outbound access off on every workload subnet: egress only through what you deploy")
}

const typeBastion = "microsoft.network/bastionhosts"

func evalPrivateEndpoint(d Doc, _ *Inventory) Result {
	for _, c := range objects(d.List("properties", "privateEndpointConnections")) {
		st := c.Str("properties", "privateLinkServiceConnectionState", "status")
		if eq(st, "Approved") {
			return pass("reached through a private endpoint")
		}
	}
	return fail("no approved private endpoint (a connection with no status, pending, rejected or disconnected does not count): reached over public addresses only")
}

func evalBastion(d Doc, inv *Inventory) Result {
	sub := d.Subscription()
	vms := 0
	for _, v := range inv.OfType(typeVM) {
		if v.Subscription() == sub {
			vms++
		}
	}
	if vms == 0 {
		return na("no virtual machines in this subscription")
	}
	for _, b := range inv.OfType(typeBastion) {
		if b.Subscription() == sub {
			return pass("Azure Bastion deployed for administration")
		}
	}
	return fail("virtual machines but no Azure Bastion: administration goes over public ports or a VPN ssrm cannot see")
}

func evalAppHTTPLogs(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		return na("site configuration not in the collection")
	}
	if v, ok := c.Bool("httpLoggingEnabled"); ok && v {
		return pass("HTTP logging on")
	}
	return fail("HTTP logging off: no record of requests to investigate an attack")
}

func evalNSGAllowAllInternal(d Doc, _ *Inventory) Result {
	var open []string
	for _, r := range objects(d.List("properties", "securityRules")) {
		p := r.Sub("properties")
		if p == nil {
			p = r
		}
		if !eq(p.Str("direction"), "Inbound") || !eq(p.Str("access"), "Allow") {
			continue
		}
		srcs := append(strs(p.List("sourceAddressPrefixes")), p.Str("sourceAddressPrefix"))
		ports := append(strs(p.List("destinationPortRanges")), p.Str("destinationPortRange"))
		broadSrc := false
		for _, s := range srcs {
			if s == "*" || eq(s, "VirtualNetwork") || eq(s, "Any") {
				broadSrc = true
			}
		}
		for _, s := range ports {
			if broadSrc && portRangeWidth(s) >= 65536 {
				open = append(open, r.Str("name"))
				break
			}
		}
	}
	if len(open) > 0 {
		return fail("allows all ports from the whole network: " + strings.Join(open, ", ") + " (lateral movement is unchecked)")
	}
	return pass("no rule allows every port from the whole network")
}
