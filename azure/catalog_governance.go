package azure

import (
	"fmt"
	"sort"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
)

// typeClassicAdmin is a classic (co-)administrator of a subscription, in
// Resource Graph's authorizationresources table.
const typeClassicAdmin = "microsoft.authorization/classicadministrators"

// catalogGovernance are the checks of Key Vault access policies, container
// registry exposure, storage key and SAS lifetimes, classic
// administrators and backup soft delete.
var catalogGovernance = []Check{
	{ID: "keyvault-access-policy-all", Title: "No Key Vault access policy grants every permission",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"DATA-KEYVAULT", "ID-LEAST-PRIV"}, Table: TableResources, Types: []string{typeKeyVault},
		MCSB:        "PA-7",
		Remediation: "Replace 'all' in access policies with the operations each identity needs, or move the vault to Azure RBAC with narrow roles.",
		Absent:      "A vault on Azure RBAC: not applicable (its access policies are ignored). accessPolicies absent: none (pass).",
		Eval:        evalKVPolicies("all", "grant every permission on"),
	},
	{ID: "keyvault-access-policy-purge", Title: "No Key Vault access policy can purge keys, secrets or certificates",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"DATA-KEYVAULT", "ID-LEAST-PRIV"}, Table: TableResources, Types: []string{typeKeyVault},
		MCSB:        "PA-7",
		Remediation: "Remove the purge permission from access policies (and turn purge protection on); grant it only for a planned clean-up.",
		Absent:      "A vault on Azure RBAC: not applicable (its access policies are ignored). accessPolicies absent: none (pass).",
		Eval:        evalKVPolicies("purge", "can purge"),
	},
	{ID: "acr-anonymous-pull", Title: "Container registries do not allow anonymous pull",
		Layer: q.LayerHosts, Domain: "identity", Severity: High,
		Questions: []string{"HOST-IMAGES", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeRegistry},
		MCSB:        "IM-1",
		Remediation: "Turn anonymous pull off; pull with managed identities or scoped tokens.",
		Absent:      "anonymousPullEnabled absent: false, the API default (pass).",
		Eval: func(d Doc, _ *Inventory) Result {
			if v, _ := d.Bool("properties", "anonymousPullEnabled"); v {
				return fail("anonymous pull on: anyone who can reach the registry can download every image")
			}
			return pass("anonymous pull off")
		}},
	{ID: "acr-export-disabled", Title: "Premium container registries do not allow exporting images",
		Layer: q.LayerHosts, Domain: "data", Severity: Low,
		Questions: []string{"HOST-IMAGES"}, Table: TableResources, Types: []string{typeRegistry},
		MCSB:        "NS-2",
		Remediation: "Disable public network access and set the export policy to disabled, so images and artifacts cannot be copied out of the registry.",
		Absent:      "A Basic or Standard registry: not applicable (only Premium can disable exports). exportPolicy absent: enabled, the API default (fail).",
		Eval:        evalACRExport},
	{ID: "storage-sas-expiry-policy", Title: "Storage accounts limit how long a SAS can be valid",
		Layer: q.LayerApplications, Domain: "identity", Severity: Low,
		Questions: []string{"DATA-STORAGE-KEYS", "APP-SECRETS"}, Table: TableResources, Types: []string{typeStorage},
		MCSB:        "IM-8",
		Remediation: "Set a SAS expiration policy (for example one day) with the action Block, and prefer user delegation SAS signed with Entra ID.",
		Absent:      "sasPolicy absent: no limit on a SAS's lifetime, the API default (fail); an account with shared key access disallowed: not applicable (no account-key SAS can be made).",
		Eval:        evalStorageSASPolicy},
	{ID: "storage-key-expiry", Title: "Storage account keys have a rotation period",
		Layer: q.LayerApplications, Domain: "identity", Severity: Low,
		Questions: []string{"DATA-STORAGE-KEYS", "DATA-KEY-LIFECYCLE"}, Table: TableResources, Types: []string{typeStorage},
		MCSB:        "IM-8",
		Remediation: "Set a key expiration period (for example 90 days) and rotate the keys before it, or disallow shared key access.",
		Absent:      "keyPolicy absent: no key expiration period, the API default (fail); an account with shared key access disallowed: not applicable (the keys cannot be used).",
		Eval:        evalStorageKeyPolicy},
	{ID: "classic-administrators", Title: "No classic co-administrators remain on subscriptions",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-LEAST-PRIV"}, Table: TableAuthorization, Types: []string{typeSubscription}, Refs: []string{typeClassicAdmin},
		MCSB:        "PA-1",
		Remediation: "Remove co-administrators (classic roles are retired) and give those people Azure RBAC roles, through groups and PIM.",
		Absent:      "Classic administrators not collected (the authorization table not read): no finding. None listed for the subscription: pass.",
		Eval:        evalClassicAdmins},
	{ID: "backup-soft-delete", Title: "Backup vaults keep deleted backups (soft delete on)",
		Layer: q.LayerApplications, Domain: "data", Severity: High,
		Questions: []string{"DATA-BACKUP"}, Table: TableResources, Types: []string{typeRSVault, typeBackupVault},
		MCSB:        "BR-2",
		Remediation: "Turn soft delete on (AlwaysOn, which cannot be turned off) with at least 14 days of retention.",
		Absent:      "softDeleteSettings absent: on, the default for vaults (pass).",
		Eval:        evalBackupSoftDelete},
}

