package azure

import (
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Resource types of the cache, database and search checks.
const (
	typeRedis       = "microsoft.cache/redis"
	typeCosmos      = "microsoft.documentdb/databaseaccounts"
	typePGFlex      = "microsoft.dbforpostgresql/flexibleservers"
	typePGConfig    = "microsoft.dbforpostgresql/flexibleservers/configurations"
	typeMySQLFlex   = "microsoft.dbformysql/flexibleservers"
	typeMySQLConfig = "microsoft.dbformysql/flexibleservers/configurations"
	typeSQLMI       = "microsoft.sql/managedinstances"
	typeSearch      = "microsoft.search/searchservices"
)

// catalogData are the checks of Azure Cache for Redis, Cosmos DB, the
// PostgreSQL and MySQL flexible servers, SQL Managed Instance and AI
// Search.
var catalogData = []Check{
	{ID: "redis-non-tls-port", Title: "Azure Cache for Redis has the non-TLS port closed",
		Layer: q.LayerApplications, Domain: "data", Severity: High,
		Questions: []string{"NET-TLS", "NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeRedis},
		MCSB:        "DP-3",
		Remediation: "Turn the non-TLS port (6379) off and connect on 6380 with TLS.",
		Absent:      "enableNonSslPort absent: false, the API default (pass).",
		Eval:        evalRedisNonTLS},
	{ID: "redis-min-tls", Title: "Azure Cache for Redis accepts TLS 1.2 or later only",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS", "NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeRedis},
		MCSB:        "DP-3",
		Remediation: "Set the cache's minimum TLS version to 1.2.",
		Absent:      "minimumTlsVersion absent: no minimum, the default of older caches (TLS 1.0 accepted): fail.",
		Eval:        evalMinTLS("minimumTlsVersion", "older caches accept TLS 1.0", true, "minimumTlsVersion")},
	{ID: "redis-public-access", Title: "Azure Cache for Redis is not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeRedis},
		MCSB:        "NS-2",
		Remediation: "Reach the cache through a private endpoint and set public network access to Disabled.",
		Absent:      "publicNetworkAccess absent: Enabled, the API default (fail) unless the cache is injected into a virtual network (subnetId).",
		Eval: func(d Doc, _ *Inventory) Result {
			return publicAccess(d, "cache", func(d Doc) (bool, string) {
				if d.Str("properties", "subnetId") != "" {
					return true, "injected into a virtual network: no public endpoint"
				}
				return false, ""
			})
		}},
	{ID: "redis-entra-auth", Title: "Azure Cache for Redis uses Microsoft Entra ID, not access keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeRedis},
		MCSB:        "IM-1",
		Remediation: "Turn on Microsoft Entra authentication, move clients to managed identities, then disable access key authentication.",
		Absent:      "disableAccessKeyAuthentication absent: false, the API default: access keys work (fail).",
		Eval:        evalRedisEntra},
	{ID: "cosmos-local-auth", Title: "Cosmos DB accounts accept Microsoft Entra ID only, not keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeCosmos},
		MCSB:        "IM-1",
		Remediation: "Grant data-plane roles to managed identities, then set disableLocalAuth so account keys stop working.",
		Absent:      "disableLocalAuth absent: false, the API default: keys work (fail).",
		Eval:        evalLocalAuth("the Cosmos DB account")},
	{ID: "cosmos-public-access", Title: "Cosmos DB accounts are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"DATA-PUBLIC", "NET-PRIVATE"}, Table: TableResources, Types: []string{typeCosmos},
		MCSB:        "NS-2",
		Remediation: "Use private endpoints and disable public network access, or limit the firewall to selected networks.",
		Absent:      "publicNetworkAccess absent: Enabled; ipRules absent and isVirtualNetworkFilterEnabled absent: no restriction (fail).",
		Eval:        evalCosmosNetwork},
	{ID: "cosmos-metadata-writes", Title: "Cosmos DB keys cannot change databases and containers",
		Layer: q.LayerApplications, Domain: "identity", Severity: Low,
		Questions: []string{"ID-LEAST-PRIV"}, Table: TableResources, Types: []string{typeCosmos},
		MCSB:        "PA-7",
		Remediation: "Set disableKeyBasedMetadataWriteAccess so databases, containers and throughput change only through Azure Resource Manager with Entra identities.",
		Absent:      "disableKeyBasedMetadataWriteAccess absent: false, the API default (fail).",
		Eval: func(d Doc, _ *Inventory) Result {
			if v, ok := d.Bool("properties", "disableKeyBasedMetadataWriteAccess"); ok && v {
				return pass("metadata changes only through Azure Resource Manager with Entra identities")
			}
			return fail("an account key can create, change and delete databases and containers")
		}},
	{ID: "postgres-public-access", Title: "PostgreSQL flexible servers are not reachable from the Internet",
		Layer: q.LayerApplications, Domain: "network-security", Severity: High,
		Questions: []string{"DATA-PUBLIC", "NET-PRIVATE"}, Table: TableResources, Types: []string{typePGFlex},
		MCSB:        "NS-2",
		Remediation: "Use private access (virtual network integration) or a private endpoint, and disable public network access.",
		Absent:      "network.publicNetworkAccess absent: Enabled, the API default (fail) unless the server is in a delegated subnet.",
		Eval:        evalFlexPublic},
	{ID: "postgres-entra-only", Title: "PostgreSQL flexible servers accept Microsoft Entra ID only, no passwords",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL"}, Table: TableResources, Types: []string{typePGFlex},
		MCSB:        "IM-1",
		Remediation: "Add a Microsoft Entra administrator, move roles to Entra identities, then turn password authentication off.",
		Absent:      "authConfig absent: password authentication only, the API default (fail).",
		Eval:        evalPGEntraOnly},
	{ID: "postgres-tls", Title: "PostgreSQL flexible servers require TLS 1.2 or later",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableARM, Types: []string{typeTenant, typePGFlex}, Refs: []string{typePGConfig},
		MCSB:        "DP-3",
		Remediation: "Keep the server parameters require_secure_transport ON and ssl_min_protocol_version TLSv1.2 or later.",
		Absent:      "Server parameters not read: verify by hand (once for the tenant; on the server, naming the error, when its read failed). A parameter the read did not return (404): its documented default (require_secure_transport ON, ssl_min_protocol_version TLSv1.2): pass.",
		Eval: splitTenant(armTenantOf(typePGConfig, []string{typePGFlex}, "server parameters", manServerParams), evalServerParams(typePGConfig, []tlsParam{
			{name: "require_secure_transport", def: "on", good: func(v string) bool { return eq(v, "on") }},
			{name: "ssl_min_protocol_version", def: "TLSv1.2", good: func(v string) bool { ok, _ := tlsAtLeast12(v); return ok }},
		}))},
	{ID: "mysql-public-access", Title: "MySQL flexible servers are not reachable from the Internet",
		Layer: q.LayerApplications, Domain: "network-security", Severity: High,
		Questions: []string{"DATA-PUBLIC", "NET-PRIVATE"}, Table: TableResources, Types: []string{typeMySQLFlex},
		MCSB:        "NS-2",
		Remediation: "Use private access (virtual network integration) or a private endpoint, and disable public network access.",
		Absent:      "network.publicNetworkAccess absent: Enabled, the API default (fail) unless the server is in a delegated subnet.",
		Eval:        evalFlexPublic},
	{ID: "mysql-entra-only", Title: "MySQL flexible servers accept Microsoft Entra ID only, no passwords",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL"}, Table: TableARM, Types: []string{typeTenant, typeMySQLFlex}, Refs: []string{typeMySQLConfig},
		MCSB:        "IM-1",
		Remediation: "Add a Microsoft Entra administrator, move users to Entra identities, then set the server parameter aad_auth_only ON.",
		Absent:      "Server parameters not read: verify by hand (once for the tenant; on the server, naming the error, when its read failed). aad_auth_only not returned (404, an engine version without it): OFF, its documented default (fail).",
		Eval: splitTenant(armTenantOf(typeMySQLConfig, []string{typeMySQLFlex}, "server parameters", manServerParams), evalServerParams(typeMySQLConfig, []tlsParam{
			{name: "aad_auth_only", def: "OFF", good: func(v string) bool { return eq(v, "on") }},
		}))},
	{ID: "mysql-tls", Title: "MySQL flexible servers require TLS 1.2 or later",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableARM, Types: []string{typeTenant, typeMySQLFlex}, Refs: []string{typeMySQLConfig},
		MCSB:        "DP-3",
		Remediation: "Keep the server parameter require_secure_transport ON and tls_version limited to TLSv1.2 (and TLSv1.3).",
		Absent:      "Server parameters not read: verify by hand (once for the tenant; on the server, naming the error, when its read failed). A parameter not returned (404): its documented default (require_secure_transport ON, tls_version TLSv1.2): pass.",
		Eval: splitTenant(armTenantOf(typeMySQLConfig, []string{typeMySQLFlex}, "server parameters", manServerParams), evalServerParams(typeMySQLConfig, []tlsParam{
			{name: "require_secure_transport", def: "ON", good: func(v string) bool { return eq(v, "on") }},
			{name: "tls_version", def: "TLSv1.2", good: mysqlTLSVersions},
		}))},
	{ID: "sqlmi-entra-only", Title: "SQL managed instances use Microsoft Entra-only authentication",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"APP-SQL", "ID-CENTRAL"}, Table: TableResources, Types: []string{typeSQLMI},
		MCSB:        "IM-1",
		Remediation: "Set a Microsoft Entra administrator (a group), move logins to Entra identities, then turn on Entra-only authentication.",
		Absent:      "administrators absent: no Entra administrator (fail); azureADOnlyAuthentication absent: false (fail).",
		Eval:        evalSQLEntraOnly},
	{ID: "sqlmi-public-endpoint", Title: "SQL managed instances have the public data endpoint off",
		Layer: q.LayerApplications, Domain: "network-security", Severity: High,
		Questions: []string{"APP-SQL", "DATA-PUBLIC"}, Table: TableResources, Types: []string{typeSQLMI},
		MCSB:        "NS-2",
		Remediation: "Turn the public data endpoint off and connect from the virtual network, peered networks or a private endpoint.",
		Absent:      "publicDataEndpointEnabled absent: false, the API default (pass).",
		Eval: func(d Doc, _ *Inventory) Result {
			if v, _ := d.Bool("properties", "publicDataEndpointEnabled"); v {
				return fail("public data endpoint on (port 3342 from the Internet, limited only by the subnet's NSG)")
			}
			return pass("public data endpoint off: reached from the virtual network only")
		}},
	{ID: "sqlmi-min-tls", Title: "SQL managed instances accept TLS 1.2 or later only",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"APP-SQL", "NET-TLS"}, Table: TableResources, Types: []string{typeSQLMI},
		MCSB:        "DP-3",
		Remediation: "Set the instance's minimal TLS version to 1.2.",
		Absent:      "minimalTlsVersion absent: no minimum (None), the default of older instances (fail).",
		Eval:        evalMinTLS("minimalTlsVersion", "older instances enforce no minimum TLS version", true, "minimalTlsVersion")},
	{ID: "search-local-auth", Title: "AI Search services accept Microsoft Entra ID only, not API keys",
		Layer: q.LayerApplications, Domain: "identity", Severity: Medium,
		Questions: []string{"ID-CENTRAL", "APP-SECRETS"}, Table: TableResources, Types: []string{typeSearch},
		MCSB:        "IM-1",
		Remediation: "Grant Search roles to managed identities, then disable API key authentication (disableLocalAuth).",
		Absent:      "disableLocalAuth absent: false, the API default: API keys work (fail).",
		Eval:        evalLocalAuth("the search service")},
	{ID: "search-public-access", Title: "AI Search services are not reachable from every network",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"DATA-PUBLIC", "NET-PRIVATE"}, Table: TableResources, Types: []string{typeSearch},
		MCSB:        "NS-2",
		Remediation: "Use a private endpoint and disable public network access, or allow selected IP ranges only.",
		Absent:      "publicNetworkAccess absent: enabled; networkRuleSet.ipRules absent: no restriction (fail).",
		Eval: func(d Doc, _ *Inventory) Result {
			return publicAccess(d, "search service", func(d Doc) (bool, string) {
				if n := len(d.List("properties", "networkRuleSet", "ipRules")); n > 0 {
					return true, countOf(n, "IP rule") + ": selected addresses only"
				}
				return false, ""
			})
		}},
}

