package fonts

import "github.com/vanban-vn/vanban/linebreak"

// Line is one line of broken text and its width in points.
type Line struct {
	Text  string
	Width float64
}

// BreakLines breaks text set in this face at size points into lines no
// wider than width points, with the one line breaker every writer uses
// (package linebreak): after spaces and after hyphens and dashes, never
// inside a document number and ký hiệu ("12/QĐ-STP"), greedily, as
// LibreOffice does (linebreak.BreakFormatted); a word wider than a whole
// line is split between characters rather than allowed to cross the margin. Leading spaces are dropped; a
// line's Text runs from its first word to its last.
func (f *Face) BreakLines(text string, size, width float64) []Line {
	measure := func(_ int, s string) float64 { return f.Width(s, size) }
	format := []linebreak.Format{{Height: f.LineHeight(size), Italic: f.Italic()}}
	broken := linebreak.BreakFormatted([]string{text}, format, measure, width, width)
	lines := make([]Line, len(broken))
	for i, l := range broken {
		lines[i].Width = l.Width
		if len(l.Words) > 0 {
			first, last := l.Words[0].Boxes[0], l.Words[len(l.Words)-1].Boxes
			lines[i].Text = text[first.Start:last[len(last)-1].End]
		}
	}
	return lines
}
