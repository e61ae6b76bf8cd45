// Package safetext makes text typed by people, or read from files and
// tenants, safe to show: on a terminal (no escape sequences, no bidi
// overrides that reorder what is seen) and in Markdown or HTML reports (no
// markup of its own). It also redacts secrets and personal data for
// reports that leave the building (see Redactor).
//
// Every string that did not come from ssrm itself passes through one of
// these functions before it reaches a terminal or a report: an assessor's
// name, a note, an organization, a file name, a resource name from a
// snapshot. It imports nothing of ssrm's.
package safetext

import (
	"html"
	"strings"
	"unicode/utf8"
)

// dropped reports whether a rune is removed by Clean: C0 and C1 control
// characters (ESC starts terminal sequences, BEL ends some, NUL truncates
// in C), DEL, the Unicode bidirectional controls (U+202E makes "exe.txt"
// read "txt.exe"), invisible separators and the tag characters used to
// smuggle hidden text.
func dropped(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200b, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r >= 0xfff9 && r <= 0xfffb: // interlinear annotation
		return true
	case r >= 0xe0000 && r <= 0xe007f: // tags
		return true
	}
	return false
}

// Clean removes control, bidi and invisible format characters and keeps
// the text's lines: "\r\n", a lone "\r" and the Unicode line and paragraph
// separators become "\n" (a lone "\r" would move the cursor back and let
// later text overwrite what came before). Invalid UTF-8 becomes U+FFFD.
// Tabs and newlines stay.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case dropped(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII (with tabs and newlines):
// the common case, returned as it is without copying.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c < 0x20 && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// Line is Clean for text shown on one line (a name in a list, a message):
// newlines and tabs become single spaces, and the ends are trimmed.
func Line(s string) string {
	s = Clean(s)
	if !strings.ContainsAny(s, "\n\t") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\n", " ", "\t", " ").Replace(s)), " ")
}

// HTML is Clean followed by HTML escaping (<, >, &, quotes).
func HTML(s string) string { return html.EscapeString(Clean(s)) }

// markdownEscaper escapes what Markdown (CommonMark and GitHub's tables)
// would read as markup in inline text: emphasis, code, links and images,
// table cells, strikethrough, backslashes; and HTML (tags, entities) with
// entities, so <script> shows as text in every renderer.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`|`, `\|`, `~`, `\~`, `<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`,
)

// Markdown makes text safe inline in Markdown: a table cell, a list item,
// a heading. It is Line (one line: a newline would end a table row or a
// list item) with Markdown and HTML escaped; a leading character that
// would start a heading, quote, list or rule is escaped too.
func Markdown(s string) string {
	s = markdownEscaper.Replace(Line(s))
	if s == "" {
		return s
	}
	// "# ", "- ", "+ " and lines like "---" or "===" are markup at the
	// start of a line; "-1" or "+44 20" are not, and stay as written.
	switch c := s[0]; c {
	case '#', '-', '+', '=':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == c || c == '#' {
			return `\` + s
		}
	}
	// "1. " or "1) " would start an ordered list.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// Terminal is Clean for a whole frame a program draws, styled with SGR
// sequences (colours, bold: ESC [ … m), as lipgloss makes them: those
// are kept, every other escape sequence loses its ESC (so "ESC ] 0 ;
// title BEL" shows as harmless text), and control, bidi and invisible
// format characters are removed as Clean removes them. A user string
// that was never cleaned cannot retitle, clear or reorder the screen.
func Terminal(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if n := sgrLen(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != 0x1b {
			j++
		}
		b.WriteString(Clean(s[i:j]))
		i = j
	}
	return b.String()
}

// sgrLen is the length of the SGR sequence s starts with (ESC [ digits,
// ';' or ':' … m), or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s) && i < 64; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// MarkdownCell makes text safe in a Markdown table cell: Markdown's inline
// escaping, on one line, without the escape of a leading "-", "#" or "1."
// (a cell never starts a block, and "-1" or "1.2" should read as written).
func MarkdownCell(s string) string { return markdownEscaper.Replace(Line(s)) }
