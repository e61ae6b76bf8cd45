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

// Redacted returns a copy of the result whose user text is redacted. The
// result passed in is not modified.
func Redacted(r *scoring.Result) *scoring.Result {
	c := *r
	a := q.Assessment{}
	if r.Assessment != nil {
		a = *r.Assessment
	}
	a.Profile = redactProfile(a.Profile)
	c.Profile = redactProfile(r.Profile)
	if a.Answers != nil {
		ans := make(map[string]q.Answer, len(a.Answers))
		for id, x := range a.Answers {
			ans[id] = redactAnswer(x)
		}
		a.Answers = ans
	}
	if a.Evidence != nil {
		ev := make(map[string][]q.Evidence, len(a.Evidence))
		for id, es := range a.Evidence {
			out := make([]q.Evidence, len(es))
			for i, e := range es {
				e.Ref, e.Detail, e.Check = Redact(e.Ref), Redact(e.Detail), Redact(e.Check)
				out[i] = e
			}
			ev[id] = out
		}
		a.Evidence = ev
	}
	if a.Actions != nil {
		acts := make(map[string]q.ActionState, len(a.Actions))
		for id, s := range a.Actions {
			s.Owner = Redact(s.Owner)
			acts[id] = s
		}
		a.Actions = acts
	}
	c.Assessment = &a
	c.Questions = make([]scoring.QuestionScore, len(r.Questions))
	for i, s := range r.Questions {
		s.Answer = redactAnswer(s.Answer)
		c.Questions[i] = s
	}
	c.Risks = make([]scoring.RiskEntry, len(r.Risks))
	for i, e := range r.Risks {
		e.Owner, e.Justification = Redact(e.Owner), Redact(e.Justification)
		c.Risks[i] = e
	}
	c.Actions = make([]scoring.PlanItem, len(r.Actions))
	for i, it := range r.Actions {
		it.Owner = Redact(it.Owner)
		c.Actions[i] = it
	}
	return &c
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
		e := *x.Exception
		e.Control, e.Justification, e.Owner = Redact(e.Control), Redact(e.Justification), Redact(e.Owner)
		x.Exception = &e
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
