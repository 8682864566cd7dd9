package xlsxwrite_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/internal/xlsxread"
	"github.com/vanban-vn/vanban/internal/xlsxwrite"
)

const scoreFmt = "[$-42A]General"

// must(f())(t) is f's value, or ends the test with f's error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// Texts that escaping must carry through: markup, quotes, whitespace that
// XML would normalise, characters XML 1.0 cannot hold, and a literal
// "_xHHHH_" that readers would otherwise decode.
var tricky = []string{
	`<a href="x">&amp;</a> 'q'`,
	"line one\nline two",
	"cr\r\nlf",
	"\ttab and trailing spaces  ",
	"  leading",
	"bell\x07 nul\x00 esc\x1b",
	"literal _x0041_ and _x005F_ and _xZZZZ_ and _x12_",
	"noncharacter \uFFFF \uFFFE",
	"Tiếng Việt: Điểm đề nghị điều chỉnh 😀",
	"]]> end",
}

// writeForm writes a workbook with what the form writer uses: a default
// font, styles of every kind, two sheets with widths, frozen header, print
// titles, merges, validations, formulas with and without cached values,
// and page layout.
func writeForm(t testing.TB, texts []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := must(xlsxwrite.New(&buf, xlsxwrite.Workbook{
		DefaultFont: xlsxwrite.Font{Name: "Times New Roman", Size: 12},
		Title:       "Tổng hợp điểm <CCHC>", Subject: "Phụ lục", Creator: "Sở Nội vụ",
		Language: "vi-VN", Created: "2024-03-05T00:00:00Z",
	}))(t)
	all := xlsxwrite.Border{Left: xlsxwrite.Thin, Right: xlsxwrite.Thin, Top: xlsxwrite.Thin, Bottom: xlsxwrite.Thin, Color: "000000"}
	heading := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Size: 13, Bold: true, Color: "000000"}, Horizontal: "center", Wrap: true}))(t)
	italic := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Size: 14, Italic: true, Color: "#1F2937"}, Horizontal: "center", Wrap: true}))(t)
	unitLabel := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true, Color: "000000"}, Horizontal: "right"}))(t)
	unitInput := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Color: "000000"}, Border: xlsxwrite.Border{Bottom: xlsxwrite.Dotted, Color: "000000"}}))(t)
	header := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true, Color: "000000"}, Horizontal: "center", Vertical: "center", Wrap: true, Border: all}))(t)
	text := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Color: "000000"}, Horizontal: "left", Vertical: "top", Wrap: true, Border: all}))(t)
	score := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Color: "000000"}, Horizontal: "center", Vertical: "center", Wrap: true, Border: all, NumFmt: scoreFmt}))(t)
	total := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true, Color: "000000"}, Horizontal: "center", Vertical: "center", Wrap: true, Border: all, NumFmt: scoreFmt}))(t)

	s := must(w.Sheet("Phụ lục I", xlsxwrite.Sheet{
		Widths: []float64{6, 40.5, 12.5, 12.5, 0, 20}, FreezeRows: 7, PrintTitles: [2]int{7, 7},
		Landscape: true, FitToWidth: true,
		Margins: &xlsxwrite.Margins{Top: 0.79, Bottom: 0.79, Left: 1.18, Right: 0.59},
	}))(t)
	check(t, s.Merge(1, 1, 6, 1))
	check(t, s.Row(1, 20.25, xlsxwrite.Cell{Style: heading, Value: "SỞ NỘI VỤ"}, xlsxwrite.Cell{Style: heading}))
	check(t, s.Merge(1, 2, 6, 2))
	check(t, s.Row(2, 0, xlsxwrite.Cell{Style: italic, Value: "Phụ lục I"}))
	check(t, s.Merge(1, 5, 2, 5))
	check(t, s.Merge(3, 5, 6, 5))
	check(t, s.Row(5, 18, xlsxwrite.Cell{Style: unitLabel, Value: "Đơn vị:"}, xlsxwrite.Cell{Style: unitLabel},
		xlsxwrite.Cell{Style: unitInput}, xlsxwrite.Cell{Style: unitInput}, xlsxwrite.Cell{Style: unitInput}, xlsxwrite.Cell{Style: unitInput}))
	check(t, s.Row(7, 33, xlsxwrite.Cell{Style: header, Value: "STT"}, xlsxwrite.Cell{Style: header, Value: "Tiêu chí"},
		xlsxwrite.Cell{Style: header, Value: "Điểm tự chấm"}, xlsxwrite.Cell{Style: header, Value: "Điểm đề nghị"},
		xlsxwrite.Cell{Style: header, Value: "Ghi chú"}, xlsxwrite.Cell{Style: header, Value: "Tài liệu"}))
	check(t, s.Row(8, 0, xlsxwrite.Cell{Style: text, Value: 1}, xlsxwrite.Cell{Style: text, Value: "Công tác chỉ đạo"},
		xlsxwrite.Cell{Style: score, Value: 2.5}, xlsxwrite.Cell{Style: score, Value: 0.25}, xlsxwrite.Cell{}, xlsxwrite.Cell{Style: text}))
	check(t, s.Row(9, 0, xlsxwrite.Cell{Style: text, Value: int64(2)}, xlsxwrite.Cell{Style: text, Value: "Cải cách thể chế"},
		xlsxwrite.Cell{Style: score, Value: 1.25}, xlsxwrite.Cell{Style: score}))
	check(t, s.Row(10, 0, xlsxwrite.Cell{Style: text, Value: uint8(3)}, xlsxwrite.Cell{Style: text, Value: "Hiện đại hoá"},
		xlsxwrite.Cell{Style: score, Value: float32(0.5)}, xlsxwrite.Cell{Style: score, Value: 1e-7}))
	check(t, s.Merge(1, 11, 2, 11))
	check(t, s.Row(11, 19.5, xlsxwrite.Cell{Style: total, Value: "Tổng điểm"}, xlsxwrite.Cell{Style: total},
		xlsxwrite.Cell{Style: total, Formula: "SUM(C8:C10)", Value: 4.25}, xlsxwrite.Cell{Style: total, Formula: "=SUM(D8:D10)"}))
	check(t, s.Validate(xlsxwrite.Validation{FromCol: 3, FromRow: 8, ToCol: 3, ToRow: 10, Min: ptr(0.0), Max: ptr(10.0),
		Title: "Điểm không hợp lệ", Message: `Cột "Điểm tự chấm" nhận một số từ 0 đến 10.`}))
	check(t, s.Validate(xlsxwrite.Validation{FromCol: 4, FromRow: 8, ToCol: 4, ToRow: 10, Min: ptr(0.0),
		Title: "Điểm không hợp lệ", Message: "Nhận một số không âm, ví dụ 0,5."}))

	s2 := must(w.Sheet("Phụ lục II", xlsxwrite.Sheet{Widths: []float64{30}, DefaultRowHeight: 16.5}))(t)
	for i, v := range texts {
		check(t, s2.Row(i+1, 0, xlsxwrite.Cell{Value: v}))
	}
	n := len(texts)
	check(t, s2.Row(n+1, 0, xlsxwrite.Cell{Value: true}, xlsxwrite.Cell{Value: -0.0}, xlsxwrite.Cell{Value: 1e21},
		xlsxwrite.Cell{Value: uint64(18446744073709551615)}, xlsxwrite.Cell{Value: -123456.789}))
	check(t, s2.Row(n+2, 0, xlsxwrite.Cell{Formula: `"a"&"b"`, Value: "ab"}, xlsxwrite.Cell{Formula: "1>0", Value: true},
		xlsxwrite.Cell{Formula: "'Phụ lục I'!C11*2"}))
	check(t, w.Close())
	return buf.Bytes()
}

