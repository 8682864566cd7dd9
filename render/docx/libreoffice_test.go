package docx_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
)

// pageOrientations returns "portrait" or "landscape" for each page of a PDF.
func pageOrientations(t *testing.T, pdf string) []string {
	info := testtool.Output(t, "pdfinfo", "-f", "1", "-l", "999", pdf)
	var out []string
	for _, m := range regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`).FindAllStringSubmatch(info, -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		if w > h {
			out = append(out, "landscape")
		} else {
			out = append(out, "portrait")
		}
	}
	return out
}

func firstLine(page string) string {
	for _, l := range strings.Split(page, "\n") {
		if s := strings.TrimSpace(l); s != "" {
			return s
		}
	}
	return ""
}

// The seed DOCX opened and laid out by a real client: LibreOffice converts it,
// and the pages, orientation and key lines are as Decree 30 wants them.
func TestLibreOfficeLaysOutSeed(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext", "pdfinfo")
	dir := t.TempDir()
	seed := filepath.Join(dir, "cong-van-cchc-2023.docx")
	if err := os.WriteFile(seed, renderFile(t, seedPath(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	large := filepath.Join(dir, "large.docx")
	if err := os.WriteFile(large, renderDoc(t, largeAppendix(t, 60, 2)), 0o644); err != nil {
		t.Fatal(err)
	}
	pdfs := testtool.ConvertToPDF(t, dir, seed, large)

	t.Run("seed", func(t *testing.T) {
		if got := strings.Join(pageOrientations(t, pdfs[0]), ","); got != "portrait,portrait,landscape" {
			t.Fatalf("pages: %s, want portrait,portrait,landscape", got)
		}
		pages := testtool.PageTexts(t, pdfs[0])
		p1 := pages[0]
		lines := []*regexp.Regexp{
			// ô 1 and ô 2 on one row; Quốc hiệu on one line (docs/nd30.md §11.2)
			regexp.MustCompile(`(?m)^\s*UBND TỈNH HÀ TĨNH\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$`),
			regexp.MustCompile(`(?m)^\s*SỞ NỘI VỤ\s+Độc lập - Tự do - Hạnh phúc\s*$`),
			// ô 3 and ô 4 on the same row (docs/nd30.md §4.4), the number left blank
			regexp.MustCompile(`(?m)^\s*Số:\s+/SNV-CCHC&VTLT\s+Hà Tĩnh, ngày\s+tháng 3 năm 2024\s*$`),
			regexp.MustCompile(`(?m)^\s*V/v cập nhật, giải trình, bổ sung`),
			regexp.MustCompile(`(?m)^\s*Kính gửi:\s*$`),
			regexp.MustCompile(`(?m)^\s*- Văn phòng UBND tỉnh;\s*$`),
			regexp.MustCompile(`(?m)^\s*- Thành viên HĐTD CCHC tỉnh\.\s*$`),
			regexp.MustCompile(`24h00 ngày 06/3/2024 \(thứ Tư\)`),
		}
		for _, re := range lines {
			if !re.MatchString(p1) {
				t.Errorf("page 1 has no line matching %s\n%s", re, p1)
			}
		}
		if strings.HasPrefix(firstLine(p1), "1") {
			t.Errorf("page 1 shows a page number: %q", firstLine(p1))
		}
		if firstLine(pages[1]) != "2" {
			t.Errorf("page 2 starts with %q, want its number 2", firstLine(pages[1]))
		}
		all := strings.Join(pages[:2], "\n")
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^\s*Nơi nhận:\s+GIÁM ĐỐC\s*$`), // ô 9b level with ô 7a
			regexp.MustCompile(`(?m)^\s*- Lưu: VT, CCHC&VTLT\.`),
			regexp.MustCompile(`(?m)^\s+Lê Minh Đạo\s*$`),
			regexp.MustCompile(`theo quy định\./\.`),
		} {
			if !re.MatchString(all) {
				t.Errorf("pages 1–2 have no line matching %s", re)
			}
		}
		p3 := pages[2]
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^\s*Phụ lục\s*$`),
			regexp.MustCompile(`(?m)^\s*TỔNG HỢP CÁC TIÊU CHÍ/TIÊU CHÍ THÀNH PHẦN GIẢI TRÌNH, BỔ SUNG TÀI LIỆU KIỂM CHỨNG\s*$`),
			regexp.MustCompile(`(?m)^\s*\(Kèm theo Công văn số …/SNV-CCHC&VTLT ngày … tháng 3 năm 2024 của Sở Nội vụ\)\s*$`),
			regexp.MustCompile(`(?m)^\s*STT\s`),
			regexp.MustCompile(`(?m)^\s*Tổng điểm\s*$`),
		} {
			if !re.MatchString(p3) {
				t.Errorf("appendix page has no line matching %s\n%s", re, p3)
			}
		}
		if firstLine(p3) == "1" || firstLine(p3) == "3" {
			t.Errorf("appendix first page shows a number: %q", firstLine(p3))
		}
	})

	t.Run("header row on every appendix page", func(t *testing.T) {
		orient := pageOrientations(t, pdfs[1])
		pages := testtool.PageTexts(t, pdfs[1])
		var appendixPages []string
		for i, o := range orient {
			if o == "landscape" {
				appendixPages = append(appendixPages, pages[i])
			}
		}
		if len(appendixPages) < 4 {
			t.Fatalf("two 60-row appendices fill %d landscape pages, want at least 4", len(appendixPages))
		}
		headings := 0
		number := 0
		for i, p := range appendixPages {
			if !regexp.MustCompile(`(?m)^\s*STT\s`).MatchString(p) {
				t.Errorf("appendix page %d has no header row", i+1)
			}
			if regexp.MustCompile(`(?m)^\s*Phụ lục (I|II)\s*$`).MatchString(p) {
				headings++
				number = 1
				continue
			}
			number++
			if got := firstLine(p); got != fmt.Sprint(number) {
				t.Errorf("appendix page %d starts with %q, want page number %d (numbering restarts per appendix)", i+1, got, number)
			}
		}
		if headings != 2 {
			t.Errorf("found %d appendix headings, want Phụ lục I and Phụ lục II", headings)
		}
	})
}
