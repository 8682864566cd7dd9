package xlsxwrite_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/internal/xlsxwrite"
)

// The CSV export the form's tests use: UTF-8, every sheet to its own file,
// cells as shown (so number formats apply).
const csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

const (
	loRows     = 150 // data rows of the first sheet: several printed pages
	loColumns  = 12
	loLastHead = "LASTCOL"
)

// writeLOBook writes a workbook for LibreOffice: a landscape sheet wider
// than the page (fit to width), taller than a page (the header row printed
// on each), totals with and without cached values, and a portrait sheet
// whose formula refers to the first.
func writeLOBook(t *testing.T, path string) {
	var buf bytes.Buffer
	w := must(xlsxwrite.New(&buf, xlsxwrite.Workbook{DefaultFont: xlsxwrite.Font{Name: "Times New Roman", Size: 12}, Title: "LibreOffice"}))(t)
	all := xlsxwrite.Border{Left: xlsxwrite.Thin, Right: xlsxwrite.Thin, Top: xlsxwrite.Thin, Bottom: xlsxwrite.Thin}
	head := must(w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true}, Horizontal: "center", Vertical: "center", Wrap: true, Border: all}))(t)
	text := must(w.Style(xlsxwrite.Style{Horizontal: "left", Vertical: "top", Wrap: true, Border: all}))(t)
	score := must(w.Style(xlsxwrite.Style{Horizontal: "center", Border: all, NumFmt: scoreFmt}))(t)

	widths := []float64{6, 60}
	for len(widths) < loColumns {
		widths = append(widths, 14)
	}
	s := must(w.Sheet("Bảng điểm", xlsxwrite.Sheet{Widths: widths, FreezeRows: 2, PrintTitles: [2]int{2, 2},
		Landscape: true, FitToWidth: true, Margins: &xlsxwrite.Margins{Left: 0.6, Right: 0.6, Top: 0.6, Bottom: 0.6}}))(t)
	check(t, s.Merge(1, 1, loColumns, 1))
	check(t, s.Row(1, 24, xlsxwrite.Cell{Style: head, Value: "TỔNG HỢP ĐIỂM"}))
	cells := make([]xlsxwrite.Cell, loColumns)
	cells[0] = xlsxwrite.Cell{Style: head, Value: "STT"}
	cells[1] = xlsxwrite.Cell{Style: head, Value: "Nội dung"}
	for c := 2; c < loColumns; c++ {
		cells[c] = xlsxwrite.Cell{Style: head, Value: fmt.Sprintf("C%d", c+1)}
	}
	cells[loColumns-1].Value = loLastHead
	check(t, s.Row(2, 30, cells...))
	for r := 1; r <= loRows; r++ {
		cells[0] = xlsxwrite.Cell{Style: text, Value: r}
		cells[1] = xlsxwrite.Cell{Style: text, Value: fmt.Sprintf("Dòng %d", r)}
		cells[2] = xlsxwrite.Cell{Style: score, Value: float64(r) / 2}
		cells[3] = xlsxwrite.Cell{Style: score, Value: r}
		for c := 4; c < loColumns; c++ {
			cells[c] = xlsxwrite.Cell{Style: text}
		}
		check(t, s.Row(r+2, 0, cells...))
	}
	total := loRows + 3
	check(t, s.Merge(1, total, 2, total))
	check(t, s.Row(total, 0, xlsxwrite.Cell{Style: head, Value: "Tổng"}, xlsxwrite.Cell{Style: head},
		xlsxwrite.Cell{Style: score, Formula: fmt.Sprintf("SUM(C3:C%d)", total-1)}, // no cached value: computed on opening
		xlsxwrite.Cell{Style: score, Formula: fmt.Sprintf("SUM(D3:D%d)", total-1), Value: loRows * (loRows + 1) / 2}))
	check(t, s.Validate(xlsxwrite.Validation{FromCol: 3, FromRow: 3, ToCol: 3, ToRow: total - 1, Min: ptr(0.0), Max: ptr(100.0), Title: "Điểm", Message: "Từ 0 đến 100."}))

	s2 := must(w.Sheet("Trang dọc", xlsxwrite.Sheet{Widths: []float64{40, 14}}))(t)
	for i, v := range []string{"PORTRAITPAGE", "  giữ khoảng trắng  ", "literal _x0041_ stays", `a<b & "c"`, "Tiếng Việt: Điểm đề nghị"} {
		check(t, s2.Row(i+1, 0, xlsxwrite.Cell{Value: v}, xlsxwrite.Cell{Style: score, Value: 2.5}))
	}
	check(t, s2.Row(6, 0, xlsxwrite.Cell{Value: "double"}, xlsxwrite.Cell{Style: score, Formula: fmt.Sprintf("'Bảng điểm'!C%d*2", total)}))
	check(t, w.Close())
	check(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

// LibreOffice opens the workbook, computes its formulas, applies its number
// formats, and prints it as laid out: landscape A4, one page wide, the
// header row on every page; the second sheet portrait.
func TestLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext", "pdfinfo")
	dir := t.TempDir()
	path := filepath.Join(dir, "book.xlsx")
	writeLOBook(t, path)

	// Values: a CSV of each sheet, cells as shown.
	testtool.ConvertTo(t, csvFilter, dir, path)
	sheet1 := readCSV(t, filepath.Join(dir, "book-Bảng điểm.csv"))
	sum := loRows * (loRows + 1) / 2
	want := fmt.Sprintf("Tổng||%s|%d", strings.ReplaceAll(strconv.FormatFloat(float64(sum)/2, 'f', -1, 64), ".", ","), sum)
	if got := strings.TrimRight(strings.Join(sheet1[len(sheet1)-1], "|"), "|"); got != want {
		t.Errorf("total row %q, want %q", got, want)
	}
	if got := strings.Join(sheet1[4][:4], "|"); got != "3|Dòng 3|1,5|3" {
		t.Errorf("data row %q, want scores with a decimal comma", got)
	}
	sheet2 := readCSV(t, filepath.Join(dir, "book-Trang dọc.csv"))
	for i, want := range []string{"PORTRAITPAGE|2,5", "  giữ khoảng trắng  |2,5", "literal _x0041_ stays|2,5", `a<b & "c"|2,5`,
		"Tiếng Việt: Điểm đề nghị|2,5", "double|" + strings.ReplaceAll(strconv.FormatFloat(float64(sum), 'f', -1, 64), ".", ",")} {
		if got := strings.Join(sheet2[i], "|"); got != want {
			t.Errorf("second sheet row %d %q, want %q", i+1, got, want)
		}
	}

	// Layout: the PDF.
	pdf := testtool.ConvertToPDF(t, dir, path)[0]
	pages := testtool.PageTexts(t, pdf)
	sizes := pageSizes(t, pdf, len(pages))
	var first []int // pages of the first sheet
	for i, p := range pages {
		if strings.Contains(p, "PORTRAITPAGE") {
			if sizes[i][0] > sizes[i][1] {
				t.Errorf("page %d (second sheet) is landscape: %v", i+1, sizes[i])
			}
			continue
		}
		first = append(first, i)
	}
	if len(first) < 2 {
		t.Fatalf("the first sheet printed on %d pages; want several", len(first))
	}
	for _, i := range first {
		if sizes[i][0] < sizes[i][1] || sizes[i][0] < 841 || sizes[i][0] > 842.5 {
			t.Errorf("page %d is %v points, want landscape A4", i+1, sizes[i])
		}
		// Print titles repeat the header; fit to width keeps the last
		// column on the same page as the first.
		if !strings.Contains(pages[i], "STT") || !strings.Contains(pages[i], loLastHead) {
			t.Errorf("page %d lacks the header row or its last column:\n%s", i+1, pages[i])
		}
	}
	if last := pages[first[len(first)-1]]; !strings.Contains(last, fmt.Sprintf("Dòng %d", loRows)) {
		t.Errorf("the last row is not on the first sheet's last page")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data := must(os.ReadFile(path))(t)
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	return must(r.ReadAll())(t)
}

// pageSizes are the width and height of each page in points (pdfinfo).
func pageSizes(t *testing.T, pdf string, n int) [][2]float64 {
	t.Helper()
	out := testtool.Output(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(n), pdf)
	re := regexp.MustCompile(`(?m)^Page +(\d+) size: +([\d.]+) x ([\d.]+) pts`)
	sizes := make([][2]float64, n)
	found := 0
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		i, _ := strconv.Atoi(m[1])
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		if i >= 1 && i <= n {
			sizes[i-1] = [2]float64{w, h}
			found++
		}
	}
	if found != n {
		t.Fatalf("pdfinfo gave %d page sizes for %d pages:\n%s", found, n, out)
	}
	return sizes
}
