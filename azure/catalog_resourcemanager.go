package azure

import (
	"fmt"
	"sort"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
)

// How to verify the ARM checks by hand when their reads are missing.
const (
	manDiag         = "each resource's Monitoring > Diagnostic settings, or 'az monitor diagnostic-settings list --resource ID'."
	manActivity     = "'az monitor diagnostic-settings subscription list', or Monitor > Activity log > Export activity logs."
	manSQLAudit     = "'az sql server audit-policy show', or the server's Security > Auditing page."
	manTDE          = "'az sql db tde show', or each database's Security > Transparent data encryption page."
	manKVExpiry     = "'az keyvault secret list --vault-name NAME' shows their expiry."
	manContact      = "Defender for Cloud > Environment settings > each subscription > Email notifications, or 'az security contact list'."
	manEntraLogs    = "Entra admin center > Monitoring & health > Diagnostic settings."
	manSQLFirewall  = "'az sql server firewall-rule list', or the server's Security > Networking page."
	manServerParams = "'az postgres flexible-server parameter show' or 'az mysql flexible-server parameter show', or the server's Settings > Server parameters page."
	manAPIM         = "'az apim api list', 'az apim nv list' and the instance's APIs and Backends pages."
	manAzurePIM     = "Entra admin center > Identity governance > Privileged Identity Management > Azure resources > each subscription > Assignments (Eligible and Active)."
)

