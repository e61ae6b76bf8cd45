package azure

import (
	"fmt"
	"sort"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Resource types of the entry point, API Management and Container Apps
// checks.
const (
	typeCDNEndpoint   = "microsoft.cdn/profiles/endpoints"
	typeAPIM          = "microsoft.apimanagement/service"
	typeAPIMAPI       = "microsoft.apimanagement/service/apis"
	typeAPIMBackend   = "microsoft.apimanagement/service/backends"
	typeAPIMNamedVal  = "microsoft.apimanagement/service/namedvalues"
	typeContainerApp  = "microsoft.app/containerapps"
	typeContainerEnv  = "microsoft.app/managedenvironments"
	apimSecurityProps = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security."
)

// catalogEdge are the checks of what publishes applications: Application
// Gateway listeners, Front Door and CDN, API Management and Container Apps.
var catalogEdge = []Check{
	{ID: "appgw-ssl-policy", Title: "Application Gateways accept TLS 1.2 or later only",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS", "NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeAppGateway},
		MCSB: "DP-3", CIS: "7.12",
		Remediation: "Use the predefined policy AppGwSslPolicy20220101 (or 20220101S), or a custom policy with TLS 1.2 as the minimum.",
		Absent:      "sslPolicy absent: the gateway's default policy, which on older API versions is AppGwSslPolicy20150501 with TLS 1.0 (fail).",
		Eval:        evalAppGwSSLPolicy},
	{ID: "appgw-https-listeners", Title: "Application Gateways redirect plain HTTP listeners to HTTPS",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableResources, Types: []string{typeAppGateway},
		MCSB:        "DP-3",
		Remediation: "Serve every site on an HTTPS listener and give each HTTP listener a routing rule that redirects to it.",
		Absent:      "No listeners: not applicable. A listener's protocol absent: not counted.",
		Eval:        evalAppGwListeners},
	{ID: "frontdoor-min-tls", Title: "Front Door (classic) custom domains accept TLS 1.2 or later only",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS", "NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeFrontDoor},
		MCSB:        "DP-3",
		Remediation: "Set the minimum TLS version of each custom domain's HTTPS configuration to 1.2 (and plan the move off Front Door classic).",
		Absent:      "No frontend endpoint with a customHttpsConfiguration: not applicable (the default host's TLS is Microsoft's). minimumTlsVersion absent in one: 1.0, the older default (fail).",
		Eval:        evalFrontDoorTLS},
	{ID: "frontdoor-https-redirect", Title: "Front Door (classic) routes send plain HTTP to HTTPS",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableResources, Types: []string{typeFrontDoor},
		MCSB:        "DP-3",
		Remediation: "Accept HTTPS only on forwarding rules, and add a redirect rule that sends HTTP to HTTPS.",
		Absent:      "No routing rules: not applicable. acceptedProtocols absent: Http and Https, the API default.",
		Eval:        evalFrontDoorHTTP},
	{ID: "cdn-https-only", Title: "CDN endpoints do not serve plain HTTP",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableResources, Types: []string{typeCDNEndpoint},
		MCSB:        "DP-3",
		Remediation: "Set isHttpAllowed to false, or add a rules-engine rule that redirects HTTP to HTTPS.",
		Absent:      "isHttpAllowed absent: true, the API default (fail unless a delivery rule redirects to HTTPS).",
		Eval:        evalCDNHTTP},
	{ID: "apim-legacy-protocols", Title: "API Management accepts TLS 1.2 or later only, front and back",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS", "NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeAPIM},
		MCSB:        "DP-3",
		Remediation: "Turn off TLS 1.0, TLS 1.1 and SSL 3.0 for clients and backends in the instance's protocol settings (customProperties).",
		Absent:      "A protocol setting absent: on, the documented default of services created on or before 1 April 2018 (fail).",
		Eval:        evalAPIMProtocols},
	{ID: "apim-weak-ciphers", Title: "API Management has the weak 3DES cipher off",
		Layer: q.LayerApplications, Domain: "data", Severity: Low,
		Questions: []string{"NET-LEGACY-PROTO"}, Table: TableResources, Types: []string{typeAPIM},
		MCSB:        "NS-8",
		Remediation: "Turn the TripleDes168 cipher off in the instance's protocol settings.",
		Absent:      "The TripleDes168 setting absent: on, the documented default of services created on or before 1 April 2018 (fail).",
		Eval:        evalAPIMCiphers},
	{ID: "apim-https-apis", Title: "API Management APIs are served over HTTPS only",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableARM, Types: []string{typeTenant, typeAPIMAPI, typeAPIM},
		MCSB:        "DP-3",
		Remediation: "Remove http from each API's protocols.",
		Absent:      "APIs not read (a read-only ARM GET per instance, not Resource Graph): verify by hand, once for the tenant; on the instance, naming the error, when its read failed. protocols absent on an API: https, the API default (pass).",
		Eval:        splitTenant(armTenantOf(typeAPIMAPI, []string{typeAPIM}, "APIs", manAPIM), evalAPIMAPIProtocols)},
	{ID: "apim-https-backends", Title: "API Management calls its backends over HTTPS",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableARM, Types: []string{typeTenant, typeAPIMBackend, typeAPIMAPI, typeAPIM},
		MCSB:        "DP-3",
		Remediation: "Point backends and API service URLs at https:// endpoints (with certificate validation on).",
		Absent:      "Backends and APIs not read (read-only ARM GETs, not Resource Graph): verify by hand, once for the tenant; on the instance, naming the error, when a read failed. url or serviceUrl absent: not applicable.",
		Eval:        splitTenant(armTenantOf(typeAPIMBackend, []string{typeAPIM}, "backends", manAPIM), evalAPIMBackendURL)},
	{ID: "apim-named-values-keyvault", Title: "API Management secrets come from Key Vault",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"APP-SECRETS"}, Table: TableARM, Types: []string{typeTenant, typeAPIMNamedVal, typeAPIM},
		MCSB:        "IM-8",
		Remediation: "Turn each secret named value into a Key Vault reference read with the instance's managed identity.",
		Absent:      "Named values not read (a read-only ARM GET per instance that keeps names, the secret flag and Key Vault references, never values): verify by hand, once for the tenant; on the instance, naming the error, when its read failed. secret absent: false, the API default (a plain value, not judged).",
		Eval:        splitTenant(armTenantOf(typeAPIMNamedVal, []string{typeAPIM}, "named values", manAPIM), evalAPIMNamedValue)},
	{ID: "containerapp-insecure-ingress", Title: "Container Apps do not accept plain HTTP",
		Layer: q.LayerApplications, Domain: "data", Severity: Medium,
		Questions: []string{"NET-TLS"}, Table: TableResources, Types: []string{typeContainerApp},
		MCSB:        "DP-3",
		Remediation: "Set the ingress's allowInsecure to false so HTTP requests are redirected to HTTPS.",
		Absent:      "No ingress: not applicable. allowInsecure absent: false, the API default (pass).",
		Eval:        evalContainerAppInsecure},
	{ID: "containerapp-env-internal", Title: "Container Apps environments are internal, not on the Internet",
		Layer: q.LayerApplications, Domain: "network-security", Severity: Medium,
		Questions: []string{"NET-PRIVATE", "NET-EXPOSURE"}, Table: TableResources, Types: []string{typeContainerEnv},
		MCSB:        "NS-2",
		Remediation: "Run the environment in your virtual network as internal (or disable its public network access) and publish through Application Gateway or Front Door with a WAF.",
		Absent:      "vnetConfiguration absent: an environment with a public endpoint, the API default (fail).",
		Eval:        evalContainerEnv},
	{ID: "containerapp-managed-identity", Title: "Container Apps have a managed identity",
		Layer: q.LayerApplications, Domain: "identity", Severity: Low,
		Questions: []string{"APP-SECRETS"}, Table: TableResources, Types: []string{typeContainerApp},
		MCSB:        "IM-3",
		Remediation: "Give the app a managed identity and use it to pull images and reach Key Vault, storage and databases.",
		Absent:      "identity absent: none (fail).",
		Eval:        evalAppIdentity},
}

