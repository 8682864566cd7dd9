package xlsxread

import (
	"fmt"
	"io"
	"strconv"
)

// Kind is what a cell holds.
type Kind int

const (
	Number     Kind = iota + 1 // a number, as written ("8.5", "1E-3")
	String                     // text: shared, inline or a formula's string result
	Bool                       // "TRUE" or "FALSE"
	ErrorValue                 // a formula error: "#DIV/0!", "#N/A" …
	Date                       // a number whose format shows a date or time (the serial number as written), or an ISO 8601 date (t="d")
)

func (k Kind) String() string {
	switch k {
	case Number:
		return "Number"
	case String:
		return "String"
	case Bool:
		return "Bool"
	case ErrorValue:
		return "ErrorValue"
	case Date:
		return "Date"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Cell is one non-empty cell: one that has a value or a formula.
type Cell struct {
	Row, Col int // 1-based
	Kind     Kind
	// Value is the cell's value as text: a number as written in the file
	// (not reformatted), the text of a string (shared strings resolved, rich
	// text runs joined, phonetic readings left out, _xHHHH_ escapes decoded),
	// "TRUE" or "FALSE", an error such as "#DIV/0!", the ISO 8601 text of a
	// t="d" date.
	Value string
	// Formula is the formula as written in the cell's <f>, without "=".
	// A cell that shares a formula written in another cell
	// (<f t="shared" si="0"/>) has none of its own: Formula is "", and only
	// the group's first cell holds the text.
	Formula string
	// HasValue is false for a formula cell with no stored result, as written
	// by a library that does not calculate (excelize's SetCellFormula): the
	// value is unknown until a spreadsheet program recalculates and saves.
	// Such a cell's Kind is what its t="…" says, no more: excelize writes
	// t="str" whatever the formula computes.
	HasValue bool
	// NumFmt is the number format code of the cell's style ("0.00",
	// "dd/mm/yyyy", "General"), for showing the value as the sender saw it;
	// "" for a locale-dependent built-in format.
	NumFmt string
}

// Ref returns the cell's canonical name, "D9". (A method, not a field, so
// that reading a sheet does not build a name per cell that nobody asks for.)
func (c Cell) Ref() string { return cellName(c.Row, c.Col) }

// Rows reads one sheet row by row:
//
//	rows, err := wb.Rows(sheet)
//	if err != nil { … }
//	defer rows.Close()
//	for rows.Next() {
//		num, cells := rows.Row()
//		…
//	}
//	if err := rows.Err(); err != nil { … }
//
// Only rows with a non-empty cell are returned. The first problem ends the
// reading: Next returns false and Err says what it was. Rows returned before
// it were read correctly, but a caller that wants the whole sheet must not
// take them for it.
type Rows struct {
	wb    *Workbook
	sheet string
	part  string
	rc    io.ReadCloser
	x     *scanner
	err   error
	done  bool

	inData, inRow, inCell bool

	// the row being read
	row        int      // its number
	rowSettled bool     // known: from <row r>, or from the first cell
	prevRow    int      // the number of the last row read, 0 before the first
	prevCol    int      // the column of the last cell read in this row
	prevRef    [16]byte // the r="…" of that cell as written (a valid reference), for messages
	prevRefLen int
	cells      []Cell
	texts      []texts // where each cell's value and formula are in text
	text       []byte  // the row's value and formula texts, one after another

	cell   cellState
	refBuf []byte
}

// cellType is a cell's t="…".
type cellType int

const (
	typeNumber cellType = iota // "n", or no t
	typeShared                 // "s"
	typeInline                 // "inlineStr"
	typeStr                    // "str", a formula's string result
	typeBool                   // "b"
	typeError                  // "e"
	typeDate                   // "d"
	typeUnknown
)

func typeOf(t []byte) cellType {
	switch string(t) {
	case "n", "":
		return typeNumber
	case "s":
		return typeShared
	case "inlineStr":
		return typeInline
	case "str":
		return typeStr
	case "b":
		return typeBool
	case "e":
		return typeError
	case "d":
		return typeDate
	}
	return typeUnknown
}

// cellState is the cell being read.
type cellState struct {
	col               int
	t                 cellType
	tText             string // t="…" when it is not a known type, for the message
	style             int    // s="…", 0 when absent; -1 when it is not a number
	hasV, hasF, hasIS bool
	v, f, is          span
	capture           *span // the span the text being read goes to
	captureDepth      int   // the depth of the element whose text it is
}

type span struct{ start, end int }

func (s span) empty() bool { return s.end <= s.start }

// texts says where a cell's value and formula are in Rows.text, to be made
// strings once per row (one allocation for the row, not one per cell).
type texts struct {
	value, formula span
	valueInText    bool // false: Cell.Value is already set (shared string, boolean)
}

// Next advances to the next row that has a non-empty cell. It returns false
// at the end of the sheet or at the first problem (see Err).
func (r *Rows) Next() bool {
	if r.err != nil || r.done {
		return false
	}
	for {
		kind, err := r.x.next()
		if err == io.EOF {
			r.done = true // the part was read to its end, and its checksum checked
			return false
		}
		if err != nil {
			r.err = r.broken(err)
			return false
		}
		switch kind {
		case startTag:
			err = r.start()
		case endTag:
			var ready bool
			if ready, err = r.end(); ready {
				return true
			}
		case text:
			if c := &r.cell; c.capture != nil && r.x.depth() == c.captureDepth {
				r.text = r.x.appendText(r.text)
			}
		}
		if err != nil {
			r.err = err
			return false
		}
	}
}

// Row returns the current row's number and its non-empty cells in column
// order. The slice is reused by the next call to Next; the strings in it
// are not and may be kept.
func (r *Rows) Row() (num int, cells []Cell) { return r.row, r.cells }

// Err returns the problem that ended the reading, nil at the end of the
// sheet. It is an *Error.
func (r *Rows) Err() error { return r.err }

// Close releases the sheet's part. Next returns false after it. A failure
// that Err already reported is not reported again.
func (r *Rows) Close() error {
	if r.rc == nil {
		return nil
	}
	r.done = true
	err := r.rc.Close()
	r.rc = nil
	if err == nil || r.err != nil {
		return nil
	}
	e := partError(r.part, r.wb.lim.MaxPartBytes, err)
	e.Sheet = r.sheet
	return e
}

func (r *Rows) start() error {
	depth := r.x.depth()
	local := r.x.local
	switch {
	case depth == 2 && string(local) == "sheetData":
		r.inData = true
	case depth == 3 && r.inData && string(local) == "row":
		return r.startRow()
	case depth == 4 && r.inRow && string(local) == "c":
		return r.startCell()
	case depth == 5 && r.inCell:
		c := &r.cell
		switch string(local) {
		case "v":
			c.hasV, c.v = true, span{len(r.text), len(r.text)}
			c.capture, c.captureDepth = &c.v, depth
		case "f":
			c.hasF, c.f = true, span{len(r.text), len(r.text)}
			c.capture, c.captureDepth = &c.f, depth
		case "is":
			c.hasIS, c.is = true, span{len(r.text), len(r.text)}
		}
	case depth == 6 && r.inCell && string(local) == "t" && string(r.x.openLocal(5)) == "is",
		depth == 7 && r.inCell && string(local) == "t" && string(r.x.openLocal(6)) == "r" && string(r.x.openLocal(5)) == "is":
		// An inline string's text: its <t>, or its rich text runs' <t>;
		// not the <t> of a phonetic run <rPh>.
		c := &r.cell
		c.capture, c.captureDepth = &c.is, depth
	}
	return nil
}

func (r *Rows) end() (ready bool, err error) {
	depth := r.x.depth() + 1 // the depth of the element that ended
	c := &r.cell
	if c.capture != nil && depth == c.captureDepth {
		c.capture.end = len(r.text)
		c.capture = nil
		return false, nil
	}
	switch {
	case depth == 4 && r.inCell:
		r.inCell = false
		return false, r.endCell()
	case depth == 3 && r.inRow:
		r.inRow = false
		r.prevRow = r.row
		if len(r.cells) == 0 {
			return false, nil
		}
		r.materialize()
		return true, nil
	case depth == 2 && r.inData:
		r.inData = false
	}
	return false, nil
}

func (r *Rows) startRow() error {
	r.inRow = true
	r.cells, r.texts, r.text = r.cells[:0], r.texts[:0], r.text[:0]
	r.prevCol, r.prevRefLen = 0, 0
	ref, hasRef := r.x.attr("r")
	if !hasRef {
		// The row follows the previous one — unless its first cell says
		// where it is (see startCell).
		if r.prevRow >= SheetRows {
			return r.rowError(r.prevRow,
				fmt.Sprintf("sau hàng %d còn hàng nữa, nhiều hơn số hàng của một trang tính", r.prevRow),
				fmt.Sprintf("there is a row after row %d, more rows than a sheet has", r.prevRow))
		}
		r.row, r.rowSettled = r.prevRow+1, false
		return nil
	}
	n, ok := parseRowNumber(ref)
	if !ok {
		return r.rowError(r.prevRow+1,
			fmt.Sprintf("%s có số hàng %s không hợp lệ (cần một số từ 1 đến %d)", r.afterRow(false), quote(string(ref)), SheetRows),
			fmt.Sprintf("%s has an invalid row number %s (expected a number from 1 to %d)", r.afterRow(true), quote(string(ref)), SheetRows))
	}
	if n <= r.prevRow {
		return r.rowError(n,
			fmt.Sprintf("hàng %d đứng sau hàng %d: các hàng phải theo thứ tự tăng dần", n, r.prevRow),
			fmt.Sprintf("row %d comes after row %d: rows must be in ascending order", n, r.prevRow))
	}
	r.row, r.rowSettled = n, true
	return nil
}

// afterRow names a row whose number is not known.
func (r *Rows) afterRow(en bool) string {
	switch {
	case r.prevRow == 0 && en:
		return "the first row"
	case r.prevRow == 0:
		return "hàng đầu tiên"
	case en:
		return fmt.Sprintf("the row after row %d", r.prevRow)
	}
	return fmt.Sprintf("hàng sau hàng %d", r.prevRow)
}

// thisRow names the row being read, whose number may be a guess.
func (r *Rows) thisRow(en bool) string {
	switch {
	case !r.rowSettled:
		return r.afterRow(en)
	case en:
		return fmt.Sprintf("row %d", r.row)
	}
	return fmt.Sprintf("hàng %d", r.row)
}

func (r *Rows) startCell() error {
	r.inCell = true
	c := &r.cell
	*c = cellState{} // style 0 when there is no s="…"
	var ref []byte
	hasRef := false
	for i := range r.x.attrs {
		a := &r.x.attrs[i]
		if a.prefixed {
			continue
		}
		switch string(r.x.buf[a.local:a.name.end]) {
		case "r":
			// Copied: an attribute's decoded value lasts until the next one's.
			r.refBuf = append(r.refBuf[:0], r.x.attrValue(a)...)
			ref, hasRef = r.refBuf, true
		case "t":
			v := r.x.attrValue(a)
			if c.t = typeOf(v); c.t == typeUnknown {
				c.tText = string(v)
			}
		case "s":
			v := r.x.attrValue(a)
			var ok bool
			if c.style, ok = atoi(v); !ok {
				c.style = -1
			}
		}
	}
	if !hasRef {
		// The cell follows the previous one in its row.
		if r.prevCol >= SheetColumns {
			return r.rowError(r.row,
				fmt.Sprintf("%s có nhiều ô hơn số cột của một trang tính (đến cột XFD)", r.thisRow(false)),
				fmt.Sprintf("%s has more cells than a sheet has columns (up to XFD)", r.thisRow(true)))
		}
		c.col = r.prevCol + 1
		r.rowSettled = true
		r.prevCol, r.prevRefLen = c.col, 0
		return nil
	}
	row, col, ok := parseRef(ref)
	if !ok {
		return r.rowError(r.row,
			fmt.Sprintf("%s có tham chiếu ô %s không hợp lệ (cần dạng như D9)", r.thisRow(false), quote(string(ref))),
			fmt.Sprintf("%s has an invalid cell reference %s (expected a form like D9)", r.thisRow(true), quote(string(ref))))
	}
	if !r.rowSettled {
		if row <= r.prevRow {
			return r.rowError(row,
				fmt.Sprintf("ô %s đứng sau hàng %d: các hàng phải theo thứ tự tăng dần", quote(string(ref)), r.prevRow),
				fmt.Sprintf("cell %s comes after row %d: rows must be in ascending order", quote(string(ref)), r.prevRow))
		}
		r.row, r.rowSettled = row, true // a row without r="…" is where its first cell says
	}
	if row != r.row {
		return r.rowError(r.row,
			fmt.Sprintf("hàng %d có ô %s, là ô của hàng %d", r.row, quote(string(ref)), row),
			fmt.Sprintf("row %d holds cell %s, which is a cell of row %d", r.row, quote(string(ref)), row))
	}
	if col <= r.prevCol {
		prev := cellName(r.row, r.prevCol) // the place of a cell written without r="…"
		if r.prevRefLen > 0 {
			prev = quote(string(r.prevRef[:r.prevRefLen]))
		}
		return r.rowError(r.row,
			fmt.Sprintf("hàng %d có ô %s đứng sau ô %s: các ô phải theo thứ tự cột tăng dần", r.row, quote(string(ref)), prev),
			fmt.Sprintf("row %d has cell %s after cell %s: cells must be in ascending column order", r.row, quote(string(ref)), prev))
	}
	c.col = col
	r.prevCol, r.prevRefLen = col, copy(r.prevRef[:], ref)
	return nil
}

// endCell keeps a cell that has a value or a formula, and checks it.
func (r *Rows) endCell() error {
	c := &r.cell
	c.capture = nil
	tx := texts{value: c.v, formula: c.f, valueInText: true}
	if c.t == typeInline && c.hasIS {
		tx.value = c.is
	}
	if !c.hasF && tx.value.empty() {
		return nil // empty, wherever it is: nothing is kept
	}
	cell := Cell{Row: r.row, Col: c.col, HasValue: c.hasV || c.hasIS}
	if c.t == typeShared && c.hasV {
		// A shared string is resolved first: an empty one leaves the cell
		// empty, wherever it is.
		i, ok := atoi(r.text[c.v.start:c.v.end])
		if !ok || i >= r.wb.sst.len() {
			return r.cellError(
				fmt.Sprintf("ô %s trỏ tới chuỗi dùng chung số %s, nhưng bảng tính chỉ có %d chuỗi", cell.Ref(), quote(string(r.text[c.v.start:c.v.end])), r.wb.sst.len()),
				fmt.Sprintf("cell %s refers to shared string number %s, but the workbook has only %d", cell.Ref(), quote(string(r.text[c.v.start:c.v.end])), r.wb.sst.len()))
		}
		cell.Value, tx.valueInText = r.wb.sst.get(i), false
		if cell.Value == "" && !c.hasF {
			return nil
		}
	}
	lim := &r.wb.lim
	if c.col > lim.MaxColumn {
		return r.cellError(
			fmt.Sprintf("ô %s nằm ngoài các cột của biểu mẫu (tối đa cột %s)", cell.Ref(), columnName(lim.MaxColumn)),
			fmt.Sprintf("cell %s is outside the form's columns (at most column %s)", cell.Ref(), columnName(lim.MaxColumn)))
	}
	if r.row > lim.MaxRow {
		return r.cellError(
			fmt.Sprintf("ô %s nằm dưới hàng cuối cùng của biểu mẫu (tối đa hàng %d)", cell.Ref(), lim.MaxRow),
			fmt.Sprintf("cell %s is below the form's last row (at most row %d)", cell.Ref(), lim.MaxRow))
	}
	style := r.wb.style(c.style)
	cell.NumFmt = style.code

	switch c.t {
	case typeShared:
		cell.Kind = String
	case typeInline:
		cell.Kind = String
		r.unescape(&tx.value)
	case typeStr:
		cell.Kind = String
		r.unescape(&tx.value)
	case typeBool:
		cell.Kind, tx.valueInText = Bool, false
		switch v := r.text[c.v.start:c.v.end]; string(v) {
		case "1", "true", "TRUE":
			cell.Value = "TRUE"
		case "0", "false", "FALSE":
			cell.Value = "FALSE"
		case "":
		default:
			return r.cellError(
				fmt.Sprintf("ô %s có giá trị logic %s không hợp lệ (cần 0 hoặc 1)", cell.Ref(), quote(string(v))),
				fmt.Sprintf("cell %s has an invalid boolean %s (expected 0 or 1)", cell.Ref(), quote(string(v))))
		}
	case typeError:
		cell.Kind = ErrorValue
	case typeDate:
		cell.Kind = Date
	case typeNumber:
		cell.Kind = Number
		if style.date {
			cell.Kind = Date
		}
	default:
		return r.cellError(
			fmt.Sprintf("ô %s có kiểu dữ liệu %s không hợp lệ", cell.Ref(), quote(c.tText)),
			fmt.Sprintf("cell %s has an unknown data type %s", cell.Ref(), quote(c.tText)))
	}
	r.unescape(&tx.formula) // a formula is an ST_Xstring too
	r.cells = append(r.cells, cell)
	r.texts = append(r.texts, tx)
	return nil
}

// unescape decodes the _xHHHH_ escapes of a string value in place.
func (r *Rows) unescape(s *span) {
	d := decodeXString(r.text[s.start:s.end])
	s.end = s.start + len(d)
}

// materialize makes the row's texts strings, with one allocation.
func (r *Rows) materialize() {
	all := string(r.text)
	for i := range r.cells {
		tx := &r.texts[i]
		if tx.valueInText {
			r.cells[i].Value = all[tx.value.start:max(tx.value.end, tx.value.start)]
		}
		r.cells[i].Formula = all[tx.formula.start:max(tx.formula.end, tx.formula.start)]
	}
}

func (r *Rows) rowError(row int, msg, msgEN string) error {
	return &Error{Sheet: r.sheet, Row: row, Part: r.part, Msg: msg, MsgEN: msgEN}
}

func (r *Rows) cellError(msg, msgEN string) error {
	return &Error{Sheet: r.sheet, Cell: cellName(r.row, r.cell.col), Row: r.row, Part: r.part, Msg: msg, MsgEN: msgEN}
}

// broken is the error for a sheet that cannot be read to its end.
func (r *Rows) broken(err error) error {
	e := partError(r.part, r.wb.lim.MaxPartBytes, err)
	e.Sheet = r.sheet
	var where, whereEN string
	switch {
	case r.inRow && r.rowSettled:
		e.Row = r.row
		where, whereEN = fmt.Sprintf("hỏng trong hàng %d", r.row), fmt.Sprintf("breaks off in row %d", r.row)
	case r.prevRow > 0:
		e.Row = r.prevRow
		where, whereEN = fmt.Sprintf("hỏng sau hàng %d", r.prevRow), fmt.Sprintf("breaks off after row %d", r.prevRow)
	default:
		where, whereEN = "hỏng trước hàng đầu tiên", "breaks off before the first row"
	}
	e.Msg = "không đọc được trang tính đến hết: " + where + " (" + e.Msg + ")"
	e.MsgEN = "the sheet cannot be read to its end: it " + whereEN + " (" + e.MsgEN + ")"
	return e
}
