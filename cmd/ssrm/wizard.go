package main

import (
	"errors"
	"io"
	"os"
	"sort"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/scoring"
	"github.com/ssrm/ssrm/tui"
)

// wizardOptions are the inputs of the wizard (`ssrm` and `ssrm resume`).
type wizardOptions struct {
	File       string
	Accessible bool
	// Plain starts in plain language (--plain).
	Plain bool
	In    io.Reader
	Out   io.Writer
	// Terminal reports whether In and Out are a terminal.
	Terminal func(in io.Reader, out io.Writer) bool
}

// errNoTerminal says what to do instead of the full-screen wizard.
var errNoTerminal = errors.New("the wizard needs a terminal, and standard input or output is not one:\n" +
	"  run 'ssrm --accessible' for plain line-by-line prompts (screen readers, pipes), or\n" +
	"  'ssrm assess --answers FILE' to build an assessment from a file (see 'ssrm assess --help')")

func newResumeCmd(g *globals, root *cobra.Command) *cobra.Command {
	root.PersistentFlags().Bool("accessible", false, "plain line-by-line prompts for screen readers (huh's accessible mode)")
	root.PersistentFlags().Bool("plain", false, "plain-language questions with the terms explained (kept in the assessment; L switches in the wizard)")
	return &cobra.Command{
		Use:   "resume FILE",
		Short: "Open a saved assessment in the wizard, at its first unanswered question",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return wizardRun(g, cmd, args[0])
		},
	}
}

// wizardRun opens the interactive wizard on file ("" for the welcome screen).
func wizardRun(g *globals, cmd *cobra.Command, file string) error {
	acc, _ := cmd.Flags().GetBool("accessible")
	plain, _ := cmd.Flags().GetBool("plain")
	return runWizard(g, &wizardOptions{File: file, Accessible: acc, Plain: plain, In: g.In, Out: cmd.OutOrStdout(), Terminal: isTerminal})
}

func runWizard(g *globals, opts *wizardOptions) error {
	if !opts.Accessible && !opts.Terminal(opts.In, opts.Out) {
		return errNoTerminal
	}
	b, err := g.Bank()
	if err != nil {
		return err
	}
	topts := tui.Options{
		Bank: b, File: opts.File, RecentDir: configDir(), Now: time.Now,
		Passphrase: os.Getenv(envPassphrase),
		Tool:       tool(),
		NoColor:    os.Getenv("NO_COLOR") != "",
		Plain:      opts.Plain,
		Connect:    app.ConnectAzure(tool()),
		Formats:    wizardFormats(),
		Write: func(path, format string, r *scoring.Result) error {
			return writeReport(path, format, r, io.Discard)
		},
	}
	if opts.Accessible {
		return tui.RunAccessible(topts, opts.In, opts.Out)
	}
	defer hangupAsTerm()()
	return tui.Run(topts, opts.In, opts.Out)
}

// envConfigDir moves ssrm's small state (the recent-files list) elsewhere.
const envConfigDir = "SSRM_CONFIG_DIR"

// configDir is where the wizard keeps its recent-files list:
// $SSRM_CONFIG_DIR, else the user's config directory plus "ssrm", else
// nowhere (no list, nothing else lost).
func configDir() string {
	if d := os.Getenv(envConfigDir); d != "" {
		return d
	}
	d, err := app.UserConfigDir()
	if err != nil {
		return ""
	}
	return d
}

// wizardFormats lists the report formats this build writes, PDF first.
func wizardFormats() []string {
	var fs []string
	for f := range reportWriters {
		fs = append(fs, f)
	}
	rank := map[string]int{"pdf": 0, "md": 1, "json": 2, "csv": 3}
	sort.Slice(fs, func(i, j int) bool {
		ri, ok := rank[fs[i]]
		if !ok {
			ri = 9
		}
		rj, ok := rank[fs[j]]
		if !ok {
			rj = 9
		}
		return ri < rj || ri == rj && fs[i] < fs[j]
	})
	return fs
}

func isTerminal(in io.Reader, out io.Writer) bool {
	fi, ok := in.(*os.File)
	fo, ok2 := out.(*os.File)
	if !ok || !ok2 {
		return false
	}
	tty := func(f *os.File) bool { return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()) }
	return tty(fi) && tty(fo)
}
