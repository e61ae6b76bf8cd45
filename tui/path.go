package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// The path through the assessment (issue 17): every question of every step
// on one list, a key that goes to the next one still open wherever it is,
// and a navigator that lists them all by step and layer with their state.

// qstate is where a question stands.
type qstate int

const (
	stOpen qstate = iota // no answer yet
	stParked
	stUnknown
	stNA
	stAnswered
)

// isOpen reports whether the question still needs an answer: unanswered
// or parked to come back to ("don't know" is an answer: it goes to the
// report's verify list).
func (s qstate) isOpen() bool { return s == stOpen || s == stParked }

// navItem is one question of the assessment, where it is asked.
type navItem struct {
	screen int    // index in Model.screens
	step   string // "1 Assess", "4 Fortify"
	layer  string
	q      *q.Question
	state  qstate
	level  int
}

// stepNames are the step bar's names, numbered as it numbers them.
func (m *Model) stepNames() []string {
	names := make([]string, len(m.screens))
	n := 0
	for i, sc := range m.screens {
		names[i] = sc.Title()
		if _, live := sc.(*liveScreen); !live && i < len(m.screens)-1 {
			n++
			names[i] = fmt.Sprintf("%d %s", n, sc.Title())
		}
	}
	return names
}

// questionList is every question the wizard asks, in the order of the
// path: step by step, and within a step layer by layer in the model's
// order (bank order inside a layer).
func (m *Model) questionList() []navItem {
	if m.s == nil {
		return nil
	}
	names := m.stepNames()
	r := m.s.Result()
	var out []navItem
	for i, sc := range m.screens {
		qs, ok := sc.(questionScreen)
		if !ok {
			continue
		}
		p := qs.questions()
		for _, l := range q.Layers {
			for _, g := range p.groups {
				for _, qq := range g.Qs {
					if qq.Layer != l {
						continue
					}
					it := navItem{screen: i, step: names[i], layer: m.s.Bank.LayerInfo(l).Name, q: qq}
					s, ok := r.Question(qq.ID)
					a := s.Answer
					switch {
					case !ok || a.Status == "":
						it.state = stOpen
					case a.Parked:
						it.state = stParked
					case a.Status == q.Unknown:
						it.state = stUnknown
					case a.Status == q.NotApplicable:
						it.state = stNA
					default:
						it.state, it.level = stAnswered, a.Level
					}
					out = append(out, it)
				}
			}
		}
	}
	return out
}

// here is the index in list of the question on screen, or -1.
func (m *Model) here(list []navItem) int {
	qs, ok := m.screens[m.cur].(questionScreen)
	if !ok {
		return -1
	}
	cur := qs.questions().current()
	if cur == nil || qs.questions().onProvider() {
		return -1
	}
	for i, it := range list {
		if it.screen == m.cur && it.q == cur {
			return i
		}
	}
	return -1
}

// openLeft counts the questions still open, anywhere.
func (m *Model) openLeft() int {
	n := 0
	for _, it := range m.questionList() {
		if it.state.isOpen() {
			n++
		}
	}
	return n
}

// nextOpen goes to the next open question after the one on screen, in the
// order of the path, from the start again past the end.
func (m *Model) nextOpen() tea.Cmd {
	list := m.questionList()
	at := m.here(list)
	for i := 1; i <= len(list); i++ {
		it := list[(at+i+len(list))%len(list)]
		if it.state.isOpen() && (at < 0 || it.q != list[at].q) {
			return m.jumpTo(it)
		}
	}
	m.flash = "Every question has an answer: the Report step writes the action plan."
	return m.goTo(len(m.screens) - 1)
}

// jumpTo shows a question on its step.
func (m *Model) jumpTo(it navItem) tea.Cmd {
	sc := m.screens[it.screen]
	qs, ok := sc.(questionScreen)
	if !ok || !qs.questions().show(it.q.ID) {
		return nil
	}
	showQuestions(sc)
	m.cur = it.screen
	return sc.Enter()
}

// stepLeft is what a step still has open, for the finish checklist.
type stepLeft struct {
	step                 string
	open, parked, unsure int
}

// leftByStep sums the open, parked and "don't know" questions per step.
func (m *Model) leftByStep() []stepLeft {
	var out []stepLeft
	for _, it := range m.questionList() {
		if len(out) == 0 || out[len(out)-1].step != it.step {
			out = append(out, stepLeft{step: it.step})
		}
		s := &out[len(out)-1]
		switch it.state {
		case stOpen:
			s.open++
		case stParked:
			s.parked++
		case stUnknown:
			s.unsure++
		}
	}
	return out
}

// navigator lists every question by step and layer with its state; enter
// goes to the one under the cursor.
type navigator struct {
	c      *Common
	all    []navItem
	onlyOp bool // only the open ones
	cursor int  // index in rows()
	top    int  // first row shown
}

func newNavigator(c *Common, list []navItem, at int) *navigator {
	n := &navigator{c: c, all: list}
	if at >= 0 {
		n.cursor = at
	}
	return n
}

func (n *navigator) rows() []navItem {
	if !n.onlyOp {
		return n.all
	}
	var out []navItem
	for _, it := range n.all {
		if it.state.isOpen() {
			out = append(out, it)
		}
	}
	return out
}

