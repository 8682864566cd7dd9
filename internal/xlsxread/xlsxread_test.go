package xlsxread

import (
	"bytes"
	"fmt"
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
