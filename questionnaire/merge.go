package questionnaire

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// Merging: several participants answer the same assessment separately
// (each on a laptop, or in turn) and their files become one. Where they
// agree, the answer is kept with everyone's name on it; where they
// disagree, a Conflict records each one's answer and a choice settles it.

// Participant is one person's separately answered assessment.
type Participant struct {
	// Name is how the merged file names this person: in Who, in notes and
	// in the merge records. Unique among the participants, never empty.
	Name string
	// File is where the assessment came from, for error messages.
	File       string
	Assessment *Assessment
}

// Strategy settles every conflict of a merge the same way.
type Strategy string

// Merge strategies.
const (
	// StrategyAsk leaves conflicts open for a person to resolve one by one
	// (Resolve, then Assessment.ApplyConflict); until then the merged
	// answer is the lowest, as with StrategyLowest.
	StrategyAsk Strategy = "ask"
	// StrategyLowest takes the lowest answer: the conservative choice for
	// security. "Don't know" counts as lower than level 0.
	StrategyLowest Strategy = "lowest"
	// StrategyHighest takes the highest level answered.
	StrategyHighest Strategy = "highest"
	// StrategyAverage takes the mean level, rounded to the nearest level,
	// halves rounded down; "don't know" counts as 0.
	StrategyAverage Strategy = "average"
	// StrategyFirst takes the answer of the first participant who gave one.
	StrategyFirst Strategy = "first"
)

// Strategies lists the strategies in the order help texts show them.
var Strategies = []Strategy{StrategyAsk, StrategyLowest, StrategyHighest, StrategyAverage, StrategyFirst}

// ParseStrategy checks a strategy name.
func ParseStrategy(s string) (Strategy, error) {
	for _, x := range Strategies {
		if string(x) == s {
			return x, nil
		}
	}
	names := make([]string, len(Strategies))
	for i, x := range Strategies {
		names[i] = string(x)
	}
	return "", fmt.Errorf("unknown merge strategy %q: use %s", s, strings.Join(names, ", "))
}

// ChoiceKind is how one conflict is settled.
type ChoiceKind string

// Choice kinds. The first four mirror the strategies.
const (
	ChooseLowest  ChoiceKind = "lowest"
	ChooseHighest ChoiceKind = "highest"
	ChooseAverage ChoiceKind = "average"
	ChooseFirst   ChoiceKind = "first"
	// ChooseParticipant takes one participant's answer as it is.
	ChooseParticipant ChoiceKind = "participant"
	// ChooseDiscuss parks the question for the group to come back to: the
	// lowest answer stands provisionally, but a parked answer is not
	// scored and resuming the wizard lands on it.
	ChooseDiscuss ChoiceKind = "discuss"
)

// Choice settles one conflict.
type Choice struct {
	Kind ChoiceKind
	// Participant is the name of the participant whose answer is taken,
	// for ChooseParticipant.
	Participant string
}

// Vote is one participant's answer to a question.
type Vote struct {
	Participant string `json:"participant"`
	Answer
}

// Conflict is one question the participants answered differently: what
// a screen shows to let a person settle it, and how it stands now.
type Conflict struct {
	QuestionID string
	// Votes are the answers of the participants who answered, in
	// participant order.
	Votes []Vote
	// Strategy is the merge's strategy.
	Strategy Strategy
	// Resolved is false only for conflicts of a StrategyAsk merge that
	// nobody has settled yet.
	Resolved bool
	// Choice is how the conflict was settled (or, while unresolved, how the
	// provisional answer was picked).
	Choice Choice
	// Chosen is the participant whose answer was taken, when one was.
	Chosen string
	// Answer is the merged answer.
	Answer Answer
}

// MergeRecord is a settled conflict as the merged file keeps it.
type MergeRecord struct {
	Question   string   `json:"question"`
	Answers    []Vote   `json:"answers"`
	Strategy   Strategy `json:"strategy"`
	Resolution string   `json:"resolution"` // a ChoiceKind, or "pending"
	Chosen     string   `json:"chosen,omitempty"`
	Status     Status   `json:"status"`
	Level      int      `json:"level"`
}

