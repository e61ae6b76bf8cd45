package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/questionnaire"
)

// bankLintOptions are the inputs of `ssrm bank lint`.
type bankLintOptions struct {
	Files []string
	Out   io.Writer
}

func newBankCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "bank", Short: "Export the question bank, or validate a custom one"}
	cmd.AddCommand(newBankLintCmd(g), newBankExportCmd(g))
	return cmd
}

func newBankLintCmd(g *globals) *cobra.Command {
	opts := &bankLintOptions{}
	return &cobra.Command{
		Use:   "lint FILE...",
		Short: "Validate question bank files; print every problem as FILE:LINE: message",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files, opts.Out = args, cmd.OutOrStdout()
			return bankLintRun(opts)
		},
	}
}

// bankLintRun validates each file and prints its problems; it fails with
// errProblems when any file has one.
func bankLintRun(opts *bankLintOptions) error {
	bad := 0
	for _, f := range opts.Files {
		b, err := questionnaire.LoadBank(f)
		if ps, ok := questionnaire.AsProblems(err); ok {
			for _, p := range ps {
				sayln(opts.Out, p)
			}
			bad += len(ps)
			continue
		}
		if err != nil {
			return err
		}
		for _, w := range b.Warnings() {
			say(opts.Out, "%s: warning: %s\n", f, w)
		}
		say(opts.Out, "%s: ok: %d questions, %d actions, %d references (bank %s)\n",
			f, len(b.Questions), len(b.Actions), len(b.References), b.Version)
	}
	if bad > 0 {
		return fmt.Errorf("%w: %d in all", errProblems, bad)
	}
	return nil
}

// bankExportOptions are the inputs of `ssrm bank export`.
type bankExportOptions struct {
	Format string
	Out    io.Writer
}

func newBankExportCmd(g *globals) *cobra.Command {
	opts := &bankExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Print the question bank (the built-in one, or --bank FILE) as YAML or JSON",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out = cmd.OutOrStdout()
			b, err := g.Bank()
			if err != nil {
				return err
			}
			return bankExportRun(b, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "yaml", "yaml or json")
	return cmd
}

// bankExportRun writes the bank in the chosen format. YAML export of the
// built-in bank is its source, comments and all, so an edited copy keeps
// its explanations.
func bankExportRun(b *questionnaire.Bank, opts *bankExportOptions) error {
	switch opts.Format {
	case "yaml", "yml":
		data, err := questionnaire.MarshalBankYAML(b)
		if err != nil {
			return err
		}
		_, err = opts.Out.Write(data)
		return err
	case "json":
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	}
	return fmt.Errorf("%w: --format %q: use yaml or json", errUsage, opts.Format)
}
