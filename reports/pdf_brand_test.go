package reports

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func testBrand(t testing.TB) *Brand {
	t.Helper()
	b, err := LoadBrandFile("testdata/brand/good.yaml", brandFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageContent is the raw content stream of page n (1-based).
func pageContent(t *testing.T, data []byte, n int) string {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := pdfcpu.ExtractPageContent(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	c, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(c)
}

// The brand puts the firm's logo and name in every running header (every
// page but the cover), its contact line in every footer and its accent on
// the headings, and changes nothing else's count.
func TestPDFBrand(t *testing.T) {
	r := demoResult(t)
	plain := renderPDF(t, r, Meta{Tool: "ssrm test"})
	brand := testBrand(t)
	branded := renderPDF(t, r, Meta{Tool: "ssrm test", Brand: brand})
	pp, bp := pdfPages(t, plain), pdfPages(t, branded)
	if len(pp) != len(bp) {
		t.Fatalf("the brand changed the page count: %d → %d", len(pp), len(bp))
	}
	for i := range bp {
		text := strings.Join(bp[i].Lines, " ")
		if i == 0 {
			if bp[i].Img != pp[i].Img {
				t.Errorf("cover: %d images with the brand, %d without", bp[i].Img, pp[i].Img)
			}
			continue
		}
		if bp[i].Img != pp[i].Img+1 {
			t.Errorf("page %d: %d images with the brand, %d without: the logo is not in its header", i+1, bp[i].Img, pp[i].Img)
		}
		if !strings.Contains(text, brand.Firm) || !strings.Contains(text, "assess@fabrikam.example") {
			t.Errorf("page %d lacks the firm or its contact line: %.200s", i+1, text)
		}
	}
	// #1F5FA8 as gofpdf writes a fill/stroke colour: the section title and
	// its rule on page 2 use it; the unbranded PDF never does.
	const accent = "0.122 0.373 0.659"
	if c := pageContent(t, branded, 2); !strings.Contains(c, accent) {
		t.Errorf("page 2 does not use the accent %s", accent)
	}
	if c := pageContent(t, plain, 2); strings.Contains(c, accent) {
		t.Errorf("the unbranded page 2 uses the accent colour")
	}
	if dir := os.Getenv("SSRM_PDF_OUT"); dir != "" {
		_ = os.WriteFile(dir+"/brand.pdf", branded, 0o644)
	}
}
