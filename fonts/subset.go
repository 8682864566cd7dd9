package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// A PDF embeds a TrueType font as the font program (FontFile2) of a CID
// font. Only the tables a renderer needs for glyph outlines are kept (ISO
// 32000-1 §9.9: glyf, head, hhea, hmtx, loca, maxp, and the hinting tables
// cvt, fpgm, prep). The content stream names glyphs by id, so the
// character map is an empty one and the PostScript table carries no glyph
// names; both are there because font parsers expect the tables.
// CompactSubset renumbers the glyphs it keeps densely, so that loca and
// hmtx hold only them (the PDF maps its CIDs to the new ids); Subset keeps
// the face's glyph ids: the font with every unused glyph emptied and the
// glyph table cut after the highest glyph used.

// embedTables are the tables copied into a subset, in tag order (the order
// of a table directory).
var embedTables = []string{"cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep"}

// requiredTables must be present for a face to be embedded at all.
var requiredTables = []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp"}

// sfntTables is a font file's table directory: tag → table bytes.
type sfntTables map[string][]byte

func readTables(data []byte) (sfntTables, error) {
	if len(data) < 12 {
		return nil, errors.New("không phải phông TrueType (tệp quá ngắn)")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 { // 1.0 or 'true'
		return nil, errors.New("không phải phông TrueType có nét chữ glyf (phông OpenType CFF và tệp gộp nhiều phông không nhúng được)")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("bảng mục lục của phông bị cắt cụt")
	}
	tables := sfntTables{}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("bảng %q nằm ngoài tệp", tag)
		}
		tables[tag] = data[off : off+length]
	}
	for _, tag := range requiredTables {
		if tables[tag] == nil {
			return nil, fmt.Errorf("thiếu bảng %q: không phải phông TrueType có nét chữ glyf", tag)
		}
	}
	if len(tables["head"]) < 54 || len(tables["hhea"]) < 36 || len(tables["maxp"]) < 6 {
		return nil, errors.New("bảng head, hhea hoặc maxp bị cắt cụt")
	}
	numGlyphs := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
	metrics := int(binary.BigEndian.Uint16(tables["hhea"][34:]))
	if numGlyphs == 0 || metrics == 0 || metrics > numGlyphs || len(tables["hmtx"]) < 4*metrics+2*(numGlyphs-metrics) {
		return nil, errors.New("số glyph, số độ rộng và bảng hmtx không khớp nhau")
	}
	if binary.BigEndian.Uint16(tables["head"][18:]) == 0 {
		return nil, errors.New("unitsPerEm bằng 0")
	}
	return tables, nil
}

// glyphRange returns where glyph g lies in the glyf table.
func (t sfntTables) glyphRange(g int) (start, end int, err error) {
	loca := t["loca"]
	if int16(binary.BigEndian.Uint16(t["head"][50:])) == 0 { // short offsets, in words
		if 2*g+4 > len(loca) {
			return 0, 0, fmt.Errorf("glyph %d vượt quá bảng loca", g)
		}
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	} else {
		if 4*g+8 > len(loca) {
			return 0, 0, fmt.Errorf("glyph %d vượt quá bảng loca", g)
		}
		start, end = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	}
	if start > end || end > len(t["glyf"]) {
		return 0, 0, fmt.Errorf("vị trí của glyph %d không hợp lệ", g)
	}
	return start, end, nil
}

// components returns the glyphs a composite glyph is built from (none for a
// simple glyph).
func components(glyph []byte) ([]int, error) {
	refs, err := componentRefs(glyph, nil)
	ids := make([]int, len(refs))
	for i, at := range refs {
		ids[i] = int(binary.BigEndian.Uint16(glyph[at:]))
	}
	return ids, err
}

// componentRefs returns where a composite glyph names the glyphs it is
// built from: the offsets of their 16-bit glyph ids (none for a simple
// glyph), appended to refs[:0].
func componentRefs(glyph []byte, refs []int) ([]int, error) {
	refs = refs[:0]
	if len(glyph) < 10 || int16(binary.BigEndian.Uint16(glyph)) >= 0 {
		return refs, nil
	}
	const (
		argsAreWords  = 0x0001
		haveScale     = 0x0008
		moreComponent = 0x0020
		haveXYScale   = 0x0040
		haveTwoByTwo  = 0x0080
	)
	for p := 10; ; {
		if p+4 > len(glyph) {
			return nil, errors.New("glyph ghép bị cắt cụt")
		}
		flags := binary.BigEndian.Uint16(glyph[p:])
		refs = append(refs, p+2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponent == 0 {
			return refs, nil
		}
	}
}

// closure returns, in increasing order, the glyphs a subset of glyphs must
// hold: glyph 0 (.notdef), the glyphs and, through composites, every glyph
// they are built from.
func (t sfntTables) closure(glyphs []uint16) ([]int, error) {
	numGlyphs := int(binary.BigEndian.Uint16(t["maxp"][4:]))
	keep := make([]bool, numGlyphs)
	queue := make([]int, 0, len(glyphs)+1)
	add := func(g int) error {
		if g >= numGlyphs {
			return fmt.Errorf("glyph %d vượt quá %d glyph của phông", g, numGlyphs)
		}
		if !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
		return nil
	}
	add(0) // numGlyphs > 0: checked in readTables
	for _, g := range glyphs {
		if err := add(int(g)); err != nil {
			return nil, err
		}
	}
	count := 0
	var refs []int
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		count++
		start, end, err := t.glyphRange(g)
		if err != nil {
			return nil, err
		}
		glyph := t["glyf"][start:end]
		if refs, err = componentRefs(glyph, refs); err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, at := range refs {
			if err := add(int(binary.BigEndian.Uint16(glyph[at:]))); err != nil {
				return nil, fmt.Errorf("glyph %d: %w", g, err)
			}
		}
	}
	ids := make([]int, 0, count)
	for g, k := range keep {
		if k {
			ids = append(ids, g)
		}
	}
	return ids, nil
}

