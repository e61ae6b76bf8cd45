package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// demoSeries is the demo with two earlier assessments: a quarter before
// (some answers a level lower, HOST-OS-EOL not yet accepted, an acceptance
// on ID-MFA-ADMIN that is closed since) and half a year before (lower
// still). Oldest first.
func demoSeries(tb testing.TB) []*scoring.Result {
	tb.Helper()
	b, demo := demoAssessment(tb)
	cur := scoring.Compute(b, demo, scoring.Options{})
	earlier := func(months, drop int) *scoring.Result {
		a := demo.Clone()
		i := 0
		for _, id := range a.AnsweredIDs() {
			ans := a.Answers[id]
			i++
			if ans.Status == q.Answered && ans.Level > 0 && i%3 != 0 {
				ans.Level = max(0, ans.Level-drop)
			}
			if id == "HOST-OS-EOL" {
				ans.Exception = nil
			}
			if id == "ID-MFA-ADMIN" {
				ans.Exception = &q.Exception{Kind: q.RiskAccepted, Owner: "Tom Briggs", Justification: "Until the admin accounts are cleaned up", Review: cur.Date.AddDate(0, -1, 0)}
			}
			a.Answers[id] = ans
		}
		return scoring.Compute(cur.Bank, a, scoring.Options{Date: cur.Date.AddDate(0, -months, 0)})
	}
	return []*scoring.Result{earlier(6, 2), earlier(3, 1), cur}
}

func TestComparePDF(t *testing.T) {
	rs := demoSeries(t)
	start := time.Now()
	data := renderPDF(t, []*scoring.Result{rs[1], rs[2]}, Meta{Tool: "ssrm test"}, WriteComparePDF)
	t.Logf("compare PDF: %d bytes in %s", len(data), time.Since(start))
	pages := pdfText(t, data)
	all := strings.Join(pages, "\n")
	for _, want := range []string{"Progress report", "Harbour Lane Dental Group", "Maturity before and after", "Kill chain", "Actions done",
		"New gaps", "Questions that moved", "Accepted risks", "EXPIRED", "ACCEPTED", "CLOSED", "NET-EXPOSURE", "HOST-OS-EOL", "ID-MFA-ADMIN"} {
		if !strings.Contains(all, want) {
			t.Errorf("compare PDF lacks %q", want)
		}
	}
	if strings.Contains(all, "Trend across") {
		t.Error("a comparison of two assessments has a trend chart")
	}
	trend := pdfText(t, renderPDF(t, rs, Meta{Tool: "ssrm test"}, WriteComparePDF))
	if all := strings.Join(trend, "\n"); !strings.Contains(all, "Trend across 3 assessments") || !strings.Contains(all, "26 May 2026") {
		t.Errorf("three assessments without a trend chart:\n%s", all)
	}
	again := renderPDF(t, []*scoring.Result{rs[1], rs[2]}, Meta{Tool: "ssrm test"}, WriteComparePDF)
	if !bytes.Equal(data, again) {
		t.Error("two renderings of the same comparison differ")
	}
	if err := WriteComparePDF(new(bytes.Buffer), rs[2:], Meta{}); err == nil {
		t.Error("a comparison of one assessment did not fail")
	}
}

func TestPDFProgressSection(t *testing.T) {
	rs := demoSeries(t)
	pages := pdfText(t, renderPDF(t, rs[2], Meta{Tool: "ssrm test", Baselines: rs[:2]}, WritePDF))
	all := strings.Join(pages, "\n")
	for _, want := range []string{"Progress since 26 August 2026", "Trend across 3 assessments", "Accepted risks", "CLOSED"} {
		if !strings.Contains(all, want) {
			t.Errorf("plan with baselines lacks %q", want)
		}
	}
	checkSections(t, rs[2], pages)
}

// TestComparePDFWarnsAboutAnotherOrganization: the progress report of two
// organizations says so under its title.
func TestComparePDFWarnsAboutAnotherOrganization(t *testing.T) {
	rs := demoSeries(t)
	b, a := demoAssessment(t)
	a.Profile.Organization = "Fabrikam Ltd"
	other := scoring.Compute(b, a, scoring.Options{Date: rs[1].Date})
	pages := pdfText(t, renderPDF(t, []*scoring.Result{other, rs[2]}, Meta{Tool: "ssrm test"}, WriteComparePDF))
	if !strings.Contains(pages[0], "These assessments are of different organizations (Fabrikam Ltd; Harbour Lane Dental Group)") {
		t.Errorf("first page lacks the warning:\n%s", pages[0])
	}
	if all := strings.Join(pdfText(t, renderPDF(t, rs[1:], Meta{Tool: "ssrm test"}, WriteComparePDF)), "\n"); strings.Contains(all, "Warning") {
		t.Error("one organization: the comparison warns")
	}
}
