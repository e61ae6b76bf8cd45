package tui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
)

// lineReader hands its reader out one line per Read, so huh's accessible
// prompts (each with a scanner of its own) never swallow the next answer,
// and it notes the end of input.
type lineReader struct {
	r   io.Reader
	eof bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	n := 0
	var one [1]byte
	for n < len(p) {
		k, err := l.r.Read(one[:])
		if k == 1 {
			p[n] = one[0]
			n++
			if one[0] == '\n' {
				return n, nil
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				l.eof = true
			}
			return n, err
		}
	}
	return n, nil
}

// accessibleAnswer asks one question as the TUI does: the maturity level
// itself (0–5), d for don't know, x for not applicable, ? for why it
// matters, s to save and stop. A number is a level, never a position in a
// list (issue 17: piping 2 gave level 1). It asks again after a line it
// cannot take, and reports false at the end of input.
func accessibleAnswer(lr *lineReader, out io.Writer, qq *q.Question) (int, bool) {
	fmt.Fprintf(out, "%s\n", strings.Join(strings.Fields(qq.Text), " "))
	var have []string
	for _, o := range qq.Options {
		fmt.Fprintf(out, "  %d  %s: %s\n", o.Level, o.Label, strings.Join(strings.Fields(o.Description), " "))
		have = append(have, fmt.Sprint(o.Level))
	}
	fmt.Fprintf(out, "  d  Don't know (scored 0, flagged to verify)\n  x  Not applicable\n  ?  Why it matters\n  s  Save and stop\n")
	keys := strings.Join(have, ", ") + ", d, x, ? or s"
	for {
		fmt.Fprintf(out, "Answer (%s): ", keys)
		line, ok := lr.line()
		if !ok && line == "" {
			fmt.Fprintln(out)
			return 0, false
		}
		in := strings.ToLower(strings.TrimSpace(line))
		switch in {
		case "d", "?d", "dk":
			return accDK, true
		case "x", "n/a", "na":
			return accNA, true
		case "?", "why":
			return accWhy, true
		case "s", "q", "stop":
			return accStop, true
		}
		for _, o := range qq.Options {
			if in == fmt.Sprint(o.Level) {
				return o.Level, true
			}
		}
		fmt.Fprintf(out, "%q is not an answer to this question: type %s.\n", in, keys)
		if !ok {
			return 0, false
		}
	}
}

// line reads one line, without its end; false at the end of input.
func (l *lineReader) line() (string, bool) {
	var b strings.Builder
	buf := make([]byte, 256)
	for {
		n, err := l.Read(buf)
		b.Write(buf[:n])
		if n > 0 && buf[n-1] == '\n' {
			return strings.TrimRight(b.String(), "\r\n"), true
		}
		if err != nil || l.eof {
			return b.String(), false
		}
	}
}

const (
	accWhy  = -1
	accStop = -2
	accDK   = -3
	accNA   = -4
)

