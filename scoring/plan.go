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

	// RecoveryBonus replaces KillChainOtherBonus at actions on objectives
	// for a recovery control (a question marked recovery: backups, restore
	// tests, delete locks) when the profile's data is of the highest
	// sensitivity the bank knows: the attacker's objective there is to
	// destroy or ransom the data, and recovery is what limits the damage,
	// so it weighs in the priority as a break does. This is ssrm's
	// adaptation, not in Hutchins, Cloppert and Amin 2011: their Table 1
	// gives that phase only detect (audit log), degrade (quality of
	// service) and deceive (honeypot). It changes priorities only; the kill
	// chain never counts a recovery control as a break. DDoS, also degrade
	// at that phase, keeps 0.25.
	RecoveryBonus = 0.5

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
	Cost q.Cost
	// Missing are the licences the action needs that none of the
	// profile's plans includes (bank licence ids; nil when the profile
	// names no plans). With FreePath the action can be done without them.
	Missing []string
	// After are the actions of the plan this one waits for (explicit
	// after: in the bank, or an earlier, free rung of the same question's
	// ladder before a paid one): the plan ranks them first.
	After []string
	held  []string // licences the profile's plans include
	// by is, for a prerequisite of a step this week (PullPrerequisite),
	// the days within which that step is due: the action is due by then
	// too, never after the step that relies on it.
	by     int
	Status string // "", accepted, deferred, done
	// ExpiredRisk marks an action back in the plan because a risk
	// acceptance on one of its questions passed its review date.
	ExpiredRisk bool
	// Decision is what the organization recorded about the action, as
	// stored: Owner and Due are empty when the plan's defaults stand.
	Decision q.ActionState
	// DoneBy is the action whose immediate step does this action's job
	// for the organization (security defaults without Entra ID P1, see
	// q.InsteadOf): Status is "done" and reports print the action as the
	// upgrade path, not as roadmap work. "" otherwise.
	DoneBy string
	// Pulled says why the roadmap takes the action earlier than its rank
	// alone would (PullOverride, PullRecovery); "" otherwise.
	Pulled string
	// Licensing marks an action that needs a licence the profile's plans
	// lack (Missing) and has no free path, on which the organization
	// recorded no decision: it is not roadmap work the team can start but
	// a licensing decision for the board (Result.Licensing). It is ranked
	// after the active plan, takes no capacity, has no due date and sits
	// in no roadmap window (Days is LaterDays; Roadmap leaves it out).
	Licensing bool
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

// Beyond is an action of a question with a gap that the plan leaves out
// because the question's ladder reaches the target without it: it brings
// the question above the target, or to the same level as a cheaper action
// already planned. Reports list it apart ("beyond your target") so that no
// action of a gap silently vanishes. An action planned for another
// question is not listed.
type Beyond struct {
	Action *q.Action
	// For says, per question, why the action waits.
	For []BeyondRung
}

// BeyondRung is one question's reason to leave an action out.
type BeyondRung struct {
	QuestionID string
	Level      int // the question's current level
	Target     int
	Reaches    int // the level the action brings the question to
	// SameAs is the planned action that already reaches the same level
	// ("" when the action goes above the target).
	SameAs string
}

// ShortFall is a question with a gap whose planned actions do not bring it
// to its target: Reaches is the highest level they reach (the current
// level when no action of the bank goes above it). Its gap needs more than
// the bank's actions offer (a partner, a bigger programme).
type ShortFall struct {
	QuestionID    string
	Level, Target int
	Reaches       int
}

// rung is one candidate action of a question's ladder.
type rung struct {
	act   *q.Action
	level int
	known bool
	cost  float64
	order int
}

