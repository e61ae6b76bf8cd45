package main

import (
	"fmt"
	"io"

	"github.com/ssrm/ssrm/internal/safetext"
)

// say prints a message for a person: formatted, then cleaned of control
// and bidi characters, because messages carry strings ssrm did not write
// (names, notes, question ids and paths from files). A participant named
// "\x1b]0;…\x07\x1b[2J" must not retitle and clear the terminal. Data
// written to standard output (a report with -o -) never goes through it.
func say(w io.Writer, format string, a ...any) {
	fmt.Fprint(w, safetext.Clean(fmt.Sprintf(format, a...)))
}

// sayln is say with the operands printed as fmt.Println does.
func sayln(w io.Writer, a ...any) {
	fmt.Fprint(w, safetext.Clean(fmt.Sprintln(a...)))
}
