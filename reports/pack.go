package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The facilitator pack of a workshop (ssrm workshop pack): an agenda over
// the five steps timed from the tailored bank, printable question sheets
// per layer and a one-page kickoff summary of the shared responsibility
// model. This file holds the content; pdf_pack.go draws it.

// AgendaItem is one block of the workshop.
type AgendaItem struct {
	Start, Minutes int // minutes from the start of the workshop; length
	Step           int // 1–5, or 0 for the opening, breaks and the close
	Layer          q.Layer
	Title          string
	Detail         string
	Questions      []string // ids of the questions asked in the block
}

// Agenda is a timed workshop plan.
type Agenda struct {
	Items []AgendaItem
	// Minutes is the total length; PerQuestion the minutes each question
	// was given.
	Minutes     int
	PerQuestion float64
	Questions   int
}

// Workshop lengths in minutes: the plan aims at the middle of a 2–3 hour
// slot, with a question taking between one and three minutes.
const (
	agendaAim     = 150
	agendaMax     = 180
	agendaOpening = 10
	agendaBreak   = 10
	agendaClose   = 10
	agendaKill    = 5 // reading the kill chain together after step 2
)

// WorkshopAgenda plans a workshop over the asked questions of a result:
// an opening on the shared responsibility model, the five steps with a
// block per layer, a break near the middle and a close that agrees owners
// and the date of the re-assessment.
func WorkshopAgenda(r *scoring.Result) Agenda {
	type block struct {
		step  int
		layer q.Layer
		ids   []string
	}
	var blocks []block
	n := 0
	for step := 1; step <= 5; step++ {
		for _, l := range q.Layers {
			var ids []string
			for _, s := range r.Questions {
				if s.Question.Step == step && s.Question.Layer == l {
					ids = append(ids, s.Question.ID)
				}
			}
			if len(ids) > 0 {
				blocks = append(blocks, block{step, l, ids})
				n += len(ids)
			}
		}
	}
	fixed := agendaOpening + agendaBreak + agendaClose + agendaKill
	per := 2.0
	if n > 0 {
		per = math.Max(1, math.Min(3, float64(agendaAim-fixed)/float64(n)))
	}
	a := Agenda{PerQuestion: math.Round(per*100) / 100, Questions: n}
	t := 0
	add := func(it AgendaItem) {
		it.Start = t
		t += it.Minutes
		a.Items = append(a.Items, it)
	}
	models := modelNames(r.Profile.Models)
	add(AgendaItem{Minutes: agendaOpening, Title: "Welcome and the shared responsibility model",
		Detail: fmt.Sprintf("Walk through the kickoff sheet: who secures what under %s, what Microsoft does, what stays yours. Agree how answers are given (levels 0–5, \"don't know\" is fine) and who takes notes.", models)})
	breakDone := false
	for i, b := range blocks {
		m := int(math.Max(5, 5*math.Round(float64(len(b.ids))*per/5)))
		layer := r.Bank.LayerInfo(b.layer).Name
		step := r.Bank.StepInfo(b.step)
		add(AgendaItem{Minutes: m, Step: b.step, Layer: b.layer,
			Title:     fmt.Sprintf("Step %d — %s: %s", b.step, step.Name, layer),
			Detail:    fmt.Sprintf("%d question%s on the %s sheet.", len(b.ids), plural(len(b.ids)), strings.ToLower(layer)),
			Questions: b.ids})
		last := i+1 == len(blocks)
		if b.step == 2 && (last || blocks[i+1].step != 2) {
			add(AgendaItem{Minutes: agendaKill, Step: 2, Title: "Step 2 — Where is the chain open?",
				Detail: "Read the seven kill-chain phases aloud against the answers so far: which phase would nothing stop?"})
		}
		if !breakDone && !last && t >= 70 {
			add(AgendaItem{Minutes: agendaBreak, Title: "Break"})
			breakDone = true
		}
	}
	if !breakDone {
		add(AgendaItem{Minutes: agendaBreak, Title: "Break"})
	}
	add(AgendaItem{Minutes: agendaClose, Title: "Close: first actions, owners and the re-assessment",
		Detail: "Name an owner for each quick win, park what needs checking (the \"don't know\" answers) with a name against it, and book the re-assessment a quarter from now."})
	a.Minutes = t
	return a
}

