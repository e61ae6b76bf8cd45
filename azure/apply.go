package azure

import (
	"fmt"
	"sort"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// SourceLive is the Evidence.Source of everything Apply attaches.
const SourceLive = q.SourceLive

// Applied says what Apply attached.
type Applied struct {
	// Questions is how many questions got live evidence.
	Questions int `json:"questions"`
	// Evidence is how many evidence entries were attached (one per question
	// and check), Findings how many per-resource findings they sum up.
	Evidence int `json:"evidence"`
	Findings int `json:"findings"`
	// Manual lists the "verify by hand" checks attached as reminders.
	Manual []string `json:"manual,omitempty"`
}

// checkQuestions maps each check id to the bank questions it informs: the
// questions the check declares, plus those whose `checks:` list names it,
// keeping only questions the bank has.
func checkQuestions(b *q.Bank, checks []Check) map[string][]string {
	out := map[string][]string{}
	seen := map[string]map[string]bool{}
	add := func(check, qid string) {
		if _, ok := b.Question(qid); !ok {
			return
		}
		if seen[check] == nil {
			seen[check] = map[string]bool{}
		}
		if !seen[check][qid] {
			seen[check][qid] = true
			out[check] = append(out[check], qid)
		}
	}
	for _, c := range checks {
		for _, qid := range c.Questions {
			add(c.ID, qid)
		}
	}
	for _, qq := range b.Questions {
		for _, cid := range qq.Checks {
			add(cid, qq.ID)
		}
	}
	for _, qs := range out {
		sort.Strings(qs)
	}
	return out
}

// SuggestLevel turns a check's pass and fail counts into a maturity level
// 0–5: every resource passing suggests 3 (Defined: the control is in place
// wherever Resource Graph can see; higher levels need process evidence it
// cannot give), three in four passing 2, some passing 1, none 0. The level
// is then lowered to the nearest level the question offers.
func SuggestLevel(qq *q.Question, pass, fail int) (int, bool) {
	if pass+fail == 0 {
		return 0, false
	}
	ratio := float64(pass) / float64(pass+fail)
	level := 0
	switch {
	case ratio == 1:
		level = 3
	case ratio >= 0.75:
		level = 2
	case ratio > 0:
		level = 1
	}
	return snapLevel(qq, level), true
}

// snapLevel returns the highest option level of the question at or below
// level, or its lowest option when all are above.
func snapLevel(qq *q.Question, level int) int {
	best, lowest := -1, -1
	for _, o := range qq.Options {
		if o.Level <= level && o.Level > best {
			best = o.Level
		}
		if lowest < 0 || o.Level < lowest {
			lowest = o.Level
		}
	}
	if best >= 0 {
		return best
	}
	if lowest >= 0 {
		return lowest
	}
	return level
}

// Apply rolls findings up into evidence on the assessment's questions: one
// entry per question and check, with the status (fail when any resource
// fails, pass when all that apply pass, na otherwise), a detail naming the
// failing resources, and a suggested level (SuggestLevel). The manual
// checks of the catalogue are attached as "verify by hand" reminders (status
// na), never as passes. Live evidence from an earlier Apply is replaced;
// other evidence (files, links, notes) is kept.
func Apply(b *q.Bank, a *q.Assessment, findings []Finding, collected time.Time) Applied {
	byCheck := map[string]*tally{}
	for _, f := range findings {
		t := byCheck[f.Check]
		if t == nil {
			t = &tally{}
			byCheck[f.Check] = t
		}
		t.add(f)
	}
	return applyTallies(b, a, byCheck, collected)
}

// tally is what Apply keeps of one check's findings: the counts, the
// first finding by resource id and the first three failing ones. A
// million findings need not be held to sum them up.
type tally struct {
	n, pass, fail int
	first         Finding
	failing       []Finding // at most 3, by resource id
}

// add counts a finding. Findings with the same resource id keep the order
// they came in, as a stable sort by resource id would.
func (t *tally) add(f Finding) {
	if t.n == 0 || f.ResourceID < t.first.ResourceID {
		t.first = f
	}
	t.n++
	switch f.Status {
	case Pass:
		t.pass++
	case Fail:
		t.fail++
		i := len(t.failing)
		for i > 0 && f.ResourceID < t.failing[i-1].ResourceID {
			i--
		}
		if i < 3 {
			t.failing = append(t.failing, Finding{})
			copy(t.failing[i+1:], t.failing[i:])
			t.failing[i] = f
			if len(t.failing) > 3 {
				t.failing = t.failing[:3]
			}
		}
	}
}

// applyTallies is Apply from findings already summed up by check.
func applyTallies(b *q.Bank, a *q.Assessment, byCheck map[string]*tally, collected time.Time) Applied {
	checks := Catalog()
	cq := checkQuestions(b, checks)
	if a.Evidence == nil {
		a.Evidence = map[string][]q.Evidence{}
	}
	for id, evs := range a.Evidence {
		kept := evs[:0:0]
		for _, e := range evs {
			if e.Source != SourceLive {
				kept = append(kept, e)
			}
		}
		if len(kept) == 0 {
			delete(a.Evidence, id)
		} else {
			a.Evidence[id] = kept
		}
	}
	var res Applied
	touched := map[string]bool{}
	for _, c := range checks {
		qids := cq[c.ID]
		if len(qids) == 0 {
			continue
		}
		if c.Eval == nil {
			for _, qid := range qids {
				a.Evidence[qid] = append(a.Evidence[qid], q.Evidence{
					Source: SourceLive, Check: c.ID, Status: string(NA), Collected: collected,
					Detail: "Verify by hand: " + c.Manual,
				})
				res.Evidence++
				touched[qid] = true
			}
			res.Manual = append(res.Manual, c.ID)
			continue
		}
		t := byCheck[c.ID]
		if t == nil || t.n == 0 {
			continue
		}
		res.Findings += t.n
		st, ref, detail, p, f := rollUp(c, t)
		if st == NA && strings.HasPrefix(detail, ByHandPrefix) {
			res.Manual = append(res.Manual, c.ID)
		}
		for _, qid := range qids {
			qq, _ := b.Question(qid)
			e := q.Evidence{Source: SourceLive, Ref: ref, Check: c.ID, Status: string(st), Severity: string(c.Severity), Detail: detail, Collected: collected}
			switch st {
			case Fail:
				e.Resources = f
			case Pass:
				e.Resources = p
			}
			if lvl, ok := SuggestLevel(qq, p, f); ok {
				e.Suggested = &lvl
			}
			a.Evidence[qid] = append(a.Evidence[qid], e)
			res.Evidence++
			touched[qid] = true
		}
	}
	res.Questions = len(touched)
	return res
}

// rollUp sums a check's findings up into one status and detail.
func rollUp(c Check, t *tally) (st Status, ref, detail string, pass, fail int) {
	pass, fail = t.pass, t.fail
	switch {
	case fail > 0:
		st, ref = Fail, t.failing[0].ResourceID
		parts := make([]string, 0, 4)
		for _, f := range t.failing {
			parts = append(parts, fmt.Sprintf("%s: %s", resourceLabel(f.ResourceID), f.Detail))
		}
		if fail > 3 {
			parts = append(parts, fmt.Sprintf("+%d more", fail-3))
		}
		detail = fmt.Sprintf("%s — %d of %d fail: %s", c.Title, fail, pass+fail, strings.Join(parts, "; "))
	case pass > 0:
		st = Pass
		detail = fmt.Sprintf("%s — all %d pass", c.Title, pass)
		if pass == 1 {
			ref, detail = t.first.ResourceID, fmt.Sprintf("%s — %s", c.Title, t.first.Detail)
		}
	default:
		st = NA
		detail = fmt.Sprintf("%s — not applicable: %s", c.Title, t.first.Detail)
		if strings.HasPrefix(t.first.Detail, ByHandPrefix) {
			// Evidence the collection lacks: the reminder, as manual
			// checks give it.
			detail = t.first.Detail
		}
	}
	return st, ref, detail, pass, fail
}

// resourceLabel names a resource in a detail: the last segment of its id,
// or for a Defender assessment the resource it is about.
func resourceLabel(id string) string {
	if i := strings.Index(strings.ToLower(id), "/providers/microsoft.security/assessments/"); i > 0 {
		id = id[:i]
	}
	if sub := subscriptionOf(id); sub != "" && strings.EqualFold(strings.TrimRight(id, "/"), "/subscriptions/"+sub) {
		return "subscription " + sub
	}
	return lastSegment(id)
}

func lastSegment(id string) string {
	id = strings.TrimRight(id, "/")
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}

// ApplySnapshotFile runs every check over a snapshot file (or `az graph
// query` output) and applies the findings to the assessment: what `ssrm
// assess --evidence FILE` does. An encrypted snapshot opens with the
// passphrase from opts.
func ApplySnapshotFile(b *q.Bank, a *q.Assessment, path string, opts q.LoadOptions, now time.Time) (Applied, error) {
	s, err := LoadSnapshotWith(path, opts)
	if err != nil {
		return Applied{}, err
	}
	when := s.Collected
	if when.IsZero() {
		when = now
	}
	byCheck := map[string]*tally{}
	eachResult(snapshotInventory(s), Catalog(), func(c *Check, d Doc, r Result) {
		t := byCheck[c.ID]
		if t == nil {
			t = &tally{}
			byCheck[c.ID] = t
		}
		// What a tally reads of a finding; the rest (type,
		// subscription) is not worth working out a million times.
		t.add(Finding{Check: c.ID, Status: r.Status, ResourceID: d.ID(), Detail: r.Detail})
	})
	return applyTallies(b, a, byCheck, when), nil
}
