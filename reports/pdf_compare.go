package reports

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jung-kurt/gofpdf"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Progress between assessments: the compare PDF (ssrm compare … -o x.pdf)
// and the "Progress since" section of the action plan (ssrm report
// --baseline). Both draw the same blocks: tiles, a before-and-after chart
// per layer, the trend line across three or more assessments, the kill
// chain, actions done, new gaps, questions that moved and accepted risks.

// Progress is what the progress blocks draw: the diff between the two
// newest assessments and the trend across all of them.
type Progress struct {
	Diff  *scoring.Diff
	Trend scoring.TrendLine
	// Warnings say what makes the comparison doubtful (CompareWarnings).
	Warnings []string
}

// NewProgress lines up results by date and compares the two newest; nil
// when there are fewer than two.
func NewProgress(results []*scoring.Result) *Progress {
	var rs []*scoring.Result
	for _, r := range results {
		if r != nil {
			rs = append(rs, r)
		}
	}
	if len(rs) < 2 {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Date.Before(rs[j].Date) })
	return &Progress{Diff: scoring.Compare(rs[len(rs)-2], rs[len(rs)-1]), Trend: scoring.Trend(rs), Warnings: CompareWarnings(rs)}
}

// ProgressTitle is the title of the progress section: "Progress since 16
// August 2026".
func ProgressTitle(p *Progress) string {
	return "Progress since " + p.Diff.Old.Date.Format("2 January 2006")
}

