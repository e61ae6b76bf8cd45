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
	const secrets = ` mail ann.lee@contoso.com, sas https://st.blob.core.windows.net/c?sv=2024-05-04&sig=AbC%2Bdef123%3D, password: Hunter2!, `
	marked := strings.Replace(string(data), `"note": "`, `"note": "`+id+` at 10.1.2.3:`+secrets, 1)
	if marked == string(data) {
		t.Fatal("the demo assessment has no note to mark")
	}
	in = writeFile(t, dir, "marked.json", marked)
	md := filepath.Join(dir, "redacted.md")
	// the full appendix prints every note whole
	code, _, errs = ssrm(t, "report", in, "-o", md, "--redact", "--appendix", "full")
	if code != 0 {
		t.Fatalf("report --redact: exit %d: %s", code, errs)
	}
	text, _ := os.ReadFile(md)
	// Markdown escapes the placeholders' brackets; they show as typed.
	if strings.Contains(string(text), "/subscriptions/") || strings.Contains(string(text), "10.1.2.3") || !strings.Contains(string(text), `\[resource ID\] at \[IP address\]`) {
		t.Error("--redact left a resource ID or an IP address in the Markdown report")
	}
	for _, leak := range []string{"ann.lee@contoso.com", "AbC%2Bdef123", "Hunter2"} {
		if strings.Contains(string(text), leak) {
			t.Errorf("--redact left %q in the Markdown report", leak)
		}
	}
	if !strings.Contains(string(text), "| Redaction | Redacted (") || !strings.Contains(string(text), "1 e-mail address") {
		t.Error("the redacted Markdown report does not say what was removed")
	}
	if !strings.Contains(errs, "redacted: ") || !strings.Contains(errs, "1 SAS signature") || !strings.Contains(errs, "1 password") {
		t.Errorf("report --redact does not say what it removed: %q", errs)
	}
	csv := filepath.Join(dir, "redacted.csv")
	if code, _, errs := ssrm(t, "report", in, "-o", csv, "--redact"); code != 0 {
		t.Fatalf("report --redact csv: exit %d: %s", code, errs)
	}
	if text, _ := os.ReadFile(csv); strings.Contains(string(text), "contoso.com") || strings.Contains(string(text), "Hunter2") {
		t.Error("--redact left an e-mail address or a password in the CSV report")
	}
	if code, _, errs := ssrm(t, "report", in, "-o", filepath.Join(dir, "redacted.pdf"), "--redact"); code != 0 {
		t.Fatalf("report --redact pdf: exit %d: %s", code, errs)
	}
}

// TestReportWarnsOfMarkersAndFirms: ssrm report lists every "[to confirm
// with the client]" marker and an assessor naming another firm than the
// brand, before the report goes out (signer's review findings 3, 16).
func TestReportWarnsOfMarkersAndFirms(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := ssrm(t, "demo", "-o", dir); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	demo := filepath.Join(dir, "demo-assessment.json")
	code, _, errs := ssrm(t, "report", demo, "-o", filepath.Join(dir, "a.md"), "--brand", filepath.Join(dir, "demo-brand.yaml"))
	if code != 0 || strings.Contains(errs, "to confirm") || strings.Contains(errs, "assessor names") {
		t.Errorf("the demo (country, contact, assessor of the brand's firm) warns: %d %s", code, errs)
	}
	data, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"country": "GB"`, `"country": ""`, 1)
	s = strings.Replace(s, "Priya Nair, Fabrikam Security Partners", "Priya Nair, Northwind Security Partners", 1)
	other := filepath.Join(dir, "other.json")
	if err := os.WriteFile(other, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = ssrm(t, "report", other, "-o", filepath.Join(dir, "b.md"), "--brand", filepath.Join(dir, "demo-brand.yaml"))
	if code != 0 || !strings.Contains(errs, `the assessor names "Northwind Security Partners"`) || strings.Count(errs, "[to confirm with the client]") != 1 {
		t.Errorf("warnings: %s", errs)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "b.md"))
	if strings.Contains(string(md), "Northwind") {
		t.Error("the report names the assessor's other firm")
	}
}
