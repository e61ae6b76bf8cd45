package scoring

import (
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

func TestTrend(t *testing.T) {
	b := smallBank(t)
	at := func(days int, as answers) *Result {
		return Compute(b, assess(b, mixed, as), Options{Date: day0.AddDate(0, 0, days)})
	}
	jan := at(0, answers{"Q-ONE": 1, "Q-TWO": 1})
	apr := at(90, answers{"Q-ONE": 3, "Q-TWO": 2})
	jul := at(180, answers{"Q-ONE": 5, "Q-TWO": 4, "Q-FOUR": 2})
	empty := at(30, answers{})
	cases := []struct {
		name    string
		in      []*Result
		dates   []int // days after day0
		overall []float64
		change  float64
		changed bool
	}{
		{"none", nil, nil, nil, 0, false},
		{"one", []*Result{jan}, []int{0}, []float64{jan.Overall.Level}, 0, false},
		{"in order", []*Result{jan, apr, jul}, []int{0, 90, 180},
			[]float64{jan.Overall.Level, apr.Overall.Level, jul.Overall.Level}, round2(jul.Overall.Level - jan.Overall.Level), true},
		{"sorted by date", []*Result{jul, jan, apr}, []int{0, 90, 180},
			[]float64{jan.Overall.Level, apr.Overall.Level, jul.Overall.Level}, round2(jul.Overall.Level - jan.Overall.Level), true},
		{"nil skipped", []*Result{nil, apr, nil, jan}, []int{0, 90},
			[]float64{jan.Overall.Level, apr.Overall.Level}, round2(apr.Overall.Level - jan.Overall.Level), true},
		{"empty point kept, change over scored points", []*Result{jan, empty, apr}, []int{0, 30, 90},
			[]float64{jan.Overall.Level, 0, apr.Overall.Level}, round2(apr.Overall.Level - jan.Overall.Level), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := Trend(c.in)
			if len(tr.Dates) != len(c.dates) {
				t.Fatalf("%d dates, want %d", len(tr.Dates), len(c.dates))
			}
			for i, d := range c.dates {
				if want := day0.AddDate(0, 0, d); !tr.Dates[i].Equal(want) {
					t.Errorf("date %d = %s, want %s", i, tr.Dates[i].Format(time.DateOnly), want.Format(time.DateOnly))
				}
			}
			if len(c.dates) == 0 {
				if len(tr.Series) != 0 {
					t.Errorf("series without results: %+v", tr.Series)
				}
				return
			}
			if len(tr.Series) != 1+len(q.Layers) || tr.Series[0].ID != OverallID {
				t.Fatalf("series %d (first %q), want overall then %d layers", len(tr.Series), tr.Series[0].ID, len(q.Layers))
			}
			for _, s := range tr.Series {
				if len(s.Scores) != len(c.dates) {
					t.Errorf("series %s has %d scores, want %d", s.ID, len(s.Scores), len(c.dates))
				}
			}
			for i, want := range c.overall {
				if got := tr.Series[0].Scores[i].Level; !near(got, want) {
					t.Errorf("overall[%d] = %.2f, want %.2f", i, got, want)
				}
			}
			change, ok := tr.Series[0].Change()
			if ok != c.changed || !near(change, c.change) {
				t.Errorf("change = %.2f, %v; want %.2f, %v", change, ok, c.change, c.changed)
			}
		})
	}
}

func TestTrendLayerSeries(t *testing.T) {
	b := smallBank(t)
	old := Compute(b, assess(b, mixed, answers{"Q-ONE": 1}), Options{Date: day0})
	cur := Compute(b, assess(b, mixed, answers{"Q-ONE": 4}), Options{Date: day0.AddDate(0, 3, 0)})
	tr := Trend([]*Result{old, cur})
	for i, l := range q.Layers {
		s := tr.Series[i+1]
		if s.ID != string(l) || s.Name != cur.Layer(l).Name {
			t.Errorf("series %d is %q %q, want layer %q", i+1, s.ID, s.Name, l)
		}
		for j, r := range []*Result{old, cur} {
			if s.Scores[j] != r.Layer(l).Score {
				t.Errorf("%s[%d] = %+v, want %+v", l, j, s.Scores[j], r.Layer(l).Score)
			}
		}
	}
	if n := tr.Series[0].Scored(); n != 2 {
		t.Errorf("overall scored %d points, want 2", n)
	}
}