// Record is the conflict as the merged file keeps it.
func (c Conflict) Record() MergeRecord {
	res := string(c.Choice.Kind)
	if !c.Resolved {
		res = "pending"
	}
	return MergeRecord{Question: c.QuestionID, Answers: append([]Vote(nil), c.Votes...), Strategy: c.Strategy,
		Resolution: res, Chosen: c.Chosen, Status: c.Answer.Status, Level: c.Answer.Level}
}

// MismatchError says why participants' assessments do not fit together:
// they describe different organizations, or were answered against
// different question banks.
type MismatchError struct {
	Diffs []FieldDiff
}

// FieldDiff is one field on which two participants' assessments differ.
type FieldDiff struct {
	Field                string // e.g. "profile.size", "bank checksum"
	First, Other         string // participant names
	FirstValue, OtherVal string
}

func (e *MismatchError) Error() string {
	parts := make([]string, len(e.Diffs))
	for i, d := range e.Diffs {
		parts[i] = fmt.Sprintf("%s (%s: %q, %s: %q)", d.Field, d.First, d.FirstValue, d.Other, d.OtherVal)
	}
	return "the assessments differ in " + strings.Join(parts, ", ")
}

// MergeOptions change how MergeWith merges.
type MergeOptions struct {
	Strategy Strategy
	// Force merges even when profiles or banks differ; the first
	// participant's profile and bank stand.
	Force bool
}

// Merge merges participants' assessments of one organization, settling
// conflicts with the strategy. It refuses assessments whose profiles or
// banks differ (a *MismatchError); see MergeWith to force it.
func Merge(parts []Participant, strategy Strategy) (*Assessment, []Conflict, error) {
	return MergeWith(parts, MergeOptions{Strategy: strategy})
}

