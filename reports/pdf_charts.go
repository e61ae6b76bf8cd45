package reports

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Charts drawn with the PDF's own lines and polygons: a gauge, a radar, bars
// with target markers, the kill-chain heat maps and the roadmap timeline.
// Each chart resets the drawing state when it is done.

// arcPoints returns points on a circle arc from a0 to a1 degrees (0° to the
// right, counter-clockwise, y pointing down the page).
func arcPoints(cx, cy, r, a0, a1 float64) []gofpdf.PointType {
	n := int(math.Ceil(math.Abs(a1-a0)/3)) + 1
	pts := make([]gofpdf.PointType, 0, n+1)
	for i := 0; i <= n; i++ {
		a := (a0 + (a1-a0)*float64(i)/float64(n)) * math.Pi / 180
		pts = append(pts, gofpdf.PointType{X: cx + r*math.Cos(a), Y: cy - r*math.Sin(a)})
	}
	return pts
}

// ring fills the part of a ring between angles a0 and a1.
func (d *pdfDoc) ring(cx, cy, r0, r1, a0, a1 float64, c rgb) {
	if math.Abs(a1-a0) < 0.01 {
		return
	}
	outer := arcPoints(cx, cy, r1, a0, a1)
	inner := arcPoints(cx, cy, r0, a1, a0)
	d.fillColor(c)
	d.f.Polygon(append(outer, inner...), "F")
}

// gauge draws a half-ring gauge of a 0–5 level with a target tick, centred
// on (cx, cy) at the bottom of the arc.
func (d *pdfDoc) gauge(cx, cy, r float64, s scoring.Score, target float64) {
	f := d.f
	const thick = 9.0
	angle := func(level float64) float64 { return 180 - 180*level/5 }
	// bands: red below target-1, amber up to the target, green above
	d.ring(cx, cy, r-thick, r, angle(0), angle(math.Max(0, target-1)), colRedTint)
	d.ring(cx, cy, r-thick, r, angle(math.Max(0, target-1)), angle(target), colAmbTint)
	d.ring(cx, cy, r-thick, r, angle(target), angle(5), colGrnTint)
	if !s.Empty {
		strong, _ := ragColour(s.Level, target)
		d.ring(cx, cy, r-thick+2.2, r-2.2, angle(0), angle(math.Min(5, s.Level)), strong)
	}
	// ticks and labels 0..5
	d.font("", 6.5)
	d.textColor(colMuted)
	for l := 0; l <= 5; l++ {
		a := angle(float64(l)) * math.Pi / 180
		x, y := cx+(r+3.2)*math.Cos(a), cy-(r+3.2)*math.Sin(a)
		f.SetXY(x-3, y-1.6)
		f.CellFormat(6, 3.2, fmt.Sprint(l), "", 0, "C", false, 0, "")
	}
	// target tick
	a := angle(target) * math.Pi / 180
	d.drawColor(colNavy)
	f.SetLineWidth(0.8)
	f.Line(cx+(r-thick-1.5)*math.Cos(a), cy-(r-thick-1.5)*math.Sin(a), cx+(r+1.5)*math.Cos(a), cy-(r+1.5)*math.Sin(a))
	// the value
	val, sub := "—", "not scored"
	if !s.Empty {
		val = fmt.Sprintf("%.1f", s.Level)
		sub = fmt.Sprintf("of 5 · %s", q.LevelName(int(math.Floor(s.Level+1e-9))))
	}
	d.font("B", 20)
	d.textColor(colNavy)
	f.SetXY(cx-20, cy-10)
	f.CellFormat(40, 8, val, "", 0, "C", false, 0, "")
	d.font("", 7.5)
	d.textColor(colMuted)
	f.SetXY(cx-25, cy-2)
	f.CellFormat(50, 3.5, sub, "", 0, "C", false, 0, "")
	d.font("B", 7.5)
	d.textColor(colNavy)
	f.SetXY(cx-25, cy+2.5)
	f.CellFormat(50, 3.5, fmt.Sprintf("Target %g · %s", target, q.LevelName(int(target))), "", 0, "C", false, 0, "")
	d.reset()
}

