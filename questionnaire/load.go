package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ssrm/ssrm/assets"
)

// DefaultBank loads the bank embedded in the binary. It is validated by the
// tests, so an error here means a broken build.
func DefaultBank() (*Bank, error) {
	return ParseBank("assets/bank.yaml", assets.Bank)
}

// LoadBank reads and validates a bank file (YAML or JSON).
func LoadBank(path string) (*Bank, error) {
	data, err := readInput(path, "check the path; 'ssrm bank export > bank.yaml' writes one to start from", bankLimit)
	if err != nil {
		return nil, err
	}
	return ParseBank(path, data)
}

// ParseBank decodes and validates a bank. When anything is wrong the error
// is Problems, every problem with the file name and line.
func ParseBank(file string, data []byte) (*Bank, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxProblems(file, data, err)
	}
	if len(root.Content) == 0 {
		return nil, Problems{{File: file, Line: 1, Msg: "the file is empty: a bank needs at least layers, actions and questions"}}
	}
	if msg := notABank(&root); msg != "" {
		return nil, Problems{{File: file, Line: 1, Msg: msg}}
	}
	// One parse: the node tree gives lines, unknown keys and the values.
	if ps := unknownKeys(file, &root, reflect.TypeOf(Bank{})); len(ps) > 0 {
		return nil, ps
	}
	var b Bank
	if err := root.Decode(&b); err != nil {
		return nil, yamlProblems(file, err)
	}
	pos := newPositions(&root)
	for i := range b.Questions {
		b.Questions[i].Line = pos.line("questions", i)
	}
	for i := range b.Actions {
		b.Actions[i].Line = pos.line("actions", i)
	}
	b.reindex()
	if ps := validate(file, &b, pos); len(ps) > 0 {
		return nil, ps
	}
	b.checksum = checksum(data)
	return &b, nil
}

// Checksum is the SHA-256 of the bank's source bytes, so a report can say
// exactly which bank it was scored against.
func (b *Bank) Checksum() string { return b.checksum }

