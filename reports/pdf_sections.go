package reports

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/jung-kurt/gofpdf"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The sections of the PDF, in the order of the five-step plan. Each one
// starts on a new page and is a level-0 bookmark; the titles are the ones
// the tests look for.
const (
	titleCover    = "Cover"
	titleSummary  = "Executive summary"
	titleMatrix   = "Shared responsibility"
	titleStep1    = "Step 1 — Maturity"
	titleStep2    = "Step 2 — Kill chain"
	titleStep3    = "Step 3 — Prioritized action plan"
	titleStep4    = "Step 4 — Fortify"
	titleStep5    = "Step 5 — Socialize"
	titleEvidence = "Evidence"
	titleAnswers  = "Answers and notes"
	titleMethod   = "Methodology"
	titleGlossary = "Glossary"
)

// SectionTitles lists the titles of the PDF's sections in order (the
// appendices without their letters); the live-evidence appendix is there
// only when the assessment has evidence.
func SectionTitles(r *scoring.Result) []string {
	var out []string
	for _, s := range BuildDocument(r, Meta{}, DocOptions{}).Sections {
		out = append(out, s.Title)
	}
	return out
}

// --- cover ---

const coverBand = 112.0

func (d *pdfDoc) cover() {
	f := d.f
	r := d.r
	d.noHeader = true
	f.AddPage()
	d.noHeader = false
	f.Bookmark(titleCover, 0, 0)
	d.fillColor(colNavy)
	f.Rect(0, 0, pageW, coverBand, "F")
	d.fillColor(colTeal)
	f.Rect(0, coverBand, pageW, 2.2, "F")

	textW := contentW
	if len(d.m.Logo) > 0 && d.logo(pageW-marginR-46, 16, 46, 24) {
		textW = contentW - 52
	}
	d.font("B", 8.5)
	d.textColor(rgb{140, 206, 208})
	f.SetXY(marginL, 26)
	f.CellFormat(textW, 5, "AZURE SHARED SECURITY RESPONSIBILITY MODEL", "", 0, "L", false, 0, "")
	d.font("B", 28)
	d.textColor(colWhite)
	f.SetXY(marginL, 34)
	f.CellFormat(contentW, 13, "Security action plan", "", 0, "L", false, 0, "")
	d.font("", 17)
	f.SetXY(marginL, 51)
	f.MultiCell(contentW, 8, d.org, "", "L", false)
	d.font("", 10)
	d.textColor(rgb{200, 214, 230})
	f.SetXY(marginL, 88)
	f.MultiCell(contentW, 5, "Maturity per SSRM layer, gaps against the cyber kill chain, a prioritized\n30/60/90-day plan, and how to fortify and socialize it.", "", "L", false)

	// details
	y := coverBand + 10
	by, _ := PreparedBy(r.Profile.Assessor, d.m.Brand)
	assessor := d.user(by)
	if assessor == "" {
		assessor = "—"
	}
	// the organization is in the band above; these say who, when and
	// what (the bank and the tool are in the methodology)
	details := [][2]string{
		{"Prepared by", assessor},
		{"Report date", d.date.Format("2 January 2006")},
		{"Assessment", AssessmentPeriod(r).String()},
		{"Scope", d.safe(modelNames(r.Profile.Models) + " · " + serviceNames(r))},
		{"Profile", d.profileLine()},
		{"Target maturity", fmt.Sprintf("%d of 5 (%s)", r.Target, q.LevelName(r.Target))},
		{"Live findings", FindingCounts(r).String()},
	}
	for _, kv := range details {
		d.font("B", 7.2)
		d.textColor(colMuted)
		f.SetXY(marginL, y+0.6)
		f.CellFormat(38, 4, strings.ToUpper(kv[0]), "", 0, "L", false, 0, "")
		d.font("", 9.5)
		d.textColor(colText)
		f.SetXY(marginL+38, y)
		// wrapped whole (the scope lists every service in scope: the
		// re-review found it cut with "…"); only a runaway value is cut
		ls := d.lines(kv[1], contentW-38)
		if len(ls) > coverLines {
			ls = ls[:coverLines]
			ls[coverLines-1] = d.clip(ls[coverLines-1]+" …", contentW-38)
		}
		for _, l := range ls {
			f.SetXY(marginL+38, y)
			f.CellFormat(contentW-38, 4.8, l, "", 0, "L", false, 0, "")
			y += 4.8
		}
		y += 2.2
		d.drawColor(colRule)
		f.SetLineWidth(0.15)
		f.Line(marginL, y-1.3, pageW-marginR, y-1.3)
	}

	d.tocY = y + 3
	// confidential: the box grows with the text, so a long organization
	// name never runs onto its border
	d.confidentialBox(240)
	d.reset()
}

