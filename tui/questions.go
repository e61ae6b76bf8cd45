package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// qgroup is one section of questions: a layer in step 1, a domain later.
type qgroup struct {
	ID, Name string
	Qs       []*q.Question
}

type editField int

const (
	editNone editField = iota
	editNote
	editSpeaker
	editForm // an exception or evidence form
)

// tickMsg drives the workshop's section timer, once a second.
type tickMsg time.Time

func tickCmd() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// qpanel asks a list of questions, section by section: the heart of steps
// 1, 3, 4 and 5.
type qpanel struct {
	c *Common
	s *Session

	groups   []qgroup
	provider []q.ProviderItem // "Microsoft's side", shown after the last section
	gi, qi   int              // section and question; gi == len(groups) is the provider list
	cursor   int              // highlighted answer, or provider item

	why     bool
	explain bool // training: the explanation of the answer just given
	finish  bool // every question of the panel has been passed

	editing editField
	input   textinput.Model // the speaker
	note    textarea.Model  // a note: several lines

	// the exception or evidence form on the current answer
	form     *huh.Form
	formKind formKind
	exIn     *exceptionInput
	evIn     *evidenceInput
	live     []liveItem
	flash    string

	lastTick time.Time
	// step is the title of the step the panel belongs to: its sections'
	// timers are kept under it (timerKey)
	step string
}

// presenting reports whether the question is drawn in the presenter's
// layout, which fits itself to the screen (presenterView).
func (p qpanel) presenting() bool {
	// a note or the speaker is typed in the presenter's layout: the room
	// never sees the facilitator's pane
	editing := p.editing != editNone && p.editing != editNote && p.editing != editSpeaker
	return p.c.Presenter && !p.onProvider() && !editing && !p.explain
}

func newQPanel(c *Common, s *Session, groups []qgroup, provider []q.ProviderItem) qpanel {
	var gs []qgroup
	for _, g := range groups {
		if len(g.Qs) > 0 {
			gs = append(gs, g)
		}
	}
	in := textinput.New()
	in.CharLimit = 500
	p := qpanel{c: c, s: s, groups: gs, provider: provider, input: in, note: newNoteArea()}
	p.syncCursor()
	return p
}

// count is the number of questions in the panel.
func (p qpanel) count() int {
	n := 0
	for _, g := range p.groups {
		n += len(g.Qs)
	}
	return n
}

// answered counts the panel's questions with an answer that is not parked.
func (p qpanel) answered() int {
	r, n := p.s.Result(), 0
	for _, g := range p.groups {
		for _, qq := range g.Qs {
			if s, ok := r.Question(qq.ID); ok && s.Answered() {
				n++
			}
		}
	}
	return n
}

// score is a question of the panel as the result scores it.
func (p qpanel) score(qq *q.Question) scoring.QuestionScore {
	s, _ := p.s.Result().Question(qq.ID)
	return s
}

func (p qpanel) current() *q.Question {
	if p.gi < len(p.groups) && p.qi < len(p.groups[p.gi].Qs) {
		return p.groups[p.gi].Qs[p.qi]
	}
	return nil
}

func (p qpanel) onProvider() bool { return p.gi >= len(p.groups) }

// firstUnanswered moves to the first question without an answer and
// reports whether there was one.
func (p *qpanel) firstUnanswered() bool {
	for gi, g := range p.groups {
		if i := firstOpen(p.s.Result(), g.Qs); i < len(g.Qs) {
			p.gi, p.qi = gi, i
			p.syncCursor()
			return true
		}
	}
	return false
}

// show moves to the question with the given id and reports whether the
// panel asks it.
func (p *qpanel) show(id string) bool {
	for gi, g := range p.groups {
		for qi, qq := range g.Qs {
			if qq.ID == id {
				p.gi, p.qi = gi, qi
				p.why, p.explain, p.finish = false, false, false
				p.syncCursor()
				return true
			}
		}
	}
	return false
}

// parkedCount is the number of the panel's questions parked to discuss.
func (p qpanel) parkedCount() int {
	n := 0
	for _, g := range p.groups {
		for _, qq := range g.Qs {
			if p.score(qq).Answer.Parked {
				n++
			}
		}
	}
	return n
}

