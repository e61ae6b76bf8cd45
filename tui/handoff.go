package tui

import (
	"bytes"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// The report screen's hand-off formats: the "don't know" list as a
// checklist for the IT provider (see reports.WriteHandoffMarkdown); the
// Markdown one comes back with `ssrm handoff import`.
const (
	handoffPrefix = "it-checklist."
	handoffMD     = handoffPrefix + "md"
	handoffPDF    = handoffPrefix + "pdf"
)

func writeHandoffCmd(path, format string, r *scoring.Result, tool, source string) tea.Cmd {
	return func() tea.Msg {
		var buf bytes.Buffer
		var err error
		if format == handoffPDF {
			err = reports.WriteHandoffPDF(&buf, r, reports.Meta{Tool: tool}, source)
		} else {
			err = reports.WriteHandoffMarkdown(&buf, r, source)
		}
		if err == nil {
			err = q.WriteFileAtomic(path, buf.Bytes())
		}
		return reportWrittenMsg{format: format, path: path, err: err}
	}
}