func evalRedisNonTLS(d Doc, _ *Inventory) Result {
	if v, _ := d.Bool("properties", "enableNonSslPort"); v {
		return fail("non-TLS port 6379 open: commands and the access key cross the network in clear text")
	}
	return pass("non-TLS port closed: TLS on 6380 only")
}

func evalRedisEntra(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "disableAccessKeyAuthentication"); ok && v {
		return pass("access keys disabled: Microsoft Entra authentication only")
	}
	if v, ok := d.Bool("properties", "redisConfiguration", "aad-enabled"); ok && v {
		return fail("Microsoft Entra authentication on, but the access keys still work: a leaked key bypasses it")
	}
	return fail("access keys only: one shared secret per cache, outside Entra ID and Conditional Access")
}

func evalCosmosNetwork(d Doc, _ *Inventory) Result {
	return publicAccess(d, "Cosmos DB account", func(d Doc) (bool, string) {
		var broad []string
		rules := objects(d.List("properties", "ipRules"))
		for _, r := range rules {
			switch ip := strings.TrimSpace(r.Str("ipAddressOrRange")); ip {
			case "0.0.0.0", "0.0.0.0/0":
				broad = append(broad, ip)
			}
		}
		vnet, _ := d.Bool("properties", "isVirtualNetworkFilterEnabled")
		switch {
		case len(broad) > 0:
			return false, ""
		case len(rules) > 0 || vnet && len(d.List("properties", "virtualNetworkRules")) > 0:
			return true, "firewall limited to selected networks"
		}
		return false, ""
	})
}