// nextParked moves to the next question parked to discuss after the
// current one, from the top again past the last, and reports whether
// there was one.
func (p *qpanel) nextParked() bool {
	var all []*q.Question
	at := -1
	for gi, g := range p.groups {
		for qi, qq := range g.Qs {
			if gi == p.gi && qi == p.qi {
				at = len(all)
			}
			all = append(all, qq)
		}
	}
	for i := 1; i <= len(all); i++ {
		qq := all[(at+i+len(all))%len(all)]
		if p.score(qq).Answer.Parked {
			return p.show(qq.ID)
		}
	}
	return false
}

// items is the number of answers offered: the options, don't know, n/a.
func (p qpanel) items() int {
	if qq := p.current(); qq != nil {
		return len(qq.Options) + 2
	}
	return len(p.provider)
}

// syncCursor puts the cursor on the current answer, if any.
func (p *qpanel) syncCursor() {
	p.cursor = 0
	qq := p.current()
	if qq == nil {
		return
	}
	sc := p.score(qq)
	if !sc.Answered() {
		return
	}
	a := sc.Answer
	switch a.Status {
	case q.Unknown:
		p.cursor = len(qq.Options)
	case q.NotApplicable:
		p.cursor = len(qq.Options) + 1
	default:
		for i, o := range qq.Options {
			if o.Level == a.Level {
				p.cursor = i
			}
		}
	}
}

func (p *qpanel) move(delta int) {
	p.explain, p.finish = false, false
	switch {
	case p.onProvider() && delta < 0 && len(p.groups) > 0:
		p.gi = len(p.groups) - 1
		p.qi = len(p.groups[p.gi].Qs) - 1
	case p.onProvider():
		return
	default:
		p.qi += delta
		if p.qi < 0 {
			if p.gi == 0 {
				p.qi = 0
			} else {
				p.gi--
				p.qi = len(p.groups[p.gi].Qs) - 1
			}
		} else if p.qi >= len(p.groups[p.gi].Qs) {
			if p.gi+1 < len(p.groups) {
				p.gi++
				p.qi = 0
			} else {
				p.qi = len(p.groups[p.gi].Qs) - 1
				p.finish = true
			}
		}
	}
	p.syncCursor()
}

func (p *qpanel) section(delta int) {
	n := len(p.groups)
	if len(p.provider) > 0 {
		n++
	}
	if n == 0 {
		return
	}
	p.gi = min(max(p.gi+delta, 0), n-1)
	p.qi = 0
	p.explain, p.finish = false, false
	p.syncCursor()
}

// sectionID names the section the timer charges.
func (p qpanel) sectionID() string {
	if p.onProvider() {
		return "provider"
	}
	return p.groups[p.gi].ID
}

// answer records the highlighted answer, saves, and moves on (or, in
// training, explains first).
func (p *qpanel) answer(item int) tea.Cmd {
	qq := p.current()
	if qq == nil {
		return nil
	}
	now := p.c.Now()
	cmd := p.s.edit(now, func(doc *q.Assessment) {
		// Start from the old answer so what this screen does not edit (the
		// note, an exception recorded elsewhere) survives a change of level.
		a := doc.Answers[qq.ID]
		a.When, a.Parked, a.Level = now, false, 0
		switch {
		case item < len(qq.Options):
			a.Status, a.Level = q.Answered, qq.Options[item].Level
		case item == len(qq.Options):
			a.Status = q.Unknown
		default:
			a.Status = q.NotApplicable
		}
		if p.s.Speaker != "" {
			a.Who = p.s.Speaker
		}
		if a.Exception != nil && a.Exception.Kind == q.Compensating && a.Status != q.Answered {
			// a compensating control grants a level; "don't know" and "not
			// applicable" have none, and a saved file with both is refused
			a.Exception = nil
			p.flash = "The compensating control on that answer was removed: it grants a level, and \"don't know\" or \"not applicable\" has none."
		}
		doc.SetAnswer(qq.ID, a, now)
	})
	p.cursor = item
	if p.c.Mode == ModeTraining {
		p.explain = true
		return cmd
	}
	p.move(1)
	return cmd
}

