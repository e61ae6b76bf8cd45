package tui

import (
	"maps"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A workshop's timers and speaker are kept across sittings (issue 17:
// they reset on resume). One place in memory owns them while the wizard
// runs, the Session (Speaker, timers keyed "step/section": the domains of
// steps 3 to 5 share ids); one place in the file keeps them,
// assessment.workshop. Every edit carries them into the assessment
// (Session.carry), and a change of step or quitting saves them if they
// moved since (keepSitting), never a save a second.

// timerKey is the key of a section's timer: the step's title and the
// section id, as assessment.workshop stores it.
func timerKey(step, section string) string { return step + "/" + section }

// maxTimer bounds a timer read from a file: a year at most, so a
// hand-edited file cannot overflow the clock.
const maxTimer = 366 * 24 * 3600

// workshopState is the room state the session holds now: the speaker and
// the seconds spent per section; nil when there is none.
func workshopState(s *Session) *q.WorkshopState {
	ws := &q.WorkshopState{Speaker: s.Speaker}
	for k, d := range s.timers {
		if sec := int64(d / time.Second); sec > 0 {
			if ws.Seconds == nil {
				ws.Seconds = map[string]int64{}
			}
			ws.Seconds[k] = sec
		}
	}
	if ws.Speaker == "" && len(ws.Seconds) == 0 {
		return nil
	}
	return ws
}

func sameWorkshop(a, b *q.WorkshopState) bool {
	if a == nil || b == nil {
		return (a == nil || a.Speaker == "" && len(a.Seconds) == 0) && (b == nil || b.Speaker == "" && len(b.Seconds) == 0)
	}
	return a.Speaker == b.Speaker && maps.Equal(a.Seconds, b.Seconds)
}

// restoreWorkshop puts a resumed workshop's timers and speaker back into
// the session, and has every edit carry them from then on. A file written
// while they lived in assessment.sitting (speaker, seconds by bare
// section id) is read too: its times go to the first step with that
// section, and the next save moves them to assessment.workshop.
func (m *Model) restoreWorkshop() {
	s := m.s
	for _, sc := range m.screens {
		if qs, ok := sc.(questionScreen); ok {
			qs.questions().step = sc.Title()
		}
	}
	s.carry = func(a *q.Assessment) { a.Workshop = workshopState(s) }
	if ws := s.a.Workshop; ws != nil {
		s.Speaker = cleanLine(ws.Speaker)
		for k, sec := range ws.Seconds {
			if sec > 0 && sec <= maxTimer {
				s.timers[k] = time.Duration(sec) * time.Second
			}
		}
	}
	st := s.a.Sitting
	if st == nil || st.Speaker == "" && len(st.Seconds) == 0 {
		return
	}
	if s.Speaker == "" {
		s.Speaker = cleanLine(st.Speaker)
	}
	for id, sec := range st.Seconds {
		if sec <= 0 || sec > maxTimer {
			continue
		}
		for _, sc := range m.screens {
			qs, ok := sc.(questionScreen)
			if !ok || !qs.questions().hasGroup(id) {
				continue
			}
			if k := timerKey(sc.Title(), id); s.timers[k] == 0 {
				s.timers[k] = time.Duration(sec) * time.Second
			}
			break
		}
	}
	// read once: saved in the new place with the next change or on quit
	s.a.Sitting.Speaker, s.a.Sitting.Seconds = "", nil
	s.a.Workshop = workshopState(s)
	s.seq++
}

// hasGroup reports whether the panel has a section of that id.
func (p *qpanel) hasGroup(id string) bool {
	if id == "provider" {
		return len(p.provider) > 0
	}
	for _, g := range p.groups {
		if g.ID == id {
			return true
		}
	}
	return false
}

// timer is the time spent on a section of this panel's step.
func (p qpanel) timer(section string) time.Duration {
	return p.s.timers[timerKey(p.step, section)]
}
