package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/ssrm/ssrm/scoring"
)

// CSVHeader is the header row of the CSV action plan.
var CSVHeader = []string{"rank", "id", "title", "detail", "layers", "phases", "priority", "factors",
	"effort", "owner", "roadmap_days", "due", "quick_win", "status", "questions", "expired_risk"}

// WriteCSV writes the ranked action plan, one action a row, for
// spreadsheets and issue trackers.
func WriteCSV(w io.Writer, r *scoring.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, it := range r.Actions {
		qs := make([]string, len(it.Contributions))
		for i, c := range it.Contributions {
			qs[i] = c.QuestionID
		}
		row := []string{fmt.Sprint(it.Rank), it.Action.ID, csvSafe(it.Action.Title), csvSafe(it.Action.Detail),
			strings.Join(strs(it.Layers), ";"), strings.Join(strs(it.Phases), ";"),
			fmt.Sprintf("%.2f", it.Priority), FactorText(it), string(it.Action.Effort), csvSafe(it.Owner),
			fmt.Sprint(it.Days), day(it.Due), fmt.Sprint(it.QuickWin), PlanStatus(it), strings.Join(qs, ";"), fmt.Sprint(it.ExpiredRisk)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses text a spreadsheet would run as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// PlanStatus is an action's status for the machine-readable formats:
// the recorded one (accepted, deferred, done, or "" when open), "covered"
// for an action an immediate step stands in for (never "done": the step is
// still to be taken and checked), "licensing" for a licensing decision.
func PlanStatus(it scoring.PlanItem) string {
	switch {
	case it.DoneBy != "":
		return "covered"
	case it.Licensing:
		return "licensing"
	}
	return it.Status
}
