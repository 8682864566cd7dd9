// Package xlsx writes each appendix of a document as an Excel form that
// departments fill in and return: the agency, the appendix heading, title
// and "Kèm theo" line above the table, a cell for the reporting unit, the
// column titles (frozen, and repeated on every printed page), validated
// score cells shown with a decimal comma, and a total row of SUM formulas.
//
// It writes with github.com/xuri/excelize/v2. The texts come from the same
// Decree-30 rules (package nd30) as the DOCX and PDF. The reading side is
// vanban.ReadRows, which finds the columns by their titles.
package xlsx

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// Rows of the sheet above the table.
const (
	rowAgency   = 1
	rowHeading  = 2
	rowTitle    = 3
	rowAttached = 4
	rowUnit     = 5
	rowHeader   = 7 // the column titles; data rows follow
)

// ScoreFormat shows scores with the Vietnamese decimal comma whatever the
// reader's system locale ([$-42A] is the Vietnamese locale), and no
// trailing separator for whole numbers.
const ScoreFormat = "[$-42A]General"

// Bytes returns the workbook of doc's appendices, one sheet each.
func Bytes(doc *vanban.Document) ([]byte, error) {
	if len(doc.Appendices) == 0 {
		return nil, fmt.Errorf("xlsx: %s has no appendix to make a form of", doc.File)
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f, doc.SizeSet)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	for i := range doc.Appendices {
		name := SheetName(i, len(doc.Appendices))
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = writeSheet(f, st, doc, i, name)
		}
		if err != nil {
			return nil, fmt.Errorf("xlsx: %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	// Totals are formulas: have Excel and LibreOffice compute them on opening
	// rather than trust the cached values written here.
	fullCalc := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &fullCalc}); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	// Dated from the document, not the clock, so the same input gives the same bytes.
	created := "2000-01-01T00:00:00Z"
	if d := doc.Date; d.Year > 0 {
		created = fmt.Sprintf("%04d-%02d-%02dT00:00:00Z", d.Year, max(d.Month, 1), max(d.Day, 1))
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: doc.Subject, Creator: doc.Agency.Name, LastModifiedBy: "vanban",
		Created: created, Modified: created, Language: "vi-VN",
	}); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// SheetName is "Phụ lục", or "Phụ lục I", "Phụ lục II" … as the headings.
func SheetName(i, count int) string { return nd30.AppendixHeadingText(i, count) }

type styles struct {
	agency, heading, title, attached, unitLabel, unitInput int
	header, text, index, score, totalLabel, totalScore     int
}

