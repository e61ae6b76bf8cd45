package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// grid is the Prioritize list: a table of plain-text cells that draws only
// the rows in sight, and only when it is viewed. bubbles' table renders up
// to twice its height of rows through two lipgloss styles per cell on
// every change (a row set, a cursor move): at 120×40 that was most of a
// keystroke (issue 17). Cells are padded one space each side, as the
// table's; the row under the cursor gets the Selected style and a marker,
// so it shows without colour too.
type grid struct {
	cols   []table.Column
	rows   [][]string
	cursor int
	top    int // first row in sight
	height int // rows in sight (the header's two lines apart)
	width  int
	marker string
	styles table.Styles
	header string // drawn once per layout
}

func newGrid(styles table.Styles, marker string) grid {
	return grid{styles: styles, marker: marker}
}

// SetColumns sets the columns and draws the header again.
func (g *grid) SetColumns(cols []table.Column) {
	g.cols = cols
	cells := make([]string, 0, len(cols))
	for _, c := range cols {
		if c.Width <= 0 {
			continue
		}
		cells = append(cells, g.styles.Header.Render(cell(c.Title, c.Width)))
	}
	g.header = lipgloss.JoinHorizontal(lipgloss.Top, cells...)
}

// SetWidth sets the width every row is padded or cut to.
func (g *grid) SetWidth(w int) { g.width = w }

// SetHeight sets the whole height, header included.
func (g *grid) SetHeight(h int) {
	g.height = max(h-lipgloss.Height(g.header), 0)
	g.scroll()
}

// SetRows replaces the rows; the cursor stays on its row number.
func (g *grid) SetRows(rows [][]string) {
	g.rows = rows
	g.SetCursor(g.cursor)
}

// Rows are the rows as given (the grid never changes them).
func (g *grid) Rows() [][]string { return g.rows }

// Cursor is the row under the cursor (0 when there are none).
func (g *grid) Cursor() int { return g.cursor }

// SetCursor puts the cursor on row n (kept within the rows) in sight.
func (g *grid) SetCursor(n int) {
	g.cursor = max(min(n, len(g.rows)-1), 0)
	g.scroll()
}

// MoveUp and MoveDown move the cursor n rows, the view following it.
func (g *grid) MoveUp(n int)   { g.SetCursor(g.cursor - n) }
func (g *grid) MoveDown(n int) { g.SetCursor(g.cursor + n) }

// scroll brings the cursor into sight with the least movement, and never
// leaves blank rows at the bottom while rows above are out of sight.
func (g *grid) scroll() {
	if g.cursor < g.top {
		g.top = g.cursor
	}
	if g.height > 0 && g.cursor >= g.top+g.height {
		g.top = g.cursor - g.height + 1
	}
	g.top = max(min(g.top, len(g.rows)-g.height), 0)
}

// View is the header and the rows in sight, each line padded to the width,
// blank lines below the last row up to the height.
func (g *grid) View() string {
	var b strings.Builder
	b.WriteString(g.header)
	for i := g.top; i < g.top+g.height; i++ {
		b.WriteByte('\n')
		line := ""
		if i < len(g.rows) {
			line = g.row(i)
		}
		if w := ansi.StringWidth(line); w > g.width {
			line = ansi.Truncate(line, g.width, "")
		} else {
			line += strings.Repeat(" ", g.width-w)
		}
		b.WriteString(line)
	}
	return b.String()
}

func (g *grid) row(i int) string {
	var b strings.Builder
	for c, value := range g.rows[i] {
		if c >= len(g.cols) || g.cols[c].Width <= 0 {
			continue
		}
		if c == 0 && i == g.cursor {
			value = g.marker + value
		}
		b.WriteByte(' ')
		b.WriteString(cell(value, g.cols[c].Width))
		b.WriteByte(' ')
	}
	if i == g.cursor {
		return g.styles.Selected.Render(b.String())
	}
	return b.String()
}

// cell is value on one line, cut with "…" or padded to exactly w columns.
func cell(value string, w int) string {
	value = strings.ReplaceAll(value, "\n", " ")
	value = ansi.Truncate(value, w, "…")
	if n := ansi.StringWidth(value); n < w {
		value += strings.Repeat(" ", w-n)
	}
	return value
}
