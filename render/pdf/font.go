package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"

	"github.com/vanban-vn/vanban/fonts"
)

// Each face a document draws with is embedded as a Type 0 font with
// Identity-H encoding over a CIDFontType2 whose CIDs are the face's
// TrueType glyph ids (ISO 32000-1 §9.7): the content stream writes glyph
// ids (content.go), the W array gives their widths and a ToUnicode map
// turns them back into text, so that the text extracts exactly as written.
// The font program is a subset of the face with its glyphs renumbered
// densely (fonts.Face.CompactSubset), and the CIDToGIDMap stream maps each
// CID to its glyph there: 2 bytes for every CID up to the highest used,
// 60 to 240 bytes compressed in the seed, where keeping the face's glyph
// ids in the subset cost a loca and an hmtx entry for every glyph up to the
// highest used (3 to 5 KB compressed a face; the seed went from 82 KB to
// 63 KB).

// objectsPerFont: Type 0 font, CID font, descriptor, font program,
// ToUnicode map, CIDToGIDMap.
const objectsPerFont = 6

// embeddedFont is one face ready to write.
type embeddedFont struct {
	style     fonts.Style
	name      string // with its subset tag
	metrics   fonts.Metrics
	widths    string // the W array's contents
	program   []byte // compressed subset
	length1   int    // its uncompressed length
	toUnicode []byte // compressed CMap
	cidToGID  []byte // compressed CIDToGIDMap
}

// embedFonts prepares the faces the pages drew with, in style order.
func embedFonts(fs *fonts.Set, used *glyphUse) ([]embeddedFont, error) {
	var out []embeddedFont
	for st := fonts.Regular; st <= fonts.BoldItalic; st++ {
		if len(used[st]) > 0 {
			out = append(out, embeddedFont{style: st})
		}
	}
	for i := range out {
		if err := out[i].prepare(fs, used[out[i].style]); err != nil {
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

	program, gids, err := face.CompactSubset(glyphs)
	if err != nil {
		return fmt.Errorf("subsetting %s %s: %w", fs.Family, f.style, err)
	}
	// CID (the face's glyph id) → glyph id in the subset; CIDs not used
	// map to .notdef.
	cidToGID := make([]byte, 2*(int(glyphs[len(glyphs)-1])+1))
	for i, g := range glyphs {
		binary.BigEndian.PutUint16(cidToGID[2*int(g):], gids[i])
	}
	f.length1 = len(program)
	if f.program, err = deflate(program); err != nil {
		return err
	}
	if f.toUnicode, err = deflate(toUnicodeCMap(glyphs, byGlyph)); err != nil {
		return err
	}
	if f.cidToGID, err = deflate(cidToGID); err != nil {
		return err
	}
	f.metrics = face.Metrics()
	f.widths = widthArray(glyphs, face, f.metrics.UnitsPerEm)
	f.name = subsetTag(fs.Family, f.style, glyphs) + "+" + pdfName(fs.Family) + "-" + f.style.String()
	return nil
}

// write writes the font's objects, numbered from first.
func (f *embeddedFont) write(w *objectWriter, first int) {
	cid, descriptor, program, toUnicode, cidToGID := first+1, first+2, first+3, first+4, first+5
	w.object(first, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		f.name, cid, toUnicode))
	w.object(cid, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R /W [%s]>>",
		f.name, descriptor, cidToGID, f.widths))
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
	w.stream(cidToGID, " /Filter /FlateDecode", f.cidToGID)
}

// deflate returns data as a zlib stream (RFC 1950) for a /FlateDecode
// stream of the PDF (page contents, font programs, ToUnicode maps,
// CIDToGIDMaps, the ICC profile): a header, data compressed as deflate (RFC
// 1951) by klauspost/compress's stateless encoder, and data's Adler-32.
//
// Chosen by measurement: the seed's four font programs (65,300 bytes)
// compressed in process on this two-core machine:
//
//	                          time     bytes
//	compress/zlib level 1   0.98 ms   44,876
//	compress/zlib level 6   1.42 ms   42,083
//	klauspost level 1       0.27 ms   45,966
//	klauspost level 4       0.52 ms   43,112
//	klauspost stateless     0.24 ms   44,983
//
// The standard library's level 1 spent a quarter of the seed's render
// compressing its fonts. The stateless encoder is the fastest and keeps no
// compressor between streams: a writer holds ~700 KB of tables, which a
// fresh process faults in (read before written, so each page is mapped
// twice, with a TLB shootdown to the other core) and which a pool kept
// alive. The seed's PDF is 63,118 bytes (63,047 with the standard library);
// page contents, compressed a page at a time, come out as with the
// standard library's level 1 (a 10,000-row PDF 861 KB either way; 827 KB
// with a klauspost writer at level 1, for a pool of writers). In process:
// the seed's DOCX and PDF 2.7–3.0 ms, the 5,000-row PDF 162–168 ms.
func deflate(data []byte) ([]byte, error) {
	z := bytes.NewBuffer(make([]byte, 0, len(data)/2+64))
	z.Write([]byte{0x78, 0x01}) // deflate, 32 KB window, fastest; 0x7801 is a multiple of 31
	if err := flate.StatelessDeflate(z, data, true, nil); err != nil {
		return nil, err
	}
	return binary.BigEndian.AppendUint32(z.Bytes(), adler32.Checksum(data)), nil
}

// widthArray is the W array's contents: runs of consecutive glyph ids, each
// as "first [w1 w2 …]", widths in thousandths of an em to two decimals (as
// decimal writes them).
func widthArray(glyphs []uint16, face *fonts.Face, unitsPerEm int) string {
	b := make([]byte, 0, 8*len(glyphs)+16)
	for i := 0; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j] == glyphs[j-1]+1 {
			j++
		}
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(glyphs[i]), 10)
		b = append(b, " ["...)
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			w := float64(face.GlyphAdvance(glyphs[k])) * 1000 / float64(unitsPerEm)
			b = strconv.AppendFloat(b, math.Round(w*100)/100, 'f', -1, 64)
		}
		b = append(b, ']')
		i = j
	}
	return string(b)
}

// toUnicodeCMap maps each glyph id to its character (ISO 32000-1 §9.10.3),
// in blocks of at most 100 entries as the CMap format requires.
func toUnicodeCMap(glyphs []uint16, byGlyph map[uint16]rune) []byte {
	const digits = "0123456789ABCDEF"
	hex4 := func(b []byte, v uint16) []byte {
		return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
	}
	b := make([]byte, 0, 400+20*len(glyphs))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for start := 0; start < len(glyphs); start += 100 {
		block := glyphs[start:min(start+100, len(glyphs))]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for _, g := range block {
			b = append(b, '<')
			b = hex4(b, g)
			b = append(b, "> <"...)
			switch r := byGlyph[g]; {
			case utf16.IsSurrogate(r) || r < 0 || r > unicode.MaxRune:
				b = hex4(b, unicode.ReplacementChar)
			case r >= 0x10000:
				r1, r2 := utf16.EncodeRune(r)
				b = hex4(hex4(b, uint16(r1)), uint16(r2))
			default:
				b = hex4(b, uint16(r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
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
