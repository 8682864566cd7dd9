package pdf

import (
	"github.com/vanban-vn/vanban/layout"
)

// tableLayout is a table placed in a column of text; its rows are measured
// as they are needed, so a long table is never held measured whole.
//
// Rows are measured as LibreOffice measures them: a row of a table with
// borders is as tall as its tallest cell, padding included, plus the width
// of the rule above it; the last row on a page takes the rule below it too.
// (Without the rule a one-line row of 12 pt text was 5.92 mm here and 6.10 mm
// in LibreOffice, and a continuation page held 26 such rows against 25.)
type tableLayout struct {
	t      *layout.Table
	m      measurer
	x      float64   // left edge
	colX   []float64 // column edges from x
	width  float64
	border float64 // the width of the rules; 0 without borders
	// pg records the pictures of the paragraphs measured (nil: the table
	// is only measured, not placed)
	pg *paginator
}

type rowLayout struct {
	row    *layout.Row
	index  int // in the table's rows (t.Row)
	cells  []cellLayout
	height float64 // the rule above the row included
	grid   *gridRow
}

type cellLayout struct {
	x, width float64 // the cell's box, spans included
	units    []unit
	vAlign   layout.VAlign
}

func (c *cellLayout) content() float64 { return sumUnits(c.units) }

// gridRow is kept for a row of a layout grid (a table without borders), for
// the placement of its cells' blocks: which block each unit comes from.
type gridRow struct {
	ends  [][]int // ends[c][b] is the end of block b's units in cell c
	first []int   // first[c] is where cell c's units start among them (after a split)
}

// block is the index of the block that unit k of cell c belongs to.
func (g *gridRow) block(c, k int) int {
	k += g.first[c]
	for b, end := range g.ends[c] {
		if k < end {
			return b
		}
	}
	return len(g.ends[c]) - 1
}

// table places t in a column at left, width wide.
func (m measurer) table(t *layout.Table, left, width float64) *tableLayout {
	tl := &tableLayout{t: t, m: m, x: left, colX: make([]float64, len(t.Columns)+1)}
	if t.Borders {
		tl.border = pt(t.BorderWidth)
	}
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
	row := new(layout.Row)
	*row = t.Row(r)
	rl := rowLayout{row: row, index: r, cells: make([]cellLayout, 0, len(row.Cells))}
	var ends []int // the cells' ends, in one array
	if !t.Borders {
		n := 0
		for c := range row.Cells {
			n += len(row.Cells[c].Blocks)
		}
		ends = make([]int, 0, n)
		rl.grid = &gridRow{ends: make([][]int, len(row.Cells)), first: make([]int, len(row.Cells))}
	}
	col := 0
	for c := range row.Cells {
		cell := &row.Cells[c]
		end := min(col+cell.Columns(), len(t.Columns))
		cl := cellLayout{x: tl.x + tl.colX[col], width: tl.colX[end] - tl.colX[col], vAlign: cell.VAlign}
		inner := cl.width - 2*pad
		for _, b := range cell.Blocks {
			switch v := b.(type) {
			case *layout.Paragraph:
				u := tl.m.snap(tl.m.paragraph(v, inner), v)
				if tl.pg != nil {
					tl.pg.anchor(v, u)
				}
				if cl.units == nil {
					cl.units = u // the usual single paragraph: no copy
				} else {
					cl.units = append(cl.units, u...)
				}
			case *layout.Rule:
				cl.units = append(cl.units, ruleUnit(v, inner))
			}
			if ends != nil {
				ends = append(ends, len(cl.units))
			}
		}
		if rl.grid != nil {
			rl.grid.ends[c] = ends[len(ends)-len(cell.Blocks):]
		}
		rl.height = max(rl.height, cl.content()+2*vpad+tl.border)
		rl.cells = append(rl.cells, cl)
		col = end
	}
	return rl
}

// headerRows is how many rows open the table and repeat on every page.
func (tl *tableLayout) headerRows() int {
	n := 0
	for n < len(tl.t.Rows) && tl.t.Rows[n].Header { // header rows are never generated
		n++
	}
	return n
}

// startHeight is what must fit for the table to start on a page: its header
// rows and first body row, and the rule below them.
func (tl *tableLayout) startHeight() float64 {
	h := tl.border
	for r := 0; r <= tl.headerRows() && r < tl.t.NumRows(); r++ {
		h += tl.measure(r).height
	}
	return h
}

// splitRow cuts a row taller than the space left into what fits there,
// with the rules above and below it, and the rest, line by line in each cell.
func (tl *tableLayout) splitRow(r rowLayout, avail float64) (head, tail rowLayout) {
	frame := 2*pt(tl.t.CellPaddingVertical) + tl.border // padding and the rule above
	head = rowLayout{row: r.row, index: r.index, grid: r.grid}
	tail = rowLayout{row: r.row, index: r.index}
	if r.grid != nil {
		tail.grid = &gridRow{ends: r.grid.ends, first: make([]int, len(r.cells))}
	}
	for i, c := range r.cells {
		h, t := c, c
		h.vAlign, t.vAlign = layout.Top, layout.Top
		k, used := 0, 0.0
		for k < len(c.units) && (k == 0 || used+c.units[k].total() <= avail-frame-tl.border) {
			used += c.units[k].total()
			k++
		}
		h.units = c.units[:k]
		t.units = append([]unit(nil), c.units[k:]...)
		if r.grid != nil {
			tail.grid.first[i] = r.grid.first[i] + k
		}
		if len(t.units) > 0 {
			t.units[0].before = 0
		}
		head.cells = append(head.cells, h)
		tail.cells = append(tail.cells, t)
		head.height = max(head.height, h.content()+frame)
		tail.height = max(tail.height, t.content()+frame)
	}
	return head, tail
}

