package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestReportShowsEveryWrittenFileAt80x24: with the verdict filling the
// screen, the last lines (what was written, and where) were clipped: at
// 80x24 only the first of four files showed.
func TestReportShowsEveryWrittenFileAt80x24(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, goldenAnswers)
	opts := testOptions(b, path, t)
	opts.Formats = []string{"pdf", "md", "json", "csv"}
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "shift+tab")
	press(m, "down", "down", "space", "down", "space")
	_, cmd := m.Update(keyMsg("enter"))
	for cmd != nil {
		msg := cmd()
		next := tea.Cmd(nil)
		if bm, ok := msg.(tea.BatchMsg); ok {
			for _, c := range bm {
				if c == nil {
					continue
				}
				if r, ok := c().(reportWrittenMsg); ok {
					_, next = m.Update(r)
				}
			}
		} else if r, ok := msg.(reportWrittenMsg); ok {
			_, next = m.Update(r)
		}
		cmd = next
	}
	v := view(m)
	if n := strings.Count(v, "✓ wrote"); n != 4 {
		t.Fatalf("%d written files shown, want 4:\n%s", n, v)
	}
	mustContain(t, v, "4/4 done")
	mustContain(t, strings.ReplaceAll(v, "\n", ""), "in "+filepath.Dir(path))
	for _, f := range opts.Formats {
		mustContain(t, strings.ReplaceAll(v, "\n", ""), "-action-plan."+f)
	}
	if n := strings.Count(v, "\n") + 1; n != 24 {
		t.Fatalf("%d lines:\n%s", n, v)
	}
}

// With no "don't know" answer the report screen said "The 0 questions
// answered "don't know" as a form for your IT provider".
func TestReportHandoffWithNothingToAsk(t *testing.T) {
	m := defaultModel(t, ModeSelf, 120, 40)
	r := goToScreen[*reportScreen](t, m)
	for i, f := range r.formats {
		if f == handoffMD {
			r.cursor = i
		}
	}
	v := view(m)
	mustNotContain(t, v, "The 0 questions")
	mustContain(t, v, "No question is answered \"don't know\"")
}