var catalogARM = []Check{
	{ID: "diagnostic-settings", Title: "Resources that hold data send their logs to a workspace or archive",
		Layer: q.LayerApplications, Domain: "monitoring", Severity: Medium,
		Questions: []string{"MON-LOGS"}, Table: TableARM, Types: []string{typeTenant, typeKeyVault, typeStorage, typeSQLDatabase, typeCosmos}, Refs: []string{typeDiagSetting},
		MCSB: "LT-3", CIS: "6.1.4",
		Remediation: "Assign the built-in 'Enable allLogs category group resource logging' policy initiative to a Log Analytics workspace.",
		Absent:      "No diagnostic setting returned for a resource that was read fails; a setting with no log category or no destination fails. Diagnostic settings not read (--no-arm, refused): verify by hand, never a pass.",
		Manual:      manDiag,
		Eval:        splitTenant(armTenant("diagnostic-settings", []string{typeKeyVault, typeStorage, typeSQLDatabase, typeCosmos}, "diagnostic settings", manDiag), evalDiagSettings)},
	{ID: "activity-log-export", Title: "The subscription activity log is exported to Log Analytics or an archive",
		Layer: q.LayerApplications, Domain: "monitoring", Severity: Medium,
		Questions: []string{"MON-LOGS"}, Table: TableARM, Types: []string{typeTenant, typeSubscription}, Refs: []string{typeDiagSetting},
		MCSB: "LT-3", CIS: "6.1.1.1",
		Remediation: "Add a subscription diagnostic setting that sends every activity log category (Administrative, Security, Policy and Alert at least) to the central workspace.",
		Absent:      "No subscription diagnostic setting returned fails; missing categories fail. Not read (--no-arm, refused): verify by hand.",
		Manual:      manActivity,
		Eval:        splitTenant(armTenant("subscription-diagnostic-settings", []string{typeSubscription}, "the activity log export", manActivity), evalActivityLogExport)},
	{ID: "sql-auditing", Title: "SQL servers have auditing on",
		Layer: q.LayerApplications, Domain: "monitoring", Severity: Medium,
		Questions: []string{"APP-SQL-AUDIT"}, Table: TableARM, Types: []string{typeTenant, typeSQLServer}, Refs: []string{typeSQLAuditing},
		MCSB:        "LT-3",
		Remediation: "Turn on server-level auditing to a Log Analytics workspace (and keep audit logs at least 90 days).",
		Absent:      "No auditing settings returned for a server that was read fails; no retentionDays counts as kept for ever. Not read: verify by hand.",
		Manual:      manSQLAudit,
		Eval:        splitTenant(armTenant("sql-auditing", []string{typeSQLServer}, "auditing settings", manSQLAudit), evalSQLAuditing)},
	{ID: "sql-tde-enabled", Title: "SQL databases have transparent data encryption on",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"DATA-ENC-REST"}, Table: TableARM, Types: []string{typeTenant, typeSQLDatabase}, Refs: []string{typeTDE},
		MCSB:        "DP-4",
		Remediation: "Keep TDE on for every database (it is on by default for new ones).",
		Absent:      "No TDE setting returned for a database: not applicable (a database type without TDE); no state other than Enabled fails. Not read: verify by hand.",
		Manual:      manTDE,
		Eval:        splitTenant(armTenant("sql-tde", []string{typeSQLDatabase}, "transparent data encryption", manTDE), evalTDE)},
	{ID: "keyvault-secret-expiry", Title: "Key Vault keys and secrets have an expiry date",
		Layer: q.LayerApplications, Domain: "data", Severity: Low,
		Questions: []string{"DATA-KEY-LIFECYCLE", "APP-SECRETS"}, Table: TableARM, Types: []string{typeTenant, typeKeyVault}, Refs: []string{typeKVSecret, typeKVKey},
		MCSB: "DP-6", CIS: "8.3.1, 8.3.2, 8.3.3, 8.3.4",
		Remediation: "Set expiry dates and rotation policies on keys and secrets.",
		Absent:      "A key or secret without an exp attribute fails (never expires); one with no enabled attribute counts as enabled. Not read (no data-plane metadata rights): verify by hand.",
		Manual:      manKVExpiry,
		Eval:        splitTenant(armTenant("keyvault-secrets", []string{typeKeyVault}, "keys and secrets", manKVExpiry), evalKVExpiry)},
	{ID: "defender-security-contact", Title: "Defender for Cloud e-mails a security contact about high-severity alerts",
		Layer: q.LayerApplications, Domain: "monitoring", Severity: Medium,
		Questions: []string{"MON-ALERT-CONTACTS"}, Table: TableARM, Types: []string{typeTenant, typeSubscription}, Refs: []string{typeSecurityContact},
		MCSB: "IR-2", CIS: "8.1.13, 8.1.14",
		Remediation: "Set a security contact (a monitored group mailbox) and notify on high-severity alerts and attack paths.",
		Absent:      "No security contact returned fails; a contact with no alert notification state counts as off. Not read: verify by hand.",
		Manual:      manContact,
		Eval:        splitTenant(armTenant("security-contacts", []string{typeSubscription}, "the security contacts", manContact), evalSecurityContact)},
	{ID: "azure-pim-privileged", Title: "Privileged Azure roles are held through PIM eligibility, not standing assignments",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"PA-PIM", "ID-LEAST-PRIV"}, Table: TableARM, Types: []string{typeTenant, typeSubscription}, Refs: []string{typeRoleAssignInst, typeRoleEligInst, typeRoleAssignment},
		MCSB:        "PA-2",
		Remediation: "With Microsoft Entra ID P2, make Owner, Contributor, User Access Administrator and RBAC Administrator eligible through Privileged Identity Management (activation with MFA, justification and a time limit), and remove the standing assignments of people; keep standing access for workloads and the emergency accounts only.",
		Absent:      "A user's active assignment of a privileged role at or above the subscription with assignmentType Assigned and no endDateTime is standing (fail); one Activated, or with an end date, is not. A privileged user assignment Resource Graph returns with no schedule instance at all counts as standing. Service principals and groups are not judged. Role schedules not read: verify by hand.",
		Manual:      manAzurePIM,
		Eval:        splitTenant(armTenant("pim-azure-active", []string{typeSubscription}, "the subscriptions' role schedules", manAzurePIM), evalAzurePIM)},
	{ID: "entra-logs-exported", Title: "Entra sign-in and audit logs are kept in Log Analytics or an archive",
		Layer: q.LayerApplications, Domain: "monitoring", Severity: Medium,
		Questions: []string{"MON-LOGS"}, Table: TableARM, Types: []string{typeTenant}, Refs: []string{typeEntraDiagSetting},
		MCSB: "LT-3", CIS: "6.1.1.8",
		Remediation: "Add an Entra diagnostic setting sending SignInLogs and AuditLogs to the central workspace (the portal keeps them 30 days at most). Sending sign-in logs needs Entra ID P1 or P2; audit logs do not.",
		Absent:      "No Entra diagnostic setting returned fails; not read (needs an Entra role such as Security Reader): verify by hand. A tenant whose licences were read and hold no Entra ID P1 or P2 is judged on audit logs only (sign-in logs: not licensed); licences not read: judged on both.",
		Manual:      manEntraLogs,
		Eval:        evalEntraLogs},
}