// table flows a table: header rows open every page it reaches, rows stay
// whole unless one is taller than a page, and a row kept with the previous
// one (a total) never opens a page alone. Each row needs room for the rule
// below it, which the next row's rule is when there is one.
func (pg *paginator) table(tl *tableLayout, at *Placed) {
	if !tl.t.Borders {
		at.Cells = placedCells(tl.t)
	}
	rule := tl.border
	nh := tl.headerRows()
	headers := make([]rowLayout, nh)
	headerHeight := 0.0
	for r := range nh {
		headers[r] = tl.measure(r)
		headerHeight += headers[r].height
	}
	placeHeaders := func() {
		for _, h := range headers {
			pg.row(tl, h, at)
		}
	}
	// breakPage draws the rule under the page's last row and starts the next
	// page with the header rows.
	breakPage := func() {
		pg.closeRows(tl, at)
		pg.newPage()
		placeHeaders()
	}
	body := tl.t.NumRows() - nh
	// Rows are measured one ahead, for the keep-with-previous rule.
	var cur, next rowLayout
	if body > 0 {
		next = tl.measure(nh)
	}
	// need is the height the current row takes with the row kept with it
	// and the rule below them.
	need := func(i int) float64 {
		h := cur.height + rule
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
	fresh := pg.full - pg.top - headerHeight // what a new page holds under the headers
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
			breakPage()
			rowsOnPage = 0
		}
		for r.height+rule > pg.remaining() {
			// Taller than what a page holds: split it at a line.
			head, tail := tl.splitRow(r, pg.remaining())
			if len(tail.cells) == 0 || tail.height >= r.height {
				break // nothing left to split: let it run over
			}
			pg.row(tl, head, at)
			breakPage()
			r = tail
		}
		pg.row(tl, r, at)
		rowsOnPage++
	}
	if tl.t.NumRows() > 0 {
		pg.closeRows(tl, at)
		pg.y += rule
	}
}

// placedCells makes the records of where a layout grid's cells and their
// blocks land, in three allocations. Layout grids (the header, the
// signature) have no generated rows.
func placedCells(t *layout.Table) [][]PlacedCell {
	cells, blocks := 0, 0
	for r := range t.Rows {
		cells += len(t.Rows[r].Cells)
		for _, c := range t.Rows[r].Cells {
			blocks += len(c.Blocks)
		}
	}
	rows := make([][]PlacedCell, len(t.Rows))
	cellSlab := make([]PlacedCell, cells)
	blockSlab := make([]Placed, blocks)
	for r := range t.Rows {
		n := len(t.Rows[r].Cells)
		rows[r], cellSlab = cellSlab[:n:n], cellSlab[n:]
		for c, cell := range t.Rows[r].Cells {
			k := len(cell.Blocks)
			rows[r][c].Blocks, blockSlab = blockSlab[:k:k], blockSlab[k:]
			for i, b := range cell.Blocks {
				rows[r][c].Blocks[i].Block = b
			}
		}
	}
	return rows
}

// row paints one row at the current position and moves below it: the rule
// above it, its cells, and the rules between them down to the rule below.
func (pg *paginator) row(tl *tableLayout, r rowLayout, at *Placed) {
	t := tl.t
	top := pg.y
	b := tl.border
	vpad, pad := pt(t.CellPaddingVertical), pt(t.CellPadding)
	inner := r.height - b - 2*vpad
	pg.mark(&at.Parts, tl.x, tl.width, top, top+r.height)
	for i := range r.cells {
		c := &r.cells[i]
		var pc *PlacedCell
		if at.Cells != nil {
			pc = &at.Cells[r.index][i]
			pg.mark(&pc.Parts, c.x, c.width, top, top+r.height)
		}
		y := top + b + vpad
		switch c.vAlign {
		case layout.Middle:
			y += (inner - c.content()) / 2
		case layout.Bottom:
			y += inner - c.content()
		}
		for k := range c.units {
			u := &c.units[k]
			y += u.before
			pg.draw(u, c.x+pad, y)
			if pc != nil {
				pg.markUnit(&pc.Blocks[r.grid.block(i, k)], u, c.x+pad, c.width-2*pad, y)
			}
			y += u.height + u.after
		}
	}
	if t.Borders {
		bottom := top + r.height + b // down through the rule below
		lines := &pg.cur.lines
		*lines = append(*lines, placedLine{tl.x - b/2, top + b/2, tl.x + tl.width + b/2, top + b/2, b})
		for i, c := range r.cells {
			if i == 0 {
				*lines = append(*lines, placedLine{c.x, top, c.x, bottom, b})
			}
			*lines = append(*lines, placedLine{c.x + c.width, top, c.x + c.width, bottom, b})
		}
	}
	pg.y = top + r.height
	pg.atTop = false
}

// closeRows draws the rule under the last row placed on the page.
func (pg *paginator) closeRows(tl *tableLayout, at *Placed) {
	b := tl.border
	if b == 0 {
		return
	}
	pg.cur.lines = append(pg.cur.lines, placedLine{tl.x - b/2, pg.y + b/2, tl.x + tl.width + b/2, pg.y + b/2, b})
	pg.mark(&at.Parts, tl.x, tl.width, pg.y, pg.y+b)
}
