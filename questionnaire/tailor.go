package questionnaire

import (
	"fmt"
	"strings"
)

// Tailored is the bank cut to one organization: what to ask, what is
// Microsoft's to do (shown with what to verify instead), and what was left
// out and why.
type Tailored struct {
	Asked    []*Question
	Provider []ProviderItem
	Dropped  []Dropped
}

// ProviderItem is a question the organization need not answer, because
// Microsoft owns it under every service model the organization uses.
type ProviderItem struct {
	Question *Question
	Reason   string
	Verify   string
}

// Dropped is a question left out of an assessment, with the reason.
type Dropped struct {
	Question *Question
	Reason   string
}

// Applicable returns the service models of the profile that the question
// applies to.
func Applicable(q *Question, p Profile) []Model {
	var out []Model
	for _, m := range q.Models {
		if p.Uses(m) {
			out = append(out, m)
		}
	}
	return out
}

// CustomerShare is the customer's share of responsibility for a question
// under the profile's service models: the mean over the models it applies
// to of 1 (customer), ½ (shared) or 0 (Microsoft).
func (b *Bank) CustomerShare(q *Question, p Profile) float64 {
	ms := Applicable(q, p)
	if len(ms) == 0 {
		return 0
	}
	sum := 0.0
	for _, m := range ms {
		sum += b.QuestionOwner(q, m).Share()
	}
	return sum / float64(len(ms))
}

// Tailor cuts the bank to a profile. A profile without service models is
// taken to use all three, so nothing is hidden by mistake.
func Tailor(b *Bank, p Profile) Tailored {
	if len(p.Models) == 0 {
		p.Models = append([]Model(nil), Models...)
	}
	var t Tailored
	for i := range b.Questions {
		q := &b.Questions[i]
		if reason := dropReason(b, q, p); reason != "" {
			t.Dropped = append(t.Dropped, Dropped{Question: q, Reason: reason})
			continue
		}
		if b.CustomerShare(q, p) == 0 {
			verify := q.ProviderVerify
			if verify == "" {
				verify = "Check the Azure SLA and the provider's attestations (SOC 2, ISO 27001) in the Service Trust Portal."
			}
			reason := fmt.Sprintf("Microsoft's side under %s", modelList(Applicable(q, p)))
			if row, ok := b.Row(q.Responsibility); ok {
				reason = fmt.Sprintf("%s: Microsoft's under %s", row.Name, modelList(Applicable(q, p)))
			}
			t.Provider = append(t.Provider, ProviderItem{
				Question: q,
				Reason:   reason,
				Verify:   verify,
			})
			continue
		}
		t.Asked = append(t.Asked, q)
	}
	return t
}

func dropReason(b *Bank, q *Question, p Profile) string {
	if len(Applicable(q, p)) == 0 {
		return fmt.Sprintf("applies to %s only; you use %s", modelList(q.Models), modelList(p.Models))
	}
	if len(q.Services) > 0 {
		used := false
		for _, s := range q.Services {
			used = used || p.UsesService(s)
		}
		if !used {
			names := make([]string, len(q.Services))
			for i, s := range q.Services {
				names[i] = serviceName(b, s)
			}
			return "about " + strings.Join(names, " or ") + ", which you do not use"
		}
	}
	if len(q.Sectors) > 0 && p.Sector != "" && !inSector(p.Sector, q.Sectors) {
		return fmt.Sprintf("for %s organizations; yours is %s", strings.Join(q.Sectors, ", "), p.Sector)
	}
	if q.BuildsSoftware && !p.SoftwareBuilder() {
		return "for organizations that build software; yours does not"
	}
	if q.MinSize != "" && p.Size != "" && SizeRank(p.Size) < SizeRank(q.MinSize) {
		return fmt.Sprintf("for %s organizations and larger; yours is %s", q.MinSize, p.Size)
	}
	return ""
}

func serviceName(b *Bank, id string) string {
	for _, s := range b.Services {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// ModelName is the display name of a service model.
func ModelName(m Model) string {
	switch m {
	case IaaS:
		return "IaaS"
	case PaaS:
		return "PaaS"
	case SaaS:
		return "SaaS"
	}
	return string(m)
}

// ProfileTarget is the target maturity for a profile: its override when
// set, else the bank's table by data sensitivity adjusted by size.
func (b *Bank) ProfileTarget(p Profile) int {
	if p.Target > 0 {
		return p.Target
	}
	t, ok := b.Targets.Sensitivity[p.Sensitivity]
	if !ok {
		t = b.Targets.Sensitivity["moderate"]
		if t == 0 {
			t = 3
		}
	}
	t += b.Targets.Size[p.Size]
	if t < b.Targets.Min {
		t = b.Targets.Min
	}
	if b.Targets.Max > 0 && t > b.Targets.Max {
		t = b.Targets.Max
	}
	return t
}

func modelList(ms []Model) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = ModelName(m)
	}
	switch len(names) {
	case 0:
		return "no service model"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// inSector reports whether a free-text sector names one of the words.
func inSector(sector string, words []string) bool {
	sector = strings.ToLower(sector)
	for _, w := range words {
		if strings.Contains(sector, strings.ToLower(w)) {
			return true
		}
	}
	return false
}
