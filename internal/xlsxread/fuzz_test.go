package xlsxread

import (
	"bytes"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

var fuzzLimits = Limits{MaxColumn: 64, MaxRow: 1000, MaxPartBytes: 1 << 20, MaxSharedStrings: 1 << 20}

// checkWorkbook reads every sheet of a workbook and checks what the package
// promises: no panic, every error an *Error with sound messages, rows in
// ascending order, cells in ascending columns within the limits.
func checkWorkbook(t *testing.T, data []byte, lim Limits) {
	wb, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		asError(t, err)
		return
	}
	for _, name := range wb.Sheets() {
		rows, err := wb.Rows(name)
		if err != nil {
			asError(t, err)
			continue
		}
		prev := 0
		for rows.Next() {
			num, cells := rows.Row()
			if num <= prev || num > lim.MaxRow || len(cells) == 0 {
				t.Fatalf("row %d after row %d, %d cells", num, prev, len(cells))
			}
			prev = num
			col := 0
			for _, c := range cells {
				if c.Row != num || c.Col <= col || c.Col > lim.MaxColumn || c.Kind < Number || c.Kind > Date {
					t.Fatalf("cell %+v in row %d after column %d", c, num, col)
				}
				if !utf8.ValidString(c.Formula) || c.Kind != String && !utf8.ValidString(c.Value) {
					t.Fatalf("cell %+v is not UTF-8", c)
				}
				col = c.Col
			}
		}
		if err := rows.Err(); err != nil {
			if e := asError(t, err); e.Sheet != name {
				t.Fatalf("error %v names sheet %q, not %q", e, e.Sheet, name)
			}
		}
		if err := rows.Close(); err != nil {
			asError(t, err)
		}
	}
}

func fuzzSeeds(t testing.TB) [][]byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "Đơn vị")
	f.SetCellValue("Sheet1", "B2", 8.5)
	f.SetCellValue("Sheet1", "C3", true)
	f.SetCellFormula("Sheet1", "D4", "B2*2")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellValue("Sheet1", "E5", 45292)
	f.SetCellStyle("Sheet1", "E5", "E5", style)
	f.NewSheet("Hai")
	f.SetCellValue("Hai", "A1", "x")
	var buf bytes.Buffer
	f.Write(&buf)
	seeds := [][]byte{buf.Bytes()}

	sst := `<sst xmlns="` + nsMain + `"><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>`
	styles := `<styleSheet xmlns="` + nsMain + `"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`
	for _, rows := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c></row><row><c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>1</v></c><c r="BM2"><v>1</v></c></row>`,
		`<row r="3"><c r="A0"><v>1</v></c></row>`,
		`<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5" t="str"><f>"a"</f><v>a</v></c></row>`,
	} {
		seeds = append(seeds, book{sheets: []part{{"Trang1", sheetXML(rows)}}, sst: sst, styles: styles}.zip(t))
	}
	return seeds
}

// FuzzOpen reads arbitrary bytes as a workbook.
func FuzzOpen(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkWorkbook(t, data, fuzzLimits)
	})
}

// FuzzSheet reads arbitrary bytes as the XML of a sheet (FuzzOpen mostly
// breaks the zip; this one reaches the rows).
func FuzzSheet(f *testing.F) {
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c></row><row><c><f>1+1</f></c></row>`)))
	f.Add([]byte(`<x:worksheet xmlns:x="u"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r><x:rPh><x:t>b</x:t></x:rPh></x:is></x:c></x:row></x:sheetData></x:worksheet>`))
	f.Add([]byte(sheetXML(`<row r="3"><c r="BM3"><v>1</v></c></row>`)))
	sst := `<sst xmlns="` + nsMain + `"><si><t>a</t></si><si><t></t></si></sst>`
	styles := `<styleSheet xmlns="` + nsMain + `"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`
	f.Fuzz(func(t *testing.T, sheet []byte) {
		if !utf8.Valid(sheet) && len(sheet) > 4096 {
			return
		}
		data := book{sheets: []part{{"Trang1", string(sheet)}}, sst: sst, styles: styles}.zip(t)
		checkWorkbook(t, data, fuzzLimits)
	})
}

func TestFuzzSeeds(t *testing.T) {
	for i, s := range fuzzSeeds(t) {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkWorkbook(t, s, fuzzLimits) })
	}
}