// radar draws the layers against their targets: one axis per layer.
func (d *pdfDoc) radar(cx, cy, r float64, groups []scoring.GroupScore) {
	f := d.f
	n := len(groups)
	if n < 3 {
		return
	}
	pt := func(i int, level float64) gofpdf.PointType {
		a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
		return gofpdf.PointType{X: cx + r*level/5*math.Cos(a), Y: cy - r*level/5*math.Sin(a)}
	}
	// grid
	f.SetLineWidth(0.15)
	d.drawColor(colRule)
	for l := 1; l <= 5; l++ {
		pts := make([]gofpdf.PointType, n)
		for i := range groups {
			pts[i] = pt(i, float64(l))
		}
		f.Polygon(pts, "D")
	}
	for i := range groups {
		p := pt(i, 5)
		f.Line(cx, cy, p.X, p.Y)
	}
	d.font("", 5.8)
	d.textColor(colMuted)
	for l := 1; l <= 5; l++ {
		p := pt(0, float64(l))
		f.SetXY(p.X+0.6, p.Y-1.2)
		f.CellFormat(4, 2.4, fmt.Sprint(l), "", 0, "L", false, 0, "")
	}
	// target
	tg := make([]gofpdf.PointType, n)
	val := make([]gofpdf.PointType, n)
	for i, g := range groups {
		tg[i] = pt(i, g.Score.Target)
		if g.Score.Empty {
			tg[i] = pt(i, float64(d.r.Target))
		}
		val[i] = pt(i, g.Score.Level)
	}
	d.fillColor(colTeal)
	f.SetAlpha(0.28, "Normal")
	f.Polygon(val, "F")
	f.SetAlpha(1, "Normal")
	d.drawColor(colTeal)
	f.SetLineWidth(0.7)
	f.Polygon(val, "D")
	d.drawColor(colNavy)
	f.SetLineWidth(0.5)
	f.SetDashPattern([]float64{1.2, 0.9}, 0)
	f.Polygon(tg, "D")
	f.SetDashPattern(nil, 0)
	d.fillColor(colTeal)
	for _, p := range val {
		f.Circle(p.X, p.Y, 0.8, "F")
	}
	// labels
	for i, g := range groups {
		a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
		lx, ly := cx+(r+4)*math.Cos(a), cy-(r+4)*math.Sin(a)
		align := "C"
		x := lx - 20
		switch {
		case math.Cos(a) > 0.3:
			align, x = "L", lx
		case math.Cos(a) < -0.3:
			align, x = "R", lx-40
		}
		y := ly - 3
		if math.Sin(a) > 0.3 {
			y = ly - 6
		} else if math.Sin(a) < -0.3 {
			y = ly
		}
		d.font("B", 7.5)
		d.textColor(colNavy)
		f.SetXY(x, y)
		f.CellFormat(40, 3.4, d.safe(g.Name), "", 0, align, false, 0, "")
		d.font("", 7)
		d.textColor(colMuted)
		f.SetXY(x, y+3.2)
		v := "not scored"
		if !g.Score.Empty {
			v = fmt.Sprintf("%.1f of target %s", g.Score.Level, WholeTarget(g.Score))
		}
		f.CellFormat(40, 3, v, "", 0, align, false, 0, "")
	}
	// legend
	ly := cy + r + 12.5
	d.legendSwatch(cx-34, ly, colTeal, "Your maturity", false)
	target := "Target"
	if starredTarget(groups) {
		// the long form is the Maturity section's footnote
		target = "Target (* rounded)"
	}
	d.legendSwatch(cx+4, ly, colNavy, target, true)
	d.reset()
}

