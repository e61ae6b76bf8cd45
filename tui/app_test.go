package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

func TestAnswerIsSavedAndMovesOn(t *testing.T) {
	m, path := resumed(t, ModeSelf, nil, 80, 24)
	mustContain(t, view(m), "[1 Assess]", "Do your cloud apps and Azure resources", "› ○ 0", "Don't know", "Not applicable")
	cmd := press(m, "3")
	if a := m.Session().a.Answers["ID-CENTRAL"]; a.Status != q.Answered || a.Level != 3 {
		t.Fatalf("answer = %+v, want level 3", a)
	}
	if !m.Session().Dirty() {
		t.Fatal("not dirty after an answer")
	}
	runSave(t, m, cmd)
	if m.Session().Dirty() {
		t.Fatal("still dirty after the save")
	}
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers["ID-CENTRAL"].Level != 3 {
		t.Fatalf("saved answers = %+v", a.Answers)
	}
	mustContain(t, view(m), "Are your web applications tested", "1/15 answered")
}

func TestDontKnowNotApplicableAndArrows(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "d")
	press(m, "x")
	press(m, "down", "down", "enter")
	s := m.Session().a
	if s.Answers["ID-CENTRAL"].Status != q.Unknown || s.Answers["APP-VULN-SCAN"].Status != q.NotApplicable {
		t.Fatalf("answers = %+v", s.Answers)
	}
	if a := s.Answers["HOST-OS-EOL"]; a.Status != q.Answered || a.Level != 2 {
		t.Fatalf("HOST-OS-EOL = %+v, want level 2 (third option)", a)
	}
	// back to the first question: its answer is marked
	press(m, "left", "left", "left")
	mustContain(t, view(m), "● ? Don't know")
}

func TestWhyItMattersAndNote(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "?")
	mustContain(t, view(m), "Why it matters")
	press(m, "n")
	if !m.capturing() {
		t.Fatal("note field does not have the keyboard")
	}
	typeText(m, "ask Tom, q and tab are text here")
	press(m, "enter")
	a := m.Session().a.Answers["ID-CENTRAL"]
	if a.Note != "ask Tom, q and tab are text here" || !a.Parked {
		t.Fatalf("answer = %+v, want the note, parked until answered", a)
	}
	if m.quitting {
		t.Fatal("q in a note quit the wizard")
	}
	press(m, "4")
	a = m.Session().a.Answers["ID-CENTRAL"]
	if a.Parked || a.Level != 4 || a.Note == "" {
		t.Fatalf("after answering: %+v", a)
	}
}

func TestResumeLandsOnFirstUnanswered(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3, "APP-VULN-SCAN": 1, "HOST-OS-EOL": 2}, 80, 24)
	mustContain(t, view(m), "[1 Assess]", "Are your virtual machines hardened")

	all := map[string]int{}
	for _, id := range []string{"ID-CENTRAL", "APP-VULN-SCAN", "HOST-OS-EOL", "HOST-HARDEN", "NET-EXPOSURE", "DATA-PUBLIC", "FND-MODEL", "FND-SLA", "APP-SECRETS"} {
		all[id] = 3
	}
	m, _ = resumed(t, ModeSelf, all, 80, 24)
	mustContain(t, view(m), "[3 Prioritize]", "[Delivery questions]", "Is security part of how you build software")
}

func TestWorkshopParkSpeakerFacilitator(t *testing.T) {
	m, _ := resumed(t, ModeWorkshop, nil, 80, 24)
	mustContain(t, view(m), "Facilitator:", "⏱ 00:00", "p park")
	press(m, "w")
	typeText(m, "Tom (IT)")
	press(m, "enter")
	press(m, "p")
	if a := m.Session().a.Answers["ID-CENTRAL"]; !a.Parked {
		t.Fatalf("not parked: %+v", a)
	}
	press(m, "1")
	if a := m.Session().a.Answers["APP-VULN-SCAN"]; a.Who != "Tom (IT)" || a.Level != 1 {
		t.Fatalf("answer = %+v, want Tom's level 1", a)
	}
	// the parked question is where a resume lands
	if i := m.Session().a.FirstUnanswered(accessibleOrder(m.Session())); i != 0 {
		t.Fatalf("first unanswered = %d, want the parked one", i)
	}
	// facilitator prompts move beside the question on a wide screen
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	mustContain(t, view(m), "│ Facilitator", "Sections")
}

