package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// ProfileInput is what the new-assessment form asks, bound to the form's
// fields with Value(&x).
type ProfileInput struct {
	Mode        string
	Org         string
	Assessor    string
	Size        string
	Sector      string
	Sensitivity string
	Models      []q.Model
	Services    []string
	Target      string // "" or "1".."5"
	// BuildsSoftware: the organization writes or builds software itself
	// (secure-coding questions and DevSecOps actions are asked only then).
	BuildsSoftware bool
	Path           string

	// Protect encrypts the new file with Passphrase (typed twice:
	// Passphrase2), or with EnvPassphrase ($SSRM_PASSPHRASE) when that is
	// set, and then nothing is asked.
	Protect                 bool
	Passphrase, Passphrase2 string
	EnvPassphrase           string
	// NoPassphraseFields leaves the passphrase fields out of the form (the
	// accessible mode asks for it on its own).
	NoPassphraseFields bool

	// savePath is the "Save as" field: its placeholder follows Org (see
	// Sync).
	savePath    *huh.Input
	placeholder string
}

// Sync brings what the form shows in step with what was typed: the "Save
// as" field's placeholder names the file the organization's name gives.
// The form's owner calls it after each update, on the UI's goroutine:
// huh runs a PlaceholderFunc in a command goroutine of its own, which
// would read Org while the form writes it.
// It reports whether the words changed: the form then redraws.
func (in *ProfileInput) Sync() bool {
	if in.savePath == nil {
		return false
	}
	p := DefaultPath(in.Org)
	if p == in.placeholder {
		return false
	}
	in.placeholder = p
	in.savePath.Placeholder(p)
	return true
}

// NewPassphrase is the passphrase to protect the new file with, or "".
func (in *ProfileInput) NewPassphrase() string {
	switch {
	case !in.Protect:
		return ""
	case in.EnvPassphrase != "":
		return in.EnvPassphrase
	}
	return in.Passphrase
}

// Profile is the organization's profile from the form.
func (in *ProfileInput) Profile() q.Profile {
	p := q.Profile{Organization: strings.TrimSpace(in.Org), Assessor: strings.TrimSpace(in.Assessor), Size: in.Size,
		Sector: strings.TrimSpace(in.Sector), Sensitivity: in.Sensitivity, Models: in.Models, Services: in.Services}
	p.Target, _ = strconv.Atoi(in.Target)
	builds := in.BuildsSoftware
	p.BuildsSoftware = &builds
	return p
}

// SavePath is where the assessment goes: the path given, or
// ./<org-slug>-assessment.json.
func (in *ProfileInput) SavePath() string {
	if p := strings.TrimSpace(in.Path); p != "" {
		return p
	}
	return DefaultPath(in.Org)
}

// DefaultPath is ./<org-slug>-assessment.json.
func DefaultPath(org string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(org) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if r < 128 {
				b.WriteRune(r)
				dash = false
				continue
			}
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "ssrm"
	}
	return slug + "-assessment.json"
}