// WriteComparePDF writes the progress report of two or more assessments of
// one organization: what moved between the two newest, and the trend across
// all of them when there are three or more. The same inputs give the same
// bytes.
func WriteComparePDF(w io.Writer, results []*scoring.Result, m Meta) error {
	if m.Redact && len(results) > 0 {
		// One redactor for all, so the note counts what every one lost.
		var first *scoring.Result
		first, m = Prepare(results[0], Meta{Tool: m.Tool, Logo: m.Logo, Font: m.Font, Redact: true, Baselines: results[1:]})
		results = append([]*scoring.Result{first}, m.Baselines...)
		m.Baselines = nil
	}
	p := NewProgress(results)
	if p == nil {
		return fmt.Errorf("pdf: a comparison needs two assessments or more")
	}
	d := newPDF(p.Diff.New, m)
	d.title = "Progress report"
	d.f.SetTitle(d.org+": Azure shared responsibility progress report", true)
	d.f.SetSubject("What moved between assessments of the Azure Shared Security Responsibility Model", true)
	d.compareCover(p)
	d.progress(p, false)
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// compareCover is the top of the progress report's first page: a short
// navy band with the organization and the dates compared.
func (d *pdfDoc) compareCover(p *Progress) {
	f := d.f
	d.noHeader = true
	f.AddPage()
	d.noHeader = false
	f.Bookmark("Progress report", 0, 0)
	const band = 62.0
	d.fillColor(colNavy)
	f.Rect(0, 0, pageW, band, "F")
	d.fillColor(colTeal)
	f.Rect(0, band, pageW, 1.6, "F")
	d.font("B", 8.5)
	d.textColor(rgb{140, 206, 208})
	f.SetXY(marginL, 16)
	f.CellFormat(contentW, 5, "AZURE SHARED SECURITY RESPONSIBILITY MODEL", "", 0, "L", false, 0, "")
	d.font("B", 24)
	d.textColor(colWhite)
	f.SetXY(marginL, 23)
	f.CellFormat(contentW, 11, "Progress report", "", 0, "L", false, 0, "")
	d.font("", 14)
	f.SetXY(marginL, 35)
	f.CellFormat(contentW, 7, d.clip(d.org, contentW), "", 0, "L", false, 0, "")
	d.font("", 9.5)
	d.textColor(rgb{200, 214, 230})
	f.SetXY(marginL, 45)
	var dates []string
	for _, t := range p.Trend.Dates {
		dates = append(dates, t.Format("2 Jan 2006"))
	}
	line := fmt.Sprintf("%s compared with %s", p.Diff.New.Date.Format("2 January 2006"), p.Diff.Old.Date.Format("2 January 2006"))
	if len(dates) > 2 {
		line = fmt.Sprintf("%d assessments: %s", len(dates), strings.Join(dates, " · "))
	}
	f.MultiCell(contentW, 4.6, d.safe(line), "", "L", false)
	// the first page is marked like every other (it has no running header)
	d.font("B", 8.5)
	d.textColor(rgb{255, 160, 150})
	f.SetXY(pageW-marginR-40, 16)
	f.CellFormat(40, 5, "CONFIDENTIAL", "", 0, "R", false, 0, "")
	f.SetXY(marginL, band+8)
	d.reset()
	if len(p.Warnings) > 0 {
		d.callout("Warning", safeAll(d, p.Warnings))
	}
}

// progress draws every block of a comparison. In the action plan (inPlan)
// the blocks are sub-sections of one section; in the progress report each
// is a level-0 bookmark. The trend, when there is one, comes first: it is
// the headline of three assessments or more.
func (d *pdfDoc) progress(p *Progress, inPlan bool) {
	df := p.Diff
	head := func(title string, keep float64) {
		if inPlan {
			d.heading(title, keep)
			return
		}
		f := d.f
		if f.GetY() > marginT+1 {
			f.Ln(3)
		}
		d.need(9 + keep)
		f.Bookmark(title, 0, -1)
		d.font("B", 12.5)
		d.textColor(colNavy)
		f.SetX(marginL)
		f.CellFormat(contentW, 7, title, "", 1, "L", false, 0, "")
		f.Ln(1)
		d.reset()
	}
	d.progressTiles(df, len(p.Trend.Dates) >= 3)
	if len(p.Trend.Dates) >= 3 {
		head(fmt.Sprintf("Trend across %d assessments", len(p.Trend.Dates)), trendHeight(p.Trend))
		d.trendChart(p.Trend, float64(df.New.Target))
	}
	head("Maturity before and after", 40)
	d.dumbbells(df)
	head("Kill chain", 30)
	d.phaseChanges(df)
	head("Actions done", 20)
	d.actionsDone(df)
	head("New gaps", 20)
	d.newGaps(df)
	head("Questions that moved", 20)
	d.movedQuestions(df)
	head("Accepted risks", 20)
	d.riskChanges(df)
}

// progressTiles draws the key movements as a row of boxes.
func (d *pdfDoc) progressTiles(df *scoring.Diff, series bool) {
	closed, reopened := 0, 0
	for _, ph := range df.Phases {
		if ph.Closed() {
			closed++
		}
		if ph.Reopened() {
			reopened++
		}
	}
	overall := tile{"—", "overall maturity", colMuted}
	if !df.Overall.OldEmpty && !df.Overall.NewEmpty {
		overall = tile{fmt.Sprintf("%.1f → %.1f", df.Overall.Old, df.Overall.New), "overall maturity", changeColour(shownChange(df.Overall))}
	} else if !df.Overall.NewEmpty {
		overall = tile{fmt.Sprintf("%.1f", df.Overall.New), "overall maturity (no baseline score)", colNavy}
	}
	phases := tile{fmt.Sprint(closed), "phases closed", colGreen}
	if reopened > 0 {
		phases = tile{fmt.Sprintf("%d / %d", closed, reopened), "closed / reopened", colRed}
	} else if closed == 0 {
		phases.c = colMuted
	}
	done := tile{fmt.Sprint(len(df.Done)), "actions done", colTeal}
	gaps := tile{fmt.Sprint(len(df.NewGaps)), "new gaps", colRed}
	if len(df.NewGaps) == 0 {
		gaps.c = colGreen
	}
	risks := tile{fmt.Sprintf("+%d / −%d", len(df.RisksAdded), len(df.RisksClosed)), "risks added / closed", colSlate}
	expired := tile{fmt.Sprint(len(df.RisksExpired)), "risks expired", colGreen}
	if len(df.RisksExpired) > 0 {
		expired.c = colRed
	}
	d.drawTiles([]tile{overall, phases, done, gaps, risks, expired}, 2.6, 12, 3)
	sentence := progressSentence(df)
	if series {
		// with a trend below, say which two assessments these compare
		sentence = fmt.Sprintf("Since the previous assessment (%s): %s The trend below runs from the first.", df.Old.Date.Format("2 January 2006"), sentence)
	}
	d.para(d.safe(sentence))
	d.reset()
}

// progressSentence sums up a comparison in words.
func progressSentence(df *scoring.Diff) string {
	var parts []string
	switch {
	case df.Overall.OldEmpty || df.Overall.NewEmpty:
		parts = append(parts, "The overall maturity cannot be compared: one of the two assessments has nothing scored.")
	case shownChange(df.Overall) > 0:
		parts = append(parts, fmt.Sprintf("Overall maturity rose by %.1f, from %.1f to %.1f.", shownChange(df.Overall), df.Overall.Old, df.Overall.New))
	case shownChange(df.Overall) < 0:
		parts = append(parts, fmt.Sprintf("Overall maturity fell by %.1f, from %.1f to %.1f.", -shownChange(df.Overall), df.Overall.Old, df.Overall.New))
	default:
		parts = append(parts, fmt.Sprintf("Overall maturity is unchanged at %.1f.", df.Overall.New))
	}
	best, worst := -1, -1
	for i, l := range df.Layers {
		if l.OldEmpty || l.NewEmpty {
			continue
		}
		c := shownChange(l.Delta)
		if c > 0 && (best < 0 || c > shownChange(df.Layers[best].Delta)) {
			best = i
		}
		if c < 0 && (worst < 0 || c < shownChange(df.Layers[worst].Delta)) {
			worst = i
		}
	}
	if best >= 0 {
		parts = append(parts, fmt.Sprintf("%s moved most (%s).", df.Layers[best].Name, changeText(shownChange(df.Layers[best].Delta))))
	}
	if worst >= 0 {
		parts = append(parts, fmt.Sprintf("%s slipped (%s).", df.Layers[worst].Name, changeText(shownChange(df.Layers[worst].Delta))))
	}
	open := 0
	for _, ph := range df.Phases {
		if ph.NewOpen {
			open++
		}
	}
	if s := downSentence(df); s != "" {
		parts = append(parts, s)
	}
	parts = append(parts, fmt.Sprintf("%d of %d kill-chain phases are open now.", open, len(df.Phases)))
	return strings.Join(parts, " ")
}

// downSentence names the answers that went down ("NET-IDS (3 → 2)"): a
// regression is news even when its layer rose overall. "" when none did.
func downSentence(df *scoring.Diff) string {
	var down []string
	for _, qd := range df.Questions {
		if qd.Worsen {
			down = append(down, fmt.Sprintf("%s (%s → %s)", qd.ID, levelWord(qd.OldStatus, qd.OldLevel, qd.OnlyInNew), levelWord(qd.NewStatus, qd.NewLevel, qd.OnlyInOld)))
		}
	}
	switch {
	case len(down) == 1:
		return "One answer went down: " + down[0] + "."
	case len(down) > 1 && len(down) <= 4:
		return fmt.Sprintf("%d answers went down: %s.", len(down), joinAnd(down))
	case len(down) > 4:
		return fmt.Sprintf("%d answers went down, among them %s.", len(down), joinAnd(down[:3]))
	}
	return ""
}

// levelWord is an answer's level in a sentence: "3", "don't know", "n/a"
// or "none" (not in that assessment).
func levelWord(s q.Status, level int, absent bool) string {
	switch {
	case absent || s == "":
		return "none"
	case s == q.Unknown:
		return "don't know"
	case s == q.NotApplicable:
		return "n/a"
	}
	return fmt.Sprint(level)
}

// changeColour is green for a rise, red for a fall, grey for none.
func changeColour(c float64) rgb {
	switch {
	case c > 0.004:
		return colGreen
	case c < -0.004:
		return colRed
	}
	return colMuted
}

// dumbbells draws, per layer and overall, the old level as a grey dot and
// the new one as a coloured dot on a 0–5 scale, joined by a bar, with the
// target marked and the change printed.
func (d *pdfDoc) dumbbells(df *scoring.Diff) {
	f := d.f
	const (
		labelW = 40.0
		valueW = 42.0
		rowH   = 8.0
	)
	type line struct {
		name   string
		delta  scoring.Delta
		target float64
		bold   bool
	}
	lines := []line{{"Overall", df.Overall, df.New.Overall.Target, true}}
	for i, l := range df.Layers {
		t := df.New.Layers[i].Score.Target
		if df.New.Layers[i].Score.Empty {
			t = float64(df.New.Target)
		}
		lines = append(lines, line{l.Name, l.Delta, t, false})
	}
	if df.New.Overall.Empty {
		lines[0].target = float64(df.New.Target)
	}
	scaleW := contentW - labelW - valueW
	x0 := marginL + labelW
	lx := func(level float64) float64 { return x0 + scaleW*level/5 }
	d.need(6 + float64(len(lines))*rowH + 10)
	y := f.GetY()
	d.font("", 6.5)
	d.textColor(colMuted)
	for l := 0; l <= 5; l++ {
		f.SetXY(lx(float64(l))-12, y)
		f.CellFormat(24, 3, fmt.Sprintf("%d %s", l, q.LevelName(l)), "", 0, "C", false, 0, "")
	}
	y += 5
	for i, ln := range lines {
		if i%2 == 0 {
			d.fillColor(colZebra)
			f.Rect(marginL, y, contentW, rowH, "F")
		}
		cy := y + rowH/2
		if ln.bold {
			d.font("B", 8.6)
		} else {
			d.font("", 8.6)
		}
		d.textColor(colText)
		f.SetXY(marginL, cy-2)
		f.CellFormat(labelW, 4, d.clip(d.safe(ln.name), labelW), "", 0, "L", false, 0, "")
		// the track
		d.drawColor(colRule)
		f.SetLineWidth(0.3)
		f.Line(x0, cy, x0+scaleW, cy)
		// the target
		tx := lx(ln.target)
		d.drawColor(colNavy)
		f.SetLineWidth(0.6)
		f.Line(tx, cy-2.6, tx, cy+2.6)
		dl := ln.delta
		val := ""
		switch {
		case !dl.OldEmpty && !dl.NewEmpty:
			c := changeColour(shownChange(dl))
			d.drawColor(c)
			f.SetLineWidth(1.4)
			f.Line(lx(dl.Old), cy, lx(dl.New), cy)
			d.fillColor(colWhite)
			d.drawColor(colMuted)
			f.SetLineWidth(0.5)
			f.Circle(lx(dl.Old), cy, 1.3, "FD")
			strong, _ := ragColour(dl.New, ln.target)
			d.fillColor(strong)
			d.drawColor(colWhite)
			f.SetLineWidth(0.3)
			f.Circle(lx(dl.New), cy, 1.7, "FD")
			val = fmt.Sprintf("%.1f → %.1f  (%s)", dl.Old, dl.New, changeText(shownChange(dl)))
		case !dl.NewEmpty:
			strong, _ := ragColour(dl.New, ln.target)
			d.fillColor(strong)
			f.Circle(lx(dl.New), cy, 1.7, "F")
			val = fmt.Sprintf("— → %.1f", dl.New)
		case !dl.OldEmpty:
			d.fillColor(colWhite)
			d.drawColor(colMuted)
			f.SetLineWidth(0.5)
			f.Circle(lx(dl.Old), cy, 1.3, "FD")
			val = fmt.Sprintf("%.1f → not scored", dl.Old)
		default:
			val = "not scored"
		}
		d.font("B", 8)
		if !dl.OldEmpty && !dl.NewEmpty {
			d.textColor(changeColour(shownChange(dl)))
		} else {
			d.textColor(colMuted)
		}
		f.SetXY(x0+scaleW+10, cy-2)
		f.CellFormat(valueW-10, 4, val, "", 0, "L", false, 0, "")
		y += rowH
	}
	y += 2
	// legend
	d.fillColor(colWhite)
	d.drawColor(colMuted)
	f.SetLineWidth(0.5)
	f.Circle(x0+1.5, y+1.6, 1.3, "FD")
	d.font("", 7)
	d.textColor(colText)
	f.SetXY(x0+3.5, y-0.1)
	f.CellFormat(30, 3.4, "Before", "", 0, "L", false, 0, "")
	d.fillColor(colAmber)
	f.Circle(x0+22, y+1.6, 1.7, "F")
	f.SetXY(x0+24.5, y-0.1)
	f.CellFormat(50, 3.4, "Now (coloured against the target)", "", 0, "L", false, 0, "")
	d.drawColor(colNavy)
	f.SetLineWidth(0.6)
	f.Line(x0+72, y-0.2, x0+72, y+3.4)
	f.SetXY(x0+73.5, y-0.1)
	f.CellFormat(20, 3.4, "Target", "", 0, "L", false, 0, "")
	f.SetXY(marginL, y+7)
	d.reset()
}

// seriesColours are the trend lines' colours: overall first, then the layers.
var seriesColours = []rgb{colNavy, colTeal, colAmber, colSlate, {122, 82, 160}, colGreen}

// trendChart draws maturity over time: one line per series (overall thick,
// layers thin) on a 0–5 scale, the assessments evenly spaced, the target
// dashed, and a table of the values under it.
func (d *pdfDoc) trendChart(t scoring.TrendLine, target float64) {
	f := d.f
	const (
		axisW  = 22.0
		chartH = 56.0
		padX   = 10.0
	)
	n := len(t.Dates)
	d.need(trendHeight(t))
	x0 := marginL + axisW
	w := contentW - axisW
	y0 := f.GetY() + 2
	yb := y0 + chartH
	ly := func(level float64) float64 { return yb - chartH*level/5 }
	px := func(i int) float64 {
		if n == 1 {
			return x0 + w/2
		}
		return x0 + padX + (w-2*padX)*float64(i)/float64(n-1)
	}
	// bands and grid
	d.fillColor(colZebra)
	f.Rect(x0, y0, w, chartH, "F")
	d.drawColor(colRule)
	f.SetLineWidth(0.2)
	for l := 0; l <= 5; l++ {
		y := ly(float64(l))
		f.Line(x0, y, x0+w, y)
		d.font("", 6.5)
		d.textColor(colMuted)
		f.SetXY(marginL, y-1.6)
		f.CellFormat(axisW-1.5, 3.2, fmt.Sprintf("%d %s", l, q.LevelName(l)), "", 0, "R", false, 0, "")
	}
	for i := range t.Dates {
		d.drawColor(colRule)
		f.SetLineWidth(0.15)
		f.SetDashPattern([]float64{0.6, 0.8}, 0)
		f.Line(px(i), y0, px(i), yb)
		f.SetDashPattern(nil, 0)
		d.font("B", 7)
		d.textColor(colNavy)
		f.SetXY(px(i)-15, yb+1.2)
		f.CellFormat(30, 3.4, t.Dates[i].Format("2 Jan 2006"), "", 0, "C", false, 0, "")
	}
	// target
	d.drawColor(colRed)
	f.SetLineWidth(0.5)
	f.SetDashPattern([]float64{1.6, 1.0}, 0)
	f.Line(x0, ly(target), x0+w, ly(target))
	f.SetDashPattern(nil, 0)
	d.font("B", 6.5)
	d.textColor(colRed)
	f.SetXY(x0+w-30, ly(target)-3.6)
	f.CellFormat(29, 3.2, fmt.Sprintf("Target %g", target), "", 0, "R", false, 0, "")
	// the lines, layers first so the overall line is on top
	order := make([]int, 0, len(t.Series))
	for i := 1; i < len(t.Series); i++ {
		order = append(order, i)
	}
	order = append(order, 0)
	for _, si := range order {
		s := t.Series[si]
		c := seriesColours[si%len(seriesColours)]
		lw, r := 0.6, 0.9
		if si == 0 {
			lw, r = 1.3, 1.4
		}
		d.drawColor(c)
		f.SetLineWidth(lw)
		var run []gofpdf.PointType
		flush := func() {
			if len(run) > 1 {
				for k := 1; k < len(run); k++ {
					f.Line(run[k-1].X, run[k-1].Y, run[k].X, run[k].Y)
				}
			}
			run = run[:0]
		}
		for i, sc := range s.Scores {
			if sc.Empty {
				flush()
				continue
			}
			run = append(run, gofpdf.PointType{X: px(i), Y: ly(sc.Level)})
		}
		flush()
		d.fillColor(c)
		d.drawColor(colWhite)
		f.SetLineWidth(0.3)
		for i, sc := range s.Scores {
			if !sc.Empty {
				f.Circle(px(i), ly(sc.Level), r, "FD")
			}
		}
	}
	// value labels of the overall line
	if len(t.Series) > 0 {
		d.font("B", 7)
		d.textColor(colNavy)
		for i, sc := range t.Series[0].Scores {
			if sc.Empty {
				continue
			}
			f.SetXY(px(i)-8, ly(sc.Level)-5.4)
			f.CellFormat(16, 3.2, fmt.Sprintf("%.1f", sc.Level), "", 0, "C", false, 0, "")
		}
	}
	// legend
	y := yb + 7
	x := x0
	for si, s := range t.Series {
		c := seriesColours[si%len(seriesColours)]
		d.drawColor(c)
		lw := 0.6
		if si == 0 {
			lw = 1.3
		}
		f.SetLineWidth(lw)
		f.Line(x, y+1.6, x+6, y+1.6)
		d.font("", 7)
		d.textColor(colText)
		f.SetXY(x+6.5, y-0.1)
		label := d.safe(s.Name)
		f.CellFormat(f.GetStringWidth(label)+3, 3.4, label, "", 0, "L", false, 0, "")
		x += 6.5 + f.GetStringWidth(label) + 8
	}
	f.SetXY(marginL, y+7)
	d.reset()
	// the values
	cols := []col{{"", 40, "L"}}
	dw := (contentW - 40 - 20) / float64(n)
	for _, dt := range t.Dates {
		cols = append(cols, col{dt.Format("2 Jan 2006"), dw, "C"})
	}
	// the change runs from the first assessment to the last, where the
	// sentence above the chart compares the last two: the header says so
	cols = append(cols, col{"Since first", 20, "C"})
	var rows []row
	for si, s := range t.Series {
		cs := []cell{{text: d.safe(s.Name), bold: si == 0}}
		for _, sc := range s.Scores {
			if sc.Empty {
				cs = append(cs, cell{text: "—", color: ptr(colMuted)})
				continue
			}
			cs = append(cs, cell{text: fmt.Sprintf("%.1f", sc.Level), bold: si == 0})
		}
		ch := cell{text: "—", color: ptr(colMuted)}
		if c, ok := seriesChange(s); ok {
			ch = cell{text: changeText(c), bold: true, color: ptr(changeColour(c))}
		}
		rows = append(rows, row{cells: append(cs, ch)})
	}
	d.table(cols, rows)
}

// trendHeight is the room the trend chart and its table take.
func trendHeight(t scoring.TrendLine) float64 {
	return 2 + 56 + 14 + 8 + 7.4*float64(len(t.Series)) + 2
}

// phaseChanges is the kill chain before and now.
func (d *pdfDoc) phaseChanges(df *scoring.Diff) {
	cols := []col{{"Phase", 40, "L"}, {"Before", 20, "C"}, {"Now", 20, "C"}, {"Change", 22, "L"}, {"Where it stands", contentW - 102, "L"}}
	state := func(v scoring.Verdict) cell {
		switch v {
		case scoring.VerdictOpen:
			return cell{text: "Open", bold: true, color: ptr(colRed)}
		case scoring.VerdictBroken:
			return cell{text: "Broken", bold: true, color: ptr(colGreen)}
		}
		return cell{text: "Not judged", color: ptr(colMuted)}
	}
	var rows []row
	for i, ph := range df.Phases {
		ch := cell{text: "—", color: ptr(colMuted)}
		switch {
		case ph.Closed():
			ch = cell{badges: []badge{{"CLOSED", colGreen}}}
		case ph.Reopened():
			ch = cell{badges: []badge{{"REOPENED", colRed}}}
		}
		story := ""
		if i < len(df.New.KillChain) {
			story = phaseWhy(df.New.KillChain[i])
		}
		rows = append(rows, row{cells: []cell{{text: d.safe(ph.Name), bold: true}, state(ph.OldVerdict), state(ph.NewVerdict), ch, {text: d.safe(story), color: ptr(colMuted)}}})
	}
	d.table(cols, rows)
}

// phaseWhy says briefly why a phase is open or broken now, by scoring's
// rule: the layers it is open through with their open controls, or the
// controls that stop it in every layer.
func phaseWhy(p scoring.PhaseCoverage) string {
	few := func(ids []string) string {
		const most = 3
		if len(ids) <= most {
			return strings.Join(ids, ", ")
		}
		return fmt.Sprintf("%s and %d more", strings.Join(ids[:most], ", "), len(ids)-most)
	}
	id := func(s string) string { return s }
	switch p.Verdict {
	case scoring.VerdictAttackerSide:
		return "Attacker side, not judged"
	case scoring.VerdictInsufficient:
		return fmt.Sprintf("Not judged: %d of %d controls answered, %d needed", p.Answered, p.Controls, p.Needed)
	case scoring.VerdictBroken:
		var meet []string
		for _, c := range p.Layers {
			meet = append(meet, atTarget(c, id)...)
		}
		return "Stopped in every layer by " + few(meet)
	}
	var through []string
	for _, l := range p.OpenLayers {
		through = append(through, string(l)+holesText(p.Cell(l), id))
	}
	if len(through) == 0 {
		return "No control denies or disrupts it"
	}
	return "Open through " + joinAnd(through)
}

// actionsDone lists the actions of the old plan that the new one no longer needs.
func (d *pdfDoc) actionsDone(df *scoring.Diff) {
	if len(df.Done) == 0 {
		d.para("No action of the earlier plan has been completed yet.")
		return
	}
	old := map[string]scoring.PlanItem{}
	for _, it := range df.Old.Actions {
		old[it.Action.ID] = it
	}
	marked := map[string]bool{}
	for _, it := range df.New.Actions {
		if it.Status == "done" {
			marked[it.Action.ID] = true
		}
	}
	d.note("DONE: marked done by the organization. GAP CLOSED: not marked, but the answers it raised now meet their target, so the plan no longer needs it; confirm it was done.")
	cols := []col{{"Action", 92, "L"}, {"Layer", 34, "L"}, {"Effort", 14, "C"}, {"Was ranked", contentW - 140, "C"}}
	var rows []row
	for _, id := range df.Done {
		it, ok := old[id]
		title, layers, effort, rank := id, "", "", "—"
		if ok {
			title, layers, effort = it.Action.Title, d.layerNamesOf(df.New.Bank, it.Layers), string(it.Action.Effort)
			if it.Rank > 0 {
				rank = fmt.Sprint(it.Rank)
			}
		}
		mark := badge{"GAP CLOSED", colTeal}
		if marked[id] {
			mark = badge{"DONE", colGreen}
		}
		rows = append(rows, row{cells: []cell{{text: d.safe(title), bold: true, sub: id, badges: []badge{mark}}, textCell(layers), textCell(effort), textCell(rank)}})
	}
	d.table(cols, rows)
}

func (d *pdfDoc) layerNamesOf(b *q.Bank, ls []q.Layer) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = d.safe(b.LayerInfo(l).Name)
	}
	return strings.Join(names, ", ")
}

