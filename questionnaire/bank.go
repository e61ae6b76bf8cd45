// Package questionnaire holds the question bank and the assessment: their
// types, loading and validation (with file and line), tailoring to an
// organization's profile, and saving assessments to disk.
//
// It is plain Go: it must not import scoring, reports, azure, tui or any
// terminal library. Everything above it imports it.
package questionnaire

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Layer is one layer of the shared security responsibility model.
type Layer string

// The four SSRM layers, top to bottom.
const (
	LayerApplications Layer = "applications"
	LayerHosts        Layer = "hosts"
	LayerNetworks     Layer = "networks"
	LayerFoundation   Layer = "foundation"
)

// Layers lists the SSRM layers in the order the product shows them.
var Layers = []Layer{LayerApplications, LayerHosts, LayerNetworks, LayerFoundation}

// Model is a cloud service model.
type Model string

// The service models.
const (
	IaaS Model = "iaas"
	PaaS Model = "paas"
	SaaS Model = "saas"
)

// Models lists the service models in order.
var Models = []Model{IaaS, PaaS, SaaS}

// Party is who carries a responsibility.
type Party string

// The parties of the shared responsibility model.
const (
	Customer  Party = "customer"
	Shared    Party = "shared"
	Microsoft Party = "microsoft"
)

// Share is the customer's share of a responsibility: 1 for the customer's
// own, one half when shared, 0 when it is Microsoft's alone.
func (p Party) Share() float64 {
	switch p {
	case Customer:
		return 1
	case Shared:
		return 0.5
	}
	return 0
}

// Phase is one of the seven phases of the Lockheed Martin cyber kill chain.
type Phase string

// The kill-chain phases in order.
const (
	Reconnaissance  Phase = "reconnaissance"
	Weaponization   Phase = "weaponization"
	Delivery        Phase = "delivery"
	Exploitation    Phase = "exploitation"
	Installation    Phase = "installation"
	CommandControl  Phase = "command-and-control"
	ActionsOnObject Phase = "actions-on-objectives"
)

// Phases lists the kill-chain phases in order.
var Phases = []Phase{Reconnaissance, Weaponization, Delivery, Exploitation, Installation, CommandControl, ActionsOnObject}

// Course is a course of action a control provides against a phase.
type Course string

// The courses of action.
const (
	Detect  Course = "detect"
	Deny    Course = "deny"
	Disrupt Course = "disrupt"
	Degrade Course = "degrade"
	Deceive Course = "deceive"
	Contain Course = "contain"
)

// Courses lists the courses of action in order.
var Courses = []Course{Detect, Deny, Disrupt, Degrade, Deceive, Contain}

// Breaks reports whether a course of action can break the chain at its phase
// (deny or disrupt), as opposed to only seeing or slowing the attacker.
func (c Course) Breaks() bool { return c == Deny || c == Disrupt }

// Effort is the size of an action: S, M or L.
type Effort string

// Effort sizes.
const (
	EffortS Effort = "S"
	EffortM Effort = "M"
	EffortL Effort = "L"
)

// Cost is the divisor effort puts into an action's priority.
func (e Effort) Cost() float64 {
	switch e {
	case EffortS:
		return 1
	case EffortM:
		return 2
	case EffortL:
		return 4
	}
	return 2
}

// LevelNames are the names of the maturity levels 0–5.
var LevelNames = [...]string{"None", "Initial", "Developing", "Defined", "Managed", "Optimized"}

// LevelName returns the name of a maturity level, or "" when out of range.
func LevelName(l int) string {
	if l < 0 || l >= len(LevelNames) {
		return ""
	}
	return LevelNames[l]
}

