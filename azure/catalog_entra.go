package azure

import (
	"fmt"
	"sort"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Microsoft Graph request paths the Entra checks read (the snapshot keys).
const (
	pathCA           = "/identity/conditionalAccess/policies"
	pathSecDefaults  = "/policies/identitySecurityDefaultsEnforcementPolicy"
	pathAuthz        = "/policies/authorizationPolicy"
	pathRoleAssign   = "/roleManagement/directory/roleAssignments"
	pathRoleElig     = "/roleManagement/directory/roleEligibilitySchedules"
	pathRoleSchedule = "/roleManagement/directory/roleAssignmentScheduleInstances"
	pathUsers        = "/users"
	pathApps         = "/applications"
	pathSPs          = "/servicePrincipals"
	pathRegDetails   = "/reports/authenticationMethods/userRegistrationDetails"
	pathSkus         = "/subscribedSkus"
)

// appAzureManagement is the application id of "Windows Azure Service
// Management API" (Azure portal, CLI, PowerShell, ARM), the same in every
// tenant; Conditional Access names it to cover Azure management.
const appAzureManagement = "797f4846-ba00-4fd7-ba43-dac1f8f63013"

// roleDirSync is "Directory Synchronization Accounts", which Microsoft's
// "Require MFA for all users" template excludes along with the emergency
// access accounts.
const roleDirSync = "d29b2b05-8046-44ba-8758-1e26182fcf32"

// privilegedDirectoryRoles are the roles Microsoft's "Require multifactor
// authentication for admins" Conditional Access template targets (the
// Microsoft Entra built-in role template ids; Global Reader is left out:
// it cannot change anything).
var privilegedDirectoryRoles = map[string]string{
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
}

// Why the Entra checks may have to be verified by hand, and where.
const (
	howCA       = "Entra admin center > Protection > Conditional Access, or Identity > Overview > Properties > Manage security defaults."
	howRoles    = "Entra admin center > Roles and administrators, and Identity Governance > Privileged Identity Management."
	howConsent  = "Entra admin center > Enterprise applications > Consent and permissions, and User settings."
	howApps     = "Entra admin center > App registrations > each app's Certificates & secrets."
	howGuests   = "Entra admin center > Users, filtered by user type Guest, with the last sign-in column."
	howRegister = "Entra admin center > Protection > Authentication methods > User registration details, filtered on admins."
)

var catalogEntra = []Check{
	{ID: "identity-security-defaults", Title: "Security defaults or Conditional Access require MFA for all users",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-MFA-USERS"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB: "IM-6", CIS: "5.1.1",
		Remediation: "Turn on security defaults (Entra ID Free), or enable a Conditional Access policy that requires MFA (or an authentication strength) for all users and all cloud apps, excluding only the emergency access accounts.",
		Absent:      "A Conditional Access policy without a grant control or with no user or application scope does not count as requiring MFA; security defaults with no isEnabled value count as off. No Graph read at all: verify by hand, never a pass.",
		Manual:      howCA, Eval: evalMFAAllUsers},
	{ID: "identity-mfa-admins", Title: "MFA is required for every privileged directory role",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-MFA-ADMIN"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-6",
		Remediation: "Enable Microsoft's 'Require multifactor authentication for admins' Conditional Access template (or MFA for all users); prefer a phishing-resistant authentication strength for admins.",
		Absent:      "A policy whose conditions or grant controls are missing does not count as covering the admin roles. No Graph read: verify by hand, never a pass.",
		Manual:      howCA, Eval: evalMFAAdmins},
	{ID: "identity-mfa-azure-management", Title: "Conditional Access requires MFA for Azure management",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-MFA-ADMIN", "ID-CA-DESIGN"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-6",
		Remediation: "A Conditional Access policy requiring MFA for the Windows Azure Service Management API (or all cloud apps) for all users.",
		Absent:      "A policy whose application scope or grant controls are missing does not count as covering Azure management. No Graph read: verify by hand, never a pass.",
		Manual:      howCA, Eval: evalMFAAzureManagement},
	{ID: "identity-legacy-auth-blocked", Title: "Legacy authentication is blocked",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-LEGACY-AUTH"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-7",
		Remediation: "Enable a Conditional Access policy that blocks the Exchange ActiveSync and 'Other clients' client app types for all users and all cloud apps (security defaults block them too).",
		Absent:      "A policy whose client app types or block control are missing does not count as blocking legacy authentication. No Graph read: verify by hand, never a pass.",
		Manual:      howCA, Eval: evalLegacyAuth},
	{ID: "identity-risk-policies", Title: "Risky sign-ins and risky users are challenged (where Entra ID P2 is licensed)",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-PROTECTION", "ID-MFA-USERS"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-7",
		Remediation: "With Entra ID P2, enable Conditional Access policies that require MFA for medium and high sign-in risk and a secure password change (or block) for high user risk.",
		Absent:      "A policy with no sign-in or user risk level does not count as a risk policy. No Graph read: verify by hand, never a pass.",
		Manual:      howCA, Eval: evalRiskPolicies},
	{ID: "identity-break-glass", Title: "Emergency access accounts exist, are excluded from Conditional Access and their sign-ins alert",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"PA-BREAK-GLASS"}, Table: TableGraph, Types: []string{typeTenant}, Refs: []string{typeScheduledQuery},
		MCSB:        "PA-5",
		Remediation: "Keep two cloud-only Global Administrator accounts excluded from every Conditional Access policy, with phishing-resistant credentials in a safe, and an alert rule on their every sign-in.",
		Absent:      "Exclusions missing from a policy mean nobody is excluded (fail). A group excluded from every enforced policy counts through its direct members holding Global Administrator (GET /groups/{id}/members); its members not read, or only nested groups in it: verify by hand. Alert rules not collected: verify by hand. No Graph read: verify by hand.",
		Manual:      "Check the documented emergency accounts in Entra admin center > Users, their Conditional Access exclusions, and the sign-in alert in Log Analytics or Sentinel.",
		Eval:        evalBreakGlass},
	{ID: "global-admin-count", Title: "Two to four Global Administrators",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-LEAST-PRIV", "PA-CLOUD-ONLY"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "PA-1",
		Remediation: "Keep two to four Global Administrators (the emergency accounts included); give everyone else the narrowest role that does the job.",
		Absent:      "Role assignments with no role or principal id are not counted. No Graph read of role assignments: verify by hand.",
		Manual:      howRoles, Eval: evalGlobalAdminCount},
	{ID: "identity-pim-privileged", Title: "Privileged directory roles are eligible through PIM, not permanent",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"PA-PIM", "ID-LEAST-PRIV"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "PA-2",
		Remediation: "Make privileged roles eligible-only in Privileged Identity Management, with MFA and approval on activation; only the emergency accounts stay permanently assigned.",
		Absent:      "An active assignment with no end date counts as standing (permanent). No Graph read of role assignments: verify by hand.",
		Manual:      howRoles, Eval: evalPIM},
	{ID: "identity-admin-mfa-registered", Title: "Every administrator has registered a strong authentication method",
		Layer: q.LayerApplications, Domain: "identity", Severity: High,
		Questions: []string{"ID-MFA-ADMIN"}, Table: TableGraph, Types: []string{typeTenant, typeGraphAdminMF},
		MCSB:        "IM-6",
		Remediation: "Have each administrator register a phishing-resistant method (FIDO2 key, Windows Hello, passkey in Authenticator) before their role is used.",
		Absent:      "An administrator whose registration details lack isMfaRegistered counts as not registered (fail). No Graph read: verify by hand.",
		Manual:      howRegister, Eval: splitTenant(graphTenant(pathRegDetails, "", howRegister), evalAdminMFARegistered)},
	{ID: "identity-stale-guests", Title: "No guest account has gone 90 days without signing in",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-TEMP-ACCESS"}, Table: TableGraph, Types: []string{typeTenant, typeGraphGuest},
		MCSB: "PA-4", CIS: "5.3.2",
		Remediation: "Run a recurring access review of guest users (or an inactive-guest review) and remove those who have not signed in for 90 days.",
		Absent:      "A guest with no sign-in activity is judged by its creation date; with neither, not applicable. No Graph read of users: verify by hand.",
		Manual:      howGuests, Eval: splitTenant(graphTenant(pathUsers, "no guest account", howGuests), evalStaleGuest)},
	{ID: "identity-guest-invite", Title: "Only admins and the Guest Inviter role can invite guests",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-TEMP-ACCESS"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "PA-4",
		Remediation: "Set 'Guest invite settings' to 'Only users assigned to specific admin roles can invite guest users' (allowInvitesFrom adminsAndGuestInviters) or stricter.",
		Absent:      "No allowInvitesFrom in the authorization policy: not applicable (the setting was not read). No Graph read: verify by hand.",
		Manual:      "Entra admin center > External Identities > External collaboration settings.", Eval: evalGuestInvite},
	{ID: "user-consent-allowed", Title: "Users cannot consent to applications on their own",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CONSENT"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-3",
		Remediation: "Allow user consent only for verified publishers and low-risk permissions, or not at all, with an admin consent workflow.",
		Absent:      "No permissionGrantPoliciesAssigned in the authorization policy: not applicable (the setting was not read). No Graph read: verify by hand.",
		Manual:      howConsent, Eval: evalUserConsent},
	{ID: "identity-users-register-apps", Title: "Users cannot register applications",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-INTEGRATIONS"}, Table: TableGraph, Types: []string{typeTenant},
		MCSB:        "IM-3",
		Remediation: "Set 'Users can register applications' to No and give the Application Developer role to those who need it.",
		Absent:      "No allowedToCreateApps in the authorization policy: not applicable (the setting was not read). No Graph read: verify by hand.",
		Manual:      howConsent, Eval: evalUsersRegisterApps},
	{ID: "app-secret-expiry", Title: "Application secrets live at most 12 months and none is left expired",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"DATA-KEY-LIFECYCLE", "ID-INTEGRATIONS"}, Table: TableGraph, Types: []string{typeTenant, typeGraphApp, typeGraphSP},
		MCSB:        "IM-3",
		Remediation: "Prefer managed identities or federated credentials; cap secret lifetime at 12 months with an app management policy, rotate before expiry and delete expired credentials.",
		Absent:      "A secret with no end date fails; an application with no secret or certificate is skipped. No Graph read of applications: verify by hand.",
		Manual:      howApps, Eval: splitTenant(graphTenant(pathApps, "", howApps), evalAppCredentials)},
}

