package questionnaire

import (
	"sort"
	"strings"
	"testing"
)

func TestTailor(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name     string
		profile  Profile
		asked    []string
		provider []string
		dropped  map[string]string // id → substring of the reason
	}{
		{
			name:     "iaas small without aks",
			profile:  Profile{Size: "small", Models: []Model{IaaS}},
			asked:    []string{"Q-FOUR", "Q-ONE", "Q-THREE", "Q-TWO"},
			dropped:  map[string]string{"Q-FIVE": "Azure Kubernetes Service, which you do not use", "Q-SIX": "for medium organizations and larger"},
			provider: nil,
		},
		{
			name:     "paas with aks: hosts are Microsoft's",
			profile:  Profile{Size: "large", Models: []Model{PaaS}, Services: []string{"aks"}},
			asked:    []string{"Q-FOUR", "Q-ONE", "Q-THREE"},
			provider: []string{"Q-FIVE"},
			dropped:  map[string]string{"Q-TWO": "applies to IaaS only; you use PaaS", "Q-SIX": "IaaS only"},
		},
		{
			name:     "saas only keeps identity and people",
			profile:  Profile{Size: "medium", Models: []Model{SaaS}},
			asked:    []string{"Q-FOUR", "Q-ONE"},
			dropped:  map[string]string{"Q-TWO": "IaaS only", "Q-THREE": "applies to IaaS and PaaS only", "Q-FIVE": "", "Q-SIX": ""},
			provider: nil,
		},
		{
			name:    "a sector question is dropped for other sectors",
			profile: Profile{Size: "large", Sector: "Retail bakery", Models: []Model{IaaS}, Services: []string{"aks"}},
			asked:   []string{"Q-FIVE", "Q-FOUR", "Q-ONE", "Q-THREE", "Q-TWO"},
			dropped: map[string]string{"Q-SIX": "for health, finance organizations; yours is Retail bakery"},
		},
		{
			name:    "and asked when the sector names one of its words",
			profile: Profile{Size: "large", Sector: "Healthcare (dental)", Models: []Model{IaaS}, Services: []string{"aks"}},
			asked:   []string{"Q-FIVE", "Q-FOUR", "Q-ONE", "Q-SIX", "Q-THREE", "Q-TWO"},
		},
		{
			name:    "no models named means all",
			profile: Profile{Size: "enterprise", Services: []string{"aks"}},
			asked:   []string{"Q-FIVE", "Q-FOUR", "Q-ONE", "Q-SIX", "Q-THREE", "Q-TWO"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := Tailor(b, c.profile)
			if got := ids(tl.Asked); !equal(got, c.asked) {
				t.Errorf("asked %v, want %v", got, c.asked)
			}
			var prov []string
			for _, p := range tl.Provider {
				prov = append(prov, p.Question.ID)
				if p.Verify == "" || !strings.Contains(p.Reason, "Microsoft") {
					t.Errorf("provider item %s lacks reason or verify: %+v", p.Question.ID, p)
				}
			}
			sort.Strings(prov)
			if !equal(prov, c.provider) {
				t.Errorf("provider %v, want %v", prov, c.provider)
			}
			if len(tl.Dropped) != len(c.dropped) {
				t.Errorf("dropped %d, want %d: %+v", len(tl.Dropped), len(c.dropped), tl.Dropped)
			}
			for _, d := range tl.Dropped {
				want, ok := c.dropped[d.Question.ID]
				if !ok || !strings.Contains(d.Reason, want) {
					t.Errorf("dropped %s because %q, want %q", d.Question.ID, d.Reason, want)
				}
			}
			if n := len(tl.Asked) + len(tl.Provider) + len(tl.Dropped); n != len(b.Questions) {
				t.Errorf("tailoring lost questions: %d of %d accounted for", n, len(b.Questions))
			}
		})
	}
}

func TestCustomerShareAndTargets(t *testing.T) {
	b := smallBank(t)
	q3, _ := b.Question("Q-THREE") // networks: iaas customer, paas shared
	for _, c := range []struct {
		models []Model
		want   float64
	}{{[]Model{IaaS}, 1}, {[]Model{PaaS}, 0.5}, {[]Model{IaaS, PaaS}, 0.75}, {[]Model{SaaS}, 0}} {
		if got := b.CustomerShare(q3, Profile{Models: c.models}); got != c.want {
			t.Errorf("share under %v = %g, want %g", c.models, got, c.want)
		}
	}
	for _, c := range []struct {
		p    Profile
		want int
	}{
		{Profile{Size: "micro", Sensitivity: "low"}, 1},
		{Profile{Size: "small", Sensitivity: "high"}, 4},
		{Profile{Size: "enterprise", Sensitivity: "critical"}, 5},
		{Profile{Size: "enterprise", Sensitivity: "critical", Target: 3}, 3},
		{Profile{}, 3},
	} {
		if got := b.ProfileTarget(c.p); got != c.want {
			t.Errorf("target for %+v = %d, want %d", c.p, got, c.want)
		}
	}
}

func ids(qs []*Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
