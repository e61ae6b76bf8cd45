package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
)

// Triage of the live findings: the Findings table narrowed by SSRM layer
// (the check's), by severity, and by scope, that is the findings that
// inform a question asked for this profile, or those about one Azure
// service of the bank.

// findingFilter is what the Findings table shows; zero shows everything.
type findingFilter struct {
	layer    q.Layer
	severity azure.Severity
	// scope is "" (all), scopeAsked, or a service id of the bank.
	scope string
}

const scopeAsked = "asked"

// layerOfCheck maps check ids to their SSRM layer, from the catalogue.
var layerOfCheck = func() map[string]q.Layer {
	m := map[string]q.Layer{}
	for _, c := range azure.Catalog() {
		m[c.ID] = c.Layer
	}
	return m
}()

func (l *liveScreen) keepFinding(f azure.Finding) bool {
	ff := l.filter
	if ff.layer != "" && layerOfCheck[f.Check] != ff.layer {
		return false
	}
	if ff.severity != "" && f.Severity != ff.severity {
		return false
	}
	switch ff.scope {
	case "":
		return true
	case scopeAsked:
		for _, id := range f.Questions {
			if l.asked()[id] {
				return true
			}
		}
		return false
	}
	for _, id := range f.Questions {
		if qq, ok := l.s.Bank.Question(id); ok {
			for _, s := range qq.Services {
				if s == ff.scope {
					return true
				}
			}
		}
	}
	return false
}

// asked is the set of questions asked for this profile.
func (l *liveScreen) asked() map[string]bool {
	if l.askedIDs == nil {
		l.askedIDs = map[string]bool{}
		for _, qq := range l.s.Tailored.Asked {
			l.askedIDs[qq.ID] = true
		}
	}
	return l.askedIDs
}

// nextLayer, nextSeverity and nextScope cycle a filter through its values
// and back to "all".
func (l *liveScreen) nextLayer() {
	vals := append([]q.Layer{""}, q.Layers...)
	l.filter.layer = vals[(indexOf(vals, l.filter.layer)+1)%len(vals)]
}

func (l *liveScreen) nextSeverity() {
	vals := []azure.Severity{"", azure.High, azure.Medium, azure.Low}
	l.filter.severity = vals[(indexOf(vals, l.filter.severity)+1)%len(vals)]
}

// scopes are "", asked, then the services the findings' questions name,
// those the profile uses first.
func (l *liveScreen) scopes() []string {
	seen := map[string]bool{}
	for _, f := range l.all {
		for _, id := range f.Questions {
			if qq, ok := l.s.Bank.Question(id); ok {
				for _, s := range qq.Services {
					seen[s] = true
				}
			}
		}
	}
	var svc []string
	for s := range seen {
		svc = append(svc, s)
	}
	prof := l.s.Result().Profile
	sort.Slice(svc, func(i, j int) bool {
		a, b := prof.UsesService(svc[i]), prof.UsesService(svc[j])
		if a != b {
			return a
		}
		return svc[i] < svc[j]
	})
	return append([]string{"", scopeAsked}, svc...)
}

func (l *liveScreen) nextScope() {
	vals := l.scopes()
	l.filter.scope = vals[(indexOf(vals, l.filter.scope)+1)%len(vals)]
}

func indexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// filterLine says what the table shows: "Showing 12 of 140 · layer Hosts
// · severity all · scope asked for you".
func (l *liveScreen) filterLine() string {
	layer, sev, scope := "all", "all", "all"
	if l.filter.layer != "" {
		layer = l.s.Bank.LayerInfo(l.filter.layer).Name
	}
	if l.filter.severity != "" {
		sev = string(l.filter.severity)
	}
	switch l.filter.scope {
	case "":
	case scopeAsked:
		scope = "asked for you"
	default:
		scope = serviceName(l.s.Bank, l.filter.scope)
		if !l.s.Result().Profile.UsesService(l.filter.scope) {
			scope += " (not in your profile)"
		}
	}
	row := ""
	if len(l.findings) > 0 {
		row = fmt.Sprintf(" (row %d)", l.table.Cursor()+1)
	}
	return fmt.Sprintf("Showing %d of %d%s · f layer: %s · s severity: %s · i scope: %s",
		len(l.findings), len(l.all), row, layer, sev, scope)
}

// graphPermissions is the smallest set of Microsoft Graph permissions
// that covers every read (greedy, from azure.GraphPermissions: each read
// takes any one of its permissions, and all of its "also" ones).
func graphPermissions() []string {
	reads := azure.GraphPermissions()
	covered := make([]bool, len(reads))
	var out []string
	have := map[string]bool{}
	for {
		count := map[string]int{}
		var order []string
		for i, r := range reads {
			if covered[i] {
				continue
			}
			for _, p := range r.Perms {
				if count[p] == 0 {
					order = append(order, p)
				}
				count[p]++
			}
		}
		if len(order) == 0 {
			break
		}
		best := order[0]
		for _, p := range order {
			if count[p] > count[best] {
				best = p
			}
		}
		out, have[best] = append(out, best), true
		for i, r := range reads {
			for _, p := range r.Perms {
				if p == best {
					covered[i] = true
				}
			}
		}
	}
	for _, r := range reads {
		for _, p := range r.Also {
			if !have[p] {
				out, have[p] = append(out, p), true
			}
		}
	}
	return out
}

// graphNote says how the Microsoft Graph reads went: not asked, refused
// at sign-in, or refused read by read for lack of a permission (whose
// checks then stay "verify by hand").
func graphNote(snap *azure.Snapshot, refused string) string {
	if refused != "" {
		return "Microsoft Graph was not read (" + refused + "): the Entra ID checks stay \"verify by hand\". Resource Graph evidence is attached."
	}
	var n, denied int
	missing := map[string]bool{}
	for _, r := range snap.Reads {
		if r.Source != "graph" {
			continue
		}
		n++
		if r.Status == azure.ReadMissingPermission {
			denied++
			for _, p := range r.Missing {
				missing[p] = true
			}
		}
	}
	switch {
	case n == 0:
		return ""
	case denied == 0:
		return fmt.Sprintf("Microsoft Graph: %s read.", plural(n, "Entra ID read"))
	}
	var ps []string
	for p := range missing {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return fmt.Sprintf("Microsoft Graph refused %d of %d reads (missing %s): their checks stay \"verify by hand\"; 'ssrm azure permissions' lists what to grant.",
		denied, n, strings.Join(ps, ", "))
}

// serviceName is a service's display name in the bank, else its id.
func serviceName(b *q.Bank, id string) string {
	for _, s := range b.Services {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// graphChoice is the collection's Microsoft Graph option: on or off (G),
// and what it needs.
func (l *liveScreen) graphChoice(w int) []string {
	st := l.c.Styles
	box := "[ ]"
	if l.graph {
		box = "[x]"
	}
	out := []string{st.Option.Render(trunc("G "+box+" also read Entra ID through Microsoft Graph (read-only)", w))}
	if l.graph || w >= 100 {
		need := "Needs, with admin consent, " + strings.Join(graphPermissions(), ", ") +
			", or a signed-in user holding Global Reader. A refused read is skipped and its checks stay \"verify by hand\"."
		for _, line := range wrap(need, w-6) {
			out = append(out, "      "+st.Subtle.Render(line))
		}
	}
	return out
}
