package reports

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/scoring"
)

// TestPackPDFsWithoutOrgSayYourOrganization: the pack's PDFs of an unnamed
// organization are titled "Your organization".
func TestPackPDFsWithoutOrgSayYourOrganization(t *testing.T) {
	r := demoResult(t)
	r.Profile.Organization = ""
	m := Meta{Tool: "ssrm test"}
	agenda := func(w io.Writer, r *scoring.Result, m Meta) error {
		return WriteAgendaPDF(w, r, WorkshopAgenda(r), time.Date(0, 1, 1, 9, 0, 0, 0, time.UTC), m)
	}
	for name, write := range map[string]func(io.Writer, *scoring.Result, Meta) error{"kickoff": WriteKickoffPDF, "agenda": agenda} {
		pages := pdfText(t, renderPDF(t, r, m, write))
		if !strings.Contains(pages[0], "Your organization") || strings.Contains(pages[0], "Unnamed organization") {
			t.Errorf("%s of an unnamed organization:\n%.300s", name, pages[0])
		}
	}
}
