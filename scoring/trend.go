package scoring

import (
	"sort"
	"time"
)

// TrendLine is maturity over time across assessments of one organization:
// the overall score and each layer's, one point per assessment, oldest
// first. The reports draw it; nothing here knows how.
type TrendLine struct {
	// Dates are the assessments' dates, oldest first.
	Dates []time.Time
	// Series holds the overall score first, then each layer in the order
	// of the newest result's layers. Every series has one score per date;
	// a score is Empty where nothing was scored at that date.
	Series []Series
}

// Series is one line of a trend: a name and a score per date.
type Series struct {
	ID, Name string
	Scores   []Score
}

// OverallID is the ID of the overall series of a trend.
const OverallID = "overall"

// Trend lines up results by date, oldest first; results with the same
// date keep the order they were given in. Nil results are skipped.
func Trend(results []*Result) TrendLine {
	var rs []*Result
	for _, r := range results {
		if r != nil {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Date.Before(rs[j].Date) })
	var t TrendLine
	if len(rs) == 0 {
		return t
	}
	overall := Series{ID: OverallID, Name: "Overall"}
	for _, r := range rs {
		t.Dates = append(t.Dates, r.Date)
		overall.Scores = append(overall.Scores, r.Overall)
	}
	t.Series = append(t.Series, overall)
	for _, g := range rs[len(rs)-1].Layers {
		s := Series{ID: g.ID, Name: g.Name}
		for _, r := range rs {
			s.Scores = append(s.Scores, groupScore(r.Layers, g.ID))
		}
		t.Series = append(t.Series, s)
	}
	return t
}

// groupScore is the score of the group with the given id, Empty when the
// result has no such group.
func groupScore(gs []GroupScore, id string) Score {
	for _, g := range gs {
		if g.ID == id {
			return g.Score
		}
	}
	return Score{Empty: true}
}

// Change is the last scored level minus the first scored one; ok is false
// when fewer than two points are scored.
func (s Series) Change() (change float64, ok bool) {
	first, last := -1, -1
	for i, sc := range s.Scores {
		if sc.Empty {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 || first == last {
		return 0, false
	}
	return round2(s.Scores[last].Level - s.Scores[first].Level), true
}

// Scored counts the points of the series that carry a score.
func (s Series) Scored() int {
	n := 0
	for _, sc := range s.Scores {
		if !sc.Empty {
			n++
		}
	}
	return n
}