// caPolicy wraps a Conditional Access policy document
// (conditionalAccessPolicy, v1.0).
type caPolicy Doc

func (p caPolicy) d() Doc        { return Doc(p) }
func (p caPolicy) enabled() bool { return eq(p.d().Str("state"), "enabled") }
func (p caPolicy) list(path ...string) []string {
	return strs(p.d().List(append([]string{"conditions"}, path...)...))
}

func has(l []string, v string) bool {
	for _, x := range l {
		if eq(x, v) {
			return true
		}
	}
	return false
}

// emergency is the break-glass pattern of a tenant's Conditional Access:
// the users and groups excluded from every enabled policy.
type emergency struct {
	users, groups map[string]bool
}

func emergencyOf(ps []caPolicy) emergency {
	e := emergency{users: map[string]bool{}, groups: map[string]bool{}}
	first := true
	for _, p := range ps {
		if !p.enabled() {
			continue
		}
		us, gs := map[string]bool{}, map[string]bool{}
		for _, u := range p.list("users", "excludeUsers") {
			us[strings.ToLower(u)] = true
		}
		for _, g := range p.list("users", "excludeGroups") {
			gs[strings.ToLower(g)] = true
		}
		if first {
			e.users, e.groups, first = us, gs, false
			continue
		}
		for u := range e.users {
			if !us[u] {
				delete(e.users, u)
			}
		}
		for g := range e.groups {
			if !gs[g] {
				delete(e.groups, g)
			}
		}
	}
	return e
}

