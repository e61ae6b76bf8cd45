package azure

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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
	typeSlotConfig:     TableAppService,
	typeClassicAdmin:   TableAuthorization,
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
	if tableOf(t) == TableARM {
		// Documents of read-only ARM GETs: collected when the snapshot
		// records a read of them (whatever came of it: see armChildGate
		// for failures), or when the input holds some ('az rest' output).
		return len(inv.OfType(t)) > 0 || inv.armRan(t)
	}
	if inv.tables != nil {
		return inv.tables[tableOf(t)]
	}
	return len(inv.OfType(t)) > 0
}

func evalVMOSSupport(d Doc, inv *Inventory) Result {
	img := d.Sub("properties", "storageProfile", "imageReference")
	pub, offer, sku := img.Str("publisher"), img.Str("offer"), img.Str("sku")
	if pub == "" || offer == "" {
		return na("custom or gallery image: check its operating system by hand")
	}
	product := strings.ToLower(pub + "/" + offer + "/" + sku)
	return judgeSupport(offer+" "+sku, product, osSupport, inv.AsOf())
}

// runtimeStacks maps the stack names of linuxFxVersion and windowsFxVersion
// ("NODE|20-lts", "DOTNET-ISOLATED|8.0") to ssrm's lifecycle tables.
var runtimeStacks = map[string]string{
	"node": "node", "php": "php", "python": "python", "powershell": "powershell",
	"dotnetcore": "dotnetcore", "dotnet": "dotnetcore", "dotnet-isolated": "dotnetcore", "aspnetcore": "dotnetcore",
	"java": "java", "tomcat": "java", "jbosseap": "java", "javase": "java",
}

// runtimeComponent is one language stack a web app declares.
type runtimeComponent struct {
	what    string // as shown: "PHP 5.6 (phpVersion)"
	stack   string // key of runtimeLife; "" when not judged
	version string
	why     string // why it is not judged
}

// fxComponent reads linuxFxVersion or windowsFxVersion ("STACK|version").
func fxComponent(field, fx string) (runtimeComponent, bool) {
	fx = strings.TrimSpace(fx)
	if fx == "" {
		return runtimeComponent{}, false
	}
	stack, ver, _ := strings.Cut(fx, "|")
	stack = strings.ToLower(strings.TrimSpace(stack))
	switch stack {
	case "docker", "compose", "kube":
		return runtimeComponent{what: fx + " (" + field + ")", why: "a container: its image's runtime is not visible"}, true
	}
	key, ok := runtimeStacks[stack]
	if !ok {
		return runtimeComponent{what: fx + " (" + field + ")", why: "stack not in ssrm's tables"}, true
	}
	if key == "java" {
		// "TOMCAT|10.0-java17", "JAVA|17-java17", "JAVA|11": the Java
		// version is after "java" when the stack is a server
		l := strings.ToLower(ver)
		if i := strings.LastIndex(l, "java"); i >= 0 {
			ver = l[i+4:]
		} else if stack != "java" && stack != "javase" {
			return runtimeComponent{what: fx + " (" + field + ")", why: "Java version not visible"}, true
		}
		return runtimeComponent{what: "Java " + ver + " (" + field + " " + fx + ")", stack: key, version: ver}, true
	}
	return runtimeComponent{what: strings.ToUpper(stack) + " " + ver + " (" + field + ")", stack: key, version: ver}, true
}

