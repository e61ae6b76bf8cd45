package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/ssrm/ssrm/internal/safetext"
	"github.com/ssrm/ssrm/scoring"
)

// The PDF action plan. All gofpdf calls of the product live in this package
// (pdf*.go), so the import can move to the maintained fork in one place.
//
// Layout: A4 portrait in millimetres; every section starts on a new page
// with a level-0 bookmark, sub-sections are level-1 bookmarks. Text goes
// through safe (and user, for what a person typed) before gofpdf sees it.

// Page geometry (mm).
const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 18.0
	marginR  = 18.0
	marginT  = 24.0
	marginB  = 20.0
	contentW = pageW - marginL - marginR
	bottomY  = pageH - marginB
)

// Fonts: the Go fonts, embedded as UTF-8 subsets.
const (
	fontSans = "go"
	fontMono = "gomono"
)

type rgb struct{ r, g, b int }

// The palette: navy and teal, red-amber-green for status, greys for text.
var (
	colNavy     = rgb{22, 43, 72}
	colTeal     = rgb{0, 121, 128}
	colTealTint = rgb{224, 240, 240}
	colText     = rgb{33, 37, 41}
	colMuted    = rgb{103, 112, 122}
	colRule     = rgb{214, 219, 224}
	colZebra    = rgb{246, 248, 250}
	colWhite    = rgb{255, 255, 255}
	colRed      = rgb{192, 57, 43}
	colAmber    = rgb{214, 137, 16}
	colGreen    = rgb{39, 135, 82}
	colRedTint  = rgb{246, 214, 210}
	colAmbTint  = rgb{251, 232, 196}
	colGrnTint  = rgb{209, 236, 218}
	colNoneTint = rgb{236, 239, 242}
	colSlate    = rgb{84, 110, 138}
)

