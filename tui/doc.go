// Package tui is the interactive wizard of ssrm: a Bubble Tea application
// that walks an organization through the five steps of the defence plan
// (assess, kill chain, prioritize, fortify, socialize) and writes the report.
//
// One root model (Model) owns one screen per step; screens share a *Common
// (size, styles, keys, mode) and a *Session (bank, assessment, where it is
// saved). Slow work (saving, writing reports) runs only inside tea.Cmds.
//
// tui imports questionnaire, scoring and reports; nothing but cmd imports
// tui. It never writes a report itself: cmd passes in a ReportFunc.
package tui
