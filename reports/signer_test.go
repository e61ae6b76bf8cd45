package reports

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// pdfLayout is the text of a PDF as pdftotext -layout sets it, one string
// per page: what a reader sees, columns side by side. It skips the test
// where poppler is not installed.
func pdfLayout(t *testing.T, data []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	in := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// the PDF sets "-" with the font's hyphen glyph, which pdftotext reads as a soft hyphen
	return strings.Split(strings.ReplaceAll(string(out), "\u00ad", "-"), "\f")
}

// The signer's management response: a form row per critical and high
// finding, ticked where the risk register or a recorded response says
// so, blank lines elsewhere, and a sign-off; never "none" in the register.
func TestManagementResponseForm(t *testing.T) {
	r := demoResult(t)
	fs := Findings(r)
	pages := pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	all := strings.Join(pages, "\n")
	var n int
	var accepted, expired string
	for _, f := range fs {
		if f.Risk == RiskCritical || f.Risk == RiskHigh {
			n++
		}
		if a := f.Acceptance; a != nil && a.Expired {
			expired = f.ID
		} else if a != nil {
			accepted = f.ID
		}
	}
	if accepted == "" || expired == "" {
		t.Fatalf("the demo needs an accepted and an expired risk (got %q, %q)", accepted, expired)
	}
	if !strings.Contains(all, "Management response ("+fmt.Sprint(n)+" critical and high findings)") {
		t.Fatalf("no response form for the %d critical and high findings", n)
	}
	rows := 0
	for _, line := range strings.Split(all, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 5 || !regexp.MustCompile(`^F-\d+$`).MatchString(fields[0]) || !strings.HasPrefix(fields[1], "[") {
			continue
		}
		rows++
		ticks := strings.Count(line, "[X]")
		switch fields[0] {
		case accepted:
			// Agree, Agree with plan, Accept risk, Disagree: the third
			boxes := regexp.MustCompile(`\[(X| +)\]`).FindAllString(line, -1)
			if ticks != 1 || len(boxes) != 4 || boxes[2] != "[X]" {
				t.Errorf("accepted risk %s is not ticked Accept risk: %q", accepted, line)
			}
			if !strings.Contains(line, "review") {
				t.Errorf("accepted risk %s row gives no review date: %q", accepted, line)
			}
		case expired:
			if ticks != 0 || !strings.Contains(line, "expired") {
				t.Errorf("expired acceptance %s must be open and say it expired: %q", expired, line)
			}
		default:
			if ticks != 0 || !strings.Contains(line, "__________") {
				t.Errorf("an unanswered finding's row must be blank lines: %q", line)
			}
		}
	}
	if rows != n {
		t.Errorf("%d form rows, want %d", rows, n)
	}
	for _, w := range []string{"Sign-off", "Name", "Role", "Signature"} {
		if !strings.Contains(all, w) {
			t.Errorf("the sign-off has no %q", w)
		}
	}
	if strings.Contains(all, "none recorded") && strings.Contains(all, "CRITICAL") {
		for _, p := range pages {
			if strings.Contains(p, "none recorded") && strings.Contains(p, "CRITICAL") {
				t.Errorf("a critical finding's card still says none recorded:\n%s", p)
				break
			}
		}
	}
	doc := BuildDocument(r, Meta{}, DocOptions{})
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind == BlockTable && len(b.Table.Columns) > 0 && b.Table.Columns[len(b.Table.Columns)-1] == "Response" {
				for _, row := range b.Table.Rows {
					if row[len(row)-1].Text == "none" {
						t.Errorf("register row %s says none", row[0].Text)
					}
				}
			}
		}
	}
	// the DOCX carries the same form, ticks and sign-off
	text := docxText(unpackOOXML(t, renderDOCX(t, r, Meta{}))["word/document.xml"])
	for _, w := range []string{"Management response (" + fmt.Sprint(n), "[X]", "Sign-off", "Signature", "Agree with plan"} {
		if !strings.Contains(text, w) {
			t.Errorf("DOCX has no %q", w)
		}
	}
}