// Subset returns the face's font program reduced to the given glyphs, the
// glyphs their composites are built from and glyph 0 (.notdef), for
// embedding in a PDF. Glyph ids are unchanged: every unused glyph is kept
// empty up to the last one used, with its entries in loca and hmtx.
// CompactSubset leaves those out.
func (f *Face) Subset(glyphs []uint16) ([]byte, error) {
	t := f.tables
	ids, err := t.closure(glyphs)
	if err != nil {
		return nil, err
	}
	count := ids[len(ids)-1] + 1 // glyphs after the last one used are dropped

	// glyf and loca (long offsets): kept glyphs in place, the others empty.
	var glyf []byte
	loca := make([]byte, 4*(count+1))
	next := 0
	for g := range count {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if next < len(ids) && ids[next] == g {
			next++
			start, end, _ := t.glyphRange(g) // checked in closure
			glyf = append(glyf, t["glyf"][start:end]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*count:], uint32(len(glyf)))

	// hmtx: full metrics for the first min(numberOfHMetrics, count) glyphs,
	// then left side bearings only, as the format allows.
	hhea := slices.Clone(t["hhea"])
	metrics := int(binary.BigEndian.Uint16(hhea[34:])) // checked in readTables
	hmtx := t["hmtx"]
	keepMetrics := min(metrics, count)
	newHmtx := slices.Clone(hmtx[:4*keepMetrics])
	newHmtx = append(newHmtx, hmtx[4*metrics:4*metrics+2*max(0, count-metrics)]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(keepMetrics))
	return t.subsetFile(count, glyf, loca, true, newHmtx, hhea), nil
}

// CompactSubset returns the face's font program reduced to the given
// glyphs, the glyphs their composites are built from and glyph 0
// (.notdef), renumbered densely in their order in the face: a subset of n
// glyphs has n entries in loca and hmtx, whatever their ids in the face
// (in Liberation Serif, with 2,600 glyphs, the two tables of a page of
// Vietnamese were four fifths of the compressed subset). Composites name
// their components by the new ids. ids[i] is the new id of glyphs[i].
func (f *Face) CompactSubset(glyphs []uint16) (program []byte, ids []uint16, err error) {
	t := f.tables
	kept, err := t.closure(glyphs)
	if err != nil {
		return nil, nil, err
	}
	count := len(kept)
	newID := make([]uint16, int(binary.BigEndian.Uint16(t["maxp"][4:])))
	size := 0
	for i, g := range kept {
		newID[g] = uint16(i)
		start, end, _ := t.glyphRange(g) // checked in closure
		size += (end - start + 3) &^ 3
	}

	// glyf and loca: the kept glyphs one after the other, 4-byte aligned;
	// short offsets (in words) when the table is under 128 KB.
	short := size < 0x20000
	glyf := make([]byte, 0, size)
	var loca []byte
	if short {
		loca = make([]byte, 2*(count+1))
	} else {
		loca = make([]byte, 4*(count+1))
	}
	offset := func(i int) {
		if short {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(len(glyf)/2))
		} else {
			binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		}
	}
	var refs []int
	for i, g := range kept {
		offset(i)
		start, end, _ := t.glyphRange(g)
		at := len(glyf)
		glyf = append(glyf, t["glyf"][start:end]...)
		refs, _ = componentRefs(glyf[at:], refs) // read in closure
		for _, r := range refs {
			c := binary.BigEndian.Uint16(glyf[at+r:])
			binary.BigEndian.PutUint16(glyf[at+r:], newID[c])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offset(count)

	// hmtx: each glyph's advance and left side bearing, except that a run
	// of equal advances at the end keeps only its bearings, as the format
	// allows.
	hmtx := t["hmtx"]
	metrics := int(binary.BigEndian.Uint16(t["hhea"][34:])) // checked in readTables
	lsb := func(g int) []byte {
		if g < metrics {
			return hmtx[4*g+2 : 4*g+4]
		}
		return hmtx[4*metrics+2*(g-metrics):][:2]
	}
	full := count
	for full > 1 && f.GlyphAdvance(uint16(kept[full-1])) == f.GlyphAdvance(uint16(kept[full-2])) {
		full--
	}
	newHmtx := make([]byte, 0, 4*full+2*(count-full))
	for i, g := range kept {
		if i < full {
			newHmtx = binary.BigEndian.AppendUint16(newHmtx, uint16(f.GlyphAdvance(uint16(g))))
		}
		newHmtx = append(newHmtx, lsb(g)...)
	}
	hhea := slices.Clone(t["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(full))

	ids = make([]uint16, len(glyphs))
	for i, g := range glyphs {
		ids[i] = newID[g]
	}
	return t.subsetFile(count, glyf, loca, !short, newHmtx, hhea), ids, nil
}

// subsetFile writes a subset of count glyphs with the given glyf, loca,
// hmtx and hhea, the face's hinting tables, its head and maxp brought up to
// date, an empty character map and a PostScript table without glyph names.
func (t sfntTables) subsetFile(count int, glyf, loca []byte, longLoca bool, hmtx, hhea []byte) []byte {
	maxp := slices.Clone(t["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(count))
	head := slices.Clone(t["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set in file
	locaFormat := uint16(0)
	if longLoca {
		locaFormat = 1
	}
	binary.BigEndian.PutUint16(head[50:], locaFormat) // indexToLocFormat

	out := sfntTables{"glyf": glyf, "loca": loca, "hmtx": hmtx, "hhea": hhea, "maxp": maxp, "head": head, "cmap": emptyCmap}
	if post := t["post"]; len(post) >= 32 {
		out["post"] = slices.Clone(post[:32])
		binary.BigEndian.PutUint32(out["post"], 0x00030000) // version 3: no glyph names
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t[tag] != nil {
			out[tag] = t[tag]
		}
	}
	return out.file()
}

// emptyCmap is a character map that maps nothing: one Windows Unicode
// (3, 1) subtable in format 4 holding only the closing 0xFFFF segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // platform 3, encoding 1, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language 0
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2 2, searchRange 2, entrySelector 0, rangeShift 0
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, 0, 1, 0, 0, // startCode, idDelta 1, idRangeOffset 0
}

// file writes the tables as a font file, with table checksums and the
// whole-file checksum adjustment in head.
func (t sfntTables) file() []byte {
	var tags []string
	for _, tag := range embedTables {
		if t[tag] != nil {
			tags = append(tags, tag)
		}
	}
	n := len(tags)
	selector := 0
	for 1<<(selector+1) <= n {
		selector++
	}
	size := 12 + 16*n
	for _, tag := range tags {
		size += (len(t[tag]) + 3) &^ 3
	}
	b := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(b, 0x00010000)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	binary.BigEndian.PutUint16(b[6:], uint16(16<<selector))
	binary.BigEndian.PutUint16(b[8:], uint16(selector))
	binary.BigEndian.PutUint16(b[10:], uint16(16*n-16<<selector))
	headAt := 0
	for i, tag := range tags {
		data := t[tag]
		rec := b[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(b)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if tag == "head" {
			headAt = len(b)
		}
		b = append(b, data...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

// checksum is the TrueType table checksum: the sum of big-endian 32-bit
// words, the last one padded with zeros.
func checksum(data []byte) uint32 {
	var sum uint32
	for len(data) >= 4 {
		sum += binary.BigEndian.Uint32(data)
		data = data[4:]
	}
	if len(data) > 0 {
		var last [4]byte
		copy(last[:], data)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// Metrics are the figures a PDF font descriptor gives for a face, in font
// units (UnitsPerEm to the em).
type Metrics struct {
	UnitsPerEm         int
	BBox               [4]int // xMin, yMin, xMax, yMax over all glyphs
	Ascent, Descent    int    // from hhea; Descent is negative
	CapHeight, XHeight int    // from OS/2 (version 2 and later), else estimated
	ItalicAngle        float64
	Weight             int // OS/2 usWeightClass, 400 regular, 700 bold
}

// Metrics returns the face's descriptor figures.
func (f *Face) Metrics() Metrics {
	t := f.tables
	i16 := func(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
	head, hhea := t["head"], t["hhea"]
	m := Metrics{
		UnitsPerEm: int(binary.BigEndian.Uint16(head[18:])),
		BBox:       [4]int{i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)},
		Ascent:     i16(hhea, 4),
		Descent:    i16(hhea, 6),
		Weight:     400,
	}
	m.CapHeight, m.XHeight = m.Ascent, m.Ascent/2
	if os2 := t["OS/2"]; len(os2) >= 6 {
		m.Weight = int(binary.BigEndian.Uint16(os2[4:]))
		if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
			m.XHeight, m.CapHeight = i16(os2, 86), i16(os2, 88)
		}
	}
	if post := t["post"]; len(post) >= 8 {
		m.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
	return m
}

// GlyphAdvance returns the advance width of glyph g in font units.
func (f *Face) GlyphAdvance(g uint16) int {
	t := f.tables
	metrics := int(binary.BigEndian.Uint16(t["hhea"][34:]))
	i := min(int(g), metrics-1)
	return int(binary.BigEndian.Uint16(t["hmtx"][4*i:]))
}
