package xlsxwrite

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Sheet is how a sheet is set up: what comes before its rows in the file
// (columns, panes) and its page layout.
type Sheet struct {
	// Widths are the widths of columns A, B … in characters (digit widths
	// of the default font, 0 to 255); 0 leaves a column at the default.
	Widths []float64
	// FreezeRows keeps rows 1 … FreezeRows in view, FreezeCols columns
	// 1 … FreezeCols.
	FreezeRows, FreezeCols int
	// DefaultRowHeight is the height in points of rows written without one;
	// 0 is 15, what excelize writes.
	DefaultRowHeight float64
	// PrintTitles are the first and last row printed at the top of every
	// page (_xlnm.Print_Titles); zero for none.
	PrintTitles [2]int
	Landscape   bool
	// PaperSize is the printer's paper code (ST_PaperSize: 9 is A4, 1
	// Letter); 0 is A4.
	PaperSize int
	// FitToWidth prints the sheet one page wide, as many pages tall as it
	// takes.
	FitToWidth bool
	// Margins are the page margins; nil is Excel's "Normal" margins.
	Margins *Margins
}

// Margins are page margins in inches.
type Margins struct {
	Left, Right, Top, Bottom float64
	Header, Footer           float64 // from the page edge to the header and footer
}

// Cell is one cell of a row.
type Cell struct {
	Style StyleID
	// Value is nil (an empty cell, written only when it has a style or a
	// formula), a string, a bool, or a number: any int or uint type,
	// float32 or float64 (finite).
	Value any
	// Formula is the cell's formula without the leading "=" (one given is
	// dropped), e.g. "SUM(C8:C20)". Value is then its cached result, or
	// nil for none. The workbook asks for a full calculation on opening,
	// which Excel does; LibreOffice computes a formula without a cached
	// value but shows a cached one as written (measured), so a cached value
	// must be right.
	Formula string
}

// Validation limits what may be typed into a range of cells to a decimal
// number between Min and Max (inclusive); a nil bound is no bound, and at
// least one is needed. A value outside is refused (errorStyle stop) with
// Title (32 characters at most) and Message (255 at most) in the error box.
// Blank cells are allowed.
type Validation struct {
	FromCol, FromRow, ToCol, ToRow int
	Min, Max                       *float64
	Title, Message                 string
}

// SheetWriter writes the rows of one sheet. It is valid until the next call
// of Writer.Sheet or Writer.Close.
type SheetWriter struct {
	w       *Writer
	index   int
	opt     Sheet
	lastRow int
	done    bool

	merges      []rect // sorted by top row, then left column
	tallest     int    // the largest r2-r1 among merges, to bound the overlap search
	validations []validation
}

type rect struct{ c1, r1, c2, r2 int }

type validation struct {
	sqref                        string
	operator, formula1, formula2 string
	title, message               string
}

// checkSheetName reports why Excel would refuse a sheet name.
func (w *Writer) checkSheetName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a sheet name cannot be empty")
	case utf16Len(name) > 31:
		return fmt.Errorf("sheet name %q is longer than 31 characters", name)
	case strings.ContainsAny(name, `:\/?*[]`):
		return fmt.Errorf(`sheet name %q holds one of : \ / ? * [ ]`, name)
	case name[0] == '\'' || name[len(name)-1] == '\'':
		return fmt.Errorf("sheet name %q begins or ends with an apostrophe", name)
	case hasControl(name):
		return fmt.Errorf("sheet name %q holds a control character or is not UTF-8", name)
	case strings.EqualFold(name, "History"):
		return fmt.Errorf("sheet name %q is reserved by Excel", name)
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, name) {
			return fmt.Errorf("the workbook already has a sheet named %q", s.name)
		}
	}
	return nil
}

