package tui

import "github.com/charmbracelet/lipgloss"

// Styles is every style the wizard uses, built once by NewStyles. Views
// never build styles of their own. Every state a style shows is also said
// in text (a marker or a word), so NO_COLOR loses nothing.
type Styles struct {
	App, Title, Subtle, Bold, Faint, Error, OK, Warn lipgloss.Style

	StepActive, StepDone, StepTodo, StepSep lipgloss.Style

	SidebarBox, SidebarItem, SidebarActive lipgloss.Style

	Question, Option, OptionActive, OptionChosen, Description lipgloss.Style
	Panel, PanelTitle, Facilitator, Explain                   lipgloss.Style

	CellBroken, CellPartial, CellOpen, CellUnseen, CellNone, CellCursor lipgloss.Style
	PhaseOpen                                                           lipgloss.Style

	TableHeader, TableSelected, TableCell lipgloss.Style

	Tab, TabActive lipgloss.Style
	Status, Input  lipgloss.Style
}

// NewStyles builds the styles. The colours adapt to a dark or light
// terminal; with NO_COLOR lipgloss drops them and the text markers remain.
func NewStyles() *Styles {
	accent := lipgloss.AdaptiveColor{Light: "#0063B1", Dark: "#4CC2FF"}
	subtle := lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	green := lipgloss.AdaptiveColor{Light: "#107C10", Dark: "#6CCB5F"}
	amber := lipgloss.AdaptiveColor{Light: "#986F0B", Dark: "#FCE100"}
	red := lipgloss.AdaptiveColor{Light: "#C50F1F", Dark: "#FF99A4"}
	base := lipgloss.NewStyle()
	s := &Styles{}
	s.App = base
	s.Title = base.Bold(true).Foreground(accent)
	s.Subtle = base.Foreground(subtle)
	s.Bold = base.Bold(true)
	s.Faint = base.Faint(true)
	s.Error = base.Foreground(red).Bold(true)
	s.OK = base.Foreground(green)
	s.Warn = base.Foreground(amber)

	s.StepActive = base.Bold(true).Foreground(accent).Underline(true)
	s.StepDone = base.Foreground(green)
	s.StepTodo = base.Foreground(subtle)
	s.StepSep = base.Foreground(subtle)

	s.SidebarBox = base.BorderStyle(lipgloss.NormalBorder()).BorderRight(true).BorderForeground(subtle).PaddingRight(1)
	s.SidebarItem = base
	s.SidebarActive = base.Bold(true).Foreground(accent)

	s.Question = base.Bold(true)
	s.Option = base
	s.OptionActive = base.Bold(true).Foreground(accent)
	s.OptionChosen = base.Foreground(green)
	s.Description = base.Foreground(subtle)
	s.Panel = base.BorderStyle(lipgloss.RoundedBorder()).BorderForeground(subtle).Padding(0, 1)
	s.PanelTitle = base.Bold(true).Foreground(accent)
	s.Facilitator = base.Italic(true).Foreground(amber)
	s.Explain = base.Foreground(green)

	s.CellBroken = base.Foreground(green)
	s.CellPartial = base.Foreground(accent)
	s.CellOpen = base.Foreground(red).Bold(true)
	s.CellUnseen = base.Foreground(amber)
	s.CellNone = base.Foreground(subtle)
	s.CellCursor = base.Reverse(true)
	s.PhaseOpen = base.Foreground(red).Bold(true)

	s.TableHeader = base.Bold(true).BorderStyle(lipgloss.NormalBorder()).BorderBottom(true).BorderForeground(subtle)
	s.TableSelected = base.Bold(true).Foreground(accent)
	s.TableCell = base

	s.Tab = base.Foreground(subtle).Padding(0, 1)
	s.TabActive = base.Bold(true).Foreground(accent).Padding(0, 1).Underline(true)
	s.Status = base.Foreground(subtle)
	s.Input = base.Foreground(accent)
	return s
}
