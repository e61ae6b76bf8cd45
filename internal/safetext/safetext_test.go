package safetext

import (
	"strings"
	"testing"
)

// The strings the issue found in reports and on the terminal.
const hostile = "Ann\x1b]0;pwned\x07\x1b[2J\x00 Lee\u202egnp.exe\u2066x\r overwritten\x9b31m<script>alert(1)</script>"

func TestCleanStripsControlAndBidi(t *testing.T) {
	got := Clean(hostile)
	for _, bad := range []string{"\x1b", "\x07", "\x00", "\u202e", "\u2066", "\r", "\x9b"} {
		if strings.Contains(got, bad) {
			t.Errorf("Clean left %q in %q", bad, got)
		}
	}
	if !strings.Contains(got, "Ann]0;pwned[2J Lee") || !strings.Contains(got, "x\n overwritten") {
		t.Errorf("Clean dropped text it should keep: %q", got)
	}
	for _, keep := range []string{"Zoë Ærø — Łódź", "東京 株式会社", "👩\u200d💻 dev", "a\tb\nc", "مرحبا"} {
		if Clean(keep) != keep {
			t.Errorf("Clean changed %q to %q", keep, Clean(keep))
		}
	}
	if got := Clean("a\xffb"); got != "a\ufffdb" {
		t.Errorf("invalid UTF-8: %q", got)
	}
	if got := Clean("tag\U000E0041\U000E0042 text"); got != "tag text" {
		t.Errorf("tag characters: %q", got)
	}
}

func TestLineIsOneLine(t *testing.T) {
	if got := Line("  Ann\n\tLee \r\n(IT)\u2028x "); got != "Ann Lee (IT) x" {
		t.Errorf("Line: %q", got)
	}
}

func TestMarkdownAndHTMLEscape(t *testing.T) {
	got := Markdown(hostile)
	if strings.Contains(got, "<script>") || !strings.Contains(got, "&lt;script&gt;") || strings.ContainsAny(got, "\x1b\x07\x00\u202e\n") {
		t.Errorf("Markdown: %q", got)
	}
	for in, want := range map[string]string{
		"a | b":              `a \| b`,
		"**bold** _x_ `c`":   "\\*\\*bold\\*\\* \\_x\\_ \\`c\\`",
		"[x](javascript:1)":  `\[x\](javascript:1)`,
		"# not a heading":    `\# not a heading`,
		"1. not a list":      `1\. not a list`,
		"- no":               `\- no`,
		"---":                `\---`,
		"-1":                 "-1",
		"+44 20 7946 0000":   "+44 20 7946 0000",
		"AT&T":               "AT&amp;T",
		"plain text, 3.5 ok": "plain text, 3.5 ok",
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
	if got := HTML(`<a href="x">&` + "\x1b"); got != "&lt;a href=&#34;x&#34;&gt;&amp;" {
		t.Errorf("HTML: %q", got)
	}
}

func FuzzClean(f *testing.F) {
	f.Add(hostile)
	f.Add("Zoë\r\n\u2029")
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		for _, r := range c {
			if dropped(r) || r == '\r' {
				t.Fatalf("Clean(%q) kept %U", s, r)
			}
		}
		if Clean(c) != c {
			t.Fatalf("Clean is not idempotent on %q", s)
		}
		m := Markdown(s)
		if strings.ContainsAny(m, "\n<>") || strings.Count(m, "|") != strings.Count(m, `\|`) {
			t.Fatalf("Markdown(%q) = %q", s, m)
		}
	})
}

// A frame keeps its colours; a hostile name inside it loses its power.
func TestTerminalKeepsStylingOnly(t *testing.T) {
	frame := "\x1b[1;38;5;212mssrm\x1b[0m Ann\x1b]0;pwned\x07\x1b[2J Lee \u202eexe\x1b[H\r\n\x1b[38:2:1:2:3mok\x1b[m"
	got := Terminal(frame)
	want := "\x1b[1;38;5;212mssrm\x1b[0m Ann]0;pwned[2J Lee exe[H\n\x1b[38:2:1:2:3mok\x1b[m"
	if got != want {
		t.Errorf("Terminal:\n got %q\nwant %q", got, want)
	}
	if Terminal("plain\ttext\n") != "plain\ttext\n" {
		t.Error("plain text changed")
	}
}

func TestMarkdownCell(t *testing.T) {
	for in, want := range map[string]string{"-1": "-1", "1.2 / 5": "1.2 / 5", "a|b": `a\|b`, "<b>x</b>\n*y*": `&lt;b&gt;x&lt;/b&gt; \*y\*`} {
		if got := MarkdownCell(in); got != want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", in, got, want)
		}
	}
}