func checkSheet(o *Sheet) error {
	for i, wd := range o.Widths {
		if !(wd >= 0 && wd <= MaxColWidth) {
			return fmt.Errorf("column %s: width %v is not from 0 to %d characters", colName(i+1), wd, MaxColWidth)
		}
	}
	if len(o.Widths) > MaxColumns {
		return fmt.Errorf("%d column widths for %d columns", len(o.Widths), MaxColumns)
	}
	if o.FreezeRows < 0 || o.FreezeRows >= MaxRows || o.FreezeCols < 0 || o.FreezeCols >= MaxColumns {
		return fmt.Errorf("cannot freeze %d rows and %d columns", o.FreezeRows, o.FreezeCols)
	}
	if o.DefaultRowHeight != 0 && !(o.DefaultRowHeight > 0 && o.DefaultRowHeight <= MaxRowHeight) {
		return fmt.Errorf("default row height %v is not from 0 to %d points", o.DefaultRowHeight, MaxRowHeight)
	}
	if t := o.PrintTitles; t != [2]int{} && !(1 <= t[0] && t[0] <= t[1] && t[1] <= MaxRows) {
		return fmt.Errorf("print titles: rows %d to %d are not a range of rows", t[0], t[1])
	}
	if o.PaperSize < 0 {
		return fmt.Errorf("paper size %d is negative", o.PaperSize)
	}
	if m := o.Margins; m != nil {
		for _, v := range []float64{m.Left, m.Right, m.Top, m.Bottom, m.Header, m.Footer} {
			if !(v >= 0 && v < 49) { // Excel's largest margin is under 49 inches
				return fmt.Errorf("page margin %v is not from 0 to 49 inches", v)
			}
		}
	}
	return nil
}

func colName(col int) string { return string(appendColumn(nil, col)) }

// Sheet finishes the sheet being written, if any, and starts the next one,
// named name. The rows of the previous sheet can no longer be written.
func (w *Writer) Sheet(name string, opt Sheet) (*SheetWriter, error) {
	if w.err != nil {
		return nil, w.err
	}
	if err := w.checkSheetName(name); err != nil {
		return nil, fmt.Errorf("xlsxwrite: %w", err)
	}
	if err := checkSheet(&opt); err != nil {
		return nil, fmt.Errorf("xlsxwrite: sheet %q: %w", name, err)
	}
	widths := opt.Widths
	opt.Widths = nil // written by head, now
	if opt.Margins != nil {
		m := *opt.Margins
		opt.Margins = &m
	}
	if err := w.finishSheet(); err != nil {
		return nil, err
	}
	s := &SheetWriter{w: w, index: len(w.sheets), opt: opt}
	w.sheets = append(w.sheets, sheetEntry{name: name, titles: opt.PrintTitles})
	w.cur = s
	w.startPart(w.partName(s.index))
	if err := w.write(s.head(widths)); err != nil {
		return nil, err
	}
	return s, nil
}

// head is the worksheet's start, up to and including <sheetData> (CT_Worksheet
// order: sheetPr, sheetViews, sheetFormatPr, cols, sheetData).
func (s *SheetWriter) head(widths []float64) []byte {
	o := &s.opt
	b := append(s.w.buf[:0], xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsR+`">`...)
	if o.FitToWidth {
		b = append(b, `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`...)
	}
	b = append(b, `<sheetViews><sheetView`...)
	if s.index == 0 {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, ` workbookViewId="0"`...)
	if o.FreezeRows == 0 && o.FreezeCols == 0 {
		b = append(b, `/>`...)
	} else {
		b = append(b, `><pane`...)
		if o.FreezeCols > 0 {
			b = strconv.AppendInt(append(b, ` xSplit="`...), int64(o.FreezeCols), 10)
			b = append(b, '"')
		}
		if o.FreezeRows > 0 {
			b = strconv.AppendInt(append(b, ` ySplit="`...), int64(o.FreezeRows), 10)
			b = append(b, '"')
		}
		b = appendRef(append(b, ` topLeftCell="`...), o.FreezeCols+1, o.FreezeRows+1)
		pane := "bottomRight"
		switch {
		case o.FreezeCols == 0:
			pane = "bottomLeft"
		case o.FreezeRows == 0:
			pane = "topRight"
		}
		b = append(b, `" activePane="`+pane+`" state="frozen"/></sheetView>`...)
	}
	b = append(b, `</sheetViews><sheetFormatPr defaultRowHeight="`...)
	ht := o.DefaultRowHeight
	if ht == 0 {
		ht = 15
	}
	b = append(appendNumber(b, ht), `"/>`...)
	cols := false
	for i, wd := range widths {
		if wd == 0 {
			continue
		}
		if !cols {
			b = append(b, `<cols>`...)
			cols = true
		}
		b = strconv.AppendInt(append(b, `<col min="`...), int64(i+1), 10)
		b = strconv.AppendInt(append(b, `" max="`...), int64(i+1), 10)
		b = append(appendNumber(append(b, `" width="`...), wd), `" customWidth="1"/>`...)
	}
	if cols {
		b = append(b, `</cols>`...)
	}
	b = append(b, `<sheetData>`...)
	s.w.buf = b
	return b
}

