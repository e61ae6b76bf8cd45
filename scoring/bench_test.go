package scoring

import (
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// fullAssessment answers every question of b: levels cycle through each
// question's options, every seventh is "don't know".
func fullAssessment(b *q.Bank) *q.Assessment {
	p := q.Profile{Size: "small", Sensitivity: "high", Models: q.Models}
	for _, s := range b.Services {
		p.Services = append(p.Services, s.ID)
	}
	a := q.NewAssessment(b, p, day0)
	for i, qq := range b.Questions {
		ans := q.Answer{Status: q.Answered, Level: qq.Options[i%len(qq.Options)].Level}
		if i%7 == 0 {
			ans = q.Answer{Status: q.Unknown}
		}
		a.SetAnswer(qq.ID, ans, day0)
	}
	return a
}

func BenchmarkComputeDefaultBank(b *testing.B) {
	bank, err := q.DefaultBank()
	if err != nil {
		b.Fatal(err)
	}
	a := fullAssessment(bank)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compute(bank, a, Options{})
	}
}

func BenchmarkComputeBank10x(b *testing.B) {
	bank, err := q.DefaultBank()
	if err != nil {
		b.Fatal(err)
	}
	big := bank.Scaled(10)
	a := fullAssessment(big)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compute(big, a, Options{})
	}
}
