package vanban

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban-vn/vanban/nd30"
)

var columnKinds = map[string]ColumnKind{"text": TextColumn, "index": IndexColumn, "score": ScoreColumn}

func (d *decoder) appendices(n *yaml.Node, path string) []Appendix {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "yaml-type", "cần một danh sách phụ lục, nhận %s", "expected a list of appendices, got %s", kindName(n))
		return nil
	}
	out := make([]Appendix, 0, len(n.Content))
	for i, c := range n.Content {
		out = append(out, d.appendix(c, fmt.Sprintf("%s[%d]", path, i)))
	}
	return out
}

// appendixNodes are the parts of an appendix read after its columns.
type appendixNodes struct {
	rows, columns, rowsFrom, subtotals *yaml.Node
}

func (d *decoder) appendix(n *yaml.Node, path string) Appendix {
	var a Appendix
	var nodes appendixNodes
	if !d.mapping(n, path, d.appendixFields(&a, &nodes)) {
		return a
	}
	rowsNode, columnsNode, rowsFromNode, subtotalsNode := nodes.rows, nodes.columns, nodes.rowsFrom, nodes.subtotals
	if a.TotalLabel == "" && a.HasTotals() {
		a.TotalLabel = nd30.TotalLabel
	}
	if subtotalsNode != nil && len(a.Columns) > 0 {
		if c := a.SubtotalColumn(); c < 0 || a.Columns[c].Kind != TextColumn {
			d.errorf(subtotalsNode, join(path, "subtotals_by"), "table-column", "cần tiêu đề của một cột văn bản (ví dụ Đơn vị) để cộng riêng từng nhóm dòng; %q không phải", "expected the title of a text column (e.g. Đơn vị) to subtotal groups of rows; %q is not one", a.SubtotalsBy)
		}
	}
	switch {
	case rowsNode != nil && rowsFromNode != nil:
		d.errorf(rowsFromNode, join(path, "rows_from"), "table-rows", "chỉ dùng một trong hai: rows (các dòng viết trong YAML) hoặc rows_from (tệp biểu mẫu)", "use one of rows (rows written in the YAML) or rows_from (a form file), not both")
	case rowsNode != nil && len(a.Columns) > 0:
		a.Rows = d.rows(rowsNode, join(path, "rows"), a.Columns)
	case rowsFromNode != nil && len(a.Columns) > 0:
		a.RowsFrom, a.RowsFromPos = d.rowsFrom(rowsFromNode, join(path, "rows_from")), d.pos(rowsFromNode)
	}
	if a.Rows.Len()+a.BlankRows > MaxRows {
		d.errorf(n, path, "limit-rows", "phụ lục có %d dòng, vượt giới hạn %d dòng", "the appendix has %d rows, over the %d-row limit", a.Rows.Len()+a.BlankRows, MaxRows)
	}
	if len(a.Columns) > 0 {
		if _, err := nd30.ColumnWidths(a.ColumnSpecs(), a.Landscape); err != nil {
			why := localized{err.Error(), err.Error()}
			var we *nd30.ColumnWidthError
			if errors.As(err, &we) {
				why = localized{we.Vi, we.En}
			}
			d.errorf(columnsNode, join(path, "columns"), "table-width", "%v", "%v", why)
		}
	}
	return a
}

