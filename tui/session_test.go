package tui

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// TestSaverCoalesces offers many snapshots while saves run concurrently:
// the newest state reaches the disk, and no older one overwrites it.
func TestSaverCoalesces(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, nil)
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	sv := &saver{}
	var wg sync.WaitGroup
	for i := 1; i <= 20; i++ {
		a.Profile.Sector = string(rune('a' + i))
		cmd := saveCmd(sv, path, snapshot(a), i)
		wg.Add(1)
		go func() { defer wg.Done(); cmd() }()
	}
	wg.Wait()
	if _, err := sv.flush(path); err != nil {
		t.Fatal(err)
	}
	got, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Profile.Sector != string(rune('a'+20)) || sv.written != 20 {
		t.Fatalf("on disk: sector %q, written seq %d", got.Profile.Sector, sv.written)
	}
	// an older snapshot offered late is dropped
	a.Profile.Sector = "old"
	saveCmd(sv, path, snapshot(a), 3)()
	if got, _ := q.LoadAssessment(path); got.Profile.Sector == "old" {
		t.Fatal("an older snapshot overwrote a newer one")
	}
}

// TestReportWhileAnswering writes a report from the session's result in
// the background, as the report screen does, while the user answers on the
// Assess screen of an assessment with live evidence. Under -race it fails
// if the result shares a map with the assessment being answered.
func TestReportWhileAnswering(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, map[string]int{"NET-EXPOSURE": 4})
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := azure.LoadSnapshot(testSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	azure.Apply(b, a, azure.RunSnapshot(snap, azure.Catalog()), testNow)
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(windowMsg(100, 30))
	r := m.Session().Result()
	done := make(chan error)
	go func() { done <- reports.WriteJSON(io.Discard, r, reports.Meta{}) }()
	for i := 0; i < 20; i++ {
		press(m, fmt.Sprint(i%5), "left")
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
