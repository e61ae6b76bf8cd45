package reports

import (
	"fmt"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func TestRateRisk(t *testing.T) {
	for _, tc := range []struct {
		exp    float64
		breaks bool
		want   Risk
	}{
		{RiskCriticalExposure, true, RiskCritical},
		{RiskCriticalExposure, false, RiskHigh}, // stops no open phase: never critical
		{RiskCriticalExposure - 0.01, true, RiskHigh},
		{RiskHighExposure, false, RiskHigh},
		{RiskHighExposure - 0.01, true, RiskMedium},
		{RiskMediumExposure, false, RiskMedium},
		{RiskMediumExposure - 0.01, true, RiskLow},
		{0, false, RiskLow},
	} {
		if got := RateRisk(tc.exp, tc.breaks); got != tc.want {
			t.Errorf("RateRisk(%g, %v) = %s, want %s", tc.exp, tc.breaks, got, tc.want)
		}
	}
}

func TestDemoFindings(t *testing.T) {
	b, a := demoAssessment(t)
	a.SetResponse("ID-MFA-ADMIN", q.Response{Status: q.ResponsePlanned, Date: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Comment: "Business Premium on order", Who: "Practice manager"}, a.Updated)
	r := scoring.Compute(b, a, scoring.Options{})
	fs := Findings(r)
	gaps := 0
	for _, s := range r.Questions {
		if s.Scored() && s.Gap > 0 {
			gaps++
		}
	}
	if len(fs) != gaps || gaps == 0 {
		t.Fatalf("%d findings for %d gaps", len(fs), gaps)
	}
	count := map[Risk]int{}
	seen := map[string]bool{}
	shorts := 0
	for i, f := range fs {
		count[f.Risk]++
		if want := fmt.Sprintf("F-%02d", i+1); f.ID != want {
			t.Errorf("finding %d numbered %s", i, f.ID)
		}
		if seen[f.QuestionID] {
			t.Errorf("%s has two findings", f.QuestionID)
		}
		seen[f.QuestionID] = true
		if i > 0 && f.Risk.rank() < fs[i-1].Risk.rank() {
			t.Errorf("%s (%s) after %s (%s): not ordered by risk", f.ID, f.Risk, fs[i-1].ID, fs[i-1].Risk)
		}
		if f.Impact == "" || f.Owner == "" || f.Cost == "" {
			t.Errorf("%s lacks impact, owner or cost: %+v", f.ID, f)
		}
		if !f.Accepted && len(f.Actions) == 0 && !strings.HasPrefix(f.Short, "no action in this plan") {
			t.Errorf("%s has no recommendation and does not say why", f.ID)
		}
		if f.Short != "" {
			shorts++
		}
		// The recommendation is the ladder's choice for this question.
		for _, id := range f.Actions {
			if it, ok := planItem(r, id); !f.Accepted && (!ok || !contributesTo(it, f.QuestionID)) {
				t.Errorf("%s recommends %s, which the plan does not take for %s", f.ID, id, f.QuestionID)
			}
		}
		if f.Risk == RiskCritical && len(f.Phases) == 0 {
			t.Errorf("%s is critical without an open phase it stops", f.ID)
		}
	}
	if shorts != len(r.ShortFalls) || shorts == 0 {
		t.Errorf("%d findings say they stop short, the plan has %d short falls", shorts, len(r.ShortFalls))
	}
	for _, r := range Risks {
		if count[r] == 0 && r != RiskLow {
			t.Errorf("the demo has no %s finding: the rule does not spread (%v)", r, count)
		}
	}
	if count[RiskCritical] > len(fs)/4 {
		t.Errorf("%d of %d findings critical: a rating that calls everything critical says nothing", count[RiskCritical], len(fs))
	}
	f, ok := FindingOf(fs, "ID-MFA-ADMIN")
	if !ok || f.Response == nil || f.ResponseText() != "Agree with plan, by 2027-01-31: Business Premium on order (Practice manager, "+a.Updated.Format("2006-01-02")+")" {
		t.Errorf("response not carried: %+v", f.Response)
	}
	// the response is keyed by question: renumbering keeps it
	a.SetAnswer("HOST-ACCESS", q.Answer{Status: q.Answered, Level: 5}, a.Updated)
	f2, _ := FindingOf(Findings(scoring.Compute(b, a, scoring.Options{})), "ID-MFA-ADMIN")
	if f2.ID == f.ID || f2.Response == nil {
		t.Errorf("renumbered %s → %s, response %v", f.ID, f2.ID, f2.Response)
	}
}

func TestUnknownIsAFindingNotApplicableIsNot(t *testing.T) {
	b, a := demoAssessment(t)
	a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Unknown}, a.Updated)
	a.SetAnswer("HOST-ACCESS", q.Answer{Status: q.NotApplicable}, a.Updated)
	fs := Findings(scoring.Compute(b, a, scoring.Options{}))
	f, ok := FindingOf(fs, "ID-MFA-ADMIN")
	if !ok || !f.Unknown || f.Risk != RiskCritical {
		t.Errorf("don't know on admin MFA: %+v", f)
	}
	if _, ok := FindingOf(fs, "HOST-ACCESS"); ok {
		t.Error("a not-applicable question became a finding")
	}
}

func planItem(r *scoring.Result, id string) (scoring.PlanItem, bool) {
	for _, it := range r.Actions {
		if it.Action.ID == id {
			return it, true
		}
	}
	return scoring.PlanItem{}, false
}

// A finding's title is an observation from the bank (topic, the answered
// level's label, the target), not the question; every finding of the demo
// gets one, and they are unique.
func TestFindingTitles(t *testing.T) {
	r := demoResult(t)
	fs := Findings(r)
	seen := map[string]string{}
	for _, f := range fs {
		s, _ := r.Question(f.QuestionID)
		if strings.HasSuffix(f.Title, "?") || f.Title == f.Question {
			t.Errorf("%s is titled with the question: %q", f.ID, f.Title)
		}
		if !strings.HasPrefix(f.Title, s.Question.Topic+": ") {
			t.Errorf("%s title %q does not start with its topic %q", f.ID, f.Title, s.Question.Topic)
		}
		want := fmt.Sprintf("(level %d of target %d)", f.Level, f.Target)
		if f.Unknown {
			want = fmt.Sprintf("not known, to verify (target %d)", f.Target)
		}
		if !strings.HasSuffix(f.Title, want) {
			t.Errorf("%s title %q does not end with %q", f.ID, f.Title, want)
		}
		if !f.Unknown && !strings.Contains(strings.ToLower(f.Title), strings.ToLower(f.Answer)) {
			t.Errorf("%s title %q does not say the answer %q", f.ID, f.Title, f.Answer)
		}
		if other, ok := seen[f.Title]; ok {
			t.Errorf("%s and %s share the title %q", other, f.ID, f.Title)
		}
		seen[f.Title] = f.ID
	}
	for in, want := range map[string]string{"Passwords only": "passwords only", "MFA required": "MFA required",
		"Azure Policy audit": "Azure Policy audit", "Entra ID only": "Entra ID only", "None": "none",
		"A few denies": "a few denies", "Secure Score reviewed": "Secure Score reviewed", "WAF on the main site": "WAF on the main site", "No WAF": "no WAF", "Tell IT": "tell IT", "In Key Vault": "in Key Vault"} {
		if got := labelCase(in); got != want {
			t.Errorf("labelCase(%q) = %q, want %q", in, got, want)
		}
	}
}
