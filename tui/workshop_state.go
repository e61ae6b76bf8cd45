package tui

import (
	"maps"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A workshop's timers and speaker are kept across sittings (issue 17:
// they reset on resume). They live in memory while the wizard runs; every
// edit carries them into the assessment (Session.carry), and quitting
// saves them if they changed since.

// workshopState is the room state now: the speaker and the seconds spent
// per section, keyed "step/section".
func (m *Model) workshopState() *q.WorkshopState {
	ws := &q.WorkshopState{Speaker: m.s.Speaker, Seconds: map[string]int64{}}
	for _, sc := range m.screens {
		qs, ok := sc.(questionScreen)
		if !ok {
			continue
		}
		for id, d := range qs.questions().timers {
			if sec := int64(d / time.Second); sec > 0 {
				ws.Seconds[sc.Title()+"/"+id] = sec
			}
		}
	}
	if ws.Speaker == "" && len(ws.Seconds) == 0 {
		return nil
	}
	return ws
}

// restoreWorkshop puts a resumed workshop's timers and speaker back.
func (m *Model) restoreWorkshop() {
	if m.c.Mode != ModeWorkshop {
		return
	}
	m.s.carry = func(a *q.Assessment) { a.Workshop = m.workshopState() }
	ws := m.s.a.Workshop
	if ws == nil {
		return
	}
	m.s.Speaker = ws.Speaker
	for _, sc := range m.screens {
		qs, ok := sc.(questionScreen)
		if !ok {
			continue
		}
		p := qs.questions()
		for _, g := range p.groups {
			if sec := ws.Seconds[sc.Title()+"/"+g.ID]; sec > 0 {
				p.timers[g.ID] = time.Duration(sec) * time.Second
			}
		}
	}
}

// saveWorkshop saves the room state if it changed since the last save.
func (m *Model) saveWorkshop() tea.Cmd {
	if m.s == nil || m.c.Mode != ModeWorkshop {
		return nil
	}
	now, old := m.workshopState(), m.s.a.Workshop
	same := (now == nil) == (old == nil) && (now == nil || now.Speaker == old.Speaker && maps.Equal(now.Seconds, old.Seconds))
	if same {
		return nil
	}
	return m.s.edit(m.c.Now(), func(*q.Assessment) {}) // carry writes it
}
