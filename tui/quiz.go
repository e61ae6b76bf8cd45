package tui

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// Kinds of quiz item: who owns a row of the responsibility table, which
// kill-chain phase a control breaks, what a glossary term means.
const (
	QuizOwner     = "owner"
	QuizKillChain = "kill-chain"
	QuizTerm      = "term"
)

// QuizItem is one multiple-choice question of the training quiz.
type QuizItem struct {
	Kind    string
	Prompt  string
	Choices []string
	Answer  int // index of the right choice
	// Why explains the right answer; it is written from the same bank
	// entry as the answer, so the two never disagree.
	Why string
}

// QuizPool makes every quiz item the bank supports: the owner of each row
// of the responsibility table under each service model, the phase each
// control that denies or disrupts an attacker acts on, and the meaning of
// each glossary term, kill-chain phase and course of action. The right
// answer is the first choice; DrawQuiz shuffles.
func QuizPool(b *q.Bank) []QuizItem {
	var out []QuizItem
	out = append(out, ownerItems(b)...)
	out = append(out, killChainItems(b)...)
	out = append(out, termItems(b)...)
	return out
}

func ownerItems(b *q.Bank) []QuizItem {
	var out []QuizItem
	parties := []q.Party{q.Customer, q.Shared, q.Microsoft}
	src := b.Responsibility.Source
	cite := "ssrm's responsibility table"
	if src.Title != "" {
		cite = fmt.Sprintf("the table in %q", src.Title)
		if src.Date != "" {
			cite += " (dated " + src.Date + ")"
		}
	}
	rows := b.Responsibility.Rows
	if len(rows) == 0 {
		// a bank without rows: its layers
		for _, l := range q.Layers {
			if o, ok := b.Responsibility.Layers[l]; ok {
				rows = append(rows, q.ResponsibilityRow{Name: "the " + b.LayerInfo(l).Name + " layer", Owner: o, Layer: l})
			}
		}
	}
	for _, m := range q.Models {
		for _, r := range rows {
			p, ok := r.Owner[m]
			if !ok {
				continue
			}
			choices := []string{reports.PartyName(p)}
			for _, x := range parties {
				if x != p {
					choices = append(choices, reports.PartyName(x))
				}
			}
			why := fmt.Sprintf("%s. Under %s, %s gives %s to %s.", reports.PartyName(p), q.ModelName(m), cite, strings.ToLower(r.Name), partyPhrase(p))
			if r.Origin != "" {
				why = fmt.Sprintf("%s. Under %s, %s is %s. %s", reports.PartyName(p), q.ModelName(m), strings.ToLower(r.Name), partyPhrase(p)+"'s", r.Origin)
			}
			if r.Note != "" {
				why += " " + strings.TrimSpace(r.Note)
			} else if n := b.Responsibility.Notes[r.Layer]; n != "" {
				why += " " + strings.TrimSpace(n)
			}
			out = append(out, QuizItem{Kind: QuizOwner,
				Prompt:  fmt.Sprintf("Under %s, who secures %s?", q.ModelName(m), strings.ToLower(r.Name)),
				Choices: choices, Why: why})
		}
	}
	return out
}

// partyPhrase names a party inside a sentence.
func partyPhrase(p q.Party) string {
	switch p {
	case q.Microsoft:
		return "Microsoft"
	case q.Shared:
		return "Microsoft and the customer together"
	}
	return "the customer"
}

func killChainItems(b *q.Bank) []QuizItem {
	var out []QuizItem
	for i := range b.Questions {
		qq := &b.Questions[i]
		var hit *q.KillChainLink
		linked := map[q.Phase]bool{}
		for j, l := range qq.KillChain {
			linked[l.Phase] = true
			if hit == nil && l.Course.Breaks() {
				hit = &qq.KillChain[j]
			}
		}
		if hit == nil {
			continue
		}
		choices := []string{b.PhaseName(hit.Phase)}
		for _, ph := range q.Phases {
			if !linked[ph] && len(choices) < 4 {
				choices = append(choices, b.PhaseName(ph))
			}
		}
		if len(choices) < 3 {
			continue
		}
		what := qq.Text
		if len(qq.Actions) > 0 {
			if a, ok := b.Action(qq.Actions[0]); ok {
				what = a.Title
			}
		}
		course := string(hit.Course)
		var phaseDesc, courseDesc string
		for _, p := range b.Phases {
			if p.ID == string(hit.Phase) {
				phaseDesc = p.Description
			}
		}
		for _, c := range b.Courses {
			if c.ID == course {
				course, courseDesc = strings.ToLower(c.Name), c.Description
			}
		}
		why := fmt.Sprintf("%s. This control %s the %s phase", b.PhaseName(hit.Phase), thirdPerson(course), b.PhaseName(hit.Phase))
		if hit.From > 0 {
			why += fmt.Sprintf(" from maturity level %d", hit.From)
		}
		why += "."
		if phaseDesc != "" {
			why += " " + b.PhaseName(hit.Phase) + ": " + strings.TrimSpace(phaseDesc)
		}
		if courseDesc != "" {
			why += " " + capitalize(course) + ": " + strings.TrimSpace(courseDesc)
		}
		out = append(out, QuizItem{Kind: QuizKillChain,
			Prompt:  fmt.Sprintf("Which kill-chain phase does this control %s? %q", course, what),
			Choices: choices, Why: why})
	}
	return out
}

