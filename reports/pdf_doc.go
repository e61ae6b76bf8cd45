package reports

import (
	"fmt"
	"strings"

	"github.com/ssrm/ssrm/scoring"
)

// The PDF walks the section model (BuildDocument) like every other format:
// each section a level-0 bookmark, each block drawn by kind. Charts are
// drawn from the result by the specialised functions of pdf_charts.go.

// build draws the whole document.
func (d *pdfDoc) build() {
	doc := BuildDocument(d.r, d.m, d.m.DocOptions())
	d.doc = &doc
	d.cover()
	letter := 'A'
	for i, s := range doc.Sections {
		title := s.Title
		// the board summary is page 2; other sections, the findings and
		// the appendices too, follow on when enough of the page is left
		// (see startSection)
		newPage := i == 0 || s.ID == SecThemes || s.ID == SecSignOff
		if s.Appendix {
			title = fmt.Sprintf("Appendix %c — %s", letter, s.Title)
			letter++
		}
		d.startSection(d.safe(title), d.safe(s.Intro), newPage || d.space() < d.opening(s))
		for _, b := range s.Blocks {
			d.block(s, b)
		}
	}
	d.coverNotes()
	d.coverContents()
}

// startSection opens a section: on a new page, or below what comes before
// when at least 70 mm are left (a heading is never left at a page foot).
func (d *pdfDoc) startSection(title, intro string, newPage bool) {
	f := d.f
	if newPage || d.space() < 70 {
		d.section(title, intro)
		return
	}
	f.Ln(6)
	f.Bookmark(title, 0, -1)
	d.toc = append(d.toc, tocEntry{title, f.PageNo(), f.GetY()})
	d.sectionTitle(title, intro)
}

// opening is the height a section's start needs on the page: its title,
// its intro and what its first block keeps with a heading; less than that
// left, the section starts on a new page (no heading at a page foot).
func (d *pdfDoc) opening(s Section) float64 {
	h := 18.0
	if s.Intro != "" {
		d.font("", 9.5)
		h += 4.6*float64(len(d.lines(d.safe(s.Intro), contentW))) + 2
	}
	if len(s.Blocks) == 0 {
		return h
	}
	switch b := s.Blocks[0]; b.Kind {
	case BlockTable:
		d.compact = b.Table.Compact
		cols, rows := d.tableOf(b.Table)
		h += d.tableKeep(cols, rows, d.space()-h-10) + 10
		d.compact = false
	case BlockChart:
		h += 60
	default:
		h += 20
	}
	return h
}

// sectionTitle draws a section's title and intro where the cursor is.
func (d *pdfDoc) sectionTitle(title, intro string) {
	f := d.f
	d.font("B", 19)
	d.textColor(d.accent(colNavy))
	f.SetX(marginL)
	f.CellFormat(contentW, 9, title, "", 1, "L", false, 0, "")
	d.fillColor(d.accent(colTeal))
	f.Rect(marginL, f.GetY()+0.5, 24, 1.1, "F")
	f.Ln(4.5)
	if intro != "" {
		d.font("", 9.5)
		d.textColor(colMuted)
		f.MultiCell(contentW, 4.6, intro, "", "L", false)
		f.Ln(2)
	}
	d.reset()
}

// block draws one block of a section.
func (d *pdfDoc) block(s Section, b Block) {
	title := d.safe(b.Title)
	switch b.Kind {
	case BlockPara:
		if b.Callout {
			d.callout(title, []string{d.safe(b.Text)})
			return
		}
		if title != "" {
			d.heading(title, 12)
		}
		d.compact = b.Compact
		d.para(d.safe(b.Text))
		d.compact = false
	case BlockNote:
		if title != "" {
			d.heading(title, 8)
		}
		d.note(d.safe(b.Text))
	case BlockBullets:
		if title != "" {
			d.heading(title, 12)
		}
		d.compact = b.Compact
		d.bullets(safeAll(d, b.Items), b.Numbered)
		d.compact = false
	case BlockTable:
		d.compact = b.Table.Compact
		defer func() { d.compact = false }()
		cols, rows := d.tableOf(b.Table)
		avail := d.space()
		if title != "" {
			avail -= 11 // the heading's own lines
		}
		keep := d.tableKeep(cols, rows, avail)
		if title != "" {
			d.heading(title, keep)
		} else {
			d.need(keep)
		}
		d.table(cols, rows)
	case BlockKV:
		if b.Risk != "" {
			d.card(title, b)
			return
		}
		if title != "" {
			d.heading(title, 15)
		}
		cols := []col{{"", 44, "L"}, {"", contentW - 44, "L"}}
		var rows []row
		for _, p := range b.Pairs {
			rows = append(rows, row{cells: []cell{{text: d.safe(p.Key), bold: true}, textCell(d.safe(p.Value))}})
		}
		d.kvRows(cols, rows)
	case BlockChart:
		if title != "" {
			d.heading(title, 30)
		}
		d.drawChart(b)
	}
}

