package tui

import (
	"fmt"
	"go.yaml.in/yaml/v3"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// bigBank is the default bank with every question cloned n times under new
// ids: the benchmark's "bank ten times larger".
func bigBank(tb testing.TB, n int) *q.Bank {
	tb.Helper()
	// Bank.Scaled copies each question n times with its actions' reach
	// levels; the YAML round trip (yaml.Marshal: MarshalBankYAML would give
	// back the embedded bank, whose checksum a scaled copy keeps) gives the
	// bank a checksum of its own, as a custom --bank has.
	src, err := yaml.Marshal(defaultBank(tb).Scaled(n))
	if err != nil {
		tb.Fatal(err)
	}
	big, err := q.ParseBank("big.yaml", src)
	if err != nil {
		tb.Fatal(err)
	}
	return big
}

func benchModel(b *testing.B, bank *q.Bank, w, h int) *Model {
	b.Helper()
	p := testProfile()
	p.Models = []q.Model{q.IaaS, q.PaaS, q.SaaS}
	a := q.NewAssessment(bank, p, testNow)
	// half answered, so the sidebar and scores have work to do
	for i, qq := range bank.Questions {
		if i%2 == 0 {
			a.SetAnswer(qq.ID, q.Answer{Status: q.Answered, Level: qq.Options[0].Level}, testNow)
		}
	}
	path := filepath.Join(b.TempDir(), "bench-assessment.json")
	if err := q.SaveAssessment(path, a); err != nil {
		b.Fatal(err)
	}
	m, err := New(testOptions(bank, path, b))
	if err != nil {
		b.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// BenchmarkKeystroke is one key through Update and the frame it draws.
func BenchmarkKeystroke(b *testing.B) {
	banks := []struct {
		name string
		bank func(testing.TB) *q.Bank
	}{
		{"default", defaultBank},
		{"10x", func(tb testing.TB) *q.Bank { return bigBank(tb, 10) }},
	}
	cases := []struct {
		name  string
		setup []string
		keys  []string
	}{
		{"assess-move", nil, []string{"down", "up"}},
		{"assess-answer", nil, []string{"1", "left"}},
		{"killchain-move", []string{"tab", "tab"}, []string{"down", "up"}},
		{"prioritize-move", []string{"tab", "tab", "tab"}, []string{"down", "up"}},
		{"prioritize-accept", []string{"tab", "tab", "tab"}, []string{"a"}},
		{"fortify-move", []string{"tab", "tab", "tab", "tab"}, []string{"down", "up"}},
		{"socialize-move", []string{"tab", "tab", "tab", "tab", "tab"}, []string{"down", "up"}},
		{"navigator-move", []string{"g"}, []string{"down", "up"}},
		{"presenter-move", []string{"F"}, []string{"down", "up"}},
		{"next-open", nil, []string{"N"}},
	}
	for _, bk := range banks {
		bank := bk.bank(b)
		for _, c := range cases {
			for _, sz := range [][2]int{{80, 24}, {120, 40}} {
				b.Run(fmt.Sprintf("%s/%s/%dx%d", bk.name, c.name, sz[0], sz[1]), func(b *testing.B) {
					m := benchModel(b, bank, sz[0], sz[1])
					press(m, c.setup...)
					msgs := make([]tea.KeyMsg, len(c.keys))
					for i, k := range c.keys {
						msgs[i] = keyMsg(k)
					}
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						m.Update(msgs[i%len(msgs)])
						_ = m.View()
					}
				})
			}
		}
	}
}

// BenchmarkStartup is opening a saved assessment to its first frame.
func BenchmarkStartup(b *testing.B) {
	for _, bk := range []struct {
		name string
		n    int
	}{{"default", 1}, {"10x", 10}} {
		bank := bigBank(b, bk.n)
		m := benchModel(b, bank, 80, 24)
		path := m.s.Path
		b.Run(bk.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m, err := New(testOptions(bank, path, b))
				if err != nil {
					b.Fatal(err)
				}
				m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
				_ = m.View()
			}
		})
	}
}
