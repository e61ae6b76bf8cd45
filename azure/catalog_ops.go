package azure

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Resource types of the backup, monitoring, operations and container
// registry checks (lower case, as Resource Graph writes them).
const (
	typeRegistry          = "microsoft.containerregistry/registries"
	typeRSVault           = "microsoft.recoveryservices/vaults"
	typeBackupVault       = "microsoft.dataprotection/backupvaults"
	typeProtectedItem     = "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems"
	typeGuestConfig       = "microsoft.guestconfiguration/guestconfigurationassignments"
	typePatchResult       = "microsoft.compute/virtualmachines/patchassessmentresults"
	typeVMExtension       = "microsoft.compute/virtualmachines/extensions"
	typeNetworkWatcher    = "microsoft.network/networkwatchers"
	typeFlowLog           = "microsoft.network/networkwatchers/flowlogs"
	typePublicIP          = "microsoft.network/publicipaddresses"
	typeActivityAlert     = "microsoft.insights/activitylogalerts"
	typeSecurityConnector = "microsoft.security/securityconnectors"
	typeJITPolicy         = "microsoft.security/locations/jitnetworkaccesspolicies"
)

// More Resource Graph tables.
const (
	TableRecovery    = "recoveryservicesresources"
	TableGuestConfig = "guestconfigurationresources"
	TablePatches     = "patchassessmentresources"
	TablePolicy      = "policyresources"
)

// typeTables says which Resource Graph table holds a resource type that is
// not in `resources`.
var typeTables = map[string]string{
	typeSubscription:   TableContainers,
	typeRoleAssignment: TableAuthorization,
	typeRoleDefinition: TableAuthorization,
	typePolicyAssign:   TablePolicy,
	typeAssessment:     TableSecurity,
	typeSubAssessment:  TableSecurity,
	typePricing:        TableSecurity,
	typeSecureScore:    TableSecurity,
	typeSiteConfig:     TableAppService,
	typeProtectedItem:  TableRecovery,
	typeGuestConfig:    TableGuestConfig,
	typePatchResult:    TablePatches,
	typeTenant:         "",
}

// tableOf returns the Resource Graph table of a resource type.
func tableOf(t string) string {
	if tb, ok := typeTables[t]; ok {
		return tb
	}
	return TableResources
}

// saw reports whether documents of a type were collected at all, so a join
// can tell "this machine has no backup item" from "backup items were not
// collected" (a single `az graph query`, or a table the credential could not
// read). With a snapshot's query list it asks whether the type's table was
// queried without error; otherwise whether any document of the type is
// there.
func (inv *Inventory) saw(t string) bool {
	if inv.tables != nil {
		return inv.tables[tableOf(t)]
	}
	return len(inv.OfType(t)) > 0
}

// clock is the time the date-based checks (end of support) compare with.
// Tests set it.
var clock = time.Now

// supportEnd is when a product version leaves support.
type supportEnd struct {
	match string // what the normalized product string starts with
	ends  string // YYYY-MM-DD
}

// judgeSupport compares a product against an end-of-support table: fail
// when its support has ended, pass when it has not, na when the table does
// not know it. The tables hold vendors' published dates; a version missing
// from them is never passed.
func judgeSupport(what, product string, table []supportEnd) Result {
	for _, e := range table {
		if !strings.HasPrefix(product, e.match) {
			continue
		}
		end, err := time.Parse("2006-01-02", e.ends)
		if err != nil {
			break
		}
		if clock().Before(end) {
			return pass(fmt.Sprintf("%s is supported until %s", what, e.ends))
		}
		return fail(fmt.Sprintf("%s has been out of support since %s: no more security fixes", what, e.ends))
	}
	return na(what + " is not in ssrm's end-of-support table")
}