func TestWorkshopTimerCountsPerSection(t *testing.T) {
	m, _ := resumed(t, ModeWorkshop, nil, 120, 40)
	now := testNow
	m.c.Now = func() time.Time { return now }
	m.Update(tickMsg{})
	now = now.Add(75 * 1e9)
	m.Update(tickMsg{})
	mustContain(t, view(m), "⏱ 01:15")
}

func TestTrainingExplainsEachAnswer(t *testing.T) {
	m, _ := resumed(t, ModeTraining, nil, 80, 40)
	press(m, "1")
	v := view(m)
	mustContain(t, v, "Recorded: 1", "Kill chain:")
	press(m, "enter")
	mustContain(t, view(m), "Are your web applications tested")
}

func TestSidebarFoldsUnder100Columns(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3}, 120, 40)
	v := view(m)
	mustContain(t, v, "Sections", "Applications", "Microsoft's side (1)", "1/2")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v = view(m)
	mustNotContain(t, v, "Sections")
	mustContain(t, v, "section 1/4")
	for _, l := range strings.Split(v, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Fatalf("line wider than 80 (%d): %q", w, l)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 24 {
		t.Fatalf("%d lines at 80×24", n)
	}
}

func TestProviderSideListedNotAsked(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 120, 40)
	press(m, "]", "]", "]", "]")
	v := view(m)
	mustContain(t, v, "Microsoft's side", "Do you know how Microsoft patches", "Verify: Read the App Service")
	for _, qq := range accessibleOrder(m.Session()) {
		if qq.ID == "HOST-PLATFORM" {
			t.Fatal("a question of Microsoft's side is asked")
		}
	}
}

func TestStepsMoveFreely(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	for _, want := range []string{"[Live checks]", "[2 Kill chain]", "[3 Prioritize]", "[4 Fortify]", "[5 Socialize]", "[Report]", "[1 Assess]"} {
		press(m, "tab")
		mustContain(t, view(m), want)
	}
	press(m, "shift+tab")
	mustContain(t, view(m), "[Report]")
}

func TestKillChainCellListsControls(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 5, "NET-EXPOSURE": 0}, 80, 24)
	goToScreen[*killChainScreen](t, m)
	v := view(m)
	mustContain(t, v, "the 7 steps of an attack", "Reconnaissance", "Actions on objectives", "Applications", "Foundation")
	press(m, "enter")
	mustContain(t, view(m), "Reconnaissance × Applications")
	press(m, "esc", "down", "down", "down", "right", "right")
	if k := screenOf[*killChainScreen](m); k.row != 3 || k.col != 2 {
		t.Fatalf("cursor at %d,%d", k.row, k.col)
	}
}

func TestPrioritizeDecisions(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 0, "NET-EXPOSURE": 0, "DATA-PUBLIC": 1, "HOST-HARDEN": 1}, 120, 40)
		p := goToScreen[*prioritizeScreen](t, m)
		if len(p.items) < 2 {
			t.Fatalf("plan has %d items", len(p.items))
		}
		first, second := p.items[0].Action.ID, p.items[1].Action.ID
		press(m, "a")
		if st := m.Session().a.Actions[first]; st.Status != "accepted" {
			t.Fatalf("%s = %+v", first, st)
		}
		press(m, "o")
		typeText(m, "Jenna")
		press(m, "enter")
		press(m, "u")
		typeText(m, "2027-01-31")
		press(m, "enter")
		st := m.Session().a.Actions[first]
		if st.Owner != "Jenna" || st.Due.Format("2006-01-02") != "2027-01-31" {
			t.Fatalf("%s = %+v", first, st)
		}
		press(m, "J") // move the first action down one place
		if p.items[1].Action.ID != first || p.items[0].Action.ID != second {
			t.Fatalf("order = %s, %s", p.items[0].Action.ID, p.items[1].Action.ID)
		}
		mustContain(t, view(m), "Jenna", "31 Jan 2027", "accepted")
		mustNotContain(t, view(m), "2027-01-31")
		press(m, "d")
		if st := m.Session().a.Actions[first]; st.Status != "deferred" {
			t.Fatalf("after defer: %+v", st)
		}
		press(m, "v")
		mustContain(t, view(m), "Within 30 days", "Within 90 days")
		press(m, "v")
		mustContain(t, view(m), "Where do your applications keep their passwords")
		cmd := press(m, "q")
		if cmd == nil || !m.quitting {
			t.Fatal("q did not quit")
		}
		// the quit command saves what is pending before it quits
		drain(m, cmd)
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if a.Actions[first].Owner != "Jenna" {
			t.Fatalf("saved actions = %+v", a.Actions)
		}
	})
}

