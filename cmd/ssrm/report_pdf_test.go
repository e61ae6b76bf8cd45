package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF through the command line: by extension, byte-identical for the
// same --date, with --logo checked and --redact applied to every format.
func TestReportPDF(t *testing.T) {
	dir := t.TempDir()
	in := demoFile(t, dir)
	one, two := filepath.Join(dir, "one.pdf"), filepath.Join(dir, "two.pdf")
	for _, out := range []string{one, two} {
		if code, _, errs := ssrm(t, "report", in, "-o", out, "--date", "2026-12-01"); code != 0 {
			t.Fatalf("report %s: exit %d: %s", out, code, errs)
		}
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(two)
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Equal(a, b) {
		t.Fatalf("report -o x.pdf: not a PDF, or two runs differ (%d and %d bytes)", len(a), len(b))
	}

	notImage := writeFile(t, dir, "logo.png", "not an image")
	code, _, errs := ssrm(t, "report", in, "-o", filepath.Join(dir, "logo.pdf"), "--logo", notImage)
	if code == 0 || !strings.Contains(errs, "PNG or JPEG") {
		t.Errorf("--logo with a text file: exit %d, %q", code, errs)
	}

	// a note naming a resource and an address
	data, _ := os.ReadFile(in)
	const id = "/subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/resourceGroups/rg-prod"
	marked := strings.Replace(string(data), `"note": "`, `"note": "`+id+` at 10.1.2.3: `, 1)
	if marked == string(data) {
		t.Fatal("the demo assessment has no note to mark")
	}
	in = writeFile(t, dir, "marked.json", marked)
	md := filepath.Join(dir, "redacted.md")
	if code, _, errs := ssrm(t, "report", in, "-o", md, "--redact"); code != 0 {
		t.Fatalf("report --redact: exit %d: %s", code, errs)
	}
	text, _ := os.ReadFile(md)
	if strings.Contains(string(text), "/subscriptions/") || strings.Contains(string(text), "10.1.2.3") || !strings.Contains(string(text), "[resource ID] at [IP address]") {
		t.Error("--redact left a resource ID or an IP address in the Markdown report")
	}
	if code, _, errs := ssrm(t, "report", in, "-o", filepath.Join(dir, "redacted.pdf"), "--redact"); code != 0 {
		t.Fatalf("report --redact pdf: exit %d: %s", code, errs)
	}
}
