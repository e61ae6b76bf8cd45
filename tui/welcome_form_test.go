package tui

import (
	"strings"
	"testing"
)

// The new-assessment form says what choosing no Azure service does, and
// describes the passphrase without naming ciphers.
func TestWelcomeFormPlainWords(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		m, err := New(testOptions(b, "", t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(100, 40))
		pressDrain(m, "enter")
		pressDrain(m, "enter") // self-assessment
		typeText(m, "Smoke Co")
		pressDrain(m, "enter", "enter", "enter")               // organization, assessor, sector
		pressDrain(m, "enter", "enter", "x", "enter", "enter") // size, sensitivity, IaaS, target
		v := strings.Join(strings.Fields(strings.ReplaceAll(view(m), "┃", "")), " ")
		mustContain(t, v, "Do you write or build software yourselves?", "the secure-coding questions are left out")
		pressDrain(m, "enter") // builds no software
		v = strings.Join(strings.Fields(strings.ReplaceAll(view(m), "┃", "")), " ")
		mustContain(t, v, "Azure services in use", "with none chosen, you get only the general questions, none about a particular service")
		pressDrain(m, "enter", "enter") // no service; save as the default
		v = view(m)
		mustContain(t, v, "Protect this file with a passphrase?", "Only someone with the passphrase can open the file")
		mustNotContain(t, v, "scrypt", "age,")
	})
}
