package reports

import (
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func TestBacklogPriority(t *testing.T) {
	s := &q.Action{Effort: q.EffortS}
	for _, tt := range []struct {
		name string
		it   scoring.PlanItem
		want int
	}{
		{"top five", scoring.PlanItem{Rank: 5, Days: 60, Action: s}, 1},
		{"expired risk", scoring.PlanItem{Rank: 40, Days: 90, ExpiredRisk: true, Action: s}, 1},
		{"quick win outside the top five", scoring.PlanItem{Rank: 6, Days: 30, QuickWin: true, Action: s}, 2},
		{"30 days", scoring.PlanItem{Rank: 9, Days: 30, Action: s}, 2},
		{"60 days", scoring.PlanItem{Rank: 9, Days: 60, Action: s}, 3},
		{"90 days", scoring.PlanItem{Rank: 9, Days: 90, Action: s}, 4},
		{"deferred, even if top", scoring.PlanItem{Rank: 1, Days: 90, Status: "deferred", Action: s}, 4},
	} {
		if got := BacklogPriority(tt.it); got != tt.want {
			t.Errorf("%s: priority %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestCSVCellsAreDefused(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+A1": "'+A1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "Task": "Task", "": ""} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