func (d *decoder) appendixFields(a *Appendix, nodes *appendixNodes) []field {
	cell := map[string]any{"type": []string{"string", "number", "null"}}
	return []field{
		{"title", true, func(v *yaml.Node, p string) { a.Title = d.requiredLine(v, p, "tên phụ lục") },
			func() map[string]any { return textOf("Tên phụ lục, viết in hoa") }},
		{"header", false, func(v *yaml.Node, p string) { a.Header = d.boolean(v, p) },
			func() map[string]any {
				return boolOf("Nhắc lại tên cơ quan, Quốc hiệu và địa danh, ngày tháng ở đầu phụ lục")
			}},
		{"landscape", false, func(v *yaml.Node, p string) { a.Landscape = d.boolean(v, p) },
			func() map[string]any { return boolOf("Trình bày phụ lục theo chiều ngang trang A4") }},
		{"columns", true, func(v *yaml.Node, p string) { nodes.columns, a.Columns = v, d.columns(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Các cột của bảng", "type": "array", "minItems": 1,
					"items": objectOf("Cột", d.columnFields(&Column{}))}
			}},
		{"total_label", false, func(v *yaml.Node, p string) { a.TotalLabel = d.line(v, p) },
			func() map[string]any {
				return textOf("Nhãn dòng tổng, ví dụ Tổng điểm; mặc định Tổng cộng")
			}},
		{"blank_rows", false, func(v *yaml.Node, p string) { a.BlankRows, _ = d.integer(v, p, 0, MaxRows) },
			func() map[string]any {
				return map[string]any{"description": "Số dòng trống của biểu mẫu để các đơn vị điền", "type": "integer", "minimum": 0, "maximum": MaxRows}
			}},
		{"rows", false, func(v *yaml.Node, p string) { nodes.rows = v },
			func() map[string]any {
				return map[string]any{"description": "Các dòng đã điền: danh sách ô theo thứ tự cột (trừ cột STT), hoặc ánh xạ tiêu đề cột → giá trị",
					"type": "array", "maxItems": MaxRows, "items": map[string]any{"oneOf": []any{
						map[string]any{"type": "array", "items": cell},
						map[string]any{"type": "object", "additionalProperties": cell},
					}}}
			}},
		{"rows_from", false, func(v *yaml.Node, p string) { nodes.rowsFrom = v },
			func() map[string]any {
				return textOf("Lấy các dòng từ tệp biểu mẫu .xlsx hoặc .csv, đường dẫn tính từ thư mục của tệp YAML")
			}},
		{"subtotals_by", false, func(v *yaml.Node, p string) { nodes.subtotals, a.SubtotalsBy = v, d.line(v, p) },
			func() map[string]any {
				return textOf("Cộng riêng từng nhóm dòng theo một cột văn bản, ví dụ Đơn vị")
			}},
	}
}

func (d *decoder) columnFields(col *Column) []field {
	return []field{
		{"title", true, func(v *yaml.Node, p string) { col.Title = d.requiredLine(v, p, "tiêu đề cột") },
			func() map[string]any { return textOf("Tiêu đề cột") }},
		{"kind", false, func(v *yaml.Node, p string) {
			k := d.line(v, p)
			kind, ok := columnKinds[k]
			if !ok {
				d.errorf(v, p, "table-column", "loại cột %q không hợp lệ; cần text, index hoặc score", "column kind %q is not valid; expected text, index or score", k)
			}
			col.Kind = kind
		}, func() map[string]any {
			return enumOf("Loại cột: text (chữ), index (STT tự đánh số), score (điểm, dấu phẩy thập phân)", "text", "index", "score")
		}},
		{"total", false, func(v *yaml.Node, p string) { col.Total = d.boolean(v, p) },
			func() map[string]any { return boolOf("Cộng cột điểm này ở dòng tổng") }},
		{"width", false, func(v *yaml.Node, p string) {
			w, err := nd30.ParseDecimal(resolve(v).Value)
			mm := w.Float()
			if resolve(v).Kind != yaml.ScalarNode || err != nil || mm < 5 || mm > 280 {
				d.errorf(v, p, "table-width", "cần độ rộng cột tính bằng mm, từ 5 đến 280; nhận %s", "expected a column width in mm from 5 to 280; got %s", kindName(resolve(v)))
				return
			}
			col.Width = mm
		}, func() map[string]any {
			return map[string]any{"description": "Độ rộng cột (mm); bỏ trống để chia đều phần còn lại", "type": "number", "minimum": 5, "maximum": 280}
		}},
		{"max", false, func(v *yaml.Node, p string) {
			m, err := nd30.ParseDecimal(resolve(v).Value)
			if resolve(v).Kind != yaml.ScalarNode || err != nil {
				d.errorf(v, p, "table-score", "cần điểm tối đa là một số, ví dụ 2 hoặc 0,5; nhận %s", "expected the maximum score as a number, e.g. 2 or 0,5; got %s", kindName(resolve(v)))
				return
			}
			col.Max = &m
		}, func() map[string]any {
			return map[string]any{"description": "Điểm tối đa của cột điểm, ví dụ 2 hoặc \"0,5\"", "type": []string{"number", "string"}}
		}},
	}
}

