// Package fonts embeds Liberation Serif 2.1.5 (SIL OFL 1.1, see OFL.txt), the
// metric-compatible stand-in for Times New Roman that Decree 30 prescribes, and
// measures text with its advance widths.
//
// The layout needs real widths to place what Decree 30 defines by length: the
// rule under the Tiêu ngữ is as long as its text, the rule under the agency is
// 1/3–1/2 of the name, the Kính gửi dashes stand under the colon. Because the
// widths are identical to Times New Roman's, what is measured here is what Word
// and LibreOffice lay out.
//
// Faces are parsed once per process (Default); a Set is immutable and safe for
// concurrent use.
package fonts

import (
	"embed"
	"fmt"
	"math"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

//go:embed LiberationSerif-Regular.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf LiberationSerif-BoldItalic.ttf
var embedded embed.FS

// Style selects one of the four faces of the family.
type Style int

const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// StyleOf returns the face style for a run's weight and slant.
func StyleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

func (s Style) String() string {
	return [...]string{"Regular", "Bold", "Italic", "BoldItalic"}[s]
}

var fileNames = [4]string{
	"LiberationSerif-Regular.ttf",
	"LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf",
	"LiberationSerif-BoldItalic.ttf",
}

// Face is one parsed font file with a precomputed advance table for the
// scripts an administrative document uses.
type Face struct {
	data       []byte
	font       *sfnt.Font
	unitsPerEm float64
	advances   map[rune]uint16 // in font units; precomputed, never written after Parse
	dense      []uint16        // advances below denseLimit (0: not in the font), the hot path
	glyphs     []uint16        // glyph ids below denseLimit (0: not in the font)
	ascent     float64         // in em
	descent    float64         // in em, positive
	lineGap    float64         // in em
	tables     sfntTables      // the raw tables, for embedding (subset.go)
}

// Set is the four faces of one family.
type Set struct {
	Family string
	faces  [4]*Face
}

// Face returns the face for a style.
func (s *Set) Face(st Style) *Face { return s.faces[st] }

// Default returns the embedded Liberation Serif family, parsed on first use
// and shared afterwards.
func Default() (*Set, error) { return defaultSet() }

var defaultSet = sync.OnceValues(func() (*Set, error) {
	set := &Set{Family: "Liberation Serif"}
	for st, name := range fileNames {
		data, err := embedded.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("fonts: reading embedded %s: %w", name, err)
		}
		face, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", name, err)
		}
		set.faces[st] = face
	}
	return set, nil
})

// precomputedRanges are the code points whose widths are tabled at parse time:
// Latin with every Vietnamese letter (precomposed), punctuation and symbols.
var precomputedRanges = [][2]rune{
	{0x0020, 0x024F}, // Basic Latin .. Latin Extended-B (ă, đ, ơ, ư)
	{0x0300, 0x036F}, // combining marks
	{0x1E00, 0x1EFF}, // Latin Extended Additional (ạ … ỹ)
	{0x2000, 0x206F}, // general punctuation (…, –, “ ”)
	{0x20AB, 0x20AB}, // ₫
}

// denseLimit bounds the code points kept in a flat table: Latin, the
// combining marks and Vietnamese precomposed letters, punctuation.
const denseLimit = 0x2070

// Parse reads a TrueType font and tables its advance widths.
func Parse(data []byte) (*Face, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	tables, err := readTables(data)
	if err != nil {
		return nil, err
	}
	upem := f.UnitsPerEm()
	face := &Face{data: data, font: f, unitsPerEm: float64(upem), advances: make(map[rune]uint16, 2048), tables: tables}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(upem) << 6
	for _, r := range precomputedRanges {
		for c := r[0]; c <= r[1]; c++ {
			gi, err := f.GlyphIndex(&buf, c)
			if err != nil || gi == 0 {
				continue
			}
			adv, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
			if err != nil {
				continue
			}
			face.advances[c] = uint16(adv >> 6)
			if c < denseLimit {
				if face.glyphs == nil {
					face.glyphs = make([]uint16, denseLimit)
				}
				face.glyphs[c] = uint16(gi)
			}
		}
	}
	face.dense = make([]uint16, denseLimit)
	for r, a := range face.advances {
		if r < denseLimit {
			face.dense[r] = a
		}
	}
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("reading metrics: %w", err)
	}
	face.ascent = float64(m.Ascent) / 64 / face.unitsPerEm
	face.descent = float64(m.Descent) / 64 / face.unitsPerEm
	face.lineGap = float64(m.Height-m.Ascent-m.Descent) / 64 / face.unitsPerEm
	return face, nil
}

// GlyphIndex returns the glyph id of r in the font (the id a PDF content
// stream names with Identity-H encoding), and whether the font has it.
func (f *Face) GlyphIndex(r rune) (uint16, bool) {
	if r >= 0 && r < denseLimit && f.glyphs != nil {
		g := f.glyphs[r]
		return g, g != 0
	}
	var buf sfnt.Buffer
	gi, err := f.font.GlyphIndex(&buf, r)
	if err != nil || gi == 0 {
		return 0, false
	}
	return uint16(gi), true
}

// Data returns the font file as embedded, for writers that embed it.
func (f *Face) Data() []byte { return f.data }

// Advance returns the advance width of r in em, and whether the font has it.
func (f *Face) Advance(r rune) (float64, bool) {
	if r >= 0 && r < denseLimit && f.dense[r] != 0 {
		return float64(f.dense[r]) / f.unitsPerEm, true
	}
	if a, ok := f.advances[r]; ok {
		return float64(a) / f.unitsPerEm, true
	}
	// Rare code points: look them up without caching, so the Face stays immutable.
	var buf sfnt.Buffer
	gi, err := f.font.GlyphIndex(&buf, r)
	if err != nil || gi == 0 {
		return 0, false
	}
	adv, err := f.font.GlyphAdvance(&buf, gi, fixed.Int26_6(f.unitsPerEm)<<6, font.HintingNone)
	if err != nil {
		return 0, false
	}
	return float64(adv>>6) / f.unitsPerEm, true
}

// Width returns the advance width of text set at size points, in points, as
// word processors measure it: each glyph's advance rounded to a twip (1/20
// pt). Measuring the same way is what makes lines break where Word and
// LibreOffice break them. Code points the font lacks count as "?".
func (f *Face) Width(text string, size float64) float64 {
	twips := 0.0
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		a, ok := f.Advance(r)
		if !ok {
			a, _ = f.Advance('?')
		}
		twips += math.Round(a * size * 20)
	}
	return twips / 20
}

// LineHeight returns the font's natural single line height (ascent + descent +
// line gap) at size points, in points: what word processors call "single".
func (f *Face) LineHeight(size float64) float64 {
	return (f.ascent + f.descent + f.lineGap) * size
}

// Ascent returns the ascent at size points, in points.
func (f *Face) Ascent(size float64) float64 { return f.ascent * size }

// Descent returns the descent (positive) at size points, in points.
func (f *Face) Descent(size float64) float64 { return f.descent * size }
