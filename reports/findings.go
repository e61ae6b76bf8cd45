package reports

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Risk is a finding's rating.
type Risk string

// Risk ratings, worst first.
const (
	RiskCritical Risk = "critical"
	RiskHigh     Risk = "high"
	RiskMedium   Risk = "medium"
	RiskLow      Risk = "low"
)

// Risks lists the ratings worst first.
var Risks = []Risk{RiskCritical, RiskHigh, RiskMedium, RiskLow}

func (r Risk) rank() int {
	for i, x := range Risks {
		if x == r {
			return i
		}
	}
	return len(Risks)
}

// Thresholds of the risk rule on a gap's exposure (see RiskRule).
const (
	RiskCriticalExposure = scoring.CriticalExposure
	RiskHighExposure     = 9.0
	RiskMediumExposure   = 4.5
)

// RiskRule states how a finding is rated, in the words the Methodology
// appendix prints. The exposure is the plan's own weighing of a gap
// (scoring.Result.Exposure), so the risk and the priority follow one rule.
func RiskRule() string {
	return fmt.Sprintf("Risk rating. Each gap's exposure is gap × weight × kill-chain factor × evidence factor, "+
		"the plan's priority before it is divided by effort (kill-chain factor 1, plus %g for each phase the question denies or disrupts "+
		"and %g for each other phase it acts on (%g for a recovery control at actions on objectives when the data is of the highest sensitivity), counting only phases the assessment does not show broken; evidence factor %g when a live check fails, "+
		"%g for \"don't know\" (counted as level 0), %g when live checks pass, else 1). "+
		"Critical: exposure %g or more and the question denies or disrupts a phase not shown broken. "+
		"High: exposure %g or more (a would-be critical that stops no open phase is high). Medium: %g or more. Low: below %g.",
		scoring.KillChainBreakBonus, scoring.KillChainOtherBonus, scoring.RecoveryBonus, scoring.EvidenceFailFactor, scoring.EvidenceUnknownFactor,
		scoring.EvidencePassFactor, RiskCriticalExposure, RiskHighExposure, RiskMediumExposure, RiskMediumExposure)
}

// OverrideWords says how the assessor changed the rule's rating: "raised
// to critical by the assessor (Priya Nair), rule: high: REASON".
func OverrideWords(rule Risk, o q.Override) string {
	verb := "set"
	switch n := Risk(o.Risk); {
	case n.rank() < rule.rank():
		verb = "raised"
	case n.rank() > rule.rank():
		verb = "lowered"
	}
	who := "the assessor"
	if o.Who != "" {
		who += " (" + o.Who + ")"
	}
	return fmt.Sprintf("%s to %s by %s (the rule gives %s); reason: %s", verb, o.Risk, who, rule, strings.TrimSpace(o.Reason))
}

// FindingRule states which questions become findings.
const FindingRule = "A finding is every scored question below its target: an answer under the target level, " +
	"or \"don't know\" (counted as level 0 until someone verifies it). Questions not applicable, not answered or parked are no finding; " +
	"they are listed as what is missing. Findings are numbered F-01… by risk (critical first), then those with a step to take this week first, then by the rank of their best-placed action, then by question id."

// RateRisk rates an exposure: breaks says the question denies or disrupts
// a kill-chain phase the assessment does not show broken.
func RateRisk(exposure float64, breaks bool) Risk {
	switch {
	case exposure >= RiskCriticalExposure && breaks:
		return RiskCritical
	case exposure >= RiskHighExposure:
		return RiskHigh
	case exposure >= RiskMediumExposure:
		return RiskMedium
	}
	return RiskLow
}

