package azure

import (
	"strings"
)

// Synthetic types of the Microsoft Graph objects the per-object checks
// judge: each element of a Graph collection becomes a document of this
// type, with the request path and object id as its id
// ("/applications/{id}"), so findings name object ids.
const (
	typeGraphApp     = "microsoft.graph/application"
	typeGraphSP      = "microsoft.graph/serviceprincipal"
	typeGraphGuest   = "microsoft.graph/user"
	typeGraphAdminMF = "microsoft.graph/userregistrationdetails"
)

// graphDocTypes maps a Graph collection to the type of its documents.
var graphDocTypes = map[string]string{
	"/applications":      typeGraphApp,
	"/servicePrincipals": typeGraphSP,
	"/users":             typeGraphGuest,
	"/reports/authenticationMethods/userRegistrationDetails": typeGraphAdminMF,
}

func init() {
	// Types only read-only ARM GETs return: not in any Resource Graph
	// table, so the Resource Graph queries leave them out and saw() asks
	// whether the ARM reads ran.
	for _, r := range armReads() {
		typeTables[r.Type] = TableARM
	}
	for _, t := range graphDocTypes {
		typeTables[t] = TableGraph
	}
}

// extras is the part of an Inventory that comes from beyond Resource Graph.
type extras struct {
	graph  map[string]any
	reads  []ReadStats
	names  bool
	tenant string
}

// attach adds a snapshot's Graph results and read stats to the inventory,
// and a document per element of the Graph collections the per-object
// checks judge.
func (inv *Inventory) attach(s *Snapshot) {
	inv.graph, inv.reads, inv.names, inv.tenant = s.Graph, s.Reads, s.IncludeNames, s.TenantID
	if inv.tenant == "" {
		for _, sub := range s.Subscriptions {
			if sub.TenantID != "" {
				inv.tenant = strings.ToLower(sub.TenantID)
				break
			}
		}
	}
	armRan, graphRan := false, false
	for _, r := range s.Reads {
		switch r.Source {
		case "arm":
			armRan = true
		case "graph":
			graphRan = true
		}
	}
	if inv.tables != nil {
		inv.tables[TableARM] = armRan
		inv.tables[TableGraph] = graphRan
	}
	for path, t := range graphDocTypes {
		l, _ := s.Graph[path].([]any)
		for _, o := range l {
			m, ok := o.(map[string]any)
			if !ok {
				continue
			}
			d := Doc{}
			for k, v := range m {
				d[k] = v
			}
			oid := Doc(m).Str("id")
			d["id"] = path + "/" + oid
			d["objectId"] = oid
			d["type"] = t
			inv.docs = append(inv.docs, d)
			inv.byType[t] = append(inv.byType[t], d)
			inv.byID.put(d.ID(), d)
		}
	}
}

// graphValue returns a Graph result by request path, or why it is not
// there, as the start of a "verify by hand" sentence.
func (inv *Inventory) graphValue(path string) (any, string) {
	if v, ok := inv.graph[path]; ok {
		return v, ""
	}
	if st, ok := inv.readStats("graph", path); ok {
		switch st.Status {
		case ReadMissingPermission:
			if st.Requests == 0 {
				return nil, "Microsoft Graph was not asked for " + path + ": the token lacks " + strings.Join(st.Missing, " and ")
			}
			return nil, "Microsoft Graph " + path + " " + st.Error
		case ReadNotLicensed:
			return nil, "Microsoft Graph refused " + path + ": " + st.Error
		default:
			return nil, "reading " + path + " from Microsoft Graph failed: " + st.Error
		}
	}
	return nil, "Microsoft Graph was not read (collect with 'ssrm azure collect --graph')"
}

// graphList returns a Graph collection as documents.
func (inv *Inventory) graphList(path string) ([]Doc, string) {
	v, why := inv.graphValue(path)
	if why != "" {
		return nil, why
	}
	l, _ := v.([]any)
	return objects(l), ""
}

// graphObject returns a Graph singleton as a document.
func (inv *Inventory) graphObject(path string) (Doc, string) {
	v, why := inv.graphValue(path)
	if why != "" {
		return nil, why
	}
	m, _ := v.(map[string]any)
	return Doc(m), ""
}

// byHand is the result of a check whose evidence is not in the
// collection: "verify by hand", saying why and how. It is never a pass.
func byHand(why, how string) Result {
	return na("Verify by hand: " + why + ". " + how)
}

// ByHandPrefix begins the detail of a finding that could not be judged
// from the collection.
const ByHandPrefix = "Verify by hand: "

// label names a Graph object in a detail: its object id, or with names
// collected (--include-names) its display name and id.
func (inv *Inventory) label(d Doc) string {
	id := d.Str("objectId")
	if id == "" {
		id = d.Str("id")
	}
	if inv.names {
		for _, k := range []string{"displayName", "userPrincipalName", "userDisplayName"} {
			if n := d.Str(k); n != "" {
				return n + " (" + id + ")"
			}
		}
	}
	return id
}
