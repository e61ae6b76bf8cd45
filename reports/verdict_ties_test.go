package reports

import (
	"strings"
	"testing"
)

// TestVerdictNamesEveryLayerThatShares: two layers at the same strongest
// (or weakest) score are both named, not whichever came first.
func TestVerdictNamesEveryLayerThatShares(t *testing.T) {
	r := demoResult(t)
	levels := []float64{2.0, 2.04, 1.0, 0.96} // shown as 2.0, 2.0, 1.0, 1.0
	for i := range r.Layers {
		r.Layers[i].Score.Empty = false
		r.Layers[i].Score.Level = levels[i%len(levels)]
	}
	n := r.Layers
	want := n[0].Name + " and " + n[1].Name + " are strongest (2.0) and " + n[2].Name + " and " + n[3].Name + " weakest (1.0)."
	if v := Verdict(r); v[1] != want {
		t.Errorf("verdict on tied layers:\n got %q\nwant %q", v[1], want)
	}
	r.Layers[1].Score.Level = 1.7
	want = n[0].Name + " is strongest (2.0) and " + n[2].Name + " and " + n[3].Name + " weakest (1.0)."
	if v := Verdict(r); v[1] != want {
		t.Errorf("verdict with one strongest:\n got %q\nwant %q", v[1], want)
	}
	if !strings.Contains(strings.Join(Verdict(demoResult(t)), " "), "strongest") {
		t.Error("the demo's verdict names no strongest layer")
	}
}
