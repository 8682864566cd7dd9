package pdf

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/vanban-vn/vanban/fonts"
)

// Each face a document draws with is embedded as a Type 0 font with
// Identity-H encoding over a CIDFontType2 whose CIDs are the TrueType glyph
// ids (ISO 32000-1 §9.7): the content stream writes glyph ids (content.go),
// the W array gives their widths, the font program is a subset of the face
// (fonts.Face.Subset) and a ToUnicode map turns glyphs back into text, so
// that the text extracts exactly as written.

// objectsPerFont: Type 0 font, CID font, descriptor, font program,
// ToUnicode map.
const objectsPerFont = 5

// embeddedFont is one face ready to write.
type embeddedFont struct {
	style     fonts.Style
	name      string // with its subset tag
	metrics   fonts.Metrics
	widths    string // the W array's contents
	program   []byte // compressed subset
	length1   int    // its uncompressed length
	toUnicode []byte // compressed CMap
}

// embedFonts prepares the faces the pages drew with, in style order; the
// faces are independent, so they are subset and compressed side by side.
func embedFonts(fs *fonts.Set, used *glyphUse) ([]embeddedFont, error) {
	var out []embeddedFont
	for st := fonts.Regular; st <= fonts.BoldItalic; st++ {
		if len(used[st]) > 0 {
			out = append(out, embeddedFont{style: st})
		}
	}
	errs := make([]error, len(out))
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { errs[i] = out[i].prepare(fs, used[out[i].style]) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (f *embeddedFont) prepare(fs *fonts.Set, runes map[rune]bool) error {
	face := fs.Face(f.style)
	// Glyph → the character it stands for; where several characters share
	// a glyph (a space and a no-break space), the lowest code point.
	byGlyph := map[uint16]rune{}
	for r := range runes {
		g, ok := face.GlyphIndex(r)
		if !ok {
			return fmt.Errorf("%s lacks %q", fs.Family, r)
		}
		if prev, seen := byGlyph[g]; !seen || r < prev {
			byGlyph[g] = r
		}
	}
	glyphs := make([]uint16, 0, len(byGlyph))
	for g := range byGlyph {
		glyphs = append(glyphs, g)
	}
	slices.Sort(glyphs)

	program, err := face.Subset(glyphs)
	if err != nil {
		return fmt.Errorf("subsetting %s %s: %w", fs.Family, f.style, err)
	}
	f.length1 = len(program)
	if f.program, err = compress(program); err != nil {
		return err
	}
	if f.toUnicode, err = compress(toUnicodeCMap(glyphs, byGlyph)); err != nil {
		return err
	}
	f.metrics = face.Metrics()
	f.widths = widthArray(glyphs, face, f.metrics.UnitsPerEm)
	f.name = subsetTag(fs.Family, f.style, glyphs) + "+" + pdfName(fs.Family) + "-" + f.style.String()
	return nil
}

// write writes the font's objects, numbered from first.
func (f *embeddedFont) write(w *objectWriter, first int) {
	cid, descriptor, program, toUnicode := first+1, first+2, first+3, first+4
	w.object(first, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		f.name, cid, toUnicode))
	w.object(cid, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [%s]>>",
		f.name, descriptor, f.widths))
	m := f.metrics
	units := func(v int) string { return decimal(float64(v) * 1000 / float64(m.UnitsPerEm)) }
	// Flags: symbolic (4), since Vietnamese letters lie outside the Adobe
	// standard Latin set; italic (64) for a slanted face.
	flags := 4
	if m.ItalicAngle != 0 {
		flags |= 64
	}
	// StemV is not in a TrueType font; this is the usual estimate from the
	// weight class.
	stemV := 50 + math.Round(math.Pow(float64(m.Weight)/65, 2))
	w.object(descriptor, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /XHeight %s /StemV %s /FontFile2 %d 0 R>>",
		f.name, flags, units(m.BBox[0]), units(m.BBox[1]), units(m.BBox[2]), units(m.BBox[3]),
		decimal(m.ItalicAngle), units(m.Ascent), units(m.Descent), units(m.CapHeight), units(m.XHeight), decimal(stemV), program))
	w.stream(program, fmt.Sprintf(" /Filter /FlateDecode /Length1 %d", f.length1), f.program)
	w.stream(toUnicode, " /Filter /FlateDecode", f.toUnicode)
}

// widthArray is the W array's contents: runs of consecutive glyph ids, each
// as "first [w1 w2 …]", widths in thousandths of an em.
func widthArray(glyphs []uint16, face *fonts.Face, unitsPerEm int) string {
	var b strings.Builder
	for i := 0; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j] == glyphs[j-1]+1 {
			j++
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(int(glyphs[i])))
		b.WriteString(" [")
		for k := i; k < j; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(decimal(float64(face.GlyphAdvance(glyphs[k])) * 1000 / float64(unitsPerEm)))
		}
		b.WriteByte(']')
		i = j
	}
	return b.String()
}

// toUnicodeCMap maps each glyph id to its character (ISO 32000-1 §9.10.3),
// in blocks of at most 100 entries as the CMap format requires.
func toUnicodeCMap(glyphs []uint16, byGlyph map[uint16]rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(glyphs); start += 100 {
		block := glyphs[start:min(start+100, len(glyphs))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for _, g := range block {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{byGlyph[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// subsetTag is the six capital letters before a subset's name (ISO 32000-1
// §9.6.4), derived from the face and the glyphs it holds: subsets that
// differ get different tags, and the same document the same tag.
func subsetTag(family string, st fonts.Style, glyphs []uint16) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s-%s", family, st)
	for _, g := range glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum32()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// pdfName keeps the letters and digits of a family name, which is all a
// PostScript font name may safely hold ("Times New Roman" → TimesNewRoman).
func pdfName(family string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return r
		}
		return -1
	}, family)
}
