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
//
// The assessment itself is private: screens change it only through edit
// (which marks it changed and returns the autosave), and read it only
// through Result, the scored copy. What a view shows is computed once, in
// the scoring package, and never races the edits.
type Session struct {
	Bank     *q.Bank
	Path     string
	Tailored q.Tailored
	// Speaker is who is talking in a workshop: it signs notes and answers.
	Speaker string
	// timers is the time spent on each section of questions (see
	// restoreSitting).
	timers map[string]time.Duration
	// terms caches the glossary terms a question's text uses (see
	// qpanel.glossary).
	terms map[string][]q.Term
	// carry adds to every edit what the wizard keeps in memory between
	// edits (a workshop's timers and speaker), so each save has it.
	carry func(a *q.Assessment)

	a *q.Assessment

	result    *scoring.Result
	resultSeq int
	// fullSeq is the seq of the last change beyond action decisions: a
	// result at or after it is re-ranked (scoring.Replan), not scored
	// again. planOnly marks the change being made as decisions alone.
	fullSeq  int
	planOnly bool

	saver *saver
	seq   int

	saved   int // seq of the last successful save
	saveErr error
	savedAt time.Time
}

func newSession(b *q.Bank, a *q.Assessment, path string) *Session {
	if a.Answers == nil {
		a.Answers = map[string]q.Answer{}
	}
	s := &Session{Bank: b, a: a, Path: path, Tailored: q.Tailor(b, a.Profile), resultSeq: -1, saver: &saver{}, timers: map[string]time.Duration{}}
	if importLegacyPlans(a, path) {
		// Unsaved until the wizard starts: its first command saves it.
		s.seq++
	}
	return s
}

// pendingSave is the save of a change made while opening (plans imported
// from an old side file), or nil.
func (s *Session) pendingSave() tea.Cmd {
	if !s.Dirty() {
		return nil
	}
	return saveCmd(s.saver, s.Path, snapshot(s.a), s.seq)
}

// Result is the scored assessment, computed once per change: what every
// view reads. It shares no memory with the assessment, so a command may
// hand it to a writer in the background.
func (s *Session) Result() *scoring.Result {
	switch {
	case s.result != nil && s.resultSeq == s.seq:
	case s.result != nil && s.resultSeq >= s.fullSeq:
		s.result = scoring.Replan(s.result, s.Bank, s.a, scoring.Options{})
	default:
		s.result = scoring.Compute(s.Bank, s.a, scoring.Options{})
	}
	s.resultSeq = s.seq
	return s.result
}

// Encrypted reports whether the assessment is saved encrypted.
func (s *Session) Encrypted() bool { return s.a.Encrypted() }

// Dirty reports whether a change has not reached the disk yet.
func (s *Session) Dirty() bool { return s.saved < s.seq }

// edit changes the assessment and returns the command that saves it: the
// autosave after every answer. now is the time of the change.
func (s *Session) edit(now time.Time, change func(a *q.Assessment)) tea.Cmd {
	change(s.a)
	if s.carry != nil {
		s.carry(s.a)
	}
	return s.changed(now)
}

// editActions changes the action decisions alone (status, order, owner,
// due date) and returns the autosave: the next Result re-ranks the plan
// without scoring every answer again.
func (s *Session) editActions(now time.Time, change func(acts map[string]q.ActionState)) tea.Cmd {
	if s.a.Actions == nil {
		s.a.Actions = map[string]q.ActionState{}
	}
	change(s.a.Actions)
	if s.carry != nil {
		s.carry(s.a)
	}
	s.planOnly = true
	return s.changed(now)
}

// changed marks the assessment changed and returns the command that saves
// it. The snapshot is handed to the saver now; the command writes whatever
// is newest when it runs.
func (s *Session) changed(now time.Time) tea.Cmd {
	s.a.Updated = now
	s.seq++
	if !s.planOnly {
		s.fullSeq = s.seq
	}
	s.planOnly = false
	return saveCmd(s.saver, s.Path, snapshot(s.a), s.seq)
}

