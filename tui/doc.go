// Package tui is the interactive wizard of ssrm: a Bubble Tea application
// that walks an organization through the five steps of the defence plan
// (assess, kill chain, prioritize, fortify, socialize) and writes the report.
//
// One root model (Model) owns one screen per step; screens share a *Common
// (size, styles, keys, mode, the app use cases) and a *Session (bank, the
// assessment, where it is saved). A screen changes the assessment only
// through Session.edit and reads it only through Session.Result, the scored
// copy (scoring.Result): what a view shows is computed in one place and
// never races a save or a report written in the background. Slow work
// (saving, writing reports, live collection) runs only inside tea.Cmds.
//
// tui imports app (open, create, merge, save, the Azure sign-in),
// questionnaire, scoring, reports and azure (its types); never azcore or
// the environment: cmd reads SSRM_PASSPHRASE and NO_COLOR and passes them
// in Options. Nothing but cmd imports tui. It never writes a report
// itself: cmd passes in a ReportFunc.
package tui
