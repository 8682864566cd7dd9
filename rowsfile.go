package vanban

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban-vn/vanban/nd30"
)

// RowsFile is what a returned appendix form holds: its rows, in the order of
// the appendix's columns, and the unit that filled it in, when it says.
type RowsFile struct {
	Path  string
	Sheet string // the sheet the rows came from (XLSX)
	Unit  string // the "Đơn vị báo cáo:" cell, or ""
	Rows  [][]Cell
}

// ReadRows reads the filled rows of a form for the given columns from an
// XLSX workbook or a UTF-8 CSV file. Columns are found by their titles
// (case, spacing and Unicode normalisation do not matter), not by position;
// the index column may be left out, any other missing or extra column is an
// error that names them. Rows end at the total row. Every bad cell is
// reported as FILE, sheet NAME, cell D7 (or FILE:LINE:COL for CSV).
func ReadRows(path string, cols []Column, totalLabel string) (*RowsFile, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" {
		return nil, ErrorList{{Rule: "table-form", File: path, Msg: "cần tệp .xlsx hoặc .csv (UTF-8)", MsgEN: "expected an .xlsx or UTF-8 .csv file"}}
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if ext == ".csv" {
		return readCSV(path, data, cols, totalLabel)
	}
	return readXLSX(path, data, cols, totalLabel)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err == nil && len(data) > MaxInputBytes {
		err = fmt.Errorf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20)
	}
	return data, err
}

// grid is a sheet's cells as text, with how to name a cell in messages.
type grid struct {
	rows  [][]string
	where func(row, col int) (Pos, string) // position for CSV, cell name for XLSX
}

func readXLSX(path string, data []byte, cols []Column, totalLabel string) (*RowsFile, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 16 * MaxInputBytes, UnzipXMLSizeLimit: 16 * MaxInputBytes})
	if err != nil {
		return nil, ErrorList{{Rule: "table-form", File: path, Msg: "không mở được bảng tính Excel: " + errText(err), MsgEN: "cannot open the Excel workbook: " + errText(err)}}
	}
	defer f.Close()
	var best *formMatch
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, ErrorList{{Rule: "table-form", File: path, Sheet: sheet, Msg: "không đọc được trang tính: " + errText(err), MsgEN: "cannot read the sheet: " + errText(err)}}
		}
		g := grid{rows: rows, where: func(row, col int) (Pos, string) {
			name, _ := excelize.CoordinatesToCellName(col+1, row+1)
			return Pos{}, name
		}}
		m := matchForm(g, cols)
		m.sheet = sheet
		if m.header >= 0 {
			return m.read(path, cols, totalLabel)
		}
		if best == nil || len(m.missing) < len(best.missing) {
			best = &m
		}
	}
	if best == nil {
		return nil, ErrorList{{Rule: "table-form", File: path, Msg: "bảng tính không có trang nào", MsgEN: "the workbook has no sheets"}}
	}
	return nil, best.notAForm(path)
}

func readCSV(path string, data []byte, cols []Column, totalLabel string) (*RowsFile, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if p, ok := firstInvalidUTF8(data); !ok {
		return nil, ErrorList{{Rule: "file-encoding", File: path, Pos: p, Msg: "tệp CSV không phải UTF-8 hợp lệ (hãy lưu với mã hóa UTF-8)", MsgEN: "the CSV file is not valid UTF-8 (save it as UTF-8)"}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var rows [][]string
	var positions [][]Pos
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, ErrorList{{Rule: "table-form", File: path, Pos: Pos{pe.Line, max(pe.Column, 1)}, Msg: "lỗi cú pháp CSV: " + errText(pe.Err), MsgEN: "CSV syntax error: " + errText(pe.Err)}}
			}
			return nil, ErrorList{{Rule: "table-form", File: path, Msg: "lỗi đọc CSV: " + errText(err), MsgEN: "error reading CSV: " + errText(err)}}
		}
		ps := make([]Pos, len(rec))
		for i := range rec {
			line, col := r.FieldPos(i)
			ps[i] = Pos{line, col}
		}
		rows = append(rows, rec)
		positions = append(positions, ps)
	}
	g := grid{rows: rows, where: func(row, col int) (Pos, string) {
		if row < len(positions) && col < len(positions[row]) {
			return positions[row][col], ""
		}
		if row < len(positions) && len(positions[row]) > 0 {
			return positions[row][0], ""
		}
		return Pos{row + 1, 1}, ""
	}}
	m := matchForm(g, cols)
	if m.header < 0 {
		return nil, m.notAForm(path)
	}
	return m.read(path, cols, totalLabel)
}

// formMatch is where a grid's header row is and which column holds what.
type formMatch struct {
	g       grid
	sheet   string
	header  int   // row of the column titles, -1 if none
	colOf   []int // grid column of each appendix column, -1 if absent
	extra   []string
	missing []string
}

