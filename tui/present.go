package tui

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	q "github.com/ssrm/ssrm/questionnaire"
)

// stem is the question as this audience reads it: the bank's plain stem
// in plain language, else its text.
func (p qpanel) stem(qq *q.Question) string {
	if p.c.Plain {
		return qq.Plain()
	}
	return qq.Text
}

// termsIn are the glossary terms a text uses, in the glossary's order. An
// acronym (all capitals) matches only in capitals, so "SAS" is not found
// in "sas"; other terms match in any case, on word boundaries.
func termsIn(b *q.Bank, text string) []q.Term {
	var out []q.Term
	for _, t := range b.Terms {
		if termRe(t.Term).MatchString(text) {
			out = append(out, t)
		}
	}
	return out
}

// termRes caches each term's pattern (wizards in tests run side by side).
var termRes sync.Map

func termRe(term string) *regexp.Regexp {
	if re, ok := termRes.Load(term); ok {
		return re.(*regexp.Regexp)
	}
	flags := "(?i)"
	if strings.ToUpper(term) == term {
		flags = ""
	}
	re := regexp.MustCompile(flags + `(^|[^\pL\pN])` + regexp.QuoteMeta(term) + `($|[^\pL\pN])`)
	termRes.Store(term, re)
	return re
}

// glossary explains, in plain language, the terms the question and the
// option under the cursor use: at most three, each on its own lines, or
// where the screen is short (full false) their names on one line, which ?
// opens.
func (p qpanel) glossary(qq *q.Question, w int, full bool) []string {
	if !p.c.Plain {
		return nil
	}
	text := p.stem(qq)
	if p.cursor < len(qq.Options) {
		text += " " + qq.Options[p.cursor].Label + " " + qq.Options[p.cursor].Description
	}
	key := qq.ID + "\x00" + text
	ts, ok := p.s.terms[key]
	if !ok {
		ts = termsIn(p.s.Bank, text)
		if p.s.terms == nil {
			p.s.terms = map[string][]q.Term{}
		}
		p.s.terms[key] = ts
	}
	if len(ts) == 0 {
		return nil
	}
	st := p.c.Styles
	if !full {
		names := make([]string, len(ts))
		for i, t := range ts {
			names[i] = t.Term
		}
		return wrap("Words used here: "+strings.Join(names, ", ")+" (? explains them)", w)
	}
	var out []string
	for i, t := range ts {
		if i == 3 {
			out = append(out, st.Subtle.Render(trunc(fmt.Sprintf("  and %d more in the report's glossary", len(ts)-3), w)))
			break
		}
		for j, l := range wrap(t.Term+": "+t.Meaning, w-2) {
			if j == 0 {
				out = append(out, "  "+st.Bold.Render(l))
			} else {
				out = append(out, "  "+st.Description.Render(l))
			}
		}
	}
	return append([]string{st.PanelTitle.Render("Words used here")}, append(out, "")...)
}

// presenterView is the question for a projector: no sidebar, no
// facilitator's notes or evidence, only the question and its levels in a
// column with wide margins and a blank line between levels where the
// screen has room.
func (p qpanel) presenterView(w, h int) []string {
	st := p.c.Styles
	qq := p.current()
	g := p.groups[p.gi]
	margin := presenterMargin(w)
	cw := w - 2*margin
	pad := strings.Repeat(" ", margin)
	sc := p.score(qq)
	ans, has := sc.Answer, sc.Answered()
	var out []string
	out = append(out, pad+st.Subtle.Render(trunc(fmt.Sprintf("%s · question %d of %d", g.Name, p.qi+1, len(g.Qs)), cw)), "")
	stem := wrap(p.stem(qq), cw)
	for _, l := range stem {
		out = append(out, pad+st.Question.Render(l))
	}
	out = append(out, "")
	var edit []string
	switch p.editing {
	case editNote:
		edit = append(edit, pad+st.Bold.Render("Note"))
		for _, l := range strings.Split(p.note.View(), "\n") {
			edit = append(edit, pad+l)
		}
		edit = append(edit, "")
	case editSpeaker:
		edit = append(edit, pad+p.input.View(), "")
	}
	// a blank line between levels when they all fit with one
	spaced := len(out)+2*p.items()+3+len(edit) <= h
	for i := 0; i < p.items(); i++ {
		out = append(out, pad+p.optionLine(qq, i, ans, has, cw))
		if spaced {
			out = append(out, "")
		}
	}
	if !spaced {
		out = append(out, "")
	}
	out = append(out, edit...)
	if d := p.itemDescription(qq, p.cursor); d != "" && len(out)+2 < h {
		for _, l := range wrap(d, cw-4) {
			out = append(out, pad+"    "+st.Description.Render(l))
		}
	}
	return out
}

// presenterMargin is the presenter view's margin on each side, in a panel
// w wide.
func presenterMargin(w int) int { return max(min((w-100)/2, 12), 2) }
