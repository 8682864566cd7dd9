package docx_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/render/docx"
)

// pipeline is the whole in-process path of `vanban render`: YAML → model →
// layout → DOCX bytes (fonts parsed once, outside the loop, as in the command).
func pipeline(b *testing.B, name string, src []byte) int {
	doc, err := vanban.Parse(name, src)
	if err != nil {
		b.Fatal(err)
	}
	data, err := docx.Bytes(build(b, doc))
	if err != nil {
		b.Fatal(err)
	}
	return len(data)
}

// Target (issue #2): the seed under 5 ms.
func BenchmarkSeedDOCX(b *testing.B) {
	src, err := os.ReadFile(seedPath(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pipeline(b, "seed.yaml", src)
	}
}

// rowsYAML is the seed with n filled rows in its appendix.
func rowsYAML(b *testing.B, n int) []byte {
	src, err := os.ReadFile(seedPath(b))
	if err != nil {
		b.Fatal(err)
	}
	var rows strings.Builder
	rows.WriteString("    rows:\n")
	for i := range n {
		fmt.Fprintf(&rows, "      - [\"Tiêu chí %d.%d: rà soát, giải trình tài liệu kiểm chứng\", \"%d,5\", \"%d,25\", Chưa có tài liệu kiểm chứng đầy đủ, \"Bổ sung văn bản số %d/UBND-NC ngày 05/3/2024\", \"%d,75\"]\n",
			i/10+1, i%10+1, i%3, i%2, i+1, i%4)
	}
	return []byte(strings.Replace(string(src), "    blank_rows: 3\n", rows.String(), 1))
}

// Targets (issue #2): 5,000 rows under 300 ms and 60 MB.
func BenchmarkAppendix5000DOCX(b *testing.B) {
	src := rowsYAML(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		pipeline(b, "rows.yaml", src)
	}
}

// Cost grows linearly with rows: compare with BenchmarkAppendix5000DOCX.
func BenchmarkAppendix10000DOCX(b *testing.B) {
	src := rowsYAML(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		pipeline(b, "rows.yaml", src)
	}
}