func openExcelize(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f := must(excelize.OpenReader(bytes.NewReader(data)))(t)
	t.Cleanup(func() { f.Close() })
	return f
}

// Everything written reads back through excelize as written.
func TestRoundTripExcelize(t *testing.T) {
	f := openExcelize(t, writeForm(t, tricky))
	const sh = "Phụ lục I"
	if got := f.GetSheetList(); !slices.Equal(got, []string{sh, "Phụ lục II"}) {
		t.Fatalf("sheets %q", got)
	}
	raw := excelize.Options{RawCellValue: true}
	for ref, want := range map[string]string{
		"A1": "SỞ NỘI VỤ", "A2": "Phụ lục I", "A5": "Đơn vị:", "A7": "STT", "F7": "Tài liệu",
		"A8": "1", "B8": "Công tác chỉ đạo", "C8": "2.5", "D8": "0.25", "A9": "2", "A10": "3", "C10": "0.5", "D10": "1E-07",
		"A11": "Tổng điểm", "C11": "4.25", "D11": "", "E8": "", "F8": "",
	} {
		if got := must(f.GetCellValue(sh, ref, raw))(t); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	for ref, want := range map[string]string{"C11": "SUM(C8:C10)", "D11": "SUM(D8:D10)", "C10": ""} {
		if got := must(f.GetCellFormula(sh, ref))(t); got != want {
			t.Errorf("%s formula %q, want %q", ref, got, want)
		}
	}
	for i, want := range tricky {
		want = strings.ToValidUTF8(want, "\uFFFD")
		if got := must(f.GetCellValue("Phụ lục II", fmt.Sprintf("A%d", i+1), raw))(t); got != want {
			t.Errorf("text %d = %q, want %q", i+1, got, want)
		}
	}
	n := len(tricky)
	for ref, want := range map[string]string{
		fmt.Sprintf("A%d", n+1): "1", fmt.Sprintf("B%d", n+1): "0", fmt.Sprintf("C%d", n+1): "1E+21",
		fmt.Sprintf("D%d", n+1): "18446744073709551615", fmt.Sprintf("E%d", n+1): "-123456.789",
		fmt.Sprintf("A%d", n+2): "ab", fmt.Sprintf("B%d", n+2): "1",
	} {
		if got := must(f.GetCellValue("Phụ lục II", ref, raw))(t); got != want {
			t.Errorf("Phụ lục II!%s = %q, want %q", ref, got, want)
		}
	}
	if got := must(f.GetCellFormula("Phụ lục II", fmt.Sprintf("C%d", n+2)))(t); got != "'Phụ lục I'!C11*2" {
		t.Errorf("cross-sheet formula %q", got)
	}

	// Styles.
	if got := must(f.GetDefaultFont())(t); got != "Times New Roman" {
		t.Errorf("default font %q", got)
	}
	if sz := f.Styles.Fonts.Font[0].Sz; sz == nil || sz.Val == nil || *sz.Val != 12 {
		t.Errorf("default font size %+v", sz)
	}
	style := func(ref string) *excelize.Style {
		t.Helper()
		return must(f.GetStyle(must(f.GetCellStyle(sh, ref))(t)))(t)
	}
	if s := style("A1"); s.Font == nil || !s.Font.Bold || s.Font.Italic || s.Font.Size != 13 || s.Font.Family != "Times New Roman" || s.Font.Color != "000000" ||
		s.Alignment == nil || s.Alignment.Horizontal != "center" || !s.Alignment.WrapText || len(s.Border) != 0 || s.CustomNumFmt != nil {
		t.Errorf("A1 style %+v font %+v align %+v", s, s.Font, s.Alignment)
	}
	if s := style("A2"); s.Font == nil || s.Font.Bold || !s.Font.Italic || s.Font.Size != 14 || s.Font.Color != "1F2937" {
		t.Errorf("A2 font %+v", s.Font)
	}
	if s := style("C5"); len(s.Border) != 1 || s.Border[0].Type != "bottom" || s.Border[0].Style != 4 || s.Font.Size != 12 {
		t.Errorf("C5 (dotted bottom) style %+v font %+v", s.Border, s.Font)
	}
	// excelize's GetStyle leaves out border colours when there is no theme
	// part; its parsed style sheet has them.
	xf := f.Styles.CellXfs.Xf[must(f.GetCellStyle(sh, "C5"))(t)]
	if bd := f.Styles.Borders.Border[*xf.BorderID]; bd.Bottom == nil || bd.Bottom.Style != "dotted" || bd.Bottom.Color == nil || bd.Bottom.Color.RGB != "FF000000" {
		t.Errorf("C5 border %+v", bd)
	}
	if s := style("B8"); len(s.Border) != 4 || s.Alignment.Horizontal != "left" || s.Alignment.Vertical != "top" || !s.Alignment.WrapText {
		t.Errorf("B8 style %+v %+v", s.Border, s.Alignment)
	} else {
		for _, b := range s.Border {
			if b.Style != 1 {
				t.Errorf("B8 border %+v, want thin (1)", b)
			}
		}
	}
	if s := style("C8"); s.CustomNumFmt == nil || *s.CustomNumFmt != scoreFmt || s.Alignment.Vertical != "center" {
		t.Errorf("C8 number format %v", s.CustomNumFmt)
	}
	if s := style("C11"); s.CustomNumFmt == nil || *s.CustomNumFmt != scoreFmt || !s.Font.Bold {
		t.Errorf("C11 style %+v", s)
	}
	if got := must(f.GetCellStyle(sh, "E8"))(t); got != 0 {
		t.Errorf("E8, an empty unstyled cell, has style %d", got)
	}

	// Layout.
	merges := must(f.GetMergeCells(sh))(t)
	var refs []string
	for _, m := range merges {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if want := []string{"A1:F1", "A2:F2", "A5:B5", "C5:F5", "A11:B11"}; !slices.Equal(refs, want) {
		t.Errorf("merges %q, want %q", refs, want)
	}
	for row, want := range map[int]float64{1: 20.25, 5: 18, 7: 33, 11: 19.5} {
		if got := must(f.GetRowHeight(sh, row))(t); got != want {
			t.Errorf("row %d height %v, want %v", row, got, want)
		}
	}
	for col, want := range map[string]float64{"A": 6, "B": 40.5, "C": 12.5, "F": 20} {
		if got := must(f.GetColWidth(sh, col))(t); got != want {
			t.Errorf("column %s width %v, want %v", col, got, want)
		}
	}
	if p := must(f.GetPanes(sh))(t); !p.Freeze || p.YSplit != 7 || p.XSplit != 0 || p.TopLeftCell != "A8" || p.ActivePane != "bottomLeft" {
		t.Errorf("panes %+v", p)
	}
	if p := must(f.GetPanes("Phụ lục II"))(t); p.Freeze {
		t.Errorf("second sheet frozen: %+v", p)
	}
	dvs := must(f.GetDataValidations(sh))(t)
	if len(dvs) != 2 {
		t.Fatalf("%d validations", len(dvs))
	}
	if dv := dvs[0]; dv.Sqref != "C8:C10" || dv.Type != "decimal" || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != "10" ||
		!dv.ShowErrorMessage || !dv.AllowBlank || *dv.ErrorStyle != "stop" || *dv.ErrorTitle != "Điểm không hợp lệ" || *dv.Error != `Cột "Điểm tự chấm" nhận một số từ 0 đến 10.` {
		t.Errorf("validation %+v", dv)
	}
	if dv := dvs[1]; dv.Sqref != "D8:D10" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" || dv.Formula2 != "" {
		t.Errorf("validation %+v", dv)
	}
	pl := must(f.GetPageLayout(sh))(t)
	if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout size %d %s fit %d×%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
	}
	if pl := must(f.GetPageLayout("Phụ lục II"))(t); *pl.Orientation != "portrait" || *pl.Size != 9 {
		t.Errorf("second sheet layout %s %d", *pl.Orientation, *pl.Size)
	}
	pm := must(f.GetPageMargins(sh))(t)
	if *pm.Top != 0.79 || *pm.Bottom != 0.79 || *pm.Left != 1.18 || *pm.Right != 0.59 || *pm.Header != 0 || *pm.Footer != 0 {
		t.Errorf("margins %v %v %v %v", *pm.Top, *pm.Bottom, *pm.Left, *pm.Right)
	}
	if pm := must(f.GetPageMargins("Phụ lục II"))(t); *pm.Left != 0.7 || *pm.Top != 0.75 || *pm.Header != 0.3 {
		t.Errorf("default margins %v %v %v", *pm.Left, *pm.Top, *pm.Header)
	}
	if sp := must(f.GetSheetProps(sh))(t); sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("sheet props: not fit to page")
	}
	if sp := must(f.GetSheetProps("Phụ lục II"))(t); sp.DefaultRowHeight == nil || *sp.DefaultRowHeight != 16.5 {
		t.Errorf("second sheet default row height %v", sp.DefaultRowHeight)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || names[0].RefersTo != "'Phụ lục I'!$7:$7" || names[0].Scope != sh {
		t.Errorf("defined names %+v", names)
	}
	if cp := must(f.GetCalcProps())(t); cp.FullCalcOnLoad == nil || !*cp.FullCalcOnLoad {
		t.Errorf("calc props: no full calculation on load")
	}
	dp := must(f.GetDocProps())(t)
	if dp.Title != "Tổng hợp điểm <CCHC>" || dp.Subject != "Phụ lục" || dp.Creator != "Sở Nội vụ" || dp.LastModifiedBy != "vanban" ||
		dp.Language != "vi-VN" || dp.Created != "2024-03-05T00:00:00Z" || dp.Modified != "2024-03-05T00:00:00Z" {
		t.Errorf("doc props %+v", dp)
	}
}

