package questionnaire

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// ErrConflict says a file was changed by another writer (a second wizard,
// another ssrm command, an editor) after this assessment last read or
// wrote it. SaveAssessment returns it inside a *ConflictError, after
// merging both sides into the file.
var ErrConflict = errors.New("changed by another writer")

// ConflictError reports a save that found its file changed by another
// writer and merged instead of overwriting. The file was written: nothing
// of either side was dropped. errors.Is(err, ErrConflict) holds.
type ConflictError struct {
	// Path is the file as the caller named it.
	Path string
	// Theirs lists the questions whose answers came from the other writer
	// (changed there, not here).
	Theirs []string
	// Both lists the questions both sides changed differently: this side's
	// answer stands, both are recorded in Merged as pending for discussion.
	Both []string
	// Other lists the other things both sides changed differently (the
	// profile, a target, an action decision, the plans): this side's stand.
	Other []string
	// Side is where the other writer's version was kept whole, when Both or
	// Other is not empty.
	Side string
	// Merged is what was written: an app shows it instead of its own copy.
	Merged *Assessment
}

func (e *ConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s was changed by another ssrm or editor while open here; saved with both sides merged", filepath.Base(e.Path))
	if len(e.Theirs) > 0 {
		fmt.Fprintf(&b, ": took %s from the other side", countList(e.Theirs, "answer", "answers"))
	}
	if len(e.Both) > 0 {
		fmt.Fprintf(&b, "; %s answered differently on both sides: kept this side's, both recorded for discussion", countList(e.Both, "question", "questions"))
	}
	if len(e.Other) > 0 {
		fmt.Fprintf(&b, "; kept this side's %s", strings.Join(e.Other, ", "))
	}
	if e.Side != "" {
		fmt.Fprintf(&b, "; the other version is kept whole in %s", filepath.Base(e.Side))
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (e *ConflictError) Unwrap() error { return ErrConflict }

func (e *ConflictError) needsSide() bool { return len(e.Both) > 0 || len(e.Other) > 0 }

// countList is "3 answers (A, B, C)", at most five ids named.
func countList(ids []string, one, many string) string {
	word := many
	if len(ids) == 1 {
		word = one
	}
	shown := ids
	more := ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf(" and %d more", len(ids)-5)
	}
	return fmt.Sprintf("%d %s (%s%s)", len(ids), word, strings.Join(shown, ", "), more)
}

// mergeOnDisk merges this assessment (data) with the file now at target
// (old), written by someone else since known was recorded. It returns the
// merged content (plain JSON) and what happened.
func mergeOnDisk(path, target string, old, data []byte, known fileState, a *Assessment) ([]byte, *ConflictError, error) {
	plain := old
	if IsEncrypted(old) {
		if a.ring == nil {
			return nil, nil, fmt.Errorf("refusing to write %s in plain text over an encrypted file: open it with its passphrase first, or save to another file; nothing was changed", path)
		}
		var err error
		if plain, err = openOld(path, old, a.ring); err != nil {
			return nil, nil, err
		}
	}
	theirs, err := ParseAssessment(path, plain)
	if err != nil {
		return nil, nil, refuseDamaged(path, err)
	}
	var base, ours Assessment
	if err := json.Unmarshal(known.base, &base); err != nil {
		base = Assessment{}
	}
	if err := json.Unmarshal(data, &ours); err != nil {
		return nil, nil, fmt.Errorf("save %s: %w", path, err)
	}
	prev := &base // what the file held after this side's last save
	if known.diverged {
		var d Assessment
		if err := json.Unmarshal(known.disk, &d); err == nil {
			prev = &d
		}
	}
	merged, c := merge3(&base, &ours, theirs, prev)
	out, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return nil, nil, fmt.Errorf("encode assessment: %w", err)
	}
	c.Path = path
	c.Merged = merged
	return append(out, '\n'), c, nil
}

