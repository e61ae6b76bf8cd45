package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

var day0 = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)

func smallBank(t testing.TB) *q.Bank {
	t.Helper()
	b, err := q.LoadBank("../questionnaire/testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answers is a compact way to write an assessment: id → level, or -1 for
// "don't know", -2 for not applicable.
type answers map[string]int

func assess(b *q.Bank, p q.Profile, as answers) *q.Assessment {
	a := q.NewAssessment(b, p, day0)
	for id, l := range as {
		switch l {
		case -1:
			a.SetAnswer(id, q.Answer{Status: q.Unknown}, day0)
		case -2:
			a.SetAnswer(id, q.Answer{Status: q.NotApplicable}, day0)
		default:
			a.SetAnswer(id, q.Answer{Status: q.Answered, Level: l}, day0)
		}
	}
	return a
}

var (
	iaasSmall = q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS}, Services: []string{"aks"}}
	mixed     = q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}}
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.006 }

func TestGroupScores(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name         string
		profile      q.Profile
		answers      answers
		layer        q.Layer
		want         float64
		empty        bool
		unknownCount int
	}{
		{"weighted mean", iaasSmall, answers{"Q-TWO": 4, "Q-FIVE": 1}, q.LayerHosts, 3.0, false, 0},
		{"don't know scores 0", iaasSmall, answers{"Q-TWO": -1, "Q-FIVE": 1}, q.LayerHosts, 0.33, false, 1},
		{"not applicable left out", iaasSmall, answers{"Q-TWO": -2, "Q-FIVE": 1}, q.LayerHosts, 1.0, false, 0},
		{"all not applicable", iaasSmall, answers{"Q-TWO": -2, "Q-FIVE": -2}, q.LayerHosts, 0, true, 0},
		{"all unknown", iaasSmall, answers{"Q-TWO": -1, "Q-FIVE": -1}, q.LayerHosts, 0, false, 2},
		{"unanswered left out", iaasSmall, answers{"Q-FIVE": 3}, q.LayerHosts, 3.0, false, 0},
		{"empty layer", q.Profile{Size: "small", Models: []q.Model{q.SaaS}}, answers{"Q-ONE": 3}, q.LayerHosts, 0, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Compute(b, assess(b, c.profile, c.answers), Options{})
			g := r.Layer(c.layer)
			if g.Score.Empty != c.empty || !near(g.Score.Level, c.want) {
				t.Errorf("score %+v, want %.2f (empty %v)", g.Score, c.want, c.empty)
			}
			if !g.Score.Empty && !near(g.Score.Percent, math.Round(c.want/5*1000)/10) {
				t.Errorf("percent %.1f for level %.2f", g.Score.Percent, g.Score.Level)
			}
			if g.Unknown != c.unknownCount || len(r.Unknowns()) != c.unknownCount {
				t.Errorf("unknowns %d (flagged %d), want %d", g.Unknown, len(r.Unknowns()), c.unknownCount)
			}
		})
	}
}

func TestOverallIsWeightedByCustomerShare(t *testing.T) {
	b := smallBank(t)
	// Q-ONE (identity, yours everywhere, w3) at 5; Q-THREE (networks: yours
	// under IaaS, shared under PaaS → share ¾, w1) at 0; Q-FOUR (people, w1) at 1.
	r := Compute(b, assess(b, mixed, answers{"Q-ONE": 5, "Q-THREE": 0, "Q-FOUR": 1}), Options{})
	want := (3*1*5.0 + 1*0.75*0 + 1*1*1) / (3*1 + 1*0.75 + 1*1)
	if !near(r.Overall.Level, want) {
		t.Errorf("overall %.3f, want %.3f", r.Overall.Level, want)
	}
	// Under IaaS alone the network question weighs fully.
	r = Compute(b, assess(b, q.Profile{Size: "small", Models: []q.Model{q.IaaS}}, answers{"Q-ONE": 5, "Q-THREE": 0, "Q-FOUR": 1}), Options{})
	if want := (15.0 + 0 + 1) / 5; !near(r.Overall.Level, want) {
		t.Errorf("overall under IaaS %.3f, want %.3f", r.Overall.Level, want)
	}
	all := Compute(b, assess(b, mixed, answers{"Q-ONE": -2, "Q-THREE": -2, "Q-FOUR": -2}), Options{})
	if !all.Overall.Empty {
		t.Errorf("all N/A must leave the overall unscored: %+v", all.Overall)
	}
}

