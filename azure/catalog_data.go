package azure

import (
	"fmt"
	"strconv"
	"strings"
)

// Resource types the data and application checks read.
const (
	typeStorage     = "microsoft.storage/storageaccounts"
	typeSQLServer   = "microsoft.sql/servers"
	typeSQLFirewall = "microsoft.sql/servers/firewallrules"
	typeKeyVault    = "microsoft.keyvault/vaults"
	typeSite        = "microsoft.web/sites"
	typeSiteConfig  = "microsoft.web/sites/config"
	// Deployment slots are rows of their own in Resource Graph, their
	// configuration too (appserviceresources): every App Service check
	// judges them like the production slot.
	typeSlot       = "microsoft.web/sites/slots"
	typeSlotConfig = "microsoft.web/sites/slots/config"
)

// siteTypes are the App Service resource types the web app checks judge.
var siteTypes = []string{typeSite, typeSlot}

var tlsSpelling = strings.NewReplacer("_", ".", "v", "")

// tlsAtLeast12 reads the many spellings of a minimum TLS version
// ("TLS1_2", "1.2", "Tls12") and reports whether it is 1.2 or later.
func tlsAtLeast12(v string) (ok bool, known bool) {
	s := strings.ToLower(strings.TrimSpace(v))
	s = strings.TrimPrefix(s, "tls")
	s = tlsSpelling.Replace(s)
	if s == "12" || s == "13" {
		s = s[:1] + "." + s[1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, false
	}
	return f >= 1.2, true
}

func evalStorageHTTPS(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "supportsHttpsTrafficOnly")
	if !ok {
		// HTTPS only is the default since API 2019-04-01; accounts created
		// with an older API defaulted to HTTP allowed.
		return fail("secure transfer not set: accounts created before API version 2019-04-01 accept HTTP")
	}
	if v {
		return pass("secure transfer required")
	}
	return fail("HTTP allowed: secure transfer is not required")
}

func evalStorageTLS(d Doc, _ *Inventory) Result {
	v := d.Str("properties", "minimumTlsVersion")
	if v == "" {
		return fail("minimum TLS version not set: clients may use TLS 1.0")
	}
	if ok, known := tlsAtLeast12(v); !known {
		return na("unrecognized minimum TLS version " + v)
	} else if !ok {
		return fail("minimum TLS version " + v)
	}
	return pass("minimum TLS version " + v)
}

func evalStoragePublicBlob(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "allowBlobPublicAccess")
	switch {
	case ok && !v:
		return pass("anonymous blob access disallowed")
	case ok && v:
		return fail("anonymous (public) blob access allowed on the account")
	}
	return fail("anonymous blob access not disallowed (property not set)")
}

func evalStorageNetwork(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled")
	}
	switch a := d.Str("properties", "networkAcls", "defaultAction"); {
	case eq(a, "Deny"):
		return pass("network rules deny by default")
	case a == "" || eq(a, "Allow"):
		return fail("reachable from every network: the firewall's default action is Allow")
	default:
		return na("unrecognized default action " + a)
	}
}

func evalStorageSharedKey(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "allowSharedKeyAccess")
	if ok && !v {
		return pass("shared key access disallowed: Entra ID authorization only")
	}
	return fail("shared key (account key and SAS) access allowed")
}

func evalSQLPublic(d Doc, _ *Inventory) Result {
	switch v := d.Str("properties", "publicNetworkAccess"); {
	case eq(v, "Disabled"):
		return pass("public network access disabled")
	case eq(v, "SecuredByPerimeter"):
		return pass("public access secured by a network security perimeter")
	case v == "" || eq(v, "Enabled"):
		return fail("public network access enabled: the server's firewall rules are its only boundary")
	default:
		return na("unrecognized public network access " + v)
	}
}

// sqlServerOfRule is the server a firewall rule id belongs to.
func sqlServerOfRule(id string) string {
	if i := strings.Index(strings.ToLower(id), "/firewallrules/"); i > 0 {
		return id[:i]
	}
	return ""
}