// MergeWith merges as Merge does. The result depends only on the
// participants and their order: no clock is read.
//
// Where everyone who answered a question agrees on its status, level and
// exception, the answer is kept; its Who lists them and its Note keeps
// each one's note prefixed with their name. Where they disagree, the
// strategy settles it and the Conflict is returned and recorded in the
// merged assessment's Merged list. Evidence is pooled; targets and action
// decisions are the first participant's where two disagree.
func MergeWith(parts []Participant, opts MergeOptions) (*Assessment, []Conflict, error) {
	if len(parts) < 2 {
		return nil, nil, errors.New("merge needs at least two assessments")
	}
	if _, err := ParseStrategy(string(opts.Strategy)); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for i, p := range parts {
		if p.Assessment == nil {
			return nil, nil, fmt.Errorf("participant %d (%s) has no assessment", i+1, p.Name)
		}
		if strings.TrimSpace(p.Name) == "" {
			return nil, nil, fmt.Errorf("participant %d (%s) has no name", i+1, p.File)
		}
		if seen[p.Name] {
			return nil, nil, fmt.Errorf("two participants are both called %q: give each a different name", p.Name)
		}
		seen[p.Name] = true
		if p.File != "" {
			f := "file:" + filepath.Clean(p.File)
			if seen[f] {
				return nil, nil, fmt.Errorf("%s is given twice: merging a file with itself would count its answers twice", p.File)
			}
			seen[f] = true
		}
	}
	if diffs := mismatches(parts); len(diffs) > 0 && !opts.Force {
		return nil, nil, &MismatchError{Diffs: diffs}
	}

	first := parts[0].Assessment
	m := &Assessment{
		Schema:  SchemaVersion,
		Tool:    first.Tool,
		Bank:    first.Bank,
		Mode:    first.Mode,
		Profile: first.Profile,
		Answers: map[string]Answer{},
		Started: first.Started,
		Updated: first.Updated,
	}
	m.Profile.Models = slices.Clone(first.Profile.Models)
	m.Profile.Services = slices.Clone(first.Profile.Services)
	allFinished := true
	for _, p := range parts {
		a := p.Assessment
		m.Participants = append(m.Participants, p.Name)
		if !a.Started.IsZero() && (m.Started.IsZero() || a.Started.Before(m.Started)) {
			m.Started = a.Started
		}
		if a.Updated.After(m.Updated) {
			m.Updated = a.Updated
		}
		if a.Finished.IsZero() {
			allFinished = false
		} else if a.Finished.After(m.Finished) {
			m.Finished = a.Finished
		}
		for id, t := range a.Targets {
			if _, ok := m.Targets[id]; !ok {
				if m.Targets == nil {
					m.Targets = map[string]int{}
				}
				m.Targets[id] = t
			}
		}
		for id, rs := range a.Responses {
			if _, ok := m.Responses[id]; !ok {
				if m.Responses == nil {
					m.Responses = map[string]Response{}
				}
				m.Responses[id] = rs
			}
		}
		for id, o := range a.Overrides {
			if _, ok := m.Overrides[id]; !ok {
				if m.Overrides == nil {
					m.Overrides = map[string]Override{}
				}
				m.Overrides[id] = o
			}
		}
		for id, st := range a.Actions {
			if _, ok := m.Actions[id]; !ok {
				if m.Actions == nil {
					m.Actions = map[string]ActionState{}
				}
				m.Actions[id] = st
			}
		}
		for _, id := range sortedKeys(a.Evidence) {
			for _, e := range a.Evidence[id] {
				if !slices.ContainsFunc(m.Evidence[id], func(x Evidence) bool { return reflect.DeepEqual(x, e) }) {
					m.AddEvidence(id, e)
				}
			}
		}
	}
	if !allFinished {
		m.Finished = time.Time{}
	}
	m.Profile.Assessor = strings.Join(m.Participants, ", ")

	var ids []string
	votes := map[string][]Vote{}
	for _, p := range parts {
		for _, id := range p.Assessment.AnsweredIDs() {
			if _, ok := votes[id]; !ok {
				ids = append(ids, id)
			}
			votes[id] = append(votes[id], Vote{Participant: p.Name, Answer: p.Assessment.Answers[id]})
		}
	}
	sort.Strings(ids)
	var conflicts []Conflict
	for _, id := range ids {
		vs := votes[id]
		if agree(vs) {
			m.Answers[id] = combine(vs, vs[0].Answer)
			continue
		}
		c := Conflict{QuestionID: id, Votes: vs, Strategy: opts.Strategy}
		ch := Choice{Kind: ChoiceKind(opts.Strategy)}
		if opts.Strategy == StrategyAsk {
			ch.Kind = ChooseLowest
		}
		c, err := Resolve(c, ch)
		if err != nil {
			return nil, nil, fmt.Errorf("merge %s: %w", id, err)
		}
		c.Resolved = opts.Strategy != StrategyAsk
		m.ApplyConflict(c)
		conflicts = append(conflicts, c)
	}
	return m, conflicts, nil
}

// Resolve settles a conflict with a choice and returns it with its merged
// answer. It changes no assessment: ApplyConflict does that.
func Resolve(c Conflict, ch Choice) (Conflict, error) {
	if len(c.Votes) == 0 {
		return c, fmt.Errorf("conflict on %s has no answers", c.QuestionID)
	}
	var pick int
	switch ch.Kind {
	case ChooseLowest, ChooseDiscuss:
		pick = extreme(c.Votes, func(a, b int) bool { return a < b })
	case ChooseHighest:
		pick = extreme(c.Votes, func(a, b int) bool { return a > b })
	case ChooseFirst:
		pick = 0
	case ChooseParticipant:
		pick = slices.IndexFunc(c.Votes, func(v Vote) bool { return v.Participant == ch.Participant })
		if pick < 0 {
			return c, fmt.Errorf("%q did not answer %s", ch.Participant, c.QuestionID)
		}
	case ChooseAverage:
		c.Answer = combine(c.Votes, average(c.Votes))
		c.Choice, c.Chosen, c.Resolved = ch, "", true
		return c, nil
	default:
		return c, fmt.Errorf("unknown choice %q", ch.Kind)
	}
	base := c.Votes[pick].Answer
	c.Answer = combine(c.Votes, base)
	c.Answer.Parked = c.Answer.Parked || ch.Kind == ChooseDiscuss
	c.Choice, c.Chosen, c.Resolved = ch, c.Votes[pick].Participant, true
	if ch.Kind == ChooseParticipant {
		// the answer is this participant's: it names them alone (it
		// listed everyone, issue 17); everyone's notes stay
		c.Answer.Who = c.Votes[pick].Participant
		if w := c.Votes[pick].Who; w != "" {
			c.Answer.Who = w
		}
	}
	if ch.Kind == ChooseDiscuss {
		c.Chosen = ""
	}
	return c, nil
}