// coverLines is the most lines a cover detail wraps to.
const coverLines = 5

// confidentialBox draws the cover's CONFIDENTIAL box from y, sized to
// its text; it returns the box's height.
func (d *pdfDoc) confidentialBox(y float64) float64 {
	f := d.f
	const pad, lineH = 4.0, 4.0
	d.font("", 8.5)
	msg := fmt.Sprintf("Prepared for %s. It describes security weaknesses: share it only with the people who will act on it, and store it as you would a password list.", d.org)
	ls := d.lines(msg, contentW-2*pad)
	h := 3 + 5 + 0.6 + float64(len(ls))*lineH + 3
	if y+h > 262 {
		y = 262 - h
	}
	d.drawColor(colRed)
	f.SetLineWidth(0.5)
	f.RoundedRect(marginL, y, contentW, h, 1.5, "1234", "D")
	d.font("B", 11)
	d.textColor(colRed)
	f.SetXY(marginL+pad, y+3)
	f.CellFormat(contentW-2*pad, 5, "CONFIDENTIAL", "", 0, "L", false, 0, "")
	d.font("", 8.5)
	d.textColor(colText)
	for i, l := range ls {
		f.SetXY(marginL+pad, y+8.6+float64(i)*lineH)
		f.CellFormat(contentW-2*pad, lineH, l, "", 0, "L", false, 0, "")
	}
	d.reset()
	return h
}

// coverNotes adds, once the whole document is drawn, the notes about what
// was redacted or could not be shown.
func (d *pdfDoc) coverNotes() {
	var notes []string
	if d.m.Redact {
		notes = append(notes, RedactionNote(d.m))
	}
	if d.replaced {
		notes = append(notes, "Some characters (for example Chinese, Japanese or Korean text) have no glyph in this document's fonts and are shown as "+missingMark+"; the saved assessment keeps them intact.")
	}
	if len(notes) == 0 {
		return
	}
	f := d.f
	last := f.PageNo()
	f.SetPage(1)
	y := 263.0
	d.font("I", 7.5)
	d.textColor(colMuted)
	for _, n := range notes {
		f.SetXY(marginL, y)
		f.MultiCell(contentW, 3.6, n, "", "L", false)
		y = f.GetY() + 0.8
	}
	f.SetPage(last)
	d.reset()
}

func (d *pdfDoc) profileLine() string {
	p := d.r.Profile
	var parts []string
	if p.Size != "" {
		parts = append(parts, capitalizeWord(p.Size)+" organization")
	}
	if p.Sector != "" {
		parts = append(parts, d.user(p.Sector))
	}
	if p.Sensitivity != "" {
		parts = append(parts, p.Sensitivity+" data sensitivity")
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// logo draws the logo fitted into the box; false when it cannot be read.
func (d *pdfDoc) logo(x, y, w, h float64) bool {
	kind := imageType(d.m.Logo)
	if kind == "" {
		return false
	}
	f := d.f
	opt := gofpdf.ImageOptions{ImageType: kind}
	info := f.RegisterImageOptionsReader("logo", opt, bytes.NewReader(d.m.Logo))
	if f.Err() || info == nil {
		return false
	}
	iw, ih := info.Extent()
	if iw <= 0 || ih <= 0 {
		return false
	}
	const pad = 2.5
	scale := min((w-2*pad)/iw, (h-2*pad)/ih)
	dw, dh := iw*scale, ih*scale
	d.fillColor(colWhite)
	f.RoundedRect(x, y, w, h, 1.5, "1234", "F")
	f.ImageOptions("logo", x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, opt, 0, "")
	return true
}

// imageType tells a PNG from a JPEG by its first bytes; "" for neither.
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPG"
	}
	return ""
}