// Row writes sheet row row (1-based), height points tall (0: the default
// height), with cells from column A. Rows must come in increasing order; a
// row left out is empty. Cells with no value, formula or style are not
// written. Nothing is written when the row is refused.
func (s *SheetWriter) Row(row int, height float64, cells ...Cell) error {
	w := s.w
	if err := s.usable(); err != nil {
		return err
	}
	switch {
	case row < 1 || row > MaxRows:
		return fmt.Errorf("xlsxwrite: row %d is not from 1 to %d", row, MaxRows)
	case row <= s.lastRow:
		return fmt.Errorf("xlsxwrite: row %d written after row %d: rows must come in increasing order", row, s.lastRow)
	case height != 0 && !(height > 0 && height <= MaxRowHeight):
		return fmt.Errorf("xlsxwrite: row %d: height %v is not from 0 to %d points", row, height, MaxRowHeight)
	case len(cells) > MaxColumns:
		return fmt.Errorf("xlsxwrite: row %d has %d cells, more than the %d columns of a sheet", row, len(cells), MaxColumns)
	}
	b := strconv.AppendInt(append(w.buf[:0], `<row r="`...), int64(row), 10)
	if height != 0 {
		b = append(appendNumber(append(b, `" ht="`...), height), `" customHeight="1`...)
	}
	b = append(b, `">`...)
	empty := true
	for i := range cells {
		c := &cells[i]
		if c.Value == nil && c.Formula == "" && c.Style == 0 {
			continue
		}
		var err error
		if b, err = s.appendCell(b, c, i+1, row); err != nil {
			w.buf = b
			return err
		}
		empty = false
	}
	w.buf = b
	s.lastRow = row
	if empty && height == 0 {
		return nil // nothing to say of the row
	}
	b = append(b, `</row>`...)
	w.buf = b
	return w.write(b)
}

func (w *Writer) partName(index int) string {
	return fmt.Sprintf("xl/worksheets/sheet%d.xml", index+1)
}

func (s *SheetWriter) usable() error {
	switch {
	case s.w.err != nil:
		return s.w.err
	case s.done:
		return fmt.Errorf("xlsxwrite: sheet %q is finished: a later sheet was started", s.w.sheets[s.index].name)
	}
	return nil
}