// Finding is one gap as a client reads it: what was observed, how bad it
// is, what to do, who does it by when, and what management said. Text
// fields are as the bank and the assessment hold them (not escaped): a
// renderer cleans them for its format.
type Finding struct {
	ID         string // F-01…
	QuestionID string
	Question   string // the question's text
	// Title is the finding as an observation: the question's topic and the
	// answer's level ("VM sign-in: open to the internet (level 0 of target
	// 4)"); see FindingTitle.
	Title      string
	Layer      q.Layer
	LayerName  string
	Domain     string // domain id
	DomainName string
	Step       int

	// Observation: the answer in words, its level and target, its note and
	// a summary of the live evidence ("" when none).
	Answer        string
	Level, Target int
	Gap           int
	Unknown       bool // answered "don't know": verify
	Note          string
	Evidence      string
	Contradiction string // live evidence disagrees with the answer

	Risk Risk
	// RuleRisk is the rule's rating when the assessor overrode it (Override
	// says to what and why); "" otherwise.
	RuleRisk Risk
	Override *q.Override
	// RiskWhy says how the rating was reached ("gap 2 × weight 3 × …"),
	// and any override beside it.
	RiskWhy  string
	Exposure float64
	// Phases are the kill-chain phases the question denies or disrupts
	// that the assessment does not show broken.
	Phases []q.Phase

	// Impact is the business impact in plain words.
	Impact string

	// Actions are the recommendation: the plan's actions raising the
	// question, best-ranked first, referenced by id (their text is printed
	// once, in the plan).
	Actions []string
	// Short says, when the question's planned actions stop below its target
	// (scoring's ShortFalls), the level they reach and that the rest needs
	// more than the bank's actions; "" otherwise.
	Short string
	// Licences are the licences those actions need (names); Cost is the
	// cost band in words, or "no list price sourced" (the licences are
	// named once, in Licences); LicenceCost is each licence with how it is
	// paid for and any free tier its source names, for a card's row.
	Licences    []string
	Cost        string
	LicenceCost []string

	Owner string
	// FixOwner is who does the finding's actions and DecisionOwner who
	// decides on its risk acceptance (in force or expired), when the two
	// differ; both are "" otherwise, and OwnerText names Owner alone.
	FixOwner, DecisionOwner string
	// Days is the roadmap window of the best-ranked action (30, 60, 90, or
	// scoring.LaterDays for the backlog); 0 when no action is planned
	// (risk accepted, or every action done or not for this organization).
	Days int
	Due  time.Time
	// Licensing marks a finding whose best-ranked action waits for a
	// licence the organization lacks (scoring's PlanItem.Licensing).
	Licensing bool
	// Accepted marks a gap whose risk acceptance is in force: its actions
	// wait in the risk register.
	Accepted bool
	// Immediate is the number of the finding's step in the "Immediate
	// (this week)" block (ImmediateSteps), 0 when it has none; ImmediateStep is that
	// step's text. The finding is then due this week, whatever the rank of
	// its actions.
	Immediate     int
	ImmediateStep string
	// ImmediateDays is how long that step may take (scoring's
	// ImmediateItem.Days): a week, or more for a step that needs preparing;
	// the finding is due that many days after the report.
	ImmediateDays int

	// Response is the management response, nil when none is recorded.
	Response *q.Response
	// Acceptance is the risk register's entry on the question (in force
	// or expired), nil when the risk was never accepted: an acceptance is
	// a response, so the response form is prefilled from it.
	Acceptance *scoring.RiskEntry
}

// Window is when the finding is due in words: "30 days", "backlog",
// "risk accepted" or "not planned".
func (f Finding) Window() string {
	switch {
	case f.Immediate > 0 && f.ImmediateDays > q.ImmediateWeek:
		return fmt.Sprintf("within %d days (Immediate #%d)", f.ImmediateDays, f.Immediate)
	case f.Immediate > 0:
		return fmt.Sprintf("this week (Immediate #%d)", f.Immediate)
	case f.Accepted:
		return "risk accepted"
	case f.Licensing:
		return "licensing decision"
	case f.Days == scoring.LaterDays:
		return "backlog"
	case f.Days > 0:
		return fmt.Sprintf("%d days", f.Days)
	}
	return "not planned"
}

// OwnerText names the finding's owner; where the one who fixes it and
// the one who decides on its risk acceptance differ, both: "fix: Tom
// Briggs; decision: Dr. Amir Haddad".
func (f Finding) OwnerText() string {
	if f.FixOwner != "" && f.DecisionOwner != "" {
		return "fix: " + f.FixOwner + "; decision: " + f.DecisionOwner
	}
	return f.Owner
}