// settingsFor returns the diagnostic settings (or other ARM documents of a
// type) read for a parent resource.
func (inv *Inventory) childrenOf(t, parent string) []Doc {
	idx := inv.index("children:"+t, func() any {
		m := map[string][]Doc{}
		for _, d := range inv.OfType(t) {
			p := strings.ToLower(d.Str("_parent"))
			if p == "" {
				// Documents from elsewhere (az rest output): the parent is
				// the id up to the child's provider segment.
				id := strings.ToLower(d.ID())
				if i := strings.Index(id, "/providers/microsoft.insights/diagnosticsettings/"); i >= 0 {
					p = strings.TrimSuffix(id[:i], "/blobservices/default")
				} else if i := strings.LastIndex(id, "/"); i > 0 {
					p = id[:strings.LastIndex(id[:i], "/")]
				}
			}
			m[p] = append(m[p], d)
		}
		return m
	}).(map[string][]Doc)
	return idx[strings.ToLower(parent)]
}

// sendsLogs reports whether a diagnostic setting has a destination and at
// least one enabled log category or category group
// (diagnosticSettingsResource: properties.workspaceId, storageAccountId,
// eventHubAuthorizationRuleId, marketplacePartnerId; logs[].category or
// categoryGroup with enabled).
func sendsLogs(s Doc) (bool, []string) {
	p := s.Sub("properties")
	if p.Str("workspaceId") == "" && p.Str("storageAccountId") == "" && p.Str("eventHubAuthorizationRuleId") == "" && p.Str("marketplacePartnerId") == "" {
		return false, nil
	}
	var cats []string
	for _, l := range objects(p.List("logs")) {
		if on, _ := l.Bool("enabled"); on {
			c := l.Str("category")
			if c == "" {
				c = l.Str("categoryGroup")
			}
			cats = append(cats, c)
		}
	}
	return len(cats) > 0, cats
}

func evalDiagSettings(d Doc, inv *Inventory) Result {
	read, parent := "diagnostic-settings", d.ID()
	switch d.Type() {
	case typeStorage:
		// The blob service's settings, kept under the account.
		read = "storage-blob-diagnostic-settings"
	case typeSQLDatabase:
		if eq(d.Name(), "master") {
			return Result{Status: Skip}
		}
	}
	if r, done := inv.armGate(read, parent, "diagnostic settings of "+d.Name(), "See "+manDiag); done {
		return r
	}
	var dests []string
	for _, s := range inv.childrenOf(typeDiagSetting, parent) {
		if ok, cats := sendsLogs(s); ok {
			dests = append(dests, fmt.Sprintf("%s (%s)", s.Name(), strings.Join(cats, ", ")))
		}
	}
	if len(dests) > 0 {
		return pass("logs sent by diagnostic setting " + strings.Join(dests, "; "))
	}
	if len(inv.childrenOf(typeDiagSetting, parent)) > 0 {
		return fail("diagnostic settings exist but send no log category anywhere (metrics only, or no destination)")
	}
	return fail("no diagnostic setting: reads, writes and deletes of its data leave no log")
}

// activityCategories are the activity log categories an export must carry
// at least (CIS Microsoft Azure Foundations 5.1.2: Administrative, Alert,
// Policy, Security).
var activityCategories = []string{"Administrative", "Alert", "Policy", "Security"}

