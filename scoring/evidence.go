package scoring

import (
	"sort"

	q "github.com/ssrm/ssrm/questionnaire"
)

// EvidenceItem is one piece of evidence with the question it is attached
// to.
type EvidenceItem struct {
	QuestionID string
	q.Evidence
	// Asked is false for evidence on a question not asked for this profile.
	Asked bool
	// Contradiction is set on a failing live finding behind an answer the
	// evidence disagrees with.
	Contradiction *Contradiction
}

// Contradiction is an answer that live evidence disagrees with: the
// question was answered at a higher level than its live evidence suggests,
// and at least one live check fails ("MFA enforced" answered, Defender
// says an owner has no MFA).
type Contradiction struct {
	QuestionID     string `json:"question_id"`
	AnsweredLevel  int    `json:"answered_level"`
	SuggestedLevel int    `json:"suggested_level"`
	// Findings are the failing live evidence entries behind it.
	Findings []q.Evidence `json:"findings"`
	// Kept is set when the answer was kept over this evidence, with a
	// reason: the disagreement stays on record, the warning is settled.
	Kept *q.Kept `json:"kept,omitempty"`
}

// Suggest is the level live evidence suggests for a question: the lowest
// of its live checks' suggestions, since the weakest control bounds the
// question. It reports false when no live check suggests one.
func Suggest(evs []q.Evidence) (int, bool) {
	lvl, ok := 0, false
	for _, e := range evs {
		if e.Source != q.SourceLive || e.Suggested == nil {
			continue
		}
		if !ok || *e.Suggested < lvl {
			lvl, ok = *e.Suggested, true
		}
	}
	return lvl, ok
}

// contradiction is the contradiction of a scored question, or nil. A
// parked answer contradicts nothing: it is not scored.
func contradiction(s QuestionScore) *Contradiction {
	if s.Status != q.Answered || s.Evidence.Suggested == nil || s.Level <= *s.Evidence.Suggested {
		return nil
	}
	var failing []q.Evidence
	for _, e := range s.Evidence.Items {
		if e.Source == q.SourceLive && e.Status == "fail" {
			failing = append(failing, e)
		}
	}
	if len(failing) == 0 {
		return nil
	}
	c := &Contradiction{QuestionID: s.Question.ID, AnsweredLevel: s.Level, SuggestedLevel: *s.Evidence.Suggested, Findings: failing}
	if k := s.Answer.Kept; k.Holds(s.Level, c.SuggestedLevel) {
		c.Kept = k
	}
	return c
}

// evidenceItems lists every piece of evidence of a (the result's own
// copy): the asked questions' in bank order, then those on questions not
// asked, by id.
func evidenceItems(r *Result, a *q.Assessment) []EvidenceItem {
	var out []EvidenceItem
	for _, s := range r.Questions {
		for _, e := range s.Evidence.Items {
			it := EvidenceItem{QuestionID: s.Question.ID, Evidence: e, Asked: true}
			if s.Contradiction != nil && e.Source == q.SourceLive && e.Status == "fail" {
				it.Contradiction = s.Contradiction
			}
			out = append(out, it)
		}
	}
	var rest []string
	for id, evs := range a.Evidence {
		if _, asked := r.index[id]; !asked && len(evs) > 0 {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		for _, e := range a.Evidence[id] {
			out = append(out, EvidenceItem{QuestionID: id, Evidence: e})
		}
	}
	return out
}

// HasEvidence reports whether the assessment holds any evidence.
func (r *Result) HasEvidence() bool { return len(r.Evidence) > 0 }

// ContradictionOf returns the contradiction on a question, if any.
func (r *Result) ContradictionOf(id string) (Contradiction, bool) {
	if s, ok := r.Question(id); ok && s.Contradiction != nil {
		return *s.Contradiction, true
	}
	return Contradiction{}, false
}

// capacity is the effort the team takes on per 30 days: the profile's
// own figure when it states one, else the bank's table for its size, or
// DefaultCapacity when it has no row.
func capacity(b *q.Bank, p q.Profile) int {
	if p.Capacity > 0 && p.Capacity <= q.MaxCapacity {
		return p.Capacity
	}
	if c := b.Capacity[p.Size]; c > 0 {
		return c
	}
	return DefaultCapacity
}