// appendCell appends <c> for a cell that has something to say.
func (s *SheetWriter) appendCell(b []byte, c *Cell, col, row int) ([]byte, error) {
	if c.Style < 0 || int(c.Style) >= len(s.w.styles.xfs) {
		return b, fmt.Errorf("xlsxwrite: cell %s: style %d was not made by this workbook's Style", CellRef(col, row), c.Style)
	}
	formula := strings.TrimPrefix(c.Formula, "=")
	if hasControl(formula) {
		return b, fmt.Errorf("xlsxwrite: cell %s: the formula holds a control character or is not UTF-8", CellRef(col, row))
	}
	if c.Formula != "" && formula == "" {
		return b, fmt.Errorf("xlsxwrite: cell %s: the formula is empty", CellRef(col, row))
	}
	b = appendRef(append(b, `<c r="`...), col, row)
	b = append(b, '"')
	if c.Style != 0 {
		b = strconv.AppendInt(append(b, ` s="`...), int64(c.Style), 10)
		b = append(b, '"')
	}
	var num float64
	switch v := c.Value.(type) {
	case nil:
		if formula == "" {
			return append(b, `/>`...), nil
		}
		return append(appendFormula(append(b, '>'), formula), `</c>`...), nil
	case string:
		if n := len(v); n > MaxCellChars && utf16Len(v) > MaxCellChars {
			return b, fmt.Errorf("xlsxwrite: cell %s: text of %d characters, more than Excel's %d", CellRef(col, row), utf16Len(v), MaxCellChars)
		}
		if formula != "" { // a formula's text result
			b = append(b, ` t="str">`...)
			b = appendFormula(b, formula)
			b = appendEscaped(append(b, `<v>`...), v, xstring, false)
			return append(b, `</v></c>`...), nil
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		if v != "" && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = appendEscaped(append(b, '>'), v, xstring, false)
		return append(b, `</t></is></c>`...), nil
	case bool:
		b = append(b, ` t="b">`...)
		b = appendFormula(b, formula)
		if v {
			return append(b, `<v>1</v></c>`...), nil
		}
		return append(b, `<v>0</v></c>`...), nil
	case float64:
		num = v
	case float32:
		num = float64(v)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr:
		b = appendFormula(append(b, '>'), formula)
		b = appendInteger(append(b, `<v>`...), v)
		return append(b, `</v></c>`...), nil
	default:
		return b, fmt.Errorf("xlsxwrite: cell %s: a value of type %T cannot be written", CellRef(col, row), c.Value)
	}
	if !finite(num) {
		return b, fmt.Errorf("xlsxwrite: cell %s: %v is not a number a spreadsheet holds", CellRef(col, row), num)
	}
	b = appendFormula(append(b, '>'), formula)
	b = append(appendNumber(append(b, `<v>`...), num), `</v></c>`...)
	return b, nil
}

// appendInteger appends an integer of any type; v must be one.
func appendInteger(b []byte, v any) []byte {
	switch v := v.(type) {
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int8:
		return strconv.AppendInt(b, int64(v), 10)
	case int16:
		return strconv.AppendInt(b, int64(v), 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case uintptr:
		return strconv.AppendUint(b, uint64(v), 10)
	}
	return b
}

func appendFormula(b []byte, f string) []byte {
	if f == "" {
		return b
	}
	return append(appendEscaped(append(b, `<f>`...), f, plain, false), `</f>`...)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Merge merges the cells from column col1, row row1 to column col2, row
// row2 (1-based, inclusive) into one. A range of one cell, or one that
// overlaps another merge of the sheet, is refused. Merges may be given
// before or after their rows.
func (s *SheetWriter) Merge(col1, row1, col2, row2 int) error {
	if err := s.usable(); err != nil {
		return err
	}
	r := rect{col1, row1, col2, row2}
	if err := checkRange(r); err != nil {
		return fmt.Errorf("xlsxwrite: merge: %w", err)
	}
	if col1 == col2 && row1 == row2 {
		return fmt.Errorf("xlsxwrite: merge: %s is a single cell", CellRef(col1, row1))
	}
	// Merges that could overlap r start no higher than r's top less the
	// tallest merge's height, and no lower than its bottom.
	lo, _ := slices.BinarySearchFunc(s.merges, row1-s.tallest, func(m rect, top int) int { return m.r1 - top })
	i := lo
	for ; i < len(s.merges) && s.merges[i].r1 <= row2; i++ {
		m := s.merges[i]
		if m.r2 >= row1 && m.c1 <= col2 && m.c2 >= col1 {
			return fmt.Errorf("xlsxwrite: merge %s overlaps merge %s", rangeName(r), rangeName(m))
		}
	}
	// Keep the order: by top row, then left column.
	at, _ := slices.BinarySearchFunc(s.merges, r, func(m, r rect) int {
		if m.r1 != r.r1 {
			return m.r1 - r.r1
		}
		return m.c1 - r.c1
	})
	s.merges = slices.Insert(s.merges, at, r)
	s.tallest = max(s.tallest, row2-row1)
	return nil
}

func checkRange(r rect) error {
	if r.c1 < 1 || r.c2 > MaxColumns || r.r1 < 1 || r.r2 > MaxRows || r.c1 > r.c2 || r.r1 > r.r2 {
		return fmt.Errorf("columns %d to %d, rows %d to %d are not a range of cells (first before last, columns 1 to %d, rows 1 to %d)",
			r.c1, r.c2, r.r1, r.r2, MaxColumns, MaxRows)
	}
	return nil
}

func rangeName(r rect) string { return string(appendRange(nil, r.c1, r.r1, r.c2, r.r2)) }

// Validate limits the numbers that may be typed into a range of cells.
func (s *SheetWriter) Validate(v Validation) error {
	if err := s.usable(); err != nil {
		return err
	}
	r := rect{v.FromCol, v.FromRow, v.ToCol, v.ToRow}
	if err := checkRange(r); err != nil {
		return fmt.Errorf("xlsxwrite: validation: %w", err)
	}
	dv := validation{sqref: rangeName(r), title: v.Title, message: v.Message}
	for _, p := range []*float64{v.Min, v.Max} {
		if p != nil && (!finite(*p) || math.Abs(*p) > math.MaxFloat32) {
			return fmt.Errorf("xlsxwrite: validation of %s: bound %v is not a number Excel takes", dv.sqref, *p)
		}
	}
	switch {
	case v.Min != nil && v.Max != nil:
		if *v.Min > *v.Max {
			return fmt.Errorf("xlsxwrite: validation of %s: minimum %v is above maximum %v", dv.sqref, *v.Min, *v.Max)
		}
		dv.operator, dv.formula1, dv.formula2 = "between", number(*v.Min), number(*v.Max)
	case v.Min != nil:
		dv.operator, dv.formula1 = "greaterThanOrEqual", number(*v.Min)
	case v.Max != nil:
		dv.operator, dv.formula1 = "lessThanOrEqual", number(*v.Max)
	default:
		return fmt.Errorf("xlsxwrite: validation of %s has neither a minimum nor a maximum", dv.sqref)
	}
	if n := utf16Len(v.Title); n > 32 {
		return fmt.Errorf("xlsxwrite: validation of %s: title of %d characters, more than Excel's 32", dv.sqref, n)
	}
	if n := utf16Len(v.Message); n > 255 {
		return fmt.Errorf("xlsxwrite: validation of %s: message of %d characters, more than Excel's 255", dv.sqref, n)
	}
	s.validations = append(s.validations, dv)
	return nil
}

// finishSheet writes the end of the sheet being written, if any: what
// CT_Worksheet puts after sheetData (mergeCells, dataValidations,
// pageMargins, pageSetup).
func (w *Writer) finishSheet() error {
	s := w.cur
	if s == nil {
		return nil
	}
	w.cur = nil
	s.done = true
	o := &s.opt
	b := append(w.buf[:0], `</sheetData>`...)
	if len(s.merges) > 0 {
		b = strconv.AppendInt(append(b, `<mergeCells count="`...), int64(len(s.merges)), 10)
		b = append(b, `">`...)
		for _, m := range s.merges {
			b = append(appendRange(append(b, `<mergeCell ref="`...), m.c1, m.r1, m.c2, m.r2), `"/>`...)
		}
		b = append(b, `</mergeCells>`...)
	}
	if len(s.validations) > 0 {
		b = strconv.AppendInt(append(b, `<dataValidations count="`...), int64(len(s.validations)), 10)
		b = append(b, `">`...)
		for _, v := range s.validations {
			b = append(b, `<dataValidation type="decimal" errorStyle="stop" operator="`+v.operator+`" allowBlank="1" showErrorMessage="1"`...)
			if v.title != "" {
				b = append(appendEscaped(append(b, ` errorTitle="`...), v.title, plain, true), '"')
			}
			if v.message != "" {
				b = append(appendEscaped(append(b, ` error="`...), v.message, plain, true), '"')
			}
			b = append(b, ` sqref="`+v.sqref+`"><formula1>`+v.formula1+`</formula1>`...)
			if v.formula2 != "" {
				b = append(b, `<formula2>`+v.formula2+`</formula2>`...)
			}
			b = append(b, `</dataValidation>`...)
		}
		b = append(b, `</dataValidations>`...)
	}
	m := Margins{Left: 0.7, Right: 0.7, Top: 0.75, Bottom: 0.75, Header: 0.3, Footer: 0.3}
	if o.Margins != nil {
		m = *o.Margins
	}
	b = append(appendNumber(append(b, `<pageMargins left="`...), m.Left), `" right="`...)
	b = append(appendNumber(b, m.Right), `" top="`...)
	b = append(appendNumber(b, m.Top), `" bottom="`...)
	b = append(appendNumber(b, m.Bottom), `" header="`...)
	b = append(appendNumber(b, m.Header), `" footer="`...)
	b = append(appendNumber(b, m.Footer), `"/>`...)
	paper := o.PaperSize
	if paper == 0 {
		paper = 9
	}
	b = strconv.AppendInt(append(b, `<pageSetup paperSize="`...), int64(paper), 10)
	b = append(b, '"')
	if o.FitToWidth {
		b = append(b, ` fitToWidth="1" fitToHeight="0"`...)
	}
	if o.Landscape {
		b = append(b, ` orientation="landscape"/>`...)
	} else {
		b = append(b, ` orientation="portrait"/>`...)
	}
	b = append(b, `</worksheet>`...)
	w.buf = b
	s.merges, s.validations = nil, nil
	if err := w.write(b); err != nil {
		return err
	}
	return w.endPart()
}