func evalSQLFirewall(d Doc, inv *Inventory) Result {
	if d.Type() == typeSQLServer {
		// A server says something only when its rules could not be read
		// (the rules speak for themselves otherwise, and a server with
		// none has none that allows all).
		if r, done := inv.armChildGate(d, typeSQLFirewall, "firewall rules", manSQLFirewall); done {
			return r
		}
		return Result{Status: Skip}
	}
	start, end := d.Str("properties", "startIpAddress"), d.Str("properties", "endIpAddress")
	server := sqlServerOfRule(d.ID())
	server = server[strings.LastIndex(server, "/")+1:]
	switch {
	case start == "0.0.0.0" && end == "255.255.255.255":
		return fail(fmt.Sprintf("rule %s on server %s allows every IPv4 address", d.Name(), server))
	case start == "0.0.0.0" && end == "0.0.0.0":
		return fail(fmt.Sprintf("rule %s on server %s allows all Azure services, including other customers' (Allow Azure services)", d.Name(), server))
	case start == "" || end == "":
		return na("rule without addresses")
	}
	return pass(fmt.Sprintf("rule %s allows %s–%s", d.Name(), start, end))
}

func evalSQLTLS(d Doc, _ *Inventory) Result {
	v := d.Str("properties", "minimalTlsVersion")
	if v == "" || eq(v, "None") {
		return fail("no minimum TLS version enforced")
	}
	if ok, known := tlsAtLeast12(v); !known {
		return na("unrecognized minimum TLS version " + v)
	} else if !ok {
		return fail("minimum TLS version " + v)
	}
	return pass("minimum TLS version " + v)
}

func evalSQLEntraOnly(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "administrators", "azureADOnlyAuthentication"); ok && v {
		return pass("Microsoft Entra-only authentication: SQL logins disabled")
	}
	if d.Str("properties", "administrators", "login") == "" && d.Str("properties", "administrators", "sid") == "" {
		return fail("no Microsoft Entra administrator: SQL authentication only")
	}
	return fail("Entra administrator set, but SQL authentication is still allowed")
}

func evalKVSoftDelete(d Doc, _ *Inventory) Result {
	v, ok := d.Bool("properties", "enableSoftDelete")
	if ok && !v {
		return fail("soft delete disabled: a deleted vault or secret is gone at once")
	}
	if !ok {
		return pass("soft delete on (the default; it can no longer be turned off)")
	}
	return pass("soft delete on")
}

func evalKVPurge(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "enablePurgeProtection"); ok && v {
		return pass("purge protection on")
	}
	return fail("purge protection off: an attacker with access can purge keys and secrets for good")
}

func evalKVNetwork(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled")
	}
	if eq(d.Str("properties", "networkAcls", "defaultAction"), "Deny") {
		return pass("network rules deny by default")
	}
	return fail("reachable from every network: no firewall rules or private endpoint only")
}

func evalKVRBAC(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "enableRbacAuthorization"); ok && v {
		return pass("Azure RBAC authorization")
	}
	return fail("vault access policies instead of Azure RBAC")
}

// siteConfig returns the configuration of a web app: inline in the site
// document when Resource Graph filled it in, or the separate
// microsoft.web/sites/config document ("web") from appserviceresources.
func siteConfig(d Doc, inv *Inventory) (Doc, bool) {
	if c := d.Sub("properties", "siteConfig"); len(c) > 0 && (c.Get("minTlsVersion") != nil || c.Get("ftpsState") != nil) {
		return c, true
	}
	if c, ok := inv.ByID(d.ID() + "/config/web"); ok {
		if p := c.Sub("properties"); p != nil {
			return p, true
		}
	}
	return nil, false
}

func evalAppHTTPS(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "httpsOnly"); ok && v {
		return pass("HTTPS only")
	}
	return fail("plain HTTP accepted: HTTPS only is off")
}

func evalAppTLS(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		return na("site configuration not in the collection")
	}
	v := c.Str("minTlsVersion")
	if v == "" {
		return fail("minimum TLS version not set: older apps accept TLS 1.0")
	}
	if ok, known := tlsAtLeast12(v); !known {
		return na("unrecognized minimum TLS version " + v)
	} else if !ok {
		return fail("minimum TLS version " + v)
	}
	return pass("minimum TLS version " + v)
}

func evalAppFTPS(d Doc, inv *Inventory) Result {
	c, ok := siteConfig(d, inv)
	if !ok {
		return na("site configuration not in the collection")
	}
	switch v := c.Str("ftpsState"); {
	case eq(v, "Disabled"):
		return pass("FTP and FTPS disabled")
	case eq(v, "FtpsOnly"):
		return pass("FTPS only")
	case eq(v, "AllAllowed"):
		return fail("plain FTP allowed: credentials cross the network in clear text")
	case v == "":
		return fail("FTP state not set: the older default allows plain FTP (AllAllowed)")
	default:
		return na("unrecognized FTP state " + v)
	}
}
