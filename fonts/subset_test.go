package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const vietnamese = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ữ ỹ Ử ằ ẫ ?/.&"

func glyphsOf(t testing.TB, f *Face, text string) []uint16 {
	t.Helper()
	var gs []uint16
	for _, r := range text {
		g, ok := f.GlyphIndex(r)
		if !ok {
			t.Fatalf("no glyph for %q", r)
		}
		if !slices.Contains(gs, g) {
			gs = append(gs, g)
		}
	}
	return gs
}

// outline is a glyph's outline at 1000 ppem, for comparing fonts.
func outline(t *testing.T, f *sfnt.Font, g uint16) sfnt.Segments {
	t.Helper()
	var buf sfnt.Buffer
	segs, err := f.LoadGlyph(&buf, sfnt.GlyphIndex(g), fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("glyph %d: %v", g, err)
	}
	return slices.Clone(segs)
}

// lastKept is the highest glyph a subset of glyphs must hold: the glyphs
// and, through composites, the glyphs they are built from.
func lastKept(t *testing.T, f *Face, glyphs []uint16) int {
	last := 0
	var visit func(g int)
	visit = func(g int) {
		last = max(last, g)
		start, end, err := f.tables.glyphRange(g)
		if err != nil {
			t.Fatal(err)
		}
		parts, _ := components(f.tables["glyf"][start:end])
		for _, c := range parts {
			visit(c)
		}
	}
	for _, g := range glyphs {
		visit(int(g))
	}
	return last
}

// A subset (ISO 32000-1 §9.9, FontFile2) draws every glyph asked for, and
// the glyphs composites are built from, exactly as the full font does;
// other glyphs are empty and the file is a valid TrueType font.
func TestSubsetKeepsOutlines(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for st := Regular; st <= BoldItalic; st++ {
		t.Run(st.String(), func(t *testing.T) {
			face := set.Face(st)
			glyphs := glyphsOf(t, face, vietnamese)
			data, err := face.Subset(glyphs)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > len(face.Data())/5 {
				t.Errorf("subset is %d bytes, the font %d: not a subset", len(data), len(face.Data()))
			}
			sub, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("subset does not parse: %v", err)
			}
			if want := lastKept(t, face, glyphs) + 1; sub.NumGlyphs() != want {
				t.Errorf("subset has %d glyphs, want %d (cut after the last kept)", sub.NumGlyphs(), want)
			}
			composites := 0
			for _, g := range glyphs {
				if got, want := outline(t, sub, g), outline(t, face.font, g); !slices.Equal(got, want) {
					t.Errorf("glyph %d drawn differently in the subset", g)
				}
				start, end, _ := face.tables.glyphRange(int(g))
				if parts, _ := components(face.tables["glyf"][start:end]); len(parts) > 0 {
					composites++
				}
				var buf sfnt.Buffer
				a1, _ := sub.GlyphAdvance(&buf, sfnt.GlyphIndex(g), fixed.I(2048), font.HintingNone)
				a2, _ := face.font.GlyphAdvance(&buf, sfnt.GlyphIndex(g), fixed.I(2048), font.HintingNone)
				if a1 != a2 {
					t.Errorf("glyph %d advance %v in the subset, %v in the font", g, a1, a2)
				}
			}
			if composites == 0 {
				t.Error("no composite glyph among the Vietnamese letters: the component test proves nothing")
			}
			unused, _ := face.GlyphIndex('Z')
			if slices.Contains(glyphs, unused) {
				t.Fatal("Z is used")
			}
			if len(outline(t, sub, unused)) != 0 {
				t.Error("an unused glyph kept its outline")
			}
		})
	}
}

// The table directory and checksums follow the TrueType specification:
// tables in tag order, each checksum right, the whole file summing to
// 0xB1B0AFBA with head's checkSumAdjustment.
func TestSubsetChecksums(t *testing.T) {
	set, _ := Default()
	face := set.Face(Regular)
	data, err := face.Subset(glyphsOf(t, face, "Sở Nội vụ"))
	if err != nil {
		t.Fatal(err)
	}
	if got := checksum(data); got != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", got)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	var tags []string
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		tags = append(tags, tag)
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		table := slices.Clone(data[off : off+length])
		if tag == "head" {
			binary.BigEndian.PutUint32(table[8:], 0)
		}
		if got, want := checksum(table), binary.BigEndian.Uint32(rec[4:]); got != want {
			t.Errorf("table %q checksum %#x, directory says %#x", tag, got, want)
		}
	}
	if !slices.IsSorted(tags) || strings.Join(tags, ",") != "cmap,cvt ,fpgm,glyf,head,hhea,hmtx,loca,maxp,post,prep" {
		t.Errorf("tables %q", tags)
	}
}

