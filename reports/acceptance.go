package reports

import (
	"fmt"
	"strings"
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
	// Immediate is the number of this week's step that closes the
	// finding (0: none).
	Immediate int
}

// renewText is the advice on an expired acceptance: fixing comes first,
// and a renewal only if the reason the risk was accepted still holds.
func (a AcceptanceIssue) renewText() string {
	if a.Immediate > 0 {
		return fmt.Sprintf("Immediate #%d closes it this week. Recommended: do not renew; record the closure once the step is done. Renew, with a new review date, only if the reason it was accepted still holds.", a.Immediate)
	}
	return "Decide: fix it as planned, or renew it with a new review date only if the reason it was accepted still holds."
}

// Text says what is wrong and what to decide.
func (a AcceptanceIssue) Text() string {
	e := a.Entry
	if e.Expired {
		return fmt.Sprintf("Risk acceptance by %s lapsed on %s: the finding is back in the plan. %s", orDash(e.Owner), e.Review.Format("2 January 2006"), a.renewText())
	}
	// No Extended Security Updates are offered here: none could be found
	// announced by Microsoft for Windows Server 2016 (searched Microsoft
	// Learn on 2026-11-26; a Microsoft Q&A thread of January 2026,
	// https://learn.microsoft.com/en-us/answers/a/12480049, asks and has
	// no such answer), and ssrm's lifecycle data carries ESU dates only
	// for the 2008 and 2012 releases on Azure (package azure, osSupport).
	p := a.Past
	return fmt.Sprintf("Accepted by %s until %s, but %s reaches the end of its support on %s (%s): from then it gets no more security updates. Decide: review by %s and replace it, isolate it, or accept the risk again with that in the reason.",
		orDash(e.Owner), e.Review.Format("2 January 2006"), p.Product, p.Ends.Format("2 January 2006"), p.Source, p.Ends.Format("2 January 2006"))
}

// Short is the board's line: what lapsed or runs out, and the decision.
func (a AcceptanceIssue) Short() string {
	if a.Entry.Expired {
		return "Lapsed: the finding is back in the plan. " + a.renewText()
	}
	p := a.Past
	return fmt.Sprintf("%s support ends %s, before this review date: review by then (replace, isolate or accept anew).", p.Product, p.Ends.Format("2 January 2006"))
}

