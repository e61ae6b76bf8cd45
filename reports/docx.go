package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"io"
	"strings"
	"time"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The DOCX report: the section model (BuildDocument) as an editable Word
// document. It is WordprocessingML written with archive/zip and
// encoding/xml's escaping, not a library: of the Go DOCX libraries the
// module proxy serves, the MIT one (gomutex/godocx) is unmaintained by its
// own fork's word, has no page headers (the brand's logo goes in every
// one) and takes pictures only from files; its maintained fork and the
// other MIT candidates are not served, fumiama/go-docx is AGPL-3.0 and
// unioffice needs a paid licence. What the report needs is a small,
// fixed part of the format (ECMA-376 Part 1): headings with outline
// levels (Word's navigation pane), tables, bulleted and numbered lists,
// inline PNG pictures, one header and one footer with page fields.
//
// Section titles are Heading 1 (each on a new page), block titles Heading
// 2; tables are Word tables with a repeating header row; charts are PNG
// pictures drawn by docx_charts.go with their description as alt text
// and caption.

// Page geometry in twentieths of a point (twips): A4, 18 mm side margins,
// as the PDF.
const (
	docxPageW   = 11906
	docxPageH   = 16838
	docxMarginL = 1021
	docxMarginR = 1021
	docxTextW   = docxPageW - docxMarginL - docxMarginR
	emuPerMM    = 36000
	twipsPerMM  = 56.6929
)

// OOXML namespaces and relationship types.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP      = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA       = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic     = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships"
	relBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctBase    = "application/vnd.openxmlformats-officedocument."
)

// WriteDOCX writes the report as a Word document.
func WriteDOCX(w io.Writer, r *scoring.Result, m Meta) error {
	r, m = Prepare(r, m)
	d := &docxDoc{r: r, m: m, doc: BuildDocument(r, m, m.DocOptions())}
	d.accent1, d.accent2 = "162B48", "007980"
	if b := m.Brand; b != nil && b.Accented {
		d.accent1, d.accent2 = b.HexAccent(), b.HexAccent()
	}
	if err := d.build(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	data, err := d.pack()
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err = w.Write(data)
	return err
}

type docxDoc struct {
	r   *scoring.Result
	m   Meta
	doc Document

	accent1, accent2 string // Heading 1 and Heading 2 colours (RRGGBB)

	body       strings.Builder
	rels       []docxRel // of word/document.xml
	hdrRels    []docxRel // of word/header1.xml
	media      []docxMedia
	lists      int // numbered lists so far: each gets its own w:num
	appendices int // appendix sections so far: A, B…
	drawing    int // docPr ids
}

type docxRel struct{ ID, Type, Target string }

type docxMedia struct {
	Name string // word/media/NAME
	Data []byte
}

// --- text ---

// esc cleans s of control characters and escapes it for XML.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(safetext.Clean(s)))
	return b.String()
}

// run is a text run: props is the inside of w:rPr ("" for none). Line
// breaks and tabs in s become w:br and w:tab.
func wrun(s, props string) string {
	var b strings.Builder
	b.WriteString("<w:r>")
	if props != "" {
		b.WriteString("<w:rPr>" + props + "</w:rPr>")
	}
	s = safetext.Clean(s)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if part != "" {
				b.WriteString(`<w:t xml:space="preserve">` + esc(part) + "</w:t>")
			}
		}
	}
	b.WriteString("</w:r>")
	return b.String()
}