// runtimeSupport: App Service language stacks (linuxFxVersion "STACK|x.y"),
// from each language's published end-of-life dates.
var runtimeSupport = []supportEnd{
	{"node|14", "2023-04-30"}, {"node|16", "2023-09-11"}, {"node|18", "2025-04-30"}, {"node|20", "2026-04-30"},
	{"node|22", "2027-04-30"}, {"node|24", "2028-04-30"},
	{"python|3.7", "2023-06-27"}, {"python|3.8", "2024-10-07"}, {"python|3.9", "2025-10-31"},
	{"python|3.10", "2026-10-31"}, {"python|3.11", "2027-10-31"}, {"python|3.12", "2028-10-31"}, {"python|3.13", "2029-10-31"},
	{"php|7.", "2022-11-28"}, {"php|8.0", "2023-11-26"}, {"php|8.1", "2025-12-31"}, {"php|8.2", "2026-12-31"},
	{"php|8.3", "2027-12-31"}, {"php|8.4", "2028-12-31"},
	{"dotnetcore|3.1", "2022-12-13"}, {"dotnetcore|5.0", "2022-05-10"}, {"dotnetcore|6.0", "2024-11-12"},
	{"dotnetcore|7.0", "2024-05-14"}, {"dotnetcore|8.0", "2026-11-10"}, {"dotnetcore|9.0", "2026-11-10"},
	{"dotnetcore|10.0", "2028-11-14"},
}

// osSupport: marketplace images as "publisher/offer/sku" (lower case), from
// the vendors' end-of-support (standard support) dates.
var osSupport = []supportEnd{
	{"microsoftwindowsserver/windowsserver/2008", "2020-01-14"},
	{"microsoftwindowsserver/windowsserver/2012", "2023-10-10"},
	{"microsoftwindowsserver/windowsserver/2016", "2027-01-12"},
	{"microsoftwindowsserver/windowsserver/2019", "2029-01-09"},
	{"microsoftwindowsserver/windowsserver/2022", "2031-10-14"},
	{"microsoftwindowsserver/windowsserver/2025", "2034-10-10"},
	{"canonical/ubuntuserver/14.04", "2019-04-30"},
	{"canonical/ubuntuserver/16.04", "2021-04-30"},
	{"canonical/ubuntuserver/18.04", "2023-05-31"},
	{"canonical/0001-com-ubuntu-server-focal/", "2025-05-31"},
	{"canonical/0001-com-ubuntu-server-jammy/", "2027-04-30"},
	{"canonical/ubuntu-24_04-lts/", "2029-05-31"},
	{"openlogic/centos", "2024-06-30"},
	{"redhat/rhel/6", "2020-11-30"},
	{"redhat/rhel/7", "2024-06-30"},
	{"redhat/rhel/8", "2029-05-31"},
	{"redhat/rhel/9", "2032-05-31"},
	{"debian/debian-10/", "2024-06-30"},
	{"debian/debian-11/", "2026-08-31"},
	{"debian/debian-12/", "2028-06-30"},
}

func evalVMOSSupport(d Doc, _ *Inventory) Result {
	img := d.Sub("properties", "storageProfile", "imageReference")
	pub, offer, sku := img.Str("publisher"), img.Str("offer"), img.Str("sku")
	if pub == "" || offer == "" {
		return na("custom or gallery image: check its operating system by hand")
	}
	product := strings.ToLower(pub + "/" + offer + "/" + sku)
	return judgeSupport(offer+" "+sku, product, osSupport)
}

func evalAppRuntime(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		if c = d.Sub("properties", "siteConfig"); c == nil {
			return na("site configuration not in the collection")
		}
	}
	fx := strings.ToLower(strings.TrimSpace(c.Str("linuxFxVersion")))
	if fx == "" {
		if v := c.Str("phpVersion"); v != "" && !eq(v, "Off") {
			fx = "php|" + v
		} else if v := c.Str("pythonVersion"); v != "" && !eq(v, "Off") {
			fx = "python|" + v
		}
	}
	if fx == "" || strings.HasPrefix(fx, "docker|") || strings.HasPrefix(fx, "compose|") {
		return na("no built-in language stack visible (a container, or a Windows stack set elsewhere)")
	}
	fx = strings.Replace(fx, "dotnet|", "dotnetcore|", 1)
	return judgeSupport("runtime "+strings.ToUpper(fx), fx, runtimeSupport)
}

func evalACRAdmin(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "adminUserEnabled")
	switch {
	case !ok:
		return na("admin user setting not visible")
	case v:
		return fail("the admin user is on: a shared username and password with push and pull rights to every repository")
	}
	return pass("admin user off: access through Entra identities")
}

func evalACRPublic(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled")
	}
	if eq(d.Str("properties", "networkRuleSet", "defaultAction"), "Deny") {
		return pass("firewall denies by default; selected networks only")
	}
	return fail("reachable from every network: images can be pulled (and pushed with a stolen credential) from anywhere")
}

