package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/azure"
	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// reportOptions are the inputs of `ssrm report`.
type reportOptions struct {
	File   string
	Out    string
	Format string
	Date   string
	Logo   string // PNG or JPEG for the PDF's cover
	Font   string // a TrueType font to set the PDF in
	Brand  string // the consultancy's brand file (YAML) for PDF, DOCX and XLSX
	Redact bool
	// Baselines are earlier assessments: the plan then shows the progress
	// since the newest of them (and a trend with two or more).
	Baselines []string
	// Audience and Appendix pick the report's sections: --audience
	// board|technical|full, --appendix full|short|none.
	Audience string
	Appendix string
	Stdout   io.Writer

	// format and date are Format (or the extension of Out) and Date,
	// parsed (complete).
	format   string
	date     time.Time
	audience reports.Audience
	appendix reports.Appendix
	Stderr   io.Writer // warnings
}

// complete parses what the flags say into opts: the format and the date.
// A mistake is a usage error.
func (opts *reportOptions) complete() error {
	var err error
	if opts.format, err = reportFormat(opts.Format, opts.Out); err != nil {
		return err
	}
	if opts.date, err = parseDay(opts.Date); err != nil {
		return err
	}
	if opts.audience, err = reports.ParseAudience(opts.Audience); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if opts.appendix, err = reports.ParseAppendix(opts.Appendix); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// newReportCmd is `ssrm report`. runF runs it (nil: reportRun): flag tests
// pass their own and see the options, rendering nothing.
func newReportCmd(g *globals, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report FILE -o OUT",
		Short: "Write the action plan of a saved assessment as pdf, docx, xlsx, md, json or csv",
		Long: `Write the action plan of a saved assessment. The format follows the
extension of OUT (.pdf, .docx, .xlsx, .md, .json, .csv) unless --format says
otherwise. With -o - the report goes to standard output.

.docx is the report as an editable Word document; .xlsx is a workbook with
the plan, backlog, risk register, evidence and answers for the client to
filter and fill in.

--brand FIRM.yaml puts your firm's name and logo in every page header of the
PDF and DOCX, its accent colour on the headings and its contact line in the
footer. Without --brand, a brand.yaml beside the assessment (or the
demo-brand.yaml that ssrm demo writes beside demo-assessment.json) is used,
so every edition of one assessment carries the same brand; --brand none
leaves it out. The file holds four lines:
  firm: Fabrikam Security Partners
  logo: fabrikam.png          (PNG or JPEG, relative to the brand file)
  accent: "#1F5FA8"
  contact: assess@fabrikam.example

--redact replaces connection strings, tokens (JWT), SAS signatures,
passwords and keys, e-mail addresses, Azure resource IDs, IP addresses and
subscription IDs in notes, names, evidence and owners (every format), and
says what it removed; --logo puts your client's PNG or JPEG on the cover of
the PDF and DOCX. --baseline OLD.json (repeatable) adds a "Progress since"
section: what moved since the newest baseline, and a trend across all of
them when there are two baselines or more.

Every gap is a numbered finding (F-01...) with its risk, business impact,
recommendation, owner, due window and management response. --audience
board keeps the board summary, the findings and the plan; technical drops
the board summary; full (default) is what a consultant hands over.
--appendix short (default) adds the evidence, the risk register, the
medium and low findings, the backlog and the methodology; full adds every
answer with its note whole and the glossary; none adds nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Stdout, opts.Stderr = args[0], cmd.OutOrStdout(), cmd.ErrOrStderr()
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "", "where to write the report (required; - for standard output)")
	cmd.Flags().StringVar(&opts.Format, "format", "", "pdf, docx, xlsx, md, json or csv (default: from the extension of -o)")
	cmd.Flags().StringVar(&opts.Date, "date", "", "the report's date, YYYY-MM-DD (default: the assessment's last update)")
	cmd.Flags().StringVar(&opts.Logo, "logo", "", "a PNG or JPEG (the client's logo) for the cover of the PDF and DOCX")
	cmd.Flags().StringVar(&opts.Brand, "brand", "", "your firm's brand file (YAML: firm, logo, accent, contact) for the PDF, DOCX and XLSX; default: brand.yaml beside the assessment; none: no brand")
	cmd.Flags().StringVar(&opts.Font, "font", "", "a TrueType font (.ttf) to set the PDF in, for scripts the built-in fonts lack (by default a system font such as VL PGothic is used when the text needs it)")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, redactHelp)
	cmd.Flags().StringArrayVar(&opts.Baselines, "baseline", nil, "an earlier assessment to show progress against (repeatable)")
	cmd.Flags().StringVar(&opts.Audience, "audience", "full", "board (the summary, findings and plan), technical (no board summary) or full")
	cmd.Flags().StringVar(&opts.Appendix, "appendix", "short", "full (every answer, notes whole, the glossary), short (evidence, risk register, backlog, methodology) or none")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func reportRun(g *globals, opts *reportOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	if err := opts.complete(); err != nil {
		return err
	}
	format, date := opts.format, opts.date
	a, err := loadAssessment(opts.File, b, opts.Stderr)
	if err != nil {
		return err
	}
	if err := checkOutput(opts.Out, append([]string{opts.File}, opts.Baselines...)...); err != nil {
		return err
	}
	meta := reportMeta()
	meta.Redact = opts.Redact
	meta.Audience, meta.Appendix = opts.audience, opts.appendix
	if opts.Logo != "" {
		if meta.Logo, err = readLogo(opts.Logo); err != nil {
			return err
		}
	}
	if opts.Font != "" {
		if meta.Font, err = readFont(opts.Font); err != nil {
			return err
		}
	}
	brand := opts.Brand
	if brand == "" {
		// the brand file beside the assessment (ssrm demo writes one), so
		// that every edition of one assessment carries the same brand
		if found := brandBeside(opts.File); found != "" {
			brand = found
			fmt.Fprintf(opts.Stderr, "ssrm: using the brand file beside the assessment, %s (--brand none for no brand)\n", found)
		}
	}
	if brand != "" && brand != "none" {
		if meta.Brand, err = reports.LoadBrandFile(brand, os.ReadFile); err != nil {
			return fmt.Errorf("%w: --brand: %v", errUsage, err)
		}
	}
	for _, f := range opts.Baselines {
		old, err := loadAssessment(f, b, opts.Stderr)
		if err != nil {
			return err
		}
		meta.Baselines = append(meta.Baselines, scoring.Compute(b, old, scoring.Options{}))
	}
	r := scoring.Compute(b, a, scoring.Options{Date: date})
	r, meta = reports.Prepare(r, meta)
	if err := writeReportMeta(opts.Out, format, r, meta, opts.Stdout); err != nil {
		return err
	}
	if opts.Out != "-" {
		say(opts.Stdout, "wrote %s\n", opts.Out)
	}
	sayRedacted(opts.Stderr, opts.Redact, meta.Removed)
	// what the consultant must settle before the report is final
	for _, w := range reports.Warnings(r, meta) {
		say(opts.Stderr, "warning: %s\n", w)
	}
	return nil
}

// redactHelp is the --redact flag's help.
const redactHelp = "replace secrets and personal data in user text: connection strings, tokens, SAS signatures, passwords, e-mail addresses, resource IDs, IP addresses and subscription IDs (the report says what was removed)"

// sayRedacted tells the user what --redact removed (the report says it
// too, except a CSV, which has no room for it).
func sayRedacted(w io.Writer, redact bool, removed string) {
	if !redact || w == nil {
		return
	}
	if removed == "" {
		removed = "nothing matched"
	}
	say(w, "redacted: %s\n", removed)
}

// reportWriters renders each text format; the PDF registers itself too.
var reportWriters = map[string]func(io.Writer, *scoring.Result, reports.Meta) error{
	"md":   reports.WriteMarkdown,
	"json": reports.WriteJSON,
	"pdf":  reports.WritePDF,
	"csv":  func(w io.Writer, r *scoring.Result, _ reports.Meta) error { return reports.WriteCSV(w, r) },
	"xlsx": reports.WriteXLSX,
	"docx": reports.WriteDOCX,
}

func reportFormat(format, out string) (string, error) {
	if format != "" {
		format = strings.TrimPrefix(strings.ToLower(format), ".")
		if format == "markdown" {
			format = "md"
		}
		if _, ok := reportWriters[format]; !ok {
			return "", fmt.Errorf("%w: --format %q: use %s", errUsage, format, formatList())
		}
		return format, nil
	}
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
		if format == "markdown" {
			format = "md"
		}
	}
	if _, ok := reportWriters[format]; !ok {
		known := make([]string, 0, len(reportWriters))
		for k := range reportWriters {
			known = append(known, k)
		}
		return "", fmt.Errorf("%w: cannot tell the report format of %q: name a file ending in .%s, or give --format",
			errUsage, out, strings.Join(sortedStrings(known), ", ."))
	}
	return format, nil
}

// reportFormats are the formats of `ssrm report`, in the order help and
// errors list them.
var reportFormats = []string{"pdf", "docx", "xlsx", "md", "json", "csv"}

// formatList is "pdf, docx, … or csv", of the formats that have a writer.
func formatList() string {
	var have []string
	for _, f := range reportFormats {
		if _, ok := reportWriters[f]; ok {
			have = append(have, f)
		}
	}
	if len(have) < 2 {
		return strings.Join(have, "")
	}
	return strings.Join(have[:len(have)-1], ", ") + " or " + have[len(have)-1]
}

// writeReport renders into memory, then replaces the file atomically: a
// failed render never leaves half a report.
func writeReport(out, format string, r *scoring.Result, stdout io.Writer) error {
	return writeReportMeta(out, format, r, reportMeta(), stdout)
}

// reportMeta is what every report says about the tool that wrote it.
func reportMeta() reports.Meta {
	// risk acceptances are checked against the end of support of the
	// operating systems they name, from the live checks' lifecycle data
	return reports.Meta{Tool: "ssrm " + version, EndOfSupport: azure.EndsNamedIn}
}

// writeReportMeta is writeReport with a logo and redaction. Redaction
// applies to every format.
func writeReportMeta(out, format string, r *scoring.Result, meta reports.Meta, stdout io.Writer) error {
	r, meta = reports.Prepare(r, meta)
	var buf bytes.Buffer
	if err := reportWriters[format](&buf, r, meta); err != nil {
		return fmt.Errorf("render %s report: %w", format, err)
	}
	if out == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return questionnaire.WriteFileAtomic(out, buf.Bytes())
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("%w: --date %q: use YYYY-MM-DD", errUsage, s)
	}
	return t, nil
}

// readFont reads a TrueType font for the PDF and checks gofpdf can embed it.
func readFont(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: --font: %v", errUsage, err)
	}
	if err := reports.CheckFont(data); err != nil {
		return nil, fmt.Errorf("%w: --font %s: %v", errUsage, path, err)
	}
	return data, nil
}

// readLogo reads the cover logo and checks it is a PNG or JPEG.
func readLogo(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: --logo: %v", errUsage, err)
	}
	if _, err := reports.LogoType(data); err != nil {
		return nil, fmt.Errorf("%w: --logo %s: %v", errUsage, path, err)
	}
	return data, nil
}

// brandBeside is the brand file that goes with an assessment when no
// --brand is given: brand.yaml in its directory, or, for the demo's
// assessment, the demo-brand.yaml that ssrm demo wrote beside it; "" when
// there is none (an encrypted or piped assessment has none either).
func brandBeside(file string) string {
	if file == "" || file == "-" {
		return ""
	}
	dir := filepath.Dir(file)
	names := []string{"brand.yaml"}
	if filepath.Base(file) == "demo-assessment.json" {
		names = append([]string{demoBrandFile}, names...)
	}
	for _, n := range names {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}
