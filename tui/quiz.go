package tui

import (
	"fmt"
	"sort"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// QuizItem is one multiple-choice question of the training quiz.
type QuizItem struct {
	Prompt  string
	Choices []string
	Answer  int // index of the right choice
	Why     string
}

// BuildQuiz makes 5–8 quiz items from the bank itself (its responsibility
// matrix, its controls' kill-chain links, its courses of action), so the
// quiz follows whatever bank is loaded. It is deterministic.
func BuildQuiz(b *q.Bank) []QuizItem {
	var out []QuizItem
	parties := []q.Party{q.Customer, q.Shared, q.Microsoft}
	partyChoices := make([]string, len(parties))
	for i, p := range parties {
		partyChoices[i] = reports.PartyName(p)
	}
	// Who owns a layer under a model: the most telling cells first (those
	// that are not the customer's).
	type cell struct {
		l q.Layer
		m q.Model
		p q.Party
	}
	var cells []cell
	for _, m := range []q.Model{q.PaaS, q.IaaS, q.SaaS} {
		for _, l := range q.Layers {
			if p, ok := b.Responsibility.Layers[l][m]; ok {
				cells = append(cells, cell{l, m, p})
			}
		}
	}
	sort.SliceStable(cells, func(i, j int) bool {
		return cells[i].p != q.Customer && cells[j].p == q.Customer
	})
	usedLayer := map[q.Layer]bool{}
	for _, c := range cells {
		if len(out) >= 3 || usedLayer[c.l] {
			continue
		}
		usedLayer[c.l] = true
		ans := 0
		for i, p := range parties {
			if p == c.p {
				ans = i
			}
		}
		why := b.Responsibility.Notes[c.l]
		if why == "" {
			why = b.LayerInfo(c.l).Description
		}
		out = append(out, QuizItem{
			Prompt:  fmt.Sprintf("Under %s, who secures the %s layer?", q.ModelName(c.m), b.LayerInfo(c.l).Name),
			Choices: partyChoices, Answer: ans, Why: why,
		})
	}
	// Which phase a control denies: from the heaviest questions with a
	// deny or disrupt link.
	qs := make([]*q.Question, 0, len(b.Questions))
	for i := range b.Questions {
		qs = append(qs, &b.Questions[i])
	}
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].Weight > qs[j].Weight })
	added := 0
	for _, qq := range qs {
		if added >= 3 {
			break
		}
		var hit *q.KillChainLink
		linked := map[q.Phase]bool{}
		for i, l := range qq.KillChain {
			linked[l.Phase] = true
			if hit == nil && l.Course.Breaks() {
				hit = &qq.KillChain[i]
			}
		}
		if hit == nil {
			continue
		}
		choices := []string{b.PhaseName(hit.Phase)}
		for _, ph := range q.Phases {
			if len(choices) == 4 {
				break
			}
			if !linked[ph] {
				choices = append(choices, b.PhaseName(ph))
			}
		}
		// Put the right answer in a place that depends on the item, not always first.
		pos := added % len(choices)
		choices[0], choices[pos] = choices[pos], choices[0]
		what := qq.Text
		if len(qq.Actions) > 0 {
			if a, ok := b.Action(qq.Actions[0]); ok {
				what = a.Title
			}
		}
		why := qq.Explanation
		if why == "" {
			why = qq.Help
		}
		out = append(out, QuizItem{
			Prompt:  fmt.Sprintf("Which kill-chain phase does this %s: %q", hit.Course, what),
			Choices: choices, Answer: pos, Why: why,
		})
		added++
	}
	// What a course of action means.
	if len(b.Courses) >= 3 {
		c := b.Courses[len(b.Courses)-1]
		for _, x := range b.Courses {
			if x.ID == string(q.Deny) {
				c = x
			}
		}
		var choices []string
		ans := 0
		for _, x := range b.Courses {
			if len(choices) == 4 {
				break
			}
			if x.ID == c.ID {
				ans = len(choices)
			}
			choices = append(choices, x.Description)
		}
		if ans < len(choices) && choices[ans] == c.Description {
			out = append(out, QuizItem{Prompt: fmt.Sprintf("What does the %q course of action do?", c.Name), Choices: choices, Answer: ans,
				Why: "Deny and disrupt break the chain; the others see, slow or limit the attacker."})
		}
	}
	if len(out) < 5 {
		out = append(out, QuizItem{
			Prompt:  "You answer \"don't know\" to a question. How does it count?",
			Choices: []string{"It is left out", "It scores 0 and is flagged to verify", "It scores the target", "It scores 3"},
			Answer:  1, Why: "Not knowing is a gap of its own: the report asks someone to find out.",
		})
	}
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}

// quiz runs the quiz: one item at a time, the answer and why, then a score.
type quiz struct {
	c       *Common
	items   []QuizItem
	i       int
	cursor  int
	shown   bool // the right answer is shown for item i
	correct int
}

func newQuiz(c *Common, b *q.Bank) quiz { return quiz{c: c, items: BuildQuiz(b)} }

func (z quiz) done() bool { return z.i >= len(z.items) }

func (z quiz) update(msg tea.Msg) (quiz, tea.Cmd) {
	m, ok := msg.(tea.KeyMsg)
	if !ok || z.done() {
		if ok && key.Matches(m, z.c.Keys.Choose) && z.done() {
			z = quiz{c: z.c, items: z.items}
		}
		return z, nil
	}
	k := z.c.Keys
	it := z.items[z.i]
	switch {
	case z.shown && key.Matches(m, k.Choose):
		z.i++
		z.cursor, z.shown = 0, false
	case z.shown:
	case key.Matches(m, k.Up):
		z.cursor = max(z.cursor-1, 0)
	case key.Matches(m, k.Down):
		z.cursor = min(z.cursor+1, len(it.Choices)-1)
	case key.Matches(m, k.Choose):
		z.shown = true
		if z.cursor == it.Answer {
			z.correct++
		}
	}
	return z, nil
}

// shortHelp is the quiz's keys at this point: choose an answer, go on
// after it, or start again at the end.
func (z quiz) shortHelp() []key.Binding {
	k := z.c.Keys
	switch {
	case z.done():
		return []key.Binding{withHelp(k.Choose, "take it again")}
	case z.shown:
		return []key.Binding{withHelp(k.Choose, "next")}
	}
	return []key.Binding{k.Up, k.Down, withHelp(k.Choose, "answer")}
}

func (z quiz) view(w int) []string {
	st := z.c.Styles
	if z.done() {
		return []string{
			st.Title.Render(fmt.Sprintf("Quiz done: %d of %d right", z.correct, len(z.items))), "",
			st.Subtle.Render("enter: take it again"),
		}
	}
	it := z.items[z.i]
	out := []string{st.Subtle.Render(fmt.Sprintf("Question %d of %d · %d right so far", z.i+1, len(z.items), z.correct)), ""}
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
		verdict := "Right."
		if z.cursor != it.Answer {
			verdict = "Not quite: the answer is " + it.Choices[it.Answer] + "."
		}
		out = append(out, "")
		for _, l := range wrap(verdict+" "+it.Why, w) {
			out = append(out, st.Explain.Render(l))
		}
		out = append(out, "", st.Subtle.Render("enter: next"))
	}
	return out
}