// tableKeep is what a table keeps together at its start, with avail mm
// left on the page: the whole table when it is short (up to 60 mm), when
// it fits, or when a page break would leave fewer than two of its rows
// alone on the next page; else its header and three rows. Never a
// heading or a lone row at a page foot, nor a lone row at a page top.
func (d *pdfDoc) tableKeep(cols []col, rows []row, avail float64) float64 {
	head := d.tableHeadHeight(cols)
	total, three, used, fit := head, head, head, 0
	for i, r := range rows {
		h := d.rowHeight(cols, r)
		total += h
		if i < 3 {
			three += h
		}
		if used+h <= avail {
			used += h
			fit++
		}
	}
	page := bottomY - marginT - 20
	switch {
	case total <= 60, total <= avail:
		return min(total, page)
	case len(rows)-fit < 2 && fit < 3:
		// a short table that would leave one row alone: whole (a longer
		// one breaks early instead: table keeps its last two rows together)
		return min(total, page)
	}
	return min(three, page)
}

// tableOf turns a model table into the PDF's columns and rows.
func (d *pdfDoc) tableOf(t *Table) ([]col, []row) {
	n := len(t.Columns)
	cols := make([]col, n)
	for i, h := range t.Columns {
		w := contentW / float64(n)
		if len(t.Widths) == n {
			w = t.Widths[i] * contentW
		} else if n > 1 {
			// the first column names the row: give it room
			first := contentW * 0.34
			if i == 0 {
				w = first
			} else {
				w = (contentW - first) / float64(n-1)
			}
		}
		cols[i] = col{d.safe(h), w, "L"}
	}
	// widths that do not add up exactly would leave a sliver
	sum := 0.0
	for _, c := range cols {
		sum += c.w
	}
	if n > 0 {
		cols[n-1].w += contentW - sum
	}
	rows := make([]row, 0, len(t.Rows))
	for _, r := range t.Rows {
		cs := make([]cell, len(r))
		for i, c := range r {
			cs[i] = cell{text: d.safe(c.Text), sub: d.safe(c.Sub)}
			if c.Risk != "" {
				strong, tint := riskColour(c.Risk)
				cs[i].text = strings.ToUpper(cs[i].text)
				cs[i].bold, cs[i].color, cs[i].fill = true, ptr(strong), ptr(tint)
			}
		}
		for len(cs) < n {
			cs = append(cs, textCell(""))
		}
		rw := row{cells: cs[:n]}
		if i := len(rows); i < len(t.Details) {
			rw.detail = d.safe(t.Details[i])
		}
		rows = append(rows, rw)
	}
	return cols, rows
}

// riskColour is the colour of a risk rating.
func riskColour(r Risk) (strong, tint rgb) {
	switch r {
	case RiskCritical:
		return rgb{142, 22, 22}, colRedTint
	case RiskHigh:
		return colRed, colRedTint
	case RiskMedium:
		return colAmber, colAmbTint
	}
	return colSlate, colNoneTint
}

// kvRows draws key-value rows without a header, a row never split.
func (d *pdfDoc) kvRows(cols []col, rows []row) {
	f := d.f
	for i, r := range rows {
		h := d.rowHeight(cols, r)
		d.need(h)
		d.drawRow(cols, r, h, i%2 == 1)
		_ = f
	}
	f.Ln(2)
}