// Bank is a question bank: the questions, the actions that raise them, the
// references they cite and the tables that tailor and score them.
type Bank struct {
	Version string `yaml:"version" json:"version"`
	// Released is the date (YYYY-MM-DD) this bank's content was released:
	// the label reports print for it, since a version such as "2026.12"
	// reads as a date and may be later than the report's.
	Released string `yaml:"released,omitempty" json:"released,omitempty"`
	// BreachNotification holds the regulator-notification rules reports
	// may print for a profile's country, each with its source; a country
	// with none gets a "[to confirm with the client]" marker instead.
	BreachNotification []NotificationRule `yaml:"breach_notification,omitempty" json:"breach_notification,omitempty"`
	Title              string             `yaml:"title" json:"title"`
	Layers             []LayerInfo        `yaml:"layers" json:"layers"`
	Domains            []Named            `yaml:"domains" json:"domains"`
	Steps              []Step             `yaml:"steps" json:"steps"`
	Phases             []Named            `yaml:"phases" json:"phases"`
	Courses            []Named            `yaml:"courses" json:"courses"`
	Responsibility     Responsibility     `yaml:"responsibility" json:"responsibility"`
	Targets            TargetTable        `yaml:"targets" json:"targets"`
	// Capacity is the effort a team takes on per 30 days, by organization
	// size, in effort points (S 1, M 2, L 4): it paces the roadmap.
	Capacity map[string]int `yaml:"capacity,omitempty" json:"capacity,omitempty"`
	Services []Named        `yaml:"services" json:"services"`
	// KillChainModel names the paper the kill-chain mapping follows and the
	// evidence a phase needs before it is judged.
	KillChainModel KillChainModel `yaml:"kill_chain_model,omitempty" json:"kill_chain_model,omitempty"`
	// Roles are the owners of actions and the people who answer questions,
	// named by organization size.
	Roles []Role `yaml:"roles,omitempty" json:"roles,omitempty"`
	// Licences are the licences and paid services actions need, with their
	// list price where a source was found.
	Licences []Licence `yaml:"licences,omitempty" json:"licences,omitempty"`
	// CostBands name the cost bands licences fall into.
	CostBands []Named `yaml:"cost_bands,omitempty" json:"cost_bands,omitempty"`
	// Terms is the glossary the wizard and the reports share.
	Terms      []Term      `yaml:"glossary,omitempty" json:"glossary,omitempty"`
	Facts      []Fact      `yaml:"facts" json:"facts"`
	References []Reference `yaml:"references" json:"references"`
	Actions    []Action    `yaml:"actions" json:"actions"`
	Questions  []Question  `yaml:"questions" json:"questions"`

	index    map[string]int
	checksum string
	actions  map[string]int
	refs     map[string]int
	rows     map[string]int
	roles    map[string]int
	licences map[string]int
}

