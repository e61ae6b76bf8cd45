package questionnaire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// ErrNewerSchema is returned for a file written by a newer ssrm.
var ErrNewerSchema = errors.New("written by a newer version of ssrm")

// LoadAssessment reads a saved assessment. A damaged file, a file that is
// not an assessment and a file from a newer ssrm each give an error that
// names the file and says what to do.
func LoadAssessment(path string) (*Assessment, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open assessment: %w", err)
	}
	return ParseAssessment(path, data)
}

// ParseAssessment decodes and checks a saved assessment.
func ParseAssessment(file string, data []byte) (*Assessment, error) {
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
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root) // JSON is YAML: this gives us lines
	pos := newPositions(&root)
	var ps Problems
	for id, ans := range a.Answers {
		line := pos.line("answers", id)
		switch ans.Status {
		case Answered:
			if ans.Level < 0 || ans.Level > 5 {
				ps = append(ps, Problem{file, line, fmt.Sprintf("answer to %s: level %d is out of range 0–5", id, ans.Level)})
			}
		case Unknown, NotApplicable:
		default:
			ps = append(ps, Problem{file, line, fmt.Sprintf("answer to %s: unknown status %q (answered, unknown or na)", id, ans.Status)})
		}
		if msg := ans.Exception.Problem(); msg != "" {
			ps = append(ps, Problem{file, pos.line("answers", id, "exception"), fmt.Sprintf("answer to %s: %s", id, msg)})
		}
	}
	for i, m := range a.Profile.Models {
		if m != IaaS && m != PaaS && m != SaaS {
			ps = append(ps, Problem{file, pos.line("profile", "models", i), fmt.Sprintf("unknown service model %q", m)})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	return &a, nil
}

// SaveAssessment writes the assessment atomically: a temporary file in the
// same folder, flushed to disk, then renamed over the old one, mode 0600.
// The file it replaces is kept as FILE.bak. A file at path that does not
// load (damaged, or from a newer ssrm) is never overwritten.
func SaveAssessment(path string, a *Assessment) error {
	if a.Schema == 0 {
		a.Schema = SchemaVersion
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("encode assessment: %w", err)
	}
	data = append(data, '\n')
	old, err := os.ReadFile(path)
	switch {
	case err == nil:
		if _, perr := ParseAssessment(path, old); perr != nil {
			return fmt.Errorf("refusing to overwrite %s, which does not load: %v\nsave to another file, or move that one away first", path, perr)
		}
		if bytes.Equal(old, data) {
			return nil
		}
		if err := WriteFileAtomic(path+".bak", old); err != nil {
			return fmt.Errorf("keep backup of %s: %w", path, err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("save assessment: %w", err)
	}
	return WriteFileAtomic(path, data)
}

// WriteFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one, never a mix. The file is
// private to its owner (0600).
func WriteFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
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
