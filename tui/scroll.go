package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// Long views scroll (issue 17): a screen whose view on screen is free text
// or a list (a question with its help, a plan, a roadmap, a calendar, the
// report) says so, draws all of it on a tall page, and the wizard shows a
// window of it in a bubbles viewport with a position line. The window
// follows the highlighted line ("› "), and ctrl+d / ctrl+u page through.

// longView is a screen that can draw all of its content.
type longView interface {
	// long reports whether what is on screen now is drawn whole on a tall
	// page, for the wizard to scroll.
	long() bool
}

// tallPage is the height a long view draws on: more than any view needs.
const tallPage = 400

// scrollKeys page a long view.
var (
	scrollDown = key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "page down"))
	scrollUp   = key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "page up"))
)

// scroller is the wizard's window on a long view.
type scroller struct {
	vp viewport.Model
	// follow: the window moves to the highlighted line on the next frame
	// (after any key but a scroll key)
	follow bool
	// overflow: the last frame did not fit, so the scroll keys apply
	overflow bool
	// of is the screen the offset belongs to
	of int
}

func newScroller() scroller {
	vp := viewport.New(80, 20)
	vp.KeyMap = viewport.KeyMap{} // the wizard routes keys itself
	return scroller{vp: vp, follow: true}
}

// key handles a scroll key; it reports whether it was one.
func (s *scroller) key(msg tea.KeyMsg) bool {
	if !s.overflow {
		return false
	}
	switch {
	case key.Matches(msg, scrollDown):
		s.vp.HalfPageDown()
	case key.Matches(msg, scrollUp):
		s.vp.HalfPageUp()
	default:
		return false
	}
	s.follow = false
	return true
}

// frame draws a long view's content in w×h: whole when it fits, else a
// window of h-1 lines and a position line.
func (s *scroller) frame(screen int, content string, w, h int, bottom bool, render func(...string) string) string {
	lines := strings.Split(content, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if screen != s.of {
		s.of, s.follow = screen, true
		s.vp.GotoTop()
	}
	s.overflow = len(lines) > h
	if !s.overflow {
		s.vp.GotoTop()
		return block(lines, h)
	}
	s.vp.Width, s.vp.Height = w, h-1
	s.vp.SetContent(strings.Join(lines, "\n"))
	if s.follow {
		s.follow = false
		focus := -1
		for i, l := range lines {
			if strings.Contains(l, "› ") {
				focus = i
				break
			}
		}
		if bottom {
			focus = len(lines) + 1
		}
		// from the top, as far down as keeps the highlighted line in
		// sight with two lines after it: a cursor moving down a list
		// moves the window a line at a time
		s.vp.SetYOffset(max(0, focus-s.vp.Height+3))
	}
	top := s.vp.YOffset
	plain := func(s ...string) string { return strings.Join(s, " ") }
	pos := scrollLine(top, s.vp.Height, len(lines), w, plain)
	return s.vp.View() + "\n" + render(trunc(pos+" · ctrl+d/ctrl+u scroll", w))
}

// The screens' long views.

// isLong: the presenter's layout fits itself to the screen, so it is not
// scrolled.
func (p *qpanel) isLong() bool { return p.editing == editNone && !p.presenting() }

func (a *assessScreen) long() bool { return a.panel.isLong() }

func (p *prioritizeScreen) long() bool {
	switch p.tabs.i {
	case tabRoadmap:
		return true
	case tabDelivery:
		return p.panel.isLong()
	}
	// the actions table scrolls itself; the whole action is drawn long
	return p.detail
}

func (f *fortifyScreen) long() bool { return f.tabs.i != 0 || f.panel.isLong() }

func (x *socializeScreen) long() bool {
	switch x.tabs.i {
	case tabQuestions:
		return x.panel.isLong()
	case tabCalendar, tabReporting:
		return false // the list keeps the cursor in sight and says where it is
	}
	return true
}

func (k *killChainScreen) long() bool { return true }

func (r *reportScreen) long() bool { return true }

// bottomFocus: once reports are being written, what was written and where
// is what matters: the window goes to the end.
func (r *reportScreen) bottomFocus() bool { return r.total > 0 }
