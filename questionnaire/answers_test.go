package questionnaire

import (
	"strings"
	"testing"
)

func TestParseAnswers(t *testing.T) {
	b := smallBank(t)
	src := `profile:
  organization: Contoso
  size: small
  sensitivity: high
  models: [iaas, paas]
date: 2026-11-20
who: Sam
answers:
  Q-ONE: 3
  Q-TWO: unknown
  Q-THREE: {level: 2, note: "Basic only", who: "Kim"}
  Q-FOUR: na
targets:
  Q-ONE: 5
`
	af, err := ParseAnswers("a.yaml", []byte(src), b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Answer{
		"Q-ONE":   {Status: Answered, Level: 3, Who: "Sam"},
		"Q-TWO":   {Status: Unknown, Who: "Sam"},
		"Q-THREE": {Status: Answered, Level: 2, Note: "Basic only", Who: "Kim"},
		"Q-FOUR":  {Status: NotApplicable, Who: "Sam"},
	}
	for id, w := range want {
		if got := af.Answers[id]; got != w {
			t.Errorf("%s: got %+v, want %+v", id, got, w)
		}
	}
	a := af.Apply(b, day0)
	if !a.Started.Equal(af.Date) || a.Targets["Q-ONE"] != 5 || a.Profile.Organization != "Contoso" {
		t.Errorf("apply: %+v", a)
	}
	if got := a.Answers["Q-ONE"].When; !got.Equal(af.Date) {
		t.Errorf("answer time %v, want the file's date", got)
	}
}

func TestParseAnswersErrorsNameTheLine(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name, src, want string
		line            int
	}{
		{"unknown id", "answers:\n  Q-ONE: 1\n  Q-NOPE: 3\n", `unknown question id "Q-NOPE"`, 3},
		{"level not offered", "answers:\n  Q-ONE: 2\n", "level 2 is not one of its options", 2},
		{"out of range", "answers:\n\n  Q-ONE: 8\n", "not a level 0–5", 3},
		{"bad word", "answers:\n  Q-ONE: maybe\n", `"maybe" is not a level`, 2},
		{"bad size", "profile:\n  size: huge\nanswers: {}\n", `unknown size "huge"`, 2},
		{"bad model", "profile:\n  models: [iaas, faas]\n", `unknown service model "faas"`, 2},
		{"bad service", "profile:\n  services:\n    - aks\n    - lambda\n", `unknown Azure service "lambda"`, 4},
		{"unknown key", "answer:\n  Q-ONE: 1\n", `unknown key "answer"`, 1},
		{"bad date", "date: yesterday\n", "YYYY-MM-DD", 1},
		{"empty", "", "empty", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseAnswers("a.yaml", []byte(c.src), b)
			ps, ok := AsProblems(err)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range ps {
				if strings.Contains(p.Msg, c.want) {
					if p.Line != c.line {
						t.Errorf("%q at line %d, want %d", p.Msg, p.Line, c.line)
					}
					if !strings.HasPrefix(p.String(), "a.yaml:") {
						t.Errorf("%q does not start with the file name", p)
					}
					return
				}
			}
			t.Errorf("no problem says %q: %v", c.want, ps)
		})
	}
}

func TestDefaultDemoAnswersFitTheBank(t *testing.T) {
	b := defaultBank(t)
	af, err := ParseAnswers("assets/demo.yaml", mustRead(t, "../assets/demo.yaml"), b)
	if err != nil {
		t.Fatalf("the demo does not fit the bank:\n%v", err)
	}
	asked := Tailor(b, af.Profile).Asked
	if len(af.Answers) < len(asked)*9/10 {
		t.Errorf("demo answers %d of %d asked questions; a believable demo answers nearly all", len(af.Answers), len(asked))
	}
}