// NewProfileForm builds the form that starts an assessment: mode, the
// organization's profile, and where to save. The wizard embeds it; the
// accessible mode runs it line by line.
func NewProfileForm(b *q.Bank, in *ProfileInput) *huh.Form {
	if in.Mode == "" {
		in.Mode = string(ModeSelf)
	}
	if in.Size == "" {
		in.Size = "small"
	}
	if in.Sensitivity == "" {
		in.Sensitivity = "moderate"
	}
	sizes := make([]huh.Option[string], 0)
	sizeHelp := map[string]string{"micro": "1–9 people", "small": "10–49", "medium": "50–249", "large": "250–999", "enterprise": "1000+"}
	for _, s := range q.Sizes() {
		sizes = append(sizes, huh.NewOption(fmt.Sprintf("%s (%s)", s, sizeHelp[s]), s))
	}
	sens := sensitivityOrder(b)
	sensHelp := map[string]string{"low": "public or internal only", "moderate": "business data", "high": "personal or financial data", "critical": "health, payment or state secrets"}
	var sensOpts []huh.Option[string]
	for _, s := range sens {
		label := s
		if h := sensHelp[s]; h != "" {
			label += " (" + h + ")"
		}
		sensOpts = append(sensOpts, huh.NewOption(label, s))
	}
	var svc []huh.Option[string]
	for _, s := range b.Services {
		svc = append(svc, huh.NewOption(s.Name, s.ID).Selected(in.hasService(s.ID)))
	}
	models := []huh.Option[q.Model]{
		huh.NewOption("IaaS: you rent virtual machines and run what is on them", q.IaaS),
		huh.NewOption("PaaS: you deploy apps and databases on a platform Microsoft runs", q.PaaS),
		huh.NewOption("SaaS: you use finished software such as Microsoft 365", q.SaaS),
	}
	for i := range models {
		models[i] = models[i].Selected(in.usesModel(models[i].Value))
	}
	target := []huh.Option[string]{huh.NewOption("recommended for your size and data", "")}
	for l := 1; l <= 5; l++ {
		target = append(target, huh.NewOption(fmt.Sprintf("%d %s", l, q.LevelName(l)), strconv.Itoa(l)))
	}
	in.savePath = huh.NewInput().Title("Save as").Value(&in.Path).
		Validate(func(s string) error { return checkNewPath(in, s) })
	in.Sync()
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title("How will you use ssrm?").
				Options(
					huh.NewOption("Self-assessment: on my own, in plain language", string(ModeSelf)),
					huh.NewOption("Workshop: facilitating a room, with prompts, notes and a timer", string(ModeWorkshop)),
					huh.NewOption("Training: teaching the model, with explanations and a quiz", string(ModeTraining)),
				).Value(&in.Mode),
			huh.NewInput().Title("Organization").Placeholder("Contoso Ltd").Value(&in.Org).
				Validate(func(s string) error {
					if strings.TrimSpace(s) == "" {
						return errors.New("the organization's name goes on the report")
					}
					return nil
				}),
			huh.NewInput().Title("Assessor").Placeholder("your name (optional)").Value(&in.Assessor),
			huh.NewInput().Title("Sector").Placeholder("e.g. retail, healthcare (optional)").Value(&in.Sector),
		),
		huh.NewGroup(
			huh.NewSelect[string]().Title("Size").Options(sizes...).Value(&in.Size).Inline(true),
			huh.NewSelect[string]().Title("Most sensitive data you hold").Options(sensOpts...).Value(&in.Sensitivity).Inline(true),
			huh.NewMultiSelect[q.Model]().Title("Service models in use").
				Description("Who runs what decides which questions are yours (none chosen: all three)").
				Options(models...).Value(&in.Models).Height(5),
			huh.NewSelect[string]().Title("Target maturity").Options(target...).Value(&in.Target).Inline(true),
			huh.NewConfirm().Title("Do you write or build software yourselves?").
				Description("Your own code, apps or scripts, not only products you buy and configure. If not, the secure-coding questions are left out.").
				Affirmative("Yes").Negative("No").Value(&in.BuildsSoftware),
		),
		huh.NewGroup(
			huh.NewMultiSelect[string]().Title("Azure services in use").
				Description("x or space to choose. Questions about a service you do not choose are left out; with none chosen, you get only the general questions, none about a particular service.").
				Options(svc...).Value(&in.Services).Height(min(len(svc)+2, 11)),
			in.savePath,
			huh.NewConfirm().Title("Protect this file with a passphrase?").
				Description(protectHelp(in)).
				Affirmative("Yes, encrypt it").Negative("No").Value(&in.Protect),
		),
		huh.NewGroup(
			huh.NewInput().Title("Passphrase").Description(fmt.Sprintf("At least %d characters. Without it the file cannot be opened: keep it somewhere safe.", MinPassphrase)).
				EchoMode(huh.EchoModePassword).Value(&in.Passphrase).Validate(checkNewPassphrase),
			huh.NewInput().Title("Same passphrase again").
				EchoMode(huh.EchoModePassword).Value(&in.Passphrase2).
				Validate(func(s string) error {
					if s != in.Passphrase {
						return errors.New("the two passphrases differ")
					}
					return nil
				}),
		).WithHideFunc(func() bool { return !in.Protect || in.EnvPassphrase != "" || in.NoPassphraseFields }),
	).WithShowHelp(true)
}

func protectHelp(in *ProfileInput) string {
	if in.EnvPassphrase != "" {
		return "Encrypted with the passphrase in SSRM_PASSPHRASE; every save stays encrypted."
	}
	return "Only someone with the passphrase can open the file; it stays protected at every save. You type the passphrase next."
}

func (in *ProfileInput) hasService(id string) bool {
	for _, s := range in.Services {
		if s == id {
			return true
		}
	}
	return false
}

func (in *ProfileInput) usesModel(m q.Model) bool {
	for _, x := range in.Models {
		if x == m {
			return true
		}
	}
	return false
}

