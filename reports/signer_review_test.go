package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/assets"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// TestPreparedByOneFirm: under a brand, "Prepared by" is the assessor's
// own name and the brand's firm, never two firms; a different firm in the
// assessor string is warned about (signer's review finding 3).
func TestPreparedByOneFirm(t *testing.T) {
	fab := &Brand{Firm: "Fabrikam Security Partners"}
	for _, c := range []struct {
		assessor string
		brand    *Brand
		want     string
		warn     bool
	}{
		{"Priya Nair, Northwind Security Partners", fab, "Priya Nair, Fabrikam Security Partners", true},
		{"Priya Nair (Northwind)", fab, "Priya Nair, Fabrikam Security Partners", true},
		{"Priya Nair at Northwind", fab, "Priya Nair, Fabrikam Security Partners", true},
		{"Priya Nair, fabrikam security partners", fab, "Priya Nair, Fabrikam Security Partners", false},
		{"Priya Nair", fab, "Priya Nair, Fabrikam Security Partners", false},
		{"", fab, "Fabrikam Security Partners", false},
		{"Priya Nair, Northwind", nil, "Priya Nair, Northwind", false},
	} {
		got, warn := PreparedBy(c.assessor, c.brand)
		if got != c.want || (warn != "") != c.warn {
			t.Errorf("PreparedBy(%q) = %q, warning %q; want %q, warning %v", c.assessor, got, warn, c.want, c.warn)
		}
		if c.warn && !strings.Contains(warn, "Northwind") {
			t.Errorf("warning does not name the assessor's firm: %q", warn)
		}
	}
	// the demo's assessor belongs to the demo brand's firm
	r := demoResult(t)
	var firm string
	for _, l := range strings.Split(string(assets.DemoBrand), "\n") {
		if v, ok := strings.CutPrefix(l, "firm:"); ok {
			firm = strings.TrimSpace(v)
		}
	}
	if firm == "" {
		t.Fatal("the demo brand names no firm")
	}
	if _, warn := PreparedBy(r.Profile.Assessor, &Brand{Firm: firm}); warn != "" {
		t.Errorf("demo assessor and demo brand disagree: %s", warn)
	}
	// the PDF cover, the DOCX and the workbook print one firm
	pdf := strings.Join(pdfText(t, renderPDF(t, withAssessor(r, "Priya Nair, Northwind Security Partners"), Meta{Brand: fab})), "\n")
	if strings.Contains(pdf, "Northwind") || !strings.Contains(pdf, "Priya Nair, Fabrikam Security Partners") {
		t.Errorf("PDF cover under a brand names the assessor's firm or misses the brand's")
	}
}

func withAssessor(r *scoring.Result, a string) *scoring.Result {
	c := *r
	c.Profile.Assessor = a
	return &c
}

// TestVerdictAndHeatMapAgreeOnWeaponization: the phase the bank puts on
// the attacker's side reads "not judged (attacker side)" in the kill-chain
// table as in the verdict (finding 4).
func TestVerdictAndHeatMapAgreeOnWeaponization(t *testing.T) {
	r := demoResult(t)
	if len(r.Bank.KillChainModel.AttackerSide) == 0 {
		t.Fatal("the bank puts no phase on the attacker's side")
	}
	for _, p := range r.KillChain {
		got := PhaseLabel(r, p)
		if r.Bank.AttackerSide(p.Phase) != (got == "not judged (attacker side)") {
			t.Errorf("%s labelled %q", p.Name, got)
		}
	}
	pdf := strings.Join(pdfText(t, renderPDF(t, r, Meta{})), "\n")
	i := strings.Index(pdf, "Weaponization")
	if i < 0 {
		t.Fatal("no weaponization row in the PDF")
	}
	row := pdf[i:min(len(pdf), i+300)]
	if strings.Contains(row[:strings.Index(row+"Delivery", "Delivery")], "OPEN\n") {
		t.Errorf("the heat map shows weaponization OPEN: %q", row)
	}
	if !strings.Contains(pdf, "(attacker side)") {
		t.Error("the heat map does not say weaponization is on the attacker's side")
	}
}

// TestSparseLayersNotScored: a layer with one or two answers is "not
// enough answers to score" and the verdict names no strongest or weakest
// layer from it (finding 25).
func TestSparseLayersNotScored(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	a := q.NewAssessment(b, q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS}}, testDate)
	a.SetAnswer("NET-EXPOSURE", q.Answer{Status: q.Answered, Level: 4}, testDate)
	a.SetAnswer("HOST-OS-EOL", q.Answer{Status: q.Unknown}, testDate)
	r := scoring.Compute(b, a, scoring.Options{})
	v := strings.Join(Verdict(r), " ")
	if strings.Contains(v, "strongest") || strings.Contains(v, "weakest") {
		t.Errorf("sparse verdict names a strongest or weakest layer: %s", v)
	}
	if !strings.Contains(v, "No layer has enough answers to score") {
		t.Errorf("sparse verdict does not say the layers are not scored: %s", v)
	}
	for _, g := range r.Layers {
		if !g.Score.Empty && GroupScoreText(r, g) != "not enough answers to score" {
			t.Errorf("%s scored from %d answers: %s", g.Name, g.Answered+g.Unknown, GroupScoreText(r, g))
		}
	}
	// the demo is answered throughout: every layer is scored
	d := demoResult(t)
	for _, g := range d.Layers {
		if !Scorable(d, g) {
			t.Errorf("demo layer %s not scored", g.Name)
		}
	}
	if m := strings.Join(Methodology(b), " "); !strings.Contains(m, "not enough answers to score") {
		t.Error("the methodology does not state the scoring threshold")
	}
}

