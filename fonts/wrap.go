package fonts

import (
	"strings"
	"unicode/utf8"
)

// Line is one line of broken text and its width in points.
type Line struct {
	Text  string
	Width float64
}

// BreakLines breaks text at spaces (Vietnamese syllables are space-separated)
// into lines no wider than width points, greedily, as word processors do. A
// word wider than a whole line is split between characters rather than
// allowed to cross the margin.
func (f *Face) BreakLines(text string, size, width float64) []Line {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []Line{{}}
	}
	space := f.Width(" ", size)
	var lines []Line
	var cur strings.Builder
	curWidth := 0.0
	emit := func() {
		lines = append(lines, Line{Text: cur.String(), Width: curWidth})
		cur.Reset()
		curWidth = 0
	}
	for _, w := range words {
		ww := f.Width(w, size)
		if cur.Len() > 0 && curWidth+space+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(w)
			curWidth += space + ww
			continue
		}
		if cur.Len() > 0 {
			emit()
		}
		for ww > width && utf8.RuneCountInString(w) > 1 {
			head, headWidth := f.fit(w, size, width)
			lines = append(lines, Line{Text: head, Width: headWidth})
			w = w[len(head):]
			ww = f.Width(w, size)
		}
		cur.WriteString(w)
		curWidth = ww
	}
	emit()
	return lines
}

// fit returns the longest prefix of w (at least one character) no wider than width.
func (f *Face) fit(w string, size, width float64) (string, float64) {
	total, end := 0.0, 0
	for i, r := range w {
		a := f.Width(string(r), size)
		if end > 0 && total+a > width {
			break
		}
		total += a
		end = i + utf8.RuneLen(r)
	}
	return w[:end], total
}
