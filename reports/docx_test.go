package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"io"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func renderDOCX(t testing.TB, r *scoring.Result, m Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r, m); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SSRM_PDF_OUT"); dir != "" {
		name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + ".docx"
		_ = os.WriteFile(dir+"/"+name, buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

// ooxml is an unpacked DOCX.
type ooxml map[string][]byte

// unpackOOXML checks what Word needs to open a package: every XML part
// parses, every part has a content type, every relationship points at a
// part that exists, every r:id and r:embed a part uses is in its
// relationships, and every style and list the document uses is defined.
func unpackOOXML(t *testing.T, data []byte) ooxml {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := ooxml{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := parts[f.Name]; dup {
			t.Errorf("part %s twice", f.Name)
		}
		parts[f.Name] = b
	}
	for name, b := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s does not parse: %v", name, err)
				}
			}
		}
		if strings.HasSuffix(name, ".png") {
			if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s is not a picture: %v", name, err)
			}
		}
	}
	var types struct {
		Defaults []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	exts, over := map[string]bool{}, map[string]string{}
	for _, d := range types.Defaults {
		exts[d.Extension] = true
	}
	for _, o := range types.Overrides {
		over[o.PartName] = o.ContentType
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("content type for a missing part %s", o.PartName)
		}
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if _, ok := over["/"+name]; !ok && !exts[strings.TrimPrefix(path.Ext(name), ".")] {
			t.Errorf("part %s has no content type", name)
		}
	}
	if !strings.HasSuffix(over["/word/document.xml"], "wordprocessingml.document.main+xml") {
		t.Errorf("word/document.xml content type %q", over["/word/document.xml"])
	}
	// relationships
	type rel struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	}
	relsOf := func(name string) map[string]rel {
		var rs struct {
			Rels []rel `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[name], &rs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := map[string]rel{}
		for _, r := range rs.Rels {
			if _, dup := out[r.ID]; dup {
				t.Errorf("%s: id %s twice", name, r.ID)
			}
			out[r.ID] = r
		}
		return out
	}
	root := relsOf("_rels/.rels")
	foundMain := false
	for _, r := range root {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target == "word/document.xml" {
			foundMain = true
		}
	}
	if !foundMain {
		t.Error("_rels/.rels has no officeDocument relationship to word/document.xml")
	}
	for name := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		dir := path.Dir(path.Dir(name)) // word/_rels/x.rels → word
		if dir == "." {
			dir = ""
		}
		source := path.Join(dir, strings.TrimSuffix(path.Base(name), ".rels"))
		if name != "_rels/.rels" {
			if _, ok := parts[source]; !ok {
				t.Errorf("%s belongs to a missing part %s", name, source)
			}
		}
		rs := relsOf(name)
		for _, r := range rs {
			if r.TargetMode == "External" {
				continue
			}
			if _, ok := parts[path.Join(dir, r.Target)]; !ok {
				t.Errorf("%s: %s points at a missing part %s", name, r.ID, path.Join(dir, r.Target))
			}
		}
		if name == "_rels/.rels" {
			continue
		}
		// every r:id / r:embed the source uses is here
		dec := xml.NewDecoder(bytes.NewReader(parts[source]))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				for _, a := range se.Attr {
					if a.Name.Space == nsR {
						if _, ok := rs[a.Value]; !ok {
							t.Errorf("%s uses %s=%q, not in %s", source, a.Name.Local, a.Value, name)
						}
					}
				}
			}
		}
	}
	// styles and lists used are defined
	styles := map[string]bool{}
	for _, m := range attrValues(parts["word/styles.xml"], "style", "styleId") {
		styles[m] = true
	}
	for _, part := range []string{"word/document.xml", "word/header1.xml", "word/footer1.xml"} {
		for _, s := range attrValues(parts[part], "pStyle", "val") {
			if !styles[s] {
				t.Errorf("%s uses undefined style %q", part, s)
			}
		}
		for _, s := range attrValues(parts[part], "tblStyle", "val") {
			if !styles[s] {
				t.Errorf("%s uses undefined table style %q", part, s)
			}
		}
	}
	nums := map[string]bool{}
	for _, n := range attrValues(parts["word/numbering.xml"], "num", "numId") {
		nums[n] = true
	}
	for _, n := range append(attrValues(parts["word/document.xml"], "numId", "val"), attrValues(parts["word/styles.xml"], "numId", "val")...) {
		if !nums[n] {
			t.Errorf("list %s is used but not in numbering.xml", n)
		}
	}
	return parts
}

// attrValues lists the values of attribute attr on elements named elem.
func attrValues(data []byte, elem, attr string) []string {
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == elem {
			for _, a := range se.Attr {
				if a.Name.Local == attr {
					out = append(out, a.Value)
				}
			}
		}
	}
}

// docxPara is one paragraph of a part: its style and text.
type docxPara struct{ Style, Text string }

func docxParas(data []byte) []docxPara {
	var out []docxPara
	var cur *docxPara
	inT := false
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "p":
				cur = &docxPara{}
			case "pStyle":
				if cur != nil {
					for _, a := range x.Attr {
						if a.Name.Local == "val" {
							cur.Style = a.Value
						}
					}
				}
			case "t":
				inT = true
			case "tab":
				if cur != nil {
					cur.Text += "\t"
				}
			case "br":
				if cur != nil {
					cur.Text += "\n"
				}
			}
		case xml.EndElement:
			switch x.Name.Local {
			case "p":
				if cur != nil {
					out = append(out, *cur)
				}
				cur = nil
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && cur != nil {
				cur.Text += string(x)
			}
		}
	}
}

func docxText(data []byte) string {
	var b strings.Builder
	for _, p := range docxParas(data) {
		b.WriteString(p.Text + "\n")
	}
	return b.String()
}

// The demo and the rich result as DOCX: valid OOXML, every section a
// Heading 1 in order, block titles Heading 2, every finding's id and
// title in the text, tables as Word tables, charts as pictures.
func TestDOCXReport(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *scoring.Result
		opts DocOptions
	}{
		{"demo", demoResult(t), DocOptions{}},
		{"rich-full", richResult(t), DocOptions{Appendix: AppendixFull}},
		{"board", demoResult(t), DocOptions{Audience: AudienceBoard, Appendix: AppendixNone}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Meta{Tool: "ssrm test", Audience: tc.opts.Audience, Appendix: tc.opts.Appendix}
			data := renderDOCX(t, tc.r, m)
			parts := unpackOOXML(t, data)
			doc := BuildDocument(tc.r, m, tc.opts)
			paras := docxParas(parts["word/document.xml"])
			var h1 []string
			h2 := 0
			for _, p := range paras {
				switch p.Style {
				case "Heading1":
					h1 = append(h1, p.Text)
				case "Heading2":
					h2++
				}
			}
			var want []string
			tables, charts, appendices := 0, 0, 0
			for _, s := range doc.Sections {
				title := s.Title
				if s.Appendix {
					title = fmt.Sprintf("Appendix %c — %s", 'A'+rune(appendices), s.Title)
					appendices++
				}
				want = append(want, safetext.Clean(title))
				for _, b := range s.Blocks {
					switch b.Kind {
					case BlockTable, BlockKV:
						tables++
					case BlockChart:
						charts++
					}
				}
			}
			if strings.Join(h1, "|") != strings.Join(want, "|") {
				t.Errorf("Heading 1s\n%q\nwant the sections\n%q", h1, want)
			}
			if h2 == 0 {
				t.Error("no Heading 2")
			}
			if n := strings.Count(string(parts["word/document.xml"]), "<w:tbl>"); n < tables {
				t.Errorf("%d Word tables for %d table blocks", n, tables)
			}
			text := docxText(parts["word/document.xml"])
			for _, f := range doc.Findings {
				if tc.opts.Audience == AudienceBoard {
					// the board's themes list the critical and high
					// findings by number
					if (f.Risk == RiskCritical || f.Risk == RiskHigh) && !strings.Contains(text, f.ID) {
						t.Errorf("finding %s not in the board's themes", f.ID)
					}
					continue
				}
				if !strings.Contains(text, f.ID) || !strings.Contains(text, safetext.Clean(f.Title)) {
					t.Errorf("finding %s %q not in the text", f.ID, f.Title)
				}
			}
			if len(doc.Findings) == 0 {
				t.Error("no findings to check")
			}
			// a plan row's full action text is printed under it
			for _, s := range doc.Sections {
				for _, b := range s.Blocks {
					if b.Table == nil {
						continue
					}
					for _, det := range b.Table.Details {
						if det = strings.TrimSpace(det); det != "" && !strings.Contains(text, safetext.Clean(det)) {
							t.Errorf("row detail %.60q not in the text", det)
						}
					}
				}
			}
			pics := 0
			for name := range parts {
				if strings.HasPrefix(name, "word/media/chart") {
					pics++
				}
			}
			if charts > 0 && pics == 0 {
				t.Errorf("%d chart blocks and no picture", charts)
			}
			if pics > charts {
				t.Errorf("%d pictures for %d chart blocks", pics, charts)
			}
			if hdr := string(parts["word/header1.xml"]); !strings.Contains(hdr, "CONFIDENTIAL") {
				t.Error("the header lacks the confidential marking")
			}
			if ftr := string(parts["word/footer1.xml"]); !strings.Contains(ftr, "NUMPAGES") {
				t.Error("the footer lacks the page count")
			}
		})
	}
}

// The brand: logo and firm in the header of every page (one default
// header for the one section), contact in the footer, accent on the
// heading styles.
func TestDOCXBrand(t *testing.T) {
	b := testBrand(t)
	parts := unpackOOXML(t, renderDOCX(t, demoResult(t), Meta{Tool: "ssrm test", Brand: b}))
	hdr := string(parts["word/header1.xml"])
	if !strings.Contains(hdr, b.Firm) || !strings.Contains(hdr, "r:embed=") {
		t.Errorf("header lacks the firm or its logo: %.300s", hdr)
	}
	if logo, ok := parts["word/media/brand-logo.png"]; !ok || !bytes.Equal(logo, b.Logo) {
		t.Error("the brand logo is not in the package as given")
	}
	if ftr := string(parts["word/footer1.xml"]); !strings.Contains(ftr, "assess@fabrikam.example") {
		t.Error("footer lacks the contact line")
	}
	doc := string(parts["word/document.xml"])
	if n := strings.Count(doc, "<w:sectPr>"); n != 1 || !strings.Contains(doc, `<w:headerReference w:type="default" r:id="rIdHeader"/>`) {
		t.Errorf("%d sections, or the section has no default header: every page must carry it", n)
	}
	styles := string(parts["word/styles.xml"])
	for _, id := range []string{"Heading1", "Heading2"} {
		i := strings.Index(styles, `w:styleId="`+id+`"`)
		end := strings.Index(styles[i:], "</w:style>")
		if i < 0 || !strings.Contains(styles[i:i+end], `<w:color w:val="1F5FA8"/>`) || !strings.Contains(styles[i:i+end], "<w:outlineLvl") {
			t.Errorf("%s lacks the accent or its outline level", id)
		}
	}
	plain := unpackOOXML(t, renderDOCX(t, demoResult(t), Meta{Tool: "ssrm test"}))
	if strings.Contains(string(plain["word/styles.xml"]), "1F5FA8") || strings.Contains(string(plain["word/header1.xml"]), "r:embed") {
		t.Error("the unbranded document carries the accent or a header logo")
	}
}

// A management response stored in the assessment shows in the DOCX, the
// XLSX findings sheet, and reads back from the XLSX the client edited.
func TestManagementResponseRoundTrip(t *testing.T) {
	b, a := demoAssessment(t)
	r := scoring.Compute(b, a, scoring.Options{})
	fs := Findings(r)
	if len(fs) < 2 {
		t.Fatal("the demo has fewer than two findings")
	}
	when := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	a.SetResponse(fs[0].QuestionID, q.Response{Status: q.ResponsePlanned, Date: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC),
		Comment: "Budget approved for Q1; Zoë leads", Who: "CFO"}, when)
	a.SetResponse(fs[1].QuestionID, q.Response{Status: q.ResponseDisagreed, Comment: "The MSP contract covers this", Who: "CEO"}, when)
	r = scoring.Compute(b, a, scoring.Options{})
	fs = Findings(r)

	text := docxText(unpackOOXML(t, renderDOCX(t, r, Meta{Tool: "ssrm test"}))["word/document.xml"])
	for _, f := range fs[:2] {
		if f.Response == nil || !strings.Contains(text, f.ResponseText()) {
			t.Errorf("DOCX lacks %s's response %q", f.ID, f.ResponseText())
		}
	}

	x := renderXLSX(t, r, Meta{Tool: "ssrm test"})
	h := header(t, x, SheetFindings)
	get := func(col string, row int) string {
		v, _ := x.GetCellValue(SheetFindings, fmt.Sprintf("%s%d", h[col], row))
		return v
	}
	if get(colResponse, 2) != "Agree with plan" || get(colResponseDate, 2) != "2027-03-31" || get(colResponseComment, 2) != "Budget approved for Q1; Zoë leads" ||
		get(colResponseWho, 2) != "CFO" || get(colResponseWhen, 2) != "2026-11-21" {
		t.Errorf("XLSX row 2 response: %q %q %q %q %q", get(colResponse, 2), get(colResponseDate, 2), get(colResponseComment, 2), get(colResponseWho, 2), get(colResponseWhen, 2))
	}
	checkDate(t, x, SheetFindings, h[colResponseDate]+"2", "2027-03-31")
	if get(colResponse, 3) != "Disagree" || get(colResponseComment, 3) != "The MSP contract covers this" {
		t.Errorf("XLSX row 3 response: %q %q", get(colResponse, 3), get(colResponseComment, 3))
	}
	if get(colResponse, 4) != "" {
		t.Errorf("XLSX row 4 has a response nobody gave: %q", get(colResponse, 4))
	}
	var _ = excelize.Options{}
}

// BenchmarkDOCXDemo writes the demo's Word document (bound: 250 ms).
func BenchmarkDOCXDemo(b *testing.B) {
	r := demoResult(b)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, r, Meta{Tool: "ssrm bench"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/docx")
}

// The same result gives the same bytes, as the PDF does: a consultant can
// diff two runs, and CI can cache.
func TestOfficeDeterministic(t *testing.T) {
	r := demoResult(t)
	m := Meta{Tool: "ssrm test", Brand: testBrand(t)}
	for name, write := range map[string]func(io.Writer, *scoring.Result, Meta) error{"docx": WriteDOCX, "xlsx": WriteXLSX} {
		var a, b bytes.Buffer
		if err := write(&a, r, m); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, r, m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ (%d and %d bytes)", name, a.Len(), b.Len())
		}
	}
}

// Word refuses a document whose property elements are out of the order
// ECMA-376 Part 1 gives them (LibreOffice reads them anyway), so the
// order of the children of w:pPr, w:rPr, w:tblPr, w:tcPr and w:sectPr is
// checked against the schema's sequences, for every element ssrm writes.
func TestDOCXSchemaOrder(t *testing.T) {
	order := map[string][]string{
		"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
			"suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
			"spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
			"divId", "cnfStyle", "rPr", "sectPr", "pPrChange"},
		"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
			"snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
			"vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"},
		"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
			"tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"},
		"tcPr":   {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"},
		"sectPr": {"headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols"},
		"style":  {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr"},
		"lvl":    {"start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId", "legacy", "lvlJc", "pPr", "rPr"},
		"inline": {"extent", "effectExtent", "docPr", "cNvGraphicFramePr", "graphic"},
	}
	parts := unpackOOXML(t, renderDOCX(t, richResult(t), Meta{Tool: "ssrm test", Brand: testBrand(t), Logo: testPNG(t), Appendix: AppendixFull}))
	for _, name := range []string{"word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml", "word/numbering.xml"} {
		dec := xml.NewDecoder(bytes.NewReader(parts[name]))
		type frame struct {
			name string
			last int
		}
		var stack []frame
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch x := tok.(type) {
			case xml.StartElement:
				if n := len(stack); n > 0 {
					if seq, ok := order[stack[n-1].name]; ok {
						i := -1
						for j, s := range seq {
							if s == x.Name.Local {
								i = j
							}
						}
						switch {
						case i < 0:
							t.Errorf("%s: %s in %s is not in the schema's sequence", name, x.Name.Local, stack[n-1].name)
						case i < stack[n-1].last:
							t.Errorf("%s: %s comes after %s in %s, against the schema's order", name, x.Name.Local, seq[stack[n-1].last], stack[n-1].name)
						default:
							stack[n-1].last = i
						}
					}
				}
				stack = append(stack, frame{name: x.Name.Local})
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			}
		}
	}
}
