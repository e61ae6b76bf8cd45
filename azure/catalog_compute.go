package azure

import (
	"fmt"
	"strconv"
	"strings"
)

// Resource types the host checks read.
const (
	typeVM   = "microsoft.compute/virtualmachines"
	typeAKS  = "microsoft.containerservice/managedclusters"
	typeDisk = "microsoft.compute/disks"
)

// adeExtensions are the handler types of the Azure Disk Encryption VM
// extension (single pass, the current version).
var adeExtensions = map[string]bool{"azurediskencryption": true, "azurediskencryptionforlinux": true}

// vmADE tells whether Azure Disk Encryption is on for a VM's OS disk, from
// what the collection holds: the legacy (dual-pass) encryptionSettings on
// the VM, the managed OS disk's encryptionSettingsCollection, or a
// provisioned AzureDiskEncryption extension.
func vmADE(d Doc, inv *Inventory) (bool, string) {
	if v, ok := d.Bool("properties", "storageProfile", "osDisk", "encryptionSettings", "enabled"); ok && v {
		return true, "Azure Disk Encryption on the OS disk (legacy settings on the VM)"
	}
	if id := d.Str("properties", "storageProfile", "osDisk", "managedDisk", "id"); id != "" {
		if disk, ok := inv.ByID(id); ok {
			if v, ok := disk.Bool("properties", "encryptionSettingsCollection", "enabled"); ok && v {
				return true, "Azure Disk Encryption on the OS disk " + disk.Name()
			}
		}
	}
	for _, e := range childrenOf(inv, d.ID(), typeVMExtension) {
		if adeExtensions[extensionKind(e)] && !eq(e.Str("properties", "provisioningState"), "Failed") {
			return true, "Azure Disk Encryption extension " + e.Name()
		}
	}
	return false, ""
}

func evalVMEncryption(d Doc, inv *Inventory) Result {
	if v, ok := d.Bool("properties", "securityProfile", "encryptionAtHost"); ok && v {
		return pass("encryption at host on: temp disk and caches encrypted too")
	}
	if ok, what := vmADE(d, inv); ok {
		return pass(what)
	}
	if eq(d.Str("properties", "securityProfile", "securityType"), "ConfidentialVM") {
		if eq(d.Str("properties", "storageProfile", "osDisk", "managedDisk", "securityProfile", "securityEncryptionType"), "DiskWithVMGuestState") {
			return pass("confidential VM with confidential OS disk encryption")
		}
		return fail("confidential VM without confidential OS disk encryption (security encryption type is not DiskWithVMGuestState), and neither encryption at host nor Azure Disk Encryption")
	}
	return fail("neither encryption at host nor Azure Disk Encryption: temp disk and caches are not encrypted")
}

func evalVMTrustedLaunch(d Doc, _ *Inventory) Result {
	t := d.Str("properties", "securityProfile", "securityType")
	if !eq(t, "TrustedLaunch") && !eq(t, "ConfidentialVM") {
		return fail("standard security type: no Secure Boot or vTPM against boot kits")
	}
	sb, _ := d.Bool("properties", "securityProfile", "uefiSettings", "secureBootEnabled")
	vt, _ := d.Bool("properties", "securityProfile", "uefiSettings", "vTpmEnabled")
	if !sb || !vt {
		return fail(t + " without Secure Boot and vTPM both on")
	}
	return pass(t + " with Secure Boot and vTPM")
}

// vmPatchSettings returns the OS and its patch settings.
func vmPatchSettings(d Doc) (string, Doc) {
	if p := d.Sub("properties", "osProfile", "windowsConfiguration", "patchSettings"); p != nil {
		return "Windows", p
	}
	if p := d.Sub("properties", "osProfile", "linuxConfiguration", "patchSettings"); p != nil {
		return "Linux", p
	}
	if d.Sub("properties", "osProfile", "windowsConfiguration") != nil {
		return "Windows", Doc{}
	}
	if d.Sub("properties", "osProfile", "linuxConfiguration") != nil {
		return "Linux", Doc{}
	}
	return "", nil
}

func evalVMPatching(d Doc, _ *Inventory) Result {
	os, p := vmPatchSettings(d)
	if p == nil {
		return na("no OS profile (a specialized or attached disk): patch settings not visible")
	}
	mode := p.Str("patchMode")
	if os == "Windows" {
		if v, ok := d.Bool("properties", "osProfile", "windowsConfiguration", "enableAutomaticUpdates"); ok && !v {
			if mode == "" || eq(mode, "Manual") {
				return fail("Windows: automatic updates turned off (enableAutomaticUpdates false): patches wait for someone to install them")
			}
		}
	}
	switch {
	case eq(mode, "AutomaticByPlatform"):
		return pass(os + ": patched by the platform (Azure Update Manager)")
	case eq(mode, "AutomaticByOS"):
		return pass(os + ": automatic updates by the OS")
	case mode == "" && os == "Windows":
		return pass("Windows: automatic updates by the OS (the default patch mode, AutomaticByOS)")
	case mode == "" || eq(mode, "ImageDefault"):
		return fail(os + ": image default, no orchestrated patching")
	}
	return fail(os + ": patch mode " + mode)
}