// newGaps lists the questions that have a gap now and had none before.
func (d *pdfDoc) newGaps(df *scoring.Diff) {
	if len(df.NewGaps) == 0 {
		d.para("No new gap: every question that met its target still does.")
		return
	}
	cols := []col{{"Question", 96, "L"}, {"Answer now", 48, "L"}, {"Gap", contentW - 144, "C"}}
	var rows []row
	for _, id := range df.NewGaps {
		s, ok := df.New.Question(id)
		if !ok {
			continue
		}
		rows = append(rows, row{cells: []cell{
			{text: d.safe(s.Question.Text), sub: id + " · " + d.safe(df.New.Bank.LayerInfo(s.Question.Layer).Name)},
			textCell(d.safe(AnswerText(s))),
			{text: fmt.Sprint(s.Gap), bold: true, color: ptr(gapColour(s.Gap))},
		}})
	}
	d.table(cols, rows)
}

// movedQuestions lists every answer that changed, grouped by layer.
func (d *pdfDoc) movedQuestions(df *scoring.Diff) {
	if len(df.Questions) == 0 {
		d.para("No answer changed.")
		return
	}
	cols := []col{{"Question", 86, "L"}, {"Before", 34, "L"}, {"Now", 34, "L"}, {"Change", contentW - 154, "C"}}
	groups := map[q.Layer][]scoring.QuestionDelta{}
	for _, qd := range df.Questions {
		groups[qd.Layer] = append(groups[qd.Layer], qd)
	}
	var rows []row
	for _, l := range q.Layers {
		if len(groups[l]) == 0 {
			continue
		}
		rows = append(rows, row{group: d.safe(df.New.Bank.LayerInfo(l).Name)})
		for _, qd := range groups[l] {
			text := qd.ID
			if qq, ok := df.New.Bank.Question(qd.ID); ok {
				text = qq.Text
			} else if qq, ok := df.Old.Bank.Question(qd.ID); ok {
				text = qq.Text
			}
			ch := cell{text: "—", color: ptr(colMuted)}
			switch {
			case qd.Improved:
				ch = cell{text: fmt.Sprintf("+%d", qd.NewLevel-qd.OldLevel), bold: true, color: ptr(colGreen)}
			case qd.Worsen:
				ch = cell{text: fmt.Sprintf("−%d", qd.OldLevel-qd.NewLevel), bold: true, color: ptr(colRed)}
			}
			rows = append(rows, row{cells: []cell{
				{text: d.safe(text), sub: qd.ID},
				textCell(deltaAnswer(qd.OldStatus, qd.OldLevel, qd.OnlyInNew)),
				{text: deltaAnswer(qd.NewStatus, qd.NewLevel, qd.OnlyInOld), bold: true},
				ch,
			}})
		}
	}
	d.table(cols, rows)
}