func evalActivityLogExport(d Doc, inv *Inventory) Result {
	parent := "/subscriptions/" + d.Subscription()
	if r, done := inv.armGate("subscription-diagnostic-settings", parent, "the subscription's diagnostic settings", manActivity); done {
		return r
	}
	have := map[string]bool{}
	var names []string
	for _, s := range inv.childrenOf(typeDiagSetting, parent) {
		if ok, cats := sendsLogs(s); ok {
			names = append(names, s.Name())
			for _, c := range cats {
				have[strings.ToLower(c)] = true
			}
		}
	}
	if len(names) == 0 {
		return fail("the activity log is not exported: Azure keeps it 90 days, and it cannot be queried with the other logs")
	}
	var missing []string
	for _, c := range activityCategories {
		if !have[strings.ToLower(c)] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fail("the activity log export (" + strings.Join(names, ", ") + ") leaves out " + strings.Join(missing, ", "))
	}
	return pass("activity log exported by " + strings.Join(names, ", "))
}

// SQLAuditRetentionDays is the least audit retention the check accepts
// when auditing goes to a storage account (CIS 4.1.6: more than 90 days);
// 0 means kept for ever.
const SQLAuditRetentionDays = 90

func evalSQLAuditing(d Doc, inv *Inventory) Result {
	if r, done := inv.armGate("sql-auditing", d.ID(), "auditing settings of "+d.Name(), manSQLAudit); done {
		return r
	}
	as := inv.childrenOf(typeSQLAuditing, d.ID())
	if len(as) == 0 {
		return fail("no auditing settings returned for the server")
	}
	p := as[0].Sub("properties")
	if !eq(p.Str("state"), "Enabled") {
		return fail("server auditing is off: who read or changed data leaves no trail")
	}
	days, ok := p.Num("retentionDays")
	toMonitor, _ := p.Bool("isAzureMonitorTargetEnabled")
	if p.Str("storageEndpoint") != "" && !toMonitor && ok && days > 0 && days < SQLAuditRetentionDays {
		return fail(fmt.Sprintf("auditing on, but audit logs are kept only %.0f days", days))
	}
	where := "storage"
	if toMonitor {
		where = "Azure Monitor"
	}
	return pass("server auditing on, to " + where)
}

func evalTDE(d Doc, inv *Inventory) Result {
	if eq(d.Name(), "master") {
		return Result{Status: Skip}
	}
	if r, done := inv.armGate("sql-tde", d.ID(), "transparent data encryption of "+d.Name(), manTDE); done {
		return r
	}
	ts := inv.childrenOf(typeTDE, d.ID())
	if len(ts) == 0 {
		return na("no transparent data encryption setting returned (a database type without TDE)")
	}
	if eq(ts[0].Str("properties", "state"), "Enabled") {
		return pass("transparent data encryption on")
	}
	return fail("transparent data encryption off: data, backups and logs are stored unencrypted")
}

func evalKVExpiry(d Doc, inv *Inventory) Result {
	rS, doneS := inv.armGate("keyvault-secrets", d.ID(), "secrets of "+d.Name(), manKVExpiry)
	rK, doneK := inv.armGate("keyvault-keys", d.ID(), "keys of "+d.Name(), manKVExpiry)
	okS, okK := !doneS, !doneK
	whyS, whyK := strings.TrimPrefix(rS.Detail, ByHandPrefix), strings.TrimPrefix(rK.Detail, ByHandPrefix)
	if doneS && doneK {
		return rS
	}
	var noExp []string
	total := 0
	for _, t := range []string{typeKVSecret, typeKVKey} {
		for _, s := range inv.childrenOf(t, d.ID()) {
			a := s.Sub("properties", "attributes")
			if en, ok := a.Bool("enabled"); ok && !en {
				continue
			}
			// Certificate-backed secrets and keys follow the
			// certificate's own lifetime.
			if m, _ := s.Bool("properties", "managed"); m {
				continue
			}
			total++
			if _, ok := a.Num("exp"); !ok {
				noExp = append(noExp, s.Name())
			}
		}
	}
	note := ""
	if !okS || !okK {
		note = " (" + firstNonEmpty(whyS, whyK) + ")"
	}
	if len(noExp) > 0 {
		sort.Strings(noExp)
		if len(noExp) > 3 {
			noExp = append(noExp[:3:3], fmt.Sprintf("+%d more", len(noExp)-3))
		}
		return fail(fmt.Sprintf("%d enabled key(s) or secret(s) never expire: %s%s", len(noExp), strings.Join(noExp, ", "), note))
	}
	if total == 0 {
		return na("no enabled key or secret in the vault" + note)
	}
	return pass(fmt.Sprintf("all %d enabled keys and secrets have an expiry date%s", total, note))
}