// park sets a question aside to come back to (workshop). A parked question
// counts as unanswered: resume lands on it.
func (p *qpanel) park() tea.Cmd {
	qq := p.current()
	if qq == nil {
		return nil
	}
	now := p.c.Now()
	parked := false
	cmd := p.s.edit(now, func(doc *q.Assessment) {
		a, ok := doc.Answers[qq.ID]
		if !ok {
			a = q.Answer{Status: q.Unknown}
		}
		a.Parked = !a.Parked
		a.When = now
		parked = a.Parked
		doc.SetAnswer(qq.ID, a, now)
	})
	if parked {
		p.move(1)
	}
	return cmd
}

// newNoteArea is the note editor: several lines, soft-wrapped to the
// panel, scrolled to the cursor. enter keeps the note (as everywhere in
// the wizard); alt+enter or ctrl+j starts a new line.
func newNoteArea() textarea.Model {
	ta := textarea.New()
	ta.CharLimit = 4000
	ta.ShowLineNumbers = false
	ta.Prompt = "┃ "
	ta.Placeholder = "what was said, what to check (alt+enter: new line)"
	ta.KeyMap.InsertNewline = key.NewBinding(key.WithKeys("alt+enter", "ctrl+j"))
	ta.SetHeight(4)
	return ta
}

// mainWidth is the width of the question column, as view lays it out.
func (p qpanel) mainWidth() int {
	w := p.c.Width
	if p.c.Wide() {
		w -= 30
	}
	if p.c.Mode == ModeWorkshop && p.c.Width >= 120 {
		w -= 35
	}
	return max(w, 20)
}

func (p *qpanel) startEdit(f editField) tea.Cmd {
	p.editing = f
	w := p.mainWidth()
	if p.presenting() {
		w = p.c.Width - 2*presenterMargin(p.c.Width)
	}
	switch f {
	case editNote:
		p.note.Reset()
		p.note.SetWidth(w)
		if qq := p.current(); qq != nil {
			p.note.SetValue(p.score(qq).Answer.Note)
		}
		return p.note.Focus()
	case editSpeaker:
		p.input.Reset()
		p.input.Prompt = "Speaker: "
		p.input.Placeholder = "who is talking (name, role)"
		// a width makes the field scroll to the cursor
		p.input.Width = max(w-len(p.input.Prompt)-1, 10)
		p.input.SetValue(p.s.Speaker)
		p.input.CursorEnd()
	}
	return p.input.Focus()
}

// keepTyping keeps what is being typed in a note or the speaker field, as
// enter would: ctrl+c saves and quits, and must not throw a note away.
func (p *qpanel) keepTyping() tea.Cmd {
	if p.editing != editNote && p.editing != editSpeaker {
		return nil
	}
	return p.commitEdit()
}

// commitEdit stores the note or speaker. A note on an unanswered question
// parks it, so the note is saved and the question still comes back.
func (p *qpanel) commitEdit() tea.Cmd {
	f := p.editing
	p.editing = editNone
	p.input.Blur()
	p.note.Blur()
	val := strings.TrimSpace(p.input.Value())
	if f == editNote {
		val = strings.TrimSpace(p.note.Value())
	}
	switch f {
	case editSpeaker:
		p.s.Speaker = val
		// kept across sittings: the edit carries it (Session.carry)
		return p.s.edit(p.c.Now(), func(*q.Assessment) {})
	case editNote:
		qq := p.current()
		if qq == nil {
			return nil
		}
		now := p.c.Now()
		if p.score(qq).Answer.Status == "" && val == "" {
			return nil // no answer, no note: nothing to keep
		}
		return p.s.edit(now, func(doc *q.Assessment) {
			a, ok := doc.Answers[qq.ID]
			if !ok {
				a = q.Answer{Status: q.Unknown, Parked: true}
			}
			a.Note = val
			if p.s.Speaker != "" && val != "" {
				a.Who = p.s.Speaker
			}
			a.When = now
			doc.SetAnswer(qq.ID, a, now)
		})
	}
	return nil
}

