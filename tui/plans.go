package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// Plans are the organization's own edits of the plans steps 4 and 5
// propose: the training calendar and the threat-reporting process. The
// saved assessment has no field for them yet, so they live beside it in
// FILE.plans.json.
type Plans struct {
	Calendar  []reports.CalendarEntry `json:"calendar,omitempty"`
	Reporting []string                `json:"reporting,omitempty"`
}

// PlansPath is where the plan edits of an assessment file are kept.
func PlansPath(assessment string) string {
	return strings.TrimSuffix(assessment, ".json") + ".plans.json"
}

func loadPlans(assessment string) Plans {
	var p Plans
	if assessment == "" {
		return p
	}
	if data, err := os.ReadFile(PlansPath(assessment)); err == nil {
		_ = json.Unmarshal(data, &p)
	}
	return p
}

// plansSavedMsg reports how saving the plans went.
type plansSavedMsg struct{ err error }

func savePlansCmd(assessment string, p Plans) tea.Cmd {
	if assessment == "" {
		return nil
	}
	p.Calendar = append([]reports.CalendarEntry(nil), p.Calendar...)
	p.Reporting = append([]string(nil), p.Reporting...)
	return func() tea.Msg {
		data, err := json.MarshalIndent(p, "", "  ")
		if err == nil {
			err = q.WriteFileAtomic(PlansPath(assessment), append(data, '\n'))
		}
		if err != nil {
			err = fmt.Errorf("save plans: %w", err)
		}
		return plansSavedMsg{err: err}
	}
}

// lineEditor is an editable list of lines (a plan), one highlighted.
type lineEditor struct {
	c       *Common
	lines   []string
	cursor  int
	editing bool
	input   textinput.Model
}

func newLineEditor(c *Common) lineEditor {
	in := textinput.New()
	in.CharLimit = 300
	in.Prompt = "Edit: "
	return lineEditor{c: c, input: in}
}

// update returns the editor and, when a line was changed, true.
func (e lineEditor) update(msg tea.Msg) (lineEditor, tea.Cmd, bool) {
	m, ok := msg.(tea.KeyMsg)
	if e.editing {
		if ok {
			switch m.Type {
			case tea.KeyEnter:
				e.editing = false
				e.input.Blur()
				if v := strings.TrimSpace(e.input.Value()); v != "" && e.cursor < len(e.lines) {
					e.lines[e.cursor] = v
					return e, nil, true
				}
				return e, nil, false
			case tea.KeyEsc:
				e.editing = false
				e.input.Blur()
				return e, nil, false
			}
		}
		var cmd tea.Cmd
		e.input, cmd = e.input.Update(msg)
		return e, cmd, false
	}
	if !ok {
		return e, nil, false
	}
	k := e.c.Keys
	switch {
	case key.Matches(m, k.Up):
		e.cursor = max(e.cursor-1, 0)
	case key.Matches(m, k.Down):
		e.cursor = min(e.cursor+1, len(e.lines)-1)
	case key.Matches(m, k.Edit, k.Choose) && e.cursor < len(e.lines):
		e.editing = true
		e.input.SetValue(e.lines[e.cursor])
		e.input.CursorEnd()
		return e, e.input.Focus(), false
	}
	return e, nil, false
}

func (e lineEditor) view(w, h int, label func(i int, s string) string) []string {
	st := e.c.Styles
	var out []string
	start := 0
	if e.cursor >= h {
		start = e.cursor - h + 1
	}
	for i := start; i < len(e.lines) && len(out) < h; i++ {
		cur, style := "  ", st.Option
		if i == e.cursor {
			cur, style = "› ", st.OptionActive
		}
		out = append(out, style.Render(trunc(cur+label(i, e.lines[i]), w)))
	}
	if e.editing {
		out = append(out, "", e.input.View())
	}
	return out
}
