package reports

import (
	"fmt"
	"io"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func TestWordHyphens(t *testing.T) {
	for in, want := range map[string]string{
		"just-in-time access":           "just\u00adin\u00adtime access",
		"NET-IDS and M365-SHARING":      "NET-IDS and M365-SHARING",
		"small -1 7, A - B":             "small -1 7, A - B",
		"see https://x.com/a-b and a-b": "see https://x.com/a-b and a\u00adb",
		"policies/backup-procedure.pdf": "policies/backup-procedure.pdf",
	} {
		if got := wordHyphens(in); got != want {
			t.Errorf("wordHyphens(%q) = %q, want %q", in, got, want)
		}
	}
}

// The compare report: a regression is in the summary, the first page is
// marked confidential, an action is "DONE" only when marked done, and
// the trend's change column says it runs from the first assessment.
func TestCompareReportDefects(t *testing.T) {
	rs := demoSeries(t)
	b, a := demoAssessment(t)
	old := rs[1]
	// one answer goes down since the baseline, one action is marked done
	var down scoring.QuestionScore
	for _, s := range old.Questions {
		if s.Status == q.Answered && s.Level >= 2 {
			down = s
			break
		}
	}
	if down.Question == nil {
		t.Fatal("the baseline has no answer at level 2 or more")
	}
	a.SetAnswer(down.Question.ID, q.Answer{Status: q.Answered, Level: down.Level - 1}, a.Updated)
	var marked string
	for _, it := range old.Actions {
		if it.Status == "" {
			marked = it.Action.ID
			break
		}
	}
	if a.Actions == nil {
		a.Actions = map[string]q.ActionState{}
	}
	a.Actions[marked] = q.ActionState{Status: "done"}
	cur := scoring.Compute(b, a, scoring.Options{})
	df := scoring.Compare(old, cur)
	want := fmt.Sprintf("%s (%d → %d)", down.Question.ID, down.Level, down.Level-1)
	if got := progressSentence(df); !strings.Contains(got, want) {
		t.Errorf("the summary leaves out the regression %s: %q", want, got)
	}
	pages := pdfText(t, renderPDF(t, []*scoring.Result{old, cur}, Meta{Tool: "ssrm test"}, WriteComparePDF))
	if !strings.Contains(pages[0], "CONFIDENTIAL") {
		t.Error("the compare report's first page is not marked confidential")
	}
	all := strings.Join(pages, "\n")
	if strings.Count(all, "DONE") > 1+strings.Count(all, "DONE:") {
		t.Errorf("DONE stamped on actions nobody marked done")
	}
	if !strings.Contains(all, "GAP CLOSED") {
		t.Error("actions no longer needed are not told apart")
	}
	trend := strings.Join(pdfText(t, renderPDF(t, rs, Meta{Tool: "ssrm test"}, WriteComparePDF)), "\n")
	if !strings.Contains(trend, "Since first") || !strings.Contains(trend, "Since the previous assessment") {
		t.Error("the trend report does not say which assessments its sentence and its table compare")
	}
}

// The board summary's table heading counts the rows it has.
func TestTopActionsHeadingCountsItsRows(t *testing.T) {
	doc := BuildDocument(demoResult(t), Meta{}, DocOptions{})
	for _, b := range doc.Sections[0].Blocks {
		if b.Kind == BlockTable {
			if want := fmt.Sprintf("(%d)", len(b.Table.Rows)); !strings.HasSuffix(b.Title, want) {
				t.Errorf("heading %q over %d rows", b.Title, len(b.Table.Rows))
			}
			return
		}
	}
	t.Error("no action table on the board summary")
}

// A question whose options skip levels says so on its tick sheet.
func TestSheetSaysWhichLevelsHaveNoOption(t *testing.T) {
	r := demoResult(t)
	var qq *q.Question
	for _, s := range r.Questions {
		if s.Question.Layer == q.LayerHosts {
			c := *s.Question
			qq = &c
			break
		}
	}
	if got := skippedLevels(qq); got != "" {
		t.Fatalf("a full question reports skipped levels: %q", got)
	}
	qq.Options = []q.Option{qq.Options[0], qq.Options[2], qq.Options[3], qq.Options[5]}
	if got := skippedLevels(qq); got != "No option at levels 1 and 4: tick the highest level fully in place." {
		t.Errorf("skippedLevels = %q", got)
	}
	for i := range r.Questions {
		if r.Questions[i].Question.ID == qq.ID {
			r.Questions[i].Question = qq
		}
	}
	all := strings.Join(pdfText(t, renderPDF(t, r, Meta{}, func(w io.Writer, r *scoring.Result, m Meta) error {
		return WriteQuestionSheetsPDF(w, r, q.LayerHosts, m)
	})), "\n")
	if !strings.Contains(all, "No option at levels 1 and 4") {
		t.Error("the sheet skips levels without saying so")
	}
}

// The cover's CONFIDENTIAL box grows with a long organization name
// instead of printing on its border.
func TestConfidentialBoxFitsALongName(t *testing.T) {
	r := demoResult(t)
	short := newPDF(r, Meta{})
	short.f.AddPage()
	long := newPDF(r, Meta{})
	long.org = strings.Repeat("Harbour Lane Dental Group and Associated Clinics of the South Coast ", 5)
	long.f.AddPage()
	hs, hl := short.confidentialBox(240), long.confidentialBox(240)
	long.font("", 8.5)
	lines := len(long.lines("Prepared for "+long.org+". It describes security weaknesses: share it only with the people who will act on it, and store it as you would a password list.", contentW-8))
	if hl <= hs || hl < 8.6+float64(lines)*4 {
		t.Errorf("box %.1f mm for %d lines (short name: %.1f mm)", hl, lines, hs)
	}
}

// A note of several thousand characters is printed whole in the full
// appendix (it was cut at about 2,000).
func TestLongNotePrintedWhole(t *testing.T) {
	b, a := demoAssessment(t)
	ans := a.Answers["ID-MFA-ADMIN"]
	// longer than a page: a table row would be cut at the page's foot
	ans.Note = strings.Repeat("The admin accounts were reviewed one by one with the IT provider. ", 220) + "Last words of the note."
	a.Answers["ID-MFA-ADMIN"] = ans
	r := scoring.Compute(b, a, scoring.Options{})
	for _, mode := range []Appendix{AppendixShort, AppendixFull} {
		pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Appendix: mode}))
		all := strings.Join(pages, " ")
		// the card (short and full) and the answer register (full) print it whole
		want := 1
		if mode == AppendixFull {
			want = 2
		}
		if n := strings.Count(all, "Last words of the note."); n != want {
			t.Errorf("--appendix %s: the long note's end is printed %d times, want %d", mode, n, want)
		}
	}
}
