package reports

import (
	"bytes"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The Markdown form asks every "don't know" of the assessment, and comes
// back as answers: tick a box, parse, apply.
func TestHandoffMarkdownRoundTrip(t *testing.T) {
	b, a := demoAssessment(t)
	r := scoring.Compute(b, a, scoring.Options{})
	items := HandoffItems(r)
	if len(items) == 0 {
		t.Fatal("the demo has no \"don't know\" answer to hand off")
	}
	var buf bytes.Buffer
	if err := WriteHandoffMarkdown(&buf, r, "demo.json"); err != nil {
		t.Fatal(err)
	}
	form := buf.String()
	for _, s := range items {
		if !strings.Contains(form, "ID: "+s.Question.ID+"\n") || !strings.Contains(form, s.Question.Text) {
			t.Errorf("form lacks %s", s.Question.ID)
		}
	}
	// an unfilled form changes nothing
	got, err := q.ParseHandoff("form.md", buf.Bytes(), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(items) {
		t.Fatalf("%d questions read back, %d written", len(got), len(items))
	}
	first := items[0].Question
	o := first.Options[len(first.Options)-2]
	filled := strings.Replace(form, "- [ ] "+itoa(o.Level)+" "+o.Label, "- [x] "+itoa(o.Level)+" "+o.Label, 1)
	if filled == form {
		t.Fatalf("no box for level %d in the form", o.Level)
	}
	got, err = q.ParseHandoff("form.md", []byte(filled), b)
	if err != nil {
		t.Fatal(err)
	}
	ch := q.ApplyHandoff(a, got, "IT provider", false, r.Date)
	if !ch[0].Applied || ch[0].After != itoa(o.Level)+" "+q.LevelName(o.Level) {
		t.Fatalf("change %+v", ch[0])
	}
	for _, c := range ch[1:] {
		if c.Applied {
			t.Errorf("blank question changed: %+v", c)
		}
	}
	if after := HandoffItems(scoring.Compute(b, a, scoring.Options{})); len(after) != len(items)-1 {
		t.Errorf("%d still don't know, want %d", len(after), len(items)-1)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// The PDF is valid, fits the demo's list on one page and names every
// question and its boxes.
func TestHandoffPDFOnePage(t *testing.T) {
	r := demoResult(t)
	var buf bytes.Buffer
	if err := WriteHandoffPDF(&buf, r, Meta{Tool: "ssrm test"}, "demo.json"); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, buf.Bytes())
	if len(pages) != 1 {
		t.Fatalf("%d pages, want one", len(pages))
	}
	text := strings.Join(pages[0].Lines, " ")
	for _, s := range HandoffItems(r) {
		if !strings.Contains(text, "ID: "+s.Question.ID) {
			t.Errorf("PDF lacks %s", s.Question.ID)
		}
	}
	if !strings.Contains(text, "Cannot tell") || !strings.Contains(text, "Note:") {
		t.Errorf("PDF lacks the boxes or the note line: %q", text)
	}
}
