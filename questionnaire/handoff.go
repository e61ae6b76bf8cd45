package questionnaire

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ssrm/ssrm/internal/safetext"
)

// A hand-off is the "don't know" list of an assessment sent to whoever can
// answer it (a small business's IT provider) as a form to tick, and read
// back as answers. The form is Markdown: each question starts with a line
// "ID: <question id>", its answers are task-list boxes "- [ ] 3 Label",
// and a line "Note:" takes what the provider wants to add.

// MaxHandoffSize is the largest hand-off form read: a form for every
// question of a large bank is well under 1 MB.
const MaxHandoffSize = 4 << 20

// maxHandoffNote is the longest note taken from a form.
const maxHandoffNote = 4000

// HandoffMarker is the first line of every hand-off form; the importer
// refuses files without it.
const HandoffMarker = "<!-- ssrm hand-off form: tick one box per question; keep the ID lines -->"

// HandoffAnswer is one question of a filled-in form.
type HandoffAnswer struct {
	ID string
	// Line is where the question's ID line is in the form.
	Line int
	// Answer is the ticked box: Answered with a Level, Unknown ("still
	// don't know") or NotApplicable. Empty when no box is ticked.
	Status Status
	Level  int
	Note   string
}

// ParseHandoff reads a filled-in hand-off form. name is the file's name for
// errors; every error says the line and what to do. An ID the bank lacks,
// a level the question does not offer and two ticked boxes are errors;
// a question left blank is returned with no Status.
func ParseHandoff(name string, data []byte, b *Bank) ([]HandoffAnswer, error) {
	if len(data) > MaxHandoffSize {
		return nil, &TooLargeError{Path: name, Kind: "hand-off forms", Size: int64(len(data)), Limit: MaxHandoffSize}
	}
	if !bytes.Contains(data, []byte(HandoffMarker)) {
		return nil, fmt.Errorf("%s:1: not an ssrm hand-off form (its first line is missing): write one with `ssrm handoff ASSESSMENT -o FILE.md`", name)
	}
	var out []HandoffAnswer
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), MaxHandoffSize)
	var cur *HandoffAnswer
	var qq *Question
	inNote := false
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, "ID:"):
			id := strings.TrimSpace(strings.TrimPrefix(trim, "ID:"))
			id = strings.Trim(id, "`")
			q, ok := b.Question(id)
			if !ok {
				hint := ""
				if c := b.closestQuestion(id); c != "" {
					hint = fmt.Sprintf(" (did you mean %s?)", c)
				}
				return nil, fmt.Errorf("%s:%d: no question %q in the bank%s: keep the ID lines as the form wrote them", name, n, id, hint)
			}
			if first, dup := seen[id]; dup {
				return nil, fmt.Errorf("%s:%d: question %s appears twice (first at line %d): keep one", name, n, id, first)
			}
			seen[id] = n
			out = append(out, HandoffAnswer{ID: id, Line: n})
			cur, qq, inNote = &out[len(out)-1], q, false
		case cur == nil:
		case strings.HasPrefix(trim, "- ["):
			inNote = false
			box, rest, ok := strings.Cut(strings.TrimPrefix(trim, "- ["), "]")
			if !ok {
				return nil, fmt.Errorf("%s:%d: a box is written \"- [ ]\" or \"- [x]\"", name, n)
			}
			box = strings.TrimSpace(box)
			if box == "" {
				continue
			}
			if !strings.EqualFold(box, "x") {
				return nil, fmt.Errorf("%s:%d: tick a box with x, not %q", name, n, box)
			}
			if cur.Status != "" {
				return nil, fmt.Errorf("%s:%d: a second box ticked for %s (line %d): tick one", name, n, cur.ID, cur.Line)
			}
			f := strings.Fields(rest)
			if len(f) == 0 {
				return nil, fmt.Errorf("%s:%d: the ticked box has no answer after it: keep the level the form wrote", name, n)
			}
			switch strings.ToLower(f[0]) {
			case "d", "?":
				cur.Status = Unknown
			case "x", "n/a", "–", "-":
				cur.Status = NotApplicable
			default:
				var lvl int
				if _, err := fmt.Sscanf(f[0], "%d", &lvl); err != nil {
					return nil, fmt.Errorf("%s:%d: %q is not an answer: keep the level (0-5), d or x the form wrote before the label", name, n, f[0])
				}
				if _, ok := qq.Option(lvl); !ok {
					return nil, fmt.Errorf("%s:%d: question %s has no level %d", name, n, cur.ID, lvl)
				}
				cur.Status, cur.Level = Answered, lvl
			}
		case strings.HasPrefix(trim, "Note:"):
			cur.Note = safetext.Line(strings.TrimSpace(strings.TrimPrefix(trim, "Note:")))
			inNote = true
		case inNote && trim != "" && !strings.HasPrefix(trim, "#") && !strings.HasPrefix(trim, "---"):
			cur.Note = strings.TrimSpace(cur.Note + " " + safetext.Line(trim))
		case strings.HasPrefix(trim, "#") || strings.HasPrefix(trim, "---"):
			inNote = false
		}
		if cur != nil && len(cur.Note) > maxHandoffNote {
			return nil, fmt.Errorf("%s:%d: the note on %s is longer than %d characters: shorten it", name, n, cur.ID, maxHandoffNote)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no questions (no \"ID:\" lines): is it the form ssrm wrote?", name)
	}
	return out, nil
}