func evalACRFindings(d Doc, inv *Inventory) Result {
	return resourceAssessment(d, inv, topicACRFindings, "Defender for Cloud: no unresolved image vulnerabilities",
		"Defender for Cloud: images in this registry have unresolved vulnerabilities")
}

// nsgOperations are the Activity Log operations an NSG change alert
// watches.
var nsgOperations = []string{
	"microsoft.network/networksecuritygroups/write",
	"microsoft.network/networksecuritygroups/delete",
	"microsoft.network/networksecuritygroups/securityrules/write",
	"microsoft.network/networksecuritygroups/securityrules/delete",
}

// alertWatches reports whether an activity log alert's conditions name
// one of the operations.
func alertWatches(a Doc, ops []string) bool {
	var conds []Doc
	conds = append(conds, objects(a.List("properties", "condition", "allOf"))...)
	for _, c := range objects(a.List("properties", "condition", "allOf")) {
		conds = append(conds, objects(c.List("anyOf"))...)
	}
	for _, c := range conds {
		if !eq(c.Str("field"), "operationName") {
			continue
		}
		vals := append(strs(c.List("containsAny")), c.Str("equals"))
		for _, v := range vals {
			for _, op := range ops {
				if eq(v, op) {
					return true
				}
			}
		}
	}
	return false
}

func evalActivityAlertNSG(d Doc, inv *Inventory) Result {
	sub := d.Subscription()
	nsgs := 0
	for _, n := range inv.OfType(typeNSG) {
		if n.Subscription() == sub {
			nsgs++
		}
	}
	if nsgs == 0 {
		return na("no network security groups in this subscription")
	}
	for _, a := range inv.OfType(typeActivityAlert) {
		if v, ok := a.Bool("properties", "enabled"); ok && !v {
			continue
		}
		scoped := a.Subscription() == sub
		for _, s := range strs(a.List("properties", "scopes")) {
			if eq(strings.TrimRight(s, "/"), "/subscriptions/"+sub) {
				scoped = true
			}
		}
		if scoped && alertWatches(a, nsgOperations) {
			return pass("activity log alert " + a.Name() + " fires on network security group changes")
		}
	}
	return fail(fmt.Sprintf("%d network security group(s) and no activity log alert on their changes: an opened port goes unnoticed", nsgs))
}

func evalAppAccessRestrictions(d Doc, inv *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled (private endpoint only)")
	}
	c, ok := siteConfig(d, inv)
	if !ok {
		return na("site configuration not in the collection")
	}
	rules := objects(c.List("ipSecurityRestrictions"))
	restricted, allowAll := 0, false
	for _, r := range rules {
		if !eq(r.Str("action"), "Allow") {
			continue
		}
		ip := strings.TrimSpace(r.Str("ipAddress"))
		switch {
		case eq(ip, "Any") || ip == "0.0.0.0/0" || ip == "::/0":
			allowAll = true
		case ip != "" || r.Str("vnetSubnetResourceId") != "":
			restricted++
		}
	}
	def := c.Str("ipSecurityRestrictionsDefaultAction")
	switch {
	case restricted > 0 && !allowAll && !eq(def, "Allow"):
		return pass(fmt.Sprintf("%d access restriction(s); everything else denied", restricted))
	case len(rules) == 0 && c.Get("ipSecurityRestrictions") == nil && def == "":
		return na("access restrictions not visible")
	}
	return fail("reachable from every address: no access restriction sends traffic through the WAF or a known network")
}

func evalVaultImmutable(d Doc, _ *Inventory) Result {
	st := d.Str("properties", "securitySettings", "immutabilitySettings", "state")
	switch {
	case eq(st, "Locked"):
		return pass("immutable vault, locked")
	case eq(st, "Unlocked"):
		return pass("immutable vault (not locked yet: lock it once retention is settled, so no one can turn it off)")
	case st == "":
		return fail("immutability not set: an attacker with the vault's rights can delete recovery points")
	}
	return fail("immutability " + st + ": an attacker with the vault's rights can delete recovery points")
}