// coverage says whom and what a policy covers, and what narrows it.
type coverage struct {
	allUsers bool
	roles    map[string]bool
	// gaps lists what keeps the policy from covering every sign-in of its
	// target: exclusions beyond the emergency accounts, excluded apps,
	// client app types, platforms, locations, risk or device conditions.
	gaps []string
}

// coverageOf evaluates a policy's conditions. apps says which
// applications must be included (All, or one of them).
func coverageOf(p caPolicy, e emergency, apps ...string) coverage {
	c := coverage{roles: map[string]bool{}}
	inc := p.list("users", "includeUsers")
	c.allUsers = has(inc, "All")
	for _, r := range p.list("users", "includeRoles") {
		c.roles[strings.ToLower(r)] = true
	}
	var extraUsers, extraGroups int
	for _, u := range p.list("users", "excludeUsers") {
		if !e.users[strings.ToLower(u)] {
			extraUsers++
		}
	}
	for _, g := range p.list("users", "excludeGroups") {
		if !e.groups[strings.ToLower(g)] {
			extraGroups++
		}
	}
	if len(e.users)+len(e.groups) > 4 {
		extraUsers += len(e.users)
		extraGroups += len(e.groups)
	}
	if extraUsers > 0 {
		c.gaps = append(c.gaps, fmt.Sprintf("excludes %d user(s) beyond the emergency accounts", extraUsers))
	}
	if extraGroups > 0 {
		c.gaps = append(c.gaps, fmt.Sprintf("excludes %d group(s) beyond the emergency accounts", extraGroups))
	}
	for _, r := range p.list("users", "excludeRoles") {
		if !eq(r, roleDirSync) {
			c.gaps = append(c.gaps, "excludes directory role "+roleName(r))
		}
	}
	if g := p.d().Sub("conditions", "users", "excludeGuestsOrExternalUsers"); len(g) > 0 {
		c.gaps = append(c.gaps, "excludes guests or external users")
	}
	incApps := p.list("applications", "includeApplications")
	switch {
	case has(incApps, "All"):
	case len(apps) > 0 && anyOf(incApps, apps):
	default:
		c.gaps = append(c.gaps, "does not target all cloud apps")
	}
	if ex := p.list("applications", "excludeApplications"); len(ex) > 0 {
		if len(apps) > 0 && anyOf(ex, apps) {
			c.gaps = append(c.gaps, "excludes the application it should cover")
		} else if len(apps) == 0 || has(incApps, "All") && len(apps) == 0 {
			c.gaps = append(c.gaps, fmt.Sprintf("excludes %d application(s)", len(ex)))
		}
	}
	if cat := p.list("clientAppTypes"); len(cat) > 0 && !has(cat, "all") && !(has(cat, "browser") && has(cat, "mobileAppsAndDesktopClients")) {
		c.gaps = append(c.gaps, "covers only client app types "+strings.Join(cat, ", "))
	}
	if pl := p.d().Sub("conditions", "platforms"); len(pl) > 0 {
		if inc := strs(pl.List("includePlatforms")); !has(inc, "all") || len(pl.List("excludePlatforms")) > 0 {
			c.gaps = append(c.gaps, "limited to some device platforms")
		}
	}
	if loc := p.d().Sub("conditions", "locations"); len(loc) > 0 {
		if inc := strs(loc.List("includeLocations")); !has(inc, "All") || len(loc.List("excludeLocations")) > 0 {
			c.gaps = append(c.gaps, "limited by location (trusted locations are exempt)")
		}
	}
	if len(p.list("signInRiskLevels")) > 0 || len(p.list("userRiskLevels")) > 0 {
		c.gaps = append(c.gaps, "applies only at some risk levels")
	}
	if dev := p.d().Sub("conditions", "devices", "deviceFilter"); len(dev) > 0 {
		c.gaps = append(c.gaps, "limited by a device filter")
	}
	return c
}

func anyOf(l, want []string) bool {
	for _, w := range want {
		if has(l, w) {
			return true
		}
	}
	return false
}

func roleName(id string) string {
	if n, ok := privilegedDirectoryRoles[strings.ToLower(id)]; ok {
		return n
	}
	return id
}

// grant says what a policy's grant controls demand.
type grant struct {
	block, mfa bool
	// weaker names a control that can be satisfied instead of MFA.
	weaker string
}

