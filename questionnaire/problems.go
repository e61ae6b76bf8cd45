package questionnaire

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with an input file, at a line of it.
type Problem struct {
	File string
	Line int
	Msg  string
}

// String renders the problem as FILE:LINE: message, the form editors jump to.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// missingFile is the error for a file that is not there: it names the file
// and says what to do, and still answers errors.Is(err, fs.ErrNotExist).
type missingFile struct {
	path, advice string
}

func (e *missingFile) Error() string { return e.path + " does not exist: " + e.advice }

func (e *missingFile) Is(target error) bool { return target == fs.ErrNotExist }

// readInput reads an input file; a missing one gets advice instead of the
// operating system's words, and one larger than limit bytes (0: no limit)
// is refused before it is read, with the limit named.
func readInput(path, advice string, lim limit) ([]byte, error) {
	limit := lim.max
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &missingFile{path: path, advice: advice}
	}
	if err != nil {
		return nil, err // a *PathError names the file and the operation
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file: %s", path, advice)
	} else if err == nil && limit > 0 && info.Mode().IsRegular() && info.Size() > limit {
		return nil, &TooLargeError{Path: path, Kind: lim.kind, Size: info.Size(), Limit: limit}
	}
	r := io.Reader(f)
	if limit > 0 {
		r = io.LimitReader(f, limit+1) // a pipe or a growing file
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Kind: lim.kind, Size: -1, Limit: limit}
	}
	return data, nil
}

// Problems is every problem found in one input; it is an error.
type Problems []Problem

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// AsProblems returns the problems inside err, if it carries any.
func AsProblems(err error) (Problems, bool) {
	var ps Problems
	if errors.As(err, &ps) {
		return ps, true
	}
	return nil, false
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlProblems turns a YAML decoding error into problems with lines.
func yamlProblems(file string, err error) Problems {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var ps Problems
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			ps = append(ps, Problem{File: file, Line: n, Msg: friendlyYAML(sm[2])})
			continue
		}
		ps = append(ps, Problem{File: file, Msg: friendlyYAML(m)})
	}
	return ps
}

// syntaxProblems reports a YAML syntax error. The decoder names the line
// before an unclosed [ or { (it counts that line from zero); the problem
// then points at the line that opens the bracket, and says so.
func syntaxProblems(file string, data []byte, err error) Problems {
	ps := yamlProblems(file, err)
	lines := strings.Split(string(data), "\n")
	for i, p := range ps {
		open := ""
		switch {
		case strings.Contains(p.Msg, "did not find expected ',' or ']'"):
			open = "["
		case strings.Contains(p.Msg, "did not find expected ',' or '}'"):
			open = "{"
		default:
			continue
		}
		for l := p.Line; l >= 1 && l <= len(lines) && l <= p.Line+1; l++ {
			if strings.Contains(lines[l-1], open) {
				ps[i].Line = l
				ps[i].Msg = fmt.Sprintf("a %s opened on this line is not closed, or a value in it needs quotes (%s)", open, p.Msg)
				break
			}
		}
	}
	return ps
}

var notFound = regexp.MustCompile(`field (.+) not found in type \S+`)

// friendlyYAML rewords the decoder's messages for people who edit the file.
func friendlyYAML(m string) string {
	if sm := notFound.FindStringSubmatch(m); sm != nil {
		if strings.Contains(sm[1], " ") {
			return fmt.Sprintf("unknown key %q: a comma inside {…} ends a value; put the text in quotes", sm[1])
		}
		return fmt.Sprintf("unknown key %q (check its spelling against `ssrm bank export`)", sm[1])
	}
	if strings.Contains(m, "cannot unmarshal !!seq into ") && !strings.Contains(m, "!!seq into []") {
		return "a list (- item lines) stands where key: value lines are expected"
	}
	if strings.Contains(m, "cannot unmarshal !!map into") && strings.Contains(m, "[]") {
		return "key: value lines stand where a list (- item lines) is expected"
	}
	if strings.Contains(m, "into map[string]int") && !strings.Contains(m, "!!map") {
		return "a single value stands where key: level pairs are expected (reaches: {QUESTION-ID: 3}, max_target: {small: 3})"
	}
	if strings.Contains(m, "cannot unmarshal !!str") && strings.HasSuffix(m, " into int") {
		return "a word stands where a number is expected: " + m[strings.Index(m, "!!str")+6:len(m)-len(" into int")]
	}
	m = strings.ReplaceAll(m, "questionnaire.", "")
	return m
}

// jsonProblem turns a JSON decoding error into a problem with a line.
func jsonProblem(file string, data []byte, err error) Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return Problem{File: file, Line: lineAt(data, se.Offset), Msg: "not valid JSON: " + se.Error()}
	case errors.As(err, &te):
		msg := fmt.Sprintf("%q holds a %s where a %s is expected", te.Field, te.Value, te.Type)
		return Problem{File: file, Line: lineAt(data, te.Offset), Msg: msg}
	}
	return Problem{File: file, Msg: err.Error()}
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + strings.Count(string(data[:off]), "\n")
}

// positions maps dotted paths of a YAML document ("questions.3.layer") to
// the line they start on, so validation can point at the line to fix. It
// holds at most one entry per node of the document: aliases are not
// followed (a path through one gets the alias's own line).
type positions map[string]int

func newPositions(root *yaml.Node) positions {
	p := positions{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if n == nil {
			return
		}
		if _, seen := p[path]; !seen {
			p[path] = n.Line
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				child := join(path, k.Value)
				p[child] = k.Line
				walk(n.Content[i+1], child)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, join(path, strconv.Itoa(i)))
			}
		case yaml.AliasNode:
			// An alias points at its anchor's nodes, which have their own
			// lines where the anchor stands. Walking into them would visit
			// an alias of aliases once per path: a few hundred bytes of
			// YAML ("billion laughs") would make billions of entries.
		}
	}
	walk(root, "")
	return p
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// line returns the line of the deepest known prefix of the path parts.
func (p positions) line(parts ...interface{}) int {
	path := ""
	best := 0
	for _, part := range parts {
		path = join(path, fmt.Sprint(part))
		if l, ok := p[path]; ok {
			best = l
		}
	}
	return best
}