// TestReportingProcessNoPlaceholders: the demo (country GB, a contact)
// prints its contact and the UK rule with its source; a profile without
// them prints a visible marker, which Warnings lists (finding 16).
func TestReportingProcessNoPlaceholders(t *testing.T) {
	r := demoResult(t)
	rp := strings.Join(ReportingProcess(r), " ")
	if !strings.Contains(rp, r.Profile.SecurityContact) || r.Profile.SecurityContact == "" {
		t.Errorf("the contact is not printed: %s", rp)
	}
	if strings.Contains(rp, ToConfirm) || strings.Contains(rp, "one address and one phone number") {
		t.Errorf("placeholder with a known contact and country: %s", rp)
	}
	for _, w := range Warnings(r, Meta{}) {
		if strings.Contains(w, ToConfirm) {
			t.Errorf("demo warns about a marker: %s", w)
		}
	}
	for _, c := range []struct{ country, want string }{{"IE", "Regulation (EU) 2016/679"}, {"DE", "72 hours"}, {"US", ToConfirm}, {"", ToConfirm}} {
		x := *r
		x.Profile.Country, x.Profile.SecurityContact = c.country, ""
		rp := strings.Join(ReportingProcess(&x), " ")
		if !strings.Contains(rp, c.want) {
			t.Errorf("country %q: no %q in %s", c.country, c.want, rp)
		}
		if c.want == ToConfirm && strings.Contains(rp, "GDPR") {
			t.Errorf("country %q: a rule printed without a bank entry: %s", c.country, rp)
		}
		n := 0
		for _, w := range Warnings(&x, Meta{}) {
			if strings.Contains(w, ToConfirm) {
				n++
			}
		}
		if want := strings.Count(rp, ToConfirm); n != want || want == 0 {
			t.Errorf("country %q: %d marker warnings for %d markers", c.country, n, want)
		}
	}
}

// TestAcceptancesNeedingDecision: the board page and the finding's card
// carry the expired acceptance (F-02) and the one outlasting Windows
// Server 2016's support (F-47) (findings 8, 9).
func TestAcceptancesNeedingDecision(t *testing.T) {
	r := demoResult(t)
	ws2016 := time.Date(2027, 1, 12, 0, 0, 0, 0, time.UTC)
	m := Meta{EndOfSupport: func(text string) []SupportEnd {
		if strings.Contains(text, "Windows Server 2016") {
			return []SupportEnd{{Product: "Windows Server 2016", Ends: ws2016, Source: "test lifecycle"}}
		}
		return nil
	}}
	doc := BuildDocument(r, m, DocOptions{})
	var board *Block
	for _, s := range doc.Sections {
		for i, bl := range s.Blocks {
			if s.ID == SecSummary && strings.HasPrefix(bl.Title, "Risk acceptances needing a decision") {
				board = &s.Blocks[i]
			}
		}
	}
	if board == nil || len(board.Table.Rows) != 2 {
		t.Fatalf("board acceptance block: %+v", board)
	}
	expired, eos := board.Table.Rows[0], board.Table.Rows[1]
	if !strings.Contains(expired[3].Text, "lapsed on 30 September 2026") || !strings.Contains(expired[1].Text, "Haddad") {
		t.Errorf("expired row: %+v", expired)
	}
	if !strings.Contains(eos[3].Text, "Windows Server 2016 reaches the end of its support on 12 January 2027") || !strings.Contains(eos[3].Text, "review by 12 January 2027") {
		t.Errorf("end-of-support row: %+v", eos)
	}
	// no Microsoft source announces Extended Security Updates for Windows
	// Server 2016 (review 3, finding 11): the row must not offer them
	if strings.Contains(eos[3].Text, "Extended Security Updates") {
		t.Errorf("end-of-support row offers ESUs without a source: %s", eos[3].Text)
	}
	// the board's edition says it shortly
	for _, sec := range BuildDocument(r, m, DocOptions{Audience: AudienceBoard}).Sections {
		for _, bl := range sec.Blocks {
			if strings.HasPrefix(bl.Title, "Risk acceptances needing a decision") &&
				!strings.Contains(bl.Table.Rows[1][3].Text, "Windows Server 2016 support ends 12 January 2027") {
				t.Errorf("board row: %+v", bl.Table.Rows[1])
			}
		}
	}
	// without lifecycle data only the expired one is flagged
	if issues := AcceptanceIssues(r, doc.Findings, Meta{}); len(issues) != 1 || !issues[0].Entry.Expired {
		t.Errorf("without lifecycle data: %+v", issues)
	}
	// the card of the expired finding has its row
	full := BuildDocument(r, m, DocOptions{})
	found := false
	for _, s := range full.Sections {
		for _, bl := range s.Blocks {
			if bl.Kind != BlockKV || !strings.HasPrefix(bl.Title, expired[0].Text+" ") {
				continue
			}
			for _, p := range bl.Pairs {
				if p.Key == "Risk acceptance" && strings.Contains(p.Value, "lapsed") {
					found = true
				}
			}
		}
	}
	if !found {
		t.Errorf("finding %s has no Risk acceptance row", expired[0].Text)
	}
}

