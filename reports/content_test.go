package reports

import (
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func smallResult(t *testing.T, edit func(*q.Assessment)) *scoring.Result {
	t.Helper()
	b, err := q.LoadBank("../questionnaire/testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	a := q.NewAssessment(b, q.Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS}}, day)
	a.SetAnswer("Q-ONE", q.Answer{Status: q.Answered, Level: 5}, day)
	a.SetAnswer("Q-TWO", q.Answer{Status: q.Answered, Level: 1}, day)
	if edit != nil {
		edit(a)
	}
	return scoring.Compute(b, a, scoring.Options{})
}

func TestPlansEditedInTheWizardReachTheReports(t *testing.T) {
	def := smallResult(t, nil)
	cal := TrainingCalendar(def)
	if len(cal) != 12 || cal[0].Month != "Dec 2026" || cal[11].Month != "Nov 2027" {
		t.Fatalf("default calendar: %d entries from %q to %q", len(cal), cal[0].Month, cal[len(cal)-1].Month)
	}
	if steps := ReportingProcess(def); len(steps) < 4 || !strings.Contains(steps[1], "Contoso") {
		t.Errorf("default reporting process: %v", steps)
	}
	edited := smallResult(t, func(a *q.Assessment) {
		a.Plans = &q.Plans{
			Calendar:  []q.CalendarEntry{{Month: "Jan 2027", Activity: "Kick-off with the whole practice", Audience: "All staff"}},
			Reporting: []string{"Call Tom on 0161 555 0100."},
		}
	})
	if cal := TrainingCalendar(edited); len(cal) != 1 || cal[0].Activity != "Kick-off with the whole practice" {
		t.Errorf("edited calendar ignored: %v", cal)
	}
	if steps := ReportingProcess(edited); len(steps) != 1 || steps[0] != "Call Tom on 0161 555 0100." {
		t.Errorf("edited process ignored: %v", steps)
	}
}

func TestPhaseStory(t *testing.T) {
	r := smallResult(t, nil)
	delivery := r.Phase(q.Delivery)
	if got := PhaseStory(delivery); !strings.HasPrefix(got, "Delivery is broken") {
		t.Errorf("delivery: %s", got)
	}
	inst := r.Phase(q.Installation)
	if got := PhaseStory(inst); !strings.Contains(got, "below the level they need (Q-TWO at 1/4)") {
		t.Errorf("installation: %s", got)
	}
	if got := PhaseStory(r.Phase(q.Weaponization)); !strings.Contains(got, "no control in your assessment") {
		t.Errorf("weaponization: %s", got)
	}
}
