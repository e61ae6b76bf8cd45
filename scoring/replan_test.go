package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// TestReplanIsCompute: after any run of action decisions (accept, defer,
// done, reorder, owner, due date) on the demo, Replan from the last
// result gives what Compute gives from scratch, field by field.
func TestReplanIsCompute(t *testing.T) {
	r := demo(t, "")
	b := r.Bank
	a := demoAssessmentFor(t, r)
	rng := rand.New(rand.NewPCG(17, 2026))
	prev := Compute(b, a, Options{})
	if len(prev.Actions) < 10 {
		t.Fatalf("the demo plan has %d actions: too few to test re-ranking", len(prev.Actions))
	}
	statuses := []string{"", "accepted", "deferred", "done"}
	for step := range 200 {
		ids := make([]string, len(prev.Actions))
		for i, it := range prev.Actions {
			ids[i] = it.Action.ID
		}
		if a.Actions == nil {
			a.Actions = map[string]q.ActionState{}
		}
		id := ids[rng.IntN(len(ids))]
		st := a.Actions[id]
		switch rng.IntN(4) {
		case 0:
			st.Status = statuses[rng.IntN(len(statuses))]
		case 1:
			st.Order = rng.IntN(len(ids)) + 1
		case 2:
			st.Owner = []string{"", "Tom Briggs", "Jenna Lowe"}[rng.IntN(3)]
		case 3:
			st.Due = time.Date(2027, time.Month(rng.IntN(12)+1), 1, 0, 0, 0, 0, time.UTC)
		}
		a.Actions[id] = st
		a.Updated = a.Updated.Add(time.Duration(rng.IntN(3)) * time.Hour)
		got := Replan(prev, b, a, Options{})
		want := Compute(b, a, Options{})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (%s %+v): Replan differs from Compute", step, id, st)
		}
		prev = got
	}
}

// TestReplanFallsBack: a date that expires an accepted risk, or another
// profile, makes Replan score everything again (an expired acceptance
// counts as a gap again, which a re-rank alone would miss).
func TestReplanFallsBack(t *testing.T) {
	r := demo(t, "")
	b := r.Bank
	a := demoAssessmentFor(t, r)
	var review time.Time
	for _, s := range r.Questions {
		if s.Exception != nil && s.Exception.Kind == q.RiskAccepted && !s.Exception.Review.IsZero() {
			review = s.Exception.Review
			break
		}
	}
	if review.IsZero() {
		t.Fatal("the demo has no accepted risk with a review date")
	}
	before := Compute(b, a, Options{Date: review.AddDate(0, 0, -1)})
	after := Options{Date: review.AddDate(0, 0, 1)}
	if got, want := Replan(before, b, a, after), Compute(b, a, after); !reflect.DeepEqual(got, want) {
		t.Error("Replan across a risk's review date differs from Compute")
	}
	a.Profile.Size = "large"
	if got, want := Replan(before, b, a, Options{}), Compute(b, a, Options{}); !reflect.DeepEqual(got, want) {
		t.Error("Replan after a change of profile differs from Compute")
	}
}
