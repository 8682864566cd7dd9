package form_test

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
)

// wrapYAML is a form whose title, criteria and explanations wrap to two to
// four lines, with a subtotal after each unit's rows (its size set is
// filled in). Based on examples/cong-van-cchc-2023.yaml.
const wrapYAML = `type: cong-van
size_set: %d
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
code: SNV-CCHC&VTLT
place: Hà Tĩnh
date: 2024-03
subject: cập nhật, giải trình, bổ sung các nội dung tự chấm điểm phục vụ xác định Chỉ số CCHC năm 2023 của tỉnh
recipients: [Văn phòng UBND tỉnh]
body: Sở Nội vụ đề nghị các cơ quan, đơn vị giải trình theo Phụ lục gửi kèm./.
signer: {title: GIÁM ĐỐC, name: Lê Minh Đạo}
cc: [Như trên]
archive: VT, CCHC&VTLT
appendices:
  - title: tổng hợp kết quả rà soát, giải trình và bổ sung tài liệu kiểm chứng các tiêu chí, tiêu chí thành phần xác định Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố
    landscape: true
    columns:
      - {title: STT, kind: index}
      - {title: Đơn vị, width: 30}
      - {title: "Tiêu chí, tiêu chí thành phần bị trừ điểm sau khi Hội đồng thẩm định chấm điểm lần 1"}
      - {title: Điểm tự chấm của tỉnh, kind: score, total: true}
      - {title: Điểm thẩm định lần 1, kind: score, total: true}
      - {title: Lý do trừ điểm}
      - {title: "Nội dung giải trình, tài liệu kiểm chứng bổ sung (lần 2)"}
      - {title: Điểm đề nghị điều chỉnh, kind: score, total: true}
    total_label: Tổng điểm
    subtotals_by: Đơn vị
    rows:
      - ["Văn phòng Ủy ban nhân dân tỉnh", "1.2. Ban hành kế hoạch cải cách hành chính năm của tỉnh đúng thời hạn", "1", "0,5", "Kế hoạch ban hành sau ngày 15 tháng 12 của năm trước năm kế hoạch", "Bổ sung Quyết định số 45/QĐ-UBND ngày 10/01/2023 và văn bản giải trình về thời hạn", "1"]
      - ["Văn phòng Ủy ban nhân dân tỉnh", "1.5. Thực hiện các nhiệm vụ được giao trong kế hoạch cải cách hành chính năm, đúng tiến độ và đầy đủ nội dung", "2", "1,25", "Còn nhiệm vụ chưa hoàn thành", "Bổ sung báo cáo kết quả thực hiện từng nhiệm vụ, kèm đường dẫn đến văn bản trên Cổng thông tin điện tử của tỉnh", "1,75"]
      - ["Sở Tư pháp", "2.3. Tự kiểm tra việc thực hiện văn bản quy phạm pháp luật thuộc phạm vi quản lý nhà nước của tỉnh", "1,5", "0,75", "Chưa có báo cáo kết quả tự kiểm tra văn bản", "Bổ sung báo cáo kết quả tự kiểm tra", "1,25"]
      - ["Sở Tài chính", "6.1. Cập nhật, công khai thủ tục hành chính", "2", "1,5", "Công khai chậm", "Bổ sung đường dẫn Cổng Dịch vụ công quốc gia và ảnh chụp màn hình trang công khai thủ tục hành chính", "2"]
`

