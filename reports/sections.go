// The section model: what the action plan says, built once from a result,
// and walked by every renderer (Markdown, JSON, PDF, and the editable
// formats).
//
// How a renderer uses it:
//
//	doc := reports.BuildDocument(r, m, reports.DocOptions{Audience: reports.AudienceFull, Appendix: reports.AppendixShort})
//	for _, s := range doc.Sections {       // already filtered by audience and appendix
//		heading(s.Title, s.Appendix)       // s.Intro is a lead paragraph, may be ""
//		for _, b := range s.Blocks {
//			switch b.Kind {
//			case reports.BlockPara:   para(b.Text)
//			case reports.BlockNote:   smallPrint(b.Text)
//			case reports.BlockBullets: list(b.Items, b.Numbered)
//			case reports.BlockTable:  table(b.Table)    // Columns, Rows of Cells (Text, Sub, Risk)
//			case reports.BlockKV:     keyValue(b.Pairs)  // a two-column fact sheet
//			case reports.BlockChart:  chart(b.Chart)    // a placeholder: draw it, insert an image, or skip
//			}
//		}
//	}
//
// Every string is plain text as the bank and the assessment hold it, never
// escaped: a renderer cleans user text for its format (internal/safetext,
// the PDF's glyph check). b.Title, when set, is a sub-heading over the
// block. Findings are numbered once (Document.Findings) and every other
// section refers to them by id; each action's full text is printed once,
// in the plan.
package reports

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Audience picks the sections of a report (--audience).
type Audience string

// Audiences.
const (
	// AudienceBoard: the board summary, the findings register and the
	// plan, in plain words.
	AudienceBoard Audience = "board"
	// AudienceTechnical: everything but the board summary.
	AudienceTechnical Audience = "technical"
	// AudienceFull: everything; what a consultant hands over (default).
	AudienceFull Audience = "full"
)

// Appendix picks how much appendix a report carries (--appendix).
type Appendix string

// Appendix modes.
const (
	// AppendixFull: the whole answer register (notes whole), the
	// methodology with the bank's tables, the glossary, the evidence.
	AppendixFull Appendix = "full"
	// AppendixShort: the evidence per resource, the risk register, the
	// questions still missing and the rules (default).
	AppendixShort Appendix = "short"
	// AppendixNone: no appendix.
	AppendixNone Appendix = "none"
)

// ParseAudience reads --audience ("" is full).
func ParseAudience(s string) (Audience, error) {
	switch a := Audience(strings.ToLower(strings.TrimSpace(s))); a {
	case "":
		return AudienceFull, nil
	case AudienceBoard, AudienceTechnical, AudienceFull:
		return a, nil
	}
	return "", fmt.Errorf("--audience %q: use board, technical or full", s)
}

// ParseAppendix reads --appendix ("" is short).
func ParseAppendix(s string) (Appendix, error) {
	switch a := Appendix(strings.ToLower(strings.TrimSpace(s))); a {
	case "":
		return AppendixShort, nil
	case AppendixFull, AppendixShort, AppendixNone:
		return a, nil
	}
	return "", fmt.Errorf("--appendix %q: use full, short or none", s)
}

// DocOptions choose what a document holds.
type DocOptions struct {
	Audience Audience // "" is full
	Appendix Appendix // "" is short
}

// BlockKind says what a block holds.
type BlockKind string

// Block kinds.
const (
	BlockPara    BlockKind = "paragraph"
	BlockNote    BlockKind = "note" // small print: a caveat, a source
	BlockBullets BlockKind = "bullets"
	BlockTable   BlockKind = "table"
	BlockKV      BlockKind = "key_value"
	BlockChart   BlockKind = "chart"
)

// Chart names a chart a renderer draws from the result (or skips).
type Chart string

// Charts.
const (
	ChartGauge       Chart = "maturity-gauge"     // overall maturity against the target
	ChartRadar       Chart = "layer-radar"        // layers against the target
	ChartBars        Chart = "group-bars"         // layers, domains and steps
	ChartMatrix      Chart = "responsibility"     // who owns each layer per model, coloured
	ChartHeatLayers  Chart = "killchain-layers"   // phase × layer coverage
	ChartHeatCourses Chart = "killchain-courses"  // phase × course of action, with its legend
	ChartTimeline    Chart = "roadmap-timeline"   // the 30/60/90-day plan
	ChartTrend       Chart = "maturity-trend"     // across baselines
	ChartCalendar    Chart = "training-calendar"  // the month strip
	ChartProgress    Chart = "progress-dumbbells" // layers then and now
)

// Cell is one table cell: Text, an optional smaller Sub line under it
// (an action's full text), and Risk to colour a rating.
type Cell struct {
	Text string `json:"text"`
	Sub  string `json:"sub,omitempty"`
	Risk Risk   `json:"risk,omitempty"`
}

// Table is a table block. Widths are the columns' relative widths (they
// sum to about 1), a hint for fixed-width formats.
type Table struct {
	Columns []string  `json:"columns"`
	Widths  []float64 `json:"widths,omitempty"`
	Rows    [][]Cell  `json:"rows"`
	// Compact marks a long list a renderer may set in smaller type.
	Compact bool `json:"compact,omitempty"`
	// Details, when set, has one paragraph per row ("" for none) that
	// belongs under the whole row: an action's full text.
	Details []string `json:"details,omitempty"`
}

// Pair is one line of a key-value block.
type Pair struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Block is one piece of a section's content.
type Block struct {
	Kind     BlockKind `json:"kind"`
	Title    string    `json:"title,omitempty"`
	Text     string    `json:"text,omitempty"`
	Items    []string  `json:"items,omitempty"`
	Numbered bool      `json:"numbered,omitempty"`
	// Compact marks a long list a renderer may set in smaller type (the
	// short edition's methodology).
	Compact bool   `json:"compact,omitempty"`
	Table   *Table `json:"table,omitempty"`
	Pairs   []Pair `json:"pairs,omitempty"`
	Chart   Chart  `json:"chart,omitempty"`
	// Risk colours a key-value block (a finding's card).
	Risk Risk `json:"risk,omitempty"`
	// Callout marks a paragraph the reader must not miss (a box in the
	// PDF, a quote in Markdown).
	Callout bool `json:"callout,omitempty"`
}

// Section is one part of the report.
type Section struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Intro     string     `json:"intro,omitempty"`
	Audiences []Audience `json:"audiences"`
	Appendix  bool       `json:"appendix,omitempty"`
	Blocks    []Block    `json:"blocks"`
}

// For reports whether the section belongs to an audience's report.
func (s Section) For(a Audience) bool {
	if a == "" || a == AudienceFull {
		return true
	}
	for _, x := range s.Audiences {
		if x == a {
			return true
		}
	}
	return false
}

// Document is the report as sections, with the findings they refer to.
type Document struct {
	Title        string     `json:"title"`
	Organization string     `json:"organization"`
	Findings     []Finding  `json:"-"`
	Sections     []Section  `json:"sections"`
	Options      DocOptions `json:"options"`
	// Sparse marks an assessment with too few answers for a full report:
	// the document says what is missing instead.
	Sparse bool `json:"sparse,omitempty"`
}

// Section ids.
const (
	SecSummary        = "board-summary"
	SecProgress       = "progress"
	SecFindings       = "findings"
	SecPlan           = "plan"
	SecResponsibility = "responsibility"
	SecMaturity       = "maturity"
	SecKillChain      = "kill-chain"
	SecFortify        = "fortify"
	SecPeople         = "people"
	SecMissing        = "missing"
	SecLowFindings    = "low-findings"
	SecEvidence       = "evidence"
	SecRisks          = "risk-register"
	SecBacklog        = "backlog"
	SecAnswers        = "answers"
	SecMethod         = "methodology"
	SecGlossary       = "glossary"
	SecThemes         = "themes"
	SecSignOff        = "sign-off"
)

// Report titles every format shares.
const (
	DocTitle = "Azure shared responsibility action plan"
)

var (
	board = []Audience{AudienceBoard, AudienceFull}
	tech  = []Audience{AudienceTechnical, AudienceFull}
	all   = []Audience{AudienceBoard, AudienceTechnical, AudienceFull}
)

// sparse reports whether fewer than half the asked questions have an
// answer of any kind.
func sparse(r *scoring.Result) bool {
	c := r.Counts
	return c.Asked > 0 && 2*(c.Answered+c.Unknown+c.NotApplicable) < c.Asked
}

// BuildDocument builds the report's sections from a result, filtered by
// the options' audience and appendix.
func BuildDocument(r *scoring.Result, m Meta, opts DocOptions) Document {
	if opts.Audience == "" {
		opts.Audience = AudienceFull
	}
	if opts.Appendix == "" {
		opts.Appendix = AppendixShort
	}
	org := strings.TrimSpace(r.Profile.Organization)
	if org == "" {
		org = "Unnamed organization"
	}
	fs := Findings(r)
	doc := Document{Title: DocTitle, Organization: org, Findings: fs, Options: opts, Sparse: sparse(r)}
	b := &builder{r: r, m: m, fs: fs, refs: FindingRefs(fs), opts: opts}
	if opts.Audience == AudienceBoard {
		// the board's document: a one-page summary, one page of themes
		// and the management response, nothing that points elsewhere
		for _, s := range []Section{b.summary(), b.themes(), b.signOff()} {
			if len(s.Blocks) > 0 {
				doc.Sections = append(doc.Sections, s)
			}
		}
		return doc
	}
	secs := []Section{b.summary()}
	if p := b.progress(); p != nil {
		secs = append(secs, *p)
	}
	if doc.Sparse {
		secs = append(secs, b.missing(false))
	}
	if doc.Sparse {
		// too little is answered for scores, phases and areas to mean
		// anything: the findings so far, the plan so far, the duties
		secs = append(secs, b.findings(), b.responsibility(), b.plan(), b.people())
	} else {
		secs = append(secs, b.findings(), b.responsibility(), b.maturity(), b.killChain(), b.plan(), b.fortify(), b.people())
	}
	if opts.Appendix != AppendixNone {
		if !doc.Sparse {
			secs = append(secs, b.missing(true))
		}
		secs = append(secs, b.evidence(), b.risks(), b.lowFindings(), b.backlog())
		if opts.Appendix == AppendixFull {
			secs = append(secs, b.answers())
		}
		secs = append(secs, b.method(), b.glossary())
	}
	for _, s := range secs {
		if s.ID == "" || len(s.Blocks) == 0 || !s.For(opts.Audience) {
			continue
		}
		if opts.Appendix == AppendixShort {
			// the short edition sets long lists (the reporting process,
			// the phase stories) in the compact registers' type, to
			// keep the document within its 20 pages
			for i := range s.Blocks {
				if s.Blocks[i].Kind == BlockBullets && len(s.Blocks[i].Items) >= longList {
					s.Blocks[i].Compact = true
				}
			}
		}
		doc.Sections = append(doc.Sections, s)
	}
	return doc
}