// ApplyConflict writes a conflict's merged answer into the assessment and
// records how it was settled, replacing an earlier record of the same
// question.
func (a *Assessment) ApplyConflict(c Conflict) {
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	a.Answers[c.QuestionID] = c.Answer
	rec := c.Record()
	for i, r := range a.Merged {
		if r.Question == c.QuestionID {
			a.Merged[i] = rec
			return
		}
	}
	a.Merged = append(a.Merged, rec)
}

// Pending lists the questions whose conflicts nobody has settled yet.
func (a *Assessment) Pending() []string {
	var out []string
	for _, r := range a.Merged {
		if r.Resolution == "pending" {
			out = append(out, r.Question)
		}
	}
	return out
}

// rank orders answers for lowest and highest: "don't know" sits below
// level 0; "not applicable" takes part only when nothing else was answered.
func rank(a Answer) (int, bool) {
	switch a.Status {
	case Answered:
		return a.Level, true
	case Unknown:
		return -1, true
	}
	return 0, false
}

// extreme returns the index of the first vote that is lowest (or highest,
// by better); votes that say "not applicable" count only when all do.
func extreme(vs []Vote, better func(a, b int) bool) int {
	best, bestRank := -1, 0
	for i, v := range vs {
		r, ok := rank(v.Answer)
		if !ok {
			continue
		}
		if best < 0 || better(r, bestRank) {
			best, bestRank = i, r
		}
	}
	if best < 0 {
		return 0
	}
	return best
}

// average is the mean level of the votes that apply, rounded to the
// nearest level with halves rounded down; "don't know" counts as 0. When
// every vote is "don't know" or "not applicable", the lowest stands.
func average(vs []Vote) Answer {
	sum, n := 0, 0
	for _, v := range vs {
		if v.Status == Answered {
			sum += v.Level
			n++
		} else if v.Status == Unknown {
			n++
		}
	}
	if allUnknownOrNA(vs) {
		return vs[extreme(vs, func(a, b int) bool { return a < b })].Answer
	}
	level := sum / n // floor
	if 2*(sum-level*n) > n {
		level++
	}
	out := Answer{Status: Answered, Level: level}
	// An exception stands only if everyone gave the same one.
	if ex := vs[0].Exception; ex != nil && agreeOn(vs, func(a Answer) any { return a.Exception }) {
		out.Exception = ex
	}
	return out
}

func allUnknownOrNA(vs []Vote) bool {
	for _, v := range vs {
		if v.Status == Answered {
			return false
		}
	}
	return true
}

// agree reports whether every vote has the same status, level (where it
// counts) and exception.
func agree(vs []Vote) bool {
	return agreeOn(vs, func(a Answer) any {
		level := a.Level
		if a.Status != Answered {
			level = 0
		}
		return struct {
			s Status
			l int
		}{a.Status, level}
	}) && agreeOn(vs, func(a Answer) any { return a.Exception })
}

func agreeOn(vs []Vote, key func(Answer) any) bool {
	for _, v := range vs[1:] {
		if !reflect.DeepEqual(key(v.Answer), key(vs[0].Answer)) {
			return false
		}
	}
	return true
}

