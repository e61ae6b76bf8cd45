package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// ErrNewerSchema is returned for a file written by a newer ssrm.
var ErrNewerSchema = errors.New("written by a newer version of ssrm")

// LoadAssessment reads a saved assessment. A damaged file, a file that is
// not an assessment and a file from a newer ssrm each give an error that
// names the file and says what to do. An encrypted file gives an error wrapping ErrEncrypted: use
// LoadAssessmentWith to open one.
func LoadAssessment(path string) (*Assessment, error) {
	return LoadAssessmentWith(path, LoadOptions{})
}

// LoadOptions change how LoadAssessmentWith and ReadFileWith read a file.
type LoadOptions struct {
	// Passphrase is called once, and only when the file is encrypted. Nil:
	// an encrypted file is an error wrapping ErrEncrypted.
	Passphrase func() (string, error)
	// Bank, when set, is the bank the assessment will be used with:
	// LoadAssessmentWith then lists the answers to questions it lacks (see
	// Assessment.Unknown).
	Bank *Bank
	// Limit and Kind bound ReadFileWith: a larger file is refused, its kind
	// named ("Azure snapshots"). 0: no limit. LoadAssessmentWith always
	// applies MaxAssessmentSize.
	Limit int64
	Kind  string
}

// LoadAssessmentWith reads a saved assessment, plain or encrypted. An
// assessment read from an encrypted file remembers its passphrase (and the
// key it derived), so SaveAssessment writes it back encrypted without
// paying for scrypt again. It also remembers what it read, so a save finds
// out whether someone else changed the file in the meantime. A passphrase
// that does not fit gives an error wrapping ErrWrongPassphrase that names
// the file.
func LoadAssessmentWith(path string, opts LoadOptions) (*Assessment, error) {
	plain, raw, ring, err := readSealed(path, opts, assessmentLimit)
	if err != nil {
		return nil, err
	}
	a, err := ParseAssessment(path, plain)
	if err != nil {
		return nil, err
	}
	a.ring = ring
	if opts.Bank != nil {
		a.unknown = unknownIDs(path, plain, a, opts.Bank)
	}
	if target, err := resolvePath(path); err == nil {
		a.tracker().set(target, fileState{sum: sha256.Sum256(raw), base: plain})
	}
	return a, nil
}

// ReadFileWith reads any file ssrm may have sealed (an assessment, an Azure
// snapshot) and returns its plain content: an encrypted file is opened with
// the passphrase from opts, a plain one returned as it is. A file larger
// than opts.Limit is refused with a *TooLargeError.
func ReadFileWith(path string, opts LoadOptions) ([]byte, error) {
	plain, _, _, err := readSealed(path, opts, limit{opts.Kind, opts.Limit})
	return plain, err
}

// readSealed reads path and decrypts it if it is encrypted; it returns the
// plain bytes, the bytes on disk and the keyring that opened them.
func readSealed(path string, opts LoadOptions, lim limit) (plain, raw []byte, ring *keyring, err error) {
	raw, err = readInput(path, "check the path, or start a new assessment with 'ssrm' or 'ssrm assess'", lim)
	if err != nil {
		return nil, nil, nil, err
	}
	return readSealedBytes(path, raw, opts)
}

// readSealedBytes is readSealed of bytes already read from path.
func readSealedBytes(path string, raw []byte, opts LoadOptions) (plain, _ []byte, ring *keyring, err error) {
	if !IsEncrypted(raw) {
		return raw, raw, nil, nil
	}
	if opts.Passphrase == nil {
		return nil, nil, nil, encryptedError(path)
	}
	pass, err := opts.Passphrase()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s is %w: %w", path, ErrEncrypted, err)
	}
	if pass == "" {
		return nil, nil, nil, fmt.Errorf("%w for %s (it is empty); nothing was changed", ErrWrongPassphrase, path)
	}
	ring = newKeyring(pass)
	plain, err = ring.open(raw)
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return nil, nil, nil, fmt.Errorf("%w for %s; nothing was changed", ErrWrongPassphrase, path)
	case err != nil:
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return plain, raw, ring, nil
}

func encryptedError(path string) error {
	return fmt.Errorf("%s is %w: it opens only with its passphrase", path, ErrEncrypted)
}