// longList is the length from which the short edition sets a list compact.
const longList = 6

type builder struct {
	r    *scoring.Result
	m    Meta
	fs   []Finding
	refs map[string][]string
	opts DocOptions
}

// refsInNote turns the bank's question ids a note cites ("see
// NET-EXPOSURE") into the finding numbers the client reads ("see F-02");
// the technical audience keeps the notes as written.
func (b *builder) refsInNote(note string) string {
	if b.opts.Audience == AudienceTechnical {
		return note
	}
	return idToken.ReplaceAllStringFunc(note, func(tok string) string {
		if _, ok := b.r.Bank.Question(tok); !ok {
			return tok
		}
		if f, ok := FindingOf(b.fs, tok); ok {
			return f.ID
		}
		return tok
	})
}

// idToken is a word shaped like a question id (HOST-ACCESS, ID-MFA-ADMIN).
var idToken = regexp.MustCompile(`\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b`)

// topic names a question in a table beside its finding number: its topic
// (its id when the bank gives none); the technical audience adds the id.
func (b *builder) topic(id string) string {
	qq, ok := b.r.Bank.Question(id)
	if !ok || qq.Topic == "" {
		return id
	}
	if b.opts.Audience == AudienceTechnical {
		return qq.Topic + " (" + id + ")"
	}
	return qq.Topic
}

// qref is how a client's page names a question: its finding number
// (F-02), else its topic; the technical audience adds the bank's id
// ("F-02 NET-EXPOSURE"), which the workbook keeps too.
func (b *builder) qref(id string) string {
	out := id
	if f, ok := FindingOf(b.fs, id); ok {
		out = f.ID
	} else if qq, ok := b.r.Bank.Question(id); ok && qq.Topic != "" {
		out = qq.Topic
	}
	if b.opts.Audience == AudienceTechnical && out != id {
		out += " (" + id + ")"
	}
	return out
}

func para(s string) Block       { return Block{Kind: BlockPara, Text: s} }
func note(s string) Block       { return Block{Kind: BlockNote, Text: s} }
func chart(c Chart) Block       { return Block{Kind: BlockChart, Chart: c} }
func list(items []string) Block { return Block{Kind: BlockBullets, Items: items} }
func cells(xs ...string) []Cell {
	out := make([]Cell, len(xs))
	for i, x := range xs {
		out[i] = Cell{Text: x}
	}
	return out
}

// refsText is "F-01, F-04" or "—".
func refsText(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}

// riskCounts is "3 critical, 12 high, 20 medium".
func riskCounts(fs []Finding) string {
	n := map[Risk]int{}
	for _, f := range fs {
		n[f.Risk]++
	}
	var parts []string
	for _, x := range Risks {
		if n[x] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[x], x))
		}
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

// costOf is an action's cost in words for the plan's tables: how it is
// paid for (included, free option, licence per user per month, Azure usage
// (metered), third-party service), judged against the profile's plans when
// it names them ("included in your plan", "free path; licence for full
// control"). No cell says "unpriced": the plan says once that no list
// prices are quoted (NoPricesNote).
func costOf(r *scoring.Result, it scoring.PlanItem) string {
	c := it.Cost
	if len(c.Licences) == 0 {
		if c.Band != "" {
			return r.Bank.CostBandName(c.Band)
		}
		return "—"
	}
	missing := map[string]bool{}
	for _, l := range it.Missing {
		missing[l] = true
	}
	var words []string
	add := func(w string) {
		for _, x := range words {
			if x == w {
				return
			}
		}
		words = append(words, w)
	}
	for _, l := range c.Licences {
		switch {
		case r.Profile.KnowsLicences() && l.Kind == q.CostLicence && !missing[l.ID] && r.Profile.HasLicence(l.ID):
			add("included in your plan")
		case missing[l.ID] && it.Action.FreePath:
			add("free path")
		default:
			add(q.CostKindWords(l.Kind))
		}
	}
	s := strings.Join(words, " + ")
	if c.Band != "" && c.Band != "none" {
		s += " (" + r.Bank.CostBandName(c.Band) + ")"
	}
	return s
}

// NoPricesNote is the plan's one line on prices, printed once instead of
// "unpriced" in every cell.
const NoPricesNote = "No list prices are quoted in this report unless a source is named: the Cost column says how each action is paid for " +
	"(included, free option, licence per user per month, Azure usage (metered), third-party service); a budget estimate is given separately."

// licenceAdvice says, for an organization whose profile names its plans,
// what an action needing a licence it lacks means for it: "You have
// Microsoft 365 Business Standard → free path: NOTE Option: Microsoft
// Entra ID P1." "" when nothing is missing or the plans are unknown.
func licenceAdvice(r *scoring.Result, it scoring.PlanItem) string {
	if len(it.Missing) == 0 {
		return ""
	}
	var need []string
	for _, id := range it.Missing {
		if l, ok := r.Bank.Licence(id); ok {
			// "Microsoft Entra ID P1 (in … Premium and E3)": the name alone
			need = append(need, strings.TrimSpace(strings.SplitN(l.Name, " (", 2)[0]))
		}
	}
	have := "You have " + strings.Join(r.Profile.LicenceNames(), " and ")
	if it.Action.FreePath {
		return fmt.Sprintf("%s → free path: %s Option: %s for %s.", have, joinFields(it.Action.LicenceNote), strings.Join(need, ", "), upgradeWords(it.Action))
	}
	return fmt.Sprintf("%s, which does not include %s: this action needs it (not a quick win).", have, strings.Join(need, ", "))
}