func TestSocializePlansEditableAndSaved(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, nil, 100, 30)
		goToScreen[*socializeScreen](t, m)
		press(m, "v")
		mustContain(t, view(m), "[Training calendar]", "Yearly security awareness training")
		press(m, "e")
		if !m.capturing() {
			t.Fatal("editing does not capture keys")
		}
		screenOf[*socializeScreen](m).cal.input.SetValue("Kick-off talk by the owner")
		_, cmd := m.Update(keyMsg("enter"))
		mustContain(t, view(m), "Kick-off talk by the owner")
		if p := m.Session().a.Plans; p == nil || len(p.Calendar) == 0 || p.Calendar[0].Activity != "Kick-off talk by the owner" {
			t.Fatalf("plans in the assessment = %+v", p)
		}
		drain(m, cmd)
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if a.Plans == nil || a.Plans.Calendar[0].Activity != "Kick-off talk by the owner" || len(a.Plans.Reporting) == 0 {
			t.Fatalf("saved plans = %+v", a.Plans)
		}
		if _, err := os.Stat(legacyPlansPath(path)); err == nil {
			t.Fatal("a side file was written")
		}
		press(m, "v")
		mustContain(t, view(m), "[Reporting process]", "1. Stop")
	})
}

func TestLegacyPlansImportedOnce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		path := writeAssessment(t, b, ModeSelf, nil)
		old := `{"calendar":[{"month":"Jan","activity":"Old kick-off","audience":"All"}],"reporting":["Call Tom"]}`
		if err := os.WriteFile(legacyPlansPath(path), []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		m, err := New(testOptions(b, path, t))
		if err != nil {
			t.Fatal(err)
		}
		if p := m.Session().a.Plans; p == nil || p.Reporting[0] != "Call Tom" {
			t.Fatalf("plans = %+v", p)
		}
		drain(m, m.Init())
		a, err := q.LoadAssessment(path)
		if err != nil || a.Plans == nil || a.Plans.Calendar[0].Activity != "Old kick-off" {
			t.Fatalf("saved plans = %+v, %v", a, err)
		}
		// the assessment's own plans win from now on
		a.Plans.Reporting = []string{"Call Ana"}
		if err := q.SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
		m, _ = New(testOptions(b, path, t))
		if p := m.Session().a.Plans; p.Reporting[0] != "Call Ana" || m.Session().Dirty() {
			t.Fatalf("imported twice: %+v", p)
		}
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		goToScreen[*socializeScreen](t, m)
		press(m, "v", "v")
		mustContain(t, view(m), "1. Call Ana")
	})
}

func TestTrainingQuiz(t *testing.T) {
	m, _ := resumed(t, ModeTraining, nil, 100, 30)
	x := goToScreen[*socializeScreen](t, m)
	press(m, "v", "v", "v")
	mustContain(t, view(m), "[Quiz]", "Players:")
	press(m, "enter")
	mustContain(t, view(m), "Question 1 of")
	n := len(x.quiz.items)
	for i := 0; i < n; i++ {
		for j := 0; j < x.quiz.items[i].Answer; j++ {
			press(m, "down")
		}
		press(m, "enter", "enter")
	}
	mustContain(t, view(m), "Quiz done:", "right")
	if x.quiz.total() != n {
		t.Fatalf("%d of %d right when every right answer was chosen", x.quiz.total(), n)
	}
}

