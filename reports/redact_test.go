package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// hostileResult is richResult with a note, an assessor and an evidence
// detail carrying secrets, personal data and terminal and markup tricks.
func hostileResult(t *testing.T) *scoring.Result {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	p := q.Profile{Organization: "Contoso <b>Ltd</b>", Assessor: "Ann Lee <ann.lee@contoso.com>\x1b]0;pwned\x07\x1b[2J", Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS}}
	a := q.NewAssessment(b, p, testDate)
	qq := q.Tailor(b, p).Asked[0]
	a.SetAnswer(qq.ID, q.Answer{Status: q.Answered, Level: qq.Options[0].Level,
		Note: "Ask ann.lee@contoso.com; token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl; " +
			"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abcDEF123=; " +
			"https://st.blob.core.windows.net/c?sv=2024-05-04&sig=AbC%2Bdef123%3D; password: Hunter2!; " +
			"<script>alert(1)</script> \u202eexe.txt\x00 | cell"}, testDate)
	a.Evidence = map[string][]q.Evidence{qq.ID: {{Source: q.SourceLive, Check: "x", Status: "fail",
		Detail: "custom role Ops (bob@contoso.com) can assign roles"}}}
	return scoring.Compute(b, a, scoring.Options{Date: testDate})
}

var leaks = []string{"ann.lee@contoso.com", "bob@contoso.com", "eyJhbGciOiJIUzI1NiJ9", "SharedAccessKey=abcDEF123", "AbC%2Bdef123", "Hunter2"}

// Before, --redact removed resource ids, IP addresses and GUIDs only: an
// e-mail address, a token or a password in a note reached every format.
// Each format now says what was removed.
func TestRedactEveryFormatSaysWhatItRemoved(t *testing.T) {
	r := hostileResult(t)
	m := Meta{Tool: "ssrm test", Redact: true}
	var md, js bytes.Buffer
	if err := WriteMarkdown(&md, r, m); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, r, m); err != nil {
		t.Fatal(err)
	}
	pdf := strings.Join(pdfText(t, renderPDF(t, r, m)), "\n")
	var csv bytes.Buffer
	pr, pm := Prepare(r, m)
	if err := WriteCSV(&csv, pr); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"md": md.String(), "json": js.String(), "pdf": pdf, "csv": csv.String()} {
		for _, leak := range leaks {
			if strings.Contains(text, leak) {
				t.Errorf("%s: redacted report still holds %q", name, leak)
			}
		}
	}
	want := "2 e-mail addresses"
	for _, w := range []string{want, "1 token (JWT)", "1 connection string", "1 SAS signature", "1 password"} {
		if !strings.Contains(pm.Removed, w) {
			t.Errorf("Removed = %q, lacks %q", pm.Removed, w)
		}
	}
	if !strings.Contains(md.String(), "| Redaction | Redacted ("+pm.Removed) {
		t.Errorf("Markdown does not say what was removed")
	}
	if !strings.Contains(strings.Join(strings.Fields(pdf), " "), "Redacted ("+strings.SplitN(pm.Removed, ",", 2)[0]) {
		t.Errorf("PDF does not say what was removed")
	}
	var rep JSONReport
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Redaction == nil || rep.Redaction.Removed["e-mail address"] != 2 || rep.Redaction.Removed["token"] != 1 {
		t.Errorf("JSON redaction = %+v", rep.Redaction)
	}
	// Not redacted: no redaction block, and the result given was not touched.
	if !strings.Contains(r.Questions[0].Answer.Note+r.Profile.Assessor, "ann.lee@contoso.com") {
		t.Error("Prepare modified the result it was given")
	}
	js.Reset()
	if err := WriteJSON(&js, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), `"redaction"`) {
		t.Error("an unredacted JSON report has a redaction block")
	}
}

// Markdown reports carried NUL, ESC, BEL, U+202E and <script> as typed.
func TestMarkdownReportEscapesUserText(t *testing.T) {
	var md bytes.Buffer
	if err := WriteMarkdown(&md, hostileResult(t), Meta{}); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	if strings.ContainsAny(text, "\x00\x1b\x07\u202e") {
		t.Error("control or bidi characters reached the Markdown report")
	}
	for _, raw := range []string{"<script>", "<b>", "<ann.lee"} {
		if strings.Contains(text, raw) {
			t.Errorf("Markdown report holds raw %q", raw)
		}
	}
	if !strings.Contains(text, "&lt;script&gt;") || !strings.Contains(text, `\| cell`) {
		t.Error("the note is not escaped as expected")
	}
}

// JSON and CSV carried the same characters (JSON as \u001b escapes, which
// a viewer turns back into ESC); every format is written from a cleaned
// copy now.
func TestJSONAndCSVCarryNoControlCharacters(t *testing.T) {
	r := hostileResult(t)
	var js, csv bytes.Buffer
	if err := WriteJSON(&js, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	pr, _ := Prepare(r, Meta{})
	if err := WriteCSV(&csv, pr); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"json": js.String(), "csv": csv.String()} {
		for _, bad := range []string{"\x1b", `\u001b`, "\x07", `\u0007`, "\u202e", `\u0000`, "\x00"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s report carries %q", name, bad)
			}
		}
		if name == "json" && !strings.Contains(text, "exe.txt") {
			t.Errorf("%s report lost the note", name)
		}
	}
}