// TestBoardEdition: the board's PDF is the cover, a one-page summary
// (verdict, this week's steps, the first five with owner, cost and date, a
// budget line), one page of themes with the decisions the board must take
// (licensing, risk acceptances), and the management response with the
// basis it rests on, and names no section it leaves out (finding 12;
// review 3, findings 7 and 8).
func TestBoardEdition(t *testing.T) {
	r := demoResult(t)
	pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Audience: AudienceBoard, Appendix: AppendixNone}))
	if len(pages) != 4 {
		t.Fatalf("board PDF has %d pages, want 4 (cover, summary, themes, response)", len(pages))
	}
	p2 := pages[1]
	for _, want := range []string{"Verdict", "This week", "This month", "Budget:", "effort points per 30 days", "F-02"} {
		if !strings.Contains(p2, want) {
			t.Errorf("summary page lacks %q", want)
		}
	}
	for _, it := range r.Roadmap(30)[:5] {
		if title, _ := Sanitize(it.Action.Title); !strings.Contains(strings.ToLower(strings.Join(strings.Fields(p2), " ")), strings.ToLower(strings.Join(strings.Fields(title), " "))) {
			t.Errorf("first action %q not on the summary page", title)
		}
	}
	if !strings.Contains(pages[2], "by theme") || !strings.Contains(pages[2], "Risk acceptances needing a decision") || !strings.Contains(pages[2], "Licensing decision") {
		t.Errorf("page 3 is not the themes page:\n%s", pages[2])
	}
	if !strings.Contains(pages[3], "Management response") || !strings.Contains(pages[3], "Signature") || !strings.Contains(pages[3], "Basis of this assessment") {
		t.Errorf("page 4 is not the management response:\n%s", pages[3])
	}
	all := strings.ToLower(strings.Join(pages, "\n"))
	for _, bad := range []string{"appendix", "methodology", "--", "findings section", "register"} {
		if strings.Contains(all, bad) {
			t.Errorf("the board edition mentions %q, which it leaves out", bad)
		}
	}
	// themes: every critical and high finding once, in fewer rows
	doc := BuildDocument(r, Meta{}, DocOptions{Audience: AudienceBoard})
	var rows int
	for _, s := range doc.Sections {
		if s.ID == SecThemes {
			rows = len(s.Blocks[0].Table.Rows)
		}
	}
	n := countRisk(doc.Findings, RiskCritical) + countRisk(doc.Findings, RiskHigh)
	if rows < 2 || rows > 12 || rows >= n {
		t.Errorf("%d themes for %d critical and high findings", rows, n)
	}
}

// TestClientCopyWording: the cover has no tool or bank lines (they are in
// the methodology, the bank by release date); the client's copy prints no
// CLI flag or command; the basis box is there; named checks are "checks
// to run" (findings 11, 15, 23).
func TestClientCopyWording(t *testing.T) {
	r := demoResult(t)
	pages := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test"}))
	if strings.Contains(pages[0], "QUESTION BANK") || strings.Contains(pages[0], "TOOL ") {
		t.Errorf("cover still carries tool metadata:\n%s", pages[0])
	}
	all := strings.Join(pages, "\n")
	for _, bad := range []string{"--appendix", "--audience", "ssrm azure", "ssrm respond", "other piece of evidence", "named as evidence"} {
		if strings.Contains(all, bad) {
			t.Errorf("client copy prints %q", bad)
		}
	}
	for _, want := range []string{"Basis of this assessment", "Workshop of 26 November 2026, 2h22", "not an audit", "Checks to run", "Question bank:"} {
		if !strings.Contains(strings.Join(strings.Fields(all), " "), want) {
			t.Errorf("client copy lacks %q", want)
		}
	}
	tech := pdfText(t, renderPDF(t, r, Meta{Tool: "ssrm test", Audience: AudienceTechnical}))
	if !strings.Contains(strings.Join(strings.Fields(strings.Join(tech, "\n")), " "), "Run ssrm azure check") {
		t.Error("the technical edition lost the tool instruction")
	}
	// a bank released after the report's date is named by checksum only
	x := *r
	b := *r.Bank
	b.Released = "2099-01-01"
	x.Bank = &b
	if l := BankLine(&x); strings.Contains(l, "2099") || strings.Contains(l, b.Version) {
		t.Errorf("bank line names a later release: %s", l)
	}
	b.Released = "2026-01-01"
	if l := BankLine(&x); !strings.Contains(l, "released 2026-01-01") {
		t.Errorf("bank line: %s", l)
	}
}
