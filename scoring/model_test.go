package scoring

import (
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

func defaultBank(t testing.TB) *q.Bank {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answerAll gives every question the profile is asked the same level.
func answerAll(b *q.Bank, p q.Profile, level int) *q.Assessment {
	now := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	a := q.NewAssessment(b, p, now)
	for _, qq := range q.Tailor(b, p).Asked {
		a.SetAnswer(qq.ID, q.Answer{Status: q.Answered, Level: level}, now)
	}
	return a
}

var everything = q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS},
	Services: []string{"virtual-machines", "app-service", "sql", "storage", "aks", "key-vault", "m365", "front-door", "devops", "hybrid-network", "ad-sync"}}

// TestSparseAssessmentJudgesNoPhase: one strong answer is no evidence about
// a phase with many controls; no phase may be called broken or open until
// enough of its controls are answered.
func TestSparseAssessmentJudgesNoPhase(t *testing.T) {
	b := defaultBank(t)
	now := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	a := q.NewAssessment(b, everything, now)
	a.SetAnswer("NET-EXPOSURE", q.Answer{Status: q.Answered, Level: 5}, now)
	a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Unknown}, now)
	r := Compute(b, a, Options{})
	for _, p := range r.KillChain {
		if p.Controls < 2 {
			t.Errorf("%s has %d controls in the default bank; every phase needs at least two to be judged fairly", p.Phase, p.Controls)
		}
		if b.AttackerSide(p.Phase) {
			// the attacker's side is never judged, whatever the answers
			if p.Verdict != VerdictAttackerSide {
				t.Errorf("%s is on the attacker's side, yet %s", p.Phase, p.Verdict)
			}
			continue
		}
		if p.Verdict != VerdictInsufficient {
			t.Errorf("%s is %s on %d answered of %d (needed %d)", p.Phase, p.Verdict, p.Answered, p.Controls, p.Needed)
		}
	}
	// Answer everything at 0 and the phases are judged: open.
	r = Compute(b, answerAll(b, everything, 0), Options{})
	for _, p := range r.KillChain {
		if p.Verdict != VerdictOpen && !b.AttackerSide(p.Phase) {
			t.Errorf("all at 0: %s is %s", p.Phase, p.Verdict)
		}
	}
	// And at 5 every phase with a control that breaks it is broken.
	r = Compute(b, answerAll(b, everything, 5), Options{})
	for _, p := range r.KillChain {
		if p.Breakers > 0 && p.Verdict != VerdictBroken && !b.AttackerSide(p.Phase) {
			t.Errorf("all at 5: %s is %s", p.Phase, p.Verdict)
		}
	}
}

// TestCourseCountsFromItsLevel: a control at its target but below the level
// at which it provides a course does not provide it (MON-DETECT deceives
// only with decoys, at level 5).
func TestCourseCountsFromItsLevel(t *testing.T) {
	b := defaultBank(t)
	deceives := func(level, target int) bool {
		a := answerAll(b, everything, 0)
		a.SetAnswer("MON-DETECT", q.Answer{Status: q.Answered, Level: level}, a.Updated)
		a.Targets = map[string]int{"MON-DETECT": target}
		r := Compute(b, a, Options{})
		for _, c := range r.Phase(q.ActionsOnObject).Courses {
			if c.Course == q.Deceive {
				return c.Met
			}
		}
		t.Fatal("actions on objectives has no deceive course")
		return false
	}
	if deceives(4, 3) {
		t.Error("MON-DETECT at 4 (above its target 3) deceives; decoys come at level 5")
	}
	if !deceives(5, 3) {
		t.Error("MON-DETECT at 5 does not deceive")
	}
	if deceives(5, 5) == false {
		t.Error("MON-DETECT at its target 5 does not deceive")
	}
}

// TestMicroBusinessSeesNoEnterpriseRole: every owner in a micro business's
// plan is named as a micro business would have it.
func TestMicroBusinessSeesNoEnterpriseRole(t *testing.T) {
	b := defaultBank(t)
	p := everything
	p.Size = "micro"
	r := Compute(b, answerAll(b, p, 0), Options{})
	if len(r.Actions) < 20 {
		t.Fatalf("only %d actions for an all-zero assessment", len(r.Actions))
	}
	for _, it := range r.Actions {
		if want := b.RoleName(it.Action.Owner, "micro"); it.Owner != want {
			t.Errorf("%s owner %q, want the micro name %q", it.Action.ID, it.Owner, want)
		}
		for _, word := range []string{"team", "engineer", "CISO", "officer", "operations", "platform", "Executive"} {
			if strings.Contains(it.Owner, word) {
				t.Errorf("%s owner %q is an enterprise role (%q) for a micro business", it.Action.ID, it.Owner, word)
			}
		}
	}
	// The same plan for an enterprise names the platform team.
	p.Size = "enterprise"
	r = Compute(b, answerAll(b, p, 0), Options{})
	found := false
	for _, it := range r.Actions {
		found = found || strings.Contains(it.Owner, "platform")
	}
	if !found {
		t.Error("an enterprise plan names no platform team")
	}
}

// TestNoSoftwareNoDependabot: an organization that builds no software gets
// no Dependabot, GitHub Advanced Security or secure-coding action.
func TestNoSoftwareNoDependabot(t *testing.T) {
	b := defaultBank(t)
	no := false
	p := everything
	p.BuildsSoftware = &no
	r := Compute(b, answerAll(b, p, 0), Options{})
	for _, it := range r.Actions {
		text := it.Action.Title + " " + it.Action.Detail
		if it.Action.BuildsSoftware || strings.Contains(text, "Dependabot") || strings.Contains(text, "Advanced Security") {
			t.Errorf("%s (%s) is in the plan of an organization that builds no software", it.Action.ID, it.Action.Title)
		}
	}
	// A builder gets them.
	yes := true
	p.BuildsSoftware = &yes
	r = Compute(b, answerAll(b, p, 0), Options{})
	got := false
	for _, it := range r.Actions {
		got = got || it.Action.ID == "A-DEPENDENCY-SCAN"
	}
	if !got {
		t.Error("a software builder's plan has no dependency scanning")
	}
}

// TestPlanCarriesLicencesAndCost: the plan item carries what the action
// needs, and no cost band is claimed without a sourced price.
func TestPlanCarriesLicencesAndCost(t *testing.T) {
	b := defaultBank(t)
	r := Compute(b, answerAll(b, everything, 0), Options{})
	seen := map[string]PlanItem{}
	for _, it := range r.Actions {
		seen[it.Action.ID] = it
	}
	pim, ok := seen["A-PIM-ADMINS"]
	if !ok || len(pim.Cost.Licences) == 0 || !strings.Contains(pim.Cost.Licences[0].Name, "P2") {
		t.Errorf("A-PIM-ADMINS licences %+v", pim.Cost)
	}
	if pim.Cost.Band != "" {
		t.Errorf("A-PIM-ADMINS has cost band %q without a sourced price", pim.Cost.Band)
	}
	if it := seen["A-IR-PLAN"]; it.Cost.Band != "none" {
		t.Errorf("writing the incident plan needs no licence, band %q", it.Cost.Band)
	}
	for _, it := range r.Actions {
		for _, l := range it.Cost.Licences {
			if l.Band != "" && (l.Price == "" || l.Source == "") {
				t.Errorf("%s: licence %s has band %s without price and source", it.Action.ID, l.ID, l.Band)
			}
		}
	}
}
