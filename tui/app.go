package tui

import (
	"errors"
	"fmt"
	"github.com/ssrm/ssrm/internal/safetext"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// Options start the wizard.
type Options struct {
	Bank *q.Bank
	// File is a saved assessment to resume; empty opens the welcome screen.
	File string
	// RecentDir keeps the recent-files list ("" keeps none).
	RecentDir string
	// Write writes a report; Formats lists what it can write, in the order
	// to offer them.
	Write   ReportFunc
	Formats []string
	Now     func() time.Time
	// Connect signs in to Azure for the live checks; nil:
	// app.ConnectAzure. Tests put a fake behind it.
	Connect ConnectFunc
	// Passphrase is $SSRM_PASSPHRASE, as the command line reads it:
	// encrypted files (assessments, snapshots) open with it without
	// asking, and a new assessment protected with a passphrase takes it.
	Passphrase string
	// Tool names the tool on what the wizard saves ("ssrm 0.1.0").
	Tool string
	// NoColor draws the forms without colour: $NO_COLOR, as cmd reads it.
	NoColor bool
	// Plain starts in plain language (--plain) and keeps it in the
	// assessment; without it the assessment's own setting holds.
	Plain bool
	// Train opens the trainer (the responsibility model and the quiz, no
	// assessment) instead of the welcome screen: `ssrm train`.
	Train bool
}

// questionScreen is a step with a questionnaire of its own.
type questionScreen interface {
	Screen
	questions() *qpanel
	progress() (done, total int)
}

// Model is the wizard's root model: the welcome screen, then one screen per
// step under a step bar, a status line and the help footer.
type Model struct {
	c    *Common
	opts Options

	welcome *welcome
	// train is the trainer, open instead of the welcome screen.
	train   *trainer
	s       *Session
	screens []Screen
	cur     int

	help     help.Model
	fullHelp bool
	// sized is the screen and body height the current screen was last
	// sized to while the full help shows (its height follows the keys)
	sized [2]int
	// bar is the step bar last drawn, for the current step and width.
	bar struct {
		cur, width int
		s          string
	}
	quitting bool

	// nav is the list of every question, while it is open (g).
	nav *navigator
	// flash is a one-off message on the status line, until the next key.
	flash string
	// scroll is the window on a long view.
	scroll scroller
	// back is the step a question was opened from (the kill chain's
	// controls), where esc goes back to; -1: none.
	back int
}

// New builds the wizard. With opts.File it opens that assessment at its
// first unanswered question; otherwise it starts on the welcome screen.
func New(opts Options) (*Model, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Tool == "" {
		opts.Tool = "ssrm"
	}
	if opts.Connect == nil {
		opts.Connect = app.ConnectAzure(opts.Tool)
	}
	x := &app.App{Bank: opts.Bank, Tool: opts.Tool, RecentDir: opts.RecentDir}
	c := &Common{Width: 80, Height: 24, Styles: NewStyles(), Keys: DefaultKeyMap(), Mode: ModeSelf, Now: opts.Now, App: x, NoColor: opts.NoColor}
	m := &Model{c: c, opts: opts, help: help.New(), scroll: newScroller(), back: -1}
	m.help.Styles.ShortKey = c.Styles.Bold
	m.help.Styles.ShortDesc = c.Styles.Subtle
	m.help.Styles.FullKey = c.Styles.Bold
	m.help.Styles.FullDesc = c.Styles.Subtle
	m.welcome = newWelcome(c, opts.Passphrase)
	if opts.Train {
		m.train = newTrainer(c, opts.Bank)
	}
	if opts.File != "" {
		switch msg := openWith(x, opts.File, opts.Passphrase, opts.Now()).(type) {
		case startMsg:
			m.start(msg)
		case needPassMsg:
			// The passphrase is asked inside the wizard; esc goes on to
			// the welcome screen.
			if msg.err != nil {
				msg.err = fmt.Errorf("SSRM_PASSPHRASE: %w", msg.err)
			}
			m.welcome.askPass(msg)
		case welcomeErrMsg:
			return nil, msg.err
		}
	}
	return m, nil
}

// Session is the assessment being worked on (nil on the welcome screen).
func (m *Model) Session() *Session { return m.s }

// Init starts the workshop timer when it is needed, and saves what
// opening changed (plans imported from an old side file).
func (m *Model) Init() tea.Cmd {
	if m.s == nil {
		return nil
	}
	var tick tea.Cmd
	if m.c.Mode == ModeWorkshop {
		tick = tickCmd()
	}
	return tea.Batch(tick, m.s.pendingSave())
}

// start opens the steps on a session.
func (m *Model) start(msg startMsg) {
	m.s = msg.s
	m.c.Mode = msg.mode
	m.welcome = nil
	m.c.OpenLeft = m.openLeft
	m.c.LeftByStep = m.leftByStep
	c, s := m.c, m.s
	restoreSitting(c, s.a)
	m.screens = []Screen{
		newAssessScreen(c, s),
		// evidence from Azure, part of step 1: unnumbered in the step bar
		newLiveScreen(c, s, m.opts.Connect, m.opts.Passphrase),
		newKillChainScreen(c, s),
		newPrioritizeScreen(c, s),
		newFortifyScreen(c, s),
		newSocializeScreen(c, s),
		newReportScreen(c, s, m.opts.Write, m.opts.Formats),
	}
	m.resize()
	m.restoreWorkshop()
	if m.opts.Plain && !c.Plain {
		// saved with the first change (or on the way out); after
		// restoreWorkshop, which reads the sitting's older fields
		c.Plain = true
		st := sittingOf(c, s.a.Sitting)
		if st == nil {
			st = &q.Sitting{}
		}
		st.Language = q.LanguagePlain
		s.a.Sitting = st
		s.seq++
	}
	m.cur = 0
	if msg.resume {
		m.cur = len(m.screens) - 1
		for i, sc := range m.screens {
			if qs, ok := sc.(questionScreen); ok && qs.questions().firstUnanswered() {
				m.cur = i
				showQuestions(sc)
				break
			}
		}
	}
	m.screens[m.cur].Enter()
}

// showQuestions switches a tabbed step to its questions.
func showQuestions(sc Screen) {
	switch x := sc.(type) {
	case *prioritizeScreen:
		x.tabs.i = tabDelivery
	case *fortifyScreen:
		x.tabs.i = 0
	case *socializeScreen:
		x.tabs.i = tabQuestions
	}
}

const chromeLines = 4 // step bar, status line, blank, help footer

func (m *Model) bodyHeight() int {
	h := m.c.Height - chromeLines
	switch {
	case m.fullHelp && m.cur < len(m.screens):
		h -= strings.Count(m.fullHelpView(m.screens[m.cur]), "\n") + 1
	case m.fullHelp:
		h -= 6
	}
	return max(h, 3)
}

// fullHelpView is the full help (H) of a screen: its own columns of keys,
// then the wizard's. Columns of six at most (a longer column lost its last
// keys); a column that does not fit beside the others starts a block below
// them, so none is cut at 80 columns (a workshop question's keys fill
// four, and L and F were cut off). The scroll keys are named where they
// apply.
func (m *Model) fullHelpView(sc Screen) string {
	k := m.c.Keys
	var cols [][]key.Binding
	for _, c := range sc.FullHelp() {
		for len(c) > 6 {
			cols, c = append(cols, c[:6]), c[6:]
		}
		cols = append(cols, c)
	}
	cols = append(cols, []key.Binding{k.NextOpen, k.Questions, k.NextStep, k.PrevStep, k.Quit, k.Help})
	more := []key.Binding{scrollDown, scrollUp, k.ForceQuit}
	// plain language and the presenter view, once an assessment is open
	cols = append(cols, append(more, m.displayKeys()...))
	hm := m.help
	hm.Width = 0 // measured here, never cut
	var blocks []string
	var cur [][]key.Binding
	for _, c := range cols {
		try := append(slices.Clone(cur), c)
		if len(cur) > 0 && lipgloss.Width(hm.FullHelpView(try)) > m.c.Width {
			blocks = append(blocks, hm.FullHelpView(cur))
			try = [][]key.Binding{c}
		}
		cur = try
	}
	if len(cur) > 0 {
		blocks = append(blocks, hm.FullHelpView(cur))
	}
	return strings.Join(blocks, "\n")
}

// isLong reports whether a screen's view now is a long one, drawn whole
// and scrolled by the wizard.
func isLong(sc Screen) bool {
	lv, ok := sc.(longView)
	return ok && lv.long()
}

func (m *Model) resize() {
	m.help.Width = m.c.Width
	m.sized = [2]int{-1, 0}
	for _, sc := range m.screens {
		sc.SetSize(m.c.Width, m.bodyHeight())
	}
	if m.welcome != nil {
		m.welcome.setSize(m.c.Width, m.c.Height-3)
	}
	if m.train != nil {
		m.train.setSize(m.c.Width, m.bodyHeight()+1)
	}
}

func (m *Model) capturing() bool {
	if m.train != nil {
		return m.train.capturing()
	}
	if m.welcome != nil {
		return m.welcome.capturing()
	}
	return m.screens[m.cur].Capturing()
}

// quit saves what is not saved yet, then ends the program.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	keepSitting(m.c, m.s) // the edit is made now; the flush below writes it
	if m.s == nil || !m.s.Dirty() {
		return tea.Quit
	}
	flush := m.s.flushCmd()
	if flush == nil {
		return tea.Quit
	}
	return func() tea.Msg { return flushedMsg{flush().(savedMsg)} }
}