func checkNewPath(in *ProfileInput, s string) error {
	p := strings.TrimSpace(s)
	if p == "" {
		p = DefaultPath(in.Org)
	}
	if _, err := os.Stat(p); err == nil {
		return fmt.Errorf("%s exists: resume it from the first screen, or choose another name", p)
	}
	if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
		return fmt.Errorf("no folder %s", filepath.Dir(p))
	}
	return nil
}

// startMsg says the session is ready: the steps can begin.
type startMsg struct {
	s      *Session
	mode   Mode
	resume bool
}

// errMsg carries an error to show on the welcome screen.
type welcomeErrMsg struct{ err error }

// loadCmd opens a saved assessment; an encrypted one is tried with
// envPass ($SSRM_PASSPHRASE) and otherwise asks for its passphrase.
func loadCmd(x *app.App, path, envPass string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		msg := openWith(x, path, envPass, now)
		if m, ok := msg.(needPassMsg); ok && m.err != nil && envPass != "" {
			m.err = fmt.Errorf("SSRM_PASSPHRASE does not open %s: %w", shortPath(path), m.err)
			return m
		}
		return msg
	}
}

func createCmd(x *app.App, in ProfileInput, now time.Time) tea.Cmd {
	return func() tea.Msg {
		path := in.SavePath()
		a, err := x.Create(app.NewAssessment{Profile: in.Profile(), Mode: in.Mode, Path: path, Passphrase: in.NewPassphrase()}, now)
		if err != nil {
			return welcomeErrMsg{err}
		}
		return startMsg{s: newSession(x.Bank, a, path), mode: parseMode(a.Mode)}
	}
}

type welcomeStage int

const (
	stageMenu welcomeStage = iota
	stageOpen
	stageForm
	stageUnlock
	stageMerge
)

// welcome is the first screen: start new, resume a recent file, or open one.
type welcome struct {
	c      *Common
	recent []app.Recent
	stage  welcomeStage
	cursor int
	input  textinput.Model
	form   *huh.Form
	in     *ProfileInput
	err    error
	w, h   int

	// envPass is $SSRM_PASSPHRASE: encrypted files open with it, new ones
	// are protected with it.
	envPass string
	// unlocking: the file whose passphrase is asked, the masked input, and
	// whether a try is running (scrypt takes a second).
	lockedPath string
	pass       textinput.Model
	trying     bool
	passErr    string

	merge *mergeFlow
}

func newWelcome(c *Common, envPass string) *welcome {
	in := textinput.New()
	in.Prompt = "File: "
	in.Placeholder = "path/to/assessment.json"
	return &welcome{c: c, recent: app.LoadRecent(c.App.RecentDir), input: in, envPass: envPass,
		pass: passInput("Passphrase: ")}
}

// Menu items: new, the recent files, open, merge, teach.
func (w *welcome) items() int { return len(w.recent) + 4 }

// askPass shows the passphrase prompt for an encrypted file.
func (w *welcome) askPass(m needPassMsg) tea.Cmd {
	w.stage, w.lockedPath, w.trying = stageUnlock, m.path, false
	w.passErr = ""
	if m.err != nil {
		w.passErr = wrongPassText(m.path)
		if w.envPass != "" && strings.Contains(m.err.Error(), "SSRM_PASSPHRASE") {
			w.passErr = "SSRM_PASSPHRASE does not open " + shortPath(m.path) + "; type its passphrase, or esc to go back."
		}
	}
	w.pass.Reset()
	return w.pass.Focus()
}

func (w *welcome) capturing() bool {
	if w.stage == stageMerge {
		// q and tab are keys of their own while typing a path
		return w.merge.capturing()
	}
	return w.stage != stageMenu
}

func (w *welcome) setSize(width, height int) {
	w.w, w.h = width, height
	if w.form != nil {
		w.form = w.form.WithWidth(min(width, 100)).WithHeight(height - 1)
	}
}

func (w *welcome) startForm() tea.Cmd {
	w.in = &ProfileInput{EnvPassphrase: w.envPass}
	w.form = NewProfileForm(w.c.App.Bank, w.in).WithTheme(huhTheme(w.c)).WithWidth(min(w.w, 100)).WithHeight(w.h - 1)
	w.stage = stageForm
	return w.form.Init()
}

