package form

import (
	"fmt"
	"strconv"
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// valueKind is what a cell of a returned form holds, as far as reading it
// goes: text and numbers become values; the rest cannot be a score or a
// criterion and is an error where a value belongs.
type valueKind int

const (
	textValue         valueKind = iota
	numberValue                 // a number as the file stores it ("7.5", "0.30000000000000004")
	dateValue                   // a number shown as a date: Vietnamese-locale Excel turns "7.5" into 07/05
	boolValue                   // TRUE/FALSE
	errorValue                  // #DIV/0!, #REF! …
	uncomputedFormula           // a formula with no value saved
)

// srcCell is one non-empty cell as a reader found it.
type srcCell struct {
	col     int        // 0-based column of the grid
	value   string     // as read, not yet cleaned
	kind    valueKind  //
	ref     string     // "D9" in a workbook
	pos     vanban.Pos // line and column in a CSV file
	formula string     // for messages about formulas
}

// tableReader turns the rows of one sheet (or CSV file) into a Table: it
// finds the header row by the columns' titles, then reads every row below
// it, and knows the form's furniture (the unit cell above, subtotal and
// total rows below) by place and label.
type tableReader struct {
	spec  Spec
	name  string // file name for messages
	sheet string
	errs  vanban.ErrorList

	state    int // before the header, in the table, after the total row
	out      *Table
	colOf    []int    // spec column of each grid column (-1: none), from the header row
	labelCol int      // the grid column a sum row's label stands in: the table's first
	bestMiss []string // the fewest missing titles of any row, for "not a form"
	values   []srcCell
	has      []bool
	rows     *vanban.RowsBuilder // the data rows read, compactly
	cells    []vanban.Cell       // the row being read
	totalKey string
	subKey   string
}

const (
	beforeHeader = iota
	inTable
	afterTotal
)

func newTableReader(spec Spec, name, sheet string) *tableReader {
	r := &tableReader{spec: spec, name: name, sheet: sheet, out: &Table{Name: name, Sheet: sheet, Count: newCount(len(spec.Columns))},
		values: make([]srcCell, len(spec.Columns)), has: make([]bool, len(spec.Columns)),
		rows: vanban.NewRowsBuilder(len(spec.Columns)), cells: make([]vanban.Cell, len(spec.Columns)),
		subKey: vanban.TitleKey(nd30.SubtotalPrefix)}
	if spec.TotalLabel != "" {
		r.totalKey = vanban.TitleKey(spec.TotalLabel)
	}
	for _, c := range spec.Columns {
		if c.Kind != vanban.IndexColumn {
			r.bestMiss = append(r.bestMiss, c.Title)
		}
	}
	return r
}

// fail records a problem at a cell; it reports whether reading may go on.
func (r *tableReader) fail(c srcCell, rule, vi, en string, args ...any) bool {
	r.errs = append(r.errs, &vanban.Error{File: r.name, Sheet: r.sheet, Cell: c.ref, Pos: c.pos, Rule: rule,
		Msg: fmt.Sprintf(vi, args...), MsgEN: fmt.Sprintf(en, args...)})
	return len(r.errs) < maxErrors
}

// row takes the next non-empty row of the grid: its cells in column order.
// It returns false when reading should stop (too many errors, a limit).
func (r *tableReader) row(cells []srcCell) bool {
	switch r.state {
	case beforeHeader:
		return r.beforeHeader(cells)
	case afterTotal:
		for _, c := range cells {
			if !r.fail(c, "form-below-total", "ô có dữ liệu dưới dòng tổng (%q): biểu mẫu kết thúc ở dòng tổng; hãy chuyển dòng này lên trên dòng tổng hoặc xóa nó", "a cell below the total row holds %q: the form ends at the total row; move the row above the total or delete it", shorten(c.value)) {
				return false
			}
		}
		return true
	}
	return r.dataRow(cells)
}

func shorten(s string) string {
	s = clean(s)
	if len([]rune(s)) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// beforeHeader looks for the unit's name and the header row.
func (r *tableReader) beforeHeader(cells []srcCell) bool {
	unitKey := vanban.TitleKey(nd30.UnitLabel)
	keys := make(map[string]srcCell, len(cells))
	var dups []srcCell
	for i, c := range cells {
		k := vanban.TitleKey(clean(c.value))
		if k == "" {
			continue
		}
		if k == unitKey {
			for _, next := range cells[i+1:] {
				if s := clean(next.value); s != "" {
					r.out.Unit = s
					break
				}
			}
		} else if strings.HasPrefix(k, unitKey) && r.out.Unit == "" {
			// The name typed into the label's own cell: "Đơn vị báo cáo: Sở Tư pháp".
			r.out.Unit = strings.TrimSpace(clean(c.value)[len(nd30.UnitLabel):])
		}
		if first, dup := keys[k]; dup {
			dups = append(dups, first, c)
			continue
		}
		keys[k] = c
	}
	var missing []string
	hits := 0
	for _, col := range r.spec.Columns {
		if _, ok := keys[vanban.TitleKey(col.Title)]; ok {
			hits++
		} else if col.Kind != vanban.IndexColumn {
			missing = append(missing, col.Title)
		}
	}
	if hits == 0 || len(missing) > 0 {
		if hits > 0 && len(missing) < len(r.bestMiss) {
			r.bestMiss = missing
		}
		return true
	}
	// The header row.
	r.state = inTable
	for k := 0; k+1 < len(dups); k += 2 {
		a, b := dups[k], dups[k+1]
		if r.isTitle(a.value) {
			where := a.ref
			if where == "" {
				where = fmt.Sprintf("%d:%d", a.pos.Line, a.pos.Column)
			}
			r.fail(b, "form-column-duplicate", "tiêu đề cột %q lặp lại (đã có ở %s): không biết cột nào là cột của biểu mẫu; hãy xóa hoặc đổi tên một cột", "the column title %q appears twice (also at %s): which column belongs to the form is unclear; delete or rename one", clean(b.value), where)
		}
	}
	maxCol := 0
	for _, c := range cells {
		maxCol = max(maxCol, c.col+1)
	}
	r.colOf = make([]int, maxCol)
	for i := range r.colOf {
		r.colOf[i] = -1
	}
	r.labelCol = -1
	var extra []string
	var extraAt srcCell
	for _, c := range cells {
		k := vanban.TitleKey(clean(c.value))
		j := r.specColumn(k)
		if j < 0 {
			if len(extra) == 0 {
				extraAt = c
			}
			extra = append(extra, clean(c.value))
			continue
		}
		r.colOf[c.col] = j
		if r.labelCol < 0 {
			r.labelCol = c.col
		}
	}
	if len(extra) > 0 {
		r.fail(extraAt, "form-column-extra", "có cột không thuộc biểu mẫu: %s; hãy xóa các cột này hoặc sửa tiêu đề cho khớp", "columns that are not in the form: %s; remove them or correct their titles", quoteList(extra))
	}
	return len(r.errs) < maxErrors
}

func (r *tableReader) isTitle(v string) bool { return r.specColumn(vanban.TitleKey(clean(v))) >= 0 }

func (r *tableReader) specColumn(key string) int {
	for j, col := range r.spec.Columns {
		if vanban.TitleKey(col.Title) == key {
			return j
		}
	}
	return -1
}

// dataRow reads a row below the header: a data row, an empty row, a
// subtotal row of a consolidated workbook, or the total row.
func (r *tableReader) dataRow(cells []srcCell) bool {
	clear(r.has)
	var label string
	outside := false
	for _, c := range cells {
		if c.col == r.labelCol {
			label = vanban.TitleKey(clean(c.value))
		}
		j := -1
		if c.col < len(r.colOf) {
			j = r.colOf[c.col]
		}
		if j < 0 {
			if clean(c.value) == "" && c.kind == textValue {
				continue // spaces only
			}
			outside = true
			if !r.fail(c, "form-cell-outside", "ô có dữ liệu (%q) ngoài các cột của biểu mẫu: hãy xóa hoặc chuyển vào đúng cột", "a cell outside the form's columns holds %q: delete it or move it into the right column", shorten(c.value)) {
				return false
			}
			continue
		}
		r.values[j], r.has[j] = c, true
	}
	// Which kinds of cells the row fills decides what it is.
	textFilled, scoreFilled := false, false
	for j, col := range r.spec.Columns {
		if !r.has[j] || (r.values[j].kind == textValue && clean(r.values[j].value) == "") {
			r.has[j] = false
			continue
		}
		switch col.Kind {
		case vanban.TextColumn:
			if r.colOf[r.labelCol] != j { // the label's own cell does not count
				textFilled = true
			}
		case vanban.ScoreColumn:
			scoreFilled = true
		}
	}
	isLabel := func(key string) bool { return label != "" && !textFilled && strings.HasPrefix(label, key) }
	switch {
	case r.totalKey != "" && label == r.totalKey && !textFilled:
		r.out.Count.Totals++
		r.state = afterTotal
		return r.checkTotal()
	case r.spec.Subtotals && isLabel(r.subKey):
		r.out.Count.Subtotals++
		return true
	case outside:
		return true
	}
	if c, ok := r.indexText(); ok && !textFilled {
		// Text in the STT column, alone on its row or with scores only: a
		// criterion typed one column to the left, or a sum row the form
		// does not have. Read as a blank row it would be lost; read as
		// data its scores would be counted again.
		return r.fail(c, "form-index-text", "ô STT ghi %q, không phải số thứ tự, và dòng không có nội dung ở cột khác: hãy chuyển nội dung vào đúng cột, hoặc xóa dòng nếu đó là một dòng cộng",
			"the STT cell holds %q, not a number, and the row has no text in another column: move it into the right column, or delete the row if it is a sum", shorten(c.value))
	}
	switch {
	case !textFilled && !scoreFilled && !r.labelIsData():
		r.out.Count.Empty++ // a blank form row, perhaps with its STT
		return true
	}
	if r.out.Count.Rows >= vanban.MaxRows {
		r.fail(cells[0], "limit-rows", "biểu mẫu có hơn %d dòng, vượt giới hạn", "the form has more than %d rows, over the limit", vanban.MaxRows)
		return false
	}
	row := r.cells
	clear(row)
	ok := true
	for j, col := range r.spec.Columns {
		if !r.has[j] || col.Kind == vanban.IndexColumn {
			continue
		}
		c := r.values[j]
		v, good := r.value(c, col)
		if !good {
			ok = false
			if len(r.errs) >= maxErrors {
				return false
			}
			continue
		}
		row[j] = v
	}
	if !ok {
		return true
	}
	for j := range row {
		if s := row[j].Score; s != nil {
			r.out.Count.Sums[j] = r.out.Count.Sums[j].Add(*s)
		}
	}
	if err := r.rows.Append(row); err != nil {
		return r.fail(cells[0], "limit-size", "%v", "%v", err)
	}
	r.out.Count.Rows++
	return true
}

// checkTotal compares what the form's own total row says with the sums of
// the rows read. They differ when a row stands outside the total's formula
// or when the row taken for the total is a criterion that happens to be
// labelled like it: either way the unit's form does not add up, and a
// person must look.
func (r *tableReader) checkTotal() bool {
	for j, col := range r.spec.Columns {
		if !r.has[j] || col.Kind != vanban.ScoreColumn {
			continue
		}
		c := r.values[j]
		if c.kind == uncomputedFormula {
			continue // nothing to compare: the file was never calculated
		}
		v, ok := r.value(c, vanban.Column{Title: col.Title, Kind: vanban.ScoreColumn})
		if !ok {
			if len(r.errs) >= maxErrors {
				return false
			}
			continue
		}
		if v.Score.Cmp(r.out.Count.Sums[j]) != 0 {
			if !r.fail(c, "form-total-mismatch", "dòng tổng ghi %s ở cột %q nhưng các dòng phía trên cộng lại được %s: có dòng nằm ngoài công thức tổng, hoặc dòng này không phải dòng tổng; hãy kiểm tra biểu mẫu", "the total row says %s in column %q but the rows above add up to %s: a row lies outside the total's formula, or this row is not the total; check the form", v.Score, col.Title, r.out.Count.Sums[j]) {
				return false
			}
		}
	}
	return true
}

// labelIsData reports whether the label column is a text column holding
// text: a criterion written in the table's first column, with nothing else.
// indexText is the row's cell in an index column that holds something
// other than a number ("3", "3."), if any.
func (r *tableReader) indexText() (srcCell, bool) {
	for j, col := range r.spec.Columns {
		if col.Kind != vanban.IndexColumn || !r.has[j] || r.values[j].kind != textValue {
			continue
		}
		v := strings.TrimSuffix(clean(r.values[j].value), ".")
		if _, err := strconv.Atoi(v); err != nil {
			return r.values[j], true
		}
	}
	return srcCell{}, false
}

func (r *tableReader) labelIsData() bool {
	if r.labelCol < 0 {
		return false
	}
	j := r.colOf[r.labelCol]
	return r.spec.Columns[j].Kind == vanban.TextColumn && r.has[j]
}

// value is a cell's value for its column, or false after recording why it
// cannot be one.
func (r *tableReader) value(c srcCell, col vanban.Column) (vanban.Cell, bool) {
	switch c.kind {
	case dateValue:
		if col.Kind == vanban.ScoreColumn {
			return r.bad(c, "form-cell-date", "ô chứa một ngày tháng (số %s) chứ không phải điểm của cột %q: Excel đã đổi số vừa gõ thành ngày; hãy định dạng ô là Số (Number) hoặc Văn bản (Text) và gõ lại", "the cell holds a date (serial %s), not a score for column %q: Excel turned the number typed into a date; format the cell as Number or Text and type it again", c.value, col.Title)
		}
		return r.bad(c, "form-cell-date", "ô chứa một ngày tháng (số %s) ở cột %q: vanban không biết ngày ấy được viết thế nào; hãy định dạng ô là Văn bản (Text) và gõ lại", "the cell holds a date (serial %s) in column %q: how it should be written is unknown; format the cell as Text and type it again", c.value, col.Title)
	case boolValue:
		return r.bad(c, "form-cell-type", "ô chứa giá trị đúng/sai (%s), không phải giá trị của cột %q", "the cell holds a boolean (%s), not a value for column %q", c.value, col.Title)
	case errorValue:
		return r.bad(c, "form-cell-type", "ô chứa lỗi của Excel (%s) thay cho giá trị của cột %q; hãy sửa công thức", "the cell holds an Excel error (%s) instead of a value for column %q; fix the formula", c.value, col.Title)
	case uncomputedFormula:
		return r.bad(c, "form-cell-formula", "ô có công thức (=%s) nhưng tệp không lưu giá trị đã tính: hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại, hoặc gõ thẳng giá trị", "the cell has a formula (=%s) but the file holds no computed value: open and save the file in Excel or LibreOffice, or type the value", c.formula)
	}
	text := clean(c.value)
	if c.kind == numberValue {
		text = numberText(c.value)
	}
	if col.Kind != vanban.ScoreColumn {
		return vanban.Cell{Text: text}, true
	}
	// The rule the YAML's rows are read by too; the cell names the place.
	d, bad := nd30.ParseScore(text, col.Max)
	if bad != nil {
		r.errs = append(r.errs, &vanban.Error{File: r.name, Sheet: r.sheet, Cell: c.ref, Pos: c.pos, Rule: "table-score",
			Msg: fmt.Sprintf("%s (cột %q)", bad.Vi, col.Title), MsgEN: fmt.Sprintf("%s (column %q)", bad.En, col.Title)})
		return vanban.Cell{}, false
	}
	return vanban.Cell{Text: d.String(), Score: &d}, true
}

// bad records why a cell cannot be a value.
func (r *tableReader) bad(c srcCell, rule, vi, en string, args ...any) (vanban.Cell, bool) {
	r.fail(c, rule, vi, en, args...)
	return vanban.Cell{}, false
}

// numberText is a number as a workbook stores it, written as a person typed
// it: 15 significant digits, as Excel shows (0.30000000000000004 is 0.3),
// and never with an exponent.
func numberText(v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return clean(v)
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// finish returns the table, or every problem found.
func (r *tableReader) finish() (*Table, error) {
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	r.out.Rows = r.rows.Rows()
	return r.out, nil
}

// notAForm is the error for a sheet without the form's header row.
func (r *tableReader) notAForm() *vanban.Error {
	vi := "không phải biểu mẫu của phụ lục: không tìm thấy hàng tiêu đề cột"
	en := "not the appendix form: no row of column titles found"
	if len(r.bestMiss) > 0 {
		vi += "; thiếu các cột: " + quoteList(r.bestMiss)
		en += "; missing columns: " + quoteList(r.bestMiss)
	}
	return &vanban.Error{Rule: "table-form", File: r.name, Sheet: r.sheet, Msg: vi, MsgEN: en}
}
