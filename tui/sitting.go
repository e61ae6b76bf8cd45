package tui

import (
	"maps"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
)

// What the wizard keeps across sittings (q.Sitting): the workshop's
// speaker and section timers, plain language and the presenter view. The
// timers tick every second, so they are written with the next change, on
// a change of step and on the way out, never a save a second.

// restoreSitting reads the last sitting into the session and the shared
// display settings: a speaker from the file is cleaned like any text from
// outside, a negative or absurd time is dropped.
func restoreSitting(c *Common, s *Session, a *q.Assessment) {
	s.timers = map[string]time.Duration{}
	c.Plain = c.Mode == ModeSelf
	c.Presenter = false
	st := a.Sitting
	if st == nil {
		return
	}
	s.Speaker = safetext.Line(st.Speaker)
	for id, sec := range st.Seconds {
		// a year at most: a hand-edited file cannot overflow the clock
		if sec > 0 && sec <= 366*24*3600 {
			s.timers[id] = time.Duration(sec) * time.Second
		}
	}
	switch st.Language {
	case q.LanguagePlain:
		c.Plain = true
	case q.LanguageExpert:
		c.Plain = false
	}
	c.Presenter = st.Presenter
}

// sittingOf is the sitting the session and settings describe now.
func sittingOf(c *Common, s *Session, base *q.Sitting) *q.Sitting {
	st := &q.Sitting{Speaker: s.Speaker, Presenter: c.Presenter}
	if base != nil {
		st.Language = base.Language
	}
	if len(s.timers) > 0 {
		st.Seconds = make(map[string]int, len(s.timers))
		for id, d := range s.timers {
			if sec := int(d / time.Second); sec > 0 {
				st.Seconds[id] = sec
			}
		}
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
	return a.Speaker == b.Speaker && a.Language == b.Language && a.Presenter == b.Presenter && maps.Equal(a.Seconds, b.Seconds)
}

// keepSitting records the sitting in the assessment when it moved since
// the last time, and returns the save (nil when nothing moved).
func keepSitting(c *Common, s *Session) tea.Cmd {
	if s == nil {
		return nil
	}
	st := sittingOf(c, s, s.a.Sitting)
	if sameSitting(s.a.Sitting, st) {
		return nil
	}
	return s.edit(c.Now(), func(a *q.Assessment) { a.Sitting = st })
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
	st := sittingOf(c, s, s.a.Sitting)
	st.Language = lang
	return s.edit(c.Now(), func(a *q.Assessment) { a.Sitting = st })
}