func (w *welcome) update(msg tea.Msg) (*welcome, tea.Cmd) {
	switch m := msg.(type) {
	case welcomeErrMsg:
		w.err = m.err
		if w.stage == stageForm || w.stage == stageUnlock {
			w.stage = stageMenu
		}
		w.trying = false
		return w, nil
	case needPassMsg:
		return w, w.askPass(m)
	case mergeMsg:
		if w.merge != nil {
			return w, w.merge.update(msg)
		}
		return w, nil
	}
	switch w.stage {
	case stageMerge:
		if w.merge.done {
			w.merge, w.stage = nil, stageMenu
			return w, nil
		}
		cmd := w.merge.update(msg)
		if w.merge.done {
			w.merge, w.stage = nil, stageMenu
		}
		return w, cmd
	case stageUnlock:
		m, ok := msg.(tea.KeyMsg)
		if !ok || w.trying {
			return w, nil
		}
		switch m.Type {
		case tea.KeyEsc:
			w.stage, w.passErr = stageMenu, ""
			w.pass.Reset()
			return w, nil
		case tea.KeyEnter:
			p := trimPass(w.pass.Value())
			if p == "" {
				return w, nil
			}
			w.trying, w.passErr = true, ""
			w.pass.Reset()
			return w, unlockCmd(w.c.App, w.lockedPath, p, w.c.Now())
		}
		var cmd tea.Cmd
		w.pass, cmd = w.pass.Update(msg)
		return w, cmd
	case stageForm:
		if m, ok := msg.(tea.KeyMsg); ok && m.Type == tea.KeyEsc {
			w.stage, w.form = stageMenu, nil
			return w, nil
		}
		f, cmd := w.form.Update(msg)
		if ff, ok := f.(*huh.Form); ok {
			w.form = ff
		}
		if w.in.Sync() && w.form.State == huh.StateNormal {
			var again tea.Cmd
			w.form, again = refreshForm(w.form)
			cmd = tea.Batch(cmd, again)
		}
		switch w.form.State {
		case huh.StateCompleted:
			w.stage = stageMenu
			return w, createCmd(w.c.App, *w.in, w.c.Now().UTC().Truncate(time.Second))
		case huh.StateAborted:
			w.stage, w.form = stageMenu, nil
			return w, nil
		}
		return w, cmd
	case stageOpen:
		if m, ok := msg.(tea.KeyMsg); ok {
			switch m.Type {
			case tea.KeyEsc:
				w.stage = stageMenu
				return w, nil
			case tea.KeyEnter:
				path := strings.TrimSpace(w.input.Value())
				if path == "" {
					return w, nil
				}
				w.stage = stageMenu
				return w, loadCmd(w.c.App, path, w.envPass, w.c.Now())
			}
		}
		var cmd tea.Cmd
		w.input, cmd = w.input.Update(msg)
		return w, cmd
	}
	m, ok := msg.(tea.KeyMsg)
	if !ok {
		return w, nil
	}
	k := w.c.Keys
	switch {
	case key.Matches(m, k.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(m, k.Down):
		w.cursor = min(w.cursor+1, w.items()-1)
	case key.Matches(m, k.Choose):
		w.err = nil
		switch {
		case w.cursor == 0:
			return w, w.startForm()
		case w.cursor <= len(w.recent):
			return w, loadCmd(w.c.App, w.recent[w.cursor-1].Path, w.envPass, w.c.Now())
		case w.cursor == len(w.recent)+1:
			w.stage = stageOpen
			w.input.Reset()
			return w, w.input.Focus()
		case w.cursor == len(w.recent)+3:
			return w, func() tea.Msg { return trainMsg{} }
		default:
			w.stage = stageMerge
			w.merge = newMergeFlow(w.c, w.recent, w.envPass)
			w.merge.setSize(w.w, w.h)
			return w, w.merge.init()
		}
	}
	return w, nil
}

func (w *welcome) shortHelp() []key.Binding {
	k := w.c.Keys
	switch w.stage {
	case stageForm:
		return []key.Binding{withHelp(k.Back, "back"), withHelp(k.ForceQuit, "quit")}
	case stageOpen:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")), k.Back}
	case stageUnlock:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "unlock")), k.Back, withHelp(k.ForceQuit, "quit")}
	case stageMerge:
		return w.merge.shortHelp()
	}
	return []key.Binding{k.Up, k.Down, k.Choose, k.Quit}
}

