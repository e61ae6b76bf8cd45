package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// CompareWarnings says what makes a comparison of these assessments doubtful
// without making it meaningless: they are of different organizations, or
// were answered against different versions of the question bank. Empty when
// they line up.
func CompareWarnings(results []*scoring.Result) []string {
	var out []string
	var orgs, banks []string
	seenOrg, seenBank := map[string]bool{}, map[string]bool{}
	for _, r := range results {
		if r == nil {
			continue
		}
		if org := strings.Join(strings.Fields(r.Profile.Organization), " "); org != "" && !seenOrg[strings.ToLower(org)] {
			seenOrg[strings.ToLower(org)] = true
			orgs = append(orgs, org)
		}
		if v := r.Provenance.Bank.Version; v != "" && !seenBank[v] {
			seenBank[v] = true
			banks = append(banks, v)
		}
	}
	if len(orgs) > 1 {
		out = append(out, fmt.Sprintf("These assessments are of different organizations (%s): the comparison shows how their answers differ, not progress.", strings.Join(orgs, "; ")))
	}
	if len(banks) > 1 {
		out = append(out, fmt.Sprintf("These assessments were answered against different versions of the question bank (%s): a question added or reworded since shows as moved.", strings.Join(banks, "; ")))
	}
	return out
}

// CompareRefusal returns why the assessments cannot be compared at all, or
// nil: two of them, each with answers, share no question, as when they were
// answered against unrelated question banks.
func CompareRefusal(results []*scoring.Result) error {
	answered := func(r *scoring.Result) map[string]bool {
		ids := map[string]bool{}
		if r != nil {
			for _, id := range r.AnsweredIDs {
				ids[id] = true
			}
		}
		return ids
	}
	for i := 0; i < len(results); i++ {
		a := answered(results[i])
		for j := i + 1; j < len(results); j++ {
			b := answered(results[j])
			if len(a) == 0 || len(b) == 0 {
				continue
			}
			shared := false
			for id := range a {
				if b[id] {
					shared = true
					break
				}
			}
			if !shared {
				return fmt.Errorf("cannot compare the assessments of %s and %s: they share no question, so they were answered against different question banks (%s and %s); compare assessments made with the same bank",
					orDash(day(results[i].Date)), orDash(day(results[j].Date)), bankName(results[i]), bankName(results[j]))
			}
		}
	}
	return nil
}

func bankName(r *scoring.Result) string {
	if v := r.Provenance.Bank.Version; v != "" {
		return v
	}
	return "unknown version"
}

// WriteCompareMarkdown writes what moved between two assessments. The
// warnings (CompareWarnings) head the document; without any given, those
// of the two assessments compared.
func WriteCompareMarkdown(w io.Writer, d *scoring.Diff, warnings ...string) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	p("# Progress since %s: %s\n\n", day(d.Old.Date), md(orDash(d.New.Profile.Organization)))
	if len(warnings) == 0 {
		warnings = CompareWarnings([]*scoring.Result{d.Old, d.New})
	}
	for _, wn := range warnings {
		p("> **Warning:** %s\n\n", md(wn))
	}
	p("Overall maturity %s → %s (%s).", scoreText(d.Old.Overall), scoreText(d.New.Overall), changeText(shownChange(d.Overall)))
	if s := downSentence(d); s != "" {
		p(" %s", md(s))
	}
	p("\n\n")
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
		p("| %s | %s | %s%s |\n", ph.Name, verdictWord(ph.OldVerdict), verdictWord(ph.NewVerdict), note)
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
				p(" %.1f |", s.Scores[i].Level)
			}
		}
		p("\n")
	}
	p("| Change since %s |", day(t.Dates[0]))
	for _, s := range t.Series {
		if c, ok := seriesChange(s); ok {
			p(" %s |", changeText(c))
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
	if err := WriteCompareMarkdown(&buf, p.Diff, p.Warnings...); err != nil {
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

// verdictWord is a phase's verdict in the progress table: a phase not
// judged (too little answered, or the attacker's side) is neither open nor
// broken.
func verdictWord(v scoring.Verdict) string {
	switch v {
	case scoring.VerdictOpen:
		return "open"
	case scoring.VerdictBroken:
		return "broken"
	}
	return "not judged"
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
	return fmt.Sprintf("%.1f", level)
}

// deltaChange is a layer's change, "—" unless both sides are scored.
func deltaChange(d scoring.Delta) string {
	if d.OldEmpty || d.NewEmpty {
		return "—"
	}
	return changeText(shownChange(d))
}

// Levels are shown with one decimal, and so are changes: a change is the
// difference of the two levels as shown, so "1.4 → 3.0 (+1.6)" adds up.

// round1 is a level as "%.1f" prints it.
func round1(x float64) float64 {
	v, _ := strconv.ParseFloat(fmt.Sprintf("%.1f", x), 64)
	return v
}

// shownChange is a delta's change between its levels as shown.
func shownChange(d scoring.Delta) float64 { return round1(round1(d.New) - round1(d.Old)) }

// seriesChange is a trend series' change between its first and last
// scored levels as shown; ok is false with fewer than two.
func seriesChange(s scoring.Series) (float64, bool) {
	if _, ok := s.Change(); !ok {
		return 0, false
	}
	first, last := -1, -1
	for i, sc := range s.Scores {
		if !sc.Empty {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return round1(round1(s.Scores[last].Level) - round1(s.Scores[first].Level)), true
}

// changeText is a change with its sign and one decimal: "+1.6", "-0.3",
// "±0.0".
func changeText(c float64) string {
	if round1(c) == 0 {
		return "±0.0"
	}
	return fmt.Sprintf("%+.1f", c)
}
