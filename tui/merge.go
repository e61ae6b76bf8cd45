package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// mergeMsg is any message of the merge flow; the root hands them to the
// welcome screen, which runs the flow.
type mergeMsg interface{ mergeFlowMsg() }

// mergedMsg carries a finished merge, ready for its conflicts.
type mergedMsg struct {
	a         *q.Assessment
	conflicts []q.Conflict
	names     []string
	pass      string
}

// mergeNeedPassMsg says a chosen file is encrypted and no passphrase (or
// a wrong one) was given.
type mergeNeedPassMsg struct {
	path  string
	wrong bool
}

// mergeErrMsg says the merge could not be done.
type mergeErrMsg struct{ err error }

func (mergedMsg) mergeFlowMsg()        {}
func (mergeNeedPassMsg) mergeFlowMsg() {}
func (mergeErrMsg) mergeFlowMsg()      {}

// mergeCmd loads the participants' files and merges them, every conflict
// left for a person to settle (StrategyAsk). Encrypted files open with
// pass; the first passphrase that opens one protects the merged file.
func mergeCmd(x *app.App, files []string, pass string) tea.Cmd {
	return func() tea.Msg {
		var asked string
		m, err := x.Merge(app.MergeInput{Files: files, Strategy: q.StrategyAsk}, func(path string) (string, error) {
			asked = path
			return app.Given(pass)(path)
		})
		var mm *q.MismatchError
		switch {
		case errors.Is(err, app.ErrNeedPassphrase):
			return mergeNeedPassMsg{path: asked}
		case errors.Is(err, q.ErrWrongPassphrase):
			return mergeNeedPassMsg{path: asked, wrong: true}
		case errors.As(err, &mm):
			return mergeErrMsg{fmt.Errorf("%w: these look like assessments of different organizations or banks (ssrm merge --force merges them anyway)", err)}
		case err != nil:
			return mergeErrMsg{err}
		}
		return mergedMsg{a: m.Assessment, conflicts: m.Conflicts, names: m.Names(), pass: m.Passphrase}
	}
}

// saveMergedCmd saves the merged assessment and opens it in the wizard,
// where a question parked to discuss is the first one shown.
func saveMergedCmd(x *app.App, a *q.Assessment, path, pass string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		if pass != "" {
			a.SetPassphrase(pass)
		}
		if err := x.Save(path, a, now); err != nil {
			return mergeErrMsg{err}
		}
		return startMsg{s: newSession(x.Bank, a, path), mode: parseMode(a.Mode), resume: true}
	}
}

type mergeStage int

const (
	mergePick mergeStage = iota
	mergeAdd
	mergeLoading
	mergePass
	mergeConflicts
	mergeSave
	mergeSaving
)

// mergeFile is a file offered for the merge.
type mergeFile struct {
	path, label string
	chosen      bool
}

// mergeFlow is "Merge participants' files": choose two or more files, then
// settle each conflict (a participant's answer, lowest, highest, average,
// or park it to discuss), then save the merged assessment.
type mergeFlow struct {
	c       *Common
	envPass string

	stage  mergeStage
	files  []mergeFile
	cursor int
	input  textinput.Model
	pass   textinput.Model
	// passFor is the encrypted file that asked for a passphrase.
	passFor string
	err     string

	merged    *q.Assessment
	org       string
	answers   int
	conflicts []q.Conflict
	names     []string
	mergePass string
	ci        int // the conflict shown
	vote      int // the highlighted vote
	// bulk: A was pressed; the next l, h or a settles every open conflict.
	bulk bool
	info string

	done bool
	w, h int
}

func newMergeFlow(c *Common, recent []app.Recent, envPass string) *mergeFlow {
	f := &mergeFlow{c: c, envPass: envPass, pass: passInput("Passphrase: ")}
	for _, r := range recent {
		label := r.Organization
		if label == "" {
			label = filepath.Base(r.Path)
		}
		f.files = append(f.files, mergeFile{path: r.Path, label: label})
	}
	f.input = textinput.New()
	f.input.Prompt = "File: "
	f.input.Placeholder = "path/to/participant.json"
	return f
}

