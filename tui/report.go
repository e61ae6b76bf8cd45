package tui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// ReportFunc writes the report of a scored assessment to path in a format
// (pdf, md, json, csv). cmd passes its own writers in, so tui knows no
// format.
type ReportFunc func(path, format string, r *scoring.Result) error

// reportWrittenMsg says one report file was written (or not).
type reportWrittenMsg struct {
	format, path string
	err          error
}

func writeReportCmd(write ReportFunc, path, format string, r *scoring.Result) tea.Cmd {
	return func() tea.Msg {
		return reportWrittenMsg{format: format, path: path, err: write(path, format, r)}
	}
}

// reportScreen writes the chosen formats, one after the other, with a
// progress bar, and shows where they went.
type reportScreen struct {
	c       *Common
	s       *Session
	write   ReportFunc
	formats []string
	chosen  map[string]bool
	cursor  int

	queue   []string
	total   int
	results []reportWrittenMsg
	spin    spinner.Model
	w, h    int
	// resp is the management responses panel while it is open ("m").
	resp *responsePanel
}

func newReportScreen(c *Common, s *Session, write ReportFunc, formats []string) *reportScreen {
	chosen := map[string]bool{}
	for _, f := range formats {
		chosen[f] = f == "pdf" || f == "md"
	}
	if len(formats) > 0 && !chosen["pdf"] && !chosen["md"] {
		chosen[formats[0]] = true
	}
	spin := spinner.New(spinner.WithSpinner(spinner.Line))
	if write != nil && len(formats) > 0 {
		// the "don't know" list for the IT provider, beside the plan
		formats = append(slices.Clone(formats), handoffMD, handoffPDF)
	}
	return &reportScreen{c: c, s: s, write: write, formats: formats, chosen: chosen, spin: spin}
}

func (r *reportScreen) Title() string   { return "Report" }
func (r *reportScreen) Enter() tea.Cmd  { return nil }
func (r *reportScreen) Capturing() bool { return r.resp != nil }
func (r *reportScreen) SetSize(w, h int) {
	r.w, r.h = w, h
}
func (r *reportScreen) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }
func (r *reportScreen) ShortHelp() []key.Binding {
	if r.resp != nil {
		return r.resp.ShortHelp()
	}
	k := r.c.Keys
	return []key.Binding{k.Up, k.Down, k.Toggle, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")), responsesKey}
}

// responsesKey opens the management responses to the findings.
var responsesKey = key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "responses"))

// outPath is where a format goes: beside the assessment.
func (r *reportScreen) outPath(format string) string {
	base := strings.TrimSuffix(r.s.Path, filepath.Ext(r.s.Path))
	base = strings.TrimSuffix(base, "-assessment")
	if base == "" {
		base = "ssrm"
	}
	if ext, ok := strings.CutPrefix(format, handoffPrefix); ok {
		return base + "-it-checklist." + ext
	}
	return base + "-action-plan." + format
}

// writeCmd writes one format: the hand-off here, the reports through the
// ReportFunc cmd passed in.
func (r *reportScreen) writeCmd(format string) tea.Cmd {
	path, res := r.outPath(format), r.s.Result()
	if _, ok := strings.CutPrefix(format, handoffPrefix); ok {
		return writeHandoffCmd(path, format, res, r.c.App.Tool, filepath.Base(r.s.Path))
	}
	return writeReportCmd(r.write, path, format, res)
}

func (r *reportScreen) writing() bool { return len(r.queue) > 0 }

func (r *reportScreen) Update(msg tea.Msg) tea.Cmd {
	if r.resp != nil {
		cmd, done := r.resp.Update(msg)
		if done {
			r.resp = nil
		}
		return cmd
	}
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !r.writing() {
			return nil
		}
		var cmd tea.Cmd
		r.spin, cmd = r.spin.Update(msg)
		return cmd
	case reportWrittenMsg:
		r.results = append(r.results, msg)
		if len(r.queue) > 0 {
			r.queue = r.queue[1:]
		}
		var save tea.Cmd
		if _, handoff := strings.CutPrefix(msg.format, handoffPrefix); msg.err == nil && !handoff {
			// the assessment is finished when its plan is written (it
			// stayed 0001-01-01 before: issue 17); the IT provider's
			// checklist is not the plan
			now := r.c.Now()
			save = r.s.edit(now, func(a *q.Assessment) { a.Finished = now })
		}
		if len(r.queue) > 0 {
			return tea.Batch(save, r.writeCmd(r.queue[0]))
		}
		return save
	case tea.KeyMsg:
		if r.writing() {
			return nil
		}
		k := r.c.Keys
		switch {
		case key.Matches(msg, responsesKey):
			r.resp = newResponsePanel(r.c, r.s)
		case key.Matches(msg, k.Up):
			r.cursor = max(r.cursor-1, 0)
		case key.Matches(msg, k.Down):
			r.cursor = min(r.cursor+1, len(r.formats)-1)
		case key.Matches(msg, k.Toggle) && r.cursor < len(r.formats):
			f := r.formats[r.cursor]
			r.chosen[f] = !r.chosen[f]
		case msg.Type == tea.KeyEnter:
			r.results, r.queue = nil, nil
			for _, f := range r.formats {
				if r.chosen[f] {
					r.queue = append(r.queue, f)
				}
			}
			r.total = len(r.queue)
			if r.total == 0 || r.write == nil {
				return nil
			}
			return tea.Batch(r.spin.Tick, r.writeCmd(r.queue[0]))
		}
	}
	return nil
}

