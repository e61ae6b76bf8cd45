package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/questionnaire"
)

// mergeOptions are the inputs of `ssrm merge`.
type mergeOptions struct {
	Files    []string
	Names    []string // --participant, in the order of Files
	Out      string
	Strategy string
	Force    bool
	Encrypt  bool
	// Interactive is true when a person at a terminal can settle conflicts
	// (--strategy ask).
	Interactive bool
	In          io.Reader
	Stdout      io.Writer
}

// errAskNoTerminal refuses --strategy ask without a person to ask.
var errAskNoTerminal = errors.New("--strategy ask settles each conflict with you at a terminal, and standard input or output is not one:\n" +
	"  choose --strategy lowest (the default), highest, average or first, or run it in a terminal")

func newMergeCmd(g *globals) *cobra.Command {
	opts := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge FILE FILE... -o OUT.json",
		Short: "Merge participants' separately answered assessments into one, settling disagreements",
		Long: `Merge the assessments several people answered separately (each on their own
laptop, or in turn) into one. Where they agree, the answer is kept with everyone's
name in "who" and each one's note prefixed with their name. Where they disagree,
--strategy settles it and every conflict is listed here and recorded in OUT:

  lowest   the lowest answer: the conservative choice for security (default)
  highest  the highest level given
  average  the mean level, halves rounded down ("don't know" counts 0)
  first    the answer of the first file that has one
  ask      show each participant's level and note and let you pick one,
           take lowest/highest/average, or park the question to discuss

Participants are named by --participant (once per file, in order), else by the
"who" of their answers, their profile's assessor or the file name. Files with
different profiles or question banks are refused unless --force.

Encrypted files open with the passphrase in SSRM_PASSPHRASE or asked on the
terminal; if any input is encrypted, OUT is too (or give --encrypt).`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files, opts.In, opts.Stdout = args, g.In, cmd.OutOrStdout()
			opts.Interactive = isTerminal(g.In, cmd.OutOrStdout())
			return mergeRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "", "where to save the merged assessment (required)")
	cmd.Flags().StringVar(&opts.Strategy, "strategy", string(questionnaire.StrategyLowest), "how to settle disagreements: lowest, highest, average, first or ask")
	cmd.Flags().StringArrayVarP(&opts.Names, "participant", "p", nil, "name of each file's participant, in file order (repeat the flag)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "merge even if profiles or banks differ (the first file's stand), and replace OUT if it exists (kept as OUT.bak)")
	cmd.Flags().BoolVar(&opts.Encrypt, "encrypt", false, "encrypt OUT with a passphrase (SSRM_PASSPHRASE, or asked twice)")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func mergeRun(g *globals, opts *mergeOptions) error {
	strategy, err := questionnaire.ParseStrategy(opts.Strategy)
	if err != nil {
		return fmt.Errorf("%w: --strategy: %v", errUsage, err)
	}
	if strategy == questionnaire.StrategyAsk && !opts.Interactive {
		return errAskNoTerminal
	}
	if len(opts.Names) > 0 && len(opts.Names) != len(opts.Files) {
		return fmt.Errorf("%w: %d --participant names for %d files: give one per file, in order", errUsage, len(opts.Names), len(opts.Files))
	}
	if !opts.Force && fileExists(opts.Out) {
		return fmt.Errorf("%s exists already: give --force to replace it (it is kept as %s.bak), or another -o", opts.Out, opts.Out)
	}
	b, err := g.Bank()
	if err != nil {
		return err
	}
	x := &app.App{Bank: b, Tool: tool()}
	merged, err := x.Merge(app.MergeInput{Files: opts.Files, Names: opts.Names, Strategy: strategy, Force: opts.Force}, cliPassphrase)
	var mm *questionnaire.MismatchError
	if errors.As(err, &mm) {
		return fmt.Errorf("%w\nthese look like assessments of different organizations or banks: give --force to merge them anyway (the first file's profile and bank stand)", err)
	}
	if err != nil {
		return err
	}
	parts, m, conflicts := merged.Participants, merged.Assessment, merged.Conflicts
	for _, p := range parts {
		warnUnknown(opts.Stdout, p.Assessment)
	}
	if opts.Force {
		if diffs := mismatchNote(parts); diffs != "" {
			say(opts.Stdout, "warning: merged despite differences (--force): %s\n", diffs)
		}
	}
	if strategy == questionnaire.StrategyAsk {
		if err := askConflicts(b, m, conflicts, opts); err != nil {
			return err
		}
	} else {
		reportConflicts(opts.Stdout, conflicts, strategy)
	}

	if opts.Encrypt {
		// a new passphrase, rather than the first input's (app.Merge's)
		p, err := newPassphrase(opts.Out)
		if err != nil {
			return err
		}
		m.SetPassphrase(p)
	}
	if err := x.Save(opts.Out, m, time.Now()); err != nil {
		return err
	}
	names := merged.Names()
	enc := ""
	if m.Encrypted() {
		enc = " (encrypted)"
	}
	say(opts.Stdout, "saved %s%s: %s from %d participants (%s), %s\n",
		opts.Out, enc, plural(len(m.Answers), "answer"), len(parts), strings.Join(names, ", "), plural(len(conflicts), "conflict"))
	if parked := countParked(m); parked > 0 {
		say(opts.Stdout, "%s parked to discuss: 'ssrm resume %s' lands on them\n", plural(parked, "question"), opts.Out)
	}
	return nil
}

func mismatchNote(parts []questionnaire.Participant) string {
	_, _, err := questionnaire.Merge(parts, questionnaire.StrategyFirst)
	var mm *questionnaire.MismatchError
	if errors.As(err, &mm) {
		return strings.TrimPrefix(mm.Error(), "the assessments differ in ")
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func countParked(a *questionnaire.Assessment) int {
	n := 0
	for _, ans := range a.Answers {
		if ans.Parked {
			n++
		}
	}
	return n
}

// answerWords is an answer in a few words: "3 Defined", "don't know", "n/a".
func answerWords(a questionnaire.Answer) string { return questionnaire.AnswerWords(nil, a) }

func voteWords(v questionnaire.Vote) string {
	s := v.Participant + " " + answerWords(v.Answer)
	if n := strings.TrimSpace(v.Note); n != "" {
		s += fmt.Sprintf(" (%q)", strings.ReplaceAll(n, "\n", " "))
	}
	return s
}

// reportConflicts lists every conflict and how the strategy settled it.
func reportConflicts(w io.Writer, cs []questionnaire.Conflict, s questionnaire.Strategy) {
	if len(cs) == 0 {
		sayln(w, "no conflicts: the participants agree wherever more than one answered")
		return
	}
	say(w, "%s, settled by --strategy %s:\n", plural(len(cs), "conflict"), s)
	for _, c := range cs {
		votes := make([]string, len(c.Votes))
		for i, v := range c.Votes {
			votes[i] = voteWords(v)
		}
		by := string(c.Choice.Kind)
		if c.Chosen != "" {
			by += ": " + c.Chosen
		}
		say(w, "  %s: %s -> %s (%s)\n", c.QuestionID, strings.Join(votes, "; "), answerWords(c.Answer), by)
	}
}

// askConflicts settles each conflict with the person at the terminal.
func askConflicts(b *questionnaire.Bank, m *questionnaire.Assessment, cs []questionnaire.Conflict, opts *mergeOptions) error {
	if len(cs) == 0 {
		sayln(opts.Stdout, "no conflicts: the participants agree wherever more than one answered")
		return nil
	}
	in := bufio.NewReader(opts.In)
	w := opts.Stdout
	for i, c := range cs {
		text := ""
		if qq, ok := b.Question(c.QuestionID); ok {
			text = qq.Text
		}
		say(w, "\nConflict %d of %d: %s %s\n", i+1, len(cs), c.QuestionID, text)
		for j, v := range c.Votes {
			say(w, "  %d  %s\n", j+1, voteWords(v))
		}
		sayln(w, "  l  lowest   h  highest   a  average   d  discuss later (park the question)")
		for {
			say(w, "Choose 1-%d, l, h, a or d [l]: ", len(c.Votes))
			line, err := in.ReadString('\n')
			if err != nil && line == "" {
				return fmt.Errorf("input ended before every conflict was settled; nothing was saved")
			}
			ch, ok := parseChoice(strings.TrimSpace(line), c)
			if !ok {
				sayln(w, "  not a choice here")
				continue
			}
			settled, err := questionnaire.Resolve(c, ch)
			if err != nil {
				return err
			}
			m.ApplyConflict(settled)
			say(w, "  -> %s\n", answerWords(settled.Answer))
			break
		}
	}
	return nil
}

func parseChoice(s string, c questionnaire.Conflict) (questionnaire.Choice, bool) {
	switch strings.ToLower(s) {
	case "", "l", "lowest":
		return questionnaire.Choice{Kind: questionnaire.ChooseLowest}, true
	case "h", "highest":
		return questionnaire.Choice{Kind: questionnaire.ChooseHighest}, true
	case "a", "average":
		return questionnaire.Choice{Kind: questionnaire.ChooseAverage}, true
	case "d", "discuss":
		return questionnaire.Choice{Kind: questionnaire.ChooseDiscuss}, true
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(c.Votes) {
		return questionnaire.Choice{Kind: questionnaire.ChooseParticipant, Participant: c.Votes[n-1].Participant}, true
	}
	return questionnaire.Choice{}, false
}