func (f *mergeFlow) init() tea.Cmd {
	if len(f.files) == 0 {
		return f.startAdd()
	}
	return nil
}

func (f *mergeFlow) setSize(w, h int) { f.w, f.h = w, h }

func (f *mergeFlow) startAdd() tea.Cmd {
	f.stage = mergeAdd
	f.input.Reset()
	f.input.Prompt = "File: "
	f.input.Placeholder = "path/to/participant.json"
	return f.input.Focus()
}

func (f *mergeFlow) chosen() []string {
	var out []string
	for _, x := range f.files {
		if x.chosen {
			out = append(out, x.path)
		}
	}
	return out
}

// capturing: text is being typed.
func (f *mergeFlow) capturing() bool {
	return f.stage == mergeAdd || f.stage == mergePass || f.stage == mergeSave
}

func (f *mergeFlow) update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case mergeErrMsg:
		f.err = m.err.Error()
		if f.stage == mergeSaving {
			f.stage = mergeSave
			return f.input.Focus()
		}
		f.stage = mergePick
		return nil
	case mergeNeedPassMsg:
		f.stage, f.passFor, f.err = mergePass, m.path, ""
		if m.wrong {
			f.err = wrongPassText(m.path)
		}
		f.pass.Reset()
		return f.pass.Focus()
	case mergedMsg:
		f.merged, f.conflicts, f.names, f.mergePass = m.a, m.conflicts, m.names, m.pass
		// what the screen says about the merged file, taken once: the
		// view reads these, never the assessment being settled
		f.org, f.answers = m.a.Profile.Organization, len(m.a.Answers)
		f.stage, f.ci, f.err = mergeConflicts, 0, ""
		f.syncVote()
		return nil
	case tea.KeyMsg:
		return f.key(m)
	}
	return nil
}

func (f *mergeFlow) key(m tea.KeyMsg) tea.Cmd {
	k := f.c.Keys
	switch f.stage {
	case mergeLoading, mergeSaving:
		return nil
	case mergeAdd:
		switch m.Type {
		case tea.KeyEsc:
			f.stage = mergePick
			if len(f.files) == 0 {
				f.done = true
			}
			return nil
		case tea.KeyEnter:
			p := strings.TrimSpace(f.input.Value())
			if p == "" {
				return nil
			}
			if _, err := os.Stat(p); err != nil {
				f.err = fmt.Sprintf("No file %s", p)
				return nil
			}
			f.err = ""
			abs, _ := filepath.Abs(p)
			i := slices.IndexFunc(f.files, func(x mergeFile) bool { return x.path == abs || x.path == p })
			if i < 0 {
				f.files = append(f.files, mergeFile{path: p, label: filepath.Base(p)})
				i = len(f.files) - 1
			}
			f.files[i].chosen = true
			f.cursor = i
			f.input.Reset()
			// stay in the field: the next participant's file
			return nil
		}
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(m)
		return cmd
	case mergePass:
		switch m.Type {
		case tea.KeyEsc:
			f.stage = mergePick
			return nil
		case tea.KeyEnter:
			p := trimPass(f.pass.Value())
			if p == "" {
				return nil
			}
			f.stage = mergeLoading
			return mergeCmd(f.c.App, f.chosen(), p)
		}
		var cmd tea.Cmd
		f.pass, cmd = f.pass.Update(m)
		return cmd
	case mergeSave:
		switch m.Type {
		case tea.KeyEsc:
			f.stage, f.err = mergeConflicts, ""
			return nil
		case tea.KeyEnter:
			p := strings.TrimSpace(f.input.Value())
			if p == "" {
				p = f.defaultOut()
			}
			if err := checkMergeOut(p); err != nil {
				f.err = err.Error()
				return nil
			}
			f.stage, f.err = mergeSaving, ""
			return saveMergedCmd(f.c.App, f.merged, p, f.mergePass, f.c.Now())
		}
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(m)
		return cmd
	case mergeConflicts:
		return f.conflictKey(m)
	}
	// mergePick
	switch {
	case key.Matches(m, k.Back):
		f.done = true
	case key.Matches(m, k.Up):
		f.cursor = max(f.cursor-1, 0)
	case key.Matches(m, k.Down):
		f.cursor = min(f.cursor+1, max(len(f.files)-1, 0))
	case key.Matches(m, k.Toggle) && f.cursor < len(f.files):
		f.files[f.cursor].chosen = !f.files[f.cursor].chosen
	case key.Matches(m, k.AddFile):
		return f.startAdd()
	case m.Type == tea.KeyEnter:
		files := f.chosen()
		if len(files) < 2 {
			f.err = "Choose at least two files (space), or add one (a)."
			return nil
		}
		f.stage, f.err = mergeLoading, ""
		return mergeCmd(f.c.App, files, f.envPass)
	}
	return nil
}

