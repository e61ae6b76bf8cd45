package azure

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// writeSimSnapshot writes the snapshot a collection of simDocs's tenant
// would save, document by document (the test itself must not hold them
// all), and returns how many documents it holds.
func writeSimSnapshot(tb testing.TB, path string, subs, n int) int {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, `{"schema": %d, "tool": "bench", "collected": "2026-11-20T09:00:00Z", "documents": [`, SnapshotSchema)
	count := 0
	emit := func(_ string, d Doc) {
		data, err := json.Marshal(d)
		if err != nil {
			tb.Fatal(err)
		}
		if count > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		w.Write(data)
		count++
	}
	for i := 0; i < subs; i++ {
		s := subID(i)
		emit("", Doc{"id": "/subscriptions/" + s, "name": fmt.Sprintf("sub-%02d", i), "type": typeSubscription,
			"subscriptionId": s, "tenantId": "tenant", "properties": map[string]any{"state": "Enabled"}})
	}
	simDocs(subs, n, emit)
	w.WriteString("\n  ]\n}\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return count
}

// peakHeap samples the Go heap in use (live and not yet collected objects)
// every 5 ms until stop is called, and returns the highest figure.
func peakHeap() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// BenchmarkSnapshotLarge is what 'ssrm assess --evidence SNAPSHOT' does on a
// large tenant: load the snapshot, run the catalogue, apply the findings
// to an assessment. The tenant is simDocs's, 1,000,000 resources over 100
// subscriptions by default (SSRM_BENCH_RESOURCES changes it). It reports
// the documents, the file's size and the peak heap; run it with
//
//	go test -run XXX -bench SnapshotLarge -benchtime 1x ./azure/
//
// (/usr/bin/time -v on the test binary gives the peak resident size).
func BenchmarkSnapshotLarge(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("SSRM_BENCH_RESOURCES")); err == nil && v > 0 {
		n = v
	}
	path := filepath.Join(b.TempDir(), "snapshot.json")
	docs := writeSimSnapshot(b, path, 100, n)
	info, _ := os.Stat(path)
	bank, err := q.DefaultBank()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := peakHeap()
		a := q.NewAssessment(bank, q.Profile{Organization: "Bench", Size: "enterprise", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}}, fixedNow)
		if _, err := ApplySnapshotFile(bank, a, path, q.LoadOptions{}, fixedNow); err != nil {
			b.Fatal(err)
		}
		peak := stop()
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		runtime.GC()
	}
	b.ReportMetric(float64(docs), "docs")
	b.ReportMetric(float64(info.Size())/(1<<20), "file-MB")
}

// BenchmarkCheckSnapshotLarge is what 'ssrm azure check --snapshot' does
// on BenchmarkSnapshotLarge's tenant: load the snapshot and hand out every
// finding in order (EachCheck), keeping none. It reports the findings
// and the peak heap; /usr/bin/time -v on the real command gives its peak
// resident size (see TestWriteSimSnapshot).
func BenchmarkCheckSnapshotLarge(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("SSRM_BENCH_RESOURCES")); err == nil && v > 0 {
		n = v
	}
	path := filepath.Join(b.TempDir(), "snapshot.json")
	docs := writeSimSnapshot(b, path, 100, n)
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := peakHeap()
		s, err := LoadSnapshot(path)
		if err != nil {
			b.Fatal(err)
		}
		findings, failing := 0, 0
		err = EachCheck(s, Catalog(), func(f Finding) error {
			findings++
			if f.Status == Fail {
				failing++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		peak := stop()
		if findings == 0 || failing == 0 {
			b.Fatalf("%d findings (%d failing) over %d documents", findings, failing, docs)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(findings), "findings")
		runtime.GC()
	}
	b.ReportMetric(float64(docs), "docs")
}

// TestWriteSimSnapshot writes BenchmarkSnapshotLarge's input to the file
// SSRM_SIM_SNAPSHOT names, for measuring the real command on it:
//
//	SSRM_SIM_SNAPSHOT=/tmp/1m.json go test -run WriteSimSnapshot ./azure/
//	/usr/bin/time -v ssrm azure check --snapshot /tmp/1m.json
//
// SSRM_BENCH_RESOURCES sets the resources (default 1,000,000). Without
// SSRM_SIM_SNAPSHOT it writes a small one and reads it back.
func TestWriteSimSnapshot(t *testing.T) {
	path, n := os.Getenv("SSRM_SIM_SNAPSHOT"), 1_000_000
	if v, err := strconv.Atoi(os.Getenv("SSRM_BENCH_RESOURCES")); err == nil && v > 0 {
		n = v
	}
	if path == "" {
		path, n = filepath.Join(t.TempDir(), "snapshot.json"), 480
	}
	docs := writeSimSnapshot(t, path, 100, n)
	if path != os.Getenv("SSRM_SIM_SNAPSHOT") {
		s, err := LoadSnapshot(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Documents) != docs {
			t.Errorf("read back %d documents, wrote %d", len(s.Documents), docs)
		}
	}
	t.Logf("%s: %d documents for %d resources", path, docs, n)
}