func evalVMAssessment(d Doc, _ *Inventory) Result {
	os, p := vmPatchSettings(d)
	if p == nil {
		return na("no OS profile: assessment settings not visible")
	}
	if eq(p.Str("assessmentMode"), "AutomaticByPlatform") {
		return pass(os + ": missing updates assessed every day")
	}
	return fail(os + ": missing updates assessed only on demand")
}

func evalVMManagedDisks(d Doc, _ *Inventory) Result {
	sp := d.Sub("properties", "storageProfile")
	od := sp.Sub("osDisk")
	if od == nil {
		return na("no storage profile")
	}
	var unmanaged []string
	disks := append([]Doc{od}, objects(sp.List("dataDisks"))...)
	known := 0
	for i, disk := range disks {
		name := disk.Str("name")
		if name == "" {
			name = "OS disk"
			if i > 0 {
				name = fmt.Sprintf("data disk %d", i)
			}
		}
		switch {
		case disk.Sub("managedDisk") != nil:
			known++
		case disk.Sub("vhd") != nil:
			known++
			unmanaged = append(unmanaged, name)
		}
	}
	switch {
	case len(unmanaged) > 0:
		return fail("unmanaged disk(s), VHDs in a storage account: " + strings.Join(unmanaged, ", "))
	case known == 0:
		return na("disk type not visible")
	}
	return pass(fmt.Sprintf("managed disks (%d)", known))
}

func evalAKSRBAC(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "enableRBAC")
	switch {
	case !ok:
		// Resource Graph returns enableRBAC, true or false, for every
		// live cluster: absence comes from a template or a partial export,
		// where leaving it out created clusters without RBAC (portal and
		// ARM templates, per the AKS docs maintainers in
		// MicrosoftDocs/azure-docs#22220, 2019; only the CLI turned it on
		// by default). It cannot be turned on afterwards, so an unstated
		// setting is not given the benefit of the doubt.
		return fail("enableRBAC not stated: clusters deployed without it (portal, ARM templates) ran without Kubernetes RBAC, and it cannot be turned on later; confirm with 'az aks show --query enableRbac'")
	case !v:
		return fail("Kubernetes RBAC disabled: every authenticated user is cluster admin")
	}
	return pass("Kubernetes RBAC enabled")
}

func evalAKSEntra(d Doc, _ *Inventory) Result {
	a := d.Sub("properties", "aadProfile")
	if a == nil {
		return fail("no Microsoft Entra integration: cluster certificates are the identities")
	}
	if m, _ := a.Bool("managed"); !m {
		return fail("legacy (AAD application) Entra integration, retired: migrate to AKS-managed Microsoft Entra integration")
	}
	if v, ok := a.Bool("enableAzureRBAC"); ok && v {
		return pass("Microsoft Entra integration with Azure RBAC")
	}
	return pass("AKS-managed Microsoft Entra integration")
}

func evalAKSLocalAccounts(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "disableLocalAccounts"); ok && v {
		return pass("local accounts disabled")
	}
	return fail("local admin account enabled: a static credential bypasses Entra ID")
}

func evalAKSAPIAccess(d Doc, _ *Inventory) Result {
	a := d.Sub("properties", "apiServerAccessProfile")
	if v, ok := a.Bool("enablePrivateCluster"); ok && v {
		return pass("private cluster: API server on a private endpoint")
	}
	if r := strs(a.List("authorizedIPRanges")); len(r) > 0 {
		if anyInternet(r) {
			return fail("authorized IP ranges include the whole Internet")
		}
		return pass(fmt.Sprintf("API server limited to %d authorized IP ranges", len(r)))
	}
	if v, ok := a.Bool("enableVnetIntegration"); ok && v {
		return pass("API server VNet integration")
	}
	return fail("API server reachable from the whole Internet")
}

func evalAKSNetworkPolicy(d Doc, _ *Inventory) Result {
	p := d.Str("properties", "networkProfile", "networkPolicy")
	if p == "" || eq(p, "none") {
		return fail("no network policy: every pod can reach every other pod")
	}
	return pass("network policy " + p)
}

// minorVersion parses "1.30.4" into (1, 30).
func minorVersion(v string) (int, int, bool) {
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(v), "v"), ".")
	if len(parts) < 2 {
		return 0, 0, false
	}
	a, e1 := strconv.Atoi(parts[0])
	b, e2 := strconv.Atoi(parts[1])
	return a, b, e1 == nil && e2 == nil
}

func evalAKSVersion(d Doc, inv *Inventory) Result {
	v := d.Str("properties", "currentKubernetesVersion")
	if v == "" {
		v = d.Str("properties", "kubernetesVersion")
	}
	if _, _, ok := minorVersion(v); !ok {
		return na("Kubernetes version not visible")
	}
	lts := eq(d.Str("properties", "supportPlan"), "AKSLongTermSupport")
	return judgeVersion("Kubernetes "+v, aksLife, v, inv.AsOf(), lts)
}
