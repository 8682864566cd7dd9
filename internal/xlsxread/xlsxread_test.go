package xlsxread

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func excelizeBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// An ordinary workbook written by excelize: sheets in order, shared
// strings, numbers, booleans, a date-formatted number, a formula without a
// stored value, rich text.
func TestExcelizeWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Phụ lục I"))
	_, err := f.NewSheet("Trống")
	must(err)
	_, err = f.NewSheet("Điểm")
	must(err)
	must(f.SetCellValue("Phụ lục I", "A1", "Đơn vị báo cáo:"))
	must(f.SetCellValue("Phụ lục I", "B1", "Sở Nội vụ"))
	must(f.SetCellValue("Phụ lục I", "A3", 8.5))
	must(f.SetCellValue("Phụ lục I", "C3", true))
	must(f.SetCellValue("Phụ lục I", "D3", 45292)) // 2024-01-01 as a serial number
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle("Phụ lục I", "D3", "D3", style))
	custom := "dd/mm/yyyy"
	cstyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	must(err)
	must(f.SetCellValue("Phụ lục I", "E3", 45293))
	must(f.SetCellStyle("Phụ lục I", "E3", "E3", cstyle))
	two, err := f.NewStyle(&excelize.Style{NumFmt: 2})
	must(err)
	must(f.SetCellValue("Phụ lục I", "F3", 1.25))
	must(f.SetCellStyle("Phụ lục I", "F3", "F3", two))
	must(f.SetCellFormula("Phụ lục I", "G3", "SUM(A3,F3)"))
	must(f.SetCellRichText("Phụ lục I", "A4", []excelize.RichTextRun{{Text: "Tổng "}, {Text: "cộng", Font: &excelize.Font{Bold: true}}}))
	must(f.SetCellValue("Điểm", "B2", "x"))

	data := excelizeBytes(t, f)
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{MaxColumn: 64, MaxRow: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(wb.Sheets(), "|"); got != "Phụ lục I|Trống|Điểm" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := wb.Rows("Phụ lục I")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		num, cells := rows.Row()
		got = append(got, fmt.Sprintf("%d[%s]", num, cellsText(cells)))
		for _, c := range cells {
			if c.Ref() == "D3" && c.NumFmt != "mm-dd-yy" || c.Ref() == "E3" && c.NumFmt != custom || c.Ref() == "F3" && c.NumFmt != "0.00" {
				t.Errorf("%s: NumFmt %q", c.Ref(), c.NumFmt)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`1[A1:String:"Đơn vị báo cáo:" B1:String:"Sở Nội vụ"]`,
		`3[A3:Number:"8.5" C3:Bool:"TRUE" D3:Date:"45292" E3:Date:"45293" F3:Number:"1.25" G3:String:"":f="SUM(A3,F3)":novalue]`,
		`4[A4:String:"Tổng cộng"]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	all, err := readAll(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all["Trống"]) != 0 || cellsText(all["Điểm"]) != `B2:String:"x"` {
		t.Errorf("other sheets: %v", all)
	}
}

// A workbook written with excelize's StreamWriter reads back cell for cell.
func TestStreamWriterWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for r := 1; r <= n; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{r, fmt.Sprintf("Đơn vị %d & <co>", r), float64(r) / 4, nil, r%2 == 0}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	data := excelizeBytes(t, f)
	all, err := readAll(data, Limits{MaxColumn: 6})
	if err != nil {
		t.Fatal(err)
	}
	cells := all["Sheet1"]
	if len(cells) != 4*n {
		t.Fatalf("%d cells", len(cells))
	}
	for r := 1; r <= n; r++ {
		row := cells[(r-1)*4 : r*4]
		want := fmt.Sprintf(`A%d:Number:"%d" B%d:String:"Đơn vị %d & <co>" C%d:Number:"%v" E%d:Bool:"%s"`,
			r, r, r, r, r, float64(r)/4, r, map[bool]string{true: "TRUE", false: "FALSE"}[r%2 == 0])
		if got := cellsText(row); got != want {
			t.Fatalf("row %d: got %s, want %s", r, got, want)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	for _, tc := range []struct {
		code string
		date bool
	}{
		{"General", false},
		{"[$-42A]General", false},
		{"0.00", false},
		{"#,##0.0", false},
		{"0%", false},
		{"@", false},
		{"0.0E+00", false},
		{"[Red]0.00", false},
		{`"đ"#,##0`, false},
		{`#,##0 "ngày"`, false},
		{`0\d`, false},
		{`0_)`, false},
		{`#,##0_s`, false},
		{`**0`, false},
		{`*d0`, false},
		{`[$€-2] #,##0.00`, false},
		{`[<=9999999]###-####;(###) ###-####`, false},
		{`"unterminated`, false},
		{`[unterminated`, false},
		{"", false},
		{"dd/mm/yyyy", true},
		{"d-mmm-yy", true},
		{"DD/MM/YYYY", true},
		{"yyyy", true},
		{"h:mm", true},
		{"hh:mm:ss AM/PM", true},
		{"[h]:mm", true},
		{"[h]", true},
		{"[HH]", true},
		{"[mm]", true},
		{"[ss].00", true},
		{"[$-42A]dd/mm/yyyy", true},
		{"[Red]d/m", true},
		{`"năm "yyyy`, true},
		{`[$-F800]dddd\,\ mmmm\ dd\,\ yyyy`, true},
		{`0;0;0;"text"s`, true},
	} {
		if got := isDateFormat(tc.code); got != tc.date {
			t.Errorf("isDateFormat(%q) = %v, want %v", tc.code, got, tc.date)
		}
	}
	for id := 0; id < 200; id++ {
		want := 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 || 50 <= id && id <= 58
		if got := numFmt(id, nil); got.date != want {
			t.Errorf("built-in format %d: date %v, want %v", id, got.date, want)
		}
	}
	if f := numFmt(14, map[int]string{14: "0.00"}); f.date || f.code != "0.00" {
		t.Errorf("a redefined built-in id: %+v", f)
	}
}

// Rule 1: nothing grows with a column index. A value right of MaxColumn is
// refused at once, naming the cell; an empty cell at any column is skipped.
func TestFarColumn(t *testing.T) {
	data := farColumnBook(t, 20000, `<v>1</v>`)
	if len(data) > 200<<10 {
		t.Fatalf("the test file is %d bytes", len(data))
	}
	_, err := readAll(data, Limits{MaxColumn: 64})
	e := asError(t, err)
	if e.Sheet != "Trang1" || e.Cell != "XFD1" || e.Row != 1 ||
		e.Error() != "trang tính Trang1: ô XFD1 nằm ngoài các cột của biểu mẫu (tối đa cột BL)" ||
		e.ErrorEN() != "sheet Trang1: cell XFD1 is outside the form's columns (at most column BL)" {
		t.Fatalf("%+v", e)
	}

	// Without a column limit, every far cell is read, and what is allocated
	// does not depend on the column: no padding.
	measure := func(lim Limits, data []byte) (cells int, alloc uint64) {
		alloc = allocated(t, func() {
			all, err := readAll(data, lim)
			if err != nil {
				t.Fatal(err)
			}
			cells = len(all["Trang1"])
		})
		return cells, alloc
	}
	n, far := measure(Limits{}, data)
	if n != 20000 {
		t.Fatalf("%d cells", n)
	}
	if far > 100<<20 {
		t.Fatalf("%d MB allocated", far>>20)
	}
	_, near := measure(Limits{}, farColumnBookAt(t, 20000, "A", `<v>1</v>`))
	if far > near*3/2 {
		t.Errorf("column XFD allocates %d bytes, column A %d", far, near)
	}

	// Empty cells, even at XFD and with a limit of one column, are skipped.
	for _, body := range []string{``, `<v></v>`, `<is><t></t></is>`} {
		all, err := readAll(farColumnBook(t, 20000, body), Limits{MaxColumn: 1})
		if err != nil || len(all["Trang1"]) != 0 {
			t.Fatalf("empty cells %q: %v %v", body, all, err)
		}
	}
	// An empty shared string is an empty cell too.
	data = book{sheets: []part{{"Trang1", sheetXML(`<row r="1"><c r="XFD1" t="s"><v>0</v></c></row>`)}},
		sst: `<sst xmlns="` + nsMain + `"><si><t></t></si></sst>`}.zip(t)
	if all, err := readAll(data, Limits{MaxColumn: 1}); err != nil || len(all["Trang1"]) != 0 {
		t.Fatalf("empty shared string: %v %v", all, err)
	}
}

func farColumnBook(t testing.TB, rows int, body string) []byte {
	return farColumnBookAt(t, rows, "XFD", body)
}

// farColumnBookAt is the attack file: one cell in the given column on each
// row.
func farColumnBookAt(t testing.TB, rows int, col, body string) []byte {
	var b strings.Builder
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="%s%d">%s</c></row>`, r, col, r, body)
	}
	return oneSheet(t, b.String())
}

// Rule 2: references. Missing ones follow the previous cell or row; a
// present but bad one is an error naming the sheet, the row and the
// reference as written.
func TestReferences(t *testing.T) {
	ok := []struct{ rows, want string }{
		{`<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row>`,
			`A1:Number:"1" B1:Number:"2" E1:Number:"5" F1:Number:"6" A2:Number:"7"`},
		{`<row r="3"><c><v>1</v></c></row><row><c r="C4"><v>2</v></c></row><row><c r="B9"><v>3</v></c></row>`,
			`A3:Number:"1" C4:Number:"2" B9:Number:"3"`},
		// Lower-case column letters name the same cell; Ref is canonical.
		{`<row r="5"><c r="a5"><v>1</v></c><c r="xfd5"><v>2</v></c></row>`,
			`A5:Number:"1" XFD5:Number:"2"`},
		{`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, `XFD1048576:Number:"1"`},
		// Empty rows and cells still count in the order.
		{`<row r="2"/><row><c r="B3"/><c><v>x</v></c></row>`, `C3:Number:"x"`},
	}
	for _, tc := range ok {
		all, err := readAll(oneSheet(t, tc.rows), Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.rows, err)
			continue
		}
		if got := cellsText(all["Trang1"]); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.rows, got, tc.want)
		}
	}

	bad := []struct {
		rows string
		row  int
		msg  string
	}{
		{`<row r="9"><c r="A0"><v>1</v></c></row>`, 9, `hàng 9 có tham chiếu ô "A0" không hợp lệ`},
		{`<row r="9"><c r="1A"><v>1</v></c></row>`, 9, `"1A"`},
		{`<row r="9"><c r="ZZZZ1"><v>1</v></c></row>`, 9, `"ZZZZ1"`},
		{`<row r="9"><c r="XFE9"><v>1</v></c></row>`, 9, `"XFE9"`},
		{`<row r="9"><c r="A1048577"><v>1</v></c></row>`, 9, `"A1048577"`},
		{`<row r="9"><c r="$A$9"><v>1</v></c></row>`, 9, `"$A$9"`},
		{`<row r="9"><c r="A09"><v>1</v></c></row>`, 9, `"A09"`},
		{`<row r="9"><c r=""><v>1</v></c></row>`, 9, `""`},
		{`<row r="9"><c r="A 9"><v>1</v></c></row>`, 9, `"A 9"`},
		// An empty cell with a bad reference is still an error: its place
		// is unknown, and the cells after it would be misplaced.
		{`<row r="9"><c r="A0"/></row>`, 9, `"A0"`},
		{`<row r="9"><c r="B10"><v>1</v></c></row>`, 9, `hàng 9 có ô "B10", là ô của hàng 10`},
		{`<row r="9"><c r="C9"><v>1</v></c><c r="B9"><v>2</v></c></row>`, 9, `hàng 9 có ô "B9" đứng sau ô "C9": các ô phải theo thứ tự cột tăng dần`},
		{`<row r="9"><c r="C9"><v>1</v></c><c r="C9"><v>2</v></c></row>`, 9, `"C9" đứng sau ô "C9"`},
		{`<row r="9"><c r="C9"/><c/><c r="D9"><v>2</v></c></row>`, 9, `hàng 9 có ô "D9" đứng sau ô D9`},
		{`<row r="9"/><row r="8"><c r="A8"><v>1</v></c></row>`, 8, `hàng 8 đứng sau hàng 9: các hàng phải theo thứ tự tăng dần`},
		{`<row r="9"/><row r="9"/>`, 9, `hàng 9 đứng sau hàng 9`},
		{`<row r="9"/><row><c r="A9"><v>1</v></c></row>`, 9, `ô "A9" đứng sau hàng 9`},
		{`<row r="9"/><row r="0"/>`, 10, `hàng sau hàng 9 có số hàng "0" không hợp lệ`},
		{`<row r="x"/>`, 1, `hàng đầu tiên có số hàng "x" không hợp lệ`},
		{`<row r="1048577"/>`, 1, `"1048577"`},
		{`<row r="-1"/>`, 1, `"-1"`},
		{`<row r="1048576"/><row/>`, 1048576, `sau hàng 1048576 còn hàng nữa`},
		{`<row r="1"><c r="XFD1"/><c><v>1</v></c></row>`, 1, `hàng 1 có nhiều ô hơn số cột`},
		{`<row r="9"><c r="` + strings.Repeat("Ư", 100) + `"/></row>`, 9, `"` + strings.Repeat("Ư", 40) + `…"`},
	}
	for _, tc := range bad {
		_, err := readAll(oneSheet(t, tc.rows), Limits{})
		if err == nil {
			t.Errorf("%s: no error", tc.rows)
			continue
		}
		e := asError(t, err)
		if e.Sheet != "Trang1" || e.Row != tc.row || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%s: got sheet %q row %d %q, want row %d and %q", tc.rows, e.Sheet, e.Row, e.Msg, tc.row, tc.msg)
		}
	}
}

