package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// openDefault opens an assessment of the default bank (which has plain
// stems and a glossary) at one question.
func openDefault(t *testing.T, mode Mode, path string, w, h int, id string) *Model {
	t.Helper()
	b := defaultBank(t)
	if path == "" {
		path = writeAssessment(t, b, mode, nil)
	}
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	if id != "" {
		m.Update(showQuestionMsg{id: id})
	}
	return m
}

// head is the first words of a text, which fit on one line of any layout.
func head(s string) string { return strings.Join(strings.Fields(s)[:4], " ") }

func savedSitting(t *testing.T, path string) *q.Sitting {
	t.Helper()
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	return a.Sitting
}

// A self-assessment reads the plain stems and has the terms it uses
// explained; L switches to the expert's words, and the choice is kept in
// the file for the next sitting.
func TestPlainLanguageToggleIsKept(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := defaultBank(t)
		mfa, _ := b.Question("ID-MFA-ADMIN")
		path := writeAssessment(t, b, ModeSelf, nil)
		m := openDefault(t, ModeSelf, path, 120, 40, "ID-MFA-ADMIN")
		v := strings.Join(strings.Fields(view(m)), " ")
		mustContain(t, v, head(mfa.PlainText), "Words used here")
		mustNotContain(t, v, head(mfa.Text))
		// the option under the cursor names MFA: its meaning is given
		press(m, "down", "down", "down")
		mfaMeaning, _ := b.Define("MFA")
		mustContain(t, strings.Join(strings.Fields(view(m)), " "), "MFA: "+mfaMeaning[:40])
		pressDrain(m, "L")
		v = strings.Join(strings.Fields(view(m)), " ")
		mustContain(t, v, head(mfa.Text))
		mustNotContain(t, v, "Words used here")
		if st := savedSitting(t, path); st == nil || st.Language != q.LanguageExpert {
			t.Fatalf("sitting saved %+v, want language expert", st)
		}
		m2 := openDefault(t, ModeSelf, path, 120, 40, "ID-MFA-ADMIN")
		mustContain(t, strings.Join(strings.Fields(view(m2)), " "), head(mfa.Text))
	})
}

// A workshop starts in the expert's words; --plain turns plain language on.
func TestPlainOptionInWorkshop(t *testing.T) {
	b := defaultBank(t)
	mfa, _ := b.Question("ID-MFA-ADMIN")
	m := openDefault(t, ModeWorkshop, "", 120, 40, "ID-MFA-ADMIN")
	mustContain(t, strings.Join(strings.Fields(view(m)), " "), head(mfa.Text))
	path := writeAssessment(t, b, ModeWorkshop, nil)
	opts := testOptions(b, path, t)
	opts.Plain = true
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(showQuestionMsg{id: "ID-MFA-ADMIN"})
	mustContain(t, strings.Join(strings.Fields(view(m)), " "), head(mfa.PlainText))
	if !m.s.Dirty() {
		t.Error("--plain not marked to be saved")
	}
}

// F shows the question and its levels alone, for a projector: no sidebar,
// no facilitator's column; the levels still answer; F again goes back.
func TestPresenterView(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := defaultBank(t)
		mfa, _ := b.Question("ID-MFA-ADMIN")
		path := writeAssessment(t, b, ModeWorkshop, nil)
		m := openDefault(t, ModeWorkshop, path, 120, 40, "ID-MFA-ADMIN")
		mustContain(t, view(m), "Facilitator", "│")
		pressDrain(m, "F")
		v := view(m)
		mustNotContain(t, v, "Facilitator", "│")
		mustContain(t, strings.Join(strings.Fields(v), " "), head(mfa.Text), "question ", mfa.Options[0].Label, mfa.Options[5].Label, "Don't know")
		pressDrain(m, "3")
		if a, ok := m.s.a.Answer("ID-MFA-ADMIN"); !ok || a.Level != 3 {
			t.Fatalf("answer in presenter view: %+v", a)
		}
		if st := savedSitting(t, path); st == nil || !st.Presenter {
			t.Fatalf("presenter view not kept: %+v", st)
		}
		pressDrain(m, "F")
		mustContain(t, view(m), "Facilitator")
	})
}

