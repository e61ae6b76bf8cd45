package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Forms on an answer: a compensating control, an accepted risk, a piece of
// evidence. Each is a huh form bound to an input struct; the panel shows
// it in place of the options and applies it when it completes.

type formKind int

const (
	formCompensating formKind = iota + 1
	formRisk
	formEvidence
)

// exceptionInput is what the exception forms ask.
type exceptionInput struct {
	Remove                 bool
	Control, Justification string
	Owner, Review          string
	had                    bool

	// review is the review date field, on is the assessment's date: the
	// field's description follows the date typed (see sync).
	review *huh.Input
	on     time.Time
	note   string
}

// sync brings the form's words in step with what was typed: the review
// date's description warns when the date is already past. The form's
// owner calls it after each update, on the UI's goroutine; huh runs a
// DescriptionFunc in a command goroutine of its own, which would read
// Review while the form writes it.
// It reports whether the words changed: the form then redraws (refreshForm).
func (in *exceptionInput) sync() bool {
	if in.review == nil {
		return false
	}
	note := reviewNote(in.Review, in.on)
	if note == in.note {
		return false
	}
	in.note = note
	in.review.Description(note)
	return true
}

// formRefreshMsg makes a huh form redraw: a group draws its fields once per
// update, so a description changed after the update shows only at the next.
type formRefreshMsg struct{}

// refreshForm redraws a form whose words changed after its update.
func refreshForm(f *huh.Form) (*huh.Form, tea.Cmd) {
	m, cmd := f.Update(formRefreshMsg{})
	if ff, ok := m.(*huh.Form); ok {
		f = ff
	}
	return f, cmd
}

// evidenceInput is what the evidence form asks.
type evidenceInput struct {
	Kind    string // file, url, finding
	Ref     string
	Finding int
}

const dateLayout = "2006-01-02"

func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(what + " is required")
		}
		return nil
	}
}

func checkReviewDate(s string) error {
	if _, err := parseDate(s); err != nil {
		return errors.New("a review date as YYYY-MM-DD, for example 2027-06-30")
	}
	return nil
}

// reviewNote is the review date field's description: what the date does,
// or, for a date already past on the assessment's date (on, as scoring
// counts it, never the wall clock), a warning that it is expired. The
// date still saves: a risk accepted late is recorded as expired.
func reviewNote(review string, on time.Time) string {
	const what = "After this date the actions come back into the plan"
	r, err := parseDate(review)
	if err != nil || !(&q.Exception{Kind: q.RiskAccepted, Review: r}).Expired(on) {
		return what
	}
	return fmt.Sprintf("⚠ Already expired: %s is before the assessment's date, %s. It saves, but the actions stay in the plan.", showDate(r), showDate(on))
}

// exceptionForm builds the form for a compensating control or an accepted
// risk on an answer, filled with the exception it has; on is the
// assessment's date, against which a review date expires.
func exceptionForm(kind formKind, in *exceptionInput, old *q.Exception, on time.Time) *huh.Form {
	wantKind := q.Compensating
	if kind == formRisk {
		wantKind = q.RiskAccepted
	}
	if old != nil && old.Kind == wantKind {
		in.had = true
		in.Control, in.Justification, in.Owner = old.Control, old.Justification, old.Owner
		if !old.Review.IsZero() {
			in.Review = old.Review.Format(dateLayout)
		}
	}
	var groups []*huh.Group
	if in.had {
		groups = append(groups, huh.NewGroup(
			huh.NewSelect[bool]().Title("This answer has one already").
				Options(huh.NewOption("Edit it", false), huh.NewOption("Remove it", true)).Value(&in.Remove),
		))
	}
	hide := func() bool { return in.Remove }
	if kind == formCompensating {
		title := "Compensating control"
		if old != nil && old.Kind != wantKind {
			title += " (replaces the accepted risk)"
		}
		groups = append(groups, huh.NewGroup(
			huh.NewInput().Title(title).Description("The alternative control that gives this answer's level").
				Placeholder("e.g. EDR on every VM blocks unsigned binaries").Value(&in.Control).Validate(required("the control")),
			huh.NewText().Title("Justification").Description("Why it counts as this level").Lines(3).
				Value(&in.Justification).Validate(required("a justification")),
		).WithHideFunc(hide))
	} else {
		title := "Risk accepted: owner"
		if old != nil && old.Kind != wantKind {
			title += " (replaces the compensating control)"
		}
		in.on = on
		in.review = huh.NewInput().Title("Review by (YYYY-MM-DD)").
			// a placeholder that reads as an instruction, never as a date
			// already filled in (issue 17)
			Placeholder("type a date, e.g. " + on.AddDate(0, 6, 0).Format(dateLayout)).Value(&in.Review).Validate(checkReviewDate)
		in.sync()
		groups = append(groups, huh.NewGroup(
			huh.NewInput().Title(title).Description("Who accepts the risk").Placeholder("name, role").
				Value(&in.Owner).Validate(required("an owner")),
			huh.NewText().Title("Justification").Description("Why the gap is accepted for now").Lines(3).
				Value(&in.Justification).Validate(required("a justification")),
			in.review,
		).WithHideFunc(hide))
	}
	return huh.NewForm(groups...).WithShowHelp(true)
}