func (p qpanel) update(msg tea.Msg) (qpanel, tea.Cmd) {
	k := p.c.Keys
	if _, tick := msg.(tickMsg); p.editing == editForm && !tick {
		return p, p.updateForm(msg)
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		p.flash = ""
	}
	switch msg := msg.(type) {
	case tickMsg:
		// The clock, not the tick's own time, so a test's fixed clock
		// keeps the timer still.
		t := p.c.Now()
		if !p.lastTick.IsZero() && len(p.groups) > 0 {
			p.s.timers[timerKey(p.step, p.sectionID())] += t.Sub(p.lastTick)
		}
		p.lastTick = t
		return p, nil
	case tea.KeyMsg:
		if p.editing != editNone {
			switch {
			case msg.Type == tea.KeyEnter && !msg.Alt:
				return p, p.commitEdit()
			case msg.Type == tea.KeyEsc:
				p.editing = editNone
				p.input.Blur()
				p.note.Blur()
				return p, nil
			}
			var cmd tea.Cmd
			if p.editing == editNote {
				p.note, cmd = p.note.Update(msg)
			} else {
				p.input, cmd = p.input.Update(msg)
			}
			return p, cmd
		}
		if p.explain {
			if key.Matches(msg, k.Choose, k.Right, k.Back) {
				p.explain = false
				p.move(1)
				return p, nil
			}
		}
		switch {
		case key.Matches(msg, k.Up):
			if p.cursor > 0 {
				p.cursor--
			}
		case key.Matches(msg, k.Down):
			if p.cursor < p.items()-1 {
				p.cursor++
			}
		case key.Matches(msg, k.Left):
			p.move(-1)
		case key.Matches(msg, k.Right):
			p.move(1)
		case key.Matches(msg, k.NextSection):
			p.section(1)
		case key.Matches(msg, k.PrevSec):
			p.section(-1)
		case p.onProvider():
			// the provider list only scrolls
		case key.Matches(msg, k.Choose):
			return p, p.answer(p.cursor)
		case key.Matches(msg, k.Level):
			lvl := int(msg.String()[0] - '0')
			if qq := p.current(); qq != nil {
				var have []string
				for i, o := range qq.Options {
					if o.Level == lvl {
						return p, p.answer(i)
					}
					have = append(have, fmt.Sprint(o.Level))
				}
				// not every question has all six levels: say so rather
				// than ignore the key
				p.flash = fmt.Sprintf("This question has no level %d: press %s, d (don't know) or x (n/a).", lvl, joinOr(have))
			}
		case key.Matches(msg, k.DontKnow):
			if qq := p.current(); qq != nil {
				return p, p.answer(len(qq.Options))
			}
		case key.Matches(msg, k.NA):
			if qq := p.current(); qq != nil {
				return p, p.answer(len(qq.Options) + 1)
			}
		case key.Matches(msg, k.Why):
			p.why = !p.why
		case key.Matches(msg, k.Note):
			return p, p.startEdit(editNote)
		case key.Matches(msg, k.Park) && p.c.Mode == ModeWorkshop:
			return p, p.park()
		case key.Matches(msg, k.Who) && p.c.Mode == ModeWorkshop:
			return p, p.startEdit(editSpeaker)
		case key.Matches(msg, k.NextParked) && p.c.Mode == ModeWorkshop:
			if !p.nextParked() {
				p.flash = "Nothing parked: p parks the question on screen to come back to."
			}
		case key.Matches(msg, k.Compensating):
			return p, p.openForm(formCompensating)
		case key.Matches(msg, k.RiskAccept):
			return p, p.openForm(formRisk)
		case key.Matches(msg, k.Evidence):
			return p, p.openForm(formEvidence)
		}
	}
	return p, nil
}

func (p qpanel) shortHelp() []key.Binding {
	k := p.c.Keys
	if p.editing == editForm {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next/done")),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			withHelp(k.Back, "cancel"),
		}
	}
	if p.editing == editNote {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
			key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", "new line")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	if p.editing != editNone {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	if p.explain {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next question"))}
	}
	if p.onProvider() {
		if p.c.Mode == ModeWorkshop && p.parkedCount() > 0 {
			return []key.Binding{k.Up, k.Down, k.PrevSec, k.NextParked}
		}
		return []key.Binding{k.Up, k.Down, k.PrevSec}
	}
	bs := []key.Binding{k.Level, k.DontKnow, k.NA, k.Why, k.Note}
	if p.c.Mode == ModeWorkshop {
		// where the footer is short of room the keys on the right give
		// way: a facilitator needs note and park before why and speaker
		bs = []key.Binding{k.Level, k.DontKnow, k.NA, k.Note, k.Park, k.Why, k.Who}
		if p.parkedCount() > 0 {
			bs = append(bs, k.NextParked)
		}
	}
	return append(bs, k.Left, k.Right)
}