// LogoType returns "PNG" or "JPG" for image data the PDF can show as a logo,
// and an error for anything else.
func LogoType(b []byte) (string, error) {
	if t := imageType(b); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("not a PNG or JPEG image")
}

// --- executive summary ---

// tile is one figure of a row of summary tiles: a value over its label,
// under a coloured rule.
type tile struct {
	value, label string
	c            rgb
}

// drawTiles draws a row of summary tiles across the page, then moves below
// them by after millimetres.
func (d *pdfDoc) drawTiles(ts []tile, gap, valueSize, after float64) {
	f := d.f
	const h = 17.0
	w := (contentW - gap*float64(len(ts)-1)) / float64(len(ts))
	d.need(h + 4)
	y := f.GetY()
	for i, t := range ts {
		x := marginL + float64(i)*(w+gap)
		d.fillColor(colZebra)
		f.Rect(x, y, w, h, "F")
		d.fillColor(t.c)
		f.Rect(x, y, w, 1.2, "F")
		d.font("B", valueSize)
		d.textColor(t.c)
		f.SetXY(x, y+3)
		f.CellFormat(w, 7, t.value, "", 0, "C", false, 0, "")
		d.font("", 7)
		d.textColor(colMuted)
		f.SetXY(x, y+10.5)
		f.CellFormat(w, 3.5, d.clip(t.label, w), "", 0, "C", false, 0, "")
	}
	f.SetXY(marginL, y+h+after)
	d.reset()
}

func shortDay(t interface{ Format(string) string }) string {
	s := t.Format("2 Jan 2006")
	if s == "1 Jan 0001" {
		return "—"
	}
	return s
}

// --- shared responsibility ---

func partyStyle(p q.Party) (fill, text rgb) {
	switch p {
	case q.Customer:
		return colNavy, colWhite
	case q.Shared:
		return colTealTint, colTeal
	}
	return colNoneTint, colMuted
}

// matrixTable draws the responsibility matrix for the organization's
// service models: layer, who owns it under each model, what it means.
func (d *pdfDoc) matrixTable(layerW, modelW float64) {
	rows := Matrix(d.r)
	if len(rows) == 0 {
		return
	}
	cols := []col{{"Layer", layerW, "L"}}
	for _, c := range rows[0].Cells {
		cols = append(cols, col{q.ModelName(c.Model), modelW, "C"})
	}
	cols = append(cols, col{"What it means for you", contentW - layerW - modelW*float64(len(rows[0].Cells)), "L"})
	var trs []row
	for _, mr := range rows {
		cs := []cell{{text: d.safe(mr.Name), bold: true}}
		for _, c := range mr.Cells {
			fill, text := partyStyle(c.Party)
			cs = append(cs, cell{text: PartyName(c.Party), bold: true, fill: ptr(fill), color: ptr(text)})
		}
		cs = append(cs, textCell(d.safe(strings.TrimSpace(mr.Note))))
		trs = append(trs, row{cells: cs})
	}
	d.table(cols, trs)
}

// --- step 1 ---

// --- step 2 ---

// --- step 3 ---

// --- step 4 ---

// --- step 5 ---

