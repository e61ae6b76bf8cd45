package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"
	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/ssrm/ssrm/assets"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

var update = flag.Bool("update", false, "rewrite testdata/demo-pdf.golden from the current demo PDF")

func init() { api.DisableConfigDir() }

var testDate = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// demoResult scores the embedded demo against the embedded bank, as
// `ssrm demo` does.
func demoResult(tb testing.TB) *scoring.Result {
	tb.Helper()
	b, a := demoAssessment(tb)
	return scoring.Compute(b, a, scoring.Options{})
}

// demoAssessment is the demo's assessment and the bank it answers.
func demoAssessment(tb testing.TB) (*q.Bank, *q.Assessment) {
	tb.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		tb.Fatal(err)
	}
	af, err := q.ParseAnswers("assets/demo.yaml", assets.Demo, b)
	if err != nil {
		tb.Fatal(err)
	}
	return b, af.Apply(b, af.Date)
}

// richResult answers every question of the embedded bank in a fixed
// pattern, with long and non-Latin notes, identifiers to redact, live
// evidence and decisions on actions: the hard case for layout.
func richResult(tb testing.TB) *scoring.Result {
	tb.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		tb.Fatal(err)
	}
	p := q.Profile{Organization: "Zoë Ærø — Łódź 東京 🔒 Holdings", Assessor: "Jürgen Ødegård (Nørd Security) 🛡️", Size: "medium",
		Sector: "Logistics", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS}, Services: []string{"virtual-machines", "app-service", "sql", "storage", "m365", "devops"}}
	a := q.NewAssessment(b, p, testDate)
	a.Evidence = map[string][]q.Evidence{}
	a.Actions = map[string]q.ActionState{}
	for i, qq := range q.Tailor(b, p).Asked {
		ans := q.Answer{Status: q.Answered, Who: "Sam Ortega (IT)", When: testDate}
		switch i % 9 {
		case 3:
			ans = q.Answer{Status: q.Unknown, Note: "Nobody in the room knew; ask the MSP 🙂"}
		case 7:
			if i > 20 {
				ans = q.Answer{Status: q.NotApplicable}
			}
		}
		if ans.Status == q.Answered {
			lv := qq.Options[(i*7)%len(qq.Options)].Level
			ans.Level = lv
		}
		switch i % 5 {
		case 0:
			ans.Note = "Checked on /subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01 (10.20.0.4); the firewall allows 0.0.0.0/0 on 3389 and fe80::1ff:fe23:4567:890a answers too. " +
				"Longer note to force wrapping across several lines of the table: the team will revisit this after the quarterly review, when the new contractor starts."
		case 2:
			ans.Note = "Zoë Ærø — Łódź 東京: the Łódź office runs its own tenant; Ørsted-style naming, Ж Ω € ≥ →."
		}
		a.SetAnswer(qq.ID, ans, testDate)
		if i%6 == 1 && len(qq.Checks) > 0 {
			lv := 1
			a.Evidence[qq.ID] = append(a.Evidence[qq.ID], q.Evidence{Source: "live", Check: qq.Checks[0], Status: "fail",
				Ref:    "/subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/providers/Microsoft.Security/assessments/abc",
				Detail: "3 of 5 owners have no MFA registered; public IP 52.174.10.9 exposed", Severity: []string{"high", "medium", "low"}[(i/6)%3],
				Suggested: &lv, Collected: testDate})
		}
		if i%6 == 4 && len(qq.Checks) > 0 {
			a.Evidence[qq.ID] = append(a.Evidence[qq.ID], q.Evidence{Source: "live", Check: qq.Checks[0], Status: "pass", Detail: "All storage accounts require TLS 1.2", Collected: testDate})
		}
	}
	cet := time.FixedZone("", 3600) // as a time read back from JSON
	a.Started = time.Date(2026, 11, 20, 9, 5, 0, 0, cet)
	a.Finished = time.Date(2026, 11, 20, 11, 40, 0, 0, cet)
	r := scoring.Compute(b, a, scoring.Options{Date: testDate})
	for i, it := range r.Actions {
		switch i {
		case 2:
			a.Actions[it.Action.ID] = q.ActionState{Status: "done"}
		case 4:
			a.Actions[it.Action.ID] = q.ActionState{Status: "deferred"}
		case 5:
			a.Actions[it.Action.ID] = q.ActionState{Status: "accepted", Owner: "Łukasz Żółć 👷"}
		}
	}
	return scoring.Compute(b, a, scoring.Options{Date: testDate})
}