// flushedMsg is the last save, made on the way out: the program ends when
// it arrives.
type flushedMsg struct{ savedMsg }

// Update routes a message: global keys first, then the current screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.resize()
		if m.welcome != nil && m.welcome.form != nil {
			var cmd tea.Cmd
			m.welcome, cmd = m.welcome.update(msg)
			return m, cmd
		}
		return m, nil
	case startMsg:
		m.train = nil
		m.start(msg)
		return m, m.Init()
	case trainMsg:
		m.train = newTrainer(m.c, m.opts.Bank)
		m.resize()
		return m, nil
	case needPassMsg, welcomeErrMsg, mergeMsg:
		if m.welcome == nil {
			return m, nil
		}
		var cmd tea.Cmd
		m.welcome, cmd = m.welcome.update(msg)
		return m, cmd
	case showQuestionMsg:
		if m.s == nil {
			return m, nil
		}
		from := m.cur
		for i, sc := range m.screens {
			if qs, ok := sc.(questionScreen); ok && qs.questions().show(msg.id) {
				showQuestions(sc)
				cmd := m.goTo(i)
				if i != from {
					// esc goes back where the question was opened from
					m.back = from
					m.flash = "esc goes back to " + m.screens[from].Title() + "."
				}
				return m, cmd
			}
		}
		return m, nil
	case savedMsg:
		if m.s != nil {
			m.s.handleSaved(msg)
		}
		return m, nil
	case flushedMsg:
		if m.s != nil {
			m.s.handleSaved(msg.savedMsg)
		}
		return m, tea.Quit
	case tickMsg:
		if m.s == nil || m.c.Mode != ModeWorkshop || m.quitting {
			return m, nil
		}
		return m, tea.Batch(m.screens[m.cur].Update(msg), tickCmd())
	case liveMsg:
		if m.s == nil {
			return m, nil
		}
		for _, sc := range m.screens {
			if l, ok := sc.(*liveScreen); ok {
				return m, l.Update(msg)
			}
		}
		return m, nil
	case reportWrittenMsg, spinner.TickMsg:
		if m.s == nil {
			return m, nil
		}
		return m, m.screens[len(m.screens)-1].Update(msg)
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			return m, m.burst(msg)
		}
		k := m.c.Keys
		m.flash = ""
		if key.Matches(msg, k.ForceQuit) {
			// a note being typed is kept, as enter would (its help says
			// "save & quit")
			if qs, ok := m.currentQuestions(); ok {
				// the edit is made now; quit's last save writes it
				qs.keepTyping()
			}
			return m, m.quit()
		}
		if m.nav != nil {
			it, done := m.nav.update(msg, max(m.bodyHeight()-4, 1))
			if done {
				m.nav = nil
			}
			if it != nil {
				return m, m.jumpTo(*it)
			}
			return m, nil
		}
		if !m.capturing() && m.s != nil && m.scroll.key(msg) {
			return m, nil
		}
		m.scroll.follow = true
		if m.back >= 0 && !m.capturing() {
			back := m.back
			switch {
			case msg.Type == tea.KeyEsc:
				if qs, ok := m.currentQuestions(); ok && !qs.explain {
					m.back = -1
					return m, m.goTo(back)
				}
			case key.Matches(msg, k.NextStep, k.PrevStep, k.NextOpen, k.Questions):
				m.back = -1
			}
		}
		if !m.capturing() {
			switch {
			case key.Matches(msg, k.Quit):
				return m, m.quit()
			case key.Matches(msg, k.Help):
				m.fullHelp = !m.fullHelp
				m.resize()
				return m, nil
			case m.s != nil && key.Matches(msg, k.Plain):
				return m, setLanguage(m.c, m.s, !m.c.Plain)
			case m.s != nil && key.Matches(msg, k.Presenter):
				m.c.Presenter = !m.c.Presenter
				return m, keepSitting(m.c, m.s)
			case m.s != nil && key.Matches(msg, k.NextStep):
				return m, m.goTo(m.cur + 1)
			case m.s != nil && key.Matches(msg, k.PrevStep):
				return m, m.goTo(m.cur - 1)
			case m.s != nil && key.Matches(msg, k.NextOpen):
				return m, m.nextOpen()
			case m.s != nil && key.Matches(msg, k.Questions):
				list := m.questionList()
				m.nav = newNavigator(m.c, list, m.here(list))
				return m, nil
			}
		}
	}
	if m.train != nil {
		cmd := m.train.update(msg)
		if m.train.back {
			m.train = nil
			if m.welcome == nil {
				m.welcome = newWelcome(m.c, m.opts.Passphrase)
				m.resize()
			}
		}
		return m, cmd
	}
	if m.welcome != nil {
		var cmd tea.Cmd
		m.welcome, cmd = m.welcome.update(msg)
		return m, cmd
	}
	return m, m.screens[m.cur].Update(msg)
}

