package templates

import (
	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// appendix lays out appendix i as its own section (docs/nd30.md §12): landscape when
// asked, pages numbered from 1 again, the heading "Phụ lục" (with a Roman
// numeral when there are two or more), the title in capitals, the italic
// "Kèm theo" line filled from the document, and the table.
func (b *builder) appendix(i int) (layout.Section, error) {
	t, err := DescribeAppendix(b.doc, i)
	if err != nil {
		return layout.Section{}, err
	}
	a := &b.doc.Appendices[i]
	page := nd30.Page(a.Landscape)
	sec := layout.Section{Page: page, PageNumber: b.pageNumbers()}
	if a.Header {
		sec.Blocks = append(sec.Blocks, b.header(page.TextWidth(), false))
	}
	heading := b.para(nd30.AppendixHeading, t.Heading, layout.Center)
	if a.Header {
		heading.SpaceBefore = nd30.BlockSpacing
	}
	heading.KeepWithNext = true
	title := b.para(nd30.AppendixTitle, t.Title, layout.Center)
	title.KeepWithNext = true
	attached := b.para(nd30.AppendixAttachedTo, t.AttachedTo, layout.Center)
	attached.SpaceAfter = nd30.BlockSpacing
	attached.KeepWithNext = true
	sec.Blocks = append(sec.Blocks, heading, title, attached, b.table(t))
	return sec, nil
}

func (b *builder) cellPara(e nd30.Element, text string, align layout.Align) layout.Cell {
	return layout.Cell{Blocks: []layout.Block{b.para(e, text, align)}}
}

// table is the appendix grid: a header row repeated on every page, an
// auto-numbered index column, scores with a decimal comma, and a total row
// that sums the score columns and never stands alone at the top of a page.
func (b *builder) table(t *AppendixTable) *layout.Table {
	lt := &layout.Table{
		Columns:             t.Widths,
		Align:               layout.Center,
		Borders:             true,
		BorderWidth:         nd30.TableBorder,
		CellPadding:         nd30.CellPadding,
		CellPaddingVertical: nd30.CellPaddingVertical,
	}
	head := layout.Row{Header: true, CantSplit: true}
	for _, c := range t.Columns {
		cell := b.cellPara(nd30.TableHeader, c.Title, layout.Center)
		cell.VAlign = layout.Middle
		head.Cells = append(head.Cells, cell)
	}
	lt.Rows = []layout.Row{head}

	align := func(c vanban.Column) layout.Align {
		if c.Kind == vanban.TextColumn {
			return layout.Left
		}
		return layout.Center
	}
	// The body rows are made as a writer reaches them: a 100,000-row
	// appendix is not held laid out.
	lt.Generated = t.Len()
	lt.Generate = func(i int) layout.Row {
		r := t.RowAt(i)
		if r.Kind == SubtotalRow || r.Kind == TotalRow {
			return b.sumRow(t, r)
		}
		row := layout.Row{CantSplit: true, Cells: make([]layout.Cell, len(t.Columns))}
		for j, c := range t.Columns {
			row.Cells[j] = b.cellPara(nd30.TableText, t.CellText(r, j), align(c))
		}
		return row
	}
	return lt
}

// sumRow puts the label over the columns before the first summed one and
// each column's sum under it (empty while the form has no scores): the
// total row, and a unit's subtotal row.
func (b *builder) sumRow(t *AppendixTable, r TableRow) layout.Row {
	row := layout.Row{CantSplit: true, KeepWithPrevious: true}
	if t.LabelSpan > 0 {
		cell := b.cellPara(nd30.TableHeader, r.Label, layout.Center)
		cell.Span = t.LabelSpan
		row.Cells = append(row.Cells, cell)
	}
	for j := t.LabelSpan; j < len(t.Columns); j++ {
		text := ""
		if sum, ok := t.Sum(r, j); ok {
			text = sum.String()
		}
		row.Cells = append(row.Cells, b.cellPara(nd30.TableHeader, text, layout.Center))
	}
	return row
}