// ResponseText is the management response in words: "planned for
// 2027-03-31: budget in Q1 (CFO, 2026-11-20)"; with none recorded, the
// risk acceptance when there is one ("risk accepted by Dr. Haddad until
// 2027-03-31: …"), else "none recorded".
func (f Finding) ResponseText() string {
	if f.Response == nil {
		if a := f.Acceptance; a != nil {
			return acceptanceText(*a)
		}
		return "none recorded"
	}
	s := q.ResponseWords(*f.Response)
	if c := strings.TrimSpace(f.Response.Comment); c != "" {
		s += ": " + c
	}
	var by []string
	if f.Response.Who != "" {
		by = append(by, f.Response.Who)
	}
	if !f.Response.When.IsZero() {
		by = append(by, f.Response.When.Format("2006-01-02"))
	}
	if len(by) > 0 {
		s += " (" + strings.Join(by, ", ") + ")"
	}
	return s
}

// FindingTitle states a gap as an observation built from the bank: the
// question's topic, the answered level's label and the target, "Staff
// MFA: passwords only (level 0 of target 3)"; "don't know" reads "not
// known, to verify". A question without a topic keeps its text.
func FindingTitle(s scoring.QuestionScore) string {
	qq := s.Question
	if strings.TrimSpace(qq.Topic) == "" {
		return qq.Text
	}
	if s.Status == q.Unknown {
		return fmt.Sprintf("%s: not known, to verify (target %d)", qq.Topic, s.Target)
	}
	return fmt.Sprintf("%s: %s (level %d of target %d)", qq.Topic, labelCase(q.LevelLabel(qq, s.Level)), s.Level, s.Target)
}

// labelCase lowers a label's first letter unless it starts a name or an
// acronym ("Passwords only" → "passwords only", "A few denies" → "a few
// denies"; "MFA required", "Entra ID only", "Secure Score reviewed" and
// "Azure Policy" stay).
func labelCase(s string) string {
	rs := []rune(s)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
		return s
	}
	words := strings.Fields(s)
	first := []rune(words[0])
	if len(first) > 1 && !unicode.IsLower(first[1]) {
		return s // an acronym: MFA, NSG, WAF
	}
	for _, name := range properNames {
		if strings.HasPrefix(s, name) {
			return s // a product's name: Secure Score, Key Vault
		}
	}
	for _, name := range properWords {
		if strings.EqualFold(words[0], name) {
			return s
		}
	}
	return string(unicode.ToLower(rs[0])) + string(rs[1:])
}

// properNames are product names of several words a label may start with.
var properNames = []string{"Secure Score", "Key Vault", "Log Analytics", "Conditional Access", "Update Manager", "Private Endpoint", "Application Gateway"}

// properWords are label-initial words that are names: their capital stays.
var properWords = []string{"Azure", "Entra", "Microsoft", "Defender", "Bastion", "Lockbox", "Front", "Windows", "Intune", "Sentinel", "Purview"}