// exception is the exception the form describes (nil: remove it).
func (in *exceptionInput) exception(kind formKind) *q.Exception {
	if in.Remove {
		return nil
	}
	if kind == formCompensating {
		return &q.Exception{Kind: q.Compensating, Control: strings.TrimSpace(in.Control), Justification: strings.TrimSpace(in.Justification)}
	}
	r, _ := parseDate(in.Review)
	return &q.Exception{Kind: q.RiskAccepted, Owner: strings.TrimSpace(in.Owner), Justification: strings.TrimSpace(in.Justification), Review: r}
}

// liveItem is one piece of live evidence of the assessment, offered as a
// finding to name on another question.
type liveItem struct {
	question string
	e        q.Evidence
}

// liveItems lists the assessment's live evidence with a check, failing
// first, in question order.
func liveItems(r *scoring.Result) []liveItem {
	var fail, other []liveItem
	for _, e := range r.Evidence {
		if e.Source != q.SourceLive || e.Check == "" {
			continue
		}
		it := liveItem{question: e.QuestionID, e: e.Evidence}
		if e.Status == string(azure.Fail) {
			fail = append(fail, it)
		} else {
			other = append(other, it)
		}
	}
	return append(fail, other...)
}

// evidenceForm asks for a file, a link or a live finding.
func evidenceForm(in *evidenceInput, live []liveItem) *huh.Form {
	kinds := []huh.Option[string]{
		huh.NewOption("A file (a policy, a screenshot, an export)", "file"),
		huh.NewOption("A link (URL)", "url"),
	}
	if len(live) > 0 {
		kinds = append(kinds, huh.NewOption(fmt.Sprintf("A live finding (%d in this assessment)", len(live)), "finding"))
	}
	in.Kind = "file"
	var found []huh.Option[int]
	for i, it := range live {
		found = append(found, huh.NewOption(trunc(fmt.Sprintf("%s %s · %s", strings.ToUpper(orNA(it.e.Status)), it.e.Check, it.e.Detail), 100), i))
	}
	// The file and the link each have a field of their own, shown by the
	// kind chosen (hide functions run on the UI's goroutine; a TitleFunc
	// would run in a command goroutine and read Kind while the form
	// writes it).
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Attach evidence").Options(kinds...).Value(&in.Kind)),
		huh.NewGroup(
			huh.NewInput().Title("File path").Value(&in.Ref).Validate(checkEvidenceFile),
		).WithHideFunc(func() bool { return in.Kind != "file" }),
		huh.NewGroup(
			huh.NewInput().Title("Link").Value(&in.Ref).Validate(checkEvidenceLink),
		).WithHideFunc(func() bool { return in.Kind != "url" }),
		huh.NewGroup(
			huh.NewSelect[int]().Title("Live finding").Options(found...).Value(&in.Finding).Height(min(len(found)+2, 8)),
		).WithHideFunc(func() bool { return in.Kind != "finding" || len(live) == 0 }),
	).WithShowHelp(true)
}

func checkEvidenceLink(s string) error {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return errors.New("a link starts with https:// or http://")
	}
	return nil
}

func checkEvidenceFile(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("the file's path is required")
	}
	if _, err := os.Stat(s); err != nil {
		return fmt.Errorf("no file %s", s)
	}
	return nil
}

func orNA(s string) string {
	if s == "" {
		return "na"
	}
	return s
}

// evidence is the evidence the form describes.
func (in *evidenceInput) evidence(live []liveItem, now time.Time) (q.Evidence, bool) {
	switch in.Kind {
	case "finding":
		if in.Finding < 0 || in.Finding >= len(live) {
			return q.Evidence{}, false
		}
		e := live[in.Finding].e
		return q.Evidence{Source: "finding", Ref: e.Check, Detail: e.Detail, Severity: e.Severity, Collected: e.Collected}, true
	case "url":
		return q.Evidence{Source: "url", Ref: strings.TrimSpace(in.Ref), Collected: now}, true
	}
	return q.Evidence{Source: "file", Ref: strings.TrimSpace(in.Ref), Collected: now}, true
}

// exceptionMark is a question's marker: C compensating, R risk accepted,
// R! accepted risk past its review date (the result's date).
func exceptionMark(r *scoring.Result, id string) string {
	s, ok := r.Question(id)
	if !ok || s.Answer.Exception == nil {
		return ""
	}
	switch {
	case s.Answer.Exception.Kind == q.Compensating:
		return "C"
	case s.Answer.Exception.Expired(r.Date):
		return "R!"
	}
	return "R"
}