// afterText names the actions an action waits for: "Do after #3 (Send the
// Activity log…)".
func afterText(r *scoring.Result, it scoring.PlanItem) string {
	var parts []string
	for _, id := range it.After {
		for _, x := range r.Actions {
			if x.Action.ID == id && x.Status != "done" {
				parts = append(parts, fmt.Sprintf("#%d (%s)", x.Rank, x.Action.Title))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Do after " + strings.Join(parts, " and ") + "."
}

// ImmediateSteps are the result's immediate steps, worst finding first
// (the findings are numbered by risk, so an override moves its step too).
func ImmediateSteps(r *scoring.Result, fs []Finding) []scoring.ImmediateItem {
	return sortImmediate(r.Immediate(), fs)
}

// sortImmediate orders immediate steps by their worst finding.
func sortImmediate(ims []scoring.ImmediateItem, fs []Finding) []scoring.ImmediateItem {
	pos := map[string]int{}
	for i, f := range fs {
		pos[f.QuestionID] = i + 1
	}
	first := func(im scoring.ImmediateItem) int {
		best := len(fs) + 1
		for _, qid := range im.Questions {
			if p := pos[qid]; p > 0 && p < best {
				best = p
			}
		}
		return best
	}
	sort.SliceStable(ims, func(i, j int) bool { return first(ims[i]) < first(ims[j]) })
	for _, im := range ims {
		// each step's findings in their numbers' order
		qs := im.Questions
		sort.SliceStable(qs, func(i, j int) bool { return at(pos, qs[i], len(fs)) < at(pos, qs[j], len(fs)) })
	}
	return ims
}

// at is a question's finding position, or past the end when it has none.
func at(pos map[string]int, qid string, n int) int {
	if p := pos[qid]; p > 0 {
		return p
	}
	return n + 1
}

// immediateBlock is the "Immediate (this week)" table: free, about-an-hour
// steps that remove a known credential or exposure (scoring.Immediate).
func (b *builder) immediateBlock() (Block, bool) {
	ims := ImmediateSteps(b.r, b.fs)
	if len(ims) == 0 {
		return Block{}, false
	}
	t := &Table{Columns: []string{"#", "This week", "Removes", "Findings", "Owner", "Plan"}, Widths: []float64{.04, .56, .12, .1, .12, .06}, Compact: true}
	for i, im := range ims {
		removes := "a known credential"
		if im.Removes == "exposure" {
			removes = "a known exposure"
		}
		var refs []string
		for _, qid := range im.Questions {
			for _, f := range b.fs {
				if f.QuestionID == qid {
					refs = append(refs, f.ID)
				}
			}
		}
		plan := "—"
		if im.Rank > 0 {
			plan = fmt.Sprintf("#%d", im.Rank)
		}
		step := joinFields(im.Step)
		if d := immediateDue(b.r, im); im.Days > q.ImmediateWeek && !d.IsZero() {
			step += fmt.Sprintf(" Due %s (%d days).", d.Format("2006-01-02"), im.Days)
		}
		t.Rows = append(t.Rows, cells(fmt.Sprint(i+1), step, removes, refsText(refs), im.Owner, plan))
	}
	return Block{Kind: BlockTable, Title: "Immediate (this week)", Table: t}, true
}

func (b *builder) summary() Section {
	r := b.r
	s := Section{ID: SecSummary, Title: "Board summary", Audiences: board}
	s.Blocks = append(s.Blocks, chart(ChartGauge), Block{Kind: BlockPara, Title: "Verdict", Text: strings.Join(Verdict(r), " "), Callout: true})
	c := r.Counts
	// "answered" counts every answer given, as the wizard counts it: a
	// level, "don't know" or "not applicable"
	answered := fmt.Sprintf("%d questions asked: %d answered (%d at a level, %d \"don't know\" to verify, %d not applicable), %d not answered yet.",
		c.Asked, c.Answered+c.Unknown+c.NotApplicable, c.Answered, c.Unknown, c.NotApplicable, c.Unanswered)
	switch {
	case len(b.fs) > 0 && b.opts.Audience == AudienceBoard:
		answered += fmt.Sprintf(" They raise %d findings (%s); the critical and high ones are grouped by theme on the next page.", len(b.fs), riskCounts(b.fs))
	case len(b.fs) > 0:
		answered += fmt.Sprintf(" They raise %d findings (%s), numbered F-01 to %s in the findings section; the plan refers to them by number.",
			len(b.fs), riskCounts(b.fs), b.fs[len(b.fs)-1].ID)
	}
	if lt := FindingCounts(r); lt.Fail()+lt.Pass > 0 {
		answered += " Live evidence: " + lt.String() + "."
	}
	if b.opts.Audience != AudienceBoard && len(b.fs) == 0 {
		// with findings, the basis box below counts answers and findings
		s.Blocks = append(s.Blocks, para(answered))
	}
	top := r.Roadmap(30)
	if len(top) > 5 {
		top = top[:5]
	}
	title := "This month: the first things to do"
	if len(top) == 0 {
		top = r.Top(5)
		title = "First things to do"
	}
	week, hasWeek := b.thisWeekBlock()
	if hasWeek {
		s.Blocks = append(s.Blocks, week)
	}
	if len(top) > 0 {
		t := &Table{Columns: []string{"#", "Action", "Findings", "Cost", "Owner", "Due"}, Widths: []float64{.05, .43, .1, .19, .12, .11}, Compact: true}
		for _, row := range b.firstRows(top) {
			t.Rows = append(t.Rows, cells(row.ranks, row.action, refsText(row.refs), strings.Join(row.costs, " + "), row.owner, row.due))
		}
		// the heading says how many rows there are
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: fmt.Sprintf("%s (%d)", title, len(t.Rows)), Table: t})
		s.Blocks = append(s.Blocks, para(budgetLine(r, top, hasWeek)+" "+CapacityLine(r)))
	}
	if b.opts.Audience != AudienceBoard {
		// the board edition prints these with its themes (themes)
		if d := LicenceDecision(r); d != "" {
			s.Blocks = append(s.Blocks, Block{Kind: BlockPara, Title: "Licensing decision", Text: d})
		}
		if t := b.acceptanceTable(); t != nil {
			s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: fmt.Sprintf("Risk acceptances needing a decision (%d)", len(t.Rows)), Table: t})
		}
	}
	if b.opts.Audience != AudienceBoard {
		// after the first things to do, which stay on the summary's
		// page; the board's basis box is on its themes page
		// who secures what is the next section's table, whole (Shared
		// responsibility for your service models): not repeated here
		s.Blocks = append(s.Blocks, Block{Kind: BlockKV, Title: "Basis of this assessment", Pairs: Basis(r)})
	}
	if len(b.m.Baselines) > 0 {
		if p := NewProgress(append([]*scoring.Result{r}, b.m.Baselines...)); p != nil {
			s.Blocks = append(s.Blocks, Block{Kind: BlockPara, Title: "Risk trend", Text: progressSentence(p.Diff)})
		}
	}
	return s
}

// firstRow is one line of the summary's first things to do: actions of
// one owner that close the same finding share a line ("1, 2 Close RDP…;
// then reach VMs only through Azure Bastion…"), so two steps on one
// finding do not take two of the board's few lines.
type firstRow struct {
	ranks, action, owner, due string
	refs, costs               []string
}

func (b *builder) firstRows(top []scoring.PlanItem) []firstRow {
	var rows []firstRow
	shares := func(xs, ys []string) bool {
		for _, x := range xs {
			if contains(ys, x) {
				return true
			}
		}
		return false
	}
	for _, it := range top {
		refs, cost := b.refs[it.Action.ID], costOf(b.r, it)
		merged := false
		for i := range rows {
			x := &rows[i]
			if x.owner != it.Owner || len(refs) == 0 || !shares(x.refs, refs) {
				continue
			}
			x.ranks += fmt.Sprintf(", %d", it.Rank)
			x.action += "; then " + lowerFirst(it.Action.Title)
			for _, f := range refs {
				if !contains(x.refs, f) {
					x.refs = append(x.refs, f)
				}
			}
			if !contains(x.costs, cost) {
				x.costs = append(x.costs, cost)
			}
			if d := dueDay(it); d > x.due {
				x.due = d
			}
			merged = true
			break
		}
		if !merged {
			rows = append(rows, firstRow{ranks: fmt.Sprint(it.Rank), action: it.Action.Title, owner: it.Owner, due: dueDay(it),
				refs: append([]string(nil), refs...), costs: []string{cost}})
		}
	}
	return rows
}

// themes is the board's second page: the critical and high findings
// grouped by domain, each with what to do first, and the basis of the
// assessment.
func (b *builder) themes() Section {
	s := Section{ID: SecThemes, Title: "Critical and high-risk findings by theme", Audiences: []Audience{AudienceBoard}}
	type theme struct {
		name       string
		crit, high int
		ids        []string
		week, todo []string // this week's steps, then the plan's actions
		seenTodo   map[string]bool
		cands      []scoring.PlanItem // the findings' active actions
	}
	active := map[string]scoring.PlanItem{}
	for _, it := range b.r.Actions {
		if it.Status != "done" && !it.Licensing {
			active[it.Action.ID] = it
		}
	}
	var order []*theme
	byName := map[string]*theme{}
	for _, f := range b.fs {
		if f.Risk != RiskCritical && f.Risk != RiskHigh {
			continue
		}
		name := f.DomainName
		if name == "" {
			name = f.LayerName
		}
		t := byName[name]
		if t == nil {
			t = &theme{name: name, seenTodo: map[string]bool{}}
			byName[name] = t
			order = append(order, t)
		}
		if f.Risk == RiskCritical {
			t.crit++
		} else {
			t.high++
		}
		t.ids = append(t.ids, f.ID)
		// a step of this week leads the theme (the re-review: the board
		// must read the former supplier's account in the Identity row)
		if k := fmt.Sprintf("#%d", f.Immediate); f.Immediate > 0 && !t.seenTodo[k] {
			t.seenTodo[k] = true
			t.week = append(t.week, fmt.Sprintf("%s (Immediate #%d)", lowerFirst(StepClause(f.ImmediateStep)), f.Immediate))
		}
		for _, id := range f.Actions {
			if it, ok := active[id]; ok && !t.seenTodo[id] {
				t.seenTodo[id] = true
				t.cands = append(t.cands, it)
			}
		}
	}
	// what to do first in a theme: its findings' actions due soonest
	// (a window, then the rank), not the first by finding order; an
	// action pulled into 90 days (a backup's immutability) is named
	// before one waiting in the backlog (review 4, finding 12)
	for _, t := range order {
		sort.SliceStable(t.cands, func(i, j int) bool {
			if t.cands[i].Days != t.cands[j].Days {
				return t.cands[i].Days < t.cands[j].Days
			}
			return t.cands[i].Rank < t.cands[j].Rank
		})
		for _, it := range t.cands[:min(2, len(t.cands))] {
			t.todo = append(t.todo, it.Action.Title)
		}
	}
	if len(order) > 0 {
		s.Intro = fmt.Sprintf("%d critical and high-risk findings in %d themes, most severe first; the first things to do in each theme are named.", countRisk(b.fs, RiskCritical)+countRisk(b.fs, RiskHigh), len(order))
		t := &Table{Columns: []string{"Theme", "Risk", "What to do first", "Findings"}, Widths: []float64{.2, .16, .44, .2}, Compact: true}
		for _, th := range order {
			var risk []string
			if th.crit > 0 {
				risk = append(risk, fmt.Sprintf("%d critical", th.crit))
			}
			if th.high > 0 {
				risk = append(risk, fmt.Sprintf("%d high", th.high))
			}
			todo := th.todo
			if len(th.week) > 0 {
				// this week's steps, then the plan's first action
				todo = append([]string{"This week: " + strings.Join(th.week, "; ")}, th.todo[:min(1, len(th.todo))]...)
			}
			rc := cells(th.name, strings.Join(risk, ", "), strings.Join(todo, ". Then: "), strings.Join(th.ids, ", "))
			if th.crit > 0 {
				rc[1].Risk = RiskCritical
			} else {
				rc[1].Risk = RiskHigh
			}
			t.Rows = append(t.Rows, rc)
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Table: t})
	}
	// the board edition's summary page holds this week and this month;
	// the decisions the board must take come with the themes
	if d := LicenceDecision(b.r); d != "" {
		s.Blocks = append(s.Blocks, Block{Kind: BlockPara, Title: "Licensing decision", Text: d})
	}
	if t := b.acceptanceTable(); t != nil {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: fmt.Sprintf("Risk acceptances needing a decision (%d)", len(t.Rows)), Table: t})
	}
	return s
}

func countRisk(fs []Finding, r Risk) int {
	n := 0
	for _, f := range fs {
		if f.Risk == r {
			n++
		}
	}
	return n
}

