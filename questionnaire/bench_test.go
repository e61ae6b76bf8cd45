package questionnaire

import "testing"

// BenchmarkLoadAndTailor is what every command pays at start: parse and
// validate the embedded bank, then cut it to a profile.
func BenchmarkLoadAndTailor(b *testing.B) {
	p := Profile{Size: "small", Sensitivity: "high", Models: []Model{IaaS, PaaS, SaaS}, Services: []string{"sql", "app-service"}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		bank, err := DefaultBank()
		if err != nil {
			b.Fatal(err)
		}
		_ = Tailor(bank, p)
	}
}

func BenchmarkParseSmallBank(b *testing.B) {
	data := mustRead(b, "testdata/small-bank.yaml")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseBank("small.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadBank10x parses a bank ten times the default size.
func BenchmarkLoadBank10x(b *testing.B) {
	data := LargeBankYAML(b, 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseBank("large.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// LargeBankYAML is the default bank n times over, as YAML.
func LargeBankYAML(tb testing.TB, n int) []byte {
	tb.Helper()
	bank, err := DefaultBank()
	if err != nil {
		tb.Fatal(err)
	}
	data, err := marshalYAML(bank.Scaled(n))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
