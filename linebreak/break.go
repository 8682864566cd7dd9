package linebreak

import (
	"strings"
	"unicode/utf8"
)

// Measure returns the width in points of s, a piece of the text of run
// number run. Widths must add up: the width of a string is the sum of its
// characters' (word processors round each glyph's advance to a twip, and
// so do vanban's measures).
type Measure func(run int, s string) float64

// Box is a piece of one run's text that a line holds whole: a word, or the
// part of a word in one run ("NC" and a subscript "1" are two boxes).
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
}

// Line is one line of a paragraph.
type Line struct {
	Words []Word
	// Width is the line's natural width: its words and the spaces between
	// them, not the spaces after the last word.
	Width float64
}

// Break breaks a paragraph written as runs of text into lines, the first
// at most first points wide and the others at most rest. Leading spaces are
// dropped; spaces after a word widen the gap after it. It always returns at
// least one line (an empty one for a paragraph with no text).
func Break(runs []string, measure Measure, first, rest float64) []Line {
	return fill(runs, segment(runs, measure), measure, first, rest)
}

// segment splits the runs into words at break opportunities.
func segment(runs []string, measure Measure) []Word {
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
	word := func(from, to int) {
		first := len(boxes)
		width := 0.0
		if starts == nil {
			width = measure(0, text[from:to])
			boxes = append(boxes, Box{Start: from, End: to, Width: width})
		} else {
			for k := range runs {
				lo, hi := max(from, starts[k]), min(to, starts[k]+len(runs[k]))
				if lo >= hi {
					continue
				}
				w := measure(k, text[lo:hi])
				boxes = append(boxes, Box{Run: k, Start: lo - starts[k], End: hi - starts[k], Width: w})
				width += w
			}
		}
		words = append(words, Word{Boxes: boxes[first:len(boxes):len(boxes)], Width: width})
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
				w.Space += measure(run, sp)
				w.Stretch = true
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
	return words
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
func fill(runs []string, words []Word, measure Measure, first, rest float64) []Line {
	out, inPlace := words, true
	for _, w := range words {
		if w.Width > min(first, rest) { // some word may have to be split
			out, inPlace = make([]Word, 0, len(words)+4), false
			break
		}
	}
	lines := make([]Line, 0, 4)
	start, end, used := 0, 0, 0.0 // the current line is out[start:end]
	avail := func() float64 {
		if len(lines) == 0 {
			return first
		}
		return rest
	}
	emit := func() {
		lines = append(lines, Line{Words: out[start:end:end], Width: used})
		start, used = end, 0
	}
	put := func(w Word) {
		if !inPlace {
			out = append(out, w)
		}
		end++
	}
	for _, w := range words {
		if end > start && used+out[end-1].Space+w.Width <= avail()+1e-6 {
			used += out[end-1].Space + w.Width
			put(w)
			continue
		}
		if end > start {
			emit()
		}
		if w.Width <= avail() {
			put(w)
			used = w.Width
			continue
		}
		for i, piece := range split(runs, w, measure, avail()) {
			if i > 0 {
				emit()
			}
			put(piece)
			used = piece.Width
		}
	}
	emit()
	return lines
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