// signOff is the board's management response: one choice and two
// signatures, left blank to fill in.
func (b *builder) signOff() (s Section) {
	s = Section{ID: SecSignOff, Title: "Management response", Audiences: []Audience{AudienceBoard},
		Intro: "Mark one response, note any changes or accepted risks with their review date, and sign."}
	// the basis comes with the signature: what the board signs rests on it
	defer func() {
		s.Blocks = append(s.Blocks, Block{Kind: BlockKV, Title: "Basis of this assessment", Pairs: Basis(b.r)})
	}()
	choice := &Table{Columns: []string{"Response", "Mark one"}, Widths: []float64{.85, .15}}
	// the four answers of every format's response form (q.ResponseLabel),
	// each said for the report as a whole
	for i, c := range []string{
		"we agree with the findings and will carry out the first actions as set out.",
		"we agree with the findings, with the changes and dates noted below.",
		"we accept the risks noted below for now, each with an owner and a review date.",
		"we disagree with the findings noted below, for the reasons given.",
	} {
		choice.Rows = append(choice.Rows, cells(q.ResponseLabel(q.ResponseStatuses[i])+": "+c, ""))
	}
	// the per-finding responses already on record (risk acceptances in
	// force or lapsed, responses given) are the exceptions to the overall
	// one, listed so that the two records say the same
	notes := &Table{Columns: []string{"Finding or action", "Change, accepted risk or reason", "Review date"}, Widths: []float64{.2, .6, .2}}
	for _, f := range b.fs {
		st, date, _, comment := f.ResponseForm()
		if st == "" && f.Acceptance == nil || st == q.ResponseAccepted {
			continue
		}
		what := strings.TrimPrefix(comment, "risk register: ")
		if st != "" {
			what = q.ResponseLabel(st) + ": " + what
		}
		if f.Acceptance != nil && f.Acceptance.Expired {
			what = "Risk acceptance lapsed " + f.Acceptance.Review.Format("2006-01-02") + ": decide again (see the risk acceptances needing a decision)"
		}
		notes.Rows = append(notes.Rows, cells(f.ID, what, strings.TrimPrefix(date, "review ")))
	}
	for len(notes.Rows) < 4 {
		notes.Rows = append(notes.Rows, cells(" ", " ", " "))
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Response", Table: choice},
		Block{Kind: BlockTable, Title: "Changes, accepted risks and disagreements", Table: notes},
		note("The overall response covers every finding except those listed above, which keep their own response. The record is the workbook's Findings sheet (one response per finding), which your assessor reads back into the assessment: the overall response marked here is copied to each finding not listed."),
		Block{Kind: BlockTable, Title: "Signatures", Table: b.signatures()})
	return s
}

// signatures is the sign-off: the organization's owner and the assessor,
// name, role, date and signature left to fill in.
func (b *builder) signatures() *Table {
	by, _ := PreparedBy(b.r.Profile.Assessor, b.m.Brand)
	org := strings.TrimSpace(b.r.Profile.Organization)
	if org == "" {
		org = "the organization"
	}
	sign := &Table{Columns: []string{"", "Name", "Role", "Date", "Signature"}, Widths: []float64{.22, .22, .18, .13, .25}}
	sign.Rows = append(sign.Rows, cells("For "+org, " ", " ", " ", " "), cells("Prepared by", orDash(by), "Assessor", " ", " "))
	return sign
}

// tool is a tool flag in brackets for the technical audience, "" for the
// client's copy (board and full), which says it in words.
func (b *builder) tool(flag string) string {
	if b.opts.Audience == AudienceTechnical {
		return " (" + flag + ")"
	}
	return ""
}

// toolNote is a tool instruction (a sentence) for the technical audience,
// "" otherwise.
func (b *builder) toolNote(s string) string {
	if b.opts.Audience == AudienceTechnical {
		return " " + s
	}
	return ""
}

// acceptanceTable lists the risk acceptances the board must decide on
// (expired, or outlasting a product's support), nil when none.
func (b *builder) acceptanceTable() *Table {
	issues := AcceptanceIssues(b.r, b.fs, b.m)
	if len(issues) == 0 {
		return nil
	}
	t := &Table{Columns: []string{"Finding", "Owner", "Review date", "Decision needed"}, Widths: []float64{.1, .18, .14, .58}, Compact: true}
	for _, a := range issues {
		review := a.Entry.Review.Format("2006-01-02")
		if a.Entry.Expired {
			review += " (expired)"
		}
		text := a.Text()
		if b.opts.Audience == AudienceBoard {
			text = a.Short()
		}
		t.Rows = append(t.Rows, cells(orDash(a.Finding), orDash(a.Entry.Owner), review, text))
	}
	return t
}

// acceptanceRow is a finding's "Risk acceptance" row: in force, expired,
// or outlasting a product's support; "" when it has none.
func (b *builder) acceptanceRow(f Finding) string {
	for _, a := range AcceptanceIssues(b.r, b.fs, b.m) {
		if a.Entry.QuestionID == f.QuestionID {
			return a.Text()
		}
	}
	for _, e := range b.r.Risks {
		if e.QuestionID == f.QuestionID {
			return fmt.Sprintf("Accepted by %s until %s: %s", orDash(e.Owner), e.Review.Format("2 January 2006"), e.Justification)
		}
	}
	return ""
}

func dueDay(it scoring.PlanItem) string {
	if it.Due.IsZero() {
		return WhenText(it.Days)
	}
	return it.Due.Format("2006-01-02")
}

func (b *builder) progress() *Section {
	if len(b.m.Baselines) == 0 {
		return nil
	}
	p := NewProgress(append([]*scoring.Result{b.r}, b.m.Baselines...))
	if p == nil {
		return nil
	}
	s := Section{ID: SecProgress, Title: ProgressTitle(p), Audiences: all}
	for _, w := range p.Warnings {
		s.Blocks = append(s.Blocks, note("Warning: "+w))
	}
	s.Blocks = append(s.Blocks, para(progressSentence(p.Diff)), chart(ChartProgress))
	return &s
}

// findings is the register (one row per finding) and a card for each
// finding the reader acts on now: every critical one and every one planned
// within 90 days (all of them with the full appendix).
func (b *builder) findings() Section {
	s := Section{ID: SecFindings, Title: "Findings", Audiences: all,
		Intro: "Each gap against the target is a finding, numbered once; the plan and the appendices refer to these numbers. " +
			"The risk weighs the gap as the plan does (gap × weight × kill-chain factor × evidence factor; the rule is in the methodology): critical only where the control would stop an attack step the assessment does not show stopped. " +
			"The management response to each critical and high finding is given in the form after the findings."}
	if len(b.fs) == 0 {
		s.Blocks = append(s.Blocks, para("No finding: every scored question meets its target."))
		return s
	}
	main, low := b.fs, []Finding(nil)
	if b.opts.Appendix == AppendixShort {
		main, low = splitLow(b.fs)
	}
	title := "Register (" + riskCounts(b.fs) + ")"
	if len(low) > 0 {
		title = fmt.Sprintf("Register (%s; the %d medium and low-risk findings are in the appendix)", riskCounts(main), len(low))
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: title, Table: registerTable(main)})
	n := 0
	for _, f := range b.fs {
		if b.opts.Appendix != AppendixFull && f.Risk != RiskCritical {
			continue
		}
		n++
		s.Blocks = append(s.Blocks, b.card(f))
	}
	if n < len(b.fs) {
		s.Blocks = append(s.Blocks, note(fmt.Sprintf("The %d critical findings are set out in full above; the other %d are listed in the register, and set out in full in the workbook's Findings sheet and the full edition of this report%s.", n, len(b.fs)-n, b.tool("--appendix full"))))
	}
	s.Blocks = append(s.Blocks, b.responseForm()...)
	return s
}

// responseForm is the management response to fill in on paper or in
// Word: a row per critical and high finding (a box per choice, planned
// date, owner, comment), prefilled from the recorded responses and the
// risk register, and the sign-off.
func (b *builder) responseForm() []Block {
	fs := b.fs
	cols := []string{"Finding"}
	cols = append(cols, q.ResponseLabels()...)
	cols = append(cols, "Planned date", "Owner", "Comment")
	t := &Table{Columns: cols, Widths: []float64{.08, .07, .09, .08, .09, .12, .18, .29}, Compact: true}
	for _, f := range fs {
		if f.Risk != RiskCritical && f.Risk != RiskHigh {
			continue
		}
		st, date, owner, comment := f.ResponseForm()
		date, owner, comment = orLine(date, 10), orLine(owner, 14), orLine(comment, 30)
		row := []Cell{{Text: f.ID, Risk: f.Risk}}
		for _, x := range q.ResponseStatuses {
			box := "[  ]"
			if x == st {
				box = "[X]"
			}
			row = append(row, Cell{Text: box})
		}
		t.Rows = append(t.Rows, append(row, Cell{Text: date}, Cell{Text: owner}, Cell{Text: comment}))
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return []Block{
		{Kind: BlockTable, Title: fmt.Sprintf("Management response (%d critical and high findings)", len(t.Rows)), Table: t},
		note("Tick one response per finding: Agree (we will act as the plan says), Agree with plan (give the date), Accept risk (say why and when it will be reviewed), Disagree (say why). Rows already ticked come from the responses recorded and the risk register."),
		{Kind: BlockTable, Title: "Sign-off", Table: b.signatures()},
	}
}

// orLine is s, or a line of n underscores to write on when s is empty.
func orLine(s string, n int) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return strings.Repeat("_", n)
}

// splitLow splits the medium and low-risk findings off (they come last).
func splitLow(fs []Finding) (main, low []Finding) {
	for i, f := range fs {
		if f.Risk == RiskLow || f.Risk == RiskMedium {
			return fs[:i], fs[i:]
		}
	}
	return fs, nil
}

