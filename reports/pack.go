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
	p("%s\n\n", md(TargetText(r)))
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
// service models, from the bank's responsibility table: the layers it owns
// (what they hold, from the layer's description) and those it shares.
func MicrosoftDuties(r *scoring.Result) []string {
	out := layerDuties(r, q.Microsoft)
	if shared := layerDuties(r, q.Shared); len(shared) > 0 {
		out = append(out, "Shared with you: "+strings.Join(shared, "; ")+".")
	}
	return append(out, "Its promises in writing: the SLA, attestations in the Service Trust Portal, incidents in Service Health.")
}

// CustomerDuties says what stays the organization's under its models,
// from the bank's responsibility table: the layers it owns, and the
// domains that stay its own whatever the layer and model.
func CustomerDuties(r *scoring.Result) []string {
	out := layerDuties(r, q.Customer)
	var always []string
	for _, d := range r.Bank.Domains {
		row, ok := r.Bank.Responsibility.Domains[d.ID]
		if !ok || len(row) == 0 {
			continue
		}
		all := true
		for _, m := range usedModels(r) {
			if p, ok := row[m]; !ok || p != q.Customer {
				all = false
			}
		}
		if all {
			always = append(always, lowerFirst(d.Name))
		}
	}
	if len(always) > 0 {
		out = append(out, "Always yours, whatever the layer and model: "+joinAnd(always)+".")
	}
	return append(out, "Knowing Microsoft's side: read the SLA and know where the lines are drawn.")
}

// layerDuties lists the layers a party owns under some of the models in
// use: "Hosts under PaaS and SaaS: the virtual machines, containers and
// their guest operating systems." (shared layers without their words).
func layerDuties(r *scoring.Result, party q.Party) []string {
	var out []string
	for _, l := range q.Layers {
		var names []string
		for _, m := range usedModels(r) {
			if r.Bank.Responsibility.Owner(l, "", m) == party {
				names = append(names, q.ModelName(m))
			}
		}
		if len(names) == 0 {
			continue
		}
		info := r.Bank.LayerInfo(l)
		where := info.Name + " under " + joinAnd(names)
		if len(names) == len(usedModels(r)) && len(names) > 1 {
			where = info.Name + " under every model you use"
		}
		if party == q.Shared {
			out = append(out, where)
			continue
		}
		if what := firstSentence(info.Description); what != "" {
			where += ": " + lowerFirst(what)
		} else {
			where += "."
		}
		out = append(out, where)
	}
	return out
}

func usedModels(r *scoring.Result) []q.Model {
	if len(r.Profile.Models) == 0 {
		return q.Models
	}
	return r.Profile.Models
}

// firstSentence is the first sentence of a text, with its full stop.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	// an acronym or a name keeps its capital
	if len(r) > 1 && r[1] >= 'A' && r[1] <= 'Z' {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// TargetText says where the profile's target and the roadmap's pace come
// from, in the bank's numbers: "Target maturity 4 of 5: high data
// sensitivity 4, small organization +0. The roadmap plans about 5 effort
// points per 30 days."
func TargetText(r *scoring.Result) string {
	p, b := r.Profile, r.Bank
	var why string
	switch {
	case p.Target > 0:
		why = "set in the profile"
	default:
		base, ok := b.Targets.Sensitivity[p.Sensitivity]
		adj := b.Targets.Size[p.Size]
		if ok {
			why = fmt.Sprintf("%s data sensitivity %d, %s organization %+d", p.Sensitivity, base, orDash(p.Size), adj)
			if base+adj != r.Target {
				why += fmt.Sprintf(", kept between %d and %d", b.Targets.Min, targetMax(b))
			}
		} else {
			why = "the bank's default"
		}
	}
	return fmt.Sprintf("Target maturity %d of 5 (%s): %s. The roadmap plans about %d effort points per 30 days (%s).",
		r.Target, q.LevelName(r.Target), why, r.Capacity, effortCosts("an S action is %g, M %g, L %g"))
}
