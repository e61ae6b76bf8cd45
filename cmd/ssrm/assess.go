package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/azure"
	"github.com/ssrm/ssrm/questionnaire"
)

// assessOptions are the inputs of `ssrm assess`.
type assessOptions struct {
	Answers string
	Out     string
	Force   bool
	Encrypt bool
	// Evidence is a snapshot (or 'az graph query' output) whose findings
	// are attached to the assessment.
	Evidence string
	Stdout   io.Writer
	Now      func() time.Time
}

func newAssessCmd(g *globals) *cobra.Command {
	opts := &assessOptions{Now: time.Now}
	cmd := &cobra.Command{
		Use:   "assess --answers FILE -o OUT.json",
		Short: "Build an assessment non-interactively from an answers file (YAML or JSON)",
		Long: `Build an assessment from an answers file: a profile and, per question id, a
level (0–5), "unknown" or "na", or {level, note, who}. Unknown ids are errors.

  profile:
    organization: Contoso Dental
    size: small            # micro, small, medium, large, enterprise
    sensitivity: high      # low, moderate, high, critical
    models: [paas, saas]
    services: [app-service, sql, m365]
    country: GB            # ISO 3166-1 alpha-2: picks the breach-notification rule
    security_contact: "security@contoso.example, 020 7946 0100"
  date: 2026-11-20
  who: Sam Okafor (IT lead)
  answers:
    ID-MFA-ADMIN: 3
    HOST-PATCH: unknown
    NET-DDOS: {level: 1, note: "Basic protection only"}

'ssrm bank export' lists the question ids and their levels.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout = cmd.OutOrStdout()
			return assessRun(g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "answers file, YAML or JSON (required)")
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "assessment.json", "where to save the assessment")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace OUT if it already exists (the old one is kept as OUT.bak)")
	cmd.Flags().BoolVar(&opts.Encrypt, "encrypt", false, "encrypt OUT with a passphrase (SSRM_PASSPHRASE, or asked twice on the terminal)")
	cmd.Flags().StringVar(&opts.Evidence, "evidence", "", "attach live evidence from this snapshot ('ssrm azure collect') or 'az graph query' output")
	_ = cmd.MarkFlagRequired("answers")
	return cmd
}

func assessRun(g *globals, opts *assessOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	af, err := questionnaire.LoadAnswers(opts.Answers, b)
	if err != nil {
		return err
	}
	if !opts.Force && fileExists(opts.Out) {
		return fmt.Errorf("%s exists already: give --force to replace it (it is kept as %s.bak), or another -o", opts.Out, opts.Out)
	}
	a := af.Apply(b, opts.Now().UTC().Truncate(time.Second))
	if opts.Evidence != "" {
		limitMemoryFor(opts.Evidence)
		if _, err := azure.ApplySnapshotFile(b, a, opts.Evidence, questionnaire.LoadOptions{Passphrase: passphraseFor(opts.Evidence)}, opts.Now().UTC()); err != nil {
			return err
		}
	}
	if opts.Encrypt {
		p, err := newPassphrase(opts.Out)
		if err != nil {
			return err
		}
		a.SetPassphrase(p)
	}
	if err := (&app.App{Bank: b, Tool: tool()}).Save(opts.Out, a, opts.Now()); err != nil {
		return err
	}
	t := questionnaire.Tailor(b, a.Profile)
	enc := ""
	if a.Encrypted() {
		enc = " (encrypted)"
	}
	say(opts.Stdout, "saved %s%s: %d of %d questions answered (%d not asked for this profile, %d on Microsoft's side)\n",
		opts.Out, enc, len(af.Answers), len(t.Asked), len(t.Dropped), len(t.Provider))
	return nil
}
