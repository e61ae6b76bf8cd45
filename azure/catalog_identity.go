package azure

import (
	"fmt"
	"sort"
	"strings"
)

// Resource types the identity and Defender checks read.
const (
	typeSubscription   = "microsoft.resources/subscriptions"
	typeRoleAssignment = "microsoft.authorization/roleassignments"
	typeRoleDefinition = "microsoft.authorization/roledefinitions"
	typePolicyAssign   = "microsoft.authorization/policyassignments"
	typeAssessment     = "microsoft.security/assessments"
	typePricing        = "microsoft.security/pricings"
	typeSecureScore    = "microsoft.security/securescores"
	typeWorkspace      = "microsoft.operationalinsights/workspaces"
)

// Built-in role definition ids (the last segment of roleDefinitionId): the
// same GUID in every tenant, so roles are recognised by id, never by a
// display name a custom role could copy.
const (
	roleOwner       = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	roleContributor = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	roleUAA         = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
	roleRBACAdmin   = "f58310d9-a9f6-439a-9e8d-f62e7b41a168"
)

// privilegedRoles can change what the subscription is or who may touch it.
var privilegedRoles = map[string]string{
	roleOwner: "Owner", roleContributor: "Contributor", roleUAA: "User Access Administrator", roleRBACAdmin: "Role Based Access Control Administrator",
}

// mcsbInitiative is the policy set definition id of the Microsoft cloud
// security benchmark initiative (formerly Azure Security Benchmark).
const mcsbInitiative = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8"

// defenderPlanTypes says which resource types make a Defender plan
// relevant to a subscription. Plans not listed cover resources ssrm does not
// collect and are not judged; nil means always relevant.
var defenderPlanTypes = map[string][]string{
	"virtualmachines": {typeVM, typeVMSS},
	"sqlservers":      {typeSQLServer, typeSQLMI},
	"appservices":     {typeSite},
	"storageaccounts": {typeStorage},
	"keyvaults":       {typeKeyVault},
	"containers":      {typeAKS},
	// Defender for open-source relational databases, Cosmos DB, APIs and AI
	// services: the Defender plan names as microsoft.security/pricings
	// rows carry them.
	"opensourcerelationaldatabases": {typePGFlex, typeMySQLFlex},
	"cosmosdbs":                     {typeCosmos},
	"api":                           {typeAPIM},
	"ai":                            {typeCognitive},
	"arm":                           nil,
	"cloudposture":                  nil,
}

func evalDefenderPlan(d Doc, inv *Inventory) Result {
	plan := d.Name()
	tier := d.Str("properties", "pricingTier")
	if v, ok := d.Bool("properties", "deprecated"); ok && v {
		return na("plan " + plan + " is retired")
	}
	types, known := defenderPlanTypes[strings.ToLower(plan)]
	if !known {
		return na("plan " + plan + " covers resources ssrm does not collect")
	}
	if types != nil {
		sub, n := d.Subscription(), 0
		for _, t := range types {
			n += len(inv.InSubscription(t, sub))
		}
		if n == 0 {
			return na("plan " + plan + ": no such resources in this subscription")
		}
	}
	if eq(tier, "Standard") {
		return pass("Defender for " + plan + " on")
	}
	return fail(fmt.Sprintf("Defender for %s off (tier %s)", plan, orNone(tier)))
}