// Security contacts come in two shapes: API 2020-01-01-preview
// (properties.emails, alertNotifications.state and minimalSeverity,
// notificationsByRole) and 2023-12-01-preview (properties.emails,
// isEnabled, notificationsSources[] with sourceType Alert and
// minimalSeverity).
func evalSecurityContact(d Doc, inv *Inventory) Result {
	parent := "/subscriptions/" + d.Subscription()
	if r, done := inv.armGate("security-contacts", parent, "security contacts", manContact); done {
		return r
	}
	var reasons []string
	for _, c := range inv.childrenOf(typeSecurityContact, parent) {
		p := c.Sub("properties")
		emails := strings.TrimSpace(p.Str("emails"))
		roles := p.Str("notificationsByRole", "state")
		if emails == "" && !eq(roles, "On") {
			reasons = append(reasons, "no e-mail address and no role notified")
			continue
		}
		sev := ""
		on := false
		if an := p.Sub("alertNotifications"); len(an) > 0 {
			on = eq(an.Str("state"), "On")
			sev = an.Str("minimalSeverity")
		}
		for _, s := range objects(p.List("notificationsSources")) {
			if eq(s.Str("sourceType"), "Alert") {
				if en, ok := p.Bool("isEnabled"); !ok || en {
					on = true
				}
				sev = s.Str("minimalSeverity")
			}
		}
		if !on {
			reasons = append(reasons, "alert e-mails are off")
			continue
		}
		if sev != "" && !eq(sev, "High") && !eq(sev, "Medium") && !eq(sev, "Low") {
			reasons = append(reasons, "unrecognized minimal severity "+sev)
			continue
		}
		return pass("security contact set; alerts of severity " + orNone(sev) + " and above are e-mailed")
	}
	if len(reasons) == 0 {
		return fail("no security contact: Defender for Cloud tells nobody about high-severity alerts")
	}
	return fail("security contact set, but " + strings.Join(reasons, "; "))
}

func evalEntraLogs(_ Doc, inv *Inventory) Result {
	if _, ok := inv.readStats("arm", "entra-diagnostic-settings"); !ok {
		return byHand("Entra diagnostic settings "+notCollectedARM, manEntraLogs)
	}
	if r, done := inv.armGate("entra-diagnostic-settings", "", "Entra diagnostic settings (reading them needs an Entra role such as Security Reader or Global Reader)", manEntraLogs); done {
		return r
	}
	have := map[string]bool{}
	for _, s := range inv.OfType(typeEntraDiagSetting) {
		if ok, cats := sendsLogs(s); ok {
			for _, c := range cats {
				have[strings.ToLower(c)] = true
			}
		}
	}
	// Exporting sign-in logs needs Entra ID P1 or P2; audit logs do not.
	// A tenant known to hold neither is not failed for what it cannot do.
	p1, whyP1 := tenantHasP1(inv)
	unlicensed := !p1 && whyP1 == ""
	const licence = "exporting Entra sign-in logs needs Microsoft Entra ID P1 or P2 (Microsoft 365 Business Premium includes P1), which this tenant does not hold"
	switch {
	case have["signinlogs"] && have["auditlogs"]:
		return pass("Entra sign-in and audit logs are exported")
	case have["auditlogs"] && unlicensed:
		return na("Entra audit logs are exported; sign-in logs not licensed: " + licence)
	case unlicensed:
		return fail("Entra audit logs are not exported: the portal keeps them 30 days at most (sign-in logs not licensed: " + licence + ")")
	case have["auditlogs"]:
		return fail("Entra audit logs are exported, sign-in logs are not")
	case have["signinlogs"]:
		return fail("Entra sign-in logs are exported, audit logs are not")
	}
	return fail("Entra sign-in and audit logs are not exported: the portal keeps them 30 days at most")
}

