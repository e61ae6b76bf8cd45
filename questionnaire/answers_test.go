package questionnaire

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
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
		{"level not offered", "answers:\n  Q-TWO: 5\n", "level 5 is not one of its options", 2},
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

func TestParseAnswersExceptionsAndEvidence(t *testing.T) {
	b := smallBank(t)
	src := `answers:
  Q-ONE:
    level: 3
    compensating:
      control: Jump host with hardware keys
      justification: Admin portals are reachable only from the jump host.
    evidence: [https://wiki.example/mfa, "file:policies/access.pdf", "finding:identity-mfa-owners/sub1"]
  Q-TWO:
    level: 1
    accepted:
      owner: Dr. Haddad
      justification: Legacy imaging software cannot be patched until the 2027 upgrade.
      review: 2027-03-31
`
	af, err := ParseAnswers("a.yaml", []byte(src), b)
	if err != nil {
		t.Fatal(err)
	}
	one := af.Answers["Q-ONE"]
	if one.Exception == nil || one.Exception.Kind != Compensating || one.Exception.Control != "Jump host with hardware keys" || one.Level != 3 {
		t.Errorf("compensating: %+v", one)
	}
	two := af.Answers["Q-TWO"]
	if two.Exception == nil || two.Exception.Kind != RiskAccepted || two.Exception.Owner != "Dr. Haddad" || two.Exception.Review.Format("2006-01-02") != "2027-03-31" {
		t.Errorf("accepted: %+v", two.Exception)
	}
	ev := af.Evidence["Q-ONE"]
	if len(ev) != 3 || ev[0].Source != "url" || ev[1].Source != "file" || ev[1].Ref != "policies/access.pdf" || ev[2].Source != "finding" {
		t.Errorf("evidence: %+v", ev)
	}
	if !two.Exception.Expired(two.Exception.Review.AddDate(0, 0, 1)) || two.Exception.Expired(two.Exception.Review) {
		t.Error("expiry is the day after the review date")
	}
}

func TestParseAnswersExceptionErrors(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name, src, want string
		line            int
	}{
		{"compensating without justification", "answers:\n  Q-ONE:\n    level: 3\n    compensating:\n      control: Jump host\n", "needs a justification", 4},
		{"compensating without control", "answers:\n  Q-ONE:\n    level: 3\n    compensating: {justification: because}\n", "must name the control", 4},
		{"accepted without owner and date", "answers:\n  Q-ONE:\n    level: 1\n    accepted:\n      justification: later\n", "needs an owner and a review date", 4},
		{"accepted bad date", "answers:\n  Q-ONE:\n    level: 1\n    accepted:\n      owner: A\n      justification: B\n      review: soon\n", "review date", 7},
		{"both", "answers:\n  Q-ONE:\n    level: 1\n    compensating: {control: a, justification: b}\n    accepted: {owner: a, justification: b, review: 2027-01-01}\n", "not both", 5},
		{"typo inside", "answers:\n  Q-ONE:\n    level: 1\n    acepted: {owner: a}\n", `unknown key "acepted"`, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseAnswers("a.yaml", []byte(c.src), b)
			ps, ok := AsProblems(err)
			if !ok || len(ps) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			if !strings.Contains(ps[0].Msg, c.want) || ps[0].Line != c.line {
				t.Errorf("got %s, want line %d: %q", ps[0], c.line, c.want)
			}
		})
	}
}

func TestSavedExceptionWithoutJustificationIsAProblem(t *testing.T) {
	src := `{"schema": 2, "answers": {"Q-ONE": {"status": "answered", "level": 3,
  "exception": {"kind": "risk-accepted", "justification": ""}}}}`
	_, err := ParseAssessment("a.json", []byte(src))
	ps, ok := AsProblems(err)
	if !ok || !strings.Contains(ps[0].Msg, "needs an owner, a justification and a review date") || ps[0].Line != 2 {
		t.Errorf("got %v", err)
	}
	// A schema 1 file (no exceptions yet) still loads.
	if _, err := ParseAssessment("old.json", []byte(`{"schema": 1, "answers": {"Q-ONE": {"status": "na"}}}`)); err != nil {
		t.Errorf("schema 1 file: %v", err)
	}
}

func TestAnswersFileSessionTimes(t *testing.T) {
	b := smallBank(t)
	src := "date: 2026-11-16\nstarted: 2026-11-16T09:30:00+01:00\nfinished: 2026-11-16T11:45:00+01:00\nanswers:\n  Q-ONE: 1\n"
	af, err := ParseAnswers("a.yaml", []byte(src), b)
	if err != nil {
		t.Fatal(err)
	}
	a := af.Apply(b, day0)
	if got := a.Started.Format("15:04 -07:00"); got != "09:30 +01:00" {
		t.Errorf("started %s", got)
	}
	if !a.Finished.Equal(a.Updated) || a.Finished.Sub(a.Started) != 135*time.Minute {
		t.Errorf("finished %v updated %v", a.Finished, a.Updated)
	}
	_, err = ParseAnswers("a.yaml", []byte("started: 2026-11-16T12:00:00Z\nfinished: 2026-11-16T11:00:00Z\n"), b)
	if ps, ok := AsProblems(err); !ok || ps[0].Line != 2 || !strings.Contains(ps[0].Msg, "before started") {
		t.Errorf("got %v", err)
	}
}

