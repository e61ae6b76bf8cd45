package tui

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Session is the assessment being worked on and where it is saved. Every
// screen shares one.
type Session struct {
	Bank     *q.Bank
	A        *q.Assessment
	Path     string
	Tailored q.Tailored
	// Speaker is who is talking in a workshop: it signs notes and answers.
	Speaker string

	result *scoring.Result
	stale  bool

	saver   *saver
	seq     int
	saved   int // seq of the last successful save
	saveErr error
	savedAt time.Time
}

func newSession(b *q.Bank, a *q.Assessment, path string) *Session {
	if a.Answers == nil {
		a.Answers = map[string]q.Answer{}
	}
	return &Session{Bank: b, A: a, Path: path, Tailored: q.Tailor(b, a.Profile), stale: true, saver: &saver{}}
}

// Result scores the assessment, once per change.
func (s *Session) Result() *scoring.Result {
	if s.stale || s.result == nil {
		s.result = scoring.Compute(s.Bank, s.A, scoring.Options{})
		s.stale = false
	}
	return s.result
}

// resultMsg carries a scoring run done in the background.
type resultMsg struct {
	seq int
	r   *scoring.Result
}

// computeCmd scores a snapshot of the assessment off the UI's path: on a
// large bank a full scoring run takes longer than a keystroke should.
func (s *Session) computeCmd() tea.Cmd {
	b, a, seq := s.Bank, snapshot(s.A), s.seq
	return func() tea.Msg {
		return resultMsg{seq: seq, r: scoring.Compute(b, a, scoring.Options{})}
	}
}

// handleResult keeps a background result if nothing changed since it
// started, and reports whether it did.
func (s *Session) handleResult(m resultMsg) bool {
	if m.seq != s.seq {
		return false
	}
	s.result, s.stale = m.r, false
	return true
}

// Dirty reports whether a change has not reached the disk yet.
func (s *Session) Dirty() bool { return s.saved < s.seq }

// changed marks the assessment changed and returns the command that saves
// a snapshot of it: the autosave after every answer.
func (s *Session) changed(now time.Time) tea.Cmd {
	s.A.Updated = now
	s.stale = true
	s.seq++
	return saveCmd(s.saver, s.Path, snapshot(s.A), s.seq)
}

// SaveNow writes the assessment synchronously: the last save on the way out.
func (s *Session) SaveNow() error {
	if s.Path == "" {
		return nil
	}
	if err := s.saver.save(s.Path, snapshot(s.A), s.seq+1); err != nil {
		return err
	}
	s.seq++
	s.saved = s.seq
	return nil
}

// savedMsg reports how an autosave went.
type savedMsg struct {
	seq int
	err error
	at  time.Time
}

func saveCmd(sv *saver, path string, a *q.Assessment, seq int) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		err := sv.save(path, a, seq)
		return savedMsg{seq: seq, err: err, at: time.Now()}
	}
}

func (s *Session) handleSaved(m savedMsg) {
	if m.err != nil {
		s.saveErr = m.err
		return
	}
	if m.seq > s.saved {
		s.saved = m.seq
	}
	s.saveErr = nil
	s.savedAt = m.at
}

// saver serialises saves and drops a snapshot older than one already
// written, so autosaves finishing out of order never go back in time.
type saver struct {
	mu      sync.Mutex
	written int
}

func (sv *saver) save(path string, a *q.Assessment, seq int) error {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if seq <= sv.written {
		return nil
	}
	if err := q.SaveAssessment(path, a); err != nil {
		return err
	}
	sv.written = seq
	return nil
}

// snapshot copies what the wizard changes, so a save in the background
// never reads a map the wizard is writing.
func snapshot(a *q.Assessment) *q.Assessment {
	c := *a
	c.Answers = make(map[string]q.Answer, len(a.Answers))
	for k, v := range a.Answers {
		c.Answers[k] = v
	}
	if a.Actions != nil {
		c.Actions = make(map[string]q.ActionState, len(a.Actions))
		for k, v := range a.Actions {
			c.Actions[k] = v
		}
	}
	c.Profile.Models = append([]q.Model(nil), a.Profile.Models...)
	c.Profile.Services = append([]string(nil), a.Profile.Services...)
	return &c
}
