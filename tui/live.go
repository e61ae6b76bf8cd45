package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
)

// LiveSource is the live checks screen's way into Azure (see app.LiveSource).
type LiveSource = app.LiveSource

// ConnectFunc signs in with a method (see app.ConnectFunc).
type ConnectFunc = app.ConnectFunc

// liveMsg is any message of the live checks screen: the root hands them
// to it whichever screen shows, so a collection goes on while the user
// looks elsewhere.
type liveMsg interface{ liveScreenMsg() int }

type (
	liveSubsMsg struct {
		run  int
		src  LiveSource
		subs []azure.Subscription
		err  error
	}
	livePromptMsg struct {
		run  int
		text string
	}
	liveProgressMsg struct {
		run int
		p   azure.Progress
	}
	// liveSnapshotMsg carries documents (collected or read from a file)
	// and the findings of every check over them.
	liveSnapshotMsg struct {
		run      int
		snap     *azure.Snapshot
		findings []azure.Finding
		source   string
		err      error
		// graphRefused says why Microsoft Graph was not read at all
		// when it was asked for ("" otherwise).
		graphRefused string
	}
	// liveIdleMsg ends a run's event stream.
	liveIdleMsg struct{ run int }
)

func (m liveSubsMsg) liveScreenMsg() int     { return m.run }
func (m livePromptMsg) liveScreenMsg() int   { return m.run }
func (m liveProgressMsg) liveScreenMsg() int { return m.run }
func (m liveSnapshotMsg) liveScreenMsg() int { return m.run }
func (m liveIdleMsg) liveScreenMsg() int     { return m.run }

// listen waits for the next event of a run (a device code, a progress
// report); the screen listens again after each.
func listen(run int, ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		m, ok := <-ch
		if !ok {
			return liveIdleMsg{run}
		}
		return m
	}
}

// snapshotFileCmd reads a snapshot file (or `az graph query` output; an
// encrypted one with pass, the wizard's $SSRM_PASSPHRASE) and runs every
// check over it: no network.
func snapshotFileCmd(run int, path, pass string) tea.Cmd {
	return func() tea.Msg {
		s, err := azure.LoadSnapshotWith(path, q.LoadOptions{Passphrase: func() (string, error) {
			if pass == "" {
				return "", errSnapshotPass
			}
			return pass, nil
		}})
		if err != nil {
			return liveSnapshotMsg{run: run, err: err}
		}
		return liveSnapshotMsg{run: run, snap: s, findings: azure.RunSnapshot(s, azure.Catalog()), source: filepath.Base(path)}
	}
}

type liveStage int

const (
	liveMenu liveStage = iota
	liveSignIn
	liveConnecting
	liveSubs
	liveCollecting
	liveFile
	liveResults
)

// liveScreen is "Live checks", after Assess: sign in and collect, or read
// a snapshot file, then see every check's findings and take or leave the
// level the evidence suggests for each question.
type liveScreen struct {
	c       *Common
	s       *Session
	connect ConnectFunc
	// pass opens an encrypted snapshot file ($SSRM_PASSPHRASE).
	pass string

	stage  liveStage
	cursor int
	err    string

	run    int
	cancel context.CancelFunc
	events chan tea.Msg
	source LiveSource
	prompt string

	subs   []azure.Subscription
	chosen map[string]bool

	progress map[string]azure.Progress // by query and batch
	started  time.Time

	input textinput.Model

	// results
	snapSource string
	snap       *azure.Snapshot
	findings   []azure.Finding
	applied    azure.Applied
	table      table.Model
	tabs       tabs
	sugg       []string // questions with a suggested level
	scursor    int
	decided    map[string]string // question → "accepted" or "kept"
	// all is every finding of the results; findings those the filter
	// keeps, as the table shows them (see livefilter.go).
	all      []azure.Finding
	filter   findingFilter
	askedIDs map[string]bool
	// graph asks the collection for the Microsoft Graph reads too;
	// graphNote says how they went.
	graph     bool
	graphNote string
	// keepFor is the question whose answer is being kept over the
	// evidence, while its reason is typed in keepIn.
	keepFor string
	keepIn  textinput.Model

	w, h int
}

