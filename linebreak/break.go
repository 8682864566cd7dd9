package linebreak

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Measure returns the width in points of s, a piece of the text of run
// number run. Widths must add up: the width of a string is the sum of its
// characters', each a whole number of LibreOffice's device units (1/120 pt,
// fonts.Face.Width).
type Measure func(run int, s string) float64

// Format is what LibreOffice's line filling knows of a run besides its
// widths (see BreakFormatted).
type Format struct {
	// Height is the height of the run's font in points: ascent, descent
	// and line gap (fonts.Face.LineHeight).
	Height float64
	Italic bool
	// Same says that the run is formatted as the one before it: LibreOffice
	// sets the two as one portion.
	Same bool
}

// Reserve is the room LibreOffice keeps free at the end of a line for a
// portion in format f, in twips: for italic text the height of its font over
// 12, in whole twips (SwTextGuess::Guess), for the slant.
func (f Format) Reserve() int {
	if !f.Italic {
		return 0
	}
	return f.twips() / 12
}

// twips is the height of the font in twips.
func (f Format) twips() int { return int(math.Round(f.Height * 20)) }

// Box is a piece of one run's text that a line holds whole: a word, or the
// part of a word in one run ("NC" and a subscript "1" are two boxes), or a
// non-breaking hyphen or space, which LibreOffice sets apart (see
// BreakFormatted: "12/QĐ-STP" is three boxes, and its italic hyphen is wider
// than its glyph).
type Box struct {
	Run        int // index of the run
	Start, End int // byte offsets in the run's text
	Width      float64
}

// Word is what lies between two break opportunities, without the spaces
// after it.
type Word struct {
	Boxes []Box
	Width float64
	// Space is the width of the spaces after the word (0 when it ends at a
	// hyphen or dash, or at the end of the paragraph); Stretch says that
	// there are spaces, which justification widens.
	Space   float64
	Stretch bool

	atom int32 // index of the atom of its first box (a box is one atom)
}

// Line is one line of a paragraph.
type Line struct {
	Words []Word
	// Width is the line's natural width: its words and the spaces between
	// them, not the spaces after the last word.
	Width float64
}

// Break breaks a paragraph written as runs of text into lines, the first
// at most first points wide and the others at most rest, as
// BreakFormatted does for runs of upright text each formatted differently
// from the one before it, whose height it does not know.
func Break(runs []string, measure Measure, first, rest float64) []Line {
	return BreakFormatted(runs, nil, measure, first, rest)
}

// BreakFormatted breaks a paragraph written as runs of text into lines, the
// first at most first points wide and the others at most rest, each run in
// its format (formats[i] for runs[i]; nil: as Break). Leading spaces are
// dropped; spaces after a word widen the gap after it. It always returns at
// least one line (an empty one for a paragraph with no text).
//
// Lines are filled greedily, as LibreOffice 7.4 Writer fills them
// (SwTextFormatter, SwTextGuess::Guess), in twips and its device units
// (1/6 twip, fonts.UnitsPerPoint):
//
//   - A line is set as portions: the text of a run (of runs formatted
//     alike), and each non-breaking hyphen or space on its own (Writer sets
//     U+2011, which the DOCX writer writes for a hyphen inside a ký hiệu,
//     and U+00A0 as portions of their own). Each portion is as wide as its
//     width in device units rounded to the nearest twip, and starts where
//     the ones before it end.
//   - A line holds the text up to a break opportunity if, in the portion
//     holding that opportunity, the text from the portion's start up to
//     it, spaces after it left out, is at most the twips left on the line
//     (the line's width less the portions before) times six; or if that
//     portion fits whole.
//   - A portion fits whole if its width in device units is at most six
//     times the twips left, or, when the portion is short (fewer characters
//     than twice the twips left over the height of its font in twips), if
//     its width rounded to twips is at most the twips left.
//   - An italic portion has the height of its font over 12 (in twips, 23
//     at 12 pt) fewer twips left (room for the slant), and an italic
//     non-breaking hyphen or space is that much wider.
//
// Measured against LibreOffice's rendering of the same paragraphs, line by
// line (render/pdf's TestLineEndsAgreeWithLibreOffice).
func BreakFormatted(runs []string, formats []Format, measure Measure, first, rest float64) []Line {
	buf := atomPool.Get().(*[]atom)
	words, atoms := segment(runs, formats, measure, (*buf)[:0])
	lines := fill(runs, formats, words, atoms, measure, first, rest)
	if cap(atoms) <= 1<<16 {
		*buf = atoms
		atomPool.Put(buf)
	}
	return lines
}

