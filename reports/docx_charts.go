package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sort"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The DOCX's charts, drawn as PNG with Go's image packages and the Go
// fonts: Word shows a picture the same everywhere, and gofpdf cannot
// rasterize what the PDF draws. They follow the PDF's charts (colours,
// legends, scales) in millimetres, rendered at pxPerMM.

const pxPerMM = 8.0 // about 200 dpi: sharp in print, small files

var (
	chartFontsOnce sync.Once
	chartRegular   *opentype.Font
	chartBold      *opentype.Font
)

func chartFonts() (*opentype.Font, *opentype.Font) {
	chartFontsOnce.Do(func() {
		chartRegular, _ = opentype.Parse(goregular.TTF)
		chartBold, _ = opentype.Parse(gobold.TTF)
	})
	return chartRegular, chartBold
}

// canvas is a white picture measured in millimetres.
type canvas struct {
	img   *image.RGBA
	faces map[[2]float64]font.Face // (size pt, bold) → face
}

func newCanvas(wMM, hMM float64) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, int(wMM*pxPerMM), int(hMM*pxPerMM)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	return &canvas{img: img, faces: map[[2]float64]font.Face{}}
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

func px(mm float64) int { return int(mm*pxPerMM + 0.5) }

func (c *canvas) rect(x, y, w, h float64, col rgb) {
	r := image.Rect(px(x), px(y), px(x+w), px(y+h))
	draw.Draw(c.img, r, image.NewUniform(color.RGBA{uint8(col.r), uint8(col.g), uint8(col.b), 255}), image.Point{}, draw.Src)
}

func (c *canvas) face(size float64, bold bool) font.Face {
	k := [2]float64{size, 0}
	if bold {
		k[1] = 1
	}
	if f, ok := c.faces[k]; ok {
		return f
	}
	reg, b := chartFonts()
	src := reg
	if bold {
		src = b
	}
	// size in points; a point is 25.4/72 mm
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size * 25.4 / 72 * pxPerMM, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		f = nil
	}
	c.faces[k] = f
	return f
}

// text writes s with its baseline at y, aligned "L", "C" or "R" to x
// (for "C" and "R", x is the centre or the right edge), clipped to maxW
// mm with an ellipsis when maxW > 0.
func (c *canvas) text(x, y, size float64, bold bool, col rgb, align, s string, maxW float64) {
	f := c.face(size, bold)
	if f == nil {
		return
	}
	s = strings.TrimSpace(s)
	width := func(t string) float64 { return float64(font.MeasureString(f, t)) / 64 / pxPerMM }
	if maxW > 0 && width(s) > maxW {
		rs := []rune(s)
		for len(rs) > 0 && width(string(rs)+"…") > maxW {
			rs = rs[:len(rs)-1]
		}
		s = strings.TrimSpace(string(rs)) + "…"
	}
	switch align {
	case "C":
		x -= width(s) / 2
	case "R":
		x -= width(s)
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(color.RGBA{uint8(col.r), uint8(col.g), uint8(col.b), 255}), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * pxPerMM * 64), Y: fixed.Int26_6(y * pxPerMM * 64)}}
	d.DrawString(s)
}

// poly fills a polygon (points in mm) with a colour at an opacity.
func (c *canvas) poly(pts [][2]float64, col rgb, alpha float64) {
	if len(pts) < 3 {
		return
	}
	// rasterize within the polygon's bounding box only: a rasterizer the
	// size of the picture per stroke cost a second and 600 MB per document
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0 = math.Min(x0, p[0]*pxPerMM), math.Min(y0, p[1]*pxPerMM)
		x1, y1 = math.Max(x1, p[0]*pxPerMM), math.Max(y1, p[1]*pxPerMM)
	}
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	z.MoveTo(float32(pts[0][0]*pxPerMM-ox), float32(pts[0][1]*pxPerMM-oy))
	for _, p := range pts[1:] {
		z.LineTo(float32(p[0]*pxPerMM-ox), float32(p[1]*pxPerMM-oy))
	}
	z.ClosePath()
	src := image.NewUniform(color.NRGBA{uint8(col.r), uint8(col.g), uint8(col.b), uint8(alpha*255 + 0.5)})
	z.Draw(c.img, box, src, image.Point{})
}

