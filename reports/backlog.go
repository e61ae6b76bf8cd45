package reports

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/ssrm/ssrm/scoring"
)

// The backlog: the action plan as work items a team can import into its
// tracker (Azure DevOps Boards, GitHub Issues) or tick off in Markdown.
// Backlog builds the items once; each format only lays them out.

// Backlog formats.
const (
	BacklogAzureDevOps = "azure-devops"
	BacklogGitHub      = "github"
	BacklogMarkdown    = "markdown"
)

// BacklogFormats lists the backlog formats.
var BacklogFormats = []string{BacklogAzureDevOps, BacklogGitHub, BacklogMarkdown}

// Backlog item kinds.
const (
	// ItemAction is an action of the plan.
	ItemAction = "action"
	// ItemRiskReview is an accepted risk to review by its review date, or,
	// when the acceptance has expired, to decide again now.
	ItemRiskReview = "risk-review"
)

// BacklogOptions change how a backlog is written.
type BacklogOptions struct {
	// WorkItemType is the Azure DevOps work item type (default "Task",
	// which every process template has).
	WorkItemType string
	// Tool names the program in each item's footer, e.g. "ssrm 0.1.0".
	Tool string
}

// BacklogItem is one work item, whatever the tracker.
type BacklogItem struct {
	Kind     string
	ActionID string // ItemAction only
	Title    string
	Detail   string
	Rank     int     // in the plan; 0 for risk reviews
	Score    float64 // the plan's priority value
	// Priority is 1 (highest) to 4, as Azure DevOps counts it: see
	// BacklogPriority.
	Priority int
	Owner    string // a role unless the organization named a person
	Due      time.Time
	// Days is the roadmap bucket (30, 60 or 90); 0 for a risk review not
	// yet due within 90 days.
	Days       int
	Effort     string
	Layers     []string // layer names
	Phases     []string // kill-chain phase names
	QuickWin   bool
	Status     string // "", accepted, deferred
	Expired    bool   // an expired risk acceptance brought it back
	Factors    string // FactorText
	Questions  []BacklogQuestion
	Risk       *scoring.RiskEntry // ItemRiskReview only
	Contribute []scoring.Contribution
	EffortCost float64
}

// BacklogQuestion is a question an item raises, with where it stands.
type BacklogQuestion struct {
	ID, Text string
	Answer   string // the chosen option, or what stands for it
	Level    string // "2 Developing", "0 (verify)", "—"
	Target   int
}

// BacklogPriority maps a plan item to 1–4, as Azure DevOps counts
// priority: 1 for the top five of the plan and for actions back because a
// risk acceptance expired; 2 for the rest of the first 30 days (quick wins
// among them); 3 for 60 days; 4 for 90 days and deferred actions.
func BacklogPriority(it scoring.PlanItem) int {
	switch {
	case it.Status == "deferred":
		return 4
	case it.ExpiredRisk, it.Rank >= 1 && it.Rank <= 5:
		return 1
	case it.Days <= 30:
		return 2
	case it.Days <= 60:
		return 3
	}
	return 4
}

