package questionnaire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
)

// The loaders face hand-edited files: whatever the bytes, they return a
// bank/answers/assessment or an error, never panic, never hang, and what
// loads is consistent. Seeds live in testdata/fuzz/<Name>/. Each input
// runs under fuzzlimit's time bound: a loader that takes seconds on one
// input (an alias bomb) fails the fuzzer.

func FuzzParseBank(f *testing.F) {
	f.Add(mustRead(f, "testdata/small-bank.yaml"))
	f.Add([]byte("questions:\n  - id: X\n    layer: hosts\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error { return checkBank(data) })
	})
}

func checkBank(data []byte) error {
	b, err := ParseBank("fuzz.yaml", data)
	if err != nil {
		if ps, ok := AsProblems(err); ok && len(ps) == 0 {
			return fmt.Errorf("empty problem list returned as an error")
		}
		return nil
	}
	for _, q := range b.Questions {
		got, ok := b.Question(q.ID)
		if !ok || got.ID != q.ID {
			return fmt.Errorf("question %q not indexed", q.ID)
		}
		for _, a := range q.Actions {
			if _, ok := b.Action(a); !ok {
				return fmt.Errorf("validated bank has dangling action %q", a)
			}
		}
	}
	return nil
}

func FuzzParseAnswers(f *testing.F) {
	b := smallBank(f)
	f.Add([]byte("profile: {organization: A, size: small, sensitivity: high, models: [iaas]}\nanswers:\n  Q-ONE: 3\n  Q-TWO: unknown\n  Q-THREE: {level: 2, note: n}\n"))
	f.Add([]byte(`{"answers": {"Q-ONE": "na"}, "date": "2026-01-02"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error { return checkAnswers(b, data) })
	})
}

func checkAnswers(b *Bank, data []byte) error {
	af, err := ParseAnswers("fuzz.yaml", data, b)
	if err != nil {
		return nil
	}
	for id, ans := range af.Answers {
		q, ok := b.Question(id)
		if !ok {
			return fmt.Errorf("answer to unknown question %q accepted", id)
		}
		if ans.Status == Answered {
			if _, ok := q.Option(ans.Level); !ok {
				return fmt.Errorf("level %d accepted for %s", ans.Level, id)
			}
		}
	}
	_ = af.Apply(b, day0)
	return nil
}

func FuzzParseAssessment(f *testing.F) {
	b := smallBank(f)
	good, _ := json.Marshal(sampleAssessment(b))
	f.Add(good)
	f.Add([]byte(`{"schema": 1, "answers": {"X": {"status": "na"}}}`))
	f.Add([]byte(`{"schema": 3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error { return checkAssessment(data) })
	})
}

func checkAssessment(data []byte) error {
	a, err := ParseAssessment("fuzz.json", data)
	if err != nil {
		return nil
	}
	// What loads must survive a save and load unchanged.
	out, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("loaded assessment does not encode: %v", err)
	}
	again, err := ParseAssessment("again.json", out)
	if err != nil {
		return fmt.Errorf("saved form does not reload: %v\n%s", err, out)
	}
	out2, _ := json.Marshal(again)
	if !bytes.Equal(out, out2) {
		return fmt.Errorf("round trip changed the assessment:\n%s\n%s", out, out2)
	}
	return nil
}