// HandoffChange says what importing one answer of a form did.
type HandoffChange struct {
	ID   string
	Line int
	// Before and After describe the answer ("don't know", "3 Defined").
	Before, After string
	// Applied is false where the form was left blank, or where the
	// assessment's answer changed since the form was written and overwrite
	// was not asked: Reason says which.
	Applied bool
	Reason  string
}

// ApplyHandoff records a form's answers in the assessment. It never
// overwrites an answer silently: a question that is no longer "don't know"
// (someone answered it since) keeps its answer unless overwrite is true,
// and every change and every refusal is returned. who signs the answers;
// a note is added to the one the answer had.
func ApplyHandoff(a *Assessment, answers []HandoffAnswer, who string, overwrite bool, now time.Time) []HandoffChange {
	var out []HandoffChange
	for _, h := range answers {
		old, has := a.Answer(h.ID)
		c := HandoffChange{ID: h.ID, Line: h.Line, Before: DescribeAnswer(old, has)}
		switch {
		case h.Status == "":
			c.Reason = "no box ticked: left as it was"
		case has && old.Status == h.Status && old.Level == h.Level && (h.Note == "" || strings.Contains(old.Note, h.Note)):
			c.After, c.Reason = c.Before, "the same answer: nothing to change"
		case has && old.Status != Unknown && !overwrite:
			c.After = DescribeAnswer(Answer{Status: h.Status, Level: h.Level}, true)
			c.Reason = "answered since the form was written: kept (import with --overwrite to take the form's)"
		default:
			ans := old
			ans.Status, ans.Level, ans.Who, ans.When = h.Status, h.Level, who, now
			if h.Status != Answered {
				ans.Level = 0
			}
			if h.Note != "" {
				n := h.Note
				if who != "" {
					n = who + ": " + n
				}
				if ans.Note != "" {
					n = ans.Note + "\n" + n
				}
				ans.Note = n
			}
			a.SetAnswer(h.ID, ans, now)
			c.After, c.Applied = DescribeAnswer(ans, true), true
		}
		out = append(out, c)
	}
	return out
}

// DescribeAnswer is an answer in words: "3 Defined", "don't know", "n/a",
// "unanswered".
func DescribeAnswer(a Answer, has bool) string {
	switch {
	case !has:
		return "unanswered"
	case a.Status == Unknown:
		return "don't know"
	case a.Status == NotApplicable:
		return "n/a"
	}
	return fmt.Sprintf("%d %s", a.Level, LevelName(a.Level))
}