// evalFlexPublic judges a PostgreSQL or MySQL flexible server's network:
// private access (a delegated subnet) or public access disabled passes.
func evalFlexPublic(d Doc, _ *Inventory) Result {
	n := d.Sub("properties", "network")
	if n.Str("delegatedSubnetResourceId") != "" {
		return pass("private access: the server sits in a delegated subnet, with no public endpoint")
	}
	switch v := n.Str("publicNetworkAccess"); {
	case eq(v, "Disabled"):
		return pass("public network access disabled: private endpoints only")
	case v == "":
		return fail("public network access not set (Enabled, the API default): the firewall rules are the only boundary")
	default:
		return fail("public network access " + v + ": the firewall rules are the only boundary")
	}
}

func evalPGEntraOnly(d Doc, _ *Inventory) Result {
	a := d.Sub("properties", "authConfig")
	entra := eq(a.Str("activeDirectoryAuth"), "Enabled")
	pw := a.Str("passwordAuth")
	switch {
	case entra && eq(pw, "Disabled"):
		return pass("Microsoft Entra authentication only: passwords disabled")
	case entra:
		return fail("Microsoft Entra authentication on, but password logins still work")
	}
	return fail("password authentication only: database logins live outside Entra ID and MFA")
}

// tlsParam is one server parameter a check reads, with its documented
// default and the test of a good value.
type tlsParam struct {
	name string
	def  string
	good func(string) bool
}

