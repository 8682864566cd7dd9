package pdf

import (
	"fmt"
	"math"
	"testing"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

func rowsMeasurer(t *testing.T) measurer {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return measurer{fs}
}

// Single lines are LibreOffice's: ascent and descent, then the line gap,
// in whole twips (measured by where LibreOffice 7.4 breaks tables of rows of
// each size: 253, 276, 299 and 322 twips).
func TestGridLine(t *testing.T) {
	m := rowsMeasurer(t)
	for size, want := range map[float64]float64{11: 12.65, 12: 13.8, 13: 14.95, 14: 16.1} {
		for _, st := range []layout.Style{{Size: layout.Pt(size)}, {Size: layout.Pt(size), Bold: true}, {Size: layout.Pt(size), Italic: true}} {
			ascent, h := m.gridLine(st)
			if math.Abs(h-want) > 1e-9 {
				t.Errorf("%+v: line %.4f pt, want %.2f", st, h, want)
			}
			if raw := m.face(st).Ascent(size); ascent <= raw || ascent > raw+0.6 {
				t.Errorf("%+v: baseline %.3f pt below the line's top, ascent %.3f", st, ascent, raw)
			}
		}
	}
}

// A row of an appendix table is as tall as LibreOffice makes it: a 12 pt
// line, 1.5 pt of padding above and below, and the 0.5 pt rule above it —
// 17.3 pt (6.10 mm), not 16.79 — and the last row on a page has the rule
// below it too. A portrait page (728.5 pt) holds the header row and 41 rows.
func TestRowHeightHasTheRule(t *testing.T) {
	m := rowsMeasurer(t)
	st := layout.Style{Size: layout.Pt(12)}
	cell := func(s string) layout.Cell {
		return layout.Cell{Blocks: []layout.Block{&layout.Paragraph{Runs: []layout.Run{{Text: s, Style: st}}, Mark: st, LineSpacing: 240}}}
	}
	tbl := &layout.Table{
		Columns: []layout.Length{layout.MM(14), layout.MM(100)}, Borders: true, BorderWidth: nd30.TableBorder,
		CellPadding: nd30.CellPadding, CellPaddingVertical: nd30.CellPaddingVertical,
	}
	tbl.Rows = append(tbl.Rows, layout.Row{Header: true, CantSplit: true, Cells: []layout.Cell{cell("STT"), cell("Tiêu chí")}})
	const n = 100
	for i := range n {
		tbl.Rows = append(tbl.Rows, layout.Row{CantSplit: true, Cells: []layout.Cell{cell(fmt.Sprint(i + 1)), cell("Hạng mục")}})
	}
	doc := &layout.Document{Sections: []layout.Section{{Page: nd30.Page(false), Blocks: []layout.Block{tbl}}}}
	var baselines [][]float64
	var rules [][]placedLine
	pl, err := layOut(doc, m, func(p *page) error {
		var ys []float64
		for _, tx := range p.texts {
			if tx.x < pt(nd30.MarginLeft)+layout.MM(14).Points() { // the STT column
				ys = append(ys, tx.y)
			}
		}
		baselines = append(baselines, ys)
		var hs []placedLine
		for _, l := range p.lines {
			if l.y1 == l.y2 {
				hs = append(hs, l)
			}
		}
		rules = append(rules, hs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	top, bottom := pt(nd30.MarginTop), pt(nd30.PaperHeight-nd30.MarginBottom)
	rows := 0
	for p, ys := range baselines {
		rows += len(ys) - 1 // the header row opens every page
		if p < len(baselines)-1 && len(ys) != 42 {
			t.Errorf("page %d holds %d rows with the header, want 42", p+1, len(ys))
		}
		for i := 1; i < len(ys); i++ {
			if d := ys[i] - ys[i-1]; math.Abs(d-17.3) > 1e-6 {
				t.Fatalf("page %d: rows %d and %d are %.4f pt apart, want 17.3", p+1, i-1, i, d)
			}
		}
		// Rules: at the top margin (centred on the first 0.5 pt), one per
		// row, and the last one under the last row, inside the margin.
		hs := rules[p]
		if first := hs[0].y1; math.Abs(first-(top+0.25)) > 1e-6 {
			t.Errorf("page %d: first rule at %.3f, want %.3f", p+1, first, top+0.25)
		}
		if len(hs) != len(ys)+1 || hs[len(hs)-1].y1+0.25 > bottom+1e-6 {
			t.Errorf("page %d: %d rules for %d rows, last at %.2f (bottom margin %.2f)", p+1, len(hs), len(ys), hs[len(hs)-1].y1, bottom)
		}
	}
	if rows != n || len(baselines) != 3 {
		t.Errorf("%d rows on %d pages, want %d on 3", rows, len(baselines), n)
	}
	if part := pl.Sections[0][0].Parts[0]; math.Abs(part.Height-(42*17.3+0.5)) > 0.002 {
		t.Errorf("the table takes %.3f pt of page 1, want 42 rows of 17.3 and a rule", part.Height)
	}
}
