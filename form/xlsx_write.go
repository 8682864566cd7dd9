package form

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/templates"
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

// WriteXLSX writes the appendices as an Excel form, one sheet each: the
// agency, the appendix heading, title and "Kèm theo" line above the table, a
// cell for the reporting unit, the column titles (frozen, and repeated on
// every printed page), validated score cells shown with a decimal comma,
// and a total row of SUM formulas. Every row is as tall as its wrapped text,
// measured with fs, so the sheet prints as the PDF shows it.
func WriteXLSX(w io.Writer, apps *templates.Appendices, fs *fonts.Set) error {
	if len(apps.Tables) == 0 {
		return fmt.Errorf("xlsx: no appendix to make a form of")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := setDefaultFont(f); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	st, err := newStyles(f, apps.Set)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, t := range apps.Tables {
		name := SheetName(i, len(apps.Tables))
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			sw := &sheetWriter{f: f, st: st, sheet: name, t: t, fonts: fs}
			err = sw.write()
		}
		if err != nil {
			return fmt.Errorf("xlsx: %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	// Totals are formulas: have Excel and LibreOffice compute them on opening
	// rather than trust the cached values written here.
	fullCalc := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &fullCalc}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// Dated from the document, not the clock, so the same input gives the same bytes.
	created := "2000-01-01T00:00:00Z"
	if d := apps.Date; d.Year > 0 {
		created = fmt.Sprintf("%04d-%02d-%02dT00:00:00Z", d.Year, max(d.Month, 1), max(d.Day, 1))
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: apps.Info.Title, Creator: apps.Info.Author, LastModifiedBy: "vanban",
		Created: created, Modified: created, Language: apps.Info.Language,
	}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// SheetName is "Phụ lục", or "Phụ lục I", "Phụ lục II" … as the headings.
func SheetName(i, count int) string { return nd30.AppendixHeadingText(i, count) }

type styles struct {
	agency, heading, title, attached, unitLabel, unitInput int
	header, text, index, score, totalLabel, totalScore     int

	// The font and wrapping of each style, to measure rows by.
	looks map[int]look
}

type look struct {
	style layout.Style
	wrap  bool
}

// cell describes a cell for RowHeight.
func (st *styles) cell(text string, width float64, style int, number bool) HeightCell {
	l := st.looks[style]
	return HeightCell{Text: text, Width: width, Style: l.style, Wrap: l.wrap, Number: number}
}

func newStyles(f *excelize.File, set nd30.SizeSet) (*styles, error) {
	font := func(e nd30.Element) *excelize.Font {
		s := set.Style(e)
		return &excelize.Font{Family: nd30.FontFamily, Size: s.Size.Points(), Bold: s.Bold, Italic: s.Italic, Color: "000000"}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}
	scoreFmt := ScoreFormat
	st := styles{looks: map[int]look{}}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.agency, excelize.Style{Font: font(nd30.Agency), Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}},
		{&st.heading, excelize.Style{Font: font(nd30.AppendixHeading), Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}},
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
		l := look{style: layout.Style{Size: layout.Pt(d.s.Font.Size), Bold: d.s.Font.Bold, Italic: d.s.Font.Italic}}
		l.wrap = d.s.Alignment != nil && d.s.Alignment.WrapText
		st.looks[id] = l
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

// sheetWriter fills one appendix's sheet.
type sheetWriter struct {
	f     *excelize.File
	st    *styles
	sheet string
	t     *templates.AppendixTable
	fonts *fonts.Set
}

// fit gives a row the height its wrapped text needs: LibreOffice prints a
// row without one at the default 15 pt whatever it holds, and Excel does
// not fit rows to merged cells.
func (w *sheetWriter) fit(row int, cells ...HeightCell) error {
	return w.f.SetRowHeight(w.sheet, row, RowHeight(w.fonts, cells))
}

func (w *sheetWriter) write() error {
	f, st, sheet, t := w.f, w.st, w.sheet, w.t
	n := len(t.Columns)
	widths := ColumnPoints(t.Widths)     // points, as the spreadsheet will print them
	span := func(from, to int) float64 { // columns [from, to)
		s := 0.0
		for _, x := range widths[from:to] {
			s += x
		}
		return s
	}
	set := func(r int, text string, style int) error {
		if err := f.MergeCell(sheet, cell(1, r), cell(n, r)); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell(1, r), text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell(1, r), cell(n, r), style); err != nil {
			return err
		}
		return w.fit(r, st.cell(text, span(0, n), style, false))
	}
	for _, h := range []struct {
		row   int
		text  string
		style int
	}{
		{rowAgency, t.Agency, st.agency},
		{rowHeading, t.Heading, st.heading},
		{rowTitle, t.Title, st.title},
		{rowAttached, t.AttachedTo, st.attached},
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
	if err := f.SetCellStr(sheet, cell(1, rowUnit), nd30.UnitLabel); err != nil {
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
	// The unit's name is typed in one line; the row under it is a gap of one.
	if err := w.fit(rowUnit, st.cell(nd30.UnitLabel, span(0, labelEnd), st.unitLabel, false), st.cell("", 0, st.unitInput, false)); err != nil {
		return err
	}
	if err := w.fit(rowUnit+1, st.cell("", 0, st.unitInput, false)); err != nil {
		return err
	}

	head := make([]HeightCell, n)
	for c, col := range t.Columns {
		name := colName(c + 1)
		if err := f.SetColWidth(sheet, name, name, excelWidth(widths[c])); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell(c+1, rowHeader), col.Title); err != nil {
			return err
		}
		head[c] = st.cell(col.Title, widths[c], st.header, false)
	}
	if err := f.SetCellStyle(sheet, cell(1, rowHeader), cell(n, rowHeader), st.header); err != nil {
		return err
	}
	if err := w.fit(rowHeader, head...); err != nil {
		return err
	}

	first := rowHeader + 1
	row := first
	// With subtotals, sums use SUBTOTAL(9, …), which skips the subtotal rows
	// inside the grand total's range.
	sum := "SUM"
	groupStart := first
	for r := range t.Rows() {
		if r.Kind == templates.SubtotalRow {
			sum = "SUBTOTAL(9,"
			break
		}
	}
	lastData := first - 1
	texts := make([]HeightCell, n)
	for r := range t.Rows() {
		switch r.Kind {
		case templates.SubtotalRow:
			if err := w.sumRow(r, row, groupStart, row-1, sum, widths); err != nil {
				return err
			}
			groupStart = row + 1
		case templates.TotalRow:
			if err := w.validateScores(first, max(lastData, first)); err != nil {
				return err
			}
			if err := w.sumRow(r, row, first, row-1, sum, widths); err != nil {
				return err
			}
		default:
			for c, col := range t.Columns {
				ref := cell(c+1, row)
				var err error
				style, number := st.text, false
				text := t.CellText(r, c)
				switch {
				case col.Kind == vanban.IndexColumn:
					err, style, number = f.SetCellInt(sheet, ref, int64(r.Index)), st.index, true
				case col.Kind == vanban.ScoreColumn:
					style, number = st.score, true
					if r.Cells != nil && r.Cells[c].Score != nil {
						err = f.SetCellFloat(sheet, ref, r.Cells[c].Score.Float(), -1, 64)
					}
				case text != "":
					err = f.SetCellStr(sheet, ref, text)
				}
				if err == nil {
					err = f.SetCellStyle(sheet, ref, ref, style)
				}
				if err != nil {
					return err
				}
				texts[c] = st.cell(text, widths[c], style, number)
			}
			if err := w.fit(row, texts...); err != nil {
				return err
			}
			lastData = row
		}
		row++
	}
	if !t.HasTotals() {
		if err := w.validateScores(first, max(lastData, first)); err != nil {
			return err
		}
	}

	// The header row stays in view and is printed on every page; A4, fit to width.
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: rowHeader, TopLeftCell: cell(1, first), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, rowHeader, rowHeader), Scope: sheet}); err != nil {
		return err
	}
	a4, orientation, one, zero := 9, "landscape", 1, 0
	if !t.Landscape {
		orientation = "portrait"
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	mm := func(l layout.Length) *float64 { v := l.Millimetres() / 25.4; return &v }
	page := nd30.Page(t.Landscape)
	return f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: mm(page.Top), Bottom: mm(page.Bottom), Left: mm(page.Left), Right: mm(page.Right)})
}