func (f *mergeFlow) defaultOut() string {
	org := ""
	if f.merged != nil {
		org = f.org
	}
	return strings.TrimSuffix(DefaultPath(org), "-assessment.json") + "-merged-assessment.json"
}

func checkMergeOut(p string) error {
	if _, err := os.Stat(p); err == nil {
		return fmt.Errorf("%s exists: choose another name", p)
	}
	if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
		return fmt.Errorf("no folder %s", filepath.Dir(p))
	}
	return nil
}

// syncVote highlights the vote the conflict's answer came from.
func (f *mergeFlow) syncVote() {
	f.vote = 0
	if f.ci >= len(f.conflicts) {
		return
	}
	c := f.conflicts[f.ci]
	for i, v := range c.Votes {
		if v.Participant == c.Chosen {
			f.vote = i
		}
	}
}

func (f *mergeFlow) settled() int {
	n := 0
	for _, c := range f.conflicts {
		if c.Resolved {
			n++
		}
	}
	return n
}

// settle resolves the current conflict and moves to the next open one.
func (f *mergeFlow) settle(ch q.Choice) {
	c, err := q.Resolve(f.conflicts[f.ci], ch)
	if err != nil {
		f.err = err.Error()
		return
	}
	f.err = ""
	f.conflicts[f.ci] = c
	f.merged.ApplyConflict(c)
	for i := 1; i <= len(f.conflicts); i++ {
		j := (f.ci + i) % len(f.conflicts)
		if !f.conflicts[j].Resolved {
			f.ci = j
			break
		}
	}
	f.syncVote()
}

// settleAll resolves every open conflict the same way (lowest, highest
// or average); conflicts already settled keep their choice.
func (f *mergeFlow) settleAll(kind q.ChoiceKind) {
	n := 0
	for i, c := range f.conflicts {
		if c.Resolved {
			continue
		}
		c, err := q.Resolve(c, q.Choice{Kind: kind})
		if err != nil {
			f.err = err.Error()
			return
		}
		f.conflicts[i] = c
		f.merged.ApplyConflict(c)
		n++
	}
	f.err = ""
	f.info = fmt.Sprintf("Settled %s with the %s answer: s saves.", plural(n, "open conflict"), kind)
	f.syncVote()
}

// bulkKey is the key after A: l, h or a settles every open conflict, any
// other key cancels.
func (f *mergeFlow) bulkKey(m tea.KeyMsg) {
	k := f.c.Keys
	f.bulk = false
	switch {
	case key.Matches(m, k.MergeLowest):
		f.settleAll(q.ChooseLowest)
	case key.Matches(m, k.MergeHighest):
		f.settleAll(q.ChooseHighest)
	case key.Matches(m, k.MergeAverage):
		f.settleAll(q.ChooseAverage)
	}
}