// para is a paragraph of a style with the given runs; extra goes into
// w:pPr after the style.
func wpara(style, extra string, runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if style != "" || extra != "" {
		b.WriteString("<w:pPr>")
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		b.WriteString(extra + "</w:pPr>")
	}
	for _, r := range runs {
		b.WriteString(r)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func (d *docxDoc) add(s string) { d.body.WriteString(s) }

// --- building ---

func (d *docxDoc) build() error {
	d.rels = []docxRel{
		{"rIdStyles", relBase + "styles", "styles.xml"},
		{"rIdSettings", relBase + "settings", "settings.xml"},
		{"rIdNumbering", relBase + "numbering", "numbering.xml"},
		{"rIdHeader", relBase + "header", "header1.xml"},
		{"rIdFooter", relBase + "footer", "footer1.xml"},
	}
	d.cover()
	for i, s := range d.doc.Sections {
		if err := d.section(i, s); err != nil {
			return err
		}
	}
	return nil
}

func (d *docxDoc) cover() {
	r := d.r
	d.add(wpara("Kicker", "", wrun("AZURE SHARED SECURITY RESPONSIBILITY MODEL", "")))
	d.add(wpara("Title", "", wrun("Security action plan", "")))
	d.add(wpara("Subtitle", "", wrun(d.doc.Organization, "")))
	if len(d.m.Logo) > 0 {
		if rid, w, h, ok := d.image(d.m.Logo, "client-logo", 60, 25, false); ok {
			d.add(wpara("", "", d.inline(rid, w, h, "Logo of "+d.doc.Organization)))
		}
	}
	assessor, _ := PreparedBy(r.Profile.Assessor, d.m.Brand)
	if assessor == "" {
		assessor = "—"
	}
	pairs := []Pair{
		{"Prepared by", assessor},
		{"Report date", d.date().Format("2 January 2006")},
		{"Assessment", AssessmentPeriod(r).String()},
		{"Scope", modelNames(r.Profile.Models) + " · " + serviceNames(r)},
		{"Target maturity", fmt.Sprintf("%d of 5 (%s)", r.Target, q.LevelName(r.Target))},
		{"Live findings", FindingCounts(r).String()},
	}
	if b := d.m.Brand; b != nil && b.Contact != "" {
		pairs = append(pairs, Pair{"Contact", b.Contact})
	}
	d.kv(pairs, "")
	d.add(wpara("Note", "", wrun("CONFIDENTIAL: prepared for "+d.doc.Organization+". This document is editable: the findings, plan and management responses are meant to be worked on.", "")))
	if note := RedactionNote(d.m); note != "" {
		d.add(wpara("Note", "", wrun(note, "")))
	}
}

func (d *docxDoc) date() time.Time {
	if d.r.Date.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d.r.Date
}

func (d *docxDoc) section(i int, s Section) error {
	title := s.Title
	if s.Appendix {
		title = fmt.Sprintf("Appendix %c — %s", 'A'+rune(d.appendices), s.Title)
		d.appendices++
	}
	// As the PDF: the board summary is page 2 and the findings start on a
	// page of their own; other sections follow on (Heading 1 keeps with
	// what comes next, so no title is left at a page foot).
	brk := ""
	if i == 0 || s.ID == SecFindings || s.ID == SecThemes || s.ID == SecSignOff {
		brk = "<w:pageBreakBefore/>"
	}
	d.add(wpara("Heading1", brk, wrun(title, "")))
	if s.Intro != "" {
		d.add(wpara("Intro", "", wrun(s.Intro, "")))
	}
	for _, b := range s.Blocks {
		if b.Title != "" {
			d.add(wpara("Heading2", "", wrun(b.Title, "")))
		}
		switch b.Kind {
		case BlockPara:
			if b.Callout {
				// a box the reader must not miss, as the PDF's callout
				d.add(wpara("Callout", "", wrun(b.Text, "")))
				continue
			}
			d.add(wpara("", "", wrun(b.Text, "")))
		case BlockNote:
			d.add(wpara("Note", "", wrun(b.Text, "")))
		case BlockBullets:
			d.list(b.Items, b.Numbered)
		case BlockTable:
			if b.Table != nil {
				d.table(b.Table)
			}
		case BlockKV:
			d.kv(b.Pairs, riskFill(b.Risk))
		case BlockChart:
			if err := d.chart(b.Chart); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *docxDoc) list(items []string, numbered bool) {
	if len(items) == 0 {
		return
	}
	style, numPr := "ListBullet", ""
	if numbered {
		d.lists++
		style = "ListNumber"
		numPr = fmt.Sprintf(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, 1+d.lists)
	}
	for _, it := range items {
		d.add(wpara(style, numPr, wrun(it, "")))
	}
}

// riskFill is the shading and text colour of a risk rating.
func riskFill(r Risk) string {
	switch r {
	case RiskCritical:
		return "C0392B"
	case RiskHigh:
		return "E67E22"
	case RiskMedium:
		return "D68910"
	case RiskLow:
		return "278752"
	}
	return ""
}

// cell is one table cell: width in twips, fill ("" none), paragraphs.
func wcell(width int, fill string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if fill != "" {
		fmt.Fprintf(&b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, fill)
	}
	b.WriteString("</w:tcPr>")
	if len(paras) == 0 {
		paras = []string{wpara("TableText", "")}
	}
	for _, p := range paras {
		b.WriteString(p)
	}
	b.WriteString("</w:tc>")
	return b.String()
}

// tableStart opens a table of the given column widths; border is a w:left
// colour for a finding card ("" none).
func tableStart(widths []int, border string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	fmt.Fprintf(&b, `<w:tblW w:w="%d" w:type="dxa"/>`, docxTextW)
	if border != "" {
		fmt.Fprintf(&b, `<w:tblBorders><w:left w:val="single" w:sz="24" w:space="0" w:color="%s"/></w:tblBorders>`, border)
	}
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	return b.String()
}

// widthsOf splits the text width by the table's relative widths.
func widthsOf(t *Table) []int {
	n := len(t.Columns)
	ws := make([]int, n)
	sum := 0.0
	if len(t.Widths) == n {
		for _, w := range t.Widths {
			sum += w
		}
	}
	for i := range ws {
		if sum > 0 {
			ws[i] = int(float64(docxTextW) * t.Widths[i] / sum)
		} else {
			ws[i] = docxTextW / n
		}
	}
	return ws
}

func (d *docxDoc) table(t *Table) {
	if len(t.Columns) == 0 {
		return
	}
	ws := widthsOf(t)
	d.add(tableStart(ws, ""))
	d.add(`<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	head := ""
	if t.Compact {
		head = `<w:sz w:val="15"/><w:szCs w:val="15"/>`
	}
	for i, c := range t.Columns {
		d.add(wcell(ws[i], d.accent1, wpara("TableHead", "", wrun(c, head))))
	}
	d.add("</w:tr>")
	text := "TableText"
	if t.Compact {
		text = "TableCompact"
	}
	for ri, row := range t.Rows {
		detail := ""
		if ri < len(t.Details) {
			detail = strings.TrimSpace(t.Details[ri])
		}
		keep := ""
		if detail != "" {
			keep = "<w:keepNext/>"
		}
		d.add(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i := range t.Columns {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			fill, props := "", ""
			if c.Risk != "" {
				fill, props = riskFill(c.Risk), "<w:b/><w:color w:val=\"FFFFFF\"/>"
			}
			ps := []string{wpara(text, keep, wrun(c.Text, props))}
			if c.Sub != "" {
				ps = append(ps, wpara("CellSub", keep, wrun(c.Sub, "")))
			}
			d.add(wcell(ws[i], fill, ps...))
		}
		d.add("</w:tr>")
		if detail != "" {
			// the row's full text, across the whole row
			d.add(`<w:tr><w:trPr><w:cantSplit/></w:trPr>` +
				fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:gridSpan w:val="%d"/></w:tcPr>`, docxTextW, len(t.Columns)) +
				wpara("CellSub", "", wrun(detail, "")) + `</w:tc></w:tr>`)
		}
	}
	d.add("</w:tbl>")
	d.add(wpara("AfterTable", ""))
}

// kv is a two-column fact sheet; border marks a finding card's risk.
func (d *docxDoc) kv(pairs []Pair, border string) {
	if len(pairs) == 0 {
		return
	}
	ws := []int{docxTextW * 27 / 100, docxTextW - docxTextW*27/100}
	d.add(tableStart(ws, border))
	for i, p := range pairs {
		// keep a card on one page: each row keeps with the next
		keep := ""
		if i < len(pairs)-1 {
			keep = "<w:keepNext/>"
		}
		d.add(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		d.add(wcell(ws[0], "EEF2F5", wpara("TableText", keep, wrun(p.Key, "<w:b/>"))))
		d.add(wcell(ws[1], "", wpara("TableText", keep, wrun(p.Value, ""))))
		d.add("</w:tr>")
	}
	d.add("</w:tbl>")
	d.add(wpara("AfterTable", ""))
}

// chart renders a chart as a PNG picture with its caption.
func (d *docxDoc) chart(ch Chart) error {
	const width = float64(docxTextW) / twipsPerMM
	c, ok, err := renderChart(d.r, d.m, ch, width)
	if err != nil || !ok {
		return err
	}
	w, h := c.W, c.H
	if ch == ChartGauge { // the board summary holds on one page
		w, h = w*0.78, h*0.78
	}
	if h > 225 { // fit a tall roadmap on one page
		w, h = w*225/h, 225
	}
	d.media = append(d.media, docxMedia{Name: fmt.Sprintf("chart%d.png", len(d.media)+1), Data: c.PNG})
	rid := fmt.Sprintf("rIdImg%d", len(d.media))
	d.rels = append(d.rels, docxRel{rid, relBase + "image", "media/" + d.media[len(d.media)-1].Name})
	d.add(wpara("Figure", "", d.inline(rid, w, h, c.Alt)))
	d.add(wpara("Caption", "", wrun(c.Alt, "")))
	return nil
}

// image registers a PNG or JPEG for the document (or the header) and
// returns its relationship id and its size fitted into maxW × maxH mm.
func (d *docxDoc) image(data []byte, name string, maxW, maxH float64, header bool) (string, float64, float64, bool) {
	kind := imageType(data)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if kind == "" || err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0, false
	}
	ext := map[string]string{"PNG": ".png", "JPG": ".jpeg"}[kind]
	d.media = append(d.media, docxMedia{Name: name + ext, Data: data})
	scale := min(maxW/float64(cfg.Width), maxH/float64(cfg.Height))
	rel := docxRel{"rId" + name, relBase + "image", "media/" + name + ext}
	if header {
		d.hdrRels = append(d.hdrRels, rel)
	} else {
		d.rels = append(d.rels, rel)
	}
	return rel.ID, float64(cfg.Width) * scale, float64(cfg.Height) * scale, true
}

// inline is a run holding a picture w × h mm.
func (d *docxDoc) inline(rid string, w, h float64, alt string) string {
	d.drawing++
	cx, cy := int(w*emuPerMM), int(h*emuPerMM)
	return fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:docPr id="%d" name="Picture %d" descr="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="%s"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="Picture %d"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
		cx, cy, d.drawing, d.drawing, esc(alt), nsPic, d.drawing, d.drawing, rid, cx, cy)
}

