package nd30

import (
	"fmt"

	"github.com/vanban-vn/vanban/layout"
)

// Labels of appendix tables and of the form departments fill in. They are
// conventions of the appendix (docs/nd30.md §12), not words of the Decree, kept here
// so that the DOCX, the PDF, the XLSX form and the form reader agree.
const (
	// TotalLabel labels the total row when the author gives none.
	TotalLabel = "Tổng cộng"
	// SubtotalPrefix starts the label of a group's subtotal row: "Cộng: Sở Tư pháp".
	SubtotalPrefix = "Cộng: "
	// UnitLabel labels the cell of a form where the reporting unit writes its name.
	UnitLabel = "Đơn vị báo cáo:"
	// UnitColumn is the title of the column a consolidated appendix gains:
	// the unit each row came from.
	UnitColumn = "Đơn vị"
	// UnitColumnWidth is the unit column's width when it fits, in mm; else it
	// shares the text columns' room.
	UnitColumnWidth = 35
)

// SubtotalLabel is the label of a group's subtotal row.
func SubtotalLabel(group string) string { return SubtotalPrefix + group }

// ColumnKind is what an appendix column holds, as far as its width goes.
type ColumnKind int

const (
	TextColumn  ColumnKind = iota
	IndexColumn            // STT: numbered automatically
	ScoreColumn            // decimal numbers
)

// ColumnSpec is what decides a column's width: the author's width in mm
// (0: none) and its kind.
type ColumnSpec struct {
	WidthMM float64
	Kind    ColumnKind
	// Digits is, for an index column, how many digits its largest number
	// has: past three, IndexColumnWidth is too narrow for "1000" at the
	// larger size set, and the number would wrap.
	Digits int
}

// IndexWidth is the width an index column needs for numbers of the given
// digits: a digit of Times New Roman is half an em, at the larger table
// text size (TableText, 13 pt in set 14), with the cell padding on both
// sides and a millimetre to spare; never less than IndexColumnWidth.
func IndexWidth(digits int) layout.Length {
	size := Set14.Style(TableText).Size
	need := layout.Length(digits)*size/2 + 2*CellPadding + layout.MM(1)
	return max(IndexColumnWidth, need)
}

// ColumnWidthError says the columns do not fit the page, in both languages.
type ColumnWidthError struct{ Vi, En string }

func (e *ColumnWidthError) Error() string { return e.Vi }

// ColumnWidths gives each column of an appendix table its width on the page:
// the author's, else IndexColumnWidth or ScoreColumnWidth, and text columns
// share what is left equally. The table spans the text width (docs/nd30.md §12).
func ColumnWidths(cols []ColumnSpec, landscape bool) ([]layout.Length, error) {
	total := Page(landscape).TextWidth()
	widths := make([]layout.Length, len(cols))
	used, shared := layout.Length(0), 0
	for i, c := range cols {
		switch {
		case c.WidthMM > 0:
			widths[i] = layout.MM(c.WidthMM)
		case c.Kind == IndexColumn:
			widths[i] = IndexWidth(c.Digits)
		case c.Kind == ScoreColumn:
			widths[i] = ScoreColumnWidth
		default:
			shared++
			continue
		}
		used += widths[i]
	}
	rest := total - used
	if rest < 0 || (shared > 0 && rest/layout.Length(shared) < IndexColumnWidth) {
		return nil, &ColumnWidthError{
			Vi: fmt.Sprintf("các cột rộng %.0f mm (cột văn bản cần ít nhất %.0f mm mỗi cột), vượt bề rộng vùng in %.0f mm; giảm width hoặc đặt landscape: true",
				used.Millimetres(), IndexColumnWidth.Millimetres(), total.Millimetres()),
			En: fmt.Sprintf("the columns take %.0f mm (text columns need at least %.0f mm each), more than the %.0f mm text width; reduce width or set landscape: true",
				used.Millimetres(), IndexColumnWidth.Millimetres(), total.Millimetres()),
		}
	}
	for i := range widths {
		if widths[i] == 0 {
			widths[i] = rest / layout.Length(shared)
		}
	}
	if shared > 0 { // rounding leftovers go to the last shared column, so the table spans the text width
		for i := len(widths) - 1; i >= 0; i-- {
			if cols[i].WidthMM == 0 && cols[i].Kind == TextColumn {
				widths[i] += rest - rest/layout.Length(shared)*layout.Length(shared)
				break
			}
		}
	}
	return widths, nil
}
