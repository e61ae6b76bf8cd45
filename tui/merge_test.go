package tui

import (
	"path/filepath"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// writeParticipant saves one participant's answers (id → level), each
// signed by who and with a note, in dir.
func writeParticipant(t testing.TB, b *q.Bank, dir, file, who string, answers map[string]int, notes map[string]string) string {
	t.Helper()
	a := q.NewAssessment(b, testProfile(), testNow)
	for id, l := range answers {
		a.SetAnswer(id, q.Answer{Status: q.Answered, Level: l, When: testNow, Who: who, Note: notes[id]}, testNow)
	}
	path := filepath.Join(dir, file)
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	return path
}

// mergeModel is the welcome screen with two participants' files on the
// merge screen's list, both chosen, merged.
func mergeModel(t testing.TB, w, h int) (*Model, string) {
	b := testBank(t)
	dir := t.TempDir()
	p1 := writeParticipant(t, b, dir, "priya.json", "Priya", map[string]int{"ID-CENTRAL": 3, "APP-VULN-SCAN": 1, "HOST-OS-EOL": 2},
		map[string]string{"ID-CENTRAL": "SSO for the big three apps"})
	p2 := writeParticipant(t, b, dir, "tom.json", "Tom (IT)", map[string]int{"ID-CENTRAL": 1, "APP-VULN-SCAN": 1, "HOST-OS-EOL": 4},
		map[string]string{"ID-CENTRAL": "the rota app has its own passwords"})
	opts := testOptions(b, "", t)
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(windowMsg(w, h))
	press(m, "down", "down", "enter")
	if !m.capturing() {
		t.Fatal("with no recent files the merge screen does not ask for a path")
	}
	typeText(m, p1)
	press(m, "enter")
	typeText(m, p2)
	press(m, "enter", "esc")
	return m, dir
}

func TestMergeScreenSettlesConflictsAndSaves(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, dir := mergeModel(t, 80, 24)
		mustContain(t, view(m), "[x] priya.json", "[x] tom.json", "2 chosen")
		drain(m, press(m, "enter"))
		v := view(m)
		mustContain(t, v, "Conflict 1 of 2", "Priya", "Tom (IT)", "2 Plan exists", "4 Managed", "lowest answer stands")
		f := m.welcome.merge
		if f.conflicts[0].QuestionID != "HOST-OS-EOL" || f.conflicts[1].QuestionID != "ID-CENTRAL" {
			t.Fatalf("conflicts = %+v", f.conflicts)
		}
		press(m, "2") // Tom's level 4 for HOST-OS-EOL
		if c := f.conflicts[0]; !c.Resolved || c.Chosen != "Tom (IT)" || c.Answer.Level != 4 {
			t.Fatalf("after 2: %+v", c)
		}
		mustContain(t, view(m), "Conflict 2 of 2", "“SSO for the big three apps”", "“the rota app has its own passwords”")
		press(m, "d") // ID-CENTRAL parked to discuss
		press(m, "left")
		mustContain(t, view(m), "Settled: Tom (IT)'s answer")
		press(m, "s")
		if !m.capturing() {
			t.Fatal("the save field does not have the keyboard")
		}
		out := filepath.Join(dir, "merged.json")
		typeText(m, out)
		drain(m, press(m, "enter"))
		if m.Session() == nil || m.Session().Path != out {
			t.Fatalf("the merged file was not opened: %s", view(m))
		}
		a, err := q.LoadAssessment(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Participants) != 2 || len(a.Merged) != 2 || len(a.Pending()) != 0 {
			t.Fatalf("merged: participants %v, records %+v", a.Participants, a.Merged)
		}
		if ans := a.Answers["ID-CENTRAL"]; !ans.Parked || ans.Who != "Priya, Tom (IT)" || ans.Note == "" {
			t.Fatalf("ID-CENTRAL = %+v", ans)
		}
		if ans := a.Answers["APP-VULN-SCAN"]; ans.Level != 1 || ans.Who != "Priya, Tom (IT)" {
			t.Fatalf("agreed answer = %+v", ans)
		}
		// the parked question is where the wizard lands
		mustContain(t, view(m), "[1 Assess]", "Do your cloud apps")
	})
}

func TestMergeNeedsTwoFilesAndEscGoesBack(t *testing.T) {
	m, _ := mergeModel(t, 80, 24)
	press(m, "space") // unchoose the first
	press(m, "enter")
	mustContain(t, view(m), "Choose at least two files")
	press(m, "esc")
	mustContain(t, view(m), "Start a new assessment")
}

func TestMergeSettlesAllOpenConflictsAtOnce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := mergeModel(t, 80, 24)
		drain(m, press(m, "enter"))
		f := m.welcome.merge
		press(m, "2") // HOST-OS-EOL: Tom's 4, by hand
		press(m, "A")
		v := view(m)
		mustContain(t, v, "Settle all 1 open conflict: l lowest · h highest · a average")
		press(m, "x") // any other key cancels
		if f.bulk || f.settled() != 1 {
			t.Fatalf("x did not cancel: bulk %v, settled %d", f.bulk, f.settled())
		}
		mustNotContain(t, view(m), "Settle all")
		press(m, "A", "h")
		for _, c := range f.conflicts {
			if !c.Resolved {
				t.Fatalf("%s still open", c.QuestionID)
			}
		}
		if c := f.conflicts[0]; c.Chosen != "Tom (IT)" || c.Choice.Kind != q.ChooseParticipant {
			t.Fatalf("a settled conflict was changed: %+v", c)
		}
		if c := f.conflicts[1]; c.Choice.Kind != q.ChooseHighest || c.Answer.Level != 3 || f.merged.Answers["ID-CENTRAL"].Level != 3 {
			t.Fatalf("ID-CENTRAL = %+v", c)
		}
		mustContain(t, view(m), "Settled 1 open conflict with the highest answer", "2 settled, 0 to go")
		// nothing open: A does nothing
		press(m, "A")
		mustNotContain(t, view(m), "Settle all")
	})
}

// Two participants whose files carry the same long name (both copied from
// the facilitator's template) are told apart by their file's name, and the
// vote rows keep that end when they cut the name: both rows read "Priya
// Nair, Fabrikam …" at 80 columns.
func TestMergeTellsApartSameNamedParticipants(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		dir := t.TempDir()
		who := "Priya Nair, Fabrikam Security Partners"
		p1 := writeParticipant(t, b, dir, "reception.json", who, map[string]int{"HOST-OS-EOL": 2}, nil)
		p2 := writeParticipant(t, b, dir, "surgery.json", who, map[string]int{"HOST-OS-EOL": 4}, nil)
		m, err := New(testOptions(b, "", t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(80, 24))
		press(m, "down", "down", "enter")
		typeText(m, p1)
		press(m, "enter")
		typeText(m, p2)
		press(m, "enter", "esc")
		drain(m, press(m, "enter"))
		v := view(m)
		mustContain(t, v, "Conflict 1 of 1", "(reception.json)", "(surgery.json)")
	})
}
