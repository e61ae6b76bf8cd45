package scoring

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// ladderBank is one question (levels 0–5) with the given actions: each
// "ID:effort:reaches[:min_size]".
func ladderBank(t *testing.T, actions ...string) *q.Bank {
	t.Helper()
	var acts, ids []string
	for _, spec := range actions {
		f := strings.Split(spec, ":")
		a := fmt.Sprintf("  - id: %s\n    title: Do %s\n    detail: d\n    effort: %s\n    owner: someone\n    reaches: {Q-L: %s}\n", f[0], f[0], f[1], f[2])
		if len(f) > 3 {
			a += "    min_size: " + f[3] + "\n"
		}
		acts = append(acts, a)
		ids = append(ids, f[0])
	}
	head, err := os.ReadFile("../questionnaire/testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The small test bank's layers, domains, tables and targets, with
	// these actions and one question.
	src := string(head[:strings.Index(string(head), "\nfacts:")+1]) + `actions:
` + strings.Join(acts, "") + `questions:
  - id: Q-L
    layer: applications
    domain: identity
    step: 4
    text: A question?
    help: h
    facilitator: f
    options:
      - {level: 0, label: L0, description: d}
      - {level: 1, label: L1, description: d}
      - {level: 2, label: L2, description: d}
      - {level: 3, label: L3, description: d}
      - {level: 4, label: L4, description: d}
      - {level: 5, label: L5, description: d}
    models: [iaas, paas, saas]
    weight: 2
    no_kill_chain: governance only
    actions: [` + strings.Join(ids, ", ") + `]
`
	b, err := q.ParseBank("ladder.yaml", []byte(src))
	if err != nil {
		t.Fatalf("ladder bank: %v", err)
	}
	return b
}

// TestLadderChoosesActionsUpToTheTarget: for a question with a gap the plan
// takes its actions in order of the level they reach (lowest first,
// cheapest first at equal level), leaves out those at or below the current
// level, stops at the first that reaches the target, and lists the rest as
// beyond the target.
func TestLadderChoosesActionsUpToTheTarget(t *testing.T) {
	cases := []struct {
		name           string
		level, target  int
		size           string
		actions        []string
		chosen, beyond []string
		short          int // -1: reaches the target; else the level reached
	}{
		{"climb to target", 0, 4, "small", []string{"A-TWO:S:2", "A-FOUR:M:4", "A-FIVE:L:5"}, []string{"A-TWO", "A-FOUR"}, []string{"A-FIVE"}, -1},
		{"bank order does not matter", 0, 4, "small", []string{"A-FIVE:L:5", "A-FOUR:M:4", "A-TWO:S:2"}, []string{"A-TWO", "A-FOUR"}, []string{"A-FIVE"}, -1},
		{"done rungs left out", 2, 4, "small", []string{"A-TWO:S:2", "A-THREE:S:3", "A-FOUR:M:4"}, []string{"A-THREE", "A-FOUR"}, nil, -1},
		{"one rung overshoots the target", 1, 3, "small", []string{"A-FOUR:M:4", "A-FIVE:L:5"}, []string{"A-FOUR"}, []string{"A-FIVE"}, -1},
		{"cheapest of equal level", 0, 3, "small", []string{"A-BIG:L:3", "A-SMALL:S:3", "A-MID:M:3"}, []string{"A-SMALL"}, []string{"A-MID", "A-BIG"}, -1},
		{"equal cost keeps bank order", 0, 3, "small", []string{"A-X:M:3", "A-Y:M:3"}, []string{"A-X"}, []string{"A-Y"}, -1},
		{"short of target: take all", 0, 5, "small", []string{"A-TWO:S:2", "A-THREE:M:3"}, []string{"A-TWO", "A-THREE"}, nil, 3},
		{"nothing above the current level", 3, 4, "small", []string{"A-TWO:S:2", "A-THREE:M:3"}, nil, nil, 3},
		{"size filter before the ladder", 0, 4, "small", []string{"A-SIEM:M:4:medium", "A-MDR:M:4", "A-REVIEW:S:2"}, []string{"A-REVIEW", "A-MDR"}, nil, -1},
		{"size filter, larger org", 0, 4, "large", []string{"A-SIEM:M:4:medium", "A-MDR:M:4", "A-REVIEW:S:2"}, []string{"A-REVIEW", "A-SIEM"}, []string{"A-MDR"}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := ladderBank(t, c.actions...)
			qq, _ := b.Question("Q-L")
			s := QuestionScore{Question: qq, Level: c.level, Target: c.target, Gap: c.target - c.level}
			chosen, beyond, reached := ladder(b, s, false, c.size, nil, nil)
			if got := rungIDs(chosen); !reflect.DeepEqual(got, c.chosen) {
				t.Errorf("chosen %v, want %v", got, c.chosen)
			}
			if got := rungIDs(beyond); !reflect.DeepEqual(got, c.beyond) {
				t.Errorf("beyond %v, want %v", got, c.beyond)
			}
			if c.short < 0 && reached < c.target {
				t.Errorf("reached %d, short of target %d", reached, c.target)
			}
			if c.short >= 0 && reached != c.short {
				t.Errorf("reached %d, want %d", reached, c.short)
			}
		})
	}
}

func rungIDs(rs []rung) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.act.ID)
	}
	return out
}

