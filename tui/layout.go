package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// wrap word-wraps plain text to width w and returns its lines.
func wrap(s string, w int) []string {
	if w < 10 {
		w = 10
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, " -"), "\n")
}

// trunc cuts a line to w cells with an ellipsis.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit keeps the first h lines, each cut to width w. An element holding
// several lines (a rendered table) counts as those lines.
func fit(lines []string, w, h int) []string {
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			lines = strings.Split(strings.Join(lines, "\n"), "\n")
			break
		}
	}
	if h >= 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = trunc(l, w)
	}
	return lines
}

// padRight pads a line with spaces to w cells.
func padRight(s string, w int) string {
	if n := w - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// block joins lines, padded to h lines so the footer stays put. An element
// holding several lines (a panel rendered as one string) counts as those
// lines, as in fit: counted as one, the padding would push the footer off
// the screen.
func block(lines []string, h int) string {
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			lines = strings.Split(strings.Join(lines, "\n"), "\n")
			break
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// columns puts two blocks of lines side by side with a separator.
func columns(left []string, lw int, sep string, right []string) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := 0; i < n; i++ {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = padRight(trunc(l, lw), lw) + sep + r
	}
	return out
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%02d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func bar(frac float64, w int) string {
	if w <= 0 {
		return ""
	}
	n := int(frac*float64(w) + 0.5)
	n = min(max(n, 0), w)
	return strings.Repeat("█", n) + strings.Repeat("░", w-n)
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