// registerTable lists findings one row each.
func registerTable(fs []Finding) *Table {
	t := &Table{Columns: []string{"No.", "Risk", "Finding", "Owner", "Due", "Response"}, Widths: []float64{.055, .1, .44, .165, .145, .095}, Compact: true}
	for _, f := range fs {
		resp := "awaited"
		switch {
		case f.Response != nil:
			resp = q.ResponseWords(*f.Response)
		case f.Acceptance != nil && !f.Acceptance.Expired:
			resp = q.ResponseLabel(q.ResponseRiskAccepted)
		case f.Acceptance != nil:
			resp = "acceptance expired"
		}
		t.Rows = append(t.Rows, []Cell{{Text: f.ID}, {Text: string(f.Risk), Risk: f.Risk},
			{Text: f.Title}, {Text: f.OwnerText()}, {Text: f.Window()}, {Text: resp}})
	}
	return t
}

// lowFindings is the appendix of the medium and low-risk findings.
func (b *builder) lowFindings() Section {
	s := Section{ID: SecLowFindings, Title: "Medium and low-risk findings", Audiences: all, Appendix: true}
	if b.opts.Appendix != AppendixShort {
		return s
	}
	if _, low := splitLow(b.fs); len(low) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Table: registerTable(low)})
	}
	return s
}

// card is one finding in full.
func (b *builder) card(f Finding) Block {
	obs := fmt.Sprintf("Answered: %s (level %d, target %d).", f.Answer, f.Level, f.Target)
	if f.Unknown {
		obs = fmt.Sprintf("Answered \"don't know\": counted as level 0 against a target of %d until verified.", f.Target)
	}
	if f.Evidence != "" {
		obs += " Evidence: " + f.Evidence + "."
	}
	if f.Contradiction != "" {
		obs += " " + f.Contradiction + "."
	}
	pairs := []Pair{{"Question", f.Question}, {"Observation", obs}}
	if f.Note != "" {
		pairs = append(pairs, Pair{"Note", b.refsInNote(f.Note)})
	}
	pairs = append(pairs, Pair{"Risk", fmt.Sprintf("%s: %s", f.Risk, f.RiskWhy)}, Pair{"Business impact", f.Impact})
	// the first of the question's facts a signer can defend (Quotable);
	// none: the business impact stands alone
	if qq, ok := b.r.Bank.Question(f.QuestionID); ok {
		for _, id := range qq.Facts {
			if ft, ok := b.r.Bank.Fact(id); ok && ft.Quotable(b.r.Date.Year()) {
				pairs = append(pairs, Pair{"Why it matters", FactText(ft)})
				break
			}
		}
	}
	var rec []string
	for _, id := range f.Actions {
		if a, ok := b.r.Bank.Action(id); ok {
			rec = append(rec, a.Title+" ("+b.planRef(id)+")")
		}
	}
	if f.Immediate > 0 {
		// this week's step first, in its own sentence (it has its own
		// semicolons), then the plan's actions
		when := "This week"
		if f.ImmediateDays > q.ImmediateWeek {
			when = fmt.Sprintf("Within %d days", f.ImmediateDays)
		}
		step := fmt.Sprintf("%s (Immediate #%d): %s.", when, f.Immediate, StepClause(f.ImmediateStep))
		if len(rec) > 0 {
			rec[0] = step + " Then: " + rec[0]
		} else {
			rec = []string{step}
		}
	}
	if f.Short != "" && !f.Accepted {
		rec = append(rec, f.Short)
	}
	if f.Accepted {
		rec = append(rec, "risk accepted: the actions wait in the risk register until its review date")
	}
	if acc := b.acceptanceRow(f); acc != "" {
		pairs = append(pairs, Pair{"Risk acceptance", acc})
	}
	pairs = append(pairs, Pair{"Recommendation", strings.Join(rec, "; ")})
	// no licence: the cost words alone ("No licence", "staff time only"),
	// said once
	lic := f.Cost
	if len(f.LicenceCost) > 0 {
		lic = strings.Join(f.LicenceCost, "; ")
		if f.Cost == "no list price sourced" {
			lic += " (no list price sourced)"
		}
	}
	pairs = append(pairs, Pair{"Licences and cost", lic},
		Pair{"Owner and due", f.OwnerText() + ", " + findingDue(f)})
	// a critical or high finding awaiting its response is answered in the
	// form after the cards, which the section's note points to
	if resp := cardResponse(f); resp != formPending {
		pairs = append(pairs, Pair{"Management response", resp})
	}
	return Block{Kind: BlockKV, Title: fmt.Sprintf("%s %s", f.ID, f.Title), Pairs: pairs, Risk: f.Risk}
}

// formPending is a card's response when it is to be given in the form.
const formPending = "to be given in the management response form at the end of this section"

// cardResponse is a card's management response: what is recorded, or
// where to give it.
func cardResponse(f Finding) string {
	if f.Response == nil && f.Acceptance == nil && (f.Risk == RiskCritical || f.Risk == RiskHigh) {
		return formPending
	}
	return f.ResponseText()
}

// planRef says where an action sits in the plan: "rank 3, 30 days";
// "covered by Immediate #3 once done and verified" for an action whose
// job a step does; "rank 88, licensing decision" for one that waits for a
// licence.
func (b *builder) planRef(id string) string {
	r := b.r
	for _, it := range r.Actions {
		if it.Action.ID != id {
			continue
		}
		switch {
		case it.DoneBy != "":
			return b.doneByText(it)
		case it.Status == "done":
			return "marked done"
		case it.Licensing:
			return fmt.Sprintf("rank %d, licensing decision", it.Rank)
		case it.Days == scoring.LaterDays:
			return fmt.Sprintf("rank %d, backlog", it.Rank)
		}
		return fmt.Sprintf("rank %d, %d days", it.Rank, it.Days)
	}
	return "not planned"
}

// doneByText says which immediate step stands in for an action and what
// would bring it back: "covered by Immediate #3 once done and verified;
// upgrade path with Microsoft Entra ID P1".
func (b *builder) doneByText(it scoring.PlanItem) string {
	k := 0
	for i, im := range ImmediateSteps(b.r, b.fs) {
		if im.Action.ID == it.DoneBy {
			k = i + 1
		}
	}
	s := CoveredText(k)
	if a, ok := b.r.Bank.Action(it.DoneBy); ok && a.Immediate != nil && a.Immediate.InsteadOf != nil {
		s += "; upgrade path with " + b.licenceShort(a.Immediate.InsteadOf.Without)
	}
	return s
}

// CoveredText is the status of an action an immediate step stands in for
// (scoring's PlanItem.DoneBy): never "done", since the step is still to be
// taken and checked. k is the step's number, 0 when unknown.
func CoveredText(k int) string {
	if k > 0 {
		return fmt.Sprintf("covered by Immediate #%d once done and verified", k)
	}
	return "covered by this week's step once done and verified"
}

// licenceShort is a licence's name without its parenthesis ("Microsoft
// Entra ID P1").
func (b *builder) licenceShort(id string) string {
	if l, ok := b.r.Bank.Licence(id); ok {
		return strings.TrimSpace(strings.SplitN(l.Name, " (", 2)[0])
	}
	return id
}

func findingDue(f Finding) string {
	if f.Immediate > 0 && !f.Due.IsZero() {
		return "due " + f.Due.Format("2006-01-02") + ", " + f.Window()
	}
	if !f.Due.IsZero() {
		return "due " + f.Due.Format("2006-01-02") + " (" + f.Window() + ")"
	}
	return f.Window()
}

// actionTable is the plan's table of actions, each with its full text
// (the only place it is printed).
func (b *builder) actionTable(items []scoring.PlanItem) *Table {
	t := &Table{Columns: []string{"#", "Action", "Findings", "Effort", "Owner", "Cost", "Due"}, Widths: []float64{.04, .41, .12, .065, .155, .1, .11}, Compact: true}
	for _, it := range items {
		title := it.Action.Title
		if it.QuickWin {
			title += " (quick win)"
		}
		if it.ExpiredRisk {
			title += " (risk acceptance expired)"
		}
		switch it.Pulled {
		case scoring.PullOverride:
			title += " (brought forward: rated critical by the assessor)"
		case scoring.PullRecovery:
			title += " (brought forward: recovery exposure)"
		case scoring.PullCritical:
			title += " (brought forward: critical finding)"
		case scoring.PullPrerequisite:
			title += " (brought forward: a step taken this week relies on it)"
		}
		switch it.Status {
		case "accepted":
			title += " (accepted)"
		case "deferred":
			title += " (deferred)"
		}
		t.Rows = append(t.Rows, []Cell{{Text: fmt.Sprint(it.Rank)}, {Text: title},
			{Text: refsText(b.refs[it.Action.ID])}, {Text: string(it.Action.Effort)}, {Text: it.Owner}, {Text: costOf(b.r, it)}, {Text: dueDay(it)}})
		d := joinFields(it.Action.Detail)
		for _, x := range []string{licenceAdvice(b.r, it), afterText(b.r, it)} {
			if x != "" {
				d += " " + x
			}
		}
		t.Details = append(t.Details, d)
	}
	return t
}

