package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// prioritizeScreen is step 3: the ranked plan (accept, defer, reorder, set
// owners and dates), the 30/60/90-day roadmap and the questions on
// security in every stage of delivery.
type prioritizeScreen struct {
	c     *Common
	s     *Session
	tabs  tabs
	table grid
	items []scoring.PlanItem
	panel qpanel
	// tableH is the height last given to the table.
	tableH int

	// what moved since the ranking was last seen (prioritize_moved.go)
	seen  map[string]int
	marks map[string]string
	moved string
	own   bool

	notice  string // said once about the last change (a past due date)
	open    int    // questions still open anywhere, at the last refresh
	editing string // "owner" or "due" while a field is open
	detail  bool   // the highlighted action whole (prioritize_card.go)
	input   textinput.Model
	errMsg  string
	w, h    int
}

const (
	tabActions = iota
	tabRoadmap
	tabDelivery
)

func newPrioritizeScreen(c *Common, s *Session) *prioritizeScreen {
	t := newGrid(table.Styles{
		Header:   c.Styles.TableHeader.Padding(0, 1),
		Selected: c.Styles.TableSelected,
	}, "›")
	in := textinput.New()
	in.CharLimit = 80
	p := &prioritizeScreen{c: c, s: s, table: t, input: in,
		tabs:  tabs{names: []string{"Actions", "30/60/90 days", "Delivery questions"}},
		panel: newQPanel(c, s, byDomain(s, asked(s, 3)), nil)}
	return p
}

func (p *prioritizeScreen) Title() string   { return "Prioritize" }
func (p *prioritizeScreen) Capturing() bool { return p.editing != "" || p.panel.editing != editNone }
func (p *prioritizeScreen) Enter() tea.Cmd {
	p.refresh()
	return nil
}

func (p *prioritizeScreen) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layoutTable()
}

func (p *prioritizeScreen) questions() *qpanel          { return &p.panel }
func (p *prioritizeScreen) progress() (done, total int) { return p.panel.answered(), p.panel.count() }

func (p *prioritizeScreen) layoutTable() {
	w := p.w
	owner := 16
	if w < 100 {
		owner = 10
	}
	fixed := 5 + 3 + 5 + 9 + owner + 11 + 7*2
	p.table.SetColumns([]table.Column{
		{Title: "#", Width: 5},
		{Title: "Action", Width: max(w-fixed-1, 12)},
		{Title: "Eff", Width: 3},
		{Title: "Prio", Width: 5},
		{Title: "Status", Width: 9},
		{Title: "Owner", Width: owner},
		{Title: "Due", Width: 11},
	})
	p.table.SetWidth(w)
	p.tableH = max(p.h-9, 3)
	p.table.SetHeight(p.tableH)
}

// refresh rebuilds the rows from the scored plan, keeping the cursor on
// the same action (after a defer or done: on the same row).
func (p *prioritizeScreen) refresh() {
	var sel string
	row := p.table.Cursor()
	if row >= 0 && row < len(p.items) {
		sel = p.items[row].Action.ID
	}
	p.items = p.s.Result().Actions
	p.noteMoves()
	p.open = 0
	if p.c.OpenLeft != nil {
		p.open = p.c.OpenLeft()
	}
	cur := 0
	for i, it := range p.items {
		if it.Action.ID == sel {
			cur = i
		}
	}
	p.setRows(cur)
}

func (p *prioritizeScreen) setRows(cur int) {
	rows := make([][]string, len(p.items))
	for i, it := range p.items {
		rank := fmt.Sprint(it.Rank)
		if it.Rank == 0 {
			rank = "–"
		}
		rank += p.marks[it.Action.ID]
		status := planStatus(it)
		due := ""
		if !it.Due.IsZero() {
			due = showDate(it.Due)
		}
		rows[i] = []string{rank, it.Action.Title, string(it.Action.Effort), fmt.Sprintf("%.1f", it.Priority), status, it.Owner, due}
	}
	p.table.SetRows(rows)
	if h := min(len(rows)+2, max(p.h-9, 3)); h != p.tableH {
		p.tableH = h
		p.table.SetHeight(h)
	}
	p.table.SetCursor(cur)
}

func (p *prioritizeScreen) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch {
	case p.editing != "":
		return []key.Binding{withHelp(k.Choose, "keep"), withHelp(k.Back, "cancel")}
	case p.tabs.i == tabDelivery:
		return append([]key.Binding{k.View}, p.panel.shortHelp()...)
	case p.tabs.i == tabRoadmap:
		return []key.Binding{k.View}
	case p.detail:
		return []key.Binding{withHelp(k.Up, "previous action"), withHelp(k.Down, "next action"), withHelp(k.Back, "back to the list")}
	}
	return []key.Binding{k.Up, k.Down, withHelp(k.Choose, "whole action"), k.Accept, k.Defer, k.Done, k.Owner, k.Due, k.MoveUp, k.MoveDown, k.View}
}