// PackOrganization names the organization on the workshop pack: its name,
// or "Your organization" for a pack made before anyone typed one (a title
// of "—" reads as a printing fault on a projector).
func PackOrganization(r *scoring.Result) string {
	if org := strings.Join(strings.Fields(r.Profile.Organization), " "); org != "" {
		return org
	}
	return "Your organization"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// clock formats minutes after a start time of day as 09:40.
func clock(start time.Time, minutes int) string {
	return start.Add(time.Duration(minutes) * time.Minute).Format("15:04")
}

// WriteAgendaMarkdown writes the agenda as Markdown.
func WriteAgendaMarkdown(w io.Writer, r *scoring.Result, a Agenda, start time.Time) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	org := PackOrganization(r)
	p("# Workshop agenda: %s\n\n", md(org))
	p("%s, %s–%s (%d h %02d min). %d questions for %s; about %.1f minutes each.\n\n",
		r.Date.Format("Monday 2 January 2006"), clock(start, 0), clock(start, a.Minutes), a.Minutes/60, a.Minutes%60,
		a.Questions, md(modelNames(r.Profile.Models)), a.PerQuestion)
	if a.Minutes > agendaMax {
		p("**This is more than three hours: split it over two sittings, at the break.**\n\n")
	}
	p("| Time | Minutes | Block | What happens |\n|---|---|---|---|\n")
	for _, it := range a.Items {
		detail := it.Detail
		if len(it.Questions) > 0 {
			detail += " " + strings.Join(it.Questions, ", ")
		}
		p("| %s–%s | %d | %s | %s |\n", clock(start, it.Start), clock(start, it.Start+it.Minutes), it.Minutes, md(it.Title), md(detail))
	}
	p("\nBring: the kickoff sheet (kickoff.pdf) for everyone, the question sheets (questions-*.pdf) for the note-taker, and a way to show the Azure portal.\n")
	return bw.Flush()
}

// MicrosoftDuties says what Microsoft secures under the organization's
// service models (seed 000 and 004).
func MicrosoftDuties(ms []q.Model) []string {
	out := []string{"The physical datacentres, hosts and network, and the hypervisor that isolates customers (the Foundation layer)."}
	if usesModel(ms, q.PaaS) || usesModel(ms, q.SaaS) {
		out = append(out, "The operating systems and platforms of its PaaS and SaaS services: it maintains the instances and patches the guest OS.")
	}
	if usesModel(ms, q.PaaS) {
		out = append(out, "The host network controls of PaaS (the platform's virtual networks, endpoints and filters).")
	}
	if usesModel(ms, q.SaaS) {
		out = append(out, "The SaaS applications themselves (Microsoft 365) and everything they run on.")
	}
	return append(out, "Its promises in writing: the SLA, attestations in the Service Trust Portal, incidents in Service Health.")
}

// CustomerDuties says what stays the organization's under its models.
func CustomerDuties(ms []q.Model) []string {
	out := []string{
		"Your data: where it lives, who can share it, its encryption and keys. Always yours.",
		"Your identities: MFA for everyone, least privilege, access removed when people leave. Always yours.",
	}
	if usesModel(ms, q.IaaS) {
		out = append(out, "Your virtual machines: patch and harden the guest OS, segment the networks, close exposed ports.")
	}
	if usesModel(ms, q.PaaS) || usesModel(ms, q.IaaS) {
		out = append(out, "Your applications: code, secrets, configuration and what you expose to the internet.")
	}
	if usesModel(ms, q.SaaS) {
		out = append(out, "The settings of your SaaS apps and the accounts that use them: defaults are often the least secure.")
	}
	return append(out,
		"Watching: logs, alerts and someone who acts on them.",
		"Your people: yearly awareness training and a clear way to report a suspected attack.",
		"Knowing Microsoft's side: read the SLA and know where the lines are drawn.")
}

func usesModel(ms []q.Model, m q.Model) bool {
	if len(ms) == 0 {
		return true
	}
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}