// Named is an entry of a small vocabulary: an id, a display name and a
// sentence that explains it.
type Named struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// LayerInfo describes one SSRM layer.
type LayerInfo struct {
	ID          Layer  `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// Step is one of the five steps of the defence plan.
type Step struct {
	Number      int      `yaml:"number" json:"number"`
	ID          string   `yaml:"id" json:"id"`
	Name        string   `yaml:"name" json:"name"`
	Description string   `yaml:"description" json:"description"`
	Covers      []string `yaml:"covers,omitempty" json:"covers,omitempty"`
}

// Responsibility is who owns what. Rows follow Microsoft's "Shared
// responsibility in the cloud" table (named in Source): each question names
// the row that decides its owner. Layers is the same split summed up on the
// four SSRM layers of the source documents, for display; Domains are
// overrides kept for banks without rows.
type Responsibility struct {
	Source  Source                     `yaml:"source,omitempty" json:"source,omitempty"`
	Rows    []ResponsibilityRow        `yaml:"rows,omitempty" json:"rows,omitempty"`
	Layers  map[Layer]map[Model]Party  `yaml:"layers" json:"layers"`
	Domains map[string]map[Model]Party `yaml:"domains,omitempty" json:"domains,omitempty"`
	Notes   map[Layer]string           `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// Source is a document the bank relies on: its title, where it is, the
// version or date it carries and what the bank takes from it.
type Source struct {
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url,omitempty" json:"url,omitempty"`
	// Date is the date the document carries (its version), as YYYY-MM-DD.
	Date string `yaml:"date,omitempty" json:"date,omitempty"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// ResponsibilityRow is one row of the responsibility table: an area of the
// stack, who owns it under each service model and the SSRM layer it falls in.
type ResponsibilityRow struct {
	ID    string          `yaml:"id" json:"id"`
	Name  string          `yaml:"name" json:"name"`
	Owner map[Model]Party `yaml:"owners" json:"owners"`
	Layer Layer           `yaml:"layer" json:"layer"`
	// Origin says where the row comes from when it is not a row of the
	// source table as printed (an earlier diagram, or ssrm's own addition).
	Origin string `yaml:"origin,omitempty" json:"origin,omitempty"`
	Note   string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Owner returns who owns a layer and domain under a service model. A domain
// override wins over the layer's row; an unknown cell is the customer's.
func (r Responsibility) Owner(layer Layer, domain string, m Model) Party {
	if row, ok := r.Domains[domain]; ok {
		if p, ok := row[m]; ok {
			return p
		}
	}
	if p, ok := r.Layers[layer][m]; ok {
		return p
	}
	return Customer
}

// Row returns the responsibility row with the given id.
func (b *Bank) Row(id string) (ResponsibilityRow, bool) {
	i, ok := b.rows[id]
	if !ok {
		return ResponsibilityRow{}, false
	}
	return b.Responsibility.Rows[i], true
}

// QuestionOwner returns who owns a question under a service model: the
// owner its responsibility row gives, or, for a question without a row, the
// layer and domain matrix.
func (b *Bank) QuestionOwner(q *Question, m Model) Party {
	if row, ok := b.Row(q.Responsibility); ok {
		if p, ok := row.Owner[m]; ok {
			return p
		}
		return Customer
	}
	return b.Responsibility.Owner(q.Layer, q.Domain, m)
}

// KillChainModel is the kill-chain model the bank's mapping follows.
type KillChainModel struct {
	Source Source `yaml:"source" json:"source"`
	// MinAnswered is the fewest controls of a phase that must have a level
	// before the phase is judged broken or open; MinShare the smallest share
	// of its applicable controls. Zero means the defaults of the scoring.
	MinAnswered int     `yaml:"min_answered,omitempty" json:"min_answered,omitempty"`
	MinShare    float64 `yaml:"min_share,omitempty" json:"min_share,omitempty"`
	// Matrix is the paper's courses-of-action matrix: per phase and course,
	// the example control the paper gives.
	Matrix map[Phase]map[Course]string `yaml:"matrix,omitempty" json:"matrix,omitempty"`
	// AttackerSide lists the phases that happen on the attacker's side
	// (weaponization): a defender acts on them only through intelligence,
	// so a report never counts them among the phases the organization
	// failed to stop.
	AttackerSide []Phase `yaml:"attacker_side,omitempty" json:"attacker_side,omitempty"`
}

// AttackerSide reports whether a phase happens on the attacker's side.
func (b *Bank) AttackerSide(p Phase) bool {
	for _, x := range b.KillChainModel.AttackerSide {
		if x == p {
			return true
		}
	}
	return false
}

// Role is someone in the organization who owns actions or answers
// questions. Its name depends on the organization's size: a micro business
// has an IT provider where an enterprise has a platform team.
type Role struct {
	ID          string            `yaml:"id" json:"id"`
	Name        string            `yaml:"name" json:"name"`
	BySize      map[string]string `yaml:"by_size,omitempty" json:"by_size,omitempty"`
	Description string            `yaml:"description,omitempty" json:"description,omitempty"`
}

// RoleName names a role for an organization of the given size: the size's
// own name, else the role's name. An id that is no role is returned as it
// is, so a bank whose owners are free text still reads.
func (b *Bank) RoleName(id, size string) string {
	i, ok := b.roles[id]
	if !ok {
		return id
	}
	r := b.Roles[i]
	if n := r.BySize[size]; n != "" {
		return n
	}
	return r.Name
}

// Licence is a licence or paid service an action needs, with its public
// list price where a source was found for it.
type Licence struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	// Price is the list price as the source prints it; empty when no source
	// was found (Note says so).
	Price string `yaml:"price,omitempty" json:"price,omitempty"`
	// Band is the cost band of the price; empty without a sourced price.
	Band string `yaml:"band,omitempty" json:"band,omitempty"`
	// Source is the page the price or the licence requirement comes from,
	// and Checked the date it was read.
	Source  string `yaml:"source,omitempty" json:"source,omitempty"`
	Checked string `yaml:"checked,omitempty" json:"checked,omitempty"`
	Note    string `yaml:"note,omitempty" json:"note,omitempty"`
	// Kind is how it is paid for (one of CostKinds): a subscription
	// licence per user per month, metered Azure usage, a third-party
	// service. Azure usage is no licence, and reports never call it one.
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty"`
	// Free names a free tier the Source states ("the Developer SKU: …"):
	// reports print it beside the kind, so a free way to do the action is
	// never hidden behind a paid one. "" when the source names none.
	Free string `yaml:"free,omitempty" json:"free,omitempty"`
}

// Cost kinds of a licence or paid service (Licence.Kind).
const (
	CostIncluded   = "included"    // in every subscription or tenant
	CostFreeOption = "free-option" // a free tier or free alternative exists
	CostLicence    = "licence"     // a subscription licence per user per month
	CostAzureUsage = "azure-usage" // metered Azure consumption
	CostThirdParty = "third-party" // a service bought from another provider
)

// CostKinds lists the kinds in the order reports name them.
var CostKinds = []string{CostIncluded, CostFreeOption, CostLicence, CostAzureUsage, CostThirdParty}

// CostKindWords is a kind in a client's words.
func CostKindWords(kind string) string {
	switch kind {
	case CostIncluded:
		return "included"
	case CostFreeOption:
		return "free option"
	case CostLicence:
		return "licence per user per month"
	case CostAzureUsage:
		return "Azure usage (metered)"
	case CostThirdParty:
		return "third-party service"
	}
	return "paid service"
}

// Licence returns the licence with the given id.
func (b *Bank) Licence(id string) (*Licence, bool) {
	i, ok := b.licences[id]
	if !ok {
		return nil, false
	}
	return &b.Licences[i], true
}

// Cost is what an action costs beyond staff time: the licences it needs and
// the cost band, when every one of them has a sourced price.
type Cost struct {
	Licences []Licence
	// Band is the highest band of the licences, "none" when the action
	// needs no licence, and "" when some licence has no sourced price
	// (Unsourced names them).
	Band      string
	Unsourced []string
	Note      string
}

// ActionCost returns the licences an action needs and its cost band.
func (b *Bank) ActionCost(a *Action) Cost {
	c := Cost{Note: a.LicenceNote}
	rank := map[string]int{}
	for i, cb := range b.CostBands {
		rank[cb.ID] = i + 1
	}
	best := 0
	for _, id := range a.Licences {
		l, ok := b.Licence(id)
		if !ok {
			continue
		}
		c.Licences = append(c.Licences, *l)
		if l.Band == "" {
			c.Unsourced = append(c.Unsourced, l.Name)
			continue
		}
		if r := rank[l.Band]; r > best {
			best, c.Band = r, l.Band
		}
	}
	if len(c.Unsourced) > 0 {
		c.Band = ""
	}
	// An action that needs no licence at all costs staff time only: the
	// "none" band, where the bank defines one.
	if len(a.Licences) == 0 && rank["none"] > 0 {
		c.Band = "none"
	}
	return c
}

// CostBandName returns the display name of a cost band.
func (b *Bank) CostBandName(id string) string {
	for _, cb := range b.CostBands {
		if cb.ID == id {
			return cb.Name
		}
	}
	return id
}

// Term is one entry of the glossary.
type Term struct {
	Term    string `yaml:"term" json:"term"`
	Meaning string `yaml:"meaning" json:"meaning"`
}

// Glossary returns the bank's glossary: the terms the wizard and the reports
// explain, then the kill-chain phases and courses of action as the bank
// describes them.
func (b *Bank) Glossary() []Term {
	out := append([]Term(nil), b.Terms...)
	for _, p := range b.Phases {
		out = append(out, Term{p.Name + " (kill-chain phase)", p.Description})
	}
	for _, c := range b.Courses {
		out = append(out, Term{c.Name + " (course of action)", c.Description})
	}
	return out
}

// Define returns the meaning of a glossary term (any case), if the bank
// has it.
func (b *Bank) Define(term string) (string, bool) {
	for _, t := range b.Terms {
		if strings.EqualFold(t.Term, term) {
			return t.Meaning, true
		}
	}
	return "", false
}

// TargetTable gives the target maturity for a profile: a base level by data
// sensitivity, adjusted by organization size, kept within Min and Max.
type TargetTable struct {
	Sensitivity map[string]int `yaml:"sensitivity" json:"sensitivity"`
	Size        map[string]int `yaml:"size" json:"size"`
	Min         int            `yaml:"min" json:"min"`
	Max         int            `yaml:"max" json:"max"`
}

// Fact is a statistic or story from the source documents that the product
// uses to explain why a question matters.
type Fact struct {
	ID     string `yaml:"id" json:"id"`
	Text   string `yaml:"text" json:"text"`
	Source string `yaml:"source" json:"source"`
	// URL is where the source can be read, when it is online.
	URL string `yaml:"url,omitempty" json:"url,omitempty"`
	// Published is the year (YYYY) or date (YYYY-MM-DD) the fact's data
	// describes, so a report can show its age.
	Published string `yaml:"published,omitempty" json:"published,omitempty"`
	// Secondary marks a fact quoted second-hand (a vendor blog citing a
	// survey): reports never print it as "why it matters" (see Quotable).
	Secondary bool     `yaml:"secondary,omitempty" json:"secondary,omitempty"`
	Covers    []string `yaml:"covers,omitempty" json:"covers,omitempty"`
}

// Quotable reports whether a report dated in the given year may print the
// fact as "why it matters": not second-hand, and its data, when dated, no
// more than StaleFactYears older than the report (review finding 10: the
// signer must be able to defend it). Otherwise the report leaves the row
// out and the business-impact sentence stands alone.
func (f Fact) Quotable(reportYear int) bool {
	if f.Secondary {
		return false
	}
	y := f.Year()
	return y == 0 && f.Published == "" || y > 0 && reportYear-y <= StaleFactYears
}

// Year is the year of the fact's data, 0 when the bank does not say.
func (f Fact) Year() int {
	if len(f.Published) < 4 {
		return 0
	}
	y, err := strconv.Atoi(f.Published[:4])
	if err != nil {
		return 0
	}
	return y
}

// StaleFactYears is how much older than the bank's version a fact's data
// may be before `ssrm bank lint` warns about it.
const StaleFactYears = 3

// Warnings are what `ssrm bank lint` reports without failing: facts whose
// data is more than StaleFactYears older than the bank's version (a
// version starting with its year, "2026.12"), or that do not say their
// year. Each names the fact and what to do.
func (b *Bank) Warnings() []string {
	var out []string
	ver := 0
	if len(b.Version) >= 4 {
		ver, _ = strconv.Atoi(b.Version[:4])
	}
	for _, q := range b.Questions {
		if strings.TrimSpace(q.Topic) == "" {
			out = append(out, fmt.Sprintf("question %s (line %d) has no topic: add topic: with a few words naming what it assesses (\"VM sign-in\"), or its findings are titled with the whole question", q.ID, q.Line))
		}
	}
	for _, f := range b.Facts {
		y := f.Year()
		switch {
		case y == 0 && f.Published != "":
			out = append(out, fmt.Sprintf("fact %s: published %q is not a year or date (YYYY or YYYY-MM-DD)", f.ID, f.Published))
		case ver > 0 && y > 0 && ver-y > StaleFactYears:
			out = append(out, fmt.Sprintf("fact %s: its data is from %d, %d years before the bank's version %s; reports leave it out of \"why it matters\": replace it with newer data from a primary source", f.ID, y, ver-y, b.Version))
		}
	}
	if w := b.shortLadders(); w != "" {
		out = append(out, w)
	}
	return out
}

// shortLadders names the questions none of whose actions reaches the
// target for the most sensitive data (the highest of targets.sensitivity):
// a plan with that target stops short of it there.
func (b *Bank) shortLadders() string {
	top := 0
	for _, t := range b.Targets.Sensitivity {
		top = max(top, t)
	}
	var short []string
	for _, q := range b.Questions {
		best := 0
		for _, aid := range q.Actions {
			if a, ok := b.Action(aid); ok {
				best = max(best, a.Reaches[q.ID])
			}
		}
		if top > 0 && best < top {
			short = append(short, fmt.Sprintf("%s (%d)", q.ID, best))
		}
	}
	if len(short) == 0 {
		return ""
	}
	return fmt.Sprintf("%d questions have no action that reaches level %d, the target for the most sensitive data, so plans stop short there (the highest level an action reaches in brackets): %s; add an action for the next level where a proportionate one exists", len(short), top, strings.Join(short, ", "))
}

// Reference is an entry of a public benchmark: CIS Microsoft Azure
// Foundations, the Microsoft cloud security benchmark or NIST CSF.
type Reference struct {
	ID        string `yaml:"id" json:"id"`
	Framework string `yaml:"framework" json:"framework"`
	Title     string `yaml:"title" json:"title"`
}

// Action is a thing to do that raises the maturity of one or more questions.
type Action struct {
	ID     string `yaml:"id" json:"id"`
	Title  string `yaml:"title" json:"title"`
	Detail string `yaml:"detail" json:"detail"`
	Effort Effort `yaml:"effort" json:"effort"`
	// Owner is a role id (see Bank.RoleName), or free text in a bank
	// without roles.
	Owner string `yaml:"owner" json:"owner"`
	// Licences lists the licences and paid services the action needs (ids
	// of Bank.Licences); LicenceNote says what else to know (a free path,
	// an equivalent product).
	Licences    []string `yaml:"licences,omitempty" json:"licences,omitempty"`
	LicenceNote string   `yaml:"licence_note,omitempty" json:"licence_note,omitempty"`
	// BuildsSoftware limits the action to organizations that build
	// software (DevSecOps tooling, secure-coding training).
	BuildsSoftware bool `yaml:"builds_software,omitempty" json:"builds_software,omitempty"`
	// MinSize keeps the action out of the plans of smaller organizations
	// (an enterprise programme: IDPS, a SIEM of one's own); the question
	// keeps another action for them.
	MinSize string `yaml:"min_size,omitempty" json:"min_size,omitempty"`
	// FreePath says the action can also be done without the licences it
	// lists (security defaults instead of Conditional Access), as its
	// licence note explains: it can still be a quick win.
	FreePath bool `yaml:"free_path,omitempty" json:"free_path,omitempty"`
	// Upgrade says, for an action with a free path, what its licences add
	// to it in a few words ("automated access reviews"): reports offer the
	// licence as that option, not as the action's cost. "" reads "full
	// control".
	Upgrade string `yaml:"upgrade,omitempty" json:"upgrade,omitempty"`
	// Reaches is, for each question the action raises (question id →
	// level), the maturity level the question is at once the action is
	// done, on top of the question's actions of lower reach: the level
	// whose description the action's text then fulfils. The plan takes a
	// question's actions in this order up to its target (see scoring).
	Reaches map[string]int `yaml:"reaches,omitempty" json:"reaches,omitempty"`
	Covers  []string       `yaml:"covers,omitempty" json:"covers,omitempty"`
	// After lists the actions that must be done before this one (the
	// weekly log review after the logs are collected): the plan never
	// ranks it above them.
	After []string `yaml:"after,omitempty" json:"after,omitempty"`
	// Immediate is the free, about-an-hour step of the action that removes
	// a known credential or a known exposure: reports print it in an
	// "Immediate (this week)" block, above the 30-day plan, when a
	// question the action raises is answered at level 0 or 1.
	Immediate *ImmediateStep `yaml:"immediate,omitempty" json:"immediate,omitempty"`
	Line      int            `yaml:"-" json:"-"`
}

// ReachesFor returns the level the action brings question qid to, and
// whether the bank says so.
func (a *Action) ReachesFor(qid string) (int, bool) {
	l, ok := a.Reaches[qid]
	return l, ok
}

// ImmediateStep is the this-week step of an action (see Action.Immediate).
type ImmediateStep struct {
	Step string `yaml:"step" json:"step"`
	// Removes is what the step takes away: "credential" (a known password
	// or account someone else holds) or "exposure" (a door open to the
	// Internet, a protection switched off).
	Removes string `yaml:"removes" json:"removes"`
	// Days is how long the step may take, counted from the report's date,
	// when it needs preparing and cannot be done this week (security
	// defaults: find and fix the legacy clients and shared logins, tell
	// staff, and every user has 14 days to register MFA): reports print
	// the step's findings as due that many days after the report. 0 means
	// this week (ImmediateWeek days); at most ImmediateMaxDays, since a
	// longer job belongs in the plan.
	Days int `yaml:"days,omitempty" json:"days,omitempty"`
	// Owner is the role that takes the step when it is not the action's
	// owner: a password a supplier keeps is changed by the organization's
	// own IT lead, not by the supplier who would know the new one too.
	Owner string `yaml:"owner,omitempty" json:"owner,omitempty"`
	// InsteadOf names the actions this step does the job of when the
	// organization lacks a licence: without Entra ID P1 there is no
	// Conditional Access, and turning security defaults on this week is
	// the MFA and legacy-sign-in control the tenant can have. The plan
	// marks those actions done by the step and reports print them only as
	// the upgrade path for when the licence is bought.
	InsteadOf *InsteadOf `yaml:"instead_of,omitempty" json:"instead_of,omitempty"`
}

// InsteadOf is an immediate step's stand-in for other actions (see
// ImmediateStep.InsteadOf).
type InsteadOf struct {
	// Without is the licence whose absence makes the step the whole
	// control (a bank licence id).
	Without string `yaml:"without" json:"without"`
	// Actions are the actions the step does the job of (the step's own
	// action may be one of them).
	Actions []string `yaml:"actions" json:"actions"`
	// Name is what the step turns on, in a few words ("security
	// defaults"): the upgrade path says to replace it.
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
}

// ImmediateMaxLevel is the highest answer level at which an action's
// immediate step is printed: at 0–1 the control is absent or ad hoc, so the
// known credential or exposure is still there.
const ImmediateMaxLevel = 1

// ImmediateWeek is the number of days an immediate step takes unless its
// Days says otherwise: this week.
const ImmediateWeek = 7

// ImmediateMaxDays is the longest an immediate step may take (its Days):
// a step that takes longer is a plan action, not an immediate one.
const ImmediateMaxDays = 30

// DaysOrWeek is the number of days the step takes: its Days, or a week.
func (s *ImmediateStep) DaysOrWeek() int {
	if s == nil || s.Days <= 0 {
		return ImmediateWeek
	}
	return s.Days
}

// ForSize reports whether the action belongs in the plan of an
// organization of the given size (any size when either is unset).
func (a *Action) ForSize(size string) bool {
	return a.MinSize == "" || size == "" || SizeRank(size) < 0 || SizeRank(size) >= SizeRank(a.MinSize)
}

// Option is one answer to a question, mapped to a maturity level.
type Option struct {
	Level       int    `yaml:"level" json:"level"`
	Label       string `yaml:"label" json:"label"`
	Description string `yaml:"description" json:"description"`
}

// KillChainLink says which phase a control acts on, how, and from which
// maturity level the control really provides that course of action.
type KillChainLink struct {
	Phase  Phase  `yaml:"phase" json:"phase"`
	Course Course `yaml:"course" json:"course"`
	// From is the lowest level at which the course applies (0: any level).
	From int `yaml:"from,omitempty" json:"from,omitempty"`
}

// Question is one question of the bank.
type Question struct {
	ID     string `yaml:"id" json:"id"`
	Layer  Layer  `yaml:"layer" json:"layer"`
	Domain string `yaml:"domain" json:"domain"`
	Step   int    `yaml:"step" json:"step"`
	Text   string `yaml:"text" json:"text"`
	// Topic names what the question assesses in a few words ("VM
	// sign-in"): a finding's title is the topic and the answer's level
	// ("VM sign-in: open to the internet (level 0 of target 4)"), an
	// observation rather than the question.
	Topic string `yaml:"topic,omitempty" json:"topic,omitempty"`
	// PlainText is the question in plain words for a self-assessment, where
	// Text uses an expert's terms; see Plain.
	PlainText string `yaml:"plain,omitempty" json:"plain,omitempty"`
	// Answerer is the role that should answer the question (a role id).
	Answerer string `yaml:"answerer,omitempty" json:"answerer,omitempty"`
	// Responsibility is the row of the responsibility table that decides who
	// owns the question under each service model.
	Responsibility string   `yaml:"responsibility,omitempty" json:"responsibility,omitempty"`
	Help           string   `yaml:"help" json:"help"`
	Facilitator    string   `yaml:"facilitator" json:"facilitator"`
	Explanation    string   `yaml:"explanation,omitempty" json:"explanation,omitempty"`
	ProviderVerify string   `yaml:"provider_verify,omitempty" json:"provider_verify,omitempty"`
	Options        []Option `yaml:"options" json:"options"`
	Models         []Model  `yaml:"models" json:"models"`
	Services       []string `yaml:"services,omitempty" json:"services,omitempty"`
	MinSize        string   `yaml:"min_size,omitempty" json:"min_size,omitempty"`
	// MaxTarget caps the question's target for organizations of a size
	// ({small: 3}): above it, the levels describe an enterprise programme
	// (an in-house SOC, IDPS, landing zones) that is not proportionate.
	// An assessment's own target for the question still wins.
	MaxTarget map[string]int `yaml:"max_target,omitempty" json:"max_target,omitempty"`
	// Recovery marks a control that lets the organization recover from the
	// attacker's objective (backups, restore tests, delete locks): for the
	// most sensitive data its course at actions on objectives weighs as a
	// break (scoring.RecoveryBonus).
	Recovery bool `yaml:"recovery,omitempty" json:"recovery,omitempty"`
	// Respond marks the control that turns a detection into a response
	// (alert routing to a person who acts): with the recovery controls it
	// is a recovery exposure, whose cheapest action the plan takes within
	// 90 days when it is absent or ad hoc and the data is of the highest
	// sensitivity (scoring's recovery floor).
	Respond bool `yaml:"respond,omitempty" json:"respond,omitempty"`
	// LayerReason says why the question is scored in another SSRM layer
	// than its responsibility row's (bank lint requires it then).
	LayerReason string `yaml:"layer_reason,omitempty" json:"layer_reason,omitempty"`
	// Sectors limits the question to organizations whose sector names one of
	// these words (case-insensitive); empty means every sector.
	Sectors []string `yaml:"sectors,omitempty" json:"sectors,omitempty"`
	// BuildsSoftware limits the question to organizations that build
	// software.
	BuildsSoftware bool            `yaml:"builds_software,omitempty" json:"builds_software,omitempty"`
	Weight         float64         `yaml:"weight" json:"weight"`
	KillChain      []KillChainLink `yaml:"kill_chain,omitempty" json:"kill_chain,omitempty"`
	// NoKillChain says why a governance question acts on no phase directly,
	// instead of a forced mapping.
	NoKillChain string   `yaml:"no_kill_chain,omitempty" json:"no_kill_chain,omitempty"`
	References  []string `yaml:"references,omitempty" json:"references,omitempty"`
	// ReferenceNote says why a question's references are thin: which
	// benchmark has no control for it.
	ReferenceNote string   `yaml:"reference_note,omitempty" json:"reference_note,omitempty"`
	Actions       []string `yaml:"actions" json:"actions"`
	Checks        []string `yaml:"checks,omitempty" json:"checks,omitempty"`
	Facts         []string `yaml:"facts,omitempty" json:"facts,omitempty"`
	Covers        []string `yaml:"covers" json:"covers"`
	Line          int      `yaml:"-" json:"-"`
}

// Plain returns the question in plain words: its plain-language stem when
// it has one, else its text.
func (q *Question) Plain() string {
	if q.PlainText != "" {
		return q.PlainText
	}
	return q.Text
}

// TargetFor caps a profile target by the question's MaxTarget for the
// organization's size.
func (q *Question) TargetFor(size string, target int) int {
	if c, ok := q.MaxTarget[size]; ok && target > c {
		return c
	}
	return target
}

// TopLevel is the highest level the question offers.
func (q *Question) TopLevel() int {
	top := 0
	for _, o := range q.Options {
		top = max(top, o.Level)
	}
	return top
}

// Option returns the option of the given level, if the question has one.
func (q *Question) Option(level int) (Option, bool) {
	for _, o := range q.Options {
		if o.Level == level {
			return o, true
		}
	}
	return Option{}, false
}

// Question returns the question with the given id.
func (b *Bank) Question(id string) (*Question, bool) {
	i, ok := b.index[id]
	if !ok {
		return nil, false
	}
	return &b.Questions[i], true
}

// Action returns the action with the given id.
func (b *Bank) Action(id string) (*Action, bool) {
	i, ok := b.actions[id]
	if !ok {
		return nil, false
	}
	return &b.Actions[i], true
}

// Reference returns the benchmark reference with the given id.
func (b *Bank) Reference(id string) (*Reference, bool) {
	i, ok := b.refs[id]
	if !ok {
		return nil, false
	}
	return &b.References[i], true
}

// Fact returns the fact with the given id.
func (b *Bank) Fact(id string) (Fact, bool) {
	for _, f := range b.Facts {
		if f.ID == id {
			return f, true
		}
	}
	return Fact{}, false
}

// LayerInfo returns the description of a layer.
func (b *Bank) LayerInfo(l Layer) LayerInfo {
	for _, li := range b.Layers {
		if li.ID == l {
			return li
		}
	}
	return LayerInfo{ID: l, Name: capitalize(string(l))}
}

// DomainName returns the display name of a domain id.
func (b *Bank) DomainName(id string) string {
	for _, d := range b.Domains {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

// PhaseName returns the display name of a kill-chain phase.
func (b *Bank) PhaseName(p Phase) string {
	for _, n := range b.Phases {
		if n.ID == string(p) {
			return n.Name
		}
	}
	return string(p)
}

// StepInfo returns step n (1–5).
func (b *Bank) StepInfo(n int) Step {
	for _, s := range b.Steps {
		if s.Number == n {
			return s
		}
	}
	return Step{Number: n}
}

// Covered returns every seed item id the bank covers, through its questions,
// actions, steps and facts, sorted.
func (b *Bank) Covered() []string {
	seen := map[string]bool{}
	add := func(ids []string) {
		for _, id := range ids {
			seen[id] = true
		}
	}
	for _, q := range b.Questions {
		add(q.Covers)
	}
	for _, a := range b.Actions {
		add(a.Covers)
	}
	for _, s := range b.Steps {
		add(s.Covers)
	}
	for _, f := range b.Facts {
		add(f.Covers)
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// closestQuestion returns the question id nearest to a mistyped one (same
// letters in another case, or at most a quarter of its letters changed), or
// "" when none is close.
func (b *Bank) closestQuestion(id string) string {
	if len(id) > 100 {
		return "" // no id is that long; spare the edit distances
	}
	best, bestD := "", len(id)/4+1
	for _, q := range b.Questions {
		if strings.EqualFold(q.ID, id) {
			return q.ID
		}
		if d := editDistance(strings.ToUpper(id), strings.ToUpper(q.ID)); d < bestD {
			best, bestD = q.ID, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// reindex rebuilds the lookup tables after the slices change.
func (b *Bank) reindex() {
	b.index = make(map[string]int, len(b.Questions))
	for i, q := range b.Questions {
		if _, dup := b.index[q.ID]; !dup {
			b.index[q.ID] = i
		}
	}
	b.actions = make(map[string]int, len(b.Actions))
	for i, a := range b.Actions {
		if _, dup := b.actions[a.ID]; !dup {
			b.actions[a.ID] = i
		}
	}
	b.refs = make(map[string]int, len(b.References))
	for i, r := range b.References {
		if _, dup := b.refs[r.ID]; !dup {
			b.refs[r.ID] = i
		}
	}
	b.rows = firstIndex(len(b.Responsibility.Rows), func(i int) string { return b.Responsibility.Rows[i].ID })
	b.roles = firstIndex(len(b.Roles), func(i int) string { return b.Roles[i].ID })
	b.licences = firstIndex(len(b.Licences), func(i int) string { return b.Licences[i].ID })
}

// firstIndex maps each id to the index of its first entry.
func firstIndex(n int, id func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		if _, dup := m[id(i)]; !dup {
			m[id(i)] = i
		}
	}
	return m
}

// capitalize upper-cases the first letter of an ASCII id.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Scaled returns a bank n times the size of b, every question cloned under
// the id "<id>-X<k>" for k = 1..n-1 (the first copy keeps the ids). It is
// for benchmarks and load tests of everything that walks a bank.
func (b *Bank) Scaled(n int) *Bank {
	big := *b
	// Each copy of a question keeps its actions' reach levels.
	big.Actions = make([]Action, len(b.Actions))
	for i, a := range b.Actions {
		if a.Reaches != nil {
			r := make(map[string]int, len(a.Reaches)*n)
			for qid, l := range a.Reaches {
				r[qid] = l
				for k := 1; k < n; k++ {
					r[qid+"-X"+strconv.Itoa(k)] = l
				}
			}
			a.Reaches = r
		}
		big.Actions[i] = a
	}
	big.Questions = make([]Question, 0, len(b.Questions)*n)
	for k := 0; k < n; k++ {
		for _, q := range b.Questions {
			if k > 0 {
				q.ID = q.ID + "-X" + strconv.Itoa(k)
			}
			big.Questions = append(big.Questions, q)
		}
	}
	big.reindex()
	return &big
}

// NotificationRule is a personal-data breach notification rule that
// applies in some countries, with its source.
type NotificationRule struct {
	Countries []string `yaml:"countries" json:"countries"`
	Rule      string   `yaml:"rule" json:"rule"`
	Source    Source   `yaml:"source" json:"source"`
}

// NotificationRule returns the rule for a country (ISO 3166-1 alpha-2),
// if the bank has one with a source.
func (b *Bank) NotificationRule(country string) (NotificationRule, bool) {
	country = strings.ToUpper(strings.TrimSpace(country))
	if country == "" {
		return NotificationRule{}, false
	}
	for _, n := range b.BreachNotification {
		if n.Source.URL == "" || strings.TrimSpace(n.Rule) == "" {
			continue
		}
		for _, c := range n.Countries {
			if c == country {
				return n, true
			}
		}
	}
	return NotificationRule{}, false
}

// ValidCountry reports whether s is written as an ISO 3166-1 alpha-2
// code: two capital letters.
func ValidCountry(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// MaxTopic is the longest topic (in characters) a question may have: it
// titles a finding in a register's column.
const MaxTopic = 48

// TopicOr is the question's topic, or its text when the bank gives none.
func (q *Question) TopicOr() string {
	if t := strings.TrimSpace(q.Topic); t != "" {
		return t
	}
	return q.Text
}