// --- parts ---

const docxNS = `xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"`

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (d *docxDoc) documentXML() string {
	return xmlHead + `<w:document ` + docxNS + `><w:body>` + d.body.String() +
		fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>`+
			`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="1361" w:right="%d" w:bottom="1247" w:left="%d" w:header="510" w:footer="454" w:gutter="0"/></w:sectPr>`,
			docxPageW, docxPageH, docxMarginR, docxMarginL) +
		`</w:body></w:document>`
}

func (d *docxDoc) headerXML() string {
	var runs []string
	title := d.doc.Organization + " · " + DocTitle
	if b := d.m.Brand; b != nil {
		if len(b.Logo) > 0 {
			if rid, w, h, ok := d.image(b.Logo, "brand-logo", 30, 8, true); ok {
				runs = append(runs, d.inline(rid, w, h, b.Firm+" logo"), wrun("  ", ""))
			}
		}
		runs = append(runs, wrun(b.Firm, `<w:b/><w:color w:val="`+d.accent1+`"/>`), wrun("  ·  ", ""))
		title = d.doc.Organization // the line holds the firm, the client and the marking
	}
	runs = append(runs, wrun(title, ""), wrun("\t", ""),
		wrun("CONFIDENTIAL", `<w:b/><w:color w:val="C0392B"/>`))
	tabs := fmt.Sprintf(`<w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="%d"/></w:tabs>`, docxTextW)
	return xmlHead + `<w:hdr ` + docxNS + `>` + wpara("Header", tabs, runs...) + `</w:hdr>`
}

func (d *docxDoc) footerXML() string {
	left := d.date().Format("2 January 2006")
	if d.m.Tool != "" {
		left += " · " + d.m.Tool
	}
	if d.m.Redact {
		left += " · redacted"
	}
	tabs := fmt.Sprintf(`<w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="%d"/></w:tabs>`, docxTextW)
	field := func(instr string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr +
			` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	out := xmlHead + `<w:ftr ` + docxNS + `>` +
		wpara("Footer", tabs, wrun(left, ""), wrun("\t", ""), wrun("Page ", ""), field("PAGE"), wrun(" of ", ""), field("NUMPAGES"))
	if b := d.m.Brand; b != nil && b.Contact != "" {
		out += wpara("Footer", `<w:jc w:val="center"/>`, wrun(b.Contact, ""))
	}
	return out + `</w:ftr>`
}

