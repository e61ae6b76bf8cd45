package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// trainer teaches the shared responsibility model with no assessment: a
// walkthrough of the bank's responsibility table (who owns each row under
// IaaS, PaaS and SaaS, and why) and the quiz. `ssrm train` opens it; so
// does the welcome screen.
type trainer struct {
	c     *Common
	b     *q.Bank
	tabs  tabs
	row   int    // the row of the table under the cursor
	model int    // the service model column under the cursor
	rows  []trow // the table, grouped by layer
	quiz  quiz
	back  bool // esc on the walkthrough: back to the welcome screen
	// whyOff scrolls the explanation where the window is short; whyMax is
	// how far it can go (set by the last view).
	whyOff, whyMax int
	w, h           int
}

// trow is one line of the walkthrough's table: a layer's heading or a row.
type trow struct {
	layer q.Layer
	row   *q.ResponsibilityRow // nil: the layer's heading
}

const (
	tabWalkthrough = iota
	tabTrainQuiz
)

func newTrainer(c *Common, b *q.Bank) *trainer {
	t := &trainer{c: c, b: b, tabs: tabs{names: []string{"Who secures what", "Quiz"}}, quiz: newQuiz(c, b)}
	rows := b.Responsibility.Rows
	if len(rows) == 0 {
		for _, l := range q.Layers {
			if o, ok := b.Responsibility.Layers[l]; ok {
				rows = append(rows, q.ResponsibilityRow{ID: string(l), Name: b.LayerInfo(l).Name, Owner: o, Layer: l})
			}
		}
	}
	for _, l := range q.Layers {
		first := true
		for i := range rows {
			if rows[i].Layer != l {
				continue
			}
			if first {
				t.rows = append(t.rows, trow{layer: l})
				first = false
			}
			t.rows = append(t.rows, trow{layer: l, row: &rows[i]})
		}
	}
	t.row = 1
	t.model = 1 // PaaS: the column with most of "shared"
	return t
}

func (t *trainer) setSize(w, h int) { t.w, t.h = w, h }

func (t *trainer) capturing() bool { return t.tabs.i == tabTrainQuiz && t.quiz.capturing() }

func (t *trainer) shortHelp() []key.Binding {
	k := t.c.Keys
	if t.tabs.i == tabTrainQuiz {
		if t.quiz.capturing() {
			return t.quiz.shortHelp()
		}
		return append([]key.Binding{k.View}, t.quiz.shortHelp()...)
	}
	return []key.Binding{k.View, k.Up, k.Down, withHelp(k.Left, "model"), withHelp(k.Right, "model"), withHelp(k.Back, "welcome")}
}

func (t *trainer) update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(quizSavedMsg); ok {
		var cmd tea.Cmd
		t.quiz, cmd = t.quiz.update(msg)
		return cmd
	}
	m, isKey := msg.(tea.KeyMsg)
	if isKey && key.Matches(m, t.c.Keys.View) && !t.capturing() {
		t.tabs.next()
		return nil
	}
	if t.tabs.i == tabTrainQuiz {
		var cmd tea.Cmd
		t.quiz, cmd = t.quiz.update(msg)
		return cmd
	}
	if !isKey {
		return nil
	}
	k := t.c.Keys
	switch {
	case key.Matches(m, k.Up, k.Down, k.Left, k.Right) && t.whyOff > 0:
		t.whyOff = 0
		return t.update(msg)
	case key.Matches(m, k.Up):
		for i := t.row - 1; i >= 0; i-- {
			if t.rows[i].row != nil {
				t.row = i
				break
			}
		}
	case key.Matches(m, k.Down):
		for i := t.row + 1; i < len(t.rows); i++ {
			if t.rows[i].row != nil {
				t.row = i
				break
			}
		}
	case key.Matches(m, k.NextSection):
		t.walkthrough() // how far the explanation scrolls at this size
		t.whyOff = min(t.whyOff+1, t.whyMax)
	case key.Matches(m, k.PrevSec):
		t.whyOff = max(t.whyOff-1, 0)
	case key.Matches(m, k.Left):
		t.model = (t.model + len(q.Models) - 1) % len(q.Models)
	case key.Matches(m, k.Right):
		t.model = (t.model + 1) % len(q.Models)
	case key.Matches(m, k.Back):
		t.back = true
	}
	return nil
}