func (p qpanel) fullHelp() [][]key.Binding {
	k := p.c.Keys
	col := []key.Binding{k.Up, k.Down, k.Left, k.Right, k.NextSection, k.PrevSec}
	ans := []key.Binding{k.Choose, k.Level, k.DontKnow, k.NA, k.Why, k.Note}
	more := []key.Binding{k.Compensating, k.RiskAccept, k.Evidence}
	if p.c.Mode == ModeWorkshop {
		// a column of their own: the full help is six lines tall, and a
		// column longer than that lost w and P (issue 17)
		more = append(more, k.Park, k.NextParked, k.Who)
	}
	return [][]key.Binding{col, ans, more}
}

// groupStats is a section's progress and current maturity: how many of
// its questions are answered, and their weighted mean level as scoring
// computes it (scoring.Mean).
func (p qpanel) groupStats(g qgroup) (done int, level float64, scored bool) {
	r := p.s.Result()
	qs := make([]scoring.QuestionScore, 0, len(g.Qs))
	for _, qq := range g.Qs {
		if s, ok := r.Question(qq.ID); ok {
			qs = append(qs, s)
			if s.Answered() {
				done++
			}
		}
	}
	m := scoring.Mean(qs)
	return done, m.Level, !m.Empty
}

func (p qpanel) sidebar(width int) []string {
	st := p.c.Styles
	lines := []string{st.Bold.Render("Sections"), ""}
	for i, g := range p.groups {
		done, lvl, ok := p.groupStats(g)
		mat := " –"
		if ok {
			mat = fmt.Sprintf("%.1f", lvl)
		}
		mark := "  "
		style := st.SidebarItem
		if i == p.gi {
			mark, style = "▸ ", st.SidebarActive
		}
		name := trunc(g.Name, width-12)
		lines = append(lines, style.Render(padRight(mark+name, width-11)+fmt.Sprintf("%3d/%-3d%4s", done, len(g.Qs), mat)))
	}
	if len(p.provider) > 0 {
		mark, style := "  ", st.SidebarItem
		if p.onProvider() {
			mark, style = "▸ ", st.SidebarActive
		}
		lines = append(lines, "", style.Render(trunc(fmt.Sprintf("%sMicrosoft's side (%d)", mark, len(p.provider)), width)))
	}
	lines = append(lines, "", st.Subtle.Render("done/asked, maturity 0–5"))
	if c, r, x := p.exceptionCounts(); c+r+x > 0 {
		var parts []string
		for _, n := range []struct {
			n    int
			mark string
		}{{c, "C"}, {r, "R"}, {x, "R!"}} {
			if n.n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n.n, n.mark))
			}
		}
		lines = append(lines, "", st.Subtle.Render(trunc("Exceptions: "+strings.Join(parts, ", "), width)))
	}
	if n := p.contradictions(); n > 0 {
		lines = append(lines, st.Warn.Render(trunc(fmt.Sprintf("⚠ %d above live evidence", n), width)))
	}
	if n := p.parkedCount(); p.c.Mode == ModeWorkshop && n > 0 {
		lines = append(lines, "", st.Warn.Render(trunc(fmt.Sprintf("Parked: %d (P next)", n), width)))
	}
	if p.c.Mode == ModeWorkshop && len(p.groups) > 0 {
		lines = append(lines, "", st.Subtle.Render("Time per section"))
		for _, g := range p.groups {
			if d := p.timer(g.ID); d > 0 {
				lines = append(lines, st.Subtle.Render(padRight("  "+trunc(g.Name, width-9), width-7)+clock(d)))
			}
		}
	}
	return lines
}

