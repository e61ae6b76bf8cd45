package reports

// Tables of the PDF: a header that repeats on every page the table runs
// onto, rows measured before they are drawn (a row never splits), zebra
// stripes, optional group rows and per-cell colour.

// col is one column of a table.
type col struct {
	head  string
	w     float64
	align string // L, C or R
}

// cell is one cell: main text, an optional smaller grey line under it, an
// optional badge (a small coloured label) and colours.
type cell struct {
	text   string
	sub    string
	badges []badge
	bold   bool
	mono   bool
	color  *rgb   // text colour
	fill   *rgb   // background
	link   string // a URL the cell opens
}

// badge is a small coloured label drawn under a cell's text.
type badge struct {
	label string
	color rgb
}

// row is a table row, or a full-width group label when group is set.
type row struct {
	cells []cell
	group string
	// detail is a small grey paragraph under the cells, spanning every
	// column but the first.
	detail string
}

const (
	tblSize    = 8.2
	tblLine    = 3.7
	tblSubSize = 7.0
	tblSubLine = 3.2
	tblPad     = 1.5
	badgeH     = 3.6
)

// tableStyle is the type and spacing of a table's rows.
type tableStyle struct{ size, line, subSize, subLine, pad float64 }

var (
	tableNormal  = tableStyle{tblSize, tblLine, tblSubSize, tblSubLine, tblPad}
	tableCompact = tableStyle{7.4, 3.25, 6.6, 3.0, 0.9}
)

// st is the style tables are drawn in now: normal, or compact while a
// long register is drawn.
func (d *pdfDoc) st() tableStyle {
	if d.compact {
		return tableCompact
	}
	return tableNormal
}

func textCell(s string) cell { return cell{text: s} }

// table draws rows under a header row.
func (d *pdfDoc) table(cols []col, rows []row) {
	f := d.f
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	headH := d.tableHeadHeight(cols)
	first := 0.0
	for _, r := range rows {
		first = d.rowHeight(cols, r)
		if r.group == "" {
			break
		}
	}
	d.need(headH + first + 1)
	d.tableHead(cols, headH)
	zebra := false
	for i, r := range rows {
		h := d.rowHeight(cols, r)
		if r.group != "" {
			// keep a group label with its first row
			next := 0.0
			if i+1 < len(rows) {
				next = d.rowHeight(cols, rows[i+1])
			}
			if f.GetY()+h+next > bottomY {
				f.AddPage()
				d.tableHead(cols, headH)
			}
			d.groupRow(total, h, r.group)
			zebra = false
			continue
		}
		// the last row never stands alone on a page: when it would, the
		// row before it goes over with it
		widow := i > 0 && i == len(rows)-2 && f.GetY()+h+d.rowHeight(cols, rows[i+1]) > bottomY
		if f.GetY()+h > bottomY || widow {
			f.AddPage()
			d.tableHead(cols, headH)
		}
		d.drawRow(cols, r, h, zebra)
		zebra = !zebra
	}
	f.SetXY(marginL, f.GetY()+2)
	d.reset()
}

func (d *pdfDoc) tableHeadHeight(cols []col) float64 {
	d.font("B", 7.6)
	n := 1
	for _, c := range cols {
		if l := len(d.lines(c.head, c.w)); l > n {
			n = l
		}
	}
	return float64(n)*3.4 + 2*d.st().pad
}

