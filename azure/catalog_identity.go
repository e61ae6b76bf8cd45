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

// Built-in role definition ids (the last segment of roleDefinitionId).
const (
	roleOwner       = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	roleContributor = "b24988ac-6180-42a0-ab88-20f7382dd24c"
	roleUAA         = "18d7d88d-d35e-4fb3-9b0a-9f7fee8a6d1c"
	roleRBACAdmin   = "f58310d9-a9f6-439a-9e8d-f62e7b41a168"
)

// privilegedRoles can change what the subscription is or who may touch it.
var privilegedRoles = map[string]string{
	roleOwner: "Owner", roleContributor: "Contributor", roleUAA: "User Access Administrator", roleRBACAdmin: "Role Based Access Control Administrator",
}

// mcsbInitiative is the policy set definition id of the Microsoft cloud
// security benchmark initiative (formerly Azure Security Benchmark).
const mcsbInitiative = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8"

// Defender for Cloud assessment keys, in one table: Microsoft renamed and
// reshaped the identity recommendations (V1 → V2, 2024), so both keys of
// each are listed, and the display name is the fallback.
var assessmentTopics = map[string]string{
	"94290b00-4d0c-d7b4-7cea-064a9554e681": topicMFAOwners,   // V1: MFA should be enabled on accounts with owner permissions on subscriptions
	"6240402e-f77c-46fa-9060-a7ce53997754": topicMFAOwners,   // V2: Accounts with owner permissions on Azure resources should be MFA enabled
	"c3b6ae71-f1f0-31b4-e6c1-d5951285d03d": topicGuestOwners, // V1: External accounts with owner permissions should be removed from subscriptions
	"20606e75-05c4-48c0-9d97-add6daa2109a": topicGuestOwners, // V2: Guest accounts with owner permissions on Azure resources should be removed
}

const (
	topicMFAOwners   = "mfa-owners"
	topicGuestOwners = "guest-owners"
)

