// Package fontstest makes fonts for tests: faces that lack characters, to
// show what vanban does with text its fonts cannot draw.
package fontstest

import (
	"encoding/binary"
	"errors"
	"slices"

	"golang.org/x/image/font/sfnt"
)

// Without returns a TrueType font like data whose character map leaves out
// the code points drop reports; the others keep their glyphs. The new map
// is one format 4 subtable over the Basic Multilingual Plane; every other
// table is kept as it is.
func Without(data []byte, drop func(r rune) bool) ([]byte, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	type entry struct {
		r rune
		g sfnt.GlyphIndex
	}
	var kept []entry
	for r := rune(0); r < 0xFFFF; r++ {
		g, err := f.GlyphIndex(&buf, r)
		if err == nil && g != 0 && !drop(r) {
			kept = append(kept, entry{r, g})
		}
	}
	be := binary.BigEndian
	segs := len(kept) + 1 // one segment per character, then the final 0xFFFF one
	sub := make([]byte, 16+8*segs)
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(min(len(sub), 0xFFFF)))
	be.PutUint16(sub[6:], uint16(2*segs))
	ends, starts, deltas := 14, 16+2*segs, 16+4*segs
	for i, e := range kept {
		be.PutUint16(sub[ends+2*i:], uint16(e.r))
		be.PutUint16(sub[starts+2*i:], uint16(e.r))
		be.PutUint16(sub[deltas+2*i:], uint16(int(e.g)-int(e.r)))
	}
	be.PutUint16(sub[ends+2*(segs-1):], 0xFFFF)
	be.PutUint16(sub[starts+2*(segs-1):], 0xFFFF)
	be.PutUint16(sub[deltas+2*(segs-1):], 1)
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, sub...)

	if len(data) < 12 {
		return nil, errors.New("not a font")
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	tables := map[string][]byte{}
	var tags []string
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, errors.New("table outside the file")
		}
		tables[tag] = data[off : off+length]
		tags = append(tags, tag)
	}
	tables["cmap"] = cmap
	slices.Sort(tags)
	out := make([]byte, 12+16*n)
	copy(out, data[:12])
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t)))
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