// legendSwatch draws a small line or box and its label.
func (d *pdfDoc) legendSwatch(x, y float64, c rgb, label string, dashed bool) {
	f := d.f
	if dashed {
		d.drawColor(c)
		f.SetLineWidth(0.5)
		f.SetDashPattern([]float64{1.2, 0.9}, 0)
		f.Line(x, y+1.5, x+6, y+1.5)
		f.SetDashPattern(nil, 0)
	} else {
		d.fillColor(c)
		f.Rect(x, y, 6, 3, "F")
	}
	d.font("", 7)
	d.textColor(colText)
	f.SetXY(x+6.5, y-0.2)
	f.CellFormat(28, 3.4, label, "", 0, "L", false, 0, "")
}

// bars draws horizontal maturity bars with target markers for layers and
// domains; it returns the height used.
func (d *pdfDoc) bars(groups [][]scoring.GroupScore, titles []string) {
	f := d.f
	const (
		labelW = 64.0
		valueW = 20.0
		barH   = 4.6
		rowH   = 7.2
	)
	scaleW := contentW - labelW - valueW
	rows := 0
	for _, g := range groups {
		rows += len(g)
	}
	total := 8 + float64(rows)*rowH + float64(len(groups))*6 + 8
	d.need(total)
	x0 := marginL + labelW
	y := f.GetY()
	// scale on top
	d.font("", 6.5)
	d.textColor(colMuted)
	for l := 0; l <= 5; l++ {
		x := x0 + scaleW*float64(l)/5
		f.SetXY(x-12, y)
		f.CellFormat(24, 3, fmt.Sprintf("%d %s", l, q.LevelName(l)), "", 0, "C", false, 0, "")
	}
	y += 5
	for gi, gs := range groups {
		d.font("B", 7.5)
		d.textColor(colTeal)
		f.SetXY(marginL, y)
		f.CellFormat(labelW, 5, strings.ToUpper(titles[gi]), "", 0, "L", false, 0, "")
		y += 6
		for _, g := range gs {
			d.font("", 8.2)
			d.textColor(colText)
			f.SetXY(marginL, y+rowH/2-2)
			f.CellFormat(labelW, 4, d.clip(d.safe(g.Name), labelW), "", 0, "L", false, 0, "")
			by := y + (rowH-barH)/2
			d.fillColor(colNoneTint)
			f.Rect(x0, by, scaleW, barH, "F")
			// grid lines on the background, under the bar and any text
			d.drawColor(colWhite)
			f.SetLineWidth(0.3)
			for l := 1; l < 5; l++ {
				x := x0 + scaleW*float64(l)/5
				f.Line(x, by, x, by+barH)
			}
			if g.Score.Empty {
				d.font("I", 7)
				d.textColor(colMuted)
				f.SetXY(x0, by)
				f.CellFormat(scaleW, barH, "not scored: nothing answered here", "", 0, "L", false, 0, "")
			} else {
				strong, _ := ragColour(g.Score.Level, g.Score.Target)
				d.fillColor(strong)
				f.Rect(x0, by, scaleW*g.Score.Level/5, barH, "F")
				tx := x0 + scaleW*g.Score.Target/5
				d.drawColor(colNavy)
				f.SetLineWidth(0.7)
				f.Line(tx, by-1.2, tx, by+barH+1.2)
				d.fillColor(colNavy)
				f.Polygon([]gofpdf.PointType{{X: tx - 1.1, Y: by - 2.2}, {X: tx + 1.1, Y: by - 2.2}, {X: tx, Y: by - 0.9}}, "F")
				d.font("B", 8)
				d.textColor(colText)
				f.SetXY(x0+scaleW+1, y+rowH/2-2)
				f.CellFormat(valueW, 4, fmt.Sprintf("%.1f / %s", g.Score.Level, WholeTarget(g.Score)), "", 0, "L", false, 0, "")
			}
			y += rowH
		}
		y += 1
	}
	// legend
	y += 1
	d.legendBox(marginL+labelW, y, colGreen, "At target")
	d.legendBox(marginL+labelW+26, y, colAmber, "Within one level")
	d.legendBox(marginL+labelW+58, y, colRed, "More than one level below")
	d.drawColor(colNavy)
	f.SetLineWidth(0.7)
	tx := marginL + labelW + 104
	f.Line(tx, y-0.4, tx, y+3.4)
	d.font("", 7)
	d.textColor(colText)
	f.SetXY(tx+1.5, y-0.2)
	f.CellFormat(20, 3.4, "Target", "", 0, "L", false, 0, "")
	f.SetXY(marginL, y+6)
	d.reset()
}