func newStyles(f *excelize.File, set nd30.SizeSet) (*styles, error) {
	font := func(e nd30.Element) *excelize.Font {
		s := set.Style(e)
		return &excelize.Font{Family: "Times New Roman", Size: s.Size.Points(), Bold: s.Bold, Italic: s.Italic, Color: "000000"}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}
	scoreFmt := ScoreFormat
	var st styles
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.agency, excelize.Style{Font: font(nd30.Agency), Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.heading, excelize.Style{Font: font(nd30.AppendixHeading), Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.title, excelize.Style{Font: font(nd30.AppendixTitle), Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}},
		{&st.attached, excelize.Style{Font: font(nd30.AppendixAttachedTo), Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}},
		{&st.unitLabel, excelize.Style{Font: font(nd30.TableHeader), Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&st.unitInput, excelize.Style{Font: font(nd30.TableText), Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 4}}}},
		{&st.header, excelize.Style{Font: font(nd30.TableHeader), Alignment: center, Border: border}},
		{&st.text, excelize.Style{Font: font(nd30.TableText), Alignment: left, Border: border}},
		{&st.index, excelize.Style{Font: font(nd30.TableText), Alignment: center, Border: border}},
		{&st.score, excelize.Style{Font: font(nd30.TableText), Alignment: center, Border: border, CustomNumFmt: &scoreFmt}},
		{&st.totalLabel, excelize.Style{Font: font(nd30.TableHeader), Alignment: center, Border: border}},
		{&st.totalScore, excelize.Style{Font: font(nd30.TableHeader), Alignment: center, Border: border, CustomNumFmt: &scoreFmt}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return &st, nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row) // col, row ≥ 1 here
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// writeSheet fills one appendix's sheet.
func writeSheet(f *excelize.File, st *styles, doc *vanban.Document, i int, sheet string) error {
	a := &doc.Appendices[i]
	n := len(a.Columns)
	set := func(r int, text string, style int) error {
		if err := f.MergeCell(sheet, cell(1, r), cell(n, r)); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell(1, r), text); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell(1, r), cell(n, r), style)
	}
	for _, h := range []struct {
		row   int
		text  string
		style int
	}{
		{rowAgency, nd30.Agency.Case(doc.Agency.Name), st.agency},
		{rowHeading, nd30.AppendixHeadingText(i, len(doc.Appendices)), st.heading},
		{rowTitle, nd30.AppendixTitle.Case(a.Title), st.title},
		{rowAttached, nd30.AttachedTo(doc.TypeName(), doc.Number, doc.Code, doc.Date, doc.Agency.NameInText), st.attached},
	} {
		if err := set(h.row, h.text, h.style); err != nil {
			return err
		}
	}
	// The unit that fills the form writes its name here; merge reads it back.
	labelEnd := max(1, min(2, n-1))
	if err := f.MergeCell(sheet, cell(1, rowUnit), cell(labelEnd, rowUnit)); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, cell(1, rowUnit), vanban.UnitLabel); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, cell(1, rowUnit), cell(labelEnd, rowUnit), st.unitLabel); err != nil {
		return err
	}
	if labelEnd < n {
		if err := f.MergeCell(sheet, cell(labelEnd+1, rowUnit), cell(n, rowUnit)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell(labelEnd+1, rowUnit), cell(n, rowUnit), st.unitInput); err != nil {
			return err
		}
	}

	widths, err := a.ColumnWidths()
	if err != nil {
		return err
	}
	for c, col := range a.Columns {
		name := colName(c + 1)
		if err := f.SetColWidth(sheet, name, name, excelWidth(widths[c])); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell(c+1, rowHeader), col.Title); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cell(1, rowHeader), cell(n, rowHeader), st.header); err != nil {
		return err
	}

	first := rowHeader + 1
	row, index := first, 0
	writeRow := func(cells []vanban.Cell) error {
		index++
		for c, col := range a.Columns {
			ref := cell(c+1, row)
			var err error
			style := st.text
			switch {
			case col.Kind == vanban.IndexColumn:
				err, style = f.SetCellInt(sheet, ref, int64(index)), st.index
			case col.Kind == vanban.ScoreColumn:
				style = st.score
				if cells != nil && cells[c].Score != nil {
					err = f.SetCellFloat(sheet, ref, cells[c].Score.Float(), -1, 64)
				}
			case cells != nil && cells[c].Text != "":
				err = f.SetCellStr(sheet, ref, cells[c].Text)
			}
			if err == nil {
				err = f.SetCellStyle(sheet, ref, ref, style)
			}
			if err != nil {
				return err
			}
		}
		row++
		return nil
	}
	// With subtotals, sums use SUBTOTAL(9, …), which skips the subtotal rows
	// inside the grand total's range.
	groupCol := a.SubtotalColumn()
	sum := "SUM"
	if groupCol >= 0 && a.HasTotals() {
		sum = "SUBTOTAL(9,"
	}
	for _, g := range a.Groups() {
		start := row
		for _, cells := range a.Rows[g[0]:g[1]] {
			if err := writeRow(cells); err != nil {
				return err
			}
		}
		if sum != "SUM" && g[1] > g[0] {
			label := vanban.SubtotalLabel(a.Rows[g[0]][groupCol].Text)
			if err := totalRow(f, st, sheet, a, sumRow{row, start, row - 1, g[0], g[1], label, sum}); err != nil {
				return err
			}
			row++
		}
	}
	for range a.BlankRows {
		if err := writeRow(nil); err != nil {
			return err
		}
	}
	if err := validateScores(f, sheet, a, first, max(row-1, first)); err != nil {
		return err
	}
	if a.HasTotals() {
		if err := totalRow(f, st, sheet, a, sumRow{row, first, row - 1, 0, len(a.Rows), a.TotalLabel, sum}); err != nil {
			return err
		}
	}

	// The header row stays in view and is printed on every page; A4 landscape, fit to width.
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: rowHeader, TopLeftCell: cell(1, first), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, rowHeader, rowHeader), Scope: sheet}); err != nil {
		return err
	}
	a4, landscape, one, zero := 9, "landscape", 1, 0
	if !a.Landscape {
		landscape = "portrait"
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	mm := func(l layout.Length) *float64 { v := l.Millimetres() / 25.4; return &v }
	page := nd30.Page(a.Landscape)
	return f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: mm(page.Top), Bottom: mm(page.Bottom), Left: mm(page.Left), Right: mm(page.Right)})
}