// WritePDF writes the action plan as a PDF: cover, executive summary,
// responsibility matrix, the five steps and the appendices, each one a
// bookmark. The same result, meta and date give the same bytes.
func WritePDF(w io.Writer, r *scoring.Result, m Meta) error {
	r, m = Prepare(r, m)
	d := newPDF(r, m)
	if len(m.Baselines) > 0 {
		all := []*scoring.Result{r}
		all = append(all, m.Baselines...)
		d.progressOf = NewProgress(all)
	}
	d.build()
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

// pdfDoc is one PDF being written.
type pdfDoc struct {
	f        *gofpdf.Fpdf
	r        *scoring.Result
	m        Meta
	org      string
	date     time.Time
	replaced bool // some characters had no glyph and were replaced
	noHeader bool // the cover has no running header
	toc      []tocEntry
	tocY     float64 // where the contents go on the cover
	title    string  // the document's name in the running header
	// glyphs is what the document's sans font can draw.
	glyphs *glyphSet
	// progressOf is what moved since the baselines, when there are any.
	progressOf *Progress
	// doc is the section model being drawn.
	doc *Document
	// compact draws tables in the smaller style (a long register).
	compact bool
}

func newPDF(r *scoring.Result, m Meta) *pdfDoc {
	d := &pdfDoc{r: r, m: m, title: "Azure shared responsibility action plan"}
	d.date = r.Date
	if d.date.IsZero() {
		d.date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f := gofpdf.New("P", "mm", "A4", "")
	d.f = f
	f.SetCatalogSort(true)
	f.SetCreationDate(d.date)
	f.SetModificationDate(d.date)
	f.SetCompression(true)
	// gofpdf's subsetter writes into the font bytes it is given, so each
	// document gets its own copy: sharing the package's slices made the
	// second rendering in a process differ from the first.
	font := m.Font
	if wide := wideRunes(r); font == nil && len(wide) > 0 {
		font = systemWideFont(wide)
	}
	d.glyphs = goGlyphs()
	if set := glyphSetOf(font); font != nil && set != nil {
		// One face for every style: a wide font rarely comes with a bold.
		for _, style := range []string{"", "B", "I", "BI"} {
			f.AddUTF8FontFromBytes(fontSans, style, bytes.Clone(font))
		}
		d.glyphs = set
	} else {
		f.AddUTF8FontFromBytes(fontSans, "", bytes.Clone(goregular.TTF))
		f.AddUTF8FontFromBytes(fontSans, "B", bytes.Clone(gobold.TTF))
		f.AddUTF8FontFromBytes(fontSans, "I", bytes.Clone(goitalic.TTF))
		f.AddUTF8FontFromBytes(fontSans, "BI", bytes.Clone(gobolditalic.TTF))
	}
	f.AddUTF8FontFromBytes(fontMono, "", bytes.Clone(gomono.TTF))
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.SetCellMargin(1.5)
	f.AliasNbPages("{nb}")
	d.org = d.safe(r.Profile.Organization)
	if strings.TrimSpace(d.org) == "" {
		d.org = "Unnamed organization"
	}
	f.SetTitle(d.org+": Azure shared responsibility action plan", true)
	f.SetAuthor(d.user(r.Profile.Assessor), true)
	f.SetSubject("Azure Shared Security Responsibility Model assessment and five-step action plan", true)
	f.SetCreator(d.safe(m.Tool), true)
	f.SetProducer("ssrm (gofpdf)", true)
	f.SetHeaderFuncMode(d.header, true)
	f.SetFooterFunc(d.footer)
	f.SetDisplayMode("fullpage", "single")
	return d
}

// header draws the running header on every page but the cover.
func (d *pdfDoc) header() {
	if d.noHeader {
		return
	}
	f := d.f
	bw := d.brandHeader()
	d.font("", 7.5)
	d.textColor(colMuted)
	f.SetXY(marginL+bw, 10)
	// the client's name and the document's, or the name alone where both
	// do not fit beside a brand: never a title cut mid-word
	w := contentW*0.7 - bw
	text := d.org + "  ·  " + d.title
	if f.GetStringWidth(d.safe(text)) > w-2*f.GetCellMargin() {
		text = d.org
	}
	f.CellFormat(w, 4, d.clip(text, w), "", 0, "L", false, 0, "")
	d.font("B", 7.5)
	d.textColor(colRed)
	f.SetXY(marginL+contentW*0.7, 10)
	f.CellFormat(contentW*0.3, 4, "CONFIDENTIAL", "", 0, "R", false, 0, "")
	d.drawColor(colRule)
	f.SetLineWidth(0.2)
	f.Line(marginL, 15, pageW-marginR, 15)
	f.SetXY(marginL, marginT)
}

// footer draws the date, tool and page number.
func (d *pdfDoc) footer() {
	f := d.f
	d.font("", 7.5)
	d.textColor(colMuted)
	d.drawColor(colRule)
	f.SetLineWidth(0.2)
	f.Line(marginL, pageH-13, pageW-marginR, pageH-13)
	f.SetXY(marginL, pageH-12)
	left := d.date.Format("2 January 2006")
	if d.m.Tool != "" {
		left += "  ·  " + d.safe(d.m.Tool)
	}
	if d.m.Redact {
		left += "  ·  redacted"
	}
	f.CellFormat(contentW/2, 4, left, "", 0, "L", false, 0, "")
	f.SetXY(marginL+contentW/2, pageH-12)
	f.CellFormat(contentW/2, 4, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
	d.brandFooter()
}

// --- drawing state ---

func (d *pdfDoc) font(style string, size float64) { d.f.SetFont(fontSans, style, size) }
func (d *pdfDoc) mono(size float64)               { d.f.SetFont(fontMono, "", size) }
func (d *pdfDoc) textColor(c rgb)                 { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *pdfDoc) fillColor(c rgb)                 { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *pdfDoc) drawColor(c rgb)                 { d.f.SetDrawColor(c.r, c.g, c.b) }

// reset puts colours and line width back to the body defaults: drawing
// state persists across calls in gofpdf.
func (d *pdfDoc) reset() {
	d.textColor(colText)
	d.drawColor(colRule)
	d.fillColor(colWhite)
	d.f.SetLineWidth(0.2)
	d.f.SetDashPattern(nil, 0)
	d.font("", 9.5)
}

// space reports the room left on the page below the cursor.
func (d *pdfDoc) space() float64 { return bottomY - d.f.GetY() }

// need starts a new page unless h millimetres are left.
func (d *pdfDoc) need(h float64) {
	if d.space() < h {
		d.f.AddPage()
	}
}

// --- text ---

// glyphSet is the set of BMP runes a font can draw.
type glyphSet [1 << 16 / 64]uint64

// glyphSetOf reads a TrueType font's coverage; nil when it is not one
// (a collection, say, which gofpdf cannot embed either).
func glyphSetOf(ttf []byte) *glyphSet {
	if ttf == nil {
		return nil
	}
	fnt, err := sfnt.Parse(ttf)
	if err != nil {
		return nil
	}
	var set glyphSet
	var buf sfnt.Buffer
	for r := rune(0x20); r < 1<<16; r++ {
		if i, err := fnt.GlyphIndex(&buf, r); err == nil && i != 0 {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
}

// goGlyphs is what the Go fonts draw.
var goGlyphs = sync.OnceValue(func() *glyphSet {
	if set := glyphSetOf(goregular.TTF); set != nil {
		return set
	}
	return &glyphSet{}
})

// has reports whether the font draws r.
func (g *glyphSet) has(r rune) bool {
	if r < 0x20 || r >= 1<<16 {
		return false
	}
	if r < 0x7f {
		return true
	}
	return g[r/64]&(1<<(r%64)) != 0
}

// hasGlyph reports whether the Go fonts draw r.
func hasGlyph(r rune) bool { return goGlyphs().has(r) }

// WideFontPaths are TrueType fonts the PDF is set in, the first there is
// that also draws Latin, when the text holds characters the Go fonts lack
// (Japanese, Chinese…). Debian's fonts-vlgothic provides the first.
var WideFontPaths = []string{
	"/usr/share/fonts/truetype/vlgothic/VL-PGothic-Regular.ttf",
	"/usr/share/fonts/truetype/takao-gothic/TakaoPGothic.ttf",
	"/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
	"/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
}

// latinSample is what a wide font must draw too: the whole document is set
// in it, so a fallback font without Latin (Droid Sans Fallback) will not do.
const latinSample = "AZaz09.,;:!?()-€ÆØÅæøåÉéèêëÖöÜüßñçŁłŚśŹźŻż—–“”…"

// systemWideFont returns the first font of WideFontPaths there is that
// draws Latin and the characters the text needs.
func systemWideFont(needed []rune) []byte {
	for _, p := range WideFontPaths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		set := glyphSetOf(data)
		if set == nil || !set.hasAll([]rune(latinSample)) || !set.hasAll(needed) {
			continue
		}
		return data
	}
	return nil
}

// CheckFont says whether a font can set a PDF: a single TrueType font (not
// a collection) that draws Latin.
func CheckFont(ttf []byte) error {
	set := glyphSetOf(ttf)
	switch {
	case set == nil:
		return errors.New("not a TrueType font (.ttf); font collections (.ttc) cannot be embedded")
	case !set.hasAll([]rune("AZaz09")):
		return errors.New("the font has no Latin letters, and the whole document is set in it")
	}
	return nil
}

// hasAll reports whether the font draws every rune.
func (g *glyphSet) hasAll(rs []rune) bool {
	for _, r := range rs {
		if !g.has(r) {
			return false
		}
	}
	return true
}

// wideRunes lists the characters people typed that the Go fonts cannot
// draw (emoji aside: those are dropped in any font).
func wideRunes(r *scoring.Result) []rune {
	texts := []string{r.Profile.Organization, r.Profile.Assessor, r.Profile.Sector}
	for _, s := range r.Questions {
		texts = append(texts, s.Answer.Note, s.Answer.Who)
		if e := s.Exception; e != nil {
			texts = append(texts, e.Control, e.Justification, e.Owner)
		}
	}
	for _, it := range r.Actions {
		texts = append(texts, it.Owner)
	}
	for _, e := range r.Evidence {
		texts = append(texts, e.Ref, e.Detail)
	}
	var out []rune
	seen := map[rune]bool{}
	for _, t := range texts {
		for _, c := range t {
			if c >= 0x7f && c < 1<<16 && !seen[c] && !unicode.IsControl(c) && !hasGlyph(c) && !unicode.Is(unicode.So, c) && !unicode.Is(unicode.Mn, c) {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// missingMark stands for a run of characters the fonts cannot draw (CJK,
// for one: the Go fonts have none). The cover explains it when used.
const missingMark = "[?]"

// Sanitize makes text safe for the PDF fonts: runes outside the Basic
// Multilingual Plane (emoji), their joiners and variation selectors, and
// symbols the fonts lack are dropped, because they make gofpdf's subsetter panic; control characters
// become spaces; each run of characters the Go fonts have no glyph for
// becomes "[?]". It reports whether anything was replaced.
func Sanitize(s string) (string, bool) { return sanitizeFor(s, goGlyphs()) }

// sanitizeFor is Sanitize for a font with the given coverage.
func sanitizeFor(s string, glyphs *glyphSet) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s, false
	}
	var b strings.Builder
	replaced, inMissing, dropped := false, false, false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
			inMissing = false
			continue
		case r == '\t' || r == '\r' || unicode.IsControl(r):
			b.WriteByte(' ')
			inMissing = false
			continue
		case r >= 1<<16, r == utf8.RuneError, r == 0x200D, r >= 0xFE00 && r <= 0xFE0F, r == 0x20E3:
			dropped = true
			continue // emoji and their modifiers: dropped
		case r == 0x00A0:
			b.WriteByte(' ')
			inMissing = false
			continue
		case (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.So, r)) && !glyphs.has(r):
			dropped = true
			continue // a combining mark or a pictograph (❤ ☺) without a glyph: dropped
		}
		if glyphs.has(r) {
			b.WriteRune(r)
			inMissing = false
			continue
		}
		if !inMissing {
			b.WriteString(missingMark)
			inMissing, replaced = true, true
		}
	}
	out := b.String()
	if dropped {
		// "Lock 🔒 it" would keep two spaces where the emoji was
		for strings.Contains(out, "  ") {
			out = strings.ReplaceAll(out, "  ", " ")
		}
		out = strings.TrimSpace(out)
	}
	return out, replaced
}

// safe cleans text from the bank or the tool.
func (d *pdfDoc) safe(s string) string {
	out, rep := sanitizeFor(safetext.Clean(s), d.glyphs)
	d.replaced = d.replaced || rep
	if d.glyphs == goGlyphs() {
		out = wordHyphens(out)
	}
	return out
}

// wordHyphens draws the hyphen inside a word ("just-in-time") with the Go
// fonts' soft-hyphen glyph: their hyphen-minus is as wide as a dash
// (ink 483 units, the en dash's 375), so "just-in-time" read as
// "just–in–time". A hyphen between digits or spaces ("-1", "A - B")
// stays as it is.
func wordHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	rs := []rune(s)
	changed := false
	start := 0 // of the current space-separated token
	for i := 1; i+1 < len(rs); i++ {
		if unicode.IsSpace(rs[i]) {
			start = i + 1
			continue
		}
		// between lower-case letters: "NET-IDS" and "Wi-Fi" are names
		if rs[i] == '-' && unicode.IsLower(rs[i-1]) && unicode.IsLower(rs[i+1]) && !pathLike(rs, start) {
			rs[i] = softHyphen
			changed = true
		}
	}
	if !changed {
		return s
	}
	return string(rs)
}

// pathLike reports whether the token starting at rs[start] is a link, a
// path or an identifier (it holds '/', '.', '_' or '@' before its end):
// copied from the PDF, it must read exactly as typed.
func pathLike(rs []rune, start int) bool {
	for j := start; j < len(rs) && !unicode.IsSpace(rs[j]); j++ {
		switch rs[j] {
		case '/', '_', '@', ':':
			return true
		case '.':
			if j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) {
				return true
			}
		}
	}
	return false
}

// softHyphen is U+00AD, drawn as a short hyphen by the Go fonts.
const softHyphen = '\u00ad'

// user cleans what a person typed: notes, evidence, names. Redaction, when
// asked for, has already been applied to the result (see Redacted).
func (d *pdfDoc) user(s string) string { return d.safe(strings.TrimSpace(s)) }

// clip shortens text with an ellipsis to fit w millimetres in the current font.
func (d *pdfDoc) clip(s string, w float64) string {
	max := w - 2*d.f.GetCellMargin()
	if d.f.GetStringWidth(s) <= max {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && d.f.GetStringWidth(string(rs)+"…") > max {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRight(string(rs), " ,;:") + "…"
}

// lines wraps text to width w (the same width MultiCell would get).
func (d *pdfDoc) lines(s string, w float64) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.f.SplitText(d.breakLong(para, w), w)...)
	}
	return out
}