// trainMsg opens the trainer from the welcome screen.
type trainMsg struct{}

// burst handles keys that arrived in one read: bubbletea reports them as
// one KeyMsg holding every rune ("dddddddddd", or "nask" when the key that
// opens a note and the first word come together). Each rune is a key of
// its own, as if typed slowly (issue 18); a bracketed paste is not split.
func (m *Model) burst(msg tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		if m.quitting {
			break
		}
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// currentQuestions is the question panel on screen, if there is one.
func (m *Model) currentQuestions() (*qpanel, bool) {
	if m.s == nil {
		return nil, false
	}
	if qs, ok := m.screens[m.cur].(questionScreen); ok {
		return qs.questions(), true
	}
	return nil, false
}

func (m *Model) goTo(i int) tea.Cmd {
	n := len(m.screens)
	m.cur = (i + n) % n
	return tea.Batch(keepSitting(m.c, m.s), m.screens[m.cur].Enter())
}

// View draws the step bar, the current screen, the status line and help.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.train != nil {
		g := m.globalKeys()
		if m.fullHelp {
			return m.clip(m.train.view() + "\n\n" + m.help.FullHelpView([][]key.Binding{m.train.shortHelp(), g}))
		}
		return m.clip(m.train.view() + "\n\n" + m.shortHelp(append(m.train.shortHelp(), g...), len(g)))
	}
	if m.welcome != nil {
		// the last two keys (save, back; enter, back) are the way on
		return m.clip(m.welcome.view() + "\n\n" + m.shortHelp(m.welcome.shortHelp(), 2))
	}
	sc := m.screens[m.cur]
	var b strings.Builder
	b.WriteString(m.stepBar())
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	if m.nav != nil {
		b.WriteString(m.nav.view(m.c.Width, m.bodyHeight()))
		b.WriteString("\n\n")
		b.WriteString(m.help.ShortHelpView(m.nav.shortHelp()))
		return m.clip(b.String())
	}
	var help string
	if m.fullHelp {
		help = m.fullHelpView(sc)
		// the help's height depends on the screen's keys: the screen
		// draws in what is left
		if h := m.bodyHeight(); !isLong(sc) && m.sized != [2]int{m.cur, h} {
			sc.SetSize(m.c.Width, h)
			m.sized = [2]int{m.cur, h}
		}
	}
	b.WriteString(m.body(sc))
	b.WriteString("\n\n")
	if m.fullHelp {
		b.WriteString(help)
	} else {
		g := m.globalKeys()
		keep := len(g)
		if m.c.Mode == ModeWorkshop && keep > 3 {
			// a facilitator needs park and note more: N gives way first
			keep = 3
		}
		b.WriteString(m.shortHelp(append(sc.ShortHelp(), g...), keep))
	}
	return m.clip(b.String())
}

