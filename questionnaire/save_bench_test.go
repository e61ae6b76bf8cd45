package questionnaire

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkSaveEncrypted is what one autosave of an encrypted assessment
// costs at the real scrypt work factor (age's default, 2^18): the file is
// opened once, as the wizard does on resume, then saved after each answer.
func BenchmarkSaveEncrypted(b *testing.B) {
	defer func(w, m int) { ScryptWorkFactor, maxOpenWorkFactor = w, m }(ScryptWorkFactor, maxOpenWorkFactor)
	ScryptWorkFactor, maxOpenWorkFactor = 0, 0
	bank := smallBank(b)
	path := filepath.Join(b.TempDir(), "a.json")
	a := sampleAssessment(bank)
	a.SetPassphrase("correct horse battery")
	if err := SaveAssessment(path, a); err != nil {
		b.Fatal(err)
	}
	a, err := LoadAssessmentWith(path, passphrase("correct horse battery"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.SetAnswer("Q-ONE", Answer{Status: Answered, Level: i % 6, Note: fmt.Sprint(i)}, day0)
		if err := SaveAssessment(path, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSavePlain is the same autosave without encryption.
func BenchmarkSavePlain(b *testing.B) {
	bank := smallBank(b)
	path := filepath.Join(b.TempDir(), "a.json")
	a := sampleAssessment(bank)
	if err := SaveAssessment(path, a); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.SetAnswer("Q-ONE", Answer{Status: Answered, Level: i % 6, Note: fmt.Sprint(i)}, day0)
		if err := SaveAssessment(path, a); err != nil {
			b.Fatal(err)
		}
	}
}