var signInHelp = map[azure.SignIn]string{
	azure.SignInAuto:            "Azure CLI login, then a service principal from the environment, then managed identity",
	azure.SignInCLI:             "the account 'az login' signed in",
	azure.SignInEnvironment:     "a service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or certificate",
	azure.SignInManagedIdentity: "this machine's managed identity (in Azure)",
	azure.SignInDeviceCode:      "a code to enter in a browser, on any device",
}

func newLiveScreen(c *Common, s *Session, connect ConnectFunc, pass string) *liveScreen {
	in := textinput.New()
	in.Prompt = "Snapshot file: "
	in.Placeholder = "snapshot.json (ssrm azure collect, or az graph query output)"
	t := table.New(table.WithFocused(true))
	t.SetStyles(table.Styles{
		Header:   c.Styles.TableHeader.Padding(0, 1),
		Cell:     c.Styles.TableCell.Padding(0, 1),
		Selected: c.Styles.TableSelected,
	})
	keep := textinput.New()
	keep.Prompt = "Why keep your answer? "
	keep.Placeholder = "what the evidence misses (e.g. MFA enforced by a third-party IdP)"
	keep.CharLimit = 300
	return &liveScreen{c: c, s: s, connect: connect, pass: pass, input: in, table: t, keepIn: keep,
		tabs: tabs{names: []string{"Findings", "Suggested answers"}}, decided: map[string]string{}}
}

func (l *liveScreen) Title() string  { return "Live checks" }
func (l *liveScreen) Enter() tea.Cmd { return nil }
func (l *liveScreen) Capturing() bool {
	return l.stage == liveFile || l.keepFor != ""
}
func (l *liveScreen) SetSize(w, h int) {
	l.w, l.h = w, h
	l.layoutTable()
}
func (l *liveScreen) FullHelp() [][]key.Binding { return [][]key.Binding{l.ShortHelp()} }

func (l *liveScreen) ShortHelp() []key.Binding {
	k := l.c.Keys
	if l.keepFor != "" {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep, with this reason")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	switch l.stage {
	case liveSignIn:
		return []key.Binding{k.Up, k.Down, withHelp(k.Choose, "sign in"), k.Back}
	case liveConnecting, liveCollecting:
		return []key.Binding{withHelp(k.Back, "cancel")}
	case liveSubs:
		return []key.Binding{k.Up, k.Down, withHelp(k.Toggle, "choose"), key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "collect")), k.Graph, k.Back}
	case liveFile:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")), k.Back}
	case liveResults:
		if l.tabs.i == 1 {
			return []key.Binding{k.View, k.Up, k.Down, k.AcceptSuggestion, k.KeepAnswer, k.Back}
		}
		return []key.Binding{k.View, k.Up, k.Down, k.FilterLayer, k.FilterSeverity, k.FilterScope, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Choose}
}

func (l *liveScreen) menuItems() []string {
	items := []string{"Sign in to Azure and collect (read-only)", "Attach evidence from a snapshot file (offline)"}
	if l.snap != nil {
		items = append(items, "Show the last results")
	} else if n := len(l.attached()); n > 0 {
		// resumed: the evidence attached in an earlier sitting is in the
		// assessment, and shows again
		items = append(items, fmt.Sprintf("Review the evidence attached earlier (%s)", plural(n, "question")))
	}
	return items
}

// attached lists the questions whose saved live evidence suggests a level.
func (l *liveScreen) attached() []string {
	var ids []string
	for _, s := range l.s.Result().Questions {
		if s.Evidence.Suggested != nil {
			ids = append(ids, s.Question.ID)
		}
	}
	return ids
}

// begin starts a run: a fresh context and event stream.
func (l *liveScreen) begin() (context.Context, int) {
	l.stop()
	l.run++
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	l.events = make(chan tea.Msg, 64)
	l.err, l.prompt = "", ""
	return ctx, l.run
}

// stop cancels what runs.
func (l *liveScreen) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