// Rule 2 again: cells before a bad reference are returned, but the reading
// ends with the error instead of stopping quietly.
func TestBadReferenceIsNotASilentStop(t *testing.T) {
	data := oneSheet(t, `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A0"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`)
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.Rows("Trang1")
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if e := asError(t, rows.Err()); n != 1 || e.Row != 2 {
		t.Fatalf("%d rows, %v", n, e)
	}
	if rows.Next() {
		t.Fatal("Next after an error")
	}
}

// Rule 3: namespace prefixes, as the .NET OpenXML SDK writes them.
func TestPrefixedElements(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` +
		`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Xin chào</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c r="C1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>` +
		`</x:sheetData></x:worksheet>`
	sst := `<x:sst xmlns:x="` + nsMain + `"><x:si><x:r><x:t>Mẫu </x:t></x:r><x:r><x:t>01</x:t></x:r></x:si></x:sst>`
	wbXML := `<x:workbook xmlns:x="` + nsMain + `" xmlns:rel="` + nsRel + `"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Báo cáo" sheetId="1" rel:id="R1"/></x:sheets></x:workbook>`
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="` + relWS + `" Target="/xl/worksheets/sheet.xml"/><Relationship Id="R2" Type="` + relSST + `" Target="/xl/sharedStrings.xml"/></Relationships>`
	data := buildZip(t,
		part{"xl/workbook.xml", wbXML}, part{"xl/_rels/workbook.xml.rels", rels},
		part{"xl/worksheets/sheet.xml", sheet}, part{"xl/sharedStrings.xml", sst})
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !wb.Date1904() {
		t.Error("date1904 not read")
	}
	all, err := readAll(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := `A1:String:"Xin chào" B1:String:"Mẫu 01" C1:Number:"2":f="1+1"`
	if got := cellsText(all["Báo cáo"]); got != want {
		t.Fatalf("got %s", got)
	}
}

// Inline strings, rich text and phonetic runs, in cells and shared strings;
// the other cell types; _xHHHH_ escapes.
func TestCellKinds(t *testing.T) {
	sst := `<sst xmlns="` + nsMain + `" count="999999999" uniqueCount="999999999">` +
		`<si><t xml:space="preserve"> Hà Nội </t></si>` +
		`<si><r><rPr><b/></rPr><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>a_x000D_b_x005F_x000D_</t></si>` +
		`<si><t>&lt;&amp;&gt;</t></si></sst>`
	styles := `<styleSheet xmlns="` + nsMain + `"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
		`<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>`
	rows := `<row r="1">` +
		`<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>` +
		`<c r="E1" t="inlineStr"><is><r><t>Tổng </t></r><r><rPr/><t>số</t></r><rPh><t>x</t></rPh></is></c>` +
		`<c r="F1" t="inlineStr"><is><t>a_xD83D__xDE00_b</t></is></c>` +
		`<c r="G1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>` +
		`</row><row r="2">` +
		`<c r="A2" t="b"><v>0</v></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="d"><v>2024-01-31T00:00:00</v></c>` +
		`<c r="D2" s="1"><v>45322</v></c><c r="E2" s="2"><v>1234.5</v></c><c r="F2" s="7"><v>3</v></c><c r="G2" s="x"><v>4</v></c>` +
		`<c r="H2"><f t="shared" ref="H2:H3" si="0">A2+1</f><v>1</v></c>` +
		`</row><row r="3"><c r="H3"><f t="shared" si="0"/><v>2</v></c><c r="I3" t="str"><f>""</f><v></v></c><c r="J3" t="b"><f>TRUE()</f></c><c r="K3"><f>"a_x000D_"</f></c></row>`
	data := book{sheets: []part{{"Trang1", sheetXML(rows)}}, sst: sst, styles: styles}.zip(t)
	all, err := readAll(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := `A1:String:" Hà Nội " B1:String:"東京" C1:String:"a\rb_x000D_" D1:String:"<&>" E1:String:"Tổng số" F1:String:"a😀b" G1:String:"xy":f="\"x\"&\"y\"" ` +
		`A2:Bool:"FALSE" B2:ErrorValue:"#DIV/0!":f="1/0" C2:Date:"2024-01-31T00:00:00" D2:Date:"45322" E2:Number:"1234.5" F2:Number:"3" G2:Number:"4" H2:Number:"1":f="A2+1" ` +
		`H3:Number:"2" I3:String:"":f="\"\"" J3:Bool:"":f="TRUE()":novalue K3:Number:"":f="\"a\r\"":novalue`
	if got := cellsText(all["Trang1"]); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	fmts := map[string]string{}
	for _, c := range all["Trang1"] {
		fmts[c.Ref()] = c.NumFmt
	}
	if fmts["D2"] != "dd/mm/yyyy" || fmts["E2"] != "#,##0.00" || fmts["F2"] != "General" || fmts["A1"] != "General" {
		t.Errorf("formats %v", fmts)
	}

	for _, tc := range []struct{ cell, msg string }{
		{`<c r="B1" t="s"><v>4</v></c>`, `ô B1 trỏ tới chuỗi dùng chung số "4", nhưng bảng tính chỉ có 4 chuỗi`},
		{`<c r="B1" t="s"><v>-1</v></c>`, `"-1"`},
		{`<c r="B1" t="s"><v>99999999999999999999</v></c>`, `"99999999999999999999"`},
		{`<c r="B1" t="b"><v>2</v></c>`, `ô B1 có giá trị logic "2" không hợp lệ`},
		{`<c r="B1" t="x"><v>2</v></c>`, `ô B1 có kiểu dữ liệu "x" không hợp lệ`},
	} {
		data := book{sheets: []part{{"Trang1", sheetXML(`<row r="1">` + tc.cell + `</row>`)}}, sst: sst}.zip(t)
		_, err := readAll(data, Limits{})
		if e := asError(t, err); e.Cell != "B1" || e.Row != 1 || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%s: %+v", tc.cell, e)
		}
	}
	// Without a shared strings part, any index is out of range.
	_, err = readAll(oneSheet(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), Limits{})
	if e := asError(t, err); e.Cell != "A1" {
		t.Errorf("%+v", e)
	}
}