func (f *mergeFlow) conflictKey(m tea.KeyMsg) tea.Cmd {
	k := f.c.Keys
	f.info = ""
	if f.bulk {
		f.bulkKey(m)
		return nil
	}
	if key.Matches(m, k.Back) {
		f.stage = mergePick
		return nil
	}
	if key.Matches(m, k.SaveMerged) {
		f.stage, f.err = mergeSave, ""
		f.input.Reset()
		f.input.Prompt = "Save merged as: "
		f.input.Placeholder = f.defaultOut()
		return f.input.Focus()
	}
	if len(f.conflicts) == 0 {
		return nil
	}
	c := f.conflicts[f.ci]
	switch {
	case key.Matches(m, k.NextConflict):
		f.ci = (f.ci + 1) % len(f.conflicts)
		f.syncVote()
	case key.Matches(m, k.PrevConflict):
		f.ci = (f.ci - 1 + len(f.conflicts)) % len(f.conflicts)
		f.syncVote()
	case key.Matches(m, k.Up):
		f.vote = max(f.vote-1, 0)
	case key.Matches(m, k.Down):
		f.vote = min(f.vote+1, len(c.Votes)-1)
	case m.Type == tea.KeyEnter:
		f.settle(q.Choice{Kind: q.ChooseParticipant, Participant: c.Votes[f.vote].Participant})
	case key.Matches(m, k.PickParticipant):
		i := int(m.String()[0] - '1')
		if i < len(c.Votes) {
			f.settle(q.Choice{Kind: q.ChooseParticipant, Participant: c.Votes[i].Participant})
		}
	case key.Matches(m, k.MergeLowest):
		f.settle(q.Choice{Kind: q.ChooseLowest})
	case key.Matches(m, k.MergeHighest):
		f.settle(q.Choice{Kind: q.ChooseHighest})
	case key.Matches(m, k.MergeAverage):
		f.settle(q.Choice{Kind: q.ChooseAverage})
	case key.Matches(m, k.MergeDiscuss):
		f.settle(q.Choice{Kind: q.ChooseDiscuss})
	case key.Matches(m, k.MergeAll) && f.settled() < len(f.conflicts):
		f.bulk, f.err = true, ""
	}
	return nil
}

func (f *mergeFlow) shortHelp() []key.Binding {
	k := f.c.Keys
	enter := func(s string) key.Binding { return key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s)) }
	switch f.stage {
	case mergeAdd:
		return []key.Binding{enter("add"), withHelp(k.Back, "done")}
	case mergePass:
		return []key.Binding{enter("unlock"), k.Back}
	case mergeSave:
		return []key.Binding{enter("save"), k.Back}
	case mergeConflicts:
		if len(f.conflicts) == 0 {
			return []key.Binding{k.SaveMerged, k.Back}
		}
		if f.bulk {
			return []key.Binding{withHelp(k.MergeLowest, "all lowest"), withHelp(k.MergeHighest, "all highest"), withHelp(k.MergeAverage, "all average"), withHelp(k.Back, "cancel")}
		}
		return []key.Binding{k.PickParticipant, k.MergeLowest, k.MergeHighest, k.MergeAverage, k.MergeDiscuss, k.MergeAll, k.NextConflict, k.SaveMerged, k.Back}
	case mergeLoading, mergeSaving:
		return nil
	}
	return []key.Binding{k.Up, k.Down, withHelp(k.Toggle, "choose"), k.AddFile, enter("merge"), k.Back}
}

