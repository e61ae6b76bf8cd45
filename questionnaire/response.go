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

// responseLabels are the words every format uses for the statuses (the
// PDF and Word forms, the workbook's drop-down, Markdown, the JSON report,
// the wizard and ssrm respond): the ids above are only what the assessment
// file stores.
var responseLabels = map[string]string{ResponseAccepted: "Agree", ResponsePlanned: "Agree with plan",
	ResponseRiskAccepted: "Accept risk", ResponseDisagreed: "Disagree"}

// ResponseLabel is a status's word: "Agree with plan" for planned; an
// unknown status is returned as it is.
func ResponseLabel(status string) string {
	if l, ok := responseLabels[status]; ok {
		return l
	}
	return status
}

// ResponseLabels lists the words in the order a form offers them.
func ResponseLabels() []string {
	out := make([]string, len(ResponseStatuses))
	for i, st := range ResponseStatuses {
		out[i] = responseLabels[st]
	}
	return out
}

// ParseResponseStatus reads a status as a person or an older workbook may
// write it: the word ("Agree with plan", "accept risk"), the stored id
// ("risk-accepted", "PLANNED") or the older wording ("risk accepted").
// Anything else comes back normalized, for Problem to name.
func ParseResponseStatus(s string) string {
	n := strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("_", " ", "-", " ").Replace(s))), " ")
	for _, st := range ResponseStatuses {
		if n == strings.ToLower(responseLabels[st]) || n == strings.ReplaceAll(st, "-", " ") {
			return st
		}
	}
	return strings.ReplaceAll(n, " ", "-")
}

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
			return "the response \"Agree with plan\" needs the date it will be done by (date: YYYY-MM-DD)"
		}
	case ResponseRiskAccepted, ResponseDisagreed:
		if strings.TrimSpace(r.Comment) == "" {
			return fmt.Sprintf("the response %q needs a comment saying why", ResponseLabel(r.Status))
		}
	default:
		return fmt.Sprintf("unknown response %q: use %s", r.Status, strings.Join(ResponseLabels(), ", "))
	}
	if r.Status != ResponsePlanned && !r.Date.IsZero() {
		return "only the response \"Agree with plan\" has a date"
	}
	return ""
}

// ResponseWords is a response in the form's words: "Agree", "Agree with
// plan, by 2026-03-31", "Accept risk", "Disagree".
func ResponseWords(r Response) string {
	if r.Status == ResponsePlanned && !r.Date.IsZero() {
		return ResponseLabel(r.Status) + ", by " + r.Date.Format("2006-01-02")
	}
	return ResponseLabel(r.Status)
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
