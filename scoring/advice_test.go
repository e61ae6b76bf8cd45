package scoring

import (
	"os"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// editedBank is the small test bank with text replacements applied, each
// of which must match.
func editedBank(t *testing.T, edits ...string) *q.Bank {
	t.Helper()
	data, err := os.ReadFile("../questionnaire/testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(src, edits[i]) {
			t.Fatalf("the test bank has no %q", edits[i])
		}
		src = strings.Replace(src, edits[i], edits[i+1], 1)
	}
	b, err := q.ParseBank("small.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ranks(r *Result) map[string]int {
	out := map[string]int{}
	for _, it := range r.Actions {
		out[it.Action.ID] = it.Rank
	}
	return out
}

var allZero = answers{"Q-ONE": 0, "Q-TWO": 0, "Q-THREE": 0, "Q-FOUR": 0, "Q-FIVE": 0, "Q-SIX": 0}

// Review finding 2: an action never ranks above what it depends on: the
// bank's after:, and on one question's ladder a free rung before a paid
// one of the same or a higher level, whatever the priority sums say.
func TestPlanRespectsDependencies(t *testing.T) {
	paid := "licences:\n  - {id: paid, name: Paid service, kind: azure-usage}\nactions:"
	cases := []struct {
		name   string
		edits  []string
		first  string // must rank above…
		second string
		after  bool // second.After names first
	}{
		{"priority alone", nil, "A-TWO", "A-FOUR", false},
		{"bank after: pulls the prerequisite up", []string{"    reaches: {Q-TWO: 4, Q-FIVE: 5}\n", "    reaches: {Q-TWO: 4, Q-FIVE: 5}\n    after: [A-FOUR]\n"}, "A-FOUR", "A-TWO", true},
		// Q-THREE's ladder: A-ONE reaches 3, A-THREE 5. Made large, free
		// A-ONE ranks below small A-THREE…
		{"two free rungs: priority decides", []string{"effort: S\n    owner: Identity administrator", "effort: L\n    owner: Identity administrator",
			"effort: L\n    owner: Network engineer", "effort: S\n    owner: Network engineer"}, "A-THREE", "A-ONE", false},
		// …until A-THREE needs a paid service: the free rung comes first.
		{"a paid rung waits for the free one", []string{"effort: S\n    owner: Identity administrator", "effort: L\n    owner: Identity administrator",
			"effort: L\n    owner: Network engineer", "effort: S\n    owner: Network engineer\n    licences: [paid]", "actions:", paid}, "A-ONE", "A-THREE", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := editedBank(t, c.edits...)
			// Q-ONE at its best: A-ONE counts for Q-THREE only
			as := answers{"Q-ONE": 5, "Q-TWO": 0, "Q-THREE": 0, "Q-FOUR": 0, "Q-FIVE": 0, "Q-SIX": 0}
			r := Compute(b, assess(b, iaasSmall, as), Options{})
			rk := ranks(r)
			if rk[c.first] == 0 || rk[c.second] == 0 {
				t.Fatalf("not both in the plan: %v", rk)
			}
			if rk[c.first] >= rk[c.second] {
				t.Errorf("%s ranks %d, %s ranks %d: want %s first", c.first, rk[c.first], c.second, rk[c.second], c.first)
			}
			it := findAction(t, r, c.second)
			if got := len(it.After) > 0 && it.After[0] == c.first; got != c.after {
				t.Errorf("%s.After = %v", c.second, it.After)
			}
		})
	}
}

// Review finding 5: a recovery control's course at actions on objectives
// weighs as a break (RecoveryBonus) for the most sensitive data only.
func TestRecoveryFactor(t *testing.T) {
	b := editedBank(t, "      - {phase: reconnaissance, course: deny}\n    actions: [A-FOUR]",
		"      - {phase: actions-on-objectives, course: detect}\n    recovery: true\n    actions: [A-FOUR]")
	// high and critical share the test bank's top target (4): both are
	// the highest sensitivity
	for _, c := range []struct {
		sensitivity string
		want        float64
	}{
		{"critical", 1 + RecoveryBonus},
		{"high", 1 + RecoveryBonus},
		{"moderate", 1 + KillChainOtherBonus},
		{"low", 1 + KillChainOtherBonus},
	} {
		p := iaasSmall
		p.Sensitivity = c.sensitivity
		r := Compute(b, assess(b, p, allZero), Options{})
		var got float64
		for _, s := range r.Questions {
			if s.Question.ID == "Q-FOUR" {
				got = r.Exposure(s).KillChain
			}
		}
		if !near(got, c.want) {
			t.Errorf("%s: kill-chain factor %.2f, want %.2f", c.sensitivity, got, c.want)
		}
	}
	// Without the recovery mark the same link adds the ordinary bonus.
	plain := editedBank(t, "      - {phase: reconnaissance, course: deny}\n    actions: [A-FOUR]",
		"      - {phase: actions-on-objectives, course: detect}\n    actions: [A-FOUR]")
	r := Compute(plain, assess(plain, iaasSmall, allZero), Options{})
	for _, s := range r.Questions {
		if s.Question.ID == "Q-FOUR" && !near(r.Exposure(s).KillChain, 1+KillChainOtherBonus) {
			t.Errorf("unmarked: %.2f", r.Exposure(s).KillChain)
		}
	}
}

