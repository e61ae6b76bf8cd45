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

// Prepare applies what m asks of the result before it is rendered: with
// m.Redact, a redacted copy of the result and of the baselines, and m's
// Removed and RemovedCounts saying what was taken out. Every writer calls
// it; a result prepared once is not redacted again.
func Prepare(r *scoring.Result, m Meta) (*scoring.Result, Meta) {
	if !m.Redact || m.redacted {
		return r, m
	}
	var rd safetext.Redactor
	r = RedactWith(r, &rd)
	if len(m.Baselines) > 0 {
		bs := make([]*scoring.Result, len(m.Baselines))
		for i, b := range m.Baselines {
			bs[i] = RedactWith(b, &rd)
		}
		m.Baselines = bs
	}
	m.redacted = true
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
	Redact := rd.Redact
	c := *r
	c.Profile = redactProfile(rd, r.Profile)
	c.Questions = make([]scoring.QuestionScore, len(r.Questions))
	for i, s := range r.Questions {
		s.Answer = redactAnswer(rd, s.Answer)
		if s.Exception != nil {
			s.Exception = redactException(rd, s.Exception)
		}
		s.Evidence.Items = redactEvidence(rd, s.Evidence.Items)
		if s.Contradiction != nil {
			ct := *s.Contradiction
			ct.Findings = redactEvidence(rd, ct.Findings)
			s.Contradiction = &ct
		}
		c.Questions[i] = s
	}
	c.Contradictions = make([]scoring.Contradiction, len(r.Contradictions))
	for i, ct := range r.Contradictions {
		ct.Findings = redactEvidence(rd, ct.Findings)
		c.Contradictions[i] = ct
	}
	c.Evidence = make([]scoring.EvidenceItem, len(r.Evidence))
	for i, it := range r.Evidence {
		it.Evidence = redactEvidence(rd, []q.Evidence{it.Evidence})[0]
		c.Evidence[i] = it
	}
	c.Risks = make([]scoring.RiskEntry, len(r.Risks))
	for i, e := range r.Risks {
		e.Owner, e.Justification = Redact(e.Owner), Redact(e.Justification)
		c.Risks[i] = e
	}
	c.Actions = make([]scoring.PlanItem, len(r.Actions))
	for i, it := range r.Actions {
		it.Owner = Redact(it.Owner)
		it.Decision.Owner = Redact(it.Decision.Owner)
		c.Actions[i] = it
	}
	return &c
}

func redactEvidence(rd *safetext.Redactor, evs []q.Evidence) []q.Evidence {
	Redact := rd.Redact
	if evs == nil {
		return nil
	}
	out := make([]q.Evidence, len(evs))
	for i, e := range evs {
		e.Ref, e.Detail, e.Check = Redact(e.Ref), Redact(e.Detail), Redact(e.Check)
		out[i] = e
	}
	return out
}

func redactException(rd *safetext.Redactor, x *q.Exception) *q.Exception {
	Redact := rd.Redact
	e := *x
	e.Control, e.Justification, e.Owner = Redact(e.Control), Redact(e.Justification), Redact(e.Owner)
	return &e
}

func redactProfile(rd *safetext.Redactor, p q.Profile) q.Profile {
	Redact := rd.Redact
	p.Assessor = Redact(p.Assessor)
	p.Sector = Redact(p.Sector)
	return p
}

func redactAnswer(rd *safetext.Redactor, x q.Answer) q.Answer {
	x.Note = rd.Redact(x.Note)
	x.Who = rd.Redact(x.Who)
	if x.Exception != nil {
		x.Exception = redactException(rd, x.Exception)
	}
	return x
}