func TestTargetsAndGaps(t *testing.T) {
	b := smallBank(t)
	a := assess(b, mixed, answers{"Q-ONE": 1, "Q-THREE": 5, "Q-FOUR": -1})
	a.Targets = map[string]int{"Q-FOUR": 2}
	r := Compute(b, a, Options{})
	if r.Target != 4 {
		t.Fatalf("profile target %d, want 4 (small, high)", r.Target)
	}
	for id, want := range map[string][2]int{"Q-ONE": {4, 3}, "Q-THREE": {4, 0}, "Q-FOUR": {2, 2}} {
		s, _ := r.Question(id)
		if s.Target != want[0] || s.Gap != want[1] {
			t.Errorf("%s: target %d gap %d, want %v", id, s.Target, s.Gap, want)
		}
	}
}

func TestKillChainCoverage(t *testing.T) {
	b := smallBank(t)
	const (
		broken = VerdictBroken
		open   = VerdictOpen
		unjudg = VerdictInsufficient
	)
	cases := []struct {
		name     string
		answers  answers
		verdicts map[q.Phase]Verdict
		cells    map[q.Phase]map[q.Layer]CellState
		// openLayers, where given, are the layers left open per phase.
		openLayers map[q.Phase][]q.Layer
	}{
		{
			// Exploitation is denied in applications but not in hosts: the
			// attacker takes the hosts path, so the phase stays open.
			name:    "deny control at target breaks its phases",
			answers: answers{"Q-ONE": 5, "Q-TWO": 0, "Q-THREE": 5, "Q-FOUR": 5},
			verdicts: map[q.Phase]Verdict{q.Reconnaissance: broken, q.Delivery: broken, q.Exploitation: open,
				q.Installation: open, q.CommandControl: open, q.ActionsOnObject: open, q.Weaponization: unjudg},
			cells: map[q.Phase]map[q.Layer]CellState{
				q.Delivery:       {q.LayerApplications: CellBroken, q.LayerHosts: CellNone},
				q.Exploitation:   {q.LayerApplications: CellBroken, q.LayerHosts: CellOpen},
				q.CommandControl: {q.LayerNetworks: CellPartial},
			},
			openLayers: map[q.Phase][]q.Layer{q.Exploitation: {q.LayerHosts}, q.Delivery: nil},
		},
		{
			name:       "a phase breaks when every layer that can deny it does",
			answers:    answers{"Q-ONE": 5, "Q-TWO": 5, "Q-THREE": 5, "Q-FOUR": 5},
			verdicts:   map[q.Phase]Verdict{q.Exploitation: broken, q.Delivery: broken},
			openLayers: map[q.Phase][]q.Layer{q.Exploitation: nil},
		},
		{
			// "Don't know" is no evidence: the phase is not judged, let alone broken.
			name:     "don't know never meets the target",
			answers:  answers{"Q-ONE": -1, "Q-FOUR": 5},
			verdicts: map[q.Phase]Verdict{q.Delivery: unjudg, q.Exploitation: unjudg, q.Reconnaissance: broken},
			cells:    map[q.Phase]map[q.Layer]CellState{q.Delivery: {q.LayerApplications: CellOpen}},
		},
		{
			name:     "not applicable controls are not controls",
			answers:  answers{"Q-ONE": -2},
			verdicts: map[q.Phase]Verdict{q.Delivery: unjudg},
			cells:    map[q.Phase]map[q.Layer]CellState{q.Delivery: {q.LayerApplications: CellNone}},
		},
		{
			name:     "below target stays open",
			answers:  answers{"Q-ONE": 3, "Q-TWO": 2},
			verdicts: map[q.Phase]Verdict{q.Delivery: open, q.Exploitation: open},
		},
		{
			// Exploitation has two controls: one answer is not enough to
			// judge it, however good.
			name:     "one answer of two judges nothing",
			answers:  answers{"Q-ONE": 5},
			verdicts: map[q.Phase]Verdict{q.Delivery: broken, q.Exploitation: unjudg, q.Installation: unjudg},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Compute(b, assess(b, iaasSmall, c.answers), Options{})
			for ph, want := range c.verdicts {
				p := r.Phase(ph)
				if p.Verdict != want {
					t.Errorf("%s verdict %s (%d of %d answered, %d needed), want %s", ph, p.Verdict, p.Answered, p.Controls, p.Needed, want)
				}
				if p.Open != (want == open) {
					t.Errorf("%s Open=%v with verdict %s", ph, p.Open, p.Verdict)
				}
			}
			for ph, want := range c.openLayers {
				if got := r.Phase(ph).OpenLayers; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s open layers %v, want %v", ph, got, want)
				}
			}
			for ph, layers := range c.cells {
				for _, cell := range r.Phase(ph).Layers {
					if want, ok := layers[cell.Layer]; ok && cell.State != want {
						t.Errorf("%s × %s = %s, want %s", ph, cell.Layer, cell.State, want)
					}
				}
			}
		})
	}
	a := assess(b, mixed, answers{"Q-ONE": 1, "Q-THREE": 2, "Q-FOUR": -1})
	first, _ := json.Marshal(summary(Compute(b, a, Options{})))
	for i := 0; i < 20; i++ {
		again, _ := json.Marshal(summary(Compute(b, a, Options{})))
		if string(again) != string(first) {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, again)
		}
	}
}

