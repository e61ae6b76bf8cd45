package questionnaire

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// AnswersFile is the hand-written input of `ssrm assess --answers`: a
// profile and, per question id, a level, "unknown" or "na", or a mapping
// with level, note and who. YAML or JSON.
//
//	profile: {organization: Contoso, size: small, sensitivity: high, models: [paas, saas]}
//	date: 2026-11-20
//	answers:
//	  ID-MFA-ADMIN: 3
//	  HOST-PATCH: unknown
//	  NET-DDOS: {level: 1, note: "Basic only", who: "Sam (IT)"}
type AnswersFile struct {
	Profile Profile
	Date    time.Time
	// Started and Finished are the assessment's session times, when given
	// (RFC 3339 with a zone, or a date).
	Started, Finished time.Time
	Who               string
	Mode              string
	Answers           map[string]Answer
	Targets           map[string]int
	Evidence          map[string][]Evidence
	// Overrides are the assessor's ratings of findings (an answer's
	// override: {risk, reason, who}).
	Overrides map[string]Override
}

type answersDoc struct {
	Profile  Profile               `yaml:"profile"`
	Date     string                `yaml:"date"`
	Started  string                `yaml:"started"`
	Finished string                `yaml:"finished"`
	Who      string                `yaml:"who"`
	Mode     string                `yaml:"mode"`
	Answers  map[string]yaml.Node  `yaml:"answers"`
	Targets  map[string]int        `yaml:"targets"`
	Evidence map[string][]Evidence `yaml:"evidence"`
}

// LoadAnswers reads an answers file and checks it against the bank.
func LoadAnswers(path string, b *Bank) (*AnswersFile, error) {
	data, err := readInput(path, "check the path; 'ssrm assess --help' shows what an answers file looks like", answersLimit)
	if err != nil {
		return nil, err
	}
	return ParseAnswers(path, data, b)
}

// ParseAnswers decodes an answers file. Unknown question ids, levels a
// question does not offer and unknown words are errors with file and line.
func ParseAnswers(file string, data []byte, b *Bank) (*AnswersFile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxProblems(file, data, err)
	}
	if len(root.Content) == 0 {
		return nil, Problems{{File: file, Line: 1, Msg: "the answers file is empty: give a profile and answers (see 'ssrm assess --help')"}}
	}
	var doc answersDoc
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, yamlProblems(file, err)
	}
	pos := newPositions(&root)
	var ps Problems
	add := func(line int, format string, args ...interface{}) {
		ps = append(ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	out := &AnswersFile{Profile: doc.Profile, Who: doc.Who, Mode: doc.Mode, Answers: map[string]Answer{},
		Targets: doc.Targets, Evidence: doc.Evidence}
	if doc.Date != "" {
		t, err := parseDate(doc.Date)
		if err != nil {
			add(pos.line("date"), "date %q: use YYYY-MM-DD or RFC 3339", doc.Date)
		}
		out.Date = t
	}
	for _, f := range []struct {
		key string
		in  string
		out *time.Time
	}{{"started", doc.Started, &out.Started}, {"finished", doc.Finished, &out.Finished}} {
		if f.in == "" {
			continue
		}
		t, err := parseDate(f.in)
		if err != nil {
			add(pos.line(f.key), "%s %q: use RFC 3339 (2026-11-16T09:30:00+00:00) or YYYY-MM-DD", f.key, f.in)
		}
		*f.out = t
	}
	if !out.Started.IsZero() && !out.Finished.IsZero() && out.Finished.Before(out.Started) {
		add(pos.line("finished"), "finished %s is before started %s", doc.Finished, doc.Started)
	}
	ps = append(ps, CheckProfile(file, doc.Profile, b, pos)...)

	ids := make([]string, 0, len(doc.Answers))
	for id := range doc.Answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	unknown := 0
	for _, id := range ids {
		node := doc.Answers[id]
		line := pos.line("answers", id)
		q, ok := b.Question(id)
		if !ok {
			if unknown++; unknown > maxNamed {
				continue // counted below
			}
			hint := ""
			if near := b.closestQuestion(id); near != "" {
				hint = fmt.Sprintf("did you mean %s? ", near)
			}
			add(line, "unknown question id %q (%s'ssrm bank export' lists the ids)", id, hint)
			continue
		}
		ans, evs, prob, err := decodeAnswer(&node)
		if err != nil {
			add(node.Line, "answer to %s: %v", id, err)
			continue
		}
		if prob != nil {
			add(prob.Line, "answer to %s: %s", id, prob.Msg)
			continue
		}
		if len(evs) > 0 {
			if out.Evidence == nil {
				out.Evidence = map[string][]Evidence{}
			}
			out.Evidence[id] = append(out.Evidence[id], evs...)
		}
		if ans.Status == Answered {
			if _, ok := q.Option(ans.Level); !ok {
				add(node.Line, "answer to %s: level %d is not one of its options (%s)", id, ans.Level, levelList(q))
				continue
			}
		}
		if ans.Who == "" {
			ans.Who = doc.Who
		}
		if v := valueOf(&node, "override"); v != nil {
			var o Override
			if err := v.Decode(&o); err != nil {
				add(v.Line, "override of %s: %v", id, err)
				continue
			}
			if msg := o.Problem(); msg != "" {
				add(v.Line, "override of %s: %s", id, msg)
				continue
			}
			if o.Who == "" {
				o.Who = doc.Who
			}
			if out.Overrides == nil {
				out.Overrides = map[string]Override{}
			}
			out.Overrides[id] = o
		}
		out.Answers[id] = ans
	}
	if unknown > maxNamed {
		add(pos.line("answers"), "and %d more answers to unknown question ids", unknown-maxNamed)
	}
	for id, t := range doc.Targets {
		if _, ok := b.Question(id); !ok {
			add(pos.line("targets", id), "target for unknown question id %q", id)
		} else if t < 0 || t > 5 {
			add(pos.line("targets", id), "target %d for %s is out of range 0–5", t, id)
		}
	}
	for id := range doc.Evidence {
		if _, ok := b.Question(id); !ok {
			add(pos.line("evidence", id), "evidence for unknown question id %q", id)
		}
	}
	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
		return nil, ps
	}
	return out, nil
}

