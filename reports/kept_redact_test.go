package reports

import (
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The reason an answer was kept over live evidence is user text: --redact
// removes an e-mail address from it, wherever the result carries it.
func TestKeptReasonIsRedacted(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	p := q.Profile{Organization: "Kept Co", Size: "small", Models: []q.Model{q.IaaS}}
	a := q.NewAssessment(b, p, day)
	id := q.Tailor(b, p).Asked[0].ID
	one := 1
	a.SetAnswer(id, q.Answer{Status: q.Answered, Level: 4, Kept: &q.Kept{Level: 4, Suggested: 1, Reason: "ask jo@example.com"}}, day)
	a.Evidence = map[string][]q.Evidence{id: {{Source: q.SourceLive, Status: "fail", Suggested: &one, Detail: "x"}}}
	r := Redacted(scoring.Compute(b, a, scoring.Options{}))
	c, ok := r.ContradictionOf(id)
	if !ok || c.Kept == nil {
		t.Fatalf("no kept contradiction: %+v %v", c, ok)
	}
	for _, s := range []string{ContradictionText(c), ContradictionText(r.Contradictions[0])} {
		if strings.Contains(s, "jo@example.com") || !strings.Contains(s, "the answer was kept") {
			t.Fatalf("not redacted: %q", s)
		}
	}
	for _, it := range r.Evidence {
		if it.Contradiction != nil && strings.Contains(EvidenceDetail(it), "jo@example.com") {
			t.Fatalf("evidence detail not redacted: %q", EvidenceDetail(it))
		}
	}
}