// Review finding 1: immediate steps appear for questions answered at level
// 0 or 1 only: not at 2, not for "don't know", not under a risk acceptance
// in force, not once the action is done.
func TestImmediateSteps(t *testing.T) {
	b := editedBank(t, "    reaches: {Q-FOUR: 5}\n", "    reaches: {Q-FOUR: 5}\n    immediate: {step: Disable the old supplier's account, removes: credential}\n")
	cases := []struct {
		name string
		set  func(a *q.Assessment)
		want bool
	}{
		{"level 0", func(a *q.Assessment) { a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 0}, day0) }, true},
		{"level 1", func(a *q.Assessment) { a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 1}, day0) }, true},
		{"level 2", func(a *q.Assessment) { a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 2}, day0) }, false},
		{"don't know", func(a *q.Assessment) { a.SetAnswer("Q-FOUR", q.Answer{Status: q.Unknown}, day0) }, false},
		{"risk accepted", func(a *q.Assessment) {
			a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 0, Exception: &q.Exception{Kind: q.RiskAccepted, Owner: "CEO",
				Justification: "until the move", Review: day0.AddDate(1, 0, 0)}}, day0)
		}, false},
		{"risk acceptance expired", func(a *q.Assessment) {
			a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 0, Exception: &q.Exception{Kind: q.RiskAccepted, Owner: "CEO",
				Justification: "until the move", Review: day0.AddDate(0, -1, 0)}}, day0)
		}, true},
		{"action done", func(a *q.Assessment) {
			a.SetAnswer("Q-FOUR", q.Answer{Status: q.Answered, Level: 0}, day0)
			a.Actions = map[string]q.ActionState{"A-FOUR": {Status: "done"}}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := assess(b, iaasSmall, answers{"Q-ONE": 3})
			c.set(a)
			ims := Compute(b, a, Options{}).Immediate()
			got := len(ims) == 1 && ims[0].Action.ID == "A-FOUR" && ims[0].Removes == "credential" && ims[0].Questions[0] == "Q-FOUR"
			if got != c.want || len(ims) > 1 {
				t.Errorf("immediate = %+v, want A-FOUR %v", ims, c.want)
			}
		})
	}
}

// Review findings 6 and 13: the plan names the people of the profile's
// owners map, and judges licences against the profile's plans: a licence
// the client holds is paid for (the action can be a quick win); one it
// lacks is listed as missing.
func TestPlanOwnersAndLicences(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	base := q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS}}
	all := map[string]int{}
	for _, qq := range b.Questions {
		all[qq.ID] = 0
	}
	for _, c := range []struct {
		name     string
		licences []string
		missing  bool
	}{
		{"plans unknown", nil, false},
		{"Business Standard lacks Entra ID P1", []string{"m365-business-standard"}, true},
		{"Business Premium has it", []string{"m365-business-premium"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base
			p.Licences = c.licences
			p.Owners = map[string]string{"identity-admin": "Tom Briggs"}
			r := Compute(b, assess(b, p, answers(all)), Options{})
			ca := findAction(t, r, "A-CA-DESIGN") // needs entra-p1, no free path
			if got := len(ca.Missing) > 0; got != c.missing {
				t.Errorf("A-CA-DESIGN missing %v", ca.Missing)
			}
			if ca.Owner != "Tom Briggs" {
				t.Errorf("owner %q", ca.Owner)
			}
			// a licence the client holds is paid for; one it lacks is not
			if c.licences != nil && ca.needsPaid() != c.missing {
				t.Errorf("needs a paid service: %v with %v", ca.needsPaid(), c.licences)
			}
			for _, it := range r.Actions {
				if it.QuickWin && len(it.Missing) > 0 && !it.Action.FreePath {
					t.Errorf("%s is a quick win but needs %v the client lacks", it.Action.ID, it.Missing)
				}
				if strings.Contains(it.Owner, "Tom") == strings.HasSuffix(it.Owner, "(to assign)") {
					t.Errorf("%s owner %q", it.Action.ID, it.Owner)
				}
			}
		})
	}
}
