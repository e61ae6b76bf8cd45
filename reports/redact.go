package reports

import (
	"strings"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Redaction for reports that leave the building: connection strings,
// tokens (JWT), SAS signatures, passwords and keys, e-mail addresses, Azure
// resource IDs, IP addresses and subscription (or any other) GUIDs are
// replaced in every piece of user text: notes, who answered, evidence
// references and details, owners, exceptions and the risk register, the
// assessor and the sector. The organization's name is left as is. What
// was removed is counted, and every format says it (see Meta.Removed).

// The words that stand in for what was removed.
const (
	RedactedResource = string(safetext.ResourceID)
	RedactedIP       = string(safetext.IPAddress)
	RedactedGUID     = string(safetext.GUID)
	RedactedEmail    = string(safetext.Email)
)

// Redact replaces secrets and personal data in s (see safetext.Redactor).
func Redact(s string) string {
	var rd safetext.Redactor
	return rd.Redact(s)
}

// Prepare makes the result fit to render: a copy whose user text is
// cleaned of control, bidi and invisible characters (see Cleaned), and
// with m.Redact redacted too, the baselines alike, m's Removed and
// RemovedCounts saying what was taken out. Every writer calls it; a
// result prepared once is not prepared again.
func Prepare(r *scoring.Result, m Meta) (*scoring.Result, Meta) {
	if m.prepared {
		return r, m
	}
	m.prepared = true
	r = Cleaned(r)
	if len(m.Baselines) > 0 {
		bs := make([]*scoring.Result, len(m.Baselines))
		for i, b := range m.Baselines {
			bs[i] = Cleaned(b)
		}
		m.Baselines = bs
	}
	if !m.Redact {
		return r, m
	}
	var rd safetext.Redactor
	r = RedactWith(r, &rd)
	for i, b := range m.Baselines {
		m.Baselines[i] = RedactWith(b, &rd)
	}
	m.Removed = rd.Summary()
	m.RemovedCounts = map[string]int{}
	for k, n := range rd.Counts() {
		m.RemovedCounts[strings.Trim(string(k), "[]")] = n
	}
	return r, m
}

// RedactionNote is the sentence a report carries when it was redacted.
func RedactionNote(m Meta) string {
	if !m.Redact {
		return ""
	}
	what := "nothing matched"
	if m.Removed != "" {
		what = m.Removed + " removed"
	}
	return "Redacted (" + what + "): connection strings, tokens, SAS signatures, passwords and keys, e-mail addresses, Azure resource IDs, IP addresses and subscription IDs in notes, names and evidence are replaced by placeholders such as " + RedactedEmail + "."
}

// Redacted returns a redacted copy of the result (see RedactWith).
func Redacted(r *scoring.Result) *scoring.Result {
	var rd safetext.Redactor
	return RedactWith(r, &rd)
}

// RedactWith returns a copy of the result whose user text is redacted by
// rd, which counts what it removed: the profile, notes, exceptions,
// evidence and owners. The result passed in is not modified.
func RedactWith(r *scoring.Result, rd *safetext.Redactor) *scoring.Result {
	return mapText(r, rd.Redact, false)
}

// Cleaned returns a copy of the result whose user text, the organization
// included, has no control, bidi or invisible format character (see
// safetext.Clean): what every report format is written from.
func Cleaned(r *scoring.Result) *scoring.Result {
	return mapText(r, safetext.Clean, true)
}

// mapText returns a copy of the result with f applied to every piece of
// user text; the organization's name too when org is set.
func mapText(r *scoring.Result, f func(string) string, org bool) *scoring.Result {
	c := *r
	c.Profile = mapProfile(f, r.Profile, org)
	c.Questions = make([]scoring.QuestionScore, len(r.Questions))
	for i, s := range r.Questions {
		s.Answer = mapAnswer(f, s.Answer)
		if s.Exception != nil {
			s.Exception = mapException(f, s.Exception)
		}
		s.Evidence.Items = mapEvidence(f, s.Evidence.Items)
		if s.Contradiction != nil {
			ct := *s.Contradiction
			ct.Findings = mapEvidence(f, ct.Findings)
			ct.Kept = mapKept(f, ct.Kept)
			s.Contradiction = &ct
		}
		c.Questions[i] = s
	}
	c.Contradictions = make([]scoring.Contradiction, len(r.Contradictions))
	for i, ct := range r.Contradictions {
		ct.Findings = mapEvidence(f, ct.Findings)
		ct.Kept = mapKept(f, ct.Kept)
		c.Contradictions[i] = ct
	}
	c.Evidence = make([]scoring.EvidenceItem, len(r.Evidence))
	for i, it := range r.Evidence {
		it.Evidence = mapEvidence(f, []q.Evidence{it.Evidence})[0]
		if it.Contradiction != nil {
			ct := *it.Contradiction
			ct.Findings = mapEvidence(f, ct.Findings)
			ct.Kept = mapKept(f, ct.Kept)
			it.Contradiction = &ct
		}
		c.Evidence[i] = it
	}
	c.Risks = make([]scoring.RiskEntry, len(r.Risks))
	for i, e := range r.Risks {
		e.Owner, e.Justification = f(e.Owner), f(e.Justification)
		c.Risks[i] = e
	}
	c.Actions = make([]scoring.PlanItem, len(r.Actions))
	for i, it := range r.Actions {
		it.Owner = f(it.Owner)
		it.Decision.Owner = f(it.Decision.Owner)
		c.Actions[i] = it
	}
	if r.Responses != nil {
		c.Responses = make(map[string]q.Response, len(r.Responses))
		for id, rs := range r.Responses {
			rs.Comment, rs.Who = f(rs.Comment), f(rs.Who)
			c.Responses[id] = rs
		}
	}
	return &c
}

func mapEvidence(f func(string) string, evs []q.Evidence) []q.Evidence {
	if evs == nil {
		return nil
	}
	out := make([]q.Evidence, len(evs))
	for i, e := range evs {
		e.Ref, e.Detail, e.Check = f(e.Ref), f(e.Detail), f(e.Check)
		out[i] = e
	}
	return out
}

func mapException(f func(string) string, x *q.Exception) *q.Exception {
	e := *x
	e.Control, e.Justification, e.Owner = f(e.Control), f(e.Justification), f(e.Owner)
	return &e
}

func mapProfile(f func(string) string, p q.Profile, org bool) q.Profile {
	p.Assessor = f(p.Assessor)
	p.Sector = f(p.Sector)
	if org {
		p.Organization = f(p.Organization)
	}
	return p
}

func mapAnswer(f func(string) string, x q.Answer) q.Answer {
	x.Note = f(x.Note)
	x.Who = f(x.Who)
	if x.Exception != nil {
		x.Exception = mapException(f, x.Exception)
	}
	x.Kept = mapKept(f, x.Kept)
	return x
}

// mapKept applies f to the reason an answer was kept over live evidence.
func mapKept(f func(string) string, k *q.Kept) *q.Kept {
	if k == nil {
		return nil
	}
	c := *k
	c.Reason = f(c.Reason)
	return &c
}
