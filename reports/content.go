package reports

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The words every format shares, so the PDF, Markdown and the wizard say
// the same thing the same way.

// PartyName is the display name of a party.
func PartyName(p q.Party) string {
	switch p {
	case q.Customer:
		return "You"
	case q.Shared:
		return "Shared"
	case q.Microsoft:
		return "Microsoft"
	}
	return string(p)
}

// AnswerText is the label of the chosen option, or what stands for it.
func AnswerText(s scoring.QuestionScore) string {
	switch s.Status {
	case q.Unknown:
		return "Don't know (verify)"
	case q.NotApplicable:
		return "Not applicable"
	case "":
		if s.Answer.Parked {
			if _, ok := s.Question.Option(s.Answer.Level); ok && s.Answer.Status == q.Answered {
				return "Parked for later (provisionally: " + q.LevelLabel(s.Question, s.Answer.Level) + ")"
			}
			return "Parked for later"
		}
		return "Not answered"
	}
	return q.LevelLabel(s.Question, s.Level)
}

// levelText is an answer's level in the report's tables: "3 Defined",
// "0 (verify)" for don't know, "—" for none.
func levelText(s scoring.QuestionScore) string {
	switch s.Status {
	case q.Answered:
		return q.AnswerWords(nil, s.Answer)
	case q.Unknown:
		return "0 (verify)"
	}
	return "—"
}

func gapText(s scoring.QuestionScore) string {
	if !s.Scored() {
		return "—"
	}
	return fmt.Sprint(s.Gap)
}

// ScoreText renders a score as "2.4 / 5 (48%)".
func ScoreText(s scoring.Score) string { return scoreText(s) }

func scoreText(s scoring.Score) string {
	if s.Empty {
		return "not scored"
	}
	return fmt.Sprintf("%.1f / 5", s.Level)
}

func modelNames(ms []q.Model) string {
	if len(ms) == 0 {
		return "IaaS, PaaS and SaaS"
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = q.ModelName(m)
	}
	return strings.Join(names, ", ")
}

