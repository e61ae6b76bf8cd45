package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// asked returns the asked questions of the given steps, in bank order.
func asked(s *Session, steps ...int) []*q.Question {
	var out []*q.Question
	for _, qq := range s.Tailored.Asked {
		for _, st := range steps {
			if qq.Step == st {
				out = append(out, qq)
				break
			}
		}
	}
	return out
}

// byLayer groups questions by SSRM layer, in the model's order.
func byLayer(s *Session, qs []*q.Question) []qgroup {
	gs := make([]qgroup, len(q.Layers))
	for i, l := range q.Layers {
		gs[i] = qgroup{ID: string(l), Name: s.Bank.LayerInfo(l).Name}
	}
	for _, qq := range qs {
		for i, l := range q.Layers {
			if qq.Layer == l {
				gs[i].Qs = append(gs[i].Qs, qq)
			}
		}
	}
	return gs
}

// byDomain groups questions by domain, in the bank's order of domains.
func byDomain(s *Session, qs []*q.Question) []qgroup {
	var gs []qgroup
	idx := map[string]int{}
	for _, d := range s.Bank.Domains {
		idx[d.ID] = len(gs)
		gs = append(gs, qgroup{ID: d.ID, Name: d.Name})
	}
	for _, qq := range qs {
		i, ok := idx[qq.Domain]
		if !ok {
			idx[qq.Domain] = len(gs)
			gs = append(gs, qgroup{ID: qq.Domain, Name: qq.Domain})
			i = len(gs) - 1
		}
		gs[i].Qs = append(gs[i].Qs, qq)
	}
	return gs
}

// tabs is a row of views inside one step.
type tabs struct {
	names []string
	i     int
}

func (t *tabs) next() { t.i = (t.i + 1) % len(t.names) }

func (t tabs) view(c *Common) string {
	parts := make([]string, len(t.names))
	for i, n := range t.names {
		if i == t.i {
			parts[i] = c.Styles.TabActive.Render("[" + n + "]")
		} else {
			parts[i] = c.Styles.Tab.Render(" " + n + " ")
		}
	}
	return strings.Join(parts, "") + c.Styles.Subtle.Render("  v: switch view")
}

// assessScreen is step 1: a questionnaire per SSRM layer, and the
// questions Microsoft owns listed with what to verify.
type assessScreen struct {
	c     *Common
	s     *Session
	panel qpanel
	w, h  int
}

func newAssessScreen(c *Common, s *Session) *assessScreen {
	// Step 2 has no questionnaire of its own: its questions, if a bank has
	// any, are asked with the layers.
	qs := asked(s, 1, 2)
	return &assessScreen{c: c, s: s, panel: newQPanel(c, s, byLayer(s, qs), s.Tailored.Provider)}
}

func (a *assessScreen) Title() string   { return "Assess" }
func (a *assessScreen) Enter() tea.Cmd  { return nil }
func (a *assessScreen) Capturing() bool { return a.panel.editing != editNone }
func (a *assessScreen) SetSize(w, h int) {
	a.w, a.h = w, h
}
func (a *assessScreen) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	a.panel, cmd = a.panel.update(msg)
	return cmd
}
func (a *assessScreen) View() string                { return a.panel.view(a.w, a.h) }
func (a *assessScreen) ShortHelp() []key.Binding    { return a.panel.shortHelp() }
func (a *assessScreen) FullHelp() [][]key.Binding   { return a.panel.fullHelp() }
func (a *assessScreen) questions() *qpanel          { return &a.panel }
func (a *assessScreen) progress() (done, total int) { return a.panel.answered(), a.panel.count() }

// firstOpen returns the index in qs of the first question without an
// answer (or parked), or len(qs) when all are answered: where resume lands.
func firstOpen(r *scoring.Result, qs []*q.Question) int {
	for i, qq := range qs {
		if s, ok := r.Question(qq.ID); !ok || !s.Answered() {
			return i
		}
	}
	return len(qs)
}
