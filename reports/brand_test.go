package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
	q "github.com/ssrm/ssrm/questionnaire"
)

// testLogo is a w×h PNG: a navy block with a teal bar.
func testLogo(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{22, 43, 72, 255}
			if y > h*3/4 {
				c = color.RGBA{0, 121, 128, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// brandFiles serves the brand testdata folder with logo.png made up.
func brandFiles(t testing.TB) func(string) ([]byte, error) {
	logo := testLogo(t, 120, 40)
	return func(p string) ([]byte, error) {
		if filepath.Base(p) == "logo.png" {
			return logo, nil
		}
		return os.ReadFile(p)
	}
}

func TestLoadBrandGood(t *testing.T) {
	b, err := LoadBrandFile("testdata/brand/good.yaml", brandFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	if b.Firm != "Fabrikam Security Partners" || !strings.HasPrefix(b.Contact, "assess@fabrikam.example") {
		t.Errorf("firm %q contact %q", b.Firm, b.Contact)
	}
	if !b.Accented || b.HexAccent() != "1F5FA8" {
		t.Errorf("accent %v %s", b.Accented, b.HexAccent())
	}
	if b.LogoW != 120 || b.LogoH != 40 || imageType(b.Logo) != "PNG" {
		t.Errorf("logo %dx%d %q", b.LogoW, b.LogoH, imageType(b.Logo))
	}
	m, err := LoadBrandFile("testdata/brand/minimal.yaml", os.ReadFile)
	if err != nil || m.Firm != "Solo Consulting" || m.Accented || m.Logo != nil {
		t.Errorf("minimal: %+v %v", m, err)
	}
}

// Each bad file is refused with its file, the line to fix and what to do.
func TestLoadBrandErrors(t *testing.T) {
	cases := []struct {
		file string
		line int
		want string
	}{
		{"bad-accent.yaml", 2, `accent "blue" is not a colour`},
		{"light-accent.yaml", 2, "too light to read"},
		{"unknown-key.yaml", 2, `unknown key "colour"`},
		{"duplicate.yaml", 3, "firm is given twice (first on line 1)"},
		{"missing-logo.yaml", 2, "logo nowhere.png cannot be read"},
		{"not-image.yaml", 2, "is not a PNG or JPEG"},
		{"syntax.yaml", 2, "not valid YAML"},
		{"list.yaml", 1, "must be key: value lines"},
		{"alias.yaml", 2, "firm must be plain text"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := "testdata/brand/" + c.file
			_, err := LoadBrandFile(path, os.ReadFile)
			ps, ok := q.AsProblems(err)
			if !ok || len(ps) == 0 {
				t.Fatalf("want problems, got %v", err)
			}
			want := fmt.Sprintf("%s:%d: ", path, c.line)
			if !strings.HasPrefix(ps[0].String(), want) || !strings.Contains(ps[0].Msg, c.want) {
				t.Errorf("got %q, want %q… %q", ps[0].String(), want, c.want)
			}
		})
	}
	_, err := ParseBrand("b.yaml", []byte("contact: x\n"), os.ReadFile)
	if err == nil || !strings.Contains(err.Error(), "firm is missing") {
		t.Errorf("missing firm: %v", err)
	}
	_, err = ParseBrand("b.yaml", nil, os.ReadFile)
	if err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty: %v", err)
	}
	huge := testLogo(t, 5000, 2)
	_, err = ParseBrand("b.yaml", []byte("firm: A\nlogo: x.png\n"), func(string) ([]byte, error) { return huge, nil })
	if err == nil || !strings.Contains(err.Error(), "b.yaml:2: logo x.png is 5000×2 pixels") {
		t.Errorf("huge logo: %v", err)
	}
	cut := testLogo(t, 50, 50)
	_, err = ParseBrand("b.yaml", []byte("firm: A\nlogo: x.png\n"), func(string) ([]byte, error) { return cut[:len(cut)-30], nil })
	if err == nil || !strings.Contains(err.Error(), "b.yaml:2: logo x.png is damaged") {
		t.Errorf("truncated logo: %v", err)
	}
}

// The loader faces hand-edited files: whatever the bytes, it returns a
// brand whose fields are what a header can print, or problems with the
// file named, never a panic or a hang. Seeds are testdata/brand/*.yaml.
func FuzzParseBrand(f *testing.F) {
	files, _ := fs.Glob(os.DirFS("testdata/brand"), "*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join("testdata/brand", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if len(files) == 0 {
		f.Fatal("no seeds in testdata/brand")
	}
	logo := testLogo(f, 30, 10)
	read := func(p string) ([]byte, error) {
		if p == "logo.png" {
			return logo, nil
		}
		if p == "self" {
			return []byte("firm: x"), nil
		}
		return nil, fs.ErrNotExist
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzlimit.Run(t, data, func() error {
			b, err := ParseBrand("fuzz.yaml", data, read)
			if err != nil {
				ps, ok := q.AsProblems(err)
				if !ok || len(ps) == 0 {
					return fmt.Errorf("error without problems: %v", err)
				}
				for _, p := range ps {
					if p.File != "fuzz.yaml" || p.Msg == "" {
						return fmt.Errorf("problem without file or message: %+v", p)
					}
				}
				return nil
			}
			if b.Firm == "" || brandText(b.Firm) != "" {
				return fmt.Errorf("accepted firm %q", b.Firm)
			}
			if b.Contact != "" && brandText(b.Contact) != "" {
				return fmt.Errorf("accepted contact %q", b.Contact)
			}
			if b.Logo != nil && (imageType(b.Logo) == "" || b.LogoW <= 0) {
				return fmt.Errorf("accepted logo of %d bytes", len(b.Logo))
			}
			if b.Accented && !readable(b.Accent) {
				return fmt.Errorf("accepted unreadable accent %v", b.Accent)
			}
			return nil
		})
	})
}

func TestParseHexColour(t *testing.T) {
	for in, want := range map[string][3]uint8{"#1F5FA8": {0x1F, 0x5F, 0xA8}, "1f5fa8": {0x1F, 0x5F, 0xA8}, "#135": {0x11, 0x33, 0x55}} {
		if got, ok := parseHexColour(in); !ok || got != want {
			t.Errorf("%s: %v %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "#12", "#12345", "#GGGGGG", "blue", "#1F5FA8FF"} {
		if _, ok := parseHexColour(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
