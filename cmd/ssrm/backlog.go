package main

import (
	"bytes"
	"fmt"
	"github.com/ssrm/ssrm/internal/safetext"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// backlogOptions are the inputs of `ssrm backlog`.
type backlogOptions struct {
	File         string
	Out          string
	Format       string
	Date         string
	WorkItemType string
	Redact       bool
	Stdout       io.Writer

	// format and date are Format and Date parsed (complete).
	format string
	date   time.Time
	Stderr io.Writer // warnings
}

// complete parses what the flags say: the format and the date.
func (opts *backlogOptions) complete() error {
	var err error
	if opts.format, err = backlogFormat(opts.Format, opts.Out); err != nil {
		return err
	}
	opts.date, err = parseDay(opts.Date)
	return err
}

// newBacklogCmd is `ssrm backlog`; runF runs it (nil: backlogRun).
func newBacklogCmd(g *globals, runF func(*backlogOptions) error) *cobra.Command {
	opts := &backlogOptions{}
	cmd := &cobra.Command{
		Use:   "backlog FILE --format azure-devops|github|markdown -o OUT",
		Short: "Export the action plan as work items for Azure DevOps Boards or GitHub Issues, or as Markdown checklists",
		Long: `Export the action plan of a saved assessment as a backlog: one work item per
action not yet done (title, description with every priority factor and the
questions it raises, priority 1-4, owner, layer and kill-chain tags, due date),
plus one per accepted risk to review (expired acceptances first, priority 1).

  azure-devops  CSV for Boards > Work items > Import work items. Columns: Work
                Item Type (--work-item-type, default Task), Title, Description
                (HTML), Priority, Assigned To, Tags (;-separated), Target Date.
                Assigned To holds owner roles unless you named people: Boards
                accepts only known users, so edit or clear that column first.
  github        CSV with title, body (Markdown), labels (comma-separated),
                assignee (empty) and milestone ("30 days", "60 days", "90 days",
                "Risk reviews") for a GitHub Issues importer.
  markdown      checklists by 30/60/90 days: - [ ] title (owner, due)

The format follows the extension of OUT for .md; give --format otherwise.
With -o - (the default) the backlog goes to standard output.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Stdout, opts.Stderr = args[0], cmd.OutOrStdout(), cmd.ErrOrStderr()
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return backlogRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "-", "where to write the backlog (- for standard output)")
	cmd.Flags().StringVar(&opts.Format, "format", "", "azure-devops, github or markdown (default: markdown for a .md output)")
	cmd.Flags().StringVar(&opts.Date, "date", "", "the plan's start date, YYYY-MM-DD, for due dates (default: the assessment's last update)")
	cmd.Flags().StringVar(&opts.WorkItemType, "work-item-type", "Task", "Azure DevOps work item type of each row")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, redactHelp)
	return cmd
}

func backlogFormat(format, out string) (string, error) {
	switch strings.ToLower(format) {
	case "":
		switch strings.ToLower(filepath.Ext(out)) {
		case ".md", ".markdown":
			return reports.BacklogMarkdown, nil
		}
		return "", fmt.Errorf("%w: give --format %s", errUsage, strings.Join(reports.BacklogFormats, ", --format "))
	case "azure-devops", "ado", "azure-boards":
		return reports.BacklogAzureDevOps, nil
	case "github", "gh":
		return reports.BacklogGitHub, nil
	case "markdown", "md":
		return reports.BacklogMarkdown, nil
	}
	return "", fmt.Errorf("%w: --format %q: use %s", errUsage, format, strings.Join(reports.BacklogFormats, ", "))
}

func backlogRun(g *globals, opts *backlogOptions) error {
	if err := opts.complete(); err != nil {
		return err
	}
	format, date := opts.format, opts.date
	if err := checkOutput(opts.Out, opts.File); err != nil {
		return err
	}
	b, err := g.Bank()
	if err != nil {
		return err
	}
	a, err := loadAssessment(opts.File, b, opts.Stderr)
	if err != nil {
		return err
	}
	r := scoring.Compute(b, a, scoring.Options{Date: date})
	var rd safetext.Redactor
	if opts.Redact {
		r = reports.RedactWith(r, &rd)
	}
	var buf bytes.Buffer
	if err := reports.WriteBacklog(&buf, format, r, reports.BacklogOptions{WorkItemType: opts.WorkItemType, Tool: "ssrm " + version}); err != nil {
		return fmt.Errorf("render %s backlog: %w", format, err)
	}
	if opts.Out == "-" {
		_, err := opts.Stdout.Write(buf.Bytes())
		sayRedacted(opts.Stderr, opts.Redact, rd.Summary())
		return err
	}
	if err := questionnaire.WriteFileAtomic(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	say(opts.Stdout, "wrote %s (%d work items)\n", opts.Out, len(reports.Backlog(r)))
	sayRedacted(opts.Stderr, opts.Redact, rd.Summary())
	return nil
}