// Rule 5: a value below MaxRow.
func TestMaxRow(t *testing.T) {
	data := oneSheet(t, `<row r="100"><c r="A100"><v>1</v></c></row><row r="101"><c r="B101"/></row><row r="102"><c r="C102"><v>2</v></c></row>`)
	_, err := readAll(data, Limits{MaxRow: 101})
	if e := asError(t, err); e.Cell != "C102" || e.Msg != "ô C102 nằm dưới hàng cuối cùng của biểu mẫu (tối đa hàng 101)" {
		t.Fatalf("%+v", e)
	}
}

// Rule 3: a sheet that cannot be read to its end is an error naming the
// last row read, never a shorter sheet.
func TestBrokenSheet(t *testing.T) {
	full := sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`)
	cut := strings.Index(full, `<row r="3">`)
	for _, tc := range []struct {
		name, xml string
		row       int
		msg       string
	}{
		{"cut between rows", full[:cut], 2, "hỏng sau hàng 2"},
		{"cut in a row", full[:cut+len(`<row r="3"><c r="A3"><v>`)], 3, "hỏng trong hàng 3"},
		{"cut in a tag", full[:cut+len(`<row r="3"><c r="A`)], 3, "hỏng trong hàng 3"},
		{"cut after sheetData", strings.TrimSuffix(full, "</worksheet>"), 3, "hỏng sau hàng 3"},
		{"cut before data", full[:60], 0, "hỏng trước hàng đầu tiên"},
		{"mismatched tags", strings.Replace(full, `<v>2</v></c>`, `<v>2</v></row>`, 1), 2, "is closed by </row>"},
		{"stray end tag", full + "</x>", 3, "closes no element"},
		{"second root", full + "<worksheet/>", 3, "after the root"},
		{"bad entity", strings.Replace(full, "<v>2</v>", "<v>&bogus;</v>", 1), 2, "hỏng trong hàng 2"},
		{"bad UTF-8", strings.Replace(full, "<v>2</v>", "<v>\xff\xfe</v>", 1), 2, "hỏng trong hàng 2"},
		{"control character", strings.Replace(full, "<v>2</v>", "<v>\x01</v>", 1), 2, "illegal character"},
		{"UTF-16 declared", strings.Replace(full, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), 0, "UTF-16"},
		{"empty", "", 0, "no root element"},
		{"deep", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>` + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)), 1, "nest more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := book{sheets: []part{{"Trang1", tc.xml}}}.zip(t)
			wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := wb.Rows("Trang1")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			err = rows.Err()
			if err == nil {
				t.Fatal("no error")
			}
			e := asError(t, err)
			if e.Sheet != "Trang1" || e.Row != tc.row || !strings.Contains(e.Msg, tc.msg) || !strings.HasPrefix(e.Msg, "không đọc được trang tính đến hết") {
				t.Fatalf("row %d, %q", e.Row, e.Msg)
			}
		})
	}
}

// rawZipEntry writes a deflated entry whose header may lie about its size.
func rawZipEntry(t testing.TB, zw *zip.Writer, name string, body []byte, claimed uint64) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(comp.Len()), UncompressedSize64: claimed})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
}

// Rule 4: zip safety.
func TestZipLimits(t *testing.T) {
	rows := strings.Repeat(`<row><c t="inlineStr"><is><t>`+strings.Repeat("a", 1000)+`</t></is></c></row>`, 2000)
	sheet := []byte(sheetXML(rows)) // about 2 MB, a few KB compressed
	build := func(claimed uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		base := book{sheets: []part{{"Trang1", ""}}}.zip(t)
		zr, _ := zip.NewReader(bytes.NewReader(base), int64(len(base)))
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				rawZipEntry(t, zw, f.Name, sheet, claimed)
				continue
			}
			zw.Copy(f)
		}
		zw.Close()
		return buf.Bytes()
	}
	lim := Limits{MaxPartBytes: 1 << 20}

	// The header says 3 MB: refused before reading.
	_, err := readAll(build(3<<20), lim)
	if e := asError(t, err); e.Sheet != "Trang1" || e.Part != "xl/worksheets/sheet1.xml" || !strings.Contains(e.Msg, "giải nén ra 3 MB, vượt giới hạn 1 MB") {
		t.Fatalf("%+v", e)
	}
	// The header says 1 KB: it lies, and the reading stops.
	_, err = readAll(build(1<<10), lim)
	if e := asError(t, err); e.Sheet != "Trang1" || !strings.HasPrefix(e.Msg, "không đọc được trang tính đến hết") {
		t.Fatalf("%+v", e)
	}
	// The header says the truth, within the limit: read.
	if all, err := readAll(build(uint64(len(sheet))), Limits{}); err != nil || len(all["Trang1"]) != 2000 {
		t.Fatal(err)
	}
	// A huge part whose header is true: refused from the header.
	huge := book{sheets: []part{{"Trang1", sheetXML(rows)}}}.zip(t)
	if _, err := readAll(huge, lim); !strings.Contains(asError(t, err).Msg, "vượt giới hạn 1 MB") {
		t.Fatal(err)
	}

	// The limit while reading, on its own (archive/zip also stops at the
	// header's size, so an end-to-end lie is caught by whichever is first).
	p := &partReader{rc: io.NopCloser(bytes.NewReader(make([]byte, 100))), left: 99, name: "x"}
	n, err := io.Copy(io.Discard, p)
	var big *tooBigError
	if n != 99 || !errors.As(err, &big) {
		t.Fatalf("read %d, %v", n, err)
	}
	p = &partReader{rc: io.NopCloser(bytes.NewReader(make([]byte, 100))), left: 100, name: "x"}
	if n, err := io.Copy(io.Discard, p); n != 100 || err != nil {
		t.Fatalf("read %d, %v", n, err)
	}
	if e := partError("x", 99, &tooBigError{"x"}); !strings.Contains(e.Msg, "giải nén ra hơn 99 byte") {
		t.Fatal(e.Msg)
	}

	// Shared strings are limited in total.
	sst := `<sst xmlns="` + nsMain + `">` + strings.Repeat(`<si><t>`+strings.Repeat("x", 100)+`</t></si>`, 100) + `</sst>`
	data := book{sheets: []part{{"Trang1", sheetXML("")}}, sst: sst}.zip(t)
	const kept = 100*100 + 100*entryBytes // texts and entries
	if _, err := readAll(data, Limits{MaxSharedStrings: kept - 1}); !strings.Contains(asError(t, err).Msg, "dài hơn giới hạn 11 KB") {
		t.Fatal(err)
	}
	if _, err := readAll(data, Limits{MaxSharedStrings: kept}); err != nil {
		t.Fatal(err)
	}
}

// Rule 4: missing parts, and the other ways a package can be broken.
func TestPackageErrors(t *testing.T) {
	sheet := []part{{"Trang1", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)}}
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"not a zip", []byte("Họ và tên,Điểm\n"), "không phải bảng tính Excel .xlsx"},
		{"xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "bảng tính Excel cũ (.xls)"},
		{"no workbook", buildZip(t, part{"xl/worksheets/sheet1.xml", sheetXML("")}), `thiếu phần "xl/workbook.xml"`},
		{"no workbook rels", book{sheets: sheet, noRels: true}.zip(t), `thiếu phần "xl/_rels/workbook.xml.rels"`},
		{"no sheet part", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relWS + `" Target="worksheets/nothere.xml"/></Relationships>`}),
			`thiếu phần "xl/worksheets/nothere.xml" chứa dữ liệu của trang tính`},
		{"dangling id", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId9"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships/>`}), `mã "rId9" không có`},
		{"target outside", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relWS + `" Target="../../etc/passwd"/></Relationships>`}), `trỏ ra ngoài tệp ("../../etc/passwd")`},
		{"dangling shared strings", buildZip(t, part{"xl/workbook.xml", `<workbook/>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relSST + `" Target="sharedStrings.xml"/></Relationships>`}),
			`thiếu phần "sharedStrings.xml" mà bảng tính liên kết tới`},
		{"duplicate sheet", book{sheets: []part{sheet[0], sheet[0]}}.zip(t), "hai trang tính cùng tên"},
		{"unnamed sheet", book{sheets: []part{{"", sheetXML("")}}}.zip(t), "trang tính thứ 1 không có tên"},
		{"duplicate part", buildZip(t, part{"xl/workbook.xml", `<workbook/>`}, part{"XL/Workbook.xml", `<workbook/>`}), "hai phần cùng tên"},
		{"broken workbook", buildZip(t, part{"xl/workbook.xml", `<workbook><sheets>`}), `không đọc được phần "xl/workbook.xml": XML syntax error on line 1: the data ends inside <sheets>`},
		{"broken shared strings", book{sheets: sheet, sst: "<sst><si><t>\xff</t></si></sst>"}.zip(t), `không đọc được phần "xl/sharedStrings.xml"`},
		{"broken styles", book{sheets: sheet, styles: `<styleSheet><cellXfs>`}.zip(t), `không đọc được phần "xl/styles.xml"`},
		{"broken root rels", book{sheets: sheet, extra: nil}.withRootRels(t, `<Relationships>`), `không đọc được phần "_rels/.rels"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(tc.data, Limits{})
			if err == nil {
				t.Fatal("no error")
			}
			if e := asError(t, err); !strings.Contains(e.Msg, tc.msg) {
				t.Fatalf("%q", e.Msg)
			}
		})
	}

	wb, err := Open(bytes.NewReader(book{sheets: sheet}.zip(t)), int64(len(book{sheets: sheet}.zip(t))), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wb.Rows("Không có"); asError(t, err).Sheet != "Không có" {
		t.Fatal(err)
	}
}

func (b book) withRootRels(t testing.TB, rels string) []byte {
	b.noRoot = true
	b.extra = append(b.extra, part{"_rels/.rels", rels})
	return b.zip(t)
}

// Targets written as absolute paths, backslashes, upper case and URI escapes,
// and a workbook found through _rels/.rels under another name.
func TestPartNames(t *testing.T) {
	rows := `<row r="1"><c r="A1"><v>1</v></c></row>`
	data := book{sheets: []part{{"Trang1", sheetXML(rows)}}, absPath: true}.zip(t)
	if all, err := readAll(data, Limits{}); err != nil || len(all["Trang1"]) != 1 {
		t.Fatal(all, err)
	}
	data = buildZip(t,
		part{"_rels/.rels", `<Relationships><Relationship Id="a" Type="` + relDoc + `" Target="/Book/main.xml"/></Relationships>`},
		part{"Book/main.xml", `<workbook xmlns:r="r"><sheets><sheet name="Một" r:id="s"/></sheets></workbook>`},
		part{"Book/_rels/main.xml.rels", `<Relationships><Relationship Id="s" Type="` + relWS + `" Target="my%20sheet.xml"/><Relationship Id="x" Type="` + relWS + `" Target="http://example.com/" TargetMode="External"/></Relationships>`},
		part{`BOOK\My Sheet.XML`, sheetXML(rows)})
	if all, err := readAll(data, Limits{}); err != nil || len(all["Một"]) != 1 {
		t.Fatal(all, err)
	}
}

func TestDecodeXString(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"plain":                  "plain",
		"_x000D_":                "\r",
		"a_x000d_b":              "a\rb",
		"_x005F_x000D_":          "_x000D_",
		"_x00E0_":                "à",
		"_xD83D__xDE00_":         "😀",
		"_xD83D_":                "\uFFFD",
		"_xD83D_x":               "\uFFFDx",
		"_x12":                   "_x12",
		"_xZZZZ_":                "_xZZZZ_",
		"__x0041_":               "_A",
		"_x0041__x0042_":         "AB",
		"_x0041_" + "_x00G1_end": "A_x00G1_end",
	} {
		b := []byte(in)
		if got := string(decodeXString(b)); got != want {
			t.Errorf("decodeXString(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	for col, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 64: "BL", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := columnName(col); got != name {
			t.Errorf("columnName(%d) = %s", col, got)
		}
		if row, c, ok := parseRef(name + "7"); !ok || row != 7 || c != col {
			t.Errorf("parseRef(%s7) = %d %d %v", name, row, c, ok)
		}
	}
	if got := (Cell{Row: 12, Col: 16384}).Ref(); got != "XFD12" {
		t.Error(got)
	}
	if got := errText(errors.New("bad \xff byte\nsecond line")); got != "bad \uFFFD byte" {
		t.Errorf("%q", got)
	}
	if got := quote("a\xffb\nc"); got != `"a\ufffdb\nc"` && got != `"a�b\nc"` {
		t.Errorf("%s", got)
	}
	for n, want := range map[int64]string{900: "900 byte", 9999: "9 KB", 1 << 20: "1 MB", 3 << 19: "1536 KB", 64 << 20: "64 MB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %s", n, got)
		}
	}
}

// A Workbook may be read by several Rows at once (go test -race); Close
// may come early, and twice.
func TestConcurrentRows(t *testing.T) {
	data := scoresBook(t, 2000)
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	counts := make(chan int)
	for range 4 {
		go func() {
			rows, err := wb.Rows("Phụ lục")
			if err != nil {
				counts <- -1
				return
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				_, cells := rows.Row()
				n += len(cells)
			}
			if rows.Err() != nil {
				n = -1
			}
			counts <- n
		}()
	}
	for range 4 {
		if n := <-counts; n != 12000 {
			t.Fatalf("%d cells", n)
		}
	}
	rows, _ := wb.Rows("Phụ lục")
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if rows.Close() != nil || rows.Close() != nil || rows.Next() {
		t.Fatal("Close")
	}
}
