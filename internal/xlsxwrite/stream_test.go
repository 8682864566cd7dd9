package xlsxwrite_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vanban-vn/vanban/internal/xlsxwrite"
)

// counter is an output that keeps nothing, so that memory measured is the
// writer's own.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// table is a sheet like the form's: seven columns, a header, bordered
// styles, then rows written by fill.
type table struct {
	w     *xlsxwrite.Writer
	s     *xlsxwrite.SheetWriter
	cells []xlsxwrite.Cell
	// values are boxed once, so that filling a row allocates nothing: what
	// is measured is the writer.
	texts, scores []any
}

func newTable(t testing.TB, out *counter) *table {
	w := must(xlsxwrite.New(out, xlsxwrite.Workbook{DefaultFont: xlsxwrite.Font{Name: "Times New Roman", Size: 12}, Created: "2024-03-05T00:00:00Z"}))(t)
	all := xlsxwrite.Border{Left: xlsxwrite.Thin, Right: xlsxwrite.Thin, Top: xlsxwrite.Thin, Bottom: xlsxwrite.Thin, Color: "000000"}
	text := must(w.Style(xlsxwrite.Style{Horizontal: "left", Vertical: "top", Wrap: true, Border: all}))(t)
	score := must(w.Style(xlsxwrite.Style{Horizontal: "center", Vertical: "center", Border: all, NumFmt: scoreFmt}))(t)
	s := must(w.Sheet("Phụ lục", xlsxwrite.Sheet{Widths: []float64{6, 40, 12, 12, 12, 20, 12}, FreezeRows: 1, PrintTitles: [2]int{1, 1}, FitToWidth: true}))(t)
	tb := &table{w: w, s: s, cells: make([]xlsxwrite.Cell, 7)}
	for i := range 100 {
		tb.texts = append(tb.texts, fmt.Sprintf("Tiêu chí thành phần số %d: công khai, minh bạch & <đúng hạn>", i))
		tb.scores = append(tb.scores, float64(i)/4)
	}
	for i := range tb.cells {
		tb.cells[i].Style = score
	}
	tb.cells[1].Style, tb.cells[5].Style = text, text
	return tb
}

func (tb *table) row(r int) error {
	c := tb.cells
	c[0].Value = tb.scores[r%100]
	c[1].Value = tb.texts[r%100]
	c[2].Value = tb.scores[(r+1)%100]
	c[3].Value = tb.scores[(r+2)%100]
	c[4].Value = nil
	c[5].Value = tb.texts[(r+7)%100]
	c[6].Value = tb.scores[(r+3)%100]
	return tb.s.Row(r, 17.25, c...)
}

func heap() runtime.MemStats {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// 100,000 rows cost no more memory than 10,000: rows go straight to the
// zip entry, and writing one allocates nothing.
func TestLargeSheet(t *testing.T) {
	const rows, warm = 100000, 10000
	var out counter
	tb := newTable(t, &out)
	start := time.Now()
	for r := 1; r <= warm; r++ {
		check(t, tb.row(r))
	}
	before := heap()
	for r := warm + 1; r <= rows; r++ {
		check(t, tb.row(r))
	}
	after := heap()
	check(t, tb.w.Close())
	elapsed := time.Since(start)

	perRow := float64(after.TotalAlloc-before.TotalAlloc) / (rows - warm)
	growth := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("%d rows × 7 cells: %v (%.0f ns/row), %.2f bytes allocated/row, heap in use %+d bytes over the last %d rows, %.1f MB out",
		rows, elapsed.Round(time.Millisecond), float64(elapsed.Nanoseconds())/rows, perRow, growth, rows-warm, float64(out.n)/1e6)
	if perRow > 1 {
		t.Errorf("%.2f bytes allocated per row; want none", perRow)
	}
	if growth > 256<<10 {
		t.Errorf("heap in use grew by %d bytes over %d rows", growth, rows-warm)
	}
}

// Writing a row allocates nothing.
func TestRowAllocs(t *testing.T) {
	tb := newTable(t, &counter{})
	r := 0
	allocs := testing.AllocsPerRun(1000, func() {
		r++
		if err := tb.row(r); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per row", allocs)
	}
}

// BenchmarkRow writes rows of seven cells; ns/op is per row.
func BenchmarkRow(b *testing.B) {
	var out counter
	tb := newTable(b, &out)
	b.ReportAllocs()
	r := 0
	for b.Loop() {
		r++
		if r > xlsxwrite.MaxRows {
			b.StopTimer()
			check(b, tb.w.Close())
			tb, r = newTable(b, &out), 1
			b.StartTimer()
		}
		if err := tb.row(r); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	check(b, tb.w.Close())
}

// BenchmarkSmallWorkbook is the common case: a form of a few dozen rows,
// from New to Close.
func BenchmarkSmallWorkbook(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var out counter
		tb := newTable(b, &out)
		for r := 1; r <= 40; r++ {
			if err := tb.row(r); err != nil {
				b.Fatal(err)
			}
		}
		check(b, tb.w.Close())
	}
}

// The package does no work when a program starts (GODEBUG=inittrace=1
// lists every package that does).
func TestNoInitWork(t *testing.T) {
	if os.Getenv("XLSXWRITE_INITTRACE") != "" {
		return // the traced child
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoInitWork$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "XLSXWRITE_INITTRACE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	trace := string(out)
	if !strings.Contains(trace, "init github.com/xuri/excelize/v2 @") {
		t.Fatalf("no init trace for excelize, which has init work:\n%s", trace)
	}
	if strings.Contains(trace, "init github.com/vanban-vn/vanban/internal/xlsxwrite @") {
		t.Errorf("the package has init work:\n%s", trace)
	}
}
