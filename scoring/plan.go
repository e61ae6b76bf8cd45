package scoring

import (
	"sort"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Factors of the priority formula, named so the methodology appendix and
// the tests read the same numbers.
const (
	// KillChainBreakBonus is added to the kill-chain factor for each open
	// phase the question denies or disrupts.
	KillChainBreakBonus = 0.5
	// KillChainOtherBonus is added for each other open phase it acts on
	// (detect, degrade, deceive, contain).
	KillChainOtherBonus = 0.25

	EvidenceFailFactor    = 1.5  // live evidence confirms the gap
	EvidenceUnknownFactor = 1.25 // "don't know": the gap may be worse than thought
	EvidencePassFactor    = 0.75 // live evidence passes: the gap is likely smaller
)

// Contribution is one question's share of an action's priority, with every
// factor kept so a report can explain the rank.
type Contribution struct {
	QuestionID string
	Gap        int
	Weight     float64
	KillChain  float64
	Evidence   float64
	// EvidenceWhy says where the evidence factor comes from.
	EvidenceWhy string
	OpenPhases  []q.Phase
	Value       float64 // Gap × Weight × KillChain × Evidence
}

// PlanItem is one action of the ranked plan.
type PlanItem struct {
	Rank          int // 1-based among active items; 0 for done
	Action        *q.Action
	Priority      float64 // Σ contributions ÷ effort cost
	EffortCost    float64
	Contributions []Contribution
	Layers        []q.Layer
	Phases        []q.Phase
	QuickWin      bool
	Days          int // 30, 60 or 90: the roadmap bucket
	Due           time.Time
	// Owner is who does it: the organization's choice, else the action's
	// role named for the organization's size.
	Owner string
	// Cost is the licences the action needs and its cost band.
	Cost   q.Cost
	Status string // "", accepted, deferred, done
	// ExpiredRisk marks an action back in the plan because a risk
	// acceptance on one of its questions passed its review date.
	ExpiredRisk bool
	// Decision is what the organization recorded about the action, as
	// stored: Owner and Due are empty when the plan's defaults stand.
	Decision q.ActionState
}

// RiskEntry is one accepted risk: the gap stays, its actions wait.
type RiskEntry struct {
	QuestionID    string
	Layer         q.Layer
	Level, Target int
	Gap           int
	Owner         string
	Justification string
	Review        time.Time
	Expired       bool
	Actions       []string
}

// riskRegister lists the accepted risks, expired first, then by review
// date and question id.
func riskRegister(r *Result) []RiskEntry {
	var out []RiskEntry
	for _, s := range r.Questions {
		e := s.Exception
		if e == nil || e.Kind != q.RiskAccepted {
			continue
		}
		out = append(out, RiskEntry{QuestionID: s.Question.ID, Layer: s.Question.Layer, Level: s.Level, Target: s.Target,
			Gap: s.Gap, Owner: e.Owner, Justification: e.Justification, Review: e.Review, Expired: s.Expired,
			Actions: append([]string(nil), s.Question.Actions...)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Expired != out[j].Expired {
			return out[i].Expired
		}
		if !out[i].Review.Equal(out[j].Review) {
			return out[i].Review.Before(out[j].Review)
		}
		return out[i].QuestionID < out[j].QuestionID
	})
	return out
}

// ExpiredRisks lists the accepted risks past their review date.
func (r *Result) ExpiredRisks() []RiskEntry {
	var out []RiskEntry
	for _, e := range r.Risks {
		if e.Expired {
			out = append(out, e)
		}
	}
	return out
}

// plan ranks every action that raises a question with a gap.
// priority = Σ (gap × weight × kill-chain factor × evidence factor) ÷ effort.
// A question whose gap is an accepted risk in force adds nothing: its
// actions wait in the risk register. An expired acceptance counts again and
// flags the action.
func plan(b *q.Bank, a *q.Assessment, r *Result) []PlanItem {
	// A phase not shown broken (open, or not yet judged) still gives the
	// actions that would stop it their kill-chain bonus.
	open := map[q.Phase]bool{}
	for _, p := range r.KillChain {
		open[p.Phase] = !p.Broken()
	}
	builds := a.Profile.SoftwareBuilder()
	items := map[string]*PlanItem{}
	var order []string
	for _, s := range r.Questions {
		if s.Gap == 0 || s.Accepted() {
			continue
		}
		c := contribution(s, open)
		for _, aid := range s.Question.Actions {
			act, ok := b.Action(aid)
			if !ok || act.BuildsSoftware && !builds || !act.ForSize(a.Profile.Size) {
				continue
			}
			it := items[aid]
			if it == nil {
				it = &PlanItem{Action: act, EffortCost: act.Effort.Cost(), Owner: b.RoleName(act.Owner, a.Profile.Size),
					Cost: b.ActionCost(act)}
				items[aid] = it
				order = append(order, aid)
			}
			it.Contributions = append(it.Contributions, c)
			it.ExpiredRisk = it.ExpiredRisk || s.Expired
			it.Layers = addLayer(it.Layers, s.Question.Layer)
			for _, k := range s.Question.KillChain {
				it.Phases = addPhase(it.Phases, k.Phase)
			}
		}
	}
	out := make([]PlanItem, 0, len(items))
	for _, aid := range order {
		it := items[aid]
		sum := 0.0
		for _, c := range it.Contributions {
			sum += c.Value
		}
		it.Priority = round2(sum / it.EffortCost)
		sortPhases(it.Phases)
		if st, ok := a.Actions[aid]; ok {
			it.Decision = st
			it.Status = st.Status
			if st.Owner != "" {
				it.Owner = st.Owner
			}
			it.Due = st.Due
		}
		out = append(out, *it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if gx, gy := statusGroup(x.Status), statusGroup(y.Status); gx != gy {
			return gx < gy
		}
		ox, oy := a.Actions[x.Action.ID].Order, a.Actions[y.Action.ID].Order
		if ox != oy {
			return ox < oy
		}
		if x.Priority != y.Priority {
			return x.Priority > y.Priority
		}
		return x.Action.ID < y.Action.ID
	})
	schedule(out, r.Date, r.Capacity)
	return out
}

// Exposure is a question's gap weighed as the plan weighs it, before the
// division by effort: gap × weight × kill-chain factor × evidence factor,
// with every factor kept. The findings' risk rating reads it, so the risk
// and the priority follow one rule. A question with no gap has Value 0.
func (r *Result) Exposure(s QuestionScore) Contribution {
	open := map[q.Phase]bool{}
	for _, p := range r.KillChain {
		open[p.Phase] = !p.Broken()
	}
	return contribution(s, open)
}

func contribution(s QuestionScore, open map[q.Phase]bool) Contribution {
	c := Contribution{QuestionID: s.Question.ID, Gap: s.Gap, Weight: s.Question.Weight, KillChain: 1, Evidence: 1}
	seen := map[q.Phase]bool{}
	for _, k := range s.Question.KillChain {
		if !open[k.Phase] {
			continue
		}
		if k.Course.Breaks() && !seen[k.Phase] {
			c.KillChain += KillChainBreakBonus
			seen[k.Phase] = true
			c.OpenPhases = append(c.OpenPhases, k.Phase)
		}
	}
	for _, k := range s.Question.KillChain {
		if open[k.Phase] && !seen[k.Phase] {
			c.KillChain += KillChainOtherBonus
			seen[k.Phase] = true
			c.OpenPhases = append(c.OpenPhases, k.Phase)
		}
	}
	sortPhases(c.OpenPhases)
	switch {
	case s.Evidence.Fail > 0:
		c.Evidence, c.EvidenceWhy = EvidenceFailFactor, "live evidence confirms the gap"
	case s.Status == q.Unknown:
		c.Evidence, c.EvidenceWhy = EvidenceUnknownFactor, "answered \"don't know\": verify"
	case s.Evidence.Pass > 0:
		c.Evidence, c.EvidenceWhy = EvidencePassFactor, "live evidence passes"
	default:
		c.EvidenceWhy = "self-reported"
	}
	c.Value = round2(float64(c.Gap) * c.Weight * c.KillChain * c.Evidence)
	return c
}

func statusGroup(s string) int {
	switch s {
	case "deferred":
		return 1
	case "done":
		return 2
	}
	return 0
}

// LaterDays marks an action that does not fit the team's capacity in the
// first 90 days: it waits in the backlog, ranked, with no due date.
const LaterDays = 180

// DefaultCapacity is the effort a team takes on per 30 days, in effort
// points (S 1, M 2, L 4), when the bank gives none for the profile's size.
const DefaultCapacity = 5

// schedule numbers the active items, marks quick wins and fills the
// 30/60/90-day roadmap.
//
// A quick win is a small (S) action that needs no paid service (its cost
// band is "none" or "low") and whose priority is at least the median of the
// active plan. A small action that needs a licence or paid service is not
// a quick win, however high it ranks: see SmallPaid. The roadmap fills each 30-day window, in rank order,
// up to the team's capacity in effort points; an action goes in the first
// window with room for it (an empty window takes any one action, however
// large). What fits nowhere in 90 days waits in the backlog (LaterDays),
// and so do deferred actions. An action with a due date set by hand sits in
// the window of that date, and takes its room there.
func schedule(items []PlanItem, start time.Time, capacity int) {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	var prios []float64
	for _, it := range items {
		if it.Status == "" || it.Status == "accepted" {
			prios = append(prios, it.Priority)
		}
	}
	med := median(prios)
	used := map[int]float64{}
	rank := 0
	for i := range items {
		it := &items[i]
		if it.Status == "done" {
			continue
		}
		rank++
		it.Rank = rank
		it.QuickWin = it.Action.Effort == q.EffortS && !NeedsPaidService(it.Action, it.Cost) && it.Status != "deferred" && it.Priority >= med
		it.Days = LaterDays
		if !it.Due.IsZero() && !start.IsZero() {
			// A due date someone set wins: the action sits in its window.
			for _, d := range []int{30, 60, 90} {
				if !it.Due.After(start.AddDate(0, 0, d)) {
					it.Days = d
					used[d] += it.EffortCost
					break
				}
			}
			continue
		}
		if it.Status != "deferred" {
			for _, d := range []int{30, 60, 90} {
				if used[d] == 0 || used[d]+it.EffortCost <= float64(capacity) {
					used[d] += it.EffortCost
					it.Days = d
					break
				}
			}
		}
		if it.Due.IsZero() && !start.IsZero() && it.Days != LaterDays {
			it.Due = start.AddDate(0, 0, it.Days)
		}
	}
}

// NeedsPaidService reports whether an action's cost goes beyond staff
// time: a licence or paid service whose band is not "none" or "low" (an
// unpriced licence counts as paid), and no free path the bank names.
func NeedsPaidService(a *q.Action, c q.Cost) bool {
	return !a.FreePath && len(c.Licences) > 0 && c.Band != "none" && c.Band != "low"
}

// SmallPaid reports whether a plan item is small in effort but needs a paid
// service: reports label it "small effort, paid service", never "quick win".
func (it PlanItem) SmallPaid() bool {
	return it.Action.Effort == q.EffortS && NeedsPaidService(it.Action, it.Cost)
}

// FitsInYear counts the active actions (not deferred) the team can finish
// in twelve months at its capacity, taken in rank order: the executive
// summary's "how many of the plan this organization can do this year".
func (r *Result) FitsInYear() int {
	capacity := r.Capacity
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	budget, n := float64(12*capacity), 0
	for _, it := range r.Actions {
		if it.Status == "done" || it.Status == "deferred" {
			continue
		}
		if it.EffortCost > budget {
			break
		}
		budget -= it.EffortCost
		n++
	}
	return n
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func addLayer(ls []q.Layer, l q.Layer) []q.Layer {
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

func addPhase(ps []q.Phase, p q.Phase) []q.Phase {
	for _, x := range ps {
		if x == p {
			return ps
		}
	}
	return append(ps, p)
}

func sortPhases(ps []q.Phase) {
	order := map[q.Phase]int{}
	for i, p := range q.Phases {
		order[p] = i
	}
	sort.Slice(ps, func(i, j int) bool { return order[ps[i]] < order[ps[j]] })
}

// QuickWins lists the quick wins in rank order.
func (r *Result) QuickWins() []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.QuickWin {
			out = append(out, it)
		}
	}
	return out
}

// Roadmap returns the active plan items of a bucket: 30, 60 or 90 days, or
// LaterDays for the backlog beyond them.
func (r *Result) Roadmap(days int) []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.Status != "done" && it.Days == days {
			out = append(out, it)
		}
	}
	return out
}

// Top returns up to n active plan items.
func (r *Result) Top(n int) []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.Status == "done" || it.Status == "deferred" {
			continue
		}
		if len(out) == n {
			break
		}
		out = append(out, it)
	}
	return out
}