func (l *liveScreen) signIn(method azure.SignIn) tea.Cmd {
	ctx, run := l.begin()
	ch := l.events
	l.stage = liveConnecting
	connect := l.connect
	op := func() tea.Msg {
		defer close(ch)
		src, err := connect(method, func(text string) {
			select {
			case ch <- livePromptMsg{run, text}:
			case <-ctx.Done():
			}
		})
		if err != nil {
			return liveSubsMsg{run: run, err: err}
		}
		subs, err := src.Subscriptions(ctx)
		return liveSubsMsg{run: run, src: src, subs: subs, err: err}
	}
	return tea.Batch(op, listen(run, ch))
}

func (l *liveScreen) collect() tea.Cmd {
	var ids []string
	for _, s := range l.subs {
		if l.chosen[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		l.err = "Choose at least one subscription (space)."
		return nil
	}
	gsrc, canGraph := l.source.(app.GraphSource)
	if l.graph && !canGraph {
		l.err = "This sign-in cannot read Microsoft Graph: G turns it off."
		return nil
	}
	ctx, run := l.begin()
	ch, src, graph := l.events, l.source, l.graph
	l.stage, l.progress, l.started = liveCollecting, map[string]azure.Progress{}, l.c.Now()
	op := func() tea.Msg {
		defer close(ch)
		progress := func(p azure.Progress) {
			select {
			case ch <- liveProgressMsg{run, p}:
			case <-ctx.Done():
			}
		}
		var snap *azure.Snapshot
		var refused string
		var err error
		if graph {
			snap, refused, err = gsrc.CollectWithGraph(ctx, ids, progress)
		} else {
			snap, err = src.Collect(ctx, ids, progress)
		}
		if err != nil {
			return liveSnapshotMsg{run: run, err: err}
		}
		return liveSnapshotMsg{run: run, snap: snap, findings: azure.RunSnapshot(snap, azure.Catalog()), source: fmt.Sprintf("%s collected", plural(len(ids), "subscription")), graphRefused: refused}
	}
	return tea.Batch(op, listen(run, ch))
}

func (l *liveScreen) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(liveMsg); ok {
		if m.liveScreenMsg() != l.run {
			return nil // from a run that was cancelled
		}
	}
	switch m := msg.(type) {
	case livePromptMsg:
		l.prompt = m.text
		return listen(m.run, l.events)
	case liveProgressMsg:
		if l.progress != nil {
			l.progress[fmt.Sprintf("%s#%d", m.p.Query, m.p.Batch)] = m.p
		}
		return listen(m.run, l.events)
	case liveIdleMsg:
		return nil
	case liveSubsMsg:
		if m.err != nil {
			l.stage, l.err = liveSignIn, "Sign-in failed: "+m.err.Error()
			return nil
		}
		if len(m.subs) == 0 {
			l.stage, l.err = liveSignIn, "This identity can read no subscription: it needs the Reader role (and Security Reader for Defender data)."
			return nil
		}
		l.source = m.src
		l.subs, l.chosen, l.cursor, l.stage = m.subs, map[string]bool{}, 0, liveSubs
		for _, s := range m.subs {
			l.chosen[s.ID] = true
		}
		return nil
	case liveSnapshotMsg:
		l.cancel = nil
		if m.err != nil {
			l.err = m.err.Error()
			if l.stage == liveCollecting {
				l.stage = liveSubs
			}
			return nil
		}
		return l.attach(m)
	case tea.KeyMsg:
		if l.keepFor != "" {
			return l.keepKey(m)
		}
		return l.key(m)
	}
	if l.keepFor != "" {
		return l.keepKey(msg) // the field's cursor blink
	}
	return nil
}