// Findings lists the findings of a result, numbered F-01… (see
// FindingRule and RiskRule). It is a pure function of the result.
func Findings(r *scoring.Result) []Finding {
	rank := map[string]scoring.PlanItem{}
	for _, it := range r.Actions {
		rank[it.Action.ID] = it
	}
	var out []Finding
	best := map[string]int{} // question id → best action rank (0: none)
	now := map[string]bool{} // question id → has a step this week
	ims := r.Immediate()
	for _, im := range ims {
		for _, qid := range im.Questions {
			now[qid] = true
		}
	}
	for _, s := range r.Questions {
		if !s.Scored() || s.Gap == 0 {
			continue
		}
		f := finding(r, s, rank)
		best[f.QuestionID] = bestRank(f.Actions, rank)
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Risk != y.Risk {
			return x.Risk.rank() < y.Risk.rank()
		}
		if nx, ny := now[x.QuestionID], now[y.QuestionID]; nx != ny {
			return nx
		}
		bx, by := best[x.QuestionID], best[y.QuestionID]
		if bx != by {
			// an unranked finding (0) goes after the ranked ones
			return by == 0 || (bx != 0 && bx < by)
		}
		if x.Exposure != y.Exposure {
			return x.Exposure > y.Exposure
		}
		return x.QuestionID < y.QuestionID
	})
	width := 2
	if len(out) >= 100 {
		width = len(fmt.Sprint(len(out)))
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("F-%0*d", width, i+1)
	}
	// this week's steps, numbered as the Immediate block numbers them: a
	// finding with one is due this week, its step first
	for k, im := range sortImmediate(ims, out) {
		for i := range out {
			if out[i].Immediate == 0 && contains(im.Questions, out[i].QuestionID) {
				out[i].Immediate, out[i].ImmediateStep, out[i].ImmediateDays = k+1, joinFields(im.Step), im.Days
				out[i].Owner = im.Owner
				if out[i].FixOwner != "" {
					out[i].FixOwner = im.Owner
				}
				out[i].Days, out[i].Due = 0, time.Time{}
				if !r.Date.IsZero() {
					out[i].Due = immediateDue(r, im)
				}
			}
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// contributesTo reports whether the plan took the action for the question.
func contributesTo(it scoring.PlanItem, qid string) bool {
	for _, c := range it.Contributions {
		if c.QuestionID == qid {
			return true
		}
	}
	return false
}

func bestRank(ids []string, rank map[string]scoring.PlanItem) int {
	b := 0
	for _, id := range ids {
		if it, ok := rank[id]; ok && it.Rank > 0 && (b == 0 || it.Rank < b) {
			b = it.Rank
		}
	}
	return b
}

func finding(r *scoring.Result, s scoring.QuestionScore, plan map[string]scoring.PlanItem) Finding {
	qq := s.Question
	f := Finding{QuestionID: qq.ID, Question: qq.Text, Layer: qq.Layer, LayerName: r.Bank.LayerInfo(qq.Layer).Name,
		Domain: qq.Domain, DomainName: r.Bank.DomainName(qq.Domain), Step: qq.Step,
		Answer: AnswerText(s), Level: s.Level, Target: s.Target, Gap: s.Gap, Unknown: s.Status == q.Unknown,
		Note: strings.TrimSpace(s.Answer.Note), Evidence: evidenceSummary(s), Accepted: s.Accepted()}
	if s.Contradiction != nil {
		f.Contradiction = ContradictionText(*s.Contradiction)
	}
	f.Title = FindingTitle(s)
	c := r.Exposure(s)
	f.Exposure = c.Value
	for _, k := range qq.KillChain {
		if k.Course.Breaks() && !r.Phase(k.Phase).Broken() && !containsPhase(f.Phases, k.Phase) {
			f.Phases = append(f.Phases, k.Phase)
		}
	}
	f.Risk = RateRisk(c.Value, len(f.Phases) > 0)
	f.RiskWhy = fmt.Sprintf("exposure %.2f = gap %d × weight %g × kill-chain %.2f × evidence %.2f (%s)", c.Value, c.Gap, c.Weight, c.KillChain, c.Evidence, c.EvidenceWhy)
	if o, ok := r.Overrides[s.Question.ID]; ok && o.Problem() == "" {
		f.RuleRisk, f.Override = f.Risk, &o
		f.Risk = Risk(o.Risk)
		f.RiskWhy += "; " + OverrideWords(f.RuleRisk, o)
	}
	f.Impact = impact(r, s, f.Phases)

	// The recommendation: the actions the plan takes for the question (its
	// ladder's choice), best first; for an accepted risk, the plan's actions
	// that raise it.
	var items []scoring.PlanItem
	for _, aid := range qq.Actions {
		if it, ok := plan[aid]; ok && (f.Accepted || contributesTo(it, qq.ID)) {
			items = append(items, it)
		}
	}
	for _, sf := range r.ShortFalls {
		if sf.QuestionID != qq.ID {
			continue
		}
		if sf.Reaches <= s.Level {
			f.Short = fmt.Sprintf("no action in this plan takes it above level %d; reaching level %d is beyond this plan: ask your assessor", s.Level, sf.Target)
		} else {
			f.Short = fmt.Sprintf("these bring it to level %d of the target %d; the last step is beyond this plan: ask your assessor", sf.Reaches, sf.Target)
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return itemOrder(items[i]) < itemOrder(items[j]) })
	bands := map[string]bool{}
	var unsourced []string
	for _, it := range items {
		f.Actions = append(f.Actions, it.Action.ID)
		for _, l := range it.Cost.Licences {
			if !contains(f.Licences, l.Name) {
				f.LicenceCost = append(f.LicenceCost, licenceCost(r, it, l))
			}
			f.Licences = appendOnce(f.Licences, l.Name)
		}
		if it.Cost.Band != "" {
			bands[it.Cost.Band] = true
		}
		for _, u := range it.Cost.Unsourced {
			unsourced = appendOnce(unsourced, u)
		}
	}
	f.Cost = costWords(r.Bank, bands, unsourced)
	// a finding no planned action owns falls to whoever answers for the
	// question: the person the profile maps that role to, or "to assign"
	f.Owner = r.Answerer(qq)
	if qq.Answerer != "" {
		f.Owner = r.Profile.OwnerName(qq.Answerer, f.Owner)
	}
	for _, it := range items {
		if it.Status == "done" {
			continue
		}
		f.Owner, f.Days, f.Due, f.Licensing = it.Owner, it.Days, it.Due, it.Licensing
		break
	}
	fix := f.Owner
	if f.Accepted {
		f.Days, f.Due = 0, time.Time{}
		if s.Exception.Owner != "" {
			f.Owner = s.Exception.Owner
		}
	}
	if e := s.Exception; e != nil && e.Kind == q.RiskAccepted && e.Owner != "" && e.Owner != fix {
		f.FixOwner, f.DecisionOwner = fix, e.Owner
	}
	if resp, ok := r.Responses[qq.ID]; ok {
		f.Response = &resp
	}
	for i := range r.Risks {
		if r.Risks[i].QuestionID == qq.ID {
			e := r.Risks[i]
			f.Acceptance = &e
		}
	}
	return f
}

// itemOrder puts active plan items first by rank, then done ones.
func itemOrder(it scoring.PlanItem) int {
	if it.Rank == 0 {
		return 1 << 30
	}
	return it.Rank
}

func containsPhase(ps []q.Phase, p q.Phase) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// costWords is the cost of a finding's actions in words: the highest band
// when every licence has a sourced price, else which ones have none.
func costWords(b *q.Bank, bands map[string]bool, unsourced []string) string {
	if len(unsourced) > 0 {
		return "no list price sourced"
	}
	best, name := -1, ""
	for i, cb := range b.CostBands {
		if bands[cb.ID] && i > best {
			best, name = i, cb.Name
		}
	}
	if name == "" {
		return "staff time only"
	}
	return name
}

// licenceCost is one licence of a finding's action with how it is paid
// for: "Azure Bastion (…): Azure usage (metered); free: the Developer SKU
// (…)", "Microsoft Entra ID P2 (…): licence per user per month, not needed
// for the free path".
func licenceCost(r *scoring.Result, it scoring.PlanItem, l q.Licence) string {
	s := l.Name + ": " + q.CostKindWords(l.Kind)
	switch {
	case r.Profile.KnowsLicences() && r.Profile.HasLicence(l.ID):
		s = l.Name + ": included in your plan"
	case it.Action.FreePath && l.Kind == q.CostLicence:
		s = fmt.Sprintf("none on the free path; %s for %s: %s", l.Name, upgradeWords(it.Action), q.CostKindWords(l.Kind))
	}
	if l.Free != "" {
		s += "; free: " + l.Free
	}
	return s
}

// upgradeWords is what an action's licences add to its free path:
// "automated access reviews", else "full control".
func upgradeWords(a *q.Action) string {
	if u := strings.TrimSpace(a.Upgrade); u != "" {
		return u
	}
	return "full control"
}

// impact is the business impact of a gap in plain words: the bank's
// plain "why it matters" (the first sentence of the question's help),
// then the attack steps the gap leaves without a stop.
func impact(r *scoring.Result, s scoring.QuestionScore, phases []q.Phase) string {
	out := firstSentence(strings.Join(strings.Fields(s.Question.Help), " "))
	if len(phases) > 0 {
		names := make([]string, len(phases))
		for i, p := range phases {
			names[i] = strings.ToLower(r.Bank.PhaseName(p))
		}
		w := "step"
		if len(names) > 1 {
			w = "steps"
		}
		out += fmt.Sprintf(" At target, this control would stop the attacker's %s %s, which the assessment does not show stopped.", joinAnd(names), w)
	}
	if s.Status == q.Unknown {
		out += " Nobody could say how it is done today, so the exposure is unknown until verified."
	}
	return strings.TrimSpace(out)
}

// evidenceSummary sums up the live evidence on a question: "2 failing
// checks (5 resources), 1 passing" or "".
func evidenceSummary(s scoring.QuestionScore) string {
	var fail, pass, res int
	for _, e := range s.Evidence.Items {
		if e.Source != q.SourceLive {
			continue
		}
		switch e.Status {
		case "fail":
			fail++
			res += rolledUp(e)
		case "pass":
			pass++
		}
	}
	var parts []string
	if fail > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s)", count(fail, "failing live check"), count(res, "resource")))
	}
	if pass > 0 {
		parts = append(parts, count(pass, "passing live check"))
	}
	// what else is attached, by what it is: a check named in the workshop
	// but not run is no result yet
	named, docs, seen := 0, 0, 0
	for _, e := range s.Evidence.Items {
		switch e.Source {
		case q.SourceLive:
		case q.SourceSeen:
			seen++
		case "finding":
			named++
		default:
			docs++
		}
	}
	if seen > 0 {
		parts = append(parts, "verified by the assessor in the workshop")
	}
	if named > 0 {
		parts = append(parts, count(named, "check")+" named to run, no result yet")
	}
	if docs > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", docs, map[bool]string{true: "document or note", false: "documents or notes"}[docs == 1]))
	}
	return strings.Join(parts, ", ")
}

