package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/azure"
)

// The Findings table narrows by layer, severity and scope, says what it
// shows, and the counts above it stay those of every finding.
func TestLiveFindingsFilters(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m := liveModel(t, &fakeSource{}, nil, 120, 40)
		press(m, "down", "enter")
		typeText(m, testSnapshot)
		drain(m, press(m, "enter"))
		l := screenOf[*liveScreen](m)
		all := len(l.all)
		mustContain(t, view(m), fmt.Sprintf("Showing %d of %d (row 1)", all, all), "f layer: all", "s severity: all", "i scope: all")
		press(m, "s")
		if len(l.findings) == 0 || len(l.findings) >= all {
			t.Fatalf("severity high keeps %d of %d", len(l.findings), all)
		}
		for _, f := range l.findings {
			if f.Severity != azure.High {
				t.Fatalf("severity filter kept %+v", f)
			}
		}
		mustContain(t, view(m), "s severity: high")
		press(m, "s", "s", "s") // back to all
		press(m, "f")           // the first layer
		mustContain(t, view(m), "f layer: Applications")
		for _, f := range l.findings {
			if layerOfCheck[f.Check] != "applications" {
				t.Fatalf("layer filter kept %s (%s)", f.Check, layerOfCheck[f.Check])
			}
		}
		press(m, "f", "f", "f", "f", "i") // layer back to all; scope: asked
		mustContain(t, view(m), "i scope: asked for you")
		asked := l.asked()
		for _, f := range l.findings {
			if !slices.ContainsFunc(f.Questions, func(id string) bool { return asked[id] }) {
				t.Fatalf("scope filter kept %+v, which informs no asked question", f)
			}
		}
		press(m, "i") // the test bank names no service: back to all
		mustContain(t, view(m), "i scope: all")
	})
	// the default bank names services: a scope per service, the
	// profile's first
	bubble(t, func(t *testing.T) {
		b := defaultBank(t)
		path := writeAssessment(t, b, ModeSelf, nil)
		m, err := New(testOptions(b, path, t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(120, 40))
		goToScreen[*liveScreen](t, m)
		press(m, "down", "enter")
		typeText(m, testSnapshot)
		drain(m, press(m, "enter"))
		l := screenOf[*liveScreen](m)
		press(m, "i", "i")
		svc := l.filter.scope
		if len(l.findings) == 0 || len(l.findings) == len(l.all) {
			t.Fatalf("service %s keeps %d of %d findings", svc, len(l.findings), len(l.all))
		}
		if !m.Session().Result().Profile.UsesService(svc) {
			t.Fatalf("first service scope %q is not the profile's", svc)
		}
		for _, f := range l.findings {
			ok := false
			for _, id := range f.Questions {
				qq, _ := m.Session().Bank.Question(id)
				ok = ok || slices.Contains(qq.Services, svc)
			}
			if !ok {
				t.Fatalf("service filter %s kept %+v", svc, f)
			}
		}
		mustContain(t, view(m), "i scope: "+serviceName(b, svc))
	})
}

// graphSource is a fakeSource that reads Microsoft Graph: refused at
// sign-in, or with one read refused for lack of a permission.
type graphSource struct {
	fakeSource
	refuse bool
	graph  bool
}

func (g *graphSource) CollectWithGraph(ctx context.Context, subs []string, progress func(azure.Progress)) (*azure.Snapshot, string, error) {
	g.graph = true
	s, err := g.Collect(ctx, subs, progress)
	if err != nil || g.refuse {
		return s, "its sign-in was refused: AADSTS65001 consent required", err
	}
	s.Reads = append(s.Reads,
		azure.ReadStats{Source: "graph", Name: "/identity/conditionalAccess/policies", Status: azure.ReadOK, Items: 3, Requests: 1},
		azure.ReadStats{Source: "graph", Name: "/reports/authenticationMethods/userRegistrationDetails", Status: azure.ReadMissingPermission, Missing: []string{"AuditLog.Read.All"}})
	return s, "", nil
}

// The collection offers Microsoft Graph (G), says what it needs, and
// reports refusals without losing the Resource Graph evidence.
func TestLiveGraphChoiceDegrades(t *testing.T) {
	bubble(t, func(t *testing.T) {
		for _, refuse := range []bool{false, true} {
			src := &graphSource{refuse: refuse}
			b := testBank(t)
			path := writeAssessment(t, b, ModeSelf, nil)
			opts := testOptions(b, path, t)
			opts.Connect = func(azure.SignIn, func(string)) (LiveSource, error) { return src, nil }
			m, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			m.Update(windowMsg(80, 24))
			goToScreen[*liveScreen](t, m)
			press(m, "enter")
			drain(m, press(m, "enter")) // auto
			mustContain(t, view(m), "G [ ] also read Entra ID through Microsoft Graph")
			press(m, "G")
			v := strings.Join(strings.Fields(view(m)), " ")
			mustContain(t, v, "G [x]", "Policy.Read.All", "Global Reader", "verify by hand")
			drain(m, press(m, "enter"))
			if !src.graph {
				t.Fatal("Graph was not asked for")
			}
			v = strings.Join(strings.Fields(view(m)), " ")
			if refuse {
				mustContain(t, v, "Microsoft Graph was not read (its sign-in was refused: AADSTS65001")
			} else {
				mustContain(t, v, "Microsoft Graph refused 1 of 2 reads (missing AuditLog.Read.All)")
			}
			if len(m.Session().a.Evidence) == 0 {
				t.Fatal("the Resource Graph evidence was lost")
			}
		}
	})
}

// A source that cannot read Graph says so rather than collecting without.
func TestLiveGraphUnsupportedSource(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m := liveModel(t, &fakeSource{}, nil, 80, 24)
		press(m, "enter")
		drain(m, press(m, "enter"))
		press(m, "G")
		drain(m, press(m, "enter"))
		mustContain(t, view(m), "cannot read Microsoft Graph")
	})
}

// The permissions the wizard names cover every Graph read the collector
// makes: one of each read's permissions, and all of its others.
func TestGraphPermissionsCoverEveryRead(t *testing.T) {
	perms := graphPermissions()
	for _, r := range azure.GraphPermissions() {
		if !slices.ContainsFunc(r.Perms, func(p string) bool { return slices.Contains(perms, p) }) {
			t.Errorf("%s: none of %v in %v", r.Path, r.Perms, perms)
		}
		for _, p := range r.Also {
			if !slices.Contains(perms, p) {
				t.Errorf("%s also needs %s", r.Path, p)
			}
		}
	}
	if len(perms) > 5 {
		t.Errorf("%d permissions named: %v", len(perms), perms)
	}
}