func (b *builder) plan() Section {
	r := b.r
	s := Section{ID: SecPlan, Title: "Step 3: Prioritized action plan", Audiences: all,
		Intro: TargetText(r) + " " + PriorityRule()}
	if len(r.Actions) == 0 {
		s.Blocks = append(s.Blocks, para(noActionText(r)))
		return s
	}
	if im, ok := b.immediateBlock(); ok {
		s.Blocks = append(s.Blocks, note(immediateIntro(ImmediateSteps(b.r, b.fs))), im)
	}
	s.Blocks = append(s.Blocks, chart(ChartTimeline))
	for _, d := range []int{30, 60, 90} {
		items := r.Roadmap(d)
		if len(items) == 0 {
			continue
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: BucketTitle(d), Table: b.actionTable(items)})
	}
	s.Blocks = append(s.Blocks, note(NoPricesNote))
	if n := len(r.Roadmap(scoring.LaterDays)); n > 0 {
		w := "appendix"
		if b.opts.Appendix == AppendixNone {
			w = "full edition of this report" + b.tool("--appendix short or full")
		}
		s.Blocks = append(s.Blocks, note(fmt.Sprintf("%d more actions wait in the backlog, ranked, as capacity frees up: see the backlog %s.", n, w)))
	}
	if lic := r.Licensing(); len(lic) > 0 {
		s.Blocks = append(s.Blocks, note(fmt.Sprintf("%s wait for a licensing decision (the board summary names the licences): not scheduled, they take no room in the plan; see the backlog appendix and the workbook.", count(len(lic), "more action"))))
	}
	s.Blocks = append(s.Blocks, b.upgradePath()...)
	var done []string
	for _, it := range r.Actions {
		if it.Status == "done" && it.DoneBy == "" {
			done = append(done, it.Action.Title)
		}
	}
	if len(done) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: "Marked done by the organization", Items: done})
	}
	return s
}

// upgradePath prints the actions a step of this week does the job of
// (scoring's PlanItem.DoneBy): they take no room in the roadmap, and are
// what to do once the missing licence is bought: "Upgrade path: with
// Microsoft Entra ID P1 (…), replace this week's step (Immediate #3) by
// …". The full edition sets their text out; the others name them and
// point to the workbook.
func (b *builder) upgradePath() []Block {
	var out []Block
	for k, im := range ImmediateSteps(b.r, b.fs) {
		if len(im.Instead) == 0 || im.Action.Immediate == nil || im.Action.Immediate.InsteadOf == nil {
			continue
		}
		lic := im.Action.Immediate.InsteadOf.Without
		if l, ok := b.r.Bank.Licence(lic); ok {
			lic = l.Name
		}
		what := fmt.Sprintf("Immediate #%d", k+1)
		if n := im.Action.Immediate.InsteadOf.Name; n != "" {
			what = fmt.Sprintf("%s (Immediate #%d)", n, k+1)
		}
		names := titles(b.r, im.Instead)
		head := fmt.Sprintf("Upgrade path: with %s, replace %s by these actions: %s", lic, what, strings.Join(names, "; "))
		tail := fmt.Sprintf(". Until then Immediate #%d does their job: they take no room in the plan", k+1)
		if b.opts.Appendix != AppendixFull {
			out = append(out, note(head+tail+" (full text: the workbook's Plan 30-60-90 sheet, the full edition)."))
			continue
		}
		var items []string
		for _, id := range im.Instead {
			if a, ok := b.r.Bank.Action(id); ok {
				items = append(items, a.Title+": "+joinFields(a.Detail))
			}
		}
		out = append(out, note(head+tail+"."), Block{Kind: BlockBullets, Items: items})
	}
	return out
}

func titles(r *scoring.Result, ids []string) []string {
	var out []string
	for _, id := range ids {
		if a, ok := r.Bank.Action(id); ok {
			out = append(out, a.Title)
		}
	}
	return out
}

// noActionText says why the plan is empty.
func noActionText(r *scoring.Result) string {
	if r.Counts.Answered+r.Counts.Unknown == 0 {
		return "No action yet: nothing is answered, so no gap is known."
	}
	return "No action: every scored question meets its target."
}

func (b *builder) responsibility() Section {
	r := b.r
	s := Section{ID: SecResponsibility, Title: "Shared responsibility for your service models", Audiences: tech,
		Intro: "Who secures each layer under the service models you use. Whatever the model, your data, your identities and your people are yours to protect."}
	rows := Matrix(r)
	t := &Table{Columns: []string{"Layer"}}
	if len(rows) > 0 {
		for _, c := range rows[0].Cells {
			t.Columns = append(t.Columns, q.ModelName(c.Model))
		}
	}
	for _, row := range rows {
		cs := []Cell{{Text: row.Name}}
		for _, c := range row.Cells {
			cs = append(cs, Cell{Text: PartyName(c.Party)})
		}
		t.Rows = append(t.Rows, cs)
	}
	// the chart is the table, coloured: a format that draws no chart
	// prints the table instead
	s.Blocks = append(s.Blocks, Block{Kind: BlockChart, Chart: ChartMatrix, Table: t})
	if len(r.Provider) > 0 {
		var items []string
		for _, it := range r.Provider {
			items = append(items, fmt.Sprintf("%s: %s Verify: %s", b.topic(it.Question.ID), it.Question.Text, it.Verify))
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: "Microsoft's side: what to verify instead of answering", Items: items})
	}
	return s
}

func (b *builder) maturity() Section {
	r := b.r
	s := Section{ID: SecMaturity, Title: "Step 1: Maturity", Audiences: tech,
		Intro: "Overall maturity " + scoreText(r.Overall) + fmt.Sprintf(" against a target of %d (%s).", r.Target, q.LevelName(r.Target))}
	dt := &Table{Columns: []string{"Domain", "Maturity", "Target", "Answered"}}
	for _, g := range r.Domains {
		if g.Asked == 0 {
			continue
		}
		dt.Rows = append(dt.Rows, cells(g.Name, GroupScoreText(r, g), targetText(g.Score), fmt.Sprintf("%d/%d", given(g), g.Asked)))
	}
	// the bars draw the layers and the domains; a format without the
	// chart prints the domains' table
	s.Blocks = append(s.Blocks, Block{Kind: BlockChart, Chart: ChartBars, Title: "Layers and domains against the target", Table: dt})
	t := &Table{Columns: []string{"Layer", "Maturity", "Target", "Answered", "Don't know", "Your share"}}
	for _, g := range r.Layers {
		t.Rows = append(t.Rows, cells(g.Name, GroupScoreText(r, g), targetText(g.Score), fmt.Sprintf("%d/%d", given(g), g.Asked), fmt.Sprint(g.Unknown), fmt.Sprintf("%.0f%%", g.Share*100)))
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Layers in numbers", Table: t}, note(ShareNote(r)))
	st := &Table{Columns: []string{"Step", "Maturity", "Target", "Answered"}}
	for _, g := range r.Steps {
		if g.Asked == 0 {
			continue
		}
		st.Rows = append(st.Rows, cells(g.Name, GroupScoreText(r, g), targetText(g.Score), fmt.Sprintf("%d/%d", given(g), g.Asked)))
	}
	if starredTarget(r.Layers) || starredTarget(r.Domains) || starredTarget(r.Steps) {
		s.Blocks = append(s.Blocks, note(TargetFootnote))
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Steps of the defence plan", Table: st},
		note("Domains, layers and steps group the same questions three ways, so similar names can score differently: a domain (such as identity) gathers its questions from every layer, a step (such as access management) gathers the questions of one step of the defence plan, whatever their domain."))
	return s
}

func (b *builder) killChain() Section {
	r := b.r
	s := Section{ID: SecKillChain, Title: "Step 2: Kill chain", Audiences: tech,
		Intro: "Which layer stops an attacker at each phase. " + LayerBreaksRule + " " + PhaseBrokenRule + " " + OnlyBreakersRule}
	heat := chart(ChartHeatLayers)
	heat.Table, heat.Text = heatLayersTable(r), heatLegend()
	s.Blocks = append(s.Blocks, heat, list(PhaseStoriesRef(r, b.qref)), chart(ChartHeatCourses))
	return s
}

// heatLayersTable is the layers heat map as a table, for the formats that
// draw no chart (Markdown, the JSON's sections): the same states, in the
// same words (CellWord).
func heatLayersTable(r *scoring.Result) *Table {
	t := &Table{Columns: []string{"Phase"}}
	for _, l := range q.Layers {
		t.Columns = append(t.Columns, r.Bank.LayerInfo(l).Name)
	}
	t.Columns = append(t.Columns, "The chain")
	for _, p := range r.KillChain {
		row := []Cell{{Text: p.Name}}
		for _, c := range p.Layers {
			text := CellWord(c.State)
			if len(c.Controls) > 0 {
				text += fmt.Sprintf(", %d of %d at target", metCount(c.Controls), len(c.Controls))
			}
			row = append(row, Cell{Text: text})
		}
		t.Rows = append(t.Rows, append(row, Cell{Text: strings.ToUpper(PhaseLabel(r, p))}))
	}
	return t
}

// heatLegend is the heat map's legend in one line.
func heatLegend() string {
	var parts []string
	for _, st := range CellStates {
		parts = append(parts, CellLegend(st))
	}
	return strings.Join(parts, ". ") + "."
}

// fortify is step 4: where access management, segmentation and
// monitoring stand, and the plan's actions for each, by rank (their text
// is in the plan).
func (b *builder) fortify() Section {
	s := Section{ID: SecFortify, Title: "Step 4: Fortify", Audiences: tech}
	t := &Table{Columns: []string{"Area", "Where it stands", "Actions in the plan"}, Widths: []float64{.2, .3, .5}}
	for _, a := range FortifyAreas(b.r) {
		t.Rows = append(t.Rows, []Cell{{Text: a.Name}, {Text: a.Status}, fortifyActions(a.Actions)})
	}
	if len(t.Rows) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Table: t})
	}
	return s
}