func (f *mergeFlow) view() string {
	st := f.c.Styles
	w := f.w
	out := []string{st.Title.Render("Merge participants' files"), ""}
	switch f.stage {
	case mergeConflicts, mergeSave, mergeSaving:
		// The save field and its warning come last and must show: the
		// conflict above gives up its lines (long notes) first.
		body, tail := f.conflictView(w)
		if f.err != "" {
			tail = append(tail, "")
			for _, l := range wrap(f.err, w) {
				tail = append(tail, st.Error.Render(l))
			}
		}
		out = append(out, body...)
		out = fit(out, w, max(f.h-len(tail), 0))
		return block(fit(append(out, tail...), w, f.h), f.h)
	default:
		for _, l := range wrap("Several people answered the same assessment separately. Choose their files: where they agree the answer is kept with everyone's name; where they differ you settle it, question by question.", min(w, 90)) {
			out = append(out, st.Subtle.Render(l))
		}
		out = append(out, "")
		if len(f.files) == 0 {
			out = append(out, st.Subtle.Render("  No files yet: add one with its path."))
		}
		for i, x := range f.files {
			cur, style := "  ", st.Option
			if i == f.cursor && f.stage == mergePick {
				cur, style = "› ", st.OptionActive
			}
			box := "[ ]"
			if x.chosen {
				box = "[x]"
			}
			where := shortPath(x.path)
			if where == x.label {
				where = ""
			}
			out = append(out, style.Render(trunc(fmt.Sprintf("%s%s %s  ", cur, box, x.label), w))+st.Subtle.Render(trunc(where, max(w-ansiWidth(x.label)-10, 10))))
		}
		out = append(out, "", st.Subtle.Render(fmt.Sprintf("%d chosen", len(f.chosen()))))
		switch f.stage {
		case mergeAdd:
			out = append(out, "", f.input.View())
		case mergePass:
			out = append(out, "", st.Bold.Render(trunc(shortPath(f.passFor)+" is encrypted.", w)), f.pass.View())
		case mergeLoading:
			out = append(out, "", st.Subtle.Render("Merging…"))
		}
	}
	if f.err != "" {
		out = append(out, "")
		for _, l := range wrap(f.err, w) {
			out = append(out, st.Error.Render(l))
		}
	}
	return block(fit(out, w, f.h), f.h)
}

// conflictView is the conflict on screen, and the save field with its
// warning (tail), which must stay visible.
func (f *mergeFlow) conflictView(w int) (out, tail []string) {
	st := f.c.Styles
	out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("%s · %d participants (%s) · %s · %s",
		f.org, len(f.names), strings.Join(f.names, ", "), plural(f.answers, "answer"), plural(len(f.conflicts), "conflict")), w)))
	if len(f.conflicts) == 0 {
		out = append(out, "", st.OK.Render("Everyone agrees: nothing to settle."), "")
	} else {
		c := f.conflicts[f.ci]
		mark := st.Warn.Render(" · open")
		if c.Resolved {
			mark = st.OK.Render(" ✓ settled")
		}
		out = append(out, "", st.Bold.Render(fmt.Sprintf("Conflict %d of %d", f.ci+1, len(f.conflicts)))+mark+
			st.Subtle.Render(fmt.Sprintf(" · %d settled, %d to go", f.settled(), len(f.conflicts)-f.settled())), "")
		text := c.QuestionID
		var qq *q.Question
		if x, ok := f.c.App.Bank.Question(c.QuestionID); ok {
			qq = x
			text = x.Text
		}
		head := c.QuestionID
		if qq != nil {
			head += " · " + f.c.App.Bank.LayerInfo(qq.Layer).Name + " · " + f.c.App.Bank.DomainName(qq.Domain)
		}
		out = append(out, st.Title.Render(trunc(head, w)))
		for _, l := range wrap(text, w) {
			out = append(out, st.Question.Render(l))
		}
		out = append(out, "")
		nameW := 4
		for _, v := range c.Votes {
			nameW = max(nameW, min(ansiWidth(v.Participant), max(22, w/3)))
		}
		for i, v := range c.Votes {
			cur, style := "  ", st.Option
			if i == f.vote {
				cur, style = "› ", st.OptionActive
			}
			mark := "○"
			if c.Resolved && c.Chosen == v.Participant {
				mark = "●"
			}
			line := fmt.Sprintf("%s%d %s %s  %s", cur, i+1, mark, padRight(nameCell(v.Participant, nameW), nameW), voteText(qq, v.Answer))
			out = append(out, style.Render(trunc(line, w)))
			if n := strings.TrimSpace(v.Note); n != "" {
				// a long note keeps to three lines, so every participant's
				// answer stays on the screen
				ls := wrap("“"+n+"”", w-nameW-9)
				if len(ls) > 3 {
					ls = append(ls[:2:2], trunc(ls[2]+" "+strings.Join(ls[3:], " "), w-nameW-9))
				}
				for _, l := range ls {
					out = append(out, strings.Repeat(" ", nameW+9)+st.Description.Render(l))
				}
			}
		}
		out = append(out, "")
		status := "Open: until settled the lowest answer stands (" + voteText(qq, c.Answer) + ")."
		if c.Resolved {
			how := string(c.Choice.Kind)
			switch c.Choice.Kind {
			case q.ChooseParticipant:
				how = c.Chosen + "'s answer"
			case q.ChooseDiscuss:
				how = "parked to discuss (the lowest stands, not scored until answered)"
			case q.ChooseAverage:
				how = averageHow(c)
			}
			status = "Settled: " + how + " → " + voteText(qq, c.Answer) + "."
			out = append(out, st.OK.Render(trunc(status, w)))
		} else {
			out = append(out, st.Warn.Render(trunc(status, w)))
		}
	}
	switch {
	case f.stage == mergeConflicts && f.bulk:
		n := len(f.conflicts) - f.settled()
		tail = append(tail, "", st.Warn.Render(trunc(fmt.Sprintf("Settle all %s: l lowest · h highest · a average · any other key cancels", plural(n, "open conflict")), w)))
	case f.stage == mergeConflicts && f.info != "":
		tail = append(tail, "", st.OK.Render(trunc(f.info, w)))
	}
	switch f.stage {
	case mergeSave:
		tail = append(tail, "", f.input.View())
		if n := len(f.conflicts) - f.settled(); n > 0 {
			tail = append(tail, st.Warn.Render(trunc(fmt.Sprintf("%s still open: saved as the lowest answer, marked pending.", plural(n, "conflict")), w)))
		}
	case mergeSaving:
		tail = append(tail, "", st.Subtle.Render("Saving…"))
	}
	return out, tail
}