func (p *prioritizeScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.ShortHelp()}
}

func (p *prioritizeScreen) Update(msg tea.Msg) tea.Cmd {
	k := p.c.Keys
	if _, ok := msg.(tickMsg); ok {
		var cmd tea.Cmd
		p.panel, cmd = p.panel.update(msg)
		return cmd
	}
	m, ok := msg.(tea.KeyMsg)
	if p.panel.editing == editForm {
		// the exception or evidence form gets every message
		var cmd tea.Cmd
		p.panel, cmd = p.panel.update(msg)
		return cmd
	}
	if !ok {
		if p.editing != "" {
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			return cmd
		}
		return nil
	}
	if p.editing != "" {
		switch m.Type {
		case tea.KeyEnter:
			return p.commit()
		case tea.KeyEsc:
			p.editing, p.errMsg = "", ""
			p.input.Blur()
			return nil
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	p.notice = ""
	if key.Matches(m, k.View) && p.panel.editing == editNone {
		p.tabs.next()
		p.detail = false
		if p.tabs.i == tabActions {
			p.refresh()
		}
		return nil
	}
	switch p.tabs.i {
	case tabDelivery:
		var cmd tea.Cmd
		p.panel, cmd = p.panel.update(msg)
		return cmd
	case tabRoadmap:
		return nil
	}
	cur := p.table.Cursor()
	if p.detail {
		switch {
		case key.Matches(m, k.Back), key.Matches(m, k.Choose):
			p.detail = false
		case key.Matches(m, k.Up):
			p.table.MoveUp(1)
		case key.Matches(m, k.Down):
			p.table.MoveDown(1)
		}
		return nil
	}
	switch {
	case key.Matches(m, k.Choose) && cur < len(p.items):
		p.detail = true
	case key.Matches(m, k.Up):
		p.table.MoveUp(1)
	case key.Matches(m, k.Down):
		p.table.MoveDown(1)
	case cur < 0 || cur >= len(p.items):
	case key.Matches(m, k.Accept):
		return p.setStatus(cur, "accepted")
	case key.Matches(m, k.Defer):
		return p.setStatus(cur, "deferred")
	case key.Matches(m, k.Done):
		return p.setStatus(cur, "done")
	case key.Matches(m, k.MoveUp):
		return p.reorder(cur, -1)
	case key.Matches(m, k.MoveDown):
		return p.reorder(cur, 1)
	case key.Matches(m, k.Owner):
		p.editing = "owner"
		p.input.Prompt = "Owner: "
		p.input.Placeholder = p.items[cur].Action.Owner + " (the action's usual owner)"
		p.input.Width = max(p.w-len(p.input.Prompt)-2, 10)
		p.input.SetValue(p.items[cur].Decision.Owner)
		p.input.CursorEnd()
		return p.input.Focus()
	case key.Matches(m, k.Due):
		p.editing = "due"
		p.input.Prompt = "Due (YYYY-MM-DD): "
		p.input.Placeholder = "empty: from the roadmap"
		v := ""
		if due := p.items[cur].Decision.Due; !due.IsZero() {
			v = due.Format(dateLayout)
		}
		p.input.Width = max(p.w-len(p.input.Prompt)-2, 10)
		p.input.SetValue(v)
		p.input.CursorEnd()
		return p.input.Focus()
	}
	return nil
}

// decide records a decision on an action, saves it and re-ranks the plan:
// the cursor stays on the action (after a change of group, on the row).
func (p *prioritizeScreen) decide(id string, change func(st *q.ActionState)) tea.Cmd {
	cmd := p.s.editActions(p.c.Now(), func(acts map[string]q.ActionState) {
		st := acts[id]
		change(&st)
		acts[id] = st
	})
	p.own = true
	p.refresh()
	return cmd
}

func (p *prioritizeScreen) setStatus(i int, status string) tea.Cmd {
	it := p.items[i]
	next := status
	if it.Decision.Status == status {
		next = ""
	}
	// a change of group (deferred, done, or back) moves the action; the
	// cursor goes with it, so what was just decided stays in sight (on
	// the row, another action came under the cursor: issue 17)
	return p.decide(it.Action.ID, func(st *q.ActionState) { st.Status = next })
}

func planGroup(status string) int {
	switch status {
	case "deferred":
		return 1
	case "done":
		return 2
	}
	return 0
}

// reorder moves an action one place within its group (proposed and
// accepted, deferred, done): every action gets its place as its order, then
// two neighbours swap.
func (p *prioritizeScreen) reorder(i, delta int) tea.Cmd {
	j := i + delta
	if j < 0 || j >= len(p.items) || planGroup(p.items[i].Status) != planGroup(p.items[j].Status) {
		return nil
	}
	ids := make([]string, len(p.items))
	for n, it := range p.items {
		ids[n] = it.Action.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	cmd := p.s.editActions(p.c.Now(), func(acts map[string]q.ActionState) {
		for n, id := range ids {
			st := acts[id]
			st.Order = n + 1
			acts[id] = st
		}
	})
	p.refresh()
	return cmd
}

func (p *prioritizeScreen) commit() tea.Cmd {
	cur := p.table.Cursor()
	if cur < 0 || cur >= len(p.items) {
		p.editing = ""
		return nil
	}
	id := p.items[cur].Action.ID
	val := strings.TrimSpace(p.input.Value())
	field := p.editing
	var due time.Time
	if field == "due" && val != "" {
		t, err := parseDate(val)
		if err != nil {
			// the example is a date ahead, never one already past
			p.errMsg = "Use YYYY-MM-DD, for example " + p.c.Now().AddDate(0, 1, 0).Format(dateLayout) + "."
			return nil
		}
		due = t
	}
	p.notice = ""
	if today := p.c.Now(); !due.IsZero() && due.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, due.Location())) {
		// kept (an overdue action is a fact to record), but said
		p.notice = fmt.Sprintf("Due %s is already past: the plan shows the action as overdue.", showDate(due))
	}
	p.editing, p.errMsg = "", ""
	p.input.Blur()
	return p.decide(id, func(st *q.ActionState) {
		switch field {
		case "owner":
			st.Owner = val
		case "due":
			st.Due = due
		}
	})
}

func (p *prioritizeScreen) View() string {
	st := p.c.Styles
	out := []string{p.tabs.view(p.c), ""}
	h := p.h - 2
	switch {
	case p.tabs.i != tabActions:
	case p.moved != "":
		out[1] = st.Warn.Render(trunc(p.moved, p.w))
	case p.open > 0:
		// the plan is ranked from the answers so far, and says so
		out[1] = st.Subtle.Render(trunc(fmt.Sprintf("Ranked from the answers so far: %s still open (N goes there).", plural(p.open, "question")), p.w))
	}
	switch p.tabs.i {
	case tabDelivery:
		return block(append(out, p.panel.view(p.w, h)), p.h)
	case tabRoadmap:
		return block(fit(append(out, p.roadmapView(p.w, h)...), p.w, p.h), p.h)
	}
	if p.detail && p.table.Cursor() < len(p.items) {
		return strings.Join(append(out, p.card(p.items[p.table.Cursor()], p.w)...), "\n")
	}
	if len(p.items) == 0 {
		out = append(out, st.Subtle.Render("No actions yet: answer questions below target and they appear here, ranked."))
		return block(out, p.h)
	}
	// the table scrolls itself; where it is longer than its room, say
	// where the cursor is (it said nothing at issue 17)
	pos := ""
	if len(p.items) > p.tableH-1 {
		pos = p.c.Styles.Subtle.Render(trunc(fmt.Sprintf("action %d of %d · ↑↓ scroll the list", p.table.Cursor()+1, len(p.items)), p.w))
	}
	out = append(out, p.table.View(), pos)
	if p.editing != "" {
		out = append(out, p.input.View())
		if p.errMsg != "" {
			out = append(out, st.Error.Render(trunc(p.errMsg, p.w)))
		}
	} else if cur := p.table.Cursor(); cur >= 0 && cur < len(p.items) {
		if p.notice != "" {
			out = append(out, st.Warn.Render(trunc(p.notice, p.w)))
		}
		it := p.items[cur]
		why := fmt.Sprintf("Priority %.2f = %s", it.Priority, reports.FactorText(it))
		if p.c.Mode == ModeSelf {
			why = plainWhy(it)
		}
		if it.QuickWin {
			why = "Quick win. " + why
		}
		var more []string
		for _, l := range wrap(why, p.w) {
			more = append(more, st.Subtle.Render(l))
		}
		more = append(more, wrap(it.Action.Detail, p.w)...)
		// what does not fit under the table is counted, never cut silently
		used := 0
		for _, l := range out {
			used += strings.Count(l, "\n") + 1
		}
		if room := p.h - used; len(more) > room && room >= 2 {
			hidden := len(more) - (room - 1)
			more = append(more[:room-1], st.Subtle.Render(trunc(fmt.Sprintf("… %d more lines of this action: enter shows it whole", hidden), p.w)))
		}
		out = append(out, more...)
	}
	return block(fit(out, p.w, p.h), p.h)
}

func (p *prioritizeScreen) roadmapView(w, h int) []string {
	st := p.c.Styles
	r := p.s.Result()
	buckets := []int{30, 60, 90}
	lists := make([][]string, len(buckets))
	cw := w
	if w >= 100 {
		cw = w/3 - 2
	}
	for i, d := range buckets {
		items := r.Roadmap(d)
		l := []string{st.Bold.Render(fmt.Sprintf("Within %d days (%d)", d, len(items)))}
		for _, it := range items {
			owner := it.Owner
			if owner == "" {
				owner = "no owner"
			}
			l = append(l, trunc(fmt.Sprintf("%2d %s", it.Rank, it.Action.Title), cw))
			l = append(l, st.Subtle.Render(trunc(fmt.Sprintf("   %s · %s · %s", it.Action.Effort, owner, dueWords(it)), cw)))
		}
		if len(items) == 0 {
			l = append(l, st.Subtle.Render("nothing"))
		}
		lists[i] = l
	}
	var later []string
	if n := len(r.Roadmap(scoring.LaterDays)); n > 0 {
		later = append(later, st.Subtle.Render(trunc(fmt.Sprintf("After 90 days: %s wait in the backlog, in rank order, for the team's capacity (see Actions).", plural(n, "action")), w)))
		h--
	}
	if n := len(r.Licensing()); n > 0 {
		// not roadmap work: a licensing decision
		later = append(later, st.Subtle.Render(trunc(fmt.Sprintf("%s wait for a licence the organization lacks: a decision, not scheduled (see Actions).", plural(n, "action")), w)))
		h--
	}
	if w >= 100 {
		out := columns(lists[0], cw, "  ", columns(lists[1], cw, "  ", lists[2]))
		if len(later) > 0 {
			out = append(append(out, ""), later...)
		}
		return out
	}
	// Share the lines: a short bucket keeps all of its own, the longest
	// give up lines until the three fit.
	need := []int{len(lists[0]), len(lists[1]), len(lists[2])}
	for need[0]+need[1]+need[2] > h {
		big := 0
		for i := range need {
			if need[i] > need[big] {
				big = i
			}
		}
		if need[big] <= 2 {
			break
		}
		need[big]--
	}
	var out []string
	for i, l := range lists {
		if len(l) > need[i] {
			more := (len(l) - need[i] + 2) / 2
			l = append(l[:need[i]-1:need[i]-1], st.Subtle.Render(fmt.Sprintf("   … %d more", more)))
		}
		out = append(out, l...)
	}
	return append(out, later...)
}

// dueWords is an action's due date, or where it waits without one.
// planStatus is an action's status word in the list: the report's
// (covered by a step this week, a licensing decision) before the
// organization's decision, "quick win" or "proposed" when there is none.
func planStatus(it scoring.PlanItem) string {
	status := reports.PlanStatus(it)
	switch {
	case status == "" && it.QuickWin:
		return "quick win"
	case status == "":
		return "proposed"
	}
	return status
}

func dueWords(it scoring.PlanItem) string {
	if it.Due.IsZero() {
		if it.Licensing {
			return "needs a licence you lack"
		}
		if it.Days == scoring.LaterDays {
			return "backlog"
		}
		return "no date"
	}
	return "due " + showDate(it.Due)
}

// plainWhy says why an action ranks where it does without the formula's
// jargon (self-assessment mode).
func plainWhy(it scoring.PlanItem) string {
	gap, open := 0, map[q.Phase]bool{}
	for _, c := range it.Contributions {
		gap += c.Gap
		for _, ph := range c.OpenPhases {
			open[ph] = true
		}
	}
	effort := map[q.Effort]string{q.EffortS: "small", q.EffortM: "medium", q.EffortL: "large"}[it.Action.Effort]
	s := fmt.Sprintf("Why here: it lifts %s by %d maturity levels in all", plural(len(it.Contributions), "answer"), gap)
	if len(open) > 0 {
		s += fmt.Sprintf(", helps stop %s of an attack that nothing stops yet", plural(len(open), "step"))
	}
	return s + fmt.Sprintf(", and the effort is %s.", effort)
}