func TestPriorityKeepsEveryFactor(t *testing.T) {
	b := smallBank(t)
	// Q-ONE: gap 3, weight 3, denies delivery and exploitation, both open →
	// kill-chain factor 1 + 2×0.5 = 2. Q-THREE: gap 2, weight 1, only
	// detects two open phases → 1 + 2×0.25 = 1.5. A-ONE (effort S) serves both.
	r := Compute(b, assess(b, mixed, answers{"Q-ONE": 1, "Q-THREE": 2, "Q-FOUR": 5}), Options{})
	it := findAction(t, r, "A-ONE")
	if len(it.Contributions) != 2 {
		t.Fatalf("contributions %+v", it.Contributions)
	}
	c1, c3 := it.Contributions[0], it.Contributions[1]
	if c1.QuestionID != "Q-ONE" || c1.Gap != 3 || c1.Weight != 3 || c1.KillChain != 2 || c1.Evidence != 1 || c1.Value != 18 {
		t.Errorf("Q-ONE contribution %+v", c1)
	}
	if c3.QuestionID != "Q-THREE" || c3.Gap != 2 || c3.KillChain != 1.5 || c3.Value != 3 {
		t.Errorf("Q-THREE contribution %+v", c3)
	}
	if it.Priority != 21 || it.EffortCost != 1 {
		t.Errorf("priority %.2f (effort %g), want 21", it.Priority, it.EffortCost)
	}
	// A-THREE (effort L) serves only Q-THREE: 3 / 4.
	if got := findAction(t, r, "A-THREE").Priority; got != 0.75 {
		t.Errorf("A-THREE priority %.2f, want 0.75", got)
	}
	// A question at target puts nothing in the plan.
	for _, it := range r.Actions {
		if it.Action.ID == "A-FOUR" {
			t.Error("A-FOUR planned although Q-FOUR meets its target")
		}
	}
}

func TestEvidenceFactor(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name     string
		answer   int
		evidence []q.Evidence
		want     float64
	}{
		{"self-reported", 1, nil, 1},
		{"live failure confirms the gap", 1, []q.Evidence{{Source: "live", Status: "fail"}, {Source: "live", Status: "pass"}}, EvidenceFailFactor},
		{"don't know", -1, nil, EvidenceUnknownFactor},
		{"live evidence passes", 1, []q.Evidence{{Source: "live", Status: "pass"}}, EvidencePassFactor},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := assess(b, mixed, answers{"Q-ONE": c.answer})
			a.Evidence = map[string][]q.Evidence{"Q-ONE": c.evidence}
			r := Compute(b, a, Options{})
			con := findAction(t, r, "A-ONE").Contributions[0]
			if con.Evidence != c.want || con.EvidenceWhy == "" {
				t.Errorf("evidence factor %g (%q), want %g", con.Evidence, con.EvidenceWhy, c.want)
			}
		})
	}
}