func checksum(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

var (
	idPattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)
	seedPattern = regexp.MustCompile(`^S-[A-Z0-9]+(-[A-Z0-9]+)*$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	sizes       = []string{"micro", "small", "medium", "large", "enterprise"}
)

// SizeRank orders organization sizes; -1 for an unknown size.
func SizeRank(size string) int {
	for i, s := range sizes {
		if s == size {
			return i
		}
	}
	return -1
}

// Sizes lists the organization sizes, smallest first.
func Sizes() []string { return append([]string(nil), sizes...) }

// validate checks everything the decoder cannot: vocabularies, ranges,
// duplicates and references between entries.
func validate(file string, b *Bank, pos positions) Problems {
	var ps Problems
	add := func(line int, format string, args ...interface{}) {
		ps = append(ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if b.Released != "" {
		if _, err := time.Parse("2006-01-02", b.Released); err != nil {
			add(pos.line("released"), "released %q: use the release date as YYYY-MM-DD", b.Released)
		}
	}
	for i, n := range b.BreachNotification {
		switch {
		case len(n.Countries) == 0:
			add(pos.line("breach_notification", i), "breach_notification %d: name the countries it applies to (ISO 3166-1 alpha-2, such as IE or DE)", i+1)
		case strings.TrimSpace(n.Rule) == "":
			add(pos.line("breach_notification", i), "breach_notification %d: give the rule to print", i+1)
		case strings.TrimSpace(n.Source.Title) == "" || strings.TrimSpace(n.Source.URL) == "":
			add(pos.line("breach_notification", i), "breach_notification %d: give its source (title and url); a rule without one is not printed to a client", i+1)
		}
		for j, c := range n.Countries {
			if !ValidCountry(c) {
				add(pos.line("breach_notification", i, "countries", j), "breach_notification %d: country %q: use a two-letter ISO 3166-1 code in capitals, such as IE", i+1, c)
			}
		}
	}

	// Every list of ids is checked for duplicates: a second entry under the
	// same id would silently shadow (or be shadowed by) the first.
	dupes := func(list, what string, n int, id func(int) string, field ...interface{}) map[string]bool {
		seen := map[string]int{}
		for i := 0; i < n; i++ {
			k := id(i)
			if k == "" {
				continue
			}
			line := pos.line(append([]interface{}{list, i}, field...)...)
			if first, dup := seen[k]; dup {
				add(line, "duplicate %s id %q (first at line %d): give each entry its own id", what, k, first)
				continue
			}
			seen[k] = line
		}
		out := make(map[string]bool, len(seen))
		for k := range seen {
			out[k] = true
		}
		return out
	}
	layers := map[Layer]bool{}
	for _, l := range Layers {
		layers[l] = true
	}
	for i, l := range b.Layers {
		if !layers[l.ID] {
			add(pos.line("layers", i, "id"), "unknown layer %q: the SSRM layers are applications, hosts, networks and foundation", l.ID)
		}
	}
	dupes("layers", "layer", len(b.Layers), func(i int) string { return string(b.Layers[i].ID) }, "id")
	domains := dupes("domains", "domain", len(b.Domains), func(i int) string { return b.Domains[i].ID }, "id")
	if len(domains) == 0 {
		add(pos.line("domains"), "no domains: list at least one under `domains:`")
	}
	dupes("steps", "step", len(b.Steps), func(i int) string { return b.Steps[i].ID }, "id")
	dupes("steps", "step number", len(b.Steps), func(i int) string { return strconv.Itoa(b.Steps[i].Number) }, "number")
	dupes("phases", "phase", len(b.Phases), func(i int) string { return b.Phases[i].ID }, "id")
	dupes("courses", "course", len(b.Courses), func(i int) string { return b.Courses[i].ID }, "id")
	services := dupes("services", "service", len(b.Services), func(i int) string { return b.Services[i].ID }, "id")
	facts := dupes("facts", "fact", len(b.Facts), func(i int) string { return b.Facts[i].ID }, "id")
	roles := dupes("roles", "role", len(b.Roles), func(i int) string { return b.Roles[i].ID }, "id")
	bands := dupes("cost_bands", "cost band", len(b.CostBands), func(i int) string { return b.CostBands[i].ID }, "id")
	licences := dupes("licences", "licence", len(b.Licences), func(i int) string { return b.Licences[i].ID }, "id")
	dupes("glossary", "glossary term", len(b.Terms), func(i int) string { return strings.ToLower(b.Terms[i].Term) }, "term")
	for i, t := range b.Terms {
		if t.Term == "" || t.Meaning == "" {
			add(pos.line("glossary", i), "glossary entry %d needs both a term and a meaning", i+1)
		}
	}
	for i, r := range b.Roles {
		if r.Name == "" {
			add(pos.line("roles", i), "role %q has no name", r.ID)
		}
		for size := range r.BySize {
			if SizeRank(size) < 0 {
				add(pos.line("roles", i, "by_size", size), "role %q: unknown size %q: use micro, small, medium, large or enterprise", r.ID, size)
			}
		}
	}
	for i, l := range b.Licences {
		if l.Name == "" {
			add(pos.line("licences", i), "licence %q has no name", l.ID)
		}
		if l.Band != "" {
			if !bands[l.Band] {
				add(pos.line("licences", i, "band"), "licence %q: unknown cost band %q (list it under cost_bands:)", l.ID, l.Band)
			}
			if l.Price == "" || l.Source == "" || l.Checked == "" {
				add(pos.line("licences", i, "band"), "licence %q has a cost band but no price, source or date checked: a band needs its public list price, where it was found and when", l.ID)
			}
		}
		if l.Checked != "" && !datePattern.MatchString(l.Checked) {
			add(pos.line("licences", i, "checked"), "licence %q: checked %q must be a date YYYY-MM-DD", l.ID, l.Checked)
		}
	}
	phases := map[Phase]bool{}
	for _, p := range Phases {
		phases[p] = true
	}
	courses := map[Course]bool{}
	for _, c := range Courses {
		courses[c] = true
	}
	models := map[Model]bool{IaaS: true, PaaS: true, SaaS: true}
	parties := map[Party]bool{Customer: true, Shared: true, Microsoft: true}

	for _, l := range Layers {
		row, ok := b.Responsibility.Layers[l]
		if !ok {
			add(pos.line("responsibility", "layers"), "responsibility matrix has no row for layer %q", l)
			continue
		}
		for _, m := range Models {
			if _, ok := row[m]; !ok {
				add(pos.line("responsibility", "layers", l), "responsibility for %s under %s is missing", l, m)
			}
		}
	}
	checkRow := func(path []interface{}, row map[Model]Party) {
		for m, p := range row {
			if !models[m] {
				add(pos.line(append(path, m)...), "unknown service model %q: use iaas, paas or saas", m)
			}
			if !parties[p] {
				add(pos.line(append(path, m)...), "unknown party %q: use customer, shared or microsoft", p)
			}
		}
	}
	for l, row := range b.Responsibility.Layers {
		if !layers[l] {
			add(pos.line("responsibility", "layers", l), "unknown layer %q in the responsibility matrix", l)
		}
		checkRow([]interface{}{"responsibility", "layers", l}, row)
	}
	rowIDs := map[string]bool{}
	rowLayer := map[string]Layer{}
	for i, r := range b.Responsibility.Rows {
		line := pos.line("responsibility", "rows", i)
		switch {
		case r.ID == "":
			add(line, "responsibility row without an id")
		case rowIDs[r.ID]:
			add(pos.line("responsibility", "rows", i, "id"), "duplicate responsibility row id %q: give each row its own id", r.ID)
		}
		rowIDs[r.ID] = true
		rowLayer[r.ID] = r.Layer
		if !layers[r.Layer] {
			add(pos.line("responsibility", "rows", i, "layer"), "responsibility row %q: unknown layer %q: use applications, hosts, networks or foundation", r.ID, r.Layer)
		}
		for _, m := range Models {
			if _, ok := r.Owner[m]; !ok {
				add(pos.line("responsibility", "rows", i, "owners"), "responsibility row %q has no owner under %s", r.ID, m)
			}
		}
		checkRow([]interface{}{"responsibility", "rows", i, "owners"}, r.Owner)
	}
	// The layer summary (printed as "who owns what") agrees with the rows
	// of Microsoft's table in that layer: their owner when they agree,
	// shared when they do not. ssrm's own rows (origin "ssrm's own …")
	// are left out: they are not Microsoft's split.
	for _, l := range Layers {
		for _, m := range Models {
			seen := map[Party]bool{}
			for _, r := range b.Responsibility.Rows {
				if r.Layer == l && !strings.HasPrefix(r.Origin, "ssrm's own") && r.Owner[m] != "" {
					seen[r.Owner[m]] = true
				}
			}
			want := Shared
			switch {
			case len(seen) == 0:
				continue
			case len(seen) == 1:
				for p := range seen {
					want = p
				}
			}
			if got := b.Responsibility.Layers[l][m]; got != "" && got != want {
				add(pos.line("responsibility", "layers", l), "responsibility summary for %s under %s is %s, but the table's rows in that layer give %s: make it %s", l, m, got, partyList(seen), want)
			}
		}
	}
	if s := b.Responsibility.Source; len(b.Responsibility.Rows) > 0 && (s.Title == "" || s.Date == "") {
		add(pos.line("responsibility", "source"), "the responsibility rows need their source: the table's title and its date (responsibility.source)")
	}
	if d := b.Responsibility.Source.Date; d != "" && !datePattern.MatchString(d) {
		add(pos.line("responsibility", "source", "date"), "responsibility source date %q must be YYYY-MM-DD", d)
	}
	if km := b.KillChainModel; km.MinShare < 0 || km.MinShare > 1 || km.MinAnswered < 0 {
		add(pos.line("kill_chain_model"), "kill_chain_model: min_share must be between 0 and 1 and min_answered at least 0")
	}
	for ph, row := range b.KillChainModel.Matrix {
		if !phases[ph] {
			add(pos.line("kill_chain_model", "matrix", ph), "kill_chain_model matrix: unknown phase %q", ph)
		}
		for c := range row {
			if !courses[c] {
				add(pos.line("kill_chain_model", "matrix", ph, c), "kill_chain_model matrix: unknown course %q", c)
			}
		}
	}
	for d, row := range b.Responsibility.Domains {
		if !domains[d] {
			add(pos.line("responsibility", "domains", d), "unknown domain %q in the responsibility matrix", d)
		}
		checkRow([]interface{}{"responsibility", "domains", d}, row)
	}

	for s, v := range b.Targets.Sensitivity {
		if v < 0 || v > 5 {
			add(pos.line("targets", "sensitivity", s), "target level %d for sensitivity %q is out of range 0–5", v, s)
		}
	}
	for s := range b.Targets.Size {
		if SizeRank(s) < 0 {
			add(pos.line("targets", "size", s), "unknown size %q: use micro, small, medium, large or enterprise", s)
		}
	}
	for size, c := range b.Capacity {
		if SizeRank(size) < 0 {
			add(pos.line("capacity", size), "unknown size %q: use micro, small, medium, large or enterprise", size)
		} else if c < 1 || c > 1000 {
			add(pos.line("capacity", size), "capacity %d for %s must be between 1 and 1000 effort points a month", c, size)
		}
	}
	if b.Targets.Max < b.Targets.Min || b.Targets.Max > 5 || b.Targets.Min < 0 {
		add(pos.line("targets"), "targets min %d and max %d must satisfy 0 ≤ min ≤ max ≤ 5", b.Targets.Min, b.Targets.Max)
	}

	refs := map[string]int{}
	for i, r := range b.References {
		switch {
		case r.ID == "":
			add(pos.line("references", i), "reference without an id")
		case refs[r.ID] > 0:
			add(pos.line("references", i, "id"), "duplicate reference id %q (first at line %d)", r.ID, refs[r.ID])
		default:
			refs[r.ID] = pos.line("references", i, "id")
		}
	}

	actions := map[string]int{}
	actionMin := map[string]string{}
	for i, l := range b.Licences {
		known := l.Kind == ""
		for _, k := range CostKinds {
			known = known || l.Kind == k
		}
		if !known {
			add(pos.line("licences", i, "kind"), "licence %q: unknown kind %q: use %s", l.ID, l.Kind, strings.Join(CostKinds, ", "))
		}
	}
	for i, a := range b.Actions {
		line := pos.line("actions", i)
		actionMin[a.ID] = a.MinSize
		if a.MinSize != "" && SizeRank(a.MinSize) < 0 {
			add(pos.line("actions", i, "min_size"), "action %q: unknown size %q: use %s", a.ID, a.MinSize, strings.Join(sizes, ", "))
		}
		switch {
		case a.ID == "":
			add(line, "action without an id")
		case actions[a.ID] > 0:
			add(pos.line("actions", i, "id"), "duplicate action id %q (first at line %d)", a.ID, actions[a.ID])
		default:
			actions[a.ID] = pos.line("actions", i, "id")
		}
		if a.Title == "" {
			add(line, "action %q has no title", a.ID)
		}
		if a.Effort != EffortS && a.Effort != EffortM && a.Effort != EffortL {
			add(pos.line("actions", i, "effort"), "action %q: effort %q must be S, M or L", a.ID, a.Effort)
		}
		if a.Owner == "" {
			add(line, "action %q has no owner role", a.ID)
		} else if len(roles) > 0 && !roles[a.Owner] {
			add(pos.line("actions", i, "owner"), "action %q: owner %q is not a role (list it under roles:)", a.ID, a.Owner)
		}
		for j, l := range a.Licences {
			if !licences[l] {
				add(pos.line("actions", i, "licences", j), "action %q: unknown licence %q (list it under licences:)", a.ID, l)
			}
		}
		listDupes(add, pos, a.Licences, "licence", "actions", i, "licences")
		listDupes(add, pos, a.After, "action", "actions", i, "after")
		if im := a.Immediate; im != nil {
			switch {
			case strings.TrimSpace(im.Step) == "":
				add(pos.line("actions", i, "immediate"), "action %q: immediate needs a step: what to do this week, in one sentence", a.ID)
			case im.Removes != "credential" && im.Removes != "exposure":
				add(pos.line("actions", i, "immediate"), "action %q: immediate removes %q: use credential or exposure", a.ID, im.Removes)
			case im.Days != 0 && (im.Days < ImmediateWeek || im.Days > ImmediateMaxDays):
				add(pos.line("actions", i, "immediate"), "action %q: immediate days %d: leave it out for this week, or give %d to %d days for a step that needs preparing (longer belongs in the plan)", a.ID, im.Days, ImmediateWeek, ImmediateMaxDays)
			}
			if im.Owner != "" && !roles[im.Owner] {
				add(pos.line("actions", i, "immediate"), "action %q: immediate owner %q is not a role (list it under roles:)", a.ID, im.Owner)
			}
			if io := im.InsteadOf; io != nil {
				at := pos.line("actions", i, "immediate")
				switch {
				case io.Without == "" || len(io.Actions) == 0:
					add(at, "action %q: immediate instead_of needs without: (a licence id) and actions: (the actions the step stands in for)", a.ID)
				case !licences[io.Without]:
					add(at, "action %q: immediate instead_of: unknown licence %q (list it under licences:)", a.ID, io.Without)
				}
			}
		}
		listDupes(add, pos, a.Covers, "seed item", "actions", i, "covers")
		checkCovers(add, pos, a.Covers, "actions", i)
	}

	used := map[string]bool{}
	seen := map[string]int{}
	for i, q := range b.Questions {
		line := pos.line("questions", i)
		at := func(field string) int { return pos.line("questions", i, field) }
		switch {
		case q.ID == "":
			add(line, "question without an id")
		case !idPattern.MatchString(q.ID):
			add(at("id"), "question id %q must start with a letter and hold only letters, digits, '.', '_' and '-'", q.ID)
		case seen[q.ID] > 0:
			add(at("id"), "duplicate question id %q (first at line %d)", q.ID, seen[q.ID])
		}
		if seen[q.ID] == 0 {
			seen[q.ID] = at("id")
		}
		if !layers[q.Layer] {
			add(at("layer"), "question %s: unknown layer %q: use applications, hosts, networks or foundation", q.ID, q.Layer)
		}
		if !domains[q.Domain] {
			add(at("domain"), "question %s: unknown domain %q", q.ID, q.Domain)
		}
		if q.Step < 1 || q.Step > 5 {
			add(at("step"), "question %s: step %d is out of range 1–5", q.ID, q.Step)
		}
		if q.Text == "" {
			add(line, "question %s has no text", q.ID)
		}
		if t := strings.TrimSpace(q.Topic); t != "" && (len([]rune(t)) > MaxTopic || strings.ContainsAny(t, "?\n")) {
			add(at("topic"), "question %s: topic %q must be a short name of what is assessed (at most %d characters, no question mark): it titles the findings", q.ID, t, MaxTopic)
		}
		if q.Help == "" {
			add(line, "question %s has no help (why it matters)", q.ID)
		}
		if n := len(q.Options); n < 4 || n > 6 {
			add(at("options"), "question %s has %d options: give 4 to 6", q.ID, n)
		}
		prev := -1
		for j, o := range q.Options {
			ol := pos.line("questions", i, "options", j, "level")
			if o.Level < 0 || o.Level > 5 {
				add(ol, "question %s: option level %d is out of range 0–5", q.ID, o.Level)
			} else if o.Level <= prev {
				add(ol, "question %s: option levels must rise (level %d after %d)", q.ID, o.Level, prev)
			}
			prev = o.Level
			if o.Label == "" {
				add(pos.line("questions", i, "options", j), "question %s: option of level %d has no label", q.ID, o.Level)
			}
		}
		if q.Answerer == "" {
			if len(roles) > 0 {
				add(line, "question %s names no answerer: say which role should answer it (answerer:)", q.ID)
			}
		} else if len(roles) > 0 && !roles[q.Answerer] {
			add(at("answerer"), "question %s: answerer %q is not a role (list it under roles:)", q.ID, q.Answerer)
		}
		if q.Responsibility == "" {
			if len(rowIDs) > 0 {
				add(line, "question %s names no responsibility row: say which row of the table decides its owner (responsibility:)", q.ID)
			}
		} else if !rowIDs[q.Responsibility] {
			add(at("responsibility"), "question %s: unknown responsibility row %q (list it under responsibility: rows:)", q.ID, q.Responsibility)
		}
		switch {
		case len(q.KillChain) == 0 && strings.TrimSpace(q.NoKillChain) == "":
			add(line, "question %s acts on no kill-chain phase: map it (kill_chain:) or say why it has no direct effect (no_kill_chain:)", q.ID)
		case len(q.KillChain) > 0 && q.NoKillChain != "":
			add(at("no_kill_chain"), "question %s has both kill_chain links and no_kill_chain: keep one", q.ID)
		}
		links := map[string]int{}
		for j, k := range q.KillChain {
			kl := pos.line("questions", i, "kill_chain", j)
			if k.From < 0 || k.From > 5 {
				add(kl, "question %s: kill-chain link from level %d is out of range 0–5", q.ID, k.From)
			} else if top := q.TopLevel(); k.From > top {
				add(kl, "question %s: kill-chain link from level %d is above the question's top level %d, so it could never count", q.ID, k.From, top)
			}
			key := string(k.Phase) + "/" + string(k.Course)
			if first, dup := links[key]; dup {
				add(kl, "question %s: duplicate kill-chain link %s (first at line %d)", q.ID, key, first)
			}
			links[key] = kl
		}
		listDupes(add, pos, modelStrings(q.Models), "service model", "questions", i, "models")
		listDupes(add, pos, q.Services, "service", "questions", i, "services")
		listDupes(add, pos, q.References, "reference", "questions", i, "references")
		listDupes(add, pos, q.Actions, "action", "questions", i, "actions")
		listDupes(add, pos, q.Checks, "check", "questions", i, "checks")
		listDupes(add, pos, q.Facts, "fact", "questions", i, "facts")
		listDupes(add, pos, q.Covers, "seed item", "questions", i, "covers")
		listDupes(add, pos, q.Sectors, "sector", "questions", i, "sectors")
		if len(q.Models) == 0 {
			add(line, "question %s applies to no service model: list models (iaas, paas, saas)", q.ID)
		}
		for j, m := range q.Models {
			if !models[m] {
				add(pos.line("questions", i, "models", j), "question %s: unknown service model %q: use iaas, paas or saas", q.ID, m)
			}
		}
		for j, s := range q.Services {
			if !services[s] {
				add(pos.line("questions", i, "services", j), "question %s: unknown Azure service %q (list it under services:)", q.ID, s)
			}
		}
		for j, w := range q.Sectors {
			if strings.TrimSpace(w) == "" {
				add(pos.line("questions", i, "sectors", j), "question %s: an empty sector word would match every sector", q.ID)
			}
		}
		if q.MinSize != "" && SizeRank(q.MinSize) < 0 {
			add(at("min_size"), "question %s: unknown size %q", q.ID, q.MinSize)
		}
		for size, c := range q.MaxTarget {
			switch {
			case SizeRank(size) < 0:
				add(at("max_target"), "question %s: max_target for unknown size %q: use %s", q.ID, size, strings.Join(sizes, ", "))
			case c < 0 || c > 5:
				add(at("max_target"), "question %s: max_target %d for %s is out of range 0–5", q.ID, c, size)
			}
		}
		// The question's layer is its responsibility row's, unless the bank
		// says why it scores elsewhere: a layer's score must mean what the
		// SSRM diagram's layer means.
		if r, ok := rowLayer[q.Responsibility]; ok && r != q.Layer && strings.TrimSpace(q.LayerReason) == "" {
			add(at("layer"), "question %s is in layer %s but its responsibility row %q is in layer %s: move it, or say why in layer_reason:", q.ID, q.Layer, q.Responsibility, r)
		}
		// Every size the question is asked of keeps an action in its plan.
		for _, size := range sizes {
			if q.MinSize != "" && SizeRank(size) < SizeRank(q.MinSize) {
				continue
			}
			has := len(q.Actions) == 0 // reported above
			for _, a := range q.Actions {
				has = has || actionMin[a] == "" || SizeRank(size) >= SizeRank(actionMin[a])
			}
			if !has {
				add(at("actions"), "question %s is asked of %s organizations but every action it lists has a larger min_size: add one they can take", q.ID, size)
				break
			}
		}
		if q.Weight <= 0 || q.Weight > 10 {
			add(at("weight"), "question %s: weight %g must be above 0 and at most 10", q.ID, q.Weight)
		}
		for j, k := range q.KillChain {
			kl := pos.line("questions", i, "kill_chain", j)
			if !phases[k.Phase] {
				add(kl, "question %s: unknown kill-chain phase %q", q.ID, k.Phase)
			}
			if !courses[k.Course] {
				add(kl, "question %s: unknown course of action %q: use detect, deny, disrupt, degrade, deceive or contain", q.ID, k.Course)
			}
		}
		for j, r := range q.References {
			if refs[r] == 0 {
				add(pos.line("questions", i, "references", j), "question %s: dangling reference %q: it is not listed under references:", q.ID, r)
			}
			used["ref:"+r] = true
		}
		if len(q.Actions) == 0 {
			add(line, "question %s has no action that raises it", q.ID)
		}
		for j, a := range q.Actions {
			if actions[a] == 0 {
				add(pos.line("questions", i, "actions", j), "question %s: dangling action %q: it is not listed under actions:", q.ID, a)
			}
			used["act:"+a] = true
		}
		for j, f := range q.Facts {
			if !facts[f] {
				add(pos.line("questions", i, "facts", j), "question %s: dangling fact %q", q.ID, f)
			}
		}
		checkCovers(add, pos, q.Covers, "questions", i)
	}
	for i, a := range b.Actions {
		if a.ID != "" && !used["act:"+a.ID] {
			add(pos.line("actions", i, "id"), "action %q is used by no question", a.ID)
		}
	}
	checkReaches(add, pos, b)
	checkAfter(add, pos, b, actions)
	for i, r := range b.References {
		if r.ID != "" && !used["ref:"+r.ID] {
			add(pos.line("references", i, "id"), "reference %q is cited by no question", r.ID)
		}
	}
	if len(b.Questions) == 0 {
		add(pos.line("questions"), "the bank has no questions")
	}
	return ps
}

// partyList names a set of parties in a fixed order: "customer and microsoft".
// checkReaches is the bank lint rule on reach levels: every action says,
// for each question that lists it, which of that question's levels doing
// it brings the question to, and names no other question.
func checkReaches(add func(int, string, ...interface{}), pos positions, b *Bank) {
	type raise struct {
		q    *Question
		line int // the question's entry for the action
	}
	raises := map[string][]raise{}
	byID := map[string]*Question{}
	// A question that lists an unknown action (a typo, reported as
	// dangling) is not blamed again for the reach entry of the action it
	// meant.
	dangling := map[string]bool{}
	for i := range b.Questions {
		q := &b.Questions[i]
		if _, dup := byID[q.ID]; !dup {
			byID[q.ID] = q
		}
		for j, a := range q.Actions {
			raises[a] = append(raises[a], raise{q, pos.line("questions", i, "actions", j)})
			if _, ok := b.Action(a); !ok {
				dangling[q.ID] = true
			}
		}
	}
	for i, a := range b.Actions {
		if a.ID == "" {
			continue
		}
		at := pos.line("actions", i, "reaches")
		if at == 0 {
			at = pos.line("actions", i, "id")
		}
		listed := map[string]bool{}
		for _, r := range raises[a.ID] {
			listed[r.q.ID] = true
			l, ok := a.Reaches[r.q.ID]
			if !ok {
				add(at, "action %s raises question %s (line %d) but gives no reaches level for it: add %s: <level> under reaches:, the level of %s whose description the action fulfils", a.ID, r.q.ID, r.line, r.q.ID, r.q.ID)
				continue
			}
			lo, hi, has := levelRange(r.q, l)
			switch {
			case !has:
				add(pos.line("actions", i, "reaches", r.q.ID), "action %s: reaches level %d for %s, but %s has no option at that level (its levels run %d–%d)", a.ID, l, r.q.ID, r.q.ID, lo, hi)
			case l <= lo:
				add(pos.line("actions", i, "reaches", r.q.ID), "action %s: reaches level %d for %s, which is the question's lowest level: an action brings a question above where it starts", a.ID, l, r.q.ID)
			}
		}
		for qid := range a.Reaches {
			if listed[qid] || dangling[qid] {
				continue
			}
			if _, ok := byID[qid]; !ok {
				add(pos.line("actions", i, "reaches", qid), "action %s: reaches names question %q, which is not in the bank", a.ID, qid)
			} else {
				add(pos.line("actions", i, "reaches", qid), "action %s: reaches names question %s, which does not list the action: add %s to its actions: or remove the entry", a.ID, qid, a.ID)
			}
		}
	}
}

// levelRange returns a question's lowest and highest option levels and
// whether level is one of its options.
func levelRange(q *Question, level int) (lo, hi int, has bool) {
	for i, o := range q.Options {
		if i == 0 || o.Level < lo {
			lo = o.Level
		}
		if i == 0 || o.Level > hi {
			hi = o.Level
		}
		has = has || o.Level == level
	}
	return lo, hi, has
}

func partyList(seen map[Party]bool) string {
	var out []string
	for _, p := range []Party{Customer, Shared, Microsoft} {
		if seen[p] {
			out = append(out, string(p))
		}
	}
	return strings.Join(out, " and ")
}

// listDupes reports an id listed twice in one entry's list.
func listDupes(add func(int, string, ...interface{}), pos positions, ids []string, what, list string, i int, field string) {
	seen := map[string]bool{}
	for j, id := range ids {
		if seen[id] {
			add(pos.line(list, i, field, j), "%s %q is listed twice", what, id)
		}
		seen[id] = true
	}
}

func modelStrings(ms []Model) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m)
	}
	return out
}

func checkCovers(add func(int, string, ...interface{}), pos positions, covers []string, list string, i int) {
	for j, c := range covers {
		if !seedPattern.MatchString(c) {
			add(pos.line(list, i, "covers", j), "seed item id %q should look like S-APP-1", c)
		}
	}
}

func set(ns []Named) map[string]bool {
	m := make(map[string]bool, len(ns))
	for _, n := range ns {
		m[n.ID] = true
	}
	return m
}

// MarshalBankYAML renders a bank as YAML. The embedded bank is returned as
// its source text, comments included; any other bank is re-encoded.
func MarshalBankYAML(b *Bank) ([]byte, error) {
	if b.checksum == checksum(assets.Bank) {
		return append([]byte(nil), assets.Bank...), nil
	}
	return marshalYAML(b)
}

func marshalYAML(b *Bank) ([]byte, error) { return yaml.Marshal(b) }

// notABank recognises the other files ssrm reads, given where a bank was
// expected, and says where they go.
func notABank(root *yaml.Node) string {
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return ""
	}
	keys := map[string]bool{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		keys[m.Content[i].Value] = true
	}
	switch {
	case keys["questions"]:
		return ""
	case keys["schema"] && keys["answers"]:
		return "this is a saved assessment, not a question bank: open it with 'ssrm report' or 'ssrm resume'"
	case keys["answers"] || keys["profile"]:
		return "this is an answers file, not a question bank: give it to 'ssrm assess --answers'"
	case keys["documents"] || keys["data"] && keys["count"]:
		return "this looks like Azure evidence, not a question bank: give it to 'ssrm azure check --snapshot'"
	}
	return ""
}

// unknownKeys walks a YAML tree beside the Go type it decodes into and
// reports every mapping key the type has no field for, at its line. It is
// the decoder's KnownFields check without a second parse of the document.
func unknownKeys(file string, n *yaml.Node, t reflect.Type) Problems {
	var ps Problems
	// An anchor is checked once per type it is used as, however many
	// aliases point at it: aliases of aliases would otherwise make a tiny
	// file take exponential time.
	type use struct {
		n *yaml.Node
		t reflect.Type
	}
	seen := map[use]bool{}
	var walk func(n *yaml.Node, t reflect.Type)
	walk = func(n *yaml.Node, t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, t)
			}
		case yaml.AliasNode:
			if n.Alias == nil || seen[use{n.Alias, t}] {
				return
			}
			seen[use{n.Alias, t}] = true
			walk(n.Alias, t)
		case yaml.SequenceNode:
			if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
				for _, c := range n.Content {
					walk(c, t.Elem())
				}
			}
		case yaml.MappingNode:
			switch t.Kind() {
			case reflect.Map:
				for i := 1; i < len(n.Content); i += 2 {
					walk(n.Content[i], t.Elem())
				}
			case reflect.Struct:
				fields := yamlFields(t)
				for i := 0; i+1 < len(n.Content); i += 2 {
					k := n.Content[i]
					ft, ok := fields[k.Value]
					if !ok {
						ps = append(ps, Problem{File: file, Line: k.Line, Msg: friendlyYAML(fmt.Sprintf("field %s not found in type %s", k.Value, t.Name()))})
						continue
					}
					walk(n.Content[i+1], ft)
				}
			}
		}
	}
	walk(n, t)
	return ps
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// yamlFields maps the YAML keys of a struct type to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}

// checkAfter checks the actions' dependencies: each names another action
// of the bank, and no chain of them loops back (the plan could not order
// it).
func checkAfter(add func(int, string, ...interface{}), pos positions, b *Bank, actions map[string]int) {
	deps := map[string][]string{}
	for i, a := range b.Actions {
		for j, d := range a.After {
			switch {
			case d == a.ID:
				add(pos.line("actions", i, "after", j), "action %s: after names the action itself", a.ID)
			case actions[d] == 0:
				add(pos.line("actions", i, "after", j), "action %s: after names %q, which is not listed under actions:", a.ID, d)
			default:
				deps[a.ID] = append(deps[a.ID], d)
			}
		}
	}
	for i, a := range b.Actions {
		if a.Immediate == nil || a.Immediate.InsteadOf == nil {
			continue
		}
		for _, d := range a.Immediate.InsteadOf.Actions {
			if actions[d] == 0 {
				add(pos.line("actions", i, "immediate"), "action %s: immediate instead_of names %q, which is not listed under actions:", a.ID, d)
			}
		}
	}
	// Depth-first search for a cycle, reported once at the action where it
	// is found.
	const (
		unseen = iota
		active
		finished
	)
	state := map[string]int{}
	var visit func(id string, path []string) []string
	visit = func(id string, path []string) []string {
		state[id] = active
		path = append(path, id)
		for _, d := range deps[id] {
			switch state[d] {
			case active:
				for k, x := range path {
					if x == d {
						return append(append([]string(nil), path[k:]...), d)
					}
				}
			case unseen:
				if c := visit(d, path); c != nil {
					return c
				}
			}
		}
		state[id] = finished
		return nil
	}
	for i, a := range b.Actions {
		if state[a.ID] != unseen {
			continue
		}
		if c := visit(a.ID, nil); c != nil {
			add(pos.line("actions", i, "after"), "actions depend on each other in a loop (%s): remove one after: entry", strings.Join(c, " → "))
			return
		}
	}
}