// atomPool keeps the atoms of paragraphs broken before: a line breaker's
// scratch, not part of what it returns.
var atomPool = sync.Pool{New: func() any { return new([]atom) }}

// atom is a piece of a paragraph as LibreOffice's line filling sees it:
// a word's text in one run, a non-breaking hyphen or space, the spaces
// after a word.
type atom struct {
	u, n int32 // width in device units, length in UTF-16 code units
	run  int32
	own  bool // a portion of its own: a non-breaking hyphen or space
}

// device converts a width in points to LibreOffice's device units.
func device(w float64) int32 { return int32(w*120 + 0.5) } // widths are not negative

// segment splits the runs into words at break opportunities, and into the
// pieces LibreOffice sets lines with.
func segment(runs []string, formats []Format, measure Measure, atoms []atom) ([]Word, []atom) {
	text := ""
	var starts []int // of each run in text; nil for one run
	switch len(runs) {
	case 0:
	case 1:
		text = runs[0]
	default:
		text, starts = joined(runs)
	}
	n := 1
	for _, r := range runs {
		n += len(r)/6 + 1 // a Vietnamese word is about 4 letters and their marks
	}
	words := make([]Word, 0, n)
	boxes := make([]Box, 0, n+len(runs))
	atoms = slices.Grow(atoms, 2*n+len(runs))
	// piece adds the boxes and atoms of text[lo:hi], a piece of run k that
	// starts at byte off of text, and returns its width: one box and atom,
	// or more where it holds non-breaking hyphens or spaces, each a box and
	// atom of its own (as wide as Writer sets it: its glyph and, italic,
	// the run's Reserve).
	piece := func(k, off, lo, hi int) float64 {
		s := text[lo:hi]
		from, width := 0, 0.0
		emit := func(to, n int, own bool) { // s[from:to], n UTF-16 code units
			if to > from {
				w := measure(k, s[from:to])
				atoms = append(atoms, atom{u: device(w), n: int32(n), run: int32(k), own: own})
				if own && formats != nil {
					w += float64(formats[k].Reserve()) / 20
				}
				boxes = append(boxes, Box{Run: k, Start: lo + from - off, End: lo + to - off, Width: w})
				width += w
				from = to
			}
		}
		n := 0 // UTF-16 code units from from to i
		for i := 0; i < len(s); i++ {
			c := s[i]
			size := 0 // of a non-breaking hyphen or space at i
			switch {
			case c == '-':
				if CodeHyphen(text, lo+i) {
					size = 1
				}
			case c == 0xC2: // U+00A0
				if i+1 < len(s) && s[i+1] == 0xA0 {
					size = 2
				}
			case c == 0xE2: // U+2011, or U+2010 in a ký hiệu
				if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x91 || s[i+2] == 0x90 && CodeHyphen(text, lo+i)) {
					size = 3
				}
			case c >= 0xF0:
				n++ // four bytes: a surrogate pair
			}
			if size == 0 {
				if c&0xC0 != 0x80 {
					n++
				}
				continue
			}
			emit(i, n, false)
			emit(i+size, 1, true)
			n = 0
			i += size - 1
		}
		emit(len(s), n, false)
		return width
	}
	word := func(from, to int) {
		first := len(boxes)
		at := len(atoms)
		width := 0.0
		if starts == nil {
			width = piece(0, 0, from, to)
		} else {
			for k := range runs {
				lo, hi := max(from, starts[k]), min(to, starts[k]+len(runs[k]))
				if lo < hi {
					width += piece(k, starts[k], lo, hi)
				}
			}
		}
		words = append(words, Word{Boxes: boxes[first:len(boxes):len(boxes)], Width: width, atom: int32(at)})
	}
	wordStart := -1
	run := 0 // the run holding byte i
	for i := 0; i < len(text); {
		for starts != nil && run+1 < len(runs) && i >= starts[run+1] {
			run++
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if IsSpace(r) {
			if wordStart >= 0 {
				word(wordStart, i)
				wordStart = -1
			}
			if len(words) > 0 {
				w := &words[len(words)-1]
				sp := text[i : i+size]
				if r < utf8.RuneSelf {
					sp = " " // a tab or line break is set as a space
				}
				sw := measure(run, sp)
				w.Space += sw
				w.Stretch = true
				if a := int(w.atom) + len(w.Boxes); a < len(atoms) {
					atoms[a].u += device(sw) // the spaces after a word are one piece
					atoms[a].n++
				} else {
					atoms = append(atoms, atom{u: device(sw), n: 1, run: int32(run)})
				}
			}
			i += size
			continue
		}
		if wordStart < 0 {
			wordStart = i
		}
		if end := i + size; end < len(text) && candidate(r, text[end]) {
			next, _ := utf8.DecodeRuneInString(text[end:])
			if opportunity(text, i, r, size, next) {
				word(wordStart, end)
				wordStart = -1
			}
		}
		i += size
	}
	if wordStart >= 0 {
		word(wordStart, len(text))
	}
	return words, atoms
}

