package reports

import (
	"fmt"
	"time"

	"github.com/ssrm/ssrm/scoring"
)

// SupportEnd is a product a text names (an operating system) and the end
// of its support, from the lifecycle data ssrm carries (package azure),
// with its source.
type SupportEnd struct {
	Product string // "Windows Server 2016"
	Ends    time.Time
	Source  string
}

// AcceptanceIssue is a risk acceptance the board must decide on: one whose
// review date has passed, or one whose review date runs past the end of
// support of a product its justification, note or evidence names.
type AcceptanceIssue struct {
	Finding string // F-number, "" when the gap raised no finding
	Entry   scoring.RiskEntry
	// Past is the product whose support ends before the review date (nil:
	// none).
	Past *SupportEnd
}

// Text says what is wrong and what to decide.
func (a AcceptanceIssue) Text() string {
	e := a.Entry
	if e.Expired {
		return fmt.Sprintf("Risk acceptance by %s lapsed on %s: the finding is back in the plan. Decide: renew it with a new review date and reason, or fix it.", orDash(e.Owner), e.Review.Format("2 January 2006"))
	}
	p := a.Past
	return fmt.Sprintf("Accepted by %s until %s, but %s reaches the end of its support on %s (%s): from then it gets no security updates unless Extended Security Updates are obtained. Decide: review by %s, or obtain them.",
		orDash(e.Owner), e.Review.Format("2 January 2006"), p.Product, p.Ends.Format("2 January 2006"), p.Source, p.Ends.Format("2 January 2006"))
}

// AcceptanceIssues lists the risk acceptances needing a decision: expired
// ones first, then those outlasting the support of a product named in
// their justification, the answer's note or its evidence (when m carries
// lifecycle data).
func AcceptanceIssues(r *scoring.Result, fs []Finding, m Meta) []AcceptanceIssue {
	var out []AcceptanceIssue
	for _, e := range r.Risks {
		ref := ""
		if f, ok := FindingOf(fs, e.QuestionID); ok {
			ref = f.ID
		}
		if e.Expired {
			out = append(out, AcceptanceIssue{Finding: ref, Entry: e})
			continue
		}
		if m.EndOfSupport == nil || e.Review.IsZero() {
			continue
		}
		text := e.Justification
		if s, ok := r.Question(e.QuestionID); ok {
			text += "\n" + s.Answer.Note
		}
		for _, ev := range r.Evidence {
			if ev.QuestionID == e.QuestionID {
				text += "\n" + ev.Detail + "\n" + ev.Ref
			}
		}
		for _, p := range m.EndOfSupport(text) {
			if p.Ends.Before(e.Review) && !p.Ends.Before(r.Date) {
				p := p
				out = append(out, AcceptanceIssue{Finding: ref, Entry: e, Past: &p})
				break
			}
		}
	}
	return out
}
