package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// rowsDoc writes the seed with an appendix of n one-line rows (as
// bench/run.sh makes them) into dir and returns its path.
func rowsDoc(b *testing.B, dir string, n int) string {
	b.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", "cong-van-cchc-2023.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var rows strings.Builder
	rows.WriteString("    rows:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&rows, "      - [\"%d.%d. Tiêu chí thành phần\", \"1\", \"0,5\", \"Lý do\", \"Bổ sung\", \"1\"]\n", i/50+1, i%50+1)
	}
	doc := strings.Replace(string(src), "    blank_rows: 3\n", rows.String(), 1)
	path := filepath.Join(dir, fmt.Sprintf("r%d.yaml", n))
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchRender renders file in every selected format per iteration and
// reports the PDF's size (the seed's must stay ≤ 65 KB).
func benchRender(b *testing.B, file, formatList string) {
	fs, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	formats, err := engine.ParseFormats(formatList)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := engine.RenderFiles(context.Background(), []string{file}, out, engine.Options{Formats: formats, Fonts: fs}); err != nil {
			b.Fatal(err)
		}
	}
	if _, pdf := formats[engine.PDF]; pdf {
		base := strings.TrimSuffix(filepath.Base(file), ".yaml")
		if fi, err := os.Stat(filepath.Join(out, base+".pdf")); err == nil {
			b.ReportMetric(float64(fi.Size()), "pdf-bytes")
		}
	}
}

// The figures in process (bench/run.sh measures whole processes):
// the seed in all three formats, 10,000 rows in all three, 100,000 rows to
// PDF alone.
func BenchmarkRenderSeedAll(b *testing.B) {
	benchRender(b, filepath.Join("..", "examples", "cong-van-cchc-2023.yaml"), "all")
}

func BenchmarkRender10kAll(b *testing.B) { benchRender(b, rowsDoc(b, b.TempDir(), 10_000), "all") }

func BenchmarkRender100kPDF(b *testing.B) { benchRender(b, rowsDoc(b, b.TempDir(), 100_000), "pdf") }
