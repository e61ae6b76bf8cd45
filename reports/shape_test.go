package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The demo's document with the short appendix is at most 20 pages, as issue 14 asks (it was
// 61 before the findings rework), page 2 is the board summary and holds it
// all, and each appendix
// mode changes the length the right way.
func TestDemoPDFShape(t *testing.T) {
	r := demoResult(t)
	pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	if len(pages) > 20 {
		t.Errorf("demo PDF has %d pages with the short appendix, want at most 20", len(pages))
	}
	if !strings.Contains(pages[1], "Board summary") || !strings.Contains(pages[1], "This month") {
		t.Errorf("page 2 is not the board summary:\n%s", pages[1])
	}
	// the whole summary, its last table row too, is on page 2
	for _, it := range r.Roadmap(30)[:min(5, len(r.Roadmap(30)))] {
		// (a line may hold two actions on one finding: "…; then reach VMs…")
		if title, _ := Sanitize(it.Action.Title); !strings.Contains(strings.ToLower(pages[1]), strings.ToLower(title)) {
			t.Errorf("this month's action %q is not on page 2", title)
		}
	}
	none := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Appendix: AppendixNone}))
	full := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Appendix: AppendixFull}))
	if !(len(none) < len(pages) && len(pages) < len(full)) {
		t.Errorf("pages: none %d, short %d, full %d: want none < short < full", len(none), len(pages), len(full))
	}
	if strings.Contains(strings.Join(none, "\n"), "Appendix") {
		t.Error("--appendix none printed an appendix")
	}
	board := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Audience: AudienceBoard}))
	if len(board) >= len(pages) || strings.Contains(strings.Join(board, "\n"), "Step 2: Kill chain") {
		t.Errorf("board audience: %d pages (technical sections kept?)", len(board))
	}
}

// Every finding is numbered once in the PDF register and each critical
// one has its card; a finding's question is never printed as a register
// row twice.
func TestFindingsNumberedOnceInThePDF(t *testing.T) {
	r := demoResult(t)
	all := strings.Join(pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"})), "\n")
	for _, f := range Findings(r) {
		if !strings.Contains(all, f.ID+" ") {
			t.Errorf("%s is not in the PDF", f.ID)
		}
	}
}

// A sparse assessment gives a short document that says what is missing,
// near its start, instead of pages of "not answered".
func TestSparseAssessmentSaysWhatIsMissing(t *testing.T) {
	b, a := demoAssessment(t)
	keep := 0
	for id := range a.Answers {
		if keep < 6 {
			keep++
			continue
		}
		delete(a.Answers, id)
	}
	r := scoring.Compute(b, a, scoring.Options{})
	doc := BuildDocument(r, Meta{}, DocOptions{})
	if !doc.Sparse {
		t.Fatal("6 answers of 100 is not flagged sparse")
	}
	if doc.Sections[1].ID != SecMissing {
		t.Errorf("the missing questions come at %q, want right after the summary", doc.Sections[1].ID)
	}
	pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	demo := pdfText(t, renderPDF(t, demoResult(t), Meta{Tool: "ssrm test"}))
	if len(pages) > len(demo)-4 {
		t.Errorf("sparse report has %d pages, the full demo %d", len(pages), len(demo))
	}
	all := strings.Join(pages, "\n")
	if n := strings.Count(all, "Not answered"); n > 0 {
		t.Errorf("the sparse report repeats \"Not answered\" %d times", n)
	}
	if !strings.Contains(all, "What is missing") || !strings.Contains(all, "provisional") {
		t.Error("the sparse report does not say what is missing and that it is provisional")
	}
}

// The management response reaches the PDF, the Markdown and the JSON.
func TestManagementResponseInEveryFormat(t *testing.T) {
	b, a := demoAssessment(t)
	due := time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)
	a.SetResponse("ID-MFA-ADMIN", q.Response{Status: q.ResponsePlanned, Date: due, Comment: "Business Premium ordered", Who: "Dr Haddad"}, a.Updated)
	a.SetResponse("NET-EXPOSURE", q.Response{Status: q.ResponseDisagreed, Comment: "the port is closed since Monday"}, a.Updated)
	r := scoring.Compute(b, a, scoring.Options{})
	pdf := strings.Join(pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"})), "\n")
	var md, js bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"pdf": pdf, "md": md.String()} {
		for _, want := range []string{"Agree with plan, by 2027-02-28: Business Premium ordered (Dr Haddad", "Disagree: the port is closed since Monday"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks the response %q", name, want)
			}
		}
	}
	var rep struct {
		Findings []JSONFinding `json:"report_findings"`
	}
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, f := range rep.Findings {
		if f.Response != nil {
			got++
			if f.Question == "ID-MFA-ADMIN" && (f.Response.Status != "planned" || f.Response.Date != "2027-02-28") {
				t.Errorf("JSON response %+v", f.Response)
			}
		}
	}
	if got != 2 {
		t.Errorf("JSON carries %d responses, want 2", got)
	}
}

// The demo's notes read as a consultant would write them: no word typed
// twice in a row ("still on on").
func TestDemoNotesHaveNoDoubledWords(t *testing.T) {
	_, a := demoAssessment(t)
	for id, ans := range a.Answers {
		ws := strings.Fields(strings.ToLower(ans.Note))
		for i := 1; i < len(ws); i++ {
			if ws[i] == ws[i-1] && strings.Trim(ws[i], ".,;:") != "" && ws[i] != "that" {
				t.Errorf("%s: %q twice in a row: %s", id, ws[i], ans.Note)
			}
		}
	}
}

// A management response's comment and author are user text: redacted
// with the rest.
func TestManagementResponseRedacted(t *testing.T) {
	b, a := demoAssessment(t)
	a.SetResponse("ID-MFA-ADMIN", q.Response{Status: q.ResponseDisagreed, Comment: "ask ann.lee@contoso.com about 10.1.2.3", Who: "ann.lee@contoso.com"}, a.Updated)
	r := scoring.Compute(b, a, scoring.Options{})
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{Redact: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "contoso.com") || strings.Contains(md.String(), "10.1.2.3") || !strings.Contains(md.String(), "Disagree: ask") {
		t.Error("the management response was not redacted, or is missing")
	}
}