// combine builds the merged answer: status, level and exception from base;
// Who lists every participant who answered; Note keeps each one's note
// prefixed with their name; When is the latest; Parked if anyone parked it.
func combine(vs []Vote, base Answer) Answer {
	out := Answer{Status: base.Status, Level: base.Level, Exception: base.Exception}
	if out.Status != Answered {
		out.Level = 0
	}
	var who, notes []string
	for _, v := range vs {
		who = append(who, v.Participant)
		if n := strings.TrimSpace(v.Note); n != "" {
			notes = append(notes, v.Participant+": "+n)
		}
		if v.When.After(out.When) {
			out.When = v.When
		}
		out.Parked = out.Parked || v.Parked
	}
	out.Who = strings.Join(who, ", ")
	if len(vs) == 1 {
		out.Who = vs[0].Participant
		if vs[0].Who != "" {
			out.Who = vs[0].Who
		}
		out.Note = strings.TrimSpace(vs[0].Note)
		return out
	}
	out.Note = strings.Join(notes, "\n")
	return out
}

// mismatches lists the fields on which each participant's profile or
// bank differs from the first one's. The assessor is expected to differ.
func mismatches(parts []Participant) []FieldDiff {
	var out []FieldDiff
	a := parts[0]
	for _, b := range parts[1:] {
		pa, pb := a.Assessment.Profile, b.Assessment.Profile
		add := func(field string, x, y any) {
			xs, ys := listText(x), listText(y)
			if xs != ys {
				out = append(out, FieldDiff{Field: field, First: a.Name, Other: b.Name, FirstValue: xs, OtherVal: ys})
			}
		}
		add("profile.organization", pa.Organization, pb.Organization)
		add("profile.size", pa.Size, pb.Size)
		add("profile.sector", pa.Sector, pb.Sector)
		add("profile.sensitivity", pa.Sensitivity, pb.Sensitivity)
		add("profile.models", sortedCopy(pa.Models), sortedCopy(pb.Models))
		add("profile.services", sortedCopy(pa.Services), sortedCopy(pb.Services))
		add("profile.target", pa.Target, pb.Target)
		add("bank version", a.Assessment.Bank.Version, b.Assessment.Bank.Version)
		add("bank checksum", a.Assessment.Bank.Checksum, b.Assessment.Bank.Checksum)
	}
	return out
}

// listText renders a value for a message: lists as "a, b", not [a b].
func listText(v any) string {
	switch xs := v.(type) {
	case []Model:
		return strings.Join(strs(xs), ", ")
	case []string:
		return strings.Join(xs, ", ")
	}
	return fmt.Sprint(v)
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func sortedCopy[T ~string](xs []T) []T {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ParticipantName names a file's participant: the one "who" all its
// answers share, else the profile's assessor, else the file's name.
func ParticipantName(a *Assessment, file string) string {
	who := ""
	for _, id := range a.AnsweredIDs() {
		w := strings.TrimSpace(a.Answers[id].Who)
		if w == "" || who != "" && w != who {
			who = ""
			break
		}
		who = w
	}
	switch {
	case who != "":
		return who
	case strings.TrimSpace(a.Profile.Assessor) != "":
		return strings.TrimSpace(a.Profile.Assessor)
	}
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

// UniqueNames tells apart participants who would have the same name by
// adding their file's name, then a number.
func UniqueNames(parts []Participant) {
	count := map[string]int{}
	for _, p := range parts {
		count[p.Name]++
	}
	seen := map[string]bool{}
	for i := range parts {
		if count[parts[i].Name] > 1 {
			parts[i].Name += " (" + filepath.Base(parts[i].File) + ")"
		}
		name := parts[i].Name
		for n := 2; seen[parts[i].Name]; n++ {
			parts[i].Name = fmt.Sprintf("%s #%d", name, n)
		}
		seen[parts[i].Name] = true
	}
}