func (d *pdfDoc) legendBox(x, y float64, c rgb, label string) {
	f := d.f
	d.fillColor(c)
	f.Rect(x, y, 3.2, 3.2, "F")
	d.font("", 7)
	d.textColor(colText)
	f.SetXY(x+3.6, y-0.1)
	f.CellFormat(40, 3.4, label, "", 0, "L", false, 0, "")
}

// cellStyle is the colour and word of a heat-map cell. Red is kept for
// open paths (the open layers the stories name); a layer that can only
// see or slow the phase is amber when that is below target, teal when at
// target.
func cellStyle(s scoring.CellState) (fill, text rgb, word string) {
	switch s {
	case scoring.CellBroken:
		return colGrnTint, colGreen, CellWord(s)
	case scoring.CellPartial:
		return colTealTint, colTeal, CellWord(s)
	case scoring.CellOpen:
		return colRedTint, colRed, CellWord(s)
	case scoring.CellUnseen:
		return colAmbTint, colAmber, CellWord(s)
	}
	return colNoneTint, colMuted, CellWord(s)
}

// heatLayers draws the kill-chain phases against the SSRM layers.
func (d *pdfDoc) heatLayers() {
	f := d.f
	const (
		phaseW = 40.0
		chainW = 24.0
		rowH   = 10.0
		headH  = 8.0
	)
	n := len(d.r.KillChain)
	d.need(headH + float64(n)*rowH + 14)
	layers := q.Layers
	cellW := (contentW - phaseW - chainW) / float64(len(layers))
	x0, y := marginL, f.GetY()
	d.font("B", 7.6)
	d.textColor(colNavy)
	for i, l := range layers {
		f.SetXY(x0+phaseW+float64(i)*cellW, y)
		f.CellFormat(cellW, headH, d.safe(d.r.Bank.LayerInfo(l).Name), "", 0, "C", false, 0, "")
	}
	f.SetXY(x0+phaseW+float64(len(layers))*cellW, y)
	f.CellFormat(chainW, headH, "The chain", "", 0, "C", false, 0, "")
	y += headH
	for _, ph := range d.r.KillChain {
		d.font("B", 8.2)
		d.textColor(colText)
		f.SetXY(x0, y)
		f.CellFormat(phaseW, rowH, d.safe(ph.Name), "", 0, "L", false, 0, "")
		for i, c := range ph.Layers {
			fill, text, word := cellStyle(c.State)
			x := x0 + phaseW + float64(i)*cellW
			d.fillColor(fill)
			f.Rect(x+0.6, y+0.6, cellW-1.2, rowH-1.2, "F")
			d.font("B", 7.6)
			d.textColor(text)
			f.SetXY(x, y+1.8)
			f.CellFormat(cellW, 3.6, word, "", 0, "C", false, 0, "")
			if len(c.Controls) > 0 {
				met := metCount(c.Controls)
				d.font("", 6.5)
				d.textColor(colMuted)
				f.SetXY(x, y+5.3)
				f.CellFormat(cellW, 3, fmt.Sprintf("%d of %d at target", met, len(c.Controls)), "", 0, "C", false, 0, "")
			}
		}
		x := x0 + phaseW + float64(len(layers))*cellW
		fill, word := verdictBadge(ph.Verdict)
		d.fillColor(fill)
		f.RoundedRect(x+2.5, y+2.2, chainW-5, rowH-4.4, 1.2, "1234", "F")
		d.font("B", 7.6)
		d.textColor(colWhite)
		if ph.Verdict == scoring.VerdictAttackerSide {
			// not judged: the bank puts it on the attacker's side
			f.SetXY(x+2.5, y+2.4)
			f.CellFormat(chainW-5, 3, word, "", 0, "C", false, 0, "")
			d.font("", 6)
			f.SetXY(x+2.5, y+5.4)
			f.CellFormat(chainW-5, 2.6, "(attacker side)", "", 0, "C", false, 0, "")
		} else {
			f.SetXY(x+2.5, y+2.2)
			f.CellFormat(chainW-5, rowH-4.4, word, "", 0, "C", false, 0, "")
		}
		y += rowH
	}
	y += 2
	colW := (contentW - phaseW) / 2
	for i, st := range CellStates {
		fill, _, _ := cellStyle(st)
		d.legendBox(x0+phaseW+float64(i%2)*colW, y+float64(i/2)*4.5, fill, CellLegend(st))
	}
	y += float64((len(CellStates)+1)/2) * 4.5
	f.SetXY(marginL, y+3)
	d.reset()
}