// merge3 is a three-way merge: base is what this side last read or wrote,
// ours is this side now, theirs is the file as another writer left it. A
// change on one side only is taken; a change on both is settled for ours,
// and reported. prev is what the file held after this side's last save:
// only what theirs changed since is reported as taken from them.
func merge3(base, ours, theirs, prev *Assessment) (*Assessment, *ConflictError) {
	c := &ConflictError{}
	m := *ours
	other := func(name string, b, o, t any, set func(v any)) {
		switch {
		case reflect.DeepEqual(o, b):
			if !reflect.DeepEqual(t, o) {
				set(t)
			}
		case reflect.DeepEqual(t, b), reflect.DeepEqual(t, o):
		default:
			c.Other = append(c.Other, name)
		}
	}
	other("profile", base.Profile, ours.Profile, theirs.Profile, func(v any) { m.Profile = v.(Profile) })
	other("mode", base.Mode, ours.Mode, theirs.Mode, func(v any) { m.Mode = v.(string) })
	other("plans", base.Plans, ours.Plans, theirs.Plans, func(v any) { m.Plans = v.(*Plans) })
	other("finish time", base.Finished, ours.Finished, theirs.Finished, func(v any) { m.Finished = v.(time.Time) })
	other("participants", base.Participants, ours.Participants, theirs.Participants, func(v any) { m.Participants = v.([]string) })
	if theirs.Updated.After(m.Updated) {
		m.Updated = theirs.Updated
	}
	if !theirs.Started.IsZero() && (m.Started.IsZero() || theirs.Started.Before(m.Started)) {
		m.Started = theirs.Started
	}

	m.Targets = merge3Map(base.Targets, ours.Targets, theirs.Targets, func(id string) { c.Other = append(c.Other, "target of "+id) })
	m.Actions = merge3Map(base.Actions, ours.Actions, theirs.Actions, func(id string) { c.Other = append(c.Other, "decision on action "+id) })
	m.Responses = merge3Map(base.Responses, ours.Responses, theirs.Responses, func(id string) { c.Other = append(c.Other, "management response on "+id) })
	if len(m.Responses) == 0 {
		m.Responses = nil
	}
	m.Evidence = merge3Map(base.Evidence, ours.Evidence, theirs.Evidence, func(id string) {})
	for _, id := range sortedKeys(ours.Evidence) {
		// both sides changed this question's evidence: pool it
		if o, t, b := ours.Evidence[id], theirs.Evidence[id], base.Evidence[id]; !reflect.DeepEqual(o, b) && !reflect.DeepEqual(t, b) {
			pooled := slices.Clone(o)
			for _, e := range t {
				if !slices.ContainsFunc(pooled, func(x Evidence) bool { return reflect.DeepEqual(x, e) }) {
					pooled = append(pooled, e)
				}
			}
			m.Evidence[id] = pooled
		}
	}
	if len(m.Evidence) == 0 {
		m.Evidence = nil
	}

	// Merge records: by question, as the maps above.
	recs := func(a *Assessment) map[string]MergeRecord {
		out := map[string]MergeRecord{}
		for _, r := range a.Merged {
			out[r.Question] = r
		}
		return out
	}
	mr := merge3Map(recs(base), recs(ours), recs(theirs), func(string) {})
	m.Merged = nil
	for _, id := range sortedKeys(mr) {
		m.Merged = append(m.Merged, mr[id])
	}

	m.Answers = map[string]Answer{}
	ids := map[string]bool{}
	for _, x := range []*Assessment{base, ours, theirs} {
		for id := range x.Answers {
			ids[id] = true
		}
	}
	for _, id := range sortedKeys(ids) {
		b, bok := base.Answers[id]
		o, ook := ours.Answers[id]
		t, tok := theirs.Answers[id]
		same := func(x Answer, xok bool, y Answer, yok bool) bool {
			return xok == yok && (!xok || reflect.DeepEqual(x, y))
		}
		switch {
		case same(o, ook, b, bok):
			if tok {
				m.Answers[id] = t
			}
			if p, pok := prev.Answers[id]; !same(t, tok, o, ook) && tok && !same(t, tok, p, pok) {
				c.Theirs = append(c.Theirs, id)
			}
		case same(t, tok, b, bok), same(t, tok, o, ook):
			if ook {
				m.Answers[id] = o
			}
		case !tok: // removed there, changed here: the answer stays
			m.Answers[id] = o
		case !ook: // removed here, changed there: the answer stays
			m.Answers[id] = t
			if p, pok := prev.Answers[id]; !same(t, tok, p, pok) {
				c.Theirs = append(c.Theirs, id)
			}
		default:
			m.Answers[id] = settle(&m, id, o, t, c)
		}
	}
	return &m, c
}

// settle decides a question both sides answered differently. The same
// answer with different notes keeps both notes; different answers keep
// this side's and record both votes as a pending merge conflict.
func settle(m *Assessment, id string, o, t Answer, c *ConflictError) Answer {
	if agree([]Vote{{Answer: o}, {Answer: t}}) {
		out := o
		out.Parked = o.Parked || t.Parked
		if tn := strings.TrimSpace(t.Note); tn != "" && !strings.Contains(o.Note, tn) {
			out.Note = strings.TrimSpace(o.Note + "\n" + voterName(t, "other side") + ": " + tn)
		}
		return out
	}
	ourName, theirName := voterName(o, "this side"), voterName(t, "other side")
	if ourName == theirName {
		ourName, theirName = ourName+" (this side)", theirName+" (other side)"
	}
	votes := []Vote{{Participant: ourName, Answer: o}, {Participant: theirName, Answer: t}}
	cf, err := Resolve(Conflict{QuestionID: id, Votes: votes, Strategy: StrategyAsk}, Choice{Kind: ChooseParticipant, Participant: ourName})
	if err != nil {
		return o
	}
	cf.Answer = o // this side's answer as it was, notes and all
	cf.Resolved = false
	m.ApplyConflict(cf)
	c.Both = append(c.Both, id)
	return o
}