// Backlog lists the work items of a result: every action not done, in
// rank order, then the accepted risks to review (expired first).
func Backlog(r *scoring.Result) []BacklogItem {
	scores := map[string]scoring.QuestionScore{}
	for _, s := range r.Questions {
		scores[s.Question.ID] = s
	}
	var out []BacklogItem
	for _, it := range r.Actions {
		if it.Status == "done" {
			continue
		}
		bi := BacklogItem{
			Kind: ItemAction, ActionID: it.Action.ID, Title: it.Action.Title, Detail: it.Action.Detail,
			Rank: it.Rank, Score: it.Priority, Priority: BacklogPriority(it), Owner: it.Owner, Due: it.Due,
			Days: it.Days, Effort: string(it.Action.Effort), QuickWin: it.QuickWin, Status: it.Status,
			Expired: it.ExpiredRisk, Factors: FactorText(it), Contribute: it.Contributions, EffortCost: it.EffortCost,
		}
		for _, l := range it.Layers {
			bi.Layers = append(bi.Layers, r.Bank.LayerInfo(l).Name)
		}
		for _, p := range it.Phases {
			bi.Phases = append(bi.Phases, r.Bank.PhaseName(p))
		}
		for _, c := range it.Contributions {
			bi.Questions = append(bi.Questions, backlogQuestion(scores[c.QuestionID], c.QuestionID))
		}
		out = append(out, bi)
	}
	for _, e := range r.Risks {
		s := scores[e.QuestionID]
		bq := backlogQuestion(s, e.QuestionID)
		bi := BacklogItem{
			Kind: ItemRiskReview, Owner: e.Owner, Due: e.Review, Risk: &e, Expired: e.Expired,
			Layers: []string{r.Bank.LayerInfo(e.Layer).Name}, Questions: []BacklogQuestion{bq},
		}
		if e.Expired {
			bi.Title = "Decide again on the expired risk acceptance of " + e.QuestionID
			bi.Priority, bi.Days = 1, 30
		} else {
			bi.Title = "Review the accepted risk on " + e.QuestionID + " by " + day(e.Review)
			bi.Priority, bi.Days = 3, daysUntil(r.Date, e.Review)
		}
		bi.Detail = fmt.Sprintf("Gap of %d accepted on %q (%s). Justification: %s. Actions waiting: %s.",
			e.Gap, bq.Text, bi.Layers[0], e.Justification, orNone(strings.Join(e.Actions, ", ")))
		if s.Question != nil {
			for _, k := range s.Question.KillChain {
				bi.Phases = appendOnce(bi.Phases, r.Bank.PhaseName(k.Phase))
			}
		}
		out = append(out, bi)
	}
	return out
}

func backlogQuestion(s scoring.QuestionScore, id string) BacklogQuestion {
	if s.Question == nil {
		return BacklogQuestion{ID: id, Text: id, Level: "—"}
	}
	return BacklogQuestion{ID: id, Text: s.Question.Text, Answer: AnswerText(s), Level: levelText(s), Target: s.Target}
}

