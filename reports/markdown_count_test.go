package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// "Answered" means the same in the Markdown plan as in the wizard and the
// PDF: every answer given, "don't know" and "not applicable" included.
func TestMarkdownCountsDontKnowAsAnswered(t *testing.T) {
	testDay := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	p := q.Profile{Organization: "Count Co", Size: "small", Models: []q.Model{q.IaaS}}
	a := q.NewAssessment(b, p, testDay)
	tl := q.Tailor(b, p)
	for i, qq := range tl.Asked[:3] {
		ans := q.Answer{Status: q.Answered, Level: 2}
		if i == 1 {
			ans = q.Answer{Status: q.Unknown}
		}
		a.SetAnswer(qq.ID, ans, testDay)
	}
	r := scoring.Compute(b, a, scoring.Options{})
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "questions asked: 3 answered (2 at a level, 1 \"don't know\" to verify, 0 not applicable)") {
		t.Fatalf("count line:\n%s", buf.String()[:min(buf.Len(), 1500)])
	}
}