// line strokes a segment of the given width (mm).
func (c *canvas) line(x0, y0, x1, y1, w float64, col rgb) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.poly([][2]float64{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col, 1)
}

// outline strokes a closed polygon, dashed when dash > 0 (mm on, mm off).
func (c *canvas) outline(pts [][2]float64, w float64, col rgb, dash float64) {
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		if dash <= 0 {
			c.line(a[0], a[1], b[0], b[1], w, col)
			continue
		}
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		for t := 0.0; t < l; t += 2 * dash {
			e := math.Min(t+dash, l)
			c.line(a[0]+(b[0]-a[0])*t/l, a[1]+(b[1]-a[1])*t/l, a[0]+(b[0]-a[0])*e/l, a[1]+(b[1]-a[1])*e/l, w, col)
		}
	}
}

// arc is the points of an arc from angle a0 to a1 (degrees, counter-
// clockwise from 3 o'clock, y down as on the page).
func arc(cx, cy, r, a0, a1 float64) [][2]float64 {
	n := int(math.Ceil(math.Abs(a1-a0)/3)) + 1
	pts := make([][2]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		a := (a0 + (a1-a0)*float64(i)/float64(n)) * math.Pi / 180
		pts = append(pts, [2]float64{cx + r*math.Cos(a), cy - r*math.Sin(a)})
	}
	return pts
}

// ring fills the part of a ring between angles a0 and a1.
func (c *canvas) ring(cx, cy, r0, r1, a0, a1 float64, col rgb) {
	if math.Abs(a1-a0) < 0.01 {
		return
	}
	c.poly(append(arc(cx, cy, r1, a0, a1), arc(cx, cy, r0, a1, a0)...), col, 1)
}

func (c *canvas) legend(x, y float64, col rgb, label string) float64 {
	c.rect(x, y-2.6, 3, 3, col)
	c.text(x+4.2, y, 7, false, colText, "L", label, 0)
	f := c.face(7, false)
	return x + 4.2 + float64(font.MeasureString(f, label))/64/pxPerMM + 5
}

