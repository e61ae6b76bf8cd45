package reports

import (
	"fmt"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The board page's blocks beyond the verdict: this week's steps as a
// table, the budget line, the schedule's capacity assumption and the
// licensing decision. Every edition prints them (review 3, findings 4, 7
// and 8).

// thisWeekBlock is the board's "This week" table: each immediate step in
// a few words, the findings it answers, its owner and its due date.
func (b *builder) thisWeekBlock() (Block, bool) {
	ims := ImmediateSteps(b.r, b.fs)
	if len(ims) == 0 {
		return Block{}, false
	}
	t := &Table{Columns: []string{"#", "Step", "Findings", "Owner", "Due"}, Widths: []float64{.04, .61, .12, .12, .11}, Compact: true}
	// a step that may take longer than the week (security defaults after
	// two weeks of preparing: the bank's days) is due then
	longer := false
	for i, im := range ims {
		days := max(im.Days, q.ImmediateWeek)
		due := "this week"
		if days > q.ImmediateWeek {
			due = fmt.Sprintf("within %d days", days)
			longer = true
		}
		if d := scoring.DueIn(b.r.Date, days); !d.IsZero() {
			due = d.Format("2006-01-02")
		}
		var refs []string
		for _, qid := range im.Questions {
			if f, ok := FindingOf(b.fs, qid); ok {
				refs = append(refs, f.ID)
			}
		}
		t.Rows = append(t.Rows, cells(fmt.Sprint(i+1), StepClause(im.Step), refsText(refs), im.Owner, due))
	}
	title := "This week, at no cost (%d)"
	if longer {
		// a step that needs preparing is due the week after (review 4)
		title = "This week and next, at no cost (%d)"
	}
	return Block{Kind: BlockTable, Title: fmt.Sprintf(title, len(t.Rows)), Table: t}, true
}

// thisWeekCount is the verdict's pointer to the table: "6 steps this
// week, at no cost, are listed below."
func thisWeekCount(r *scoring.Result) string {
	when := "this week"
	for _, im := range r.Immediate() {
		if im.Days > q.ImmediateWeek {
			when = "this week and next"
		}
	}
	switch n := len(r.Immediate()); n {
	case 0:
		return ""
	case 1:
		return "One step " + when + ", at no cost, is listed below."
	default:
		return fmt.Sprintf("%d steps %s, at no cost, are listed below.", n, when)
	}
}

// StaffTimeOnly reports whether a plan item costs staff time only: no
// licence or paid service, a free path the bank names (done without the
// licence), or licences the organization's plans already include.
func StaffTimeOnly(r *scoring.Result, it scoring.PlanItem) bool {
	if len(it.Cost.Licences) == 0 || it.Action.FreePath && len(it.Missing) > 0 {
		return true
	}
	if !r.Profile.KnowsLicences() {
		return false
	}
	for _, l := range it.Cost.Licences {
		if l.Kind != q.CostLicence || !r.Profile.HasLicence(l.ID) {
			return false
		}
	}
	return true
}

// budgetLine is the board's one line on money, in every edition: which
// of the first actions need staff time only (a free path counts), which
// need a licence, a paid service or Azure usage, and that no list price is
// quoted for those (none is invented).
func budgetLine(r *scoring.Result, top []scoring.PlanItem, thisWeek bool) string {
	var free, paid []string
	for _, it := range top {
		if StaffTimeOnly(r, it) {
			free = append(free, fmt.Sprintf("#%d", it.Rank))
		} else {
			paid = append(paid, fmt.Sprintf("#%d", it.Rank))
		}
	}
	week := ""
	if thisWeek {
		week = "this week's steps and "
	}
	switch {
	case len(paid) == 0:
		return fmt.Sprintf("Budget: %sthe month's first %d actions need staff time only, no licence or paid service.", week, len(top))
	case len(free) == 0:
		s := fmt.Sprintf("Budget: the month's first %d actions (%s) need a licence, a paid service or Azure usage (no list prices are quoted: ask your assessor for a 90-day estimate).", len(top), joinAnd(paid))
		if thisWeek {
			s += " This week's steps need staff time only."
		}
		return s
	}
	return fmt.Sprintf("Budget: %s%s need staff time only; %s need a licence, a paid service or Azure usage (no list prices are quoted: ask your assessor for a 90-day estimate).",
		week, joinAnd(free), joinAnd(paid))
}

// CapacityLine says in one line what the schedule assumes of the team:
// "This schedule assumes 5 effort points per 30 days (S=1, M=2, L=4): the
// default for a small organization; set capacity in the profile."
func CapacityLine(r *scoring.Result) string {
	c := r.Capacity
	if c <= 0 {
		c = scoring.DefaultCapacity
	}
	var s string
	switch size := r.Profile.Size; {
	case r.Profile.Capacity > 0:
		s = fmt.Sprintf("This schedule assumes %d effort points per 30 days (S=1, M=2, L=4), the team's capacity the organization stated", c)
	case size == "":
		s = fmt.Sprintf("This schedule assumes %d effort points per 30 days (S=1, M=2, L=4), the default", c)
	default:
		s = fmt.Sprintf("This schedule assumes %d effort points per 30 days (S=1, M=2, L=4), the default for %s %s organization", c, article(size), size)
	}
	// how much of the plan that pace does this year (the verdict said it
	// before; one place now, beside the assumption it rests on)
	if active := len(r.Top(len(r.Actions))); active > 0 {
		if fit := r.FitsInYear(); fit < active {
			return fmt.Sprintf("%s: about %d of the %d actions fit in the next twelve months.", s, fit, active)
		}
		return s + ": every action of the plan fits in the next twelve months."
	}
	return s + "."
}

func article(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

// LicenceDecision is the board's licensing decision, when the plan holds
// actions waiting for a licence the organization lacks (scoring's
// PlanItem.Licensing): "Decision: Microsoft 365 Business Premium would
// unlock #84, #85 and #88; adding Microsoft Entra ID P2 would unlock #86
// and #89.
// …". The suite is the smallest the bank's plans list above the ones the
// organization has that covers at least one of them whole; the rest name
// the licences still missing, by the bank's names. No price is quoted.
func LicenceDecision(r *scoring.Result) string {
	items := r.Licensing()
	if len(items) == 0 {
		return ""
	}
	suites := []string{"m365-business-premium", "m365-e3", "m365-e5"}
	from := 0
	for i, id := range suites {
		for _, have := range r.Profile.Licences {
			if have == id {
				from = i + 1
			}
		}
	}
	var suite q.LicencePlan
	var unlocked []string
	covered := map[string]bool{}
	for _, id := range suites[min(from, len(suites)):] {
		pl, _ := q.PlanByID(id)
		for _, it := range items {
			if coversAll(pl, it.Missing) {
				unlocked = append(unlocked, fmt.Sprintf("#%d", it.Rank))
				covered[it.Action.ID] = true
			}
		}
		if len(unlocked) > 0 {
			suite = pl
			break
		}
	}
	var parts []string
	if len(unlocked) > 0 {
		parts = append(parts, fmt.Sprintf("%s would unlock %s", suite.Name, joinAnd(unlocked)))
	}
	// the rest, by the licences still missing once the suite is bought
	var order []string
	need := map[string][]string{}
	for _, it := range items {
		if covered[it.Action.ID] {
			continue
		}
		var names []string
		for _, l := range it.Missing {
			if contains(suite.Includes, l) {
				continue
			}
			names = append(names, licenceName(r, l))
		}
		key := joinAnd(names)
		if _, ok := need[key]; !ok {
			order = append(order, key)
		}
		need[key] = append(need[key], fmt.Sprintf("#%d", it.Rank))
	}
	for _, key := range order {
		w := key
		if len(unlocked) > 0 {
			w = "adding " + key
		}
		parts = append(parts, fmt.Sprintf("%s would unlock %s", w, joinAnd(need[key])))
	}
	have := strings.Join(r.Profile.LicenceNames(), " and ")
	return fmt.Sprintf("Decision: %s. With %s, these %d actions need a licence you do not have and have no free path: they are not scheduled and take no room in the plan until you decide. This report quotes no list prices: ask your assessor for the cost per user.",
		strings.Join(parts, "; "), have, len(items))
}

func coversAll(pl q.LicencePlan, ids []string) bool {
	for _, id := range ids {
		if !contains(pl.Includes, id) {
			return false
		}
	}
	return len(ids) > 0
}

// licenceName is a bank licence's name without its parenthesis.
func licenceName(r *scoring.Result, id string) string {
	if l, ok := r.Bank.Licence(id); ok {
		return strings.TrimSpace(strings.SplitN(l.Name, " (", 2)[0])
	}
	return id
}
