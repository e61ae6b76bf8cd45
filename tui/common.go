package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/app"
)

// Mode is how the wizard talks: to one person alone, to a workshop room, or
// to a training audience.
type Mode string

// The wizard's modes; their values are what Assessment.Mode stores.
const (
	ModeSelf     Mode = "self"
	ModeWorkshop Mode = "workshop"
	ModeTraining Mode = "training"
)

// ModeName is the display name of a mode.
func ModeName(m Mode) string {
	switch m {
	case ModeWorkshop:
		return "workshop"
	case ModeTraining:
		return "training"
	}
	return "self-assessment"
}

func parseMode(s string) Mode {
	switch Mode(s) {
	case ModeWorkshop, ModeTraining:
		return Mode(s)
	}
	return ModeSelf
}

// Common is what every screen shares: the terminal size, styles, keys,
// the clock and the use cases it shares with the command line (open,
// create, merge, save). Screens hold a pointer, so a resize reaches all of
// them.
type Common struct {
	Width, Height int
	Styles        *Styles
	Keys          *KeyMap
	Mode          Mode
	Now           func() time.Time
	App           *app.App
	// NoColor draws the forms without colour ($NO_COLOR).
	NoColor bool
	// Plain shows the bank's plain-language stems and explains the terms
	// a question uses; Presenter draws questions for a projector. Both are
	// kept in the assessment (see restoreSitting).
	Plain, Presenter bool
	// OpenLeft counts the questions still open in every step (nil before
	// an assessment is open).
	OpenLeft func() int
	// LeftByStep is what each step still has open, for the finish
	// checklist (nil before an assessment is open).
	LeftByStep func() []stepLeft
}

// Wide reports whether there is room for a sidebar.
func (c *Common) Wide() bool { return c.Width >= 100 }

// Screen is one step of the wizard. Screens are pointers: Update changes
// the screen in place and returns what to do next.
type Screen interface {
	help.KeyMap
	// Title is the name in the step bar.
	Title() string
	// Enter is called each time the screen is shown.
	Enter() tea.Cmd
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Capturing reports whether a text field has the keyboard, so global
	// keys (q, tab) must go to it.
	Capturing() bool
}