// secureAppGwPolicies are the predefined SSL policies with TLS 1.2 as the
// minimum.
var secureAppGwPolicies = map[string]bool{
	"appgwsslpolicy20170401s": true, "appgwsslpolicy20220101": true, "appgwsslpolicy20220101s": true,
}

func evalAppGwSSLPolicy(d Doc, _ *Inventory) Result {
	p := d.Sub("properties", "sslPolicy")
	if p == nil {
		return fail("no SSL policy: the gateway's default policy, TLS 1.0 on older gateways")
	}
	name := p.Str("policyName")
	if secureAppGwPolicies[strings.ToLower(name)] {
		return pass("predefined SSL policy " + name + ": TLS 1.2 minimum")
	}
	if v := p.Str("minProtocolVersion"); v != "" {
		if ok, _ := tlsAtLeast12(strings.ReplaceAll(v, "v", "")); ok {
			return pass("SSL policy with minimum protocol " + v)
		}
		return fail("SSL policy accepts " + v)
	}
	if name != "" {
		return fail("predefined SSL policy " + name + " accepts TLS versions older than 1.2")
	}
	return fail("SSL policy without a minimum protocol version: TLS 1.0 is accepted")
}

func evalAppGwListeners(d Doc, _ *Inventory) Result {
	listeners := objects(d.List("properties", "httpListeners"))
	if len(listeners) == 0 {
		return na("no listeners")
	}
	// listeners that a routing rule redirects (to an HTTPS listener or URL)
	redirects := map[string]bool{}
	for _, r := range objects(d.List("properties", "redirectConfigurations")) {
		if r.Str("properties", "targetListener", "id") != "" || strings.HasPrefix(strings.ToLower(r.Str("properties", "targetUrl")), "https://") {
			redirects[strings.ToLower(r.Str("id"))] = true
		}
	}
	redirected := map[string]bool{}
	for _, rule := range objects(d.List("properties", "requestRoutingRules")) {
		if redirects[strings.ToLower(rule.Str("properties", "redirectConfiguration", "id"))] {
			redirected[strings.ToLower(rule.Str("properties", "httpListener", "id"))] = true
		}
	}
	var plain []string
	https := 0
	for _, l := range listeners {
		switch p := l.Str("properties", "protocol"); {
		case eq(p, "Https"):
			https++
		case eq(p, "Http") && !redirected[strings.ToLower(l.Str("id"))]:
			plain = append(plain, l.Str("name"))
		}
	}
	if len(plain) > 0 {
		sort.Strings(plain)
		return fail("plain HTTP listener(s) that do not redirect to HTTPS: " + strings.Join(plain, ", "))
	}
	return pass(fmt.Sprintf("%s; plain HTTP listeners redirect to HTTPS", countOf(https, "HTTPS listener")))
}