// daysUntil is the roadmap bucket of a date: 30, 60 or 90 days from start,
// or 0 when it is further away.
func daysUntil(start, due time.Time) int {
	if start.IsZero() || due.IsZero() {
		return 0
	}
	for _, d := range []int{30, 60, 90} {
		if !due.After(scoring.DueIn(start, d)) {
			return d
		}
	}
	return 0
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Tags are the item's labels: ssrm, its layers and phases, and what marks
// it out (quick win, deferred, risk).
func (it BacklogItem) Tags() []string {
	tags := []string{"ssrm"}
	for _, l := range it.Layers {
		tags = append(tags, "layer: "+l)
	}
	for _, p := range it.Phases {
		tags = append(tags, "phase: "+p)
	}
	if it.QuickWin {
		tags = append(tags, "quick win")
	}
	if it.Status == "deferred" {
		tags = append(tags, "deferred")
	}
	switch {
	case it.Expired:
		tags = append(tags, "risk acceptance expired")
	case it.Kind == ItemRiskReview:
		tags = append(tags, "risk accepted")
	}
	return tags
}

// Milestone is the roadmap bucket as a milestone title: "30 days",
// "60 days", "90 days", "Backlog" for what waits for capacity, or "Risk
// reviews" for later reviews.
func (it BacklogItem) Milestone() string {
	switch it.Days {
	case 0:
		return "Risk reviews"
	case scoring.LaterDays:
		return "Backlog"
	}
	return fmt.Sprintf("%d days", it.Days)
}

// WriteBacklog writes the backlog in one of BacklogFormats.
func WriteBacklog(w io.Writer, format string, r *scoring.Result, opts BacklogOptions) error {
	r = Cleaned(r)
	switch format {
	case BacklogAzureDevOps:
		return WriteAzureDevOpsCSV(w, r, opts)
	case BacklogGitHub:
		return WriteGitHubCSV(w, r, opts)
	case BacklogMarkdown:
		return WriteBacklogMarkdown(w, r, opts)
	}
	return fmt.Errorf("unknown backlog format %q: use %s", format, strings.Join(BacklogFormats, ", "))
}

// AzureDevOpsHeader is the header row of the Azure DevOps Boards import.
var AzureDevOpsHeader = []string{"Work Item Type", "Title", "Description", "Priority", "Assigned To", "Tags", "Target Date"}

// WriteAzureDevOpsCSV writes the backlog as a CSV file for Azure DevOps
// Boards' "Import work items" (one new work item a row, no ID column).
// The description is HTML, as Boards stores it; tags are ;-separated.
// Assigned To holds the owner's role unless the organization named a
// person: Boards accepts only known users there, so replace the roles
// with people before importing, or clear the column.
func WriteAzureDevOpsCSV(w io.Writer, r *scoring.Result, opts BacklogOptions) error {
	typ := opts.WorkItemType
	if typ == "" {
		typ = "Task"
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(AzureDevOpsHeader); err != nil {
		return err
	}
	for _, it := range Backlog(r) {
		row := []string{csvSafe(typ), csvSafe(it.Title), csvSafe(adoDescription(r, it, opts)), fmt.Sprint(it.Priority),
			csvSafe(it.Owner), csvSafe(strings.Join(it.Tags(), "; ")), day(it.Due)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func adoDescription(r *scoring.Result, it BacklogItem, opts BacklogOptions) string {
	h := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p>", h(it.Detail))
	if it.Kind == ItemAction {
		fmt.Fprintf(&b, "<p><b>Why it ranks #%d (priority %.2f):</b> %s</p>", it.Rank, it.Score, h(it.Factors))
		if it.Expired {
			b.WriteString("<p><b>Back in the plan:</b> the risk acceptance on one of its questions has expired.</p>")
		}
	}
	b.WriteString("<p><b>Questions it raises:</b></p><ul>")
	for _, bq := range it.Questions {
		fmt.Fprintf(&b, "<li>%s: %s (now %s, target %d)</li>", h(bq.ID), h(bq.Text), h(bq.Level), bq.Target)
	}
	b.WriteString("</ul>")
	fmt.Fprintf(&b, "<p>%s</p>", h(itemFacts(it)))
	fmt.Fprintf(&b, "<p>%s</p>", h(footer(r, opts)))
	return b.String()
}

// itemFacts is one line: effort, roadmap, layers and kill-chain phases.
func itemFacts(it BacklogItem) string {
	var parts []string
	if it.Effort != "" {
		parts = append(parts, "Effort "+it.Effort)
	}
	if it.Days > 0 {
		parts = append(parts, "roadmap: "+WhenText(it.Days))
	}
	if it.QuickWin {
		parts = append(parts, "quick win")
	}
	if len(it.Layers) > 0 {
		parts = append(parts, "layers: "+strings.Join(it.Layers, ", "))
	}
	if len(it.Phases) > 0 {
		parts = append(parts, "kill-chain phases: "+strings.Join(it.Phases, ", "))
	}
	return strings.Join(parts, "; ") + "."
}

func footer(r *scoring.Result, opts BacklogOptions) string {
	tool := opts.Tool
	if tool == "" {
		tool = "ssrm"
	}
	org := r.Profile.Organization
	if org == "" {
		org = "the organization"
	}
	return fmt.Sprintf("From the %s assessment of %s dated %s.", tool, org, day(r.Date))
}

// GitHubHeader is the header row of the GitHub Issues CSV.
var GitHubHeader = []string{"title", "body", "labels", "assignee", "milestone"}

// WriteGitHubCSV writes the backlog as a CSV for GitHub Issues importers
// (title, Markdown body, comma-separated labels, assignee left empty for
// the team to fill, milestone "30 days", "60 days", "90 days" or "Risk
// reviews").
func WriteGitHubCSV(w io.Writer, r *scoring.Result, opts BacklogOptions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(GitHubHeader); err != nil {
		return err
	}
	for _, it := range Backlog(r) {
		row := []string{csvSafe(it.Title), csvSafe(GitHubBody(r, it, opts)), csvSafe(strings.Join(it.Tags(), ",")), "", it.Milestone()}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// GitHubBody is an item's issue body in Markdown: what to do, why it ranks
// where it does (every factor), the questions it raises.
func GitHubBody(r *scoring.Result, it BacklogItem, opts BacklogOptions) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s\n\n", it.Detail)
	meta := []string{fmt.Sprintf("**Priority** %d", it.Priority)}
	if it.Owner != "" {
		meta = append(meta, "**Owner** "+md(it.Owner))
	}
	if !it.Due.IsZero() {
		meta = append(meta, "**Due** "+day(it.Due))
	}
	p("%s\n\n", strings.Join(meta, " · "))
	if it.Expired && it.Kind == ItemAction {
		p("> Back in the plan: the risk acceptance on one of its questions has expired.\n\n")
	}
	if it.Kind == ItemAction {
		p("### Why it ranks #%d\n\n", it.Rank)
		p("| Question | Gap | Weight | Kill-chain factor | Evidence factor | Value |\n|---|---|---|---|---|---|\n")
		for _, c := range it.Contribute {
			p("| %s | %d | %g | %.2f | %.2f (%s) | %.2f |\n", c.QuestionID, c.Gap, c.Weight, c.KillChain, c.Evidence, md(c.EvidenceWhy), c.Value)
		}
		p("\nPriority = Σ value ÷ effort cost %g = **%.2f**\n\n", it.EffortCost, it.Score)
	}
	p("### Questions it raises\n\n")
	for _, bq := range it.Questions {
		p("- **%s** %s (now %s, target %d)\n", bq.ID, bq.Text, bq.Level, bq.Target)
	}
	p("\n%s\n\n_%s_\n", itemFacts(it), footer(r, opts))
	return b.String()
}

// WriteBacklogMarkdown writes the backlog as Markdown checklists: the
// actions grouped by the 30/60/90-day roadmap, `- [ ] title (owner, due)`,
// then the risk reviews and the actions already done.
func WriteBacklogMarkdown(w io.Writer, r *scoring.Result, opts BacklogOptions) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	org := r.Profile.Organization
	if org == "" {
		org = "the organization"
	}
	p("# Security backlog: %s\n\n", md(org))
	p("%s\n", footer(r, opts))
	items := Backlog(r)
	for _, days := range RoadmapBuckets {
		p("\n## %s\n\n", BucketTitle(days))
		n := 0
		for _, it := range items {
			if it.Days != days || (it.Kind == ItemRiskReview && !it.Expired) {
				continue
			}
			n++
			p("- [ ] %s\n", checklistLine(it))
		}
		if n == 0 {
			p("Nothing scheduled.\n")
		}
	}
	p("\n## Accepted risks to review\n\n")
	n := 0
	for _, it := range items {
		if it.Kind == ItemRiskReview && !it.Expired {
			n++
			p("- [ ] %s\n", checklistLine(it))
		}
	}
	if n == 0 {
		p("No risk has been accepted.\n")
	}
	var done []scoring.PlanItem
	for _, it := range r.Actions {
		if it.Status == "done" {
			done = append(done, it)
		}
	}
	if len(done) > 0 {
		p("\n## Done\n\n")
		for _, it := range done {
			p("- [x] %s (%s)\n", md(it.Action.Title), md(orDash(it.Owner)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// checklistLine is `title (owner, due date)` with what marks the item out.
func checklistLine(it BacklogItem) string {
	s := fmt.Sprintf("%s (%s, due %s)", md(it.Title), md(orDash(it.Owner)), orDash(day(it.Due)))
	var marks []string
	if it.Priority == 1 {
		marks = append(marks, "priority 1")
	}
	if it.QuickWin {
		marks = append(marks, "quick win")
	}
	if it.Status == "deferred" {
		marks = append(marks, "deferred")
	}
	if it.Expired && it.Kind == ItemAction {
		marks = append(marks, "risk acceptance expired")
	}
	if len(marks) > 0 {
		s += " — " + strings.Join(marks, ", ")
	}
	return s
}