// body is the current screen's view; a long view is drawn whole and
// shown through the scroller.
func (m *Model) body(sc Screen) string {
	lv, ok := sc.(longView)
	if !ok || !lv.long() {
		return sc.View()
	}
	h := m.bodyHeight()
	sc.SetSize(m.c.Width, tallPage)
	content := sc.View()
	sc.SetSize(m.c.Width, h)
	bf, ok := sc.(interface{ bottomFocus() bool })
	return m.scroll.frame(m.cur, content, m.c.Width, h, ok && bf.bottomFocus(), m.c.Styles.Subtle.Render)
}

// clip keeps a frame within the terminal's height, so the top line (the
// step bar) is never scrolled away.
//
// Every frame passes through safetext.Terminal here: a name, a note or a
// file name read from an assessment never reaches the terminal with an
// escape sequence or a bidi override of its own, whichever screen shows it.
func (m *Model) clip(s string) string {
	s = safetext.Terminal(s)
	lines := strings.Split(s, "\n")
	if len(lines) > m.c.Height {
		lines = lines[:m.c.Height]
	}
	for i, l := range lines {
		lines[i] = trunc(l, m.c.Width)
	}
	return strings.Join(lines, "\n")
}

// shortHelp is the one-line help footer. Where the keys do not fit, the
// screen's own keys give way from the right, never the last keep ones
// (tab, quit and H, which lists everything): cut by the help model's
// ellipsis instead, a user at 80 columns never learnt how to quit.
func (m *Model) shortHelp(bs []key.Binding, keep int) string {
	itemW := func(b key.Binding) int {
		if !b.Enabled() {
			return 0
		}
		h := b.Help()
		return ansiWidth(h.Key) + 1 + ansiWidth(h.Desc)
	}
	total, n := 0, 0
	for _, b := range bs {
		if w := itemW(b); w > 0 {
			total += w
			n++
		}
	}
	total += 3 * max(n-1, 0) // " • "
	if total > m.c.Width {
		keep = min(keep, len(bs))
		head := slices.Clone(bs[:len(bs)-keep])
		drop := func(i int) {
			if w := itemW(head[i]); w > 0 {
				total -= w + 3
			}
			head = slices.Delete(head, i, i+1)
		}
		// the arrows go first (they say least) and v (the row of views
		// names it), then keys from the right
		for i := len(head) - 1; i >= 0; i-- {
			switch head[i].Help().Key {
			case "↑", "↓", "←", "→", "v":
				drop(i)
			}
		}
		for len(head) > 0 && total > m.c.Width {
			drop(len(head) - 1)
		}
		bs = append(head, bs[len(bs)-keep:]...)
	}
	return m.help.ShortHelpView(bs)
}

