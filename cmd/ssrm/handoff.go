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

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// handoffOptions are the inputs of `ssrm handoff`.
type handoffOptions struct {
	File   string
	Out    string
	Format string
	Stdout io.Writer
	Stderr io.Writer
}

func newHandoffCmd(g *globals, runF func(*handoffOptions) error) *cobra.Command {
	opts := &handoffOptions{}
	cmd := &cobra.Command{
		Use:   "handoff ASSESSMENT -o FILE.md|FILE.pdf",
		Short: "Write the \"don't know\" questions as a checklist for your IT provider",
		Long: `handoff writes the questions an assessment answers "don't know" as a
checklist for whoever runs your Microsoft cloud (an IT provider, a colleague):
each question with a box per maturity level, "cannot tell" and "does not
apply", and a line for a note.

The Markdown form (-o FILE.md) is meant to come back filled in: tick a box
with an x, then read it into the assessment with 'ssrm handoff import'.
The PDF (-o FILE.pdf) is the same list to print; one A4 page holds about
seven questions.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Stdout, opts.Stderr = args[0], cmd.OutOrStdout(), cmd.ErrOrStderr()
			if opts.Format == "" {
				opts.Format = strings.TrimPrefix(strings.ToLower(filepath.Ext(opts.Out)), ".")
			}
			if opts.Format != "md" && opts.Format != "pdf" {
				return fmt.Errorf("%w: write the hand-off as md or pdf (-o FILE.md, -o FILE.pdf, or --format)", errUsage)
			}
			if runF != nil {
				return runF(opts)
			}
			return handoffRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "", "where to write the checklist (required; - for standard output)")
	cmd.Flags().StringVar(&opts.Format, "format", "", "md or pdf (default: from the extension of -o)")
	_ = cmd.MarkFlagRequired("output")
	cmd.AddCommand(newHandoffImportCmd(g, nil))
	return cmd
}

func handoffRun(g *globals, opts *handoffOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	a, err := loadAssessment(opts.File, b, opts.Stderr)
	if err != nil {
		return err
	}
	if err := checkOutput(opts.Out, opts.File); err != nil {
		return err
	}
	r := scoring.Compute(b, a, scoring.Options{})
	data, n, err := renderHandoff(r, opts.Format, filepath.Base(opts.File))
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		_, err := opts.Stdout.Write(data)
		return err
	}
	if err := questionnaire.WriteFileAtomic(opts.Out, data); err != nil {
		return err
	}
	say(opts.Stdout, "wrote %s: %s answered \"don't know\"\n", opts.Out, plural(n, "question"))
	if n > 0 && opts.Format == "md" {
		say(opts.Stdout, "when it comes back filled in: ssrm handoff import %s %s\n", opts.File, opts.Out)
	}
	return nil
}

// renderHandoff writes the hand-off in memory, so a failed render never
// leaves half a file; it returns how many questions it asks.
func renderHandoff(r *scoring.Result, format, source string) ([]byte, int, error) {
	var buf bytes.Buffer
	var err error
	if format == "pdf" {
		err = reports.WriteHandoffPDF(&buf, r, reportMeta(), source)
	} else {
		err = reports.WriteHandoffMarkdown(&buf, r, source)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("render the hand-off: %w", err)
	}
	return buf.Bytes(), len(reports.HandoffItems(r)), nil
}

// handoffImportOptions are the inputs of `ssrm handoff import`.
type handoffImportOptions struct {
	File, Form string
	Who        string
	Overwrite  bool
	DryRun     bool
	Now        func() time.Time
	Stdout     io.Writer
	Stderr     io.Writer
}

func newHandoffImportCmd(g *globals, runF func(*handoffImportOptions) error) *cobra.Command {
	opts := &handoffImportOptions{Now: time.Now}
	cmd := &cobra.Command{
		Use:   "import ASSESSMENT FORM.md",
		Short: "Read a filled-in hand-off form back into the assessment as answers",
		Long: `import records the boxes ticked on a hand-off form as answers, signed with
--who (default "IT provider"), each note added to the answer's. It says what
changed, question by question. An answer given since the form was written is
never replaced unless --overwrite; --dry-run shows the changes and saves
nothing.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Form = args[0], args[1]
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if runF != nil {
				return runF(opts)
			}
			return handoffImportRun(g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Who, "who", "IT provider", "who answered, recorded on each answer")
	cmd.Flags().BoolVar(&opts.Overwrite, "overwrite", false, "take the form's answer even where the assessment was answered since")
	cmd.Flags().BoolVarP(&opts.DryRun, "dry-run", "n", false, "say what would change; save nothing")
	return cmd
}

func handoffImportRun(g *globals, opts *handoffImportOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	data, err := readLimited(opts.Form, questionnaire.MaxHandoffSize)
	if err != nil {
		return err
	}
	answers, err := questionnaire.ParseHandoff(opts.Form, data, b)
	if err != nil {
		// the two files given the other way round: say so
		if first, rerr := readLimited(opts.File, questionnaire.MaxHandoffSize); rerr == nil && bytes.Contains(first, []byte(questionnaire.HandoffMarker)) {
			return fmt.Errorf("%w\n%s is the hand-off form and %s is not: the assessment comes first, `ssrm handoff import %s %s`", err, opts.File, opts.Form, opts.Form, opts.File)
		}
		return err
	}
	a, err := loadAssessment(opts.File, b, opts.Stderr)
	if err != nil {
		return err
	}
	now := opts.Now().UTC().Truncate(time.Second)
	changes := questionnaire.ApplyHandoff(a, answers, opts.Who, opts.Overwrite, now)
	applied := 0
	for _, c := range changes {
		switch {
		case c.Applied:
			applied++
			say(opts.Stdout, "%s:%d: %s: %s → %s\n", opts.Form, c.Line, c.ID, c.Before, c.After)
		default:
			say(opts.Stdout, "%s:%d: %s: %s; %s\n", opts.Form, c.Line, c.ID, c.Before, c.Reason)
		}
	}
	switch {
	case opts.DryRun:
		say(opts.Stdout, "%s would change; nothing saved (--dry-run)\n", plural(applied, "answer"))
		return nil
	case applied == 0:
		say(opts.Stdout, "nothing changed; %s not saved\n", opts.File)
		return nil
	}
	if err := (&app.App{Bank: b, Tool: tool()}).Save(opts.File, a, now); err != nil {
		return err
	}
	say(opts.Stdout, "saved %s: %s from %s\n", opts.File, plural(applied, "answer"), opts.Form)
	return nil
}

// readLimited reads a file of at most max bytes, refusing a larger one
// before reading it.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, &questionnaire.TooLargeError{Path: path, Kind: "hand-off forms", Size: -1, Limit: max}
	}
	return data, nil
}
