package scoring

import (
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

func withException(a *q.Assessment, id string, level int, e *q.Exception) *q.Assessment {
	a.SetAnswer(id, q.Answer{Status: q.Answered, Level: level, Exception: e}, day0)
	return a
}

func compensating() *q.Exception {
	return &q.Exception{Kind: q.Compensating, Control: "Jump host with FIDO2 keys", Justification: "Admin portals only reachable from it"}
}

func accepted(review time.Time) *q.Exception {
	return &q.Exception{Kind: q.RiskAccepted, Owner: "Dr. Haddad", Justification: "Vendor upgrade in 2027", Review: review}
}

func TestCompensatingControlCountsInScoresAndKillChain(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name      string
		level     int
		exception *q.Exception
		layer     float64
		delivery  bool // open
		comp      bool
	}{
		{"native level", 1, nil, 1, true, false},
		{"compensating control granted level 5", 5, compensating(), 5, false, true},
		{"compensating control below target", 3, compensating(), 3, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := withException(assess(b, mixed, answers{"Q-FOUR": 5}), "Q-ONE", c.level, c.exception)
			r := Compute(b, a, Options{})
			if got := r.Layer(q.LayerApplications).Score.Level; !near(got, c.layer) {
				t.Errorf("applications %.2f, want %.2f", got, c.layer)
			}
			ph := r.Phase(q.Delivery)
			if ph.Open != c.delivery {
				t.Errorf("delivery open=%v, want %v", ph.Open, c.delivery)
			}
			for _, cc := range ph.Courses {
				for _, ctl := range cc.Controls {
					if ctl.QuestionID == "Q-ONE" && ctl.Compensating != c.comp {
						t.Errorf("control compensating=%v", ctl.Compensating)
					}
				}
			}
			if len(r.Risks) != 0 {
				t.Errorf("a compensating control is not a risk: %+v", r.Risks)
			}
		})
	}
}

func TestAcceptedRiskLeavesThePlanUntilItsReview(t *testing.T) {
	b := smallBank(t)
	review := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		date     time.Time
		planned  bool // A-ONE's Q-ONE contribution in the plan
		expired  bool
		priority float64
	}{
		{"in force", day0, false, false, 0},
		{"on the review day itself", review, false, false, 0},
		{"expired the day after", review.AddDate(0, 0, 1), true, true, 18},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := withException(assess(b, mixed, answers{"Q-FOUR": 5}), "Q-ONE", 1, accepted(review))
			r := Compute(b, a, Options{Date: c.date})
			if got := r.Layer(q.LayerApplications).Score.Level; got != 1 {
				t.Errorf("an accepted risk keeps its gap in the score: %.2f", got)
			}
			if s, _ := r.Question("Q-ONE"); s.Gap != 3 {
				t.Errorf("gap %d, want 3", s.Gap)
			}
			var it *PlanItem
			for i := range r.Actions {
				if r.Actions[i].Action.ID == "A-ONE" {
					it = &r.Actions[i]
				}
			}
			if (it != nil) != c.planned {
				t.Fatalf("A-ONE planned=%v, want %v", it != nil, c.planned)
			}
			if it != nil && (it.Priority != c.priority || it.ExpiredRisk != c.expired) {
				t.Errorf("A-ONE priority %.2f expired %v", it.Priority, it.ExpiredRisk)
			}
			if len(r.Risks) != 1 || r.Risks[0].Expired != c.expired || r.Risks[0].Owner != "Dr. Haddad" || r.Risks[0].Actions[0] != "A-ONE" {
				t.Errorf("risk register %+v", r.Risks)
			}
		})
	}
}

func TestRiskRegisterOrderAndCompare(t *testing.T) {
	b := smallBank(t)
	a := assess(b, mixed, answers{"Q-FOUR": 1})
	withException(a, "Q-ONE", 1, accepted(day0.AddDate(0, 6, 0)))
	withException(a, "Q-THREE", 2, accepted(day0.AddDate(0, -1, 0)))
	r := Compute(b, a, Options{Date: day0})
	if len(r.Risks) != 2 || r.Risks[0].QuestionID != "Q-THREE" || !r.Risks[0].Expired || len(r.ExpiredRisks()) != 1 {
		t.Fatalf("expired first: %+v", r.Risks)
	}

	old := Compute(b, assess(b, mixed, answers{"Q-ONE": 1, "Q-THREE": 2, "Q-FOUR": 1}), Options{Date: day0})
	d := Compare(old, r)
	if len(d.RisksAdded) != 2 || len(d.RisksExpired) != 1 || d.RisksExpired[0] != "Q-THREE" {
		t.Errorf("added %v expired %v", d.RisksAdded, d.RisksExpired)
	}
	back := Compare(r, old)
	if len(back.RisksClosed) != 2 {
		t.Errorf("closed %v", back.RisksClosed)
	}
}
