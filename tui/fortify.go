package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/reports"
)

// fortifyScreen is step 4: its questions (access, segmentation,
// monitoring) and where each of the three areas stands.
type fortifyScreen struct {
	c     *Common
	s     *Session
	tabs  tabs
	panel qpanel
	w, h  int
}

func newFortifyScreen(c *Common, s *Session) *fortifyScreen {
	return &fortifyScreen{c: c, s: s,
		tabs:  tabs{names: []string{"Questions", "Plan"}},
		panel: newQPanel(c, s, byDomain(s, asked(s, 4)), nil)}
}

func (f *fortifyScreen) Title() string               { return "Fortify" }
func (f *fortifyScreen) Enter() tea.Cmd              { return nil }
func (f *fortifyScreen) Capturing() bool             { return f.panel.editing != editNone }
func (f *fortifyScreen) SetSize(w, h int)            { f.w, f.h = w, h }
func (f *fortifyScreen) questions() *qpanel          { return &f.panel }
func (f *fortifyScreen) progress() (done, total int) { return f.panel.answered(), f.panel.count() }
func (f *fortifyScreen) FullHelp() [][]key.Binding   { return [][]key.Binding{f.ShortHelp()} }
func (f *fortifyScreen) ShortHelp() []key.Binding {
	if f.tabs.i == 0 {
		if f.panel.editing != editNone {
			return f.panel.shortHelp()
		}
		return append([]key.Binding{f.c.Keys.View}, f.panel.shortHelp()...)
	}
	return []key.Binding{f.c.Keys.View}
}

func (f *fortifyScreen) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.KeyMsg); ok && key.Matches(m, f.c.Keys.View) && f.panel.editing == editNone {
		f.tabs.next()
		return nil
	}
	if f.tabs.i == 0 {
		var cmd tea.Cmd
		f.panel, cmd = f.panel.update(msg)
		return cmd
	}
	return nil
}

func (f *fortifyScreen) View() string {
	out := []string{f.tabs.view(f.c), ""}
	if f.tabs.i == 0 {
		return block(append(out, f.panel.view(f.w, f.h-2)), f.h)
	}
	st := f.c.Styles
	r := f.s.Result()
	for _, a := range reports.FortifyAreas(r) {
		out = append(out, st.Bold.Render(a.Name)+"  "+st.Subtle.Render(a.Status))
		for i, it := range a.Actions {
			if i == 3 {
				out = append(out, st.Subtle.Render(fmt.Sprintf("   … %d more in 3 Prioritize", len(a.Actions)-3)))
				break
			}
			owner := it.Owner
			if owner == "" {
				owner = "no owner"
			}
			out = append(out, trunc(fmt.Sprintf("  %2d %s", it.Rank, it.Action.Title), f.w))
			out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("     %s · %s", owner, dueWords(it)), f.w)))
		}
		out = append(out, "")
	}
	out = append(out, st.Subtle.Render(trunc("Owners, dates and order are set in 3 Prioritize.", f.w)))
	return block(fit(out, f.w, f.h), f.h)
}
