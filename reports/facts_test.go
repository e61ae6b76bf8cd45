package reports

import (
	"strings"
	"testing"
)

// TestQuotedFactsCiteTheirSource: wherever a PDF quotes a statistic from
// the bank's facts (the executive summary, the workshop kickoff), the
// fact's source is printed with it.
func TestQuotedFactsCiteTheirSource(t *testing.T) {
	r := demoResult(t)
	m := Meta{Tool: "ssrm test"}
	docs := map[string]string{
		"plan":    strings.Join(pdfText(t, renderPDF(t, r, m)), "\n"),
		"kickoff": strings.Join(pdfText(t, renderPDF(t, r, m, WriteKickoffPDF)), "\n"),
	}
	for name, text := range docs {
		quoted := 0
		for _, ft := range r.Bank.Facts {
			body := strings.Join(strings.Fields(ft.Text), " ")
			for rest := text; ; {
				i := strings.Index(rest, body)
				if i < 0 {
					break
				}
				quoted++
				rest = rest[i+len(body):]
				// "(Source: …)" after the text, or the appendix table's Source column
				if !strings.HasPrefix(rest, " (Source: "+ft.Source) && !strings.HasPrefix(rest, " "+ft.Source) {
					t.Errorf("%s quotes %s without its source %q: %q", name, ft.ID, ft.Source, body+rest[:min(len(rest), 80)])
				}
			}
		}
		if quoted == 0 {
			t.Errorf("%s quotes no fact", name)
		}
	}
	if got := FactText(r.Bank.Facts[0]); !strings.HasSuffix(got, "(Source: "+r.Bank.Facts[0].Source+".)") {
		t.Errorf("FactText = %q", got)
	}
}
