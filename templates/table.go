package templates

import (
	"fmt"
	"iter"
	"sort"
	"strconv"
	"sync"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// AppendixTable is an appendix as every output shows it: the texts above
// the table, the columns with their widths, and the rows in order — data,
// blank form rows, subtotals and the total. The DOCX and PDF (through
// Build) and the XLSX form (package form) are made from it, so the three
// cannot disagree on which row is which.
type AppendixTable struct {
	Agency     string // the issuing agency, as the form's first line shows it
	Heading    string // "Phụ lục", "Phụ lục II"
	Title      string // in capitals
	AttachedTo string // "(Kèm theo Công văn số … ngày … của …)"
	Landscape  bool
	Columns    []vanban.Column
	Widths     []layout.Length
	// LabelSpan is how many columns the label of a sum row covers: those
	// before the first summed column.
	LabelSpan int

	a *vanban.Appendix

	// segments index the rows for RowAt, made on first use.
	segmentsOnce sync.Once
	segments     []segment
}

// segment is a run of rows of one kind: the data rows of a group, a
// subtotal, the blank rows, the total.
type segment struct {
	start, n int // the first row's index in Rows' order, and how many
	kind     RowKind
	from, to int // model rows: the data rows are a.Rows[from:], a sum adds [from, to)
	index    int // the STT of the first data or blank row
	label    string
}

// RowKind is what a row of an appendix table is.
type RowKind int

const (
	DataRow     RowKind = iota // a filled row
	BlankRow                   // an empty row of the form, for a unit to fill
	SubtotalRow                // a group's sum: "Cộng: Sở Tư pháp"
	TotalRow                   // the grand total
)

// TableRow is one row of an appendix table.
type TableRow struct {
	Kind  RowKind
	Index int           // the STT of a data or blank row, from 1
	Cells []vanban.Cell // a data row's cells, one per column (index cells empty)
	Label string        // a sum row's label
	// From and To are the model rows [From, To) a sum row adds up.
	From, To int
}

// DescribeAppendix returns appendix i of doc as a table.
func DescribeAppendix(doc *vanban.Document, i int) (*AppendixTable, error) {
	if i < 0 || i >= len(doc.Appendices) {
		return nil, fmt.Errorf("%s: không có phụ lục số %d", doc.File, i+1)
	}
	a := &doc.Appendices[i]
	widths, err := nd30.ColumnWidths(a.ColumnSpecs(), a.Landscape)
	if err != nil { // the model checked this when it was parsed
		return nil, fmt.Errorf("%s: appendices[%d]: %w", doc.File, i, err)
	}
	t := &AppendixTable{
		Agency:     nd30.Agency.Case(doc.Agency.Name),
		Heading:    nd30.AppendixHeadingText(i, len(doc.Appendices)),
		Title:      nd30.AppendixTitle.Case(a.Title),
		AttachedTo: attachedTo(doc),
		Landscape:  a.Landscape,
		Columns:    a.Columns,
		Widths:     widths,
		a:          a,
	}
	for t.LabelSpan < len(a.Columns) && !a.Columns[t.LabelSpan].Total {
		t.LabelSpan++
	}
	return t, nil
}

// attachedTo is an appendix's "(Kèm theo …)" line (docs/nd30.md §12): the
// document's own, or, in a file of appendices sent on their own (Mẫu 2.1,
// 2.2), the document they belong to, its number and date left empty in the
// electronic form.
func attachedTo(doc *vanban.Document) string {
	if r := doc.AttachedTo; r != nil && doc.DocType().Family == nd30.AppendixFile {
		number, date := r.Number, r.Date
		if doc.SignedAt != nil {
			number, date = 0, nd30.Date{}
		}
		return nd30.AttachedTo(r.TypeName(), number, r.Code, date, r.Agency)
	}
	return nd30.AttachedTo(doc.TypeName(), doc.Number, doc.Code, doc.Date, doc.Agency.NameInText)
}

// HasTotals reports whether the table ends with a total row.
func (t *AppendixTable) HasTotals() bool { return t.a.HasTotals() }

// HasSubtotals reports whether Rows yields subtotal rows (a unit's rows
// followed by its "Cộng:" row), without going through the rows.
func (t *AppendixTable) HasSubtotals() bool {
	return t.a.SubtotalColumn() >= 0 && t.a.HasTotals() && t.a.Rows.Len() > 0
}

// Len is the number of rows Rows yields, the header row not counted.
func (t *AppendixTable) Len() int {
	n := t.a.Rows.Len() + t.a.BlankRows
	if t.a.SubtotalColumn() >= 0 && t.a.HasTotals() {
		for _, g := range t.a.Groups() {
			if g[1] > g[0] {
				n++
			}
		}
	}
	if t.a.HasTotals() {
		n++
	}
	return n
}

// Rows yields the rows below the header in order: each group's data rows
// and, with subtotals, its subtotal row; the blank rows; the total row.
func (t *AppendixTable) Rows() iter.Seq[TableRow] {
	a := t.a
	return func(yield func(TableRow) bool) {
		groupCol := a.SubtotalColumn()
		subtotals := groupCol >= 0 && a.HasTotals()
		n := 0
		for _, g := range a.Groups() {
			for r := g[0]; r < g[1]; r++ {
				n++
				if !yield(TableRow{Kind: DataRow, Index: n, Cells: a.Rows.Row(r)}) {
					return
				}
			}
			if subtotals && g[1] > g[0] {
				if !yield(TableRow{Kind: SubtotalRow, Label: nd30.SubtotalLabel(a.Rows.Text(g[0], groupCol)), From: g[0], To: g[1]}) {
					return
				}
			}
		}
		for range a.BlankRows {
			n++
			if !yield(TableRow{Kind: BlankRow, Index: n}) {
				return
			}
		}
		if a.HasTotals() {
			yield(TableRow{Kind: TotalRow, Label: a.TotalLabel, From: 0, To: a.Rows.Len()})
		}
	}
}

// RowAt returns row i of what Rows yields, without going through the rows
// before it: the writers ask for rows one at a time as they set them.
func (t *AppendixTable) RowAt(i int) TableRow {
	t.segmentsOnce.Do(t.index)
	k := sort.Search(len(t.segments), func(k int) bool { return t.segments[k].start+t.segments[k].n > i })
	sg := t.segments[k]
	off := i - sg.start
	switch sg.kind {
	case DataRow:
		return TableRow{Kind: DataRow, Index: sg.index + off, Cells: t.a.Rows.Row(sg.from + off)}
	case BlankRow:
		return TableRow{Kind: BlankRow, Index: sg.index + off}
	}
	return TableRow{Kind: sg.kind, Label: sg.label, From: sg.from, To: sg.to}
}

// index makes the segments RowAt searches, in the order Rows yields.
func (t *AppendixTable) index() {
	a := t.a
	groupCol := a.SubtotalColumn()
	subtotals := groupCol >= 0 && a.HasTotals()
	at, stt := 0, 1
	add := func(sg segment) {
		if sg.n > 0 {
			sg.start = at
			t.segments = append(t.segments, sg)
			at += sg.n
		}
	}
	for _, g := range a.Groups() {
		add(segment{n: g[1] - g[0], kind: DataRow, from: g[0], index: stt})
		stt += g[1] - g[0]
		if subtotals && g[1] > g[0] {
			add(segment{n: 1, kind: SubtotalRow, from: g[0], to: g[1], label: nd30.SubtotalLabel(a.Rows.Text(g[0], groupCol))})
		}
	}
	add(segment{n: a.BlankRows, kind: BlankRow, index: stt})
	if a.HasTotals() {
		add(segment{n: 1, kind: TotalRow, from: 0, to: a.Rows.Len(), label: a.TotalLabel})
	}
}

// Sum is column col's sum over a sum row's model rows, as the table shows
// it ("" when no row has a value, or the column is not summed).
func (t *AppendixTable) Sum(r TableRow, col int) (nd30.Decimal, bool) {
	if !t.Columns[col].Total {
		return nd30.Decimal{}, false
	}
	return t.a.TotalOf(col, r.From, r.To)
}

// CellText is what a cell of a data or blank row shows: the STT in an index
// column, else the cell's text.
func (t *AppendixTable) CellText(r TableRow, col int) string {
	switch {
	case t.Columns[col].Kind == vanban.IndexColumn:
		return strconv.Itoa(r.Index)
	case r.Cells != nil:
		return r.Cells[col].Text
	}
	return ""
}

// Appendices is every appendix of a document as a table, with what a
// workbook of them needs to say about itself.
type Appendices struct {
	Info   layout.Info // the document's title, author, language and date, as the DOCX and PDF have them
	Set    nd30.SizeSet
	Tables []*AppendixTable
}

// DescribeAppendices returns doc's appendices as tables.
func DescribeAppendices(doc *vanban.Document) (*Appendices, error) {
	b := &builder{doc: doc, set: doc.SizeSet}
	if !b.set.Valid() {
		b.set = nd30.Set13
	}
	out := &Appendices{Info: b.info(), Set: b.set}
	for i := range doc.Appendices {
		t, err := DescribeAppendix(doc, i)
		if err != nil {
			return nil, err
		}
		out.Tables = append(out.Tables, t)
	}
	return out, nil
}