// riskChanges lists the accepted risks added, expired and closed.
func (d *pdfDoc) riskChanges(df *scoring.Diff) {
	if len(df.RisksAdded)+len(df.RisksExpired)+len(df.RisksClosed) == 0 {
		d.para(fmt.Sprintf("No change: %d accepted risks before, %d now.", len(df.Old.Risks), len(df.New.Risks)))
		return
	}
	find := func(rs []scoring.RiskEntry, id string) (scoring.RiskEntry, bool) {
		for _, e := range rs {
			if e.QuestionID == id {
				return e, true
			}
		}
		return scoring.RiskEntry{}, false
	}
	cols := []col{{"Question", 34, "L"}, {"Change", 30, "L"}, {"Owner", 32, "L"}, {"Review", 20, "L"}, {"Justification", contentW - 116, "L"}}
	var rows []row
	add := func(ids []string, label string, c rgb, from []scoring.RiskEntry) {
		for _, id := range ids {
			e, _ := find(from, id)
			rows = append(rows, row{cells: []cell{
				{text: id, mono: true, sub: d.safe(df.New.Bank.LayerInfo(e.Layer).Name)},
				{badges: []badge{{label, c}}},
				textCell(d.user(e.Owner)),
				textCell(shortDay(e.Review)),
				textCell(d.user(e.Justification)),
			}})
		}
	}
	expired := map[string]bool{}
	for _, id := range df.RisksExpired {
		expired[id] = true
	}
	var added []string
	for _, id := range df.RisksAdded {
		if !expired[id] {
			added = append(added, id)
		}
	}
	add(df.RisksExpired, "EXPIRED", colRed, df.New.Risks)
	add(added, "ACCEPTED", colSlate, df.New.Risks)
	add(df.RisksClosed, "CLOSED", colGreen, df.Old.Risks)
	d.table(cols, rows)
	d.note("Expired: past its review date, so its actions are back in the plan. Accepted: a risk accepted since the earlier assessment. Closed: no longer in the register (the gap was fixed, or the acceptance withdrawn).")
}