// CheckProfile validates a profile against the bank's vocabularies.
func CheckProfile(file string, p Profile, b *Bank, pos positions) Problems {
	var ps Problems
	add := func(line int, format string, args ...interface{}) {
		ps = append(ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if p.Size != "" && SizeRank(p.Size) < 0 {
		add(pos.line("profile", "size"), "unknown size %q: use micro, small, medium, large or enterprise", p.Size)
	}
	if _, ok := b.Targets.Sensitivity[p.Sensitivity]; p.Sensitivity != "" && !ok {
		add(pos.line("profile", "sensitivity"), "unknown data sensitivity %q: use one of %s", p.Sensitivity, keys(b.Targets.Sensitivity))
	}
	for i, m := range p.Models {
		if m != IaaS && m != PaaS && m != SaaS {
			add(pos.line("profile", "models", i), "unknown service model %q: use iaas, paas or saas", m)
		}
	}
	known := set(b.Services)
	for i, s := range p.Services {
		if !known[s] {
			add(pos.line("profile", "services", i), "unknown Azure service %q: use one of %s", s, strings.Join(serviceIDs(b), ", "))
		}
	}
	if p.Country != "" && !ValidCountry(p.Country) {
		add(pos.line("profile", "country"), "country %q: use a two-letter ISO 3166-1 code in capitals, such as GB, IE or US", p.Country)
	}
	if c := p.SecurityContact; c != "" && (len([]rune(c)) > 200 || strings.ContainsAny(c, "\n\r")) {
		add(pos.line("profile", "security_contact"), "security_contact: give one line of at most 200 characters (an address and a phone number)")
	}
	if p.Capacity < 0 || p.Capacity > MaxCapacity {
		add(pos.line("profile", "capacity"), "capacity %d is out of range: give the effort points the team takes on per 30 days (S 1, M 2, L 4), from 1 to %d, or remove the line to use the default for the size", p.Capacity, MaxCapacity)
	}
	if p.Target < 0 || p.Target > 5 {
		add(pos.line("profile", "target"), "target %d is out of range 0–5", p.Target)
	}
	for i, l := range p.Licences {
		if _, ok := PlanByID(l); !ok {
			add(pos.line("profile", "licences", i), "unknown licence %q: use one of %s", l, PlanIDs())
		}
	}
	for _, role := range sortedKeys(p.Owners) {
		if _, ok := b.roles[role]; !ok && len(b.Roles) > 0 {
			add(pos.line("profile", "owners", role), "owners: %q is not a role of the bank: use one of %s", role, roleIDs(b))
		} else if strings.TrimSpace(p.Owners[role]) == "" {
			add(pos.line("profile", "owners", role), "owners: %s names no one: give a name or remove the line", role)
		}
	}
	return ps
}

// answerMapping is the long form of an answer in an answers file.
type answerMapping struct {
	Level        *string         `yaml:"level"`
	Status       string          `yaml:"status"`
	Note         string          `yaml:"note"`
	Who          string          `yaml:"who"`
	Parked       bool            `yaml:"parked"`
	Compensating *exceptionInput `yaml:"compensating"`
	Accepted     *exceptionInput `yaml:"accepted"`
	Evidence     []string        `yaml:"evidence"`
	Override     *Override       `yaml:"override"`
}

// exceptionInput is a compensating control or an accepted risk as written.
type exceptionInput struct {
	Control       string `yaml:"control"`
	Justification string `yaml:"justification"`
	Owner         string `yaml:"owner"`
	Review        string `yaml:"review"`
}

// decodeAnswer reads one answer: a level, a word, or a mapping. Problems
// in an exception are reported at the exception's own line.
func decodeAnswer(n *yaml.Node) (Answer, []Evidence, *Problem, error) {
	if n.Kind == yaml.ScalarNode {
		ans, err := answerFromWord(n.Value)
		return ans, nil, nil, err
	}
	if n.Kind != yaml.MappingNode {
		return Answer{}, nil, nil, fmt.Errorf("give a level 0–5, unknown, na, or {level, note, who}")
	}
	if k := unknownKey(n, "level", "status", "note", "who", "parked", "compensating", "accepted", "evidence", "override"); k != nil {
		return Answer{}, nil, &Problem{Line: k.Line, Msg: fmt.Sprintf("unknown key %q: use level, note, who, compensating, accepted, evidence or override", k.Value)}, nil
	}
	if v := valueOf(n, "override"); v != nil {
		if k := unknownKey(v, "risk", "reason", "who"); k != nil {
			return Answer{}, nil, &Problem{Line: k.Line, Msg: fmt.Sprintf("unknown key %q in override: use risk, reason, who", k.Value)}, nil
		}
	}
	for _, key := range []string{"compensating", "accepted"} {
		if v := valueOf(n, key); v != nil {
			if k := unknownKey(v, "control", "justification", "owner", "review"); k != nil {
				return Answer{}, nil, &Problem{Line: k.Line, Msg: fmt.Sprintf("unknown key %q in %s: use control, justification, owner, review", k.Value, key)}, nil
			}
		}
	}
	var m answerMapping
	if err := n.Decode(&m); err != nil {
		return Answer{}, nil, nil, err
	}
	var ans Answer
	var err error
	switch {
	case m.Level != nil:
		ans, err = answerFromWord(*m.Level)
	case m.Status != "":
		ans, err = answerFromWord(m.Status)
	default:
		err = fmt.Errorf("give a level or a status")
	}
	if err != nil {
		return ans, nil, nil, err
	}
	ans.Note, ans.Who, ans.Parked = m.Note, m.Who, m.Parked
	pos := newPositions(n)
	switch {
	case m.Compensating != nil && m.Accepted != nil:
		return ans, nil, &Problem{Line: pos.line("accepted"), Msg: "an answer is either a compensating control or an accepted risk, not both"}, nil
	case m.Compensating != nil:
		ans.Exception = &Exception{Kind: Compensating, Control: m.Compensating.Control, Justification: m.Compensating.Justification}
		if ans.Status != Answered {
			return ans, nil, &Problem{Line: pos.line("compensating"), Msg: "a compensating control grants a level: give level 0–5"}, nil
		}
		if msg := ans.Exception.Problem(); msg != "" {
			return ans, nil, &Problem{Line: pos.line("compensating"), Msg: msg}, nil
		}
	case m.Accepted != nil:
		ans.Exception = &Exception{Kind: RiskAccepted, Owner: m.Accepted.Owner, Justification: m.Accepted.Justification}
		if m.Accepted.Review != "" {
			t, err := parseDate(m.Accepted.Review)
			if err != nil {
				return ans, nil, &Problem{Line: pos.line("accepted", "review"), Msg: fmt.Sprintf("review date %q: use YYYY-MM-DD", m.Accepted.Review)}, nil
			}
			ans.Exception.Review = t
		}
		if msg := ans.Exception.Problem(); msg != "" {
			return ans, nil, &Problem{Line: pos.line("accepted"), Msg: msg}, nil
		}
	}
	var evs []Evidence
	for _, e := range m.Evidence {
		evs = append(evs, EvidenceFromRef(e))
	}
	return ans, evs, nil, nil
}

// EvidenceFromRef reads a short evidence reference: a URL, "file:PATH",
// "finding:ID" (a live finding), "seen:WHAT" (what the assessor saw for
// themselves), or free text kept as a note.
func EvidenceFromRef(ref string) Evidence {
	ref = strings.TrimSpace(ref)
	switch {
	case strings.HasPrefix(ref, "https://"), strings.HasPrefix(ref, "http://"):
		return Evidence{Source: "url", Ref: ref}
	case strings.HasPrefix(ref, "file:"):
		return Evidence{Source: "file", Ref: strings.TrimPrefix(ref, "file:")}
	case strings.HasPrefix(ref, "finding:"):
		return Evidence{Source: "finding", Ref: strings.TrimPrefix(ref, "finding:")}
	case strings.HasPrefix(ref, "seen:"):
		return Evidence{Source: SourceSeen, Detail: strings.TrimSpace(strings.TrimPrefix(ref, "seen:"))}
	}
	return Evidence{Source: "note", Detail: ref}
}

// unknownKey returns the first key of a mapping that is not allowed.
func unknownKey(n *yaml.Node, allowed ...string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !ok[n.Content[i].Value] {
			return n.Content[i]
		}
	}
	return nil
}

// valueOf returns the value of a key in a mapping node.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func answerFromWord(w string) (Answer, error) {
	switch strings.ToLower(strings.TrimSpace(w)) {
	case "unknown", "dont-know", "don't know", "dk", "?":
		return Answer{Status: Unknown}, nil
	case "na", "n/a", "not-applicable", "not applicable":
		return Answer{Status: NotApplicable}, nil
	}
	l, err := strconv.Atoi(strings.TrimSpace(w))
	if err != nil || l < 0 || l > 5 {
		return Answer{}, fmt.Errorf("%q is not a level 0–5, unknown or na", w)
	}
	return Answer{Status: Answered, Level: l}, nil
}

