// Package scoring turns a bank and an assessment into scores, gaps,
// kill-chain coverage and a ranked action plan. Everything here is a pure,
// deterministic function of its inputs: no files, no clock, no terminal.
//
// It imports questionnaire and nothing above it.
package scoring

import (
	"math"
	"reflect"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Options tune a scoring run.
type Options struct {
	// Date is the day the plan starts from (due dates of the roadmap).
	// Zero means the assessment's last update.
	Date time.Time
}

// Result is everything the reports and the wizard show: the read model.
// It is computed from a copy of the assessment and shares no memory with
// it, so a writer in the background may read it while the wizard goes on
// changing the assessment. Readers take what they need from here, never
// from the assessment: what is computed (scores, contradictions, the
// suggested levels, the plan) has one home, this package.
type Result struct {
	Bank    *q.Bank
	Profile q.Profile
	Date    time.Time
	Target  int
	// Capacity is the effort points the team takes on per 30 days: the
	// bank's for the profile's size, or DefaultCapacity.
	Capacity int
	// Provenance is what the assessment says about itself.
	Provenance Provenance
	// Plans are the step-5 plans as the organization edited them (nil: the
	// product's defaults).
	Plans *q.Plans
	// Evidence is every piece of evidence of the assessment: the asked
	// questions' in bank order, then any on questions not asked, by id.
	Evidence []EvidenceItem
	// Contradictions are the answers live evidence disagrees with, in
	// bank order.
	Contradictions []Contradiction
	// AnsweredIDs are the ids of every answer the assessment holds, asked
	// for this profile or not, sorted.
	AnsweredIDs []string

	Questions []QuestionScore
	Layers    []GroupScore
	Domains   []GroupScore
	Steps     []GroupScore
	Overall   Score

	KillChain []PhaseCoverage
	Actions   []PlanItem
	// Beyond lists the actions of questions with a gap that the plan
	// leaves out because they go beyond the target (or match a cheaper
	// planned action's level), in the order of the questions; ShortFalls
	// the questions whose planned actions stop below the target.
	Beyond     []Beyond
	ShortFalls []ShortFall
	// Risks is the risk register: accepted risks, expired ones first.
	Risks []RiskEntry
	// Responses are the management responses to the findings, by question
	// id (a copy of the assessment's).
	Responses map[string]q.Response
	// Overrides are the assessor's ratings of findings, by question id (a
	// copy of the assessment's).
	Overrides map[string]q.Override

	Provider []q.ProviderItem
	Dropped  []q.Dropped
	Counts   Counts

	index map[string]int // question id → position in Questions
}

// Provenance is what an assessment records about itself: the tool and bank
// it was answered with, how and when, and by whom when it was merged.
type Provenance struct {
	Tool string
	// Bank is the bank the answers were given against (it may differ from
	// the Result's Bank, the one scoring them).
	Bank                       q.BankRef
	Mode                       string
	Started, Updated, Finished time.Time
	Participants               []string
	Merged                     []q.MergeRecord
	// Encrypted says the assessment is saved encrypted.
	Encrypted bool
}

// Counts summarises the answers.
type Counts struct {
	Asked, Answered, Unknown, NotApplicable, Unanswered, Parked int
	EvidenceFail, EvidencePass                                  int
}

// Score is a maturity on the 0–5 scale with its percentage.
type Score struct {
	Level   float64 // 0–5, weighted mean
	Percent float64 // Level / 5 × 100
	Target  float64 // weighted mean target of the same questions
	Empty   bool    // nothing scored: every question N/A or unanswered
}

// QuestionScore is one asked question, scored.
type QuestionScore struct {
	Question *q.Question
	Answer   q.Answer
	Status   q.Status // "" when not answered yet
	Level    int      // 0 for unknown
	Target   int
	Gap      int
	Share    float64 // customer's share of responsibility
	Evidence EvidenceSummary
	// Contradiction is set when live evidence disagrees with the answer.
	Contradiction *Contradiction
	// Exception is the answer's compensating control or accepted risk.
	Exception *q.Exception
	// Expired marks an accepted risk past its review date on the result's date.
	Expired bool
}

// Compensating reports whether the level was granted for an alternative control.
func (s QuestionScore) Compensating() bool {
	return s.Exception != nil && s.Exception.Kind == q.Compensating
}

// Accepted reports whether the gap is an accepted risk still in force.
func (s QuestionScore) Accepted() bool {
	return s.Exception != nil && s.Exception.Kind == q.RiskAccepted && !s.Expired
}

// Scored reports whether the question counts in scores (answered or unknown).
// Verified reports whether the assessor saw the answer's state for
// themselves (q.SourceSeen evidence): assessor-verified, a level of
// evidence above self-reported and below a live check.
func (s QuestionScore) Verified() bool {
	for _, e := range s.Evidence.Items {
		if e.Source == q.SourceSeen {
			return true
		}
	}
	return false
}

func (s QuestionScore) Scored() bool { return s.Status == q.Answered || s.Status == q.Unknown }

// Meets reports whether the question reaches its target.
func (s QuestionScore) Meets() bool { return s.Status == q.Answered && s.Level >= s.Target }

// EvidenceSummary is the evidence attached to a question: the findings
// counted by status, the level live evidence suggests and every entry.
type EvidenceSummary struct {
	Pass, Fail, NA int
	// Suggested is the level the live evidence suggests (see Suggest), nil
	// when none does.
	Suggested *int
	// Items is every piece of evidence on the question, in the order it
	// was attached.
	Items []q.Evidence
}

// GroupScore is the score of a layer, domain or step.
type GroupScore struct {
	ID    string
	Name  string
	Score Score
	// Asked counts the questions asked in the group; Answered, Unknown and
	// NotApplicable split those with an answer.
	Asked, Answered, Unknown, NotApplicable int
	// Share is the customer's mean share of responsibility for the group.
	Share float64
}

// Compute scores an assessment against a bank. It works on a copy of the
// assessment, taken first: the result shares no memory with a, so it can
// be read (a report written from it in the background) while the owner of
// a goes on changing it. The assessment is not modified.
func Compute(b *q.Bank, a *q.Assessment, opts Options) *Result {
	a = a.Clone()
	t := q.Tailor(b, a.Profile)
	r := &Result{
		Bank: b, Profile: a.Profile,
		Target:   b.ProfileTarget(a.Profile),
		Capacity: capacity(b, a.Profile),
		Provider: t.Provider, Dropped: t.Dropped,
		Plans: a.Plans,
		Provenance: Provenance{Tool: a.Tool, Bank: a.Bank, Mode: a.Mode, Started: a.Started, Updated: a.Updated,
			Finished: a.Finished, Participants: a.Participants, Merged: a.Merged, Encrypted: a.Encrypted()},
		AnsweredIDs: a.AnsweredIDs(),
		Responses:   a.Responses,
		Overrides:   a.Overrides,
	}
	r.Date = opts.Date
	if r.Date.IsZero() {
		r.Date = a.Updated
	}
	r.index = make(map[string]int, len(t.Asked))
	for _, qq := range t.Asked {
		s := scoreQuestion(b, a, qq, r.Target)
		s.Expired = s.Exception.Expired(r.Date)
		if c := contradiction(s); c != nil {
			s.Contradiction = c
			r.Contradictions = append(r.Contradictions, *c)
		}
		r.index[qq.ID] = len(r.Questions)
		r.Questions = append(r.Questions, s)
	}
	r.Evidence = evidenceItems(r, a)
	r.Counts = count(r.Questions)
	r.Layers = groupBy(r.Questions, layerGroups(b), func(s QuestionScore) string { return string(s.Question.Layer) })
	r.Domains = groupBy(r.Questions, domainGroups(b), func(s QuestionScore) string { return s.Question.Domain })
	r.Steps = groupBy(r.Questions, stepGroups(b), func(s QuestionScore) string { return stepID(s.Question.Step) })
	r.Overall = overall(r.Questions)
	r.KillChain = killChain(b, r.Questions)
	r.Actions = plan(b, a, r)
	r.Risks = riskRegister(r)
	return r
}

// Replan is Compute after a change to the assessment's action decisions
// alone (status, order, owner, due date): prev's question scores, groups,
// kill chain and risk register stand, and only the plan is ranked again.
// The wizard calls it on every accept, defer, done or reorder, where
// scoring every question again was most of a keystroke (issue 17). It is
// Compute whenever prev cannot stand: another bank or profile, or a date
// that expires an accepted risk prev did not (or the other way).
//
// The caller vouches that nothing but a.Actions (and a.Updated) changed
// since prev was computed. Like Compute's, the result shares no memory
// with a.
func Replan(prev *Result, b *q.Bank, a *q.Assessment, opts Options) *Result {
	date := opts.Date
	if date.IsZero() {
		date = a.Updated
	}
	if prev == nil || prev.Bank != b || !reflect.DeepEqual(prev.Profile, a.Profile) {
		return Compute(b, a, opts)
	}
	for _, s := range prev.Questions {
		if s.Exception.Expired(date) != s.Expired {
			return Compute(b, a, opts)
		}
	}
	r := *prev
	r.Date = date
	r.Provenance.Updated = a.Updated
	// plan copies each decision by value; its Beyond and ShortFalls are
	// new slices, so prev is left as it was.
	r.Actions = plan(b, a, &r)
	return &r
}

func scoreQuestion(b *q.Bank, a *q.Assessment, qq *q.Question, target int) QuestionScore {
	// The question's cap for the organization's size (max_target: an
	// enterprise programme above it), unless the assessment set its own
	// target for the question.
	s := QuestionScore{Question: qq, Target: qq.TargetFor(a.Profile.Size, target), Share: b.CustomerShare(qq, a.Profile)}
	if t, ok := a.Targets[qq.ID]; ok {
		s.Target = t
	}
	s.Target = ReachableTarget(qq, s.Target)
	if ans, ok := a.Answers[qq.ID]; ok {
		s.Answer = ans
		// A parked answer is provisional: kept and shown, not scored.
		if !ans.Parked {
			s.Status, s.Exception = ans.Status, ans.Exception
			if ans.Status == q.Answered {
				s.Level = ans.Level
			}
		}
	}
	if s.Scored() && s.Target > s.Level {
		s.Gap = s.Target - s.Level
	}
	s.Evidence.Items = a.Evidence[qq.ID]
	for _, e := range s.Evidence.Items {
		switch e.Status {
		case "pass":
			s.Evidence.Pass++
		case "fail":
			s.Evidence.Fail++
		case "na":
			s.Evidence.NA++
		}
	}
	if lvl, ok := Suggest(s.Evidence.Items); ok {
		s.Evidence.Suggested = &lvl
	}
	return s
}

// ReachableTarget is the target a question can be answered at exactly: the
// lowest level it offers at or above the wanted target, or its top level
// when the target is above every option. (A bank whose questions offer
// every level leaves the target as it is.)
func ReachableTarget(qq *q.Question, target int) int {
	if len(qq.Options) == 0 {
		return target
	}
	best := -1
	for _, o := range qq.Options {
		if o.Level >= target && (best < 0 || o.Level < best) {
			best = o.Level
		}
	}
	if best < 0 {
		return qq.TopLevel()
	}
	return best
}

func count(qs []QuestionScore) Counts {
	var c Counts
	c.Asked = len(qs)
	for _, s := range qs {
		switch s.Status {
		case q.Answered:
			c.Answered++
		case q.Unknown:
			c.Unknown++
		case q.NotApplicable:
			c.NotApplicable++
		default:
			c.Unanswered++
		}
		if s.Answer.Parked {
			c.Parked++
		}
		c.EvidenceFail += s.Evidence.Fail
		c.EvidencePass += s.Evidence.Pass
	}
	return c
}

// weightedMean scores questions: Σ w·level / Σ w over answered and unknown
// questions, with w = weight × extra(question).
func weightedMean(qs []QuestionScore, extra func(QuestionScore) float64) Score {
	var sum, tsum, wsum float64
	for _, s := range qs {
		if !s.Scored() {
			continue
		}
		w := s.Question.Weight * extra(s)
		sum += w * float64(s.Level)
		tsum += w * float64(s.Target)
		wsum += w
	}
	if wsum == 0 {
		return Score{Empty: true}
	}
	lvl := round2(sum / wsum)
	return Score{Level: lvl, Percent: round1(lvl / 5 * 100), Target: round2(tsum / wsum)}
}

func one(QuestionScore) float64 { return 1 }

// overall weights every question by the customer's share of responsibility
// for it under the organization's service models.
func overall(qs []QuestionScore) Score {
	return weightedMean(qs, func(s QuestionScore) float64 { return s.Share })
}

type group struct{ id, name string }

func layerGroups(b *q.Bank) []group {
	gs := make([]group, len(q.Layers))
	for i, l := range q.Layers {
		gs[i] = group{string(l), b.LayerInfo(l).Name}
	}
	return gs
}

func domainGroups(b *q.Bank) []group {
	gs := make([]group, len(b.Domains))
	for i, d := range b.Domains {
		gs[i] = group{d.ID, d.Name}
	}
	return gs
}

func stepGroups(b *q.Bank) []group {
	gs := make([]group, 5)
	for i := range gs {
		gs[i] = group{stepID(i + 1), b.StepInfo(i + 1).Name}
	}
	return gs
}

func stepID(n int) string { return string(rune('0' + n)) }

func groupBy(qs []QuestionScore, groups []group, key func(QuestionScore) string) []GroupScore {
	out := make([]GroupScore, len(groups))
	idx := map[string]int{}
	members := make([][]QuestionScore, len(groups))
	for i, g := range groups {
		out[i] = GroupScore{ID: g.id, Name: g.name}
		idx[g.id] = i
	}
	for _, s := range qs {
		i, ok := idx[key(s)]
		if !ok {
			continue
		}
		members[i] = append(members[i], s)
	}
	for i := range out {
		g := &out[i]
		g.Score = weightedMean(members[i], one)
		share := 0.0
		for _, s := range members[i] {
			g.Asked++
			share += s.Share
			switch s.Status {
			case q.Answered:
				g.Answered++
			case q.Unknown:
				g.Unknown++
			case q.NotApplicable:
				g.NotApplicable++
			}
		}
		if g.Asked > 0 {
			g.Share = round2(share / float64(g.Asked))
		}
	}
	return out
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Layer returns the score of one layer.
func (r *Result) Layer(l q.Layer) GroupScore {
	for _, g := range r.Layers {
		if g.ID == string(l) {
			return g
		}
	}
	return GroupScore{ID: string(l)}
}

// Question returns the score of one asked question.
func (r *Result) Question(id string) (QuestionScore, bool) {
	if i, ok := r.index[id]; ok {
		return r.Questions[i], true
	}
	for _, s := range r.Questions {
		// a Result built by hand (a test, a redacted copy) has no index
		if s.Question.ID == id {
			return s, true
		}
	}
	return QuestionScore{}, false
}

// Answered reports whether a question has an answer that is not parked:
// a level, "don't know" or "not applicable".
func (s QuestionScore) Answered() bool { return s.Status != "" }

// Answerer names who in the organization should answer a question, for
// the organization's size (the bank's role, or "" when it names none).
func (r *Result) Answerer(qq *q.Question) string {
	if qq.Answerer == "" {
		return ""
	}
	return r.Bank.RoleName(qq.Answerer, r.Profile.Size)
}

// Unknowns lists the questions answered "don't know": each needs verifying.
func (r *Result) Unknowns() []QuestionScore {
	var out []QuestionScore
	for _, s := range r.Questions {
		if s.Status == q.Unknown {
			out = append(out, s)
		}
	}
	return out
}

// Mean is the weighted mean score of any set of scored questions.
func Mean(qs []QuestionScore) Score { return weightedMean(qs, one) }
