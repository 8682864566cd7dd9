package form_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
)

func example(t *testing.T, name string) *vanban.Document {
	t.Helper()
	doc, err := vanban.ParseFile(filepath.Join(testtool.RepoRoot(t), "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func write(t *testing.T, doc *vanban.Document, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	writeForm(t, doc, path)
	return path
}

// The form carries the Decree-30 texts above the table, the titles, numbered
// rows, validated score cells, a SUM total, frozen and printed headers.
func TestSeedForm(t *testing.T) {
	path := write(t, example(t, "cong-van-cchc-2023.yaml"), t.TempDir(), "form.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Phụ lục" {
		t.Fatalf("sheets %q", got)
	}
	const sh = "Phụ lục"
	want := map[string]string{
		"A1": "SỞ NỘI VỤ", "A2": "Phụ lục",
		"A3": "TỔNG HỢP CÁC TIÊU CHÍ/TIÊU CHÍ THÀNH PHẦN GIẢI TRÌNH, BỔ SUNG TÀI LIỆU KIỂM CHỨNG",
		"A4": "(Kèm theo Công văn số …/SNV-CCHC&VTLT ngày … tháng 3 năm 2024 của Sở Nội vụ)",
		"A5": nd30.UnitLabel,
		"A7": "STT", "C7": "Điểm tự chấm của tỉnh", "G7": "Điểm đề nghị điều chỉnh",
		"A8": "1", "A10": "3", "A11": "Tổng điểm",
	}
	for ref, w := range want {
		if got, _ := f.GetCellValue(sh, ref); got != w {
			t.Errorf("%s = %q, want %q", ref, got, w)
		}
	}
	for _, col := range []string{"C", "D", "G"} {
		if got, _ := f.GetCellFormula(sh, col+"11"); got != "SUM("+col+"8:"+col+"10)" {
			t.Errorf("%s11 formula %q", col, got)
		}
	}
	if got, _ := f.GetCellFormula(sh, "E11"); got != "" {
		t.Errorf("a text column is summed: %q", got)
	}
	dvs, err := f.GetDataValidations(sh)
	if err != nil || len(dvs) != 3 {
		t.Errorf("data validations %d (%v), want one per score column", len(dvs), err)
	}
	for _, dv := range dvs {
		if dv.Type != "decimal" || !strings.HasPrefix(dv.Sqref, "C8") && !strings.HasPrefix(dv.Sqref, "D8") && !strings.HasPrefix(dv.Sqref, "G8") {
			t.Errorf("validation %+v", dv)
		}
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 7 {
		t.Errorf("panes %+v: header row not frozen", panes)
	}
	layout, _ := f.GetPageLayout(sh)
	if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("page layout %+v", layout)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		found = found || (n.Name == "_xlnm.Print_Titles" && n.RefersTo == "'Phụ lục'!$7:$7")
	}
	if !found {
		t.Errorf("no print titles for the header row: %+v", names)
	}
	testtool.ValidateOOXML(t, path, write(t, example(t, "cong-van-tong-hop-diem.yaml"), t.TempDir(), "ex.xlsx"))
}

// Same input, same bytes.
func TestFormDeterministic(t *testing.T) {
	doc := example(t, "cong-van-tong-hop-diem.yaml")
	dir := t.TempDir()
	a, _ := os.ReadFile(write(t, doc, dir, "a.xlsx"))
	b, _ := os.ReadFile(write(t, doc, dir, "b.xlsx"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("two workbooks of one document differ")
	}
}

// LibreOffice opens the form and computes its totals, also after a
// department has typed scores in (docs/nd30.md §12; issue #5).
func TestLibreOfficeComputesTotals(t *testing.T) {
	testtool.Require(t, "soffice")
	dir := t.TempDir()
	formPath := write(t, example(t, "cong-van-cchc-2023.yaml"), dir, "form.xlsx")
	f, err := excelize.OpenFile(formPath)
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range map[string]float64{"C8": 1.5, "C9": 2.25, "D8": 0.5, "G10": 12.75} {
		if err := f.SetCellValue("Phụ lục", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	filled := filepath.Join(dir, "filled.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	summary := write(t, example(t, "cong-van-tong-hop-diem.yaml"), dir, "summary.xlsx")
	out := filepath.Join(dir, "csv")
	testtool.ConvertTo(t, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", out, filled, summary)
	last := func(path string) []string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[len(rows)-1]
	}
	if got := strings.Join(last(filepath.Join(out, "filled-Phụ lục.csv")), "|"); got != "Tổng điểm||3,75|0,5|||12,75" {
		t.Errorf("filled form totals %q", got)
	}
	if got := strings.Join(last(filepath.Join(out, "summary-Phụ lục II.csv")), "|"); got != "Tổng điểm||4,5|2,75||4,25" {
		t.Errorf("summary totals %q", got)
	}
	if got := strings.Join(last(filepath.Join(out, "summary-Phụ lục I.csv")), "|"); got != "Tổng cộng|||10" {
		t.Errorf("Phụ lục I totals %q", got)
	}
}

// The workbook is dated as the DOCX and the PDF are (Vietnam time, from the
// document), and not dated at all while the document's day is blank.
func TestFormDated(t *testing.T) {
	core := func(doc *vanban.Document) string {
		t.Helper()
		data, _ := os.ReadFile(write(t, doc, t.TempDir(), "f.xlsx"))
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		return props.Created
	}
	doc := example(t, "cong-van-cchc-2023.yaml")
	if got := core(doc); got != "" {
		t.Errorf("a document without its day: created %q", got)
	}
	doc.Date = nd30.Date{Year: 2024, Month: 3, Day: 5}
	if got := core(doc); got != "2024-03-05T00:00:00+07:00" {
		t.Errorf("created %q, want the DOCX's 2024-03-05T00:00:00+07:00", got)
	}
}
