package form

import (
	"fmt"
	"io"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/xlsxwrite"
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
// measured with fs, so the sheet prints as the PDF shows it. Rows are
// written as they come (internal/xlsxwrite): a sheet of 100,000 rows costs
// no more memory than one of ten.
func WriteXLSX(out io.Writer, apps *templates.Appendices, fs *fonts.Set) error {
	if len(apps.Tables) == 0 {
		return fmt.Errorf("xlsx: no appendix to make a form of")
	}
	// Dated as the DOCX and the PDF are (layout.Info), from the document, not
	// the clock; undated when the document's day is not filled in yet.
	w, err := xlsxwrite.New(out, xlsxwrite.Workbook{
		DefaultFont: xlsxwrite.Font{Name: defaultFontName, Size: defaultFontSize},
		Title:       apps.Info.Title, Creator: apps.Info.Author, Language: apps.Info.Language, Created: apps.Info.Created,
	})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	st, err := newStyles(w, apps.Set)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, t := range apps.Tables {
		name := SheetName(i, len(apps.Tables))
		sw := &sheetWriter{st: st, t: t, fonts: fs, widths: ColumnPoints(t.Widths)}
		if err := sw.write(w, name); err != nil {
			return fmt.Errorf("xlsx: %s: %w", name, err)
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// SheetName is "Phụ lục", or "Phụ lục I", "Phụ lục II" … as the headings.
func SheetName(i, count int) string { return nd30.AppendixHeadingText(i, count) }

type styles struct {
	agency, heading, title, attached, unitLabel, unitInput xlsxwrite.StyleID
	header, text, index, score, totalLabel, totalScore     xlsxwrite.StyleID

	// The font and wrapping of each style, to measure rows by.
	looks map[xlsxwrite.StyleID]look
}

type look struct {
	style layout.Style
	wrap  bool
}

// cell describes a cell for RowHeight.
func (st *styles) cell(text string, width float64, style xlsxwrite.StyleID, number bool) HeightCell {
	l := st.looks[style]
	return HeightCell{Text: text, Width: width, Style: l.style, Wrap: l.wrap, Number: number}
}

func newStyles(w *xlsxwrite.Writer, set nd30.SizeSet) (*styles, error) {
	font := func(e nd30.Element) xlsxwrite.Font {
		s := set.Style(e)
		return xlsxwrite.Font{Name: nd30.FontFamily, Size: s.Size.Points(), Bold: s.Bold, Italic: s.Italic, Color: "000000"}
	}
	thin := xlsxwrite.Border{Left: xlsxwrite.Thin, Right: xlsxwrite.Thin, Top: xlsxwrite.Thin, Bottom: xlsxwrite.Thin, Color: "000000"}
	centered := func(e nd30.Element, border xlsxwrite.Border, numFmt string) xlsxwrite.Style {
		return xlsxwrite.Style{Font: font(e), Horizontal: "center", Vertical: "center", Wrap: true, Border: border, NumFmt: numFmt}
	}
	st := &styles{looks: map[xlsxwrite.StyleID]look{}}
	defs := []struct {
		id *xlsxwrite.StyleID
		s  xlsxwrite.Style
	}{
		{&st.agency, xlsxwrite.Style{Font: font(nd30.Agency), Horizontal: "center", Wrap: true}},
		{&st.heading, xlsxwrite.Style{Font: font(nd30.AppendixHeading), Horizontal: "center", Wrap: true}},
		{&st.title, xlsxwrite.Style{Font: font(nd30.AppendixTitle), Horizontal: "center", Wrap: true}},
		{&st.attached, xlsxwrite.Style{Font: font(nd30.AppendixAttachedTo), Horizontal: "center", Wrap: true}},
		{&st.unitLabel, xlsxwrite.Style{Font: font(nd30.TableHeader), Horizontal: "right"}},
		{&st.unitInput, xlsxwrite.Style{Font: font(nd30.TableText), Border: xlsxwrite.Border{Bottom: xlsxwrite.Dotted, Color: "000000"}}},
		{&st.header, centered(nd30.TableHeader, thin, "")},
		{&st.text, xlsxwrite.Style{Font: font(nd30.TableText), Horizontal: "left", Vertical: "top", Wrap: true, Border: thin}},
		{&st.index, centered(nd30.TableText, thin, "")},
		{&st.score, centered(nd30.TableText, thin, ScoreFormat)},
		{&st.totalLabel, centered(nd30.TableHeader, thin, "")},
		{&st.totalScore, centered(nd30.TableHeader, thin, ScoreFormat)},
	}
	for _, d := range defs {
		id, err := w.Style(d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
		st.looks[id] = look{style: layout.Style{Size: layout.Pt(d.s.Font.Size), Bold: d.s.Font.Bold, Italic: d.s.Font.Italic}, wrap: d.s.Wrap}
	}
	return st, nil
}

// cellName is a cell's A1 reference.
func cellName(col, row int) string { return xlsxwrite.CellRef(col, row) }

// sheetWriter fills one appendix's sheet, row by row.
type sheetWriter struct {
	sw    *xlsxwrite.SheetWriter
	st    *styles
	t     *templates.AppendixTable
	fonts *fonts.Set
	// widths are the columns' printed widths in points.
	widths []float64
}

// span is the width of columns [from, to) in points, as merged.
func (w *sheetWriter) span(from, to int) float64 {
	s := 0.0
	for _, x := range w.widths[from:to] {
		s += x
	}
	return s
}

// row writes sheet row r with its cells, as tall as the measured cells
// need: LibreOffice prints a row without a height at the default 15 pt
// whatever it holds, and Excel does not fit rows to merged cells.
func (w *sheetWriter) row(r int, cells []xlsxwrite.Cell, measured ...HeightCell) error {
	return w.sw.Row(r, RowHeight(w.fonts, measured), cells...)
}

// styled is n cells of one style, the first holding v.
func styled(n int, style xlsxwrite.StyleID, v any) []xlsxwrite.Cell {
	cells := make([]xlsxwrite.Cell, n)
	for i := range cells {
		cells[i].Style = style
	}
	if n > 0 {
		cells[0].Value = v
	}
	return cells
}

func (w *sheetWriter) write(wb *xlsxwrite.Writer, name string) error {
	st, t := w.st, w.t
	n := len(t.Columns)
	chars := make([]float64, n)
	for c := range chars {
		chars[c] = excelWidth(w.widths[c])
	}
	inches := func(l layout.Length) float64 { return l.Millimetres() / 25.4 }
	page := nd30.Page(t.Landscape)
	sw, err := wb.Sheet(name, xlsxwrite.Sheet{
		Widths:     chars,
		FreezeRows: rowHeader, // the header row stays in view
		// … and is printed on every page; A4, fit to width.
		PrintTitles: [2]int{rowHeader, rowHeader},
		Landscape:   t.Landscape,
		FitToWidth:  true,
		Margins:     &xlsxwrite.Margins{Top: inches(page.Top), Bottom: inches(page.Bottom), Left: inches(page.Left), Right: inches(page.Right), Header: 0.3, Footer: 0.3},
	})
	if err != nil {
		return err
	}
	w.sw = sw
	for _, h := range []struct {
		row   int
		text  string
		style xlsxwrite.StyleID
	}{
		{rowAgency, t.Agency, st.agency},
		{rowHeading, t.Heading, st.heading},
		{rowTitle, t.Title, st.title},
		{rowAttached, t.AttachedTo, st.attached},
	} {
		if err := sw.Merge(1, h.row, n, h.row); err != nil {
			return err
		}
		if err := w.row(h.row, styled(n, h.style, h.text), st.cell(h.text, w.span(0, n), h.style, false)); err != nil {
			return err
		}
	}
	// The unit that fills the form writes its name here; merge reads it back.
	labelEnd := max(1, min(2, n-1))
	if labelEnd > 1 {
		if err := sw.Merge(1, rowUnit, labelEnd, rowUnit); err != nil {
			return err
		}
	}
	unit := styled(labelEnd, st.unitLabel, nd30.UnitLabel)
	if labelEnd < n {
		if n-labelEnd > 1 {
			if err := sw.Merge(labelEnd+1, rowUnit, n, rowUnit); err != nil {
				return err
			}
		}
		unit = append(unit, styled(n-labelEnd, st.unitInput, nil)...)
	}
	// The unit's name is typed in one line; the row under it is a gap of one.
	if err := w.row(rowUnit, unit, st.cell(nd30.UnitLabel, w.span(0, labelEnd), st.unitLabel, false), st.cell("", 0, st.unitInput, false)); err != nil {
		return err
	}
	if err := w.row(rowUnit+1, nil, st.cell("", 0, st.unitInput, false)); err != nil {
		return err
	}

	head := make([]xlsxwrite.Cell, n)
	headFit := make([]HeightCell, n)
	for c, col := range t.Columns {
		head[c] = xlsxwrite.Cell{Style: st.header, Value: col.Title}
		headFit[c] = st.cell(col.Title, w.widths[c], st.header, false)
	}
	if err := w.row(rowHeader, head, headFit...); err != nil {
		return err
	}

	first := rowHeader + 1
	r := first
	// With subtotals, sums use SUBTOTAL(9, …), which skips the subtotal rows
	// inside the grand total's range.
	sum := "SUM"
	groupStart := first
	if t.HasSubtotals() {
		sum = "SUBTOTAL(9,"
	}
	lastData := first - 1
	cells := make([]xlsxwrite.Cell, n)
	fit := make([]HeightCell, n)
	for tr := range t.Rows() {
		switch tr.Kind {
		case templates.SubtotalRow:
			if err := w.sumRow(tr, r, groupStart, r-1, sum); err != nil {
				return err
			}
			groupStart = r + 1
		case templates.TotalRow:
			if err := w.validateScores(first, max(lastData, first)); err != nil {
				return err
			}
			if err := w.sumRow(tr, r, first, r-1, sum); err != nil {
				return err
			}
		default:
			for c, col := range t.Columns {
				text := t.CellText(tr, c)
				switch {
				case col.Kind == vanban.IndexColumn:
					cells[c] = xlsxwrite.Cell{Style: st.index, Value: tr.Index}
					fit[c] = st.cell(text, w.widths[c], st.index, true)
				case col.Kind == vanban.ScoreColumn:
					var v any
					if tr.Cells != nil && tr.Cells[c].Score != nil {
						v = tr.Cells[c].Score.Float()
					}
					cells[c] = xlsxwrite.Cell{Style: st.score, Value: v}
					fit[c] = st.cell(text, w.widths[c], st.score, true)
				default:
					var v any
					if text != "" {
						v = text
					}
					cells[c] = xlsxwrite.Cell{Style: st.text, Value: v}
					fit[c] = st.cell(text, w.widths[c], st.text, false)
				}
			}
			if err := w.row(r, cells, fit...); err != nil {
				return err
			}
			lastData = r
		}
		r++
	}
	if !t.HasTotals() {
		return w.validateScores(first, max(lastData, first))
	}
	return nil
}

// validateScores lets score cells take only numbers from 0 to the column's
// maximum, when it has one.
func (w *sheetWriter) validateScores(from, to int) error {
	zero := 0.0
	for c, col := range w.t.Columns {
		if col.Kind != vanban.ScoreColumn {
			continue
		}
		v := xlsxwrite.Validation{FromCol: c + 1, FromRow: from, ToCol: c + 1, ToRow: to, Min: &zero, Title: "Điểm không hợp lệ"}
		if col.Max != nil {
			m := col.Max.Float()
			v.Max = &m
			v.Message = fmt.Sprintf("Cột %q nhận một số từ 0 đến %s.", col.Title, col.Max)
		} else {
			v.Message = fmt.Sprintf("Cột %q nhận một số không âm, ví dụ 0,5.", col.Title)
		}
		if len([]rune(v.Message)) > 255 { // the box's limit: a very long title is left out
			v.Message = "Cần một số không âm, ví dụ 0,5."
			if col.Max != nil {
				v.Message = fmt.Sprintf("Cần một số từ 0 đến %s.", col.Max)
			}
		}
		if err := w.sw.Validate(v); err != nil {
			return err
		}
	}
	return nil
}

// sumRow writes a total or subtotal row at sheet row at: the label over the
// columns before the first summed one, and a SUM (or SUBTOTAL) formula of
// sheet rows [from, to] under each summed column, with the sum cached.
func (w *sheetWriter) sumRow(r templates.TableRow, at, from, to int, fn string) error {
	st, t := w.st, w.t
	first := t.LabelSpan
	cells := make([]xlsxwrite.Cell, len(t.Columns))
	var measured []HeightCell
	if first > 0 {
		copy(cells, styled(first, st.totalLabel, r.Label))
		if first > 1 {
			if err := w.sw.Merge(1, at, first, at); err != nil {
				return err
			}
		}
		measured = append(measured, st.cell(r.Label, w.span(0, first), st.totalLabel, false))
	}
	for c := first; c < len(t.Columns); c++ {
		// Sums are numbers; a text column's cell in the row stays empty.
		measured = append(measured, st.cell("", w.widths[c], st.totalScore, true))
		if !t.Columns[c].Total || to < from {
			cells[c] = xlsxwrite.Cell{Style: st.totalLabel}
			continue
		}
		formula := fmt.Sprintf("SUM(%s:%s)", cellName(c+1, from), cellName(c+1, to))
		if fn != "SUM" {
			formula = fmt.Sprintf("%s%s:%s)", fn, cellName(c+1, from), cellName(c+1, to))
		}
		v := xlsxwrite.Cell{Style: st.totalScore, Formula: formula}
		if total, ok := t.Sum(r, c); ok {
			// A cached value, so readers that do not calculate show the total too.
			v.Value = total.Float()
		}
		cells[c] = v
	}
	return w.row(at, cells, measured...)
}