func (t *trainer) view() string {
	st := t.c.Styles
	out := []string{st.Title.Render("The shared responsibility model"), t.tabs.view(t.c), ""}
	if t.tabs.i == tabTrainQuiz {
		out = append(out, t.quiz.view(t.w)...)
		return block(fit(out, t.w, t.h), t.h)
	}
	return block(fit(append(out, t.walkthrough()...), t.w, t.h), t.h)
}

// walkthrough is the table, the cursor's cell explained, and the source.
// Each row names its layer where the layer starts, so the table needs no
// heading lines and fits at 80×24 with room for the why.
func (t *trainer) walkthrough() []string {
	st := t.c.Styles
	w := t.w
	colW, layerW := 10, 13
	nameW := max(min(w-2-layerW-3*colW, 50), 12)
	var tbl []string
	hdr := padRight("", 2) + padRight("Layer", layerW) + padRight("", nameW)
	for i, m := range q.Models {
		name := q.ModelName(m)
		if i == t.model {
			name = "[" + name + "]"
		}
		hdr += padRight(name, colW)
	}
	tbl = append(tbl, st.Bold.Render(trunc(hdr, w)))
	for i, r := range t.rows {
		if r.row == nil {
			continue
		}
		cur, style := "  ", st.Option
		if i == t.row {
			cur, style = "› ", st.OptionActive
		}
		layer := ""
		if i > 0 && t.rows[i-1].row == nil {
			layer = t.b.LayerInfo(r.layer).Name
		}
		name := r.row.Name
		if r.row.Origin != "" {
			name += " *"
		}
		line := cur + padRight(trunc(layer, layerW-1), layerW) + padRight(trunc(name, nameW-1), nameW)
		for j, m := range q.Models {
			cell := "?"
			if p, ok := r.row.Owner[m]; ok {
				cell = reports.PartyName(p)
			}
			if i == t.row && j == t.model {
				cell = "[" + cell + "]"
			}
			line += padRight(cell, colW)
		}
		tbl = append(tbl, style.Render(trunc(line, w)))
	}
	// why: the cell under the cursor
	var why []string
	if t.row < len(t.rows) && t.rows[t.row].row != nil {
		r := t.rows[t.row].row
		m := q.Models[t.model]
		p, ok := r.Owner[m]
		owner := "not given by the table"
		if ok {
			owner = partyPhrase(p)
		}
		text := fmt.Sprintf("Under %s, %s: %s.", q.ModelName(m), strings.ToLower(r.Name), owner)
		for _, l := range wrap(text, w) {
			why = append(why, st.Question.Render(l))
		}
		var more []string
		if r.Origin != "" {
			more = append(more, "* "+r.Origin)
		}
		if r.Note != "" {
			more = append(more, strings.TrimSpace(r.Note))
		}
		if n := t.b.Responsibility.Notes[r.Layer]; n != "" {
			more = append(more, strings.TrimSpace(n))
		}
		if def, ok := t.b.Define(q.ModelName(m)); ok {
			more = append(more, def)
		}
		for _, s := range more {
			for _, l := range wrap(s, w) {
				why = append(why, st.Description.Render(l))
			}
		}
	}
	src := t.b.Responsibility.Source
	cite := func(url bool) []string {
		if src.Title == "" {
			return nil
		}
		s := "Source: " + src.Title
		if src.Date != "" {
			s += ", dated " + src.Date
		}
		if url && src.URL != "" {
			s += ", " + src.URL
		}
		var out []string
		for _, l := range wrap(s, w) {
			out = append(out, st.Subtle.Render(l))
		}
		return out
	}
	// the table and the source always show (the address where there is
	// room); the explanation scrolls with ] and [, and says where it is
	src1 := cite(true)
	room := t.h - 3 - len(tbl) - 1 - len(src1) - 1
	if room < len(why) {
		src1 = cite(false)
		room = t.h - 3 - len(tbl) - 1 - len(src1) - 1
	}
	t.whyMax = 0
	if room < len(why) && room >= 2 {
		t.whyMax = len(why) - (room - 1)
		off := min(t.whyOff, t.whyMax)
		// the position line the wizard's long views use (scroll.go)
		plain := func(s ...string) string { return strings.Join(s, " ") }
		more := scrollLine(off, room-1, len(why), w, plain) + " · ] more · [ back"
		why = append(why[off:off+room-1:off+room-1], st.Subtle.Render(trunc(more, w)))
	} else if room < 2 {
		why = nil
	}
	cite1 := src1
	out := append(append(tbl, ""), why...)
	if len(cite1) > 0 {
		out = append(append(out, ""), cite1...)
	}
	return out
}