// attach applies the findings to the assessment as evidence (replacing
// earlier live evidence, keeping files, links and notes) and saves.
func (l *liveScreen) attach(m liveSnapshotMsg) tea.Cmd {
	when := m.snap.Collected
	if when.IsZero() {
		when = l.c.Now()
	}
	l.snap, l.all, l.snapSource = m.snap, m.findings, m.source
	l.graphNote = graphNote(m.snap, m.graphRefused)
	save := l.s.edit(l.c.Now(), func(a *q.Assessment) {
		l.applied = azure.Apply(l.s.Bank, a, m.findings, when)
	})
	l.stage, l.err, l.tabs.i = liveResults, "", 0
	l.sugg = nil
	for _, s := range l.s.Result().Questions {
		if s.Evidence.Suggested != nil {
			l.sugg = append(l.sugg, s.Question.ID)
		}
	}
	l.scursor = 0
	l.decided = map[string]string{}
	l.layoutTable() // after the counts its summary line gives
	l.setRows()
	return save
}

func severityRank(s azure.Severity) int {
	switch s {
	case azure.High:
		return 0
	case azure.Medium:
		return 1
	}
	return 2
}

func statusRank(s azure.Status) int {
	switch s {
	case azure.Fail:
		return 0
	case azure.Pass:
		return 2
	}
	return 1
}

func (l *liveScreen) layoutTable() {
	w := l.w
	qs := 22
	if w < 100 {
		qs = 14
	}
	fixed := 6 + 6 + qs + 2*5
	check := max((w-fixed)/2, 12)
	l.table.SetColumns([]table.Column{
		{Title: "Check", Width: check},
		{Title: "Sev", Width: 6},
		{Title: "Status", Width: 6},
		{Title: "Resource", Width: max(w-fixed-check-1, 10)},
		{Title: "Questions", Width: qs},
	})
	l.table.SetWidth(w)
	// the summary, the filter line, the finding's detail (findingLines)
	// and the Graph note where there is one
	l.table.SetHeight(max(l.h-6-findingLines-len(wrap(l.summary(), max(w, 1)))-len(wrap(l.graphNote, max(w, 1))), 3))
}

func (l *liveScreen) setRows() {
	fs := make([]azure.Finding, 0, len(l.all))
	for _, f := range l.all {
		if l.keepFinding(f) {
			fs = append(fs, f)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if statusRank(a.Status) != statusRank(b.Status) {
			return statusRank(a.Status) < statusRank(b.Status)
		}
		if severityRank(a.Severity) != severityRank(b.Severity) {
			return severityRank(a.Severity) < severityRank(b.Severity)
		}
		if a.Check != b.Check {
			return a.Check < b.Check
		}
		return a.ResourceID < b.ResourceID
	})
	rows := make([]table.Row, len(fs))
	for i, f := range fs {
		status := string(f.Status)
		if f.Status == azure.Fail {
			status = "FAIL"
		}
		rows[i] = table.Row{f.Check, string(f.Severity), status, lastPart(f.ResourceID), strings.Join(f.Questions, " ")}
	}
	l.findings = fs
	l.table.SetRows(rows)
	l.table.SetCursor(0)
}

// findingLines is the room under the findings table for the highlighted
// finding's detail.
const findingLines = 3

// findingDetail is a finding's title, detail and questions in at most
// findingLines lines of w.
func findingDetail(f azure.Finding, w int) []string {
	text := f.Title + ": " + f.Detail
	if len(f.Questions) > 0 {
		text += " · informs " + strings.Join(f.Questions, ", ")
	}
	lines := wrap(text, w)
	if len(lines) > findingLines {
		lines = lines[:findingLines]
		lines[findingLines-1] = trunc(lines[findingLines-1]+" …", w)
	}
	return lines
}

func lastPart(id string) string {
	id = strings.TrimRight(id, "/")
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}