// Client pages name findings (F-02) and topics, never the bank's question
// ids; the technical audience keeps the ids beside them.
func TestClientPagesUseFindingNumbers(t *testing.T) {
	r := demoResult(t)
	all := strings.Join(pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test"})), "\n")
	for _, qq := range r.Bank.Questions {
		if i := strings.Index(all, qq.ID); i >= 0 && !idInside(all, i, len(qq.ID)) {
			lo, hi := max(0, i-80), min(len(all), i+80)
			t.Errorf("question id %s printed in the client report: …%s…", qq.ID, all[lo:hi])
		}
	}
	if !regexp.MustCompile(`F-\d+ at \d/\d`).MatchString(all) {
		t.Error("the kill-chain stories name no finding by number")
	}
	tech := strings.Join(pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test", Audience: AudienceTechnical})), "\n")
	if !regexp.MustCompile(`F-\d+ \([A-Z]+-[A-Z-]+\) at \d/\d`).MatchString(strings.Join(strings.Fields(tech), " ")) {
		t.Error("the technical report's kill-chain stories lost the question ids")
	}
}

// idInside reports whether the match at s[i:i+n] is part of a longer id
// (HOST-AKS inside HOST-AKS-UPGRADE), which the longer id's own check
// catches.
func idInside(s string, i, n int) bool {
	isID := func(c byte) bool { return c == '-' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }
	return i > 0 && isID(s[i-1]) || i+n < len(s) && isID(s[i+n])
}

// Step 4 says how many actions serve each area and their ranks, names
// the ones due within 90 days, and files each action under the area of
// the question it mostly serves (the patch standard is not Monitoring).
func TestFortifyNamesActions(t *testing.T) {
	r := demoResult(t)
	doc := BuildDocument(r, Meta{}, DocOptions{})
	var rows [][]Cell
	for _, s := range doc.Sections {
		if s.ID == SecFortify {
			rows = s.Blocks[0].Table.Rows
		}
	}
	areas := FortifyAreas(r)
	if len(rows) != len(areas) {
		t.Fatalf("%d fortify rows for %d areas", len(rows), len(areas))
	}
	for i, a := range areas {
		c := rows[i][2]
		want := fmt.Sprintf("%d actions in the plan: ranks #%d", len(a.Actions), a.Actions[0].Rank)
		if !strings.HasPrefix(c.Text, want) {
			t.Errorf("%s: %q, want it to start %q", a.Name, c.Text, want)
		}
		n := 0
		for _, it := range a.Actions {
			if it.Days > 0 && it.Days <= 90 {
				if n < 3 && !strings.Contains(c.Sub, it.Action.Title) {
					t.Errorf("%s: 90-day action %q not named in %q", a.Name, it.Action.Title, c.Sub)
				}
				n++
			}
		}
		if n == 0 && !strings.Contains(c.Sub, "None within 90 days") {
			t.Errorf("%s: %q", a.Name, c.Sub)
		}
		if a.Name == "Monitoring" {
			for _, it := range a.Actions {
				if it.Action.ID == "A-PATCH-CHECKLIST" {
					t.Error("the patch standard is filed under Monitoring")
				}
			}
		}
		if strings.Contains(rows[i][1].Text, "%") || regexp.MustCompile(`target of \d\.\d`).MatchString(rows[i][1].Text) {
			t.Errorf("%s status %q: a percentage or a fractional target", a.Name, rows[i][1].Text)
		}
	}
}

// Targets read as whole levels, marked and footnoted when some controls
// are capped; maturity carries no percentage.
func TestWholeTargets(t *testing.T) {
	for _, c := range []struct {
		target float64
		want   string
	}{{4, "4"}, {3.9, "4*"}, {3.7, "4*"}, {3, "3"}, {3.2, "3*"}} {
		if got := WholeTarget(scoring.Score{Target: c.target}); got != c.want {
			t.Errorf("WholeTarget(%g) = %q, want %q", c.target, got, c.want)
		}
	}
	r := demoResult(t)
	pages := pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	all := strings.Join(pages, "\n")
	if regexp.MustCompile(`/ 5 \(\d+%\)`).MatchString(all) {
		t.Error("a maturity is still given as a percentage")
	}
	if regexp.MustCompile(`of target \d\.\d`).MatchString(all) {
		t.Error("the radar still shows a fractional target")
	}
	// nor do Step 1's bars (the signer's re-review found "1.1 / 3.5")
	if m := regexp.MustCompile(`\d\.\d / \d\.\d`).FindString(all); m != "" {
		t.Errorf("a maturity bar still shows a fractional target: %q", m)
	}
	if !strings.Contains(pages[1], "of target 4*") || !strings.Contains(pages[1], "(* rounded)") {
		t.Errorf("the board radar does not mark a capped layer's target:\n%s", pages[1])
	}
	if !strings.Contains(strings.Join(strings.Fields(all), " "), "Rounded to the nearest whole level") {
		t.Error("the maturity section has no footnote for the starred targets")
	}
}

// Nothing a reader needs is cut: the running header is the client's name
// (whole), contents entries wrap instead of ending in "…", and a Gantt
// bar names its owner in a form that fits.
func TestNoTruncatedText(t *testing.T) {
	r := demoResult(t)
	brand, err := LoadBrandFile("testdata/brand/good.yaml", brandFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test", Brand: brand}))
	org := r.Profile.Organization
	for i, p := range pages[1:] {
		lines := strings.Split(strings.TrimLeft(p, "\n"), "\n")
		head := ""
		for _, l := range lines {
			if strings.Contains(l, "CONFIDENTIAL") {
				head = l
				break
			}
		}
		if head == "" {
			continue
		}
		if !strings.Contains(head, org) || strings.Contains(head, "…") {
			t.Errorf("page %d running header %q: want the client's name whole", i+2, strings.TrimSpace(head))
		}
	}
	cover := pages[0]
	at := strings.Index(cover, "CONTENTS")
	if at < 0 {
		t.Fatal("no contents on the cover")
	}
	contents := cover[at : strings.Index(cover[at:], "CONFIDENTIAL")+at]
	if strings.Contains(contents, "…") {
		t.Errorf("a contents entry is cut:\n%s", contents)
	}
	for _, want := range []string{"Shared responsibility for your", "Risk register and", "Medium and low-risk"} {
		if !strings.Contains(contents, want) {
			t.Errorf("contents lost %q", want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"Whoever leads security (often the IT provider)", "Whoever leads security"},
		{"Your IT provider or IT lead", "Your IT provider"},
		{"Tom Briggs", "TB"},
		{"Dr. Amir Haddad", "AH"},
	} {
		fits := func(s string) bool { return len(s) <= len(c.want) }
		if got := shortOwner(c.in, fits); got != c.want {
			t.Errorf("shortOwner(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := shortOwner("Tom Briggs", func(string) bool { return true }); got != "Tom Briggs" {
		t.Errorf("an owner that fits is shortened: %q", got)
	}
}

// The Socialize calendar follows the plan and the profile: no month for
// an activity whose action waits in the backlog (listed after the plan
// instead), no developer training where no software is built, and the
// audience in the sector's words, no "sales" at a dental practice.
func TestCalendarFollowsPlanAndProfile(t *testing.T) {
	r := demoResult(t)
	if r.Profile.SoftwareBuilder() {
		t.Fatal("the demo must not build software for this test")
	}
	backlog := map[string]int{}
	for _, it := range r.Actions {
		if it.Days == scoring.LaterDays {
			backlog[it.Action.ID] = it.Rank
		}
	}
	if _, ok := backlog["A-PHISH-SIM"]; !ok {
		t.Fatal("the demo's phishing simulation is not in the backlog: the test checks nothing")
	}
	cal, later := TrainingPlan(r)
	for _, c := range cal {
		a := strings.ToLower(c.Activity)
		if strings.Contains(a, "phishing simulation") {
			t.Errorf("%s: a phishing simulation is scheduled while its action waits in the backlog", c.Month)
		}
		if strings.Contains(a, "secure coding") || strings.Contains(a, "devsecops") {
			t.Errorf("%s: developer training for an organization that builds no software", c.Month)
		}
		if strings.Contains(strings.ToLower(c.Audience), "sales") {
			t.Errorf("%s: audience %q at a dental practice", c.Month, c.Audience)
		}
	}
	found := false
	for _, l := range later {
		found = found || strings.HasPrefix(l.Activity, "Phishing simulation") && l.Rank == backlog["A-PHISH-SIM"]
	}
	if !found {
		t.Errorf("the phishing simulation is not listed after the plan with its rank: %+v", later)
	}
	all := strings.Join(pdfLayout(t, renderPDF(t, r, Meta{Tool: "ssrm test"})), "\n")
	flat := strings.Join(strings.Fields(all), " ")
	if !strings.Contains(flat, "After the 90-day plan") || !strings.Contains(flat, fmt.Sprintf("(action #%d)", backlog["A-PHISH-SIM"])) {
		t.Error("the PDF does not list the activities that wait for the backlog")
	}
	if !strings.Contains(flat, "Staff who talk to patients") {
		t.Error("the PDF does not name the public-facing staff in the sector's words")
	}
	for sector, want := range map[string]string{"Healthcare (dental clinics)": "patients", "Primary school": "students and families", "Retail": "customers and the public"} {
		if got := PublicFacingStaff(sector); !strings.Contains(got, want) {
			t.Errorf("PublicFacingStaff(%q) = %q, want %q", sector, got, want)
		}
	}
}