// AssessmentKeys lists the Defender assessment keys the checks read, for the
// collection query.
func AssessmentKeys() []string {
	ks := make([]string, 0, len(assessmentTopics))
	for k := range assessmentTopics {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// assessmentTopic says which of our topics a Defender assessment is about.
func assessmentTopic(d Doc) string {
	if t, ok := assessmentTopics[strings.ToLower(d.Name())]; ok {
		return t
	}
	n := strings.ToLower(d.Str("properties", "displayName"))
	switch {
	case strings.Contains(n, "owner permissions") && strings.Contains(n, "mfa"):
		return topicMFAOwners
	case strings.Contains(n, "owner permissions") && (strings.Contains(n, "guest") || strings.Contains(n, "external")):
		return topicGuestOwners
	}
	return ""
}

// assessmentResult turns a Defender assessment status into a result.
func assessmentResult(d Doc, healthy, unhealthy string) Result {
	code := d.Str("properties", "status", "code")
	cause := d.Str("properties", "status", "cause")
	if cause == "" {
		cause = d.Str("properties", "status", "description")
	}
	switch {
	case eq(code, "Healthy"):
		return pass(healthy)
	case eq(code, "Unhealthy"):
		if cause != "" {
			return fail(unhealthy + " (" + cause + ")")
		}
		return fail(unhealthy)
	case eq(code, "NotApplicable"):
		return na("Defender for Cloud: not applicable " + cause)
	}
	return na("Defender for Cloud status " + code)
}

func evalMFAOwners(d Doc, _ *Inventory) Result {
	if assessmentTopic(d) != topicMFAOwners {
		return Result{Status: Skip}
	}
	return assessmentResult(d, "every account with owner permissions has MFA (Defender for Cloud)",
		"an account with owner permissions has no MFA (Defender for Cloud)")
}

func evalGuestOwners(d Doc, _ *Inventory) Result {
	if assessmentTopic(d) != topicGuestOwners {
		return Result{Status: Skip}
	}
	return assessmentResult(d, "no guest or external account holds owner permissions (Defender for Cloud)",
		"a guest or external account holds owner permissions (Defender for Cloud)")
}

// defenderPlanTypes says which resource types make a Defender plan
// relevant to a subscription. Plans not listed cover resources ssrm does not
// collect and are not judged; nil means always relevant.
var defenderPlanTypes = map[string][]string{
	"virtualmachines": {typeVM},
	"sqlservers":      {typeSQLServer},
	"appservices":     {typeSite},
	"storageaccounts": {typeStorage},
	"keyvaults":       {typeKeyVault},
	"containers":      {typeAKS},
	"arm":             nil,
	"cloudposture":    nil,
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
			for _, r := range inv.OfType(t) {
				if r.Subscription() == sub {
					n++
				}
			}
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
// secure-score check passes.
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
		return pass(msg)
	}
	return fail(fmt.Sprintf("%s, below %.0f%%", msg, SecureScoreTarget*100))
}

// assignment is a role assignment made directly at a subscription's scope.
type assignment struct {
	role, principal, kind string
}

// subscriptionAssignments returns the privileged role assignments made at
// the scope of one subscription (not inherited, not on a resource group),
// and whether any role assignment at all was collected.
func subscriptionAssignments(sub string, inv *Inventory) ([]assignment, bool) {
	all := inv.OfType(typeRoleAssignment)
	if len(all) == 0 {
		return nil, false
	}
	var out []assignment
	for _, a := range all {
		scope := strings.TrimRight(strings.ToLower(a.Str("properties", "scope")), "/")
		if scope != "/subscriptions/"+sub {
			continue
		}
		rd := strings.ToLower(a.Str("properties", "roleDefinitionId"))
		rd = rd[strings.LastIndex(rd, "/")+1:]
		if _, ok := privilegedRoles[rd]; !ok {
			continue
		}
		out = append(out, assignment{role: rd, principal: strings.ToLower(a.Str("properties", "principalId")), kind: a.Str("properties", "principalType")})
	}
	return out, true
}

func evalOwnerCount(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d.Subscription(), inv)
	if !any {
		return Result{Status: Skip}
	}
	owners := map[string]bool{}
	for _, a := range as {
		if a.role == roleOwner {
			owners[a.principal] = true
		}
	}
	switch n := len(owners); {
	case n == 0:
		return na("no owner assigned at subscription scope (owners may be inherited from a management group)")
	case n == 1:
		return fail("a single owner: no second person can act if that account is lost")
	case n > 3:
		return fail(fmt.Sprintf("%d owners: more than 3 people hold full control", n))
	default:
		return pass(fmt.Sprintf("%d owners", n))
	}
}

func evalSPOwner(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d.Subscription(), inv)
	if !any {
		return Result{Status: Skip}
	}
	n := 0
	for _, a := range as {
		if (a.role == roleOwner || a.role == roleUAA || a.role == roleRBACAdmin) && eq(a.kind, "ServicePrincipal") {
			n++
		}
	}
	if n > 0 {
		return fail(fmt.Sprintf("%d service principal(s) can grant access to the whole subscription (Owner or access administrator): a leaked secret owns it", n))
	}
	return pass("no application or automation holds Owner or an access administrator role on the subscription")
}

func evalDirectUsers(d Doc, inv *Inventory) Result {
	as, any := subscriptionAssignments(d.Subscription(), inv)
	if !any {
		return Result{Status: Skip}
	}
	users := map[string]bool{}
	for _, a := range as {
		if eq(a.kind, "User") {
			users[a.principal] = true
		}
	}
	if len(users) > 0 {
		return fail(fmt.Sprintf("%d user account(s) hold a privileged role directly on the subscription, not through a group or PIM", len(users)))
	}
	return pass("privileged roles on the subscription go to groups, not to individual users")
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