func TestRankingQuickWinsAndRoadmap(t *testing.T) {
	b := smallBank(t)
	p := q.Profile{Size: "large", Sensitivity: "high", Models: []q.Model{q.IaaS}, Services: []string{"aks"}}
	as := answers{"Q-ONE": 1, "Q-TWO": 0, "Q-THREE": 0, "Q-FOUR": 0, "Q-FIVE": 0, "Q-SIX": 0}
	r := Compute(b, assess(b, p, as), Options{Date: day0})
	for i := 1; i < len(r.Actions); i++ {
		if r.Actions[i-1].Priority < r.Actions[i].Priority {
			t.Errorf("not ranked by priority: %s %.2f before %s %.2f", r.Actions[i-1].Action.ID, r.Actions[i-1].Priority, r.Actions[i].Action.ID, r.Actions[i].Priority)
		}
		if r.Actions[i].Rank != i+1 {
			t.Errorf("rank %d at position %d", r.Actions[i].Rank, i+1)
		}
	}
	for _, it := range r.Actions {
		if it.Days != LaterDays && !it.Due.Equal(day0.AddDate(0, 0, it.Days)) {
			t.Errorf("%s (%s, rank %d): %d days due %v", it.Action.ID, it.Action.Effort, it.Rank, it.Days, it.Due)
		}
		if it.QuickWin != (it.Action.Effort == q.EffortS && !NeedsPaidService(it.Action, it.Cost) && it.Priority >= median(prios(r))) {
			t.Errorf("%s quick win = %v", it.Action.ID, it.QuickWin)
		}
	}
	if len(r.QuickWins()) == 0 {
		t.Error("no quick win among small actions above the median")
	}

	// Decisions move actions: deferred sink, done leave the ranking, a
	// manual order wins over priority, an owner override sticks.
	a := assess(b, p, as)
	a.Actions = map[string]q.ActionState{
		r.Actions[0].Action.ID: {Status: "deferred"},
		r.Actions[1].Action.ID: {Status: "done"},
		r.Actions[3].Action.ID: {Order: -1, Owner: "Dana"},
	}
	r2 := Compute(b, a, Options{Date: day0})
	if got := r2.Actions[0]; got.Action.ID != r.Actions[3].Action.ID || got.Owner != "Dana" || got.Rank != 1 {
		t.Errorf("manual order: first is %s owned by %s", got.Action.ID, got.Owner)
	}
	last := r2.Actions[len(r2.Actions)-1]
	if last.Action.ID != r.Actions[1].Action.ID || last.Rank != 0 {
		t.Errorf("done action should be last and unranked: %+v", last)
	}
	def := r2.Actions[len(r2.Actions)-2]
	if def.Action.ID != r.Actions[0].Action.ID || def.Days != LaterDays || !def.Due.IsZero() || def.QuickWin {
		t.Errorf("deferred action: %+v", def)
	}
	for _, it := range r2.Top(10) {
		if it.Status == "done" || it.Status == "deferred" {
			t.Errorf("Top lists %s (%s)", it.Action.ID, it.Status)
		}
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	b := smallBank(t)
	a := assess(b, mixed, answers{"Q-ONE": 1, "Q-THREE": 2, "Q-FOUR": -1})
	first, _ := json.Marshal(summary(Compute(b, a, Options{})))
	for i := 0; i < 20; i++ {
		again, _ := json.Marshal(summary(Compute(b, a, Options{})))
		if string(again) != string(first) {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, again)
		}
	}
}

func TestCompare(t *testing.T) {
	b := smallBank(t)
	old := Compute(b, assess(b, mixed, answers{"Q-ONE": 1, "Q-TWO": 1, "Q-THREE": 4, "Q-FOUR": 5}), Options{})
	cur := Compute(b, assess(b, mixed, answers{"Q-ONE": 5, "Q-TWO": 1, "Q-THREE": 2, "Q-FOUR": 5}), Options{})
	d := Compare(old, cur)
	if !near(d.Overall.Change, cur.Overall.Level-old.Overall.Level) {
		t.Errorf("overall change %.2f", d.Overall.Change)
	}
	moved := map[string]QuestionDelta{}
	for _, qd := range d.Questions {
		moved[qd.ID] = qd
	}
	if len(moved) != 2 || !moved["Q-ONE"].Improved || !moved["Q-THREE"].Worsen {
		t.Errorf("moved %+v", moved)
	}
	closed := 0
	for _, ph := range d.Phases {
		if ph.Closed() {
			closed++
			if ph.Phase != q.Delivery {
				t.Errorf("%s closed", ph.Phase)
			}
		}
	}
	// Exploitation stays open: Q-ONE now denies it in applications, but
	// Q-TWO still leaves the hosts path open.
	if closed != 1 {
		t.Errorf("%d phases closed, want delivery only", closed)
	}
	if len(d.NewGaps) != 1 || d.NewGaps[0] != "Q-THREE" {
		t.Errorf("new gaps %v", d.NewGaps)
	}
	if len(d.Done) != 0 {
		// A-ONE is still planned for Q-THREE's new gap.
		t.Errorf("done %v", d.Done)
	}
}

