package reports

import (
	"fmt"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Where a report comes from, in the words every format shares: the tool,
// the question bank, when the assessment ran and what live checks found.

// Period is when an assessment ran: its start, and its finish or, when it
// was never marked finished, its last update.
type Period struct {
	Started, Ended time.Time
	Finished       bool // Ended is the finish time, not the last update
}

// AssessmentPeriod reads the period of a result's assessment.
func AssessmentPeriod(r *scoring.Result) Period {
	a := r.Provenance
	p := Period{Started: a.Started, Ended: a.Finished, Finished: !a.Finished.IsZero()}
	if !p.Finished {
		p.Ended = a.Updated
	}
	return p
}

// String is the period in words, with the time zone of each time: "started
// 16 Nov 2026, 09:05 UTC; finished 16 Nov 2026, 11:20 UTC".
func (p Period) String() string {
	if p.Started.IsZero() && p.Ended.IsZero() {
		return "—"
	}
	var parts []string
	if !p.Started.IsZero() {
		parts = append(parts, "started "+stamp(p.Started))
	}
	if !p.Ended.IsZero() {
		if p.Finished {
			parts = append(parts, "finished "+stamp(p.Ended))
		} else {
			parts = append(parts, "last updated "+stamp(p.Ended)+" (not marked finished)")
		}
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// stamp is a time with its zone, or the day alone when no time of day was
// recorded (midnight UTC: answers files carry a date only).
func stamp(t time.Time) string {
	if _, off := t.Zone(); off == 0 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006, 15:04") + " " + zoneName(t)
}

// zoneName is a time's zone: its abbreviation, or UTC±hh:mm when it has
// only an offset (as times read back from JSON do).
func zoneName(t time.Time) string {
	name, off := t.Zone()
	if off == 0 && (name == "" || name == "UTC" || name == "Z") {
		return "UTC"
	}
	if name != "" && !strings.ContainsAny(name, "+-0123456789") {
		return name
	}
	return "UTC" + t.Format("-07:00")
}

// Findings counts the live findings of the asked questions. A live check
// informs one or more questions and rolls up its per-resource results, so
// the counts are of checks (distinct check ids, failing ones by severity),
// of the questions they sit on and of the resources they cover: the last
// reconciles with `ssrm azure check`, which lists one result per resource.
type LiveTally struct {
	High, Medium, Low, Unrated int // failing checks by severity
	Pass                       int // passing checks
	// FailQuestions and PassQuestions count the asked questions with a
	// failing (a passing) check; FailResources and PassResources the
	// per-resource results the failing (passing) checks sum up.
	FailQuestions, PassQuestions int
	FailResources, PassResources int
	// Referenced counts findings named by id as evidence, without a result.
	Referenced int
}

// Fail is the number of failing checks.
func (f LiveTally) Fail() int { return f.High + f.Medium + f.Low + f.Unrated }

// rolledUp is how many resources a live evidence entry sums up; an entry
// without a count (typed in by hand) stands for one resource.
func rolledUp(e q.Evidence) int {
	if e.Resources > 0 {
		return e.Resources
	}
	return 1
}

// FindingCounts counts the live findings of a result: checks by status
// (failing ones by severity), the questions they sit on and the resources
// they cover. A check that informs several questions counts once.
func FindingCounts(r *scoring.Result) LiveTally {
	var f LiveTally
	type key struct{ status, check string }
	seen := map[key]bool{}
	questions := map[key]bool{}
	for _, e := range askedEvidence(r) {
		if e.Source == "finding" && e.Status == "" {
			f.Referenced++
		}
		if e.Status != "pass" && e.Status != "fail" {
			continue
		}
		if qk := (key{e.Status, e.QuestionID}); !questions[qk] {
			questions[qk] = true
			if e.Status == "pass" {
				f.PassQuestions++
			} else {
				f.FailQuestions++
			}
		}
		// one check is one finding, however many questions it informs;
		// evidence with no check id (typed in by hand) counts on its own
		if e.Check != "" {
			k := key{e.Status, e.Check}
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		switch e.Status {
		case "pass":
			f.Pass++
			f.PassResources += rolledUp(e.Evidence)
		case "fail":
			f.FailResources += rolledUp(e.Evidence)
			switch strings.ToLower(e.Severity) {
			case "high", "critical":
				f.High++
			case "medium":
				f.Medium++
			case "low":
				f.Low++
			default:
				f.Unrated++
			}
		}
	}
	return f
}

// String is the counts in words, saying what each number counts: "15
// failing checks on 9 questions, covering 18 failing resources (4 high, 11
// medium); 3 passing checks on 3 questions, covering 4 resources".
func (f LiveTally) String() string {
	if f.Fail()+f.Pass == 0 {
		switch f.Referenced {
		case 0:
			return "no live checks run"
		case 1:
			return "no live checks run; 1 check named to run"
		}
		return fmt.Sprintf("no live checks run; %d checks named to run", f.Referenced)
	}
	var sev []string
	for _, x := range []struct {
		n    int
		word string
	}{{f.High, "high"}, {f.Medium, "medium"}, {f.Low, "low"}, {f.Unrated, "unrated"}} {
		if x.n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", x.n, x.word))
		}
	}
	s := fmt.Sprintf("%s on %s, covering %s", count(f.Fail(), "failing check"), count(f.FailQuestions, "question"), count(f.FailResources, "failing resource"))
	if len(sev) > 0 {
		s += " (" + strings.Join(sev, ", ") + ")"
	}
	return s + fmt.Sprintf("; %s on %s, covering %s", count(f.Pass, "passing check"), count(f.PassQuestions, "question"), count(f.PassResources, "resource"))
}

// count is "1 check", "3 checks".
func count(n int, noun string) string { return fmt.Sprintf("%d %s%s", n, noun, plural(n)) }

// BankLine names the question bank a report was scored with, and the one
// the assessment was answered against when that differs.
func BankLine(r *scoring.Result) string {
	s := fmt.Sprintf("%s, %s", r.Bank.Version, shortSum(r.Bank.Checksum()))
	if rel, err := time.Parse("2006-01-02", r.Bank.Released); err == nil {
		// a release date, never one later than the report's: a
		// backdated report names the bank by its checksum alone
		// (ssrm report warns about it)
		s = shortSum(r.Bank.Checksum())
		if !r.Date.IsZero() && !rel.After(r.Date) {
			s = fmt.Sprintf("released %s, %s", rel.Format("2006-01-02"), shortSum(r.Bank.Checksum()))
		}
	}
	if a := r.Provenance.Bank; a.Checksum != "" && a.Checksum != r.Bank.Checksum() {
		s += fmt.Sprintf(" (answered against %s, %s)", orDash(a.Version), shortSum(a.Checksum))
	}
	return s
}

// ToolLine names the tool that wrote the report, and the one that saved
// the assessment when that differs.
func ToolLine(r *scoring.Result, m Meta) string {
	s := orDash(m.Tool)
	if t := r.Provenance.Tool; t != "" && t != m.Tool {
		s += " (assessment saved by " + t + ")"
	}
	return s
}

// ExceptionDetail explains an answer's exception in a sentence with its
// justification, or "".
func ExceptionDetail(s scoring.QuestionScore) string {
	e := s.Exception
	switch {
	case e == nil:
		return ""
	case e.Kind == q.Compensating:
		return strings.TrimSpace(fmt.Sprintf("Compensating control: %s. Why it counts: %s", strings.TrimSuffix(strings.TrimSpace(e.Control), "."), e.Justification))
	case s.Expired:
		return strings.TrimSpace(fmt.Sprintf("Risk acceptance expired %s (owner %s), back in the plan: %s", day(e.Review), orDash(e.Owner), e.Justification))
	}
	return strings.TrimSpace(fmt.Sprintf("Risk accepted by %s until %s: %s", orDash(e.Owner), day(e.Review), e.Justification))
}
