package tui

import (
	"encoding/json"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// legacyPlansPath is where wizards before the assessment's own Plans field
// kept the step-5 plan edits: FILE.plans.json beside the assessment.
func legacyPlansPath(assessment string) string {
	return strings.TrimSuffix(assessment, ".json") + ".plans.json"
}

// importLegacyPlans moves plan edits from an old FILE.plans.json into the
// assessment, once: only when the assessment has no plans of its own. It
// reports whether it imported anything; the side file is left as it was.
func importLegacyPlans(a *q.Assessment, path string) bool {
	if path == "" || a.Plans != nil {
		return false
	}
	data, err := os.ReadFile(legacyPlansPath(path))
	if err != nil {
		return false
	}
	var p q.Plans
	if json.Unmarshal(data, &p) != nil || len(p.Calendar) == 0 && len(p.Reporting) == 0 {
		return false
	}
	a.Plans = &p
	return true
}

// clonePlans copies plans, so a save in the background never reads a
// slice the wizard is editing.
func clonePlans(p *q.Plans) *q.Plans {
	if p == nil {
		return nil
	}
	return &q.Plans{Calendar: slices.Clone(p.Calendar), Reporting: slices.Clone(p.Reporting)}
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
		// a width makes the field scroll to the cursor: what is typed at
		// the end of a long line shows
		e.input.Width = max(e.c.Width-len(e.input.Prompt)-2, 10)
		e.input.SetValue(e.lines[e.cursor])
		e.input.CursorEnd()
		return e, e.input.Focus(), false
	}
	return e, nil, false
}

func (e lineEditor) view(w, h int, label func(i int, s string) string) []string {
	st := e.c.Styles
	var out []string
	more := len(e.lines) > h
	if more {
		h = max(h-1, 1) // the position line
	}
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
	if more {
		// the list is longer than its room: say so, and where
		out = append(out, scrollLine(start, h, len(e.lines), w, st.Subtle.Render))
	}
	if e.editing {
		out = append(out, "", e.input.View())
	}
	return out
}
