// Package reports renders a scoring result: the PDF action plan and the
// Markdown, JSON and CSV formats. It reads scoring and questionnaire and
// writes to an io.Writer; it knows nothing of terminals or Azure.
package reports

import (
	"encoding/json"
	"io"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Meta is what a report says about itself.
type Meta struct {
	Tool string // e.g. "ssrm 0.1.0"
	// Logo is a PNG or JPEG shown on the PDF's cover (see LogoType).
	Logo []byte
	// Redact replaces secrets and personal data in user text (see
	// Prepare, which every writer applies). Removed and RemovedCounts then
	// say what was taken out ("2 e-mail addresses, 1 SAS signature"; by
	// kind), for the report to say it.
	Redact        bool
	Removed       string
	RemovedCounts map[string]int
	prepared      bool
	// Font is a TrueType font (.ttf) to set the PDF in instead of the Go
	// fonts, for scripts they lack (Chinese, Japanese, Korean…). Nil: the Go
	// fonts, or a wide system font when the text needs one (WideFontPaths).
	Font []byte
	// Baselines are earlier assessments of the same organization: the PDF
	// and Markdown plans then show the progress since the newest of them,
	// and a trend across all when there are two or more.
	Baselines []*scoring.Result
	// Audience and Appendix pick the sections of the report (--audience,
	// --appendix); empty: full audience, short appendix.
	Audience Audience
	Appendix Appendix
	// Brand is the consultancy's name, logo, accent and contact line for
	// the PDF and DOCX headers (nil: none; see ParseBrand).
	Brand *Brand
	// EndOfSupport finds the products a text names and the end of their
	// support (cmd sets it from package azure's lifecycle data; nil: risk
	// acceptances are not checked against end of support).
	EndOfSupport func(text string) []SupportEnd `json:"-"`
}

// DocOptions are the document options the meta asks for.
func (m Meta) DocOptions() DocOptions { return DocOptions{Audience: m.Audience, Appendix: m.Appendix} }

// JSONAssessment says when the assessment ran, with which tool and bank.
type JSONAssessment struct {
	Tool     string    `json:"tool,omitempty"`
	Bank     q.BankRef `json:"bank"`
	Assessor string    `json:"assessor,omitempty"`
	Started  string    `json:"started,omitempty"`
	Finished string    `json:"finished,omitempty"`
	Updated  string    `json:"updated,omitempty"`
}

// JSONFindings counts the live findings: failing checks by severity and
// passing checks (a check informing several questions counts once), the
// questions they sit on, and the per-resource results they cover (what
// `ssrm azure check` lists), with the same words the PDF and Markdown use.
type JSONFindings struct {
	High          int    `json:"high"`
	Medium        int    `json:"medium"`
	Low           int    `json:"low"`
	Unrated       int    `json:"unrated"`
	Pass          int    `json:"pass"`
	FailChecks    int    `json:"failing_checks"`
	FailQuestions int    `json:"failing_questions"`
	FailResources int    `json:"failing_resources"`
	PassQuestions int    `json:"passing_questions"`
	PassResources int    `json:"passing_resources"`
	Referenced    int    `json:"referenced"`
	Summary       string `json:"summary"`
}

// JSONReport is the machine-readable report.
type JSONReport struct {
	Tool       string         `json:"tool"`
	Bank       q.BankRef      `json:"bank"`
	Date       string         `json:"date"`
	Assessment JSONAssessment `json:"assessment"`
	Findings   JSONFindings   `json:"findings"`
	// Redaction is set when the report was redacted (--redact).
	Redaction *JSONRedaction `json:"redaction,omitempty"`
	Profile   q.Profile      `json:"profile"`
	Target    int            `json:"target"`
	Counts    scoring.Counts `json:"counts"`
	Overall   JSONScore      `json:"overall"`
	Layers    []JSONGroup    `json:"layers"`
	Domains   []JSONGroup    `json:"domains"`
	Steps     []JSONGroup    `json:"steps"`
	KillChain []JSONPhase    `json:"kill_chain"`
	Actions   []JSONAction   `json:"actions"`
	// Immediate are the free, this-week steps (review finding 1).
	Immediate []JSONImmediate `json:"immediate,omitempty"`
	Questions []JSONQuestion  `json:"questions"`
	Provider  []JSONProvider  `json:"microsoft_side"`
	Dropped   []JSONProvider  `json:"not_asked"`
	Matrix    []JSONMatrixRow `json:"responsibility"`
	// Rows is the responsibility table the question owners follow, and
	// RowsSource names it with its date.
	Rows         []JSONRow  `json:"responsibility_rows,omitempty"`
	RowsSource   string     `json:"responsibility_source,omitempty"`
	Verification []string   `json:"to_verify"`
	Risks        []JSONRisk `json:"risk_register"`
	// ReportFindings are the numbered findings (F-01…), each with its
	// management response; Sections the report's section model, the
	// same content the PDF and Markdown print.
	ReportFindings []JSONFinding `json:"report_findings"`
	Sections       []Section     `json:"sections"`
}

// JSONFinding is one numbered finding.
type JSONFinding struct {
	ID            string `json:"id"`
	Question      string `json:"question_id"`
	Text          string `json:"question"`
	Title         string `json:"title"`
	Layer         string `json:"layer"`
	Domain        string `json:"domain"`
	Answer        string `json:"answer"`
	Level         int    `json:"level"`
	Target        int    `json:"target"`
	Gap           int    `json:"gap"`
	Unknown       bool   `json:"dont_know,omitempty"`
	Note          string `json:"note,omitempty"`
	Evidence      string `json:"evidence,omitempty"`
	Contradiction string `json:"contradiction,omitempty"`
	Risk          Risk   `json:"risk"`
	RiskWhy       string `json:"risk_why"`
	// RuleRisk and Override: the rule's rating and the assessor's override
	// of it, when there is one.
	RuleRisk Risk        `json:"rule_risk,omitempty"`
	Override *q.Override `json:"override,omitempty"`
	Exposure float64     `json:"exposure"`
	Phases   []string    `json:"open_phases,omitempty"`
	Impact   string      `json:"impact"`
	Actions  []string    `json:"actions"`
	Licences []string    `json:"licences,omitempty"`
	Cost     string      `json:"cost"`
	Owner    string      `json:"owner"`
	// FixOwner and DecisionOwner: who fixes the finding and who decides
	// on its risk acceptance, when they differ (OwnerText).
	FixOwner      string        `json:"fix_owner,omitempty"`
	DecisionOwner string        `json:"decision_owner,omitempty"`
	Window        string        `json:"window"`
	Due           string        `json:"due,omitempty"`
	Response      *JSONResponse `json:"management_response"`
}

// JSONResponse is a management response.
type JSONResponse struct {
	// Status is the id the assessment stores (accepted, planned,
	// risk-accepted, disagreed); Response is its word in every report
	// (Agree, Agree with plan, Accept risk, Disagree).
	Status   string `json:"status"`
	Response string `json:"response"`
	Date     string `json:"date,omitempty"`
	Comment  string `json:"comment,omitempty"`
	Who      string `json:"who,omitempty"`
	When     string `json:"when,omitempty"`
}

func jsonFindings(fs []Finding) []JSONFinding {
	out := make([]JSONFinding, 0, len(fs))
	for _, f := range fs {
		jf := JSONFinding{ID: f.ID, Question: f.QuestionID, Text: f.Question, Title: f.Title, Layer: string(f.Layer), Domain: f.Domain,
			Answer: f.Answer, Level: f.Level, Target: f.Target, Gap: f.Gap, Unknown: f.Unknown, Note: f.Note,
			Evidence: f.Evidence, Contradiction: f.Contradiction, Risk: f.Risk, RiskWhy: f.RiskWhy, RuleRisk: f.RuleRisk, Override: f.Override, Exposure: f.Exposure,
			Phases: strs(f.Phases), Impact: f.Impact, Actions: append([]string{}, f.Actions...), Licences: f.Licences,
			Cost: f.Cost, Owner: f.Owner, FixOwner: f.FixOwner, DecisionOwner: f.DecisionOwner, Window: f.Window(), Due: day(f.Due)}
		if rs := f.Response; rs != nil {
			jf.Response = &JSONResponse{Status: rs.Status, Response: q.ResponseLabel(rs.Status), Date: day(rs.Date), Comment: rs.Comment, Who: rs.Who, When: stampJSON(rs.When)}
		}
		out = append(out, jf)
	}
	return out
}

// JSONRedaction says what --redact removed, by kind ("e-mail address":
// 2), with the sentence the other formats print.
type JSONRedaction struct {
	Removed map[string]int `json:"removed"`
	Note    string         `json:"note"`
}

// JSONRisk is one accepted risk.
type JSONRisk struct {
	Question      string   `json:"question"`
	Layer         string   `json:"layer"`
	Level         int      `json:"level"`
	Target        int      `json:"target"`
	Gap           int      `json:"gap"`
	Owner         string   `json:"owner"`
	Justification string   `json:"justification"`
	Review        string   `json:"review"`
	Expired       bool     `json:"expired"`
	Actions       []string `json:"actions"`
}

// JSONException is an answer's compensating control or accepted risk.
type JSONException struct {
	Kind          string `json:"kind"`
	Control       string `json:"control,omitempty"`
	Justification string `json:"justification"`
	Owner         string `json:"owner,omitempty"`
	Review        string `json:"review,omitempty"`
	Expired       bool   `json:"expired,omitempty"`
}

// JSONEvidence is a piece of evidence on an answer.
type JSONEvidence struct {
	Source   string `json:"source"`
	Ref      string `json:"ref,omitempty"`
	Check    string `json:"check,omitempty"`
	Status   string `json:"status,omitempty"`
	Severity string `json:"severity,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

// JSONScore is a maturity score.
type JSONScore struct {
	Level   float64 `json:"level"`
	Percent float64 `json:"percent"`
	Target  float64 `json:"target"`
	Empty   bool    `json:"empty,omitempty"`
}

// JSONGroup is a layer, domain or step score.
type JSONGroup struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	JSONScore             // level, percent, target
	Share         float64 `json:"customer_share"`
	Asked         int     `json:"asked"`
	Answered      int     `json:"answered"`
	Unknown       int     `json:"unknown"`
	NotApplicable int     `json:"not_applicable"`
}

// JSONPhase is a kill-chain phase.
type JSONPhase struct {
	Phase string `json:"phase"`
	Name  string `json:"name"`
	// Verdict is broken, open, insufficient_evidence, or attacker_side for
	// a phase the bank puts on the attacker's side (not judged, never
	// open); Controls, Answered and
	// Needed say how much of the phase was answered and how much had to be
	// for it to be judged.
	Verdict      string `json:"verdict"`
	AttackerSide bool   `json:"attacker_side,omitempty"`
	Controls     int    `json:"controls"`
	Answered     int    `json:"answered"`
	Needed       int    `json:"needed"`
	Open         bool   `json:"open"`
	Breakers     int    `json:"breaking_controls"`
	Meeting      int    `json:"breaking_controls_at_target"`
	// OpenLayers are the layers that could deny or disrupt the phase but
	// do not break it (none such in effect, or one absent or ad hoc: see
	// OpenControls): why an open phase is open.
	OpenLayers []string `json:"open_layers,omitempty"`
	// OpenControls, by layer, are the answered deny/disrupt controls at
	// level 0 or 1 (question ids): open paths that keep the layer from
	// breaking the phase whatever else in it is at target.
	OpenControls map[string][]string `json:"open_controls,omitempty"`
	Courses      map[string][]string `json:"courses"`
	// Layers is each layer's state: broken, open, partial (seen only: it
	// can only see, slow or contain the phase, at target), unseen (the
	// same, below target) or none.
	Layers map[string]string `json:"layers"`
}

// JSONFactor is one question's contribution to an action's priority.
type JSONFactor struct {
	Question    string   `json:"question"`
	Gap         int      `json:"gap"`
	Weight      float64  `json:"weight"`
	KillChain   float64  `json:"kill_chain_factor"`
	Evidence    float64  `json:"evidence_factor"`
	EvidenceWhy string   `json:"evidence_basis"`
	OpenPhases  []string `json:"open_phases,omitempty"`
	Value       float64  `json:"value"`
}

// JSONAction is one ranked action.
type JSONAction struct {
	Rank       int     `json:"rank"`
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Detail     string  `json:"detail"`
	Priority   float64 `json:"priority"`
	Effort     string  `json:"effort"`
	EffortCost float64 `json:"effort_cost"`
	Owner      string  `json:"owner"`
	// Licences names what the action needs beyond staff time; CostBand is
	// its cost band when every licence has a sourced price.
	Licences    []string     `json:"licences,omitempty"`
	LicenceNote string       `json:"licence_note,omitempty"`
	CostBand    string       `json:"cost_band,omitempty"`
	Days        int          `json:"roadmap_days"`
	Due         string       `json:"due,omitempty"`
	QuickWin    bool         `json:"quick_win"`
	Status      string       `json:"status,omitempty"`
	Expired     bool         `json:"expired_risk,omitempty"`
	Layers      []string     `json:"layers"`
	Phases      []string     `json:"phases"`
	Factors     []JSONFactor `json:"factors"`
	// After are the actions this one waits for; MissingLicences the
	// licences it needs that the profile's plans do not include; Cost how
	// it is paid for, in words (as the plan's Cost column).
	After           []string `json:"after,omitempty"`
	MissingLicences []string `json:"missing_licences,omitempty"`
	Cost            string   `json:"cost"`
	// CoveredBy is the action whose immediate step stands in for this one
	// (status "covered": not done until the step is done and verified);
	// LicensingDecision marks an action waiting for a licence the
	// organization lacks (status "licensing"), not planned work.
	CoveredBy         string `json:"covered_by,omitempty"`
	LicensingDecision bool   `json:"licensing_decision,omitempty"`
}

// JSONImmediate is one step of the Immediate (this week) block.
type JSONImmediate struct {
	Action    string   `json:"action"`
	Step      string   `json:"step"`
	Removes   string   `json:"removes"`
	Questions []string `json:"questions"`
	Rank      int      `json:"rank,omitempty"`
	Owner     string   `json:"owner"`
	// Days is how long the step may take (7: this week; more for a step
	// that needs preparing); Due is the report's date plus Days.
	Days int    `json:"days"`
	Due  string `json:"due,omitempty"`
}

// JSONQuestion is one asked question and its answer.
type JSONQuestion struct {
	ID string `json:"id"`
	// Plain is the plain-language stem, when the question has one;
	// Answerer who should answer it; Responsibility the row of the
	// responsibility table that decides its owner.
	Plain          string `json:"plain,omitempty"`
	Answerer       string `json:"answerer,omitempty"`
	Responsibility string `json:"responsibility,omitempty"`
	Layer          string `json:"layer"`
	Domain         string `json:"domain"`
	Step           int    `json:"step"`
	Text           string `json:"text"`
	Status         string `json:"status"`
	Level          int    `json:"level"`
	Answer         string `json:"answer,omitempty"`
	Target         int    `json:"target"`
	Gap            int    `json:"gap"`
	Note           string `json:"note,omitempty"`
	Who            string `json:"who,omitempty"`
	Verify         bool   `json:"verify,omitempty"`
	// Evidence is the live verdict: pass, fail or na.
	Evidence  string         `json:"evidence,omitempty"`
	Exception *JSONException `json:"exception,omitempty"`
	Proof     []JSONEvidence `json:"evidence_items,omitempty"`
	// Suggested is the level the live evidence suggests.
	Suggested *int `json:"suggested_level,omitempty"`
	// Contradiction is set when the live evidence disagrees with the answer.
	Contradiction *JSONContradiction `json:"contradiction,omitempty"`
}

// JSONContradiction is an answer above what its live evidence suggests,
// while a live check fails.
type JSONContradiction struct {
	AnsweredLevel  int    `json:"answered_level"`
	SuggestedLevel int    `json:"suggested_level"`
	Text           string `json:"text"`
}

// JSONProvider is a question not asked, with why.
type JSONProvider struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
	Verify string `json:"verify,omitempty"`
}

// JSONMatrixRow is one layer of the responsibility matrix.
type JSONMatrixRow struct {
	Layer  string            `json:"layer"`
	Owners map[string]string `json:"owners"`
}

// JSONRow is one row of the responsibility table.
type JSONRow struct {
	Row    string            `json:"row"`
	Name   string            `json:"name"`
	Layer  string            `json:"layer"`
	Owners map[string]string `json:"owners"`
	Asked  int               `json:"questions_asked"`
}

// BuildJSON assembles the JSON report of a result.
func BuildJSON(r *scoring.Result, m Meta) JSONReport {
	r, m = Prepare(r, m)
	rep := JSONReport{
		Tool: m.Tool, Bank: q.BankRef{Version: r.Bank.Version, Checksum: r.Bank.Checksum()},
		Date: day(r.Date), Profile: r.Profile, Target: r.Target, Counts: r.Counts,
		Overall: jsonScore(r.Overall),
	}
	a := r.Provenance
	rep.Assessment = JSONAssessment{Tool: a.Tool, Bank: a.Bank, Assessor: r.Profile.Assessor,
		Started: stampJSON(a.Started), Finished: stampJSON(a.Finished), Updated: stampJSON(a.Updated)}
	if m.Redact {
		rep.Redaction = &JSONRedaction{Removed: m.RemovedCounts, Note: RedactionNote(m)}
		if rep.Redaction.Removed == nil {
			rep.Redaction.Removed = map[string]int{}
		}
	}
	f := FindingCounts(r)
	rep.Findings = JSONFindings{High: f.High, Medium: f.Medium, Low: f.Low, Unrated: f.Unrated, Pass: f.Pass,
		FailChecks: f.Fail(), FailQuestions: f.FailQuestions, FailResources: f.FailResources,
		PassQuestions: f.PassQuestions, PassResources: f.PassResources, Referenced: f.Referenced, Summary: f.String()}
	doc := BuildDocument(r, m, m.DocOptions())
	rep.ReportFindings, rep.Sections = jsonFindings(doc.Findings), doc.Sections
	rep.Layers = jsonGroups(r.Layers)
	rep.Domains = jsonGroups(r.Domains)
	rep.Steps = jsonGroups(r.Steps)
	for _, p := range r.KillChain {
		jp := JSONPhase{Phase: string(p.Phase), Name: p.Name, Verdict: string(p.Verdict), AttackerSide: p.Verdict == scoring.VerdictAttackerSide, Controls: p.Controls,
			Answered: p.Answered, Needed: p.Needed, Open: p.Open, Breakers: p.Breakers, Meeting: p.Meeting,
			OpenLayers: strs(p.OpenLayers), Courses: map[string][]string{}, Layers: map[string]string{}}
		for _, c := range p.Courses {
			for _, ctl := range c.Controls {
				jp.Courses[string(c.Course)] = append(jp.Courses[string(c.Course)], ctl.QuestionID)
			}
		}
		for _, cell := range p.Layers {
			jp.Layers[string(cell.Layer)] = string(cell.State)
			for _, h := range cell.Holes {
				if jp.OpenControls == nil {
					jp.OpenControls = map[string][]string{}
				}
				jp.OpenControls[string(cell.Layer)] = append(jp.OpenControls[string(cell.Layer)], h.QuestionID)
			}
		}
		rep.KillChain = append(rep.KillChain, jp)
	}
	for _, it := range r.Actions {
		ja := JSONAction{Rank: it.Rank, ID: it.Action.ID, Title: it.Action.Title, Detail: it.Action.Detail,
			Priority: it.Priority, Effort: string(it.Action.Effort), EffortCost: it.EffortCost, Owner: it.Owner,
			Days: it.Days, Due: day(it.Due), QuickWin: it.QuickWin, Status: PlanStatus(it), Expired: it.ExpiredRisk,
			Layers: strs(it.Layers), Phases: strs(it.Phases), LicenceNote: it.Action.LicenceNote, CostBand: it.Cost.Band,
			CoveredBy: it.DoneBy, LicensingDecision: it.Licensing}
		for _, l := range it.Cost.Licences {
			ja.Licences = append(ja.Licences, l.Name)
		}
		for _, c := range it.Contributions {
			ja.Factors = append(ja.Factors, JSONFactor{Question: c.QuestionID, Gap: c.Gap, Weight: c.Weight,
				KillChain: c.KillChain, Evidence: c.Evidence, EvidenceWhy: c.EvidenceWhy, OpenPhases: strs(c.OpenPhases), Value: c.Value})
		}
		ja.After, ja.MissingLicences, ja.Cost = it.After, it.Missing, costOf(r, it)
		rep.Actions = append(rep.Actions, ja)
	}
	for _, im := range ImmediateSteps(r, doc.Findings) {
		rep.Immediate = append(rep.Immediate, JSONImmediate{Action: im.Action.ID, Step: joinFields(im.Step), Removes: im.Removes,
			Questions: im.Questions, Rank: im.Rank, Owner: im.Owner, Days: im.Days, Due: day(immediateDue(r, im))})
	}
	for _, s := range r.Questions {
		jq := JSONQuestion{ID: s.Question.ID, Plain: s.Question.PlainText, Answerer: r.Answerer(s.Question), Responsibility: s.Question.Responsibility,
			Layer: string(s.Question.Layer), Domain: s.Question.Domain, Step: s.Question.Step,
			Text: s.Question.Text, Status: statusWord(s.Status), Level: s.Level, Target: s.Target, Gap: s.Gap,
			Note: s.Answer.Note, Who: s.Answer.Who, Verify: s.Status == q.Unknown, Evidence: evidenceWord(s.Evidence)}
		if o, ok := s.Question.Option(s.Level); ok && s.Status == q.Answered {
			jq.Answer = o.Label
		}
		if e := s.Exception; e != nil {
			jq.Exception = &JSONException{Kind: e.Kind, Control: e.Control, Justification: e.Justification,
				Owner: e.Owner, Review: day(e.Review), Expired: s.Expired}
		}
		for _, e := range s.Evidence.Items {
			jq.Proof = append(jq.Proof, JSONEvidence{Source: e.Source, Ref: e.Ref, Check: e.Check, Status: e.Status, Severity: e.Severity, Detail: e.Detail})
		}
		jq.Suggested = s.Evidence.Suggested
		if c := s.Contradiction; c != nil {
			jq.Contradiction = &JSONContradiction{AnsweredLevel: c.AnsweredLevel, SuggestedLevel: c.SuggestedLevel, Text: ContradictionText(*c)}
		}
		rep.Questions = append(rep.Questions, jq)
	}
	for _, p := range r.Provider {
		rep.Provider = append(rep.Provider, JSONProvider{ID: p.Question.ID, Text: p.Question.Text, Reason: p.Reason, Verify: p.Verify})
	}
	for _, d := range r.Dropped {
		rep.Dropped = append(rep.Dropped, JSONProvider{ID: d.Question.ID, Text: d.Question.Text, Reason: d.Reason})
	}
	for _, row := range Matrix(r) {
		jr := JSONMatrixRow{Layer: string(row.Layer), Owners: map[string]string{}}
		for _, c := range row.Cells {
			jr.Owners[string(c.Model)] = string(c.Party)
		}
		rep.Matrix = append(rep.Matrix, jr)
	}
	for _, row := range ResponsibilityRows(r) {
		jr := JSONRow{Row: row.ID, Name: row.Name, Layer: string(row.Layer), Owners: map[string]string{}, Asked: row.Asked}
		for _, c := range row.Cells {
			jr.Owners[string(c.Model)] = string(c.Party)
		}
		rep.Rows = append(rep.Rows, jr)
	}
	rep.RowsSource = ResponsibilitySource(r.Bank)
	for _, s := range r.Unknowns() {
		rep.Verification = append(rep.Verification, s.Question.ID)
	}
	for _, e := range r.Risks {
		rep.Risks = append(rep.Risks, JSONRisk{Question: e.QuestionID, Layer: string(e.Layer), Level: e.Level, Target: e.Target,
			Gap: e.Gap, Owner: e.Owner, Justification: e.Justification, Review: day(e.Review), Expired: e.Expired, Actions: e.Actions})
	}
	return rep
}

// WriteJSON writes the JSON report, indented, ending in a newline.
func WriteJSON(w io.Writer, r *scoring.Result, m Meta) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(BuildJSON(r, m))
}

func jsonScore(s scoring.Score) JSONScore {
	return JSONScore{Level: s.Level, Percent: s.Percent, Target: s.Target, Empty: s.Empty}
}

func jsonGroups(gs []scoring.GroupScore) []JSONGroup {
	out := make([]JSONGroup, len(gs))
	for i, g := range gs {
		out[i] = JSONGroup{ID: g.ID, Name: g.Name, JSONScore: jsonScore(g.Score), Share: g.Share,
			Asked: g.Asked, Answered: g.Answered, Unknown: g.Unknown, NotApplicable: g.NotApplicable}
	}
	return out
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// stampJSON is a time in RFC 3339 with its offset, or "".
func stampJSON(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func statusWord(s q.Status) string {
	switch s {
	case q.Answered:
		return "answered"
	case q.Unknown:
		return "unknown"
	case q.NotApplicable:
		return "not_applicable"
	}
	return "unanswered"
}

func evidenceWord(e scoring.EvidenceSummary) string {
	switch {
	case e.Fail > 0:
		return "fail"
	case e.Pass > 0:
		return "pass"
	case e.NA > 0:
		return "na"
	}
	return ""
}

// MatrixCell is who owns a layer under one service model.
type MatrixCell struct {
	Model q.Model
	Party q.Party
}

// MatrixRow is one layer of the responsibility matrix for the organization.
type MatrixRow struct {
	Layer q.Layer
	Name  string
	Cells []MatrixCell
	Note  string
}

// RowOwner is one row of the responsibility table (Microsoft's "Shared
// responsibility in the cloud"): who owns it under each of the
// organization's service models and how many asked questions it decides.
type RowOwner struct {
	ID, Name, Origin string
	Layer            q.Layer
	Cells            []MatrixCell
	Asked            int
}

// ResponsibilityRows is the responsibility table for the organization's
// service models, row by row; empty for a bank without rows.
func ResponsibilityRows(r *scoring.Result) []RowOwner {
	models := r.Profile.Models
	if len(models) == 0 {
		models = q.Models
	}
	asked := map[string]int{}
	for _, s := range r.Questions {
		asked[s.Question.Responsibility]++
	}
	var out []RowOwner
	for _, row := range r.Bank.Responsibility.Rows {
		ro := RowOwner{ID: row.ID, Name: row.Name, Origin: row.Origin, Layer: row.Layer, Asked: asked[row.ID]}
		for _, m := range models {
			p, ok := row.Owner[m]
			if !ok {
				p = q.Customer
			}
			ro.Cells = append(ro.Cells, MatrixCell{Model: m, Party: p})
		}
		out = append(out, ro)
	}
	return out
}

// ResponsibilitySource names the responsibility table and its date, for a
// report's caption ("" for a bank without one).
func ResponsibilitySource(b *q.Bank) string {
	s := b.Responsibility.Source
	if s.Title == "" {
		return ""
	}
	out := s.Title
	if s.Date != "" {
		out += ", dated " + s.Date
	}
	if s.URL != "" {
		out += " (" + s.URL + ")"
	}
	return out
}

// Matrix is the responsibility matrix for the organization's service models
// (all three when it named none).
func Matrix(r *scoring.Result) []MatrixRow {
	models := r.Profile.Models
	if len(models) == 0 {
		models = q.Models
	}
	var rows []MatrixRow
	for _, l := range q.Layers {
		row := MatrixRow{Layer: l, Name: r.Bank.LayerInfo(l).Name, Note: r.Bank.Responsibility.Notes[l]}
		for _, m := range models {
			row.Cells = append(row.Cells, MatrixCell{Model: m, Party: r.Bank.Responsibility.Owner(l, "", m)})
		}
		rows = append(rows, row)
	}
	return rows
}