// SaveNow writes the assessment synchronously, after any save in flight:
// the last save on the way out.
func (s *Session) SaveNow() error {
	if s.Path == "" {
		return nil
	}
	s.saver.offer(snapshot(s.a), s.seq+1)
	seq, err := s.saver.flush(s.Path)
	if err != nil {
		return err
	}
	s.seq++
	s.saved = max(s.saved, seq)
	return nil
}

// flushCmd writes the newest state, waiting for a save in flight: what
// quitting runs before it ends the program.
func (s *Session) flushCmd() tea.Cmd {
	sv, path := s.saver, s.Path
	if path == "" {
		return nil
	}
	sv.offer(snapshot(s.a), s.seq)
	return func() tea.Msg {
		seq, err := sv.flush(path)
		return savedMsg{seq: seq, err: err, at: time.Now()}
	}
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
	sv.offer(a, seq)
	return func() tea.Msg {
		seq, wrote, err := sv.drain(path)
		if !wrote && err == nil {
			// another save in flight writes this state when it is done
			return nil
		}
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

// saver coalesces autosaves: each change offers a snapshot, the newest
// wins, and one write runs at a time. An encrypted save costs about a
// second of scrypt, so ten quick answers make at most two writes: the one
// in flight and the newest state after it.
type saver struct {
	mu         sync.Mutex // guards pending, pendingSeq, written, last
	pending    *q.Assessment
	pendingSeq int
	written    int
	// last is the snapshot last written: it knows what is on disk (see
	// carrySeal).
	last *q.Assessment

	wmu sync.Mutex // held while writing
}

// offer hands the saver a snapshot; an older one than pending is dropped.
func (sv *saver) offer(a *q.Assessment, seq int) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if seq > sv.pendingSeq && seq > sv.written {
		sv.pending, sv.pendingSeq = a, seq
	}
}

// drain writes pending snapshots until none is left, unless a write is in
// flight: that one then writes the newest. It returns the seq written and
// whether it wrote at all.
func (sv *saver) drain(path string) (int, bool, error) {
	wrote := false
	for {
		if !sv.wmu.TryLock() {
			return 0, wrote, nil
		}
		seq, did, err := sv.writePending(path)
		sv.wmu.Unlock()
		wrote = wrote || did
		if err != nil {
			return seq, true, err
		}
		// A snapshot offered while this one was writing, whose own drain
		// found the lock taken, is this drain's to write.
		sv.mu.Lock()
		more := sv.pending != nil
		top := sv.written
		sv.mu.Unlock()
		if !more {
			return top, wrote, nil
		}
	}
}

// flush waits for a write in flight, then writes what is pending.
func (sv *saver) flush(path string) (int, error) {
	sv.wmu.Lock()
	defer sv.wmu.Unlock()
	seq, _, err := sv.writePending(path)
	return seq, err
}

// writePending writes the pending snapshot; the caller holds wmu.
func (sv *saver) writePending(path string) (int, bool, error) {
	sv.mu.Lock()
	a, seq, last := sv.pending, sv.pendingSeq, sv.last
	sv.pending = nil
	written := sv.written
	sv.mu.Unlock()
	if a == nil || seq <= written {
		return written, false, nil
	}
	a = carrySeal(a, last)
	if err := q.SaveAssessment(path, a); err != nil {
		return seq, true, err
	}
	sv.mu.Lock()
	sv.written, sv.last = max(sv.written, seq), a
	sv.mu.Unlock()
	return seq, true, nil
}

// carrySeal gives a snapshot the encryption state of the snapshot written
// before it, so the save need not decrypt the file again (another second of
// scrypt) to know it may replace it.
func carrySeal(a, last *q.Assessment) *q.Assessment {
	if last != nil && last.Encrypted() && a.Encrypted() {
		a.CopySealFrom(last)
	}
	return a
}

// snapshot copies what the wizard changes, so a save in the background
// never reads a map the wizard is writing.
func snapshot(a *q.Assessment) *q.Assessment { return a.Clone() }