// fortifyActions says how many of the plan's actions serve an area and
// their ranks ("4 actions in the plan: ranks #1, #5, #9 and #30"), and
// names the ones due within 90 days, up to three, for an owner to read.
func fortifyActions(items []scoring.PlanItem) Cell {
	if len(items) == 0 {
		return Cell{Text: "no action in the plan"}
	}
	var ranks, soon []string
	for i, it := range items {
		if i < fortifyRanks {
			ranks = append(ranks, fmt.Sprintf("#%d", it.Rank))
		}
		if it.Days > 0 && it.Days <= 90 && len(soon) < 3 {
			soon = append(soon, fmt.Sprintf("%s (#%d, %d days)", it.Action.Title, it.Rank, it.Days))
		}
	}
	list := joinAnd(ranks)
	if len(items) > fortifyRanks {
		list = strings.Join(ranks, ", ") + fmt.Sprintf(" and %d more", len(items)-fortifyRanks)
	}
	c := Cell{Text: fmt.Sprintf("%s in the plan: %s %s", count(len(items), "action"), map[bool]string{true: "rank", false: "ranks"}[len(items) == 1], list)}
	if len(soon) > 0 {
		c.Sub = "Within 90 days: " + strings.Join(soon, "; ") + "."
	} else {
		c.Sub = "None within 90 days: all wait in the backlog."
	}
	return c
}

// fortifyRanks is how many ranks an area lists before "and N more".
const fortifyRanks = 8

func (b *builder) people() Section {
	r := b.r
	s := Section{ID: SecPeople, Title: "Step 5: Socialize", Audiences: all}
	cal, later := TrainingPlan(r)
	if len(cal) > 0 {
		t := &Table{Columns: []string{"Month", "Activity", "Audience"}, Widths: []float64{.15, .6, .25}}
		for _, c := range cal {
			t.Rows = append(t.Rows, cells(c.Month, c.Activity, c.Audience))
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Training and communication calendar", Table: t})
	}
	if len(later) > 0 {
		var items []string
		for _, l := range later {
			items = append(items, fmt.Sprintf("%s. For: %s (action #%d).", strings.TrimSuffix(l.Activity, "."), l.Audience, l.Rank))
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: "After the 90-day plan: their actions wait in the backlog", Items: items})
	}
	var triggers []string
	for _, t := range TrainingTriggers(r.Profile.Sector) {
		triggers = append(triggers, capitalizeWord(t)+".")
	}
	s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: "Train again after every trigger", Items: triggers})
	if rp := ReportingProcess(r); len(rp) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: "How to report a threat", Items: rp, Numbered: true})
	}
	return s
}

// missing says what the assessment lacks: the questions not answered
// yet and the "don't know" answers to verify, one line each by layer.
func (b *builder) missing(appendix bool) Section {
	r := b.r
	s := Section{ID: SecMissing, Title: "What is missing", Audiences: all, Appendix: appendix}
	c := r.Counts
	s.Intro = fmt.Sprintf("%d of %d questions have an answer (%d \"don't know\", to verify); %d are not answered yet.",
		c.Answered+c.Unknown+c.NotApplicable, c.Asked, c.Unknown, c.Unanswered)
	var unknown []string
	for _, f := range b.fs {
		if f.Unknown {
			unknown = append(unknown, f.ID)
		}
	}
	if appendix && len(unknown) > 0 {
		// a full report: the "don't know" answers are findings already
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("The \"don't know\" answers are findings %s: each needs someone to verify it.", joinAnd(unknown))))
	}
	for _, l := range q.Layers {
		t := &Table{Columns: []string{"Question", "State", "Ask"}, Widths: []float64{.62, .14, .24}, Compact: true}
		for _, qs := range r.Questions {
			if qs.Question.Layer != l || qs.Scored() && qs.Status != q.Unknown || qs.Status == q.NotApplicable {
				continue
			}
			if appendix && qs.Status == q.Unknown {
				continue
			}
			state := "to answer"
			switch {
			case qs.Status == q.Unknown:
				state = "don't know: verify"
			case qs.Answer.Parked:
				state = "parked"
			}
			t.Rows = append(t.Rows, cells(qs.Question.Text, state, orNone(r.Answerer(qs.Question))))
		}
		if len(t.Rows) > 0 {
			s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: r.Bank.LayerInfo(l).Name, Table: t})
		}
	}
	return s
}

// evidence lists each live finding per resource (check, resource,
// result, collected), the findings only named as evidence, and the
// documents and links.
func (b *builder) evidence() Section {
	r := b.r
	s := Section{ID: SecEvidence, Title: "Evidence", Audiences: tech, Appendix: true}
	live := &Table{Columns: []string{"Finding", "Check", "Resource", "Result", "Collected"}, Widths: []float64{.1, .3, .3, .12, .18}, Compact: true}
	named := &Table{Columns: []string{"Finding", "Topic", "Check", "Resource"}, Widths: []float64{.1, .2, .3, .4}}
	docs := &Table{Columns: []string{"Finding", "Topic", "Kind", "Reference"}, Widths: []float64{.08, .25, .07, .6}, Compact: true}
	ref := func(id string) string {
		if f, ok := FindingOf(b.fs, id); ok {
			return f.ID
		}
		return "—"
	}
	for _, it := range askedEvidence(r) {
		switch {
		case it.Source == q.SourceLive || it.Status == "pass" || it.Status == "fail":
			res := it.Ref
			if res == "" {
				res = "tenant"
			}
			if it.Resources > 1 {
				res = fmt.Sprintf("%s (%d resources)", res, it.Resources)
			}
			result := strings.ToUpper(it.Status)
			if result == "" {
				result = "NOT RUN"
			}
			if it.Severity != "" && it.Status == "fail" {
				result += " (" + it.Severity + ")"
			}
			collected := "time not recorded"
			if !it.Collected.IsZero() {
				collected = it.Collected.UTC().Format("2006-01-02 15:04") + " UTC"
			}
			check := it.Check
			if check == "" {
				check = b.topic(it.QuestionID)
			}
			live.Rows = append(live.Rows, []Cell{{Text: ref(it.QuestionID)}, {Text: check, Sub: EvidenceDetail(it)}, {Text: res}, {Text: result}, {Text: collected}})
		case it.Source == "finding":
			// "check/resource": a live finding named in the workshop
			check, resource, ok := strings.Cut(it.Ref, "/")
			if !ok {
				check, resource = it.Ref, "—"
			}
			named.Rows = append(named.Rows, cells(ref(it.QuestionID), b.topic(it.QuestionID), check, resource))
		case it.Source == q.SourceSeen:
			// what the assessor saw has no reference: its words are it
			docs.Rows = append(docs.Rows, []Cell{{Text: ref(it.QuestionID)}, {Text: b.topic(it.QuestionID)}, {Text: sourceName(it.Source)}, {Text: orNone(it.Detail)}})
		default:
			docs.Rows = append(docs.Rows, []Cell{{Text: ref(it.QuestionID)}, {Text: b.topic(it.QuestionID)}, {Text: sourceName(it.Source)}, {Text: orNone(it.Ref), Sub: it.Detail}})
		}
	}
	if len(live.Rows) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Live checks, per resource", Table: live})
	}
	if len(named.Rows) > 0 {
		// named, not run: these are checks to run, not evidence yet
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Checks to run", Table: named},
			note("Named in the workshop by check and resource; no result has been collected for them yet, so they are not evidence until they run."+b.toolNote("Run ssrm azure check to record pass or fail and the time.")))
	}
	if len(docs.Rows) > 0 {
		title := "Documents and links"
		for _, row := range docs.Rows {
			if row[2].Text == sourceName(q.SourceSeen) {
				title = "Documents, links and what the assessor saw"
			}
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: title, Table: docs})
	}
	return s
}

func (b *builder) risks() Section {
	r := b.r
	s := Section{ID: SecRisks, Title: "Risk register and exceptions", Audiences: all, Appendix: true}
	if len(r.Risks) > 0 {
		t := &Table{Columns: []string{"Finding", "Topic", "Gap", "Owner", "Review", "Justification"}, Widths: []float64{.08, .17, .06, .15, .14, .4}}
		for _, e := range r.Risks {
			ref := "—"
			if f, ok := FindingOf(b.fs, e.QuestionID); ok {
				ref = f.ID
			}
			review := e.Review.Format("2006-01-02")
			if e.Expired {
				review += " (EXPIRED: back in the plan)"
			}
			t.Rows = append(t.Rows, cells(ref, b.topic(e.QuestionID), fmt.Sprint(e.Gap), e.Owner, review, e.Justification))
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Accepted risks", Table: t})
	}
	comp := &Table{Columns: []string{"Topic", "Level granted", "Control", "Justification"}, Widths: []float64{.18, .14, .28, .4}}
	for _, qs := range r.Questions {
		if qs.Compensating() {
			comp.Rows = append(comp.Rows, cells(b.topic(qs.Question.ID), levelText(qs), qs.Exception.Control, qs.Exception.Justification))
		}
	}
	if len(comp.Rows) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Compensating controls (the level is granted for them)", Table: comp})
	}
	return s
}

func (b *builder) backlog() (s Section) {
	r := b.r
	s = Section{ID: SecBacklog, Title: "Backlog: after 90 days", Audiences: tech, Appendix: true,
		Intro: "Ranked, for when capacity frees up; re-run the assessment at 90 days to re-rank them."}
	items := r.Roadmap(scoring.LaterDays)
	defer func() { s.Blocks = append(s.Blocks, b.licensing()...); s.Blocks = append(s.Blocks, b.beyond()...) }()
	if len(items) == 0 {
		return s
	}
	if b.opts.Appendix == AppendixFull {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Table: b.actionTable(items)})
		return s
	}
	// The short edition lists what the team can take on within the first
	// year at its capacity; the rest is counted, and listed in the full
	// edition and the workbook.
	t := &Table{Columns: []string{"#", "Action", "Findings", "Effort", "Cost"}, Widths: []float64{.05, .52, .12, .07, .24}, Compact: true}
	var later []int
	for _, it := range items {
		if !r.InFirstYear(it.Action.ID) {
			later = append(later, it.Rank)
			continue
		}
		t.Rows = append(t.Rows, cells(fmt.Sprint(it.Rank), it.Action.Title, refsText(b.refs[it.Action.ID]), string(it.Action.Effort), costOf(r, it)))
	}
	if len(t.Rows) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: "Within the first year at your team's capacity", Table: t})
	}
	if len(later) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockPara, Text: fmt.Sprintf("%d further actions (ranks %d to %d) wait beyond the first year at your team's capacity: re-ranked at each reassessment, they are listed in the workbook's Backlog sheet and in the full edition of this report%s.", len(later), later[0], later[len(later)-1], b.tool("--appendix full"))})
	}
	s.Blocks = append(s.Blocks, note("Owners as in the findings; each action's full text, owner and licences are in the full edition of this report"+b.tool("--appendix full")+"."))
	return s
}

