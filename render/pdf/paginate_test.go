package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// pagesOf paginates blocks on portrait A4 and returns, per page, the text
// of each placed line (fragments joined) top to bottom.
func pagesOf(t *testing.T, blocks ...layout.Block) [][]string {
	t.Helper()
	doc := &layout.Document{Sections: []layout.Section{{Page: nd30.Page(false), Blocks: blocks}}}
	var pages [][]string
	err := paginate(doc, testMeasurer(t), func(p *page) error {
		var lines []string
		lastY := -1.0
		for _, tx := range p.texts {
			if tx.y != lastY {
				lines = append(lines, "")
				lastY = tx.y
			}
			if lines[len(lines)-1] != "" {
				lines[len(lines)-1] += " "
			}
			lines[len(lines)-1] += tx.text
		}
		pages = append(pages, lines)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func bodyPara(text string) *layout.Paragraph {
	p := para(layout.Justify, text)
	p.WidowControl = true
	p.SpaceBefore = layout.Pt(6)
	return p
}

func filler(n int) []layout.Block {
	var blocks []layout.Block
	for i := range n {
		blocks = append(blocks, bodyPara(fmt.Sprintf("Đoạn %d: ", i)+sample))
	}
	return blocks
}

func count(lines []string, prefix string) int {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			n++
		}
	}
	return n
}

// Widow and orphan control (issue #3): a paragraph broken across pages leaves
// at least two lines on each.
func TestWidowOrphan(t *testing.T) {
	for extra := range 6 { // move the break through every line of a paragraph
		blocks := filler(25)
		spacer := para(layout.Left, "x")
		spacer.SpaceBefore = layout.Pt(float64(extra) * 14.95)
		blocks = append([]layout.Block{spacer}, blocks...)
		pages := pagesOf(t, blocks...)
		if len(pages) < 2 {
			t.Fatalf("extra %d: one page", extra)
		}
		// The paragraph that spans the break: its lines on page 1 end the
		// page, its lines on page 2 open it.
		last := pages[0][len(pages[0])-1]
		first := pages[1][0]
		if strings.HasPrefix(first, "Đoạn") {
			continue // the break fell between paragraphs
		}
		tail := 0
		for i := len(pages[0]) - 1; i >= 0 && !strings.HasPrefix(pages[0][i], "Đoạn"); i-- {
			tail++
		}
		head := 0
		for _, l := range pages[1] {
			if strings.HasPrefix(l, "Đoạn") {
				break
			}
			head++
		}
		if tail+1 < 2 || head < 2 {
			t.Errorf("extra %d: %d line(s) of the split paragraph on page 1, %d on page 2 (%q / %q)", extra, tail+1, head, last, first)
		}
	}
}

// The signature block goes with at least the last two lines of the body and
// never stands alone on a page (docs/nd30.md §7, issue #3).
func TestSignatureKeptWithBody(t *testing.T) {
	sigCell := func(lines ...string) layout.Cell {
		var c layout.Cell
		for _, l := range lines {
			c.Blocks = append(c.Blocks, para(layout.Center, l))
		}
		return c
	}
	sig := &layout.Table{Columns: []layout.Length{nd30.SignatureLeftWidth, layout.MM(103)}, Rows: []layout.Row{{
		CantSplit: true,
		Cells:     []layout.Cell{sigCell("Nơi nhận:", "- Như trên;", "- Lưu: VT."), sigCell("GIÁM ĐỐC", "", "", "", "", "Lê Minh Đạo")},
	}}}
	for n := 8; n <= 12; n++ {
		blocks := filler(n)
		last := bodyPara("Cuối: " + sample + " " + sample)
		last.KeepWithNext = true
		blocks = append(blocks, last, sig)
		pages := pagesOf(t, blocks...)
		for pi, p := range pages {
			for li, l := range p {
				if !strings.HasPrefix(l, "Nơi nhận:") {
					continue
				}
				before := 0
				for k := li - 1; k >= 0 && !strings.HasPrefix(p[k], "Đoạn"); k-- {
					before++
				}
				if before < 2 {
					t.Errorf("%d paragraphs: signature on page %d follows %d line(s) of the last paragraph", n, pi+1, before)
				}
			}
		}
	}
}

// The total row never opens a page alone; header rows repeat (issue #3).
func TestTotalRowNotAlone(t *testing.T) {
	cell := func(s string) layout.Cell { return layout.Cell{Blocks: []layout.Block{para(layout.Left, s)}} }
	for rows := 40; rows <= 48; rows++ {
		tbl := &layout.Table{Columns: []layout.Length{layout.MM(30), layout.MM(100)}, Borders: true, BorderWidth: 10}
		tbl.Rows = append(tbl.Rows, layout.Row{Header: true, CantSplit: true, Cells: []layout.Cell{cell("STT"), cell("Tiêu chí")}})
		for i := range rows {
			tbl.Rows = append(tbl.Rows, layout.Row{CantSplit: true, Cells: []layout.Cell{cell(fmt.Sprint(i + 1)), cell("Nội dung")}})
		}
		tbl.Rows = append(tbl.Rows, layout.Row{CantSplit: true, KeepWithPrevious: true, Cells: []layout.Cell{cell("Tổng"), cell("")}})
		pages := pagesOf(t, tbl)
		for pi, p := range pages {
			if p[0] != "STT Tiêu chí" {
				t.Errorf("%d rows: page %d opens with %q, not the header row", rows, pi+1, p[0])
			}
			if count(p, "Tổng") == 1 && len(p) < 3 {
				t.Errorf("%d rows: total row alone under the header on page %d", rows, pi+1)
			}
		}
	}
}

// A row taller than a page is split at a line rather than overflowing.
func TestTallRowSplits(t *testing.T) {
	long := strings.Repeat(sample+" ", 40)
	tbl := &layout.Table{Columns: []layout.Length{layout.MM(165)}, Rows: []layout.Row{{CantSplit: true, Cells: []layout.Cell{{Blocks: []layout.Block{para(layout.Left, long)}}}}}}
	pages := pagesOf(t, tbl)
	if len(pages) < 2 {
		t.Fatalf("a row of %d characters fits one page", len(long))
	}
	words := 0
	for _, p := range pages {
		for _, l := range p {
			words += len(strings.Fields(l))
		}
	}
	if words != len(strings.Fields(long)) {
		t.Errorf("%d words placed, want %d", words, len(strings.Fields(long)))
	}
}
