package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// killChainScreen is step 2: the seven phases against the four layers, with
// the controls behind each square.
type killChainScreen struct {
	c        *Common
	s        *Session
	row, col int
	detail   bool
	offset   int // first control shown in the detail list
	sel      int // the highlighted control in the detail list
	w, h     int
}

func newKillChainScreen(c *Common, s *Session) *killChainScreen {
	return &killChainScreen{c: c, s: s}
}

func (k *killChainScreen) Title() string    { return "Kill chain" }
func (k *killChainScreen) Enter() tea.Cmd   { return nil }
func (k *killChainScreen) Capturing() bool  { return false }
func (k *killChainScreen) SetSize(w, h int) { k.w, k.h = w, h }

func (k *killChainScreen) ShortHelp() []key.Binding {
	km := k.c.Keys
	if k.detail {
		return []key.Binding{km.Up, km.Down, withHelp(km.Choose, "go to question"), km.Back}
	}
	return []key.Binding{km.Up, km.Down, km.Left, km.Right, withHelp(km.Choose, "controls")}
}

func (k *killChainScreen) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func withHelp(b key.Binding, desc string) key.Binding {
	h := b.Help()
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(h.Key, desc))
}

func (k *killChainScreen) Update(msg tea.Msg) tea.Cmd {
	m, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	km := k.c.Keys
	if k.detail {
		ctls := k.cell().Controls
		switch {
		case key.Matches(m, km.Back):
			k.detail = false
		case key.Matches(m, km.Up):
			k.sel = max(k.sel-1, 0)
		case key.Matches(m, km.Down):
			k.sel = min(k.sel+1, max(len(ctls)-1, 0))
		case key.Matches(m, km.Choose) && k.sel < len(ctls):
			return showQuestionCmd(ctls[k.sel].QuestionID)
		}
		return nil
	}
	switch {
	case key.Matches(m, km.Choose):
		k.detail, k.offset, k.sel = true, 0, 0
	case key.Matches(m, km.Up):
		k.row = max(k.row-1, 0)
	case key.Matches(m, km.Down):
		k.row = min(k.row+1, len(q.Phases)-1)
	case key.Matches(m, km.Left):
		k.col = max(k.col-1, 0)
	case key.Matches(m, km.Right):
		k.col = min(k.col+1, len(q.Layers)-1)
	}
	return nil
}

// cell is the highlighted square of the heat map.
func (k *killChainScreen) cell() scoring.Cell {
	return k.s.Result().KillChain[k.row].Layers[k.col]
}

// showQuestionMsg asks the wizard to show a question where it is asked
// (a control of the kill chain, to answer or raise it there).
type showQuestionMsg struct{ id string }

func showQuestionCmd(id string) tea.Cmd {
	return func() tea.Msg { return showQuestionMsg{id: id} }
}

func cellText(c scoring.Cell) string {
	n := len(c.Controls)
	switch c.State {
	case scoring.CellBroken:
		return fmt.Sprintf("■ broken %d", n)
	case scoring.CellPartial:
		return fmt.Sprintf("◐ seen %d", n)
	case scoring.CellOpen:
		return fmt.Sprintf("✗ OPEN %d", n)
	case scoring.CellUnseen:
		return fmt.Sprintf("○ unseen %d", n)
	}
	return "·"
}

func (k *killChainScreen) cellStyle(c scoring.Cell) func(...string) string {
	st := k.c.Styles
	switch c.State {
	case scoring.CellBroken:
		return st.CellBroken.Render
	case scoring.CellPartial:
		return st.CellPartial.Render
	case scoring.CellOpen:
		return st.CellOpen.Render
	case scoring.CellUnseen:
		return st.CellUnseen.Render
	}
	return st.CellNone.Render
}

