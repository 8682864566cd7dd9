package pdf

import (
	"github.com/vanban-vn/vanban/layout"
)

// tableLayout is a table placed in a column of text; its rows are measured
// as they are needed, so a long table is never held measured whole.
type tableLayout struct {
	t     *layout.Table
	m     measurer
	x     float64   // left edge
	colX  []float64 // column edges from x
	width float64
}

type rowLayout struct {
	row    *layout.Row
	cells  []cellLayout
	height float64
}

type cellLayout struct {
	x, width float64 // the cell's box, spans included
	units    []unit
	vAlign   layout.VAlign
}

func (c *cellLayout) content() float64 { return sumUnits(c.units) }

// table places t in a column at left, width wide.
func (m measurer) table(t *layout.Table, left, width float64) *tableLayout {
	tl := &tableLayout{t: t, m: m, x: left, colX: make([]float64, len(t.Columns)+1)}
	for i, c := range t.Columns {
		tl.colX[i] = tl.width
		tl.width += pt(c)
	}
	tl.colX[len(t.Columns)] = tl.width
	switch t.Align {
	case layout.Center, layout.Justify:
		tl.x = left + (width-tl.width)/2
	case layout.Right:
		tl.x = left + width - tl.width
	}
	return tl
}

// measure lays out row r.
func (tl *tableLayout) measure(r int) rowLayout {
	t := tl.t
	pad, vpad := pt(t.CellPadding), pt(t.CellPaddingVertical)
	row := &t.Rows[r]
	rl := rowLayout{row: row, cells: make([]cellLayout, 0, len(row.Cells))}
	col := 0
	for c := range row.Cells {
		cell := &row.Cells[c]
		end := min(col+cell.Columns(), len(t.Columns))
		cl := cellLayout{x: tl.x + tl.colX[col], width: tl.colX[end] - tl.colX[col], vAlign: cell.VAlign}
		inner := cl.width - 2*pad
		for _, b := range cell.Blocks {
			switch v := b.(type) {
			case *layout.Paragraph:
				if u := tl.m.paragraph(v, inner); cl.units == nil {
					cl.units = u // the usual single paragraph: no copy
				} else {
					cl.units = append(cl.units, u...)
				}
			case *layout.Rule:
				cl.units = append(cl.units, ruleUnit(v, inner))
			}
		}
		rl.height = max(rl.height, cl.content()+2*vpad)
		rl.cells = append(rl.cells, cl)
		col = end
	}
	return rl
}

// headerRows is how many rows open the table and repeat on every page.
func (tl *tableLayout) headerRows() int {
	n := 0
	for n < len(tl.t.Rows) && tl.t.Rows[n].Header {
		n++
	}
	return n
}

// startHeight is what must fit for the table to start on a page: its header
// rows and first body row.
func (tl *tableLayout) startHeight() float64 {
	h := 0.0
	for r := 0; r <= tl.headerRows() && r < len(tl.t.Rows); r++ {
		h += tl.measure(r).height
	}
	return h
}

// splitRow cuts a row taller than the space left into what fits and the
// rest, line by line in each cell.
func (tl *tableLayout) splitRow(r rowLayout, avail float64) (head, tail rowLayout) {
	vpad := pt(tl.t.CellPaddingVertical)
	head = rowLayout{row: r.row}
	tail = rowLayout{row: r.row}
	for _, c := range r.cells {
		h, t := c, c
		h.vAlign, t.vAlign = layout.Top, layout.Top
		k, used := 0, 0.0
		for k < len(c.units) && (k == 0 || used+c.units[k].total() <= avail-2*vpad) {
			used += c.units[k].total()
			k++
		}
		h.units = c.units[:k]
		t.units = append([]unit(nil), c.units[k:]...)
		if len(t.units) > 0 {
			t.units[0].before = 0
		}
		head.cells = append(head.cells, h)
		tail.cells = append(tail.cells, t)
		head.height = max(head.height, h.content()+2*vpad)
		tail.height = max(tail.height, t.content()+2*vpad)
	}
	return head, tail
}

// table flows a table: header rows open every page it reaches, rows stay
// whole unless one is taller than a page, and a row kept with the previous
// one (a total) never opens a page alone.
func (pg *paginator) table(tl *tableLayout) {
	nh := tl.headerRows()
	headers := make([]rowLayout, nh)
	headerHeight := 0.0
	for r := range nh {
		headers[r] = tl.measure(r)
		headerHeight += headers[r].height
	}
	placeHeaders := func() {
		for _, h := range headers {
			pg.row(tl, h)
		}
	}
	body := len(tl.t.Rows) - nh
	// Rows are measured one ahead, for the keep-with-previous rule.
	var cur, next rowLayout
	if body > 0 {
		next = tl.measure(nh)
	}
	// need is the height the current row takes with the row kept with it.
	need := func(i int) float64 {
		h := cur.height
		if i+1 < body && next.row.KeepWithPrevious {
			h += next.height
		}
		return h
	}
	advance := func(i int) {
		cur = next
		if i+1 < body {
			next = tl.measure(nh + i + 1)
		}
	}
	fresh := pg.bot - pg.top - headerHeight // what a new page holds under the headers
	if body > 0 {
		advance(0)
		if headerHeight+need(0) > pg.remaining() && !pg.atTop && need(0) <= fresh {
			pg.newPage() // headers never stand alone at the bottom of a page
		}
	}
	placeHeaders()
	rowsOnPage := 0
	for i := 0; i < body; i++ {
		if i > 0 {
			advance(i)
		}
		r := cur
		if need(i) > pg.remaining() && rowsOnPage > 0 {
			pg.newPage()
			placeHeaders()
			rowsOnPage = 0
		}
		for r.height > pg.remaining() {
			// Taller than what a page holds: split it at a line.
			head, tail := tl.splitRow(r, pg.remaining())
			if len(tail.cells) == 0 || tail.height >= r.height {
				break // nothing left to split: let it run over
			}
			pg.row(tl, head)
			pg.newPage()
			placeHeaders()
			r = tail
		}
		pg.row(tl, r)
		rowsOnPage++
	}
}

// row paints one row at the current position and moves below it.
func (pg *paginator) row(tl *tableLayout, r rowLayout) {
	t := tl.t
	top := pg.y
	vpad, pad := pt(t.CellPaddingVertical), pt(t.CellPadding)
	for i := range r.cells {
		c := &r.cells[i]
		y := top + vpad
		switch c.vAlign {
		case layout.Middle:
			y += (r.height - 2*vpad - c.content()) / 2
		case layout.Bottom:
			y += r.height - 2*vpad - c.content()
		}
		for k := range c.units {
			u := &c.units[k]
			y += u.before
			pg.draw(u, c.x+pad, y)
			y += u.height + u.after
		}
	}
	if t.Borders {
		w := pt(t.BorderWidth)
		bottom := top + r.height
		lines := &pg.cur.lines
		*lines = append(*lines,
			placedLine{tl.x, top, tl.x + tl.width, top, w},
			placedLine{tl.x, bottom, tl.x + tl.width, bottom, w})
		for i, c := range r.cells {
			if i == 0 {
				*lines = append(*lines, placedLine{c.x, top, c.x, bottom, w})
			}
			*lines = append(*lines, placedLine{c.x + c.width, top, c.x + c.width, bottom, w})
		}
	}
	pg.y = top + r.height
	pg.atTop = false
}