// heatCourses draws the kill-chain phases against the courses of action:
// how many controls of each course act on each phase, and how many meet
// their targets.
func (d *pdfDoc) heatCourses() {
	f := d.f
	const (
		phaseW = 40.0
		rowH   = 7.0
		headH  = 7.0
	)
	n := len(d.r.KillChain)
	d.need(headH + float64(n)*rowH + 22)
	cellW := (contentW - phaseW) / float64(len(q.Courses))
	x0, y := marginL, f.GetY()
	d.font("B", 7.6)
	d.textColor(colNavy)
	for i, c := range q.Courses {
		name := courseName(d.r.Bank, c)
		f.SetXY(x0+phaseW+float64(i)*cellW, y)
		f.CellFormat(cellW, headH, d.safe(name), "", 0, "C", false, 0, "")
	}
	y += headH
	for _, ph := range d.r.KillChain {
		d.font("", 8)
		d.textColor(colText)
		f.SetXY(x0, y)
		f.CellFormat(phaseW, rowH, d.safe(ph.Name), "", 0, "L", false, 0, "")
		for i, cc := range ph.Courses {
			x := x0 + phaseW + float64(i)*cellW
			fill, text, word := courseCell(cc)
			d.fillColor(fill)
			f.Rect(x+0.5, y+0.5, cellW-1, rowH-1, "F")
			d.font("B", 7.6)
			d.textColor(text)
			f.SetXY(x, y)
			f.CellFormat(cellW, rowH, word, "", 0, "C", false, 0, "")
		}
		y += rowH
	}
	// the colours' legend, as the layers heat map has one
	y += 2
	d.legendBox(x0+phaseW, y, colGrnTint, "Some control of this course at target")
	d.legendBox(x0+phaseW+68, y, colRedTint, "Deny or disrupt: none at target")
	y += 4.6
	d.legendBox(x0+phaseW, y, colAmbTint, "Detect, degrade, deceive or contain: none at target")
	d.legendBox(x0+phaseW+68, y, colNoneTint, "No control of this course on the phase")
	f.SetXY(marginL, y+5)
	d.note("Each cell: controls at target / controls of that course acting on the phase. A course at target does not by itself break a phase: the rule is at the top of this step.")
	d.reset()
}

func courseName(b *q.Bank, c q.Course) string {
	for _, n := range b.Courses {
		if n.ID == string(c) {
			return n.Name
		}
	}
	return capitalizeWord(string(c))
}

