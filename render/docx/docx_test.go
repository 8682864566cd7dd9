package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/templates"
)

func seedPath(t testing.TB) string {
	return filepath.Join(testtool.RepoRoot(t), "examples", "cong-van-cchc-2023.yaml")
}

func build(t testing.TB, doc *vanban.Document) *layout.Document {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := templates.Build(doc, fs)
	if err != nil {
		t.Fatal(err)
	}
	return ld
}

func renderFile(t testing.TB, path string) []byte {
	t.Helper()
	doc, err := vanban.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return renderDoc(t, doc)
}

func renderDoc(t testing.TB, doc *vanban.Document) []byte {
	t.Helper()
	data, err := docx.Bytes(build(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func part(t testing.TB, pkg []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
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
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// para is what a test needs to know of one w:p.
type para struct {
	text         string
	jc           string
	runs         int
	allBold      bool
	allItalic    bool
	sizes        map[int]bool // half-points of the runs
	firstLine    int
	hanging      int
	before       int
	inTable      bool
	bottomBorder bool
	indLeft      int
	indRight     int
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// paragraphs reads every paragraph of a WordprocessingML part, in order.
func paragraphs(t testing.TB, docXML string) []para {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(docXML))
	var out []para
	var cur *para
	depthTable := 0
	inRun, inRPr, inPPr := false, false, false
	var runBold, runItalic bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "tbl":
				depthTable++
			case "p":
				cur = &para{allBold: true, allItalic: true, sizes: map[int]bool{}, inTable: depthTable > 0}
				text.Reset()
			case "pPr":
				inPPr = true
			case "r":
				inRun, runBold, runItalic = true, false, false
				cur.runs++
			case "rPr":
				inRPr = true
			case "b":
				if inRun && inRPr {
					runBold = true
				}
			case "i":
				if inRun && inRPr {
					runItalic = true
				}
			case "sz":
				if inRun && inRPr {
					n, _ := strconv.Atoi(attr(v, "val"))
					cur.sizes[n] = true
				}
			case "jc":
				if inPPr && !inRPr {
					cur.jc = attr(v, "val")
				}
			case "ind":
				cur.firstLine, _ = strconv.Atoi(attr(v, "firstLine"))
				cur.hanging, _ = strconv.Atoi(attr(v, "hanging"))
				cur.indLeft, _ = strconv.Atoi(attr(v, "left"))
				cur.indRight, _ = strconv.Atoi(attr(v, "right"))
			case "spacing":
				if inPPr {
					cur.before, _ = strconv.Atoi(attr(v, "before"))
				}
			case "bottom":
				if inPPr {
					cur.bottomBorder = true
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &v); err != nil {
					t.Fatal(err)
				}
				text.WriteString(s)
			case "noBreakHyphen": // a hyphen no line breaks at ("12/QĐ-STP", package linebreak)
				text.WriteByte('-')
			}
		case xml.EndElement:
			switch v.Name.Local {
			case "tbl":
				depthTable--
			case "pPr":
				inPPr = false
			case "rPr":
				inRPr = false
			case "r":
				inRun = false
				cur.allBold = cur.allBold && runBold
				cur.allItalic = cur.allItalic && runItalic
			case "p":
				cur.text = text.String()
				if cur.runs == 0 {
					cur.allBold, cur.allItalic = false, false
				}
				out = append(out, *cur)
			}
		}
	}
	return out
}

func find(t testing.TB, ps []para, text string) para {
	t.Helper()
	for _, p := range ps {
		if p.text == text {
			return p
		}
	}
	t.Fatalf("no paragraph %q", text)
	return para{}
}

// Each element of the seed in the style Decree 30 gives it (docs/nd30.md §3, §11.1, size set 13).
func TestSeedElementStyles(t *testing.T) {
	ps := paragraphs(t, part(t, renderFile(t, seedPath(t)), "word/document.xml"))
	tests := []struct {
		text         string
		halfPoints   int
		bold, italic bool
		jc           string
	}{
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, true, false, "center"},                                           // §3 row 1
		{"Độc lập - Tự do - Hạnh phúc", 26, true, false, "center"},                                                  // §3 row 2, §4.1
		{"UBND TỈNH HÀ TĨNH", 24, false, false, "center"},                                                           // §3 row 3: not bold
		{"SỞ NỘI VỤ", 24, true, false, "center"},                                                                    // §3 row 4
		{"Số:       /SNV-CCHC&VTLT", 26, false, false, "center"},                                                    // §3 row 5, §4.3
		{"Hà Tĩnh, ngày        tháng 3 năm 2024", 26, false, true, "center"},                                        // §3 row 6, §4.4
		{"Kính gửi:", 26, false, false, "left"},                                                                     // §6
		{"- Thành viên HĐTD CCHC tỉnh.", 26, false, false, "left"},                                                  // §6: last with "."
		{"Nơi nhận:", 24, true, true, "left"},                                                                       // §9: 12 pt bold italic
		{"- Lưu: VT, CCHC&VTLT.", 22, false, false, "left"},                                                         // §9: 11 pt
		{"GIÁM ĐỐC", 26, true, false, "center"},                                                                     // §7
		{"Lê Minh Đạo", 26, true, false, "center"},                                                                  // §7
		{"Phụ lục", 28, true, false, "center"},                                                                      // §12: 14 pt, normal case
		{"(Kèm theo Công văn số …/SNV-CCHC&VTLT ngày … tháng 3 năm 2024 của Sở Nội vụ)", 26, false, true, "center"}, // §12
	}
	for _, tt := range tests {
		p := find(t, ps, tt.text)
		if !p.sizes[tt.halfPoints] || len(p.sizes) != 1 || p.allBold != tt.bold || p.allItalic != tt.italic || p.jc != tt.jc {
			t.Errorf("%q: sizes %v bold %v italic %v jc %q; want %d half-points bold %v italic %v jc %q",
				tt.text, p.sizes, p.allBold, p.allItalic, p.jc, tt.halfPoints, tt.bold, tt.italic, tt.jc)
		}
	}
	subject := find(t, ps, "V/v cập nhật, giải trình, bổ sung các nội dung tự chấm điểm phục vụ xác định Chỉ số CCHC năm 2023 của tỉnh")
	if !subject.sizes[24] || subject.allBold || subject.before < 120 { // §3 row 9: 12 pt, 6 pt under Số
		t.Errorf("V/v: %+v", subject)
	}
	// §5/§1: body justified, 1 cm first-line indent, at least 6 pt apart.
	body := 0
	for _, p := range ps {
		if strings.HasPrefix(p.text, "Thực hiện Văn bản số 7484/UBND-NC1") || strings.HasPrefix(p.text, "- Thời gian") || strings.HasPrefix(p.text, "Sở Nội vụ đề nghị lãnh đạo") {
			body++
			if p.jc != "both" || p.firstLine != 567 || p.before < 120 {
				t.Errorf("body paragraph %q: jc %q firstLine %d before %d", p.text[:20], p.jc, p.firstLine, p.before)
			}
		}
	}
	if body != 3 {
		t.Errorf("found %d of 3 body paragraphs", body)
	}
	// §9: Nơi nhận items hang so that a wrapped entry continues after "- ".
	item := find(t, ps, "- Các phòng: XDCQ&TCBC, CCVC (để thực hiện);")
	if item.hanging == 0 || item.indLeft != item.hanging {
		t.Errorf("Nơi nhận item indent: left %d hanging %d", item.indLeft, item.hanging)
	}
}

