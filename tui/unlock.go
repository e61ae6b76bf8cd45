package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// MinPassphrase is the shortest passphrase the wizard protects a new
// assessment with (the same rule as the command line's --encrypt).
const MinPassphrase = 8

// needPassMsg says a file to open is encrypted: the welcome screen asks
// for its passphrase. err is set when a passphrase was tried and failed.
type needPassMsg struct {
	path string
	err  error
}

// openWith loads an assessment (encrypted or not) and starts the wizard on
// it; a wrong passphrase asks again. pass is "" for a plain file.
func openWith(x *app.App, path, pass string, now time.Time) tea.Msg {
	a, err := x.Open(path, app.Given(pass), now)
	switch {
	case errors.Is(err, app.ErrNeedPassphrase):
		return needPassMsg{path: path}
	case errors.Is(err, q.ErrWrongPassphrase):
		return needPassMsg{path: path, err: err}
	case err != nil:
		return welcomeErrMsg{err}
	}
	return startMsg{s: newSession(x.Bank, a, path), mode: parseMode(a.Mode), resume: true}
}

// unlockCmd opens an encrypted assessment with a typed passphrase. scrypt
// makes that take about a second, so it runs off the UI's path.
func unlockCmd(x *app.App, path, pass string, now time.Time) tea.Cmd {
	return func() tea.Msg { return openWith(x, path, pass, now) }
}

// passInput is a masked text input for a passphrase.
func passInput(prompt string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 200
	return in
}

// checkNewPassphrase is the rule for a new passphrase.
func checkNewPassphrase(p string) error {
	if utf8.RuneCountInString(p) < MinPassphrase {
		return fmt.Errorf("at least %d characters (a few words will do)", MinPassphrase)
	}
	return nil
}

// wrongPassText says a passphrase did not fit, and that nothing changed.
func wrongPassText(path string) string {
	return fmt.Sprintf("Wrong passphrase for %s; nothing was changed. Try again, or esc to go back.", shortPath(path))
}

// trimPass keeps a passphrase as typed, but drops a trailing newline a
// paste may bring.
func trimPass(s string) string { return strings.TrimRight(s, "\r\n") }
