package form

import (
	"math"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// fitCell is a cell's text, its element style and the width it has.
type fitCell struct {
	text  string
	e     nd30.Element
	width float64 // points
}

// excelWidth converts a width to Excel's unit, the width of a digit in the
// default font (about 1.9 mm).
func excelWidth(l layout.Length) float64 { return l.Millimetres() / 1.9 }

// columnPoints is the printed width of a column set with excelWidth.
func columnPoints(l layout.Length) float64 { return l.Points() }

// rowHeight is the height in points a row needs for its cells' wrapped text.
func rowHeight(fs *fonts.Set, set nd30.SizeSet, cells []fitCell) float64 {
	h := 0.0
	for _, c := range cells {
		st := set.Style(c.e)
		face := fs.Face(fonts.StyleOf(st.Bold, st.Italic))
		size := st.Size.Points()
		lines := len(face.BreakLines(c.text, size, max(c.width-2*nd30.CellPadding.Points(), 1)))
		h = max(h, float64(lines)*face.LineHeight(size)+4)
	}
	return math.Ceil(h*4) / 4
}