func defaultBank(t testing.TB) *q.Bank {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReportWritesChosenFormats(t *testing.T) {
	m, path := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 1}, 80, 40)
	press(m, "shift+tab")
	mustContain(t, view(m), "[Report]", "[x] md", "[ ] json")
	press(m, "down", "space")
	_, cmd := m.Update(keyMsg("enter"))
	for cmd != nil {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			cmd = nil
			for _, c := range b {
				if c == nil {
					continue
				}
				if r, ok := c().(reportWrittenMsg); ok {
					_, cmd = m.Update(r)
				}
			}
			continue
		}
		_, cmd = m.Update(msg)
		if _, ok := msg.(reportWrittenMsg); !ok {
			break
		}
	}
	base := strings.TrimSuffix(path, "-assessment.json")
	v := view(m)
	mustContain(t, strings.ReplaceAll(v, "\n", ""), "2/2 done", "in "+filepath.Dir(base), "wrote "+filepath.Base(base)+"-action-plan.md", "-action-plan.json")
	if _, err := os.Stat(base + "-action-plan.json"); err != nil {
		t.Fatal(err)
	}
}

func TestCtrlCQuitsEvenWhileTyping(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "n")
	typeText(m, "half a note")
	if cmd := press(m, "ctrl+c"); cmd == nil || !m.quitting {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestDefaultPath(t *testing.T) {
	for in, want := range map[string]string{
		"Harbour Lane Dental": "harbour-lane-dental-assessment.json",
		"  Ça & Co. (EU) ":    "a-co-eu-assessment.json",
		"":                    "ssrm-assessment.json",
	} {
		if got := DefaultPath(in); got != want {
			t.Errorf("DefaultPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccessibleModeWithoutTerminal(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeTraining, nil)
	in := strings.NewReader("4\n1\nd\n7\nx\n")
	var out bytes.Buffer
	opts := testOptions(b, path, t)
	if err := RunAccessible(opts, in, &out); err != nil {
		t.Fatal(err)
	}
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	// a number is the level, as in the TUI (it was the position in the
	// list: 1 gave level 0); d and x are don't know and n/a; 7 is no level
	// and is asked again
	if a.Answers["ID-CENTRAL"].Level != 4 || a.Answers["APP-VULN-SCAN"].Status != q.Answered || a.Answers["APP-VULN-SCAN"].Level != 1 {
		t.Fatalf("answers = %+v\n%s", a.Answers, out.String())
	}
	if a.Answers["HOST-OS-EOL"].Status != q.Unknown {
		t.Fatalf("d gave %+v", a.Answers["HOST-OS-EOL"])
	}
	if len(a.Answers) != 4 {
		t.Fatalf("%d answers, want 4 (7 is refused, x answers the fourth)\n%s", len(a.Answers), out.String())
	}
	na := 0
	for _, ans := range a.Answers {
		if ans.Status == q.NotApplicable {
			na++
		}
	}
	if na != 1 {
		t.Fatalf("x gave %d not-applicable answers, want 1: %+v", na, a.Answers)
	}
	mustContain(t, out.String(), "Question 1 of 15", "Kill chain:", `"7" is not an answer to this question`, "Input ended")
}

func TestReansweringKeepsNoteAndException(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 1}, 80, 24)
	a := m.Session().a
	ans := a.Answers["ID-CENTRAL"]
	ans.Note = "SSO for the big three apps"
	ans.Exception = &q.Exception{}
	m.Session().edit(testNow, func(d *q.Assessment) { d.Answers["ID-CENTRAL"] = ans })
	press(m, "left") // back to the first question
	press(m, "4")
	got := a.Answers["ID-CENTRAL"]
	if got.Level != 4 || got.Note == "" || got.Exception == nil {
		t.Fatalf("answer = %+v", got)
	}
}