// splitTenant gives the tenant document to one function and every other
// document to another.
func splitTenant(tenant, each func(Doc, *Inventory) Result) func(Doc, *Inventory) Result {
	return func(d Doc, inv *Inventory) Result {
		if d.Type() == typeTenant {
			return tenant(d, inv)
		}
		return each(d, inv)
	}
}

// roleGUID is the role definition GUID at the end of a roleDefinitionId.
func roleGUID(id string) string {
	return strings.ToLower(id[strings.LastIndex(id, "/")+1:])
}

// evalAzurePIM judges a subscription's privileged Azure role holders: a
// person holds Owner, Contributor, User Access Administrator or RBAC
// Administrator through PIM (eligible, activated for a while, or assigned
// with an end date), or standing.
func evalAzurePIM(d Doc, inv *Inventory) Result {
	parent := "/subscriptions/" + d.Subscription()
	for _, read := range []string{"pim-azure-active", "pim-azure-eligible"} {
		if r, done := inv.armGate(read, parent, "the subscription's role schedules", manAzurePIM); done {
			return r
		}
	}
	standing := map[string]map[string]bool{}
	seen := map[string]bool{} // principal+role with any active instance
	add := func(p, role string) {
		if standing[p] == nil {
			standing[p] = map[string]bool{}
		}
		standing[p][role] = true
	}
	for _, a := range inv.childrenOf(typeRoleAssignInst, parent) {
		p := a.Sub("properties")
		role, ok := privilegedRoles[roleGUID(p.Str("roleDefinitionId"))]
		principal := strings.ToLower(p.Str("principalId"))
		if !ok || principal == "" {
			continue
		}
		seen[principal+" "+role] = true
		if !eq(p.Str("principalType"), "User") || !eq(p.Str("assignmentType"), "Assigned") || p.Str("endDateTime") != "" {
			continue
		}
		add(principal, role)
	}
	// Resource Graph's role assignments at the subscription (or above):
	// a privileged one for a user that no schedule instance accounts for
	// is standing too.
	as, _ := subscriptionAssignments(d, inv)
	for _, a := range as {
		if role := privilegedRoles[a.role]; eq(a.kind, "User") && !seen[a.principal+" "+role] {
			add(a.principal, role)
		}
	}
	eligible := map[string]bool{}
	for _, e := range inv.childrenOf(typeRoleEligInst, parent) {
		p := e.Sub("properties")
		if _, ok := privilegedRoles[roleGUID(p.Str("roleDefinitionId"))]; ok && eq(p.Str("principalType"), "User") {
			eligible[strings.ToLower(p.Str("principalId"))] = true
		}
	}
	if len(standing) > 0 {
		var who []string
		for p, roles := range standing {
			var rs []string
			for r := range roles {
				rs = append(rs, r)
			}
			sort.Strings(rs)
			who = append(who, p+" ("+strings.Join(rs, ", ")+")")
		}
		sort.Strings(who)
		return fail(fmt.Sprintf("%d user(s) hold a privileged role standing, always on: %s; %d eligible through PIM", len(who), strings.Join(who, "; "), len(eligible)))
	}
	if len(eligible) > 0 {
		return pass(fmt.Sprintf("no standing privileged role for a user; %d user(s) eligible through PIM", len(eligible)))
	}
	return na("no user holds or may activate a privileged role at this subscription")
}