// voteText is an answer in a few words: "3 Scheduled scanning", "don't
// know", with its exception's kind.
func voteText(qq *q.Question, a q.Answer) string {
	s := q.AnswerWords(qq, a)
	if a.Exception != nil {
		s += " (" + a.Exception.Kind + ")"
	}
	return s
}

// averageHow says how an average was taken: a mean between two levels is
// rounded, and says so (1 and 2 gave 1 with no word, issue 17). "Don't
// know" counts as 0, as the merge counts it.
func averageHow(c q.Conflict) string {
	sum, n := 0, 0
	for _, v := range c.Votes {
		switch v.Status {
		case q.Answered:
			sum += v.Level
			n++
		case q.Unknown:
			n++
		}
	}
	if n == 0 || c.Answer.Status != q.Answered || sum%n == 0 {
		return "average"
	}
	mean := float64(sum) / float64(n)
	dir := "down"
	if float64(c.Answer.Level) > mean {
		dir = "up"
	}
	return fmt.Sprintf("average %.2g, rounded %s to %d (maturity levels are whole)", mean, dir, c.Answer.Level)
}

// nameCell fits a participant's name in w cells. A name UniqueNames told
// apart ends with its file's name or a number: that end is kept and the
// front cut, so two participants of the same long name never read alike.
func nameCell(name string, w int) string {
	if ansiWidth(name) <= w {
		return name
	}
	for _, sep := range []string{" (", " #"} {
		i := strings.LastIndex(name, sep)
		if i <= 0 {
			continue
		}
		tail := name[i:]
		if ansiWidth(tail)+2 <= w {
			return trunc(name[:i], w-ansiWidth(tail)) + tail
		}
		return trunc(strings.TrimSpace(tail), w)
	}
	return trunc(name, w)
}
