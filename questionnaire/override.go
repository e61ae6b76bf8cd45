package questionnaire

import (
	"fmt"
	"strings"
	"time"
)

// Override is the assessor's own rating of a finding, with the reason: the
// rule rates answer levels and cannot read the notes (an enabled Global
// Administrator account of a former supplier with no MFA is one answer at
// level 1, and yet the most urgent thing in the report). It is keyed by
// question id, like a management response, and printed beside the rule's
// rating in every format, never instead of it.
type Override struct {
	// Risk is the rating the assessor gives: critical, high, medium or low.
	Risk   string    `json:"risk" yaml:"risk"`
	Reason string    `json:"reason" yaml:"reason"`
	Who    string    `json:"who,omitempty" yaml:"who,omitempty"`
	When   time.Time `json:"when,omitempty" yaml:"-"`
}

// OverrideRisks are the ratings an override may give, worst first.
var OverrideRisks = []string{"critical", "high", "medium", "low"}

// Problem says what an override lacks, or "" when it is complete: a known
// rating and a written reason.
func (o Override) Problem() string {
	known := false
	for _, r := range OverrideRisks {
		known = known || o.Risk == r
	}
	if !known {
		return fmt.Sprintf("unknown risk %q: use %s", o.Risk, strings.Join(OverrideRisks, ", "))
	}
	if strings.TrimSpace(o.Reason) == "" {
		return "an override needs a written reason (reason: …): the rule's rating stands without one"
	}
	return ""
}

// SetOverride records the assessor's rating of the finding on a question;
// an empty risk removes it.
func (a *Assessment) SetOverride(id string, o Override, now time.Time) {
	if o.Risk == "" {
		delete(a.Overrides, id)
		a.Updated = now
		return
	}
	if a.Overrides == nil {
		a.Overrides = map[string]Override{}
	}
	if o.When.IsZero() {
		o.When = now
	}
	a.Overrides[id] = o
	a.Updated = now
}
