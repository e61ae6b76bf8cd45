package reports

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// TestLicenceDecision: the board's licensing decision names every action
// waiting for a licence once, the suite by the bank's plan name, the rest
// by the licences still missing, and quotes no price (review 3, finding 8).
func TestLicenceDecision(t *testing.T) {
	r := demoResult(t)
	d := LicenceDecision(r)
	lic := r.Licensing()
	if len(lic) == 0 || d == "" {
		t.Fatal("the demo has no licensing decision")
	}
	if !strings.HasPrefix(d, "Decision: Microsoft 365 Business Premium would unlock #") {
		t.Errorf("the decision does not lead with the suite:\n%s", d)
	}
	for _, it := range lic {
		if n := strings.Count(d+" ", fmt.Sprintf("#%d ", it.Rank)) + strings.Count(d, fmt.Sprintf("#%d,", it.Rank)) + strings.Count(d, fmt.Sprintf("#%d;", it.Rank)) + strings.Count(d, fmt.Sprintf("#%d.", it.Rank)); n != 1 {
			t.Errorf("#%d (%s) named %d times:\n%s", it.Rank, it.Action.ID, n, d)
		}
	}
	for _, want := range []string{"Microsoft Entra ID P2", "Defender for Office 365 Plan 2", fmt.Sprintf("these %d actions", len(lic))} {
		if !strings.Contains(d, want) {
			t.Errorf("the decision lacks %q:\n%s", want, d)
		}
	}
	if strings.ContainsAny(d, "£$€") {
		t.Errorf("the decision quotes a price:\n%s", d)
	}
}

// TestBudgetLineCountsFreePath: an action done on its free path costs
// staff time, and the line names the actions of the table by rank.
func TestBudgetLineCountsFreePath(t *testing.T) {
	r := demoResult(t)
	top := r.Roadmap(30)[:5]
	line := budgetLine(r, top, true)
	for _, it := range top {
		ref := fmt.Sprintf("#%d", it.Rank)
		if !strings.Contains(line, ref) {
			t.Errorf("budget line lacks %s:\n%s", ref, line)
		}
		if it.Action.FreePath && !StaffTimeOnly(r, it) {
			t.Errorf("%s on its free path is not counted as staff time", it.Action.ID)
		}
	}
	staff := line[:strings.Index(line, "need staff time only")]
	for _, it := range top {
		if it.Action.FreePath && !strings.Contains(staff, fmt.Sprintf("#%d", it.Rank)) {
			t.Errorf("free-path #%d is not among the staff-time actions:\n%s", it.Rank, line)
		}
	}
	// every edition prints it, with the capacity assumption
	for _, aud := range []Audience{AudienceBoard, AudienceFull} {
		doc := BuildDocument(r, Meta{}, DocOptions{Audience: aud})
		found := false
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				if strings.HasPrefix(b.Text, "Budget: ") && strings.Contains(b.Text, "This schedule assumes 5 effort points per 30 days (S=1, M=2, L=4), the default for a small organization") {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s edition lacks the budget and capacity line", aud)
		}
	}
}

// TestCoveredNeverDone: an action an immediate step stands in for reads
// "covered by Immediate #k once done and verified" in the workbook, never
// "done" (review 3, finding 1).
func TestCoveredNeverDone(t *testing.T) {
	r := demoResult(t)
	var covered []scoring.PlanItem
	for _, it := range r.Actions {
		if it.DoneBy != "" {
			covered = append(covered, it)
		}
	}
	if len(covered) == 0 {
		t.Fatal("the demo has no action stood in for by a step")
	}
	f := renderXLSX(t, r, Meta{})
	h := header(t, f, SheetPlan)
	rows, _ := f.GetRows(SheetPlan)
	for _, it := range covered {
		found := false
		for i, row := range rows {
			if len(row) > 1 && row[1] == it.Action.ID {
				found = true
				st, _ := f.GetCellValue(SheetPlan, fmt.Sprintf("%s%d", h["Status"], i+1))
				if !strings.HasPrefix(st, "covered by Immediate #") || !strings.HasSuffix(st, "once done and verified") {
					t.Errorf("%s: status %q", it.Action.ID, st)
				}
			}
		}
		if !found {
			t.Errorf("%s not in the Plan sheet", it.Action.ID)
		}
		if PlanStatus(it) == "done" {
			t.Errorf("%s reads done in the CSV and JSON", it.Action.ID)
		}
	}
}

// TestYearCountsAddUp: the capacity line's "about N of the M actions fit in the
// next twelve months" and the backlog appendix come from one schedule: the
// 90-day roadmap plus the first-year list is N, and N plus the further
// actions is M (review 3, finding 20).
func TestYearCountsAddUp(t *testing.T) {
	r := demoResult(t)
	fit, active := r.FitsInYear(), len(r.Top(len(r.Actions)))
	v := CapacityLine(r)
	if want := fmt.Sprintf("about %d of the %d actions fit", fit, active); !strings.Contains(v, want) {
		t.Fatalf("the capacity line lacks %q:\n%s", want, v)
	}
	roadmap := len(r.Roadmap(30)) + len(r.Roadmap(60)) + len(r.Roadmap(90))
	doc := BuildDocument(r, Meta{}, DocOptions{Audience: AudienceFull})
	listed, further := 0, 0
	for _, s := range doc.Sections {
		if s.ID != SecBacklog {
			continue
		}
		for _, b := range s.Blocks {
			if b.Kind == BlockTable && strings.HasPrefix(b.Title, "Within the first year") {
				listed = len(b.Table.Rows)
			}
			if n, _ := fmt.Sscanf(b.Text, "%d further actions", &further); n == 1 {
				continue
			}
		}
	}
	if roadmap+listed != fit || fit+further != active {
		t.Errorf("roadmap %d + first year %d = %d, verdict %d; + further %d = %d, active %d", roadmap, listed, roadmap+listed, fit, further, fit+further, active)
	}
}

// Each theme names its findings' soonest-due actions: the demo's data
// protection theme names the immutable backup pulled into the 90 days,
// not an action waiting in the backlog (signer review 4, finding 12).
func TestThemesNameTheSoonestActions(t *testing.T) {
	r := demoResult(t)
	doc := BuildDocument(r, Meta{}, DocOptions{Audience: AudienceBoard})
	found := false
	for _, s := range doc.Sections {
		if s.ID != SecThemes {
			continue
		}
		for _, b := range s.Blocks {
			if b.Table == nil || len(b.Table.Columns) < 3 || b.Table.Columns[2] != "What to do first" {
				continue
			}
			for _, row := range b.Table.Rows {
				if row[0].Text == "Data protection and encryption" {
					found = true
					if !strings.Contains(row[2].Text, "immutable") {
						t.Errorf("the data protection theme does not name the immutable backup: %q", row[2].Text)
					}
				}
			}
		}
	}
	if !found {
		t.Fatal("the demo's board has no data protection theme")
	}
}
