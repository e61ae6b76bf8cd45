package questionnaire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestResponseRoundTripsThroughTheFile(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.Schema = 2 // a file first saved by an older ssrm
	due := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	a.SetResponse("Q-ONE", Response{Status: ResponsePlanned, Date: due, Comment: "budget in Q1", Who: "CFO"}, day0)
	a.SetResponse("Q-TWO", Response{Status: ResponseDisagreed, Comment: "covered by the MSP contract"}, day0)
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	got, err := LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Schema < ResponsesSchema {
		t.Errorf("a file with responses saved as schema %d: an older ssrm would drop them", got.Schema)
	}
	r := got.Responses["Q-ONE"]
	if r.Status != ResponsePlanned || !r.Date.Equal(due) || r.Comment != "budget in Q1" || r.Who != "CFO" || !r.When.Equal(day0) {
		t.Errorf("planned response came back as %+v", r)
	}
	if got.Responses["Q-TWO"].Status != ResponseDisagreed {
		t.Errorf("disagreed response lost: %+v", got.Responses)
	}
	if ResponseWords(r) != "Agree with plan, by 2027-03-31" {
		t.Errorf("words %q", ResponseWords(r))
	}
	got.SetResponse("Q-TWO", Response{}, day0)
	if _, ok := got.Responses["Q-TWO"]; ok {
		t.Error("an empty status should remove the response")
	}
}

func TestOldFileWithoutResponsesLoads(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.Schema = 2
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "responses") || !strings.Contains(string(data), `"schema": 2`) {
		t.Fatalf("a file without responses should stay schema 2 and hold none:\n%s", data)
	}
	got, err := LoadAssessment(path)
	if err != nil || len(got.Responses) != 0 {
		t.Fatalf("old file: %v, %v", got, err)
	}
}

func TestBadResponseNamesFileAndLine(t *testing.T) {
	for _, tc := range []struct{ resp, want string }{
		{`{"status": "maybe"}`, `unknown response "maybe": use Agree, Agree with plan, Accept risk, Disagree`},
		{`{"status": "planned"}`, "needs the date"},
		{`{"status": "disagreed"}`, "needs a comment"},
		{`{"status": "accepted", "date": "2027-01-01T00:00:00Z"}`, `only the response "Agree with plan" has a date`},
	} {
		data := `{
  "schema": 3,
  "profile": {"organization": "x", "size": "small", "sensitivity": "low", "models": ["iaas"]},
  "answers": {},
  "responses": {
    "Q-ONE": ` + tc.resp + `
  }
}`
		_, err := ParseAssessment("a.json", []byte(data))
		var ps Problems
		if !errors.As(err, &ps) || len(ps) != 1 {
			t.Fatalf("%s: want one problem, got %v", tc.resp, err)
		}
		if ps[0].Line != 6 || ps[0].File != "a.json" || !strings.Contains(ps[0].Msg, tc.want) || !strings.Contains(ps[0].Msg, "Q-ONE") {
			t.Errorf("%s: got %+v, want line 6 and %q", tc.resp, ps[0], tc.want)
		}
	}
}

func TestMergeKeepsResponses(t *testing.T) {
	b := smallBank(t)
	x, y := sampleAssessment(b), sampleAssessment(b)
	x.SetResponse("Q-ONE", Response{Status: ResponseAccepted}, day0)
	y.SetResponse("Q-TWO", Response{Status: ResponseRiskAccepted, Comment: "legacy system retires in 2027"}, day0)
	c := x.Clone()
	x.Responses["Q-ONE"] = Response{Status: ResponseDisagreed}
	if c.Responses["Q-ONE"].Status != ResponseAccepted {
		t.Error("Clone shares the responses map")
	}
	m, _, err := Merge([]Participant{{Name: "Ana", File: "x.json", Assessment: x}, {Name: "Ben", File: "y.json", Assessment: y}}, StrategyLowest)
	if err != nil {
		t.Fatal(err)
	}
	if m.Responses["Q-ONE"].Status != ResponseDisagreed || m.Responses["Q-TWO"].Status != ResponseRiskAccepted {
		t.Errorf("merged responses: %+v", m.Responses)
	}
}

// Workshop state, sitting settings and answers kept over live evidence came
// after schema 3: a file that holds any of them is saved as schema 4, so an
// older ssrm refuses it instead of silently dropping them on its next save.
func TestNewerFieldsRaiseTheSchema(t *testing.T) {
	b := smallBank(t)
	for name, add := range map[string]func(a *Assessment){
		"workshop": func(a *Assessment) { a.Workshop = &WorkshopState{Speaker: "Jenna"} },
		"sitting":  func(a *Assessment) { a.Sitting = &Sitting{Language: LanguagePlain} },
		"kept": func(a *Assessment) {
			ans := a.Answers["Q-ONE"]
			ans.Kept = &Kept{Level: ans.Level, Reason: "the scan predates the fix"}
			a.Answers["Q-ONE"] = ans
		},
	} {
		path := filepath.Join(t.TempDir(), name+".json")
		a := sampleAssessment(b)
		a.Schema = 2
		add(a)
		if err := SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
		got, err := LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.Schema != SittingSchema {
			t.Errorf("%s: saved as schema %d, want %d", name, got.Schema, SittingSchema)
		}
	}
}
