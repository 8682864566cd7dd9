package fonts

import (
	"encoding/binary"
	"errors"
)

// The character map (cmap table) is read once, whole, when a face is
// parsed: every code point the font maps to a glyph is drawn with that
// glyph, whatever its script (Greek, Cyrillic and Hebrew as well as
// Vietnamese). The subtable is the one a renderer would choose: the full
// Unicode repertoire (format 12) when the font has one, else the Basic
// Multilingual Plane (format 4), else a byte encoding (formats 0 and 6).

// errNoCmap: the font has no Unicode character map this reader knows.
var errNoCmap = errors.New("không có bảng mã ký tự Unicode (cmap) đọc được")

// readCmap returns every code point the cmap table maps and its glyph id,
// through visit; glyph ids of numGlyphs or more are left out.
func readCmap(table []byte, numGlyphs int, visit func(r rune, g uint16)) error {
	if len(table) < 4 {
		return errNoCmap
	}
	n := int(binary.BigEndian.Uint16(table[2:]))
	best, bestRank := -1, 0
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(table) {
			break
		}
		platform := binary.BigEndian.Uint16(table[rec:])
		encoding := binary.BigEndian.Uint16(table[rec+2:])
		off := int(binary.BigEndian.Uint32(table[rec+4:]))
		if off+2 > len(table) {
			continue
		}
		format := binary.BigEndian.Uint16(table[off:])
		rank := 0
		switch {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			rank = 4
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0):
			rank = 3
		case format == 4 && platform == 3 && encoding == 0: // symbol
			rank = 2
		case (format == 0 || format == 6) && (platform == 3 || platform == 0):
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return errNoCmap
	}
	sub := table[best:]
	emit := func(r rune, g int) {
		if g > 0 && g < numGlyphs {
			visit(r, uint16(g))
		}
	}
	u16 := func(at int) int { return int(binary.BigEndian.Uint16(sub[at:])) }
	switch binary.BigEndian.Uint16(sub) {
	case 0:
		if len(sub) < 6+256 {
			return errNoCmap
		}
		for c := range 256 {
			emit(rune(c), int(sub[6+c]))
		}
	case 6:
		if len(sub) < 10 {
			return errNoCmap
		}
		first, count := u16(6), u16(8)
		if len(sub) < 10+2*count {
			return errNoCmap
		}
		for k := range count {
			emit(rune(first+k), u16(10+2*k))
		}
	case 4:
		if len(sub) < 14 {
			return errNoCmap
		}
		segs := u16(6) / 2
		ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
		if len(sub) < offsets+2*segs {
			return errNoCmap
		}
		for s := range segs {
			end, start := u16(ends+2*s), u16(starts+2*s)
			delta, ro := u16(deltas+2*s), u16(offsets+2*s)
			for c := start; c <= end && c != 0xFFFF; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					at := offsets + 2*s + ro + 2*(c-start)
					if at+2 > len(sub) {
						break
					}
					if g = u16(at); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				emit(rune(c), g)
			}
		}
	case 12:
		if len(sub) < 16 {
			return errNoCmap
		}
		groups := int(binary.BigEndian.Uint32(sub[12:]))
		if groups < 0 || groups > (len(sub)-16)/12 {
			return errNoCmap
		}
		for k := range groups {
			rec := sub[16+12*k:]
			start, end := binary.BigEndian.Uint32(rec), binary.BigEndian.Uint32(rec[4:])
			g := binary.BigEndian.Uint32(rec[8:])
			if end > 0x10FFFF || start > end {
				continue
			}
			for c := start; c <= end; c++ {
				gi := g + (c - start)
				if gi >= uint32(numGlyphs) {
					break
				}
				emit(rune(c), int(gi))
			}
		}
	default:
		return errNoCmap
	}
	return nil
}
