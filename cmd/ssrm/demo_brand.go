package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/ssrm/ssrm/assets"
	"github.com/ssrm/ssrm/reports"
)

// The demo shows a consultancy's brand on its reports: the brand file is
// embedded (assets/demo-brand.yaml), its logo is drawn here, and both are
// written beside the demo's reports so a consultant sees how --brand works.

const (
	demoBrandFile = "demo-brand.yaml"
	demoLogoFile  = "demo-logo.png"
)

// demoLogo draws the fictional firm's logo: a rounded accent square with a
// white F, and the word Fabrikam beside it, on a transparent ground.
func demoLogo() ([]byte, error) {
	const w, h = 470, 120
	accent := color.NRGBA{0x1F, 0x5F, 0xA8, 255}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	// rounded square, 120×120, corner radius 22
	const side, rad = 120, 22
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			cx, cy := clampCorner(x, rad, side), clampCorner(y, rad, side)
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy <= rad*rad {
				img.SetNRGBA(x, y, accent)
			}
		}
	}
	ttf, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	text := func(s string, size float64, x, y int, c color.Color) error {
		face, err := opentype.NewFace(ttf, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return err
		}
		defer face.Close()
		d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
		d.DrawString(s)
		return nil
	}
	if err := text("F", 96, 30, 96, color.White); err != nil {
		return nil, err
	}
	if err := text("Fabrikam", 70, 138, 86, accent); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// clampCorner is the nearest point of the inner square (inset by rad) on
// one axis: a pixel is inside the rounded square when it lies within rad
// of that point.
func clampCorner(v, rad, side int) int {
	return max(rad, min(v, side-1-rad))
}

// demoBrand writes the demo's brand file and logo into dir and loads them
// as `ssrm report --brand` would.
func demoBrand(dir string) (*reports.Brand, []string, error) {
	logo, err := demoLogo()
	if err != nil {
		return nil, nil, fmt.Errorf("demo logo: %w", err)
	}
	brandPath, logoPath := filepath.Join(dir, demoBrandFile), filepath.Join(dir, demoLogoFile)
	if err := os.WriteFile(logoPath, logo, 0o644); err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	if err := os.WriteFile(brandPath, assets.DemoBrand, 0o644); err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	b, err := reports.LoadBrandFile(brandPath, os.ReadFile)
	if err != nil {
		return nil, nil, fmt.Errorf("the built-in demo brand does not load: %w", err)
	}
	return b, []string{brandPath, logoPath}, nil
}
