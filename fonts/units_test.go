package fonts

import (
	"math"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Text is measured as LibreOffice measures it on its 8640 dpi reference
// device: each glyph's advance in font units scaled to the font's height in
// device units and rounded on its own (13 pt: 1560 units; "a", 909 font
// units, is 692.4: 692), no kerning ("AV" is "A" and "V").
func TestUnitsAreLibreOfficesDeviceUnits(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(Regular)
	if u := face.Units("a", 13); u != 692 {
		t.Errorf(`"a" at 13 pt: %d units, want 692`, u)
	}
	if u := face.Units("aaaa", 13); u != 4*692 {
		t.Errorf(`"aaaa" at 13 pt: %d units, want %d (each glyph rounded)`, u, 4*692)
	}
	if w := face.Width("aaaa", 13); w != float64(4*692)/UnitsPerPoint {
		t.Errorf("Width %v, want Units/120", w)
	}
	// LibreOffice keeps this line whole on 8,790 twips and wraps it on less:
	// 52,736 units are 8,789.3 twips (each glyph rounded to a twip: 8,782;
	// unrounded, 8,791.4).
	if u := face.Units("Sở làm việc theo chế độ thủ trưởng, bảo đảm nguyên tắc tập trung dân chủ; mỗi việc", 13); u != 52736 {
		t.Errorf("%d units, want 52736", u)
	}
	if a, v, av := face.Units("A", 13), face.Units("V", 13), face.Units("AV", 13); av != a+v {
		t.Errorf(`"AV" %d units, "A" and "V" %d: no kerning`, av, a+v)
	}
	// Every face and size, against the font's advances read with sfnt.
	text := "Sở làm việc theo chế độ thủ trưởng, bảo đảm dân chủ; mỗi việc 12/QĐ-STP “89,65%”"
	for st := Regular; st <= BoldItalic; st++ {
		face := set.Face(st)
		f, err := sfnt.Parse(face.Data())
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := fixed.Int26_6(f.UnitsPerEm()) << 6
		for _, size := range []float64{12, 13, 14, 7.5} {
			want := 0.0
			for _, r := range text {
				g, _ := f.GlyphIndex(&buf, r)
				adv, _ := f.GlyphAdvance(&buf, g, upem, font.HintingNone)
				want += math.Floor(float64(adv>>6)*math.Round(size*120)/float64(f.UnitsPerEm()) + 0.5)
			}
			if got := face.Units(text, size); float64(got) != want {
				t.Errorf("%v at %v pt: %d units, want %v", st, size, got, want)
			}
		}
	}
}
