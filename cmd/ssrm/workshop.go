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

	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// workshopPackOptions are the inputs of `ssrm workshop pack`.
type workshopPackOptions struct {
	Dir     string
	Answers string // an answers file or saved assessment: its profile, and earlier answers for the sheets
	Profile questionnaire.Profile
	Models  []string
	Date    string
	Start   string // time of day the workshop starts, HH:MM
	Stdout  io.Writer
	Now     func() time.Time

	// date, start and the profile's models are the flags parsed (complete).
	date, start time.Time
}

// complete parses what the flags say: the folder, the date, the start,
// the service models and the size. A mistake is a usage error.
func (opts *workshopPackOptions) complete() error {
	if opts.Dir == "" {
		return fmt.Errorf("%w: workshop pack needs -o DIR, the folder to write the pack to", errUsage)
	}
	var err error
	if opts.date, err = parseDay(opts.Date); err != nil {
		return err
	}
	if opts.start, err = time.Parse("15:04", opts.Start); err != nil {
		return fmt.Errorf("%w: --start %q: use HH:MM", errUsage, opts.Start)
	}
	if opts.Answers != "" {
		return nil // the profile comes from the file
	}
	opts.Profile.Models = nil
	for _, m := range opts.Models {
		m = strings.ToLower(strings.TrimSpace(m))
		switch questionnaire.Model(m) {
		case questionnaire.IaaS, questionnaire.PaaS, questionnaire.SaaS:
			opts.Profile.Models = append(opts.Profile.Models, questionnaire.Model(m))
		default:
			return fmt.Errorf("%w: --models: unknown service model %q: use iaas, paas or saas", errUsage, m)
		}
	}
	if questionnaire.SizeRank(opts.Profile.Size) < 0 {
		return fmt.Errorf("%w: --size %q: use %s", errUsage, opts.Profile.Size, strings.Join(questionnaire.Sizes(), ", "))
	}
	return nil
}

func newWorkshopCmd(g *globals, packF func(*workshopPackOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: "Material for a facilitated workshop",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newWorkshopPackCmd(g, packF))
	return cmd
}

// newWorkshopPackCmd is `ssrm workshop pack`; runF runs it (nil:
// workshopPackRun).
func newWorkshopPackCmd(g *globals, runF func(*workshopPackOptions) error) *cobra.Command {
	opts := &workshopPackOptions{Now: time.Now}
	cmd := &cobra.Command{
		Use:   "pack -o DIR [--answers FILE | --org NAME --size S --sensitivity S --models iaas,paas,saas]",
		Short: "Write a facilitator pack: agenda, question sheets per layer and a kickoff one-pager",
		Long: `Write what a facilitator prints before a workshop, built from the question
bank tailored to the organization:

  agenda.md, agenda.pdf    a 2–3 hour plan over the five steps, timed per layer
  questions-LAYER.pdf      one sheet per question: options as tick boxes, why it
                           matters, the facilitator's prompt, notes, who said it
  kickoff.pdf              one page: who secures what under your service models

The profile comes from --answers (an answers file or a saved assessment,
whose earlier answers the sheets then show) or from the profile flags.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout = cmd.OutOrStdout()
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return workshopPackRun(g, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Dir, "output", "o", "", "folder to write the pack to (required)")
	fl.StringVar(&opts.Answers, "answers", "", "take the profile (and earlier answers) from this answers file or saved assessment")
	fl.StringVar(&opts.Profile.Organization, "org", "", "organization name")
	fl.StringVar(&opts.Profile.Assessor, "assessor", "", "who runs the workshop")
	fl.StringVar(&opts.Profile.Size, "size", "small", "micro, small, medium, large or enterprise")
	fl.StringVar(&opts.Profile.Sector, "sector", "", "sector")
	fl.StringVar(&opts.Profile.Sensitivity, "sensitivity", "moderate", "data sensitivity: low, moderate, high or critical")
	fl.StringSliceVar(&opts.Models, "models", []string{"iaas", "paas", "saas"}, "service models in use")
	fl.StringSliceVar(&opts.Profile.Services, "services", nil, "Azure services in use (ids as in 'ssrm bank export')")
	fl.StringVar(&opts.Date, "date", "", "the workshop's date, YYYY-MM-DD (default: the answers file's date, else today)")
	fl.StringVar(&opts.Start, "start", "09:00", "when the workshop starts, HH:MM")
	cmd.MarkFlagsMutuallyExclusive("answers", "org")
	return cmd
}

func workshopPackRun(g *globals, opts *workshopPackOptions) error {
	if err := opts.complete(); err != nil {
		return err
	}
	b, err := g.Bank()
	if err != nil {
		return err
	}
	date, start := opts.date, opts.start
	a, err := packAssessment(b, opts, date)
	if err != nil {
		return err
	}
	if date.IsZero() {
		date = a.Updated
	}
	if date.IsZero() {
		date = opts.Now().UTC()
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	r := scoring.Compute(b, a, scoring.Options{Date: date})
	meta := reportMeta()
	agenda := reports.WorkshopAgenda(r)
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return fmt.Errorf("workshop pack: %w", err)
	}
	type doc struct {
		name  string
		write func(io.Writer) error
	}
	docs := []doc{
		{"agenda.md", func(w io.Writer) error { return reports.WriteAgendaMarkdown(w, r, agenda, start) }},
		{"agenda.pdf", func(w io.Writer) error { return reports.WriteAgendaPDF(w, r, agenda, start, meta) }},
		{"kickoff.pdf", func(w io.Writer) error { return reports.WriteKickoffPDF(w, r, meta) }},
	}
	for _, l := range questionnaire.Layers {
		n := 0
		for _, s := range r.Questions {
			if s.Question.Layer == l {
				n++
			}
		}
		if n == 0 {
			continue
		}
		docs = append(docs, doc{"questions-" + string(l) + ".pdf", func(w io.Writer) error { return reports.WriteQuestionSheetsPDF(w, r, l, meta) }})
	}
	for _, d := range docs {
		var buf bytes.Buffer
		if err := d.write(&buf); err != nil {
			return fmt.Errorf("workshop pack: %s: %w", d.name, err)
		}
		out := filepath.Join(opts.Dir, d.name)
		if err := questionnaire.WriteFileAtomic(out, buf.Bytes()); err != nil {
			return err
		}
		say(opts.Stdout, "wrote %s\n", out)
	}
	say(opts.Stdout, "%d questions over %d h %02d min for %s\n", agenda.Questions, agenda.Minutes/60, agenda.Minutes%60, reports.PackOrganization(r))
	return nil
}

// packAssessment is the assessment the pack is built from: a saved one or
// an answers file given with --answers, else an empty one with the profile
// of the flags.
func packAssessment(b *questionnaire.Bank, opts *workshopPackOptions, date time.Time) (*questionnaire.Assessment, error) {
	if opts.Answers != "" {
		if strings.EqualFold(filepath.Ext(opts.Answers), ".json") {
			if a, err := loadAssessment(opts.Answers, b, nil); err == nil {
				return a, nil
			}
		}
		af, err := questionnaire.LoadAnswers(opts.Answers, b)
		if err != nil {
			return nil, err
		}
		return af.Apply(b, af.Date), nil
	}
	return questionnaire.NewAssessment(b, opts.Profile, date), nil
}