func (d *pdfDoc) tableHead(cols []col, h float64) {
	f := d.f
	x, y := marginL, f.GetY()
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	d.fillColor(colNavy)
	f.Rect(x, y, total, h, "F")
	d.font("B", 7.6)
	d.textColor(colWhite)
	for _, c := range cols {
		for i, l := range d.lines(c.head, c.w) {
			f.SetXY(x, y+d.st().pad+float64(i)*3.4)
			f.CellFormat(c.w, 3.4, l, "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
	f.SetXY(marginL, y+h)
}

// cellLines wraps a cell's text and sub-text to its column.
func (d *pdfDoc) cellLines(c col, x cell) (main, sub []string) {
	if x.mono {
		d.mono(d.st().size - 0.6)
	} else if x.bold {
		d.font("B", d.st().size)
	} else {
		d.font("", d.st().size)
	}
	main = d.lines(x.text, c.w)
	if x.sub != "" {
		d.font("", d.st().subSize)
		sub = d.lines(x.sub, c.w)
	}
	return main, sub
}

func (d *pdfDoc) cellHeight(main, sub []string, badge bool) float64 {
	h := float64(len(main))*d.st().line + float64(len(sub))*d.st().subLine
	if len(sub) > 0 && len(main) > 0 {
		h += 0.6
	}
	if badge {
		h += badgeH + 0.8
	}
	return h
}

// maxRow is the tallest a row may be: a page's body, less a header.
const maxRow = bottomY - marginT - 14

func (d *pdfDoc) rowHeight(cols []col, r row) float64 {
	if r.group != "" {
		return 6
	}
	h := d.cellsHeight(cols, r) + d.detailHeight(cols, r) + 2*d.st().pad
	if h > maxRow {
		h = maxRow
	}
	return h
}

// detailWidth is the width the detail line spans.
func detailWidth(cols []col) float64 {
	w := 0.0
	for _, c := range cols[1:] {
		w += c.w
	}
	return w
}

func (d *pdfDoc) detailHeight(cols []col, r row) float64 {
	if r.detail == "" || len(cols) < 2 {
		return 0
	}
	d.font("", d.st().subSize)
	return float64(len(d.lines(r.detail, detailWidth(cols))))*d.st().subLine + 1
}

// cellsHeight is the height of the tallest cell's content.
func (d *pdfDoc) cellsHeight(cols []col, r row) float64 {
	h := d.st().line
	for i, c := range cols {
		if i >= len(r.cells) {
			break
		}
		main, sub := d.cellLines(c, r.cells[i])
		if ch := d.cellHeight(main, sub, len(r.cells[i].badges) > 0); ch > h {
			h = ch
		}
	}
	return h
}

func (d *pdfDoc) groupRow(w, h float64, label string) {
	f := d.f
	y := f.GetY()
	d.fillColor(colTealTint)
	f.Rect(marginL, y, w, h, "F")
	d.font("B", 8.2)
	d.textColor(colNavy)
	f.SetXY(marginL, y+(h-4)/2)
	f.CellFormat(w, 4, label, "", 0, "L", false, 0, "")
	f.SetXY(marginL, y+h)
}

func (d *pdfDoc) drawRow(cols []col, r row, h float64, zebra bool) {
	f := d.f
	x, y := marginL, f.GetY()
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	if zebra {
		d.fillColor(colZebra)
		f.Rect(x, y, total, h, "F")
	}
	limit := y + h - d.st().pad + 0.01
	for i, c := range cols {
		if i >= len(r.cells) {
			break
		}
		cl := r.cells[i]
		if cl.fill != nil {
			d.fillColor(*cl.fill)
			f.Rect(x, y, c.w, h, "F")
		}
		if cl.link != "" {
			d.f.LinkString(x, y, c.w, h, cl.link)
		}
		main, sub := d.cellLines(c, cl)
		if cl.mono {
			d.mono(d.st().size - 0.6)
		} else if cl.bold {
			d.font("B", d.st().size)
		} else {
			d.font("", d.st().size)
		}
		if cl.color != nil {
			d.textColor(*cl.color)
		} else {
			d.textColor(colText)
		}
		cy := y + d.st().pad
		for j, l := range main {
			if cy+d.st().line > limit {
				break
			}
			if j+1 < len(main) && cy+2*d.st().line > limit {
				l = d.clip(l+" …", c.w)
			}
			f.SetXY(x, cy)
			f.CellFormat(c.w, d.st().line, l, "", 0, c.align, false, 0, "")
			cy += d.st().line
		}
		if len(cl.badges) > 0 {
			cy += 0.4
			bx := x + f.GetCellMargin()
			for _, b := range cl.badges {
				bx += d.badge(bx, cy, b.label, b.color) + 1.2
			}
			cy += badgeH + 0.4
		}
		if len(sub) > 0 {
			if len(main) > 0 {
				cy += 0.6
			}
			d.font("", d.st().subSize)
			d.textColor(colMuted)
			for _, l := range sub {
				if cy+d.st().subLine > limit {
					break
				}
				f.SetXY(x, cy)
				f.CellFormat(c.w, d.st().subLine, l, "", 0, c.align, false, 0, "")
				cy += d.st().subLine
			}
		}
		x += c.w
	}
	if r.detail != "" && len(cols) > 1 {
		cy := y + d.st().pad + d.cellsHeight(cols, r) + 0.8
		d.font("", d.st().subSize)
		d.textColor(colMuted)
		for _, l := range d.lines(r.detail, detailWidth(cols)) {
			if cy+d.st().subLine > limit {
				break
			}
			f.SetXY(marginL+cols[0].w, cy)
			f.CellFormat(detailWidth(cols), d.st().subLine, l, "", 0, "L", false, 0, "")
			cy += d.st().subLine
		}
	}
	d.drawColor(colRule)
	f.SetLineWidth(0.15)
	f.Line(marginL, y+h, marginL+total, y+h)
	f.SetXY(marginL, y+h)
}

// badge draws a small rounded label at (x, y) and returns its width.
func (d *pdfDoc) badge(x, y float64, label string, c rgb) float64 {
	f := d.f
	if c == (rgb{}) {
		c = colTeal
	}
	d.font("B", 6.2)
	w := f.GetStringWidth(label) + 3
	d.fillColor(c)
	f.RoundedRect(x, y, w, badgeH, 0.9, "1234", "F")
	d.textColor(colWhite)
	m := f.GetCellMargin()
	f.SetCellMargin(0)
	f.SetXY(x, y)
	f.CellFormat(w, badgeH, label, "", 0, "C", false, 0, "")
	f.SetCellMargin(m)
	return w
}

func ptr(c rgb) *rgb { return &c }
