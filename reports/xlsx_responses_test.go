package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// clientEdits writes the demo workbook, lets edit change it as a client
// would in Excel, and returns the saved bytes.
func clientEdits(t *testing.T, edit func(f *excelize.File, h map[string]string)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, demoResult(t), Meta{Tool: "ssrm test"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	edit(f, header(t, f, SheetFindings))
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// The responses a client types into the Findings sheet read back, keyed
// by question id, with dates from date cells or text.
func TestReadXLSXResponses(t *testing.T) {
	fs := Findings(demoResult(t))
	data := clientEdits(t, func(f *excelize.File, h map[string]string) {
		set := func(col string, row int, v any) {
			if err := f.SetCellValue(SheetFindings, fmt.Sprintf("%s%d", h[col], row), v); err != nil {
				t.Fatal(err)
			}
		}
		set(colResponse, 2, "Planned")
		set(colResponseDate, 2, time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC))
		set(colResponseComment, 2, "Budget in Q1")
		set(colResponseWho, 2, "CFO")
		set(colResponse, 4, "risk accepted")
		set(colResponseComment, 4, "Legacy kiosk, replaced in 2027")
		set(colResponse, 5, "accepted")
		set(colResponseWhen, 5, "2026-11-25")
	})
	got, err := ReadXLSXResponses("plan.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []ImportedResponse{
		{QuestionID: fs[0].QuestionID, Finding: fs[0].ID, Response: q.Response{Status: q.ResponsePlanned, Date: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Comment: "Budget in Q1", Who: "CFO"}},
		{QuestionID: fs[2].QuestionID, Finding: fs[2].ID, Response: q.Response{Status: q.ResponseRiskAccepted, Comment: "Legacy kiosk, replaced in 2027"}},
		{QuestionID: fs[3].QuestionID, Finding: fs[3].ID, Response: q.Response{Status: q.ResponseAccepted, When: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d responses, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.QuestionID != w.QuestionID || g.Finding != w.Finding || g.Response.Status != w.Response.Status || !g.Response.Date.Equal(w.Response.Date) ||
			g.Response.Comment != w.Response.Comment || g.Response.Who != w.Response.Who || !g.Response.When.Equal(w.Response.When) {
			t.Errorf("response %d: %+v, want %+v", i, g, w)
		}
	}
}

// Each mistake names the file, the cell, the finding and what to write.
func TestReadXLSXResponsesProblems(t *testing.T) {
	var cols map[string]string
	data := clientEdits(t, func(f *excelize.File, h map[string]string) {
		cols = h
		f.SetCellValue(SheetFindings, h[colResponse]+"2", "planned")    // no date
		f.SetCellValue(SheetFindings, h[colResponse]+"3", "maybe")      // unknown
		f.SetCellValue(SheetFindings, h[colResponse]+"4", "disagreed")  // no comment
		f.SetCellValue(SheetFindings, h[colResponseDate]+"5", "soon")   // not a date
		f.SetCellValue(SheetFindings, h[colResponse]+"5", "planned")    //
		f.SetCellValue(SheetFindings, h[colResponseComment]+"6", "hmm") // no status
	})
	_, err := ReadXLSXResponses("plan.xlsx", bytes.NewReader(data))
	ps, ok := q.AsProblems(err)
	if !ok || len(ps) != 5 {
		t.Fatalf("want 5 problems, got %v", err)
	}
	for i, w := range []struct{ col, row, msg string }{
		{colResponseDate, "2 (F-01)", `the response "Agree with plan" needs the date`},
		{colResponse, "3 (F-02)", `unknown response "maybe"`},
		{colResponseComment, "4 (F-03)", `the response "Disagree" needs a comment`},
		{colResponseDate, "5 (F-04)", `"soon" is not a date`},
		{colResponse, "6 (F-05)", "a response needs its status"},
	} {
		want := "plan.xlsx: Findings!" + cols[w.col] + w.row + ": " + w.msg
		if !strings.HasPrefix(ps[i].String(), want) {
			t.Errorf("problem %d: %q, want %q…", i, ps[i], want)
		}
	}
	if _, err := ReadXLSXResponses("x.xlsx", strings.NewReader("not a zip")); err == nil || !strings.Contains(err.Error(), "x.xlsx: not a workbook") {
		t.Errorf("not a workbook: %v", err)
	}
}

// The workbook comes back from outside: whatever its bytes, reading it
// returns responses that pass Response.Problem or problems naming the
// file, never a panic or a hang. The seed is a workbook written here (no
// binary in testdata).
func FuzzReadXLSXResponses(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, smallFuzzResult(f), Meta{Tool: "ssrm fuzz"}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error {
			got, err := ReadXLSXResponses("fuzz.xlsx", bytes.NewReader(data))
			if err != nil {
				ps, ok := q.AsProblems(err)
				if !ok || len(ps) == 0 || ps[0].File != "fuzz.xlsx" {
					return fmt.Errorf("error without problems naming the file: %v", err)
				}
				return nil
			}
			for _, r := range got {
				if msg := r.Response.Problem(); msg != "" || r.QuestionID == "" {
					return fmt.Errorf("accepted %+v: %s", r, msg)
				}
			}
			return nil
		})
	})
}