func renderPDF[T any](tb testing.TB, r T, m Meta, write ...func(io.Writer, T, Meta) error) []byte {
	tb.Helper()
	var buf bytes.Buffer
	var err error
	if len(write) > 0 {
		err = write[0](&buf, r, m)
	} else if res, ok := any(r).(*scoring.Result); ok {
		err = WritePDF(&buf, res, m)
	}
	if err != nil {
		tb.Fatal(err)
	}
	if dir := os.Getenv("SSRM_PDF_OUT"); dir != "" {
		name := strings.NewReplacer("/", "-", " ", "-").Replace(tb.Name()) + ".pdf"
		_ = os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func checkSections(t *testing.T, r *scoring.Result, pages []string) {
	t.Helper()
	all := strings.Join(pages, "\n")
	for _, title := range SectionTitles(r) {
		if !strings.Contains(all, title) {
			t.Errorf("section %q not found in the PDF text", title)
		}
	}
	if top := r.Top(1); len(top) > 0 {
		title, _ := Sanitize(top[0].Action.Title)
		if !strings.Contains(pages[1], title) {
			t.Errorf("top action %q not on the executive summary page:\n%s", title, pages[1])
		}
	}
}

func TestPDFDemo(t *testing.T) {
	r := demoResult(t)
	data := renderPDF(t, r, Meta{Tool: "ssrm test"})
	pages := pdfText(t, data)
	checkSections(t, r, pages)
	// 61 pages since every phase of the demo is judged open and the kill
	// chain explains all seven; the bound catches runaway growth.
	if n := len(pages); n < 10 || n > 64 {
		t.Errorf("demo has %d pages, want 10–64", n)
	}
	if !strings.Contains(pages[0], "CONFIDENTIAL") || !strings.Contains(pages[0], r.Profile.Organization) {
		t.Errorf("cover lacks the organization or the confidential marking: %s", pages[0])
	}
	if !strings.Contains(pages[len(pages)-1], fmt.Sprintf("Page %d of %d", len(pages), len(pages))) {
		t.Errorf("last page lacks its page number")
	}
}

// withoutWideFonts renders as on a machine with no wide system font.
func withoutWideFonts(t *testing.T) {
	saved := WideFontPaths
	WideFontPaths = nil
	t.Cleanup(func() { WideFontPaths = saved })
}

func TestPDFRich(t *testing.T) {
	withoutWideFonts(t)
	r := richResult(t)
	data := renderPDF(t, r, Meta{Tool: "ssrm test", Logo: testPNG(t)})
	pages := pdfText(t, data)
	checkSections(t, r, pages)
	all := strings.Join(pages, "\n")
	for _, want := range []string{"Zoë Ærø — Łódź [?] Holdings", "— Evidence", "(quick win)", "Łukasz Żółć", "shown as [?]",
		"Started 20 Nov 2026, 09:05 UTC+01:00; finished 20 Nov 2026, 11:40 UTC+01:00", "8 failing checks on 9 questions, covering 8 failing resources (3 high, 4 medium, 1 low); 7 passing checks on 8 questions, covering 7 resources"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(all, "東京") {
		t.Error("CJK text reached the PDF although the fonts have no glyph for it")
	}
	if n := len(pages); n < 12 || n > 80 {
		t.Errorf("rich report has %d pages, want 12–80", n)
	}
	for i, p := range pages[1:] {
		if !strings.Contains(p, "CONFIDENTIAL") {
			t.Errorf("page %d has no running header", i+2)
		}
	}
}

func TestPDFRedact(t *testing.T) {
	r := richResult(t)
	all := strings.Join(pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Redact: true})), "\n")
	for _, leak := range []string{"/subscriptions/", "3f2a9c1e", "10.20.0.4", "52.174.10.9", "fe80::1ff"} {
		if strings.Contains(all, leak) {
			t.Errorf("redacted PDF still shows %q", leak)
		}
	}
	for _, want := range []string{RedactedResource, RedactedIP, "Zoë Ærø"} {
		if !strings.Contains(all, want) {
			t.Errorf("redacted PDF lacks %q", want)
		}
	}
	// the result itself is left alone
	if !strings.Contains(r.Questions[0].Answer.Note, "/subscriptions/") {
		t.Error("Redacted modified the result it was given")
	}
}

func TestPDFEmpty(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	a := q.NewAssessment(b, q.Profile{}, testDate)
	r := scoring.Compute(b, a, scoring.Options{})
	pages := pdfText(t, renderPDF(t, r, Meta{}))
	checkSections(t, r, pages)
}

func TestPDFDeterministic(t *testing.T) {
	r := richResult(t)
	m := Meta{Tool: "ssrm test", Logo: testPNG(t), Redact: true}
	one := renderPDF(t, r, m)
	two := renderPDF(t, richResult(t), m)
	if !bytes.Equal(one, two) {
		t.Fatal("two renderings of the same input differ")
	}
}