// The workshop's speaker and section timers survive quitting and resuming.
func TestWorkshopSpeakerAndTimersKeptAcrossSittings(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		path := writeAssessment(t, b, ModeWorkshop, nil)
		now := testNow
		opts := testOptions(b, path, t)
		opts.Now = func() time.Time { return now }
		m, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		pressDrain(m, "w")
		typeText(m, "Ana")
		pressDrain(m, "enter")
		for i := 0; i < 3; i++ {
			m.Update(tickMsg{})
			now = now.Add(65 * time.Second)
		}
		m.Update(tickMsg{})
		mustContain(t, view(m), "⏱ 03:15", "Speaker: Ana")
		drain(m, m.quit())
		// one place in the file: assessment.workshop, keyed step/section
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if ws := a.Workshop; ws == nil || ws.Speaker != "Ana" || len(ws.Seconds) != 1 || ws.Seconds["Assess/applications"] != 195 {
			t.Fatalf("workshop %+v", ws)
		}
		if st := a.Sitting; st != nil && (st.Speaker != "" || len(st.Seconds) > 0) {
			t.Fatalf("timers written twice: sitting %+v", st)
		}
		m2, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		m2.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		mustContain(t, view(m2), "⏱ 03:15", "Speaker: Ana")
	})
}

// A file written while the speaker and timers lived in assessment.sitting
// (bare section ids) resumes with them, and the next save moves them to
// assessment.workshop.
func TestLegacySittingTimersMoveToWorkshop(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		path := writeAssessment(t, b, ModeWorkshop, nil)
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		a.Sitting = &q.Sitting{Speaker: "Ana", Seconds: map[string]int{"applications": 195, "nowhere": 60}, Presenter: false}
		if err := q.SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
		// --plain rewrites the sitting too: the old fields are read first
		opts := testOptions(b, path, t)
		opts.Plain = true
		m, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		mustContain(t, view(m), "⏱ 03:15", "Speaker: Ana")
		drain(m, m.quit())
		a, err = q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if ws := a.Workshop; ws == nil || ws.Speaker != "Ana" || ws.Seconds["Assess/applications"] != 195 || len(ws.Seconds) != 1 {
			t.Fatalf("workshop %+v", ws)
		}
		if st := a.Sitting; st == nil || st.Speaker != "" || len(st.Seconds) > 0 || st.Language != q.LanguagePlain {
			t.Fatalf("sitting %+v", st)
		}
	})
}

// Typing a note or the speaker's name in the presenter view keeps the
// projector's layout: it showed the facilitator's pane and sidebar to the
// room until enter.
func TestPresenterViewKeepsItsLayoutWhileEditing(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := defaultBank(t)
		path := writeAssessment(t, b, ModeWorkshop, nil)
		// at 80 columns the note field fits the presenter's margins
		small := openDefault(t, ModeWorkshop, path, 80, 24, "ID-MFA-ADMIN")
		pressDrain(small, "F", "n")
		typeText(small, "Break-glass accounts excluded")
		for _, l := range strings.Split(view(small), "\n") {
			if strings.Contains(l, "┃") && strings.HasSuffix(strings.TrimSpace(l), "…") {
				t.Fatalf("the note field is cut: %q\n%s", l, view(small))
			}
		}
		// a file of its own: the presenter view is kept in the sitting
		path = writeAssessment(t, b, ModeWorkshop, nil)
		m := openDefault(t, ModeWorkshop, path, 120, 40, "ID-MFA-ADMIN")
		pressDrain(m, "F")
		pressDrain(m, "n")
		typeText(m, "Break-glass accounts excluded")
		v := view(m)
		mustNotContain(t, v, "Facilitator", "│")
		mustContain(t, v, "Note", "Break-glass accounts excluded")
		pressDrain(m, "enter")
		pressDrain(m, "w")
		typeText(m, "Priya")
		v = view(m)
		mustNotContain(t, v, "Facilitator", "│")
		mustContain(t, v, "Speaker: Priya")
		pressDrain(m, "enter")
		if m.s.Speaker != "Priya" {
			t.Fatalf("speaker = %q", m.s.Speaker)
		}
		if a, _ := m.s.a.Answer("ID-MFA-ADMIN"); a.Note != "Break-glass accounts excluded" {
			t.Fatalf("note = %q", a.Note)
		}
	})
}
