package reports

import (
	"bytes"

	"github.com/jung-kurt/gofpdf"
)

// The consultancy's brand on the PDF (Meta.Brand): its logo and name at
// the left of every running header, its accent on the headings, its
// contact line in the footer. Kept apart from the layout code so the
// sections can change without touching it.

// Header geometry of the brand mark (mm): the logo fits a box this high,
// at most this wide, above the header rule at y = 15.
const (
	brandLogoH    = 7.0
	brandLogoMaxW = 28.0
	brandGap      = 3.0
)

// brandHeader draws the brand's logo and firm name at the left of the
// running header and returns the width it took (0 without a brand), so
// the header's own text starts after it.
func (d *pdfDoc) brandHeader() float64 {
	b := d.m.Brand
	if b == nil {
		return 0
	}
	f := d.f
	x := marginL
	if len(b.Logo) > 0 {
		opt := gofpdf.ImageOptions{ImageType: imageType(b.Logo)}
		info := f.RegisterImageOptionsReader("brandlogo", opt, bytes.NewReader(b.Logo))
		if !f.Err() && info != nil {
			iw, ih := info.Extent()
			if iw > 0 && ih > 0 {
				h := brandLogoH
				w := iw * h / ih
				if w > brandLogoMaxW {
					w, h = brandLogoMaxW, ih*brandLogoMaxW/iw
				}
				f.ImageOptions("brandlogo", x, 14-h, w, h, false, opt, 0, "")
				x += w + brandGap
			}
		}
	}
	if b.Firm != "" {
		d.font("B", 7.5)
		d.textColor(d.accent(colNavy))
		name := d.clip(d.safe(b.Firm), contentW*0.3)
		w := f.GetStringWidth(name) + 2*f.GetCellMargin()
		f.SetXY(x, 10)
		f.CellFormat(w, 4, name, "", 0, "L", false, 0, "")
		x += w + 1
	}
	return x - marginL
}

// brandFooter writes the brand's contact line under the footer rule,
// centred below the date and page number.
func (d *pdfDoc) brandFooter() {
	b := d.m.Brand
	if b == nil || b.Contact == "" {
		return
	}
	f := d.f
	d.font("", 7)
	d.textColor(colMuted)
	f.SetXY(marginL, pageH-8)
	f.CellFormat(contentW, 3.5, d.clip(d.safe(b.Contact), contentW), "", 0, "C", false, 0, "")
}

// accent is the brand's accent colour, or c without a brand that sets one.
func (d *pdfDoc) accent(c rgb) rgb {
	if b := d.m.Brand; b != nil && b.Accented {
		return rgb{int(b.Accent[0]), int(b.Accent[1]), int(b.Accent[2])}
	}
	return c
}