// view renders the panel in w×h.
func (p qpanel) view(w, h int) string {
	if p.count() == 0 && len(p.provider) == 0 {
		return block([]string{p.c.Styles.Subtle.Render("No questions of this step apply to your profile.")}, h)
	}
	if p.presenting() {
		return block(fit(p.presenterView(w, h), w, h), h)
	}
	var side []string
	sw := 0
	if p.c.Wide() {
		sw = 30
		side = p.sidebar(sw - 3)
	}
	mw := w - sw
	var main []string
	switch {
	case p.onProvider():
		main = p.providerView(mw)
	case p.c.Mode == ModeWorkshop && p.c.Width >= 120 && p.editing != editForm:
		// the facilitator's prompt in a column of its own (not while a
		// form is open: it is laid out for the whole column and was cut)
		fw := 32
		qw := mw - fw - 3
		main = columns(fit(p.questionView(qw, h, sw == 0), qw, h), qw, " │ ", p.facilitatorView(fw-1))
	default:
		main = p.questionView(mw, h, sw == 0)
	}
	main = fit(main, mw, h)
	if sw == 0 {
		return block(main, h)
	}
	return block(columns(fit(side, sw-3, h), sw-3, " │ ", main), h)
}

func (p qpanel) facilitatorView(w int) []string {
	qq := p.current()
	if qq == nil {
		return nil
	}
	st := p.c.Styles
	out := []string{st.PanelTitle.Render("Facilitator")}
	for _, l := range wrap(qq.Facilitator, w) {
		out = append(out, st.Facilitator.Render(l))
	}
	return out
}

func (p qpanel) questionView(w, h int, narrow bool) []string {
	st := p.c.Styles
	qq := p.current()
	g := p.groups[p.gi]
	var out []string
	pos := fmt.Sprintf("%d of %d", p.qi+1, len(g.Qs))
	head := g.Name + " · " + p.s.Bank.DomainName(qq.Domain)
	if narrow {
		done, lvl, ok := p.groupStats(g)
		mat := ""
		if ok {
			mat = fmt.Sprintf(" · maturity %.1f", lvl)
		}
		head = fmt.Sprintf("%s (section %d/%d: %d answered%s)", g.Name, p.gi+1, len(p.groups), done, mat)
		pos = fmt.Sprintf("Q %d/%d", p.qi+1, len(g.Qs))
	}
	if p.c.Mode == ModeWorkshop {
		pos += "  ⏱ " + clock(p.timer(g.ID))
	}
	if x := exceptionMark(p.s.Result(), qq.ID); x != "" {
		pos = "[" + x + "] " + pos
	}
	out = append(out, st.Title.Render(trunc(head, w-len(pos)-2))+"  "+st.Subtle.Render(pos), "")
	for _, l := range wrap(p.stem(qq), w) {
		out = append(out, st.Question.Render(l))
	}
	out = append(out, "")
	sc := p.score(qq)
	ans, has := sc.Answer, sc.Answered()
	if p.explain {
		return append(out, p.explainView(qq, ans, w)...)
	}
	if p.editing == editForm {
		return append(out, strings.Split(p.form.View(), "\n")...)
	}
	// the terminal's height, not h: a long view is drawn on a tall page
	spacing := p.c.Mode == ModeWorkshop && p.c.Height >= 34
	for i := 0; i < p.items(); i++ {
		out = append(out, p.optionLine(qq, i, ans, has, w))
		if spacing {
			out = append(out, "")
		}
	}
	out = append(out, "")
	var extra []string
	switch p.editing {
	case editNote:
		extra = append(extra, st.Bold.Render("Note"))
		extra = append(extra, strings.Split(p.note.View(), "\n")...)
		extra = append(extra, "")
	case editSpeaker:
		extra = append(extra, p.input.View(), "")
	}
	if p.flash != "" {
		for _, l := range wrap(p.flash, w) {
			extra = append(extra, st.Warn.Render(l))
		}
		extra = append(extra, "")
	}
	extra = append(extra, p.answerExtras(qq, w)...)
	if p.why {
		extra = append(extra, st.PanelTitle.Render("Why it matters"))
		for _, l := range wrap(qq.Help, w-2) {
			extra = append(extra, "  "+l)
		}
		extra = append(extra, "")
	}
	if d := p.itemDescription(qq, p.cursor); d != "" {
		for _, l := range wrap(d, w-2) {
			extra = append(extra, "  "+st.Description.Render(l))
		}
	}
	// whole on a tall page (the wizard scrolls it, scroll.go) or with ?
	if g := p.glossary(qq, w, h >= 30 || p.why); len(g) > 0 {
		extra = append(append(extra, ""), g...)
	}
	if a := sc.Answer; a.Note != "" || a.Parked {
		extra = append(extra, "")
		if a.Parked {
			extra = append(extra, st.Warn.Render("Parked: come back to it before the report."))
		}
		if a.Note != "" {
			who := ""
			if a.Who != "" {
				who = " (" + a.Who + ")"
			}
			for i, para := range strings.Split(a.Note, "\n") {
				if i == 0 {
					para = "Note" + who + ": " + para
				}
				for _, l := range wrap(para, w-2) {
					extra = append(extra, "  "+l)
				}
			}
		}
	}
	if p.c.Mode == ModeWorkshop && !(p.c.Width >= 120) && qq.Facilitator != "" {
		extra = append(extra, "")
		for _, l := range wrap("Facilitator: "+qq.Facilitator, w-2) {
			extra = append(extra, "  "+st.Facilitator.Render(l))
		}
	}
	if p.c.Mode == ModeWorkshop && p.s.Speaker != "" {
		extra = append(extra, "", st.Subtle.Render("Speaker: "+p.s.Speaker))
	}
	if p.finish {
		msg := "That was the last question of this step: tab goes on to the next."
		if p.c.OpenLeft != nil {
			if n := p.c.OpenLeft(); n > 0 {
				msg = fmt.Sprintf("That was the last question of this step. %s still open: N goes to the next, g lists them all.", plural(n, "question"))
			} else {
				msg = "That was the last question of this step, and every question has an answer: the Report step writes the plan."
			}
		}
		var fl []string
		for _, l := range wrap(msg, w) {
			fl = append(fl, st.OK.Render(l))
		}
		extra = append(fl, extra...)
	}
	return append(out, extra...)
}

