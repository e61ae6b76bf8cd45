package questionnaire

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
)

func TestParseHandoffReadsTicksAndNotes(t *testing.T) {
	b := smallBank(t)
	got, err := ParseHandoff("form.md", mustRead(t, "testdata/handoff-filled.md"), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d answers: %+v", len(got), got)
	}
	if g := got[0]; g.ID != "Q-ONE" || g.Line != 9 || g.Status != Answered || g.Level != 3 || g.Note != "checked the portal on 3 March." {
		t.Errorf("first = %+v", g)
	}
	if g := got[1]; g.ID != "Q-TWO" || g.Status != NotApplicable || g.Note != "" {
		t.Errorf("second = %+v", g)
	}
}

// Every mistake is an error that names the file, the line and what to do.
func TestParseHandoffErrorsSayFileAndLine(t *testing.T) {
	b := smallBank(t)
	form := string(mustRead(t, "testdata/handoff-filled.md"))
	cases := []struct {
		name, from, to, want string
	}{
		{"two ticks", "- [ ] 1 Some", "- [x] 1 Some", "form.md:13: a second box ticked for Q-ONE (line 9)"},
		{"unknown id", "ID: Q-TWO", "ID: Q-TWOO", "form.md:24: no question \"Q-TWOO\" in the bank (did you mean Q-TWO?)"},
		{"no such level", "- [X] 3 Good", "- [X] 7 Good", "form.md:13: question Q-ONE has no level 7"},
		{"odd tick", "- [X] 3 Good", "- [v] 3 Good", "form.md:13: tick a box with x"},
		{"not a level", "- [X] 3 Good", "- [X] three Good", "form.md:13: \"three\" is not an answer"},
		{"twice", "ID: Q-TWO", "ID: Q-ONE", "form.md:24: question Q-ONE appears twice (first at line 9)"},
		{"no marker", "<!-- ssrm hand-off form", "<!-- some form", "form.md:1: not an ssrm hand-off form"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := strings.Replace(form, c.from, c.to, 1)
			if data == form {
				t.Fatalf("%q not in the form", c.from)
			}
			_, err := ParseHandoff("form.md", []byte(data), b)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// Importing never overwrites an answer silently: one given since the form
// was written is kept (and said), unless overwrite; a "don't know" takes
// the form's answer, signed, its note added.
func TestApplyHandoffNeverOverwritesSilently(t *testing.T) {
	b := smallBank(t)
	now := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	answers, err := ParseHandoff("form.md", mustRead(t, "testdata/handoff-filled.md"), b)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAssessment(b, Profile{Organization: "Harbour Lane", Size: "small", Sensitivity: "high"}, now)
	a.SetAnswer("Q-ONE", Answer{Status: Unknown, Note: "ask Sam", When: now}, now)
	a.SetAnswer("Q-TWO", Answer{Status: Answered, Level: 2, When: now}, now)
	ch := ApplyHandoff(a, answers, "IT provider", false, now)
	if !ch[0].Applied || ch[0].Before != "don't know" || ch[0].After != "3 Defined" {
		t.Errorf("Q-ONE change %+v", ch[0])
	}
	got, _ := a.Answer("Q-ONE")
	if got.Status != Answered || got.Level != 3 || got.Who != "IT provider" || got.Note != "ask Sam\nIT provider: checked the portal on 3 March." {
		t.Errorf("Q-ONE = %+v", got)
	}
	if ch[1].Applied || !strings.Contains(ch[1].Reason, "--overwrite") {
		t.Errorf("Q-TWO change %+v: want kept and said", ch[1])
	}
	if got, _ := a.Answer("Q-TWO"); got.Status != Answered || got.Level != 2 {
		t.Errorf("Q-TWO overwritten: %+v", got)
	}
	ch = ApplyHandoff(a, answers, "IT provider", true, now)
	if got, _ := a.Answer("Q-TWO"); !ch[1].Applied || got.Status != NotApplicable {
		t.Errorf("with overwrite Q-TWO = %+v (%+v)", got, ch[1])
	}
	if ch[0].Applied {
		t.Errorf("the same answer again counted as a change: %+v", ch[0])
	}
}

func FuzzParseHandoff(f *testing.F) {
	b := smallBank(f)
	f.Add(mustRead(f, "testdata/handoff-filled.md"))
	f.Add([]byte(HandoffMarker + "\nID: Q-ONE\n- [x] d\nNote: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error {
			got, err := ParseHandoff("fuzz.md", data, b)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "fuzz.md") {
					return fmt.Errorf("error does not name the file: %v", err)
				}
				return nil
			}
			if !bytes.Contains(data, []byte(HandoffMarker)) {
				return fmt.Errorf("parsed a file without the marker")
			}
			for _, h := range got {
				q, ok := b.Question(h.ID)
				if !ok {
					return fmt.Errorf("unknown id %q accepted", h.ID)
				}
				if h.Status == Answered {
					if _, ok := q.Option(h.Level); !ok {
						return fmt.Errorf("%s: level %d accepted", h.ID, h.Level)
					}
				}
				if len(h.Note) > maxHandoffNote {
					return fmt.Errorf("note of %d bytes", len(h.Note))
				}
			}
			// applying it to a fresh assessment never panics and changes
			// only what it reports
			a := NewAssessment(b, Profile{Organization: "x"}, time.Time{})
			n := 0
			for _, c := range ApplyHandoff(a, got, "who", false, time.Time{}) {
				if c.Applied {
					n++
				}
			}
			if len(a.AnsweredIDs()) != n {
				return fmt.Errorf("%d answers after %d changes", len(a.AnsweredIDs()), n)
			}
			return nil
		})
	})
}

// BenchmarkParseHandoff reads a form of every question of the small bank,
// each answered with a note.
func BenchmarkParseHandoff(b *testing.B) {
	bank := smallBank(b)
	var sb strings.Builder
	sb.WriteString(HandoffMarker + "\n")
	for _, q := range bank.Questions {
		fmt.Fprintf(&sb, "\n### %s\n\nID: %s\n\n", q.Text, q.ID)
		for i, o := range q.Options {
			box := " "
			if i == 1 {
				box = "x"
			}
			fmt.Fprintf(&sb, "- [%s] %d %s: %s\n", box, o.Level, o.Label, o.Description)
		}
		sb.WriteString("- [ ] d Cannot tell\n- [ ] x Does not apply to us\n\nNote: checked on the portal\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseHandoff("form.md", data, bank); err != nil {
			b.Fatal(err)
		}
	}
}