// AcceptanceIssues lists the risk acceptances needing a decision: expired
// ones first, then those outlasting the support of a product named in
// their justification, the answer's note or its evidence (when m carries
// lifecycle data).
func AcceptanceIssues(r *scoring.Result, fs []Finding, m Meta) []AcceptanceIssue {
	var out []AcceptanceIssue
	for _, e := range r.Risks {
		ref, step := "", 0
		if f, ok := FindingOf(fs, e.QuestionID); ok {
			ref, step = f.ID, f.Immediate
		}
		if e.Expired {
			out = append(out, AcceptanceIssue{Finding: ref, Entry: e, Immediate: step})
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

// Basis says what the assessment rests on, for the "Basis of this
// assessment" box: when and how long the workshop ran, how much is
// self-reported, which live checks ran, and what it is not.
func Basis(r *scoring.Result) []Pair {
	var out []Pair
	p := AssessmentPeriod(r)
	when := p.String()
	if !p.Started.IsZero() && p.Finished && p.Ended.After(p.Started) {
		d := p.Ended.Sub(p.Started).Round(time.Minute)
		when = fmt.Sprintf("Workshop of %s, %dh%02d", p.Started.Format("2 January 2006"), int(d.Hours()), int(d.Minutes())%60)
	} else if !r.Date.IsZero() && when == "—" {
		when = "Assessment dated " + r.Date.Format("2 January 2006")
	}
	out = append(out, Pair{"When", when})
	c := r.Counts
	given := c.Answered + c.Unknown + c.NotApplicable
	live := map[string]bool{}
	for _, e := range askedEvidence(r) {
		if e.Status == "pass" || e.Status == "fail" {
			live[e.QuestionID] = true
		}
	}
	seen := 0
	for _, s := range r.Questions {
		if s.Answered() && s.Verified() && !live[s.Question.ID] {
			seen++
		}
	}
	// the count as the summary gives it, then who gave the answers
	answers := fmt.Sprintf("%d questions asked: %d answered (%d at a level, %d \"don't know\" to verify, %d not applicable), %d not answered yet. ",
		c.Asked, given, c.Answered, c.Unknown, c.NotApplicable, c.Unanswered)
	if n := assessorAnswers(r); n > 0 {
		answers += fmt.Sprintf("%d answers came from the organization's people and %d were recorded by the assessor", given-n, n)
	} else {
		answers += "The answers came from the organization's people"
	}
	var not []string
	if n := len(live); n > 0 {
		not = append(not, fmt.Sprintf("%d with live evidence from the tenant", n))
	}
	if seen > 0 {
		not = append(not, fmt.Sprintf("%d assessor-verified (the assessor saw the setting or list in the workshop)", seen))
	}
	if len(not) > 0 {
		answers += "; all are self-reported except " + joinAnd(not)
	} else {
		answers += "; every answer is self-reported"
	}
	answers += "."
	if p := parkedText(r); p != "" {
		answers += " " + p
	}
	out = append(out, Pair{"Answers", answers})
	if fs := Findings(r); len(fs) > 0 {
		out = append(out, Pair{"Findings", fmt.Sprintf("%d (%s), numbered F-01 to %s; the plan refers to them by number.", len(fs), riskCounts(fs), fs[len(fs)-1].ID)})
	}
	checks := "No automated checks of the tenant were run."
	if lt := FindingCounts(r); lt.Fail()+lt.Pass > 0 {
		checks = "Read-only live checks of the tenant: " + lt.String() + "."
	} else if lt.Referenced > 0 {
		checks = fmt.Sprintf("No automated checks of the tenant were run; %s named in the workshop await a run.", count(lt.Referenced, "check"))
	}
	out = append(out, Pair{"Checks", checks})
	out = append(out, Pair{"Limits", "A maturity assessment against the shared responsibility model: not an audit, a certification or a penetration test. Nothing was tested by attacking it; a control is taken as described unless live evidence says otherwise."})
	return out
}

// assessorAnswers counts the answers recorded under the assessor's name
// (the profile's assessor, up to its first comma: "Priya Nair, Fabrikam"
// is Priya Nair), as the wizard stores who gave each answer.
func assessorAnswers(r *scoring.Result) int {
	name := strings.TrimSpace(strings.SplitN(r.Profile.Assessor, ",", 2)[0])
	if name == "" {
		return 0
	}
	n := 0
	for _, s := range r.Questions {
		if s.Answered() && strings.EqualFold(strings.TrimSpace(s.Answer.Who), name) {
			n++
		}
	}
	return n
}

// parkedText says which questions were parked in the workshop to come
// back to, and that the findings resting on them are provisional: "2
// questions are parked for a later sitting; F-09 and F-63 rest on them and
// are provisional."
func parkedText(r *scoring.Result) string {
	var parked []string
	for _, s := range r.Questions {
		if s.Answer.Parked {
			parked = append(parked, s.Question.ID)
		}
	}
	if len(parked) == 0 {
		return ""
	}
	var refs []string
	for _, f := range Findings(r) {
		if contains(parked, f.QuestionID) {
			refs = append(refs, f.ID)
		}
	}
	head := fmt.Sprintf("%s parked in the workshop to come back to", questionsAre(len(parked)))
	if len(refs) == 0 {
		return head + ", not scored until they are answered."
	}
	return fmt.Sprintf("%s; %s %s on them and %s provisional.", head, joinAnd(refs), restsOn(len(refs)), isAre(len(refs)))
}

func restsOn(n int) string {
	if n == 1 {
		return "rests"
	}
	return "rest"
}

func questionsAre(n int) string {
	if n == 1 {
		return "1 question is"
	}
	return fmt.Sprintf("%d questions are", n)
}