// optionLine is item i of a question as a list line of width w: the
// cursor, whether it is the answer given (with its exception mark), the
// label, styled for cursor and choice.
func (p qpanel) optionLine(qq *q.Question, i int, ans q.Answer, has bool, w int) string {
	st := p.c.Styles
	label, chosen := p.itemLabel(qq, i, ans, has)
	cur, style := "  ", st.Option
	if i == p.cursor {
		cur, style = "› ", st.OptionActive
	}
	mark := "○ "
	if chosen {
		mark = "● "
		if i != p.cursor {
			style = st.OptionChosen
		}
		if x := exceptionMark(p.s.Result(), qq.ID); x != "" {
			label += "  [" + x + "]"
		}
	}
	return style.Render(trunc(cur+mark+label, w))
}

func (p qpanel) itemLabel(qq *q.Question, i int, ans q.Answer, has bool) (string, bool) {
	switch {
	case i < len(qq.Options):
		o := qq.Options[i]
		return fmt.Sprintf("%d %s", o.Level, o.Label), has && ans.Status == q.Answered && ans.Level == o.Level
	case i == len(qq.Options):
		return "? Don't know", has && ans.Status == q.Unknown
	}
	return "– Not applicable", has && ans.Status == q.NotApplicable
}

func (p qpanel) itemDescription(qq *q.Question, i int) string {
	switch {
	case i < len(qq.Options):
		o := qq.Options[i]
		return fmt.Sprintf("Level %d, %s: %s", o.Level, q.LevelName(o.Level), o.Description)
	case i == len(qq.Options):
		return "Scored 0 and flagged \"verify\" in the report, so someone finds out."
	}
	return "Left out of every score. Use it only when this really does not exist for you."
}

// explainView is training mode's follow-up to an answer: what the control
// does, which kill-chain phases it breaks, and the facts behind it.
func (p qpanel) explainView(qq *q.Question, ans q.Answer, w int) []string {
	st := p.c.Styles
	var out []string
	label, _ := p.itemLabel(qq, p.cursor, ans, true)
	out = append(out, st.OK.Render(trunc("Recorded: "+label, w)), "")
	text := qq.Explanation
	if text == "" {
		text = qq.Help
	}
	for _, l := range wrap(text, w) {
		out = append(out, st.Explain.Render(l))
	}
	if len(qq.KillChain) > 0 {
		var parts []string
		for _, l := range qq.KillChain {
			parts = append(parts, fmt.Sprintf("%s (%s)", p.s.Bank.PhaseName(l.Phase), l.Course))
		}
		out = append(out, "")
		for _, l := range wrap("Kill chain: "+strings.Join(parts, ", "), w) {
			out = append(out, st.Bold.Render(l))
		}
	}
	for _, id := range qq.Facts {
		f, ok := p.s.Bank.Fact(id)
		if !ok {
			continue
		}
		out = append(out, "")
		out = append(out, wrap("Fact: "+f.Text, w)...)
		for _, l := range wrap("Source: "+f.Source, w) {
			out = append(out, st.Subtle.Render(l))
		}
	}
	return out
}