func evalFrontDoorTLS(d Doc, _ *Inventory) Result {
	var weak, good []string
	for _, fe := range objects(d.List("properties", "frontendEndpoints")) {
		c := fe.Sub("properties", "customHttpsConfiguration")
		if c == nil {
			continue
		}
		v := c.Str("minimumTlsVersion")
		if ok, _ := tlsAtLeast12(v); v != "" && ok {
			good = append(good, fe.Str("name"))
		} else {
			weak = append(weak, fe.Str("name")+" ("+orNone(v)+")")
		}
	}
	switch {
	case len(weak) > 0:
		return fail("custom domain(s) accepting TLS older than 1.2: " + strings.Join(weak, ", "))
	case len(good) == 0:
		return na("no custom domain with HTTPS configured")
	}
	return pass("custom domains accept TLS 1.2 or later: " + strings.Join(good, ", "))
}

func evalFrontDoorHTTP(d Doc, _ *Inventory) Result {
	rules := objects(d.List("properties", "routingRules"))
	if len(rules) == 0 {
		return na("no routing rules")
	}
	var plain []string
	redirect := false
	for _, r := range rules {
		p := r.Sub("properties")
		protos := strs(p.List("acceptedProtocols"))
		if len(protos) == 0 {
			protos = []string{"Http", "Https"}
		}
		http := false
		for _, pr := range protos {
			http = http || eq(pr, "Http")
		}
		rc := p.Sub("routeConfiguration")
		isRedirect := strings.Contains(strings.ToLower(rc.Str("@odata.type")), "redirect") || rc.Str("redirectProtocol") != ""
		if isRedirect && (eq(rc.Str("redirectProtocol"), "HttpsOnly") || eq(rc.Str("redirectProtocol"), "MatchRequest") && !http) {
			redirect = true
			continue
		}
		if http && !isRedirect {
			plain = append(plain, r.Str("name"))
		}
	}
	if len(plain) > 0 && !redirect {
		return fail("forwarding rule(s) serve plain HTTP and no rule redirects to HTTPS: " + strings.Join(plain, ", "))
	}
	if len(plain) > 0 {
		return fail("forwarding rule(s) accept plain HTTP alongside the redirect: " + strings.Join(plain, ", "))
	}
	return pass("forwarding rules accept HTTPS only")
}

func evalCDNHTTP(d Doc, _ *Inventory) Result {
	if v, ok := d.Bool("properties", "isHttpAllowed"); ok && !v {
		return pass("HTTPS only")
	}
	for _, r := range objects(d.List("properties", "deliveryPolicy", "rules")) {
		for _, a := range objects(r.List("actions")) {
			if eq(a.Str("name"), "UrlRedirect") && eq(a.Str("parameters", "destinationProtocol"), "Https") {
				return pass("HTTP allowed, but delivery rule " + r.Str("name") + " redirects it to HTTPS")
			}
		}
	}
	return fail("plain HTTP served and not redirected to HTTPS")
}

// apimSetting reads an API Management security setting ("True"/"False");
// absent means the older default, on.
func apimSetting(d Doc, name string) (on bool, set bool) {
	v, ok := d.Bool("properties", "customProperties", apimSecurityProps+name)
	if !ok {
		return true, false
	}
	return v, true
}