func (w *welcome) view() string {
	st := w.c.Styles
	switch w.stage {
	case stageForm:
		return st.Title.Render("New assessment") + "\n" + w.form.View()
	case stageUnlock:
		return w.unlockView()
	case stageMerge:
		return w.merge.view()
	}
	out := []string{st.Title.Render("ssrm · Azure shared security responsibility"), ""}
	intro := "Microsoft secures the cloud; you secure what you put in it. This wizard finds out where your side stands, layer by layer, shows where an attacker would get through, and writes a plan: what to fix first, who trains whom, how to report a threat."
	for _, l := range wrap(intro, min(w.w, 90)) {
		out = append(out, st.Subtle.Render(l))
	}
	out = append(out, "")
	item := func(i int, s string) {
		cur, style := "  ", st.Option
		if i == w.cursor {
			cur, style = "› ", st.OptionActive
		}
		out = append(out, style.Render(trunc(cur+s, w.w)))
	}
	item(0, "Start a new assessment")
	if len(w.recent) > 0 {
		out = append(out, "", st.Bold.Render("  Resume"))
	}
	for i, r := range w.recent {
		name := r.Organization
		if name == "" {
			name = filepath.Base(r.Path)
		}
		item(i+1, fmt.Sprintf("%s  %s", name, st.Subtle.Render(fmt.Sprintf("%s · %s", shortPath(r.Path), r.Opened.Local().Format("2 Jan 15:04")))))
	}
	out = append(out, "")
	item(len(w.recent)+1, "Open a saved assessment…")
	item(len(w.recent)+2, "Merge participants' files…")
	item(len(w.recent)+3, "Teach the model (no assessment): who secures what, and a quiz")
	if w.stage == stageOpen {
		out = append(out, "", w.input.View())
	}
	if w.err != nil {
		out = append(out, "")
		for _, l := range wrap(w.err.Error(), w.w) {
			out = append(out, st.Error.Render(l))
		}
	}
	return block(fit(out, w.w, w.h), w.h)
}

func (w *welcome) unlockView() string {
	st := w.c.Styles
	out := []string{st.Title.Render("Encrypted assessment"), ""}
	for _, l := range wrap(shortPath(w.lockedPath)+" is protected with a passphrase. Nothing is changed on disk until it opens.", min(w.w, 90)) {
		out = append(out, st.Subtle.Render(l))
	}
	out = append(out, "", w.pass.View(), "")
	switch {
	case w.trying:
		out = append(out, st.Subtle.Render("Unlocking… (a second or two)"))
	case w.passErr != "":
		for _, l := range wrap(w.passErr, w.w) {
			out = append(out, st.Error.Render(l))
		}
	}
	return block(fit(out, w.w, w.h), w.h)
}

func shortPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

// huhTheme is the form theme; huh's base theme when colour is off.
func huhTheme(c *Common) *huh.Theme {
	if c.NoColor {
		return noColorTheme()
	}
	return huh.ThemeCharm()
}

// noColorTheme is huh's base theme with the chosen button in reverse video
// and bracketed: without colour, Yes and No looked the same (issue 17).
// Reverse and brackets are not colour, so $NO_COLOR allows them.
func noColorTheme() *huh.Theme {
	t := huh.ThemeBase()
	t.Focused.FocusedButton = t.Focused.FocusedButton.Reverse(true).Bold(true).Transform(func(s string) string { return "[" + s + "]" })
	t.Focused.BlurredButton = t.Focused.BlurredButton.Reverse(false).Transform(func(s string) string { return " " + s + " " })
	t.Blurred.FocusedButton = t.Focused.FocusedButton
	t.Blurred.BlurredButton = t.Focused.BlurredButton
	return t
}

// sensitivityOrder lists the bank's data sensitivities from least to most
// sensitive: by target, then in the model's own order (low, moderate,
// high, critical), then by name. By name alone "critical" came before
// "high", both with target 4 (issue 17).
func sensitivityOrder(b *q.Bank) []string {
	rank := map[string]int{"low": 0, "moderate": 1, "high": 2, "critical": 3}
	sens := make([]string, 0, len(b.Targets.Sensitivity))
	for s := range b.Targets.Sensitivity {
		sens = append(sens, s)
	}
	sort.Slice(sens, func(i, j int) bool {
		x, y := b.Targets.Sensitivity[sens[i]], b.Targets.Sensitivity[sens[j]]
		if x != y {
			return x < y
		}
		ri, iok := rank[sens[i]]
		rj, jok := rank[sens[j]]
		if iok != jok {
			return iok
		}
		if ri != rj {
			return ri < rj
		}
		return sens[i] < sens[j]
	})
	return sens
}
