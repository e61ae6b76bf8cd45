package azure

import (
	"fmt"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Resource types of the scale set, disk, public IP and further AKS checks.
const (
	typeVMSS = "microsoft.compute/virtualmachinescalesets"
)

// catalogHosts are the checks of virtual machine scale sets, Linux sign-in,
// disks and the further AKS settings small and mid-size estates run.
var catalogHosts = []Check{
	{ID: "vmss-password-login", Title: "Linux scale sets accept SSH keys only, no passwords",
		Layer: q.LayerHosts, Domain: "identity", Severity: Medium,
		Questions: []string{"HOST-ACCESS"}, Table: TableResources, Types: []string{typeVMSS},
		MCSB:        "IM-6",
		Remediation: "Set disablePasswordAuthentication on the scale set's Linux configuration and sign in with SSH keys (or Entra ID through the AADSSHLoginForLinux extension).",
		Absent:      "No osProfile: not applicable; a Windows scale set: not applicable (Windows signs in with passwords). disablePasswordAuthentication absent: false, the API default (fail).",
		Eval:        evalLinuxPassword("properties", "virtualMachineProfile", "osProfile")},
	{ID: "vmss-auto-patching", Title: "Scale sets are patched automatically",
		Layer: q.LayerHosts, Domain: "configuration", Severity: High,
		Questions: []string{"HOST-PATCH"}, Table: TableResources, Types: []string{typeVMSS},
		MCSB:        "PV-6",
		Remediation: "Turn on automatic OS image upgrades, or set the patch mode to AutomaticByPlatform with Azure Update Manager.",
		Absent:      "No osProfile: not applicable. automaticOSUpgradePolicy absent: off; patchMode absent: AutomaticByOS on Windows (pass unless enableAutomaticUpdates is false), ImageDefault on Linux (fail).",
		Eval:        evalVMSSPatching},
	{ID: "vmss-encryption", Title: "Scale sets encrypt disks end to end (encryption at host or ADE)",
		Layer: q.LayerHosts, Domain: "data", Severity: Medium,
		Questions: []string{"HOST-DISK-ENC"}, Table: TableResources, Types: []string{typeVMSS},
		MCSB:        "DP-4",
		Remediation: "Turn on encryption at host in the scale set model (or add the Azure Disk Encryption extension) and upgrade the instances.",
		Absent:      "securityProfile.encryptionAtHost absent: false, the API default; then the model's extensions are searched for Azure Disk Encryption (fail when none).",
		Eval:        evalVMSSEncryption},
	{ID: "vmss-trusted-launch", Title: "Scale sets use Trusted Launch (Secure Boot and vTPM)",
		Layer: q.LayerHosts, Domain: "configuration", Severity: Medium,
		Questions: []string{"HOST-HARDEN"}, Table: TableResources, Types: []string{typeVMSS},
		MCSB:        "PV-3",
		Remediation: "Use Gen2 images with the Trusted Launch security type, Secure Boot and vTPM on, in the scale set model.",
		Absent:      "securityProfile.securityType absent: Standard, the API default (fail).",
		Eval:        evalVMSSTrustedLaunch},
	{ID: "vm-linux-password-login", Title: "Linux virtual machines accept SSH keys only, no passwords",
		Layer: q.LayerHosts, Domain: "identity", Severity: Medium,
		Questions: []string{"HOST-ACCESS"}, Table: TableResources, Types: []string{typeVM},
		MCSB:        "IM-6",
		Remediation: "Set disablePasswordAuthentication (redeploy or reset access with SSH keys), or sign in with Entra ID through the AADSSHLoginForLinux extension.",
		Absent:      "No osProfile (a specialized disk): not applicable; a Windows machine: not applicable. disablePasswordAuthentication absent: false, the API default (fail).",
		Eval:        evalLinuxPassword("properties", "osProfile")},
	{ID: "vm-entra-login", Title: "Virtual machines sign administrators in with Microsoft Entra ID",
		Layer: q.LayerHosts, Domain: "identity", Severity: Low,
		Questions: []string{"HOST-ACCESS", "ID-CENTRAL"}, Table: TableResources, Types: []string{typeVM}, Refs: []string{typeVMExtension},
		MCSB:        "IM-1",
		Remediation: "Install the AADLoginForWindows or AADSSHLoginForLinux extension and grant the Virtual Machine Administrator/User Login roles, so sign-in goes through Entra ID and Conditional Access.",
		Absent:      "Extensions not collected: no finding. No Entra login extension: local accounts only (fail).",
		Eval:        evalVMEntraLogin},
	{ID: "disk-network-access", Title: "Managed disks cannot be exported or imported from every network",
		Layer: q.LayerHosts, Domain: "data", Severity: Low,
		Questions: []string{"DATA-PUBLIC", "NET-PRIVATE"}, Table: TableResources, Types: []string{typeDisk},
		MCSB:        "NS-2",
		Remediation: "Set the disk's network access policy to DenyAll (or AllowPrivate through a disk access resource), by Azure Policy for new disks.",
		Absent:      "networkAccessPolicy absent: AllowAll, the API default (fail) unless publicNetworkAccess is Disabled.",
		Eval:        evalDiskNetwork},
	{ID: "public-ip-basic-sku", Title: "No public address uses the retired Basic SKU",
		Layer: q.LayerNetworks, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-EXPOSURE"}, Table: TableResources, Types: []string{typePublicIP},
		MCSB:        "NS-1",
		Remediation: "Upgrade Basic public addresses to Standard (closed to inbound traffic until a network security group allows it), following Microsoft's upgrade guidance.",
		Absent:      "sku absent: Basic, the default SKU of older API versions (fail).",
		Eval:        evalPublicIPSku},
	{ID: "aks-azure-policy", Title: "AKS clusters run the Azure Policy add-on",
		Layer: q.LayerHosts, Domain: "configuration", Severity: Medium,
		Questions: []string{"HOST-AKS"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "PV-4",
		Remediation: "Enable the Azure Policy add-on and assign the Kubernetes pod security baseline initiative, so privileged pods are denied.",
		Absent:      "addonProfiles.azurepolicy absent: not enabled (fail).",
		Eval:        evalAKSAddon("azurepolicy", true, "Azure Policy add-on enabled: pod security policies are enforced", "no Azure Policy add-on: nothing enforces pod security or allowed images")},
	{ID: "aks-defender-profile", Title: "AKS clusters run the Defender for Containers sensor",
		Layer: q.LayerHosts, Domain: "monitoring", Severity: Medium,
		Questions: []string{"HOST-AKS", "MON-DETECT"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "LT-1",
		Remediation: "Turn on Defender for Containers for the subscription and let it deploy the Defender sensor (securityProfile.defender) to each cluster.",
		Absent:      "securityProfile.defender absent: no sensor (fail).",
		Eval:        evalAKSDefender},
	{ID: "aks-azure-rbac", Title: "AKS clusters authorize Kubernetes access with Azure RBAC",
		Layer: q.LayerHosts, Domain: "identity", Severity: Low,
		Questions: []string{"HOST-AKS", "ID-LEAST-PRIV"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "PA-7",
		Remediation: "Enable Azure RBAC for Kubernetes authorization and grant the built-in AKS RBAC roles to groups, scoped to namespaces.",
		Absent:      "aadProfile.enableAzureRBAC absent: false, the API default (fail).",
		Eval:        evalAKSAzureRBAC},
	{ID: "aks-http-app-routing", Title: "AKS clusters do not use the HTTP application routing add-on",
		Layer: q.LayerHosts, Domain: "network-security", Severity: Low,
		Questions: []string{"HOST-AKS", "NET-EXPOSURE"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "NS-1",
		Remediation: "Replace the HTTP application routing add-on (not for production; retired) with the application routing add-on or an ingress controller behind a WAF.",
		Absent:      "addonProfiles.httpApplicationRouting absent: not enabled (pass).",
		Eval:        evalAKSAddon("httpApplicationRouting", false, "HTTP application routing add-on off", "HTTP application routing add-on on: public DNS names for ingress without TLS, not meant for production")},
	{ID: "aks-auto-upgrade", Title: "AKS clusters upgrade Kubernetes automatically",
		Layer: q.LayerHosts, Domain: "configuration", Severity: Medium,
		Questions: []string{"HOST-AKS-UPGRADE", "HOST-AKS", "HOST-PATCH"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "PV-6",
		Remediation: "Set an auto-upgrade channel (patch or stable) with a planned maintenance window.",
		Absent:      "autoUpgradeProfile.upgradeChannel absent: none, the default of clusters created before auto-upgrade was set at creation (fail).",
		Eval:        evalAKSUpgradeChannel},
	{ID: "aks-node-os-upgrade", Title: "AKS node images get security updates automatically",
		Layer: q.LayerHosts, Domain: "configuration", Severity: Medium,
		Questions: []string{"HOST-AKS-UPGRADE", "HOST-AKS", "HOST-PATCH"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "PV-6",
		Remediation: "Set the node OS upgrade channel to NodeImage or SecurityPatch with a maintenance window.",
		Absent:      "autoUpgradeProfile.nodeOSUpgradeChannel absent: Unmanaged, the default before node OS channels (the OS's own unattended upgrades, no reboots): pass with that caveat.",
		Eval:        evalAKSNodeOSChannel},
	{ID: "aks-secrets-store", Title: "AKS clusters read secrets from Key Vault (Secrets Store CSI driver)",
		Layer: q.LayerHosts, Domain: "data", Severity: Low,
		Questions: []string{"HOST-AKS", "APP-SECRETS"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "IM-8",
		Remediation: "Enable the Azure Key Vault provider for the Secrets Store CSI driver (with rotation) and move Kubernetes secrets into Key Vault.",
		Absent:      "addonProfiles.azureKeyvaultSecretsProvider absent: not enabled (fail).",
		Eval:        evalAKSAddon("azureKeyvaultSecretsProvider", true, "Key Vault secrets provider enabled", "no Key Vault secrets provider: application secrets live in Kubernetes secrets (base64 in etcd)")},
	{ID: "aks-managed-identity", Title: "AKS clusters use a managed identity, not a service principal secret",
		Layer: q.LayerHosts, Domain: "identity", Severity: Medium,
		Questions: []string{"HOST-AKS", "ID-INTEGRATIONS"}, Table: TableResources, Types: []string{typeAKS},
		MCSB:        "IM-3",
		Remediation: "Update the cluster to a system- or user-assigned managed identity (az aks update --enable-managed-identity) and remove the service principal's secret.",
		Absent:      "identity absent: the cluster uses a service principal (servicePrincipalProfile) and its secret (fail).",
		Eval:        evalAKSIdentity},
}

// evalLinuxPassword judges a Linux configuration's password sign-in, for
// VMs and scale set models (osProfile at the given path).
func evalLinuxPassword(path ...string) func(Doc, *Inventory) Result {
	return func(d Doc, _ *Inventory) Result {
		os := d.Sub(path...)
		switch {
		case os == nil:
			return na("no OS profile (a specialized disk): sign-in settings not visible")
		case os.Sub("windowsConfiguration") != nil:
			return na("Windows: password sign-in is the platform's; reach it through Bastion or just-in-time access")
		case os.Sub("linuxConfiguration") == nil:
			return na("operating system not visible in the OS profile")
		}
		v, ok := os.Bool("linuxConfiguration", "disablePasswordAuthentication")
		switch {
		case ok && v:
			return pass("SSH keys only: password authentication disabled")
		case ok:
			return fail("password authentication allowed over SSH: open to password spraying and reuse")
		}
		return fail("disablePasswordAuthentication not set: passwords are allowed (the API default)")
	}
}

// vmssProfile is a scale set's VM model.
func vmssProfile(d Doc) Doc { return d.Sub("properties", "virtualMachineProfile") }

func evalVMSSPatching(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "upgradePolicy", "automaticOSUpgradePolicy", "enableAutomaticOSUpgrade"); ok && v {
		return pass("automatic OS image upgrades on: instances are rebuilt on patched images")
	}
	os := vmssProfile(d).Sub("osProfile")
	if os == nil {
		return na("no OS profile in the scale set model: patch settings not visible")
	}
	if w := os.Sub("windowsConfiguration"); w != nil {
		mode := w.Str("patchSettings", "patchMode")
		if v, ok := w.Bool("enableAutomaticUpdates"); ok && !v && (mode == "" || eq(mode, "Manual")) {
			return fail("Windows: automatic updates off and no automatic OS image upgrade")
		}
		switch {
		case eq(mode, "AutomaticByPlatform"):
			return pass("Windows: patched by the platform (Azure Update Manager)")
		case eq(mode, "Manual"):
			return fail("Windows: manual patching and no automatic OS image upgrade")
		}
		return pass("Windows: automatic updates by the OS (AutomaticByOS, the default)")
	}
	if l := os.Sub("linuxConfiguration"); l != nil {
		if eq(l.Str("patchSettings", "patchMode"), "AutomaticByPlatform") {
			return pass("Linux: patched by the platform (Azure Update Manager)")
		}
		return fail("Linux: image default patching and no automatic OS image upgrade: instances keep the image's packages")
	}
	return na("operating system not visible in the scale set model")
}

func evalVMSSEncryption(d Doc, _ *Inventory) Result {
	p := vmssProfile(d)
	if v, ok := p.Bool("securityProfile", "encryptionAtHost"); ok && v {
		return pass("encryption at host on in the scale set model")
	}
	for _, e := range objects(p.List("extensionProfile", "extensions")) {
		if adeExtensions[strings.ToLower(e.Str("properties", "type"))] {
			return pass("Azure Disk Encryption extension in the scale set model (" + e.Str("name") + ")")
		}
	}
	if eq(p.Str("securityProfile", "securityType"), "ConfidentialVM") &&
		eq(p.Str("storageProfile", "osDisk", "managedDisk", "securityProfile", "securityEncryptionType"), "DiskWithVMGuestState") {
		return pass("confidential VMs with confidential OS disk encryption")
	}
	return fail("neither encryption at host nor Azure Disk Encryption in the scale set model: temp disks and caches are not encrypted")
}

func evalVMSSTrustedLaunch(d Doc, _ *Inventory) Result {
	sp := vmssProfile(d).Sub("securityProfile")
	t := sp.Str("securityType")
	if !eq(t, "TrustedLaunch") && !eq(t, "ConfidentialVM") {
		return fail("standard security type: no Secure Boot or vTPM against boot kits")
	}
	sb, _ := sp.Bool("uefiSettings", "secureBootEnabled")
	vt, _ := sp.Bool("uefiSettings", "vTpmEnabled")
	if !sb || !vt {
		return fail(t + " without Secure Boot and vTPM both on")
	}
	return pass(t + " with Secure Boot and vTPM")
}

// entraLoginExtensions are the handler types of the VM extensions that let
// administrators sign in with Microsoft Entra ID.
var entraLoginExtensions = map[string]bool{"aadloginforwindows": true, "aadsshloginforlinux": true}

func evalVMEntraLogin(d Doc, inv *Inventory) Result {
	if !inv.saw(typeVMExtension) {
		return Result{Status: Skip}
	}
	for _, e := range childrenOf(inv, d.ID(), typeVMExtension) {
		if entraLoginExtensions[extensionKind(e)] {
			if eq(e.Str("properties", "provisioningState"), "Failed") {
				return fail("Entra login extension " + e.Name() + " failed to provision")
			}
			return pass("administrators sign in with Microsoft Entra ID (" + e.Name() + ")")
		}
	}
	return fail("no Entra login extension: administrators use local accounts, outside Conditional Access and MFA")
}

func evalDiskNetwork(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled for export and import")
	}
	switch p := d.Str("properties", "networkAccessPolicy"); {
	case eq(p, "DenyAll"):
		return pass("export and import denied from every network (DenyAll)")
	case eq(p, "AllowPrivate"):
		return pass("export and import through a private endpoint only (AllowPrivate)")
	case p == "":
		return fail("network access policy not set (AllowAll, the API default): a SAS export of the disk works from any network")
	default:
		return fail("network access policy " + p + ": a SAS export of the disk works from any network")
	}
}

// basicIPRetired is when Basic SKU public IP addresses were retired
// (learn.microsoft.com/azure/virtual-network/ip-services/public-ip-basic-upgrade-guidance:
// "On September 30, 2025, Basic SKU public IPs were retired").
var basicIPRetired = time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)

func evalPublicIPSku(d Doc, inv *Inventory) Result {
	sku := d.Str("sku", "name")
	if sku == "" {
		sku = d.Str("properties", "sku", "name")
	}
	if sku != "" && !eq(sku, "Basic") {
		return pass(sku + " SKU: closed to inbound traffic until a network security group allows it")
	}
	what := "Basic SKU"
	if sku == "" {
		what = "no SKU (Basic, the older default)"
	}
	if inv.AsOf().Before(basicIPRetired) {
		return fail(what + ": open to inbound traffic without a network security group, and retired on 2025-09-30")
	}
	return fail(what + ": retired on 2025-09-30 (no longer supported), and open to inbound traffic without a network security group")
}

// evalAKSAddon judges an add-on's enabled flag; want says whether it
// should be on.
func evalAKSAddon(name string, want bool, good, bad string) func(Doc, *Inventory) Result {
	return func(d Doc, _ *Inventory) Result {
		on, _ := d.Bool("properties", "addonProfiles", name, "enabled")
		if on == want {
			return pass(good)
		}
		return fail(bad)
	}
}

func evalAKSDefender(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "securityProfile", "defender", "securityMonitoring", "enabled"); ok && v {
		return pass("Defender sensor deployed: runtime threats in the cluster are detected")
	}
	return fail("no Defender sensor: runtime attacks in containers (crypto miners, breakouts) go unseen")
}

func evalAKSAzureRBAC(d Doc, _ *Inventory) Result {
	if d.Sub("properties", "aadProfile") == nil {
		return fail("no Microsoft Entra integration, so no Azure RBAC for Kubernetes (see aks-entra)")
	}
	if v, ok := d.Bool("properties", "aadProfile", "enableAzureRBAC"); ok && v {
		return pass("Azure RBAC authorizes Kubernetes access: reviewed with the rest of Azure's role assignments")
	}
	return fail("Kubernetes access is authorized only by in-cluster role bindings, outside Azure's role reviews and PIM")
}

func evalAKSUpgradeChannel(d Doc, _ *Inventory) Result {
	switch c := d.Str("properties", "autoUpgradeProfile", "upgradeChannel"); {
	case c == "" || eq(c, "none"):
		return fail("no auto-upgrade channel: Kubernetes versions and patches wait for someone to upgrade")
	case eq(c, "node-image"):
		return pass("auto-upgrade channel node-image (Kubernetes version upgrades remain manual)")
	default:
		return pass("auto-upgrade channel " + c)
	}
}

func evalAKSNodeOSChannel(d Doc, _ *Inventory) Result {
	switch c := d.Str("properties", "autoUpgradeProfile", "nodeOSUpgradeChannel"); {
	case eq(c, "None"):
		return fail("node OS upgrade channel None: node images get no security updates until someone upgrades them")
	case c == "":
		return pass("node OS channel not set (Unmanaged, the older default): the OS installs its own security updates, but nodes are not rebooted for kernel fixes")
	case eq(c, "Unmanaged"):
		return pass("node OS channel Unmanaged: the OS installs its own security updates, but nodes are not rebooted for kernel fixes")
	default:
		return pass("node OS upgrade channel " + c)
	}
}

func evalAKSIdentity(d Doc, _ *Inventory) Result {
	t := d.Str("identity", "type")
	if strings.Contains(strings.ToLower(t), "assigned") {
		return pass("managed identity (" + t + "): no service principal secret to expire or leak")
	}
	if c := d.Str("properties", "servicePrincipalProfile", "clientId"); c != "" && !eq(c, "msi") {
		return fail(fmt.Sprintf("service principal %s with a secret: it expires and can leak", c))
	}
	return fail("no managed identity on the cluster")
}