func (l *liveScreen) key(m tea.KeyMsg) tea.Cmd {
	k := l.c.Keys
	switch l.stage {
	case liveConnecting, liveCollecting:
		if key.Matches(m, k.Back) {
			l.stop()
			l.run++ // late messages of the cancelled run are dropped
			l.err = "Cancelled: nothing was attached."
			if l.stage == liveCollecting {
				l.stage = liveSubs
			} else {
				l.stage = liveSignIn
			}
		}
		return nil
	case liveFile:
		switch m.Type {
		case tea.KeyEsc:
			l.stage = liveMenu
			return nil
		case tea.KeyEnter:
			p := strings.TrimSpace(l.input.Value())
			if p == "" {
				return nil
			}
			l.run++
			l.err = ""
			return snapshotFileCmd(l.run, p, l.pass)
		}
		var cmd tea.Cmd
		l.input, cmd = l.input.Update(m)
		return cmd
	case liveSignIn:
		switch {
		case key.Matches(m, k.Back):
			l.stage, l.err = liveMenu, ""
		case key.Matches(m, k.Up):
			l.cursor = max(l.cursor-1, 0)
		case key.Matches(m, k.Down):
			l.cursor = min(l.cursor+1, len(azure.SignIns)-1)
		case key.Matches(m, k.Choose):
			return l.signIn(azure.SignIns[l.cursor])
		}
		return nil
	case liveSubs:
		switch {
		case key.Matches(m, k.Back):
			l.stage, l.err, l.cursor = liveSignIn, "", 0
		case key.Matches(m, k.Up):
			l.cursor = max(l.cursor-1, 0)
		case key.Matches(m, k.Down):
			l.cursor = min(l.cursor+1, len(l.subs)-1)
		case key.Matches(m, k.Toggle):
			id := l.subs[l.cursor].ID
			l.chosen[id] = !l.chosen[id]
		case key.Matches(m, k.Graph):
			l.graph = !l.graph
		case m.Type == tea.KeyEnter:
			return l.collect()
		}
		return nil
	case liveResults:
		return l.resultsKey(m)
	}
	// menu
	items := l.menuItems()
	switch {
	case key.Matches(m, k.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(m, k.Down):
		l.cursor = min(l.cursor+1, len(items)-1)
	case key.Matches(m, k.Choose):
		l.err = ""
		switch l.cursor {
		case 0:
			l.stage, l.cursor = liveSignIn, 0
		case 1:
			l.stage = liveFile
			l.input.Reset()
			return l.input.Focus()
		default:
			l.stage = liveResults
			if l.snap == nil {
				// evidence from an earlier sitting: its suggestions
				l.sugg, l.scursor, l.tabs.i = l.attached(), 0, 1
			}
		}
	}
	return nil
}

func (l *liveScreen) resultsKey(m tea.KeyMsg) tea.Cmd {
	k := l.c.Keys
	switch {
	case key.Matches(m, k.Back):
		l.stage, l.cursor = liveMenu, 0
		return nil
	case key.Matches(m, k.View):
		l.tabs.next()
		return nil
	}
	if l.tabs.i == 0 {
		switch {
		case key.Matches(m, k.Up):
			l.table.MoveUp(1)
		case key.Matches(m, k.Down):
			l.table.MoveDown(1)
		case key.Matches(m, k.FilterLayer):
			l.nextLayer()
			l.setRows()
		case key.Matches(m, k.FilterSeverity):
			l.nextSeverity()
			l.setRows()
		case key.Matches(m, k.FilterScope):
			l.nextScope()
			l.setRows()
		}
		return nil
	}
	if len(l.sugg) == 0 {
		return nil
	}
	id := l.sugg[l.scursor]
	switch {
	case key.Matches(m, k.Up):
		l.scursor = max(l.scursor-1, 0)
	case key.Matches(m, k.Down):
		l.scursor = min(l.scursor+1, len(l.sugg)-1)
	case key.Matches(m, k.AcceptSuggestion):
		return l.acceptSuggestion(id)
	case key.Matches(m, k.KeepAnswer):
		if s, ok := l.s.Result().Question(id); !ok || s.Contradiction == nil {
			l.err = "Nothing to keep: this answer is not above what the evidence suggests."
			return nil
		}
		// keeping an answer over evidence needs a reason, on record
		l.keepFor, l.err = id, ""
		l.keepIn.Reset()
		l.keepIn.Width = max(l.w-len(l.keepIn.Prompt)-2, 10)
		return l.keepIn.Focus()
	}
	return nil
}

// keepKey handles a key while the reason for keeping an answer is typed.
func (l *liveScreen) keepKey(m tea.Msg) tea.Cmd {
	if km, ok := m.(tea.KeyMsg); ok {
		switch km.Type {
		case tea.KeyEsc:
			l.keepFor, l.err = "", ""
			l.keepIn.Blur()
			return nil
		case tea.KeyEnter:
			reason := strings.TrimSpace(l.keepIn.Value())
			if reason == "" {
				l.err = "Say why the answer stands over the evidence: the report shows it beside the finding."
				return nil
			}
			id := l.keepFor
			l.keepFor, l.err = "", ""
			l.keepIn.Blur()
			s, ok := l.s.Result().Question(id)
			if !ok || s.Contradiction == nil {
				return nil
			}
			now := l.c.Now()
			kept := q.Kept{Level: s.Contradiction.AnsweredLevel, Suggested: s.Contradiction.SuggestedLevel, Reason: reason, When: now}
			l.decided[id] = "kept"
			l.scursor = min(l.scursor+1, len(l.sugg)-1)
			return l.s.edit(now, func(a *q.Assessment) {
				ans := a.Answers[id]
				ans.Kept = &kept
				a.SetAnswer(id, ans, now)
			})
		}
	}
	var cmd tea.Cmd
	l.keepIn, cmd = l.keepIn.Update(m)
	return cmd
}

// acceptSuggestion answers a question at the level its live evidence
// suggests, keeping its note and exception; the evidence stays attached.
func (l *liveScreen) acceptSuggestion(id string) tea.Cmd {
	s, ok := l.s.Result().Question(id)
	if !ok || s.Evidence.Suggested == nil {
		return nil
	}
	lvl := *s.Evidence.Suggested
	now := l.c.Now()
	l.decided[id] = "accepted"
	l.scursor = min(l.scursor+1, len(l.sugg)-1)
	return l.s.edit(now, func(a *q.Assessment) {
		ans := a.Answers[id]
		ans.Status, ans.Level, ans.Parked, ans.When = q.Answered, lvl, false, now
		if l.s.Speaker != "" {
			ans.Who = l.s.Speaker
		}
		a.SetAnswer(id, ans, now)
	})
}

func (l *liveScreen) View() string {
	st := l.c.Styles
	w := l.w
	out := []string{st.Title.Render("Live checks · read-only evidence from Azure")}
	switch l.stage {
	case liveResults:
		out = append(out, l.resultsView(w)...)
	case liveSignIn:
		out = append(out, st.Subtle.Render(trunc("How to sign in. ssrm only reads (Reader; Security Reader for Defender), never stores a token.", w)), "")
		for i, m := range azure.SignIns {
			cur, style := "  ", st.Option
			if i == l.cursor {
				cur, style = "› ", st.OptionActive
			}
			out = append(out, style.Render(trunc(fmt.Sprintf("%s%-17s", cur, m), w))+st.Subtle.Render(trunc(signInHelp[m], max(w-19, 0))))
		}
	case liveConnecting:
		out = append(out, "", st.Subtle.Render("Signing in and listing subscriptions… (esc cancels)"))
		if l.prompt != "" {
			out = append(out, "")
			for _, line := range wrap(l.prompt, w) {
				out = append(out, st.Bold.Render(line))
			}
		}
	case liveSubs:
		n := 0
		for _, s := range l.subs {
			if l.chosen[s.ID] {
				n++
			}
		}
		out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("Subscriptions to read: %d of %d chosen", n, len(l.subs)), w)))
		g := l.graphChoice(w)
		out = append(append(out, g...), "")
		start := max(l.cursor-(l.h-8-len(g)), 0)
		for i := start; i < len(l.subs) && i-start < l.h-6-len(g); i++ {
			s := l.subs[i]
			cur, style := "  ", st.Option
			if i == l.cursor {
				cur, style = "› ", st.OptionActive
			}
			box := "[ ]"
			if l.chosen[s.ID] {
				box = "[x]"
			}
			out = append(out, style.Render(trunc(fmt.Sprintf("%s%s %s", cur, box, s.Name), w/2))+"  "+st.Subtle.Render(trunc(s.ID, w/2-2)))
		}
	case liveCollecting:
		out = append(out, l.progressView(w)...)
	default:
		for _, line := range wrap("Read-only checks of your Azure tenant attach evidence to the questions they inform and suggest a level, which you accept or override. A snapshot file (from 'ssrm azure collect' or 'az graph query') needs no network.", min(w, 90)) {
			out = append(out, st.Subtle.Render(line))
		}
		out = append(out, "")
		for i, it := range l.menuItems() {
			cur, style := "  ", st.Option
			if i == l.cursor {
				cur, style = "› ", st.OptionActive
			}
			out = append(out, style.Render(trunc(cur+it, w)))
		}
		if l.stage == liveFile {
			out = append(out, "", l.input.View())
		}
	}
	if l.err != "" {
		out = append(out, "")
		for _, line := range wrap(l.err, w) {
			out = append(out, st.Error.Render(line))
		}
	}
	return block(fit(out, w, l.h), l.h)
}

