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
// The embedded faces are parsed once per process, each on first use
// (Default); a Set is safe for concurrent use.
package fonts

import (
	_ "embed" // the faces, as []byte
	"encoding/binary"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The four faces as the binary holds them. go:embed into a []byte has the
// linker lay the file out as the slice's backing array, in the data section:
// reading a face maps its pages from the executable and copies nothing
// (embed.FS.ReadFile and a string-to-[]byte conversion copy all 1.5 MB on
// every run). They are shared by every Face parsed from them: nothing may
// write to them.
var (
	//go:embed LiberationSerif-Regular.ttf
	regularTTF []byte
	//go:embed LiberationSerif-Bold.ttf
	boldTTF []byte
	//go:embed LiberationSerif-Italic.ttf
	italicTTF []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	boldItalicTTF []byte
)

// embeddedFile returns the embedded font file of a style, uncopied.
func embeddedFile(st Style) []byte {
	switch st {
	case Bold:
		return boldTTF
	case Italic:
		return italicTTF
	case BoldItalic:
		return boldItalicTTF
	}
	return regularTTF
}

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

// Face is one parsed font file with its character map and advance widths
// tabled for fast measuring.
type Face struct {
	data       []byte
	font       *sfnt.Font
	unitsPerEm float64
	glyphs     []uint16        // glyph ids below denseLimit (0: not in the font), the hot path
	dense      []uint16        // their advances in font units
	rare       map[rune]uint16 // glyph ids of the code points from denseLimit on
	ascent     float64         // in em
	descent    float64         // in em, positive
	lineGap    float64         // in em
	italic     bool            // head.macStyle says italic
	tables     sfntTables      // the raw tables, for embedding (subset.go)
}

// Set is the four faces of one family.
type Set struct {
	Family string
	faces  [4]*Face   // parsed when the set is made (LoadDir)
	lazy   *lazyFaces // or parsed on first use (the embedded family)
}

// Face returns the face for a style.
func (s *Set) Face(st Style) *Face {
	if s.lazy != nil {
		return s.lazy.face(st)
	}
	return s.faces[st]
}

// Default returns the embedded Liberation Serif family. The set is made
// once per process and shared; each face is parsed the first time it is
// asked for (Set.Face), so a document that never sets bold italic never
// parses it. Default itself only reads the four table directories, so that
// a build whose font files are not fonts (a Git LFS pointer, say) fails
// here with an error.
func Default() (*Set, error) {
	defaultOnce.Do(func() {
		for st := Regular; st <= BoldItalic; st++ {
			if _, err := readTables(embeddedFile(st)); err != nil {
				defaultErr = fmt.Errorf("fonts: embedded %s: %w", fileNames[st], err)
				return
			}
		}
		defaultSet = &Set{Family: "Liberation Serif", lazy: &lazyFaces{}}
	})
	return defaultSet, defaultErr
}

// The embedded set, made by the first Default (not when the package
// starts: a run that loads --font-dir never makes it).
var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// lazyFaces parses the embedded faces on first use. It is the package's
// only mutable state, and it only ever goes from unparsed to parsed: each
// face is parsed under its own sync.Once and published through an atomic
// pointer, so readers after the first take one atomic load and concurrent
// first readers wait for the one parse.
type lazyFaces struct {
	once   [4]sync.Once
	parsed [4]atomic.Pointer[Face]
}

func (l *lazyFaces) face(st Style) *Face {
	if f := l.parsed[st].Load(); f != nil {
		return f
	}
	return l.parse(st)
}

func (l *lazyFaces) parse(st Style) *Face {
	l.once[st].Do(func() {
		f, err := Parse(embeddedFile(st))
		if err != nil {
			// The files are part of the binary and their tables were read
			// by Default; the tests parse all four.
			panic(fmt.Sprintf("fonts: embedded %s: %v", fileNames[st], err))
		}
		l.parsed[st].Store(f)
	})
	return l.parsed[st].Load()
}

// denseLimit bounds the code points kept in flat tables: Latin, the
// combining marks, Greek, Cyrillic, Vietnamese precomposed letters and
// general punctuation. The rest of the character map is in a map.
const denseLimit = 0x2070

// Stand-ins for characters a font may lack, drawn and measured with
// another glyph while they keep their meaning in line breaking
// (package linebreak): U+2011, the non-breaking hyphen Word inserts and
// Liberation Serif and Times New Roman lack, is drawn as a hyphen; a
// no-break space as a space.
var standIns = [][2]rune{{0x2011, '-'}, {0x00A0, ' '}}

// Parse reads a TrueType font and tables its character map and advance
// widths.
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
	face := &Face{data: data, font: f, unitsPerEm: float64(upem), tables: tables,
		glyphs: make([]uint16, denseLimit), dense: make([]uint16, denseLimit), rare: map[rune]uint16{}}
	if head := tables["head"]; len(head) >= 46 {
		face.italic = binary.BigEndian.Uint16(head[44:])&2 != 0
	}
	numGlyphs := f.NumGlyphs()
	add := func(r rune, g uint16) {
		if r < denseLimit {
			face.glyphs[r] = g
			face.dense[r] = uint16(face.GlyphAdvance(g))
		} else {
			face.rare[r] = g
		}
	}
	if err := readCmap(tables["cmap"], numGlyphs, add); err != nil {
		// A character map this reader does not know: ask sfnt, code
		// point by code point, over the Basic Multilingual Plane.
		var buf sfnt.Buffer
		for r := rune(0); r <= 0xFFFF; r++ {
			if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 && int(gi) < numGlyphs {
				add(r, uint16(gi))
			}
		}
	}
	for _, s := range standIns {
		if _, ok := face.GlyphIndex(s[0]); !ok {
			if g, ok := face.GlyphIndex(s[1]); ok {
				add(s[0], g)
			}
		}
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(upem) << 6
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
// stream names with Identity-H encoding), and whether the font has it: every
// code point its character map maps, and U+2011 and U+00A0 drawn as a
// hyphen and a space when it has no glyph of their own.
func (f *Face) GlyphIndex(r rune) (uint16, bool) {
	if r >= 0 && r < denseLimit {
		g := f.glyphs[r]
		return g, g != 0
	}
	g, ok := f.rare[r]
	return g, ok
}

// Has reports whether the face draws r with a glyph of its own (or its
// stand-in) rather than as "?".
func (f *Face) Has(r rune) bool {
	_, ok := f.GlyphIndex(r)
	return ok
}

// Data returns the font file as embedded, for writers that embed it. It is
// the face's own memory (for the embedded faces, the binary's): read it,
// never write to it.
func (f *Face) Data() []byte { return f.data }

// Advance returns the advance width of r in em, and whether the font has it.
func (f *Face) Advance(r rune) (float64, bool) {
	if r >= 0 && r < denseLimit {
		if f.glyphs[r] == 0 {
			return 0, false
		}
		return float64(f.dense[r]) / f.unitsPerEm, true
	}
	g, ok := f.rare[r]
	if !ok {
		return 0, false
	}
	return float64(f.GlyphAdvance(g)) / f.unitsPerEm, true
}

// UnitsPerPoint is the resolution of LibreOffice Writer's reference device
// for layout, 8640 dpi (VirtualDevice::RefDevMode::MSO1): 6 device units a
// twip, 120 a point. Writer sets text out on it, in twips.
const UnitsPerPoint = 120

// Units returns the advance width of text set at size points the way
// LibreOffice 7.4 Writer measures it, in its device units (UnitsPerPoint):
// HarfBuzz's advance of each glyph in font units scaled to the font's height
// in device units (13 pt: 1560) and rounded, each glyph on its own
// (GenericSalLayout::LayoutText), with no kerning (a DOCX that does not ask
// for it, w:kern, gets none) and no ligatures (Liberation Serif has none by
// default). Code points the font lacks count as "?".
//
// Fitted to LibreOffice's own line breaks: for 144 strings of Vietnamese
// text at 12, 13 and 14 pt, regular and bold, the narrowest measure in
// twips on which LibreOffice keeps each on one line is the one this width
// gives (its device units over six, rounded up) for 139; the other five
// hold non-breaking hyphens, which linebreak accounts for. Each glyph
// rounded to a twip instead gets 6 of the 144 right (off by -17 to +8
// twips); HarfBuzz's kerning on, 64.
func (f *Face) Units(text string, size float64) int {
	scale := math.Round(size*UnitsPerPoint) / f.unitsPerEm
	units := 0
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		var adv float64
		if r >= 0 && r < denseLimit {
			if f.glyphs[r] == 0 {
				r = '?'
			}
			adv = float64(f.dense[r])
		} else if g, ok := f.rare[r]; ok {
			adv = float64(f.GlyphAdvance(g))
		} else {
			adv = float64(f.dense['?'])
		}
		// std::lround: half away from zero; advances are not negative.
		units += int(adv*scale + 0.5)
	}
	return units
}

// Width returns the advance width of text set at size points, in points, as
// LibreOffice measures it (Units): a multiple of 1/120 pt. Measuring the same
// way is what makes lines break where LibreOffice breaks them. Code points
// the font lacks count as "?".
func (f *Face) Width(text string, size float64) float64 {
	return float64(f.Units(text, size)) / UnitsPerPoint
}

// LineHeight returns the font's natural single line height (ascent + descent +
// line gap) at size points, in points: what word processors call "single".
func (f *Face) LineHeight(size float64) float64 {
	return (f.ascent + f.descent + f.lineGap) * size
}

// Italic reports whether the face is an italic one (its head table says so):
// LibreOffice keeps room at the end of a line of italic text (package
// linebreak).
func (f *Face) Italic() bool { return f.italic }

// Ascent returns the ascent at size points, in points.
func (f *Face) Ascent(size float64) float64 { return f.ascent * size }

// Descent returns the descent (positive) at size points, in points.
func (f *Face) Descent(size float64) float64 { return f.descent * size }