// An appendix form prints in LibreOffice as laid out: every row is as tall
// as its wrapped text, so no text line runs over a border or into another
// row's, and the columns are as wide as the PDF's (6 pt a character of the
// default font, no shrinking to fit).
func TestLibreOfficePrintsRowsWhole(t *testing.T) {
	testtool.Require(t, "soffice", "mutool")
	dir := t.TempDir()
	names := []string{"example.xlsx", "wrap13.xlsx", "wrap14.xlsx"}
	docs := []*vanban.Document{example(t, "cong-van-cchc-2023.yaml")}
	for _, set := range []int{13, 14} {
		doc, err := vanban.Parse("wrap.yaml", fmt.Appendf(nil, wrapYAML, set))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	files := make([]string, len(docs))
	for i, doc := range docs {
		files[i] = write(t, doc, dir, names[i])
	}
	pdfs := testtool.ConvertToPDF(t, dir, files...)
	for i, pdf := range pdfs {
		name, doc := names[i], docs[i]
		t.Run(name, func(t *testing.T) {
			lines, rules := pdfLines(t, pdf), pdfRules(t, pdf)
			if len(lines) == 0 || len(rules) == 0 {
				t.Fatalf("%d text lines and %d rules printed", len(lines), len(rules))
			}
			checkNoOverlap(t, lines)
			checkInsideBorders(t, lines, rules)
			checkColumns(t, doc, rules)
			if strings.HasPrefix(name, "wrap") {
				checkWrapped(t, lines, rules)
			}
		})
	}
}

// No two text lines that share horizontal space overlap vertically. Lines
// of one cell are set ascent plus descent apart, which LibreOffice rounds
// to a tenth of a point either way, hence the tolerance.
func checkNoOverlap(t *testing.T, lines []pdfLine) {
	t.Helper()
	for i, a := range lines {
		for _, b := range lines[i+1:] {
			if a.page != b.page || min(a.x1, b.x1)-max(a.x0, b.x0) < 1 {
				continue
			}
			if overlap := min(a.y1, b.y1) - max(a.y0, b.y0); overlap > 0.5 {
				t.Errorf("page %d: %q and %q overlap by %.2f pt", a.page, a.text, b.text, overlap)
			}
		}
	}
}

// No horizontal border runs through a text line.
func checkInsideBorders(t *testing.T, lines []pdfLine, rules []rule) {
	t.Helper()
	for _, l := range lines {
		for _, r := range rules {
			if r.horizontal() && r.page == l.page && min(l.x1, r.x1)-max(l.x0, r.x0) > 1 && l.y0+0.05 < r.y0 && r.y0 < l.y1-0.05 {
				t.Errorf("page %d: the border at y=%.2f runs through %q (%.2f–%.2f)", l.page, r.y0, l.text, l.y0, l.y1)
			}
		}
	}
}

// The columns print as wide as the writer made them: no font on the machine
// changes a width, and LibreOffice does not shrink the page to fit.
func checkColumns(t *testing.T, doc *vanban.Document, rules []rule) {
	t.Helper()
	widths, err := nd30.ColumnWidths(doc.Appendices[0].ColumnSpecs(), doc.Appendices[0].Landscape)
	if err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, r := range rules {
		if !r.horizontal() && r.page == 1 {
			xs = append(xs, r.x0)
		}
	}
	if len(xs) == 0 {
		t.Fatal("no vertical borders")
	}
	left := xs[0]
	for _, x := range xs {
		left = min(left, x)
	}
	edge := left
	for c, w := range form.ColumnPoints(widths) {
		edge += w
		found := false
		for _, x := range xs {
			found = found || math.Abs(x-edge) < 0.1
		}
		if !found {
			t.Errorf("no border at the right of column %d, %.2f pt from the table's left edge; borders at %v", c+1, edge-left, xs)
		}
	}
}

// The test means something only if cells and the title do wrap: a table
// cell prints in three lines or more, and the title in two.
func checkWrapped(t *testing.T, lines []pdfLine, rules []rule) {
	t.Helper()
	// Lines of one left-aligned cell start at one x between two borders.
	cells := map[string]int{}
	for _, l := range lines {
		above, below := math.Inf(-1), math.Inf(1)
		for _, r := range rules {
			if r.horizontal() && r.page == l.page && min(l.x1, r.x1)-max(l.x0, r.x0) > 1 {
				if r.y0 <= l.y0 {
					above = max(above, r.y0)
				} else if r.y0 >= l.y1 {
					below = min(below, r.y0)
				}
			}
		}
		if !math.IsInf(above, 0) && !math.IsInf(below, 0) {
			cells[fmt.Sprintf("%d %.0f %.0f", l.page, above, math.Round(l.x0))]++
		}
	}
	most := 0
	for _, n := range cells {
		most = max(most, n)
	}
	if most < 3 {
		t.Errorf("no table cell printed in 3 lines or more (most %d): the test wraps nothing", most)
	}
	title := 0
	for _, l := range lines {
		if strings.Contains(l.text, "TIÊU CHÍ") || strings.Contains(l.text, "HUYỆN") {
			title++
		}
	}
	if title < 2 {
		t.Errorf("the title printed in %d lines, want it to wrap", title)
	}
}

// pdfLine is a line of text as mutool reads it back: its box (from the
// font's ascent to its descent, points from the page's top left) and text.
type pdfLine struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

// pdfLines reads the text lines of a PDF (`mutool draw -F stext`).
func pdfLines(t *testing.T, pdf string) []pdfLine {
	t.Helper()
	var doc struct {
		Pages []struct {
			Lines []struct {
				BBox  string `xml:"bbox,attr"`
				Chars []struct {
					C string `xml:"c,attr"`
				} `xml:"font>char"`
			} `xml:"block>line"`
		} `xml:"page"`
	}
	out := testtool.Output(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf)
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("reading mutool's text of %s: %v", pdf, err)
	}
	var lines []pdfLine
	for p, page := range doc.Pages {
		for _, l := range page.Lines {
			var b strings.Builder
			for _, c := range l.Chars {
				b.WriteString(c.C)
			}
			box := floats(t, l.BBox, 4)
			text := strings.TrimSpace(b.String())
			if text == "" {
				continue
			}
			lines = append(lines, pdfLine{page: p + 1, x0: box[0], y0: box[1], x1: box[2], y1: box[3], text: text})
		}
	}
	return lines
}