// card draws one finding: a bar in its risk colour with its number and
// question, then its facts; kept on one page.
func (d *pdfDoc) card(title string, b Block) {
	f := d.f
	d.compact = true
	defer func() { d.compact = false }()
	cols := []col{{"", 30, "L"}, {"", contentW - 30, "L"}}
	var rows []row
	for _, p := range b.Pairs {
		rows = append(rows, row{cells: []cell{{text: d.safe(p.Key), bold: true, color: ptr(colMuted)}, textCell(d.safe(p.Value))}})
	}
	d.font("B", 9.5)
	head := d.lines(title, contentW-30)
	headH := 4.6*float64(len(head)) + 3
	// the bar keeps its first three rows with it; the rest may run on
	keep := headH
	for _, r := range rows[:min(3, len(rows))] {
		keep += d.rowHeight(cols, r)
	}
	d.need(keep + 2)
	strong, _ := riskColour(b.Risk)
	y := f.GetY()
	d.fillColor(strong)
	f.Rect(marginL, y, contentW, headH, "F")
	d.font("B", 7.5)
	d.textColor(colWhite)
	f.SetXY(contentW+marginL-28, y+1.5)
	f.CellFormat(26, 4, strings.ToUpper(string(b.Risk)), "", 0, "R", false, 0, "")
	d.font("B", 9.5)
	for i, l := range head {
		f.SetXY(marginL+1, y+1.5+4.6*float64(i))
		f.CellFormat(contentW-30, 4.6, l, "", 0, "L", false, 0, "")
	}
	f.SetXY(marginL, y+headH)
	d.reset()
	for i, r := range rows {
		h := d.rowHeight(cols, r)
		if h >= maxRow {
			d.flowRow(cols, r)
			continue
		}
		d.need(h)
		d.drawRow(cols, r, h, i%2 == 1)
	}
	f.Ln(3)
}

// flowRow draws a key-value row too long for one page: the key, then the
// value as a paragraph that runs on over the pages (a note is never cut).
func (d *pdfDoc) flowRow(cols []col, r row) {
	f := d.f
	d.need(12)
	y := f.GetY()
	d.font("B", d.st().size)
	d.textColor(colMuted)
	f.SetXY(marginL, y+d.st().pad)
	f.CellFormat(cols[0].w, d.st().line, r.cells[0].text, "", 0, "L", false, 0, "")
	d.font("", d.st().size)
	d.textColor(colText)
	f.SetLeftMargin(marginL + cols[0].w)
	f.SetXY(marginL+cols[0].w, y+d.st().pad)
	f.MultiCell(cols[1].w, d.st().line, r.cells[1].text, "", "L", false)
	f.SetLeftMargin(marginL)
	f.SetX(marginL)
	f.Ln(d.st().pad)
	d.reset()
}

// drawChart draws a chart block; one the PDF cannot draw prints its
// fallback table.
func (d *pdfDoc) drawChart(b Block) {
	r := d.r
	switch b.Chart {
	case ChartGauge:
		f := d.f
		d.need(70)
		y := f.GetY()
		d.font("B", 8)
		d.textColor(colMuted)
		f.SetXY(marginL, y)
		f.CellFormat(75, 4, "OVERALL MATURITY (YOUR SIDE OF THE MODEL)", "", 0, "L", false, 0, "")
		f.SetXY(marginL+88, y)
		f.CellFormat(80, 4, "LAYERS AGAINST THE TARGET", "", 0, "L", false, 0, "")
		d.gauge(marginL+38, y+35, 23, r.Overall, float64(r.Target))
		d.radar(marginL+128, y+33, 18, r.Layers)
		// the radar's legend ends about 28 mm under its centre
		f.SetXY(marginL, y+66)
		d.reset()
	case ChartBars:
		var doms []scoring.GroupScore
		for _, g := range r.Domains {
			if g.Asked > 0 {
				doms = append(doms, g)
			}
		}
		d.bars([][]scoring.GroupScore{r.Layers, doms}, []string{"Layers", "Domains"})
	case ChartMatrix:
		d.matrixTable(28, 19)
	case ChartHeatLayers:
		d.heading("Phases against the layers", 80)
		d.heatLayers()
	case ChartHeatCourses:
		d.heading("Phases against the courses of action", 70)
		d.heatCourses()
	case ChartTimeline:
		var active []scoring.PlanItem
		for _, days := range []int{30, 60, 90} {
			active = append(active, r.Roadmap(days)...)
		}
		if len(active) > 0 {
			d.timeline(active)
		}
	case ChartCalendar:
		d.monthStrip(TrainingCalendar(r))
	case ChartProgress:
		if d.progressOf != nil {
			d.progress(d.progressOf, true)
		}
	default:
		if b.Table != nil {
			cols, rows := d.tableOf(b.Table)
			d.table(cols, rows)
		}
	}
}