// validateScores lets score cells take only numbers from 0 to the column's
// maximum, when it has one.
func (w *sheetWriter) validateScores(from, to int) error {
	for c, col := range w.t.Columns {
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
		if err := w.f.AddDataValidation(w.sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// sumRow writes a total or subtotal row at sheet row at: the label over the
// columns before the first summed one, and a SUM (or SUBTOTAL) formula of
// sheet rows [from, to] under each summed column, with the sum cached.
func (w *sheetWriter) sumRow(r templates.TableRow, at, from, to int, fn string, widths []float64) error {
	f, st, sheet, t := w.f, w.st, w.sheet, w.t
	first := t.LabelSpan
	label := 0.0
	for _, x := range widths[:first] {
		label += x
	}
	if first > 0 {
		if first > 1 {
			if err := f.MergeCell(sheet, cell(1, at), cell(first, at)); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, cell(1, at), r.Label); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell(1, at), cell(first, at), st.totalLabel); err != nil {
			return err
		}
	}
	for c := first; c < len(t.Columns); c++ {
		ref := cell(c+1, at)
		style := st.totalLabel
		if t.Columns[c].Total && to >= from {
			style = st.totalScore
			formula := fmt.Sprintf("SUM(%s:%s)", cell(c+1, from), cell(c+1, to))
			if fn != "SUM" {
				formula = fmt.Sprintf("%s%s:%s)", fn, cell(c+1, from), cell(c+1, to))
			}
			if total, ok := t.Sum(r, c); ok {
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
	var measured []HeightCell
	if first > 0 {
		measured = append(measured, st.cell(r.Label, label, st.totalLabel, false))
	}
	for c := first; c < len(t.Columns); c++ {
		// Sums are numbers; a text column's cell in the row stays empty.
		measured = append(measured, st.cell("", widths[c], st.totalScore, true))
	}
	return w.fit(at, measured...)
}