// grantOf reads grantControls (conditionalAccessGrantControls): built-in
// controls block, mfa, compliantDevice, domainJoinedDevice,
// approvedApplication, compliantApplication, passwordChange, with operator
// AND or OR, and the authenticationStrength relationship. MFA counts when
// every way to satisfy the policy includes it: mfa or an authentication
// strength, alone, under AND, or under OR with device controls only (a
// compliant or hybrid-joined device is itself a strong factor); OR with an
// app control or terms of use lets a password alone through.
func grantOf(p caPolicy) grant {
	g := p.d().Sub("grantControls")
	if g == nil {
		return grant{}
	}
	ctl := strs(g.List("builtInControls"))
	var out grant
	out.block = has(ctl, "block")
	strength := g.Sub("authenticationStrength")
	strengthMFA := len(strength) > 0 && (strength.Str("requirementsSatisfied") == "" || eq(strength.Str("requirementsSatisfied"), "mfa"))
	mfa := has(ctl, "mfa") || strengthMFA
	if !mfa {
		return out
	}
	if eq(g.Str("operator"), "AND") {
		out.mfa = true
		return out
	}
	for _, c := range ctl {
		switch strings.ToLower(c) {
		case "mfa", "compliantdevice", "domainjoineddevice", "passwordchange":
		default:
			out.weaker = c
		}
	}
	if len(g.List("termsOfUse")) > 0 || len(g.List("customAuthenticationFactors")) > 0 {
		out.weaker = "terms of use or a custom control"
	}
	out.mfa = out.weaker == ""
	return out
}

// policies returns the tenant's Conditional Access policies, or why not.
func caPolicies(inv *Inventory) ([]caPolicy, string) {
	ds, why := inv.graphList(pathCA)
	if why != "" {
		return nil, why
	}
	out := make([]caPolicy, len(ds))
	for i, d := range ds {
		out[i] = caPolicy(d)
	}
	return out, ""
}

// securityDefaults reports whether security defaults are on.
func securityDefaults(inv *Inventory) (bool, string) {
	d, why := inv.graphObject(pathSecDefaults)
	if why != "" {
		return false, why
	}
	on, _ := d.Bool("isEnabled")
	return on, ""
}

func (inv *Inventory) policyLabel(p caPolicy) string {
	id := p.d().Str("id")
	if inv.names {
		if n := cleanText(p.d().Str("displayName")); n != "" {
			return "'" + n + "' (" + id + ")"
		}
	}
	return id
}

// mfaPolicies finds the enabled policies that require MFA for the users
// cover selects and the given apps, and the nearest misses.
func mfaPolicies(inv *Inventory, ps []caPolicy, users func(coverage) bool, apps ...string) (full []string, near []string) {
	e := emergencyOf(ps)
	for _, p := range ps {
		g := grantOf(p)
		c := coverageOf(p, e, apps...)
		if !users(c) {
			continue
		}
		switch {
		case !g.mfa && g.weaker != "":
			near = append(near, fmt.Sprintf("%s lets %s stand in for MFA", inv.policyLabel(p), g.weaker))
		case !g.mfa:
			continue
		case !p.enabled():
			near = append(near, fmt.Sprintf("%s is %s, not enforced", inv.policyLabel(p), p.d().Str("state")))
		case len(c.gaps) > 0:
			near = append(near, fmt.Sprintf("%s %s", inv.policyLabel(p), strings.Join(c.gaps, "; ")))
		default:
			full = append(full, inv.policyLabel(p))
		}
	}
	return full, near
}

func nearNote(near []string) string {
	if len(near) == 0 {
		return ""
	}
	if len(near) > 3 {
		near = append(near[:3:3], fmt.Sprintf("+%d more", len(near)-3))
	}
	return " (closest: " + strings.Join(near, "; ") + ")"
}

func evalMFAAllUsers(_ Doc, inv *Inventory) Result {
	sd, whySD := securityDefaults(inv)
	if whySD == "" && sd {
		return pass("security defaults are on: every user registers and uses MFA")
	}
	ps, why := caPolicies(inv)
	if why != "" {
		if whySD != "" {
			return byHand(whySD, howCA)
		}
		return byHand(why, howCA)
	}
	full, near := mfaPolicies(inv, ps, func(c coverage) bool { return c.allUsers })
	if len(full) > 0 {
		return pass("Conditional Access policy " + full[0] + " requires MFA for all users and all cloud apps")
	}
	if whySD != "" {
		return byHand("no Conditional Access policy requires MFA for all users, and "+whySD, howCA)
	}
	return fail("no enabled Conditional Access policy requires MFA for all users and all cloud apps, and security defaults are off" + nearNote(near))
}

func evalMFAAdmins(_ Doc, inv *Inventory) Result {
	sd, whySD := securityDefaults(inv)
	if whySD == "" && sd {
		return pass("security defaults are on: administrators must use MFA at every sign-in")
	}
	ps, why := caPolicies(inv)
	if why != "" {
		return byHand(firstNonEmpty(whySD, why), howCA)
	}
	if full, _ := mfaPolicies(inv, ps, func(c coverage) bool { return c.allUsers }); len(full) > 0 {
		return pass("policy " + full[0] + " requires MFA for all users, administrators included")
	}
	e := emergencyOf(ps)
	covered := map[string]bool{}
	var near []string
	for _, p := range ps {
		g := grantOf(p)
		c := coverageOf(p, e)
		if !p.enabled() || !g.mfa {
			if g.mfa && len(c.roles) > 0 {
				near = append(near, fmt.Sprintf("%s is %s, not enforced", inv.policyLabel(p), p.d().Str("state")))
			}
			continue
		}
		if len(c.gaps) > 0 {
			if len(c.roles) > 0 {
				near = append(near, inv.policyLabel(p)+" "+strings.Join(c.gaps, "; "))
			}
			continue
		}
		for r := range c.roles {
			covered[r] = true
		}
	}
	var missing []string
	for id, name := range privilegedDirectoryRoles {
		if !covered[id] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) == 0 {
		return pass(fmt.Sprintf("enabled policies require MFA for all %d privileged directory roles", len(privilegedDirectoryRoles)))
	}
	return fail(fmt.Sprintf("%d of %d privileged roles have no enforced MFA policy: %s", len(missing), len(privilegedDirectoryRoles), strings.Join(missing, ", ")) + nearNote(near))
}

