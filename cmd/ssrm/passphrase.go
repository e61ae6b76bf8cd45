package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/ssrm/ssrm/app"
	"github.com/ssrm/ssrm/internal/safetext"
	"github.com/ssrm/ssrm/questionnaire"
)

// envPassphrase holds the passphrase of encrypted files for scripts and CI:
// when it is set, ssrm never asks.
const envPassphrase = "SSRM_PASSPHRASE"

// minPassphrase is the shortest passphrase ssrm encrypts a new file with.
const minPassphrase = 8

// errNoPassphraseTTY says there is no terminal to ask for a passphrase on.
var errNoPassphraseTTY = errors.New("no terminal to ask for the passphrase on: set " + envPassphrase + " (for scripts and CI)")

// readSecret asks for a secret on the terminal without echoing it. Tests
// replace it.
var readSecret = readSecretTTY

// readSecretTTY prompts on the controlling terminal (so it works even when
// standard input is a pipe), or on standard input when that is a terminal.
func readSecretTTY(prompt string) (string, error) {
	if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
		defer tty.Close()
		if term.IsTerminal(int(tty.Fd())) {
			fmt.Fprint(tty, safetext.Clean(prompt))
			b, err := term.ReadPassword(int(tty.Fd()))
			fmt.Fprintln(tty)
			return string(b), err
		}
	}
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		fmt.Fprint(os.Stderr, safetext.Clean(prompt))
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	return "", errNoPassphraseTTY
}

// cliPassphrase is the passphrase of an encrypted file on the command
// line: the environment, else a prompt on the terminal. It is an
// app.PassphraseFunc.
func cliPassphrase(path string) (string, error) {
	if p := os.Getenv(envPassphrase); p != "" {
		return p, nil
	}
	return readSecret(fmt.Sprintf("Passphrase for %s: ", path))
}

// passphraseFor is cliPassphrase for one file, as questionnaire.LoadOptions
// takes it.
func passphraseFor(path string) func() (string, error) {
	return func() (string, error) { return cliPassphrase(path) }
}

// loadAssessment reads a saved assessment, asking for its passphrase if it
// is encrypted. An encrypted one is saved back encrypted. With a bank, what
// the file holds for question ids the bank lacks is printed to warn, one
// warning a line with file and line (it stays in the file, unscored).
func loadAssessment(path string, b *questionnaire.Bank, warn io.Writer) (*questionnaire.Assessment, error) {
	a, err := (&app.App{Bank: b}).Load(path, cliPassphrase)
	if err != nil {
		return nil, err
	}
	warnUnknown(warn, a)
	return a, nil
}

// warnUnknown prints an assessment's entries for question ids the bank
// lacks (see questionnaire.Assessment.Unknown).
func warnUnknown(warn io.Writer, a *questionnaire.Assessment) {
	if warn == nil {
		return
	}
	for _, p := range a.Unknown() {
		say(warn, "warning: %s\n", p)
	}
}

// newPassphrase is the passphrase to encrypt a new file with: the
// environment, else typed twice on the terminal.
func newPassphrase(path string) (string, error) {
	p := os.Getenv(envPassphrase)
	if p == "" {
		var err error
		if p, err = readSecret(fmt.Sprintf("New passphrase for %s: ", path)); err != nil {
			return "", fmt.Errorf("encrypt %s: %w", path, err)
		}
		again, err := readSecret("Same passphrase again: ")
		if err != nil {
			return "", fmt.Errorf("encrypt %s: %w", path, err)
		}
		if again != p {
			return "", fmt.Errorf("encrypt %s: the two passphrases differ; nothing was saved", path)
		}
	}
	if len([]rune(p)) < minPassphrase {
		return "", fmt.Errorf("encrypt %s: the passphrase is shorter than %d characters; choose a longer one (a few words will do)", path, minPassphrase)
	}
	return p, nil
}
