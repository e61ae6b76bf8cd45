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
			body := FactBody(ft)
			// the source's name: a long address may wrap in a table cell
			src := strings.TrimSuffix(strings.Join(strings.Fields(ft.Source), " "), ".")
			for rest := text; ; {
				i := strings.Index(rest, body)
				if i < 0 {
					break
				}
				quoted++
				rest = rest[i+len(body):]
				// "(Source: …)" after the text, or the appendix table's Source column
				if !strings.HasPrefix(rest, " (Source: "+src) && !strings.HasPrefix(rest, " "+src) {
					t.Errorf("%s quotes %s without its source %q: %q", name, ft.ID, src, body+rest[:min(len(rest), 80)])
				}
			}
		}
		if quoted == 0 {
			t.Errorf("%s quotes no fact", name)
		}
	}
	if got := FactText(r.Bank.Facts[0]); !strings.HasSuffix(got, "(Source: "+strings.TrimSuffix(FactSource(r.Bank.Facts[0]), ".")+".)") {
		t.Errorf("FactText = %q", got)
	}
	// Every statistic carries the year of its data (review finding 15):
	// the 2019 figures say so wherever they are quoted.
	dated := 0
	for _, ft := range r.Bank.Facts {
		if ft.Year() == 2019 {
			dated++
			if !strings.Contains(FactText(ft), "(2019 data)") {
				t.Errorf("%s quoted without its age: %q", ft.ID, FactText(ft))
			}
		}
	}
	if dated < 5 {
		t.Errorf("%d facts dated 2019, want the five statistics of the seed at least", dated)
	}
	mfa, _ := r.Bank.Fact("F-MANDATORY-MFA")
	if !strings.Contains(FactText(mfa), "learn.microsoft.com") || strings.Contains(FactText(mfa), " data)") {
		t.Errorf("F-MANDATORY-MFA: want its address and no data year: %q", FactText(mfa))
	}
}