func evalAPIMProtocols(d Doc, _ *Inventory) Result {
	var on []string
	for _, p := range []struct{ key, what string }{
		{"Protocols.Tls10", "TLS 1.0 (clients)"}, {"Protocols.Tls11", "TLS 1.1 (clients)"}, {"Protocols.Ssl30", "SSL 3.0 (clients)"},
		{"Backend.Protocols.Tls10", "TLS 1.0 (backends)"}, {"Backend.Protocols.Tls11", "TLS 1.1 (backends)"}, {"Backend.Protocols.Ssl30", "SSL 3.0 (backends)"},
	} {
		if v, set := apimSetting(d, p.key); v {
			if !set {
				on = append(on, p.what+" not set")
			} else {
				on = append(on, p.what)
			}
		}
	}
	if len(on) > 0 {
		return fail("legacy protocols on: " + strings.Join(on, ", ") + " (a setting not set is on for services created on or before 1 April 2018)")
	}
	return pass("TLS 1.0, TLS 1.1 and SSL 3.0 off for clients and backends")
}

func evalAPIMCiphers(d Doc, _ *Inventory) Result {
	v, set := apimSetting(d, "Ciphers.TripleDes168")
	switch {
	case v && !set:
		return fail("3DES (TripleDes168) not set: on for services created on or before 1 April 2018")
	case v:
		return fail("3DES (TripleDes168) cipher on")
	}
	return pass("3DES (TripleDes168) cipher off")
}

// apimInstance is what an API Management instance says in a check over
// its APIs, backends or named values: nothing when they were read (they
// speak for themselves), "verify by hand" when the read failed for it.
func apimInstance(d Doc, inv *Inventory, childType, what string) (Result, bool) {
	if d.Type() != typeAPIM {
		return Result{}, false
	}
	if r, done := inv.armChildGate(d, childType, what, manAPIM); done {
		return r, true
	}
	return Result{Status: Skip}, true
}

func evalAPIMAPIProtocols(d Doc, inv *Inventory) Result {
	if r, ok := apimInstance(d, inv, typeAPIMAPI, "APIs"); ok {
		return r
	}
	protos := strs(d.List("properties", "protocols"))
	for _, p := range protos {
		if eq(p, "http") {
			return fail("API " + d.Name() + " on instance " + parentName(d.ID()) + " is served over plain HTTP")
		}
	}
	return pass("API " + d.Name() + " over HTTPS only")
}

func evalAPIMBackendURL(d Doc, inv *Inventory) Result {
	if d.Type() == typeAPIM {
		if r, _ := apimInstance(d, inv, typeAPIMBackend, "backends"); r.Status != Skip {
			return r
		}
		r, _ := apimInstance(d, inv, typeAPIMAPI, "APIs")
		return r
	}
	field, what := "url", "backend"
	if d.Type() == typeAPIMAPI {
		field, what = "serviceUrl", "API"
	}
	u := strings.ToLower(strings.TrimSpace(d.Str("properties", field)))
	switch {
	case u == "":
		return na(what + " " + d.Name() + ": no " + field)
	case strings.HasPrefix(u, "http://"):
		return fail(what + " " + d.Name() + " on instance " + parentName(d.ID()) + " is called over plain HTTP")
	}
	return pass(what + " " + d.Name() + " called over HTTPS")
}

func evalAPIMNamedValue(d Doc, inv *Inventory) Result {
	if r, ok := apimInstance(d, inv, typeAPIMNamedVal, "named values"); ok {
		return r
	}
	secret, _ := d.Bool("properties", "secret")
	kv := d.Str("properties", "keyVault", "secretIdentifier")
	switch {
	case kv != "":
		return pass("named value " + d.Name() + " is a Key Vault reference")
	case secret:
		return fail("secret named value " + d.Name() + " is stored in API Management, not Key Vault: no rotation, no access log")
	}
	return na("named value " + d.Name() + " is not marked secret")
}

func evalContainerAppInsecure(d Doc, _ *Inventory) Result {
	in := d.Sub("properties", "configuration", "ingress")
	if in == nil {
		return na("no ingress: the app takes no HTTP traffic")
	}
	if v, _ := in.Bool("allowInsecure"); v {
		return fail("ingress accepts plain HTTP (allowInsecure)")
	}
	return pass("ingress redirects HTTP to HTTPS")
}

func evalContainerEnv(d Doc, _ *Inventory) Result {
	if eq(d.Str("properties", "publicNetworkAccess"), "Disabled") {
		return pass("public network access disabled")
	}
	if v, _ := d.Bool("properties", "vnetConfiguration", "internal"); v {
		return pass("internal environment: reachable from its virtual network only")
	}
	return fail("environment with a public endpoint: every app with external ingress is on the Internet")
}
