package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// socializeScreen is step 5: its questions, the training calendar and the
// threat-reporting process (both editable), and in training mode a quiz.
type socializeScreen struct {
	c     *Common
	s     *Session
	tabs  tabs
	panel qpanel

	calendar  []reports.CalendarEntry
	cal       lineEditor
	reporting lineEditor
	quiz      quiz
	w, h      int
}

const (
	tabQuestions = iota
	tabCalendar
	tabReporting
	tabQuiz
)

func newSocializeScreen(c *Common, s *Session) *socializeScreen {
	names := []string{"Questions", "Training calendar", "Reporting process"}
	if c.Mode == ModeTraining {
		names = append(names, "Quiz")
	}
	x := &socializeScreen{c: c, s: s, tabs: tabs{names: names},
		panel: newQPanel(c, s, byDomain(s, asked(s, 5)), nil),
		cal:   newLineEditor(c), reporting: newLineEditor(c)}
	if c.Mode == ModeTraining {
		// the pool is made from the whole bank: only where there is a quiz
		x.quiz = newQuiz(c, s.Bank)
	}
	return x
}

func (x *socializeScreen) Title() string { return "Socialize" }

// Enter fills the plans: the organization's edits kept in the assessment,
// or what the reports propose (they read the same edits).
func (x *socializeScreen) Enter() tea.Cmd {
	r := x.s.Result()
	x.calendar = slices.Clone(reports.TrainingCalendar(r))
	x.cal.lines = make([]string, len(x.calendar))
	for i, e := range x.calendar {
		x.cal.lines[i] = e.Activity
	}
	x.reporting.lines = slices.Clone(reports.ReportingProcess(r))
	return nil
}

func (x *socializeScreen) Capturing() bool {
	return x.panel.editing != editNone || x.cal.editing || x.reporting.editing ||
		x.tabs.i == tabQuiz && x.quiz.capturing()
}
func (x *socializeScreen) SetSize(w, h int)            { x.w, x.h = w, h }
func (x *socializeScreen) questions() *qpanel          { return &x.panel }
func (x *socializeScreen) progress() (done, total int) { return x.panel.answered(), x.panel.count() }
func (x *socializeScreen) FullHelp() [][]key.Binding   { return [][]key.Binding{x.ShortHelp()} }

// keepPlans stores the edited plans in the assessment, autosaved like an
// answer; the reports read them from there.
func (x *socializeScreen) keepPlans() tea.Cmd {
	plans := clonePlans(&q.Plans{Calendar: x.calendar, Reporting: x.reporting.lines})
	return x.s.edit(x.c.Now(), func(a *q.Assessment) { a.Plans = plans })
}

func (x *socializeScreen) ShortHelp() []key.Binding {
	k := x.c.Keys
	switch x.tabs.i {
	case tabQuestions:
		if x.panel.editing != editNone {
			return x.panel.shortHelp()
		}
		return append([]key.Binding{k.View}, x.panel.shortHelp()...)
	case tabCalendar, tabReporting:
		if x.Capturing() {
			return []key.Binding{withHelp(k.Choose, "keep"), withHelp(k.Back, "cancel")}
		}
		return []key.Binding{k.View, k.Up, k.Down, k.Edit}
	}
	if x.quiz.capturing() {
		return x.quiz.shortHelp()
	}
	return append([]key.Binding{k.View}, x.quiz.shortHelp()...)
}

func (x *socializeScreen) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.KeyMsg); ok && key.Matches(m, x.c.Keys.View) && !x.Capturing() {
		x.tabs.next()
		return nil
	}
	var cmd tea.Cmd
	if _, ok := msg.(quizSavedMsg); ok {
		x.quiz, cmd = x.quiz.update(msg)
		return cmd
	}
	var changed bool
	switch x.tabs.i {
	case tabQuestions:
		x.panel, cmd = x.panel.update(msg)
	case tabCalendar:
		x.cal, cmd, changed = x.cal.update(msg)
		if changed {
			for i := range x.calendar {
				x.calendar[i].Activity = x.cal.lines[i]
			}
		}
	case tabReporting:
		x.reporting, cmd, changed = x.reporting.update(msg)
	case tabQuiz:
		x.quiz, cmd = x.quiz.update(msg)
	}
	if changed {
		return tea.Batch(cmd, x.keepPlans())
	}
	return cmd
}

func (x *socializeScreen) View() string {
	st := x.c.Styles
	out := []string{x.tabs.view(x.c), ""}
	h := x.h - 2
	switch x.tabs.i {
	case tabQuestions:
		return block(append(out, x.panel.view(x.w, h)), x.h)
	case tabCalendar:
		out = append(out, st.Subtle.Render(trunc("Twelve months of training and communication. e edits an activity.", x.w)))
		// the activity's description and the triggers wrap below the
		// list, which gives up the rows they need
		var tail []string
		if !x.cal.editing && x.cal.cursor < len(x.calendar) {
			e := x.calendar[x.cal.cursor]
			tail = append(tail, "")
			for _, l := range wrap(e.Activity+" ("+e.Audience+")", x.w-2) {
				tail = append(tail, "  "+st.Description.Render(l))
			}
		}
		tail = append(tail, "")
		for _, l := range wrap("Also after: "+strings.Join(reports.TrainingTriggers(x.s.a.Profile.Sector), "; "), x.w) {
			tail = append(tail, st.Subtle.Render(l))
		}
		out = append(out, x.cal.view(x.w, max(h-2-len(tail), 3), func(i int, s string) string {
			e := x.calendar[i]
			return fmt.Sprintf("%-8s %s · %s", e.Month, s, e.Audience)
		})...)
		out = append(out, tail...)
	case tabReporting:
		out = append(out, st.Subtle.Render(trunc("What anyone does on suspecting an attack. e edits a step.", x.w)))
		out = append(out, x.reporting.view(x.w, h-2, func(i int, s string) string { return fmt.Sprintf("%d. %s", i+1, s) })...)
		if !x.reporting.editing && x.reporting.cursor < len(x.reporting.lines) {
			out = append(out, "")
			for _, l := range wrap(x.reporting.lines[x.reporting.cursor], x.w-2) {
				out = append(out, "  "+st.Description.Render(l))
			}
		}
	case tabQuiz:
		out = append(out, x.quiz.view(x.w)...)
	}
	return block(fit(out, x.w, x.h), x.h)
}