func capitalizeWord(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// timeline draws the 30/60/90-day roadmap: one bar per active action from
// the start of its window to its end, coloured by effort, with the owner.
func (d *pdfDoc) timeline(items []scoring.PlanItem) {
	f := d.f
	const (
		labelW = 74.0
		rowH   = 5.6
		axisH  = 10.0
	)
	scaleW := contentW - labelW
	x0 := marginL + labelW
	dayX := func(days int) float64 { return x0 + scaleW*float64(days)/90 }
	axis := func() float64 {
		y := f.GetY()
		for i, w := range []int{0, 30, 60} {
			c := colZebra
			if i%2 == 1 {
				c = colNoneTint
			}
			d.fillColor(c)
			f.Rect(dayX(w), y, scaleW/3, axisH, "F")
			d.font("B", 7.6)
			d.textColor(colNavy)
			f.SetXY(dayX(w), y+0.8)
			f.CellFormat(scaleW/3, 4, fmt.Sprintf("Days %d–%d", w+1, w+30), "", 0, "C", false, 0, "")
			d.font("", 6.5)
			d.textColor(colMuted)
			f.SetXY(dayX(w), y+4.8)
			f.CellFormat(scaleW/3, 3.5, "by "+scoring.DueIn(d.date, w+30).Format("2 Jan 2006"), "", 0, "C", false, 0, "")
		}
		d.font("B", 7.6)
		d.textColor(colNavy)
		f.SetXY(marginL, y+3)
		f.CellFormat(labelW, 4, "Action (rank)", "", 0, "L", false, 0, "")
		return y + axisH + 1
	}
	d.need(axisH + 3*rowH + 12)
	y := axis()
	for _, it := range items {
		if y+rowH > bottomY-10 {
			f.AddPage()
			y = axis()
		}
		// background windows
		for i := 0; i < 3; i++ {
			if i%2 == 1 {
				d.fillColor(colZebra)
				f.Rect(dayX(30*i), y, scaleW/3, rowH, "F")
			}
		}
		d.font("", 7)
		d.textColor(colText)
		label := fmt.Sprintf("%d. %s", it.Rank, d.safe(it.Action.Title))
		// a long title wraps to a second line, cut only between words
		ls := d.lines(label, labelW)
		if len(ls) > 2 {
			ls = []string{ls[0], wordClip(d, strings.Join(ls[1:], " "), labelW)}
		}
		lh := 2.7
		ly := y + (rowH-float64(len(ls))*lh)/2
		for j, l := range ls {
			f.SetXY(marginL, ly+float64(j)*lh)
			f.CellFormat(labelW, lh, l, "", 0, "L", false, 0, "")
		}
		start := max(it.Days-30, 0)
		bx, bw := dayX(start)+0.6, dayX(it.Days)-dayX(start)-1.2
		d.fillColor(effortColour(it.Action.Effort))
		f.RoundedRect(bx, y+0.9, bw, rowH-1.8, 1, "1234", "F")
		d.font("", 6.4)
		d.textColor(colWhite)
		status := ""
		if it.Status != "" {
			status = " (" + it.Status + ")"
		}
		room := bw - 2*f.GetCellMargin()
		if it.QuickWin {
			room -= 3.4 // the diamond at the bar's end
		}
		owner := shortOwner(d.user(it.Owner), func(x string) bool {
			return f.GetStringWidth(x+status) <= room
		}) + status
		f.SetXY(bx, y+0.9)
		f.CellFormat(bw, rowH-1.8, wordClip(d, owner, room+2*f.GetCellMargin()), "", 0, "L", false, 0, "")
		if it.QuickWin {
			d.quickMark(bx+bw-2.6, y+rowH/2)
		}
		y += rowH
	}
	y += 2
	d.legendBox(x0, y, colTeal, "Small effort")
	d.legendBox(x0+24, y, colNavy, "Medium")
	d.legendBox(x0+44, y, colSlate, "Large")
	d.fillColor(colNoneTint)
	d.quickMark(x0+64, y+1.6)
	d.font("", 7)
	d.textColor(colText)
	f.SetXY(x0+66.5, y-0.1)
	f.CellFormat(30, 3.4, "Quick win", "", 0, "L", false, 0, "")
	f.SetXY(marginL, y+7)
	d.reset()
}

// quickMark draws the quick-win diamond centred on (x, y).
func (d *pdfDoc) quickMark(x, y float64) {
	d.fillColor(colAmber)
	d.drawColor(colWhite)
	d.f.SetLineWidth(0.3)
	d.f.Polygon([]gofpdf.PointType{{X: x, Y: y - 1.8}, {X: x + 1.8, Y: y}, {X: x, Y: y + 1.8}, {X: x - 1.8, Y: y}}, "FD")
}

// shortOwner is an owner as short as a Gantt bar needs, never cut
// mid-word: the name whole when it fits, else without its aside ("Whoever
// leads security (often the IT provider)" → "Whoever leads security"),
// else its first choice ("Your IT provider or IT lead" → "Your IT
// provider"), else a person's initials ("Tom Briggs" → "TB"), else its
// first word.
func shortOwner(name string, fits func(string) bool) string {
	name = strings.TrimSpace(name)
	if fits(name) {
		return name
	}
	cands := []string{}
	if i := strings.Index(name, " ("); i > 0 {
		cands = append(cands, name[:i])
	}
	base := cands
	if len(base) == 0 {
		base = []string{name}
	}
	for _, sep := range []string{" or ", ", ", " / "} {
		if i := strings.Index(base[0], sep); i > 0 {
			cands = append(cands, base[0][:i])
		}
	}
	words := strings.Fields(base[0])
	if len(words) >= 2 && len(words) <= 3 {
		person := true
		initials := ""
		for _, w := range words {
			r := []rune(w)
			person = person && unicode.IsUpper(r[0]) && (len(r) == 1 || unicode.IsLower(r[1]) || r[1] == '.')
			if !strings.HasSuffix(w, ".") { // a title (Dr.) has no initial
				initials += string(r[0])
			}
		}
		if person {
			cands = append(cands, initials)
		}
	}
	for _, c := range cands {
		if fits(c) {
			return c
		}
	}
	if len(words) > 0 {
		return words[0]
	}
	return name
}

// wordClip cuts s to width w at a word boundary, with an ellipsis; a
// single word too long keeps the PDF's clip.
func wordClip(d *pdfDoc, s string, w float64) string {
	max := w - 2*d.f.GetCellMargin()
	if d.f.GetStringWidth(s) <= max {
		return s
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), " ,;:") + "…"
		if d.f.GetStringWidth(t) <= max {
			return t
		}
	}
	return d.clip(s, w)
}