func evalMFAAzureManagement(_ Doc, inv *Inventory) Result {
	sd, whySD := securityDefaults(inv)
	if whySD == "" && sd {
		return pass("security defaults are on: MFA is required to use Azure Resource Manager")
	}
	ps, why := caPolicies(inv)
	if why != "" {
		return byHand(firstNonEmpty(whySD, why), howCA)
	}
	full, near := mfaPolicies(inv, ps, func(c coverage) bool { return c.allUsers }, appAzureManagement)
	if len(full) > 0 {
		return pass("policy " + full[0] + " requires MFA for all users of Azure management")
	}
	return fail("no enabled policy requires MFA for all users of the Windows Azure Service Management API (portal, CLI, PowerShell)" + nearNote(near))
}

func evalLegacyAuth(_ Doc, inv *Inventory) Result {
	sd, whySD := securityDefaults(inv)
	if whySD == "" && sd {
		return pass("security defaults are on: legacy authentication is blocked")
	}
	ps, why := caPolicies(inv)
	if why != "" {
		return byHand(firstNonEmpty(whySD, why), howCA)
	}
	e := emergencyOf(ps)
	var near []string
	for _, p := range ps {
		if !grantOf(p).block {
			continue
		}
		cat := p.list("clientAppTypes")
		if !(has(cat, "exchangeActiveSync") || has(cat, "easSupported")) || !has(cat, "other") {
			continue
		}
		// The client app types condition is the point; leave it out of
		// the gaps.
		c := coverageOf(p, e)
		var gaps []string
		for _, g := range c.gaps {
			if !strings.HasPrefix(g, "covers only client app types") {
				gaps = append(gaps, g)
			}
		}
		switch {
		case !c.allUsers:
			near = append(near, inv.policyLabel(p)+" does not target all users")
		case !p.enabled():
			near = append(near, fmt.Sprintf("%s is %s, not enforced", inv.policyLabel(p), p.d().Str("state")))
		case len(gaps) > 0:
			near = append(near, inv.policyLabel(p)+" "+strings.Join(gaps, "; "))
		default:
			return pass("policy " + inv.policyLabel(p) + " blocks Exchange ActiveSync and other legacy clients for all users")
		}
	}
	return fail("legacy authentication (Exchange ActiveSync, 'Other clients') is not blocked for all users: those protocols cannot do MFA, so a password alone gets in" + nearNote(near))
}

// p2Plans are the service plans of Microsoft Entra ID P2 (Identity
// Protection's risk detections need it): AAD_PREMIUM_P2, in Entra ID P2,
// Microsoft 365 E5 and EMS E5.
var p2Plans = []string{"AAD_PREMIUM_P2"}

// p1Plans are the service plans that carry Microsoft Entra ID P1 features
// (P2 includes them): AAD_PREMIUM, in Entra ID P1, Microsoft 365 Business
// Premium and E3; AAD_PREMIUM_P2.
var p1Plans = []string{"AAD_PREMIUM", "AAD_PREMIUM_P2"}

func tenantHasP2(inv *Inventory) (bool, string) { return tenantHasPlan(inv, p2Plans) }

// tenantHasP1 tells whether the tenant holds Entra ID P1 or P2; why is set
// when the licences could not be read.
func tenantHasP1(inv *Inventory) (bool, string) { return tenantHasPlan(inv, p1Plans) }

func tenantHasPlan(inv *Inventory, plans []string) (bool, string) {
	skus, why := inv.graphList(pathSkus)
	if why != "" {
		return false, why
	}
	for _, s := range skus {
		if !eq(s.Str("capabilityStatus"), "Enabled") && s.Str("capabilityStatus") != "" {
			continue
		}
		for _, sp := range objects(s.List("servicePlans")) {
			for _, n := range plans {
				if eq(sp.Str("servicePlanName"), n) {
					return true, ""
				}
			}
		}
	}
	return false, ""
}

func evalRiskPolicies(_ Doc, inv *Inventory) Result {
	ps, why := caPolicies(inv)
	if why != "" {
		return byHand(why, howCA)
	}
	p2, whyP2 := tenantHasP2(inv)
	var signIn, user []string
	for _, p := range ps {
		if !p.enabled() || !has(p.list("users", "includeUsers"), "All") {
			continue
		}
		g := grantOf(p)
		if !g.mfa && !g.block {
			continue
		}
		if sl := p.list("signInRiskLevels"); has(sl, "high") {
			signIn = append(signIn, inv.policyLabel(p))
		}
		if ul := p.list("userRiskLevels"); has(ul, "high") {
			user = append(user, inv.policyLabel(p))
		}
	}
	switch {
	case len(signIn) > 0 && len(user) > 0:
		return pass("sign-in risk policy " + signIn[0] + " and user risk policy " + user[0] + " are enforced for all users")
	case whyP2 != "" && len(signIn)+len(user) == 0:
		return byHand("no risk-based policy, and whether the tenant has Entra ID P2 is unknown: "+whyP2, howCA)
	case !p2 && whyP2 == "" && len(signIn)+len(user) == 0:
		return na("the tenant has no Microsoft Entra ID P2 licence, which risk-based Conditional Access needs")
	case len(signIn) == 0 && len(user) == 0:
		return fail("Entra ID P2 is licensed, but no enforced policy challenges high-risk sign-ins or high-risk users")
	case len(signIn) == 0:
		return fail("no enforced policy challenges high-risk sign-ins (a user risk policy exists: " + user[0] + ")")
	default:
		return fail("no enforced policy challenges high-risk users (a sign-in risk policy exists: " + signIn[0] + ")")
	}
}