// RunAccessible is the wizard for screen readers: huh's accessible mode,
// one plain prompt at a time, the same autosave after every answer; a
// question takes the same answers as the TUI (0–5, d, x). It works
// without a terminal, reading lines from in.
func RunAccessible(opts Options, in io.Reader, out io.Writer) error {
	lr := &lineReader{r: in}
	b := opts.Bank
	var s *Session
	var mode Mode
	run := func(f *huh.Form) (err error) {
		// huh's accessible prompts keep the last line they read when the
		// input ends; an invalid one (a number out of range, a typo at the
		// end of a piped file) makes them index outside their options.
		// The end of input is ours to report, not a crash.
		defer func() {
			if r := recover(); r != nil {
				if !lr.eof {
					panic(r)
				}
				err = errInputEnded
			}
		}()
		return f.WithAccessible(true).WithInput(lr).WithOutput(out).WithTheme(huh.ThemeBase()).Run()
	}
	x := &app.App{Bank: b, Tool: opts.Tool, RecentDir: opts.RecentDir}
	if x.Tool == "" {
		x.Tool = "ssrm"
	}
	if opts.File == "" {
		recent := app.LoadRecent(opts.RecentDir)
		choice := 0
		if len(recent) > 0 {
			var opt []huh.Option[int]
			opt = append(opt, huh.NewOption("Start a new assessment", 0))
			for i, r := range recent {
				// an encrypted file's organization is not known until it
				// opens: its file name stands in, as on the welcome screen
				name := r.Organization
				if name == "" {
					name = filepath.Base(r.Path)
				}
				opt = append(opt, huh.NewOption("Resume "+name+" ("+r.Path+")", i+1))
			}
			if err := run(huh.NewForm(huh.NewGroup(huh.NewSelect[int]().Title("ssrm: start or resume").Options(opt...).Value(&choice)))); err != nil {
				return err
			}
		}
		if choice > 0 {
			opts.File = recent[choice-1].Path
		} else {
			pin := &ProfileInput{EnvPassphrase: opts.Passphrase, NoPassphraseFields: true}
			if err := run(NewProfileForm(b, pin)); err != nil {
				return err
			}
			if lr.eof {
				return errors.New("input ended before the profile was complete: nothing saved")
			}
			if pin.Protect && pin.EnvPassphrase == "" {
				p, err := accessibleNewPassphrase(in, out)
				if err != nil {
					return err
				}
				pin.Passphrase = p
			}
			path := pin.SavePath()
			a, err := x.Create(app.NewAssessment{Profile: pin.Profile(), Mode: pin.Mode, Path: path, Passphrase: pin.NewPassphrase()}, opts.Now().UTC())
			if err != nil {
				return err
			}
			s, mode = newSession(b, a, path), parseMode(pin.Mode)
			fmt.Fprintf(out, "Saved %s. Every answer is saved as you go.\n\n", path)
		}
	}
	if s == nil {
		a, err := x.Open(opts.File, func(path string) (string, error) {
			if opts.Passphrase != "" {
				return opts.Passphrase, nil
			}
			return accessiblePassphrase(in, out, "Passphrase for "+path)
		}, opts.Now())
		if err != nil {
			return err
		}
		s, mode = newSession(b, a, opts.File), parseMode(a.Mode)
	}
	c := &Common{Mode: mode, Now: opts.Now}
	qs := accessibleOrder(s)
	start := firstOpen(s.Result(), qs)
	if start < len(qs) {
		fmt.Fprintf(out, "%d of %d questions left. Choose \"Save and stop\" at any time; 'ssrm resume %s' picks up here.\n\n", len(qs)-start, len(qs), s.Path)
	}
	for i := start; i < len(qs); i++ {
		qq := qs[i]
		if sc, ok := s.Result().Question(qq.ID); ok && sc.Answered() {
			continue
		}
		fmt.Fprintf(out, "Question %d of %d. %s, %s.\n", i+1, len(qs), s.Bank.LayerInfo(qq.Layer).Name, s.Bank.DomainName(qq.Domain))
		if mode == ModeWorkshop && qq.Facilitator != "" {
			fmt.Fprintf(out, "Facilitator: %s\n", qq.Facilitator)
		}
		for {
			choice, ok := accessibleAnswer(lr, out, qq)
			if !ok {
				fmt.Fprintf(out, "Input ended. Your answers are saved in %s.\n", s.Path)
				return nil
			}
			switch choice {
			case accWhy:
				fmt.Fprintf(out, "Why it matters: %s\n\n", strings.Join(strings.Fields(qq.Help), " "))
				continue
			case accStop:
				fmt.Fprintf(out, "Saved %s. Resume with: ssrm resume %s\n", s.Path, s.Path)
				return nil
			}
			now := c.Now()
			ans := q.Answer{Status: q.Answered, Level: choice, When: now}
			switch choice {
			case accDK:
				ans = q.Answer{Status: q.Unknown, When: now}
			case accNA:
				ans = q.Answer{Status: q.NotApplicable, When: now}
			}
			s.edit(now, func(a *q.Assessment) {
				if old, ok := a.Answers[qq.ID]; ok {
					ans.Note, ans.Who, ans.Exception = old.Note, old.Who, old.Exception
				}
				a.SetAnswer(qq.ID, ans, now)
			})
			if err := s.SaveNow(); err != nil {
				return err
			}
			if mode == ModeTraining {
				text := qq.Explanation
				if text == "" {
					text = qq.Help
				}
				fmt.Fprintf(out, "%s\n", strings.Join(strings.Fields(text), " "))
				for _, l := range qq.KillChain {
					fmt.Fprintf(out, "Kill chain: %s, %s.\n", s.Bank.PhaseName(l.Phase), l.Course)
				}
				for _, id := range qq.Facts {
					if f, ok := s.Bank.Fact(id); ok {
						fmt.Fprintf(out, "Fact: %s (%s)\n", strings.Join(strings.Fields(f.Text), " "), f.Source)
					}
				}
			}
			fmt.Fprintln(out)
			break
		}
	}
	r := s.Result()
	fmt.Fprintf(out, "All questions answered. Overall maturity %s against a target of %d.\n", reports.ScoreText(r.Overall), r.Target)
	for _, l := range reports.Verdict(r) {
		fmt.Fprintln(out, l)
	}
	if opts.Write == nil || len(opts.Formats) == 0 {
		return nil
	}
	var formats []string
	var fo []huh.Option[string]
	for _, f := range opts.Formats {
		fo = append(fo, huh.NewOption(f, f))
	}
	if err := run(huh.NewForm(huh.NewGroup(huh.NewMultiSelect[string]().Title("Write the action plan as").Options(fo...).Value(&formats)))); err != nil {
		return err
	}
	rs := &reportScreen{s: s}
	for _, f := range formats {
		path := rs.outPath(f)
		if err := opts.Write(path, f, r); err != nil {
			return fmt.Errorf("write %s: %w", f, err)
		}
		fmt.Fprintf(out, "Wrote %s\n", path)
	}
	return nil
}

