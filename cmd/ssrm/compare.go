package main

import (
	"bytes"
	"fmt"
	"github.com/ssrm/ssrm/internal/safetext"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// compareOptions are the inputs of `ssrm compare`.
type compareOptions struct {
	Files  []string // two or more assessments, any order: they are sorted by date
	Out    string
	Format string
	Redact bool
	Stdout io.Writer
	Stderr io.Writer

	format string // Format, or the extension of Out (complete)
}

// complete parses what the flags say: the format.
func (opts *compareOptions) complete() error {
	format := opts.Format
	if format == "" {
		format = "md"
		if ext := strings.ToLower(filepath.Ext(opts.Out)); opts.Out != "-" && ext != "" {
			format = strings.TrimPrefix(ext, ".")
		}
	}
	if format == "markdown" {
		format = "md"
	}
	if format != "md" && format != "pdf" {
		return fmt.Errorf("%w: cannot write a comparison as %q: name a file ending in .md or .pdf, or give --format", errUsage, format)
	}
	opts.format = format
	return nil
}

// newCompareCmd is `ssrm compare`; runF runs it (nil: compareRun).
func newCompareCmd(g *globals, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare OLD NEW [MORE...] -o OUT.md|OUT.pdf",
		Short: "Show what moved between assessments, per question, layer and kill-chain phase, and the trend across three or more",
		Long: `Compare assessments of one organization. The two newest (by date) are
compared question by question, layer by layer and phase by phase, with the
actions done, the new gaps and the accepted risks added, expired and
closed. With three assessments or more, a trend of overall and per-layer
maturity follows.

The format follows the extension of OUT (.md or .pdf) unless --format says
otherwise; with -o - (the default) Markdown goes to standard output.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files, opts.Stdout, opts.Stderr = args, cmd.OutOrStdout(), cmd.ErrOrStderr()
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "-", "where to write the comparison (.md or .pdf; - for standard output)")
	cmd.Flags().StringVar(&opts.Format, "format", "", "md or pdf (default: from the extension of -o)")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, redactHelp)
	return cmd
}

func compareRun(g *globals, opts *compareOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	if err := opts.complete(); err != nil {
		return err
	}
	format := opts.format
	if err := checkOutput(opts.Out, opts.Files...); err != nil {
		return err
	}
	var results []*scoring.Result
	var rd safetext.Redactor
	for _, f := range opts.Files {
		a, err := loadAssessment(f, b, opts.Stderr)
		if err != nil {
			return err
		}
		r := reports.Cleaned(scoring.Compute(b, a, scoring.Options{}))
		if opts.Redact {
			r = reports.RedactWith(r, &rd)
		}
		results = append(results, r)
	}
	if err := reports.CompareRefusal(results); err != nil {
		return err
	}
	if opts.Stderr != nil {
		for _, w := range reports.CompareWarnings(results) {
			say(opts.Stderr, "warning: %s\n", w)
		}
	}
	var buf bytes.Buffer
	switch format {
	case "pdf":
		if err := reports.WriteComparePDF(&buf, results, reportMeta()); err != nil {
			return err
		}
	default:
		p := reports.NewProgress(results)
		if err := reports.WriteCompareMarkdown(&buf, p.Diff, p.Warnings...); err != nil {
			return err
		}
		if len(p.Trend.Dates) >= 3 {
			if err := reports.WriteTrendMarkdown(&buf, p.Trend); err != nil {
				return err
			}
		}
	}
	if opts.Out == "-" {
		_, err := opts.Stdout.Write(buf.Bytes())
		sayRedacted(opts.Stderr, opts.Redact, rd.Summary())
		return err
	}
	if err := questionnaire.WriteFileAtomic(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	say(opts.Stdout, "wrote %s\n", opts.Out)
	sayRedacted(opts.Stderr, opts.Redact, rd.Summary())
	return nil
}