func findAction(t *testing.T, r *Result, id string) PlanItem {
	t.Helper()
	for _, it := range r.Actions {
		if it.Action.ID == id {
			return it
		}
	}
	t.Fatalf("action %s not in the plan", id)
	return PlanItem{}
}

func prios(r *Result) []float64 {
	var out []float64
	for _, it := range r.Actions {
		out = append(out, it.Priority)
	}
	return out
}

// summary is the part of a result that must not vary between runs.
func summary(r *Result) interface{} {
	type act struct {
		ID   string
		P    float64
		Rank int
		Days int
	}
	var acts []act
	for _, it := range r.Actions {
		acts = append(acts, act{it.Action.ID, it.Priority, it.Rank, it.Days})
	}
	return struct {
		Overall Score
		Layers  []GroupScore
		Open    []bool
		Acts    []act
	}{r.Overall, r.Layers, openFlags(r), acts}
}

func openFlags(r *Result) []bool {
	var out []bool
	for _, p := range r.KillChain {
		out = append(out, p.Open)
	}
	return out
}

func TestParkedAnswersAreKeptButNotScored(t *testing.T) {
	b := smallBank(t)
	a := assess(b, mixed, answers{"Q-ONE": 5, "Q-FOUR": 1})
	a.SetAnswer("Q-THREE", q.Answer{Status: q.Answered, Level: 4, Parked: true, Note: "come back to it"}, day0)
	r := Compute(b, a, Options{})
	s, _ := r.Question("Q-THREE")
	if s.Scored() || s.Answer.Note != "come back to it" || s.Answer.Level != 4 {
		t.Errorf("parked: %+v", s)
	}
	if r.Counts.Parked != 1 || r.Counts.Unanswered != 2 || r.Counts.Answered != 2 { // Q-TWO is not answered at all
		t.Errorf("counts %+v", r.Counts)
	}
	if !r.Layer(q.LayerNetworks).Score.Empty {
		t.Errorf("a parked answer must not score its layer: %+v", r.Layer(q.LayerNetworks))
	}
}

func TestScheduleFillsEachWindowUpToCapacity(t *testing.T) {
	efforts := []q.Effort{q.EffortS, q.EffortM, q.EffortL, q.EffortS, q.EffortM, q.EffortL, q.EffortS, q.EffortS}
	status := map[int]string{6: "deferred"}
	want := []int{30, 30, 60, 30, 90, LaterDays, LaterDays, 30}
	var items []PlanItem
	for i, e := range efforts {
		items = append(items, PlanItem{Action: &q.Action{ID: fmt.Sprint("A", i), Effort: e}, EffortCost: e.Cost(),
			Priority: float64(100 - i), Status: status[i]})
	}
	schedule(items, day0, 5)
	for i, it := range items {
		if it.Days != want[i] {
			t.Errorf("item %d (%s): %d days, want %d", i+1, it.Action.Effort, it.Days, want[i])
		}
		if (it.Days == LaterDays) != it.Due.IsZero() {
			t.Errorf("item %d: due %v for %d days", i+1, it.Due, it.Days)
		}
	}
	// A window larger than the capacity still takes one action.
	big := []PlanItem{{Action: &q.Action{ID: "L", Effort: q.EffortL}, EffortCost: 4}}
	schedule(big, day0, 3)
	if big[0].Days != 30 {
		t.Errorf("an action larger than the capacity must still be planned: %d", big[0].Days)
	}
}

func TestDefaultBankPacesTheDemoSizedPlan(t *testing.T) {
	bank, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	r := Compute(bank, fullAssessment(bank), Options{Date: day0})
	load := map[int]float64{}
	for _, it := range r.Actions {
		load[it.Days] += it.EffortCost
	}
	capacity := float64(bank.Capacity["small"])
	for _, d := range []int{30, 60, 90} {
		if load[d] == 0 || load[d] > capacity {
			t.Errorf("%d-day window holds %g effort points; a small team has %g", d, load[d], capacity)
		}
	}
	if len(r.Roadmap(LaterDays)) == 0 {
		t.Error("a full plan for a small team should leave a backlog after 90 days")
	}
}