type readCell struct {
	kind           xlsxread.Kind
	value, formula string
	hasValue       bool
	numFmt         string
}

func readAll(t testing.TB, data []byte) (sheets []string, cells map[string]readCell) {
	t.Helper()
	wb := must(xlsxread.Open(bytes.NewReader(data), int64(len(data)), xlsxread.Limits{}))(t)
	cells = map[string]readCell{}
	for _, sh := range wb.Sheets() {
		rows := must(wb.Rows(sh))(t)
		for rows.Next() {
			_, cs := rows.Row()
			for _, c := range cs {
				cells[sh+"!"+c.Ref()] = readCell{c.Kind, c.Value, c.Formula, c.HasValue, c.NumFmt}
			}
		}
		check(t, rows.Err())
		rows.Close()
	}
	return wb.Sheets(), cells
}

// The project's own reader reads what was written: values, kinds, formulas
// with and without cached values, number formats.
func TestRoundTripXlsxread(t *testing.T) {
	sheets, cells := readAll(t, writeForm(t, tricky))
	if !slices.Equal(sheets, []string{"Phụ lục I", "Phụ lục II"}) {
		t.Fatalf("sheets %q", sheets)
	}
	n := len(tricky)
	want := map[string]readCell{
		"Phụ lục I!A1":                     {xlsxread.String, "SỞ NỘI VỤ", "", true, "General"},
		"Phụ lục I!A8":                     {xlsxread.Number, "1", "", true, "General"},
		"Phụ lục I!C8":                     {xlsxread.Number, "2.5", "", true, scoreFmt},
		"Phụ lục I!C10":                    {xlsxread.Number, "0.5", "", true, scoreFmt},
		"Phụ lục I!C11":                    {xlsxread.Number, "4.25", "SUM(C8:C10)", true, scoreFmt},
		"Phụ lục I!D11":                    {xlsxread.Number, "", "SUM(D8:D10)", false, scoreFmt},
		fmt.Sprintf("Phụ lục II!A%d", n+1): {xlsxread.Bool, "TRUE", "", true, "General"},
		fmt.Sprintf("Phụ lục II!D%d", n+1): {xlsxread.Number, "18446744073709551615", "", true, "General"},
		fmt.Sprintf("Phụ lục II!A%d", n+2): {xlsxread.String, "ab", `"a"&"b"`, true, "General"},
		fmt.Sprintf("Phụ lục II!C%d", n+2): {xlsxread.Number, "", "'Phụ lục I'!C11*2", false, "General"},
	}
	for i, s := range tricky {
		want[fmt.Sprintf("Phụ lục II!A%d", i+1)] = readCell{xlsxread.String, strings.ToValidUTF8(s, "\uFFFD"), "", true, "General"}
	}
	for ref, w := range want {
		if got, ok := cells[ref]; !ok || got != w {
			t.Errorf("%s = %+v, want %+v", ref, got, w)
		}
	}
	// Styled empty cells are no cells to a reader.
	for _, ref := range []string{"Phụ lục I!B1", "Phụ lục I!C5", "Phụ lục I!D9", "Phụ lục I!E8"} {
		if c, ok := cells[ref]; ok {
			t.Errorf("%s read as %+v, want empty", ref, c)
		}
	}
}

