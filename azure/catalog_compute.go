package azure

import (
	"fmt"
	"strconv"
	"strings"
)

// Resource types the host checks read.
const (
	typeVM  = "microsoft.compute/virtualmachines"
	typeAKS = "microsoft.containerservice/managedclusters"
)

// AKSMinSupported is the oldest Kubernetes minor version AKS still supports
// (outside long-term support). AKS supports about three minor versions at a
// time and retires one every few months: review this with each release of
// ssrm.
var AKSMinSupported = "1.32"

func evalVMEncryption(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "securityProfile", "encryptionAtHost"); ok && v {
		return pass("encryption at host on: temp disk and caches encrypted too")
	}
	if v, ok := d.Bool("properties", "storageProfile", "osDisk", "encryptionSettings", "enabled"); ok && v {
		return pass("Azure Disk Encryption on the OS disk")
	}
	if eq(d.Str("properties", "securityProfile", "securityType"), "ConfidentialVM") {
		return pass("confidential VM")
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
	switch {
	case eq(mode, "AutomaticByPlatform"):
		return pass(os + ": patched by the platform (Azure Update Manager)")
	case eq(mode, "AutomaticByOS"):
		return pass(os + ": automatic updates by the OS")
	case mode == "" && os == "Windows":
		return pass("Windows: automatic updates by the OS (the default)")
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
	od := d.Sub("properties", "storageProfile", "osDisk")
	if od == nil {
		return na("no storage profile")
	}
	if od.Sub("managedDisk") != nil {
		return pass("managed disks")
	}
	if od.Sub("vhd") != nil {
		return fail("unmanaged disk (a VHD in a storage account)")
	}
	return na("disk type not visible")
}

func evalAKSRBAC(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "enableRBAC"); ok && !v {
		return fail("Kubernetes RBAC disabled: every authenticated user is cluster admin")
	}
	return pass("Kubernetes RBAC enabled")
}

func evalAKSEntra(d Doc, _ *Inventory) Result {
	a := d.Sub("properties", "aadProfile")
	if a == nil {
		return fail("no Microsoft Entra integration: cluster certificates are the identities")
	}
	if v, ok := a.Bool("enableAzureRBAC"); ok && v {
		return pass("Microsoft Entra integration with Azure RBAC")
	}
	return pass("Microsoft Entra integration")
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

func evalAKSVersion(d Doc, _ *Inventory) Result {
	v := d.Str("properties", "currentKubernetesVersion")
	if v == "" {
		v = d.Str("properties", "kubernetesVersion")
	}
	a, b, ok := minorVersion(v)
	if !ok {
		return na("Kubernetes version not visible")
	}
	ma, mb, _ := minorVersion(AKSMinSupported)
	if eq(d.Str("properties", "supportPlan"), "AKSLongTermSupport") {
		return pass("Kubernetes " + v + " under long-term support")
	}
	if a < ma || a == ma && b < mb {
		return fail("Kubernetes " + v + " is older than the oldest supported version (" + AKSMinSupported + ")")
	}
	return pass("Kubernetes " + v)
}