// breakLong keeps an address from breaking mid-word: a word wider than w
// that has slashes (a URL, a path) is cut after its slashes into pieces
// that each fit, joined by line breaks, so that the lines end at a "/"
// instead of wherever the width ran out. A piece still too wide (a long
// file name) is left to the usual wrap.
func (d *pdfDoc) breakLong(s string, w float64) string {
	if !strings.Contains(s, "/") || d.f.GetStringWidth(s) <= w {
		return s
	}
	words := strings.Split(s, " ")
	for i, word := range words {
		if !strings.Contains(word, "/") || d.f.GetStringWidth(word) <= w {
			continue
		}
		var chunks []string
		cur := ""
		for _, piece := range strings.SplitAfter(word, "/") {
			if cur != "" && d.f.GetStringWidth(cur+piece) > w {
				chunks = append(chunks, cur)
				cur = ""
			}
			cur += piece
		}
		if cur != "" {
			chunks = append(chunks, cur)
		}
		words[i] = strings.Join(chunks, "\n")
	}
	return strings.Join(words, " ")
}

// --- blocks ---

// section starts a main section on a new page with a level-0 bookmark.
func (d *pdfDoc) section(title, intro string) {
	f := d.f
	f.AddPage()
	d.reset()
	f.Bookmark(title, 0, -1)
	d.toc = append(d.toc, tocEntry{title, f.PageNo(), f.GetY()})
	d.sectionTitle(title, d.safe(intro)) // it resets the styles after
}

