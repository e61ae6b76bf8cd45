package questionnaire

import (
	"sort"
	"time"
)

// SchemaVersion is the version of the saved-assessment format this build
// writes. It reads every version up to this one.
const SchemaVersion = 1

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
}

// Evidence is one piece of proof attached to a question: a live finding, a
// file, a link or a note.
type Evidence struct {
	Source string `json:"source"` // live, file, url, note
	Ref    string `json:"ref,omitempty"`
	Check  string `json:"check,omitempty"`
	// Status of a live finding: pass, fail or na.
	Status    string    `json:"status,omitempty"`
	Detail    string    `json:"detail,omitempty"`
	Suggested *int      `json:"suggested_level,omitempty"`
	Collected time.Time `json:"collected,omitempty"`
}

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
}

// Uses reports whether the organization uses a service model.
func (p Profile) Uses(m Model) bool {
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
	Started  time.Time              `json:"started"`
	Updated  time.Time              `json:"updated"`
}

// NewAssessment starts an empty assessment against a bank.
func NewAssessment(b *Bank, p Profile, now time.Time) *Assessment {
	return &Assessment{
		Schema:  SchemaVersion,
		Bank:    BankRef{Version: b.Version, Checksum: b.Checksum()},
		Profile: p,
		Answers: map[string]Answer{},
		Started: now,
		Updated: now,
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
