package questionnaire

import (
	"fmt"
	"strings"
	"time"
)

// Management response statuses: what the organization says to a finding
// of the report. A response is keyed by question id, so renumbering the
// findings (F-01, F-02…) never detaches it.
const (
	// ResponseAccepted: management agrees and will act.
	ResponseAccepted = "accepted"
	// ResponsePlanned: agreed, with a date by which it will be done.
	ResponsePlanned = "planned"
	// ResponseRiskAccepted: management accepts the risk and will not act.
	ResponseRiskAccepted = "risk-accepted"
	// ResponseDisagreed: management disputes the finding (Comment says why).
	ResponseDisagreed = "disagreed"
)

// ResponseStatuses lists the statuses in the order a form offers them.
var ResponseStatuses = []string{ResponseAccepted, ResponsePlanned, ResponseRiskAccepted, ResponseDisagreed}

// Response is the management response to one finding.
type Response struct {
	Status string `json:"status"`
	// Date is when a planned response will be done (planned only).
	Date    time.Time `json:"date,omitempty"`
	Comment string    `json:"comment,omitempty"`
	// Who gave the response and When it was recorded.
	Who  string    `json:"who,omitempty"`
	When time.Time `json:"when,omitempty"`
}

// Problem says what a response lacks, or "" when it is complete: a known
// status, a date when planned (and only then), a comment when disagreed or
// risk-accepted (the reason is the point of those two).
func (r Response) Problem() string {
	switch r.Status {
	case ResponseAccepted:
	case ResponsePlanned:
		if r.Date.IsZero() {
			return "a planned response needs the date it will be done by (date: YYYY-MM-DD)"
		}
	case ResponseRiskAccepted, ResponseDisagreed:
		if strings.TrimSpace(r.Comment) == "" {
			return fmt.Sprintf("a %s response needs a comment saying why", r.Status)
		}
	default:
		return fmt.Sprintf("unknown response status %q: use %s", r.Status, strings.Join(ResponseStatuses, ", "))
	}
	if r.Status != ResponsePlanned && !r.Date.IsZero() {
		return "only a planned response has a date"
	}
	return ""
}

// ResponseWords is a response's status in words: "accepted", "planned for
// 2026-03-31", "risk accepted", "disagreed".
func ResponseWords(r Response) string {
	switch r.Status {
	case ResponsePlanned:
		if !r.Date.IsZero() {
			return "planned for " + r.Date.Format("2006-01-02")
		}
		return "planned"
	case ResponseRiskAccepted:
		return "risk accepted"
	}
	return r.Status
}

// SetResponse records the management response to the finding on a
// question; an empty status removes it.
func (a *Assessment) SetResponse(id string, r Response, now time.Time) {
	if r.Status == "" {
		delete(a.Responses, id)
		a.Updated = now
		return
	}
	if a.Responses == nil {
		a.Responses = map[string]Response{}
	}
	if r.When.IsZero() {
		r.When = now
	}
	a.Responses[id] = r
	a.Updated = now
}