// smallFuzzResult is the demo with one response, so the seed has a row to
// read.
func smallFuzzResult(tb testing.TB) *scoring.Result {
	b, a := demoAssessment(tb)
	r := scoring.Compute(b, a, scoring.Options{})
	if fs := Findings(r); len(fs) > 0 {
		a.SetResponse(fs[0].QuestionID, q.Response{Status: q.ResponseAccepted}, testDate)
	}
	return scoring.Compute(b, a, scoring.Options{})
}

// Signer's re-review N8(c): the workbook's drop-down offers the words of
// the PDF and Word forms, and a workbook filled in with the older words
// (accepted, planned, risk-accepted, disagreed) still reads back: no
// client's answer is lost.
func TestReadXLSXResponsesEitherVocabulary(t *testing.T) {
	fs := Findings(demoResult(t))
	words := []struct{ in, status string }{
		{"Agree", q.ResponseAccepted}, {"Agree with plan", q.ResponsePlanned}, {"Accept risk", q.ResponseRiskAccepted}, {"Disagree", q.ResponseDisagreed},
		{"accepted", q.ResponseAccepted}, {"planned", q.ResponsePlanned}, {"risk-accepted", q.ResponseRiskAccepted}, {"disagreed", q.ResponseDisagreed},
		{"ACCEPT RISK", q.ResponseRiskAccepted}, {"agree-with-plan", q.ResponsePlanned},
	}
	data := clientEdits(t, func(f *excelize.File, h map[string]string) {
		for i, w := range words {
			row := i + 2
			set := func(col string, v any) {
				if err := f.SetCellValue(SheetFindings, fmt.Sprintf("%s%d", h[col], row), v); err != nil {
					t.Fatal(err)
				}
			}
			set(colResponse, w.in)
			if w.status == q.ResponsePlanned {
				set(colResponseDate, "2027-03-31")
			}
			set(colResponseComment, "why")
		}
	})
	got, err := ReadXLSXResponses("plan.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(words) {
		t.Fatalf("read %d responses of %d", len(got), len(words))
	}
	for i, w := range words {
		if got[i].QuestionID != fs[i].QuestionID || got[i].Response.Status != w.status {
			t.Errorf("%q read as %q on %s, want %q", w.in, got[i].Response.Status, got[i].QuestionID, w.status)
		}
	}
	// and the drop-down and the written cells use the form's words
	var buf bytes.Buffer
	r := demoResult(t)
	if err := WriteXLSX(&buf, r, Meta{Tool: "ssrm test"}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	dvs, _ := x.GetDataValidations(SheetFindings)
	for _, old := range []string{"accepted", "planned", "risk-accepted", "disagreed"} {
		if len(dvs) == 1 && strings.Contains(dvs[0].Formula1, `"`+old) || strings.Contains(dvs[0].Formula1, ","+old) {
			t.Errorf("the drop-down still offers %q: %s", old, dvs[0].Formula1)
		}
	}
	if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "Agree,Agree with plan,Accept risk,Disagree") {
		t.Errorf("the drop-down does not offer the form's words: %+v", dvs)
	}
}