// licensing lists the actions waiting for a licensing decision (scoring's
// PlanItem.Licensing): ranked, unscheduled, with the licences they need.
func (b *builder) licensing() []Block {
	r := b.r
	lic := r.Licensing()
	if len(lic) == 0 {
		return nil
	}
	title := fmt.Sprintf("Waiting for a licensing decision (%d)", len(lic))
	if b.opts.Appendix != AppendixFull {
		return []Block{{Kind: BlockPara, Title: title, Text: fmt.Sprintf("Ranks %d to %d: unscheduled until a licence is bought (the board summary's licensing decision); listed with the licences each needs in the workbook and the full edition.", lic[0].Rank, lic[len(lic)-1].Rank)}}
	}
	// the full edition sets each action's text out, with what it needs
	return []Block{{Kind: BlockTable, Title: title, Table: b.actionTable(lic)}}
}

// beyond lists the actions the plan leaves out because their questions
// reach the target without them, and the questions whose planned actions
// stop short of it: no action of a gap vanishes unsaid.
func (b *builder) beyond() []Block {
	r := b.r
	var out []Block
	if len(r.Beyond) > 0 {
		t := &Table{Columns: []string{"Action", "Finding", "Why it waits"}, Widths: []float64{.42, .25, .33}, Compact: true}
		for _, x := range r.Beyond {
			for _, w := range x.For {
				why := fmt.Sprintf("brings it to level %d, above your target of %d", w.Reaches, w.Target)
				if w.SameAs != "" {
					why = fmt.Sprintf("level %d is already reached by %s, which costs less", w.Reaches, w.SameAs)
				}
				t.Rows = append(t.Rows, cells(x.Action.Title, b.qref(w.QuestionID), why))
			}
		}
		out = append(out, Block{Kind: BlockTable, Title: "Beyond your target", Table: t})
	}
	if len(r.ShortFalls) > 0 {
		const title = "Gaps the planned actions do not close"
		var refs []string
		for _, sf := range r.ShortFalls {
			refs = append(refs, b.qref(sf.QuestionID))
		}
		sort.Strings(refs)
		out = append(out, Block{Kind: BlockPara, Title: title, Text: fmt.Sprintf("The planned actions of %d findings stop below the target (each finding says the level they reach): closing the rest of the gap is beyond this plan; ask your assessor (a partner or a larger programme). %s.", len(refs), strings.Join(refs, ", "))})
	}
	return out
}

// longNote is the length (bytes) above which the answer register prints a
// note under its table rather than in its row.
const longNote = 600

// answers is the full answer register: every asked question, its answer
// and its note printed whole.
func (b *builder) answers() Section {
	r := b.r
	s := Section{ID: SecAnswers, Title: "Answer register", Audiences: tech, Appendix: true}
	for _, l := range q.Layers {
		t := &Table{Columns: []string{"Question", "Answer", "Gap", "Finding"}, Widths: []float64{.55, .25, .07, .13}}
		var long []string
		for _, qs := range r.Questions {
			if qs.Question.Layer != l {
				continue
			}
			ref := "—"
			if f, ok := FindingOf(b.fs, qs.Question.ID); ok {
				ref = f.ID
			}
			ans := AnswerText(qs)
			if x := ExceptionText(qs); x != "" {
				ans += " " + x
			}
			sub := qs.Question.ID
			if w := strings.TrimSpace(qs.Answer.Who); w != "" {
				sub += ", answered by " + w
			}
			if n := strings.TrimSpace(qs.Answer.Note); n != "" {
				if len(n) > longNote {
					// a table row never splits over pages: a long note is
					// printed whole under the table instead of cut
					sub += ". Note: in full below"
					long = append(long, qs.Question.ID+": "+n)
				} else {
					sub += ". Note: " + n
				}
			}
			t.Rows = append(t.Rows, []Cell{{Text: qs.Question.Text, Sub: sub}, {Text: ans}, {Text: gapText(qs)}, {Text: ref}})
		}
		if len(t.Rows) > 0 {
			s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: r.Bank.LayerInfo(l).Name, Table: t})
		}
		if len(long) > 0 {
			s.Blocks = append(s.Blocks, Block{Kind: BlockBullets, Title: r.Bank.LayerInfo(l).Name + ": long notes, whole", Items: long})
		}
	}
	return s
}

// shortMethod is the short edition's methodology: every formula and
// figure a reader needs to recompute a score, a priority or a date stays;
// the kill-chain rule, which the kill-chain page states word for word, and
// the long rule for which actions enter the plan give way to a pointer
// and a summary (the full edition prints them whole).
func shortMethod(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		switch {
		case strings.Contains(it, LayerBreaksRule):
			it = strings.Replace(it, LayerBreaksRule+" "+PhaseBrokenRule+" "+OnlyBreakersRule,
				"When a layer breaks a phase, and when the phase is broken, is stated on the kill-chain page (Step 2).", 1)
		case strings.Contains(it, RecoveryRule):
			it = strings.Replace(it, RecoveryRule, "Recovery controls (backups, restore tests, delete locks) are mapped to degrade at actions on objectives and, for the most sensitive data, weigh in priority like a control that breaks an open phase: ssrm's adaptation, not in Hutchins, Cloppert and Amin's paper; they never make a phase broken.", 1)
		case strings.HasPrefix(it, "Which actions enter the plan:"):
			it = "Which actions enter the plan: for a question with a gap, its actions in order of the level they reach, the cheaper first at equal level, up to the first that reaches the target; those going beyond it are listed apart, and a question whose actions stop short says so (the full edition states the whole rule)."
		}
		out = append(out, it)
	}
	return out
}

func (b *builder) method() Section {
	r := b.r
	s := Section{ID: SecMethod, Title: "Methodology", Audiences: tech, Appendix: true}
	items := append([]string{FindingRule, RiskRule(), AdviceRules}, Methodology(r.Bank)...)
	blk := list(items)
	if b.opts.Appendix == AppendixShort {
		blk = list(shortMethod(items))
		blk.Compact = true
	}
	s.Blocks = append(s.Blocks, blk)
	// the bank's own tables: with --bank the report describes the bank used
	layersNote := ""
	for _, mt := range MethodTables(r.Bank) {
		if mt.Title == whoOwnsTitle && len(mt.Rows) == len(q.Layers) && b.opts.Appendix == AppendixShort && b.opts.Audience != AudienceBoard {
			// the layers alone: the responsibility section printed them
			layersNote = "Layer owners: see Shared responsibility. "
			continue
		}
		if b.opts.Appendix == AppendixShort && len(mt.Head) > 1 {
			// the same numbers in one paragraph: the short edition keeps
			// every figure a reader needs to recompute, not the table
			heads := make([]string, 0, len(mt.Head)-1)
			for _, h := range mt.Head[1:] {
				heads = append(heads, strings.ToLower(h))
			}
			var rows []string
			for _, row := range mt.Rows {
				rows = append(rows, row[0]+" "+strings.Join(row[1:], " / "))
			}
			s.Blocks = append(s.Blocks, Block{Kind: BlockPara, Compact: true, Text: fmt.Sprintf("%s (%s by %s): %s.", mt.Title, strings.Join(heads, " / "), strings.ToLower(mt.Head[0]), strings.Join(rows, "; "))})
			continue
		}
		t := &Table{Columns: mt.Head}
		for _, row := range mt.Rows {
			t.Rows = append(t.Rows, cells(row...))
		}
		s.Blocks = append(s.Blocks, Block{Kind: BlockTable, Title: mt.Title, Table: t})
	}
	// the tool and the bank are here, not on the cover: they are how the
	// report was made, not what it says
	s.Blocks = append(s.Blocks, note(layersNote+"Question bank: "+BankLine(r)+". Tool: "+ToolLine(r, b.m)+"."))
	return s
}

func (b *builder) glossary() Section {
	s := Section{ID: SecGlossary, Title: "Glossary", Audiences: all, Appendix: true}
	if b.opts.Appendix != AppendixFull {
		return s
	}
	var pairs []Pair
	for _, g := range Glossary(b.r.Bank) {
		pairs = append(pairs, Pair{g.Term, g.Meaning})
	}
	if len(pairs) > 0 {
		s.Blocks = append(s.Blocks, Block{Kind: BlockKV, Pairs: pairs})
	}
	return s
}

func joinFields(s string) string { return strings.Join(strings.Fields(s), " ") }

// immediateIntro is the note over the Immediate block: free, about an hour
// each, unless a step needs preparing (its days), which it then says.
func immediateIntro(ims []scoring.ImmediateItem) string {
	var longer []string
	for k, im := range ims {
		if im.Days > q.ImmediateWeek {
			longer = append(longer, fmt.Sprintf("#%d within %d days", k+1, im.Days))
		}
	}
	s := "Free, about an hour each"
	if len(longer) > 0 {
		s = fmt.Sprintf("Free; about an hour each, this week, except %s (it needs preparing)", strings.Join(longer, ", "))
	}
	return s + ": they remove a credential or an exposure the assessment found. Plan: the action each step begins."
}