// protectedItems indexes backup items by the id of the resource they
// protect (lower case).
func protectedItems(inv *Inventory) map[string]Doc {
	return inv.index("protected-items", func() any {
		m := map[string]Doc{}
		for _, p := range inv.OfType(typeProtectedItem) {
			src := p.Str("properties", "sourceResourceId")
			if src == "" {
				src = p.Str("properties", "virtualMachineId")
			}
			if src != "" {
				m[strings.ToLower(strings.TrimRight(src, "/"))] = p
			}
		}
		return m
	}).(map[string]Doc)
}

func evalVMBackup(d Doc, inv *Inventory) Result {
	if !inv.saw(typeProtectedItem) {
		return Result{Status: Skip}
	}
	p, ok := protectedItems(inv)[strings.ToLower(d.ID())]
	if !ok {
		return fail("no Azure Backup item protects this machine")
	}
	vault := segmentAfter(p.ID(), "vaults")
	switch st := p.Str("properties", "protectionState"); {
	case eq(st, "ProtectionStopped"), eq(st, "ProtectionPaused"):
		return fail("backup " + strings.ToLower(strings.TrimPrefix(st, "Protection")) + " in vault " + vault)
	case eq(st, "ProtectionError"):
		return fail("backup failing in vault " + vault)
	}
	return pass("backed up to vault " + vault)
}

// childrenOf returns the documents of a type whose id lies under a parent
// resource (a VM's extensions, patch results and guest assignments).
func childrenOf(inv *Inventory, parentID, t string) []Doc {
	idx := inv.index("children "+t, func() any {
		m := map[string][]Doc{}
		for _, c := range inv.OfType(t) {
			id := strings.ToLower(c.ID())
			if i := strings.Index(id, "/providers/microsoft.guestconfiguration/"); i >= 0 {
				id = id[:i]
			} else if i := strings.LastIndex(id, "/"); i >= 0 {
				id = id[:i]
				if j := strings.LastIndex(id, "/"); j >= 0 {
					id = id[:j]
				}
			}
			m[id] = append(m[id], c)
		}
		return m
	}).(map[string][]Doc)
	return idx[strings.ToLower(strings.TrimRight(parentID, "/"))]
}

// extensionKind is what a VM extension is: its handler type.
func extensionKind(e Doc) string {
	if t := e.Str("properties", "type"); t != "" {
		return strings.ToLower(t)
	}
	return strings.ToLower(e.Name())
}

func evalVMMonitoringAgent(d Doc, inv *Inventory) Result {
	if !inv.saw(typeVMExtension) {
		return Result{Status: Skip}
	}
	legacy := false
	for _, e := range childrenOf(inv, d.ID(), typeVMExtension) {
		switch extensionKind(e) {
		case "azuremonitorwindowsagent", "azuremonitorlinuxagent":
			if eq(e.Str("properties", "provisioningState"), "Failed") {
				return fail("Azure Monitor Agent installed but failed to provision")
			}
			return pass("Azure Monitor Agent installed")
		case "microsoftmonitoringagent", "omsagentforlinux":
			legacy = true
		}
	}
	if legacy {
		return fail("only the legacy Log Analytics agent, retired in August 2024: move to the Azure Monitor Agent")
	}
	return fail("no Azure Monitor Agent: the machine's logs and security events are not collected")
}

func evalVMEndpoint(d Doc, inv *Inventory) Result {
	r := resourceAssessment(d, inv, topicEDR, "Defender for Cloud: an EDR solution is installed and healthy",
		"Defender for Cloud: no healthy EDR solution")
	if r.Status != Skip {
		return r
	}
	for _, e := range childrenOf(inv, d.ID(), typeVMExtension) {
		if k := extensionKind(e); k == "mde.windows" || k == "mde.linux" {
			return pass("Microsoft Defender for Endpoint extension installed")
		}
	}
	return Result{Status: Skip}
}

func evalVMVulnerability(d Doc, inv *Inventory) Result {
	r := resourceAssessment(d, inv, topicVASolution, "Defender for Cloud: a vulnerability assessment solution scans this machine",
		"Defender for Cloud: no vulnerability assessment solution on this machine")
	if r.Status == Fail {
		return r
	}
	f := resourceAssessment(d, inv, topicVAFindings, "Defender for Cloud: scanned, no unresolved vulnerability findings",
		"Defender for Cloud: unresolved vulnerability findings")
	if f.Status != Skip {
		return f
	}
	return r
}

