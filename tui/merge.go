package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// mergeMsg is any message of the merge flow.
type mergeMsg interface{ mergeFlowMsg() }

// mergeFlow merges participants' files (coming next).
type mergeFlow struct{ done bool }

func newMergeFlow(c *Common, b *q.Bank, recent []Recent, recentDir, envPass string) *mergeFlow {
	return &mergeFlow{done: true}
}
func (f *mergeFlow) init() tea.Cmd              { return nil }
func (f *mergeFlow) setSize(w, h int)           {}
func (f *mergeFlow) update(msg tea.Msg) tea.Cmd { return nil }
func (f *mergeFlow) view() string               { return "" }
func (f *mergeFlow) shortHelp() []key.Binding   { return nil }