// courseCell is how the courses-of-action matrix shows one phase × course
// cell, in the PDF and the Word charts alike: green when a control meets
// its target, red when a course that breaks the chain has none, amber for
// the other courses, grey with no control; the word counts them.
func courseCell(cc scoring.CourseCoverage) (fill, text rgb, word string) {
	met := metCount(cc.Controls)
	switch {
	case len(cc.Controls) == 0:
		return colNoneTint, colMuted, "—"
	case met > 0:
		fill, text = colGrnTint, colGreen
	case cc.Course.Breaks():
		fill, text = colRedTint, colRed
	default:
		fill, text = colAmbTint, colAmber
	}
	return fill, text, fmt.Sprintf("%d / %d", met, len(cc.Controls))
}

// effortColour is an action's bar in the roadmap chart, by effort: the
// PDF's and the Word document's charts and legends share it.
func effortColour(e q.Effort) rgb {
	switch e {
	case q.EffortM:
		return colNavy
	case q.EffortL:
		return colSlate
	}
	return colTeal
}

// metCount counts the controls that meet their target: the heat map's
// "N of M at target" in the PDF and the Word document.
func metCount(cs []scoring.Control) int {
	n := 0
	for _, c := range cs {
		if c.Meets {
			n++
		}
	}
	return n
}

// verdictBadge is a phase's badge in the heat map's last column: its
// colour and word, shared by the PDF and the Word document.
func verdictBadge(v scoring.Verdict) (rgb, string) {
	switch v {
	case scoring.VerdictAttackerSide, scoring.VerdictInsufficient:
		return colSlate, "NOT JUDGED"
	case scoring.VerdictOpen:
		return colRed, "OPEN"
	}
	return colGreen, "BROKEN"
}
