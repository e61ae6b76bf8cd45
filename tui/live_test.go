package tui

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
)

const testSnapshot = "testdata/snapshot.json"

// fakeSource is Azure without the network: two subscriptions, and a
// collection that reports every query and returns the test snapshot. With
// block it waits for its context instead (a cancel test).
type fakeSource struct {
	block     bool
	collected []string
}

func (f *fakeSource) Subscriptions(ctx context.Context) ([]azure.Subscription, error) {
	return []azure.Subscription{
		{ID: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", Name: "Contoso Dev"},
		{ID: "11111111-2222-4333-8444-555555555555", Name: "Contoso Production"},
	}, nil
}

func (f *fakeSource) Collect(ctx context.Context, subs []string, progress func(azure.Progress)) (*azure.Snapshot, error) {
	f.collected = subs
	if f.block {
		progress(azure.Progress{Query: "subscriptions", Batch: 1, Batches: 1, Rows: 2, Pages: 1, Done: true})
		<-ctx.Done()
		return nil, ctx.Err()
	}
	for _, qy := range azure.DefaultQueries() {
		progress(azure.Progress{Query: qy.Name, Batch: 1, Batches: 1, Rows: 10, Pages: 1, Done: true})
	}
	s, err := azure.LoadSnapshot(testSnapshot)
	if err != nil {
		return nil, err
	}
	s.Collected = testNow
	return s, nil
}

// fakeConnect signs in with a device code prompt, then hands out src.
func fakeConnect(src *fakeSource) ConnectFunc {
	return func(m azure.SignIn, prompt func(string)) (LiveSource, error) {
		if m == azure.SignInDeviceCode {
			prompt("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE1234 to authenticate.")
		}
		return src, nil
	}
}

// liveModel is a resumed assessment on the live checks screen.
func liveModel(t testing.TB, src *fakeSource, answers map[string]int, w, h int) *Model {
	t.Helper()
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, answers)
	opts := testOptions(b, path, t)
	opts.Connect = fakeConnect(src)
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(windowMsg(w, h))
	goToScreen[*liveScreen](t, m)
	return m
}

func TestLiveChecksFromSnapshotFile(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m := liveModel(t, &fakeSource{}, map[string]int{"NET-EXPOSURE": 4, "ID-CENTRAL": 1}, 120, 40)
		mustContain(t, view(m), "[Live checks]", "Sign in to Azure", "Attach evidence from a snapshot file")
		press(m, "down", "enter")
		if !m.capturing() {
			t.Fatal("the file field does not have the keyboard")
		}
		typeText(m, testSnapshot)
		drain(m, press(m, "enter"))
		v := view(m)
		mustContain(t, v, "snapshot.json", "132 documents", "[Findings]", "Check", "Severity"[:3], "FAIL")
		a := m.Session().a
		if len(a.Evidence["NET-EXPOSURE"]) == 0 {
			t.Fatal("no evidence attached")
		}
		// NET-EXPOSURE answered 4, the evidence suggests lower: the Assess
		// screen warns
		if _, ok := m.Session().Result().ContradictionOf("NET-EXPOSURE"); !ok {
			t.Fatalf("no contradiction: %+v", m.Session().Result().Contradictions)
		}
		press(m, "v")
		v = view(m)
		mustContain(t, v, "[Suggested answers]", "live suggests", "⚠")
		ls := screenOf[*liveScreen](m)
		// take the suggestion for the first question, keep the answer of NET-EXPOSURE
		first := ls.sugg[0]
		fs, _ := m.Session().Result().Question(first)
		sug := *fs.Evidence.Suggested
		press(m, "a")
		if ans := a.Answers[first]; ans.Status != q.Answered || ans.Level != sug {
			t.Fatalf("%s = %+v, want the suggested %d", first, ans, sug)
		}
		for ls.sugg[ls.scursor] != "NET-EXPOSURE" {
			press(m, "down")
		}
		// keeping an answer over the evidence asks why, and records it
		// (issue 17: it was not recorded and the warning came back)
		press(m, "o")
		if !m.capturing() {
			t.Fatal("keep my answer did not ask for a reason")
		}
		press(m, "enter")
		mustContain(t, view(m), "Say why the answer stands")
		typeText(m, "NSG rules are managed by the MSP firewall")
		drain(m, press(m, "enter"))
		ans := a.Answers["NET-EXPOSURE"]
		if ans.Level != 4 || len(a.Evidence["NET-EXPOSURE"]) == 0 || ans.Kept == nil || ans.Kept.Reason != "NSG rules are managed by the MSP firewall" {
			t.Fatalf("kept answer = %+v", ans)
		}
		mustContain(t, view(m), "accepted", "kept")
		press(m, "up")
		mustContain(t, view(m), "Kept over the evidence: NSG rules")
		mustNotContain(t, view(m), "⚠")
		// back on Assess, the question says it was kept, no warning
		press(m, "shift+tab")
		m.Update(showQuestionMsg{id: "NET-EXPOSURE"})
		v = view(m)
		mustContain(t, v, "Kept over live evidence (it suggests level")
		mustNotContain(t, v, "⚠ Live evidence suggests")

		// after a resume: still kept, and the evidence shows again
		m2, err := New(testOptions(m.Session().Bank, m.Session().Path, t))
		if err != nil {
			t.Fatal(err)
		}
		m2.Update(windowMsg(120, 40))
		m2.Update(showQuestionMsg{id: "NET-EXPOSURE"})
		mustContain(t, view(m2), "Kept over live evidence")
		goToScreen[*liveScreen](t, m2)
		mustContain(t, view(m2), "Review the evidence attached earlier")
		press(m2, "down", "down", "enter")
		mustContain(t, view(m2), "[Suggested answers]", "NET-EXPOSURE", "kept", "earlier sitting")
	})
}

func TestLiveChecksSignInCollectAndCancel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		src := &fakeSource{}
		m := liveModel(t, src, nil, 80, 24)
		press(m, "enter") // sign in
		mustContain(t, view(m), "device-code", "auto")
		for range 4 {
			press(m, "down")
		}
		drain(m, press(m, "enter")) // device code
		v := view(m)
		mustContain(t, v, "Contoso Dev", "Contoso Production", "2 of 2 chosen")
		press(m, "space") // leave Dev out
		drain(m, press(m, "enter"))
		if len(src.collected) != 1 || src.collected[0] != "11111111-2222-4333-8444-555555555555" {
			t.Fatalf("collected %v", src.collected)
		}
		mustContain(t, view(m), "1 subscription collected", "[Findings]")

		// a collection that hangs is cancelled with esc; nothing attached
		src2 := &fakeSource{block: true}
		m = liveModel(t, src2, nil, 80, 24)
		press(m, "enter")
		drain(m, press(m, "enter"))  // auto
		batch := press(m, "enter")() // collect: blocks until cancelled
		cmds := batch.(tea.BatchMsg)
		result := make(chan tea.Msg, 1)
		go func() { result <- cmds[0]() }()
		m.Update(cmds[1]()) // the first progress report
		mustContain(t, view(m), "Collecting…", "1/", "subscriptions")
		press(m, "esc")
		m.Update(<-result) // the cancelled run's end is dropped
		mustContain(t, view(m), "Cancelled: nothing was attached")
		if len(m.Session().a.Evidence) != 0 {
			t.Fatal("a cancelled collection attached evidence")
		}
	})
}