// ladder chooses the actions of one question with a gap: the actions that
// say which level they reach are taken in order of that level (the lowest
// first, the cheaper first at equal level, then the bank's order), leaving
// out those at or below the current level (already done), up to and
// including the first that reaches the target; the rest wait (beyond). An
// action with no reach level for the question (a bank built in code) is
// always taken. reached is the highest level the chosen actions reach.
// chosen and beyond are appended to the slices given (reused buffers).
func ladder(b *q.Bank, s QuestionScore, builds bool, size string, chosen, beyond []rung) ([]rung, []rung, int) {
	var buf [8]rung
	known := buf[:0]
	reached := s.Level
	for i, aid := range s.Question.Actions {
		act, ok := b.Action(aid)
		if !ok || act.BuildsSoftware && !builds || !act.ForSize(size) {
			continue
		}
		l, has := act.ReachesFor(s.Question.ID)
		r := rung{act: act, level: l, known: has, cost: act.Effort.Cost(), order: i}
		switch {
		case !has:
			chosen = append(chosen, r)
		case l > s.Level:
			known = append(known, r)
		}
	}
	// Insertion sort: a question lists a handful of actions, and their
	// bank order breaks ties.
	for i := 1; i < len(known); i++ {
		for j := i; j > 0 && rungBefore(known[j], known[j-1]); j-- {
			known[j], known[j-1] = known[j-1], known[j]
		}
	}
	done := false
	for _, r := range known {
		if done {
			beyond = append(beyond, r)
			continue
		}
		chosen = append(chosen, r)
		reached = r.level
		done = r.level >= s.Target
	}
	return chosen, beyond, reached
}

// rungBefore orders a ladder: lower level first, then cheaper, then the
// question's order.
func rungBefore(x, y rung) bool {
	if x.level != y.level {
		return x.level < y.level
	}
	if x.cost != y.cost {
		return x.cost < y.cost
	}
	return x.order < y.order
}