// The deadlines are computed with their weekday and keep the body's bold.
func TestSeedDeadlines(t *testing.T) {
	docXML := part(t, renderFile(t, seedPath(t)), "word/document.xml")
	for _, want := range []string{"24h00 ngày 06/3/2024 (thứ Tư)", "14h00 ngày 06/3/2024 (thứ Tư)"} {
		re := regexp.MustCompile(`<w:r><w:rPr>[^/]*?/><w:b/><w:bCs/>.{0,200}?<w:t xml:space="preserve">` + regexp.QuoteMeta(want) + `</w:t>`)
		if !re.MatchString(docXML) {
			t.Errorf("no bold run %q", want)
		}
	}
}

// docs/nd30.md §1, §11.3, §12: sections, page size, margins, page numbers from page 2,
// appendix landscape with numbering restarting.
func TestSeedSections(t *testing.T) {
	pkg := renderFile(t, seedPath(t))
	docXML := part(t, pkg, "word/document.xml")
	sects := regexp.MustCompile(`<w:sectPr>.*?</w:sectPr>`).FindAllString(docXML, -1)
	if len(sects) != 2 {
		t.Fatalf("got %d sections, want 2", len(sects))
	}
	wants := []string{
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/>`,
		`<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/>`,
	}
	for i, s := range sects {
		if !strings.Contains(s, wants[i]) || !strings.Contains(s, `w:type="first"`) || !strings.Contains(s, `w:type="default"`) {
			t.Errorf("section %d: %s", i+1, s)
		}
	}
	header := part(t, pkg, "word/header1.xml")
	if !strings.Contains(header, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`) || !strings.Contains(header, `<w:jc w:val="center"/>`) {
		t.Errorf("default header has no centred PAGE field: %s", header)
	}
	if first := part(t, pkg, "word/header2.xml"); strings.Contains(first, "PAGE") {
		t.Errorf("first-page header shows a number: %s", first)
	}
}