// exceptionText says what an answer's exception is, in a sentence; on is
// the result's date, against which an accepted risk expires.
func exceptionText(on time.Time, ex *q.Exception) string {
	switch {
	case ex == nil:
		return ""
	case ex.Kind == q.Compensating:
		return fmt.Sprintf("C Compensating control: %s. Why it counts: %s", strings.TrimSuffix(ex.Control, "."), ex.Justification)
	case ex.Expired(on):
		return fmt.Sprintf("R! Risk acceptance EXPIRED %s (owner %s): the actions are back in the plan. %s", showDate(ex.Review), ex.Owner, ex.Justification)
	}
	return fmt.Sprintf("R Risk accepted by %s until %s: %s", ex.Owner, showDate(ex.Review), ex.Justification)
}

// evidenceLines describes the evidence on a question: each file, link and
// named finding, and the live checks summed up.
func evidenceLines(evs []q.Evidence) []string {
	var out []string
	pass, fail, na := 0, 0, 0
	var failing []string
	for _, e := range evs {
		switch e.Source {
		case azure.SourceLive:
			switch e.Status {
			case string(azure.Pass):
				pass++
			case string(azure.Fail):
				fail++
				failing = append(failing, e.Detail)
			default:
				na++
			}
		case "finding":
			out = append(out, "finding "+e.Ref)
		case "note":
			out = append(out, "note "+e.Detail)
		default:
			out = append(out, e.Source+" "+e.Ref)
		}
	}
	if pass+fail+na > 0 {
		live := fmt.Sprintf("live checks: %d fail, %d pass", fail, pass)
		if na > 0 {
			live += fmt.Sprintf(", %d to verify by hand", na)
		}
		out = append(out, live)
		for i, d := range failing {
			if i == 2 {
				out = append(out, fmt.Sprintf("  … %d more failing", len(failing)-2))
				break
			}
			out = append(out, "  ✗ "+d)
		}
	}
	return out
}

// openForm starts a form on the current answer.
func (p *qpanel) openForm(kind formKind) tea.Cmd {
	qq := p.current()
	if qq == nil {
		return nil
	}
	sc, _ := p.s.Result().Question(qq.ID)
	ans := sc.Answer
	p.flash = ""
	if kind != formEvidence && !sc.Answered() {
		p.flash = "Answer the question first, then mark the answer."
		return nil
	}
	if kind == formCompensating && ans.Status != q.Answered {
		// the answers file refuses it too: the control grants a level
		p.flash = "A compensating control grants a level: choose the level (0–5) it gives first, then press c."
		return nil
	}
	var f *huh.Form
	switch kind {
	case formEvidence:
		p.evIn = &evidenceInput{}
		p.live = liveItems(p.s.Result())
		f = evidenceForm(p.evIn, p.live)
	default:
		p.exIn = &exceptionInput{}
		f = exceptionForm(kind, p.exIn, ans.Exception, p.s.Result().Date)
	}
	w := p.c.Width
	if p.c.Wide() {
		w -= 30
	}
	p.form = f.WithTheme(huhTheme(p.c)).WithWidth(min(w, 90)).WithHeight(min(max(p.c.Height-chromeLines-7, 8), 16)).WithShowHelp(false)
	p.formKind, p.editing = kind, editForm
	return p.form.Init()
}

// updateForm runs the open form and applies it when it completes.
func (p *qpanel) updateForm(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.KeyMsg); ok && m.Type == tea.KeyEsc {
		p.closeForm()
		return nil
	}
	f, cmd := p.form.Update(msg)
	if ff, ok := f.(*huh.Form); ok {
		p.form = ff
	}
	if p.exIn != nil && p.exIn.sync() && p.form.State == huh.StateNormal {
		var again tea.Cmd
		p.form, again = refreshForm(p.form)
		cmd = tea.Batch(cmd, again)
	}
	switch p.form.State {
	case huh.StateCompleted:
		defer p.closeForm()
		return p.applyForm()
	case huh.StateAborted:
		p.closeForm()
		return nil
	}
	return cmd
}

func (p *qpanel) closeForm() {
	p.form, p.formKind, p.editing = nil, 0, editNone
	p.exIn, p.evIn = nil, nil
}

func (p *qpanel) applyForm() tea.Cmd {
	qq := p.current()
	if qq == nil {
		return nil
	}
	now := p.c.Now()
	if p.formKind == formEvidence {
		e, ok := p.evIn.evidence(p.live, now)
		if !ok {
			return nil
		}
		return p.s.edit(now, func(a *q.Assessment) { a.AddEvidence(qq.ID, e) })
	}
	ex := p.exIn.exception(p.formKind)
	return p.s.edit(now, func(a *q.Assessment) {
		ans := a.Answers[qq.ID]
		ans.Exception = ex
		a.SetAnswer(qq.ID, ans, now)
	})
}