// candidate is a cheap test that a break after r, before the character
// starting with byte c, needs a closer look.
func candidate(r rune, c byte) bool {
	switch {
	case r == '-' || r == '!' || r == '?':
		return true
	case r >= 0x200B && r <= 0x2026:
		return true
	}
	return c == 0xE2 // the first byte of U+2000–U+2FFF: an em dash may follow
}

// joined returns the runs as one text and the offset of each run in it.
func joined(runs []string) (string, []int) {
	starts := make([]int, len(runs))
	n := 0
	for i, r := range runs {
		starts[i] = n
		n += len(r)
	}
	var buf strings.Builder
	buf.Grow(n)
	for _, r := range runs {
		buf.WriteString(r)
	}
	return buf.String(), starts
}

// fill sets the words on lines greedily. Lines share the words' array
// unless a word has to be split.
func fill(runs []string, formats []Format, words []Word, atoms []atom, measure Measure, first, rest float64) []Line {
	f := filler{atoms: atoms, formats: formats}
	out, inPlace := words, true // a copy once a word has to be split
	lines := make([]Line, 0, 4)
	start, end, used := 0, 0, 0.0 // the current line is out[start:end]
	avail := func() float64 {
		if len(lines) == 0 {
			return first
		}
		return rest
	}
	f.begin(first)
	emit := func() {
		lines = append(lines, Line{Words: out[start:end:end], Width: used})
		start, used = end, 0
		f.begin(avail())
	}
	put := func(w *Word) {
		if !inPlace {
			out = append(out, *w)
		}
		end++
	}
	for i := range words {
		w := &words[i]
		if end > start && f.add(w, false) {
			used += out[end-1].Space + w.Width
			put(w)
			continue
		}
		if end > start {
			emit()
		}
		if f.add(w, true) {
			put(w)
			used = w.Width
			continue
		}
		if inPlace {
			out, inPlace = append(make([]Word, 0, len(words)+4), words[:end]...), false
		}
		pieces := split(runs, *w, measure, avail()-f.reserve(w))
		for k := range pieces {
			if k > 0 {
				emit()
			}
			put(&pieces[k])
			used = pieces[k].Width
		}
		f.after(w, device(pieces[len(pieces)-1].Width))
	}
	emit()
	return lines
}

// filler fills a line as LibreOffice does (see BreakFormatted), piece by
// piece.
type filler struct {
	atoms   []atom
	formats []Format
	// the line being filled
	avail int   // twips
	x     int   // twips taken by the line's finished portions
	cur   int   // the atom the current portion starts at on this line; -1: none
	last  int32 // the last atom on the line
	u, n  int   // the current portion's width and length so far
}

// same reports whether atoms a and b, b after a, are set in one portion:
// neither is a portion of its own, and every run from a's to b's is
// formatted as the one before it.
func (f *filler) same(a, b int) bool {
	x, y := &f.atoms[a], &f.atoms[b]
	if x.own || y.own {
		return false
	}
	for k := x.run + 1; k <= y.run; k++ {
		if f.formats == nil || !f.formats[k].Same {
			return false
		}
	}
	return true
}

// begin starts a line avail points wide.
func (f *filler) begin(avail float64) {
	f.avail = int(math.Floor(avail*20 + 1e-6))
	f.x, f.cur, f.u, f.n = 0, -1, 0, 0
}