// heading starts a sub-section with a level-1 bookmark, on a new page when
// fewer than keep millimetres would follow it.
func (d *pdfDoc) heading(title string, keep float64) {
	f := d.f
	if f.GetY() > marginT+1 {
		f.Ln(3)
	}
	d.need(9 + keep)
	f.Bookmark(title, 1, -1)
	d.font("B", 12)
	d.textColor(d.accent(colTeal))
	f.SetX(marginL)
	f.CellFormat(contentW, 6.5, title, "", 1, "L", false, 0, "")
	f.Ln(1)
	d.reset()
}

// para writes a wrapped paragraph.
func (d *pdfDoc) para(s string) {
	size, lh := 9.5, 4.6
	if d.compact {
		size, lh = 8.5, 4.0
	}
	d.font("", size)
	d.textColor(colText)
	d.f.SetX(marginL)
	d.f.MultiCell(contentW, lh, d.breakLong(s, contentW), "", "L", false)
	d.f.Ln(1.2)
}

// note writes a small muted paragraph.
func (d *pdfDoc) note(s string) {
	d.font("I", 8)
	d.textColor(colMuted)
	d.f.SetX(marginL)
	d.f.MultiCell(contentW, 3.9, d.breakLong(s, contentW), "", "L", false)
	d.f.Ln(1)
	d.reset()
}

