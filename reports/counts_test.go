package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The executive summary counts "not applicable" as answered; the layer
// table used not to, so a layer whose every question was answered (one of
// them n/a) read "32 / 33" and the rows did not add up to the summary.
func TestLayerAnsweredCountsAddUpToTheSummary(t *testing.T) {
	r := demoResult(t)
	c := r.Counts
	if c.NotApplicable == 0 {
		t.Fatal("the demo needs a not-applicable answer for this test")
	}
	total := c.Answered + c.Unknown + c.NotApplicable
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	pdf := strings.Join(pdfText(t, renderPDF(t, r, Meta{})), "\n")
	if !strings.Contains(pdf, fmt.Sprintf("%d questions asked: %d answered", c.Asked, total)) {
		t.Fatalf("the summary's %d of %d is not in the PDF", total, c.Asked)
	}
	sum := 0
	for _, g := range r.Layers {
		n := g.Answered + g.Unknown + g.NotApplicable
		sum += n
		row := fmt.Sprintf("| %s | %s | %s | %d/%d |", g.Name, scoreText(g.Score), strings.ReplaceAll(targetText(g.Score), "*", `\*`), n, g.Asked)
		if !strings.Contains(md.String(), row) {
			t.Errorf("markdown has no row %q", row)
		}
		if g.NotApplicable > 0 && !strings.Contains(pdf, fmt.Sprintf("%s %s %s %d/%d", g.Name, scoreText(g.Score), targetText(g.Score), n, g.Asked)) {
			t.Errorf("PDF layer row of %s does not read %d / %d", g.Name, n, g.Asked)
		}
	}
	if sum != total {
		t.Errorf("layer rows add up to %d, the summary says %d", sum, total)
	}
}
