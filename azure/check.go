package azure

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ssrm/ssrm/questionnaire"
)

// Status is the outcome of a check on one resource.
type Status string

// Check outcomes. A check that has nothing to say about a document returns
// Skip, and no finding is made.
const (
	Pass Status = "pass"
	Fail Status = "fail"
	NA   Status = "na"
	Skip Status = ""
)

// Severity ranks how much a failing check matters.
type Severity string

// Severities.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Resource Graph tables the checks read.
const (
	TableResources     = "resources"
	TableSecurity      = "securityresources"
	TableAuthorization = "authorizationresources"
	TableContainers    = "resourcecontainers"
	TableAppService    = "appserviceresources"
	TableNotInGraph    = "(not in Resource Graph)"
)

// Result is what a check says about one document.
type Result struct {
	Status Status
	Detail string
}

func pass(detail string) Result { return Result{Pass, detail} }
func fail(detail string) Result { return Result{Fail, detail} }
func na(detail string) Result   { return Result{NA, detail} }

// Check is one live check: metadata, and one small function over one
// document. The catalogue command, Apply and the tests all read the same
// table (Catalog).
type Check struct {
	ID       string              `json:"id"`
	Title    string              `json:"title"`
	Layer    questionnaire.Layer `json:"layer"`
	Domain   string              `json:"domain"`
	Severity Severity            `json:"severity"`
	// Questions are the ids of the bank questions this check informs.
	Questions []string `json:"questions"`
	// Table is the Resource Graph table the documents come from; Types the
	// resource types (lower case) the check looks at.
	Table string   `json:"table"`
	Types []string `json:"types,omitempty"`
	// Refs are the other resource types the function follows through the
	// inventory (a VM's extensions, a VNet's flow logs), collected with it.
	Refs []string `json:"refs,omitempty"`
	// MCSB is the Microsoft cloud security benchmark v1 control (NS-2);
	// CIS the CIS Microsoft Azure Foundations Benchmark recommendations of
	// version CISVersion (the one the bank cites), comma-separated ("7.1,
	// 7.2"), where one matches; empty where that version has none (CIS
	// v6.0.0 has no Database Services or App Service recommendations).
	// Print them with CISLabel, which names the version.
	MCSB        string `json:"mcsb,omitempty"`
	CIS         string `json:"cis,omitempty"`
	Remediation string `json:"remediation"`
	// Manual is set for what Resource Graph cannot see: the check has no
	// function, and the text says how to verify by hand. It never passes.
	Manual string `json:"manual,omitempty"`
	// Absent is the check's rule for a missing property: what a document
	// without the setting it reads is taken to mean. One rule for every
	// check: the API's documented default, named here (where Microsoft
	// changed the default between API versions, the older one, since
	// Resource Graph keeps what the resource was created with); or "not
	// applicable" with the reason. Every automated check states it.
	Absent string `json:"absent,omitempty"`
	// Differs explains, where the check's verdict differs on purpose from a
	// peer tool's on the same resource (PSRule for Azure's rules, over the
	// peer corpus in ../shared/corpora/psrule), what differs and why.
	Differs string `json:"differs,omitempty"`

	// Eval judges one document of one of Types. inv gives the rest of the
	// collection, for checks that follow a reference (a firewall's policy)
	// or count across documents (owners of a subscription).
	Eval func(d Doc, inv *Inventory) Result `json:"-"`
}

// CISVersion is the CIS Microsoft Azure Foundations Benchmark version the
// catalogue's CIS fields number, the same the bank's CIS references cite
// (CIS-v6.0.0-n.n). Numbers move between versions (8.5 is Key Vault in
// 2.0.0 and DDoS in 6.0.0), so a label never goes without it.
const CISVersion = "v6.0.0"

// CISIDs are the check's CIS recommendations as bank reference ids
// ("CIS-v6.0.0-8.3.5"), in the order the field lists them.
func (c Check) CISIDs() []string {
	var out []string
	for _, n := range strings.Split(c.CIS, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, "CIS-"+CISVersion+"-"+n)
		}
	}
	return out
}

// CISLabel is the check's CIS recommendations with the version, as a
// report or the catalogue prints them ("CIS v6.0.0 7.1, 7.2"); "" when
// the check has none.
func (c Check) CISLabel() string {
	if strings.TrimSpace(c.CIS) == "" {
		return ""
	}
	return "CIS " + CISVersion + " " + c.CIS
}