func (r *reportScreen) View() string {
	if r.resp != nil {
		return r.resp.View(r.w, r.h)
	}
	st := r.c.Styles
	res := r.s.Result()
	out := []string{st.Title.Render("Write the action plan"), ""}
	// before you write: what is left, first, so it is never cut
	if cl := r.checklist(); len(cl) > 0 {
		out = append(append(out, cl...), "")
	}
	summary := fmt.Sprintf("Overall maturity %s against a target of %d; %s, %d of %d kill-chain phases open.",
		reports.ScoreText(res.Overall), res.Target, plural(len(res.Actions), "action"), len(res.OpenPhases()), len(res.KillChain))
	out = append(out, wrap(summary, r.w)...)
	for _, l := range reports.Verdict(res) {
		for _, w := range wrap(l, r.w) {
			out = append(out, st.Subtle.Render(w))
		}
	}
	out = append(out, "")
	if r.write == nil || len(r.formats) == 0 {
		out = append(out, st.Subtle.Render("No report writers are available in this build."))
		return block(fit(out, r.w, r.h), r.h)
	}
	// What is written, and where, must show: the summary above gives up
	// its lines first.
	var tail []string
	nameW := 4
	for _, f := range r.formats {
		if strings.HasPrefix(f, handoffPrefix) {
			nameW = len("IT checklist pdf")
		}
	}
	for i, f := range r.formats {
		cur, style := "  ", st.Option
		if i == r.cursor {
			cur, style = "› ", st.OptionActive
		}
		box := "[ ]"
		if r.chosen[f] {
			box = "[x]"
		}
		name := f
		if ext, ok := strings.CutPrefix(f, handoffPrefix); ok {
			name = "IT checklist " + ext
		}
		tail = append(tail, style.Render(trunc(fmt.Sprintf("%s%s %-*s → %s", cur, box, nameW, name, filepath.Base(r.outPath(f))), r.w)))
	}
	if r.cursor < len(r.formats) && strings.HasPrefix(r.formats[r.cursor], handoffPrefix) {
		text := fmt.Sprintf("The %s answered \"don't know\" as a form for your IT provider to tick; ssrm handoff import reads it back.", plural(res.Counts.Unknown, "question"))
		if res.Counts.Unknown == 0 {
			text = "No question is answered \"don't know\": the checklist would only say there is nothing to ask."
		}
		for _, l := range wrap(text, r.w-2) {
			tail = append(tail, "  "+st.Description.Render(l))
		}
	}
	tail = append(tail, "")
	if r.total > 0 {
		done := len(r.results)
		label := "done"
		if r.writing() {
			label = r.spin.View() + " writing " + r.queue[0] + "…"
		}
		tail = append(tail, trunc(bar(float64(done)/float64(r.total), min(r.w-24, 30))+fmt.Sprintf(" %d/%d %s", done, r.total, label), r.w))
		// the folder once, in full, then each file by its name
		dir := filepath.Dir(r.outPath(r.formats[0]))
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		for _, l := range strings.Split(ansi.Hardwrap("in "+dir, r.w, true), "\n") {
			tail = append(tail, st.Subtle.Render(l))
		}
		for _, m := range r.results {
			if m.err != nil {
				for _, l := range wrap(fmt.Sprintf("✗ %s: %v", m.format, m.err), r.w) {
					tail = append(tail, st.Error.Render(l))
				}
			} else {
				tail = append(tail, st.OK.Render(trunc("✓ wrote "+filepath.Base(m.path), r.w)))
			}
		}
	} else {
		tail = append(tail, st.Subtle.Render(trunc("space chooses formats; enter writes them; m records management responses.", r.w)))
	}
	out = fit(out, r.w, max(r.h-len(tail), 3))
	return block(fit(append(out, tail...), r.w, r.h), r.h)
}

// checklist is what is left before the report, step by step, and how to
// get there: N goes to the next open question, g lists them all.
func (r *reportScreen) checklist() []string {
	st := r.c.Styles
	if r.c.LeftByStep == nil {
		return nil
	}
	var open, parked, unsure int
	var where []string
	for _, s := range r.c.LeftByStep() {
		open, parked, unsure = open+s.open, parked+s.parked, unsure+s.unsure
		if n := s.open + s.parked; n > 0 {
			where = append(where, fmt.Sprintf("%d in %s", n, s.step))
		}
	}
	var out []string
	if open+parked == 0 {
		out = append(out, st.OK.Render("✓ Every question has an answer."))
	} else {
		msg := fmt.Sprintf("✗ %s still open (%s): N goes to the next, g lists them all.", plural(open+parked, "question"), strings.Join(where, ", "))
		if parked > 0 {
			msg = fmt.Sprintf("✗ %s still open, %d of them parked (%s): N goes to the next, g lists them all.", plural(open+parked, "question"), parked, strings.Join(where, ", "))
		}
		for _, l := range wrap(msg, r.w) {
			out = append(out, st.Warn.Render(l))
		}
	}
	if unsure > 0 {
		for _, l := range wrap(fmt.Sprintf("? %d \"don't know\": the report lists them for someone to verify.", unsure), r.w) {
			out = append(out, st.Subtle.Render(l))
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