// excelWidth converts a width to Excel's unit, the width of a digit in the
// default font (about 1.9 mm).
func excelWidth(l layout.Length) float64 { return l.Millimetres() / 1.9 }

// validateScores lets score cells take only numbers from 0 to the column's
// maximum, when it has one.
func validateScores(f *excelize.File, sheet string, a *vanban.Appendix, from, to int) error {
	for c, col := range a.Columns {
		if col.Kind != vanban.ScoreColumn {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s:%s", cell(c+1, from), cell(c+1, to)))
		var err error
		if col.Max != nil {
			err = dv.SetRange(0, col.Max.Float(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Điểm không hợp lệ", fmt.Sprintf("Cột %q nhận một số từ 0 đến %s.", col.Title, col.Max))
		} else {
			err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Điểm không hợp lệ", fmt.Sprintf("Cột %q nhận một số không âm, ví dụ 0,5.", col.Title))
		}
		if err != nil {
			return err
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// sumRow is a total or subtotal row: where it goes, the sheet rows it sums,
// the model rows whose sum is cached in it, its label, and its function.
type sumRow struct {
	row, from, to      int
	modelFrom, modelTo int
	label, fn          string
}

// totalRow writes the label over the columns before the first summed one and
// a SUM (or SUBTOTAL) formula under each summed column.
func totalRow(f *excelize.File, st *styles, sheet string, a *vanban.Appendix, s sumRow) error {
	first := 0
	for first < len(a.Columns) && !a.Columns[first].Total {
		first++
	}
	if first > 0 {
		if first > 1 {
			if err := f.MergeCell(sheet, cell(1, s.row), cell(first, s.row)); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, cell(1, s.row), s.label); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell(1, s.row), cell(first, s.row), st.totalLabel); err != nil {
			return err
		}
	}
	for c := first; c < len(a.Columns); c++ {
		ref := cell(c+1, s.row)
		style := st.totalLabel
		if a.Columns[c].Total && s.to >= s.from {
			style = st.totalScore
			formula := fmt.Sprintf("SUM(%s:%s)", cell(c+1, s.from), cell(c+1, s.to))
			if s.fn != "SUM" {
				formula = fmt.Sprintf("%s%s:%s)", s.fn, cell(c+1, s.from), cell(c+1, s.to))
			}
			if total, ok := a.TotalOf(c, s.modelFrom, s.modelTo); ok {
				// A cached value, so readers that do not calculate show the total too.
				if err := f.SetCellFloat(sheet, ref, total.Float(), -1, 64); err != nil {
					return err
				}
			}
			if err := f.SetCellFormula(sheet, ref, formula); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
			return err
		}
	}
	return nil
}