// Every part is valid against the ECMA-376 transitional schemas, but for
// one thing: text with leading or trailing white space has
// xml:space="preserve" on its <t>, which the schema leaves out but Excel
// writes itself and needs (without it Excel trims the text).
func TestSchema(t *testing.T) {
	dir := t.TempDir()
	var trimmed []string
	for _, s := range tricky {
		if s == strings.TrimSpace(s) {
			trimmed = append(trimmed, s)
		}
	}
	path := filepath.Join(dir, "form.xlsx")
	check(t, os.WriteFile(path, writeForm(t, trimmed), 0o644))
	testtool.ValidateOOXML(t, path)

	spaced := filepath.Join(dir, "spaced.xlsx")
	check(t, os.WriteFile(spaced, writeForm(t, tricky), 0o644))
	testtool.Require(t, "python3", "xmllint")
	out, err := exec.Command("python3", filepath.Join(testtool.RepoRoot(t), "tools", "ooxml-validate"), spaced).CombinedOutput()
	if err == nil {
		t.Fatalf("xml:space on <t> is valid after all: drop this exception\n%s", out)
	}
	known := spaced + ":xl/worksheets/sheet2.xml: Element '{" + nsMain + "}t', attribute '{http://www.w3.org/XML/1998/namespace}space': " +
		"The attribute '{http://www.w3.org/XML/1998/namespace}space' is not allowed."
	if got := strings.TrimSpace(string(out)); got != known {
		t.Errorf("ooxml-validate, beyond xml:space on <t>:\n%s", got)
	}
}

const nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// Same calls, same bytes; every part has the fixed time.
func TestDeterministic(t *testing.T) {
	a, b := writeForm(t, tricky), writeForm(t, tricky)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same workbook differ")
	}
	zr := must(zip.NewReader(bytes.NewReader(a), int64(len(a))))(t)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
	}
	want := []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml",
		"xl/_rels/workbook.xml.rels", "docProps/core.xml", "docProps/app.xml", "_rels/.rels", "[Content_Types].xml"}
	if !slices.Equal(names, want) {
		t.Errorf("parts %q", names)
	}
}

// Identical styles share one id, and ids follow the order of first use.
func TestStyleIDs(t *testing.T) {
	w := must(xlsxwrite.New(&bytes.Buffer{}, xlsxwrite.Workbook{DefaultFont: xlsxwrite.Font{Name: "Arial", Size: 10}}))(t)
	ids := []xlsxwrite.StyleID{
		must(w.Style(xlsxwrite.Style{}))(t),
		must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Name: "Arial", Size: 10}, NumFmt: "General"}))(t), // the default, said in full
		must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true}}))(t),
		must(w.Style(xlsxwrite.Style{NumFmt: "0.00"}))(t),
		must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true, Size: 10}}))(t),
		must(w.Style(xlsxwrite.Style{Border: xlsxwrite.Border{Color: "FF0000"}}))(t), // no line: no border
		must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Color: "ff0000"}}))(t),
		must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Color: "#FFFF0000"}}))(t),
	}
	if want := []xlsxwrite.StyleID{0, 0, 1, 2, 1, 0, 3, 3}; !slices.Equal(ids, want) {
		t.Errorf("style ids %v, want %v", ids, want)
	}
}

