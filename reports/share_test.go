package reports

import (
	"bytes"
	"strings"
	"testing"
)

// TestYourShareIsExplainedUnderTheLayersTable: the Foundation reads 100%
// "your share" while the matrix gives it to Microsoft; the PDF and the
// Markdown say under the table why that is no contradiction.
func TestYourShareIsExplainedUnderTheLayersTable(t *testing.T) {
	r := demoResult(t)
	if g := r.Layer("foundation"); g.Asked == 0 || g.Share == 0 {
		t.Skipf("the demo asks no Foundation question with a share (%+v)", g)
	}
	want := "Foundation is Microsoft's in the responsibility matrix; its 100% is of the questions asked"
	if !strings.Contains(ShareNote(r), want) {
		t.Fatalf("share note: %q", ShareNote(r))
	}
	pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	found := false
	for _, p := range pages {
		if i := strings.Index(p, "Layers in numbers"); i >= 0 {
			found = strings.Contains(p[i:], "\"Your share\" is your part of the responsibility for the questions asked") && strings.Contains(p[i:], want)
		}
	}
	if !found {
		t.Error("the PDF's layers table has no explanation of \"Your share\"")
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Your share |") || !strings.Contains(md.String(), want) {
		t.Error("the Markdown's layers table has no \"Your share\" column or no explanation")
	}
}
