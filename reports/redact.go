package reports

import (
	"net"
	"regexp"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Redaction for reports that leave the building: Azure resource IDs, IP
// addresses and subscription (or any other) GUIDs are replaced in every
// piece of user text: notes, who answered, evidence references and
// details, owners, exceptions and the risk register, the assessor and the
// sector. The organization's name is left as is.

// The words that stand in for what was removed.
const (
	RedactedResource = "[resource ID]"
	RedactedIP       = "[IP address]"
	RedactedGUID     = "[subscription ID]"
)

var (
	reResourceID = regexp.MustCompile(`(?i)/?subscriptions/[^\s"'<>,;()\[\]{}]+`)
	reGUID       = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	reIPv4       = regexp.MustCompile(`\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:/\d{1,2})?\b`)
	// IPv6 candidates are checked with net.ParseIP before they are replaced,
	// so times like 10:30:00 survive.
	reIPv6 = regexp.MustCompile(`(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%[0-9a-z]+)?(?:/\d{1,3})?`)
)

// Redact replaces resource IDs, IP addresses and GUIDs in s.
func Redact(s string) string {
	if s == "" {
		return s
	}
	s = reResourceID.ReplaceAllString(s, RedactedResource)
	s = reGUID.ReplaceAllString(s, RedactedGUID)
	s = replaceIPv4(s)
	if strings.Count(s, ":") >= 2 {
		s = reIPv6.ReplaceAllStringFunc(s, func(m string) string {
			addr := m
			if i := strings.IndexAny(addr, "%/"); i >= 0 {
				addr = addr[:i]
			}
			if !strings.Contains(addr, "::") && strings.Count(addr, ":") < 7 {
				return m
			}
			if net.ParseIP(addr) == nil {
				return m
			}
			return RedactedIP
		})
	}
	return s
}

// Redacted returns a copy of the result whose user text is redacted: the
// profile, notes, exceptions, evidence and owners. The result passed in is
// not modified.
func Redacted(r *scoring.Result) *scoring.Result {
	c := *r
	c.Profile = redactProfile(r.Profile)
	c.Questions = make([]scoring.QuestionScore, len(r.Questions))
	for i, s := range r.Questions {
		s.Answer = redactAnswer(s.Answer)
		if s.Exception != nil {
			s.Exception = redactException(s.Exception)
		}
		s.Evidence.Items = redactEvidence(s.Evidence.Items)
		if s.Contradiction != nil {
			ct := *s.Contradiction
			ct.Findings = redactEvidence(ct.Findings)
			s.Contradiction = &ct
		}
		c.Questions[i] = s
	}
	c.Contradictions = make([]scoring.Contradiction, len(r.Contradictions))
	for i, ct := range r.Contradictions {
		ct.Findings = redactEvidence(ct.Findings)
		c.Contradictions[i] = ct
	}
	c.Evidence = make([]scoring.EvidenceItem, len(r.Evidence))
	for i, it := range r.Evidence {
		it.Evidence = redactEvidence([]q.Evidence{it.Evidence})[0]
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

func redactEvidence(evs []q.Evidence) []q.Evidence {
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

func redactException(x *q.Exception) *q.Exception {
	e := *x
	e.Control, e.Justification, e.Owner = Redact(e.Control), Redact(e.Justification), Redact(e.Owner)
	return &e
}

func redactProfile(p q.Profile) q.Profile {
	p.Assessor = Redact(p.Assessor)
	p.Sector = Redact(p.Sector)
	return p
}

func redactAnswer(x q.Answer) q.Answer {
	x.Note = Redact(x.Note)
	x.Who = Redact(x.Who)
	if x.Exception != nil {
		x.Exception = redactException(x.Exception)
	}
	return x
}

// replaceIPv4 replaces dotted quads that stand alone: not part of a longer
// dotted number such as a version 1.2.3.4.5.
func replaceIPv4(s string) string {
	ms := reIPv4.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		i, j := m[0], m[1]
		if i > 0 && (s[i-1] == '.' || isDigit(s[i-1])) {
			continue
		}
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(RedactedIP)
		last = j
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