// rule is a straight stroke, a cell border: from (x0, y0) to (x1, y1) in
// points from the page's top left.
type rule struct {
	page           int
	x0, y0, x1, y1 float64
}

func (r rule) horizontal() bool { return math.Abs(r.y0-r.y1) < 0.01 }

// pdfRules reads the straight strokes of a PDF (`mutool draw -F trace`),
// turned into page coordinates by each path's transform.
func pdfRules(t *testing.T, pdf string) []rule {
	t.Helper()
	out := testtool.Output(t, "mutool", "draw", "-q", "-F", "trace", "-o", "-", pdf)
	dec := xml.NewDecoder(strings.NewReader(out))
	var rules []rule
	page := 0
	var m []float64 // the current stroke's transform; nil outside strokes
	var last [2]float64
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			point := func() [2]float64 {
				x, y := floats(t, attr("x"), 1)[0], floats(t, attr("y"), 1)[0]
				return [2]float64{m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]}
			}
			switch e.Name.Local {
			case "page":
				page++
			case "stroke_path":
				m = floats(t, attr("transform"), 6)
			case "moveto":
				if m != nil {
					last = point()
				}
			case "lineto":
				if m != nil {
					p := point()
					if math.Abs(p[0]-last[0]) < 0.01 || math.Abs(p[1]-last[1]) < 0.01 {
						rules = append(rules, rule{page, min(p[0], last[0]), min(p[1], last[1]), max(p[0], last[0]), max(p[1], last[1])})
					}
					last = p
				}
			}
		case xml.EndElement:
			if e.Name.Local == "stroke_path" {
				m = nil
			}
		}
	}
	return rules
}

// floats parses n space-separated numbers.
func floats(t *testing.T, s string, n int) []float64 {
	t.Helper()
	f := strings.Fields(s)
	if len(f) != n {
		t.Fatalf("%q: want %d numbers", s, n)
	}
	v := make([]float64, n)
	for i := range f {
		var err error
		if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	}
	return v
}

// The rows the writer emits all carry a height: the wrapped ones more than one line.
func TestEveryRowHasAHeight(t *testing.T) {
	doc, err := vanban.Parse("wrap.yaml", fmt.Appendf(nil, wrapYAML, 13))
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, doc, t.TempDir(), "wrap.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// The rows: 4 above the table, the unit, a gap, the header, 4 data rows,
	// 3 subtotals and the total.
	if len(rows) != 15 {
		t.Fatalf("%d rows, want 15", len(rows))
	}
	for r := 1; r <= len(rows); r++ {
		h, err := f.GetRowHeight(sheet, r)
		if err != nil {
			t.Fatal(err)
		}
		min := 17.25 // one line of 12 pt
		switch r {
		case 3, 7, 8, 9: // the title, the header, two data rows of long texts
			min = 30
		}
		if h < min || h/0.75 != math.Trunc(h/0.75) {
			t.Errorf("row %d (%q…) is %v pt high, want whole pixels of at least %v", r, strings.Join(rows[r-1], "|"), h, min)
		}
	}
}