// progressView is one line per query: a bar that fills when it is done,
// its rows, pages and quota waits; and a bar for the whole collection.
func (l *liveScreen) progressView(w int) []string {
	st := l.c.Styles
	names := []string{}
	for _, qy := range azure.DefaultQueries() {
		names = append(names, qy.Name)
	}
	done := 0
	var lines []string
	for _, name := range names {
		var rows, pages, waits, batches, finished int
		var failed error
		seen := false
		for k, p := range l.progress {
			if !strings.HasPrefix(k, name+"#") {
				continue
			}
			seen = true
			rows, pages, waits = rows+p.Rows, pages+p.Pages, waits+p.Throttled
			batches = max(batches, p.Batches)
			if p.Done {
				finished++
			}
			if p.Err != nil {
				failed = p.Err
			}
		}
		frac, state := 0.0, "waiting"
		switch {
		case failed != nil:
			frac, state = 1, "✗ "+failed.Error()
		case seen && batches > 0 && finished >= batches:
			frac, state = 1, fmt.Sprintf("✓ %d rows, %s", rows, plural(pages, "page"))
			done++
		case seen:
			frac = float64(finished) / float64(max(batches, 1))
			state = fmt.Sprintf("%d rows so far, %s", rows, plural(pages, "page"))
		}
		if waits > 0 {
			state += fmt.Sprintf(", waited %dx for the quota", waits)
		}
		lines = append(lines, trunc(fmt.Sprintf("  %-18s %s %s", name, bar(frac, 10), state), w))
	}
	out := []string{st.Subtle.Render(trunc(fmt.Sprintf("Collecting… %s, esc cancels", clock(l.c.Now().Sub(l.started))), w)),
		bar(float64(done)/float64(max(len(names), 1)), min(w-20, 40)) + fmt.Sprintf(" %d/%d queries", done, len(names)), ""}
	return append(out, lines...)
}