func (p qpanel) providerView(w int) []string {
	st := p.c.Styles
	out := []string{st.Title.Render("Microsoft's side"), ""}
	for _, l := range wrap("These are not asked: under your service models Microsoft owns them. Your part is to know what it promises and to check it.", w) {
		out = append(out, st.Subtle.Render(l))
	}
	out = append(out, "")
	for i, it := range p.provider {
		cur, style := "  ", st.Option
		if i == p.cursor {
			cur, style = "› ", st.OptionActive
		}
		out = append(out, style.Render(trunc(cur+it.Question.Text, w)))
	}
	if p.cursor < len(p.provider) {
		it := p.provider[p.cursor]
		out = append(out, "")
		for _, l := range wrap(it.Reason+".", w) {
			out = append(out, st.Subtle.Render(l))
		}
		out = append(out, wrap("Verify: "+it.Verify, w)...)
	}
	return out
}

// exceptionCounts counts the panel's answers with a compensating control,
// an accepted risk in force, and an expired one.
func (p qpanel) exceptionCounts() (comp, risk, expired int) {
	for _, g := range p.groups {
		for _, qq := range g.Qs {
			switch exceptionMark(p.s.Result(), qq.ID) {
			case "C":
				comp++
			case "R":
				risk++
			case "R!":
				expired++
			}
		}
	}
	return comp, risk, expired
}

// contradictions counts the panel's answers live evidence disagrees with.
func (p qpanel) contradictions() int {
	if len(p.s.Result().Contradictions) == 0 {
		return 0
	}
	n := 0
	for _, g := range p.groups {
		for _, qq := range g.Qs {
			if c := p.score(qq).Contradiction; c != nil && c.Kept == nil {
				n++
			}
		}
	}
	return n
}

// answerExtras shows under a question its exception, its evidence and a
// warning when live evidence suggests a lower level than the answer.
func (p qpanel) answerExtras(qq *q.Question, w int) []string {
	st := p.c.Styles
	var out []string
	r := p.s.Result()
	sc := p.score(qq)
	if c := sc.Contradiction; c != nil && c.Kept != nil {
		for _, l := range wrap(fmt.Sprintf("Kept over live evidence (it suggests level %d): %s", c.SuggestedLevel, c.Kept.Reason), w-2) {
			out = append(out, st.Subtle.Render(l))
		}
	} else if c != nil {
		why := ""
		if len(c.Findings) > 0 {
			why = ": " + c.Findings[0].Detail
		}
		ls := wrap(fmt.Sprintf("⚠ Live evidence suggests level %d%s", c.SuggestedLevel, why), w-2)
		if len(ls) > 2 {
			ls = append(ls[:1], trunc(ls[1]+" "+ls[2], w-2))
		}
		for _, l := range ls {
			out = append(out, st.Warn.Render(l))
		}
	}
	if ex := sc.Answer.Exception; ex != nil {
		style := st.Subtle
		if ex.Expired(r.Date) {
			style = st.Error
		}
		for _, l := range wrap(exceptionText(r.Date, ex), w-2) {
			out = append(out, style.Render(l))
		}
	}
	if evs := sc.Evidence.Items; len(evs) > 0 {
		lines := evidenceLines(evs)
		out = append(out, st.Bold.Render(fmt.Sprintf("Evidence (%d)", len(evs))))
		for _, l := range lines {
			out = append(out, st.Subtle.Render(trunc("  "+l, w)))
		}
	}
	if sc.Answered() && sc.Answer.Exception == nil && p.c.Wide() {
		out = append(out, st.Subtle.Render(trunc("c compensating control · r accept the risk · e attach evidence", w)))
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

// joinOr is "a, b or c".
func joinOr(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
