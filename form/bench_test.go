package form_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
)

var benchSpec = form.Spec{
	Columns: []vanban.Column{
		{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Tiêu chí"}, {Title: "Điểm tự chấm", Kind: vanban.ScoreColumn, Total: true},
		{Title: "Lý do"}, {Title: "Điểm đề nghị", Kind: vanban.ScoreColumn, Total: true},
	},
	TotalLabel: "Tổng điểm",
}

// bigForm writes a returned form of n rows with excelize's stream writer,
// as a department's spreadsheet program would save it.
func bigForm(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("form-%d.xlsx", n))
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	sw.SetRow("A1", []any{"Đơn vị báo cáo:", "Sở Tư pháp"})
	sw.SetRow("A3", []any{"STT", "Tiêu chí", "Điểm tự chấm", "Lý do", "Điểm đề nghị"})
	for r := range n {
		cell, _ := excelize.CoordinatesToCellName(1, 4+r)
		if err := sw.SetRow(cell, []any{r + 1, fmt.Sprintf("%d.%d. Tiêu chí thành phần số %d", r/50+1, r%50+1, r), float64(r%4) * 0.25, "Chưa đủ tài liệu kiểm chứng", 0.5}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Target (issue: the appendix loop): a returned form of 100,000 rows, the
// row limit, is read in well under 300 MB.
func BenchmarkReadForm100k(b *testing.B) {
	path := bigForm(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		t, err := form.ReadFile(path, benchSpec)
		if err != nil {
			b.Fatal(err)
		}
		if t.Count.Rows != 100_000 {
			b.Fatalf("%d rows", t.Count.Rows)
		}
	}
}

// xfdForm is a small workbook with one value in column XFD, the last, on
// each of rows rows: excelize's GetRows pads each row to 16,384 cells.
func xfdForm(tb testing.TB, rows int) []byte {
	tb.Helper()
	var sheet bytes.Buffer
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sheet.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="inlineStr"><is><t>Tiêu chí</t></is></c><c r="C1" t="inlineStr"><is><t>Điểm tự chấm</t></is></c><c r="D1" t="inlineStr"><is><t>Lý do</t></is></c><c r="E1" t="inlineStr"><is><t>Điểm đề nghị</t></is></c></row>`)
	for r := 2; r <= rows+1; r++ {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet.String(),
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// Target: a ~108 KB form reaching column XFD on 20,000 rows is refused in
// under a second and 100 MB (it is refused at its first such cell).
func BenchmarkRefuseXFD(b *testing.B) {
	data := xfdForm(b, 20_000)
	b.ReportMetric(float64(len(data)), "file-bytes")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := form.Read("xfd.xlsx", data, benchSpec); err == nil {
			b.Fatal("a cell in column XFD was read")
		}
	}
}

// The XFD form is refused, naming the first such cell.
func TestRefuseXFD(t *testing.T) {
	data := xfdForm(t, 20_000)
	_, err := form.Read("xfd.xlsx", data, benchSpec)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("XFD2")) {
		t.Fatalf("error %v, want one naming XFD2", err)
	}
	os.Stdout.Sync()
}
