package fonts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/vanban-vn/vanban/fonts/fontstest"
)

// Every code point a face's character map maps is drawn with its glyph and
// measured with its advance, in all four faces: the character map is walked
// by golang.org/x/image/font/sfnt, code point by code point over all of
// Unicode, independently of our reader. Nothing else has a glyph, except
// the stand-ins U+2011 (drawn as a hyphen) and U+00A0 (as a space).
func TestEveryMappedCodePointHasItsGlyph(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for st := Regular; st <= BoldItalic; st++ {
		face := set.Face(st)
		f, err := sfnt.Parse(face.Data())
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := fixed.Int26_6(f.UnitsPerEm()) << 6
		mapped, wrong := 0, 0
		for r := rune(0); r <= 0x10FFFF; r++ {
			want, err := f.GlyphIndex(&buf, r)
			if err != nil {
				want = 0
			}
			got, ok := face.GlyphIndex(r)
			switch {
			case want != 0:
				mapped++
				adv, err := f.GlyphAdvance(&buf, want, upem, font.HintingNone)
				a, aok := face.Advance(r)
				if !ok || got != uint16(want) || err != nil || !aok || a != float64(adv>>6)/float64(f.UnitsPerEm()) {
					if wrong++; wrong <= 5 {
						t.Errorf("%v U+%04X: glyph %d (%v), advance %v; the cmap says glyph %d, advance %v", st, r, got, ok, a, want, adv>>6)
					}
				}
			case r == 0x2011:
				if hyphen, _ := face.GlyphIndex('-'); got != hyphen {
					t.Errorf("%v: U+2011 drawn with glyph %d, not the hyphen's %d", st, got, hyphen)
				}
			case ok:
				t.Errorf("%v U+%04X: glyph %d, but the font does not map it", st, r, got)
			}
		}
		if wrong > 5 {
			t.Errorf("%v: %d code points wrong in all", st, wrong)
		}
		if mapped < 2300 {
			t.Errorf("%v: only %d code points mapped", st, mapped)
		}
		for _, r := range []rune{'α', 'β', 'Ω', 'Ж', 'я', 'א', 'ạ', 'ữ', '₫', '\u00a0', '\u2011'} {
			if !face.Has(r) {
				t.Errorf("%v lacks %q", st, r)
			}
		}
		for _, r := range []rune{'℃', '😀', '\u4e2d'} {
			if face.Has(r) {
				t.Errorf("%v claims %q", st, r)
			}
		}
	}
}

// Faces from a folder (vanban --font-dir) are read the same way: a font
// whose character map leaves out Greek and the ellipsis has neither, and
// draws U+2011 as its hyphen; a family that cannot draw Vietnamese is
// refused with the letters it lacks.
func TestLoadDirCharacterMap(t *testing.T) {
	write := func(drop func(rune) bool) string {
		dir := t.TempDir()
		for _, name := range fileNames {
			data, err := embedded.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if data, err = fontstest.Without(data, drop); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	greek := func(r rune) bool { return r >= 0x370 && r <= 0x3FF || r == 0x2010 }
	set, err := LoadDir(write(greek))
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Default()
	for st := Regular; st <= BoldItalic; st++ {
		face := set.Face(st)
		for _, r := range "Aaz~ -ạĐữ…Ж" {
			g, ok := face.GlyphIndex(r)
			want, _ := def.Face(st).GlyphIndex(r)
			if !ok || g != want {
				t.Errorf("%v %q: glyph %d (%v), want %d", st, r, g, ok, want)
			}
		}
		for _, r := range "αΩ\u2010" {
			if face.Has(r) {
				t.Errorf("%v: the font without Greek has %q", st, r)
			}
		}
		if g, _ := face.GlyphIndex('\u2011'); g == 0 || !face.Has('\u2011') {
			t.Errorf("%v: U+2011 not drawn as the hyphen", st)
		}
	}
	_, err = LoadDir(write(func(r rune) bool { return r == 'ữ' || r == 'Ữ' }))
	if err == nil || !strings.Contains(err.Error(), "không có chữ tiếng Việt: thiếu Ữ ữ") {
		t.Errorf("a family without ữ: %v", err)
	}
}