func orNone(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// SecureScoreTarget is the share of the maximum secure score from which the
// secure-score check passes. Microsoft publishes no threshold for a "good"
// secure score: 70% is ssrm's default, an assessor's choice, and the
// check's title and findings say so.
const SecureScoreTarget = 0.7

func evalSecureScore(d Doc, _ *Inventory) Result {
	pct, ok := d.Num("properties", "score", "percentage")
	if !ok {
		cur, ok1 := d.Num("properties", "score", "current")
		max, ok2 := d.Num("properties", "score", "max")
		if !ok1 || !ok2 || max <= 0 {
			return na("secure score not visible")
		}
		pct = cur / max
	}
	if pct > 1 { // some tools print it as a percentage
		pct /= 100
	}
	msg := fmt.Sprintf("secure score %.0f%%", pct*100)
	if pct >= SecureScoreTarget {
		return pass(fmt.Sprintf("%s, at or above ssrm's target of %.0f%% (an assessor's default, not a Microsoft figure)", msg, SecureScoreTarget*100))
	}
	return fail(fmt.Sprintf("%s, below ssrm's target of %.0f%% (an assessor's default, not a Microsoft figure)", msg, SecureScoreTarget*100))
}

// assignment is a privileged role assignment that applies to a whole
// subscription.
type assignment struct {
	role, principal, kind string
	// inherited: made on a management group above the subscription or at
	// the root scope.
	inherited bool
}

// roleOf returns the role definition GUID of an assignment, in lower case.
func roleOf(a Doc) string {
	rd := strings.ToLower(a.Str("properties", "roleDefinitionId"))
	return rd[strings.LastIndex(rd, "/")+1:]
}

// ancestors returns the management groups above a subscription (lower-case
// names), from properties.managementGroupAncestorsChain of its
// resourcecontainers row.
func ancestors(sub Doc) map[string]bool {
	out := map[string]bool{}
	for _, mg := range objects(sub.List("properties", "managementGroupAncestorsChain")) {
		if n := strings.ToLower(mg.Str("name")); n != "" {
			out[n] = true
		}
	}
	return out
}

// subscriptionAssignments returns the privileged role assignments that
// apply to one whole subscription: made at its scope, or inherited from a
// management group above it (when the subscription row names its
// ancestors) or from the root scope; not those on resource groups. The
// second result says whether any role assignment was collected at all.
func subscriptionAssignments(sub Doc, inv *Inventory) ([]assignment, bool) {
	all := inv.OfType(typeRoleAssignment)
	if len(all) == 0 {
		return nil, false
	}
	id := sub.Subscription()
	mgs := ancestors(sub)
	var out []assignment
	for _, a := range all {
		scope := strings.TrimRight(strings.ToLower(a.Str("properties", "scope")), "/")
		inherited := false
		switch {
		case scope == "/subscriptions/"+id:
		case scope == "" && a.Str("properties", "scope") == "/":
			inherited = true
		case strings.HasPrefix(scope, "/providers/microsoft.management/managementgroups/") && mgs[scope[strings.LastIndex(scope, "/")+1:]]:
			inherited = true
		default:
			continue
		}
		rd := roleOf(a)
		if _, ok := privilegedRoles[rd]; !ok {
			continue
		}
		out = append(out, assignment{role: rd, principal: strings.ToLower(a.Str("properties", "principalId")), kind: a.Str("properties", "principalType"), inherited: inherited})
	}
	return out, true
}

func evalOwnerCount(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d, inv)
	if !any {
		return Result{Status: Skip}
	}
	owners, inherited := map[string]bool{}, 0
	for _, a := range as {
		if a.role == roleOwner && !owners[a.principal] {
			owners[a.principal] = true
			if a.inherited {
				inherited++
			}
		}
	}
	note := ""
	if inherited > 0 {
		note = fmt.Sprintf(" (%d inherited from a management group)", inherited)
	}
	switch n := len(owners); {
	case n == 0:
		return na("no owner visible at subscription or management group scope (owners may be inherited from a scope Resource Graph did not return)")
	case n == 1:
		return fail("a single owner" + note + ": no second person can act if that account is lost")
	case n > 3:
		return fail(fmt.Sprintf("%d owners%s: more than 3 principals hold full control", n, note))
	default:
		return pass(fmt.Sprintf("%d owners%s", n, note))
	}
}

func evalSPOwner(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d, inv)
	if !any {
		return Result{Status: Skip}
	}
	sps := map[string]bool{}
	for _, a := range as {
		if (a.role == roleOwner || a.role == roleUAA || a.role == roleRBACAdmin) && eq(a.kind, "ServicePrincipal") {
			sps[a.principal] = true
		}
	}
	if n := len(sps); n > 0 {
		return fail(fmt.Sprintf("%d service principal(s) can grant access to the whole subscription (Owner or access administrator): a leaked secret owns it", n))
	}
	return pass("no application or automation holds Owner or an access administrator role on the subscription")
}

func evalDirectUsers(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d, inv)
	if !any {
		return Result{Status: Skip}
	}
	users := map[string]bool{}
	roles := map[string]bool{}
	for _, a := range as {
		if eq(a.kind, "User") {
			users[a.principal] = true
			roles[privilegedRoles[a.role]] = true
		}
	}
	if len(users) > 0 {
		names := make([]string, 0, len(roles))
		for r := range roles {
			names = append(names, r)
		}
		sort.Strings(names)
		return fail(fmt.Sprintf("%d user account(s) hold %s directly on the subscription, not through a group or PIM", len(users), strings.Join(names, ", ")))
	}
	return pass("privileged roles on the subscription go to groups, not to individual users")
}

