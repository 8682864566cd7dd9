package form_test

import (
	"math"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

func fontSet(t *testing.T) *fonts.Set {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// The table text, the header and the title at the sizes of size set 13 (14 pt title).
func styles() (text12, header12, title14 layout.Style) {
	return layout.Style{Size: layout.Pt(12)}, layout.Style{Size: layout.Pt(12), Bold: true}, layout.Style{Size: layout.Pt(14), Bold: true}
}

// A line of 12 pt text is 19 pixels in Excel (14.25 pt, more than the font's
// 13.8 pt line height), with 1.5 pt above and below: 17.25 pt, 23 pixels.
func TestRowHeightOneLine(t *testing.T) {
	set := fontSet(t)
	text12, header12, _ := styles()
	for _, c := range []form.HeightCell{
		{Text: "STT", Width: 34, Style: header12, Wrap: true},
		{Text: "", Width: 10, Style: text12, Wrap: true},
		{Text: "   ", Width: 10, Style: text12, Wrap: true},
		{Text: "12345678901234567890", Width: 20, Style: text12, Wrap: true, Number: true},
		{Text: "Đơn vị báo cáo: một nhãn dài không ngắt dòng", Width: 30, Style: header12},
	} {
		if got := form.RowHeight(set, []form.HeightCell{c}); got != 17.25 {
			t.Errorf("%+v: height %v, want 17.25", c, got)
		}
	}
	if got := form.RowHeight(set, []form.HeightCell{{Text: "a\nb", Width: 300, Style: text12}}); got != 31.5 {
		t.Errorf("two lines by a line feed: %v, want 31.5", got)
	}
}

// A criterion wraps in its column, and the row takes its tallest cell.
func TestRowHeightWrapped(t *testing.T) {
	set := fontSet(t)
	text12, _, _ := styles()
	face := set.Face(fonts.Regular)
	const criterion = "1.2. Ban hành kế hoạch cải cách hành chính năm 2023 của tỉnh đúng thời hạn, đủ nội dung"
	// The text is broken 2.25 pt in from each side of a 123 pt column.
	lines := len(face.BreakLines(criterion, 12, 123-4.5))
	if lines != 4 {
		t.Fatalf("the criterion takes %d lines, want 4 for this test", lines)
	}
	row := []form.HeightCell{
		{Text: "1", Width: 34, Style: text12, Wrap: true, Number: true},
		{Text: criterion, Width: 123, Style: text12, Wrap: true},
		{Text: "Thiếu tài liệu", Width: 123, Style: text12, Wrap: true},
	}
	// 4 × 14.25 + 3 = 60 pt, a whole number of pixels.
	if got := form.RowHeight(set, row); got != 60 {
		t.Errorf("row height %v, want 60", got)
	}
	if got := form.RowHeight(set, row[2:]); got != 17.25 {
		t.Errorf("short cells alone: %v, want 17.25", got)
	}
	// Every line fits: the height never falls below the font's own line height.
	if got := form.RowHeight(set, row); got < 4*face.LineHeight(12)+3 {
		t.Errorf("row height %v below 4 lines of %v", got, face.LineHeight(12))
	}
}

// The title above the table is merged across all columns and measured in
// the whole width, and heights are whole pixels.
func TestRowHeightMergedTitle(t *testing.T) {
	set := fontSet(t)
	_, _, title14 := styles()
	title := strings.ToUpper("Tổng hợp kết quả rà soát, giải trình và bổ sung tài liệu kiểm chứng các tiêu chí, tiêu chí thành phần xác định Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành")
	merged := form.RowHeight(set, []form.HeightCell{{Text: title, Width: 714, Style: title14, Wrap: true}})
	// 14 pt: 19 pixels to the em, ascent 17 and descent 5 pixels, 16.5 pt a line.
	if merged != 36 {
		t.Errorf("merged title height %v, want 2 lines = 36", merged)
	}
	oneColumn := form.RowHeight(set, []form.HeightCell{{Text: title, Width: 164.25, Style: title14, Wrap: true}})
	if oneColumn <= merged {
		t.Errorf("in one column the title is %v high, not more than merged (%v)", oneColumn, merged)
	}
	for _, h := range []float64{merged, oneColumn} {
		if px := h / 0.75; px != math.Trunc(px) {
			t.Errorf("height %v is not whole pixels", h)
		}
	}
}

// Column widths are whole pixels and never add up to more than the page's
// text width, so LibreOffice does not shrink the page to fit.
func TestColumnPoints(t *testing.T) {
	widths := []layout.Length{nd30.IndexColumnWidth, 2469, nd30.ScoreColumnWidth, nd30.ScoreColumnWidth, 2469, 2468, nd30.ScoreColumnWidth}
	pts := form.ColumnPoints(widths)
	sum, want := 0.0, 0.0
	for i, p := range pts {
		if px := p / 0.75; px != math.Trunc(px) {
			t.Errorf("column %d is %v pt, not whole pixels", i, p)
		}
		if math.Abs(p-widths[i].Points()) > 0.75 {
			t.Errorf("column %d is %v pt, want about %v", i, p, widths[i].Points())
		}
		sum += p
		want += widths[i].Points()
	}
	if sum > want || want-sum >= 0.75 {
		t.Errorf("columns add up to %v pt, want at most %v and less than a pixel short", sum, want)
	}
}