func (d *docxDoc) stylesXML() string {
	rPr := func(size int, color string, extra string) string {
		// CT_RPr is a sequence: b and i, then color, then sz
		s := `<w:rPr>` + extra
		if color != "" {
			s += `<w:color w:val="` + color + `"/>`
		}
		return s + fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, size, size)
	}
	style := func(id, name, pPr, rp string, extra string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
			extra + `<w:qFormat/><w:pPr>` + pPr + `</w:pPr>` + rp + `</w:style>`
	}
	var b strings.Builder
	b.WriteString(xmlHead + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>` +
		`<w:color w:val="212529"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	b.WriteString(style("Title", "Title", `<w:spacing w:before="600" w:after="120"/>`, rPr(56, d.accent1, "<w:b/>"), ""))
	b.WriteString(style("Subtitle", "Subtitle", `<w:spacing w:after="360"/>`, rPr(34, "67707A", ""), ""))
	b.WriteString(style("Kicker", "Kicker", `<w:spacing w:before="1200" w:after="0"/>`, rPr(17, d.accent2, "<w:b/>"), ""))
	b.WriteString(style("Heading1", "heading 1", `<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="`+d.accent2+`"/></w:pBdr>`+
		`<w:spacing w:before="360" w:after="200"/><w:outlineLvl w:val="0"/>`, rPr(36, d.accent1, "<w:b/>"), `<w:uiPriority w:val="9"/>`))
	b.WriteString(style("Heading2", "heading 2", `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>`, rPr(25, d.accent2, "<w:b/>"), `<w:uiPriority w:val="9"/>`))
	b.WriteString(style("Intro", "Intro", `<w:keepNext/><w:spacing w:after="200"/>`, rPr(20, "67707A", ""), ""))
	b.WriteString(style("Callout", "Callout", `<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="E0F0F0"/>`+
		`<w:left w:val="single" w:sz="24" w:space="4" w:color="`+d.accent2+`"/><w:bottom w:val="single" w:sz="4" w:space="4" w:color="E0F0F0"/>`+
		`<w:right w:val="single" w:sz="4" w:space="4" w:color="E0F0F0"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="E0F0F0"/>`+
		`<w:spacing w:before="120" w:after="200"/><w:ind w:left="113" w:right="113"/>`, "", ""))
	b.WriteString(style("Note", "Note", `<w:spacing w:after="160"/>`, rPr(16, "67707A", "<w:i/>"), ""))
	b.WriteString(style("Caption", "caption", `<w:spacing w:after="200"/><w:jc w:val="center"/>`, rPr(16, "67707A", "<w:i/>"), ""))
	b.WriteString(style("Figure", "Figure", `<w:keepNext/><w:spacing w:before="120" w:after="40"/><w:jc w:val="center"/>`, "", ""))
	b.WriteString(style("ListBullet", "List Bullet", `<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>`, "", ""))
	b.WriteString(style("ListNumber", "List Number", `<w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>`, "", ""))
	b.WriteString(style("TableText", "Table Text", `<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>`, rPr(17, "", ""), ""))
	b.WriteString(style("TableCompact", "Table Text Compact", `<w:spacing w:before="10" w:after="10" w:line="228" w:lineRule="auto"/>`, rPr(15, "", ""), ""))
	b.WriteString(style("TableHead", "Table Head", `<w:keepNext/><w:spacing w:before="20" w:after="20"/>`, rPr(17, "FFFFFF", "<w:b/>"), ""))
	b.WriteString(style("CellSub", "Cell Detail", `<w:spacing w:before="0" w:after="20" w:line="240" w:lineRule="auto"/>`, rPr(15, "67707A", ""), ""))
	b.WriteString(style("AfterTable", "After Table", `<w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>`, rPr(8, "", ""), ""))
	b.WriteString(style("Header", "header", "", rPr(15, "67707A", ""), ""))
	b.WriteString(style("Footer", "footer", "", rPr(15, "67707A", ""), ""))
	b.WriteString(`<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/><w:left w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/><w:right w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="D6DBE0"/></w:tblBorders>` +
		`<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`</w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// numberingXML: numId 1 is the bullet list; 2… are the numbered lists,
// each restarting at 1.
func (d *docxDoc) numberingXML() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:numbering xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>` +
		`<w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`)
	b.WriteString(`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>` +
		`<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`)
	b.WriteString(`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
	for i := 1; i <= d.lists; i++ {
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`, 1+i)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}

const settingsXML = xmlHead + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

func relsXML(rels []docxRel) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Relationships xmlns="` + nsPkgRels + `">`)
	for _, r := range rels {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s" Target="%s"/>`, r.ID, r.Type, esc(r.Target))
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func (d *docxDoc) coreXML() string {
	stamp := d.date().UTC().Format("2006-01-02T15:04:05Z")
	creator := d.m.Tool
	if b := d.m.Brand; b != nil {
		creator = b.Firm
	}
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.doc.Organization+": "+DocTitle) + `</dc:title>` +
		`<dc:subject>Azure Shared Security Responsibility Model assessment and five-step action plan</dc:subject>` +
		`<dc:creator>` + esc(creator) + `</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`
}

func (d *docxDoc) appXML() string {
	return xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>` + esc(orDash(d.m.Tool)) + `</Application></Properties>`
}

func contentTypesXML() string {
	wml := ctBase + "wordprocessingml."
	return xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="png" ContentType="image/png"/>` +
		`<Default Extension="jpeg" ContentType="image/jpeg"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + wml + `document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="` + wml + `styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="` + wml + `settings+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="` + wml + `numbering+xml"/>` +
		`<Override PartName="/word/header1.xml" ContentType="` + wml + `header+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="` + wml + `footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="` + ctBase + `extended-properties+xml"/>` +
		`</Types>`
}

// pack zips the parts. Every entry carries the report's date, so the same
// result gives the same bytes.
func (d *docxDoc) pack() ([]byte, error) {
	header := d.headerXML() // registers the header's logo first
	footer := d.footerXML()
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypesXML())},
		{"_rels/.rels", []byte(relsXML([]docxRel{
			{"rId1", relBase + "officeDocument", "word/document.xml"},
			{"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
			{"rId3", relBase + "extended-properties", "docProps/app.xml"},
		}))},
		{"docProps/core.xml", []byte(d.coreXML())},
		{"docProps/app.xml", []byte(d.appXML())},
		{"word/document.xml", []byte(d.documentXML())},
		{"word/_rels/document.xml.rels", []byte(relsXML(d.rels))},
		{"word/styles.xml", []byte(d.stylesXML())},
		{"word/settings.xml", []byte(settingsXML)},
		{"word/numbering.xml", []byte(d.numberingXML())},
		{"word/header1.xml", []byte(header)},
		{"word/_rels/header1.xml.rels", []byte(relsXML(d.hdrRels))},
		{"word/footer1.xml", []byte(footer)},
	}
	for _, m := range d.media {
		parts = append(parts, struct {
			name string
			data []byte
		}{"word/media/" + m.Name, m.Data})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") || strings.HasSuffix(p.name, ".jpeg") {
			method = zip.Store // already compressed
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: d.date().UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
