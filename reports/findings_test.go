package reports

import (
	"fmt"
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
		if !f.Accepted && len(f.Actions) == 0 {
			t.Errorf("%s has no recommendation", f.ID)
		}
		if f.Risk == RiskCritical && len(f.Phases) == 0 {
			t.Errorf("%s is critical without an open phase it stops", f.ID)
		}
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
	if !ok || f.Response == nil || f.ResponseText() != "planned for 2027-01-31: Business Premium on order (Practice manager, "+a.Updated.Format("2006-01-02")+")" {
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
