package engine_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/form"
)

// Target (issue #5): 50 returned forms of 200 rows each merged into DOCX,
// PDF and XLSX under 2 s.
func BenchmarkMerge50x200(b *testing.B) {
	dir := b.TempDir()
	titles := []string{"STT", "Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1", "Điểm tự chấm của tỉnh", "Điểm thẩm định lần 1", "Lý do trừ điểm", "Nội dung giải trình, TLKC bổ sung (lần 2)", "Điểm đề nghị điều chỉnh"}
	var files []string
	for u := range 50 {
		f := excelize.NewFile()
		f.SetCellValue("Sheet1", "A1", "Đơn vị báo cáo:")
		f.SetCellValue("Sheet1", "C1", fmt.Sprintf("Đơn vị số %d", u+1))
		for c, t := range titles {
			ref, _ := excelize.CoordinatesToCellName(c+1, 3)
			f.SetCellValue("Sheet1", ref, t)
		}
		for r := range 200 {
			row := []any{r + 1, fmt.Sprintf("%d.%d. Tiêu chí thành phần số %d của đơn vị", r/20+1, r%20+1, r), float64(r%3) + 0.5, float64(r%2) + 0.25,
				"Chưa đủ tài liệu kiểm chứng", fmt.Sprintf("Bổ sung văn bản số %d/UBND-NC ngày 05/3/2024", r), float64(r%4) + 0.75}
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, 4+r)
				f.SetCellValue("Sheet1", ref, v)
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("don-vi-%02d.xlsx", u+1))
		if err := f.SaveAs(path); err != nil {
			b.Fatal(err)
		}
		files = append(files, path)
	}
	fs, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	into := filepath.Join("..", "examples", "cong-van-cchc-2023.yaml")
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := engine.Merge(context.Background(), engine.MergeOptions{Into: into, Forms: files, OutDir: out, Options: form.Options{Subtotals: true}, Render: engine.Options{Fonts: fs}}); err != nil {
			b.Fatal(err)
		}
	}
}

// Target (issue #3): the seed's DOCX and PDF under 15 ms in-process, through
// the command's own path (parse, lay out, write both formats side by side).
func BenchmarkRenderSeedDOCXAndPDF(b *testing.B) {
	fs, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	seed := filepath.Join("..", "examples", "cong-van-cchc-2023.yaml")
	formats, _ := engine.ParseFormats("docx,pdf")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := engine.RenderFiles(context.Background(), []string{seed}, out, engine.Options{Formats: formats, Fonts: fs}); err != nil {
			b.Fatal(err)
		}
	}
}
