package azure

import (
	"fmt"
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
	vms := inv.InSubscription(typeVM, sub)
	if len(vms) == 0 {
		return na("no virtual machines in this subscription")
	}
	// Bastion hosts by the network they sit in, any subscription of the
	// collection: a hub's Bastion (Basic SKU or higher) serves the
	// networks peered with the hub; the Developer SKU serves its own
	// network only (Microsoft Learn, "About Bastion configuration
	// settings").
	bastions := map[string]string{} // vnet id (lower) -> SKU
	anyHere := false
	for _, b := range inv.OfType(typeBastion) {
		anyHere = anyHere || b.Subscription() == sub
		sku := b.Str("sku", "name")
		if sku == "" {
			sku = "Basic"
		}
		for _, v := range bastionVNets(b) {
			bastions[v] = sku
		}
	}
	jit := jitCovered(inv)
	reached, viaJIT, unknown := 0, 0, 0
	for _, vm := range vms {
		if _, ok := jit[strings.ToLower(vm.ID())]; ok {
			reached++
			viaJIT++
			continue
		}
		vnet := vmVNet(vm, inv)
		if vnet == "" {
			unknown++
			continue
		}
		if _, ok := bastions[vnet]; ok {
			reached++
			continue
		}
		for _, peer := range peeredVNets(vnet, inv) {
			if sku, ok := bastions[peer]; ok && !strings.EqualFold(sku, "Developer") {
				reached++
				break
			}
		}
	}
	n := len(vms)
	switch {
	case reached == n && viaJIT == n:
		return pass(fmt.Sprintf("all %d virtual machines are covered by just-in-time access policies", n))
	case reached == n:
		return pass(fmt.Sprintf("all %d virtual machines reach an Azure Bastion in their own or a peered network, or are covered by just-in-time access", n))
	case reached+unknown == n && anyHere:
		return pass(fmt.Sprintf("Azure Bastion deployed in this subscription; the network path of %d of %d virtual machines could not be followed (network interfaces or networks not collected)", unknown, n))
	}
	return fail(fmt.Sprintf("%d of %d virtual machines have no Azure Bastion reachable from their network (own, or peered with a Basic SKU or higher) and no just-in-time access policy: administration goes over public ports or a VPN ssrm cannot see", n-reached, n))
}

// bastionVNets are the virtual networks (ids, lower case) a Bastion host
// sits in: through the subnet of its IP configurations, or the network a
// Developer SKU names.
func bastionVNets(b Doc) []string {
	var out []string
	for _, c := range objects(b.List("properties", "ipConfigurations")) {
		if v := vnetOfSubnet(c.Str("properties", "subnet", "id")); v != "" {
			out = append(out, v)
		}
	}
	if v := b.Str("properties", "virtualNetwork", "id"); v != "" {
		out = append(out, strings.ToLower(strings.TrimRight(v, "/")))
	}
	return out
}

// vnetOfSubnet is the virtual network id (lower case) of a subnet id.
func vnetOfSubnet(id string) string {
	l := strings.ToLower(id)
	if i := strings.Index(l, "/subnets/"); i > 0 {
		return l[:i]
	}
	return ""
}

// vmVNet is the virtual network of a VM's first network interface that is
// in the collection, "" when none can be followed.
func vmVNet(vm Doc, inv *Inventory) string {
	for _, ni := range objects(vm.List("properties", "networkProfile", "networkInterfaces")) {
		nic, ok := inv.ByID(ni.Str("id"))
		if !ok {
			continue
		}
		for _, c := range objects(nic.List("properties", "ipConfigurations")) {
			if v := vnetOfSubnet(c.Str("properties", "subnet", "id")); v != "" {
				return v
			}
		}
	}
	return ""
}

// peeredVNets are the networks peered with a network, read from its own
// peerings and from the peerings of the other networks of the collection
// that name it.
func peeredVNets(vnet string, inv *Inventory) []string {
	var out []string
	for _, v := range inv.OfType(typeVNet) {
		id := strings.ToLower(strings.TrimRight(v.ID(), "/"))
		for _, p := range objects(v.List("properties", "virtualNetworkPeerings")) {
			if st := p.Str("properties", "peeringState"); st != "" && !eq(st, "Connected") {
				continue
			}
			remote := strings.ToLower(strings.TrimRight(p.Str("properties", "remoteVirtualNetwork", "id"), "/"))
			switch {
			case id == vnet && remote != "":
				out = append(out, remote)
			case remote == vnet:
				out = append(out, id)
			}
		}
	}
	return out
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
