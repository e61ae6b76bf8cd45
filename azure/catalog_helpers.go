package azure

import (
	"fmt"
	"strings"
)

// Small building blocks the service checks share: a local-authentication
// switch, public network access, a minimum TLS version, and documents only
// a read-only ARM GET returns.

// evalLocalAuth judges disableLocalAuth, the switch most Azure services
// (Event Hubs, Service Bus, Event Grid, App Configuration, Azure AI
// services, Cosmos DB, AI Search, Machine Learning compute) use to turn
// off keys and shared access signatures. Absent means false, the API
// default: keys work.
func evalLocalAuth(service string) func(Doc, *Inventory) Result {
	return func(d Doc, _ *Inventory) Result {
		v, ok := d.Bool("properties", "disableLocalAuth")
		switch {
		case ok && v:
			return pass("local authentication off: " + service + " accepts Microsoft Entra ID tokens only")
		case ok:
			return fail(service + " accepts keys and shared access signatures: a leaked key bypasses Entra ID, Conditional Access and MFA")
		}
		return fail("disableLocalAuth not set: " + service + " accepts keys (the API default)")
	}
}

// publicAccess judges publicNetworkAccess ("Disabled", any casing), then a
// service-specific test for "selected networks only", then fails: the
// service answers every network.
func publicAccess(d Doc, service string, limited func(Doc) (bool, string)) Result {
	v := d.Str("properties", "publicNetworkAccess")
	switch {
	case eq(v, "Disabled"):
		return pass("public network access disabled: reached through private endpoints only")
	case eq(v, "SecuredByPerimeter"):
		return pass("public access secured by a network security perimeter")
	}
	if limited != nil {
		if ok, what := limited(d); ok {
			return pass(what)
		}
	}
	if v == "" {
		return fail(service + ": public network access not set (Enabled, the API default), and no network restriction visible")
	}
	return fail(service + ": public network access " + v + ", and no network restriction visible: reachable from every network")
}

// networkAclsDeny is the "selected networks" test of the services with a
// networkAcls (or networkRuleSet) object whose defaultAction is Deny.
func networkAclsDeny(path ...string) func(Doc) (bool, string) {
	return func(d Doc) (bool, string) {
		if eq(d.Str(append([]string{"properties"}, append(path, "defaultAction")...)...), "Deny") {
			return true, "network rules deny by default: selected networks only"
		}
		return false, ""
	}
}

// evalMinTLS judges a minimum TLS version property. Absent means the
// documented default of older resources of that type, named in older.
func evalMinTLS(field, older string, oldFails bool, path ...string) func(Doc, *Inventory) Result {
	return func(d Doc, _ *Inventory) Result {
		v := d.Str(append([]string{"properties"}, path...)...)
		if v == "" {
			if oldFails {
				return fail(field + " not set: " + older)
			}
			return pass(field + " not set: " + older)
		}
		if eq(v, "None") {
			return fail(field + " None: no minimum TLS version enforced")
		}
		ok, known := tlsAtLeast12(v)
		switch {
		case !known:
			return na("unrecognised " + field + " " + v)
		case !ok:
			return fail("minimum TLS version " + v + ": TLS 1.0 and 1.1 have known weaknesses")
		}
		return pass("minimum TLS version " + v)
	}
}

// parentName is the name of the resource a child id belongs to.
func parentName(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	if len(parts) < 3 {
		return ""
	}
	return parts[len(parts)-3]
}

// plural formats a count with its noun.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
