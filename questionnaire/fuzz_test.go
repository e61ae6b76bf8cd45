package questionnaire

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The loaders face hand-edited files: whatever the bytes, they return a
// bank/answers/assessment or an error, never panic, and what loads is
// consistent. Seeds live in testdata/fuzz/<Name>/.

func FuzzParseBank(f *testing.F) {
	f.Add(mustRead(f, "testdata/small-bank.yaml"))
	f.Add([]byte("questions:\n  - id: X\n    layer: hosts\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBank("fuzz.yaml", data)
		if err != nil {
			if ps, ok := AsProblems(err); ok && len(ps) == 0 {
				t.Fatal("empty problem list returned as an error")
			}
			return
		}
		for _, q := range b.Questions {
			got, ok := b.Question(q.ID)
			if !ok || got.ID != q.ID {
				t.Fatalf("question %q not indexed", q.ID)
			}
			for _, a := range q.Actions {
				if _, ok := b.Action(a); !ok {
					t.Fatalf("validated bank has dangling action %q", a)
				}
			}
		}
	})
}

func FuzzParseAnswers(f *testing.F) {
	b := smallBank(f)
	f.Add([]byte("profile: {organization: A, size: small, sensitivity: high, models: [iaas]}\nanswers:\n  Q-ONE: 3\n  Q-TWO: unknown\n  Q-THREE: {level: 2, note: n}\n"))
	f.Add([]byte(`{"answers": {"Q-ONE": "na"}, "date": "2026-01-02"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		af, err := ParseAnswers("fuzz.yaml", data, b)
		if err != nil {
			return
		}
		for id, ans := range af.Answers {
			q, ok := b.Question(id)
			if !ok {
				t.Fatalf("answer to unknown question %q accepted", id)
			}
			if ans.Status == Answered {
				if _, ok := q.Option(ans.Level); !ok {
					t.Fatalf("level %d accepted for %s", ans.Level, id)
				}
			}
		}
		_ = af.Apply(b, day0)
	})
}

func FuzzParseAssessment(f *testing.F) {
	b := smallBank(f)
	good, _ := json.Marshal(sampleAssessment(b))
	f.Add(good)
	f.Add([]byte(`{"schema": 1, "answers": {"X": {"status": "na"}}}`))
	f.Add([]byte(`{"schema": 3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAssessment("fuzz.json", data)
		if err != nil {
			return
		}
		// What loads must survive a save and load unchanged.
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("loaded assessment does not encode: %v", err)
		}
		again, err := ParseAssessment("again.json", out)
		if err != nil {
			t.Fatalf("saved form does not reload: %v\n%s", err, out)
		}
		out2, _ := json.Marshal(again)
		if !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed the assessment:\n%s\n%s", out, out2)
		}
	})
}
