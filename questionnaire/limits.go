package questionnaire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Size limits of the files ssrm reads, documented in the README ("Limits").
// Each is far above what ssrm writes or a person edits (the embedded bank
// is about 0.2 MB, a finished assessment with live evidence well under
// 1 MB) and keeps one wrong or hostile file from taking the machine's
// memory: a file is held in memory several times over while it is parsed.
const (
	// MaxBankSize is the largest question bank file read (--bank).
	MaxBankSize = 32 << 20
	// MaxAnswersSize is the largest answers file read (assess --answers).
	MaxAnswersSize = 32 << 20
	// MaxAssessmentSize is the largest saved assessment read, plain or
	// encrypted.
	MaxAssessmentSize = 64 << 20
)

// limit is a size limit and the kind of file it applies to.
type limit struct {
	kind string
	max  int64
}

var (
	bankLimit       = limit{"question banks", MaxBankSize}
	answersLimit    = limit{"answers files", MaxAnswersSize}
	assessmentLimit = limit{"saved assessments", MaxAssessmentSize}
)

// TooLargeError is a file over its size limit; it was not read.
type TooLargeError struct {
	Path  string
	Kind  string // "saved assessments", "Azure snapshots", ...
	Size  int64  // -1 when unknown (a pipe)
	Limit int64
}

func (e *TooLargeError) Error() string {
	size := "larger than that"
	if e.Size >= 0 {
		size = mib(e.Size)
	}
	return fmt.Sprintf("%s is %s; ssrm reads %s up to %s (see 'Limits' in the README): "+
		"check it is the file you meant; nothing was read", e.Path, size, e.Kind, mib(e.Limit))
}

func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// maxNamed is how many unknown question ids a report names, each with its
// line and a suggestion; the rest are counted. Suggestions cost an edit
// distance against every question, so a file of a million made-up ids
// must not ask for a million of them.
const maxNamed = 20

// unknownIDs lists what an assessment holds for question ids the bank
// lacks: answers, then targets and evidence. data, the file's text, gives
// the lines (0 when it is nil).
func unknownIDs(file string, data []byte, a *Assessment, b *Bank) Problems {
	type hit struct{ section, id string }
	var hits []hit
	for _, sec := range []struct {
		name string
		ids  []string
	}{{"answers", sortedKeys(a.Answers)}, {"targets", sortedKeys(a.Targets)}, {"evidence", sortedKeys(a.Evidence)}} {
		for _, id := range sec.ids {
			if _, ok := b.Question(id); !ok {
				hits = append(hits, hit{sec.name, id})
			}
		}
	}
	if len(hits) == 0 {
		return nil
	}
	what := map[string]string{"answers": "answer to", "targets": "target for", "evidence": "evidence for"}
	var ps Problems
	for i, h := range hits {
		if i == maxNamed {
			a.unknownMore = len(hits) - maxNamed
			ps = append(ps, Problem{File: file, Msg: fmt.Sprintf("and %d more entries for question ids this bank does not have", len(hits)-maxNamed)})
			break
		}
		hint := ""
		if near := b.closestQuestion(h.id); near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", near)
		}
		ps = append(ps, Problem{File: file, Line: keyLine(data, h.section, h.id),
			Msg: fmt.Sprintf("%s unknown question id %q%s: kept in the file, left out of every score; was it answered against another bank (--bank)?", what[h.section], h.id, hint)})
	}
	return ps
}

// keyLine finds the line of "id": inside the top-level "section" of a JSON
// document ssrm wrote, or 0. A scan, not a parse: a file of many megabytes
// gives its lines without a second tree in memory.
func keyLine(data []byte, section, id string) int {
	if data == nil {
		return 0
	}
	start := bytes.Index(data, []byte(`"`+section+`"`))
	if start < 0 {
		return 0
	}
	key, _ := json.Marshal(id)
	for off := start; ; {
		i := bytes.Index(data[off:], key)
		if i < 0 {
			return 0
		}
		j := off + i + len(key)
		rest := bytes.TrimLeft(data[j:], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return lineAt(data, int64(off+i))
		}
		off = j
	}
}

// Unknown lists what the assessment holds for question ids its bank lacks,
// found when it was loaded with LoadOptions.Bank: each with file, line and
// a suggestion. Callers say so (a warning): the entries stay in the file,
// and scoring leaves them out.
func (a *Assessment) Unknown() Problems { return a.unknown }

// UnknownCount is how many entries Unknown is about (it names the first
// 20 and counts the rest in one line).
func (a *Assessment) UnknownCount() int {
	n := len(a.unknown)
	if n > maxNamed {
		n = maxNamed + a.unknownMore
	}
	return n
}
