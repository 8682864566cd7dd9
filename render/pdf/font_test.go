package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/vanban-vn/vanban/fonts"
)

func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The CIDs the content streams write are the face's glyph ids; through the
// CIDToGIDMap each names, in the compact subset, the glyph the face draws
// for it, with the width the W array gives; the ToUnicode map has exactly
// those codes; the CIDs not drawn map to .notdef.
func TestEmbeddedFontsMapCIDsToSubsetGlyphs(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	used := newGlyphUse()
	texts := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Sở Nội vụ, ngày 08/3/2024 … ữ ỹ Ử", "Phụ lục I", "Ω"}
	for st := range used {
		for _, r := range texts[st] + texts[4] {
			used[st][r] = true
		}
	}
	embedded, err := embedFonts(fs, used)
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) != 4 {
		t.Fatalf("%d fonts", len(embedded))
	}
	for _, f := range embedded {
		face := fs.Face(f.style)
		whole, err := sfnt.Parse(face.Data())
		if err != nil {
			t.Fatal(err)
		}
		program := inflate(t, f.program)
		if len(program) != f.length1 {
			t.Errorf("%v: Length1 %d, program %d bytes", f.style, f.length1, len(program))
		}
		sub, err := sfnt.Parse(program)
		if err != nil {
			t.Fatalf("%v: subset does not parse: %v", f.style, err)
		}
		cidToGID := inflate(t, f.cidToGID)
		// The CIDs drawn: the W array's, which must be the ToUnicode map's.
		var cids []int
		widths := map[int]float64{}
		for _, run := range regexp.MustCompile(`(\d+) \[([^\]]*)\]`).FindAllStringSubmatch(f.widths, -1) {
			first, _ := strconv.Atoi(run[1])
			for k, w := range strings.Fields(run[2]) {
				widths[first+k], _ = strconv.ParseFloat(w, 64)
				cids = append(cids, first+k)
			}
		}
		var codes []int
		cmap := string(inflate(t, f.toUnicode))
		cmap = cmap[strings.Index(cmap, "endcodespacerange"):]
		for _, m := range regexp.MustCompile(`<([0-9A-F]{4})> <[0-9A-F]+>`).FindAllStringSubmatch(cmap, -1) {
			c, _ := strconv.ParseInt(m[1], 16, 32)
			codes = append(codes, int(c))
		}
		if !slices.Equal(cids, codes) {
			t.Errorf("%v: W array CIDs %v, ToUnicode codes %v", f.style, cids, codes)
		}
		want := map[int]bool{}
		for r := range used[f.style] {
			g, _ := face.GlyphIndex(r)
			want[int(g)] = true
		}
		if len(want) != len(cids) {
			t.Errorf("%v: %d CIDs for %d glyphs drawn", f.style, len(cids), len(want))
		}
		if len(cidToGID) != 2*(slices.Max(cids)+1) {
			t.Errorf("%v: CIDToGIDMap %d bytes, highest CID %d", f.style, len(cidToGID), slices.Max(cids))
		}
		var buf sfnt.Buffer
		for cid := range len(cidToGID) / 2 {
			gid := binary.BigEndian.Uint16(cidToGID[2*cid:])
			if !want[cid] {
				if gid != 0 {
					t.Errorf("%v: CID %d is not drawn but maps to glyph %d", f.style, cid, gid)
				}
				continue
			}
			if int(gid) >= sub.NumGlyphs() || gid == 0 {
				t.Fatalf("%v: CID %d maps to glyph %d of %d", f.style, cid, gid, sub.NumGlyphs())
			}
			a, err1 := sub.LoadGlyph(&buf, sfnt.GlyphIndex(gid), fixed.I(1000), nil)
			a = slices.Clone(a)
			b, err2 := whole.LoadGlyph(&buf, sfnt.GlyphIndex(cid), fixed.I(1000), nil)
			if err1 != nil || err2 != nil || !slices.Equal(a, b) {
				t.Errorf("%v: CID %d drawn differently by glyph %d of the subset (%v, %v)", f.style, cid, gid, err1, err2)
			}
			adv, _ := sub.GlyphAdvance(&buf, sfnt.GlyphIndex(gid), fixed.I(int(sub.UnitsPerEm())), font.HintingNone)
			if w := float64(adv) / 64 * 1000 / float64(sub.UnitsPerEm()); math.Abs(w-widths[cid]) > 0.005 {
				t.Errorf("%v: CID %d is %v wide in the W array, glyph %d %v in the subset", f.style, cid, widths[cid], gid, w)
			}
		}
	}
}

// Characters beyond the Basic Multilingual Plane map to their UTF-16
// surrogate pair.
func TestToUnicodeCMapEntries(t *testing.T) {
	got := string(toUnicodeCMap([]uint16{3, 0x1234}, map[uint16]rune{3: 'ữ', 0x1234: '𝐀'}))
	if !strings.Contains(got, "2 beginbfchar\n<0003> <1EEF>\n<1234> <D835DC00>\nendbfchar\n") {
		t.Errorf("ToUnicode map:\n%s", got)
	}
}
