package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
)

// What the wizard keeps across sittings: the display settings, plain
// language and the presenter view, in assessment.sitting; the workshop's
// speaker and section timers in assessment.workshop (workshop_state.go).
// The timers tick every second, so they are written with the next
// change, on a change of step and on the way out, never a save a second.

// cleanLine cleans a line read from the file like any text from outside.
func cleanLine(s string) string { return safetext.Line(s) }

// restoreSitting reads the last sitting's display settings.
func restoreSitting(c *Common, a *q.Assessment) {
	c.Plain = c.Mode == ModeSelf
	c.Presenter = false
	st := a.Sitting
	if st == nil {
		return
	}
	switch st.Language {
	case q.LanguagePlain:
		c.Plain = true
	case q.LanguageExpert:
		c.Plain = false
	}
	c.Presenter = st.Presenter
}

// sittingOf is the sitting the settings describe now; nil when it says
// nothing.
func sittingOf(c *Common, base *q.Sitting) *q.Sitting {
	st := &q.Sitting{Presenter: c.Presenter}
	if base != nil {
		st.Language = base.Language
	}
	if st.Language == "" && !st.Presenter {
		return nil
	}
	return st
}

func sameSitting(a, b *q.Sitting) bool {
	empty := func(x *q.Sitting) bool {
		return x == nil || x.Speaker == "" && x.Language == "" && !x.Presenter && len(x.Seconds) == 0
	}
	if a == nil || b == nil {
		return empty(a) && empty(b)
	}
	return a.Speaker == b.Speaker && a.Language == b.Language && a.Presenter == b.Presenter && len(a.Seconds) == 0 && len(b.Seconds) == 0
}

// keepSitting records the display settings and the workshop's room state
// in the assessment when they moved since the last time, and returns the
// save (nil when nothing moved).
func keepSitting(c *Common, s *Session) tea.Cmd {
	if s == nil {
		return nil
	}
	st := sittingOf(c, s.a.Sitting)
	if sameSitting(s.a.Sitting, st) && sameWorkshop(s.a.Workshop, workshopState(s)) {
		return nil
	}
	return s.edit(c.Now(), func(a *q.Assessment) {
		a.Sitting = st
		a.Workshop = workshopState(s)
	})
}

// setLanguage switches plain language on or off, kept in the assessment.
func setLanguage(c *Common, s *Session, plain bool) tea.Cmd {
	c.Plain = plain
	if s == nil {
		return nil
	}
	lang := q.LanguageExpert
	if plain {
		lang = q.LanguagePlain
	}
	st := sittingOf(c, s.a.Sitting)
	if st == nil {
		st = &q.Sitting{}
	}
	st.Language = lang
	return s.edit(c.Now(), func(a *q.Assessment) { a.Sitting = st })
}
