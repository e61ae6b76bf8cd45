package reports

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logo dimensions
	_ "image/png"
	"math"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Brand is the consultancy's identity on a report: its name and logo in
// every page header, its accent colour on the headings, its contact line in
// the footer. It comes from a small YAML file (--brand):
//
//	firm: Contoso Security Partners
//	logo: contoso.png            # PNG or JPEG, relative to this file
//	accent: "#1F6FB2"            # headings; #RRGGBB
//	contact: security@contoso.example · +44 20 7946 0000
type Brand struct {
	Firm    string
	Contact string
	// Accent is the headings' colour; Accented says whether the file set one.
	Accent   [3]uint8
	Accented bool
	// Logo is the logo's bytes (PNG or JPEG); LogoW and LogoH its size in
	// pixels.
	Logo         []byte
	LogoW, LogoH int
}

// Limits of a brand file: it names a firm, not a novel.
const (
	maxBrandFile  = 64 << 10
	maxBrandText  = 200
	maxLogoBytes  = 4 << 20
	maxLogoPixels = 4096
)

var brandKeys = []string{"firm", "logo", "accent", "contact"}

// ParseBrand reads a brand file. name is the file's name in messages;
// readFile reads the logo, whose path is taken relative to the brand
// file's folder. Every problem found is returned (q.Problems), each with
// the file, line and what to do.
func ParseBrand(name string, data []byte, readFile func(string) ([]byte, error)) (*Brand, error) {
	fail := func(line int, format string, args ...any) error {
		return q.Problems{{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(data) > maxBrandFile {
		return nil, fail(0, "the brand file is %d bytes; a brand file holds four short lines (at most %d KB)", len(data), maxBrandFile>>10)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, brandYAMLError(name, data, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fail(0, "the brand file is empty: give at least firm: YOUR FIRM (and logo:, accent:, contact: as you like)")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fail(root.Line, "the brand file must be key: value lines (firm, logo, accent, contact)")
	}
	var ps q.Problems
	add := func(line int, format string, args ...any) {
		ps = append(ps, q.Problem{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	b := &Brand{}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			add(k.Line, "a key must be one of %s", strings.Join(brandKeys, ", "))
			continue
		}
		if prev, dup := seen[key]; dup {
			add(k.Line, "%s is given twice (first on line %d): keep one", key, prev)
			continue
		}
		seen[key] = k.Line
		if v.Kind == yaml.AliasNode || v.Kind != yaml.ScalarNode {
			add(v.Line, "%s must be plain text on the same line", key)
			continue
		}
		val := strings.TrimSpace(v.Value)
		switch key {
		case "firm", "contact":
			if msg := brandText(val); msg != "" {
				add(v.Line, "%s %s", key, msg)
				continue
			}
			if key == "firm" {
				b.Firm = val
			} else {
				b.Contact = val
			}
		case "accent":
			c, ok := parseHexColour(val)
			if !ok {
				add(v.Line, "accent %q is not a colour: write it as \"#RRGGBB\" in quotes, e.g. \"#1F6FB2\"", val)
				continue
			}
			if !readable(c) {
				add(v.Line, "accent %s is too light to read on white paper: pick a darker shade (contrast below 3:1)", val)
				continue
			}
			b.Accent, b.Accented = c, true
		case "logo":
			if val == "" {
				add(v.Line, "logo is empty: give the path of a PNG or JPEG, or leave the line out")
				continue
			}
			data, err := readFile(val)
			if err != nil {
				add(v.Line, "logo %s cannot be read (%v): give the path of a PNG or JPEG, relative to the brand file", val, err)
				continue
			}
			if msg := b.setLogo(data); msg != "" {
				add(v.Line, "logo %s %s", val, msg)
			}
		default:
			add(k.Line, "unknown key %q: a brand file has %s", key, strings.Join(brandKeys, ", "))
		}
	}
	if _, ok := seen["firm"]; !ok && len(ps) == 0 {
		add(root.Line, "firm is missing: add a line firm: YOUR FIRM (it heads every page)")
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return b, nil
}

var yamlLineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// brandYAMLError gives a YAML syntax error its line.
func brandYAMLError(name string, data []byte, err error) error {
	m := strings.TrimPrefix(err.Error(), "yaml: ")
	if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
		var n int
		fmt.Sscan(sm[1], &n)
		// The decoder names the line before an unclosed [ or {: point at
		// the line that opens it.
		if open := map[bool]string{true: "[", false: "{"}[strings.Contains(sm[2], "']'")]; strings.Contains(sm[2], "did not find expected ','") {
			lines := strings.Split(string(data), "\n")
			for l := max(n, 1); l <= len(lines) && l <= n+1; l++ {
				if strings.Contains(lines[l-1], open) {
					n = l
					break
				}
			}
		}
		return q.Problems{{File: name, Line: n, Msg: "not valid YAML: " + sm[2] + " (put text with a colon or # in quotes)"}}
	}
	return q.Problems{{File: name, Msg: "not valid YAML: " + m}}
}

// brandText checks a line of text for the page header: "" when fine.
func brandText(s string) string {
	switch {
	case s == "":
		return "is empty: write it, or leave the line out"
	case len([]rune(s)) > maxBrandText:
		return fmt.Sprintf("is %d characters: a page header holds at most %d", len([]rune(s)), maxBrandText)
	case strings.ContainsAny(s, "\n\r"):
		return "must be one line"
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xFFFD {
			return "holds a control character or invalid UTF-8: retype it"
		}
	}
	return ""
}

// setLogo checks and keeps a logo: "" when fine, else what is wrong.
func (b *Brand) setLogo(data []byte) string {
	if len(data) > maxLogoBytes {
		return fmt.Sprintf("is %d KB: use an image of at most %d MB", len(data)>>10, maxLogoBytes>>20)
	}
	if imageType(data) == "" {
		return "is not a PNG or JPEG image: export the logo as PNG"
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Sprintf("cannot be decoded (%v): export it again as PNG", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxLogoPixels || cfg.Height > maxLogoPixels {
		return fmt.Sprintf("is %d×%d pixels: use one between 1 and %d pixels a side", cfg.Width, cfg.Height, maxLogoPixels)
	}
	// A full decode catches truncated files the header alone does not.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Sprintf("is damaged (%v): export it again as PNG", err)
	}
	b.Logo, b.LogoW, b.LogoH = data, cfg.Width, cfg.Height
	return ""
}

// parseHexColour reads #RRGGBB or #RGB (the # is optional).
func parseHexColour(s string) ([3]uint8, bool) {
	var c [3]uint8
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 { // #RGB, as CSS writes it
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return c, false
	}
	for i := 0; i < 3; i++ {
		var v uint8
		if _, err := fmt.Sscanf(s[2*i:2*i+2], "%02x", &v); err != nil {
			return c, false
		}
		c[i] = v
	}
	return c, true
}

// readable reports whether a colour has a contrast of at least 3:1 on
// white, the WCAG 2 minimum for large text such as headings.
func readable(c [3]uint8) bool {
	lum := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	l := 0.2126*lum(c[0]) + 0.7152*lum(c[1]) + 0.0722*lum(c[2])
	return 1.05/(l+0.05) >= 3
}

// HexAccent is the accent as RRGGBB, for Word.
func (b *Brand) HexAccent() string {
	return fmt.Sprintf("%02X%02X%02X", b.Accent[0], b.Accent[1], b.Accent[2])
}

// LoadBrandFile is ParseBrand on a file, with the logo read beside it.
func LoadBrandFile(path string, readFile func(string) ([]byte, error)) (*Brand, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	return ParseBrand(path, data, func(p string) ([]byte, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return readFile(p)
	})
}

// PreparedBy is the cover's "Prepared by": the assessor as given, or, with
// a brand, the assessor's own name and the brand's firm. An assessor given
// as "Name, Firm" (or "Name at Firm", "Name (Firm)") keeps only the name
// under a brand, so the document never names two firms; warning says so
// when the firm given differs from the brand's.
func PreparedBy(assessor string, b *Brand) (text, warning string) {
	assessor = strings.TrimSpace(assessor)
	if b == nil || strings.TrimSpace(b.Firm) == "" {
		return assessor, ""
	}
	firm := strings.TrimSpace(b.Firm)
	name, other := splitAssessor(assessor)
	if other != "" && !strings.EqualFold(other, firm) {
		warning = fmt.Sprintf("the assessor names %q but the brand says %q: the report prints %q; fix the assessor or the brand file", other, firm, joinName(name, firm))
	}
	return joinName(name, firm), warning
}

func joinName(name, firm string) string {
	if name == "" {
		return firm
	}
	return name + ", " + firm
}

// splitAssessor splits "Priya Nair, Northwind Security Partners" (or "…
// at …", "… (…)") into the person and the firm.
func splitAssessor(s string) (name, firm string) {
	if i := strings.Index(s, "("); i > 0 && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1])
	}
	for _, sep := range []string{",", " at ", " @ ", " — ", " - "} {
		if i := strings.Index(s, sep); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):])
		}
	}
	return s, ""
}
