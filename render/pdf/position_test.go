package pdf_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func findLine(t *testing.T, lines []testtool.Line, text string) testtool.Line {
	t.Helper()
	for _, l := range lines {
		if l.Text == text {
			return l
		}
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Text)
	}
	t.Fatalf("no line %q in\n%s", text, strings.Join(got, "\n"))
	return testtool.Line{}
}

func allItalic(l testtool.Line) bool {
	for f := range l.Fonts {
		if !strings.Contains(f, "Italic") {
			return false
		}
	}
	return len(l.Fonts) > 0
}

// Positions on page 1 (docs/nd30.md §1, §2.2, §4, §5, §11.2), read back glyph by glyph.
func TestSeedPositions(t *testing.T) {
	testtool.Require(t, "mutool")
	glyphs := testtool.Glyphs(t, writePDF(t, seedDoc(t), "seed"))
	page := nd30.Page(false)
	left, right := page.Left.Points(), (page.Width - page.Right).Points()
	top, bottom := page.Top.Points(), (page.Height - page.Bottom).Points()
	leftCol := page.Left.Points() + page.TextWidth().Points()*nd30.HeaderLeftShare

	t.Run("margins", func(t *testing.T) {
		for _, g := range glyphs {
			if g.Page > 2 || strings.TrimSpace(g.C) == "" {
				continue
			}
			if g.X0 < left-0.5 || g.X1 > right+0.5 || (g.Baseline > bottom) || (g.Baseline < top && !(g.Page == 2 && g.C == "2")) {
				t.Fatalf("page %d glyph %q at x %.1f–%.1f baseline %.1f is outside the text area", g.Page, g.C, g.X0, g.X1, g.Baseline)
			}
		}
	})
	rightLines := testtool.Lines(glyphs, 1, leftCol, right)
	leftLines := testtool.Lines(glyphs, 1, left, leftCol)
	t.Run("motto", func(t *testing.T) {
		qh := findLine(t, rightLines, nd30.QuocHieuText) // one line (docs/nd30.md §11.2)
		tn := findLine(t, rightLines, nd30.TieuNguText)
		parent := findLine(t, leftLines, "UBND TỈNH HÀ TĨNH")
		if !near(qh.Baseline, parent.Baseline, 0.5) {
			t.Errorf("Quốc hiệu baseline %.1f, agency %.1f: not on the first row", qh.Baseline, parent.Baseline)
		}
		colCentre := (leftCol + right) / 2
		if c := (qh.X0 + qh.X1) / 2; !near(c, colCentre, 1) {
			t.Errorf("Quốc hiệu centred at %.1f, right column centre %.1f", c, colCentre)
		}
		if c, cq := (tn.X0+tn.X1)/2, (qh.X0+qh.X1)/2; !near(c, cq, 1) || tn.Baseline <= qh.Baseline || tn.Baseline-qh.Baseline > 16 {
			t.Errorf("Tiêu ngữ at centre %.1f baseline %.1f, Quốc hiệu centre %.1f baseline %.1f", c, tn.Baseline, cq, qh.Baseline)
		}
	})
	t.Run("number and date on one row, date italic", func(t *testing.T) {
		date := findLine(t, rightLines, "Hà Tĩnh, ngày tháng 3 năm 2024")
		num := findLine(t, leftLines, "Số: /SNV-CCHC&VTLT")
		if !near(date.Baseline, num.Baseline, 0.5) {
			t.Errorf("date baseline %.1f, number %.1f", date.Baseline, num.Baseline)
		}
		if !allItalic(date) || allItalic(num) {
			t.Errorf("date fonts %v, number fonts %v", date.Fonts, num.Fonts)
		}
	})
	t.Run("justified body", func(t *testing.T) {
		full := testtool.Lines(glyphs, 1, left, right)
		justified := 0
		for i, l := range full {
			// A line followed by one that starts at the margin is not its
			// paragraph's last line (next paragraphs open with a 1 cm indent).
			if l.Baseline < 280 || len(l.Text) < 10 || i+1 >= len(full) || !near(full[i+1].X0, left, 1) { // (a subscript has its own baseline)
				continue
			}
			justified++
			if !near(l.X1, right, 0.8) {
				t.Errorf("line %q ends at %.1f, right margin %.1f", l.Text, l.X1, right)
			}
		}
		if justified < 15 {
			t.Errorf("only %d justified lines on page 1", justified)
		}
	})
	t.Run("page numbers from page 2", func(t *testing.T) {
		for _, g := range glyphs {
			if g.Page == 1 && g.Baseline < top {
				t.Errorf("page 1 has %q in the top margin", g.C)
			}
		}
		nums := testtool.Lines(glyphs, 2, left, right)
		if nums[0].Text != "2" || nums[0].Baseline > top || !near((nums[0].X0+nums[0].X1)/2, (left+right)/2, 1) {
			t.Errorf("page 2 number: %+v", nums[0])
		}
	})
}

// A 300-row appendix spans many landscape pages; every page opens with the
// header row and shows its number from 2, counted from the appendix's start.
func TestLongAppendix(t *testing.T) {
	testtool.Require(t, "mutool", "pdfinfo")
	doc := parse(t, "rows.yaml", rowsYAML(t, 300))
	glyphs := testtool.Glyphs(t, writePDF(t, doc, "rows"))
	pages := 0
	for _, g := range glyphs {
		pages = max(pages, g.Page)
	}
	page := nd30.Page(true)
	left, right := page.Left.Points(), (page.Width - page.Right).Points()
	appendixPages := 0
	var total string
	for p := 3; p <= pages; p++ {
		lines := testtool.Lines(glyphs, p, left, right)
		appendixPages++
		first := 0
		if appendixPages > 1 {
			if want := fmt.Sprint(appendixPages); lines[0].Text != want {
				t.Errorf("appendix page %d shows %q, want its number %s", appendixPages, lines[0].Text, want)
			}
			first = 1
		} else {
			for first < len(lines) && !strings.HasPrefix(lines[first].Text, "(Kèm theo") {
				first++
			}
			first++
		}
		if !strings.HasPrefix(lines[first].Text, "Tiêu chí/Tiêu chí thành phần") && !strings.HasPrefix(lines[first].Text, "STT") {
			t.Errorf("appendix page %d: first table line %q is not the header row", appendixPages, lines[first].Text)
		}
		if l := lines[len(lines)-1]; strings.HasPrefix(l.Text, "Tổng điểm") {
			total = l.Text
		}
	}
	if appendixPages < 10 {
		t.Errorf("300 rows fill %d landscape pages", appendixPages)
	}
	// 300 rows: Σ(i%3+0,5) = 450, Σ(i%2+0,25) = 225, Σ(i%4+0,75) = 675.
	if total != "Tổng điểm 450 225 675" {
		t.Errorf("total row %q, want \"Tổng điểm 450 225 675\"", total)
	}
}