func TestScheduleKeepsDueDatesSetByHand(t *testing.T) {
	mk := func(id string, e q.Effort, due time.Time) PlanItem {
		return PlanItem{Action: &q.Action{ID: id, Effort: e}, EffortCost: e.Cost(), Due: due}
	}
	items := []PlanItem{
		mk("A", q.EffortS, day0.AddDate(0, 3, 15)), // set for mid-March: after 90 days
		mk("B", q.EffortM, day0.AddDate(0, 0, 45)), // set for 45 days: the 60-day window
		mk("C", q.EffortL, time.Time{}),            // 30 days (empty window)
		mk("D", q.EffortM, time.Time{}),            // 60 is taken by B up to 2; 2+2 fits in 5
	}
	schedule(items, day0, 5)
	want := []int{LaterDays, 60, 30, 60}
	for i, it := range items {
		if it.Days != want[i] {
			t.Errorf("%s: %d days, want %d", it.Action.ID, it.Days, want[i])
		}
	}
	if !items[0].Due.Equal(day0.AddDate(0, 3, 15)) {
		t.Errorf("a due date set by hand changed: %v", items[0].Due)
	}
}

// A profile that names no service model uses all three (issue 17): the
// wizard says "none chosen: all three", so the score must be the same as
// with all three named, never "not scored" with a share of 0%.
func TestBlankModelsScoreAsAllThree(t *testing.T) {
	b := smallBank(t)
	as := answers{"Q-ONE": 4, "Q-THREE": 2, "Q-FOUR": 1}
	blank := Compute(b, assess(b, q.Profile{Size: "small", Sensitivity: "high"}, as), Options{})
	all := Compute(b, assess(b, q.Profile{Size: "small", Sensitivity: "high", Models: q.Models}, as), Options{})
	if blank.Overall.Empty {
		t.Fatal("blank service models left the overall unscored")
	}
	if !near(blank.Overall.Level, all.Overall.Level) {
		t.Errorf("overall with no models %.3f, with all three %.3f", blank.Overall.Level, all.Overall.Level)
	}
	for i, g := range blank.Layers {
		if g.Share != all.Layers[i].Share {
			t.Errorf("layer %s: share %.2f with no models, %.2f with all three", g.ID, g.Share, all.Layers[i].Share)
		}
	}
	for _, qs := range blank.Questions {
		if qs.Share == 0 {
			if a, ok := all.Question(qs.Question.ID); ok && a.Share > 0 {
				t.Errorf("%s: share 0 with no models, %.2f with all three", qs.Question.ID, a.Share)
			}
		}
	}
}

// An answer kept over live evidence with a reason (issue 17) stays a
// contradiction on record, marked kept, while the answer and the
// suggestion are the ones it was kept over; new evidence asks again.
func TestKeptAnswerSettlesItsContradiction(t *testing.T) {
	b := smallBank(t)
	one, two := 1, 2
	a := assess(b, mixed, answers{"Q-ONE": 4})
	a.Evidence = map[string][]q.Evidence{"Q-ONE": {{Source: q.SourceLive, Status: "fail", Suggested: &one}}}
	r := Compute(b, a, Options{})
	c, ok := r.ContradictionOf("Q-ONE")
	if !ok || c.Kept != nil {
		t.Fatalf("contradiction %+v, %v: want one, not kept", c, ok)
	}
	ans := a.Answers["Q-ONE"]
	ans.Kept = &q.Kept{Level: 4, Suggested: 1, Reason: "MFA by the partner's IdP"}
	a.SetAnswer("Q-ONE", ans, day0)
	if c, ok := Compute(b, a, Options{}).ContradictionOf("Q-ONE"); !ok || c.Kept == nil || c.Kept.Reason != "MFA by the partner's IdP" {
		t.Fatalf("kept answer: contradiction %+v, %v", c, ok)
	}
	// new evidence suggesting another level: the warning is back
	a.Evidence["Q-ONE"][0].Suggested = &two
	if c, _ := Compute(b, a, Options{}).ContradictionOf("Q-ONE"); c.Kept != nil {
		t.Fatal("a kept answer held over new evidence")
	}
	// a reason is required
	a.Evidence["Q-ONE"][0].Suggested = &one
	ans.Kept.Reason = ""
	a.SetAnswer("Q-ONE", ans, day0)
	if c, _ := Compute(b, a, Options{}).ContradictionOf("Q-ONE"); c.Kept != nil {
		t.Fatal("kept without a reason")
	}
}