func evalVMGuestConfig(d Doc, inv *Inventory) Result {
	if !inv.saw(typeGuestConfig) {
		return Result{Status: Skip}
	}
	var found []Doc
	for _, g := range childrenOf(inv, d.ID(), typeGuestConfig) {
		n := g.Str("properties", "guestConfiguration", "name")
		if n == "" {
			n = g.Name()
		}
		if strings.Contains(strings.ToLower(n), "baseline") {
			found = append(found, g)
		}
	}
	if len(found) == 0 {
		return fail("no security baseline (machine configuration) is assigned: drift from the hardened settings goes unseen")
	}
	for _, g := range found {
		if eq(g.Str("properties", "complianceStatus"), "NonCompliant") {
			return fail("does not meet the Azure security baseline (" + g.Name() + ")")
		}
	}
	for _, g := range found {
		if eq(g.Str("properties", "complianceStatus"), "Compliant") {
			return pass("meets the Azure security baseline (" + g.Name() + ")")
		}
	}
	return na("baseline assigned, compliance not reported yet")
}

func evalVMJIT(d Doc, inv *Inventory) Result {
	covered := inv.index("jit-vms", func() any {
		m := map[string]string{}
		for _, p := range inv.OfType(typeJITPolicy) {
			for _, v := range objects(p.List("properties", "virtualMachines")) {
				m[strings.ToLower(strings.TrimRight(v.Str("id"), "/"))] = p.Name()
			}
		}
		return m
	}).(map[string]string)
	if name, ok := covered[strings.ToLower(d.ID())]; ok {
		return pass("covered by just-in-time access policy " + name)
	}
	return resourceAssessment(d, inv, topicJIT, "Defender for Cloud: management ports protected by just-in-time access",
		"Defender for Cloud: management ports reachable without just-in-time access")
}

func evalVMMissingUpdates(d Doc, inv *Inventory) Result {
	for _, p := range childrenOf(inv, d.ID(), typePatchResult) {
		if eq(p.Str("properties", "status"), "Failed") {
			continue
		}
		crit, _ := p.Num("properties", "availablePatchCountByClassification", "critical")
		sec, _ := p.Num("properties", "availablePatchCountByClassification", "security")
		when := p.Str("properties", "lastModifiedDateTime")
		if len(when) > 10 {
			when = when[:10]
		}
		if crit+sec > 0 {
			return fail(fmt.Sprintf("%.0f critical and %.0f security update(s) missing (assessed %s)", crit, sec, orNone(when)))
		}
		return pass(fmt.Sprintf("no critical or security update missing (assessed %s)", orNone(when)))
	}
	return resourceAssessment(d, inv, topicSystemUpdates, "Defender for Cloud: system updates installed",
		"Defender for Cloud: system updates missing")
}

func evalDevOpsConnected(d Doc, inv *Inventory) Result {
	if len(inv.OfType(typeSubscription)) == 0 || !inv.saw(typeSecurityConnector) {
		return Result{Status: Skip}
	}
	var envs []string
	for _, c := range inv.OfType(typeSecurityConnector) {
		switch e := strings.ToLower(c.Str("properties", "environmentName")); e {
		case "azuredevops", "github", "gitlab":
			envs = append(envs, c.Str("properties", "environmentName"))
		}
	}
	if len(envs) > 0 {
		sort.Strings(envs)
		return pass("Defender for Cloud DevOps connector(s): " + strings.Join(envs, ", "))
	}
	return fail("no Azure DevOps, GitHub or GitLab connector: Defender for Cloud does not scan the code and pipelines")
}

func evalDevOpsFindings(d Doc, _ *Inventory) Result {
	if assessmentTopic(d) != topicDevOpsFindings {
		return Result{Status: Skip}
	}
	name := d.Str("properties", "displayName")
	return assessmentResult(d, "Defender for Cloud: "+name+" — none open", "Defender for Cloud: "+name+" — findings open")
}

// flowLogTargets lists the ids (lower case) of the VNets and NSGs an
// enabled flow log covers.
func flowLogTargets(inv *Inventory) map[string]bool {
	return inv.index("flow-log-targets", func() any {
		m := map[string]bool{}
		for _, f := range inv.OfType(typeFlowLog) {
			if v, ok := f.Bool("properties", "enabled"); ok && !v {
				continue
			}
			if t := f.Str("properties", "targetResourceId"); t != "" {
				m[strings.ToLower(strings.TrimRight(t, "/"))] = true
			}
		}
		return m
	}).(map[string]bool)
}