// ParseAssessment decodes and checks a saved assessment.
func ParseAssessment(file string, data []byte) (*Assessment, error) {
	if IsEncrypted(data) {
		return nil, encryptedError(file)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, Problems{{File: file, Line: 1, Msg: "the file is empty; if it was saved by ssrm, its previous version is in " + filepath.Base(file) + ".bak"}}
	}
	var head struct {
		Schema *int `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		p := jsonProblem(file, data, err)
		p.Msg += "; the file is damaged: restore " + filepath.Base(file) + ".bak or fix the line"
		return nil, Problems{p}
	}
	if head.Schema == nil {
		return nil, Problems{{File: file, Line: 1, Msg: "not an ssrm assessment (no \"schema\" field); an answers file goes to 'ssrm assess --answers'"}}
	}
	if *head.Schema > SchemaVersion {
		return nil, fmt.Errorf("%s: %w (schema %d; this one reads up to %d): upgrade ssrm to open it; the file was left as it is",
			file, ErrNewerSchema, *head.Schema, SchemaVersion)
	}
	if *head.Schema < 1 {
		return nil, Problems{{File: file, Line: 1, Msg: fmt.Sprintf("schema %d is not a version ssrm ever wrote", *head.Schema)}}
	}
	var a Assessment
	a.track = &tracker{}
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, Problems{jsonProblem(file, data, err)}
	}
	if ps := assessmentProblems(file, data, &a, false); len(ps) > 0 {
		// A problem names its line: the file is read again as YAML (JSON
		// is YAML) for the positions, only now, since a start-up that
		// opens a good file should not pay for it.
		return nil, assessmentProblems(file, data, &a, true)
	}
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	dropContradictionNotes(&a)
	return &a, nil
}

// contradictionNote began the detail of a failing live finding that
// contradicted its answer, in files saved before contradictions were
// computed when shown: "Evidence contradicts the answer (level 4; the
// evidence suggests 1): <detail>".
const contradictionNote = "Evidence contradicts the answer ("

// dropContradictionNotes takes the contradiction note of older versions out
// of live evidence details: whether an answer is contradicted is worked out
// from the answer and the evidence each time it is shown, and a note saved
// in the file goes stale as soon as the answer changes.
func dropContradictionNotes(a *Assessment) {
	for _, evs := range a.Evidence {
		for i := range evs {
			d := evs[i].Detail
			for evs[i].Source == SourceLive && strings.HasPrefix(d, contradictionNote) {
				j := strings.Index(d, "): ")
				if j < 0 {
					break
				}
				d = d[j+3:]
			}
			evs[i].Detail = d
		}
	}
}

// assessmentProblems checks what JSON cannot: levels, statuses, exceptions
// and service models. With lines it names each problem's line.
func assessmentProblems(file string, data []byte, a *Assessment, lines bool) Problems {
	line := func(parts ...interface{}) int { return 0 }
	if lines {
		var root yaml.Node
		_ = yaml.Unmarshal(data, &root)
		line = newPositions(&root).line
	}
	var ps Problems
	for _, id := range a.AnsweredIDs() {
		ans := a.Answers[id]
		switch ans.Status {
		case Answered:
			if ans.Level < 0 || ans.Level > 5 {
				ps = append(ps, Problem{file, line("answers", id), fmt.Sprintf("answer to %s: level %d is out of range 0–5", id, ans.Level)})
			}
		case Unknown, NotApplicable:
		default:
			ps = append(ps, Problem{file, line("answers", id), fmt.Sprintf("answer to %s: unknown status %q (answered, unknown or na)", id, ans.Status)})
		}
		if msg := ans.Exception.Problem(); msg != "" {
			ps = append(ps, Problem{file, line("answers", id, "exception"), fmt.Sprintf("answer to %s: %s", id, msg)})
		}
	}
	for _, id := range sortedKeys(a.Responses) {
		if msg := a.Responses[id].Problem(); msg != "" {
			ps = append(ps, Problem{file, line("responses", id), fmt.Sprintf("management response to %s: %s", id, msg)})
		}
	}
	for _, id := range sortedKeys(a.Overrides) {
		if msg := a.Overrides[id].Problem(); msg != "" {
			ps = append(ps, Problem{file, line("overrides", id), fmt.Sprintf("override of %s: %s", id, msg)})
		}
	}
	for i, m := range a.Profile.Models {
		if m != IaaS && m != PaaS && m != SaaS {
			ps = append(ps, Problem{file, line("profile", "models", i), fmt.Sprintf("unknown service model %q", m)})
		}
	}
	return ps
}

// SaveAssessment writes the assessment atomically: a temporary file in the
// same folder, flushed to disk, then renamed over the old one, mode 0600.
// The file it replaces is kept as FILE.bak. A file at path that does not
// load (damaged, or from a newer ssrm) is never overwritten. A symbolic
// link is followed: the file it points to is replaced, the link stays.
//
// An assessment with a passphrase (loaded from an encrypted file, or given
// one with SetPassphrase) is written encrypted, and so is its backup. An
// encrypted file is never replaced by plain text, nor by a file sealed
// with another passphrase. Only the first encrypted save of a session pays
// for scrypt (see keyring).
//
// Two writers: an assessment remembers what it last read from or wrote to
// each file. When the file has changed since (another wizard, another
// ssrm command, an editor), the save merges instead of overwriting: the
// other writer's answers to questions this one did not change are kept,
// this one's changes are applied, and a question both changed differently
// keeps this side's answer with both recorded in Merged for discussion
// (Resolution "pending"), the other version of the file being kept whole
// in a side file. The save then returns a *ConflictError (errors.Is
// ErrConflict) that says what happened; the file was written. Saves are
// serialized between processes by a lock on the folder while they run.
func SaveAssessment(path string, a *Assessment) error {
	if a.Schema == 0 {
		a.Schema = SchemaVersion
	}
	if n := neededSchema(a); a.Schema < n {
		a.Schema = n
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("encode assessment: %w", err)
	}
	data = append(data, '\n')
	target, err := resolvePath(path)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	unlock, err := lockDir(filepath.Dir(target))
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer unlock()

	tr := a.tracker()
	known, hasKnown := tr.get(target)
	out := data
	var conflict *ConflictError
	old, err := os.ReadFile(target)
	switch {
	case err == nil:
		changed := hasKnown && sha256.Sum256(old) != known.sum
		sameSeal := IsEncrypted(old) == (a.ring != nil)
		if hasKnown && !changed && !known.diverged && sameSeal && bytes.Equal(known.base, data) {
			return nil // nothing new to write
		}
		var backup []byte
		if hasKnown && (changed || known.diverged) {
			merged, c, err := mergeOnDisk(path, target, old, data, known, a)
			if err != nil {
				return err
			}
			out = merged
			if changed {
				conflict = c
			}
			if backup, err = backupOf(path, old, a.ring); err != nil {
				return err
			}
		} else {
			var unchanged bool
			backup, unchanged, err = checkReplace(path, old, out, a.ring, hasKnown)
			if err != nil {
				return err
			}
			if unchanged {
				tr.set(target, fileState{sum: sha256.Sum256(old), base: data})
				return nil
			}
		}
		if err := WriteFileAtomic(target+".bak", backup); err != nil {
			return fmt.Errorf("keep backup of %s: %w", path, err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("save assessment: %w", err)
	}
	written := out
	if a.ring != nil {
		if written, err = a.ring.seal(out); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
	}
	if conflict != nil && conflict.needsSide() {
		side, err := keepSide(target, old)
		if err != nil {
			return fmt.Errorf("save %s: another writer changed it, and its version could not be kept aside: %w; nothing was changed", path, err)
		}
		conflict.Side = side
	}
	if err := WriteFileAtomic(target, written); err != nil {
		return err
	}
	st := fileState{sum: sha256.Sum256(written), base: data}
	if !bytes.Equal(out, data) {
		st.diverged, st.disk = true, out
	}
	tr.set(target, st)
	if conflict != nil {
		return conflict
	}
	return nil
}

// backupOf is what to keep as the backup of old when it is replaced: old
// itself, or old sealed when the new file is encrypted and old is not.
func backupOf(path string, old []byte, ring *keyring) ([]byte, error) {
	if ring == nil || IsEncrypted(old) {
		return old, nil
	}
	sealed, err := ring.seal(old)
	if err != nil {
		return nil, fmt.Errorf("keep backup of %s: %w", path, err)
	}
	return sealed, nil
}

// checkReplace decides whether old, the file now at path, may be replaced
// by data: it must load, and an encrypted one must open with the
// assessment's passphrase. It returns what to keep as the backup (sealed
// when the new file is) and whether there is nothing to write. known says
// old is what this assessment last read or wrote: it loads, no need to
// check again.
func checkReplace(path string, old, data []byte, ring *keyring, known bool) (backup []byte, unchanged bool, err error) {
	if !IsEncrypted(old) {
		if !known {
			if _, perr := ParseAssessment(path, old); perr != nil {
				return nil, false, refuseDamaged(path, perr)
			}
		}
		if ring == nil {
			return old, bytes.Equal(old, data), nil
		}
		// Going from plain to encrypted: the backup must not stay readable.
		backup, err := backupOf(path, old, ring)
		return backup, false, err
	}
	if ring == nil {
		return nil, false, fmt.Errorf("refusing to write %s in plain text over an encrypted file: open it with its passphrase first, or save to another file; nothing was changed", path)
	}
	if known {
		return old, false, nil
	}
	plain, err := openOld(path, old, ring)
	if err != nil {
		return nil, false, err
	}
	return old, bytes.Equal(plain, data), nil
}

// openOld decrypts the file about to be replaced and checks it loads.
func openOld(path string, old []byte, ring *keyring) ([]byte, error) {
	plain, err := ring.open(old)
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return nil, fmt.Errorf("refusing to overwrite %s: it is encrypted with another passphrase; nothing was changed", path)
	case err != nil:
		return nil, refuseDamaged(path, err)
	}
	if _, perr := ParseAssessment(path, plain); perr != nil {
		return nil, refuseDamaged(path, perr)
	}
	return plain, nil
}

func refuseDamaged(path string, err error) error {
	return fmt.Errorf("refusing to overwrite %s, which does not load: %w\nsave to another file, or move that one away first", path, err)
}

// CopySealFrom gives a the encryption of from: its passphrase and the keys
// it derived, so a's saves pay no scrypt either. An assessment that does
// not know its files yet also takes from's knowledge of them (what was
// last read or written there), so a save of a copy of from replaces
// from's file without decrypting it again. Nothing happens when from is
// not encrypted.
func (a *Assessment) CopySealFrom(from *Assessment) {
	if from == nil || from.ring == nil {
		return
	}
	a.ring = from.ring
	if a.track == nil || a.track.empty() {
		a.track = from.tracker()
	}
}

// SetPassphrase makes SaveAssessment encrypt this assessment with
// passphrase from now on; "" saves it in plain text again (though never
// over an encrypted file).
func (a *Assessment) SetPassphrase(passphrase string) {
	if passphrase == "" {
		a.ring = nil
		return
	}
	a.ring = newKeyring(passphrase)
}

// Encrypted reports whether SaveAssessment writes this assessment
// encrypted: it was read from an encrypted file, or given a passphrase.
func (a *Assessment) Encrypted() bool { return a.ring != nil }

// tracker is what an assessment knows of the files it read or wrote, by
// resolved path. Copies of an assessment (the wizard's snapshots) share
// it, so what one copy saved the next one knows.
type tracker struct {
	mu    sync.Mutex
	files map[string]fileState
}

// fileState is one file as this assessment last left it.
type fileState struct {
	sum  [32]byte // SHA-256 of the bytes on disk after the last read or write
	base []byte   // this assessment's own content (plain JSON) at that time
	// diverged: the file holds another writer's changes this assessment's
	// content lacks, so every save merges until they meet again; disk is
	// then what was written (the merge).
	diverged bool
	disk     []byte
}

func (a *Assessment) tracker() *tracker {
	if a.track == nil {
		a.track = &tracker{}
	}
	return a.track
}

func (t *tracker) get(path string) (fileState, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st, ok := t.files[path]
	return st, ok
}

func (t *tracker) set(path string, st fileState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.files == nil {
		t.files = map[string]fileState{}
	}
	t.files[path] = st
}

func (t *tracker) empty() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.files) == 0
}
