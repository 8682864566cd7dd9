package form_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
)

// The rules of reading a returned form, one subtest per rule. Every error
// is checked for its place (file, sheet and cell, or line:column) and for
// its text in Vietnamese and in English.

const sheet = "Phụ lục"

// placed is what one error must say: its rule and place, and words of its
// Vietnamese and English messages.
type placed struct {
	rule, file, sheet, cell string
	line, col               int
	vi, en                  []string
}

// errorList is err as vanban's list of placed errors.
func errorList(t *testing.T, err error) vanban.ErrorList {
	t.Helper()
	var list vanban.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v (%T), want a list of placed errors", err, err)
	}
	return list
}

func dump(list vanban.ErrorList) string {
	var b strings.Builder
	for _, e := range list {
		fmt.Fprintf(&b, "\n  [%s] file %q sheet %q cell %q pos %d:%d\n    vi: %s\n    en: %s", e.Rule, e.File, e.Sheet, e.Cell, e.Pos.Line, e.Pos.Column, e.Msg, e.MsgEN)
	}
	return b.String()
}

// expect finds in err the error w describes (by rule and place) and checks
// its messages.
func expect(t *testing.T, err error, w placed) *vanban.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want [%s] at %s %s %s", w.rule, w.file, w.sheet, w.cell)
	}
	list := errorList(t, err)
	for _, e := range list {
		if w.rule != "" && e.Rule != w.rule || e.File != w.file || e.Sheet != w.sheet || e.Cell != w.cell ||
			e.Pos.Line != w.line || e.Pos.Column != w.col {
			continue
		}
		for _, s := range w.vi {
			if !strings.Contains(e.Msg, s) {
				t.Errorf("Vietnamese message %q lacks %q", e.Msg, s)
			}
		}
		for _, s := range w.en {
			if !strings.Contains(e.MsgEN, s) {
				t.Errorf("English message %q lacks %q", e.MsgEN, s)
			}
		}
		return e
	}
	t.Fatalf("no error [%s] at file %q sheet %q cell %q pos %d:%d; got:%s", w.rule, w.file, w.sheet, w.cell, w.line, w.col, dump(list))
	return nil
}