func evalFlowLogs(d Doc, inv *Inventory) Result {
	targets := flowLogTargets(inv)
	if targets[strings.ToLower(d.ID())] {
		return pass("virtual network flow logs on")
	}
	subnets := objects(d.List("properties", "subnets"))
	if len(subnets) == 0 {
		return na("no subnets")
	}
	var missing []string
	for _, s := range subnets {
		nsg := s.Str("properties", "networkSecurityGroup", "id")
		if nsg == "" || !targets[strings.ToLower(strings.TrimRight(nsg, "/"))] {
			missing = append(missing, s.Str("name"))
		}
	}
	if len(missing) == 0 {
		return pass("every subnet's NSG has flow logs (NSG flow logs retire in 2027: move to VNet flow logs)")
	}
	return fail("no flow logs for subnet(s) " + strings.Join(missing, ", ") + ": no record of who talked to whom")
}

func evalNetworkWatcher(d Doc, inv *Inventory) Result {
	sub, loc := d.Subscription(), d.Location()
	if loc == "" {
		return na("location not visible")
	}
	for _, w := range inv.OfType(typeNetworkWatcher) {
		if w.Subscription() == sub && w.Location() == loc {
			return pass("Network Watcher on in " + loc)
		}
	}
	return fail("no Network Watcher in " + orNone(loc) + ": no flow logs, connection troubleshooting or topology there")
}

func evalPublicIP(d Doc, _ *Inventory) Result {
	cfg := strings.ToLower(d.Str("properties", "ipConfiguration", "id"))
	addr := d.Str("properties", "ipAddress")
	if addr == "" {
		addr = d.Name()
	}
	switch {
	case strings.Contains(cfg, "/networkinterfaces/"):
		return fail("public address " + addr + " sits on a virtual machine's network interface: the machine is directly on the Internet")
	case strings.Contains(cfg, "/bastionhosts/"), strings.Contains(cfg, "/applicationgateways/"), strings.Contains(cfg, "/azurefirewalls/"),
		strings.Contains(cfg, "/loadbalancers/"), strings.Contains(cfg, "/virtualnetworkgateways/"):
		return pass("public address " + addr + " on a managed entry point (" + segmentAfter(cfg, "providers") + ")")
	case cfg != "":
		return pass("public address " + addr + " on " + segmentAfter(cfg, "providers"))
	case d.Str("properties", "natGateway", "id") != "":
		return pass("public address " + addr + " used for outbound traffic by a NAT gateway")
	}
	return fail("public address " + addr + " is not attached to anything: release it")
}

// ownerTags are tag names (lower case, without separators) that name who
// owns a resource.
var ownerTags = []string{"owner", "businessowner", "technicalowner", "owneremail", "contact", "team", "createdby", "responsible"}

func evalOwnerTag(d Doc, _ *Inventory) Result {
	tags := d.Sub("tags")
	for k, v := range tags {
		n := strings.NewReplacer("-", "", "_", "", " ", "", ".", "").Replace(strings.ToLower(k))
		for _, o := range ownerTags {
			if n == o && asString(v) != "" {
				return pass("owner tag " + k)
			}
		}
	}
	return fail("no owner tag: no one to ask when this resource is exposed or unpatched")
}

func evalSubscriptionCount(d Doc, inv *Inventory) Result {
	n := 0
	for _, s := range inv.OfType(typeSubscription) {
		if synth, _ := s.Bool("_synthesized"); !synth {
			n++
		}
	}
	switch {
	case len(inv.OfType(typeSubscription)) == 0:
		return Result{Status: Skip}
	case n == 0:
		// only subscriptions guessed from resource ids (a single `az graph
		// query`): the ones with nothing in that query's result are unseen
		return na("the input does not list the subscriptions (a single query's output, not a snapshot): run 'ssrm azure collect' to count them")
	case n == 1:
		return fail("every workload is in one subscription: no boundary between data of different sensitivity")
	}
	return pass(strconv.Itoa(n) + " subscriptions (the count alone does not show they follow data sensitivity)")
}
