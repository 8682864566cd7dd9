package templates

import (
	"fmt"
	"strconv"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// appendix lays out appendix i as its own section (spec §12): landscape when
// asked, pages numbered from 1 again, the heading "Phụ lục" (with a Roman
// numeral when there are two or more), the title in capitals, the italic
// "Kèm theo" line filled from the document, and the table.
func (b *builder) appendix(i int) (layout.Section, error) {
	a := &b.doc.Appendices[i]
	page := nd30.Page(a.Landscape)
	sec := layout.Section{Page: page, PageNumber: b.pageNumbers()}
	if a.Header {
		sec.Blocks = append(sec.Blocks, b.header(page.TextWidth(), false))
	}
	heading := b.para(nd30.AppendixHeading, nd30.AppendixHeadingText(i, len(b.doc.Appendices)), layout.Center)
	if a.Header {
		heading.SpaceBefore = nd30.BlockSpacing
	}
	heading.KeepWithNext = true
	title := b.para(nd30.AppendixTitle, a.Title, layout.Center)
	title.KeepWithNext = true
	d := b.doc
	attached := b.para(nd30.AppendixAttachedTo, nd30.AttachedTo(d.TypeName(), d.Number, d.Code, d.Date, d.Agency.NameInText), layout.Center)
	attached.SpaceAfter = nd30.BlockSpacing
	attached.KeepWithNext = true
	sec.Blocks = append(sec.Blocks, heading, title, attached)

	widths, err := a.ColumnWidths()
	if err != nil { // the model checked this when it was parsed
		return sec, fmt.Errorf("%s: appendices[%d]: %w", d.File, i, err)
	}
	sec.Blocks = append(sec.Blocks, b.table(a, widths))
	return sec, nil
}

func (b *builder) cellPara(e nd30.Element, text string, align layout.Align) layout.Cell {
	return layout.Cell{Blocks: []layout.Block{b.para(e, text, align)}}
}

// table is the appendix grid: a header row repeated on every page, an
// auto-numbered index column, scores with a decimal comma, and a total row
// that sums the score columns and never stands alone at the top of a page.
func (b *builder) table(a *vanban.Appendix, widths []layout.Length) *layout.Table {
	t := &layout.Table{
		Columns:             widths,
		Align:               layout.Center,
		Borders:             true,
		BorderWidth:         nd30.TableBorder,
		CellPadding:         nd30.CellPadding,
		CellPaddingVertical: nd30.CellPaddingVertical,
		Rows:                make([]layout.Row, 0, len(a.Rows)+a.BlankRows+2),
	}
	head := layout.Row{Header: true, CantSplit: true}
	for _, c := range a.Columns {
		cell := b.cellPara(nd30.TableHeader, c.Title, layout.Center)
		cell.VAlign = layout.Middle
		head.Cells = append(head.Cells, cell)
	}
	t.Rows = append(t.Rows, head)

	align := func(c vanban.Column) layout.Align {
		if c.Kind == vanban.TextColumn {
			return layout.Left
		}
		return layout.Center
	}
	n := 0
	addRow := func(cells []vanban.Cell) {
		n++
		row := layout.Row{CantSplit: true, Cells: make([]layout.Cell, len(a.Columns))}
		for j, c := range a.Columns {
			text := ""
			switch {
			case c.Kind == vanban.IndexColumn:
				text = strconv.Itoa(n)
			case cells != nil:
				text = cells[j].Text
			}
			row.Cells[j] = b.cellPara(nd30.TableText, text, align(c))
		}
		t.Rows = append(t.Rows, row)
	}
	groupCol := a.SubtotalColumn()
	for _, g := range a.Groups() {
		for _, r := range a.Rows[g[0]:g[1]] {
			addRow(r)
		}
		if groupCol >= 0 && a.HasTotals() && g[1] > g[0] {
			t.Rows = append(t.Rows, b.sumRow(a, vanban.SubtotalLabel(a.Rows[g[0]][groupCol].Text), g[0], g[1]))
		}
	}
	for k := 0; k < a.BlankRows; k++ {
		addRow(nil)
	}
	if a.HasTotals() {
		t.Rows = append(t.Rows, b.sumRow(a, a.TotalLabel, 0, len(a.Rows)))
	}
	return t
}

// sumRow puts the label over the columns before the first summed one and
// each column's sum of rows [from, to) under it (empty while the form has
// no scores): the total row, and a unit's subtotal row.
func (b *builder) sumRow(a *vanban.Appendix, label string, from, to int) layout.Row {
	first := 0
	for first < len(a.Columns) && !a.Columns[first].Total {
		first++
	}
	row := layout.Row{CantSplit: true, KeepWithPrevious: true}
	if first > 0 {
		cell := b.cellPara(nd30.TableHeader, label, layout.Center)
		cell.Span = first
		row.Cells = append(row.Cells, cell)
	}
	for j := first; j < len(a.Columns); j++ {
		text := ""
		if a.Columns[j].Total {
			if sum, ok := a.TotalOf(j, from, to); ok {
				text = sum.String()
			}
		}
		row.Cells = append(row.Cells, b.cellPara(nd30.TableHeader, text, layout.Center))
	}
	return row
}