func (m *Model) globalKeys() []key.Binding {
	if m.capturing() {
		return nil
	}
	k := m.c.Keys
	if m.s == nil {
		return []key.Binding{k.Quit, k.Help}
	}
	return []key.Binding{k.NextOpen, k.NextStep, k.Quit, k.Help}
}

// stepBar is "1 Assess › Live checks › 2 Kill chain › … › Report", the
// current step bracketed (so it shows without colour too). Where the names
// do not fit, the steps away from the current one shrink to their numbers.
func (m *Model) stepBar() string {
	if m.bar.s != "" && m.bar.cur == m.cur && m.bar.width == m.c.Width {
		return m.bar.s
	}
	m.bar.cur, m.bar.width, m.bar.s = m.cur, m.c.Width, m.renderStepBar()
	return m.bar.s
}

func (m *Model) renderStepBar() string {
	st := m.c.Styles
	sep := st.StepSep.Render(" › ")
	render := func(near int) string {
		parts := make([]string, len(m.screens))
		n := 0
		for i, sc := range m.screens {
			name := sc.Title()
			if _, live := sc.(*liveScreen); live {
				if near >= 0 && i != m.cur {
					name = "Live"
				}
			} else if i < len(m.screens)-1 {
				n++
				name = fmt.Sprintf("%d %s", n, name)
				if near >= 0 && (i < m.cur-near || i > m.cur+near) {
					name = fmt.Sprint(n)
				}
			}
			if i == m.cur {
				parts[i] = st.StepActive.Render("[" + name + "]")
			} else {
				parts[i] = st.StepTodo.Render(name)
			}
		}
		return strings.Join(parts, sep)
	}
	out := render(-1)
	for near := len(m.screens); near >= 0 && ansiWidth(out) > m.c.Width; near-- {
		out = render(near)
	}
	return trunc(out, m.c.Width)
}

