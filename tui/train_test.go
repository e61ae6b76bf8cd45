package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

func newTrainModel(t *testing.T, b *q.Bank) *Model {
	t.Helper()
	opts := testOptions(b, "", t)
	opts.Train = true
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The walkthrough shows every row of the bank's table with its owner
// under each model, explains the cell under the cursor from the bank's
// notes, and cites the table's source and date; no assessment is opened.
func TestTrainerWalkthroughFollowsTheBank(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := defaultBank(t)
		m := newTrainModel(t, b)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		v := view(m)
		for _, r := range b.Responsibility.Rows {
			mustContain(t, v, r.Name[:min(len(r.Name), 30)])
		}
		src := b.Responsibility.Source
		mustContain(t, v, "dated "+src.Date)
		// the operating system row under IaaS, PaaS, SaaS
		tr := m.train
		for i, r := range tr.rows {
			if r.row != nil && r.row.ID == "operating-system" {
				tr.row = i
			}
		}
		for j, mod := range q.Models {
			tr.model = j
			want := fmt.Sprintf("Under %s, operating system: %s.", q.ModelName(mod), partyPhrase(tr.rows[tr.row].row.Owner[mod]))
			mustContain(t, strings.Join(strings.Fields(view(m)), " "), want)
		}
		if got := reports.PartyName(tr.rows[tr.row].row.Owner[q.PaaS]); got != "Microsoft" {
			t.Fatalf("the bank gives the PaaS operating system to %s", got)
		}
		if m.s != nil {
			t.Fatal("the trainer opened an assessment")
		}
		// esc goes back to the welcome screen, whose menu opens it again
		pressDrain(m, "esc")
		if m.train != nil || m.welcome == nil {
			t.Fatal("esc did not go back to the welcome screen")
		}
		mustContain(t, view(m), "Teach the model")
		for i := 0; i < 5; i++ {
			m.Update(keyMsg("down"))
		}
		pressDrain(m, "enter")
		if m.train == nil {
			t.Fatal("the welcome screen's menu did not open the trainer")
		}
	})
}

// The walkthrough and its quiz at both sizes: nothing cut without saying so.
func TestTrainerGoldens(t *testing.T) {
	for _, c := range []struct {
		name string
		bank func(testing.TB) *q.Bank
		keys []string
	}{
		// the walkthrough needs the default bank's rows; the quiz's draw
		// follows the test bank, so a new question in the default bank
		// does not change the frame
		{"walkthrough", defaultBank, []string{"down", "down", "down", "right"}},
		{"walkthrough-scrolled", defaultBank, []string{"down", "down", "down", "right", "]"}},
		{"quiz", testBank, []string{"v", "enter", "enter"}},
	} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), func(t *testing.T) {
				var frame string
				bubble(t, func(t *testing.T) {
					frame = playKeys(t, newTrainModel(t, c.bank(t)), sz[0], sz[1], c.keys)
				})
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}