// readPart is one part of a zip archive.
func readPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// editSheet rewrites the first sheet's XML of the workbook at path.
func editSheet(t *testing.T, path string, edit func(xml string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const part = "xl/worksheets/sheet1.xml"
	before := string(readPart(t, data, part))
	after := edit(before)
	if after == before {
		t.Fatal("the edit changed nothing in the sheet")
	}
	if err := os.WriteFile(path, form.WithPart(t, data, part, []byte(after)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// texts is the rows read as "cell|cell|…" lines.
func texts(rows vanban.Rows) []string {
	var out []string
	for _, r := range rows.All() {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

// csvHeader is the seed form's header row in CSV.
const csvHeader = "STT,Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1,Điểm tự chấm của tỉnh,Điểm thẩm định lần 1,Lý do trừ điểm,\"Nội dung giải trình, TLKC bổ sung (lần 2)\",Điểm đề nghị điều chỉnh\n"

func TestCases(t *testing.T) {
	spec := specOf(t)

	t.Run("a cell typed below the total row is an error naming the cell", func(t *testing.T) {
		path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
			set(t, f, sh, map[string]any{"B8": "1.1. Ban hành kế hoạch", "C8": 1, "B12": "1.2. Bổ sung kế hoạch", "C12": 2})
		})
		tb, err := form.ReadFile(path, spec)
		if tb != nil {
			t.Errorf("a table was returned with the error: %d rows", tb.Rows.Len())
		}
		expect(t, err, placed{rule: "form-below-total", file: path, sheet: sheet, cell: "B12",
			vi: []string{"dưới dòng tổng", "1.2. Bổ sung kế hoạch"}, en: []string{"below the total row", "1.2. Bổ sung kế hoạch"}})
		expect(t, err, placed{rule: "form-below-total", file: path, sheet: sheet, cell: "C12", vi: []string{"dưới dòng tổng"}, en: []string{"below the total row"}})
	})

	t.Run("a criterion reading Tổng in the criterion column is an ordinary row", func(t *testing.T) {
		for _, crit := range []string{"Tổng", "Tổng cộng", "Tổng hợp kết quả", "Tổng điểm", "TỔNG ĐIỂM"} {
			t.Run(crit, func(t *testing.T) {
				path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
					set(t, f, sh, map[string]any{"B8": crit, "C8": 1, "B9": "2.1. Tự kiểm tra", "D9": 2})
				})
				tb, err := form.ReadFile(path, spec)
				if err != nil {
					t.Fatalf("%v%s", err, dump(errorList(t, err)))
				}
				want := []string{"|" + crit + "|1||||", "|2.1. Tự kiểm tra||2|||"}
				if got := texts(tb.Rows); strings.Join(got, "\n") != strings.Join(want, "\n") || tb.Count.Rows != 2 || tb.Count.Totals != 1 {
					t.Errorf("rows %q (count %+v), want %q and the real total row at row 11", got, tb.Count, want)
				}
				if tb.Count.Sums[2].String() != "1" || tb.Count.Sums[3].String() != "2" {
					t.Errorf("sums %v", tb.Count.Sums)
				}
			})
		}
		// The total's label in the first column does not make a row with a
		// criterion the total row.
		t.Run("label in the first column with a criterion", func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"A8": "Tổng điểm", "B8": "1.1. Tiêu chí", "C8": 1})
			})
			tb, err := form.ReadFile(path, spec)
			if err != nil {
				t.Fatalf("%v", err)
			}
			if got := texts(tb.Rows); len(got) != 1 || got[0] != "|1.1. Tiêu chí|1||||" || tb.Count.Totals != 1 {
				t.Errorf("rows %q count %+v", got, tb.Count)
			}
		})
	})

	t.Run("the rows of the second sheet are read when the first is the blank form", func(t *testing.T) {
		const second = "Phụ lục (2)"
		copySheet := func(f *excelize.File) {
			from, err := f.GetSheetIndex(sheet)
			if err != nil {
				t.Fatal(err)
			}
			to, err := f.NewSheet(second)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.CopySheet(from, to); err != nil {
				t.Fatal(err)
			}
		}
		path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
			copySheet(f)
			set(t, f, second, map[string]any{"C5": "Sở Tư pháp", "B8": "1.1. Ban hành kế hoạch", "C8": 1, "B9": "1.2. Tuyên truyền", "G9": "0,5"})
		})
		tb, err := form.ReadFile(path, spec)
		if err != nil {
			t.Fatalf("%v", err)
		}
		if tb.Sheet != second || tb.Unit != "Sở Tư pháp" || tb.Rows.Len() != 2 || tb.Count.Rows != 2 {
			t.Errorf("sheet %q unit %q rows %q", tb.Sheet, tb.Unit, texts(tb.Rows))
		}

		t.Run("two sheets holding rows are an error naming both", func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				copySheet(f)
				set(t, f, sh, map[string]any{"B8": "1.1. Ban hành kế hoạch", "C8": 1})
				set(t, f, second, map[string]any{"B8": "1.1. Ban hành kế hoạch", "C8": 2})
			})
			tb, err := form.ReadFile(path, spec)
			if tb != nil {
				t.Errorf("a table was returned: sheet %q", tb.Sheet)
			}
			expect(t, err, placed{rule: "form-sheets", file: path,
				vi: []string{`"Phụ lục"`, `"Phụ lục (2)"`, "nhiều trang tính"}, en: []string{`"Phụ lục"`, `"Phụ lục (2)"`, "several sheets"}})
		})
	})

	t.Run("a column title given twice is an error naming both cells", func(t *testing.T) {
		path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
			set(t, f, sh, map[string]any{"H7": "Điểm tự chấm của tỉnh", "B8": "1.1. Tiêu chí", "C8": 1, "H8": 2})
		})
		tb, err := form.ReadFile(path, spec)
		if tb != nil {
			t.Errorf("a table was returned: %q", texts(tb.Rows))
		}
		expect(t, err, placed{rule: "form-column-duplicate", file: path, sheet: sheet, cell: "H7",
			vi: []string{`"Điểm tự chấm của tỉnh"`, "đã có ở C7"}, en: []string{`"Điểm tự chấm của tỉnh"`, "also at C7"}})

		t.Run("CSV", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "dup.csv")
			header := strings.TrimSuffix(csvHeader, "\n") + ",Điểm tự chấm của tỉnh\n"
			os.WriteFile(p, []byte(header+"1,1.1. Tiêu chí,1,,,,,2\n"), 0o644)
			_, err := form.ReadFile(p, spec)
			col := utf8.RuneCountInString(strings.TrimSuffix(csvHeader, "\n")) + 2
			first := utf8.RuneCountInString("STT,Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1,") + 1
			expect(t, err, placed{rule: "form-column-duplicate", file: p, line: 1, col: col,
				vi: []string{fmt.Sprintf("đã có ở 1:%d", first)}, en: []string{fmt.Sprintf("also at 1:%d", first)}})
		})
	})

	t.Run("a score given by a formula is read by its cached value, and refused without one", func(t *testing.T) {
		t.Run("without cached value", func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"B8": "1.1. Tiêu chí", "C8": 1})
				if err := f.SetCellFormula(sh, "D8", "C8*2"); err != nil {
					t.Fatal(err)
				}
			})
			tb, err := form.ReadFile(path, spec)
			if tb != nil {
				t.Errorf("a table was returned: %q", texts(tb.Rows))
			}
			expect(t, err, placed{rule: "form-cell-formula", file: path, sheet: sheet, cell: "D8",
				vi: []string{"=C8*2", "không lưu giá trị"}, en: []string{"=C8*2", "no computed value"}})
		})
		t.Run("with cached value", func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"B8": "1.1. Tiêu chí", "C8": 1.25})
				if err := f.SetCellFloat(sh, "D8", 2.5, -1, 64); err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellFormula(sh, "D8", "C8*2"); err != nil {
					t.Fatal(err)
				}
			})
			tb, err := form.ReadFile(path, spec)
			if err != nil {
				t.Fatalf("%v", err)
			}
			if got := texts(tb.Rows); len(got) != 1 || got[0] != "|1.1. Tiêu chí|1,25|2,5|||" || tb.Count.Sums[3].String() != "2,5" {
				t.Errorf("rows %q sums %v", got, tb.Count.Sums)
			}
		})
	})

	t.Run("a malformed sheet half-way down is an error naming sheet and row, not a partial read", func(t *testing.T) {
		filled := func(t *testing.T) string {
			return fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"B8": "1.1. A", "C8": 1, "B9": "1.2. B", "C9": 2, "B10": "1.3. C", "C10": 3})
			})
		}
		tests := []struct {
			name   string
			edit   func(string) string
			vi, en []string
		}{
			{"invalid cell reference", func(x string) string { return strings.Replace(x, `r="B9"`, `r="B1A"`, 1) },
				[]string{"hàng 9", `"B1A"`, "không hợp lệ"}, []string{"row 9", `"B1A"`, "invalid cell reference"}},
			{"a cell naming another row", func(x string) string { return strings.Replace(x, `r="C9"`, `r="C99"`, 1) },
				[]string{"hàng 9", `"C99"`, "hàng 99"}, []string{"row 9", `"C99"`, "row 99"}},
			{"XML broken off in a row", func(x string) string { return x[:strings.Index(x, `<c r="C9"`)+len(`<c r="C9"`)] },
				[]string{"hàng 9", "không đọc được trang tính đến hết"}, []string{"row 9", "cannot be read to its end"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				path := filled(t)
				editSheet(t, path, tt.edit)
				tb, err := form.ReadFile(path, spec)
				if tb != nil {
					t.Fatalf("a partial read: %d rows %q", tb.Rows.Len(), texts(tb.Rows))
				}
				if err == nil {
					t.Fatal("no error")
				}
				list := errorList(t, err)
				var e *vanban.Error
				for _, x := range list {
					if x.File == path && x.Sheet == sheet && strings.Contains(x.Msg, tt.vi[0]) {
						e = x
					}
				}
				if e == nil {
					t.Fatalf("no error naming sheet %q and %s:%s", sheet, tt.vi[0], dump(list))
				}
				for _, s := range tt.vi {
					if !strings.Contains(e.Msg, s) {
						t.Errorf("Vietnamese message %q lacks %q", e.Msg, s)
					}
				}
				for _, s := range tt.en {
					if !strings.Contains(e.MsgEN, s) {
						t.Errorf("English message %q lacks %q", e.MsgEN, s)
					}
				}
			})
		}
	})

	t.Run("a CSV row with more fields than the header names the extra field's line and column", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "so-tu-phap.csv")
		// The score was meant as "7,5" but not quoted: 7 lands in the last
		// column and 5 in a column the form does not have.
		prefix := "1,1.1. Ban hành kế hoạch,1,\"0,5\",Thiếu tài liệu,Bổ sung kế hoạch,7"
		os.WriteFile(p, []byte(csvHeader+prefix+",5\n"), 0o644)
		tb, err := form.ReadFile(p, spec)
		if tb != nil {
			t.Errorf("a table was returned: %q", texts(tb.Rows))
		}
		// Columns count characters, as an editor shows them (and as YAML
		// positions do), not bytes.
		col := utf8.RuneCountInString(prefix) + 2
		if err != nil {
			for _, e := range errorList(t, err) {
				if e.Rule == "form-cell-outside" && e.Pos.Column == len(prefix)+2 && col != len(prefix)+2 {
					t.Errorf("column %d counts bytes; the extra field is at character %d", e.Pos.Column, col)
				}
			}
		}
		expect(t, err, placed{rule: "form-cell-outside", file: p, line: 2, col: col,
			vi: []string{`"5"`, "ngoài các cột"}, en: []string{`"5"`, "outside the form's columns"}})
	})

	t.Run("text in the STT column with no text beside it is an error, not a blank row or a data row", func(t *testing.T) {
		for _, tc := range []struct{ row, value string }{
			{"1.2. Ban hành kế hoạch,,,,,,", "1.2. Ban hành kế hoạch"}, // the criterion one column to the left: was read as blank and lost
			{"Tổng cộng,,5,,,,", "Tổng cộng"},                          // a sum row the form does not have: was counted as data
		} {
			p := filepath.Join(t.TempDir(), "so-tu-phap.csv")
			os.WriteFile(p, []byte(csvHeader+"1,1.1. Ban hành kế hoạch,5,,,,\n"+tc.row+"\n"), 0o644)
			tb, err := form.ReadFile(p, form.Spec{Columns: spec.Columns})
			if tb != nil {
				t.Errorf("%s: a table was returned: %q", tc.value, texts(tb.Rows))
			}
			expect(t, err, placed{rule: "form-index-text", file: p, line: 3, col: 1,
				vi: []string{`ô STT ghi "` + tc.value + `"`}, en: []string{`the STT cell holds "` + tc.value + `"`}})
		}
		// A number in the STT column with a dot is a number.
		p := filepath.Join(t.TempDir(), "so-tu-phap.csv")
		os.WriteFile(p, []byte(csvHeader+"1.,1.1. Ban hành kế hoạch,5,,,,\n2.,,,,,,\n"), 0o644)
		if tb, err := form.ReadFile(p, spec); err != nil || tb.Count.Rows != 1 || tb.Count.Empty != 1 {
			t.Errorf("numbered rows: %v %+v", err, tb)
		}
	})

	t.Run("a score Excel turned into a date, or a boolean, is an error naming the cell", func(t *testing.T) {
		custom := "dd/mm/yyyy"
		tests := []struct {
			name  string
			style excelize.Style
		}{
			{"custom dd/mm/yyyy", excelize.Style{CustomNumFmt: &custom}},
			{"built-in format 14", excelize.Style{NumFmt: 14}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
					set(t, f, sh, map[string]any{"B8": "1.1. Tiêu chí", "C8": 1, "D8": 45419}) // 7.5 typed, 07/05/2024 kept
					st, err := f.NewStyle(&tt.style)
					if err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellStyle(sh, "D8", "D8", st); err != nil {
						t.Fatal(err)
					}
				})
				tb, err := form.ReadFile(path, spec)
				if tb != nil {
					t.Errorf("a table was returned: %q", texts(tb.Rows))
				}
				expect(t, err, placed{rule: "form-cell-date", file: path, sheet: sheet, cell: "D8",
					vi: []string{"ngày tháng", "45419", `"Điểm thẩm định lần 1"`}, en: []string{"date", "45419", `"Điểm thẩm định lần 1"`}})
			})
		}
		t.Run("boolean", func(t *testing.T) {
			path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"B9": "1.2. Tiêu chí"})
				if err := f.SetCellBool(sh, "G9", true); err != nil {
					t.Fatal(err)
				}
			})
			tb, err := form.ReadFile(path, spec)
			if tb != nil {
				t.Errorf("a table was returned: %q", texts(tb.Rows))
			}
			expect(t, err, placed{rule: "form-cell-type", file: path, sheet: sheet, cell: "G9",
				vi: []string{"đúng/sai", "TRUE", `"Điểm đề nghị điều chỉnh"`}, en: []string{"boolean", "TRUE", `"Điểm đề nghị điều chỉnh"`}})
		})
	})

	t.Run("a form with a cell in column XFD on each of 20000 rows is refused quickly and cheaply", func(t *testing.T) {
		var buf bytes.Buffer
		if err := excelize.NewFile().Write(&buf); err != nil {
			t.Fatal(err)
		}
		var x strings.Builder
		x.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
		x.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD20000"/><sheetData>`)
		for r := 1; r <= 20_000; r++ {
			fmt.Fprintf(&x, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
		}
		x.WriteString(`</sheetData></worksheet>`)
		data := form.WithPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", []byte(x.String()))
		path := filepath.Join(t.TempDir(), "xfd.xlsx")
		os.WriteFile(path, data, 0o644)
		t.Logf("form of %d KB (sheet XML %d KB)", len(data)>>10, x.Len()>>10)

		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		tb, err := form.ReadFile(path, spec)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if tb != nil {
			t.Errorf("a table was returned: %d rows", tb.Rows.Len())
		}
		if took > time.Second {
			t.Errorf("refusing took %v, want < 1 s", took)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
			t.Errorf("refusing allocated %d MB, want < 100 MB", alloc>>20)
		}
		if err == nil {
			t.Fatal("no error")
		}
		list := errorList(t, err)
		e := list[0]
		if e.File != path || e.Sheet != "Sheet1" || !strings.HasPrefix(e.Cell, "XFD") ||
			!strings.Contains(e.Msg, "XFD") || !strings.Contains(e.MsgEN, "XFD") ||
			!strings.Contains(e.Msg, "ngoài các cột") || !strings.Contains(e.MsgEN, "outside the form's columns") {
			t.Errorf("want an error naming a cell of column XFD:%s", dump(list))
		}
	})

	t.Run("a cell outside the form's columns within the table is an error naming the cell", func(t *testing.T) {
		path := fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
			set(t, f, sh, map[string]any{"B8": "1.1. Tiêu chí", "C8": 1, "H8": "ghi chú", "J9": 3.5})
		})
		tb, err := form.ReadFile(path, spec)
		if tb != nil {
			t.Errorf("a table was returned: %q", texts(tb.Rows))
		}
		expect(t, err, placed{rule: "form-cell-outside", file: path, sheet: sheet, cell: "H8",
			vi: []string{`"ghi chú"`, "ngoài các cột"}, en: []string{`"ghi chú"`, "outside the form's columns"}})
		expect(t, err, placed{rule: "form-cell-outside", file: path, sheet: sheet, cell: "J9",
			vi: []string{`"3.5"`, "ngoài các cột"}, en: []string{`"3.5"`, "outside the form's columns"}})
	})

	t.Run("a total row whose value differs from the rows' sum is an error", func(t *testing.T) {
		total := func(t *testing.T, v float64) string {
			return fillForm(t, t.TempDir(), func(f *excelize.File, sh string) {
				set(t, f, sh, map[string]any{"B8": "1.1. A", "C8": 1, "B9": "1.2. B", "C9": 0.5})
				if err := f.SetCellFloat(sh, "C11", v, -1, 64); err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellFormula(sh, "C11", "SUM(C8:C10)"); err != nil {
					t.Fatal(err)
				}
			})
		}
		if _, err := form.ReadFile(total(t, 1.5), spec); err != nil {
			t.Errorf("a total equal to the sum: %v", err)
		}
		path := total(t, 5)
		tb, err := form.ReadFile(path, spec)
		if tb != nil {
			t.Errorf("a table was returned: %q", texts(tb.Rows))
		}
		expect(t, err, placed{rule: "form-total-mismatch", file: path, sheet: sheet, cell: "C11",
			vi: []string{"dòng tổng ghi 5", `"Điểm tự chấm của tỉnh"`, "cộng lại được 1,5"},
			en: []string{"the total row says 5", `"Điểm tự chấm của tỉnh"`, "add up to 1,5"}})
	})
}
