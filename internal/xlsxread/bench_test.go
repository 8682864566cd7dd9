package xlsxread

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allocated returns the bytes allocated while f runs.
func allocated(t testing.TB, f func()) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// scoresBook is a returned form of n rows × 6 columns: an index, a unit name
// and a status as shared strings, three scores as numbers, as Excel writes
// them (r attributes, a style on the scores).
func scoresBook(t testing.TB, n int) []byte {
	var sst, rows strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, 2*n, n+2)
	sst.WriteString(`<si><t>Đạt</t></si><si><t>Chưa đạt</t></si>`)
	for r := 1; r <= n; r++ {
		fmt.Fprintf(&sst, `<si><t>Trường Trung học cơ sở số %d</t></si>`, r)
		fmt.Fprintf(&rows, `<row r="%d" spans="1:6"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" s="1"><v>%d.5</v></c><c r="D%d" s="1"><v>%d.25</v></c><c r="E%d" s="1"><v>%d</v></c><c r="F%d" t="s"><v>%d</v></c></row>`,
			r, r, r, r, r+1, r, r%10, r, r%7, r, r%100, r, r%2)
	}
	sst.WriteString(`</sst>`)
	styles := `<styleSheet xmlns="` + nsMain + `"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs></styleSheet>`
	return book{sheets: []part{{"Phụ lục", sheetXML(rows.String())}}, sst: sst.String(), styles: styles}.zip(t)
}

// readRows reads every row of the first sheet and returns how many cells
// there were.
func readRows(tb testing.TB, data []byte, lim Limits) (int, error) {
	wb, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return 0, err
	}
	rows, err := wb.Rows(wb.Sheets()[0])
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		_, cells := rows.Row()
		n += len(cells)
	}
	return n, rows.Err()
}

// Rule 7: 100,000 rows × 6 columns.
func BenchmarkRows100k(b *testing.B) {
	data := scoresBook(b, 100000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n, err := readRows(b, data, Limits{MaxColumn: 64, MaxRow: 100100})
		if err != nil || n != 600000 {
			b.Fatal(n, err)
		}
	}
}

// Rule 1: the XFD file, refused.
func BenchmarkFarColumn(b *testing.B) {
	data := farColumnBook(b, 20000, `<v>1</v>`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readRows(b, data, Limits{MaxColumn: 64}); err == nil {
			b.Fatal("not refused")
		}
	}
}

// Rule 1: the XFD file, every row read (no column limit).
func BenchmarkFarColumnRead(b *testing.B) {
	data := farColumnBook(b, 20000, `<v>1</v>`)
	b.ReportAllocs()
	for b.Loop() {
		if n, err := readRows(b, data, Limits{}); err != nil || n != 20000 {
			b.Fatal(n, err)
		}
	}
}

// Rule 1 and 7 as tests: the XFD file is refused in well under a second and
// 100 MB; a 100,000-row sheet holds no more memory at its end than near its
// start, apart from the shared strings.
func TestTimeAndMemory(t *testing.T) {
	data := farColumnBook(t, 20000, `<v>1</v>`)
	start := time.Now()
	alloc := allocated(t, func() {
		if _, err := readRows(t, data, Limits{MaxColumn: 64}); err == nil {
			t.Fatal("not refused")
		}
	})
	if d := time.Since(start); d > time.Second || alloc > 100<<20 {
		t.Fatalf("XFD file refused in %v, %d MB allocated", d, alloc>>20)
	}
	t.Logf("XFD file (%d KB): refused in %v, %d KB allocated", len(data)>>10, time.Since(start), alloc>>10)

	if testing.Short() {
		t.Skip("the 100,000-row sheet")
	}
	data = scoresBook(t, 100000)
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Rows("Phụ lục")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var heap [2]uint64
	var kept []string // a caller may keep the values: they are not reused
	start = time.Now()
	for rows.Next() {
		num, cells := rows.Row()
		if num == 10000 || num == 90000 {
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			heap[num/90000] = m.HeapAlloc
		}
		if num%1000 == 0 {
			kept = append(kept, cells[2].Value)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if heap[1] > heap[0]+1<<20 {
		t.Errorf("heap grew from %d KB at row 10,000 to %d KB at row 90,000", heap[0]>>10, heap[1]>>10)
	}
	if kept[99] != "0.5" {
		t.Errorf("kept value %q", kept[99])
	}
	t.Logf("100,000 rows read in %v; heap %d KB at row 10,000, %d KB at row 90,000", time.Since(start), heap[0]>>10, heap[1]>>10)
}