// evalKVPolicies fails a vault whose access policies hold a permission
// ("all", "purge") on keys, secrets, certificates or storage.
func evalKVPolicies(perm, verb string) func(Doc, *Inventory) Result {
	return func(d Doc, _ *Inventory) Result {
		if v, ok := d.Bool("properties", "enableRbacAuthorization"); ok && v {
			return na("the vault uses Azure RBAC: access policies do not apply")
		}
		policies := objects(d.List("properties", "accessPolicies"))
		var who []string
		for _, p := range policies {
			var kinds []string
			for _, k := range []string{"keys", "secrets", "certificates", "storage"} {
				for _, v := range strs(p.List("permissions", k)) {
					if eq(v, perm) {
						kinds = append(kinds, k)
						break
					}
				}
			}
			if len(kinds) > 0 {
				who = append(who, fmt.Sprintf("object %s (%s)", orNone(p.Str("objectId")), strings.Join(kinds, ", ")))
			}
		}
		if len(who) > 0 {
			sort.Strings(who)
			return fail(fmt.Sprintf("%s %s the vault's items: %s", countOf(len(who), "access policy"), verb, strings.Join(who, "; ")))
		}
		return pass(fmt.Sprintf("%s; none %s the vault's items", countOf(len(policies), "access policy"), verb))
	}
}

func evalACRExport(d Doc, _ *Inventory) Result {
	sku := d.Str("sku", "name")
	if sku == "" {
		sku = d.Str("sku", "tier")
	}
	if sku != "" && !eq(sku, "Premium") {
		return na(sku + " registry: only the Premium tier can disable exports")
	}
	switch st := d.Str("properties", "policies", "exportPolicy", "status"); {
	case eq(st, "disabled"):
		return pass("exports disabled: images cannot be copied out of the registry")
	case st == "":
		return fail("export policy not set (enabled, the default): images and artifacts can be exported")
	default:
		return fail("export policy " + st + ": images and artifacts can be exported")
	}
}

// sharedKeyOff reports whether an account disallows shared key access.
func sharedKeyOff(d Doc) bool {
	v, ok := d.Bool("properties", "allowSharedKeyAccess")
	return ok && !v
}

func evalStorageSASPolicy(d Doc, _ *Inventory) Result {
	if sharedKeyOff(d) {
		return na("shared key access disallowed: no account-key SAS can be made")
	}
	p := d.Sub("properties", "sasPolicy")
	if period := p.Str("sasExpirationPeriod"); period != "" {
		action := p.Str("expirationAction")
		if action == "" {
			action = "Log"
		}
		return pass("SAS expiration policy " + period + " (action " + action + ")")
	}
	return fail("no SAS expiration policy: a leaked SAS can be valid for years")
}

func evalStorageKeyPolicy(d Doc, _ *Inventory) Result {
	if sharedKeyOff(d) {
		return na("shared key access disallowed: the account keys cannot be used")
	}
	if days, ok := d.Num("properties", "keyPolicy", "keyExpirationPeriodInDays"); ok && days > 0 {
		return pass(fmt.Sprintf("account keys expire every %.0f days", days))
	}
	return fail("no key expiration period: account keys are never due for rotation")
}

func evalClassicAdmins(d Doc, inv *Inventory) Result {
	if !inv.saw(typeClassicAdmin) {
		return Result{Status: Skip}
	}
	sub := d.Subscription()
	co := 0
	for _, a := range inv.OfType(typeClassicAdmin) {
		if a.Subscription() != sub {
			continue
		}
		for _, r := range strings.Split(a.Str("properties", "role"), ";") {
			if eq(r, "CoAdministrator") {
				co++
			}
		}
	}
	if co > 0 {
		return fail(fmt.Sprintf("%s: classic roles hold Owner rights outside Azure RBAC and PIM (classic administrators are retired)", countOf(co, "co-administrator")))
	}
	return pass("no classic co-administrators")
}

func evalBackupSoftDelete(d Doc, _ *Inventory) Result {
	s := d.Sub("properties", "securitySettings", "softDeleteSettings")
	st := s.Str("softDeleteState") // Recovery Services vaults
	if st == "" {
		st = s.Str("state") // Backup vaults
	}
	switch {
	case st == "":
		return pass("soft delete on (the default: not set)")
	case eq(st, "AlwaysON") || eq(st, "AlwaysOn"):
		return pass("soft delete always on: it cannot be turned off")
	case eq(st, "Enabled") || eq(st, "On"):
		return pass("soft delete on (not locked: set it to always on)")
	}
	return fail("soft delete " + st + ": deleted backups are gone at once")
}
