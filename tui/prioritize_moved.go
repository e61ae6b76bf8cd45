package tui

import (
	"fmt"
	"strings"
)

// Prioritize works on every answer (issue 17): the plan is re-ranked live
// from all answers, whichever step they were given in, and the screen says
// what moved since you last looked at it (new actions, ones that went up
// or down, ones an answer at target removed), in words above the table and
// as a mark by each rank. Your own decisions here (accept, defer, reorder)
// are not reported back to you as moves.
//
// Why live rather than after every question: an owner who stops halfway
// still gets a ranked plan from what they did answer, and the Fortify and
// Socialize answers that change it are pointed out instead of changing it
// silently.

// noteMoves compares the ranking with the one last seen.
func (p *prioritizeScreen) noteMoves() {
	now := make(map[string]int, len(p.items))
	for _, it := range p.items {
		now[it.Action.ID] = it.Rank
	}
	own := p.own
	p.own = false
	if p.seen == nil || own {
		p.seen = now
		if own {
			// acting on the plan is looking at it
			p.marks, p.moved = nil, ""
		}
		return
	}
	var added, up, down int
	marks := map[string]string{}
	for _, it := range p.items {
		id := it.Action.ID
		was, ok := p.seen[id]
		switch {
		case !ok:
			added++
			marks[id] = "+"
		case it.Rank > 0 && was > 0 && it.Rank < was:
			up++
			marks[id] = "↑"
		case it.Rank > 0 && was > 0 && it.Rank > was:
			down++
			marks[id] = "↓"
		}
	}
	gone := 0
	for id := range p.seen {
		if _, ok := now[id]; !ok {
			gone++
		}
	}
	p.seen = now
	if added+up+down+gone == 0 {
		return // nothing moved: what was said last stays
	}
	var parts []string
	if added > 0 {
		parts = append(parts, fmt.Sprintf("%d new (+)", added))
	}
	if up > 0 {
		parts = append(parts, fmt.Sprintf("%d up (↑)", up))
	}
	if down > 0 {
		parts = append(parts, fmt.Sprintf("%d down (↓)", down))
	}
	if gone > 0 {
		parts = append(parts, fmt.Sprintf("%d gone (answered at target)", gone))
	}
	p.marks = marks
	p.moved = "Since you last looked, from your answers: " + strings.Join(parts, ", ") + "."
}
