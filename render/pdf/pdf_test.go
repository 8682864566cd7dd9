package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/templates"
)

func fontSet(t testing.TB) *fonts.Set {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func examplePath(t testing.TB, name string) string {
	return filepath.Join(testtool.RepoRoot(t), "examples", name)
}

func seedPath(t testing.TB) string { return examplePath(t, "cong-van-cchc-2023.yaml") }

func build(t testing.TB, doc *vanban.Document) *layout.Document {
	t.Helper()
	ld, err := templates.Build(doc, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	return ld
}

func parse(t testing.TB, name string, src []byte) *vanban.Document {
	t.Helper()
	doc, err := vanban.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func renderPDF(t testing.TB, doc *vanban.Document) []byte {
	t.Helper()
	data, err := pdf.Bytes(build(t, doc), fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rowsYAML is the seed with n filled rows in its appendix.
func rowsYAML(t testing.TB, n int) []byte {
	var rows strings.Builder
	rows.WriteString("    rows:\n")
	for i := range n {
		fmt.Fprintf(&rows, "      - [\"Tiêu chí %d.%d: rà soát, giải trình tài liệu kiểm chứng\", \"%d,5\", \"%d,25\", Chưa có tài liệu kiểm chứng đầy đủ, \"Bổ sung văn bản số %d/UBND-NC ngày 05/3/2024\", \"%d,75\"]\n",
			i/10+1, i%10+1, i%3, i%2, i+1, i%4)
	}
	return []byte(strings.Replace(string(readFile(t, seedPath(t))), "    blank_rows: 3\n", rows.String(), 1))
}

// Target (issue #3): the seed's DOCX and PDF under 15 ms in-process.
func BenchmarkSeedDOCXAndPDF(b *testing.B) {
	src := readFile(b, seedPath(b))
	fs := fontSet(b)
	b.ReportAllocs()
	for b.Loop() {
		doc := parse(b, "seed.yaml", src)
		ld := build(b, doc)
		if _, err := docx.Bytes(ld); err != nil {
			b.Fatal(err)
		}
		if _, err := pdf.Bytes(ld, fs); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRowsPDF(b *testing.B, n int) {
	src := rowsYAML(b, n)
	fs := fontSet(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pdf.Bytes(build(b, parse(b, "rows.yaml", src)), fs); err != nil {
			b.Fatal(err)
		}
	}
}

// Targets (issue #3): 5,000 rows under 500 ms and 100 MB; 2× rows ≤ 2.2× time.
func BenchmarkAppendix5000PDF(b *testing.B)  { benchRowsPDF(b, 5000) }
func BenchmarkAppendix10000PDF(b *testing.B) { benchRowsPDF(b, 10000) }

// writePDF renders a document to a PDF file in a temporary folder.
func writePDF(t *testing.T, doc *vanban.Document, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, renderPDF(t, doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func seedDoc(t testing.TB) *vanban.Document {
	return parse(t, "seed.yaml", readFile(t, seedPath(t)))
}

// Same input, same bytes (no clock, no random IDs).
func TestDeterministic(t *testing.T) {
	a, b := renderPDF(t, seedDoc(t)), renderPDF(t, seedDoc(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the seed differ")
	}
}

// Four faces embedded as subsets under distinct names; the file is sound; the
// information dictionary is filled from the document and dated by it.
func TestFontsInfoAndStructure(t *testing.T) {
	testtool.Require(t, "pdffonts", "pdfinfo", "qpdf")
	path := writePDF(t, parse(t, "ex.yaml", readFile(t, examplePath(t, "cong-van-tong-hop-diem.yaml"))), "ex")
	fontsOut := testtool.Output(t, "pdffonts", path)
	names := map[string]bool{}
	for _, l := range strings.Split(fontsOut, "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		if f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded as a subset with a ToUnicode map: %s", l)
		}
		names[f[0]] = true
	}
	if len(names) != 4 {
		t.Errorf("pdffonts lists %d distinct fonts, want 4:\n%s", len(names), fontsOut)
	}
	for name := range names {
		if !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif-(Regular|Bold|Italic|BoldItalic)$`).MatchString(name) {
			t.Errorf("font name %q is not a tagged subset name", name)
		}
	}
	info := testtool.Output(t, "pdfinfo", "-isodates", path)
	for _, want := range []string{
		"Title:           báo cáo kết quả giải trình, bổ sung tài liệu kiểm chứng Chỉ số CCHC năm 2023",
		"Author:          SỞ NỘI VỤ",
		"Subject:         Công văn số 07/SNV-CCHC&VTLT",
		"Creator:         vanban",
		"CreationDate:    2024-03-08T00:00:00+07",
		"Pages:           3",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// Each page carries its section's size: the body and Phụ lục I portrait,
	// Phụ lục II landscape (docs/nd30.md §12 on appendices).
	sizes := testtool.Output(t, "pdfinfo", "-f", "1", "-l", "3", path)
	for _, want := range []string{"Page    1 size:  595.3 x 841.9", "Page    2 size:  595.3 x 841.9", "Page    3 size:  841.9 x 595.3"} {
		if !strings.Contains(sizes, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, sizes)
		}
	}
	check := testtool.Output(t, "qpdf", "--check", path)
	if !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", check)
	}
	raw := readFile(t, path)
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(raw) || !bytes.Contains(raw, []byte("/Info ")) {
		t.Error("trailer has no /ID or /Info reference")
	}
}

// The text extracts back exactly, in NFC, with "&" and the computed deadlines.
func TestTextExtractsExactly(t *testing.T) {
	testtool.Require(t, "pdftotext")
	doc := seedDoc(t)
	path := writePDF(t, doc, "seed")
	text := strings.Join(strings.Fields(testtool.Output(t, "pdftotext", path, "-")), " ")
	want := []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "/SNV-CCHC&VTLT",
		"Kính gửi:", "- Văn phòng UBND tỉnh;", "- Thành viên HĐTD CCHC tỉnh.",
		"hoàn thành chậm nhất trên phần mềm là đến 24h00 ngày 06/3/2024 (thứ Tư).",
		"hoàn thành chậm nhất trước 14h00 ngày 06/3/2024 (thứ Tư) gửi Sở Nội vụ",
		"đảm bảo chất lượng và tiến độ theo quy định./.",
		"Nơi nhận:", "- Như trên;", "- Lưu: VT, CCHC&VTLT.", "GIÁM ĐỐC", "Lê Minh Đạo",
		"(Kèm theo Công văn số …/SNV-CCHC&VTLT ngày … tháng 3 năm 2024 của Sở Nội vụ)", "Tổng điểm",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("extracted text lacks %q", w)
		}
	}
	// Every body paragraph comes back whole, word for word.
	for _, p := range build(t, doc).Sections[0].Blocks {
		para, ok := p.(*layout.Paragraph)
		if !ok || para.Align != layout.Justify {
			continue
		}
		var b strings.Builder
		for _, r := range para.Runs {
			b.WriteString(r.Text)
		}
		if w := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(text, w) {
			t.Errorf("paragraph does not extract back:\n%s", w)
		}
	}
}
