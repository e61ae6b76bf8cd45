package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

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

	layers := map[Layer]bool{}
	for _, l := range Layers {
		layers[l] = true
	}
	for i, l := range b.Layers {
		if !layers[l.ID] {
			add(pos.line("layers", i, "id"), "unknown layer %q: the SSRM layers are applications, hosts, networks and foundation", l.ID)
		}
	}
	domains := set(b.Domains)
	if len(domains) == 0 {
		add(pos.line("domains"), "no domains: list at least one under `domains:`")
	}
	services := set(b.Services)
	facts := map[string]bool{}
	for i, f := range b.Facts {
		if facts[f.ID] {
			add(pos.line("facts", i, "id"), "duplicate fact id %q", f.ID)
		}
		facts[f.ID] = true
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
	for i, a := range b.Actions {
		line := pos.line("actions", i)
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
		}
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
