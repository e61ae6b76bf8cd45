package reports

import (
	"bufio"
	"fmt"
	"github.com/ssrm/ssrm/internal/safetext"
	"io"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// WriteMarkdown writes the action plan as Markdown: the same sections as the
// PDF, in the same order, for wikis and tickets.
func WriteMarkdown(w io.Writer, r *scoring.Result, m Meta) error {
	r, m = Prepare(r, m)
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	org := r.Profile.Organization
	if org == "" {
		org = "Unnamed organization"
	}
	p("# Azure shared responsibility action plan: %s\n\n", md(org))
	p("| | |\n|---|---|\n")
	p("| Assessor | %s |\n", md(orDash(r.Profile.Assessor)))
	p("| Date | %s |\n", day(r.Date))
	p("| Scope | %s; %s |\n", modelNames(r.Profile.Models), md(serviceNames(r)))
	p("| Size, sector, data sensitivity | %s, %s, %s |\n", orDash(r.Profile.Size), md(orDash(r.Profile.Sector)), orDash(r.Profile.Sensitivity))
	p("| Assessment | %s |\n", md(AssessmentPeriod(r).String()))
	p("| Live findings | %s |\n", FindingCounts(r))
	p("| Question bank | %s |\n", md(BankLine(r)))
	p("| Tool | %s |\n", md(ToolLine(r, m)))
	if note := RedactionNote(m); note != "" {
		p("| Redaction | %s |\n", md(note))
	}
	p("\n")

	p("## Executive summary\n\n")
	p("Overall maturity **%s** against a target of %d (%s).\n\n", scoreText(r.Overall), r.Target, q.LevelName(r.Target))
	for _, s := range Verdict(r) {
		p("%s ", s)
	}
	p("\n\n")
	// "answered" counts every answer given, as the wizard and the PDF
	// count it: a level, "don't know" or "not applicable" (issue 17: the
	// wizard counted "don't know" and this line did not)
	c := r.Counts
	p("%d questions asked: %d answered (%d at a level, %d \"don't know\" to verify, %d not applicable), %d not answered yet",
		c.Asked, c.Answered+c.Unknown+c.NotApplicable, c.Answered, c.Unknown, c.NotApplicable, c.Unanswered)
	if r.Counts.Parked > 0 {
		p(" (%d of them parked for later)", r.Counts.Parked)
	}
	p(".")
	if f := FindingCounts(r); f.Fail()+f.Pass > 0 {
		p(" Live evidence: %s.", f)
	}
	p("\n\n### Top actions\n\n")
	for _, it := range r.Top(5) {
		p("%d. **%s** (%s effort, %s, %s)\n", it.Rank, md(it.Action.Title), it.Action.Effort, md(it.Owner), WhenText(it.Days))
	}
	if len(m.Baselines) > 0 {
		if pr := NewProgress(append([]*scoring.Result{r}, m.Baselines...)); pr != nil {
			p("\n")
			if err := bw.Flush(); err != nil {
				return err
			}
			if err := writeProgressMarkdown(bw, pr); err != nil {
				return err
			}
		}
	}
	p("\n## Shared responsibility for your service models\n\n")
	rows := Matrix(r)
	p("| Layer |")
	for _, c := range rows[0].Cells {
		p(" %s |", q.ModelName(c.Model))
	}
	p("\n|---|")
	for range rows[0].Cells {
		p("---|")
	}
	p("\n")
	for _, row := range rows {
		p("| %s |", row.Name)
		for _, c := range row.Cells {
			p(" %s |", PartyName(c.Party))
		}
		p("\n")
	}
	p("\nWhatever the model, your data, your identities and your people are yours to protect.\n")
	if ros := ResponsibilityRows(r); len(ros) > 0 {
		p("\nEach question's owner follows a row of %s.\n\n| Responsibility |", md(ResponsibilitySource(r.Bank)))
		for _, c := range ros[0].Cells {
			p(" %s |", q.ModelName(c.Model))
		}
		p(" Questions |\n|---|")
		for range ros[0].Cells {
			p("---|")
		}
		p("---|\n")
		for _, ro := range ros {
			name := ro.Name
			if ro.Origin != "" {
				name += " (not in Microsoft's table)"
			}
			p("| %s |", md(name))
			for _, c := range ro.Cells {
				p(" %s |", PartyName(c.Party))
			}
			p(" %d |\n", ro.Asked)
		}
	}
	if len(r.Provider) > 0 {
		p("\n### Microsoft's side: what to verify instead\n\n")
		for _, it := range r.Provider {
			p("- **%s** %s (%s). Verify: %s\n", it.Question.ID, md(it.Question.Text), it.Reason, md(it.Verify))
		}
	}

	p("\n## Step 1: Maturity\n\n| Layer | Maturity | Target | Answered | Don't know | Your share |\n|---|---|---|---|---|---|\n")
	for _, g := range r.Layers {
		p("| %s | %s | %s | %d/%d | %d | %.0f%% |\n", g.Name, scoreText(g.Score), targetText(g.Score), given(g), g.Asked, g.Unknown, g.Share*100)
	}
	p("\n%s\n", md(ShareNote(r)))
	p("\n| Domain | Maturity | Target |\n|---|---|---|\n")
	for _, g := range r.Domains {
		if g.Asked == 0 {
			continue
		}
		p("| %s | %s | %s |\n", g.Name, scoreText(g.Score), targetText(g.Score))
	}
	p("\n| Question | Layer | Answer | Level | Target | Gap | Note |\n|---|---|---|---|---|---|---|\n")
	for _, s := range r.Questions {
		note := s.Answer.Note
		if x := ExceptionDetail(s); x != "" {
			note = strings.TrimSpace("*" + x + "* " + note)
		}
		p("| %s %s | %s | %s | %s | %d | %s | %s |\n", s.Question.ID, md(s.Question.Text), s.Question.Layer,
			md(AnswerText(s)), levelText(s), s.Target, gapText(s), md(note))
	}

	p("\n## Step 2: Kill chain\n\n| Phase | Status |")
	for _, l := range q.Layers {
		p(" %s |", r.Bank.LayerInfo(l).Name)
	}
	p("\n|---|---|")
	for range q.Layers {
		p("---|")
	}
	p("\n")
	for _, ph := range r.KillChain {
		state := "broken"
		switch ph.Verdict {
		case scoring.VerdictOpen:
			state = "**OPEN**"
		case scoring.VerdictInsufficient:
			state = fmt.Sprintf("not judged (%d of %d answered, %d needed)", ph.Answered, ph.Controls, ph.Needed)
		}
		p("| %s | %s |", ph.Name, state)
		for _, c := range ph.Layers {
			p(" %s |", c.State)
		}
		p("\n")
	}
	p("\n")
	for _, s := range PhaseStories(r) {
		p("- %s\n", md(s))
	}

	p("\n## Step 3: Prioritized action plan\n\n")
	p("%s\n\n", PriorityRule())
	p("| # | Action | Layers | Priority | Factors | Effort | Owner | Due |\n|---|---|---|---|---|---|---|---|\n")
	for _, it := range r.Actions {
		rank := fmt.Sprint(it.Rank)
		if it.Status != "" {
			rank += " (" + it.Status + ")"
		}
		title := md(it.Action.Title)
		if it.QuickWin {
			title += " *(quick win)*"
		} else if it.SmallPaid() {
			title += " *(small effort, paid service)*"
		}
		if it.ExpiredRisk {
			title += " **(risk acceptance expired)**"
		}
		p("| %s | %s | %s | %.2f | %s | %s | %s | %s |\n", rank, title, strings.Join(strs(it.Layers), ", "),
			it.Priority, md(FactorText(it)), it.Action.Effort, md(it.Owner), orDash(day(it.Due)))
	}
	for _, days := range RoadmapBuckets {
		p("\n### %s\n\n", BucketTitle(days))
		items := r.Roadmap(days)
		if len(items) == 0 {
			p("Nothing scheduled.\n")
		}
		for _, it := range items {
			p("- [ ] %s (%s, %s)\n", md(it.Action.Title), md(it.Owner), dueText(it.Due))
		}
	}
	writeStepQuestions(p, r, 3, "Security in every stage of delivery")
	p("\n## Risk register and exceptions\n\n")
	if len(r.Risks) == 0 {
		p("No risk has been accepted.\n")
	} else {
		p("| Question | Gap | Owner | Review | Status | Justification |\n|---|---|---|---|---|---|\n")
		for _, e := range r.Risks {
			status := "in force"
			if e.Expired {
				status = "**EXPIRED**: back in the plan"
			}
			p("| %s | %d | %s | %s | %s | %s |\n", e.QuestionID, e.Gap, md(e.Owner), day(e.Review), status, md(e.Justification))
		}
	}
	var comp []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Compensating() {
			comp = append(comp, s)
		}
	}
	if len(comp) > 0 {
		p("\n### Compensating controls\n\n")
		for _, s := range comp {
			p("- **%s** level %d granted for *%s*: %s\n", s.Question.ID, s.Level, md(s.Exception.Control), md(s.Exception.Justification))
		}
	}
	p("\n## Step 4: Fortify\n")
	for _, area := range FortifyAreas(r) {
		p("\n### %s\n\n%s\n\n", area.Name, area.Status)
		for _, it := range area.Actions {
			p("- %s (%s)\n", md(it.Action.Title), it.Action.Effort)
		}
	}
	p("\n## Step 5: Socialize\n\n| Month | Activity | Audience |\n|---|---|---|\n")
	for _, e := range TrainingCalendar(r) {
		p("| %s | %s | %s |\n", e.Month, md(e.Activity), md(e.Audience))
	}
	p("\nAlso train after every trigger: %s.\n", strings.Join(TrainingTriggers, ", "))
	p("\n### Reporting a suspected threat\n\n")
	for i, s := range ReportingProcess(r) {
		p("%d. %s\n", i+1, md(s))
	}
	if len(r.Dropped) > 0 {
		p("\n## Not asked\n\n")
		for _, d := range r.Dropped {
			p("- %s %s: %s\n", d.Question.ID, md(d.Question.Text), d.Reason)
		}
	}
	if ev := askedEvidence(r); len(ev) > 0 {
		p("\n## Evidence\n\n| Question | Source | Reference | Check | Status | Severity | Detail |\n|---|---|---|---|---|---|---|\n")
		for _, e := range ev {
			ref := md(e.Ref)
			if e.Source == "url" {
				ref = "<" + strings.ReplaceAll(e.Ref, ">", "%3E") + ">"
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", e.QuestionID, e.Source, ref, md(e.Check), e.Status, e.Severity, md(EvidenceDetail(e)))
		}
	}
	p("\n## Methodology\n\n")
	for _, s := range Methodology(r.Bank) {
		p("- %s\n", md(s))
	}
	for _, t := range MethodTables(r.Bank) {
		p("\n**%s**\n\n|", md(t.Title))
		for _, h := range t.Head {
			p(" %s |", md(h))
		}
		p("\n|%s\n", strings.Repeat("---|", len(t.Head)))
		for _, row := range t.Rows {
			p("|")
			for _, c := range row {
				p(" %s |", md(c))
			}
			p("\n")
		}
	}
	return bw.Flush()
}

func writeStepQuestions(p func(string, ...interface{}), r *scoring.Result, step int, title string) {
	var rows []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Question.Step == step {
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		return
	}
	p("\n### %s\n\n", title)
	for _, s := range rows {
		p("- %s: %s (%s)\n", md(s.Question.Text), md(AnswerText(s)), levelText(s))
	}
}

// md makes text safe inline in Markdown (a table cell, a list item, a
// heading): one line, control and bidi characters removed, Markdown and
// HTML escaped, so a note holding "<script>" or "| x |" shows as typed.
func md(s string) string { return safetext.Markdown(s) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func shortSum(s string) string {
	s = strings.TrimPrefix(s, "sha256:")
	if len(s) > 12 {
		return "sha256 " + s[:12]
	}
	return s
}

func targetText(s scoring.Score) string {
	if s.Empty {
		return "—"
	}
	return fmt.Sprintf("%.1f", s.Target)
}