// appRuntimes lists the language stacks a web app's configuration names:
// linuxFxVersion on Linux; on Windows windowsFxVersion (containers),
// netFrameworkVersion (always set: v4.0 is .NET Framework 4.8, v2.0 and
// v3.5 are 3.5 SP1, v5.0 and later are .NET), phpVersion, pythonVersion,
// nodeVersion, javaVersion and powerShellVersion.
func appRuntimes(site, c Doc) []runtimeComponent {
	var out []runtimeComponent
	if r, ok := fxComponent("linuxFxVersion", c.Str("linuxFxVersion")); ok {
		return append(out, r)
	}
	linux := strings.Contains(strings.ToLower(site.Str("kind")), "linux")
	if linux {
		return nil // a Linux app with no stack set: nothing declared here
	}
	if r, ok := fxComponent("windowsFxVersion", c.Str("windowsFxVersion")); ok {
		out = append(out, r)
	}
	if v := strings.TrimSpace(c.Str("netFrameworkVersion")); v != "" {
		p := versionParts(v)
		switch {
		case len(p) == 0:
		case p[0] >= 5:
			out = append(out, runtimeComponent{what: ".NET " + strings.TrimPrefix(strings.ToLower(v), "v") + " (netFrameworkVersion)", stack: "dotnetcore", version: strings.TrimPrefix(strings.ToLower(v), "v")})
		case p[0] == 4:
			out = append(out, runtimeComponent{what: ".NET Framework 4.8 (netFrameworkVersion " + v + ")", stack: "dotnetframework", version: "4.8"})
		default:
			out = append(out, runtimeComponent{what: ".NET Framework 3.5 (netFrameworkVersion " + v + ")", stack: "dotnetframework", version: "3.5"})
		}
	}
	for _, f := range []struct{ field, stack, name string }{
		{"phpVersion", "php", "PHP"}, {"pythonVersion", "python", "Python"}, {"nodeVersion", "node", "Node.js"},
		{"javaVersion", "java", "Java"}, {"powerShellVersion", "powershell", "PowerShell"},
	} {
		v := strings.TrimSpace(c.Str(f.field))
		if v == "" || eq(v, "Off") {
			continue
		}
		r := runtimeComponent{what: f.name + " " + v + " (" + f.field + ")", stack: f.stack, version: v}
		switch {
		case f.stack == "java" && strings.HasPrefix(v, "1."):
			r.version = strings.TrimPrefix(v, "1.") // "1.8" is Java 8
		case strings.HasPrefix(v, "~") && len(versionParts(v)) < 2 && f.stack != "node":
			r.stack, r.why = "", "a floating major version: the minor version it runs is not visible"
		}
		out = append(out, r)
	}
	return out
}

func evalAppRuntime(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		if c = d.Sub("properties", "siteConfig"); c == nil {
			return na("site configuration not in the collection")
		}
	}
	comps := appRuntimes(d, c)
	if len(comps) == 0 {
		return na("no language stack in the site configuration (a Linux app's stack may be set in app settings, which Resource Graph does not hold)")
	}
	var failed, passed, unknown []string
	for _, r := range comps {
		if r.stack == "" {
			unknown = append(unknown, r.what+": "+r.why)
			continue
		}
		res := judgeVersion(r.what, runtimeLife[r.stack], r.version, inv.AsOf(), false)
		switch res.Status {
		case Fail:
			failed = append(failed, res.Detail)
		case Pass:
			passed = append(passed, res.Detail)
		default:
			unknown = append(unknown, res.Detail)
		}
	}
	more := ""
	if len(unknown) > 0 {
		more = "; not judged: " + strings.Join(unknown, "; ")
	}
	switch {
	case len(failed) > 0:
		return fail(strings.Join(failed, "; ") + more)
	case len(passed) > 0:
		return pass(strings.Join(passed, "; ") + more)
	}
	return na(strings.Join(unknown, "; "))
}

func evalACRAdmin(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "adminUserEnabled")
	switch {
	case !ok:
		return pass("admin user off (the API default: the property is not set)")
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
	nsgs := len(inv.InSubscription(typeNSG, sub))
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

// jitCovered maps the virtual machines (ids, lower case) a just-in-time
// access policy covers to the policy's name.
func jitCovered(inv *Inventory) map[string]string {
	return inv.index("jit-vms", func() any {
		m := map[string]string{}
		for _, p := range inv.OfType(typeJITPolicy) {
			for _, v := range objects(p.List("properties", "virtualMachines")) {
				m[strings.ToLower(strings.TrimRight(v.Str("id"), "/"))] = p.Name()
			}
		}
		return m
	}).(map[string]string)
}

func evalVMJIT(d Doc, inv *Inventory) Result {
	covered := jitCovered(inv)
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

// tagKeyFolder drops the separators of a tag key ("cost-center" and
// "Cost_Center" are one key).
var tagKeyFolder = strings.NewReplacer("-", "", "_", "", " ", "", ".", "")

func evalOwnerTag(d Doc, _ *Inventory) Result {
	tags := d.Sub("tags")
	for k, v := range tags {
		n := tagKeyFolder.Replace(strings.ToLower(k))
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
