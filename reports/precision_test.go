package reports

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// TestCompareShowsOneDecimalThroughout: levels and changes share one
// precision in the overall line, the layer table, the trend and the PDF,
// and a change is the difference of the levels as shown.
func TestCompareShowsOneDecimalThroughout(t *testing.T) {
	rs := demoSeries(t)
	twoDecimals := regexp.MustCompile(`[+-]?\d\.\d\d\b`)
	var buf bytes.Buffer
	p := NewProgress(rs)
	if err := WriteCompareMarkdown(&buf, p.Diff); err != nil {
		t.Fatal(err)
	}
	if err := WriteTrendMarkdown(&buf, p.Trend); err != nil {
		t.Fatal(err)
	}
	if m := twoDecimals.FindAllString(buf.String(), -1); len(m) > 0 {
		t.Errorf("comparison (Markdown) has two-decimal figures %v:\n%s", m, buf.String())
	}
	pdf := strings.Join(pdfText(t, renderPDF(t, rs, Meta{Tool: "ssrm test"}, WriteComparePDF)), "\n")
	if m := twoDecimals.FindAllString(pdf, -1); len(m) > 0 {
		t.Errorf("comparison (PDF) has two-decimal figures %v", m)
	}
	// the change adds up with the levels shown
	d := scoring.Delta{Old: 1.38, New: 3.04, Change: 1.66}
	if got := deltaLevel(d.Old, false) + " → " + deltaLevel(d.New, false) + " (" + deltaChange(d) + ")"; got != "1.4 → 3.0 (+1.6)" {
		t.Errorf("delta shown as %q", got)
	}
}