// plan ranks the actions that raise the questions with a gap, each
// question contributing the actions its ladder chooses (see ladder).
// priority = Σ (gap × weight × kill-chain factor × evidence factor) ÷ effort.
// A question whose gap is an accepted risk in force adds nothing: its
// actions wait in the risk register. An expired acceptance counts again and
// flags the action. It also fills r.Beyond and r.ShortFalls.
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
	waiting := map[string]*Beyond{}
	deps := map[string][]string{} // action id → actions it waits for
	var waitOrder []string
	r.Beyond, r.ShortFalls = nil, nil
	var chosenBuf, beyondBuf []rung
	for _, s := range r.Questions {
		if s.Gap == 0 || s.Accepted() {
			continue
		}
		c := contribution(s, open, recovers(b, a.Profile))
		chosen, beyond, reached := ladder(b, s, builds, a.Profile.Size, chosenBuf[:0], beyondBuf[:0])
		chosenBuf, beyondBuf = chosen, beyond
		if reached < s.Target {
			r.ShortFalls = append(r.ShortFalls, ShortFall{QuestionID: s.Question.ID, Level: s.Level, Target: s.Target, Reaches: reached})
		}
		ladderDeps(b, chosen, deps)
		for _, w := range beyond {
			br := BeyondRung{QuestionID: s.Question.ID, Level: s.Level, Target: s.Target, Reaches: w.level}
			if last := chosen[len(chosen)-1]; last.known && last.level == w.level {
				br.SameAs = last.act.ID
			}
			bw := waiting[w.act.ID]
			if bw == nil {
				bw = &Beyond{Action: w.act}
				waiting[w.act.ID] = bw
				waitOrder = append(waitOrder, w.act.ID)
			}
			bw.For = append(bw.For, br)
		}
		for _, ch := range chosen {
			act, aid := ch.act, ch.act.ID
			it := items[aid]
			if it == nil {
				it = &PlanItem{Action: act, EffortCost: act.Effort.Cost(), Owner: a.Profile.OwnerName(act.Owner, b.RoleName(act.Owner, a.Profile.Size)),
					Cost: b.ActionCost(act)}
				it.Missing, it.held = licencesFor(b, act, a.Profile)
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
	for _, aid := range waitOrder {
		if items[aid] == nil {
			r.Beyond = append(r.Beyond, *waiting[aid])
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
	insteadOf(b, a, r, out)
	gate(a, out)
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if gx, gy := itemGroup(x), itemGroup(y); gx != gy {
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
	out = orderAfter(out, deps, a)
	pull(b, a, r, out)
	schedule(out, r.Date, r.Capacity)
	return out
}

// licencesFor splits the subscription licences an action needs into
// those none of the profile's plans includes (missing) and those one does
// (held). Licences no plan includes (metered Azure usage, third-party
// services) are neither. Both are nil when the profile names no plans.
func licencesFor(b *q.Bank, act *q.Action, p q.Profile) (missing, held []string) {
	if !p.KnowsLicences() {
		return nil, nil
	}
	for _, l := range act.Licences {
		switch {
		case p.HasLicence(l):
			held = append(held, l)
		case metered(b, l):
			// a plan billed through Azure (Defender for Servers) is
			// usage the subscription pays as it goes, never a licence
			// the organization's Microsoft 365 plans lack (review 4)
		case subscriptionLicence(l):
			missing = append(missing, l)
		}
	}
	return missing, held
}

// metered reports whether the bank bills a licence as Azure usage.
func metered(b *q.Bank, id string) bool {
	l, ok := b.Licence(id)
	return ok && l.Kind == q.CostAzureUsage
}

// subscriptionLicence reports whether a bank licence comes with a
// Microsoft subscription plan (LicencePlans), as opposed to Azure usage
// or a third-party service.
func subscriptionLicence(id string) bool {
	for _, pl := range q.LicencePlans {
		for _, x := range pl.Includes {
			if x == id {
				return true
			}
		}
	}
	return false
}

// ladderDeps records, for one question's chosen actions, that a paid
// action waits for each free one of the same or a lower level: closing an
// open port comes before paying for Bastion, whatever the sums say.
func ladderDeps(b *q.Bank, chosen []rung, deps map[string][]string) {
	for _, paid := range chosen {
		if !paid.known || !NeedsPaidService(paid.act, b.ActionCost(paid.act)) {
			continue
		}
		for _, free := range chosen {
			if free.known && free.act != paid.act && free.level <= paid.level && !NeedsPaidService(free.act, b.ActionCost(free.act)) {
				deps[paid.act.ID] = appendUnique(deps[paid.act.ID], free.act.ID)
			}
		}
	}
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// orderAfter moves each action's prerequisites (the bank's after: and the
// ladder's free-before-paid, see ladderDeps) to just before it when they
// rank lower, within the same status group (active, deferred, done); an
// action placed by hand (its Order) keeps its place. A loop of
// dependencies (bank lint rejects them) is broken where it is met. Each
// item's After lists the prerequisites in the plan.
func orderAfter(items []PlanItem, deps map[string][]string, a *q.Assessment) []PlanItem {
	idx := map[string]int{}
	for i, it := range items {
		idx[it.Action.ID] = i
		for _, d := range it.Action.After {
			deps[it.Action.ID] = appendUnique(deps[it.Action.ID], d)
		}
	}
	out := make([]PlanItem, 0, len(items))
	state := map[string]int{} // 1 visiting, 2 placed
	var place func(i int)
	place = func(i int) {
		id := items[i].Action.ID
		if state[id] != 0 {
			return
		}
		state[id] = 1
		for _, d := range deps[id] {
			j, ok := idx[d]
			if !ok {
				continue
			}
			items[i].After = appendUnique(items[i].After, d)
			if statusGroup(items[j].Status) == statusGroup(items[i].Status) && a.Actions[d].Order == 0 && a.Actions[id].Order == 0 {
				place(j)
			}
		}
		state[id] = 2
		out = append(out, items[i])
	}
	for i := range items {
		place(i)
	}
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
	return contribution(s, open, r.Bank != nil && recovers(r.Bank, r.Profile))
}

// recovers reports whether the profile's data is of the highest
// sensitivity of the bank's targets: recovery controls then weigh as
// breaks at actions on objectives (RecoveryBonus).
func recovers(b *q.Bank, p q.Profile) bool {
	t, ok := b.Targets.Sensitivity[p.Sensitivity]
	if !ok {
		return false
	}
	for _, v := range b.Targets.Sensitivity {
		if v > t {
			return false
		}
	}
	return true
}

func contribution(s QuestionScore, open map[q.Phase]bool, recovery bool) Contribution {
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
		if open[k.Phase] && !seen[k.Phase] && recovery && s.Question.Recovery && k.Phase == q.ActionsOnObject {
			c.KillChain += RecoveryBonus
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
	case s.Verified():
		c.EvidenceWhy = "assessor-verified"
	default:
		c.EvidenceWhy = "self-reported"
	}
	c.Value = round2(float64(c.Gap) * c.Weight * c.KillChain * c.Evidence)
	return c
}

// gate marks the licensing decisions (PlanItem.Licensing): when the
// profile names its plans, an action needing a licence none of them
// includes, with no free path, and no decision recorded on it (status,
// owner, due date or order).
func gate(a *q.Assessment, items []PlanItem) {
	if !a.Profile.KnowsLicences() {
		return
	}
	for i := range items {
		it := &items[i]
		if len(it.Missing) == 0 || it.Action.FreePath || it.Status != "" || it.DoneBy != "" || it.Decision != (q.ActionState{}) {
			continue
		}
		it.Licensing = true
	}
}

// itemGroup orders the plan: active work, then licensing decisions, then
// deferred, then done.
func itemGroup(it PlanItem) int {
	if it.Licensing {
		return 1
	}
	if g := statusGroup(it.Status); g > 0 {
		return g + 1
	}
	return 0
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
// the window of that date, and takes its room there. An action pulled for
// a critical override or as a prerequisite of this week's steps sits in
// the 30-day window, its room taken before the others'; one pulled for a
// recovery exposure that fits nowhere goes in the 90-day window in place
// of the lowest-ranked unpulled actions there.
func schedule(items []PlanItem, start time.Time, capacity int) {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	var prios []float64
	for _, it := range items {
		if (it.Status == "" || it.Status == "accepted") && !it.Licensing {
			prios = append(prios, it.Priority)
		}
	}
	med := median(prios)
	used := map[int]float64{}
	active := func(it *PlanItem) bool { return it.Status != "done" && it.Status != "deferred" }
	for i := range items {
		if it := &items[i]; early(it) && active(it) && it.Due.IsZero() {
			used[30] += it.EffortCost
		}
	}
	rank := 0
	for i := range items {
		it := &items[i]
		if it.Status == "done" {
			continue
		}
		rank++
		it.Rank = rank
		it.Days = LaterDays
		if it.Licensing {
			continue // a decision, not work: no window, no capacity
		}
		it.QuickWin = it.Action.Effort == q.EffortS && !it.needsPaid() && it.Status != "deferred" && it.Priority >= med
		if !it.Due.IsZero() && !start.IsZero() {
			// A due date someone set wins: the action sits in its window.
			for _, d := range []int{30, 60, 90} {
				if !it.Due.After(DueIn(start, d)) {
					it.Days = d
					used[d] += it.EffortCost
					break
				}
			}
			continue
		}
		if early(it) && active(it) {
			it.Days = 30
		} else if it.Status != "deferred" {
			for _, d := range []int{30, 60, 90} {
				if used[d] == 0 || used[d]+it.EffortCost <= float64(capacity) {
					used[d] += it.EffortCost
					it.Days = d
					break
				}
			}
		}
		if it.Due.IsZero() && !start.IsZero() && it.Days != LaterDays {
			it.Due = DueIn(start, it.Days)
			if it.by > 0 && it.Pulled == PullPrerequisite && it.by < it.Days {
				it.Due = DueIn(start, it.by)
			}
		}
	}
	floor(items, start, capacity, used)
}

// early reports whether an action is pulled into the first 30 days (an
// assessor's critical rating, or a prerequisite of this week's steps).
func early(it *PlanItem) bool { return it.Pulled == PullOverride || it.Pulled == PullPrerequisite }

// floor takes the actions pulled for a recovery exposure or a critical
// finding into the 90-day plan when the capacity left none of them room:
// each goes in the latest window (90, then 60, then 30 days) where
// moving that window's lowest-ranked actions not pulled themselves and not
// due by hand to the backlog makes room for it; with no such window
// (everything there pulled) a recovery action goes in the 90-day window
// all the same, a critical finding's waits in the backlog.
func floor(items []PlanItem, start time.Time, capacity int, used map[int]float64) {
	movable := func(x *PlanItem, w int) bool {
		return x.Days == w && x.Pulled == "" && x.Decision.Due.IsZero() && x.Status != "done"
	}
	// recovery first (it goes in whatever happens), then the critical
	// findings in the room left
	for _, pass := range []string{PullRecovery, PullCritical} {
		floorPass(items, start, capacity, used, pass, movable)
	}
}

func floorPass(items []PlanItem, start time.Time, capacity int, used map[int]float64, pass string, movable func(*PlanItem, int) bool) {
	for i := range items {
		it := &items[i]
		if it.Pulled != pass || it.Days != LaterDays || it.Status == "done" || it.Status == "deferred" {
			continue
		}
		// a recovery exposure goes in the 90 days all the same; a
		// critical finding only where the room can be made (thirty of
		// them at level 0 cannot all fit a small team's 90 days: the
		// rest wait, ranked, and the report dates them "backlog")
		w := 90
		if it.Pulled == PullCritical {
			w = 0
		}
		for _, d := range []int{90, 60, 30} {
			free := 0.0
			for j := range items {
				if movable(&items[j], d) {
					free += items[j].EffortCost
				}
			}
			if used[d]-free+it.EffortCost <= float64(capacity) {
				w = d
				break
			}
		}
		if w == 0 {
			continue
		}
		for j := len(items) - 1; j >= 0 && used[w]+it.EffortCost > float64(capacity); j-- {
			if x := &items[j]; movable(x, w) {
				x.Days, x.Due = LaterDays, time.Time{}
				used[w] -= x.EffortCost
			}
		}
		it.Days = w
		used[w] += it.EffortCost
		if !start.IsZero() {
			it.Due = DueIn(start, w)
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
	return it.Action.Effort == q.EffortS && it.needsPaid()
}

// needsPaid is NeedsPaidService counting the licences the organization
// already holds (its profile's plans) as paid for.
func (it PlanItem) needsPaid() bool {
	if !NeedsPaidService(it.Action, it.Cost) {
		return false
	}
	if len(it.held) == 0 {
		return true
	}
	for _, l := range it.Action.Licences {
		if !contains(it.held, l) {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// FitsInYear counts the active actions the team can finish in twelve
// months at its capacity: the executive summary's "how many of the plan
// this organization can do this year" (InFirstYear says which).
func (r *Result) FitsInYear() int { return len(r.firstYear()) }

// InFirstYear reports whether an action is among those FitsInYear counts,
// so that the backlog's "within the first year" list and the verdict's
// count come from one schedule.
func (r *Result) InFirstYear(id string) bool { return r.firstYear()[id] }

// firstYear is the set of actions (by id) the team can finish in twelve
// months: those the roadmap places in its 30, 60 and 90-day windows, then
// the backlog in rank order while the year's effort points (twelve times
// the capacity, less what the windows take) last; deferred actions, done
// ones and licensing decisions are not counted.
func (r *Result) firstYear() map[string]bool {
	capacity := r.Capacity
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	budget := float64(12 * capacity)
	set := map[string]bool{}
	counts := func(it PlanItem) bool {
		return it.Status != "done" && it.Status != "deferred" && !it.Licensing
	}
	for _, it := range r.Actions {
		if counts(it) && it.Days > 0 && it.Days <= 90 {
			set[it.Action.ID] = true
			budget -= it.EffortCost
		}
	}
	for _, it := range r.Actions {
		if !counts(it) || it.Days > 0 && it.Days <= 90 {
			continue
		}
		if it.EffortCost > budget {
			break
		}
		budget -= it.EffortCost
		set[it.Action.ID] = true
	}
	return set
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
// LaterDays for the backlog beyond them. Licensing decisions are in none.
func (r *Result) Roadmap(days int) []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.Status != "done" && it.Days == days && !it.Licensing {
			out = append(out, it)
		}
	}
	return out
}

// Licensing returns the licensing decisions (PlanItem.Licensing) in rank
// order.
func (r *Result) Licensing() []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.Licensing {
			out = append(out, it)
		}
	}
	return out
}

// Top returns up to n active plan items (not deferred, not a licensing
// decision).
func (r *Result) Top(n int) []PlanItem {
	var out []PlanItem
	for _, it := range r.Actions {
		if it.Status == "done" || it.Status == "deferred" || it.Licensing {
			continue
		}
		if len(out) == n {
			break
		}
		out = append(out, it)
	}
	return out
}