// FindingOf returns the finding on a question, if it has one.
func FindingOf(fs []Finding, questionID string) (Finding, bool) {
	for _, f := range fs {
		if f.QuestionID == questionID {
			return f, true
		}
	}
	return Finding{}, false
}

// FindingRefs maps each action id to the findings it answers, in finding
// order: what the plan prints instead of repeating the findings' text.
func FindingRefs(fs []Finding) map[string][]string {
	out := map[string][]string{}
	for _, f := range fs {
		for _, a := range f.Actions {
			out[a] = append(out[a], f.ID)
		}
	}
	return out
}

// acceptanceText is a risk acceptance as a response: "risk accepted by
// Dr. Haddad, review 2027-03-31: vendor release due" or, past its review,
// "risk acceptance by … expired 2026-09-30: decide again".
func acceptanceText(a scoring.RiskEntry) string {
	by := ""
	if a.Owner != "" {
		by = " by " + a.Owner
	}
	if a.Expired {
		return fmt.Sprintf("risk acceptance%s expired %s: a new decision is needed", by, a.Review.Format("2006-01-02"))
	}
	s := fmt.Sprintf("risk accepted%s, review %s", by, a.Review.Format("2006-01-02"))
	if j := strings.TrimSpace(a.Justification); j != "" {
		s += ": " + j
	}
	return s
}

