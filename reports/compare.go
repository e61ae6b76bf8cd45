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
		p("| %s | %s | %s | %s |\n", l.Name, deltaLevel(l.Old, l.OldEmpty), deltaLevel(l.New, l.NewEmpty), deltaChange(l.Delta))
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

// WriteTrendMarkdown writes maturity over time as a table: one row per
// assessment, overall and per layer, then the change from first to last.
func WriteTrendMarkdown(w io.Writer, t scoring.TrendLine) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	p("\n## Trend across %d assessments\n\n| Date |", len(t.Dates))
	for _, s := range t.Series {
		p(" %s |", md(s.Name))
	}
	p("\n|---|")
	for range t.Series {
		p("---|")
	}
	p("\n")
	for i, dt := range t.Dates {
		p("| %s |", day(dt))
		for _, s := range t.Series {
			if s.Scores[i].Empty {
				p(" — |")
			} else {
				p(" %.2f |", s.Scores[i].Level)
			}
		}
		p("\n")
	}
	p("| Change |")
	for _, s := range t.Series {
		if c, ok := s.Change(); ok {
			p(" %+.2f |", c)
		} else {
			p(" — |")
		}
	}
	p("\n")
	return bw.Flush()
}

// writeProgressMarkdown is the action plan's progress section: the
// comparison with the newest baseline, its headings one level down, and
// the trend when there are three assessments or more.
func writeProgressMarkdown(w io.Writer, p *Progress) error {
	var buf strings.Builder
	if err := WriteCompareMarkdown(&buf, p.Diff); err != nil {
		return err
	}
	lines := strings.Split(buf.String(), "\n")
	lines[0] = "## " + ProgressTitle(p)
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "## ") {
			lines[i] = "#" + lines[i]
		}
	}
	if _, err := io.WriteString(w, strings.Join(lines, "\n")); err != nil {
		return err
	}
	if len(p.Trend.Dates) >= 3 {
		var tb strings.Builder
		if err := WriteTrendMarkdown(&tb, p.Trend); err != nil {
			return err
		}
		_, err := io.WriteString(w, strings.Replace(tb.String(), "\n## ", "\n### ", 1))
		return err
	}
	return nil
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

// deltaLevel is one side of a layer's comparison: "—" when nothing in the
// layer was answered then, never a 0.00 that reads as "no security at all".
func deltaLevel(level float64, empty bool) string {
	if empty {
		return "—"
	}
	return fmt.Sprintf("%.2f", level)
}

// deltaChange is a layer's change, "—" unless both sides are scored.
func deltaChange(d scoring.Delta) string {
	if d.OldEmpty || d.NewEmpty {
		return "—"
	}
	return fmt.Sprintf("%+.2f", d.Change)
}