// summary says what the snapshot held and what the checks made of it:
// every finding counted (those neither failing nor passing are not
// applicable or left to verify by hand), and how many questions got
// evidence and a suggested level.
func (l *liveScreen) summary() string {
	if l.snap == nil {
		return fmt.Sprintf("Evidence attached in an earlier sitting: %s suggest a level. Collect again to see every finding.", plural(len(l.sugg), "question"))
	}
	var fail, pass int
	for _, f := range l.all {
		switch f.Status {
		case azure.Fail:
			fail++
		case azure.Pass:
			pass++
		}
	}
	when := ""
	if !l.snap.Collected.IsZero() {
		when = " · collected " + l.snap.Collected.Format("2 Jan 2006 15:04")
	}
	counts := fmt.Sprintf("%d fail, %d pass", fail, pass)
	if other := len(l.all) - fail - pass; other > 0 {
		counts += fmt.Sprintf(", %d not applicable or to verify by hand", other)
	}
	ev := "evidence on " + plural(l.applied.Questions, "question")
	if len(l.sugg) != l.applied.Questions {
		ev += fmt.Sprintf(", %d of them with a suggested level", len(l.sugg))
	}
	return fmt.Sprintf("%s%s · %d documents · %s · %s", l.snapSource, when, len(l.snap.Documents), counts, ev)
}