// statusLine shows who, the mode, overall progress and the last save.
func (m *Model) statusLine() string {
	st := m.c.Styles
	done, total := 0, 0
	for _, sc := range m.screens {
		if qs, ok := sc.(questionScreen); ok {
			d, t := qs.progress()
			done, total = done+d, total+t
		}
	}
	frac := 0.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	org := m.s.Result().Profile.Organization
	save := "saved"
	if m.s.Encrypted() {
		save = "saved encrypted"
	}
	switch {
	case m.s.saveErr != nil:
		save = "NOT SAVED: " + m.s.saveErr.Error()
	case m.s.Dirty():
		save = "saving…"
	}
	left := fmt.Sprintf("%s · %s · %d/%d answered %s · ", org, ModeName(m.c.Mode), done, total, bar(frac, 10))
	if n := m.s.a.UnknownCount(); n > 0 {
		// Answers to questions this bank lacks stay in the file and count
		// in no score; 'ssrm report' names them with their lines.
		left += fmt.Sprintf("%d for unknown question ids, unscored · ", n)
	}
	right := save + " " + filepath.Base(m.s.Path)
	if m.flash != "" {
		return st.Warn.Render(trunc(m.flash, m.c.Width))
	}
	line := trunc(left+right, m.c.Width)
	if m.s.saveErr != nil {
		return st.Error.Render(line)
	}
	return st.Status.Render(line)
}

// saveOnExit saves what the wizard did not save yet. When that fails (a
// read-only folder, a file someone replaced with one that does not load,
// a newer format), the answers are not lost: they go to a recovery file
// beside the assessment, else in dirs (the config folder, the temporary
// folder), and the error names it.
func saveOnExit(s *Session, dirs ...string) error {
	if !s.Dirty() {
		return nil
	}
	err := s.SaveNow()
	if err == nil {
		return nil
	}
	rec, rerr := q.SaveRecovery(s.Path, snapshot(s.a), append(dirs, os.TempDir())...)
	if rerr != nil {
		return fmt.Errorf("save %s on exit: %w\nno recovery copy could be written either (%v): the last answers are lost", s.Path, err, rerr)
	}
	return fmt.Errorf("save %s on exit: %w\nyour answers are safe in %s: resume with: ssrm resume %s", s.Path, err, rec, rec)
}

// ErrNoTerminal is returned when the wizard is asked to draw without a
// terminal.
var ErrNoTerminal = errors.New("the wizard needs a terminal")

// Run runs the wizard until the user quits, and saves on the way out
// whatever was not saved yet (a signal, a crash of the terminal).
func Run(opts Options, in io.Reader, out io.Writer) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	// 120 frames a second at most (bubbletea's ceiling; 60 by default): the
	// renderer draws on a ticker, so the first frame waits for its first
	// tick, and a keystroke's frame for the next one.
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(out), tea.WithFPS(120))
	final, runErr := p.Run()
	if fm, ok := final.(*Model); ok && fm != nil && fm.s != nil {
		keepSitting(fm.c, fm.s)
		if err := saveOnExit(fm.s, opts.RecentDir); err != nil {
			return err
		}
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return runErr
	}
	if fm, ok := final.(*Model); ok && fm != nil && fm.s != nil {
		fmt.Fprintf(out, "Saved %s. Resume with: ssrm resume %s\n", fm.s.Path, fm.s.Path)
	}
	return nil
}

// displayKeys are the keys that change how questions are shown, listed in
// the full help once an assessment is open.
func (m *Model) displayKeys() []key.Binding {
	if m.s == nil || m.capturing() {
		return nil
	}
	return []key.Binding{m.c.Keys.Plain, m.c.Keys.Presenter}
}