func serviceNames(r *scoring.Result) string {
	var names []string
	for _, id := range r.Profile.Services {
		name := id
		for _, s := range r.Bank.Services {
			if s.ID == id {
				name = s.Name
			}
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return "no Azure services named"
	}
	return strings.Join(names, ", ")
}

// PriorityRule is how an action's priority is computed, in the words the
// plan (Markdown and PDF) and the methodology appendix share.
func PriorityRule() string {
	return "Priority = gap × weight × kill-chain factor × evidence factor ÷ effort cost (" +
		effortCosts("S %g, M %g, L %g") + "), summed over the questions an action raises."
}

// AdviceRules states the rules that shape the advice beyond the priority
// formula, in the words the Methodology appendix prints.
var AdviceRules = fmt.Sprintf("Advice rules. An assessor's override of a rating is printed, with its reason, beside the rule's; one to critical takes the finding's cheapest action into the first 30 days. "+
	"Immediate steps are free, about an hour, and remove a known credential or exposure (questions at level 0 or 1); their findings are due this week (a step that needs preparing, such as security defaults, within the days the bank gives it, at most 30), and a step that is the free form of a licensed control the organization lacks (security defaults without Entra ID P1) does the job of its actions, listed as the upgrade path. "+
	"For the most sensitive data, a recovery exposure (backups, restore tests, delete locks, alert routing at level 0 or 1) has its cheapest action within 90 days. "+
	"No action ranks above one it depends on (the bank's prerequisites; on one question, free before paid). "+
	RecoveryRule+" "+
	"\"Why it matters\" quotes only primary sources with data at most %d years old.", q.StaleFactYears)

// The one definition of a broken kill-chain phase, in the words every
// page that explains it prints (the kill-chain page, the heat maps'
// legends, the Methodology); scoring's cellState applies it.
const (
	// LayerBreaksRule is when a layer stops an attacker at a phase.
	LayerBreaksRule = "A layer breaks a phase when one of its controls that deny or disrupt the phase meets its target at the level that provides that course, and none of them is absent or ad hoc (answered at level 0 or 1: an open path an attacker takes)."
	// PhaseBrokenRule is when the phase is broken: in every layer.
	PhaseBrokenRule = "A phase is broken when every layer that has a control denying or disrupting it breaks it; an attacker takes the weakest path, so a phase stopped in one layer but not in another is open, and the report names the open layers with their open controls."
	// OnlyBreakersRule says what the other courses do.
	OnlyBreakersRule = "Only deny and disrupt break the chain; detect, degrade, deceive and contain see, slow or contain the attacker and never make a phase broken, even at target, and neither does a recovery control (a backup)."
	// RecoveryRule is ssrm's adaptation at actions on objectives, said as
	// one: the paper's Table 1 has no recovery control.
	RecoveryRule = "Recovery controls (backups, restore tests, delete locks) are mapped to degrade at actions on objectives, and for the most sensitive data they weigh in an action's priority as much as a control that breaks an open phase: ssrm's adaptation, not in the paper. Hutchins, Cloppert and Amin's Table 1 gives actions on objectives only detect (audit log), degrade (quality of service) and deceive (honeypot), and names no backup or recovery control. The adaptation changes priorities only: a recovery control at target never makes a layer or a phase broken."
)

// CellWord is how a square of the layers heat map reads, in every
// format; CellLegend says what it means, short enough for a legend.
func CellWord(s scoring.CellState) string {
	switch s {
	case scoring.CellBroken:
		return "Broken"
	case scoring.CellOpen:
		return "Open"
	case scoring.CellPartial:
		return "Seen only"
	case scoring.CellUnseen:
		return "Unseen"
	}
	return "No control"
}

// CellLegend is the legend line of a heat-map state.
func CellLegend(s scoring.CellState) string {
	switch s {
	case scoring.CellBroken:
		return "Broken: deny/disrupt at target, none at level 0–1"
	case scoring.CellOpen:
		return "Open: no deny/disrupt control at target, or one at level 0–1"
	case scoring.CellPartial:
		return "Seen only: sees, slows, contains or recovers, at target"
	case scoring.CellUnseen:
		return "Unseen: only sees, slows or contains, below target"
	}
	return "No control of this layer acts here"
}

// CellStates are the heat map's states in legend order.
var CellStates = []scoring.CellState{scoring.CellBroken, scoring.CellPartial, scoring.CellOpen, scoring.CellUnseen, scoring.CellNone}

// effortCosts fills format with the effort costs of S, M and L.
func effortCosts(format string) string {
	return fmt.Sprintf(format, q.EffortS.Cost(), q.EffortM.Cost(), q.EffortL.Cost())
}

// FactorText explains an action's priority in one line: a term per
// question it raises ("ID-MFA-ADMIN: gap 3 × w3 × kc 1.50 × ev 1.50") and
// the effort cost they are divided by.
func FactorText(it scoring.PlanItem) string {
	parts := make([]string, 0, len(it.Contributions))
	for _, c := range it.Contributions {
		parts = append(parts, fmt.Sprintf("%s: gap %d × w%g × kc %.2f × ev %.2f", c.QuestionID, c.Gap, c.Weight, c.KillChain, c.Evidence))
	}
	return strings.Join(parts, "; ") + fmt.Sprintf(" ÷ %g", it.EffortCost)
}

// Verdict is three plain sentences on where the organization stands (one,
// when nothing is answered yet).
func Verdict(r *scoring.Result) []string {
	var out []string
	if r.Overall.Empty {
		return []string{"Nothing has been answered yet, so there is no verdict."}
	}
	// layers compare at the precision they are shown with: two layers
	// that both read 2.4 share the place, and the verdict names both
	var strongest, weakest []string
	hi, lo, scored := 0.0, 0.0, 0
	thin := 0
	for _, g := range r.Layers {
		if g.Score.Empty {
			continue
		}
		if !Scorable(r, g) {
			thin++
			continue
		}
		lv := round1(g.Score.Level)
		switch {
		case scored == 0 || lv > hi:
			hi, strongest = lv, []string{g.Name}
		case lv == hi:
			strongest = append(strongest, g.Name)
		}
		switch {
		case scored == 0 || lv < lo:
			lo, weakest = lv, []string{g.Name}
		case lv == lo:
			weakest = append(weakest, g.Name)
		}
		scored++
	}
	gap := float64(r.Target) - r.Overall.Level
	switch {
	case gap <= 0:
		out = append(out, fmt.Sprintf("Your side of the model is at or above the target of %d: keep it there with continuous assessment.", r.Target))
	case gap < 1:
		out = append(out, fmt.Sprintf("Your side of the model is close to the target of %d; a few focused actions will close the gap.", r.Target))
	default:
		out = append(out, fmt.Sprintf("Your side of the model is %.1f levels below the target of %d: attackers would find gaps Microsoft does not cover for you.", gap, r.Target))
	}
	switch {
	case scored == 0 && thin > 0:
		out = append(out, "No layer has enough answers to score yet, so no layer is compared with another: answer more of each layer to see where you stand.")
	case scored == 1:
		out = append(out, fmt.Sprintf("Only %s has enough answers to score so far (%.1f): answer the other layers to see where you stand.", strongest[0], hi))
	case hi == lo:
		out = append(out, fmt.Sprintf("Every scored layer stands at %.1f.", hi))
	default:
		out = append(out, fmt.Sprintf("%s %s strongest (%.1f) and %s weakest (%.1f).", joinAnd(strongest), isAre(len(strongest)), hi, joinAnd(weakest), lo))
	}
	// Phases on the attacker's side (weaponization) are not the
	// organization's to stop: they are not judged, here or in the
	// kill-chain table (PhaseLabel), and named apart.
	var open, attacker []scoring.PhaseCoverage
	for _, p := range r.KillChain {
		if p.Verdict == scoring.VerdictAttackerSide {
			attacker = append(attacker, p)
			continue
		}
		if p.Open {
			open = append(open, p)
		}
	}
	switch len(open) {
	case 0:
		if len(r.UnjudgedPhases()) == 0 {
			out = append(out, "Every phase of the kill chain you can act on is broken: each layer that can stop it does, with a control at target and none absent or ad hoc.")
		}
	default:
		first := ""
		if top := r.Top(1); len(top) > 0 {
			first = fmt.Sprintf(" Start with: %s.", top[0].Action.Title)
		}
		if w := thisWeekCount(r); w != "" {
			first = " " + w
		}
		out = append(out, openPhasesText(r, open, findingRef(r.Bank, Findings(r)))+first)
	}
	for _, p := range attacker {
		// the kill-chain section says how to act on it (PhaseStories)
		out = append(out, fmt.Sprintf("%s happens on the attacker's side and is not judged.", p.Name))
	}
	var names []string
	for _, p := range r.UnjudgedPhases() {
		names = append(names, strings.ToLower(p.Name))
	}
	if len(names) > 0 {
		out = append(out, fmt.Sprintf("Too few controls are answered to judge %s yet.", joinAnd(names)))
	}
	// A score resting on a few answers must say so before anyone acts on it.
	if c := r.Counts; c.Asked > 0 && 2*(c.Answered+c.Unknown+c.NotApplicable) < c.Asked {
		out[0] = fmt.Sprintf("Only %d of %d questions are answered, so this is provisional. %s",
			c.Answered+c.Unknown+c.NotApplicable, c.Asked, out[0])
	}
	return out
}

// PhaseStories explains each open phase, and each phase with too little
// evidence to judge, in words.
func PhaseStories(r *scoring.Result) []string {
	return PhaseStoriesRef(r, nil)
}

// PhaseStoriesRef is PhaseStories naming each control by ref(question
// id): a client's report names findings (F-02), not the bank's ids.
func PhaseStoriesRef(r *scoring.Result, ref func(string) string) []string {
	var out []string
	for _, p := range r.KillChain {
		if p.Verdict == scoring.VerdictAttackerSide {
			out = append(out, fmt.Sprintf("%s is not judged: it happens on the attacker's side, and you act on it only through threat intelligence turned into detection and prevention signatures.", p.Name))
			continue
		}
		if p.Verdict != scoring.VerdictBroken {
			out = append(out, PhaseStoryRef(p, ref))
		}
	}
	if len(out) == 0 {
		out = append(out, "No phase is open: every layer that can stop a phase breaks it, with a control that denies or disrupts it at target and none absent or ad hoc.")
	}
	return out
}

// storyControls is how many controls a phase story names before it says
// "and N more".
const storyControls = 6

// PhaseStory says in one sentence whether a phase is broken, open or not
// yet judged, and if open, which controls would stop it and how far below
// target they are.
func PhaseStory(p scoring.PhaseCoverage) string { return PhaseStoryRef(p, nil) }

// PhaseStoryRef is PhaseStory naming each control by ref(question id)
// (nil: the id).
func PhaseStoryRef(p scoring.PhaseCoverage, ref func(string) string) string {
	if ref == nil {
		ref = func(id string) string { return id }
	}
	switch p.Verdict {
	case scoring.VerdictBroken:
		return fmt.Sprintf("%s is broken: in every layer that can stop it, a control that denies or disrupts it meets its target at the level that provides that course, and none is absent or ad hoc.", p.Name)
	case scoring.VerdictInsufficient:
		if p.Controls == 0 {
			return fmt.Sprintf("%s cannot be judged: no control in your assessment acts on it.", p.Name)
		}
		return fmt.Sprintf("%s cannot be judged yet: %d of its %d controls have a level, and %d are needed.", p.Name, p.Answered, p.Controls, p.Needed)
	}
	open := map[q.Layer]bool{}
	var layers, despite []string
	for _, l := range p.OpenLayers {
		open[l] = true
		cell := p.Cell(l)
		layers = append(layers, string(l)+holesText(cell, ref))
		if at := atTarget(cell, ref); len(at) > 0 && len(cell.Holes) > 0 {
			it := "it"
			if len(at) > 1 {
				it = "them"
			}
			despite = append(despite, fmt.Sprintf(" In %s, %s %s at target, but an attacker goes round %s through the open controls.",
				l, joinAnd(at), isAre(len(at)), it))
		}
	}
	type short struct {
		text string
		gap  int
	}
	var below []short
	seen := map[string]bool{}
	for _, c := range p.Courses {
		if !c.Course.Breaks() {
			continue
		}
		for _, ctl := range c.Controls {
			if ctl.Effective || !open[ctl.Layer] || seen[ctl.QuestionID] {
				continue
			}
			seen[ctl.QuestionID] = true
			need := max(ctl.Target, ctl.From)
			below = append(below, short{fmt.Sprintf("%s at %d/%d", ref(ctl.QuestionID), ctl.Level, need), need - ctl.Level})
		}
	}
	if len(below) == 0 {
		return fmt.Sprintf("%s is open: no control in your assessment denies or disrupts it.", p.Name)
	}
	// The furthest below first; a long list is cut to the worst few.
	sort.SliceStable(below, func(i, j int) bool { return below[i].gap > below[j].gap })
	var list []string
	for i, b := range below {
		if i == storyControls && len(below) > storyControls+1 {
			list = append(list, fmt.Sprintf("and %d more", len(below)-i))
			break
		}
		list = append(list, b.text)
	}
	return fmt.Sprintf("%s is open through %s: the controls that would stop it there are below the level they need (%s).%s", p.Name, joinAnd(layers), strings.Join(list, ", "), strings.Join(despite, ""))
}

// holesShown is how many open controls a layer's name carries before
// "and N more".
const holesShown = 2

// holesText is what follows an open layer's name when some of its
// deny/disrupt controls are absent or ad hoc (" (open: F-02 at level 0)"),
// "" otherwise: the path an attacker takes through it.
func holesText(c scoring.Cell, ref func(string) string) string {
	if len(c.Holes) == 0 {
		return ""
	}
	return " (open: " + holesList(c, ref) + ")"
}

// holesList names a cell's open controls, grouped by level, the lowest
// first ("F-17 and F-05 at level 0, F-42 at level 1"; past holesShown,
// "and N more").
func holesList(c scoring.Cell, ref func(string) string) string {
	shown := sortedHoles(c.Holes, ref)
	more := 0
	if len(shown) > holesShown+1 {
		shown, more = shown[:holesShown], len(shown)-holesShown
	}
	var groups []string
	for i := 0; i < len(shown); {
		j := i
		var ids []string
		for ; j < len(shown) && shown[j].Level == shown[i].Level; j++ {
			ids = append(ids, ref(shown[j].QuestionID))
		}
		groups = append(groups, fmt.Sprintf("%s at level %d", joinAnd(ids), shown[i].Level))
		i = j
	}
	text := strings.Join(groups, ", ")
	if more > 0 {
		text += fmt.Sprintf(", and %d more", more)
	}
	return text
}

// sortedHoles orders open controls as a reader looks for them: the
// lowest level first, then by name, F-2 before F-10.
func sortedHoles(hs []scoring.Control, ref func(string) string) []scoring.Control {
	out := slices.Clone(hs)
	slices.SortStableFunc(out, func(a, b scoring.Control) int {
		if a.Level != b.Level {
			return a.Level - b.Level
		}
		x, y := ref(a.QuestionID), ref(b.QuestionID)
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		return strings.Compare(x, y)
	})
	return out
}

// holesClause says a cell's open controls stand where they stand ("F-02
// is at level 0", "F-02 and F-09 are at level 0 or 1").
func holesClause(c scoring.Cell, ref func(string) string) string {
	if len(c.Holes) == 1 {
		return fmt.Sprintf("%s is at level %d", ref(c.Holes[0].QuestionID), c.Holes[0].Level)
	}
	var ids []string
	for i, h := range sortedHoles(c.Holes, ref) {
		if i == holesShown && len(c.Holes) > holesShown+1 {
			ids = append(ids, fmt.Sprintf("%d more", len(c.Holes)-i))
			break
		}
		ids = append(ids, ref(h.QuestionID))
	}
	return joinAnd(ids) + " are at level 0 or 1"
}

// atTarget names a cell's deny/disrupt controls in effect, once each.
func atTarget(c scoring.Cell, ref func(string) string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ctl := range c.Controls {
		if ctl.Course.Breaks() && ctl.Effective && !seen[ctl.QuestionID] {
			seen[ctl.QuestionID] = true
			out = append(out, ref(ctl.QuestionID))
		}
	}
	return out
}

func doDoes(n int) string {
	if n == 1 {
		return "does"
	}
	return "do"
}

// FortifyArea is one of the three areas of step 4 with its status.
type FortifyArea struct {
	Name    string
	Score   scoring.Score
	Status  string
	Actions []scoring.PlanItem
}

var fortifyAreas = []struct {
	name  string
	items []string
}{
	{"Access management", []string{"S-FORT-1", "S-FORT-2", "S-FORT-3", "S-MFA-1", "S-BP-2"}},
	{"Logical segmentation", []string{"S-FORT-4", "S-FORT-5", "S-NET-1"}},
	{"Monitoring", []string{"S-FORT-6", "S-FORT-7", "S-FORT-8"}},
}

// homeQuestion is the question an action mostly serves: the one that
// brings most of its priority, the bank's first on a tie. An action
// filed under an area by a side effect (a patch standard that also
// closes part of a scanning gap) would read as the area's own work.
func homeQuestion(it scoring.PlanItem) string {
	best, id := -1.0, ""
	for _, c := range it.Contributions {
		if c.Value > best {
			best, id = c.Value, c.QuestionID
		}
	}
	return id
}

// FortifyAreas sorts the questions and actions of step 4 into its three
// areas (by the seed items they cover) and says where each stands.
func FortifyAreas(r *scoring.Result) []FortifyArea {
	var out []FortifyArea
	for _, a := range fortifyAreas {
		in := map[string]bool{}
		for _, s := range a.items {
			in[s] = true
		}
		var qs []scoring.QuestionScore
		ids := map[string]bool{}
		for _, s := range r.Questions {
			for _, c := range s.Question.Covers {
				if in[c] {
					qs = append(qs, s)
					ids[s.Question.ID] = true
					break
				}
			}
		}
		area := FortifyArea{Name: a.name, Score: scoring.Mean(qs)}
		for _, it := range r.Actions {
			if it.Status != "done" && ids[homeQuestion(it)] {
				area.Actions = append(area.Actions, it)
			}
		}
		switch {
		case area.Score.Empty:
			area.Status = "Not assessed yet."
		case area.Score.Level >= area.Score.Target:
			area.Status = fmt.Sprintf("At target: %s.", scoreText(area.Score))
		default:
			area.Status = fmt.Sprintf("%s against a target of %s.", scoreText(area.Score), WholeTarget(area.Score))
		}
		out = append(out, area)
	}
	return out
}

// TrainingTriggers are the events after which training is repeated
// (seed 002, step 5a: an incident, a merger or acquisition, an ERP
// roll-out), said in the organization's terms: its sector (the profile's)
// picks the words, and an unknown sector gets neutral ones, never an ERP
// roll-out for a dental practice.
func TrainingTriggers(sector string) []string {
	change, system := "taking over or merging with another organization, or opening a new site",
		"a new business system (finance, records, bookings) or a major change to one"
	switch publicOf(sector) {
	case "patients":
		change, system = "opening or taking over a practice or clinic",
			"a new practice-management, imaging, records or booking system"
	case "students and families":
		change, system = "opening or merging with another school or site",
			"a new school-management, learning or records system"
	}
	return []string{
		"a security incident or system compromise",
		change,
		system,
		"joiners (on their first week) and leavers (access removed the same day)",
	}
}

// CalendarEntry is one month of the training and communication plan.
type CalendarEntry = q.CalendarEntry

// TrainingCalendar is the 12-month training and communication plan,
// starting the month after the assessment.
func TrainingCalendar(r *scoring.Result) []CalendarEntry {
	cal, _ := TrainingPlan(r)
	return cal
}

// CalendarLater is an activity the proposed calendar leaves out because
// the action it needs waits in the backlog.
type CalendarLater struct {
	Activity, Audience string
	Rank               int // the action's rank in the plan
}

// calendarItem is a proposed month: its activity, audience and the plan
// action it puts into practice ("" for none: a newsletter, the review).
type calendarItem struct {
	activity, audience, action string
}

// TrainingPlan is the 12-month training and communication calendar,
// starting the month after the assessment, built from the plan and the
// profile: an activity whose action waits in the backlog is left out of
// its month and returned as later (it would contradict the plan), a
// developer activity is only for organizations that build software, and
// the public-facing audience is named from the sector. An organization's
// own calendar (edited in the wizard) is returned as it is.
func TrainingPlan(r *scoring.Result) (cal []CalendarEntry, later []CalendarLater) {
	if p := r.Plans; p != nil && len(p.Calendar) > 0 {
		return append([]CalendarEntry(nil), p.Calendar...), nil
	}
	start := r.Date
	if start.IsZero() {
		start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	devs := r.Profile.SoftwareBuilder() && (r.Profile.UsesService("devops") || hasStep(r, 3))
	front := PublicFacingStaff(r.Profile.Sector)
	plan := []calendarItem{
		{activity: "Yearly security awareness training: the shared responsibility model, phishing, passwords and MFA, how to report", audience: "All staff", action: "A-TRAINING-YEARLY"},
		{activity: "Phishing simulation and a two-minute debrief for those who clicked (needs Defender for Office 365 Plan 2's Attack simulation training, or a partner's tool)", audience: "All staff", action: "A-PHISH-SIM"},
		{activity: "Recognising, handling and reporting infiltration attempts (phone, e-mail, walk-in, social media)", audience: front, action: "A-PUBLIC-FACING-TRAINING"},
		{activity: "Privileged access: MFA, least privilege, break-glass accounts, spotting consent phishing", audience: "Administrators and IT", action: "A-ADMIN-TRAINING"},
		{activity: "Newsletter: what changed in Azure this quarter and what it means for us", audience: "All staff"},
		{activity: "Incident response tabletop: a stolen admin password, walked through end to end", audience: "IT, management, communications", action: "A-IR-EXERCISE"},
		{activity: "Phishing simulation (same tool as month 2); refresh of the reporting process", audience: "All staff", action: "A-PHISH-SIM"},
		{activity: "Secure coding and DevSecOps: dependency scanning, secrets, review of the pipeline", audience: "Developers and suppliers", action: "A-DEVSECOPS-TRAINING"},
		{activity: "Refresher with real attempts from this year", audience: front, action: "A-PUBLIC-FACING-TRAINING"},
		{activity: "Data handling: classification, sharing links, where personal data may live", audience: "All staff"},
		{activity: "Phishing simulation (same tool); results compared with month 2", audience: "All staff", action: "A-PHISH-SIM"},
		{activity: "Review of the year: incidents, near misses, next year's plan; re-run this assessment", audience: "Management and IT"},
	}
	if !devs {
		plan[7] = calendarItem{activity: "Supplier and integration review: which apps hold our data, whose access is locked", audience: "IT and business owners"}
	}
	backlog := map[string]int{}
	for _, it := range r.Actions {
		if it.Days == scoring.LaterDays && it.Status != "done" {
			backlog[it.Action.ID] = it.Rank
		}
	}
	seen := map[string]bool{}
	for i, c := range plan {
		if rank, ok := backlog[c.action]; ok {
			if !seen[c.action] {
				later = append(later, CalendarLater{Activity: c.activity, Audience: c.audience, Rank: rank})
				seen[c.action] = true
			}
			continue
		}
		cal = append(cal, CalendarEntry{Month: start.AddDate(0, i, 0).Format("Jan 2006"), Activity: c.activity, Audience: c.audience})
	}
	return cal, later
}

// PublicFacingStaff names the staff who deal with outsiders in the
// sector's words: patients for a practice or clinic, students and
// families for a school, customers otherwise; never "sales" where
// there are none.
func PublicFacingStaff(sector string) string {
	return "Staff who talk to " + publicOf(sector) + " (front desk, phone, e-mail)"
}

// publicOf names the people an organization serves in its sector's words.
func publicOf(sector string) string {
	s := strings.ToLower(sector)
	switch {
	case containsAny(s, "health", "dental", "clinic", "medical", "hospital", "care", "pharma", "surgery"):
		return "patients"
	case containsAny(s, "school", "education", "university", "college"):
		return "students and families"
	case containsAny(s, "charity", "non-profit", "nonprofit"):
		return "donors and the public"
	case containsAny(s, "government", "council", "public sector"):
		return "citizens"
	}
	return "customers and the public"
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasStep(r *scoring.Result, step int) bool {
	for _, s := range r.Questions {
		if s.Question.Step == step && s.Question.Domain == "configuration" {
			return true
		}
	}
	return false
}

// ReportingProcess is the organization's threat-reporting process: what any
// employee does when they think they have seen an attack.
func ReportingProcess(r *scoring.Result) []string {
	if p := r.Plans; p != nil && len(p.Reporting) > 0 {
		return append([]string(nil), p.Reporting...)
	}
	org := r.Profile.Organization
	if org == "" {
		org = "the organization"
	}
	contact := fmt.Sprintf("Report at once to the security contact of %s, %s", org, ToConfirm+": one address and one phone number, printed on every desk and in the intranet")
	if c := strings.TrimSpace(r.Profile.SecurityContact); c != "" {
		contact = fmt.Sprintf("Report at once to the security contact of %s, %s", org, c)
	}
	regulator := "the regulator within the deadline the law sets for your sector and country " + ToConfirm
	if rule, ok := r.Bank.NotificationRule(r.Profile.Country); ok {
		regulator = "the regulator: " + rule.Rule + " (" + sourceText(rule.Source) + ")"
	}
	return []string{
		"Stop: do not click further, do not forward the message, do not switch the device off.",
		contact + "; a report is always welcome, even when it turns out to be nothing.",
		"Within 30 minutes the security contact confirms receipt, records the report in the incident log and decides whether it is an incident.",
		"For an incident: contain first (reset the password and revoke sessions, isolate the VM, block the sender), then collect the logs before they roll over.",
		"Decide who must be told: management, Microsoft support if the provider's side is involved, " + regulator + ", and the " + publicOf(r.Profile.Sector) + " affected where the law or contracts require.",
		"Close with a short lessons-learned note; an incident is a trigger for refresher training.",
	}
}

// ToConfirm marks text the consultant must settle with the client before
// the report is final; ssrm report warns about every one (Markers).
const ToConfirm = "[to confirm with the client]"

func sourceText(src q.Source) string {
	s := src.Title
	if src.Date != "" {
		s += ", " + src.Date
	}
	if src.URL != "" {
		s += ", " + src.URL
	}
	return s
}

// Methodology is every scoring rule, in words and formulas, with the
// sources the bank's model follows: a custom bank (--bank) is described as
// it is. MethodTables gives the bank's tables the rules refer to.
func Methodology(b *q.Bank) []string {
	minAnswered, minShare := scoring.PhaseThresholds(b)
	out := []string{
		"Maturity levels 0–5: 0 None, 1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimized. Each answer option maps to one level; every question offers every level, and a level describes how well the control is in place, with whatever product does the job.",
		"\"Don't know\" scores 0 and is flagged for verification; \"not applicable\" is left out of every score; unanswered questions are left out and counted.",
		"Layer, domain and step score = Σ(weight × level) ÷ Σ weight over the answered questions of the group.",
		fmt.Sprintf("A layer, domain or step is scored only on enough answers: at least %d, and at least %.0f%% of its applicable questions, answered at a level or \"don't know\"; below that the report says \"not enough answers to score\" and names no strongest or weakest layer from it.", minAnswered, minShare*100),
	}
	if src := ResponsibilitySource(b); src != "" {
		out = append(out, fmt.Sprintf("Who owns a question follows %s: each question names a row of that table (customer data, configurations and settings, identities and users, client devices, applications, network controls, operating system, physical), and its owner under your service models decides whether it is asked. Configurations and settings are yours under every model, so a question about configuring a managed service is always asked. Rows not in Microsoft's table are marked as such in the bank.", src))
	}
	shares := fmt.Sprintf("you %g, shared %g, Microsoft %g", q.Customer.Share(), q.Shared.Share(), q.Microsoft.Share())
	out = append(out,
		"Overall score = Σ(weight × share × level) ÷ Σ(weight × share), where share is your part of the responsibility for the question under your service models ("+shares+", from the responsibility table of this bank), averaged over the models it applies to.",
		fmt.Sprintf("Target = the base level for the data sensitivity plus the adjustment for the size (the target figures below), kept between %d and %d and never above the question's highest level, unless the profile sets one. Gap = max(0, target − level).", b.Targets.Min, targetMax(b)),
	)
	if km := b.KillChainModel.Source; km.Title != "" {
		out = append(out, "Kill chain: "+strings.Join(strings.Fields(km.Title), " ")+" Each question acts on phases with a course of action, from the level at which the control really provides it; governance questions with no direct effect say so and are left out. \"Contain\" is this tool's adaptation of the paper's sixth course, \"destroy\".")
	} else {
		out = append(out, "Kill chain: each question acts on phases with a course of action, from the level at which the control really provides it.")
	}
	out = append(out,
		fmt.Sprintf("A phase is judged only on enough evidence: at least %d of its controls, and at least %.0f%% of its applicable controls, must have a level (\"don't know\" and unanswered are no evidence); until then its verdict is \"insufficient evidence\". ", minAnswered, minShare*100)+LayerBreaksRule+" "+PhaseBrokenRule+" "+OnlyBreakersRule,
		fmt.Sprintf("Action priority = Σ over the questions it raises of (gap × weight × kill-chain factor × evidence factor) ÷ effort cost (S 1, M 2, L 4). Kill-chain factor = 1 + %.2f per phase not shown broken that the question denies or disrupts + %.2f per other such phase it acts on. Evidence factor = %.2f when live evidence confirms the gap, %.2f for \"don't know\", %.2f when live evidence passes, else 1.",
			scoring.KillChainBreakBonus, scoring.KillChainOtherBonus, scoring.EvidenceFailFactor, scoring.EvidenceUnknownFactor, scoring.EvidencePassFactor),
		"Which actions enter the plan: each action says, for every question it raises, the level that question is at once the action is done (on top of the question's actions that reach lower levels). For a question with a gap the plan takes its actions in order of that level, the lowest first and the cheaper first at equal level, leaving out those at or below the current level (already done), up to and including the first that reaches the target. An action that only goes beyond the target, or reaches the same level as a cheaper planned one, stays out of the plan and is listed apart as beyond your target, unless another question plans it. Where no action reaches the target, the plan takes them all and the question is said to stop short of its target, at the level they reach; where none goes above the current level, the gap has no action in this bank. Actions for larger organizations only, or for organizations that build software, are set aside before this choice.",
		fmt.Sprintf("Quick win: a small (S) action that needs no licence or paid service (or has a free path the bank names, such as security defaults) and whose priority is at least the median of the plan; a small action that needs one is marked \"small effort, paid service\". Targets: a question may cap its target for smaller organizations where its higher levels describe an enterprise programme, and actions for larger organizations only (an in-house SIEM, IDPS) stay out of smaller organizations' plans. Roadmap: each 30-day window takes actions in rank order up to the team's capacity in effort points (the profile's capacity when it sets one, else the capacity figures below; %d for a size it does not list; an empty window takes any one action); an action goes in the first window with room for it, and what fits in none of the three waits, ranked, in the backlog after 90 days, as do deferred actions. An action needing a licence the profile's plans lack, with no free path, is a licensing decision, not roadmap work: it takes no capacity. Due: immediate steps after %d days, each window's actions at its end; a Saturday or Sunday moves to the Monday (public holidays are not moved: check them).", scoring.DefaultCapacity, scoring.ImmediateDays),
		"Owners are the people the profile names for each role (\"to assign\" where none is), else the role as named for the organization's size. Cost says how an action is paid for (included, free option, licence per user per month, Azure usage, third-party service), judged against the plans the profile names; no list price is shown where none could be read from a Microsoft pricing page.",
	)
	return out
}

func targetMax(b *q.Bank) int {
	if b.Targets.Max > 0 {
		return b.Targets.Max
	}
	return 5
}

// whoOwnsTitle is the title of the methodology's responsibility table.
const whoOwnsTitle = "Who owns what"

// MethodTable is one of the bank's tables the methodology refers to.
type MethodTable struct {
	Title string
	Head  []string
	Rows  [][]string
}

// MethodTables are the bank's tables behind the scores: the target
// maturity by data sensitivity and size, the team's capacity by size, and
// who owns each layer (and the domains that override it) per service model.
func MethodTables(b *q.Bank) []MethodTable {
	var out []MethodTable
	sens := make([]string, 0, len(b.Targets.Sensitivity))
	for s := range b.Targets.Sensitivity {
		sens = append(sens, s)
	}
	// the usual words in their usual order, then a custom bank's own by level
	usual := map[string]int{"low": 1, "moderate": 2, "high": 3, "critical": 4}
	sort.Slice(sens, func(i, j int) bool {
		ui, uj := usual[sens[i]], usual[sens[j]]
		if (ui > 0) != (uj > 0) {
			return ui > 0
		}
		if ui != uj {
			return ui < uj
		}
		x, y := b.Targets.Sensitivity[sens[i]], b.Targets.Sensitivity[sens[j]]
		return x < y || x == y && sens[i] < sens[j]
	})
	t := MethodTable{Title: "Target maturity", Head: []string{"Data sensitivity", "Base level"}}
	for _, s := range sens {
		t.Rows = append(t.Rows, []string{s, fmt.Sprint(b.Targets.Sensitivity[s])})
	}
	out = append(out, t)
	sizes := MethodTable{Title: "Size: target adjustment and capacity", Head: []string{"Organization size", "Target adjustment", "Effort points per 30 days"}}
	for _, sz := range q.Sizes() {
		adj, capacity := "0", fmt.Sprintf("%d (default)", scoring.DefaultCapacity)
		if v, ok := b.Targets.Size[sz]; ok {
			adj = fmt.Sprintf("%+d", v)
			if v == 0 {
				adj = "0"
			}
		}
		if v, ok := b.Capacity[sz]; ok && v > 0 {
			capacity = fmt.Sprint(v)
		}
		sizes.Rows = append(sizes.Rows, []string{sz, adj, capacity})
	}
	out = append(out, sizes)
	resp := MethodTable{Title: whoOwnsTitle, Head: []string{"Layer or domain"}}
	for _, m := range q.Models {
		resp.Head = append(resp.Head, q.ModelName(m))
	}
	for _, l := range q.Layers {
		row := []string{b.LayerInfo(l).Name}
		for _, m := range q.Models {
			row = append(row, PartyName(b.Responsibility.Owner(l, "", m)))
		}
		resp.Rows = append(resp.Rows, row)
	}
	for _, d := range b.Domains {
		over, ok := b.Responsibility.Domains[d.ID]
		if !ok || len(over) == 0 {
			continue
		}
		row := []string{d.Name + " (any layer)"}
		for _, m := range q.Models {
			p, ok := over[m]
			if !ok {
				row = append(row, "as the layer")
				continue
			}
			row = append(row, PartyName(p))
		}
		resp.Rows = append(resp.Rows, row)
	}
	return append(out, resp)
}

// joinOr is joinAnd with "or": "delivery, exploitation or installation".
func joinOr(xs []string) string {
	if len(xs) < 2 {
		return joinAnd(xs)
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// GlossaryEntry is one term of the glossary.
type GlossaryEntry struct {
	Term    string
	Meaning string
}

// Glossary explains the terms the report uses: the bank's glossary (shared
// with the wizard), then the kill-chain phases and courses of action.
func Glossary(b *q.Bank) []GlossaryEntry {
	var out []GlossaryEntry
	for _, t := range b.Glossary() {
		out = append(out, GlossaryEntry{t.Term, t.Meaning})
	}
	return out
}

// RoadmapBuckets are the roadmap's windows in order: 30, 60 and 90 days,
// then the backlog of what the team has no capacity for yet.
var RoadmapBuckets = []int{30, 60, 90, scoring.LaterDays}

// WhenText says when an action is planned: "within 30 days", or "after 90
// days" for the backlog.
func WhenText(days int) string {
	if days == scoring.LaterDays {
		return "after 90 days"
	}
	return fmt.Sprintf("within %d days", days)
}

// BucketTitle names a roadmap window as a heading.
func BucketTitle(days int) string {
	if days == scoring.LaterDays {
		return "After 90 days: the backlog, as capacity frees up"
	}
	return fmt.Sprintf("Within %d days", days)
}

// ExceptionText describes an answer's exception in a few words, or "".
func ExceptionText(s scoring.QuestionScore) string {
	e := s.Exception
	switch {
	case e == nil:
		return ""
	case e.Kind == q.Compensating:
		return fmt.Sprintf("[compensating control: %s]", e.Control)
	case s.Expired:
		return fmt.Sprintf("[risk acceptance EXPIRED %s, owner %s]", e.Review.Format("2006-01-02"), e.Owner)
	}
	return fmt.Sprintf("[risk accepted until %s, owner %s]", e.Review.Format("2006-01-02"), e.Owner)
}

// askedEvidence is the evidence on the questions asked, in question order:
// what the Markdown report lists and the counts count.
func askedEvidence(r *scoring.Result) []scoring.EvidenceItem {
	var out []scoring.EvidenceItem
	for _, it := range r.Evidence {
		if it.Asked {
			out = append(out, it)
		}
	}
	return out
}

// EvidenceDetail is a piece of evidence's detail as a report prints it:
// a failing live finding behind a contradicted answer says so first.
func EvidenceDetail(it scoring.EvidenceItem) string {
	if c := it.Contradiction; c != nil {
		return ContradictionText(*c) + ": " + it.Detail
	}
	return it.Detail
}

// ContradictionText says that live evidence disagrees with an answer:
// "Evidence contradicts the answer (level 4; the evidence suggests 1)".
func ContradictionText(c scoring.Contradiction) string {
	s := fmt.Sprintf("Evidence contradicts the answer (level %d; the evidence suggests %d)", c.AnsweredLevel, c.SuggestedLevel)
	if c.Kept != nil {
		s += fmt.Sprintf("; the answer was kept: %s", strings.Join(strings.Fields(c.Kept.Reason), " "))
	}
	return s
}

// given counts the questions of a group with an answer of any kind: a
// level, "don't know" or "not applicable". It is what the executive
// summary counts as answered, so the layer rows add up to its total.
func given(g scoring.GroupScore) int { return g.Answered + g.Unknown + g.NotApplicable }

// FactText is a fact from the bank as a report quotes it: its text, the
// year of its data and, when the bank names one, its source, so no
// statistic stands unsourced or undated.
func FactText(f q.Fact) string {
	text := FactBody(f)
	if src := FactSource(f); src != "" {
		text += " (Source: " + strings.TrimSuffix(src, ".") + ".)"
	}
	return text
}

// FactBody is a fact's text with the year of its data when the bank gives
// a year alone ("… (2019 data)"): a statistic shows its age wherever it is
// quoted. A fact dated to the day is a document's, whose date its source
// carries.
func FactBody(f q.Fact) string {
	text := strings.Join(strings.Fields(f.Text), " ")
	if len(f.Published) == 4 && f.Year() > 0 {
		text += fmt.Sprintf(" (%d data)", f.Year())
	}
	return text
}

// FactSource is a fact's source as a report prints it, with its address
// when the bank gives one.
func FactSource(f q.Fact) string {
	src := strings.Join(strings.Fields(f.Source), " ")
	if f.URL != "" {
		src = strings.TrimSuffix(src, ".") + ", " + f.URL
	}
	return src
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// ShareNote explains the "Your share" column of the layers table: it is
// the customer's share of the questions asked, not of the layer, so a layer
// the responsibility matrix gives to Microsoft can read 100% (its
// questions ask only what stays yours there: knowing the provider's model,
// its SLA and attestations). Such layers are named.
func ShareNote(r *scoring.Result) string {
	var named []string
	for _, mr := range Matrix(r) {
		g := r.Layer(mr.Layer)
		if g.Asked == 0 || g.Share == 0 || len(mr.Cells) == 0 {
			continue
		}
		microsoft := true
		for _, c := range mr.Cells {
			if c.Party != q.Microsoft {
				microsoft = false
			}
		}
		if microsoft {
			named = append(named, fmt.Sprintf("%s is Microsoft's in the responsibility matrix; its %.0f%% is of the questions asked, which cover only what stays yours there: understanding Microsoft's side, its SLA and its attestations.", mr.Name, g.Share*100))
		}
	}
	return strings.Join(append([]string{"\"Your share\" is your part of the responsibility for the questions asked in a layer, not for the whole layer; it weights the overall score."}, named...), " ")
}

// Scorable reports whether a layer, domain or step has enough answers for
// its score to be named: the kill chain's evidence rule (at least
// PhaseThresholds' fewest answers, and that share of the applicable
// questions), counting answers at a level and "don't know" (which scores
// 0), since both say where the organization stands.
func Scorable(r *scoring.Result, g scoring.GroupScore) bool {
	if g.Score.Empty {
		return false
	}
	minAnswered, minShare := scoring.PhaseThresholds(r.Bank)
	applicable := g.Asked - g.NotApplicable
	n := int(math.Ceil(minShare * float64(applicable)))
	n = min(max(n, minAnswered), applicable)
	return g.Answered+g.Unknown >= n
}

// GroupScoreText is a group's score, or "not enough answers to score"
// when Scorable says it rests on too few answers.
func GroupScoreText(r *scoring.Result, g scoring.GroupScore) string {
	if !g.Score.Empty && !Scorable(r, g) {
		return "not enough answers to score"
	}
	return scoreText(g.Score)
}

// OpenPhasesText says which phases an attacker can get through, true to
// the heat map: a phase is open when some layer that could stop it does
// not (scoring's rule), even where another layer's controls stop it. The
// layers that do stop an open phase are named, and so is the way round
// them, with the open control that makes it a way ("open: F-02 at level
// 0"); a layer whose controls at target are undone by an open one in the
// same layer is said to stop nothing.
func OpenPhasesText(r *scoring.Result, open []scoring.PhaseCoverage) string {
	return openPhasesText(r, open, nil)
}

func openPhasesText(r *scoring.Result, open []scoring.PhaseCoverage, ref func(string) string) string {
	if ref == nil {
		ref = func(id string) string { return id }
	}
	names := make([]string, len(open))
	for i, p := range open {
		names[i] = strings.ToLower(p.Name)
	}
	where := "At " + joinAnd(names)
	if len(open) > 1 && len(open) == len(actionablePhases(r)) {
		where = fmt.Sprintf("At every phase from %s to %s", names[0], names[len(names)-1])
	}
	text := where + " there is at least one path that no control at target blocks."
	// which layer stops which of these phases, and which layers still
	// open on those phases are the way round it
	var stoppers, undone []q.Layer
	stops := map[q.Layer][]string{}
	round := map[q.Layer][]q.Layer{}
	// an open layer with controls at target: the phases it would stop,
	// and the open controls that keep it from stopping them
	undonePhases := map[q.Layer][]string{}
	undoneAt := map[q.Layer][]string{}
	undoneBy := map[q.Layer]scoring.Cell{}
	for i, p := range open {
		for _, c := range p.Layers {
			if c.State == scoring.CellOpen && len(c.Holes) > 0 {
				if at := atTarget(c, ref); len(at) > 0 {
					if len(undonePhases[c.Layer]) == 0 {
						undone = append(undone, c.Layer)
						undoneBy[c.Layer] = scoring.Cell{Layer: c.Layer}
					}
					undonePhases[c.Layer] = append(undonePhases[c.Layer], names[i])
					for _, id := range at {
						if !slices.Contains(undoneAt[c.Layer], id) {
							undoneAt[c.Layer] = append(undoneAt[c.Layer], id)
						}
					}
					by := undoneBy[c.Layer]
					for _, h := range c.Holes {
						if !slices.ContainsFunc(by.Holes, func(x scoring.Control) bool { return x.QuestionID == h.QuestionID }) {
							by.Holes = append(by.Holes, h)
						}
					}
					slices.SortStableFunc(by.Holes, func(a, b scoring.Control) int { return a.Level - b.Level })
					undoneBy[c.Layer] = by
				}
			}
			if c.State != scoring.CellBroken {
				continue
			}
			if len(stops[c.Layer]) == 0 {
				stoppers = append(stoppers, c.Layer)
			}
			stops[c.Layer] = append(stops[c.Layer], names[i])
			for _, l := range p.OpenLayers {
				if !slices.Contains(round[c.Layer], l) {
					round[c.Layer] = append(round[c.Layer], l)
				}
			}
		}
	}
	if len(stoppers) == 0 && len(undone) == 0 {
		return where + " no control at target in any layer stops an attacker."
	}
	for _, l := range stoppers {
		via := make([]string, len(round[l]))
		for i, x := range round[l] {
			via[i] = r.Bank.LayerInfo(x).Name
			for _, p := range open {
				if slices.Contains(p.OpenLayers, x) && len(p.Cell(x).Holes) > 0 {
					via[i] += holesText(p.Cell(x), ref)
					break
				}
			}
		}
		text += fmt.Sprintf(" Your %s controls do stop %s", r.Bank.LayerInfo(l).Name, joinAnd(stops[l]))
		if len(via) > 0 {
			text += fmt.Sprintf(", but an attacker can go round them through %s.", joinAnd(via))
		} else {
			text += "."
		}
	}
	for _, l := range undone {
		at := undoneAt[l]
		// the controls at target are named when they are few (the EDR
		// on the PCs), else counted: the open ones are the point
		which := fmt.Sprintf("control at target (%s)", joinAnd(at))
		switch {
		case len(at) > holesShown:
			which = fmt.Sprintf("%d controls at target", len(at))
		case len(at) > 1:
			which = fmt.Sprintf("controls at target (%s)", joinAnd(at))
		}
		text += fmt.Sprintf(" Your %s %s %s not stop %s while %s: the attacker takes the open path.",
			r.Bank.LayerInfo(l).Name, which, doDoes(len(at)), joinOr(undonePhases[l]), holesClause(undoneBy[l], ref))
	}
	return text
}

// findingRef names a question by its finding number (F-02) where it has
// one, else by its topic ("Server EDR"), else by its id: how a client's
// text names a control.
func findingRef(b *q.Bank, fs []Finding) func(string) string {
	return func(id string) string {
		if f, ok := FindingOf(fs, id); ok {
			return f.ID
		}
		if qq, ok := b.Question(id); ok && qq.Topic != "" {
			return qq.Topic
		}
		return id
	}
}

// actionablePhases are the kill-chain phases that are not on the
// attacker's side.
func actionablePhases(r *scoring.Result) []scoring.PhaseCoverage {
	var out []scoring.PhaseCoverage
	for _, p := range r.KillChain {
		if p.Verdict != scoring.VerdictAttackerSide {
			out = append(out, p)
		}
	}
	return out
}

// PhaseLabel is how a phase's verdict reads in the kill-chain table:
// "BROKEN", "OPEN", "NOT JUDGED", or "NOT JUDGED (ATTACKER SIDE)" for a
// phase the bank puts on the attacker's side (the verdict does not count
// it either way).
func PhaseLabel(r *scoring.Result, p scoring.PhaseCoverage) string {
	switch {
	case p.Verdict == scoring.VerdictAttackerSide:
		return "not judged (attacker side)"
	case p.Verdict == scoring.VerdictOpen:
		return "open"
	case p.Verdict == scoring.VerdictInsufficient:
		return "not judged"
	}
	return "broken"
}

// StepClause is an immediate step's first clause: what to do, not how or
// why ("Delete every NSG rule that opens RDP (3389), SSH (22) or a
// database port to Any or Internet").
func StepClause(step string) string {
	step = strings.Join(strings.Fields(step), " ")
	for _, sep := range []string{";", ":", ", and ", ", so "} {
		if i := strings.Index(step, sep); i > 0 {
			step = step[:i]
		}
	}
	return strings.TrimRight(step, ". ")
}
