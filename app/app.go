// Package app holds the use cases the command line and the wizard share:
// open a saved assessment (plain or encrypted, any schema this build
// reads), create one, merge participants' files, save and remember it in
// the recent-files list; and the way into Azure for live checks.
//
// It reads no environment variable and asks for nothing: a passphrase
// comes from the caller (cmd reads SSRM_PASSPHRASE or the terminal, the
// wizard asks on its own screen). It imports questionnaire and azure; never
// scoring's callers, reports or tui.
package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// App is the shared use cases, set up once by cmd.
type App struct {
	Bank *q.Bank
	// Tool names the tool on what it saves: "ssrm 0.1.0".
	Tool string
	// RecentDir keeps the recent-files list; "" keeps none.
	RecentDir string
}

// ErrNeedPassphrase says a file is encrypted and no passphrase was given:
// the caller asks for one and tries again.
var ErrNeedPassphrase = errors.New("it is encrypted and needs its passphrase")

// PassphraseFunc gives the passphrase of an encrypted file. It is called
// only for an encrypted file, with its path.
type PassphraseFunc func(path string) (string, error)

// Given is a PassphraseFunc that hands out pass, or ErrNeedPassphrase when
// pass is "".
func Given(pass string) PassphraseFunc {
	return func(string) (string, error) {
		if pass == "" {
			return "", ErrNeedPassphrase
		}
		return pass, nil
	}
}

// Load reads a saved assessment. An encrypted one opens with the
// passphrase pass gives (nil: ErrNeedPassphrase); a wrong passphrase gives
// an error wrapping questionnaire.ErrWrongPassphrase. An assessment read
// from an encrypted file saves back encrypted.
func (x *App) Load(path string, pass PassphraseFunc) (*q.Assessment, error) {
	if pass == nil {
		pass = Given("")
	}
	return q.LoadAssessmentWith(path, q.LoadOptions{Passphrase: func() (string, error) { return pass(path) }, Bank: x.Bank})
}

// Open loads a saved assessment (see Load) to work on, and puts it at the
// top of the recent-files list.
func (x *App) Open(path string, pass PassphraseFunc, now time.Time) (*q.Assessment, error) {
	a, err := x.Load(path, pass)
	if err != nil {
		return nil, err
	}
	x.Remember(path, a, now)
	return a, nil
}

// Remember puts a file at the top of the recent-files list. A list that
// cannot be written loses nothing else: the error is left out.
func (x *App) Remember(path string, a *q.Assessment, now time.Time) {
	_ = AddRecent(x.RecentDir, path, RecentName(a), now)
}

// Save writes the assessment (stamped with the tool) and remembers it.
func (x *App) Save(path string, a *q.Assessment, now time.Time) error {
	if x.Tool != "" {
		a.Tool = x.Tool
	}
	if err := q.SaveAssessment(path, a); err != nil {
		return err
	}
	x.Remember(path, a, now)
	return nil
}

// NewAssessment is what starting an assessment takes.
type NewAssessment struct {
	Profile q.Profile
	Mode    string // self, workshop, training
	Path    string
	// Passphrase encrypts the file ("": plain).
	Passphrase string
}

// Create starts an assessment, saves it at n.Path and remembers it. It
// never replaces a file: a path that exists is an error.
func (x *App) Create(n NewAssessment, now time.Time) (*q.Assessment, error) {
	if _, err := os.Stat(n.Path); err == nil {
		return nil, fmt.Errorf("%s exists: resume it, or choose another name", n.Path)
	}
	if st, err := os.Stat(filepath.Dir(n.Path)); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("no folder %s: create it, or choose another place", filepath.Dir(n.Path))
	}
	a := q.NewAssessment(x.Bank, n.Profile, now)
	a.Mode = n.Mode
	a.SetPassphrase(n.Passphrase)
	if err := x.Save(n.Path, a, now); err != nil {
		return nil, err
	}
	return a, nil
}

// MergeInput is what merging participants' files takes.
type MergeInput struct {
	Files []string
	// Names are the participants' names, in file order; an empty one (or
	// none given) is read from the file.
	Names    []string
	Strategy q.Strategy
	// Force merges files whose profiles or banks differ (the first file's
	// stand).
	Force bool
}

// Merged is the outcome of a merge, not saved yet.
type Merged struct {
	Assessment   *q.Assessment
	Participants []q.Participant
	Conflicts    []q.Conflict
	// Passphrase is the one that opened the first encrypted file ("" when
	// none was): the merged file is protected with it unless the caller
	// chooses another.
	Passphrase string
}

// Names are the participants' names, in file order.
func (m *Merged) Names() []string {
	out := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		out[i] = p.Name
	}
	return out
}

// Merge loads the participants' files (encrypted ones with pass) and merges
// them by in.Strategy. A *questionnaire.MismatchError says the files
// describe different organizations or banks; the caller says how to force
// it. The merged assessment is not saved: see Save.
func (x *App) Merge(in MergeInput, pass PassphraseFunc) (*Merged, error) {
	if pass == nil {
		pass = Given("")
	}
	m := &Merged{Participants: make([]q.Participant, len(in.Files))}
	for i, f := range in.Files {
		a, err := x.Load(f, func(path string) (string, error) {
			p, err := pass(path)
			if err == nil && m.Passphrase == "" {
				m.Passphrase = p
			}
			return p, err
		})
		if err != nil {
			return nil, err
		}
		name := ""
		if i < len(in.Names) {
			name = strings.TrimSpace(in.Names[i])
		}
		if name == "" {
			name = q.ParticipantName(a, f)
		}
		m.Participants[i] = q.Participant{Name: name, File: f, Assessment: a}
	}
	q.UniqueNames(m.Participants)
	a, conflicts, err := q.MergeWith(m.Participants, q.MergeOptions{Strategy: in.Strategy, Force: in.Force})
	if err != nil {
		return nil, err
	}
	m.Assessment, m.Conflicts = a, conflicts
	if m.Passphrase != "" {
		a.SetPassphrase(m.Passphrase)
	}
	return m, nil
}