func (k *killChainScreen) View() string {
	st := k.c.Styles
	r := k.s.Result()
	w := k.w
	pw := 24
	lw := max((w-pw)/len(q.Layers), 9)
	var out []string
	open := len(r.OpenPhases())
	title := fmt.Sprintf("Where the chain breaks: %d of %d phases open", open, len(r.KillChain))
	if k.c.Mode == ModeSelf {
		title = fmt.Sprintf("The kill chain, the %d steps of an attack: nothing stops %d of them yet", len(r.KillChain), open)
		if open == 0 {
			title = fmt.Sprintf("The kill chain, the %d steps of an attack: none is open", len(r.KillChain))
		}
	}
	out = append(out, st.Title.Render(trunc(title, w)))
	head := padRight("Phase", pw)
	for _, l := range q.Layers {
		head += padRight(trunc(k.s.Bank.LayerInfo(l).Name, lw-1), lw)
	}
	out = append(out, st.Bold.Render(head))
	for i, pc := range r.KillChain {
		name := pc.Name
		mark := "  "
		style := st.Option.Render
		switch {
		case pc.Verdict == scoring.VerdictAttackerSide:
			// not judged (attacker side), as in the report
			mark = "- "
		case pc.Verdict == scoring.VerdictOpen:
			mark = "! "
			style = st.PhaseOpen.Render
		case pc.Verdict == scoring.VerdictInsufficient:
			mark = "? "
		}
		line := style(padRight(trunc(mark+name, pw-1), pw))
		for j, c := range pc.Layers {
			text, style := cellText(c), k.cellStyle(c)
			if pc.Verdict == scoring.VerdictAttackerSide && len(c.Controls) > 0 {
				// not judged: the square counts its controls, with no
				// verdict of its own (it read "✗ OPEN" on a row that
				// says it is not judged)
				text, style = plural(len(c.Controls), "control"), st.CellNone.Render
			}
			txt := padRight(trunc(text, lw-2), lw-2)
			if i == k.row && j == k.col {
				line += "[" + st.CellCursor.Render(txt) + "]"
			} else {
				line += " " + style(txt) + " "
			}
		}
		out = append(out, line)
	}
	legend := "■ broken: deny/disrupt at target, none at 0-1 · ✗ open: a path (deny/disrupt below target or at 0-1) · ◐ seen: only sees or slows, at target · ○ unseen: same, below · · none · ! phase open · ? too little answered"
	if len(r.Bank.KillChainModel.AttackerSide) > 0 {
		legend += " · - attacker side, not judged"
	}
	for _, l := range wrap(legend, w) {
		out = append(out, st.Subtle.Render(l))
	}
	out = append(out, "")
	pc := r.KillChain[k.row]
	cell := pc.Layers[k.col]
	if k.detail {
		out = append(out, k.controlsView(pc, cell, w)...)
	} else {
		out = append(out, k.phaseView(pc, w)...)
	}
	return block(fit(out, w, k.h), k.h)
}

func (k *killChainScreen) phaseView(pc scoring.PhaseCoverage, w int) []string {
	st := k.c.Styles
	var out []string
	desc := ""
	for _, n := range k.s.Bank.Phases {
		if n.ID == string(pc.Phase) {
			desc = n.Description
		}
	}
	out = append(out, st.Bold.Render(pc.Name)+st.Subtle.Render(fmt.Sprintf("  %d of %d stopping controls at target · %d of %d controls answered", pc.Meeting, pc.Breakers, pc.Answered, pc.Controls)))
	for _, l := range wrap(desc, w) {
		out = append(out, st.Subtle.Render(l))
	}
	story := reports.PhaseStory(pc)
	out = append(out, wrap(story, w)...)
	if k.c.Mode != ModeWorkshop {
		out = append(out, "")
		for _, l := range wrap("Deny and disrupt stop a phase; detect, degrade, deceive and contain see or slow it. Enter lists the controls in the highlighted square.", w) {
			out = append(out, st.Subtle.Render(l))
		}
	}
	return out
}

func (k *killChainScreen) controlsView(pc scoring.PhaseCoverage, cell scoring.Cell, w int) []string {
	st := k.c.Styles
	layer := k.s.Bank.LayerInfo(cell.Layer).Name
	out := []string{st.Bold.Render(fmt.Sprintf("%s × %s: %s", pc.Name, layer, plural(len(cell.Controls), "control")))}
	if len(cell.Controls) == 0 {
		return append(out, st.Subtle.Render("No control of this layer acts on this phase."))
	}
	room := max(k.h-len(q.Phases)-6, 1)
	k.sel = min(k.sel, len(cell.Controls)-1)
	// the list scrolls to keep the highlighted control in view
	k.offset = min(max(k.offset, k.sel-room+1), k.sel)
	k.offset = max(min(k.offset, len(cell.Controls)-room), 0)
	if k.offset > 0 {
		out[0] += st.Subtle.Render(fmt.Sprintf("  (from %d)", k.offset+1))
	}
	for i, ctl := range cell.Controls[k.offset:] {
		lvl := "unanswered"
		switch ctl.Status {
		case q.Answered:
			lvl = fmt.Sprintf("%d/%d", ctl.Level, ctl.Target)
		case q.Unknown:
			lvl = fmt.Sprintf("?/%d", ctl.Target)
		}
		mark := "✗"
		if ctl.Meets {
			mark = "✓"
		}
		text := ctl.QuestionID
		if qq, ok := k.s.Bank.Question(ctl.QuestionID); ok {
			text = qq.Text
		}
		cur, style := "  ", st.Option
		if k.offset+i == k.sel {
			cur, style = "› ", st.OptionActive
		}
		out = append(out, style.Render(trunc(fmt.Sprintf("%s%s %-8s %-10s %s", cur, mark, ctl.Course, lvl, text), w)))
	}
	return out
}
