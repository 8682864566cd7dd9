package form_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/templates"
)

func seedDoc(t *testing.T) *vanban.Document {
	t.Helper()
	doc, err := vanban.ParseFile("../examples/cong-van-cchc-2023.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// form writes the seed's Excel form and lets fill change it, as a department would.
func fillForm(t *testing.T, dir string, fill func(f *excelize.File, sheet string)) string {
	t.Helper()
	path := filepath.Join(dir, "form.xlsx")
	writeForm(t, seedDoc(t), path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(f, "Phụ lục")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// writeForm writes doc's XLSX form to path.
func writeForm(t *testing.T, doc *vanban.Document, path string) {
	t.Helper()
	apps, err := templates.DescribeAppendices(doc)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := form.WriteXLSX(&buf, apps, fs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func specOf(t *testing.T) form.Spec {
	return form.SpecOf(&seedDoc(t).Appendices[0])
}

func set(t *testing.T, f *excelize.File, sheet string, cells map[string]any) {
	t.Helper()
	for ref, v := range cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
}

// The round trip: vanban's own form, filled in, reads back row for row.
func TestReadRowsFromFilledForm(t *testing.T) {
	dir := t.TempDir()
	path := fillForm(t, dir, func(f *excelize.File, sh string) {
		set(t, f, sh, map[string]any{
			"C5": "Sở Tư pháp",
			"B8": "1.2. Ban hành kế hoạch", "C8": 1, "D8": "0,5", "E8": "Thiếu tài liệu", "G8": 1,
			"B9": "2.1. Tự kiểm tra", "C9": "12.75", "D9": 10.25, "G9": "11,5",
		})
		// A score computed by a formula counts by its cached value.
		if err := f.SetCellFormula(sh, "D10", "D8+D9"); err != nil {
			t.Fatal(err)
		}
		set(t, f, sh, map[string]any{"B10": "3.1. Công khai TTHC"})
		if err := f.SetCellFloat(sh, "D10", 10.75, -1, 64); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellFormula(sh, "D10", "D8+D9"); err != nil {
			t.Fatal(err)
		}
	})
	rf, err := form.ReadFile(path, specOf(t))
	if err != nil {
		t.Fatal(err)
	}
	if rf.Unit != "Sở Tư pháp" || rf.Sheet != "Phụ lục" {
		t.Errorf("unit %q sheet %q", rf.Unit, rf.Sheet)
	}
	var got []string
	for _, r := range rf.Rows.All() {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{
		"|1.2. Ban hành kế hoạch|1|0,5|Thiếu tài liệu||1",
		"|2.1. Tự kiểm tra|12,75|10,25|||11,5",
		"|3.1. Công khai TTHC||10,75|||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Columns are matched by title, not position, tolerant of case, spacing and
// NFC/NFD; a sheet built by hand with its columns in another order reads too.
func TestReadRowsMatchesTitles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hand.xlsx")
	f := excelize.NewFile()
	cols := seedDoc(t).Appendices[0].Columns
	titles := []string{"  điểm đề nghị   ĐIỀU CHỈNH", norm.NFD.String("Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1"),
		"Điểm tự chấm của tỉnh", "Điểm thẩm định lần 1", "Lý do trừ điểm", "Nội dung giải trình, TLKC bổ sung (lần 2)"}
	for i, title := range titles {
		ref, _ := excelize.CoordinatesToCellName(i+1, 3)
		f.SetCellValue("Sheet1", ref, title)
	}
	set(t, f, "Sheet1", map[string]any{"A1": "Báo cáo của Cục Thuế", "A4": 2.5, "B4": "Tiêu chí 4.1", "C4": 3})
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rf, err := form.ReadFile(path, form.Spec{Columns: cols, TotalLabel: "Tổng điểm"})
	if err != nil {
		t.Fatal(err)
	}
	if rf.Rows.Len() != 1 || rf.Rows.Text(0, 1) != "Tiêu chí 4.1" || rf.Rows.Text(0, 2) != "3" || rf.Rows.Text(0, 6) != "2,5" {
		t.Errorf("rows %+v", rf.Rows)
	}
}

func TestReadRowsErrors(t *testing.T) {
	tests := []struct {
		name string
		fill func(f *excelize.File, sh string)
		want string
	}{
		{"not a score", func(f *excelize.File, sh string) { f.SetCellValue(sh, "D9", "1,2,3") },
			`form.xlsx, trang tính Phụ lục, ô D9: "1,2,3" không phải là điểm`},
		{"negative", func(f *excelize.File, sh string) { f.SetCellValue(sh, "C8", -1) },
			`form.xlsx, trang tính Phụ lục, ô C8: điểm -1 âm`},
		{"extra column", func(f *excelize.File, sh string) { f.SetCellValue(sh, "H7", "Ghi chú") },
			`form.xlsx, trang tính Phụ lục, ô H7: có cột không thuộc biểu mẫu: "Ghi chú"`},
		{"missing columns", func(f *excelize.File, sh string) {
			f.SetCellValue(sh, "D7", "Điểm lần 1")
			f.SetCellValue(sh, "E7", "")
		}, `form.xlsx, trang tính Phụ lục: không phải biểu mẫu của phụ lục: không tìm thấy hàng tiêu đề cột; thiếu các cột: "Điểm thẩm định lần 1", "Lý do trừ điểm"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				f.SetCellValue(sh, "B8", "1.1 Tiêu chí")
				tt.fill(f, sh)
			})
			_, err := form.ReadFile(path, specOf(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant %q", err, tt.want)
			}
		})
	}
}

func TestReadRowsCSV(t *testing.T) {
	spec := specOf(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "dv.csv")
	header := "STT,Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1,Điểm tự chấm của tỉnh,Điểm thẩm định lần 1,Lý do trừ điểm,\"Nội dung giải trình, TLKC bổ sung (lần 2)\",Điểm đề nghị điều chỉnh\n"
	os.WriteFile(good, []byte("\xef\xbb\xbf"+header+"1,1.1 Ban hành,\"0,5\",0.25,Lý do,Nội dung,1\n,,,,,,\nTổng điểm,,,,,,\n"), 0o644)
	rf, err := form.ReadFile(good, spec)
	if err != nil {
		t.Fatal(err)
	}
	if rf.Rows.Len() != 1 || rf.Rows.Text(0, 2) != "0,5" || rf.Rows.Text(0, 3) != "0,25" {
		t.Errorf("rows %+v", rf.Rows)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(header+"1,x,\"1,2,3\",,,,\n"), 0o644)
	if _, err := form.ReadFile(bad, spec); err == nil || !strings.Contains(err.Error(), `bad.csv:2:5: "1,2,3" không phải là điểm`) {
		t.Errorf("bad score: %v", err)
	}
	latin := filepath.Join(dir, "latin.csv")
	os.WriteFile(latin, []byte("STT,T\xeau ch\xed\n"), 0o644)
	if _, err := form.ReadFile(latin, spec); err == nil || !strings.Contains(err.Error(), "latin.csv:1:6: tệp CSV không phải UTF-8") {
		t.Errorf("latin-1: %v", err)
	}
}

// rows_from names a file beside the YAML; it may not leave that folder.
func TestRowsFromInYAML(t *testing.T) {
	dir := t.TempDir()
	fillForm(t, dir, func(f *excelize.File, sh string) {
		set(t, f, sh, map[string]any{"B8": "1.1 Tiêu chí", "C8": "2,5"})
	})
	src, err := os.ReadFile("../examples/cong-van-cchc-2023.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(rowsFrom string) string {
		yml := strings.Replace(string(src), "    blank_rows: 3\n", "    rows_from: "+rowsFrom+"\n", 1)
		p := filepath.Join(dir, "cv.yaml")
		os.WriteFile(p, []byte(yml), 0o644)
		return p
	}
	doc, err := engine.Load(context.Background(), write("form.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := doc.Appendices[0].Rows; rows.Len() != 1 || rows.Text(0, 2) != "2,5" {
		t.Errorf("rows %+v", rows)
	}
	for _, escape := range []string{"../../etc/passwd", "/etc/passwd", "sub/../../x.xlsx"} {
		_, err := engine.Load(context.Background(), write(escape))
		if err == nil || !strings.Contains(err.Error(), "ra ngoài thư mục của tệp YAML") || !strings.Contains(err.Error(), "cv.yaml:") {
			t.Errorf("%s: %v", escape, err)
		}
	}
	if _, err := engine.Load(context.Background(), write("none.xlsx")); err == nil || !strings.Contains(err.Error(), "none.xlsx: không đọc được tệp: tệp không tồn tại") {
		t.Errorf("missing file: %v", err)
	}
}
