package questionnaire

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
)

// SchemaVersion is the version of the saved-assessment format this build
// writes. It reads every version up to this one.
//
//	1  profile, answers, evidence, targets, action decisions
//	2  exceptions on answers (compensating control, risk accepted),
//	   evidence severity; finish time
//	3  management responses to findings (responses)
//	4  workshop room state (workshop), answers kept over live evidence
//	   (kept), display settings of the sitting (sitting)
//	5  the assessor's overrides of findings (overrides), the profile's
//	   owners, licences, country and security contact
const SchemaVersion = 5

// ResponsesSchema is the first schema with management responses: a file
// that holds any is saved with at least this version, so an older ssrm
// refuses it instead of dropping them.
const ResponsesSchema = 3

// SittingSchema is the first schema with the workshop state, kept answers
// and sitting settings: a file that holds any is saved with at least this
// version, so an older ssrm refuses it instead of dropping them.
const SittingSchema = 4

// AdviceSchema is the first schema with overrides and the profile's owners
// and licences: a file that holds any is saved with at least this version,
// so an older ssrm refuses it instead of dropping them.
const AdviceSchema = 5

// neededSchema is the lowest schema that holds everything in a: files that
// use no newer field keep the version older builds read.
func neededSchema(a *Assessment) int {
	if len(a.Overrides) > 0 || len(a.Profile.Owners) > 0 || len(a.Profile.Licences) > 0 || a.Profile.Country != "" || a.Profile.SecurityContact != "" {
		return AdviceSchema
	}
	if a.Workshop != nil || a.Sitting != nil {
		return SittingSchema
	}
	for _, ans := range a.Answers {
		if ans.Kept != nil {
			return SittingSchema
		}
	}
	if len(a.Responses) > 0 {
		return ResponsesSchema
	}
	return 0
}

// Status says what kind of answer a question has.
type Status string

// Answer statuses.
const (
	Answered      Status = "answered"
	Unknown       Status = "unknown" // "don't know": scored 0 and flagged
	NotApplicable Status = "na"      // left out of every score
)

// Answer is one question's answer.
type Answer struct {
	Status Status    `json:"status"`
	Level  int       `json:"level"`
	Note   string    `json:"note,omitempty"`
	Who    string    `json:"who,omitempty"`
	When   time.Time `json:"when,omitempty"`
	// Parked marks a question set aside in a workshop to come back to.
	Parked bool `json:"parked,omitempty"`
	// Exception records a compensating control or an accepted risk.
	Exception *Exception `json:"exception,omitempty"`
	// Kept records that the answer was kept over live evidence that
	// suggested a lower level, and why.
	Kept *Kept `json:"kept,omitempty"`
}

// Kept is an answer kept over live evidence: the level answered, the
// level the evidence suggested then, and the reason given. It holds while
// both stay the same; new evidence or a new answer asks again.
type Kept struct {
	Level     int       `json:"level"`
	Suggested int       `json:"suggested"`
	Reason    string    `json:"reason"`
	When      time.Time `json:"when,omitempty"`
}

// Holds reports whether a kept answer still applies to an answer at
// level, with live evidence suggesting suggested.
func (k *Kept) Holds(level, suggested int) bool {
	return k != nil && k.Reason != "" && k.Level == level && k.Suggested == suggested
}

// Exception kinds.
const (
	// Compensating grants the answer's level for an alternative control,
	// named in Control and argued in Justification.
	Compensating = "compensating"
	// RiskAccepted keeps the gap but takes its actions out of the plan into
	// the risk register, until the review date.
	RiskAccepted = "risk-accepted"
)

// Exception is a compensating control or an accepted risk on one answer.
type Exception struct {
	Kind          string    `json:"kind"`
	Control       string    `json:"control,omitempty"`
	Justification string    `json:"justification"`
	Owner         string    `json:"owner,omitempty"`
	Review        time.Time `json:"review,omitempty"`
}

// Expired reports whether an accepted risk is past its review date on the
// given day. The day is the assessment's, never the wall clock.
func (e *Exception) Expired(on time.Time) bool {
	return e != nil && e.Kind == RiskAccepted && !e.Review.IsZero() && e.Review.Before(on)
}

// Problem says what an exception lacks, or "" when it is complete.
func (e *Exception) Problem() string {
	switch {
	case e == nil:
		return ""
	case e.Kind == Compensating:
		if e.Control == "" {
			return "a compensating control must name the control"
		}
		if e.Justification == "" {
			return "a compensating control needs a justification"
		}
	case e.Kind == RiskAccepted:
		var miss []string
		if e.Owner == "" {
			miss = append(miss, "an owner")
		}
		if e.Justification == "" {
			miss = append(miss, "a justification")
		}
		if e.Review.IsZero() {
			miss = append(miss, "a review date")
		}
		if len(miss) > 0 {
			return "an accepted risk needs " + joinAnd(miss)
		}
	default:
		return fmt.Sprintf("unknown exception kind %q: use %s or %s", e.Kind, Compensating, RiskAccepted)
	}
	return ""
}