// docs/nd30.md §1, §11.3: Times New Roman on all four rFonts slots, vi-VN, black, on every run.
func TestFontsOnEveryRun(t *testing.T) {
	docXML := part(t, renderFile(t, seedPath(t)), "word/document.xml")
	runs := regexp.MustCompile(`<w:r><w:rPr>(.*?)</w:rPr>`).FindAllStringSubmatch(docXML, -1)
	if len(runs) < 50 {
		t.Fatalf("only %d runs", len(runs))
	}
	for _, r := range runs {
		if !strings.HasPrefix(r[1], `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`) ||
			!strings.Contains(r[1], `<w:color w:val="000000"/>`) || !strings.HasSuffix(r[1], `<w:lang w:val="vi-VN"/>`) {
			t.Fatalf("run properties %s", r[1])
		}
	}
	styles := part(t, renderFile(t, seedPath(t)), "word/styles.xml")
	if !strings.Contains(styles, `w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"`) ||
		!strings.Contains(styles, `w:val="vi-VN"`) || !strings.Contains(styles, `<w:sz w:val="26"/>`) { // body size of set 13
		t.Errorf("document defaults: %s", styles)
	}
}

// docs/nd30.md §12: the appendix table: fixed widths spanning the text width, a
// repeated header row, numbered rows, a total row.
func TestSeedAppendixTable(t *testing.T) {
	docXML := part(t, renderFile(t, seedPath(t)), "word/document.xml")
	tables := regexp.MustCompile(`<w:tbl>.*?</w:tbl>`).FindAllString(docXML, -1)
	if len(tables) != 4 { // header, signature, appendix header, appendix table
		t.Fatalf("got %d tables, want 4", len(tables))
	}
	tbl := tables[3]
	if !strings.Contains(tbl, `<w:tblLayout w:type="fixed"/>`) || strings.Count(tbl, "<w:tblHeader/>") != 1 {
		t.Errorf("appendix table is not fixed with one repeated header row")
	}
	sum := 0
	for _, m := range regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(tbl, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	if want := 16838 - 1701 - 850; sum != want {
		t.Errorf("columns sum to %d twips, want the landscape text width %d", sum, want)
	}
	ps := paragraphs(t, tbl)
	var texts []string
	for _, p := range ps {
		texts = append(texts, p.text)
	}
	got := strings.Join(texts, "|")
	want := "STT|Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1|Điểm tự chấm của tỉnh|Điểm thẩm định lần 1|Lý do trừ điểm|Nội dung giải trình, TLKC bổ sung (lần 2)|Điểm đề nghị điều chỉnh|" +
		"1||||||" + "|2||||||" + "|3||||||" + "|Tổng điểm|||||"
	if got != want {
		t.Errorf("table text\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(tbl, `<w:gridSpan w:val="2"/>`) {
		t.Errorf("total label does not span STT and the criterion column")
	}
}

// Scores are summed exactly and written with a decimal comma.
func TestAppendixTotals(t *testing.T) {
	src, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	filled := strings.Replace(string(src), "    blank_rows: 3\n", `    rows:
      - ["1.2 Ban hành kế hoạch CCHC", "1", "0,5", Thiếu tài liệu, Bổ sung Quyết định số 12/QĐ-UBND, "1"]
      - {"Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1": "2.1 Tự kiểm tra", "Điểm tự chấm của tỉnh": 12.75, "Điểm thẩm định lần 1": "10,25", "Điểm đề nghị điều chỉnh": "11,5"}
      - [3.4 Kiểm soát TTHC, "0,1", "0,2"]
`, 1)
	doc, err := vanban.Parse("filled.yaml", []byte(filled))
	if err != nil {
		t.Fatal(err)
	}
	docXML := part(t, renderDoc(t, doc), "word/document.xml")
	tables := regexp.MustCompile(`<w:tbl>.*?</w:tbl>`).FindAllString(docXML, -1)
	var texts []string
	for _, p := range paragraphs(t, tables[len(tables)-1]) {
		texts = append(texts, p.text)
	}
	got := strings.Join(texts[7:], "|")
	want := "1|1.2 Ban hành kế hoạch CCHC|1|0,5|Thiếu tài liệu|Bổ sung Quyết định số 12/QĐ-UBND|1|" +
		"2|2.1 Tự kiểm tra|12,75|10,25|||11,5|" +
		"3|3.4 Kiểm soát TTHC|0,1|0,2||||" +
		"Tổng điểm|13,85|10,95|||12,5"
	if got != want {
		t.Errorf("rows\n got %s\nwant %s", got, want)
	}
}

// XML-special characters in the input (the seed has "&") are escaped.
func TestEscaping(t *testing.T) {
	docXML := part(t, renderFile(t, seedPath(t)), "word/document.xml")
	if !strings.Contains(docXML, "/SNV</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">CCHC&amp;VTLT") || strings.Contains(docXML, "CCHC&VTLT") {
		t.Error("& is not escaped")
	}
	if err := xml.Unmarshal([]byte(docXML), new(struct{})); err != nil {
		t.Errorf("document.xml is not well-formed: %v", err)
	}
}

// Same input, same bytes: no clock, no random IDs.
func TestDeterministic(t *testing.T) {
	a, b := renderFile(t, seedPath(t)), renderFile(t, seedPath(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the seed differ")
	}
	z, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	for _, f := range z.File {
		if f.Modified.Year() != 1980 {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
	}
}

// Every part of every example passes the ECMA-376 schemas (Word opens it without repair).
func TestExamplesValidateAgainstSchemas(t *testing.T) {
	examples, _ := filepath.Glob(filepath.Join(testtool.RepoRoot(t), "examples", "*.yaml"))
	dir := t.TempDir()
	var files []string
	for _, ex := range examples {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(ex), ".yaml")+".docx")
		if err := os.WriteFile(out, renderFile(t, ex), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, out)
	}
	big := filepath.Join(dir, "large.docx")
	if err := os.WriteFile(big, renderDoc(t, largeAppendix(t, 200, 2)), 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.ValidateOOXML(t, append(files, big)...)
}

// largeAppendix is the seed with n filled rows in each of count appendices.
func largeAppendix(t testing.TB, n, count int) *vanban.Document {
	t.Helper()
	doc, err := vanban.ParseFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	base := doc.Appendices[0]
	doc.Appendices = nil
	for a := range count {
		app := base
		app.BlankRows = 0
		rows := vanban.NewRowsBuilder(len(app.Columns))
		for i := range n {
			row := make([]vanban.Cell, len(app.Columns))
			row[1] = vanban.Cell{Text: fmt.Sprintf("Tiêu chí %d.%d: rà soát, giải trình tài liệu kiểm chứng của phụ lục %d", i/10+1, i%10+1, a+1)}
			row[4] = vanban.Cell{Text: "Chưa có tài liệu kiểm chứng đầy đủ"}
			row[5] = vanban.Cell{Text: "Bổ sung văn bản, báo cáo kết quả thực hiện"}
			if err := rows.Append(row); err != nil {
				t.Fatal(err)
			}
		}
		app.Rows = rows.Rows()
		doc.Appendices = append(doc.Appendices, app)
	}
	return doc
}