func voterName(a Answer, fallback string) string {
	if w := strings.TrimSpace(a.Who); w != "" {
		return w
	}
	return fallback
}

// merge3Map merges maps key by key as merge3 merges answers; a key both
// sides changed differently keeps ours and is passed to both.
func merge3Map[V any](base, ours, theirs map[string]V, both func(key string)) map[string]V {
	keys := map[string]bool{}
	for _, m := range []map[string]V{base, ours, theirs} {
		for k := range m {
			keys[k] = true
		}
	}
	var out map[string]V
	put := func(k string, v V) {
		if out == nil {
			out = map[string]V{}
		}
		out[k] = v
	}
	ks := make([]string, 0, len(keys))
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		b, bok := base[k]
		o, ook := ours[k]
		t, tok := theirs[k]
		same := func(x V, xok bool, y V, yok bool) bool { return xok == yok && (!xok || reflect.DeepEqual(x, y)) }
		switch {
		case same(o, ook, b, bok):
			if tok {
				put(k, t)
			}
		case same(t, tok, b, bok), same(t, tok, o, ook):
			if ook {
				put(k, o)
			}
		case !ook:
			put(k, t)
		default:
			put(k, o)
			if tok {
				both(k)
			}
		}
	}
	return out
}

// keepSide writes the other writer's version (as it was on disk) beside
// the file: NAME.conflict-YYYYMMDD-HHMMSS.EXT.
func keepSide(target string, old []byte) (string, error) {
	ext := filepath.Ext(target)
	stem := strings.TrimSuffix(target, ext)
	stamp := time.Now().UTC().Format("20060102-150405")
	name := fmt.Sprintf("%s.conflict-%s%s", stem, stamp, ext)
	for n := 2; n < 1000; n++ {
		if _, err := os.Lstat(name); err != nil {
			break // free (or the folder refuses: WriteFileAtomic says why)
		}
		name = fmt.Sprintf("%s.conflict-%s-%d%s", stem, stamp, n, ext)
	}
	if _, err := os.Lstat(name); err == nil {
		return "", fmt.Errorf("%s exists", name)
	}
	return name, WriteFileAtomic(name, old)
}

// SaveRecovery writes the assessment to a new file when it cannot be
// saved to path (a read-only folder, a file that changed into something
// that does not load, a newer format): NAME.recovered-YYYYMMDD-HHMMSS.EXT
// beside path when that folder takes it, else in the first of dirs that
// does (the user's config folder, the temporary folder). It never replaces
// a file, and an encrypted assessment stays encrypted. It returns the file
// written; the caller says where it is.
func SaveRecovery(path string, a *Assessment, dirs ...string) (string, error) {
	if a.Schema == 0 {
		a.Schema = SchemaVersion
	}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return "", fmt.Errorf("encode assessment: %w", err)
	}
	data = append(data, '\n')
	if a.ring != nil {
		if data, err = a.ring.seal(data); err != nil {
			return "", fmt.Errorf("recovery copy of %s: %w", path, err)
		}
	}
	target, err := resolvePath(path)
	if err != nil {
		target = path
	}
	ext := filepath.Ext(target)
	base := strings.TrimSuffix(filepath.Base(target), ext)
	stamp := time.Now().UTC().Format("20060102-150405")
	var errs []error
	for _, dir := range append([]string{filepath.Dir(target)}, dirs...) {
		if dir == "" {
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("%s.recovered-%s%s", base, stamp, ext))
		for n := 2; n < 1000; n++ {
			if _, err := os.Lstat(name); err != nil {
				break // free (or the folder refuses: WriteFileAtomic says why)
			}
			name = filepath.Join(dir, fmt.Sprintf("%s.recovered-%s-%d%s", base, stamp, n, ext))
		}
		if _, err := os.Lstat(name); err == nil {
			errs = append(errs, fmt.Errorf("%s exists", name))
			continue
		}
		if err := WriteFileAtomic(name, data); err != nil {
			errs = append(errs, err)
			continue
		}
		return name, nil
	}
	return "", fmt.Errorf("no recovery copy of %s could be written: %w", path, errors.Join(errs...))
}
