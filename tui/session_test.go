package tui

import (
	"sync"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
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