func TestSubsetRejectsUnknownGlyph(t *testing.T) {
	set, _ := Default()
	if _, err := set.Face(Regular).Subset([]uint16{0xFFFE}); err == nil {
		t.Fatal("a glyph beyond the font was accepted")
	}
}

// Files that are not TrueType fonts with outlines are refused with a reason,
// before anything tries to embed them (--font-dir reads user files).
func TestReadTablesRejects(t *testing.T) {
	set, _ := Default()
	good := set.Face(Regular).Data()
	withTable := func(tag string, edit func(rec []byte)) []byte {
		b := slices.Clone(good)
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := range n {
			if rec := b[12+16*i:]; string(rec[:4]) == tag {
				edit(rec)
			}
		}
		return b
	}
	hhea := func(edit func(table []byte)) []byte {
		b := slices.Clone(good)
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := range n {
			if rec := b[12+16*i:]; string(rec[:4]) == "hhea" {
				edit(b[binary.BigEndian.Uint32(rec[8:]):])
			}
		}
		return b
	}
	tests := []struct {
		name, want string
		data       []byte
	}{
		{"empty", "quá ngắn", nil},
		{"CFF OpenType", "OpenType CFF", append([]byte("OTTO"), good[4:]...)},
		{"truncated directory", "bị cắt cụt", good[:40]},
		{"table outside the file", "nằm ngoài tệp", withTable("glyf", func(rec []byte) { binary.BigEndian.PutUint32(rec[12:], 1<<30) })},
		{"no glyf", `thiếu bảng "glyf"`, withTable("glyf", func(rec []byte) { copy(rec, "glyX") })},
		{"no horizontal metrics", "không khớp", hhea(func(table []byte) { binary.BigEndian.PutUint16(table[34:], 0) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readTables(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// The font descriptor's figures come from the font's own tables.
func TestMetrics(t *testing.T) {
	set, _ := Default()
	tests := []struct {
		st      Style
		weight  int
		italic  bool
		upem    int
		capLow  int
		capHigh int
	}{
		{Regular, 400, false, 2048, 1300, 1400},
		{Bold, 700, false, 2048, 1300, 1400},
		{Italic, 400, true, 2048, 1300, 1400},
		{BoldItalic, 700, true, 2048, 1300, 1400},
	}
	for _, tt := range tests {
		m := set.Face(tt.st).Metrics()
		if m.Weight != tt.weight || (m.ItalicAngle != 0) != tt.italic || m.UnitsPerEm != tt.upem ||
			m.CapHeight < tt.capLow || m.CapHeight > tt.capHigh || m.Ascent <= m.CapHeight || m.Descent >= 0 ||
			m.BBox[0] >= 0 || m.BBox[2] <= m.BBox[0] {
			t.Errorf("%s: %+v", tt.st, m)
		}
	}
	f := set.Face(Regular)
	g, _ := f.GlyphIndex('m')
	if adv, _ := f.Advance('m'); float64(f.GlyphAdvance(g))/2048 != adv {
		t.Errorf("GlyphAdvance(m) = %d, Advance says %v em", f.GlyphAdvance(g), adv)
	}
}

// Whatever bytes a --font-dir file holds, parsing and embedding fail with
// an error or succeed; they never panic.
func FuzzParse(f *testing.F) {
	set, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	good := set.Face(Regular).Data()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("OTTO"))
	if cff, err := os.ReadFile(filepath.Join("testdata", "CFFTest.otf")); err == nil {
		f.Add(cff)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse(data) // an error or a face, never a panic
		// Parse refuses most mutations in sfnt.Parse already; the embedding
		// code below must hold up even where sfnt is lenient.
		tables, err := readTables(data)
		if err != nil {
			return
		}
		face := &Face{tables: tables}
		face.Metrics()
		for _, g := range []uint16{0, 1, 3, 36, 0xFFFF} {
			face.GlyphAdvance(g)
		}
		if sub, err := face.Subset([]uint16{0, 1, 3, 36}); err == nil {
			if _, err := readTables(sub); err != nil {
				t.Fatalf("a subset does not read back: %v", err)
			}
		}
		if sub, ids, err := face.CompactSubset([]uint16{36, 3, 1, 0}); err == nil {
			if _, err := readTables(sub); err != nil {
				t.Fatalf("a compact subset does not read back: %v", err)
			}
			if len(ids) != 4 || ids[3] != 0 || ids[0] <= ids[1] || ids[1] <= ids[2] {
				t.Fatalf("compact subset ids %v", ids)
			}
		}
	})
}