// Input Excel would refuse or "repair" is an error, not a panic, and a
// refused call writes nothing: the workbook is still whole.
func TestErrors(t *testing.T) {
	if _, err := xlsxwrite.New(&bytes.Buffer{}, xlsxwrite.Workbook{Created: "5 March 2024"}); err == nil {
		t.Error("a creation time that is not RFC 3339 was taken")
	}
	if _, err := xlsxwrite.New(&bytes.Buffer{}, xlsxwrite.Workbook{DefaultFont: xlsxwrite.Font{Name: "Arial"}}); err == nil {
		t.Error("a default font of no size was taken")
	}
	var buf bytes.Buffer
	w := must(xlsxwrite.New(&buf, xlsxwrite.Workbook{}))(t)
	if err := w.Close(); err == nil {
		t.Error("a workbook without sheets was closed")
	}
	for _, s := range []xlsxwrite.Style{
		{Font: xlsxwrite.Font{Color: "red"}},
		{Font: xlsxwrite.Font{Size: -1}},
		{Font: xlsxwrite.Font{Size: 410}},
		{Horizontal: "middle"},
		{Vertical: "left"},
		{Border: xlsxwrite.Border{Left: 14}},
		{Border: xlsxwrite.Border{Top: xlsxwrite.Thin, Color: "12345"}},
		{NumFmt: "0.00\x01"},
	} {
		if _, err := w.Style(s); err == nil {
			t.Errorf("style %+v was taken", s)
		}
	}
	for _, name := range []string{"", "a:b", `a\b`, "a/b", "a?b", "a*b", "a[b", "a]b", "'quoted'", "tab\there",
		"History", strings.Repeat("x", 32), strings.Repeat("ệ", 32)} {
		if _, err := w.Sheet(name, xlsxwrite.Sheet{}); err == nil {
			t.Errorf("sheet name %q was taken", name)
		}
	}
	for _, o := range []xlsxwrite.Sheet{
		{Widths: []float64{-1}}, {Widths: []float64{256}}, {FreezeRows: -1}, {PrintTitles: [2]int{3, 2}},
		{PrintTitles: [2]int{0, 2}}, {DefaultRowHeight: 500}, {Margins: &xlsxwrite.Margins{Left: -0.1}},
	} {
		if _, err := w.Sheet("ok", o); err == nil {
			t.Errorf("sheet options %+v were taken", o)
		}
	}
	s := must(w.Sheet(strings.Repeat("ệ", 31), xlsxwrite.Sheet{}))(t)
	if _, err := w.Sheet(strings.ToUpper(strings.Repeat("ệ", 31)), xlsxwrite.Sheet{}); err == nil {
		t.Error("a second sheet of the same name (in another case) was taken")
	}
	check(t, s.Row(5, 0, xlsxwrite.Cell{Value: "five"}))
	for name, err := range map[string]error{
		"row 5 again":        s.Row(5, 0, xlsxwrite.Cell{Value: 1}),
		"row 3 after 5":      s.Row(3, 0, xlsxwrite.Cell{Value: 1}),
		"row 0":              s.Row(0, 0),
		"row past the sheet": s.Row(xlsxwrite.MaxRows+1, 0),
		"negative height":    s.Row(6, -1, xlsxwrite.Cell{Value: 1}),
		"height 410":         s.Row(6, 410, xlsxwrite.Cell{Value: 1}),
		"NaN":                s.Row(6, 0, xlsxwrite.Cell{Value: 1}, xlsxwrite.Cell{Value: nan()}),
		"a map value":        s.Row(6, 0, xlsxwrite.Cell{Value: map[string]int{}}),
		"unknown style":      s.Row(6, 0, xlsxwrite.Cell{Style: 99, Value: 1}),
		"control in formula": s.Row(6, 0, xlsxwrite.Cell{Formula: "SUM(A1\x00)"}),
		"formula of '='":     s.Row(6, 0, xlsxwrite.Cell{Formula: "="}),
		"long text":          s.Row(6, 0, xlsxwrite.Cell{Value: strings.Repeat("ệ", xlsxwrite.MaxCellChars+1)}),
		"too many cells":     s.Row(6, 0, make([]xlsxwrite.Cell, xlsxwrite.MaxColumns+1)...),
		"merge reversed":     s.Merge(3, 1, 1, 1),
		"merge of column 0":  s.Merge(0, 1, 2, 1),
		"merge past XFD":     s.Merge(1, 1, xlsxwrite.MaxColumns+1, 1),
		"merge of one cell":  s.Merge(2, 2, 2, 2),
		"no bounds":          s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 2}),
		"min above max":      s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 2, Min: ptr(2.0), Max: ptr(1.0)}),
		"infinite bound":     s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 2, Max: ptr(inf())}),
		"range reversed":     s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 3, ToCol: 1, ToRow: 2, Min: ptr(0.0)}),
		"long title":         s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 2, Min: ptr(0.0), Title: strings.Repeat("x", 33)}),
		"long message":       s.Validate(xlsxwrite.Validation{FromCol: 1, FromRow: 1, ToCol: 1, ToRow: 2, Min: ptr(0.0), Message: strings.Repeat("x", 256)}),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	check(t, s.Merge(2, 10, 4, 12))
	check(t, s.Merge(5, 10, 5, 11)) // beside it
	check(t, s.Merge(1, 1, 3, 1))   // above it, given later
	for _, m := range [][4]int{{4, 12, 6, 12}, {1, 11, 2, 11}, {3, 9, 3, 10}, {1, 1, 1, 2}, {1, 1, 10, 20}} {
		if err := s.Merge(m[0], m[1], m[2], m[3]); err == nil {
			t.Errorf("merge %v overlapping another was taken", m)
		}
	}
	check(t, s.Row(6, 0, xlsxwrite.Cell{Value: "six"}))
	s2 := must(w.Sheet("next", xlsxwrite.Sheet{}))(t)
	if err := s.Row(7, 0, xlsxwrite.Cell{Value: 1}); err == nil {
		t.Error("a row was written to a finished sheet")
	}
	check(t, s2.Row(1, 0))
	check(t, w.Close())
	if err := w.Close(); err == nil {
		t.Error("a workbook was closed twice")
	}
	if _, err := w.Sheet("late", xlsxwrite.Sheet{}); err == nil {
		t.Error("a sheet was started after Close")
	}
	// The refused calls left no trace.
	_, cells := readAll(t, buf.Bytes())
	var got []string
	for ref, c := range cells {
		got = append(got, ref+"="+c.value)
	}
	slices.Sort(got)
	sheet := strings.Repeat("ệ", 31)
	if want := []string{sheet + "!A5=five", sheet + "!A6=six"}; !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
	f := openExcelize(t, buf.Bytes())
	var refs []string
	for _, m := range must(f.GetMergeCells(sheet))(t) {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if want := []string{"A1:C1", "B10:D12", "E10:E11"}; !slices.Equal(refs, want) {
		t.Errorf("merges %q, want %q (sorted by top row, then column)", refs, want)
	}
}