// Finding is the result of one check on one resource.
type Finding struct {
	Check        string   `json:"check"`
	Title        string   `json:"title"`
	Severity     Severity `json:"severity"`
	Status       Status   `json:"status"`
	ResourceID   string   `json:"resource_id"`
	ResourceType string   `json:"resource_type"`
	Subscription string   `json:"subscription,omitempty"`
	Questions    []string `json:"questions"`
	Detail       string   `json:"detail"`
}

// Inventory indexes the documents of a collection by type and by id, for
// the checks that look beyond one document.
type Inventory struct {
	docs   []Doc
	byType map[string][]Doc
	byID   *idIndex
	// memo holds indexes built on first use by the checks that join
	// documents (assessments by resource, extensions by machine). Run is
	// single-threaded, so no lock.
	memo map[string]any
	// tables are the Resource Graph tables a snapshot queried without
	// error; nil when unknown (see saw).
	tables map[string]bool
	// asOf is the time the documents describe: the snapshot's collection
	// time, or when the checks ran for input that does not say. Date-based
	// checks (end of support) judge against it, never against the clock.
	asOf time.Time
	// extras is what a snapshot holds beyond Resource Graph documents:
	// Microsoft Graph results and how each Graph and ARM read went (see
	// extras.go).
	extras
}

// AsOf is the time the collection describes (see RunSnapshot).
func (inv *Inventory) AsOf() time.Time { return inv.asOf }

// typeTenant is the one document of the tenant as a whole, for the checks
// that judge the collection rather than a resource (how many subscriptions,
// whether any DevOps connector exists). NewInventory makes it unless the
// documents carry one.
const typeTenant = "ssrm/tenant"

// index returns the value build makes, building it once per inventory.
func (inv *Inventory) index(name string, build func() any) any {
	if v, ok := inv.memo[name]; ok {
		return v
	}
	if inv.memo == nil {
		inv.memo = map[string]any{}
	}
	v := build()
	inv.memo[name] = v
	return v
}

// NewInventory indexes documents. Documents without a type are kept but
// no check sees them. When no subscription documents were collected (the
// output of a single `az graph query`), one is made for every subscription
// the documents mention, so per-subscription checks still run.
func NewInventory(docs []Doc) *Inventory {
	inv := &Inventory{byType: map[string][]Doc{}, byID: newIDIndex(), asOf: time.Now().UTC()}
	for _, d := range docs {
		if d == nil {
			continue
		}
		inv.docs = append(inv.docs, d)
		inv.byType[d.Type()] = append(inv.byType[d.Type()], d)
		if id := d.ID(); id != "" {
			inv.byID.put(id, d)
		}
	}
	if len(inv.byType[typeSubscription]) == 0 {
		seen := map[string]bool{}
		var subs []string
		for _, d := range inv.docs {
			if s := d.Subscription(); isGUIDish(s) && !seen[s] {
				seen[s] = true
				subs = append(subs, s)
			}
		}
		sort.Strings(subs)
		for _, s := range subs {
			d := Doc{"id": "/subscriptions/" + s, "type": typeSubscription, "subscriptionId": s, "name": s, "_synthesized": true}
			inv.byType[typeSubscription] = append(inv.byType[typeSubscription], d)
		}
	}
	if len(inv.byType[typeTenant]) == 0 {
		inv.byType[typeTenant] = []Doc{{"id": "/tenant", "type": typeTenant, "name": "tenant", "_synthesized": true}}
	}
	return inv
}

// OfType returns the documents of a type (lower case).
func (inv *Inventory) OfType(t string) []Doc { return inv.byType[t] }

// InSubscription returns the documents of a type (lower case) in one
// subscription (as Doc.Subscription gives it), in the inventory's order.
// Checks that judge a subscription call it once per subscription: the
// documents are grouped on first use, not scanned again for each one (100
// subscriptions of 40,000 machines each made four million comparisons).
func (inv *Inventory) InSubscription(t, sub string) []Doc {
	bySub := inv.index("in-subscription "+t, func() any {
		m := map[string][]Doc{}
		for _, d := range inv.OfType(t) {
			s := d.Subscription()
			m[s] = append(m[s], d)
		}
		return m
	}).(map[string][]Doc)
	return bySub[sub]
}

// ByID returns the document with an id, compared case-insensitively.
func (inv *Inventory) ByID(id string) (Doc, bool) {
	d, ok := inv.byID.get(strings.TrimSpace(id))
	return d, ok
}

// Count returns how many documents there are.
func (inv *Inventory) Count() int { return len(inv.docs) }