// png encodes the picture with a palette of its (at most) 256 most used
// colours, the rare anti-aliasing shades mapped to the nearest: a chart of
// flat colours loses nothing visible, and an 8-bit picture encodes several
// times faster than RGB (no per-row filter search) into a smaller file.
func (c *canvas) png() ([]byte, error) {
	pix, b := c.img.Pix, c.img.Bounds()
	key := func(i int) uint32 { return uint32(pix[i])<<16 | uint32(pix[i+1])<<8 | uint32(pix[i+2]) }
	counts := map[uint32]int{}
	prev, run := key(0), 0
	for i := 0; i < len(pix); i += 4 {
		if k := key(i); k != prev {
			counts[prev] += run
			prev, run = k, 0
		}
		run++
	}
	counts[prev] += run
	keys := make([]uint32, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > 256 {
		keys = keys[:256]
	}
	pal := make(color.Palette, len(keys))
	index := make(map[uint32]uint8, len(counts))
	for i, k := range keys {
		pal[i] = color.RGBA{uint8(k >> 16), uint8(k >> 8), uint8(k), 255}
		index[k] = uint8(i)
	}
	out := image.NewPaletted(b, pal)
	prev, idx := ^uint32(0), uint8(0)
	for i, j := 0, 0; i < len(pix); i, j = i+4, j+1 {
		k := key(i)
		if k != prev {
			var ok bool
			if idx, ok = index[k]; !ok {
				idx = uint8(pal.Index(color.RGBA{uint8(k >> 16), uint8(k >> 8), uint8(k), 255}))
				index[k] = idx
			}
			prev = k
		}
		out.Pix[j] = idx
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err := enc.Encode(&buf, out)
	return buf.Bytes(), err
}

// docxChart is a rendered chart: its PNG, its size on the page and the
// text that stands for it (alt text).
type docxChart struct {
	PNG  []byte
	W, H float64 // mm
	Alt  string
}

// renderChart draws one of the section model's charts; ok is false for a
// chart the DOCX leaves out (no data, or one it does not draw).
func renderChart(r *scoring.Result, m Meta, ch Chart, width float64) (docxChart, bool, error) {
	var c *canvas
	var alt string
	switch ch {
	case ChartGauge:
		c = gaugeRadarChart(r, width)
		alt = fmt.Sprintf("Overall maturity %s against a target of %d, and each layer against its target", scoreText(r.Overall), r.Target)
	case ChartBars:
		var doms []scoring.GroupScore
		for _, g := range r.Domains {
			if g.Asked > 0 {
				doms = append(doms, g)
			}
		}
		c = barsChart([][]scoring.GroupScore{r.Layers, doms}, []string{"Layers", "Domains"}, width)
		alt = "Maturity of each layer and domain against its target"
	case ChartTimeline:
		var active []scoring.PlanItem
		for _, days := range []int{30, 60, 90} {
			active = append(active, r.Roadmap(days)...)
		}
		if len(active) == 0 {
			return docxChart{}, false, nil
		}
		c = timelineChart(r, active, width)
		alt = fmt.Sprintf("30/60/90-day roadmap of %d actions", len(active))
	case ChartHeatLayers:
		if len(r.KillChain) == 0 {
			return docxChart{}, false, nil
		}
		c = heatLayersChart(r, width)
		alt = "Kill-chain phases against the SSRM layers: where the chain breaks, is only seen, or is open"
	case ChartHeatCourses:
		if len(r.KillChain) == 0 {
			return docxChart{}, false, nil
		}
		c = heatCoursesChart(r, width)
		alt = "Kill-chain phases against the courses of action: controls at target of those acting"
	case ChartMatrix:
		rows := Matrix(r)
		if len(rows) == 0 {
			return docxChart{}, false, nil
		}
		c = matrixChart(rows, width)
		alt = "Who secures each layer under each service model"
	case ChartProgress:
		p := NewProgress(append([]*scoring.Result{r}, m.Baselines...))
		if p == nil || p.Diff == nil {
			return docxChart{}, false, nil
		}
		c = progressChart(p.Diff, width)
		alt = "Maturity per layer at the baseline and now"
	default:
		return docxChart{}, false, nil
	}
	defer c.close()
	data, err := c.png()
	if err != nil {
		return docxChart{}, false, err
	}
	b := c.img.Bounds()
	return docxChart{PNG: data, W: float64(b.Dx()) / pxPerMM, H: float64(b.Dy()) / pxPerMM, Alt: alt}, true, nil
}

// barsChart: horizontal maturity bars with target marks, as the PDF's.
func barsChart(groups [][]scoring.GroupScore, titles []string, width float64) *canvas {
	const labelW, valueW, barH, rowH = 60.0, 20.0, 4.6, 7.2
	rows := 0
	for _, g := range groups {
		rows += len(g)
	}
	h := 8 + float64(rows)*rowH + float64(len(groups))*7 + 10
	c := newCanvas(width, h)
	scaleW := width - labelW - valueW
	x0 := labelW
	y := 4.0
	for l := 0; l <= 5; l++ {
		c.text(x0+scaleW*float64(l)/5, y, 6.5, false, colMuted, "C", fmt.Sprintf("%d %s", l, q.LevelName(l)), 0)
	}
	y += 3
	for gi, gs := range groups {
		c.text(0, y+4, 7.5, true, colTeal, "L", strings.ToUpper(titles[gi]), labelW)
		y += 7
		for _, g := range gs {
			c.text(0, y+rowH/2+1.2, 8.2, false, colText, "L", g.Name, labelW-2)
			by := y + (rowH-barH)/2
			c.rect(x0, by, scaleW, barH, colNoneTint)
			for l := 1; l < 5; l++ {
				c.rect(x0+scaleW*float64(l)/5-0.15, by, 0.3, barH, colWhite)
			}
			if g.Score.Empty {
				c.text(x0+1, by+barH-1.2, 7, false, colMuted, "L", "not scored: nothing answered here", 0)
			} else {
				strong, _ := ragColour(g.Score.Level, g.Score.Target)
				c.rect(x0, by, scaleW*g.Score.Level/5, barH, strong)
				tx := x0 + scaleW*g.Score.Target/5
				c.rect(tx-0.35, by-1.2, 0.7, barH+2.4, colNavy)
				c.text(x0+scaleW+1.5, y+rowH/2+1.2, 8, true, colText, "L", fmt.Sprintf("%.1f / %s", g.Score.Level, WholeTarget(g.Score)), 0)
			}
			y += rowH
		}
	}
	y += 5
	x := c.legend(labelW, y, colGreen, "At target")
	x = c.legend(x, y, colAmber, "Within one level")
	x = c.legend(x, y, colRed, "More than one level below")
	c.rect(x, y-2.8, 0.7, 3.4, colNavy)
	c.text(x+2, y, 7, false, colText, "L", "Target", 0)
	return c
}

// timelineChart: one bar per action in its 30-day window, coloured by
// effort, as the PDF's roadmap.
func timelineChart(r *scoring.Result, items []scoring.PlanItem, width float64) *canvas {
	const labelW, rowH, axisH = 70.0, 5.6, 10.0
	c := newCanvas(width, axisH+float64(len(items))*rowH+12)
	scaleW := width - labelW
	dayX := func(days int) float64 { return labelW + scaleW*float64(days)/90 }
	for i, w := range []int{0, 30, 60} {
		col := colZebra
		if i%2 == 1 {
			col = colNoneTint
		}
		c.rect(dayX(w), 0, scaleW/3, axisH, col)
		c.text(dayX(w)+scaleW/6, 4.2, 7.6, true, colNavy, "C", fmt.Sprintf("Days %d–%d", w+1, w+30), 0)
		if !r.Date.IsZero() {
			c.text(dayX(w)+scaleW/6, 8.2, 6.5, false, colMuted, "C", "by "+scoring.DueIn(r.Date, w+30).Format("2 Jan 2006"), 0)
		}
	}
	c.text(0, 6.5, 7.6, true, colNavy, "L", "Action (rank)", 0)
	y := axisH + 1
	for _, it := range items {
		c.rect(dayX(30), y, scaleW/3, rowH, colZebra)
		c.text(0, y+rowH-1.6, 7.4, false, colText, "L", fmt.Sprintf("%d. %s", it.Rank, it.Action.Title), labelW-2)
		start := max(it.Days-30, 0)
		bx, bw := dayX(start)+0.6, dayX(it.Days)-dayX(start)-1.2
		c.rect(bx, y+0.9, bw, rowH-1.8, effortColour(it.Action.Effort))
		owner := it.Owner
		if it.Status != "" {
			owner += " (" + it.Status + ")"
		}
		c.text(bx+1, y+rowH-1.7, 6.4, false, colWhite, "L", owner, bw-2)
		y += rowH
	}
	y += 6
	x := c.legend(labelW, y, colTeal, "Small effort")
	x = c.legend(x, y, colNavy, "Medium")
	c.legend(x, y, colSlate, "Large")
	return c
}

// heatLayersChart: phases × layers, coloured by how each layer covers
// each phase, and the chain's verdict per phase.
func heatLayersChart(r *scoring.Result, width float64) *canvas {
	const phaseW, chainW, rowH, headH = 40.0, 26.0, 10.0, 8.0
	n := len(r.KillChain)
	c := newCanvas(width, headH+float64(n)*rowH+8+5*float64((len(CellStates)+1)/2))
	cellW := (width - phaseW - chainW) / float64(len(q.Layers))
	for i, l := range q.Layers {
		c.text(phaseW+(float64(i)+0.5)*cellW, 5, 7.6, true, colNavy, "C", r.Bank.LayerInfo(l).Name, cellW-1)
	}
	c.text(phaseW+float64(len(q.Layers))*cellW+chainW/2, 5, 7.6, true, colNavy, "C", "The chain", 0)
	y := headH
	for _, ph := range r.KillChain {
		c.text(0, y+rowH/2+1.3, 8.2, true, colText, "L", ph.Name, phaseW-1)
		for i, cell := range ph.Layers {
			fill, text, word := cellStyle(cell.State)
			x := phaseW + float64(i)*cellW
			c.rect(x+0.6, y+0.6, cellW-1.2, rowH-1.2, fill)
			c.text(x+cellW/2, y+4.6, 7.4, true, text, "C", word, cellW-2)
			if len(cell.Controls) > 0 {
				met := metCount(cell.Controls)
				c.text(x+cellW/2, y+8, 6.3, false, colMuted, "C", fmt.Sprintf("%d of %d at target", met, len(cell.Controls)), cellW-2)
			}
		}
		x := phaseW + float64(len(q.Layers))*cellW
		fill, word := verdictBadge(ph.Verdict)
		c.rect(x+2, y+2.2, chainW-4, rowH-4.4, fill)
		if ph.Verdict == scoring.VerdictAttackerSide {
			c.text(x+chainW/2, y+rowH/2, 7.2, true, colWhite, "C", word, chainW-5)
			c.text(x+chainW/2, y+rowH/2+2.6, 5.8, false, colWhite, "C", "(attacker side)", chainW-5)
		} else {
			c.text(x+chainW/2, y+rowH/2+1.2, 7.2, true, colWhite, "C", word, chainW-5)
		}
		y += rowH
	}
	y += 5
	colW := (width - phaseW) / 2
	for i, st := range CellStates {
		fill, _, _ := cellStyle(st)
		c.legend(phaseW+float64(i%2)*colW, y+float64(i/2)*5, fill, CellLegend(st))
	}
	return c
}

// heatCoursesChart: phases × courses of action, "met / controls".
func heatCoursesChart(r *scoring.Result, width float64) *canvas {
	const phaseW, rowH, headH = 40.0, 7.0, 7.0
	c := newCanvas(width, headH+float64(len(r.KillChain))*rowH+12)
	cellW := (width - phaseW) / float64(len(q.Courses))
	for i, co := range q.Courses {
		c.text(phaseW+(float64(i)+0.5)*cellW, 4.6, 7.6, true, colNavy, "C", courseName(r.Bank, co), cellW-1)
	}
	y := headH
	for _, ph := range r.KillChain {
		c.text(0, y+rowH/2+1.3, 8, false, colText, "L", ph.Name, phaseW-1)
		for i, cc := range ph.Courses {
			x := phaseW + float64(i)*cellW
			fill, text, word := courseCell(cc)
			c.rect(x+0.5, y+0.5, cellW-1, rowH-1, fill)
			c.text(x+cellW/2, y+rowH/2+1.2, 7.4, true, text, "C", word, 0)
		}
		y += rowH
	}
	y += 6
	x := c.legend(phaseW, y, colGrnTint, "Some control at target")
	x = c.legend(x, y, colRedTint, "Deny/disrupt, none at target")
	x = c.legend(x, y, colAmbTint, "Other course, none at target")
	c.legend(x, y, colNoneTint, "No control")
	return c
}

// matrixChart: who secures each layer under each model.
func matrixChart(rows []MatrixRow, width float64) *canvas {
	const layerW, rowH, headH = 50.0, 8.0, 8.0
	c := newCanvas(width, headH+float64(len(rows))*rowH+10)
	cellW := (width - layerW) / float64(len(rows[0].Cells))
	for i, cell := range rows[0].Cells {
		c.text(layerW+(float64(i)+0.5)*cellW, 5, 8, true, colNavy, "C", q.ModelName(cell.Model), cellW-1)
	}
	y := headH
	for _, row := range rows {
		c.text(0, y+rowH/2+1.3, 8.2, true, colText, "L", row.Name, layerW-1)
		for i, cell := range row.Cells {
			fill, text := partyColours(cell.Party)
			x := layerW + float64(i)*cellW
			c.rect(x+0.6, y+0.6, cellW-1.2, rowH-1.2, fill)
			c.text(x+cellW/2, y+rowH/2+1.2, 7.6, true, text, "C", PartyName(cell.Party), cellW-2)
		}
		y += rowH
	}
	y += 5
	x := c.legend(layerW, y, colTealTint, "Yours")
	x = c.legend(x, y, colAmbTint, "Shared")
	c.legend(x, y, colNoneTint, "Microsoft")
	return c
}

func partyColours(p q.Party) (fill, text rgb) {
	switch p {
	case q.Customer:
		return colTealTint, colTeal
	case q.Microsoft:
		return colNoneTint, colSlate
	}
	return colAmbTint, colAmber
}

// progressChart: each layer's maturity at the baseline and now.
func progressChart(df *scoring.Diff, width float64) *canvas {
	const labelW, valueW, rowH = 44.0, 36.0, 8.0
	type line struct {
		name     string
		old, new float64
	}
	lines := []line{{"Overall", df.Overall.Old, df.Overall.New}}
	for _, l := range df.Layers {
		lines = append(lines, line{l.Name, l.Delta.Old, l.Delta.New})
	}
	c := newCanvas(width, 6+float64(len(lines))*rowH+10)
	scaleW := width - labelW - valueW
	for l := 0; l <= 5; l++ {
		c.text(labelW+scaleW*float64(l)/5, 4, 6.5, false, colMuted, "C", fmt.Sprint(l), 0)
	}
	y := 6.0
	for _, ln := range lines {
		c.text(0, y+rowH/2+1.2, 8.2, ln.name == "Overall", colText, "L", ln.name, labelW-1)
		mid := y + rowH/2
		c.rect(labelW, mid-0.2, scaleW, 0.4, colRule)
		ox, nx := labelW+scaleW*ln.old/5, labelW+scaleW*ln.new/5
		lo, hi := min(ox, nx), max(ox, nx)
		c.rect(lo, mid-0.6, hi-lo, 1.2, changeColour(ln.new-ln.old))
		c.rect(ox-1.2, mid-1.2, 2.4, 2.4, colMuted)
		c.rect(nx-1.4, mid-1.4, 2.8, 2.8, colNavy)
		c.text(labelW+scaleW+2, y+rowH/2+1.2, 8, true, colText, "L", fmt.Sprintf("%.1f → %.1f", ln.old, ln.new), 0)
		y += rowH
	}
	y += 5
	x := c.legend(labelW, y, colMuted, "Baseline")
	c.legend(x, y, colNavy, "Now")
	return c
}

// gaugeRadarChart: the overall maturity as a half-ring gauge with the
// target tick, and the layers against their targets as a radar, as the
// PDF's board summary draws them.
func gaugeRadarChart(r *scoring.Result, width float64) *canvas {
	c := newCanvas(width, 74)
	c.text(0, 3, 8, true, colMuted, "L", "OVERALL MATURITY (YOUR SIDE OF THE MODEL)", 0)
	c.text(88, 3, 8, true, colMuted, "L", "LAYERS AGAINST THE TARGET", 0)
	// gauge
	s, target := r.Overall, float64(r.Target)
	cx, cy, rad := 38.0, 42.0, 25.0
	const thick = 9.0
	angle := func(level float64) float64 { return 180 - 180*level/5 }
	c.ring(cx, cy, rad-thick, rad, angle(0), angle(math.Max(0, target-1)), colRedTint)
	c.ring(cx, cy, rad-thick, rad, angle(math.Max(0, target-1)), angle(target), colAmbTint)
	c.ring(cx, cy, rad-thick, rad, angle(target), angle(5), colGrnTint)
	if !s.Empty {
		strong, _ := ragColour(s.Level, target)
		c.ring(cx, cy, rad-thick+2.2, rad-2.2, angle(0), angle(math.Min(5, s.Level)), strong)
	}
	for l := 0; l <= 5; l++ {
		a := angle(float64(l)) * math.Pi / 180
		c.text(cx+(rad+3.2)*math.Cos(a), cy-(rad+3.2)*math.Sin(a)+1, 6.5, false, colMuted, "C", fmt.Sprint(l), 0)
	}
	a := angle(target) * math.Pi / 180
	c.line(cx+(rad-thick-1.5)*math.Cos(a), cy-(rad-thick-1.5)*math.Sin(a), cx+(rad+1.5)*math.Cos(a), cy-(rad+1.5)*math.Sin(a), 0.8, colNavy)
	val, sub := "—", "not scored"
	if !s.Empty {
		val = fmt.Sprintf("%.1f", s.Level)
		sub = fmt.Sprintf("of 5 · %s", q.LevelName(int(math.Floor(s.Level+1e-9))))
	}
	c.text(cx, cy-3, 20, true, colNavy, "C", val, 0)
	c.text(cx, cy+1.5, 7.5, false, colMuted, "C", sub, 0)
	c.text(cx, cy+6, 7.5, true, colNavy, "C", fmt.Sprintf("Target %g · %s", target, q.LevelName(int(target))), 0)
	// radar
	groups := r.Layers
	n := len(groups)
	if n < 3 {
		return c
	}
	rx, ry, rr := 128.0, 38.0, 20.0
	pt := func(i int, level float64) [2]float64 {
		a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
		return [2]float64{rx + rr*level/5*math.Cos(a), ry - rr*level/5*math.Sin(a)}
	}
	for l := 1; l <= 5; l++ {
		ring := make([][2]float64, n)
		for i := range groups {
			ring[i] = pt(i, float64(l))
		}
		c.outline(ring, 0.15, colRule, 0)
		p := pt(0, float64(l))
		c.text(p[0]+0.6, p[1]+0.8, 5.8, false, colMuted, "L", fmt.Sprint(l), 0)
	}
	for i := range groups {
		p := pt(i, 5)
		c.line(rx, ry, p[0], p[1], 0.15, colRule)
	}
	tg, val2 := make([][2]float64, n), make([][2]float64, n)
	for i, g := range groups {
		t := g.Score.Target
		if g.Score.Empty {
			t = float64(r.Target)
		}
		tg[i], val2[i] = pt(i, t), pt(i, g.Score.Level)
	}
	c.poly(val2, colTeal, 0.28)
	c.outline(val2, 0.7, colTeal, 0)
	c.outline(tg, 0.5, colNavy, 1.1)
	for i, g := range groups {
		a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
		lx, ly := rx+(rr+4)*math.Cos(a), ry-(rr+4)*math.Sin(a)
		align := "C"
		switch {
		case math.Cos(a) > 0.3:
			align = "L"
		case math.Cos(a) < -0.3:
			align = "R"
		}
		y := ly
		if math.Sin(a) > 0.3 {
			y = ly - 3.5
		} else if math.Sin(a) < -0.3 {
			y = ly + 3
		}
		c.text(lx, y, 7.5, true, colNavy, align, g.Name, 40)
		v := "not scored"
		if !g.Score.Empty {
			v = fmt.Sprintf("%.1f of target %s", g.Score.Level, WholeTarget(g.Score))
		}
		c.text(lx, y+3.2, 7, false, colMuted, align, v, 40)
	}
	ly := ry + rr + 12.5
	c.rect(rx-34, ly-2.4, 5, 2.4, colTeal)
	c.text(rx-27.5, ly, 7, false, colText, "L", "Your maturity", 0)
	c.outline([][2]float64{{rx + 4, ly - 1.2}, {rx + 9, ly - 1.2}}, 0.5, colNavy, 1.1)
	legend := "Target"
	if starredTarget(groups) {
		legend = "Target (* rounded)"
	}
	c.text(rx+10.5, ly, 7, false, colText, "L", legend, 0)
	return c
}
