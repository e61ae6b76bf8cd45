package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/ssrm/ssrm/azure"
)

// checkSnapshots are the snapshots the streamed output is compared on.
var checkSnapshots = []string{
	fixtures,
	"../../azure/testdata/fixtures-defects.json",
	"../../azure/testdata/fixtures-smb.json",
	"../../azure/testdata/fixtures-entra-bad.json",
}

// 'azure check' writes its findings check by check instead of holding
// them all (a million resources make five million); what it writes is
// what encoding the whole list at once wrote, byte for byte.
func TestAzureCheckStreamsWhatTheWholeListGave(t *testing.T) {
	for _, path := range checkSnapshots {
		t.Run(filepath.Base(path), func(t *testing.T) {
			s, err := azure.LoadSnapshot(path)
			if err != nil {
				t.Fatal(err)
			}
			findings := azure.RunSnapshot(s, azure.Catalog())
			if len(findings) < 20 {
				t.Fatalf("%d findings: too few to compare", len(findings))
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(findings); err != nil {
				t.Fatal(err)
			}
			got, stderr, code := runCLI(t, "azure", "check", "--snapshot", path, "--format", "json")
			if code != 0 || got != want.String() {
				t.Errorf("exit %d %s: streamed JSON differs from the encoded list (%d vs %d bytes)", code, stderr, len(got), want.Len())
			}
			for _, all := range []bool{false, true} {
				var table bytes.Buffer
				w := tabwriter.NewWriter(&table, 2, 4, 2, ' ', 0)
				fmt.Fprintln(w, "STATUS\tSEVERITY\tCHECK\tRESOURCE\tDETAIL")
				count := map[azure.Status]int{}
				for _, f := range findings {
					count[f.Status]++
					if f.Status == azure.Fail || all {
						fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", f.Status, f.Severity, f.Check, shortID(f.ResourceID), f.Detail)
					}
				}
				w.Flush()
				fmt.Fprintf(&table, "\n%d documents: %d fail, %d pass, %d not applicable", len(s.Documents), count[azure.Fail], count[azure.Pass], count[azure.NA])
				args := []string{"azure", "check", "--snapshot", path}
				if all {
					args = append(args, "--all")
				} else {
					fmt.Fprint(&table, " (--all lists every result)")
				}
				fmt.Fprintln(&table)
				got, _, code := runCLI(t, args...)
				if code != 0 || got != table.String() {
					t.Errorf("--all=%v: the table differs from text/tabwriter's:\n%s\nwant:\n%s", all, got, table.String())
				}
			}
		})
	}
}

// A resource named to attack the terminal (an escape sequence, a tab and
// a newline to break the table) is listed as plain text on one row.
func TestAzureCheckTableCleansSnapshotText(t *testing.T) {
	dir := t.TempDir()
	az := writeFile(t, dir, "az.json", `[{"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st\u001b]0;pwned\u0007\t1\nX",
	  "type": "Microsoft.Storage/storageAccounts", "properties": {"supportsHttpsTrafficOnly": false}}]`)
	out, stderr, code := runCLI(t, "azure", "check", "--snapshot", az)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.ContainsAny(out, "\x1b\x07\t") {
		t.Errorf("control characters or tabs reached the table:\n%q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "storage-https-only") && !strings.Contains(l, "rg/st]0;pwned 1 X") {
			t.Errorf("the row does not name the resource on one line: %q", l)
		}
	}
}

// The hand-written finding encoder writes what encoding/json writes, for
// every field and for text that needs escaping.
func TestFindingJSONAsEncodingJSON(t *testing.T) {
	odd := []string{"", "plain", `"quoted" \ back`, "<script>&amp;</script>", "tab\tnew\nline\r\x00\x1b[2J",
		"café ✓ \u2028\u2029 \u202e", "bad \xff utf-8", "\x7f"}
	var cases []azure.Finding
	for i, s := range odd {
		f := azure.Finding{Check: "c-" + s, Title: s, Severity: azure.High, Status: azure.Fail,
			ResourceID: "/subscriptions/x/" + s, ResourceType: s, Subscription: s, Detail: s}
		switch i % 3 {
		case 0:
			f.Questions = nil
		case 1:
			f.Questions = []string{}
		case 2:
			f.Questions = []string{"ID-MFA-ADMIN", s}
		}
		cases = append(cases, f)
	}
	s, err := azure.LoadSnapshot(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, azure.RunSnapshot(s, azure.Catalog())...)
	for _, f := range cases {
		want, err := json.MarshalIndent(f, "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFindingJSON(nil, f); string(got) != string(want) {
			t.Fatalf("finding %q:\n%s\nwant:\n%s", f.Title, got, want)
		}
	}
}

// splitSlash splits as strings.Split does, on every id of the fixtures and
// on the edge cases.
func TestSplitSlashAsStringsSplit(t *testing.T) {
	ids := []string{"", "/", "//", "a", "/a/", "a//b", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
		strings.Repeat("/x", 40)}
	s, err := azure.LoadSnapshot(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Documents {
		ids = append(ids, d.ID())
	}
	for _, id := range ids {
		want := strings.Split(id, "/")
		if got := splitSlash(nil, id); !slices.Equal(got, want) {
			t.Errorf("splitSlash(%q) = %q, want %q", id, got, want)
		}
	}
}