// isGUIDish accepts what looks like a subscription id (and not a
// placeholder such as "{subscriptionId}" or "00000000-...").
func isGUIDish(s string) bool {
	if len(s) != 36 || s == "00000000-0000-0000-0000-000000000000" {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r >= 'A' && r <= 'F':
		default:
			return false
		}
	}
	return true
}

// RunSnapshot evaluates the checks over a snapshot. Unlike Run it knows
// which tables the collection read without error, so a check that joins to
// a table that was not read says nothing rather than failing; and it judges
// dates (end of support) at the snapshot's collection time. Input that
// carries no collection time (a bare array, 'az graph query' output) is
// judged at the time of the run.
func RunSnapshot(s *Snapshot, checks []Check) []Finding {
	return runInventory(snapshotInventory(s), checks)
}

// snapshotInventory indexes a snapshot's documents with what it says
// about itself: when it was collected, which tables it read.
func snapshotInventory(s *Snapshot) *Inventory {
	inv := NewInventory(s.Documents)
	if !s.Collected.IsZero() {
		inv.asOf = s.Collected.UTC()
	}
	if len(s.Queries) > 0 {
		inv.tables = map[string]bool{}
		for _, q := range s.Queries {
			if q.Error == "" {
				inv.tables[q.Table] = true
			}
		}
	}
	inv.attach(s)
	return inv
}

// Run evaluates every check of the catalogue over the documents, in the
// catalogue's order and then by resource id. A check that panics on a
// document it did not expect yields an "na" finding instead of stopping
// the run.
func Run(docs []Doc, checks []Check) []Finding {
	return runInventory(NewInventory(docs), checks)
}

// RunAt is Run with the dates judged at a given time (the time the
// documents were read).
func RunAt(docs []Doc, checks []Check, at time.Time) []Finding {
	inv := NewInventory(docs)
	if !at.IsZero() {
		inv.asOf = at.UTC()
	}
	return runInventory(inv, checks)
}

func runInventory(inv *Inventory, checks []Check) []Finding {
	var out []Finding
	eachCheck(inv, checks, func(f Finding) error {
		out = append(out, f)
		return nil
	})
	return out
}

// EachCheck is RunSnapshot one finding at a time: it hands fn the
// findings in RunSnapshot's order (check by check, in the catalogue's
// order, then by resource id), and stops at fn's first error. A million
// resources make some five million findings; this holds only what one
// check said, in a few words per resource, never the findings together.
func EachCheck(s *Snapshot, checks []Check, fn func(Finding) error) error {
	return eachCheck(snapshotInventory(s), checks, fn)
}

// said is what a check said of one document, with what a finding needs of
// the document, read while the document is at hand: eachCheck keeps it
// until the check's findings are sorted. (Read again in id order, a
// million documents cost a cache miss each.)
type said struct {
	id, typ, sub string
	r            Result
}

func eachCheck(inv *Inventory, checks []Check, fn func(Finding) error) error {
	var results []said
	var order []int32
	for i := range checks {
		c := &checks[i]
		results = results[:0]
		eachResult(inv, checks[i:i+1], func(_ *Check, d Doc, r Result) {
			results = append(results, said{d.ID(), d.Type(), d.Subscription(), r})
		})
		// By resource id, and in the order made where ids repeat: a
		// stable sort.
		order = order[:0]
		for j := range results {
			order = append(order, int32(j))
		}
		slices.SortFunc(order, func(a, b int32) int {
			if c := strings.Compare(results[a].id, results[b].id); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		for _, j := range order {
			x := &results[j]
			f := Finding{
				Check: c.ID, Title: c.Title, Severity: c.Severity, Status: x.r.Status,
				ResourceID: x.id, ResourceType: x.typ, Subscription: x.sub,
				Questions: c.Questions, Detail: x.r.Detail,
			}
			if err := fn(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachResult is eachCheck before the findings are made: the check, the
// document and what the check said of it (never Skip).
func eachResult(inv *Inventory, checks []Check, fn func(c *Check, d Doc, r Result)) {
	for i := range checks {
		c := &checks[i]
		if c.Eval == nil {
			continue
		}
		for _, t := range c.Types {
			for _, d := range inv.OfType(t) {
				r := safeEval(*c, d, inv)
				if r.Status == Skip {
					continue
				}
				fn(c, d, r)
			}
		}
	}
}

func safeEval(c Check, d Doc, inv *Inventory) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = na("could not read this document")
		}
	}()
	return c.Eval(d, inv)
}

// CheckByID returns a check of the catalogue.
func CheckByID(id string) (Check, bool) {
	for _, c := range Catalog() {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}