// activeRoles returns the principals holding each directory role at
// tenant scope ("/"), from the role assignments.
func activeRoles(inv *Inventory) (map[string]map[string]bool, string) {
	as, why := inv.graphList(pathRoleAssign)
	if why != "" {
		return nil, why
	}
	out := map[string]map[string]bool{}
	for _, a := range as {
		role := strings.ToLower(a.Str("roleDefinitionId"))
		if s := a.Str("directoryScopeId"); s != "" && s != "/" {
			continue
		}
		if out[role] == nil {
			out[role] = map[string]bool{}
		}
		out[role][strings.ToLower(a.Str("principalId"))] = true
	}
	return out, ""
}

func evalBreakGlass(_ Doc, inv *Inventory) Result {
	ps, why := caPolicies(inv)
	if why != "" {
		return byHand(why, "Check the documented emergency accounts, their Conditional Access exclusions and the sign-in alert.")
	}
	enabled := 0
	for _, p := range ps {
		if p.enabled() {
			enabled++
		}
	}
	if enabled == 0 {
		return na("no Conditional Access policy is enforced, so there is nothing to exclude emergency accounts from (security defaults allow no exclusion)")
	}
	roles, whyR := activeRoles(inv)
	e := emergencyOf(ps)
	var accounts []string
	for u := range e.users {
		if whyR != "" || roles[roleGlobalAdmin][u] {
			accounts = append(accounts, u)
		}
	}
	// Members of the excluded groups: their users holding Global
	// Administrator are emergency accounts too; a group whose members
	// were not read leaves the verdict to a person.
	var unread, nested []string
	inGroups := 0
	for g := range e.groups {
		ms, why := inv.graphList(strings.Replace(pathGroupMembers, "{id}", g, 1))
		if why != "" {
			unread = append(unread, g+" ("+why+")")
			continue
		}
		for _, m := range ms {
			id := strings.ToLower(m.Str("id"))
			switch t := m.Str("objectType"); {
			case t == "group":
				nested = append(nested, id)
			case t != "" && t != "user":
				// devices, service principals: not sign-in accounts
			case whyR != "" || roles[roleGlobalAdmin][id]:
				if !e.users[id] {
					accounts = append(accounts, id)
					inGroups++
				}
			}
		}
	}
	sort.Strings(accounts)
	sort.Strings(unread)
	groups := len(e.groups)
	if len(accounts) == 0 && len(unread) > 0 {
		return byHand(fmt.Sprintf("%d group(s) are excluded from every enforced Conditional Access policy, and their members could not be read: %s", groups, strings.Join(unread, "; ")),
			"Check that the group holds the emergency accounts only and that their sign-ins alert.")
	}
	if len(accounts) == 0 && len(nested) > 0 {
		return byHand(fmt.Sprintf("the groups excluded from every enforced policy hold no Global Administrator directly, but nested group(s) %s", strings.Join(nested, ", ")),
			"Check the nested groups' members and that their sign-ins alert.")
	}
	if len(accounts) == 0 && groups > 0 {
		return fail(fmt.Sprintf("%d group(s) are excluded from every enforced Conditional Access policy, but none of their members is a Global Administrator: a policy mistake can lock every administrator out", groups))
	}
	if len(accounts) == 0 && groups == 0 {
		if whyR != "" {
			return fail("no account or group is excluded from every enforced Conditional Access policy: a policy mistake can lock every administrator out")
		}
		return fail("no Global Administrator is excluded from every enforced Conditional Access policy: a policy mistake can lock every administrator out")
	}
	what := fmt.Sprintf("%d emergency account(s) excluded from all %d enforced policies", len(accounts), enabled)
	if groups > 0 {
		what += fmt.Sprintf(" (%d of them through %d excluded group(s))", inGroups, groups)
	}
	if len(unread) > 0 {
		what += "; members of " + strings.Join(unread, "; ") + " not read"
	}
	// Monitored: an enabled alert rule (scheduled query rule) whose query
	// names the account's object id, for every emergency account.
	watched := map[string]bool{}
	for _, r := range inv.OfType(typeScheduledQuery) {
		if en, ok := r.Bool("properties", "enabled"); ok && !en {
			continue
		}
		body := strings.ToLower(fmt.Sprint(r.Get("properties")))
		for _, a := range accounts {
			if strings.Contains(body, a) {
				watched[a] = true
			}
		}
	}
	var unwatched []string
	for _, a := range accounts {
		if !watched[a] {
			unwatched = append(unwatched, a)
		}
	}
	switch {
	case len(unwatched) == 0:
		return pass(what + ", and an alert rule watches their sign-ins")
	case !inv.saw(typeScheduledQuery):
		return byHand(what+"; alert rules were not collected", "Check that a Log Analytics or Sentinel alert fires on every sign-in of these accounts.")
	case len(watched) > 0:
		return fail(what + ", but no enabled log alert rule names " + strings.Join(unwatched, ", ") + ": their sign-ins go unnoticed")
	}
	return fail(what + ", but no enabled log alert rule names them: their sign-ins go unnoticed")
}