func (n *navigator) keys() (up, down, pgup, pgdn, home, end, only key.Binding) {
	return key.NewBinding(key.WithKeys("up", "k")), key.NewBinding(key.WithKeys("down", "j")),
		key.NewBinding(key.WithKeys("pgup", "[")), key.NewBinding(key.WithKeys("pgdown", "]")),
		key.NewBinding(key.WithKeys("home")), key.NewBinding(key.WithKeys("end")),
		key.NewBinding(key.WithKeys("u"))
}

func (n *navigator) shortHelp() []key.Binding {
	only := "only open"
	if n.onlyOp {
		only = "show all"
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to")),
		key.NewBinding(key.WithKeys("u"), key.WithHelp("u", only)),
		key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[ ]", "page")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// update handles a key; it returns the question to go to, if one was
// chosen, and whether the navigator closes.
func (n *navigator) update(msg tea.KeyMsg, page int) (*navItem, bool) {
	up, down, pgup, pgdn, home, end, only := n.keys()
	rows := n.rows()
	switch {
	case msg.Type == tea.KeyEsc || msg.String() == "g":
		return nil, true
	case msg.Type == tea.KeyEnter:
		if n.cursor < len(rows) {
			it := rows[n.cursor]
			return &it, true
		}
	case key.Matches(msg, up):
		n.cursor--
	case key.Matches(msg, down):
		n.cursor++
	case key.Matches(msg, pgup):
		n.cursor -= page
	case key.Matches(msg, pgdn):
		n.cursor += page
	case key.Matches(msg, home):
		n.cursor = 0
	case key.Matches(msg, end):
		n.cursor = len(rows) - 1
	case key.Matches(msg, only):
		var keep *q.Question
		if n.cursor < len(rows) {
			keep = rows[n.cursor].q
		}
		n.onlyOp = !n.onlyOp
		n.cursor = 0
		for i, it := range n.rows() {
			if it.q == keep {
				n.cursor = i
			}
		}
	}
	n.cursor = min(max(n.cursor, 0), max(len(n.rows())-1, 0))
	return nil, false
}

// stateMark is a question's state in a word or two, readable without
// colour.
func stateMark(it navItem) string {
	switch it.state {
	case stParked:
		return "parked "
	case stUnknown:
		return "? d/k  "
	case stNA:
		return "– n/a  "
	case stAnswered:
		return fmt.Sprintf("● L%d   ", it.level)
	}
	return "○ open "
}

// view draws the list in w×h: a heading, then rows with a step and layer
// heading wherever they change, the cursor kept in sight, and a position
// line when the list is longer than the screen.
func (n *navigator) view(w, h int) string {
	st := n.c.Styles
	rows := n.rows()
	open := 0
	for _, it := range n.all {
		if it.state.isOpen() {
			open++
		}
	}
	head := fmt.Sprintf("Every question · %d of %d answered · %d open", len(n.all)-open, len(n.all), open)
	if n.onlyOp {
		head = fmt.Sprintf("Open questions · %d of %d", open, len(n.all))
	}
	// lines: a heading line before each new step/layer; remember which
	// line each row is on
	var lines []string
	at := make([]int, len(rows))
	prev := ""
	for i, it := range rows {
		if g := it.step + " › " + it.layer; g != prev {
			lines = append(lines, st.Bold.Render(trunc(g, w)))
			prev = g
		}
		at[i] = len(lines)
		cur, style := "  ", st.Option
		if i == n.cursor {
			cur, style = "› ", st.OptionActive
		} else if it.state.isOpen() {
			style = st.Warn
		}
		text := it.q.Text
		if n.c.Plain {
			text = it.q.Plain() // the words the question panel uses
		}
		lines = append(lines, style.Render(trunc(cur+stateMark(it)+text, w)))
	}
	if len(rows) == 0 {
		lines = append(lines, st.OK.Render("Nothing open: every question has an answer."))
	}
	body := h - 2 // heading and blank line
	out := []string{st.Title.Render(trunc(head, w)), ""}
	if len(lines) <= body {
		return block(append(out, lines...), h)
	}
	body-- // the position line
	if len(rows) > 0 {
		c := at[n.cursor]
		if c-1 < n.top { // keep the heading above the cursor in sight
			n.top = max(c-1, 0)
		}
		if c >= n.top+body {
			n.top = c - body + 1
		}
	}
	n.top = min(max(n.top, 0), len(lines)-body)
	out = append(out, lines[n.top:n.top+body]...)
	out = append(out, scrollLine(n.top, body, len(lines), w, st.Subtle.Render))
	return block(out, h)
}

// scrollLine says which lines of a long view show, and that there is more
// above or below.
func scrollLine(top, shown, total, w int, render func(...string) string) string {
	arrows := ""
	if top > 0 {
		arrows += "↑"
	}
	if top+shown < total {
		arrows += "↓"
	}
	s := fmt.Sprintf("%s lines %d–%d of %d", arrows, top+1, min(top+shown, total), total)
	return render(trunc(strings.TrimSpace(s), w))
}