// errInputEnded says the input ended in the middle of a prompt.
var errInputEnded = errors.New("input ended before the answer was complete: nothing more saved")

// errPassNoTTY says a passphrase cannot be typed here.
var errPassNoTTY = errors.New("a passphrase is typed on a terminal, and the input is not one: set SSRM_PASSPHRASE (for scripts and CI)")

// accessiblePassphrase asks for a passphrase without echoing it: huh's
// accessible password prompt, which needs the terminal itself.
func accessiblePassphrase(in io.Reader, out io.Writer, title string) (string, error) {
	if _, ok := in.(interface{ Fd() uintptr }); !ok {
		return "", errPassNoTTY
	}
	var p string
	f := huh.NewInput().Title(title).EchoMode(huh.EchoModePassword).Value(&p)
	if err := f.RunAccessible(out, in); err != nil {
		return "", err
	}
	return p, nil
}

// accessibleNewPassphrase asks for a new passphrase twice.
func accessibleNewPassphrase(in io.Reader, out io.Writer) (string, error) {
	p, err := accessiblePassphrase(in, out, fmt.Sprintf("New passphrase (at least %d characters)", MinPassphrase))
	if err != nil {
		return "", err
	}
	if err := checkNewPassphrase(p); err != nil {
		return "", fmt.Errorf("passphrase: %w; nothing was saved", err)
	}
	again, err := accessiblePassphrase(in, out, "Same passphrase again")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", errors.New("the two passphrases differ; nothing was saved")
	}
	return p, nil
}

// accessibleOrder is every asked question in the order of the steps, as
// the full-screen wizard asks them.
func accessibleOrder(s *Session) []*q.Question {
	var out []*q.Question
	for _, g := range byLayer(s, asked(s, 1, 2)) {
		out = append(out, g.Qs...)
	}
	for st := 3; st <= 5; st++ {
		for _, g := range byDomain(s, asked(s, st)) {
			out = append(out, g.Qs...)
		}
	}
	return out
}