// evalForeignPrivileged: a privileged role held by a principal of another
// tenant. Role assignments say so only for groups (principalType
// ForeignGroup); guest users are Defender's guest-account recommendations.
func evalForeignPrivileged(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d, inv)
	if !any {
		return Result{Status: Skip}
	}
	foreign := map[string]bool{}
	for _, a := range as {
		if eq(a.kind, "ForeignGroup") {
			foreign[a.principal] = true
		}
	}
	if n := len(foreign); n > 0 {
		return fail(fmt.Sprintf("%d group(s) from another tenant hold a privileged role on the subscription", n))
	}
	return pass("no principal from another tenant holds a privileged role on the subscription")
}

// grantsAccess reports whether a custom role action lets its holder assign
// roles, and so give itself anything.
func grantsAccess(action string) bool {
	a := strings.ToLower(strings.TrimSpace(action))
	switch a {
	case "*", "microsoft.authorization/*", "microsoft.authorization/roleassignments/*", "microsoft.authorization/roleassignments/write", "*/write":
		return true
	}
	return false
}

func evalCustomRoleAssignAccess(d Doc, _ *Inventory) Result {
	if !eq(d.Str("properties", "type"), "CustomRole") {
		return Result{Status: Skip}
	}
	name := d.Str("properties", "roleName")
	if name == "" {
		name = d.Name()
	}
	for _, p := range objects(d.List("properties", "permissions")) {
		excluded := map[string]bool{}
		for _, a := range strs(p.List("notActions")) {
			excluded[strings.ToLower(strings.TrimSpace(a))] = true
		}
		for _, a := range strs(p.List("actions")) {
			if grantsAccess(a) && !excluded["microsoft.authorization/roleassignments/write"] && !excluded["microsoft.authorization/*"] && !excluded["microsoft.authorization/*/write"] {
				return fail("custom role " + name + " can assign roles (" + a + "): whoever holds it can give itself Owner")
			}
		}
	}
	return pass("custom role " + name + " cannot assign roles")
}

func evalCustomOwnerRoles(d Doc, _ *Inventory) Result {
	if !eq(d.Str("properties", "type"), "CustomRole") {
		return Result{Status: Skip}
	}
	name := d.Str("properties", "roleName")
	if name == "" {
		name = d.Name()
	}
	for _, p := range objects(d.List("properties", "permissions")) {
		for _, a := range strs(p.List("actions")) {
			if strings.TrimSpace(a) == "*" {
				return fail("custom role " + name + " allows every action (*): an owner in disguise")
			}
		}
	}
	return pass("custom role " + name + " is scoped to named actions")
}

func evalMCSBAssigned(d Doc, inv *Inventory) Result {
	sub := d.Subscription()
	for _, p := range inv.OfType(typePolicyAssign) {
		if !strings.HasSuffix(strings.ToLower(p.Str("properties", "policyDefinitionId")), "/"+mcsbInitiative) {
			continue
		}
		scope := strings.ToLower(p.Str("properties", "scope"))
		where := ""
		switch {
		case strings.HasPrefix(scope, "/subscriptions/"+sub):
			where = "on this subscription"
		case strings.Contains(scope, "/managementgroups/"):
			where = "on management group " + scope[strings.LastIndex(scope, "/")+1:] + " (taken to contain this subscription)"
		default:
			continue
		}
		return pass("Microsoft cloud security benchmark assigned " + where)
	}
	if len(inv.OfType(typePolicyAssign)) == 0 {
		return Result{Status: Skip}
	}
	return fail("the Microsoft cloud security benchmark initiative is not assigned: no baseline is audited")
}

// LogRetentionTarget is the number of days of Log Analytics retention from
// which the log-analytics-retention check passes.
const LogRetentionTarget = 90

func evalLogRetention(d Doc, _ *Inventory) Result {
	days, ok := d.Num("properties", "retentionInDays")
	if !ok {
		return na("retention not visible")
	}
	if days >= LogRetentionTarget {
		return pass(fmt.Sprintf("%.0f days of retention", days))
	}
	return fail(fmt.Sprintf("%.0f days of retention: an intrusion found later than that leaves no trail", days))
}