// TestPDFGolden pins the demo PDF as reviewable text (testdata/demo-pdf.golden):
// its text page by page, with what each page draws besides, so a change
// shows as a diff of what a reader sees. The golden records the checksums
// of the embedded bank and demo it was made from, so that an edit of
// either fails here with a clear message and the refresh is a conscious
// one:
//
//	go test ./reports -run TestPDFGolden -update
//
// TestPDFDeterministic keeps the bytes themselves stable.
func TestPDFGolden(t *testing.T) {
	r := demoResult(t)
	data := renderPDF(t, r, Meta{Tool: "ssrm test"})
	demoSum := sha256.Sum256(assets.Demo)
	head := fmt.Sprintf("# The demo PDF (ssrm demo) as text. Refresh: go test ./reports -run TestPDFGolden -update\nbank %s\ndemo sha256:%s\n",
		r.Bank.Checksum(), hex.EncodeToString(demoSum[:]))
	want := head + pdfGolden(t, data)
	path := filepath.Join("testdata", "demo-pdf.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: create it with go test ./reports -run TestPDFGolden -update", err)
	}
	if string(got) == want {
		return
	}
	g, w := strings.SplitN(string(got), "\n", 4), strings.SplitN(want, "\n", 4)
	if len(g) < 4 || g[1] != w[1] || g[2] != w[2] {
		t.Fatalf("the embedded bank or demo changed since the golden PDF was made: look at the new PDF, then refresh with go test ./reports -run TestPDFGolden -update")
	}
	t.Fatalf("the demo PDF changed; if intended, refresh with go test ./reports -run TestPDFGolden -update\n%s",
		udiff.Unified(path, "run", string(got), want))
}

func TestSanitize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"Zoë Ærø — Łódź", "Zoë Ærø — Łódź"},
		{"Lock 🔒 it 👍🏽!", "Lock it !"},
		{"東京 office", "[?] office"},
		{"a\tb\x00c", "a b c"},
		{"❤️ love", "love"},
	} {
		got, _ := Sanitize(c.in)
		if got != c.want {
			t.Errorf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"vm /subscriptions/3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10/resourceGroups/rg/providers/x/y, then", "vm [resource ID], then"},
		{"sub 3F2A9C1E-58B7-4D2E-9A61-0C5B7E2D4F10 ok", "sub [subscription ID] ok"},
		{"host 10.0.0.4 and 192.168.1.0/24", "host [IP address] and [IP address]"},
		{"v6 2001:db8::1 and fe80::1ff:fe23:4567:890a.", "v6 [IP address] and [IP address]."},
		{"at 10:30:00 on 1.2.3", "at 10:30:00 on 1.2.3"},
		{"version 1.2.3.4.5", "version 1.2.3.4.5"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLogoType(t *testing.T) {
	if k, err := LogoType(testPNG(t)); err != nil || k != "PNG" {
		t.Errorf("LogoType(png) = %q, %v", k, err)
	}
	if _, err := LogoType([]byte("GIF89a")); err == nil {
		t.Error("LogoType accepted a GIF")
	}
}

// BenchmarkPDFDemo renders the demo action plan.
func BenchmarkPDFDemo(b *testing.B) {
	r := demoResult(b)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, r, Meta{Tool: "ssrm bench"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// BenchmarkPDFRich renders a fully answered bank with evidence.
func BenchmarkPDFRich(b *testing.B) {
	r := richResult(b)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, r, Meta{Tool: "ssrm bench"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// testPNG is a small logo: a teal disc and bar on white, with alpha.
func testPNG(tb testing.TB) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 160, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 160; x++ {
			dx, dy := x-30, y-30
			switch {
			case dx*dx+dy*dy < 22*22:
				img.Set(x, y, color.NRGBA{0, 121, 128, 255})
			case x > 60 && x < 150 && y > 22 && y < 38:
				img.Set(x, y, color.NRGBA{22, 43, 72, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// With a wide font on the machine (Debian's fonts-vlgothic, which .ci/run
// installs), Japanese and Chinese text renders instead of
// "[?]"; the Go fonts stay for every document that does not need it.
func TestPDFRendersCJKWithAWideFont(t *testing.T) {
	if systemWideFont([]rune("東京")) == nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no wide font: .ci/run installs fonts-vlgothic")
		}
		t.Skip("no wide font installed (apt-get install fonts-vlgothic)")
	}
	r := richResult(t)
	all := strings.Join(pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"})), "\n")
	for _, want := range []string{"Zoë Ærø — Łódź 東京 Holdings", "Łódź 東京: the Łódź office"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(all, "[?]") || strings.Contains(all, "shown as [?]") {
		t.Error("characters were replaced although a wide font is there")
	}
	if len(wideRunes(smallPlainResult(t))) > 0 {
		t.Error("plain Latin text must keep the Go fonts")
	}
}

func smallPlainResult(t *testing.T) *scoring.Result {
	t.Helper()
	b, err := q.LoadBank("../questionnaire/testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := q.NewAssessment(b, q.Profile{Organization: "Zoë Ærø — Łódź", Size: "small"}, time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
	return scoring.Compute(b, a, scoring.Options{})
}