// thirdPerson is "denies" for "deny", "disrupts" for "disrupt".
func thirdPerson(verb string) string {
	if strings.HasSuffix(verb, "y") {
		return verb[:len(verb)-1] + "ies"
	}
	return verb + "s"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func termItems(b *q.Bank) []QuizItem {
	type entry struct{ term, meaning, kind string }
	var es []entry
	for _, t := range b.Terms {
		es = append(es, entry{t.Term, t.Meaning, "term"})
	}
	for _, p := range b.Phases {
		es = append(es, entry{p.Name, p.Description, "kill-chain phase"})
	}
	for _, c := range b.Courses {
		es = append(es, entry{c.Name, c.Description, "course of action"})
	}
	var out []QuizItem
	for i, e := range es {
		if e.meaning == "" {
			continue
		}
		// the distractors are of the same kind, nearest in the list
		choices := []string{e.term}
		for d := 1; d < len(es) && len(choices) < 4; d++ {
			for _, j := range []int{i + d, i - d} {
				if j >= 0 && j < len(es) && es[j].kind == e.kind && len(choices) < 4 && !strings.EqualFold(es[j].term, e.term) {
					choices = append(choices, es[j].term)
				}
			}
		}
		if len(choices) < 3 {
			continue
		}
		// the prompt hides the term (and its words) where the meaning says it
		prompt := maskTerm(e.meaning, e.term)
		out = append(out, QuizItem{Kind: QuizTerm,
			Prompt:  fmt.Sprintf("Which %s is this? %s", e.kind, prompt),
			Choices: choices, Why: e.term + ". " + e.meaning})
	}
	return out
}

// maskTerm blanks the term where the meaning names it, and each longer
// word of it, so the prompt does not give the answer away.
func maskTerm(meaning, term string) string {
	s := replaceWord(meaning, term)
	for _, w := range strings.FieldsFunc(term, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if len(w) >= 4 {
			s = replaceWord(s, w)
		}
	}
	return s
}

// replaceWord replaces w (any case, as a whole word) in s with "___".
func replaceWord(s, w string) string {
	if w == "" {
		return s
	}
	lower, lw := strings.ToLower(s), strings.ToLower(w)
	if len(lower) != len(s) {
		return s // a case change moved bytes: leave it
	}
	var b strings.Builder
	last := 0
	for i := 0; i+len(lw) <= len(lower); {
		k := strings.Index(lower[i:], lw)
		if k < 0 {
			break
		}
		at := i + k
		end := at + len(lw)
		if wordEdge(s, at-1) && wordEdge(s, end) {
			b.WriteString(s[last:at])
			b.WriteString("___")
			last = end
		}
		i = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// wordEdge reports whether byte i of s is outside a word.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80)
}

// DrawQuiz draws n items from the pool at random, items not in seen first
// (so "take it again" asks new questions until the pool runs out), the
// kinds taken in turn, each item's choices shuffled.
func DrawQuiz(pool []QuizItem, n int, seen map[string]bool, r *rand.Rand) []QuizItem {
	byKind := map[string][]QuizItem{}
	var kinds []string
	for _, it := range pool {
		if _, ok := byKind[it.Kind]; !ok {
			kinds = append(kinds, it.Kind)
		}
		byKind[it.Kind] = append(byKind[it.Kind], it)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		xs := byKind[k]
		r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		// unseen first, keeping the shuffled order within each part
		sort.SliceStable(xs, func(i, j int) bool { return !seen[xs[i].Prompt] && seen[xs[j].Prompt] })
	}
	var out []QuizItem
	for len(out) < n {
		took := false
		r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
		for _, k := range kinds {
			if len(out) == n || len(byKind[k]) == 0 {
				continue
			}
			out = append(out, shuffleChoices(byKind[k][0], r))
			byKind[k] = byKind[k][1:]
			took = true
		}
		if !took {
			break
		}
	}
	return out
}

func shuffleChoices(it QuizItem, r *rand.Rand) QuizItem {
	cs := append([]string(nil), it.Choices...)
	right := cs[it.Answer]
	r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	for i, c := range cs {
		if c == right {
			it.Answer = i
		}
	}
	it.Choices = cs
	return it
}

// quizRound is how many questions each player answers: ten alone, five
// each in a group.
func quizRound(players int) int {
	if players <= 1 {
		return 10
	}
	return 5
}

// quiz runs the training quiz: the players' names, then one item at a
// time to each player in turn, the answer and why, then the scores, saved.
type quiz struct {
	c       *Common
	pool    []QuizItem
	rng     *rand.Rand
	seen    map[string]bool
	setup   bool // asking for the players
	names   textinput.Model
	players []string
	items   []QuizItem
	i       int
	cursor  int
	shown   bool  // the right answer is shown for item i
	right   []int // per player
	saved   string
	best    []app.QuizScore
}

func newQuiz(c *Common, b *q.Bank) quiz {
	in := textinput.New()
	in.Prompt = "Players: "
	in.Placeholder = "names, comma-separated (blank: one player)"
	in.CharLimit = 200
	seed := uint64(c.Now().UnixNano())
	// the field waits for e, so tab, v and q keep working on the way past
	return quiz{c: c, pool: QuizPool(b), rng: rand.New(rand.NewPCG(seed, seed>>7|1)), seen: map[string]bool{}, setup: true, names: in}
}

func (z quiz) done() bool { return !z.setup && z.i >= len(z.items) }

// capturing reports whether the players' names are being typed.
func (z quiz) capturing() bool { return z.setup && z.names.Focused() }

// player is whose turn item i is.
func (z quiz) player(i int) int { return i % max(len(z.players), 1) }

func (z quiz) start() quiz {
	z.players = nil
	for _, p := range strings.Split(z.names.Value(), ",") {
		if p = strings.TrimSpace(p); p != "" && len(z.players) < 8 {
			z.players = append(z.players, p)
		}
	}
	if len(z.players) == 0 {
		z.players = []string{"Player"}
	}
	z.setup = false
	z.names.Blur()
	return z.again()
}

// again draws a new round for the same players.
func (z quiz) again() quiz {
	z.items = DrawQuiz(z.pool, quizRound(len(z.players))*len(z.players), z.seen, z.rng)
	for _, it := range z.items {
		z.seen[it.Prompt] = true
	}
	if len(z.seen) >= len(z.pool) {
		// everything asked: start the pool over
		z.seen = map[string]bool{}
	}
	z.i, z.cursor, z.shown = 0, 0, false
	z.right = make([]int, len(z.players))
	z.saved = ""
	return z
}

// quizSavedMsg says the round's scores were saved (or why not), with the
// best results so far.
type quizSavedMsg struct {
	err  error
	best []app.QuizScore
}

func (z quiz) saveCmd() tea.Cmd {
	dir := z.c.App.RecentDir
	var round []app.QuizScore
	now := z.c.Now()
	for i, p := range z.players {
		n := 0
		for j := range z.items {
			if z.player(j) == i {
				n++
			}
		}
		round = append(round, app.QuizScore{Player: p, Right: z.right[i], Of: n, When: now})
	}
	return func() tea.Msg {
		if dir == "" {
			return quizSavedMsg{err: errNoScoresDir}
		}
		err := app.AddQuizScores(dir, round)
		all, _ := app.LoadQuizScores(dir)
		return quizSavedMsg{err: err, best: app.BestQuizScores(all, 5)}
	}
}

var errNoScoresDir = fmt.Errorf("no config directory to keep scores in")

func (z quiz) update(msg tea.Msg) (quiz, tea.Cmd) {
	k := z.c.Keys
	if s, ok := msg.(quizSavedMsg); ok {
		z.saved, z.best = "Scores saved.", s.best
		if s.err != nil {
			z.saved = "Scores not saved: " + s.err.Error()
		}
		return z, nil
	}
	m, ok := msg.(tea.KeyMsg)
	if z.setup {
		switch {
		case ok && m.Type == tea.KeyEnter:
			return z.start(), nil
		case ok && m.Type == tea.KeyEsc:
			// leave the field: tab and v work again, enter starts
			z.names.Blur()
			return z, nil
		case ok && !z.names.Focused() && key.Matches(m, k.Edit):
			z.names.Focus()
			return z, textinput.Blink
		case !z.names.Focused():
			return z, nil
		}
		var cmd tea.Cmd
		z.names, cmd = z.names.Update(msg)
		return z, cmd
	}
	if !ok {
		return z, nil
	}
	if z.done() {
		switch {
		case key.Matches(m, k.Choose):
			return z.again(), nil
		case key.Matches(m, k.Edit):
			z.setup = true
			z.names.Focus()
			return z, textinput.Blink
		}
		return z, nil
	}
	it := z.items[z.i]
	switch {
	case z.shown && key.Matches(m, k.Choose):
		z.i++
		z.cursor, z.shown = 0, false
		if z.done() {
			return z, z.saveCmd()
		}
	case z.shown:
	case key.Matches(m, k.Up):
		z.cursor = max(z.cursor-1, 0)
	case key.Matches(m, k.Down):
		z.cursor = min(z.cursor+1, len(it.Choices)-1)
	case key.Matches(m, k.Choose):
		z.shown = true
		if z.cursor == it.Answer {
			z.right[z.player(z.i)]++
		}
	}
	return z, nil
}

// shortHelp is the quiz's keys at this point: choose an answer, go on
// after it, or start again at the end.
func (z quiz) shortHelp() []key.Binding {
	k := z.c.Keys
	switch {
	case z.setup && z.names.Focused():
		return []key.Binding{withHelp(k.Choose, "start"), withHelp(k.Back, "leave the field")}
	case z.setup:
		return []key.Binding{withHelp(k.Choose, "start"), withHelp(k.Edit, "players")}
	case z.done():
		return []key.Binding{withHelp(k.Choose, "take it again"), withHelp(k.Edit, "players")}
	case z.shown:
		return []key.Binding{withHelp(k.Choose, "next")}
	}
	return []key.Binding{k.Up, k.Down, withHelp(k.Choose, "answer")}
}

func (z quiz) total() int {
	n := 0
	for _, r := range z.right {
		n += r
	}
	return n
}

func (z quiz) view(w int) []string {
	st := z.c.Styles
	if z.setup {
		out := []string{st.Title.Render("Quiz"), ""}
		for _, l := range wrap(fmt.Sprintf("Questions drawn at random from %d made from the bank: who secures what under each service model, which kill-chain phase a control breaks, and what the terms mean. Several players take turns; scores are kept.", len(z.pool)), w) {
			out = append(out, st.Description.Render(l))
		}
		z.names.Width = max(w-len(z.names.Prompt)-2, 10)
		out = append(out, "", z.names.View())
		if !z.names.Focused() {
			out = append(out, "", st.Subtle.Render(trunc("e: name the players (several take turns) · enter: start", w)))
		}
		return out
	}
	if z.done() {
		out := []string{st.Title.Render(fmt.Sprintf("Quiz done: %d of %d right", z.total(), len(z.items))), ""}
		if len(z.players) > 1 {
			for i, p := range z.players {
				out = append(out, trunc(fmt.Sprintf("  %-20s %d right", p, z.right[i]), w))
			}
			out = append(out, "")
		}
		if z.saved != "" {
			style := st.Subtle
			if strings.HasPrefix(z.saved, "Scores not") {
				style = st.Warn
			}
			out = append(out, style.Render(trunc(z.saved, w)))
		}
		if len(z.best) > 0 {
			out = append(out, "", st.PanelTitle.Render("Best scores"))
			for _, s := range z.best {
				out = append(out, trunc(fmt.Sprintf("  %-20s %d/%d  %s", s.Player, s.Right, s.Of, s.When.Format("2 Jan 2006")), w))
			}
		}
		return append(out, "", st.Subtle.Render("enter: take it again (new questions) · e: change players"))
	}
	it := z.items[z.i]
	who := ""
	if len(z.players) > 1 {
		p := z.player(z.i)
		who = fmt.Sprintf("%s's turn · ", z.players[p])
	}
	out := []string{st.Subtle.Render(trunc(fmt.Sprintf("%sQuestion %d of %d · %d right so far", who, z.i+1, len(z.items), z.total()), w)), ""}
	for _, l := range wrap(it.Prompt, w) {
		out = append(out, st.Question.Render(l))
	}
	out = append(out, "")
	for i, c := range it.Choices {
		cur, style := "  ", st.Option
		if i == z.cursor {
			cur, style = "› ", st.OptionActive
		}
		mark := "○ "
		if z.shown && i == it.Answer {
			mark, style = "✓ ", st.OK
		} else if z.shown && i == z.cursor {
			mark = "✗ "
		}
		out = append(out, style.Render(trunc(cur+mark+c, w)))
	}
	if z.shown {
		// the explanation starts with the answer
		verdict := "Right: "
		if z.cursor != it.Answer {
			verdict = "Not quite, the answer is "
		}
		out = append(out, "")
		for _, l := range wrap(verdict+it.Why, w) {
			out = append(out, st.Explain.Render(l))
		}
		out = append(out, "", st.Subtle.Render("enter: next"))
	}
	return out
}
