package reports

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// TestReportsDescribeTheBankUsed scores the demo with a bank whose tables
// differ from the embedded one (as --bank gives): the methodology appendix
// (Markdown and PDF), the kickoff sheet and the agenda print that bank's
// targets, capacity and responsibility, not the embedded bank's.
func TestReportsDescribeTheBankUsed(t *testing.T) {
	b, a := demoAssessment(t)
	b.Targets.Sensitivity["high"] = 5
	b.Targets.Size["small"] = -1
	b.Capacity["small"] = 7
	b.Responsibility.Layers[q.LayerHosts][q.PaaS] = q.Customer
	r := scoring.Compute(b, a, scoring.Options{})
	if r.Target != 4 || r.Capacity != 7 {
		t.Fatalf("target %d, capacity %d: the custom bank was not used", r.Target, r.Capacity)
	}

	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	method := md.String()[strings.Index(md.String(), "## Methodology"):]
	// the short edition gives the tables' numbers in a line each, the full
	// edition the tables
	for _, want := range []string{"high 5;", "small -1 / 7;", "micro -1 / 3;"} {
		if !strings.Contains(method, want) {
			t.Errorf("Markdown methodology lacks %q:\n%s", want, method)
		}
	}
	var full bytes.Buffer
	if err := WriteMarkdown(&full, r, Meta{Appendix: AppendixFull}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| high | 5 |", "| small | -1 | 7 |", "| micro | -1 | 3 |"} {
		if !strings.Contains(full.String(), want) {
			t.Errorf("full Markdown methodology lacks %q", want)
		}
	}
	// who owns each layer: the responsibility section prints this bank's
	// table (the short appendix does not print it twice)
	if want := "| Hosts | You | You | Shared |"; !strings.Contains(md.String(), want) {
		t.Errorf("Markdown lacks the bank's responsibility row %q", want)
	}
	pdf := strings.Join(pdfText(t, renderPDF(t, r, Meta{})), "\n")
	for _, want := range []string{"Target maturity (base level by data sensitivity)", "high 5", "small -1 / 7"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("PDF methodology lacks %q", want)
		}
	}
	kick := strings.Join(pdfText(t, renderPDF(t, r, Meta{}, WriteKickoffPDF)), "\n")
	for _, want := range []string{"Hosts under IaaS and PaaS"} {
		if !strings.Contains(kick, want) {
			t.Errorf("kickoff lacks %q:\n%s", want, kick)
		}
	}
	if strings.Contains(kick, "Hosts under PaaS and SaaS") {
		t.Error("the kickoff says Microsoft runs the hosts of PaaS, which this bank gives to the customer")
	}
	sheets := strings.Join(pdfText(t, renderPDF(t, r, Meta{}, func(w io.Writer, r *scoring.Result, m Meta) error {
		return WriteQuestionSheetsPDF(w, r, q.LayerHosts, m)
	})), "\n")
	if !strings.Contains(sheets, "high data sensitivity 5, small organization -1") || !strings.Contains(sheets, "about 7 effort points per 30 days") {
		t.Errorf("question sheets lack the bank's target and capacity:\n%s", sheets)
	}
	var agenda bytes.Buffer
	start := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	if err := WriteAgendaMarkdown(&agenda, r, WorkshopAgenda(r), start); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(agenda.String(), "Target maturity 4 of 5 (Managed): high data sensitivity 5, small organization -1") {
		t.Errorf("agenda:\n%s", agenda.String())
	}
}
