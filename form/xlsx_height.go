package form

import (
	"math"
	"strings"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// Sheet geometry. A spreadsheet stores column widths in "characters", the
// width of a digit in the workbook's default font, and every client turns
// them into length with whatever font it has for that name: a default of
// Calibri 11 prints 7 pt a character in LibreOffice where DejaVu
// Sans stands in for it (measured), would print about 5.6 pt where Carlito
// is installed, and 5.25 pt (7 pixels) in Excel. So the workbook's default
// font is Times New Roman 12, which the form uses anyway and every machine
// that prints it has (or Liberation Serif, with the same widths): its digits
// are half an em, 6 pt, which LibreOffice uses as is (measured: 10 characters
// print 60 pt) and Excel as exactly 8 pixels at 96 dpi. Widths are whole
// pixels (0.75 pt), so Excel's rounding to pixels changes nothing.
const (
	defaultFontName = nd30.FontFamily
	defaultFontSize = 12.0
	charWidth       = defaultFontSize / 2 // points: the digit width at the default font
	pixel           = 0.75                // points: one pixel at 96 dpi, Excel's unit of width and height
)

// Cell text insets the heights assume, in points. LibreOffice wraps 1 pt in
// from each border (measured: a line wraps once it is wider than the column
// less 2.2 pt) and starts the first line 1 pt under the top border; Excel
// keeps about 2 pixels clear on each side (the 5 pixels of padding its
// column widths include). Text is broken 3 pixels in from each side, so a
// line that just fits our measure fits in both clients, and rows keep the
// PDF's 1.5 pt above and below the text.
const (
	textInset     = 3 * pixel
	verticalInset = float64(nd30.CellPaddingVertical) / 20 // twips to points
)

// ColumnPoints rounds column widths to whole pixels, in points. The column
// edges are rounded down, not each width, so the table is never wider than
// the widths' sum (the page's text width, which a wider table would make
// LibreOffice shrink to fit) and loses less than a pixel in all.
func ColumnPoints(widths []layout.Length) []float64 {
	pts := make([]float64, len(widths))
	var sum layout.Length
	edge := 0.0
	for i, w := range widths {
		sum += w
		next := math.Floor(sum.Points()/pixel+1e-9) * pixel
		pts[i] = next - edge
		edge = next
	}
	return pts
}

// excelWidth is a width in points in Excel's unit, characters of the
// default font.
func excelWidth(points float64) float64 { return points / charWidth }

// HeightCell is one cell of a sheet row as RowHeight measures it.
type HeightCell struct {
	Text   string
	Width  float64      // points across the cell, every column of a merged span
	Style  layout.Style // the cell's font size, weight and slant
	Wrap   bool         // the cell wraps its text; otherwise it holds a line per newline
	Number bool         // a number or formula: one line whatever its width
}

// RowHeight is the height in points a sheet row needs so that the text of
// each of its cells, wrapped as LibreOffice and Excel wrap it in the cell's
// width, stays inside the row's borders: the most lines any cell takes,
// times the line pitch of its font, and the vertical insets, rounded up to
// whole pixels (Excel shows and stores heights in pixels, and would round a
// fraction down). An empty cell or a number takes one line. Clients do not
// size rows with merged cells or explicit heights themselves, so the writer
// must.
func RowHeight(set *fonts.Set, cells []HeightCell) float64 {
	h := 0.0
	for _, c := range cells {
		size := c.Style.Size.Points()
		face := set.Face(fonts.StyleOf(c.Style.Bold, c.Style.Italic))
		h = max(h, float64(lineCount(face, c, size))*linePitch(face, size))
	}
	h += 2 * verticalInset
	return math.Ceil(h/pixel-1e-9) * pixel
}

// lineCount is how many lines c's text takes in its cell.
func lineCount(face *fonts.Face, c HeightCell, size float64) int {
	if c.Number || strings.TrimSpace(c.Text) == "" {
		return 1
	}
	// Both clients start a new line at a line feed, wrapped or not.
	paragraphs := strings.Split(strings.ReplaceAll(c.Text, "\r\n", "\n"), "\n")
	if !c.Wrap {
		return len(paragraphs)
	}
	width := max(c.Width-2*textInset, 1)
	n := 0
	for _, p := range paragraphs {
		n += len(face.BreakLines(p, size, width))
	}
	return n
}

// linePitch is the distance between the baselines of wrapped lines, the
// larger of two clients'. LibreOffice sets them ascent plus descent apart
// (13.3 pt at 12 pt, measured), less than the line height with the font's
// line gap our PDF uses (13.8 pt). Excel lays text out in whole pixels at
// 96 dpi: the font at a whole number of pixels to the em, ascent and descent
// each rounded up (19 pixels, 14.25 pt, at 12 pt).
func linePitch(face *fonts.Face, size float64) float64 {
	ppem := math.Round(size / pixel)
	excel := (math.Ceil(face.Ascent(ppem)) + math.Ceil(face.Descent(ppem))) * pixel
	return max(face.LineHeight(size), excel)
}