func evalGlobalAdminCount(_ Doc, inv *Inventory) Result {
	roles, why := activeRoles(inv)
	if why != "" {
		return byHand(why, howRoles)
	}
	holders := map[string]bool{}
	for p := range roles[roleGlobalAdmin] {
		holders[p] = true
	}
	eligible := 0
	if el, whyE := inv.graphList(pathRoleElig); whyE == "" {
		for _, s := range el {
			if eq(s.Str("roleDefinitionId"), roleGlobalAdmin) && !holders[strings.ToLower(s.Str("principalId"))] {
				holders[strings.ToLower(s.Str("principalId"))] = true
				eligible++
			}
		}
	}
	n := len(holders)
	note := ""
	if eligible > 0 {
		note = fmt.Sprintf(" (%d eligible through PIM)", eligible)
	}
	switch {
	case n < 2:
		return fail(fmt.Sprintf("%d Global Administrator%s: with fewer than two, losing one account locks the tenant", n, note))
	case n > 4:
		return fail(fmt.Sprintf("%d Global Administrators%s: more than four hold the keys to the whole tenant", n, note))
	}
	return pass(fmt.Sprintf("%d Global Administrators%s", n, note))
}

func evalPIM(_ Doc, inv *Inventory) Result {
	roles, why := activeRoles(inv)
	if why != "" {
		return byHand(why, howRoles)
	}
	ps, _ := caPolicies(inv)
	e := emergencyOf(ps)
	// Activated (time-bound) assignments are PIM at work; the rest of the
	// active assignments are standing.
	activated := map[string]bool{}
	sched, whyS := inv.graphList(pathRoleSchedule)
	if whyS == "" {
		for _, s := range sched {
			key := strings.ToLower(s.Str("principalId")) + "|" + strings.ToLower(s.Str("roleDefinitionId"))
			if eq(s.Str("assignmentType"), "Activated") || s.Str("endDateTime") != "" {
				activated[key] = true
			}
		}
	}
	eligible := 0
	if el, whyE := inv.graphList(pathRoleElig); whyE == "" {
		for _, s := range el {
			if _, ok := privilegedDirectoryRoles[strings.ToLower(s.Str("roleDefinitionId"))]; ok {
				eligible++
			}
		}
	}
	standing := 0
	perRole := map[string]int{}
	for role, ps := range roles {
		if _, ok := privilegedDirectoryRoles[role]; !ok {
			continue
		}
		for p := range ps {
			if activated[p+"|"+role] || (role == roleGlobalAdmin && e.users[p]) {
				continue
			}
			standing++
			perRole[roleName(role)]++
		}
	}
	if standing == 0 {
		return pass(fmt.Sprintf("no standing privileged role assignment beyond the emergency accounts (%d eligible through PIM)", eligible))
	}
	var parts []string
	for r, n := range perRole {
		parts = append(parts, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(parts)
	msg := fmt.Sprintf("%d standing (permanent) privileged role assignment(s): %s", standing, strings.Join(parts, ", "))
	if whyS != "" {
		msg += "; PIM schedules could not be read (" + whyS + "), so activated assignments may be counted too"
	}
	return fail(msg)
}

func evalAdminMFARegistered(d Doc, inv *Inventory) Result {
	if ok, _ := d.Bool("isAdmin"); !ok {
		return Result{Status: Skip}
	}
	methods := strings.Join(strs(d.List("methodsRegistered")), ", ")
	if v, ok := d.Bool("isMfaRegistered"); ok && v {
		if pl, _ := d.Bool("isPasswordlessCapable"); pl {
			return pass("administrator " + inv.label(d) + " has a passwordless strong method (" + methods + ")")
		}
		return pass("administrator " + inv.label(d) + " has registered MFA (" + methods + ")")
	}
	return fail("administrator " + inv.label(d) + " has not registered a strong authentication method")
}

// StaleGuestDays is how long a guest may go without signing in.
const StaleGuestDays = 90

// lastSignIn is the latest of a user's sign-in times (signInActivity:
// lastSuccessfulSignInDateTime, lastSignInDateTime,
// lastNonInteractiveSignInDateTime).
func lastSignIn(d Doc) (time.Time, bool) {
	var best time.Time
	for _, k := range []string{"lastSuccessfulSignInDateTime", "lastSignInDateTime", "lastNonInteractiveSignInDateTime"} {
		if t, err := time.Parse(time.RFC3339, d.Str("signInActivity", k)); err == nil && t.After(best) {
			best = t
		}
	}
	return best, !best.IsZero()
}

func evalStaleGuest(d Doc, inv *Inventory) Result {
	if !eq(d.Str("userType"), "Guest") {
		return Result{Status: Skip}
	}
	if en, ok := d.Bool("accountEnabled"); ok && !en {
		return na("guest " + inv.label(d) + " is disabled")
	}
	now := inv.AsOf()
	limit := now.AddDate(0, 0, -StaleGuestDays)
	if t, ok := lastSignIn(d); ok {
		if t.Before(limit) {
			return fail(fmt.Sprintf("guest %s last signed in %d days ago", inv.label(d), int(now.Sub(t).Hours()/24)))
		}
		return pass(fmt.Sprintf("guest %s signed in %d days ago", inv.label(d), int(now.Sub(t).Hours()/24)))
	}
	created, err := time.Parse(time.RFC3339, d.Str("createdDateTime"))
	if err == nil && created.Before(limit) {
		return fail(fmt.Sprintf("guest %s has never signed in since it was invited %d days ago", inv.label(d), int(now.Sub(created).Hours()/24)))
	}
	if err == nil {
		return pass(fmt.Sprintf("guest %s invited %d days ago, no sign-in yet", inv.label(d), int(now.Sub(created).Hours()/24)))
	}
	return na("guest " + inv.label(d) + ": no sign-in activity or creation date")
}

func evalGuestInvite(_ Doc, inv *Inventory) Result {
	a, why := inv.graphObject(pathAuthz)
	if why != "" {
		return byHand(why, "Entra admin center > External Identities > External collaboration settings.")
	}
	switch v := a.Str("allowInvitesFrom"); strings.ToLower(v) {
	case "none":
		return pass("nobody can invite guests")
	case "adminsandguestinviters":
		return pass("only admins and the Guest Inviter role can invite guests")
	case "adminsguestinvitersandallmembers":
		return fail("every member user can invite guests")
	case "everyone":
		return fail("everyone, guests included, can invite more guests (the default)")
	case "":
		return na("the guest invitation setting is not in the authorization policy read")
	default:
		return na("unrecognized guest invitation setting " + v)
	}
}

// User consent (authorizationPolicy.defaultUserRolePermissions.
// permissionGrantPoliciesAssigned): the ManagePermissionGrantsForSelf.*
// entry is the app consent policy for users: microsoft-user-default-legacy
// lets users consent to any app, microsoft-user-default-low only to
// verified publishers' apps asking low-impact permissions, none at all
// turns user consent off.
func evalUserConsent(_ Doc, inv *Inventory) Result {
	a, why := inv.graphObject(pathAuthz)
	if why != "" {
		return byHand(why, howConsent)
	}
	var self []string
	for _, p := range strs(a.List("defaultUserRolePermissions", "permissionGrantPoliciesAssigned")) {
		if strings.HasPrefix(strings.ToLower(p), "managepermissiongrantsforself.") {
			self = append(self, p[len("ManagePermissionGrantsForSelf."):])
		}
	}
	if a.Get("defaultUserRolePermissions", "permissionGrantPoliciesAssigned") == nil {
		return na("the consent setting is not in the authorization policy read")
	}
	switch {
	case len(self) == 0:
		return pass("users cannot consent to applications (admin consent only)")
	case has(self, "microsoft-user-default-legacy"):
		return fail("users can consent to any application reading their data: an illicit consent grant needs no admin")
	case has(self, "microsoft-user-default-low") && len(self) == 1:
		return pass("users can consent only to verified publishers' apps asking low-impact permissions")
	default:
		return na("custom consent policy " + strings.Join(self, ", ") + ": review what it allows")
	}
}

func evalUsersRegisterApps(_ Doc, inv *Inventory) Result {
	a, why := inv.graphObject(pathAuthz)
	if why != "" {
		return byHand(why, howConsent)
	}
	v, ok := a.Bool("defaultUserRolePermissions", "allowedToCreateApps")
	switch {
	case !ok:
		return na("the app registration setting is not in the authorization policy read")
	case v:
		return fail("every user can register applications (the default): each can create credentials that outlive their account")
	}
	return pass("users cannot register applications")
}

// MaxSecretMonths is the longest lifetime of a client secret the check
// accepts (Microsoft's portal recommends 180 days; CIS and MCSB IM-3 ask
// for rotation; 12 months is the ceiling here).
const MaxSecretMonths = 12

func evalAppCredentials(d Doc, inv *Inventory) Result {
	if d.Type() == typeGraphSP {
		// Only service principals of apps this tenant owns carry
		// credentials it manages; Microsoft's and other tenants' are
		// theirs.
		if inv.tenant == "" || !eq(d.Str("appOwnerOrganizationId"), inv.tenant) {
			return Result{Status: Skip}
		}
	}
	pw := objects(d.List("passwordCredentials"))
	keys := objects(d.List("keyCredentials"))
	if len(pw) == 0 && len(keys) == 0 {
		return Result{Status: Skip}
	}
	now := inv.AsOf()
	var problems []string
	for _, c := range pw {
		end, err1 := time.Parse(time.RFC3339, c.Str("endDateTime"))
		start, err2 := time.Parse(time.RFC3339, c.Str("startDateTime"))
		switch {
		case err1 == nil && end.Before(now):
			problems = append(problems, fmt.Sprintf("a secret expired %d days ago and is still registered", int(now.Sub(end).Hours()/24)))
		case err1 == nil && err2 == nil && end.After(start.AddDate(0, MaxSecretMonths, 1)):
			problems = append(problems, fmt.Sprintf("a secret is valid for %d months", int(end.Sub(start).Hours()/24/30.44)))
		case err1 != nil:
			problems = append(problems, "a secret has no end date")
		}
	}
	for _, c := range keys {
		if end, err := time.Parse(time.RFC3339, c.Str("endDateTime")); err == nil && end.Before(now) {
			problems = append(problems, fmt.Sprintf("a certificate expired %d days ago and is still registered", int(now.Sub(end).Hours()/24)))
		}
	}
	kind := "application"
	if d.Type() == typeGraphSP {
		kind = "service principal"
	}
	if len(problems) > 0 {
		return fail(kind + " " + inv.label(d) + ": " + strings.Join(problems, "; "))
	}
	return pass(fmt.Sprintf("%s %s: %d secret(s) and %d certificate(s), none expired, no secret over %d months", kind, inv.label(d), len(pw), len(keys), MaxSecretMonths))
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// cleanText drops control and bidirectional-override characters from a
// name read from the tenant before it reaches a terminal or a report.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return -1
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			return -1
		}
		return r
	}, s)
}

// graphTenant is the tenant-level result of a per-object Graph check:
// "verify by hand" when the collection was not read, a pass saying so
// when it was read and is empty (if empty is set), nothing otherwise.
func graphTenant(path, empty, how string) func(Doc, *Inventory) Result {
	return func(_ Doc, inv *Inventory) Result {
		v, why := inv.graphValue(path)
		if why != "" {
			return byHand(why, how)
		}
		if l, _ := v.([]any); len(l) == 0 && empty != "" {
			return pass(empty)
		}
		return Result{Status: Skip}
	}
}