func nan() float64 { z := 0.0; return z / z }
func inf() float64 { z := 0.0; return 1 / z }

// A failing output is reported by the call that met it and every later one.
func TestOutputError(t *testing.T) {
	w := must(xlsxwrite.New(&failAfter{n: 1000}, xlsxwrite.Workbook{}))(t)
	s := must(w.Sheet("a", xlsxwrite.Sheet{}))(t)
	var err error
	for r := 1; r <= 100000 && err == nil; r++ {
		err = s.Row(r, 0, xlsxwrite.Cell{Value: "a row of text long enough to fill buffers"}, xlsxwrite.Cell{Value: float64(r) * 1.37})
	}
	if err == nil {
		t.Fatal("no error from a failing output")
	}
	if err := w.Close(); err == nil {
		t.Error("Close after an output error succeeded")
	}
}

type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, fmt.Errorf("disk full")
	}
	return len(p), nil
}

func TestCellRef(t *testing.T) {
	for _, c := range []struct {
		col, row int
		want     string
	}{{1, 1, "A1"}, {26, 9, "Z9"}, {27, 10, "AA10"}, {52, 1, "AZ1"}, {53, 1, "BA1"}, {702, 1, "ZZ1"}, {703, 1, "AAA1"},
		{xlsxwrite.MaxColumns, xlsxwrite.MaxRows, "XFD1048576"}, {0, 1, ""}, {1, 0, ""}, {xlsxwrite.MaxColumns + 1, 1, ""}} {
		if got := xlsxwrite.CellRef(c.col, c.row); got != c.want {
			t.Errorf("CellRef(%d, %d) = %q, want %q", c.col, c.row, got, c.want)
		}
		if c.want != "" {
			col, row := must2(excelize.CellNameToCoordinates(c.want))(t)
			if col != c.col || row != c.row {
				t.Errorf("excelize reads %s as %d, %d", c.want, col, row)
			}
		}
	}
}