func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// SourceLive is the Evidence.Source of what live checks of the Azure tenant
// attach: only live evidence suggests a level.
const SourceLive = "live"

// SourceSeen is the Evidence.Source of what the assessor saw for
// themselves in the workshop (a portal page read, a list pulled), written
// "seen:WHAT" in an assessment file: the answer is assessor-verified, not
// only self-reported.
const SourceSeen = "seen"

// Evidence is one piece of proof attached to a question: a live finding, a
// file, a link or a note.
type Evidence struct {
	Source string `json:"source"` // live, file, url, finding, note
	Ref    string `json:"ref,omitempty"`
	Check  string `json:"check,omitempty"`
	// Status of a live finding: pass, fail or na.
	Status   string `json:"status,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Severity string `json:"severity,omitempty"` // of a live finding: high, medium, low
	// Resources is how many resources a live entry sums up: the failing ones
	// of a fail, the passing ones of a pass (0: one, or not counted).
	Resources int       `json:"resources,omitempty"`
	Suggested *int      `json:"suggested_level,omitempty"`
	Collected time.Time `json:"collected,omitempty"`
}

// MaxCapacity is the largest team capacity a profile may state, in effort
// points per 30 days: 100 points is 25 large actions a month, beyond any
// team this tool plans for; a larger figure is taken for a typing error.
const MaxCapacity = 100

// Profile describes the organization, and so tailors the bank.
type Profile struct {
	Organization string   `json:"organization" yaml:"organization"`
	Assessor     string   `json:"assessor,omitempty" yaml:"assessor,omitempty"`
	Size         string   `json:"size" yaml:"size"`
	Sector       string   `json:"sector,omitempty" yaml:"sector,omitempty"`
	Sensitivity  string   `json:"sensitivity" yaml:"sensitivity"`
	Models       []Model  `json:"models" yaml:"models"`
	Services     []string `json:"services,omitempty" yaml:"services,omitempty"`
	// Target overrides the target level the table gives (0: use the table).
	Target int `json:"target,omitempty" yaml:"target,omitempty"`
	// BuildsSoftware says whether the organization writes or builds
	// software itself (nil: not asked, as in files saved before it was).
	BuildsSoftware *bool `json:"builds_software,omitempty" yaml:"builds_software,omitempty"`
	// Country is where the organization is established, as an ISO 3166-1
	// alpha-2 code (GB, IE, US); it picks the breach-notification rule the
	// report prints ("": to confirm with the client).
	Country string `json:"country,omitempty" yaml:"country,omitempty"`
	// SecurityContact is who staff report a suspected incident to: an
	// address and a phone number, printed in the reporting process.
	SecurityContact string `json:"security_contact,omitempty" yaml:"security_contact,omitempty"`
	// Owners maps the bank's role ids to the people who hold them
	// (it-admin: Tom Briggs): the plan prints names, and "to assign" for
	// a role no one holds.
	Owners map[string]string `json:"owners,omitempty" yaml:"owners,omitempty"`
	// Licences are the Microsoft plans the organization has (ids of
	// Plans: m365-business-standard, entra-p1…): an action needing a
	// licence none of them includes prints its free path.
	Licences []string `json:"licences,omitempty" yaml:"licences,omitempty"`
	// Capacity is the effort points the team takes on per 30 days (S 1,
	// M 2, L 4), as the organization states it: the roadmap uses it
	// instead of the bank's figure for the size (0: that figure).
	Capacity int `json:"capacity,omitempty" yaml:"capacity,omitempty"`
}

// SoftwareBuilder reports whether the organization builds software. A
// profile that was never asked counts as one, so nothing is hidden from it
// by mistake.
func (p Profile) SoftwareBuilder() bool {
	return p.BuildsSoftware == nil || *p.BuildsSoftware
}

// Uses reports whether the organization uses a service model. A profile
// that names none uses all three, everywhere (tailoring, shares, scores,
// reports), as the wizard says when the choice is left blank.
func (p Profile) Uses(m Model) bool {
	if len(p.Models) == 0 {
		return true
	}
	for _, x := range p.Models {
		if x == m {
			return true
		}
	}
	return false
}

// UsesService reports whether the organization uses an Azure service.
func (p Profile) UsesService(s string) bool {
	for _, x := range p.Services {
		if x == s {
			return true
		}
	}
	return false
}

// ActionState is what the organization decided about one action of the plan.
type ActionState struct {
	Status string    `json:"status,omitempty"` // accepted, deferred, done
	Owner  string    `json:"owner,omitempty"`
	Due    time.Time `json:"due,omitempty"`
	// Order moves an action up (negative) or down the ranking by hand.
	Order int `json:"order,omitempty"`
}

// WorkshopState is a workshop's room state: the speaker and the seconds
// spent per section (keyed "step/section").
type WorkshopState struct {
	Speaker string           `json:"speaker,omitempty"`
	Seconds map[string]int64 `json:"section_seconds,omitempty"`
}

// BankRef names the bank an assessment was answered against.
type BankRef struct {
	Version  string `json:"version"`
	Checksum string `json:"checksum,omitempty"`
}

// Assessment is one organization's answers and decisions: what is saved.
type Assessment struct {
	Schema   int                    `json:"schema"`
	Tool     string                 `json:"tool,omitempty"`
	Bank     BankRef                `json:"bank"`
	Mode     string                 `json:"mode,omitempty"` // self, workshop, training
	Profile  Profile                `json:"profile"`
	Answers  map[string]Answer      `json:"answers"`
	Evidence map[string][]Evidence  `json:"evidence,omitempty"`
	Targets  map[string]int         `json:"targets,omitempty"`
	Actions  map[string]ActionState `json:"actions,omitempty"`
	// Responses are the management responses to the report's findings,
	// keyed by question id.
	Responses map[string]Response `json:"responses,omitempty"`
	// Overrides are the assessor's ratings of findings, with a reason,
	// keyed by question id (see Override).
	Overrides map[string]Override `json:"overrides,omitempty"`
	Started   time.Time           `json:"started"`
	Updated   time.Time           `json:"updated"`
	// Finished is when the assessor marked the assessment complete.
	Finished time.Time `json:"finished,omitempty"`
	// Plans holds the step-5 plans as the organization edited them; nil or
	// empty parts mean the product's defaults.
	Plans *Plans `json:"plans,omitempty"`
	// Workshop keeps a workshop's room state across sittings: who is
	// speaking and the time spent per section.
	Workshop *WorkshopState `json:"workshop,omitempty"`
	// Sitting is how the wizard was left for the next sitting: its
	// display settings (plain language, presenter view). The workshop's
	// speaker and timers are in Workshop.
	Sitting *Sitting `json:"sitting,omitempty"`

	// Participants are the people whose separate answers were merged into
	// this assessment, in the order they were merged (ssrm merge).
	Participants []string `json:"participants,omitempty"`
	// Merged records every question on which the participants disagreed:
	// each one's answer, and how it was resolved.
	Merged []MergeRecord `json:"merged,omitempty"`

	// ring is set when the assessment is saved encrypted: its passphrase
	// and the scrypt keys derived so far (never saved itself).
	ring *keyring
	// track is what the assessment knows of the files it read and wrote,
	// shared by its copies.
	track *tracker
	// unknown lists entries for question ids the bank lacks (see Unknown).
	unknown     Problems
	unknownMore int // entries past the first maxNamed
}

// Sitting is the display settings the wizard keeps across sittings of one
// assessment.
type Sitting struct {
	// Speaker and Seconds (the time per section, by bare section id) are
	// read from files written while the workshop's room state lived here;
	// the wizard moves them into Workshop and never writes them again.
	Speaker string         `json:"speaker,omitempty"`
	Seconds map[string]int `json:"seconds,omitempty"`
	// Language is "plain" (the bank's plain stems, terms explained) or
	// "expert"; empty follows the mode (plain for a self-assessment).
	Language string `json:"language,omitempty"`
	// Presenter shows the questions in the projector's layout.
	Presenter bool `json:"presenter,omitempty"`
}

// Languages of Sitting.Language.
const (
	LanguagePlain  = "plain"
	LanguageExpert = "expert"
)

// NewAssessment starts an empty assessment against a bank.
func NewAssessment(b *Bank, p Profile, now time.Time) *Assessment {
	return &Assessment{
		Schema:  SchemaVersion,
		Bank:    BankRef{Version: b.Version, Checksum: b.Checksum()},
		Profile: p,
		Answers: map[string]Answer{},
		Started: now,
		Updated: now,
		track:   &tracker{},
	}
}

// SetAnswer records an answer and the time it was given.
func (a *Assessment) SetAnswer(id string, ans Answer, now time.Time) {
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	if ans.When.IsZero() {
		ans.When = now
	}
	a.Answers[id] = ans
	a.Updated = now
}

// Answer returns a question's answer, if it has one.
func (a *Assessment) Answer(id string) (Answer, bool) {
	ans, ok := a.Answers[id]
	return ans, ok
}

// AnsweredIDs lists the ids of every answered question, sorted.
func (a *Assessment) AnsweredIDs() []string {
	ids := make([]string, 0, len(a.Answers))
	for id := range a.Answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// FirstUnanswered returns the index in qs of the first question without an
// answer (or parked), or len(qs) when all are answered: where resume lands.
func (a *Assessment) FirstUnanswered(qs []*Question) int {
	for i, q := range qs {
		ans, ok := a.Answers[q.ID]
		if !ok || ans.Parked {
			return i
		}
	}
	return len(qs)
}

// AddEvidence attaches a piece of evidence to a question.
func (a *Assessment) AddEvidence(id string, e Evidence) {
	if a.Evidence == nil {
		a.Evidence = map[string][]Evidence{}
	}
	a.Evidence[id] = append(a.Evidence[id], e)
}

// Plans are the training and communication calendar and the threat-reporting
// process, as edited in the wizard.
type Plans struct {
	Calendar  []CalendarEntry `json:"calendar,omitempty"`
	Reporting []string        `json:"reporting,omitempty"`
}

// CalendarEntry is one month of the training and communication plan.
type CalendarEntry struct {
	Month    string `json:"month"`
	Activity string `json:"activity"`
	Audience string `json:"audience"`
}

// Clone copies the assessment deeply: maps, slices and the exceptions and
// suggested levels they point to. A reader working on the clone (scoring,
// a save in the background) never shares memory the owner goes on
// writing. The encryption state is shared: it is replaced on change,
// never written in place.
func (a *Assessment) Clone() *Assessment {
	if a == nil {
		return nil
	}
	c := *a
	c.Answers = make(map[string]Answer, len(a.Answers))
	for k, v := range a.Answers {
		if v.Exception != nil {
			ex := *v.Exception
			v.Exception = &ex
		}
		if v.Kept != nil {
			k := *v.Kept
			v.Kept = &k
		}
		c.Answers[k] = v
	}
	if a.Evidence != nil {
		c.Evidence = make(map[string][]Evidence, len(a.Evidence))
		for k, evs := range a.Evidence {
			cp := make([]Evidence, len(evs))
			for i, e := range evs {
				if e.Suggested != nil {
					lvl := *e.Suggested
					e.Suggested = &lvl
				}
				cp[i] = e
			}
			c.Evidence[k] = cp
		}
	}
	c.Targets = maps.Clone(a.Targets)
	c.Actions = maps.Clone(a.Actions)
	if a.Workshop != nil {
		c.Workshop = &WorkshopState{Speaker: a.Workshop.Speaker, Seconds: maps.Clone(a.Workshop.Seconds)}
	}
	if a.Sitting != nil {
		st := *a.Sitting
		st.Seconds = maps.Clone(a.Sitting.Seconds)
		c.Sitting = &st
	}
	c.Responses = maps.Clone(a.Responses)
	c.Overrides = maps.Clone(a.Overrides)
	if a.Plans != nil {
		c.Plans = &Plans{Calendar: slices.Clone(a.Plans.Calendar), Reporting: slices.Clone(a.Plans.Reporting)}
	}
	c.Participants = slices.Clone(a.Participants)
	if a.Merged != nil {
		c.Merged = make([]MergeRecord, len(a.Merged))
		for i, m := range a.Merged {
			m.Answers = slices.Clone(m.Answers)
			c.Merged[i] = m
		}
	}
	c.Profile.Models = slices.Clone(a.Profile.Models)
	c.Profile.Services = slices.Clone(a.Profile.Services)
	return &c
}

// LevelLabel is what a level means on a question: the question's own label
// for it ("Scheduled scanning"), or the level's name ("Defined") when the
// question has no option of that level or is nil.
func LevelLabel(qq *Question, level int) string {
	if qq != nil {
		if o, ok := qq.Option(level); ok {
			return o.Label
		}
	}
	return LevelName(level)
}

// AnswerWords is an answer in a few words, the one wording of every list
// and table that shows answers side by side: "3 Defined" (with the
// question, its label: "3 Scheduled scanning"), "don't know", "n/a".
// Whether it is parked is for the caller to say.
func AnswerWords(qq *Question, a Answer) string {
	switch a.Status {
	case Unknown:
		return "don't know"
	case NotApplicable:
		return "n/a"
	}
	return fmt.Sprintf("%d %s", a.Level, LevelLabel(qq, a.Level))
}
