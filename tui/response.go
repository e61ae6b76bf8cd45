package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// The management responses to the report's findings, edited from the
// Report screen ("r"): the findings in the report's order (F-01…), and a
// small form for the one under the cursor. A response is stored by
// question id, so it follows its finding when the numbers change.

// responseInput is what the response form asks.
type responseInput struct {
	Status, Date, Comment, Who string
}

// response reads the form, or explains what is wrong with it.
func (in *responseInput) response() (q.Response, error) {
	r := q.Response{Status: in.Status, Comment: strings.TrimSpace(in.Comment), Who: strings.TrimSpace(in.Who)}
	if d := strings.TrimSpace(in.Date); in.Status == q.ResponsePlanned && d != "" {
		t, err := parseDate(d)
		if err != nil {
			return r, fmt.Errorf("planned by %q: use YYYY-MM-DD", d)
		}
		r.Date = t
	}
	if msg := r.Problem(); msg != "" {
		return r, fmt.Errorf("%s", msg)
	}
	return r, nil
}

func responseForm(in *responseInput, f reports.Finding) *huh.Form {
	opts := []huh.Option[string]{huh.NewOption("No response yet", "")}
	for _, s := range q.ResponseStatuses {
		opts = append(opts, huh.NewOption(q.ResponseWords(q.Response{Status: s}), s))
	}
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title(f.ID+": management response").Description(trunc(f.Question, 80)).
				Options(opts...).Value(&in.Status),
			huh.NewInput().Title("Planned by (YYYY-MM-DD)").Description("Only for \"planned\"").Value(&in.Date),
			huh.NewText().Title("Comment").Description("Why, or what is planned; needed for risk accepted and disagreed").Lines(3).Value(&in.Comment),
			huh.NewInput().Title("Who responds").Placeholder("name, role").Value(&in.Who),
		),
	).WithShowHelp(false)
}

// responsePanel lists the findings and edits their responses.
type responsePanel struct {
	c        *Common
	s        *Session
	findings []reports.Finding
	cursor   int
	form     *huh.Form
	in       *responseInput
	errMsg   string
}

func newResponsePanel(c *Common, s *Session) *responsePanel {
	p := &responsePanel{c: c, s: s}
	p.refresh()
	return p
}

func (p *responsePanel) refresh() {
	p.findings = reports.Findings(p.s.Result())
	p.cursor = min(p.cursor, max(len(p.findings)-1, 0))
}

// ShortHelp is the panel's keys.
func (p *responsePanel) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "respond")), k.Back}
}

// Update handles a message; done reports that the panel closed (esc).
func (p *responsePanel) Update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	if p.form != nil {
		if m, ok := msg.(tea.KeyMsg); ok && m.Type == tea.KeyEsc {
			p.form, p.in = nil, nil
			return nil, false
		}
		f, cmd := p.form.Update(msg)
		if ff, ok := f.(*huh.Form); ok {
			p.form = ff
		}
		switch p.form.State {
		case huh.StateCompleted:
			save := p.apply()
			p.form, p.in = nil, nil
			return save, false
		case huh.StateAborted:
			p.form, p.in = nil, nil
			return nil, false
		}
		return cmd, false
	}
	m, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	k := p.c.Keys
	switch {
	case m.Type == tea.KeyEsc:
		return nil, true
	case key.Matches(m, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(m, k.Down):
		p.cursor = min(p.cursor+1, len(p.findings)-1)
	case m.Type == tea.KeyEnter && p.cursor < len(p.findings):
		f := p.findings[p.cursor]
		p.in = &responseInput{}
		if f.Response != nil {
			p.in.Status, p.in.Comment, p.in.Who = f.Response.Status, f.Response.Comment, f.Response.Who
			if !f.Response.Date.IsZero() {
				p.in.Date = f.Response.Date.Format("2006-01-02")
			}
		}
		p.errMsg = ""
		p.form = responseForm(p.in, f).WithTheme(huhTheme(p.c)).WithWidth(min(p.c.Width, 90)).
			WithHeight(min(max(p.c.Height-chromeLines-4, 8), 18))
		return p.form.Init(), false
	}
	return nil, false
}

// apply saves the form's response on the finding's question.
func (p *responsePanel) apply() tea.Cmd {
	if p.cursor >= len(p.findings) {
		return nil
	}
	f := p.findings[p.cursor]
	r, err := p.in.response()
	if p.in.Status != "" && err != nil {
		p.errMsg = "Not saved: " + err.Error()
		return nil
	}
	now := p.c.Now()
	cmd := p.s.edit(now, func(a *q.Assessment) { a.SetResponse(f.QuestionID, r, now) })
	p.refresh()
	return cmd
}

// View draws the list, or the form over it.
func (p *responsePanel) View(w, h int) string {
	st := p.c.Styles
	if p.form != nil {
		return block(fit(strings.Split(p.form.View(), "\n"), w, h), h)
	}
	out := []string{st.Title.Render("Management responses to the findings"), ""}
	for _, l := range wrap(p.errMsg, w) {
		if p.errMsg != "" {
			out = append(out, st.Error.Render(l))
		}
	}
	if len(p.findings) == 0 {
		out = append(out, st.Subtle.Render("No finding: every scored question meets its target."))
		return block(fit(out, w, h), h)
	}
	rows := max(h-len(out)-1, 1)
	first := min(max(p.cursor-rows/2, 0), max(len(p.findings)-rows, 0))
	for i := first; i < len(p.findings) && i < first+rows; i++ {
		f := p.findings[i]
		resp := "no response"
		if f.Response != nil {
			resp = q.ResponseWords(*f.Response)
		}
		cur, style := "  ", st.Option
		if i == p.cursor {
			cur, style = "› ", st.OptionActive
		}
		head := fmt.Sprintf("%s%s %-8s ", cur, f.ID, f.Risk)
		tail := " · " + resp
		room := max(w-len([]rune(head))-len([]rune(tail)), 8)
		out = append(out, style.Render(trunc(head+trunc(f.Question, room)+tail, w)))
	}
	return block(fit(out, w, h), h)
}
