package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
}

// LoadAssessmentWith reads a saved assessment, plain or encrypted. An
// assessment read from an encrypted file remembers its passphrase, so
// SaveAssessment writes it back encrypted. A passphrase that does not fit
// gives an error wrapping ErrWrongPassphrase that names the file.
func LoadAssessmentWith(path string, opts LoadOptions) (*Assessment, error) {
	plain, raw, pass, err := readSealed(path, opts)
	if err != nil {
		return nil, err
	}
	a, err := ParseAssessment(path, plain)
	if err != nil {
		return nil, err
	}
	if pass != "" {
		a.seal = &sealState{passphrase: pass, path: path, sum: sha256.Sum256(raw), plainSum: sha256.Sum256(plain)}
	}
	return a, nil
}

// ReadFileWith reads any file ssrm may have sealed (an assessment, an Azure
// snapshot) and returns its plain content: an encrypted file is opened with
// the passphrase from opts, a plain one returned as it is.
func ReadFileWith(path string, opts LoadOptions) ([]byte, error) {
	plain, _, _, err := readSealed(path, opts)
	return plain, err
}

// readSealed reads path and decrypts it if it is encrypted; it returns the
// plain bytes, the bytes on disk and the passphrase that opened them.
func readSealed(path string, opts LoadOptions) (plain, raw []byte, pass string, err error) {
	raw, err = readInput(path, "check the path, or start a new assessment with 'ssrm' or 'ssrm assess'")
	if err != nil {
		return nil, nil, "", err
	}
	if !IsEncrypted(raw) {
		return raw, raw, "", nil
	}
	if opts.Passphrase == nil {
		return nil, nil, "", encryptedError(path)
	}
	pass, err = opts.Passphrase()
	if err != nil {
		return nil, nil, "", fmt.Errorf("%s is %w: %w", path, ErrEncrypted, err)
	}
	plain, err = Open(raw, pass)
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return nil, nil, "", fmt.Errorf("%w for %s; nothing was changed", ErrWrongPassphrase, path)
	case err != nil:
		return nil, nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return plain, raw, pass, nil
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
// load (damaged, or from a newer ssrm) is never overwritten.
//
// An assessment with a passphrase (loaded from an encrypted file, or given
// one with SetPassphrase) is written encrypted, and so is its backup. An
// encrypted file is never replaced by plain text, nor by a file sealed
// with another passphrase.
func SaveAssessment(path string, a *Assessment) error {
	if a.Schema == 0 {
		a.Schema = SchemaVersion
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("encode assessment: %w", err)
	}
	data = append(data, '\n')
	seal := a.seal
	old, err := os.ReadFile(path)
	switch {
	case err == nil:
		backup, unchanged, err := checkReplace(path, old, data, seal)
		if err != nil {
			return err
		}
		if unchanged {
			return nil
		}
		if err := WriteFileAtomic(path+".bak", backup); err != nil {
			return fmt.Errorf("keep backup of %s: %w", path, err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("save assessment: %w", err)
	}
	out := data
	if seal != nil {
		if out, err = Seal(data, seal.passphrase); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
	}
	if err := WriteFileAtomic(path, out); err != nil {
		return err
	}
	if seal != nil {
		a.seal = &sealState{passphrase: seal.passphrase, path: path, sum: sha256.Sum256(out), plainSum: sha256.Sum256(data)}
	}
	return nil
}

// checkReplace decides whether old, the file now at path, may be replaced
// by data: it must load, and an encrypted one must open with the
// assessment's passphrase. It returns what to keep as the backup (sealed
// when the new file is) and whether there is nothing to write.
func checkReplace(path string, old, data []byte, seal *sealState) (backup []byte, unchanged bool, err error) {
	if !IsEncrypted(old) {
		if _, perr := ParseAssessment(path, old); perr != nil {
			return nil, false, fmt.Errorf("refusing to overwrite %s, which does not load: %v\nsave to another file, or move that one away first", path, perr)
		}
		if seal == nil {
			return old, bytes.Equal(old, data), nil
		}
		// Going from plain to encrypted: the backup must not stay readable.
		sealed, err := Seal(old, seal.passphrase)
		if err != nil {
			return nil, false, fmt.Errorf("keep backup of %s: %w", path, err)
		}
		return sealed, false, nil
	}
	if seal == nil {
		return nil, false, fmt.Errorf("refusing to write %s in plain text over an encrypted file: open it with its passphrase first, or save to another file; nothing was changed", path)
	}
	if seal.knows(path, old) {
		// What we last read or wrote there: it loads, no need to decrypt it again.
		return old, seal.plainSum == sha256.Sum256(data), nil
	}
	plain, err := Open(old, seal.passphrase)
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return nil, false, fmt.Errorf("refusing to overwrite %s: it is encrypted with another passphrase; nothing was changed", path)
	case err != nil:
		return nil, false, fmt.Errorf("refusing to overwrite %s, which does not load: %v\nsave to another file, or move that one away first", path, err)
	}
	if _, perr := ParseAssessment(path, plain); perr != nil {
		return nil, false, fmt.Errorf("refusing to overwrite %s, which does not load: %v\nsave to another file, or move that one away first", path, perr)
	}
	return old, bytes.Equal(plain, data), nil
}

// sealState is what an encrypted assessment remembers between saves: its
// passphrase, and the file it was last read from or written to, so a save
// need not decrypt that file again to know it loads.
type sealState struct {
	passphrase    string
	path          string
	sum, plainSum [32]byte
}

func (s *sealState) knows(path string, onDisk []byte) bool {
	return s.path == path && s.sum == sha256.Sum256(onDisk)
}

// CopySealFrom gives a the encryption state of from: its passphrase and
// what from last read or wrote. A copy of an encrypted assessment saved
// after from then replaces from's file without decrypting it again (a
// second of scrypt). Nothing happens when from is not encrypted.
func (a *Assessment) CopySealFrom(from *Assessment) {
	if from != nil && from.seal != nil {
		s := *from.seal
		a.seal = &s
	}
}

// SetPassphrase makes SaveAssessment encrypt this assessment with
// passphrase from now on; "" saves it in plain text again (though never
// over an encrypted file).
func (a *Assessment) SetPassphrase(passphrase string) {
	if passphrase == "" {
		a.seal = nil
		return
	}
	a.seal = &sealState{passphrase: passphrase}
}

// Encrypted reports whether SaveAssessment writes this assessment
// encrypted: it was read from an encrypted file, or given a passphrase.
func (a *Assessment) Encrypted() bool { return a.seal != nil }

// WriteFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one, never a mix. The file is
// private to its owner (0600).
func WriteFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("save %s: the folder %s does not exist: create it, or choose another place", path, dir)
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("save %s: no permission to write in %s: choose another place", path, dir)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: flush: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // make the rename itself durable; not all filesystems allow it
		d.Close()
	}
	return nil
}
