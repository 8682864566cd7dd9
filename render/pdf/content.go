package pdf

import (
	"bytes"
	"compress/zlib"
	"strconv"
	"sync"

	"github.com/vanban-vn/vanban/fonts"
)

// The page content: the PDF basics, m/l/S for rules and borders and one
// BT…ET block of Tf/Tm/Tj per page, written straight into a byte slice
// (formatting every glyph with fmt made a 5,000-row appendix take four times
// its budget). Fonts are named /F1…/F4 after their style (fonts.Style + 1);
// the page resources list the ones used (font.go).

// glyphUse records the characters each face draws.
type glyphUse [4]map[rune]bool

func newGlyphUse() *glyphUse {
	var u glyphUse
	for i := range u {
		u[i] = map[rune]bool{}
	}
	return &u
}

// content returns the compressed content stream of a page. The stream is
// written into *scratch first, which later pages reuse.
func content(p *page, fs *fonts.Set, used *glyphUse, scratch *[]byte) ([]byte, error) {
	h := pt(p.section.Page.Height)
	b := (*scratch)[:0]
	defer func() { *scratch = b }()
	num := func(v float64) {
		b = strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	width := -1.0
	for _, l := range p.lines {
		if l.width != width {
			num(l.width)
			b = append(b, " w\n"...)
			width = l.width
		}
		num(l.x1)
		b = append(b, ' ')
		num(h - l.y1)
		b = append(b, " m "...)
		num(l.x2)
		b = append(b, ' ')
		num(h - l.y2)
		b = append(b, " l S\n"...)
	}
	if len(p.texts) > 0 {
		b = append(b, "BT\n"...)
		font, size := -1, 0.0
		for i := 0; i < len(p.texts); {
			t := p.texts[i]
			// Pieces one space apart in one style go out as one string with
			// real spaces, so the text extracts as written.
			j := i + 1
			for j < len(p.texts) && p.texts[j].spaced && p.texts[j].y == t.y {
				j++
			}
			st := int(fonts.StyleOf(t.style.Bold, t.style.Italic))
			if st != font || t.size != size {
				b = append(b, "/F"...)
				b = strconv.AppendInt(b, int64(st+1), 10)
				b = append(b, ' ')
				b = strconv.AppendFloat(b, t.size, 'f', -1, 64)
				b = append(b, " Tf\n"...)
				font, size = st, t.size
			}
			b = append(b, "1 0 0 1 "...)
			num(t.x)
			b = append(b, ' ')
			num(h - t.y)
			b = append(b, " Tm <"...)
			face := fs.Face(fonts.Style(st))
			for k := i; k < j; k++ {
				if k > i {
					b = glyph(b, face, ' ', used[st])
				}
				for _, r := range p.texts[k].text {
					b = glyph(b, face, r, used[st])
				}
			}
			b = append(b, "> Tj\n"...)
			i = j
		}
		b = append(b, "ET\n"...)
	}
	return compress(b)
}

const hexDigits = "0123456789ABCDEF"

// glyph appends the glyph id of r as four hex digits; a character the font
// lacks is drawn (and measured) as "?".
func glyph(b []byte, face *fonts.Face, r rune, used map[rune]bool) []byte {
	g, ok := face.GlyphIndex(r)
	if !ok {
		r = '?'
		g, _ = face.GlyphIndex(r)
	}
	used[r] = true
	return append(b, hexDigits[g>>12&15], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
}

var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // fails only for an invalid level
	return zw
}}

func compress(data []byte) ([]byte, error) {
	var z bytes.Buffer
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&z)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}
