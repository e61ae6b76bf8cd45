package scoring

import (
	"testing"
	"time"

	"github.com/ssrm/ssrm/assets"
	q "github.com/ssrm/ssrm/questionnaire"
)

// demoAssessment is the embedded demo's bank and assessment.
func demoAssessment(t *testing.T) (*q.Bank, *q.Assessment) {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	af, err := q.ParseAnswers("assets/demo.yaml", assets.Demo, b)
	if err != nil {
		t.Fatal(err)
	}
	return b, af.Apply(b, af.Date)
}

// TestLicensingDecisions: with the profile's plans named, an action that
// needs a licence they lack and has no free path is a licensing decision:
// ranked after the planned work, in no window, with no due date, taking no
// capacity and not counted in the year; with no plans named, or with a
// decision recorded on it, it stays planned work (review 3, finding 8).
func TestLicensingDecisions(t *testing.T) {
	b, a := demoAssessment(t)
	r := Compute(b, a, Options{})
	lic := r.Licensing()
	if len(lic) == 0 {
		t.Fatal("the demo (Business Standard) has no licensing decision: the test needs one")
	}
	last := 0
	for _, it := range r.Actions {
		if it.Status != "" {
			continue
		}
		if it.Licensing {
			if len(it.Missing) == 0 || it.Action.FreePath {
				t.Errorf("%s is a licensing decision without a missing licence, or with a free path", it.Action.ID)
			}
			if !it.Due.IsZero() || it.Days != LaterDays || it.QuickWin || it.Pulled != "" || r.InFirstYear(it.Action.ID) {
				t.Errorf("%s is scheduled: due %v, days %d, quick win %v, pulled %q", it.Action.ID, it.Due, it.Days, it.QuickWin, it.Pulled)
			}
			if it.Rank <= last {
				t.Errorf("%s (rank %d) ranks before planned work (rank %d)", it.Action.ID, it.Rank, last)
			}
			continue
		}
		if len(it.Missing) > 0 && !it.Action.FreePath {
			t.Errorf("%s needs %v with no free path but is planned work", it.Action.ID, it.Missing)
		}
		last = it.Rank
	}
	for _, d := range []int{30, 60, 90, LaterDays} {
		for _, it := range r.Roadmap(d) {
			if it.Licensing {
				t.Errorf("%s is in the %d-day roadmap", it.Action.ID, d)
			}
		}
	}
	// a decision recorded on the action keeps it planned
	id := lic[0].Action.ID
	a2 := a.Clone()
	if a2.Actions == nil {
		a2.Actions = map[string]q.ActionState{}
	}
	a2.Actions[id] = q.ActionState{Owner: "Someone"}
	if it, _ := findItem(Compute(b, a2, Options{}), id); it.Licensing {
		t.Errorf("%s with an owner recorded is still a licensing decision", id)
	}
	// without plans named, nothing is judged against them
	a3 := a.Clone()
	a3.Profile.Licences = nil
	if n := len(Compute(b, a3, Options{}).Licensing()); n != 0 {
		t.Errorf("%d licensing decisions for a profile naming no plans", n)
	}
}

// TestProfileCapacity: the profile's capacity replaces the size's default,
// and the roadmap fills to it.
func TestProfileCapacity(t *testing.T) {
	b, a := demoAssessment(t)
	a.Profile.Capacity = 2
	r := Compute(b, a, Options{})
	if r.Capacity != 2 {
		t.Fatalf("capacity %d, want the profile's 2", r.Capacity)
	}
	a.Profile.Capacity = 0
	if r0 := Compute(b, a, Options{}); r0.Capacity != b.Capacity[a.Profile.Size] || r0.FitsInYear() <= r.FitsInYear() {
		t.Errorf("default capacity %d fits %d actions a year, capacity 2 fits %d", r0.Capacity, r0.FitsInYear(), r.FitsInYear())
	}
}

// TestWorkingDay: a due date on a weekend moves to the Monday.
func TestWorkingDay(t *testing.T) {
	for in, want := range map[string]string{
		"2026-12-26": "2026-12-28", // Saturday
		"2026-12-27": "2026-12-28", // Sunday
		"2026-12-03": "2026-12-03", // Thursday
	} {
		d, _ := time.Parse("2006-01-02", in)
		if got := WorkingDay(d).Format("2006-01-02"); got != want {
			t.Errorf("WorkingDay(%s) = %s, want %s", in, got, want)
		}
	}
	if !DueIn(time.Time{}, 30).IsZero() {
		t.Error("DueIn of no start date is not zero")
	}
}
