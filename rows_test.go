package vanban

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/nd30"
)

func scoreCell(t testing.TB, s string) Cell {
	t.Helper()
	v, err := nd30.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return Cell{Text: v.String(), Score: &v}
}

// Rows give back every cell as it was appended, scores as values; the
// Rows taken from a builder do not change when more rows are appended.
func TestRowsRoundTrip(t *testing.T) {
	b := NewRowsBuilder(4)
	var want [][]Cell
	for i := range 200 { // more cells than one word of score bits
		row := []Cell{{}, {Text: "Tiêu chí " + strconv.Itoa(i)}, scoreCell(t, strconv.Itoa(i)+",25"), {}}
		if i%3 == 0 {
			row[3] = scoreCell(t, "-0,5")
		}
		if i%5 == 0 {
			row[1] = Cell{Text: ""}
		}
		if err := b.Append(row); err != nil {
			t.Fatal(err)
		}
		want = append(want, row)
	}
	early := b.Rows()
	if err := b.Append([]Cell{{Text: "x"}, {}, scoreCell(t, "1"), scoreCell(t, "2")}); err != nil {
		t.Fatal(err)
	}
	rows := b.Rows()
	if early.Len() != 200 || rows.Len() != 201 || rows.Columns() != 4 {
		t.Fatalf("lengths %d, %d; columns %d", early.Len(), rows.Len(), rows.Columns())
	}
	for r, row := range early.All() {
		for c, cell := range row {
			w := want[r][c]
			if cell.Text != w.Text || (cell.Score == nil) != (w.Score == nil) || cell.Score != nil && cell.Score.Cmp(*w.Score) != 0 {
				t.Fatalf("cell (%d, %d) = %+v, want %+v", r, c, cell, w)
			}
			if s, ok := rows.Score(r, c); ok != (w.Score != nil) || ok && s.Cmp(*w.Score) != 0 {
				t.Fatalf("Score(%d, %d) = %v %v", r, c, s, ok)
			}
		}
	}
	if s, ok := rows.Score(200, 3); !ok || s.String() != "2" {
		t.Errorf("last row's score %v %v", s, ok)
	}
	var zero Rows
	if zero.Len() != 0 || zero.Columns() != 0 {
		t.Error("zero Rows not empty")
	}
}

// A row of the wrong width, or a score whose text is not its value, is
// refused, not stored so that it would read back differently.
func TestRowsRefuse(t *testing.T) {
	b := NewRowsBuilder(2)
	if err := b.Append([]Cell{{Text: "a"}}); err == nil || !strings.Contains(err.Error(), "1 cells in a table of 2") {
		t.Errorf("short row: %v", err)
	}
	v, _ := nd30.ParseDecimal("0,50")
	if err := b.Append([]Cell{{Text: "a"}, {Text: "0,50", Score: &v}}); err == nil {
		t.Error("a score written 0,50 was stored: it would read back as 0,5")
	}
	// A sum past ParseDecimal's limits would not read back: refused.
	big, _ := nd30.ParseDecimal("999999999")
	big = big.Add(big)
	if err := b.Append([]Cell{{Text: "a"}, {Text: big.String(), Score: &big}}); err == nil {
		t.Errorf("a score of %s was stored: it does not read back from its text", big)
	}
	if b.Len() != 0 {
		t.Errorf("%d rows after refusals", b.Len())
	}
}

// The rows of a long appendix are held compactly: well under the ~300
// bytes a row of six short cells took as slices of cells.
func TestRowsCompact(t *testing.T) {
	const n = 20_000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b := NewRowsBuilder(7)
	for i := range n {
		row := []Cell{{}, {Text: strconv.Itoa(i/50+1) + "." + strconv.Itoa(i%50+1) + ". Tiêu chí thành phần"}, scoreCell(t, "1"), scoreCell(t, "0,5"), {Text: "Lý do"}, {Text: "Bổ sung"}, scoreCell(t, "1")}
		if err := b.Append(row); err != nil {
			t.Fatal(err)
		}
	}
	rows := b.Rows()
	b = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	perRow := float64(after.HeapAlloc-before.HeapAlloc) / n
	if perRow > 120 {
		t.Errorf("%.0f bytes a row held, want at most 120", perRow)
	}
	runtime.KeepAlive(rows)
	t.Logf("%.0f bytes a row", perRow)
}

// BenchmarkParse100kRows: a 100,000-row appendix through the decoder;
// live-MB is what the parsed document holds (the figure that makes the
// render's memory flat in rows).
func BenchmarkParse100kRows(b *testing.B) {
	src := longRows(b, 100_000, func(i int) string {
		return "      - [\"" + strconv.Itoa(i/50+1) + "." + strconv.Itoa(i%50+1) + ". Tiêu chí thành phần\", \"1\", \"0,5\", \"Lý do\", \"Bổ sung\", \"1\"]\n"
	})
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	var live float64
	for b.Loop() {
		var before, after runtime.MemStats
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		doc, err := Parse("bench.yaml", src)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.StartTimer()
		live = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(doc)
	}
	b.ReportMetric(live, "live-MB")
}
