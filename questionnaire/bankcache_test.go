package questionnaire

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestDefaultBankCached: the cached bank is the parsed bank (every field,
// the lookups and the checksum), a damaged cache is parsed afresh and
// rewritten, and an old cache beside it goes.
func TestDefaultBankCached(t *testing.T) {
	want, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	dir := t.TempDir()
	stale := filepath.Join(dir, "bank-0000.gob")
	if err := os.WriteFile(stale, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	for run := 0; run < 3; run++ {
		b, err := DefaultBankCached(dir)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(b)
		if string(got) != string(wantJSON) || b.Checksum() != want.Checksum() {
			t.Fatalf("run %d: the cached bank differs from the parsed one", run)
		}
		qq, ok := b.Question(want.Questions[3].ID)
		if !ok || qq.Line != want.Questions[3].Line || qq.Line == 0 {
			t.Fatalf("run %d: question lookup or line lost: %+v", run, qq)
		}
		if _, ok := b.Action(want.Actions[0].ID); !ok {
			t.Fatalf("run %d: action lookup lost", run)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "bank-*.gob"))
		if len(files) != 1 || files[0] == stale {
			t.Fatalf("run %d: cache files %v", run, files)
		}
		if run == 1 {
			// damage it: the next run parses and rewrites it
			if err := os.WriteFile(files[0], []byte("garbage"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func BenchmarkDefaultBankCached(b *testing.B) {
	dir := b.TempDir()
	if _, err := DefaultBankCached(dir); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := DefaultBankCached(dir); err != nil {
			b.Fatal(err)
		}
	}
}
