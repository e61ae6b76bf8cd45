package reports

import (
	"strings"
	"testing"
)

func sectionIDs(d Document) map[string]bool {
	out := map[string]bool{}
	for _, s := range d.Sections {
		out[s.ID] = true
	}
	return out
}

func TestDocumentSectionsFollowAudienceAndAppendix(t *testing.T) {
	r := demoResult(t)
	full := BuildDocument(r, Meta{}, DocOptions{})
	ids := sectionIDs(full)
	for _, id := range []string{SecSummary, SecFindings, SecPlan, SecMaturity, SecKillChain, SecEvidence, SecMethod} {
		if !ids[id] {
			t.Errorf("default document lacks %s", id)
		}
	}
	if ids[SecAnswers] {
		t.Error("the answer register is for --appendix full only")
	}
	if !sectionIDs(BuildDocument(r, Meta{}, DocOptions{Appendix: AppendixFull}))[SecAnswers] {
		t.Error("--appendix full lacks the answer register")
	}
	for _, s := range BuildDocument(r, Meta{}, DocOptions{Appendix: AppendixNone}).Sections {
		if s.Appendix {
			t.Errorf("--appendix none kept %s", s.ID)
		}
	}
	b := sectionIDs(BuildDocument(r, Meta{}, DocOptions{Audience: AudienceBoard}))
	// the board's document: summary, themes, management response (signer's
	// review finding 12)
	if len(b) != 3 || !b[SecSummary] || !b[SecThemes] || !b[SecSignOff] {
		t.Errorf("board sections: %v", b)
	}
	tech := sectionIDs(BuildDocument(r, Meta{}, DocOptions{Audience: AudienceTechnical}))
	if tech[SecSummary] || !tech[SecKillChain] {
		t.Errorf("technical sections: %v", tech)
	}
	if _, err := ParseAudience("cfo"); err == nil {
		t.Error("unknown audience accepted")
	}
	if a, err := ParseAppendix(""); err != nil || a != AppendixShort {
		t.Errorf("default appendix %q %v", a, err)
	}
}

// Each action's full text appears once in the whole document.
func TestActionTextPrintedOnce(t *testing.T) {
	r := demoResult(t)
	d := BuildDocument(r, Meta{}, DocOptions{Appendix: AppendixFull})
	seen := map[string]int{}
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				for _, c := range row {
					if c.Sub != "" {
						seen[c.Sub]++
					}
				}
			}
			for _, x := range b.Table.Details {
				// the detail may be followed by the licence advice and
				// the prerequisites ("You have…", "Do after #3…")
				seen[x]++
				if i := strings.Index(x, " You have "); i > 0 {
					seen[x[:i]]++
					x = x[:i]
				}
				if i := strings.Index(x, " Do after #"); i > 0 {
					seen[x[:i]]++
				}
			}
		}
	}
	for _, it := range r.Actions {
		if it.Status == "done" {
			continue
		}
		detail := joinFields(it.Action.Detail)
		if seen[detail] != 1 {
			t.Errorf("%s: full text printed %d times", it.Action.ID, seen[detail])
		}
	}
}