func must2(a, b int, err error) func(testing.TB) (int, int) {
	return func(t testing.TB) (int, int) {
		t.Helper()
		check(t, err)
		return a, b
	}
}

// A part longer than the buffer is deflated as it streams, rows longer
// than the buffer included; short parts are stored. Both read back.
func TestLongPartDeflated(t *testing.T) {
	var buf bytes.Buffer
	w := must(xlsxwrite.New(&buf, xlsxwrite.Workbook{}))(t)
	s := must(w.Sheet("long", xlsxwrite.Sheet{}))(t)
	const rows = 3000
	long := strings.Repeat("x", xlsxwrite.MaxCellChars)
	for r := 1; r <= rows; r++ {
		if r == rows/2 {
			check(t, s.Row(r, 0, xlsxwrite.Cell{Value: long}, xlsxwrite.Cell{Value: long + ""}, xlsxwrite.Cell{Value: r}))
			continue
		}
		check(t, s.Row(r, 0, xlsxwrite.Cell{Value: fmt.Sprintf("row %d", r)}, xlsxwrite.Cell{Value: float64(r) / 8}))
	}
	check(t, w.Close())
	data := buf.Bytes()
	zr := must(zip.NewReader(bytes.NewReader(data), int64(len(data))))(t)
	for _, f := range zr.File {
		want := zip.Store
		if f.Name == "xl/worksheets/sheet1.xml" {
			want = zip.Deflate
		}
		if f.Method != want {
			t.Errorf("%s: method %d, want %d", f.Name, f.Method, want)
		}
	}
	_, cells := readAll(t, data)
	if got := len(cells); got != 2*(rows-1)+3 {
		t.Errorf("%d cells read, want %d", got, 2*(rows-1)+3)
	}
	for ref, want := range map[string]string{"long!A1": "row 1", "long!B2999": "374.875", "long!A3000": "row 3000",
		"long!A1500": long, "long!B1500": long, "long!C1500": "1500"} {
		if got := cells[ref].value; got != want {
			t.Errorf("%s = %.20q…, want %.20q…", ref, got, want)
		}
	}
}

// An apostrophe inside a sheet name is doubled in the print titles'
// reference, which is scoped to its sheet. (And panes frozen both ways.)
func TestPrintTitlesQuoting(t *testing.T) {
	var buf bytes.Buffer
	w := must(xlsxwrite.New(&buf, xlsxwrite.Workbook{}))(t)
	must(w.Sheet("first", xlsxwrite.Sheet{FreezeRows: 1, FreezeCols: 2}))(t)
	s := must(w.Sheet("Tom's & Jerry's", xlsxwrite.Sheet{PrintTitles: [2]int{2, 3}}))(t)
	check(t, s.Row(1, 0, xlsxwrite.Cell{Value: 1}))
	check(t, w.Close())
	f := openExcelize(t, buf.Bytes())
	if p := must(f.GetPanes("first"))(t); !p.Freeze || p.XSplit != 2 || p.YSplit != 1 || p.TopLeftCell != "C2" || p.ActivePane != "bottomRight" {
		t.Errorf("panes frozen at rows and columns: %+v", p)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].RefersTo != "'Tom''s & Jerry''s'!$2:$3" || names[0].Scope != "Tom's & Jerry's" {
		t.Errorf("defined names %+v", names)
	}
}