// mysqlTLSVersions accepts a tls_version list without TLS 1.0 or 1.1
// ("TLSv1.2", "TLSv1.2,TLSv1.3").
func mysqlTLSVersions(v string) bool {
	any := false
	for _, p := range strings.Split(v, ",") {
		ok, known := tlsAtLeast12(strings.TrimSpace(p))
		if !known || !ok {
			return false
		}
		any = true
	}
	return any
}

// evalServerParams judges server parameters (configurations, returned by a
// read-only ARM GET per server): each must have a good value, or be absent
// and take its documented default.
func evalServerParams(configType string, params []tlsParam) func(Doc, *Inventory) Result {
	return func(d Doc, inv *Inventory) Result {
		if r, done := inv.armChildGate(d, configType, "server parameters", manServerParams); done {
			return r
		}
		cfg := childrenOf(inv, d.ID(), configType)
		if len(cfg) == 0 && !inv.armRan(configType) {
			// Parameters of other servers in the input, none of this one.
			return na("no server parameters collected for this server")
		}
		values := map[string]string{}
		for _, c := range cfg {
			values[strings.ToLower(c.Name())] = c.Str("properties", "value")
		}
		var bad, good []string
		for _, p := range params {
			v, ok := values[p.name]
			shown := p.name + " " + v
			if !ok || v == "" {
				v, shown = p.def, p.name+" "+p.def+" (not set: the default)"
			}
			if p.good(v) {
				good = append(good, shown)
			} else {
				bad = append(bad, shown)
			}
		}
		if len(bad) > 0 {
			return fail(strings.Join(bad, "; "))
		}
		return pass(strings.Join(good, "; "))
	}
}