// TestPlanListsBeyondAndShortFalls: through Compute, the actions beyond the
// target are in Result.Beyond (with the planned action of the same level
// named when they only match it), not in the plan, and a question whose
// actions stop below its target is a ShortFall.
func TestPlanListsBeyondAndShortFalls(t *testing.T) {
	b := ladderBank(t, "A-TWO:S:2", "A-FOUR:M:4", "A-FOUR-TOO:L:4", "A-FIVE:L:5")
	p := q.Profile{Size: "small", Sensitivity: "high", Models: q.Models}
	a := q.NewAssessment(b, p, day0)
	a.SetAnswer("Q-L", q.Answer{Status: q.Answered, Level: 1}, day0)
	r := Compute(b, a, Options{})
	var planned []string
	for _, it := range r.Actions {
		planned = append(planned, it.Action.ID)
	}
	if want := []string{"A-TWO", "A-FOUR"}; !sameSet(planned, want) {
		t.Fatalf("plan %v, want %v", planned, want)
	}
	got := map[string]BeyondRung{}
	for _, w := range r.Beyond {
		if len(w.For) != 1 {
			t.Fatalf("%s: %d rungs", w.Action.ID, len(w.For))
		}
		got[w.Action.ID] = w.For[0]
	}
	want := map[string]BeyondRung{
		"A-FOUR-TOO": {QuestionID: "Q-L", Level: 1, Target: 4, Reaches: 4, SameAs: "A-FOUR"},
		"A-FIVE":     {QuestionID: "Q-L", Level: 1, Target: 4, Reaches: 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("beyond %+v, want %+v", got, want)
	}
	if len(r.ShortFalls) != 0 {
		t.Errorf("short falls %+v, want none", r.ShortFalls)
	}
	// At level 4 the target is met; asking for 5 takes A-FIVE alone.
	a.SetAnswer("Q-L", q.Answer{Status: q.Answered, Level: 4}, day0)
	a.Targets = map[string]int{"Q-L": 5}
	r = Compute(b, a, Options{})
	if len(r.Actions) != 1 || r.Actions[0].Action.ID != "A-FIVE" || len(r.Beyond) != 0 {
		t.Errorf("level 4, target 5: plan %d items, beyond %d", len(r.Actions), len(r.Beyond))
	}
	// Without A-FIVE the same gap has no action above level 4: a short fall.
	b = ladderBank(t, "A-TWO:S:2", "A-FOUR:M:4")
	a = q.NewAssessment(b, p, day0)
	a.SetAnswer("Q-L", q.Answer{Status: q.Answered, Level: 4}, day0)
	a.Targets = map[string]int{"Q-L": 5}
	r = Compute(b, a, Options{})
	if len(r.Actions) != 0 || !reflect.DeepEqual(r.ShortFalls, []ShortFall{{QuestionID: "Q-L", Level: 4, Target: 5, Reaches: 4}}) {
		t.Errorf("plan %d items, short falls %+v", len(r.Actions), r.ShortFalls)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestDemoPlanClimbsEachLadder: on the demo (a 28-person dental group) the
// plan is smaller than "every action of every gap" and still covers every
// gap: each question with a gap has a planned action reaching its target,
// or is a short fall whose planned actions reach the highest level the
// bank's actions for it offer. No planned action counts for a question it
// would not raise, and nothing left out vanishes: every action of a gap
// question is planned, beyond the target, already done (at or below the
// current level) or kept out by size or software building.
func TestDemoPlanClimbsEachLadder(t *testing.T) {
	r := demo(t, "")
	b := r.Bank
	all := map[string]bool{}
	planned := map[string]PlanItem{}
	for _, it := range r.Actions {
		planned[it.Action.ID] = it
	}
	beyond := map[string]bool{}
	for _, w := range r.Beyond {
		beyond[w.Action.ID] = true
		if _, ok := planned[w.Action.ID]; ok {
			t.Errorf("%s is both planned and beyond the target", w.Action.ID)
		}
	}
	short := map[string]ShortFall{}
	for _, s := range r.ShortFalls {
		short[s.QuestionID] = s
	}
	builds := r.Profile.SoftwareBuilder()
	gaps := 0
	for _, s := range r.Questions {
		if s.Gap == 0 || s.Accepted() {
			continue
		}
		gaps++
		best, top := s.Level, s.Level
		for _, aid := range s.Question.Actions {
			act, _ := b.Action(aid)
			if act.BuildsSoftware && !builds || !act.ForSize(r.Profile.Size) {
				continue
			}
			all[aid] = true
			l, ok := act.ReachesFor(s.Question.ID)
			if !ok {
				t.Fatalf("%s has no reach level for %s", aid, s.Question.ID)
			}
			top = max(top, l)
			it, in := planned[aid]
			counts := false
			for _, c := range it.Contributions {
				counts = counts || c.QuestionID == s.Question.ID
			}
			switch {
			case counts && l <= s.Level:
				t.Errorf("%s: planned %s reaches %d, at or below the current level %d", s.Question.ID, aid, l, s.Level)
			case counts:
				best = max(best, l)
			case l > s.Level && !in && !beyond[aid]:
				t.Errorf("%s: %s (reaches %d, level %d, target %d) vanished: neither planned nor beyond", s.Question.ID, aid, l, s.Level, s.Target)
			}
		}
		sf, isShort := short[s.Question.ID]
		switch {
		case best >= s.Target && isShort:
			t.Errorf("%s reaches its target %d but is listed short", s.Question.ID, s.Target)
		case best < s.Target && (!isShort || sf.Reaches != best || best != top):
			t.Errorf("%s: planned actions reach %d of target %d, the bank offers %d; short fall %+v", s.Question.ID, best, s.Target, top, sf)
		}
	}
	if len(r.Actions) >= len(all) {
		t.Errorf("plan %d actions, every action of every gap %d: the ladder left nothing out", len(r.Actions), len(all))
	}
	t.Logf("demo: %d questions with a gap; plan %d actions (every action of every gap: %d); %d quick wins; %d beyond the target; %d short falls; %d fit the year",
		gaps, len(r.Actions), len(all), len(r.QuickWins()), len(r.Beyond), len(r.ShortFalls), r.FitsInYear())
}
