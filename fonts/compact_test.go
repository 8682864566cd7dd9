package fonts

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A compact subset holds the glyphs asked for, .notdef and the components
// of composites, renumbered densely in the face's order: each glyph draws
// and advances as in the full font under its new id (composites through
// their renumbered components), and the tables are sound.
func TestCompactSubset(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for st := Regular; st <= BoldItalic; st++ {
		t.Run(st.String(), func(t *testing.T) {
			face := set.Face(st)
			glyphs := glyphsOf(t, face, vietnamese)
			data, ids, err := face.CompactSubset(glyphs)
			if err != nil {
				t.Fatal(err)
			}
			full, err := face.Subset(glyphs)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) >= len(full)*3/4 {
				t.Errorf("compact subset %d bytes, the id-keeping one %d", len(data), len(full))
			}
			sub, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("subset does not parse: %v", err)
			}
			kept, _ := face.tables.closure(glyphs)
			if sub.NumGlyphs() != len(kept) || len(kept) <= len(glyphs) {
				t.Errorf("subset has %d glyphs, want %d (%d asked for, with .notdef and components)", sub.NumGlyphs(), len(kept), len(glyphs))
			}
			if len(ids) != len(glyphs) {
				t.Fatalf("%d ids for %d glyphs", len(ids), len(glyphs))
			}
			composites := 0
			for i, g := range glyphs {
				n := ids[i]
				if int(n) != slices.Index(kept, int(g)) {
					t.Errorf("glyph %d renumbered %d, want its rank %d", g, n, slices.Index(kept, int(g)))
				}
				if got, want := outline(t, sub, n), outline(t, face.font, g); !slices.Equal(got, want) {
					t.Errorf("glyph %d (now %d) drawn differently in the subset", g, n)
				}
				start, end, _ := face.tables.glyphRange(int(g))
				if parts, _ := components(face.tables["glyf"][start:end]); len(parts) > 0 {
					composites++
				}
				var buf sfnt.Buffer
				a1, _ := sub.GlyphAdvance(&buf, sfnt.GlyphIndex(n), fixed.I(2048), font.HintingNone)
				a2, _ := face.font.GlyphAdvance(&buf, sfnt.GlyphIndex(g), fixed.I(2048), font.HintingNone)
				if a1 != a2 {
					t.Errorf("glyph %d advance %v in the subset, %v in the font", g, a1, a2)
				}
			}
			if composites == 0 {
				t.Error("no composite glyph among the Vietnamese letters: the component test proves nothing")
			}
			tables, err := readTables(data)
			if err != nil {
				t.Fatal(err)
			}
			// Each kept glyph's left side bearing is the face's.
			sf := &Face{tables: tables}
			for n, g := range kept {
				if sf.lsb(n) != face.lsb(g) || sf.GlyphAdvance(uint16(n)) != face.GlyphAdvance(uint16(g)) {
					t.Errorf("glyph %d (now %d): metrics %d/%d, want %d/%d", g, n, sf.GlyphAdvance(uint16(n)), sf.lsb(n), face.GlyphAdvance(uint16(g)), face.lsb(g))
				}
			}
			if f := binary.BigEndian.Uint16(tables["head"][50:]); f != 0 {
				t.Errorf("indexToLocFormat %d: a subset this small takes short offsets", f)
			}
			if got := checksum(data); got != 0xB1B0AFBA {
				t.Errorf("file checksum %#x, want 0xB1B0AFBA", got)
			}
		})
	}
}

// lsb is glyph g's left side bearing from hmtx.
func (f *Face) lsb(g int) int {
	hmtx := f.tables["hmtx"]
	metrics := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	at := 4*g + 2
	if g >= metrics {
		at = 4*metrics + 2*(g-metrics)
	}
	return int(int16(binary.BigEndian.Uint16(hmtx[at:])))
}

// Glyphs given twice or out of order, .notdef itself, and a glyph beyond
// the font.
func TestCompactSubsetInputs(t *testing.T) {
	set, _ := Default()
	face := set.Face(Regular)
	a, _ := face.GlyphIndex('a')
	z, _ := face.GlyphIndex('z')
	data, ids, err := face.CompactSubset([]uint16{z, a, z, 0})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []uint16{2, 1, 2, 0}) {
		t.Errorf("ids %v, want [2 1 2 0]", ids)
	}
	if sub, err := sfnt.Parse(data); err != nil || sub.NumGlyphs() != 3 {
		t.Errorf("subset of .notdef, a, z: %v glyphs, %v", sub.NumGlyphs(), err)
	}
	if _, _, err := face.CompactSubset([]uint16{0xFFFE}); err == nil || !strings.Contains(err.Error(), "vượt quá") {
		t.Errorf("a glyph beyond the font: %v", err)
	}
}

// The same glyphs give the same bytes.
func TestCompactSubsetDeterministic(t *testing.T) {
	set, _ := Default()
	face := set.Face(Bold)
	glyphs := glyphsOf(t, face, vietnamese)
	a, _, _ := face.CompactSubset(glyphs)
	slices.Reverse(glyphs)
	b, _, _ := face.CompactSubset(glyphs)
	if string(a) != string(b) {
		t.Error("the order glyphs are given in changes the subset")
	}
}

func BenchmarkCompactSubsetSeed(b *testing.B) {
	set, _ := Default()
	var glyphs [4][]uint16
	for st := range glyphs {
		glyphs[st] = glyphsOf(b, set.Face(Style(st)), vietnamese+"abcdefghijklmnopqrstuvwxyz0123456789,.;:()")
	}
	b.ReportAllocs()
	for b.Loop() {
		for st := range glyphs {
			if _, _, err := set.Face(Style(st)).CompactSubset(glyphs[st]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