// ResponseChoices is the form's list: "Agree / Agree with plan / Accept
// risk / Disagree" (q.ResponseLabel, the words of every format).
func ResponseChoices() string {
	return strings.Join(q.ResponseLabels(), " / ")
}

// ResponseForm is one finding's row of the management response form:
// the status chosen ("" when none), planned date, owner and comment,
// filled from the recorded response or the risk register, "" where
// nothing is recorded (a form prints a line to write on).
func (f Finding) ResponseForm() (status, date, owner, comment string) {
	switch a := f.Acceptance; {
	case f.Response != nil:
		p := f.Response
		status, owner, comment = p.Status, p.Who, strings.TrimSpace(p.Comment)
		if !p.Date.IsZero() {
			date = p.Date.Format("2006-01-02")
		}
	case a != nil && !a.Expired:
		status, date, owner = q.ResponseRiskAccepted, "review "+a.Review.Format("2006-01-02"), f.OwnerText()
		comment = "risk register: " + strings.TrimSpace(a.Justification)
	case a != nil:
		owner, comment = f.OwnerText(), "risk acceptance expired "+a.Review.Format("2006-01-02")+": decide again"
	}
	return
}

// immediateDue is when an immediate step is due: the report's date plus
// the step's days (a week unless it needs preparing); zero without a date.
func immediateDue(r *scoring.Result, im scoring.ImmediateItem) time.Time {
	if r.Date.IsZero() {
		return time.Time{}
	}
	return scoring.DueIn(r.Date, max(im.Days, q.ImmediateWeek))
}
