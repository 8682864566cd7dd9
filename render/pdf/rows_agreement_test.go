package pdf_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/render/docx"
)

// oneLineRowsYAML is a công văn whose appendix has n rows of one line each:
// the case where a difference of a fraction of a point per row adds up to a
// row per page. Landscape appendices repeat the header (agency, Quốc hiệu),
// so the section opens with a table.
func oneLineRowsYAML(n int, landscape bool, sizeSet int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `type: cong-van
size_set: %d
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
number: 7
code: SNV-CCHC
place: Hà Tĩnh
date: 2024-03-08
subject: tổng hợp điểm đề nghị điều chỉnh
recipients: Ủy ban nhân dân tỉnh Hà Tĩnh
body: |
  Sở Nội vụ gửi kèm bảng tổng hợp điểm đề nghị điều chỉnh của các cơ quan./.
signer:
  title: GIÁM ĐỐC
  name: Lê Minh Đạo
cc: [Như trên]
archive: VT
appendices:
  - title: BẢNG TỔNG HỢP ĐIỂM
    header: %[2]v
    landscape: %[2]v
    columns:
      - {title: STT, kind: index, width: 14}
      - {title: Tiêu chí}
      - {title: Điểm, kind: score, total: true}
    total_label: Tổng cộng
    rows:
`, sizeSet, landscape)
	for i := range n {
		fmt.Fprintf(&b, "      - [\"Hạng mục %d\", \"%d,5\"]\n", i+1, i%7)
	}
	return []byte(b.String())
}

var dataRow = regexp.MustCompile(`^\s*(\d+)\s+Hạng mục (\d+)\s+\d+,5\s*$`)

// tableRows returns, for each page of a PDF, the STT of the first data row
// on it ("total" for a page that opens with the total row, "" for a page
// without rows), and how many data rows there are in all, each on one line.
func tableRows(t *testing.T, pdf string) (first []string, rows int) {
	t.Helper()
	for _, page := range testtool.PageTexts(t, pdf) {
		f := ""
		for _, l := range strings.Split(page, "\n") {
			if m := dataRow.FindStringSubmatch(l); m != nil {
				if m[1] != m[2] {
					t.Fatalf("%s: row %s reads %q", pdf, m[1], l)
				}
				if f == "" {
					f = m[1]
				}
				rows++
			} else if f == "" && strings.Contains(l, "Tổng cộng") {
				f = "total"
			}
		}
		first = append(first, f)
	}
	return first, rows
}

// Same pages as LibreOffice for appendices of one-line rows (issue: a
// 120-row appendix was 7 pages here and 8 in LibreOffice): 120 and 1,000
// rows, portrait and landscape, both size sets; our PDF and LibreOffice's
// rendering of our DOCX have as many pages, and every page opens with the
// same row. (The STT column is 14 mm: in the default 12 mm, "1000" at 13 pt
// wraps.) One soffice call converts the eight documents.
func TestOneLineRowsAgreeWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	dir := t.TempDir()
	type input struct {
		name string
		rows int
		ours string
	}
	var inputs []input
	var docxFiles []string
	for _, n := range []int{120, 1000} {
		for _, landscape := range []bool{false, true} {
			for _, set := range []int{13, 14} {
				orient := "portrait"
				if landscape {
					orient = "landscape"
				}
				name := fmt.Sprintf("rows-%d-%s-%d", n, orient, set)
				doc := parse(t, name+".yaml", oneLineRowsYAML(n, landscape, set))
				data, err := docx.Bytes(build(t, doc))
				if err != nil {
					t.Fatal(err)
				}
				d := filepath.Join(dir, name+".docx")
				if err := os.WriteFile(d, data, 0o644); err != nil {
					t.Fatal(err)
				}
				docxFiles = append(docxFiles, d)
				inputs = append(inputs, input{name, n, writePDF(t, doc, name)})
			}
		}
	}
	loDir := filepath.Join(dir, "lo")
	if err := os.Mkdir(loDir, 0o755); err != nil {
		t.Fatal(err)
	}
	loFiles := testtool.ConvertToPDF(t, loDir, docxFiles...)
	for i, in := range inputs {
		mine, myRows := tableRows(t, in.ours)
		lo, loRows := tableRows(t, loFiles[i])
		if myRows != in.rows || loRows != in.rows {
			t.Errorf("%s: %d one-line rows here, %d in LibreOffice, want %d", in.name, myRows, loRows, in.rows)
		}
		t.Logf("%s: %d pages here, %d in LibreOffice", in.name, len(mine), len(lo))
		if len(mine) != len(lo) {
			t.Errorf("%s: %d pages, LibreOffice %d", in.name, len(mine), len(lo))
		}
		for p := range min(len(mine), len(lo)) {
			if mine[p] != lo[p] {
				t.Errorf("%s: page %d opens with row %q, in LibreOffice with %q", in.name, p+1, mine[p], lo[p])
			}
		}
	}
}