// rowsFrom checks the path of a returned form (XLSX or CSV) to read the
// rows from: relative to the YAML file's folder, which it may not leave.
// The file is read later, through a file system rooted at that folder
// (form.ResolveRowsFrom), so that a server can give it another root.
func (d *decoder) rowsFrom(n *yaml.Node, path string) string {
	rel := d.line(n, path)
	if rel == "" {
		d.errorf(n, path, "rows-from-path", "cần đường dẫn tệp .xlsx hoặc .csv, tính từ thư mục của tệp YAML", "expected the path of an .xlsx or .csv file, relative to the YAML file's folder")
		return ""
	}
	if !filepath.IsLocal(rel) || !fs.ValidPath(filepath.ToSlash(rel)) {
		d.errorf(n, path, "rows-from-path", "đường dẫn %q ra ngoài thư mục của tệp YAML; hãy đặt tệp biểu mẫu trong thư mục đó", "path %q leaves the YAML file's folder; put the form file in that folder", rel)
		return ""
	}
	return filepath.ToSlash(rel)
}

func (d *decoder) columns(n *yaml.Node, path string) []Column {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, path, "yaml-type", "cần danh sách các cột, ví dụ - {title: STT, kind: index}; nhận %s", "expected a list of columns, e.g. - {title: STT, kind: index}; got %s", kindName(n))
		return nil
	}
	cols := make([]Column, 0, len(n.Content))
	seen := map[string]bool{}
	for i, c := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		var col Column
		d.mapping(c, p, d.columnFields(&col))
		if col.Total && col.Kind != ScoreColumn {
			d.errorf(c, p+".total", "table-column", "chỉ cột điểm (kind: score) mới có dòng tổng", "only score columns (kind: score) have a total")
		}
		key := TitleKey(col.Title)
		if col.Title != "" && seen[key] {
			d.errorf(c, p+".title", "table-column", "tiêu đề cột %q bị trùng", "column title %q is used twice", col.Title)
		}
		seen[key] = true
		cols = append(cols, col)
	}
	return cols
}

// TitleKey is how column titles (and unit names, labels) are compared:
// case, spacing and Unicode normalisation do not matter.
func TitleKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// dataColumns are the columns a row fills: all but the index columns, which
// are numbered automatically.
func dataColumns(cols []Column) []int {
	idx := make([]int, 0, len(cols))
	for i, c := range cols {
		if c.Kind != IndexColumn {
			idx = append(idx, i)
		}
	}
	return idx
}

// rows reads filled rows: each a list of cells for the non-index columns in
// order, or a mapping from column title to cell. They are held as Rows as
// they are read, so that the cells of one slice of a long block are garbage
// as soon as the next slice is read.
func (d *decoder) rows(n *yaml.Node, path string, cols []Column) Rows {
	n = resolve(n)
	rd := newRowDecoder(d, path, cols)
	out := NewRowsBuilder(len(cols))
	cells := make([]Cell, len(cols))
	add := func(rn *yaml.Node, r int) {
		if rd.row(rn, r, cells) {
			if err := out.Append(cells); err != nil {
				d.errorf(rn, path+"["+strconv.Itoa(r)+"]", "table-row", "%s", "%s", localized{err.Error(), err.Error()})
			}
		}
	}
	if i := d.block(n); i >= 0 {
		// Rows cut out of the source: decoded slice by slice.
		d.blockUsed[i]++
		b := &d.blocks[i]
		ok := b.chunks(&d.nodeBudget, func(seq *yaml.Node, first int) bool {
			for k, rn := range seq.Content {
				add(rn, first+k)
			}
			return true
		})
		if !ok {
			d.blockFailed = true
			return Rows{}
		}
		return out.Rows()
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "yaml-type", "cần danh sách các dòng, nhận %s", "expected a list of rows, got %s", kindName(n))
		return Rows{}
	}
	if len(n.Content) > MaxRows {
		d.errorf(n, path, "limit-rows", "có %d dòng, vượt giới hạn %d dòng", "%d rows, over the %d-row limit", len(n.Content), MaxRows)
		return Rows{}
	}
	for r, rn := range n.Content {
		add(rn, r)
	}
	return out.Rows()
}

// rowDecoder reads the rows of one table: each a list of cells for the
// non-index columns in order, or a mapping from column title to cell.
type rowDecoder struct {
	d       *decoder
	path    string
	cols    []Column
	data    []int
	byTitle map[string]int
	titles  []string
}

func newRowDecoder(d *decoder, path string, cols []Column) *rowDecoder {
	rd := &rowDecoder{d: d, path: path, cols: cols, data: dataColumns(cols), byTitle: map[string]int{}, titles: make([]string, 0, len(cols))}
	for i, c := range cols {
		rd.byTitle[TitleKey(c.Title)] = i
		rd.titles = append(rd.titles, c.Title)
	}
	return rd
}

