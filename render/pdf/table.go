package pdf

import (
	"github.com/vanban-vn/vanban/layout"
)

// tableLayout is a table measured for a column of text.
type tableLayout struct {
	t     *layout.Table
	x     float64 // left edge
	width float64
	rows  []rowLayout
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

// table measures the rows of t placed in a column at left, width wide:
// all of them, or only the header rows and the first body row when
// headOnly (what a block kept with the table needs to know).
func (m measurer) table(t *layout.Table, left, width float64, headOnly bool) *tableLayout {
	total := 0.0
	colX := make([]float64, len(t.Columns)+1)
	for i, c := range t.Columns {
		colX[i] = total
		total += pt(c)
	}
	colX[len(t.Columns)] = total
	tl := &tableLayout{t: t, x: left, width: total, rows: make([]rowLayout, 0, len(t.Rows))}
	switch t.Align {
	case layout.Center, layout.Justify:
		tl.x = left + (width-total)/2
	case layout.Right:
		tl.x = left + width - total
	}
	pad, vpad := pt(t.CellPadding), pt(t.CellPaddingVertical)
	for r := range t.Rows {
		row := &t.Rows[r]
		rl := rowLayout{row: row, cells: make([]cellLayout, 0, len(row.Cells))}
		col := 0
		for c := range row.Cells {
			cell := &row.Cells[c]
			end := min(col+cell.Columns(), len(t.Columns))
			cl := cellLayout{x: tl.x + colX[col], width: colX[end] - colX[col], vAlign: cell.VAlign}
			inner := cl.width - 2*pad
			for _, b := range cell.Blocks {
				switch v := b.(type) {
				case *layout.Paragraph:
					cl.units = append(cl.units, m.paragraph(v, inner)...)
				case *layout.Rule:
					cl.units = append(cl.units, ruleUnit(v, inner))
				}
			}
			rl.height = max(rl.height, cl.content()+2*vpad)
			rl.cells = append(rl.cells, cl)
			col = end
		}
		tl.rows = append(tl.rows, rl)
		if headOnly && !row.Header {
			break
		}
	}
	return tl
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
	var headers []rowLayout
	body := tl.rows
	for len(body) > 0 && body[0].row.Header {
		headers = append(headers, body[0])
		body = body[1:]
	}
	headerHeight := 0.0
	for _, h := range headers {
		headerHeight += h.height
	}
	placeHeaders := func() {
		for _, h := range headers {
			pg.row(tl, h)
		}
	}
	// need is the height row i takes with the row kept with it.
	need := func(i int) float64 {
		h := body[i].height
		if i+1 < len(body) && body[i+1].row.KeepWithPrevious {
			h += body[i+1].height
		}
		return h
	}
	fresh := pg.bot - pg.top - headerHeight // what a new page holds under the headers
	if len(body) > 0 && headerHeight+need(0) > pg.remaining() && !pg.atTop && need(0) <= fresh {
		pg.newPage() // headers never stand alone at the bottom of a page
	}
	placeHeaders()
	rowsOnPage := 0
	for i := 0; i < len(body); i++ {
		r := body[i]
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