// bullets writes a list; numbered when num is true.
func (d *pdfDoc) bullets(items []string, num bool) {
	f := d.f
	const indent = 6.0
	// a long list marked compact (the short edition's methodology) is set
	// in the compact tables' smaller type
	size, lh := 9.5, 4.6
	if d.compact {
		size, lh = 8.5, 4.0
	}
	for i, it := range items {
		d.font("", size)
		ls := d.lines(it, contentW-indent)
		d.need(lh*float64(min(len(ls), 3)) + 1)
		y := f.GetY()
		mark := "•"
		if num {
			mark = fmt.Sprintf("%d.", i+1)
			d.font("B", size)
		}
		d.textColor(colTeal)
		f.SetXY(marginL, y)
		f.CellFormat(indent, lh, mark, "", 0, "L", false, 0, "")
		d.font("", size)
		d.textColor(colText)
		f.SetXY(marginL+indent, y)
		f.MultiCell(contentW-indent, lh, d.breakLong(it, contentW-indent), "", "L", false)
		f.Ln(0.8)
	}
	d.reset()
}

// callout is a tinted box with a teal bar on the left, kept on one page.
func (d *pdfDoc) callout(title string, body []string) {
	f := d.f
	const pad = 3.5
	w := contentW - 2*pad - 1.5
	d.font("", 9.5)
	h := 2 * pad
	if title != "" {
		h += 5.5
	}
	var ls [][]string
	for _, b := range body {
		l := d.lines(b, w)
		ls = append(ls, l)
		h += 4.6*float64(len(l)) + 1
	}
	d.need(h + 2)
	x, y := marginL, f.GetY()
	d.fillColor(colTealTint)
	f.Rect(x, y, contentW, h, "F")
	d.fillColor(colTeal)
	f.Rect(x, y, 1.5, h, "F")
	cy := y + pad
	if title != "" {
		d.font("B", 10)
		d.textColor(colNavy)
		f.SetXY(x+1.5+pad, cy)
		f.CellFormat(w, 5, title, "", 0, "L", false, 0, "")
		cy += 5.5
	}
	d.font("", 9.5)
	d.textColor(colText)
	for _, l := range ls {
		for _, line := range l {
			f.SetXY(x+1.5+pad, cy)
			f.CellFormat(w, 4.6, line, "", 0, "L", false, 0, "")
			cy += 4.6
		}
		cy++
	}
	f.SetXY(marginL, y+h+3)
	d.reset()
}

// ragColour gives the status colour of a level against its target:
// green at target, amber within one level, red below.
func ragColour(level, target float64) (strong, tint rgb) {
	switch {
	case level >= target:
		return colGreen, colGrnTint
	case level >= target-1:
		return colAmber, colAmbTint
	}
	return colRed, colRedTint
}

// gapColour colours a question's gap.
func gapColour(gap int) rgb {
	switch {
	case gap <= 0:
		return colGreen
	case gap == 1:
		return colAmber
	}
	return colRed
}