// matchForm looks for the row holding the appendix's column titles.
func matchForm(g grid, cols []Column) formMatch {
	best := formMatch{g: g, header: -1}
	for _, c := range cols {
		if c.Kind != IndexColumn {
			best.missing = append(best.missing, c.Title)
		}
	}
	for r, row := range g.rows {
		m := formMatch{g: g, header: r, colOf: make([]int, len(cols))}
		found := map[string]int{}
		for i, v := range row {
			if k := matchKey(v); k != "" {
				if _, dup := found[k]; !dup {
					found[k] = i
				}
			}
		}
		hits := 0
		for j, c := range cols {
			m.colOf[j] = -1
			if i, ok := found[matchKey(c.Title)]; ok {
				m.colOf[j] = i
				delete(found, matchKey(c.Title))
				hits++
			} else if c.Kind != IndexColumn {
				m.missing = append(m.missing, c.Title)
			}
		}
		if hits == 0 {
			continue
		}
		for i, v := range row {
			if _, ok := found[matchKey(v)]; ok && matchKey(v) != "" {
				m.extra = append(m.extra, strings.TrimSpace(row[i]))
			}
		}
		if len(m.missing) == 0 {
			return m
		}
		if len(m.missing) < len(best.missing) {
			m.header = -1
			best = m
		}
	}
	best.header = -1
	return best
}

func (m *formMatch) notAForm(path string) error {
	vi := "không phải biểu mẫu của phụ lục: không tìm thấy hàng tiêu đề cột"
	en := "not the appendix form: no row of column titles found"
	if len(m.missing) > 0 {
		vi += "; thiếu các cột: " + quoteList(m.missing)
		en += "; missing columns: " + quoteList(m.missing)
	}
	return ErrorList{{Rule: "table-form", File: path, Sheet: m.sheet, Msg: vi, MsgEN: en}}
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// read collects the rows under the header, up to the total row.
func (m *formMatch) read(path string, cols []Column, totalLabel string) (*RowsFile, error) {
	var errs ErrorList
	fail := func(row, col int, rule, vi, en string, args ...any) {
		pos, ref := m.g.where(row, col)
		errs = append(errs, &Error{File: path, Sheet: m.sheet, Cell: ref, Pos: pos, Rule: rule,
			Msg: fmt.Sprintf(vi, args...), MsgEN: fmt.Sprintf(en, args...)})
	}
	if len(m.extra) > 0 {
		fail(m.header, 0, "table-form", "có cột không thuộc biểu mẫu: %s; hãy xóa các cột này hoặc sửa tiêu đề cho khớp", "columns that are not in the form: %s; remove them or correct their titles", quoteList(m.extra))
		return nil, errs
	}
	out := &RowsFile{Path: path, Sheet: m.sheet}
	// The unit names itself above the table: "Đơn vị báo cáo:" and its value.
	label := matchKey(UnitLabel)
	for _, row := range m.g.rows[:m.header] {
		for i, v := range row {
			if matchKey(v) != label {
				continue
			}
			for _, w := range row[i+1:] {
				if s := clean(w); s != "" {
					out.Unit = s
					break
				}
			}
		}
	}
	totals := map[string]bool{matchKey(totalLabel): true, "tổng cộng": true, "tổng điểm": true, "tổng": true}
	cellAt := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return row[i]
	}
	subtotal := matchKey(SubtotalLabel(""))
	values := make([]string, len(cols))
	for r := m.header + 1; r < len(m.g.rows); r++ {
		row := m.g.rows[r]
		if len(out.Rows) >= MaxRows {
			fail(r, 0, "limit-rows", "có hơn %d dòng, vượt giới hạn", "more than %d rows, over the limit", MaxRows)
			break
		}
		isTotal, isSubtotal, empty := false, false, true
		for j, c := range cols {
			v := clean(cellAt(row, m.colOf[j]))
			values[j] = v
			if j < 3 && v != "" {
				key := strings.ToLower(v) // v is clean: this is matchKey(v)
				isTotal = isTotal || totals[key]
				isSubtotal = isSubtotal || strings.HasPrefix(key, subtotal) // a consolidated workbook's per-unit sums
			}
			if c.Kind != IndexColumn && v != "" {
				empty = false
			}
		}
		if isTotal {
			break
		}
		if empty || isSubtotal {
			continue
		}
		cells := make([]Cell, len(cols))
		for j, c := range cols {
			if c.Kind == IndexColumn {
				continue
			}
			v := values[j]
			if c.Kind != ScoreColumn || v == "" {
				cells[j] = Cell{Text: v}
				continue
			}
			d, err := nd30.ParseDecimal(v)
			switch {
			case err != nil:
				fail(r, m.colOf[j], "table-score", "%q không phải là điểm (cột %q cần một số, ví dụ 0,5)", "%q is not a score (column %q takes a number, e.g. 0,5)", v, c.Title)
			case d.Sign() < 0:
				fail(r, m.colOf[j], "table-score", "điểm %s âm (cột %q)", "score %s is negative (column %q)", d, c.Title)
			case c.Max != nil && d.Cmp(*c.Max) > 0:
				fail(r, m.colOf[j], "table-score", "điểm %s lớn hơn điểm tối đa %s của cột %q", "score %s is above the maximum %s of column %q", d, c.Max, c.Title)
			default:
				cells[j] = Cell{Text: d.String(), Score: &d}
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// clean is a cell's text as the model keeps text: NFC, no control
// characters, runs of white space as one space.
func clean(s string) string {
	if isClean(s) {
		return s // most cells: no copy
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "�")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// isClean reports whether clean would return s unchanged: valid UTF-8, no
// control characters, single spaces between words only, NFC.
func isClean(s string) bool {
	space := true // at the start, a space would be leading
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"): // an invalid byte
			return false
		case r < 0x20, r == 0x7f:
			return false
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return (s == "" || !space) && norm.NFC.IsNormalString(s)
}
