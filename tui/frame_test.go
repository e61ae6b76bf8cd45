package tui

import (
	"fmt"
	"strings"
	"testing"
)

// frameViews walks every step and every view inside a step, calling fn
// with a name and the frame.
func frameViews(t *testing.T, m *Model, fn func(name, frame string)) {
	t.Helper()
	for i := range m.screens {
		m.cur = i
		sc := m.screens[i]
		fn(sc.Title(), view(m))
		var tb *tabs
		switch x := sc.(type) {
		case *prioritizeScreen:
			tb = &x.tabs
		case *fortifyScreen:
			tb = &x.tabs
		case *socializeScreen:
			tb = &x.tabs
		case *liveScreen:
			continue
		}
		if tb == nil {
			continue
		}
		for range len(tb.names) - 1 {
			press(m, "v")
			fn(fmt.Sprintf("%s/%s", sc.Title(), tb.names[tb.i]), view(m))
		}
		press(m, "v")
	}
}

// TestEveryFrameKeepsTheFooter: each step and each of its views fills the
// terminal exactly, and its last line is the help footer. A question tab
// once padded its panel as one line and pushed the footer off the screen.
func TestEveryFrameKeepsTheFooter(t *testing.T) {
	for _, mode := range []Mode{ModeSelf, ModeWorkshop, ModeTraining} {
		for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}} {
			m, _ := resumed(t, mode, goldenAnswers, sz[0], sz[1])
			frameViews(t, m, func(name, frame string) {
				lines := strings.Split(frame, "\n")
				if len(lines) != sz[1] {
					t.Errorf("%s %s %dx%d: %d lines, want %d:\n%s", mode, name, sz[0], sz[1], len(lines), sz[1], frame)
					return
				}
				if last := lines[len(lines)-1]; !strings.Contains(last, " • ") {
					t.Errorf("%s %s %dx%d: last line %q is not the help footer:\n%s", mode, name, sz[0], sz[1], last, frame)
				}
			})
		}
	}
}

// TestFooterAlwaysNamesQuitAndKeys: at 80 columns the screen's own keys
// give way, never tab, q quit and H keys (the way to every other key).
func TestFooterAlwaysNamesQuitAndKeys(t *testing.T) {
	for _, mode := range []Mode{ModeSelf, ModeWorkshop, ModeTraining} {
		for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}} {
			m, _ := resumed(t, mode, goldenAnswers, sz[0], sz[1])
			frameViews(t, m, func(name, frame string) {
				lines := strings.Split(frame, "\n")
				last := lines[len(lines)-1]
				for _, want := range []string{"tab step", "q quit", "H keys"} {
					if !strings.Contains(last, want) {
						t.Errorf("%s %s %dx%d: footer %q lacks %q", mode, name, sz[0], sz[1], last, want)
					}
				}
				if strings.Contains(last, "…") {
					t.Errorf("%s %s %dx%d: footer %q is cut", mode, name, sz[0], sz[1], last)
				}
			})
		}
	}
}
