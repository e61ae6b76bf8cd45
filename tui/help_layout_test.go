package tui

import (
	"fmt"
	"strings"
	"testing"
)

// The full help (H) at 80 columns cut its right-hand columns with "…": in
// a workshop the question's keys fill four columns, so L (plain language),
// F (presenter view) and half of "all questions" never showed. Columns that
// do not fit go below, and the frame still fits the terminal, on every step.
func TestFullHelpFitsTheWidth(t *testing.T) {
	for _, mode := range []Mode{ModeWorkshop, ModeSelf, ModeTraining} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", mode, sz[0], sz[1]), func(t *testing.T) {
				m, _ := resumed(t, mode, goldenAnswers, sz[0], sz[1])
				press(m, "H")
				for range m.screens {
					v := view(m)
					title := m.screens[m.cur].Title()
					lines := strings.Split(v, "\n")
					if len(lines) > sz[1] {
						t.Fatalf("%s: %d lines, more than %d", title, len(lines), sz[1])
					}
					// the help: the lines after the last blank one
					start := 0
					for i, l := range lines {
						if strings.TrimSpace(l) == "" {
							start = i + 1
						}
					}
					help := strings.Join(lines[start:], "\n")
					if strings.Contains(help, "…") {
						t.Errorf("%s: the help is cut:\n%s", title, v)
					}
					// a key and its words, however the columns pad them
					var words []string
					for _, l := range strings.Split(help, "\n") {
						words = append(words, strings.Join(strings.Fields(l), " "))
					}
					mustContain(t, strings.Join(words, "\n"), "L plain language", "F presenter view", "all questions", "next open", "H keys")
					press(m, "tab")
				}
			})
		}
	}
}