// height is the height in twips of the font of atom a's run.
func (f *filler) height(a int) int {
	if f.formats == nil {
		return 0
	}
	return f.formats[f.atoms[a].run].twips()
}

// room is the twips a portion starting with atom a has, x twips into the
// line (less its Reserve).
func (f *filler) room(a, x int) int {
	if f.formats == nil {
		return f.avail - x
	}
	return f.avail - x - f.formats[f.atoms[a].run].Reserve()
}

// reserve is what room keeps free at the end of a line ending in w, in
// points.
func (f *filler) reserve(w *Word) float64 {
	if len(w.Boxes) == 0 {
		return 0
	}
	a := int(w.atom) + len(w.Boxes) - 1
	return float64(f.avail-f.room(a, 0)) / 20
}

// whole reports whether the portion starting with atom a, u device units
// wide and n code units long, fits whole x twips into the line.
func (f *filler) whole(a, x, u, n int) bool {
	room := f.room(a, x)
	if u <= 6*room {
		return true
	}
	h := f.height(a)
	return h > 0 && 2*room > n*h && (u+3)/6 <= room
}

// add puts word w on the line if the line can hold it (at the start of the
// line if first, else after the words already there).
func (f *filler) add(w *Word, first bool) bool {
	if len(w.Boxes) == 0 {
		return true
	}
	from, to := int(w.atom), int(w.atom)+len(w.Boxes)-1
	x, cur, u, n := f.x, f.cur, f.u, f.n
	if !first {
		from = int(f.last) + 1 // the spaces after the word before
	}
	for a := from; a <= to; a++ {
		if cur >= 0 && !f.same(a-1, a) {
			if !f.whole(cur, x, u, n) {
				return false
			}
			x += (u + 3) / 6 // the portion's width, in twips
			if f.atoms[cur].own && f.formats != nil {
				// Writer formats a non-breaking hyphen or space as a text of
				// its own, at whose end italic text takes its reserve.
				x += f.formats[f.atoms[cur].run].Reserve()
			}
			cur, u, n = -1, 0, 0
		}
		if cur < 0 {
			cur = a
		}
		u += int(f.atoms[a].u)
		n += int(f.atoms[a].n)
	}
	// The line would end in the portion begun at cur: the text up to the
	// end of w must fit, or the whole portion.
	if room := f.room(cur, x); u > 6*room {
		// Only the whole portion may still fit, if it is short: add the
		// rest of it while it stays short.
		h := f.height(cur)
		if h == 0 {
			return false
		}
		ru, rn := u, n
		for a := to + 1; a < len(f.atoms) && f.same(a-1, a) && 2*room > rn*h; a++ {
			ru += int(f.atoms[a].u)
			rn += int(f.atoms[a].n)
		}
		if !f.whole(cur, x, ru, rn) {
			return false
		}
	}
	f.x, f.cur, f.u, f.n, f.last = x, cur, u, n, int32(to)
	return true
}

// after sets the line's state after the last piece of a word split between
// characters, u device units wide: that piece taken as a portion of its own.
func (f *filler) after(w *Word, u int32) {
	if len(w.Boxes) == 0 {
		return
	}
	f.x, f.cur, f.u, f.n, f.last = (int(u)+3)/6, -1, 0, 0, w.atom+int32(len(w.Boxes))-1
}

// split breaks a word wider than max between characters, so that no text
// crosses the margin: each piece but the last is at most max wide (and at
// least one character).
func split(runs []string, w Word, measure Measure, max float64) []Word {
	var out []Word
	var cur Word
	for _, box := range w.Boxes {
		text := runs[box.Run]
		for s := box.Start; s < box.End; {
			_, n := utf8.DecodeRuneInString(text[s:box.End])
			rw := measure(box.Run, text[s:s+n])
			if cur.Width+rw > max && cur.Width > 0 {
				out = append(out, cur)
				cur = Word{}
			}
			if k := len(cur.Boxes) - 1; k >= 0 && cur.Boxes[k].Run == box.Run && cur.Boxes[k].End == s {
				cur.Boxes[k].End += n
				cur.Boxes[k].Width += rw
			} else {
				cur.Boxes = append(cur.Boxes, Box{Run: box.Run, Start: s, End: s + n, Width: rw})
			}
			cur.Width += rw
			s += n
		}
	}
	cur.Space, cur.Stretch = w.Space, w.Stretch
	return append(out, cur)
}
