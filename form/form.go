// Package form owns the appendix-form round trip of Home Affairs: the XLSX
// form departments fill in (built from the same appendix description as the
// DOCX and PDF), reading the forms they return (XLSX, CSV or a YAML
// document), the list of units expected to answer, the merge into one
// consolidated appendix, and the merged YAML that renders again.
//
// Every cell a returned form holds is accounted for: it becomes part of a
// row, is recognised as the form's own furniture (titles, the header row,
// subtotal and total rows), or is an error naming file, sheet and cell.
// Nothing is skipped silently, and a merge checks that the rows and sums it
// read equal the rows and sums it wrote.
//
//	spec := form.SpecOf(&doc.Appendices[0])
//	t, err := form.ReadFile("so-tu-phap.xlsx", spec)
package form

import (
	"fmt"
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// Spec is what a returned form must hold: the appendix's columns, and the
// label of its total row ("" when the appendix has none).
type Spec struct {
	Columns    []vanban.Column
	TotalLabel string
	// Subtotals says the table has subtotal rows ("Cộng: …", a
	// consolidated appendix read back): they are recognised and left out.
	// Without it a row labelled so is data, never dropped.
	Subtotals bool
}

// SpecOf is the form of appendix a.
func SpecOf(a *vanban.Appendix) Spec {
	s := Spec{Columns: a.Columns}
	if a.HasTotals() {
		s.TotalLabel = a.TotalLabel
		s.Subtotals = a.SubtotalColumn() >= 0
	}
	return s
}

// Table is what one returned form holds.
type Table struct {
	Name  string // the file, for messages
	Sheet string // the sheet the rows came from (XLSX)
	Unit  string // what the "Đơn vị báo cáo:" cell says, or ""
	Rows  vanban.Rows
	Count Count
}

// Count is a form's accounting, kept as its cells are read and before any
// row is stored: what a merge must find again in its output.
type Count struct {
	Rows int            // data rows read
	Sums []nd30.Decimal // per column of the spec: the sum of its score cells
	// Furniture rows recognised and left out: subtotal rows of a
	// consolidated workbook, the total row, empty rows.
	Subtotals, Totals, Empty int
}

func newCount(cols int) Count { return Count{Sums: make([]nd30.Decimal, cols)} }

// Add adds another count to c.
func (c *Count) Add(o Count) {
	c.Rows += o.Rows
	c.Subtotals += o.Subtotals
	c.Totals += o.Totals
	c.Empty += o.Empty
	for i := range c.Sums {
		if i < len(o.Sums) {
			c.Sums[i] = c.Sums[i].Add(o.Sums[i])
		}
	}
}

// CountRows is the accounting of rows already in the model.
func CountRows(cols []vanban.Column, rows vanban.Rows) Count {
	c := newCount(len(cols))
	for r := range rows.Len() {
		c.Rows++
		for j := range min(len(cols), rows.Columns()) {
			if s, ok := rows.Score(r, j); ok {
				c.Sums[j] = c.Sums[j].Add(s)
			}
		}
	}
	return c
}

// maxErrors is how many problems one form reports before reading stops: a
// form that is wrong everywhere needs one message, not a hundred thousand.
const maxErrors = 50

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// errText is a library's error as text fit for a message: its first line,
// with bytes that are not UTF-8 replaced. Parsers quote the input they choke
// on, and that input is whatever the user's file holds.
func errText(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// fileError is a problem with a file as a whole.
func fileError(name, rule, vi, en string) vanban.ErrorList {
	return vanban.ErrorList{{Rule: rule, File: name, Msg: vi, MsgEN: en}}
}