func TestSyntaxErrorsPointAtTheOpeningBracket(t *testing.T) {
	b := smallBank(t)
	for _, c := range []struct {
		src  string
		line int
	}{
		{"answers:\n  Q-ONE: 1\n  Q-TWO: [1\n", 3},
		{"answers:\n  Q-ONE: {level: 1\n  Q-TWO: 2\n", 2},
		{"a: [1\n", 1},
	} {
		_, err := ParseAnswers("a.yaml", []byte(c.src), b)
		ps, ok := AsProblems(err)
		if !ok || ps[0].Line != c.line || !strings.Contains(ps[0].Msg, "is not closed") {
			t.Errorf("%q: got %v, want line %d", c.src, err, c.line)
		}
	}
}

func TestFriendlierInputErrors(t *testing.T) {
	b := smallBank(t)
	_, err := ParseAnswers("a.yaml", []byte("answers:\n  Q-ONNE: 1\n  q-two: 1\n"), b)
	if ps, ok := AsProblems(err); !ok || len(ps) != 2 || !strings.Contains(ps[0].Msg, "did you mean Q-ONE?") || !strings.Contains(ps[1].Msg, "did you mean Q-TWO?") {
		t.Errorf("suggestions: %v", err)
	}
	_, err = ParseAnswers("a.yaml", []byte("answers:\n  Q-ZZZZZZZ: 1\n"), b)
	if ps, ok := AsProblems(err); !ok || strings.Contains(ps[0].Msg, "did you mean") {
		t.Errorf("no suggestion for a far-off id: %v", err)
	}
	_, err = ParseAnswers("a.yaml", []byte("- Q-ONE: 1\n"), b)
	if ps, ok := AsProblems(err); !ok || !strings.Contains(ps[0].Msg, "a list (- item lines) stands where key: value lines are expected") {
		t.Errorf("list instead of mapping: %v", err)
	}
	_, err = LoadAnswers(filepath.Join(t.TempDir(), "nope.yaml"), b)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || strings.Count(err.Error(), "does not exist") != 1 || !strings.Contains(err.Error(), "ssrm assess --help") {
		t.Errorf("missing answers file: %v", err)
	}
	for src, want := range map[string]string{
		`{"schema": 2, "answers": {}}`: "saved assessment, not a question bank",
		"profile: {size: small}\n":     "answers file, not a question bank",
		`{"data": [], "count": 0}`:     "Azure evidence",
	} {
		_, err := ParseBank("x", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", src, err)
		}
	}
	err = WriteFileAtomic(filepath.Join(t.TempDir(), "no", "such", "a.json"), []byte("{}"))
	if err == nil || !strings.Contains(err.Error(), "does not exist: create it") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("missing folder: %v", err)
	}
}

// A YAML alias bomb (aliases of aliases, 9^9 leaves from a few hundred
// bytes) under answers: must be refused quickly. Before, the line index
// followed every alias and grew to billions of entries (gigabytes, minutes).
func TestAnswersAliasBombIsBounded(t *testing.T) {
	b := smallBank(t)
	data := mustRead(t, "testdata/alias-bomb.yaml")
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	nodes := 0
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		nodes++
		for _, c := range n.Content {
			count(c)
		}
	}
	count(&root)
	if pos := newPositions(&root); len(pos) > 2*nodes {
		t.Fatalf("the line index has %d entries for a document of %d nodes", len(pos), nodes)
	}
	_, err := ParseAnswers("bomb.yaml", data, b)
	ps, ok := AsProblems(err)
	if !ok || len(ps) == 0 || ps[0].File != "bomb.yaml" || ps[0].Line < 3 {
		t.Fatalf("want problems with lines, got %v", err)
	}
}

// TestProfileCountryAndContact: country and security_contact are checked
// with the file and line (signer's review finding 16).
func TestProfileCountryAndContact(t *testing.T) {
	b, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	y := "profile:\n  organization: X\n  size: small\n  sensitivity: high\n  models: [iaas]\n  country: Britain\nanswers: {}\n"
	_, err = ParseAnswers("a.yaml", []byte(y), b)
	if err == nil || !strings.Contains(err.Error(), "a.yaml:6") || !strings.Contains(err.Error(), "ISO 3166-1") {
		t.Errorf("bad country: %v", err)
	}
	y = strings.Replace(y, "country: Britain", "country: GB\n  security_contact: \"sec@x.example, 020 7946 0000\"", 1)
	a, err := ParseAnswers("a.yaml", []byte(y), b)
	if err != nil || a.Profile.Country != "GB" || a.Profile.SecurityContact == "" {
		t.Errorf("good profile: %v %+v", err, a)
	}
	if _, ok := b.NotificationRule("GB"); !ok {
		t.Error("the bank has no UK rule")
	}
	if _, ok := b.NotificationRule("US"); ok {
		t.Error("the bank claims a US rule")
	}
}

// TestProfileCapacity: the team's capacity is optional, and a figure out
// of range is refused with the file and line (review 3, finding 4).
func TestProfileCapacity(t *testing.T) {
	b, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	y := "profile:\n  organization: X\n  size: small\n  sensitivity: high\n  models: [iaas]\n  capacity: 0\nanswers: {}\n"
	for _, bad := range []string{"-2", "500"} {
		_, err = ParseAnswers("a.yaml", []byte(strings.Replace(y, "capacity: 0", "capacity: "+bad, 1)), b)
		if err == nil || !strings.Contains(err.Error(), "a.yaml:6") || !strings.Contains(err.Error(), "effort points the team takes on per 30 days") {
			t.Errorf("capacity %s: %v", bad, err)
		}
	}
	a, err := ParseAnswers("a.yaml", []byte(strings.Replace(y, "capacity: 0", "capacity: 2", 1)), b)
	if err != nil || a.Profile.Capacity != 2 {
		t.Fatalf("capacity 2: %v", err)
	}
}