func (l *liveScreen) resultsView(w int) []string {
	st := l.c.Styles
	var out []string
	for _, line := range wrap(l.summary(), w) {
		out = append(out, st.Subtle.Render(line))
	}
	out = append(out, l.tabs.view(l.c), "")
	if l.graphNote != "" {
		for _, line := range wrap(l.graphNote, w) {
			out = append(out, st.Warn.Render(line))
		}
	}
	if l.tabs.i == 0 {
		if len(l.all) == 0 {
			return append(out, st.Subtle.Render("No check found anything to judge in these documents."))
		}
		out = append(out, st.Subtle.Render(trunc(l.filterLine(), w)))
		if len(l.findings) == 0 {
			return append(out, st.Subtle.Render("No finding passes these filters: f, s and i change them."))
		}
		out = append(out, l.table.View())
		if c := l.table.Cursor(); c >= 0 && c < len(l.findings) {
			// whole, where the table's columns cut it: the check, what it
			// found and every question it informs
			for _, line := range findingDetail(l.findings[c], w) {
				out = append(out, st.Subtle.Render(line))
			}
			// the table scrolls itself: say where it is
			out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("finding %d of %d · ↑↓ scroll the list", c+1, len(l.findings)), w)))
		}
		return out
	}
	if len(l.sugg) == 0 {
		return append(out, st.Subtle.Render("No asked question has live evidence to suggest a level."))
	}
	// the highlighted question's detail shows whole; the list has the
	// rest of the height, and says where it is when it does not fit
	detail := l.suggestionDetail(w)
	room := max(l.h-1-len(out)-len(detail), 3)
	if len(l.sugg) > room {
		room = max(room-1, 3)
	}
	start := max(l.scursor-room+1, 0)
	idw := 8
	for _, id := range l.sugg {
		idw = max(idw, len(id))
	}
	r := l.s.Result()
	for i := start; i < len(l.sugg) && i-start < room; i++ {
		id := l.sugg[i]
		s, _ := r.Question(id)
		lvl := 0
		if s.Evidence.Suggested != nil {
			lvl = *s.Evidence.Suggested
		}
		yours := "unanswered"
		if s.Answered() {
			yours = q.AnswerWords(nil, s.Answer)
		}
		mark := ""
		if s.Contradiction != nil && s.Contradiction.Kept == nil {
			mark = " ⚠"
		}
		state := l.decided[id]
		if state == "" && s.Contradiction != nil && s.Contradiction.Kept != nil {
			state = "kept" // in an earlier sitting
		}
		cur, style := "  ", st.Option
		if i == l.scursor {
			cur, style = "› ", st.OptionActive
		}
		out = append(out, style.Render(trunc(fmt.Sprintf("%s%-*s  yours %-12s  live suggests %d  %-2s%s", cur, idw, id, yours, lvl, mark, state), w)))
	}
	if len(l.sugg) > room {
		out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("question %d of %d · ↑↓ scroll the list", l.scursor+1, len(l.sugg)), w)))
	}
	return append(out, detail...)
}

// suggestionDetail is the highlighted suggestion's question, the reason it
// was kept over the evidence (or the field to type one) and its evidence.
func (l *liveScreen) suggestionDetail(w int) []string {
	st := l.c.Styles
	var out []string
	id := l.sugg[l.scursor]
	if qq, ok := l.s.Bank.Question(id); ok {
		out = append(out, "")
		for _, line := range wrap(qq.Text, w) {
			out = append(out, st.Question.Render(line))
		}
	}
	s, _ := l.s.Result().Question(id)
	if l.keepFor != "" {
		out = append(out, "", l.keepIn.View())
	}
	if c := s.Contradiction; c != nil && c.Kept != nil && l.keepFor == "" {
		out = append(out, st.Subtle.Render(trunc("Kept over the evidence: "+c.Kept.Reason, w)))
	}
	for _, line := range evidenceLines(s.Evidence.Items) {
		out = append(out, st.Subtle.Render(trunc(line, w)))
	}
	return out
}

// errSnapshotPass says how to open an encrypted snapshot in the wizard.
var errSnapshotPass = errors.New("set SSRM_PASSPHRASE to open an encrypted snapshot in the wizard")