// monthStrip draws the twelve months as a strip of boxes with a short
// label of what happens in each.
func (d *pdfDoc) monthStrip(cal []CalendarEntry) {
	if len(cal) == 0 {
		return
	}
	f := d.f
	const h = 14.0
	d.need(h + 4)
	w := contentW / float64(len(cal))
	y := f.GetY()
	for i, e := range cal {
		x := marginL + float64(i)*w
		c, word := colTealTint, "Comms"
		a := strings.ToLower(e.Activity)
		switch {
		case strings.Contains(a, "yearly"):
			c, word = colNavy, "Training"
		case strings.Contains(a, "phishing"):
			c, word = colAmbTint, "Phishing"
		case strings.Contains(a, "tabletop"), strings.Contains(a, "review of the year"):
			c, word = colSlate, "Exercise"
		case strings.Contains(a, "public-facing") || strings.Contains(e.Audience, "Public-facing") || strings.HasPrefix(e.Audience, "Staff who talk to"):
			c, word = colGrnTint, "Front desk"
		case strings.Contains(a, "secure coding"), strings.Contains(a, "privileged"), strings.Contains(a, "supplier"):
			c, word = colTeal, "Specialist"
		}
		d.fillColor(c)
		f.Rect(x+0.4, y, w-0.8, h, "F")
		tc := colNavy
		if c == colNavy || c == colSlate || c == colTeal {
			tc = colWhite
		}
		d.textColor(tc)
		d.font("B", 7.4)
		f.SetXY(x, y+2)
		parts := strings.SplitN(e.Month, " ", 2)
		f.CellFormat(w, 3.5, parts[0], "", 0, "C", false, 0, "")
		d.font("", 5.8)
		f.SetXY(x, y+6)
		if len(parts) == 2 {
			f.CellFormat(w, 3, parts[1], "", 0, "C", false, 0, "")
		}
		f.SetXY(x, y+9.4)
		m := f.GetCellMargin()
		f.SetCellMargin(0.3)
		f.CellFormat(w, 3, word, "", 0, "C", false, 0, "")
		f.SetCellMargin(m)
	}
	f.SetXY(marginL, y+h+3)
	d.reset()
}

// --- appendices ---

func safeAll(d *pdfDoc, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = d.safe(x)
	}
	return out
}

// tocEntry is a section and where it starts.
type tocEntry struct {
	title string
	page  int
	y     float64
}

// coverContents writes the contents, with page numbers and links, on the
// cover once every section's page is known.
func (d *pdfDoc) coverContents() {
	if len(d.toc) == 0 {
		return
	}
	f := d.f
	last := f.PageNo()
	f.SetPage(1)
	y := d.tocY
	d.font("B", 7.2)
	d.textColor(colMuted)
	f.SetXY(marginL, y)
	f.CellFormat(38, 4, "CONTENTS", "", 0, "L", false, 0, "")
	const lineH, wrapH = 4.6, 3.6
	half := (len(d.toc) + 1) / 2
	colW := (contentW - 38 - 8) / 2
	// an entry too long for its column wraps under itself (never cut)
	ys := [2]float64{y, y}
	for i, e := range d.toc {
		x := marginL + 38
		c := 0
		if i >= half {
			x += colW + 8
			c = 1
		}
		ey := ys[c]
		d.font("", 8.4)
		lines := d.lines(e.title, colW-10)
		if len(lines) == 0 {
			lines = []string{""}
		}
		h := lineH + float64(len(lines)-1)*wrapH
		d.textColor(colText)
		for j, l := range lines {
			ly := ey + float64(j)*wrapH
			if j > 0 {
				ly += lineH - wrapH
			}
			f.SetXY(x, ly)
			f.CellFormat(colW-10, map[bool]float64{true: lineH, false: wrapH}[j == 0], l, "", 0, "L", false, 0, "")
		}
		d.textColor(colTeal)
		f.SetXY(x+colW-10, ey)
		f.CellFormat(10, lineH, fmt.Sprint(e.page), "", 0, "R", false, 0, "")
		link := f.AddLink()
		f.SetLink(link, e.y, e.page)
		f.Link(x, ey, colW, h, link)
		ys[c] += h
	}
	f.SetPage(last)
	d.reset()
}

// sourceName names where a piece of evidence comes from.
func sourceName(src string) string {
	switch src {
	case "live", "finding":
		return "Live finding"
	case "url":
		return "Link"
	case "file":
		return "File"
	case "note":
		return "Note"
	case q.SourceSeen:
		return "Seen"
	}
	return capitalizeWord(src)
}
