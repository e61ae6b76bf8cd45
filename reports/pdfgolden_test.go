package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfPage is what a golden records of one page: every string shown, in
// the order drawn, and how much was drawn besides (so a chart that moves
// or a box that disappears shows in the diff too).
type pdfPage struct {
	Lines                      []string
	Rects, Lines2, Curves, Img int
	Links                      int
	// Outline lists the bookmarks that point at the page, nested ones
	// after a " › ".
	Outline []string
}

// pdfPages validates a PDF with pdfcpu (relaxed mode) and reads each
// page's content stream: gofpdf writes UTF-8 fonts as Identity-H with CIDs
// equal to the UTF-16 code units, so every shown string decodes as
// UTF-16BE.
func pdfPages(tb testing.TB, data []byte) []pdfPage {
	tb.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), conf)
	if err != nil {
		tb.Fatalf("pdfcpu validation: %v", err)
	}
	var pages []pdfPage
	for i := 1; i <= ctx.PageCount; i++ {
		rd, err := pdfcpu.ExtractPageContent(ctx, i)
		if err != nil {
			tb.Fatalf("page %d content: %v", i, err)
		}
		content, err := io.ReadAll(rd)
		if err != nil {
			tb.Fatal(err)
		}
		p := scanContent(content)
		if d, _, _, err := ctx.PageDict(i, false); err == nil {
			if a, ok := d.Find("Annots"); ok {
				if arr, err := ctx.DereferenceArray(a); err == nil {
					p.Links = len(arr)
				}
			}
		}
		pages = append(pages, p)
	}
	bms, err := pdfcpu.Bookmarks(ctx)
	if err != nil {
		tb.Fatalf("bookmarks: %v", err)
	}
	var walk func(bs []pdfcpu.Bookmark, prefix string)
	walk = func(bs []pdfcpu.Bookmark, prefix string) {
		for _, b := range bs {
			if b.PageFrom >= 1 && b.PageFrom <= len(pages) {
				pages[b.PageFrom-1].Outline = append(pages[b.PageFrom-1].Outline, prefix+b.Title)
			}
			walk(b.Kids, prefix+"› ")
		}
	}
	walk(bms, "")
	return pages
}

// pdfText is each page's text, its shown strings joined by single spaces.
func pdfText(tb testing.TB, data []byte) []string {
	tb.Helper()
	var out []string
	for _, p := range pdfPages(tb, data) {
		// the PDF draws a hyphen inside a word with the soft-hyphen glyph
		// (see wordHyphens): read it back as the hyphen it shows
		text := strings.ReplaceAll(strings.Join(p.Lines, " "), "\u00ad", "-")
		out = append(out, strings.Join(strings.Fields(text), " "))
	}
	return out
}

// scanContent tokenizes a content stream: operands (strings, numbers,
// names, arrays) and the operators that use them. Shown strings (Tj, and
// the strings of a TJ array) become lines; re, l, c and Do are counted.
func scanContent(c []byte) pdfPage {
	var p pdfPage
	var strs []string // string operands since the last operator
	i := 0
	for i < len(c) {
		ch := c[i]
		switch {
		case ch == '%':
			for i < len(c) && c[i] != '\n' && c[i] != '\r' {
				i++
			}
		case ch == '(':
			s, n := literalString(c[i:])
			strs = append(strs, s)
			i += n
		case ch == '<' && i+1 < len(c) && c[i+1] == '<', ch == '>' && i+1 < len(c) && c[i+1] == '>':
			i += 2
		case ch == '<':
			j := bytes.IndexByte(c[i:], '>')
			if j < 0 {
				return p
			}
			strs = append(strs, decodeUTF16(hexBytes(c[i+1:i+j])))
			i += j + 1
		case ch == '[', ch == ']', ch == '{', ch == '}', isSpace(ch):
			i++
		case ch == '/':
			i++
			for i < len(c) && !isSpace(c[i]) && !isDelim(c[i]) {
				i++
			}
		default:
			j := i
			for j < len(c) && !isSpace(c[j]) && !isDelim(c[j]) {
				j++
			}
			if j == i {
				i++
				continue
			}
			tok := string(c[i:j])
			i = j
			if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '+' || tok[0] == '.' {
				continue // a number
			}
			switch tok {
			case "Tj", "TJ", "'", "\"":
				if s := strings.TrimSpace(strings.Join(strs, "")); s != "" {
					p.Lines = append(p.Lines, s)
				}
			case "re":
				p.Rects++
			case "l":
				p.Lines2++
			case "c", "v", "y":
				p.Curves++
			case "Do":
				p.Img++
			}
			strs = strs[:0]
		}
	}
	return p
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
}

func isDelim(b byte) bool {
	return strings.IndexByte("()<>[]{}/%", b) >= 0
}

// literalString decodes a (...) string at the start of c and returns it
// and how many bytes it took.
func literalString(c []byte) (string, int) {
	var raw []byte
	depth := 1
	j := 1
	for ; j < len(c) && depth > 0; j++ {
		ch := c[j]
		switch ch {
		case '\\':
			j++
			if j >= len(c) {
				break
			}
			switch e := c[j]; e {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v, k := 0, 0
				for ; k < 3 && j < len(c) && c[j] >= '0' && c[j] <= '7'; k++ {
					v = v*8 + int(c[j]-'0')
					j++
				}
				j--
				raw = append(raw, byte(v))
			default:
				raw = append(raw, e)
			}
			continue
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				continue
			}
		}
		raw = append(raw, ch)
	}
	return decodeUTF16(raw), j
}

func hexBytes(h []byte) []byte {
	var digits []byte
	for _, b := range h {
		if !isSpace(b) {
			digits = append(digits, b)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for k := range out {
		fmt.Sscanf(string(digits[2*k:2*k+2]), "%02x", &out[k])
	}
	return out
}

// decodeUTF16 reads a shown string as UTF-16BE; an odd length is not one
// of gofpdf's UTF-8 fonts and is kept as it is.
func decodeUTF16(raw []byte) string {
	if len(raw)%2 != 0 {
		return string(raw)
	}
	u := make([]uint16, len(raw)/2)
	for k := range u {
		u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
	}
	return string(utf16.Decode(u))
}

// pdfGolden is a PDF as reviewable text: a summary per page (the outline
// entries that point at it, what it draws besides text, its links), then
// the page's text, a shown string per line. A changed PDF shows what
// changed, page by page.
func pdfGolden(tb testing.TB, data []byte) string {
	tb.Helper()
	pages := pdfPages(tb, data)
	var b strings.Builder
	fmt.Fprintf(&b, "%d pages\n", len(pages))
	for i, p := range pages {
		fmt.Fprintf(&b, "\n=== page %d of %d · drawn: %d rectangles, %d lines, %d curves, %d images · %d links\n",
			i+1, len(pages), p.Rects, p.Lines2, p.Curves, p.Img, p.Links)
		for _, o := range p.Outline {
			fmt.Fprintf(&b, "=== outline: %s\n", o)
		}
		for _, l := range p.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
