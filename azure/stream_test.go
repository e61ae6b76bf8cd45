package azure

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// ApplySnapshotFile sums findings up check by check without holding them;
// what it attaches must be what Apply attaches from every finding.
func TestApplySnapshotFileMatchesApply(t *testing.T) {
	bank, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.json")
	writeSimSnapshot(t, path, 3, 400)
	for _, fixture := range []string{path, "testdata/fixtures.json", "testdata/fixtures-healthy.json"} {
		s, err := LoadSnapshot(fixture)
		if err != nil {
			t.Fatal(err)
		}
		p := q.Profile{Organization: "T", Size: "medium", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}}
		want := q.NewAssessment(bank, p, fixedNow)
		when := s.Collected
		if when.IsZero() {
			when = fixedNow
		}
		wantApplied := Apply(bank, want, RunSnapshot(s, Catalog()), when)
		got := q.NewAssessment(bank, p, fixedNow)
		gotApplied, err := ApplySnapshotFile(bank, got, fixture, q.LoadOptions{}, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotApplied, wantApplied) {
			t.Errorf("%s: applied %+v, want %+v", fixture, gotApplied, wantApplied)
		}
		if !reflect.DeepEqual(got.Evidence, want.Evidence) {
			for id, evs := range want.Evidence {
				if !reflect.DeepEqual(got.Evidence[id], evs) {
					t.Errorf("%s: evidence of %s\n got %+v\nwant %+v", fixture, id, got.Evidence[id], evs)
				}
			}
		}
	}
}

// The ties of a stable sort by resource id: the first failing findings
// named are those a sorted list would name, whatever order they came in.
func TestTallyKeepsTheFirstThreeByResourceID(t *testing.T) {
	var tl tally
	for _, id := range []string{"/e", "/b", "/d", "/a", "/c", "/a"} {
		tl.add(Finding{ResourceID: id, Status: Fail, Detail: id + "#" + string(rune('0'+tl.n))})
	}
	var got []string
	for _, f := range tl.failing {
		got = append(got, f.Detail)
	}
	if strings.Join(got, " ") != "/a#3 /a#5 /b#1" || tl.fail != 6 || tl.first.Detail != "/a#3" {
		t.Errorf("failing %v, first %q, %d fail", got, tl.first.Detail, tl.fail)
	}
}

// Bad snapshots: errors name the file and where decoding stopped; a file
// over the limit is refused before it is read, naming it and the limit.
func TestSnapshotErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, c := range map[string]struct{ text, want string }{
		"cut.json":      {`{"schema": 1, "documents": [{"id": "/a", "type": "x"}, {"id": "/b"`, "ends early"},
		"garbage.json":  {`{"schema": 1, "documents": [{"id": "/a"} x]}`, "at byte"},
		"trailing.json": {`[{"id": "/a"}] [`, "more data after"},
		"empty.json":    {"  \n", "empty file"},
		"newer.json":    {`{"schema": 99, "documents": []}`, "newer than this ssrm"},
		"docs.json":     {`{"schema": 1, "documents": "x"}`, "not a list of documents"},
	} {
		_, err := LoadSnapshot(write(name, c.text))
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want the file named and %q", name, err, c.want)
		}
	}
	big := write("big.json", `[{"id": "/a"}, {"id": "/b"}]`)
	_, err := LoadSnapshotWith(big, q.LoadOptions{Limit: 10})
	var tl *q.TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "big.json") || !strings.Contains(err.Error(), "Azure snapshots") {
		t.Errorf("over the limit: %v", err)
	}
	// Read from a pipe: the limit stops the read, not a size.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.WriteString(`[{"id": "/a"}, {"id": "/b"}, {"id": "/c"}]`); w.Close() }()
	_, err = LoadSnapshotWith("/dev/fd/"+strconv.Itoa(int(r.Fd())), q.LoadOptions{Limit: 10})
	r.Close()
	if !errors.As(err, &tl) {
		t.Errorf("a pipe over the limit: %v", err)
	}
	// The same documents, plain and as every accepted shape, stream alike.
	for _, text := range []string{
		`[{"id": "/a", "type": "T"}, 3, {"id": "/b"}]`,
		`{"data": [{"id": "/a", "type": "T"}, 3, {"id": "/b"}], "count": 2}`,
		`{"documents": [{"id": "/a", "type": "T"}, 3, {"id": "/b"}], "schema": 1, "tool": "x"}`,
		"\xef\xbb\xbf" + `{"totalRecords": 2, "data": {"columns": [{"name": "id"}, {"name": "type"}], "rows": [["/a", "T"], 3, ["/b"]]}}`,
	} {
		s, err := ParseSnapshot([]byte(text))
		if err != nil || len(s.Documents) != 2 || s.Skipped != 1 || s.Documents[0].Type() != "t" || s.Documents[1].ID() != "/b" {
			t.Errorf("%s: %v %+v", text, err, s)
		}
	}
}
