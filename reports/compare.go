package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// WriteCompareMarkdown writes what moved between two assessments.
func WriteCompareMarkdown(w io.Writer, d *scoring.Diff) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	p("# Progress since %s: %s\n\n", day(d.Old.Date), md(orDash(d.New.Profile.Organization)))
	p("Overall maturity %s → %s (%+.2f).\n\n", scoreText(d.Old.Overall), scoreText(d.New.Overall), d.Overall.Change)
	p("## Layers\n\n| Layer | Before | Now | Change |\n|---|---|---|---|\n")
	for _, l := range d.Layers {
		p("| %s | %.2f | %.2f | %+.2f |\n", l.Name, l.Old, l.New, l.Change)
	}
	p("\n## Kill chain\n\n| Phase | Before | Now |\n|---|---|---|\n")
	for _, ph := range d.Phases {
		note := ""
		switch {
		case ph.Closed():
			note = " (closed)"
		case ph.Reopened():
			note = " (reopened)"
		}
		p("| %s | %s | %s%s |\n", ph.Name, openWord(ph.OldOpen), openWord(ph.NewOpen), note)
	}
	p("\n## Questions that moved\n\n")
	if len(d.Questions) == 0 {
		p("No answer changed.\n")
	} else {
		p("| Question | Layer | Before | Now |\n|---|---|---|---|\n")
		for _, qd := range d.Questions {
			p("| %s | %s | %s | %s |\n", qd.ID, qd.Layer, deltaAnswer(qd.OldStatus, qd.OldLevel, qd.OnlyInNew), deltaAnswer(qd.NewStatus, qd.NewLevel, qd.OnlyInOld))
		}
	}
	p("\n## Actions no longer needed\n\n")
	if len(d.Done) == 0 {
		p("None yet.\n")
	}
	for _, id := range d.Done {
		title := id
		if a, ok := d.New.Bank.Action(id); ok {
			title = a.Title
		}
		p("- [x] %s\n", md(title))
	}
	if n := len(d.RisksAdded) + len(d.RisksExpired) + len(d.RisksClosed); n > 0 {
		p("\n## Accepted risks\n\n")
		for _, x := range []struct {
			label string
			ids   []string
		}{{"Accepted since", d.RisksAdded}, {"Expired (back in the plan)", d.RisksExpired}, {"Closed", d.RisksClosed}} {
			if len(x.ids) > 0 {
				p("- %s: %s\n", x.label, strings.Join(x.ids, ", "))
			}
		}
	}
	if len(d.NewGaps) > 0 {
		p("\n## New gaps\n\n")
		for _, id := range d.NewGaps {
			p("- %s\n", id)
		}
	}
	return bw.Flush()
}

func openWord(open bool) string {
	if open {
		return "open"
	}
	return "broken"
}

func deltaAnswer(s q.Status, level int, absent bool) string {
	if absent {
		return "not asked"
	}
	switch s {
	case q.Answered:
		return fmt.Sprintf("%d %s", level, q.LevelName(level))
	case q.Unknown:
		return "don't know"
	case q.NotApplicable:
		return "n/a"
	}
	return "not answered"
}