// Apply builds an assessment from the answers file.
func (f *AnswersFile) Apply(b *Bank, now time.Time) *Assessment {
	when := now
	if !f.Date.IsZero() {
		when = f.Date
	}
	a := NewAssessment(b, f.Profile, when)
	a.Mode = f.Mode
	for id, ans := range f.Answers {
		a.SetAnswer(id, ans, when)
	}
	a.Targets = f.Targets
	a.Evidence = f.Evidence
	for id, o := range f.Overrides {
		a.SetOverride(id, o, when)
	}
	if !f.Started.IsZero() {
		a.Started = f.Started
	}
	if !f.Finished.IsZero() {
		a.Finished = f.Finished
		a.Updated = f.Finished
	}
	return a
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	return time.Parse(time.RFC3339, s)
}

func levelList(q *Question) string {
	parts := make([]string, len(q.Options))
	for i, o := range q.Options {
		parts[i] = strconv.Itoa(o.Level)
	}
	return "levels " + strings.Join(parts, ", ")
}

func keys(m map[string]int) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return m[ks[i]] < m[ks[j]] || m[ks[i]] == m[ks[j]] && ks[i] < ks[j] })
	return strings.Join(ks, ", ")
}

func serviceIDs(b *Bank) []string {
	ids := make([]string, len(b.Services))
	for i, s := range b.Services {
		ids[i] = s.ID
	}
	return ids
}

func roleIDs(b *Bank) string {
	ids := make([]string, len(b.Roles))
	for i, r := range b.Roles {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}
