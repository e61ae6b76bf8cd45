package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// A layer with nothing answered has no score: the comparison said
// "| Foundation | 0.00 | 0.00 | +0.00 |", which reads as "no security at
// all, and no progress", while the trend table of the same command said "—".
func TestCompareMarkdownLeavesUnscoredLayersBlank(t *testing.T) {
	old, cur := smallResult(t, nil), smallResult(t, nil)
	var empty []string
	for _, l := range cur.Layers {
		if l.Score.Empty {
			empty = append(empty, l.Name)
		}
	}
	if len(empty) == 0 {
		t.Fatal("the small result needs a layer with nothing answered")
	}
	var buf bytes.Buffer
	if err := WriteCompareMarkdown(&buf, scoring.Compare(old, cur)); err != nil {
		t.Fatal(err)
	}
	for _, name := range empty {
		if want := "| " + name + " | — | — | — |"; !strings.Contains(buf.String(), want) {
			t.Errorf("no row %q in:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), "| 0.00 | 0.00 |") {
		t.Errorf("an unscored layer is shown as 0.00:\n%s", buf.String())
	}
}