// row decodes row r into row, one cell per column; false when it has an
// error (recorded). The paths of the row and its cells name them in errors
// only, so they are made when one is reported: half a million cells in a
// 100,000-row appendix.
func (rd *rowDecoder) row(rn *yaml.Node, r int, row []Cell) bool {
	d, cols, data := rd.d, rd.cols, rd.data
	p := func() string { return rd.path + "[" + strconv.Itoa(r) + "]" }
	clear(row)
	rn = resolve(rn)
	switch rn.Kind {
	case yaml.SequenceNode:
		if len(rn.Content) > len(data) {
			d.errorf(rn.Content[len(data)], p(), "table-row", "dòng có %d ô nhưng bảng chỉ có %d cột cần điền (cột STT được đánh số tự động)", "the row has %d cells but the table has only %d columns to fill (the STT column is numbered automatically)", len(rn.Content), len(data))
			return false
		}
		for k, cn := range rn.Content {
			row[data[k]] = d.cell(cn, func() string { return p() + "[" + strconv.Itoa(k) + "]" }, cols[data[k]])
		}
	case yaml.MappingNode:
		filled := make([]string, len(cols)) // the key each column was filled by
		for k := 0; k+1 < len(rn.Content); k += 2 {
			kn, vn := resolve(rn.Content[k]), rn.Content[k+1]
			ci, ok := rd.byTitle[TitleKey(kn.Value)]
			if !ok {
				vi, en := fmt.Sprintf("không có cột tên %q", kn.Value), fmt.Sprintf("there is no column titled %q", kn.Value)
				if s := didYouMean(kn.Value, rd.titles); s != "" {
					vi += fmt.Sprintf("; có phải ý bạn là %q?", s)
					en += fmt.Sprintf("; did you mean %q?", s)
				}
				d.errorf(kn, p(), "table-row", "%s", "%s", localized{vi, en})
				continue
			}
			if cols[ci].Kind == IndexColumn {
				d.errorf(kn, p(), "table-row", "cột %q được đánh số tự động, không điền", "column %q is numbered automatically; do not fill it", cols[ci].Title)
				continue
			}
			if filled[ci] != "" {
				// "Điểm" and "điểm" name one column: the second would replace the first.
				d.errorf(kn, p(), "table-row", "cột %q đã được điền ở dòng này (khoá %q); mỗi cột chỉ điền một lần", "column %q is already filled in this row (key %q); fill each column once", cols[ci].Title, filled[ci])
				continue
			}
			filled[ci] = kn.Value
			row[ci] = d.cell(vn, func() string { return join(p(), kn.Value) }, cols[ci])
		}
	default:
		d.errorf(rn, p(), "yaml-type", "cần một dòng: danh sách ô hoặc ánh xạ tiêu đề cột → giá trị; nhận %s", "expected a row: a list of cells or a mapping of column title → value; got %s", kindName(rn))
		return false
	}
	return true
}

// cell decodes a table cell; path names it, for errors.
func (d *decoder) cell(n *yaml.Node, path func() string, col Column) Cell {
	s, ok := plainText(n)
	if !ok {
		s, ok = d.text(n, path()) // what text does with anything else, errors included
	}
	if !ok {
		return Cell{}
	}
	s = strings.TrimSpace(s)
	if col.Kind != ScoreColumn || s == "" {
		return Cell{Text: s}
	}
	v, bad := nd30.ParseScore(s, col.Max) // the rule the returned forms are read by too
	if bad != nil {
		d.errorf(n, path(), "table-score", "cột %q: %s", "column %q: %s", col.Title, localized{bad.Vi, bad.En})
		if bad.Problem == nd30.ScoreNotNumber {
			return Cell{}
		}
	}
	return Cell{Text: v.String(), Score: &v}
}

// plainText is the text of a scalar that d.text would return as written,
// recording nothing: not null, NFC already, no carriage return and no control
// character but line feed and tab.
func plainText(n *yaml.Node) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || !norm.NFC.IsNormalString(n.Value) {
		return "", false
	}
	for _, r := range n.Value {
		if unicode.IsControl(r) && r != '\n' && r != '\t' { // '\r' too: text turns "\r\n" into "\n"
			return "", false
		}
	}
	return n.Value, true
}
