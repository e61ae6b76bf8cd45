package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// respondOptions are the inputs of `ssrm respond`.
type respondOptions struct {
	File   string
	From   string
	DryRun bool
	Stdout io.Writer
	Stderr io.Writer
	Now    func() time.Time
}

func newRespondCmd(g *globals) *cobra.Command {
	opts := &respondOptions{Now: time.Now}
	cmd := &cobra.Command{
		Use:   "respond FILE --from plan.xlsx",
		Short: "Record the management responses a client typed into the workbook",
		Long: `Read the management responses from the Findings sheet of a workbook that
ssrm report -o plan.xlsx wrote and the client filled in (Agree, Agree with
plan, Accept risk or Disagree, the words of the reports' response form;
workbooks of earlier versions say accepted, planned, risk-accepted or
disagreed, which are read too; a date for Agree with plan; a comment for
Accept risk and Disagree), and save them in the assessment FILE, where
every report shows them. Responses are matched by question id, so they stay
with their findings when the numbers change.

Nothing is saved when any row has a mistake: every one is listed with its
cell. Rows whose response cells are empty leave the assessment as it was.
--dry-run lists what would change and saves nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Stdout, opts.Stderr = args[0], cmd.OutOrStdout(), cmd.ErrOrStderr()
			return respondRun(g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "the workbook with the responses (.xlsx)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "list what would change; save nothing")
	_ = cmd.MarkFlagRequired("from")
	return cmd
}

func respondRun(g *globals, opts *respondOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	fh, err := os.Open(opts.From)
	if err != nil {
		return fmt.Errorf("%w: --from: %v", errUsage, err)
	}
	got, err := reports.ReadXLSXResponses(opts.From, fh)
	fh.Close()
	if err != nil {
		return err
	}
	a, err := loadAssessment(opts.File, b, opts.Stderr)
	if err != nil {
		return err
	}
	now := opts.Now().UTC().Truncate(time.Second)
	r := scoring.Compute(b, a, scoring.Options{})
	findings := reports.Findings(r)
	changed := 0
	for _, in := range got {
		if _, ok := b.Question(in.QuestionID); !ok {
			return fmt.Errorf("%s: %s: question %s is not in the bank this assessment is scored with: give the workbook written from this assessment", opts.From, in.Cell, in.QuestionID)
		}
		old, had := a.Responses[in.QuestionID]
		if had && old.Status == in.Response.Status && old.Date.Equal(in.Response.Date) && old.Comment == in.Response.Comment && old.Who == in.Response.Who {
			continue // as recorded: keep its time
		}
		resp := in.Response
		if resp.When.IsZero() || had && sameDay(resp.When, old.When) {
			resp.When = now
		}
		id := in.QuestionID
		if f, ok := reports.FindingOf(findings, in.QuestionID); ok {
			id = f.ID + " (" + in.QuestionID + ")"
		} else {
			say(opts.Stderr, "warning: %s: %s is no longer a finding; its response is kept with the question\n", in.Cell, in.QuestionID)
		}
		say(opts.Stdout, "%s: %s\n", id, questionnaire.ResponseWords(resp))
		if !opts.DryRun {
			a.SetResponse(in.QuestionID, resp, now)
		}
		changed++
	}
	switch {
	case changed == 0:
		say(opts.Stdout, "no response changed: %s is as the workbook says\n", opts.File)
		return nil
	case opts.DryRun:
		say(opts.Stdout, "%d responses would change; nothing saved (--dry-run)\n", changed)
		return nil
	}
	if err := (&app.App{Bank: b, Tool: tool()}).Save(opts.File, a, now); err != nil {
		return err
	}
	say(opts.Stdout, "saved %d responses in %s\n", changed, opts.File)
	return nil
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}
