package form

import (
	"errors"
	"fmt"
	"io"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/internal/xlsxread"
)

// formLimits bound what reading one workbook may cost, checked as cells
// arrive: no column padding, no part larger than the file may hold.
var formLimits = xlsxread.Limits{
	MaxColumn:        256,                    // IV: far right of any form
	MaxRow:           vanban.MaxRows + 1_000, // the rows, the furniture above and below
	MaxPartBytes:     512 << 20,              // one sheet's XML, uncompressed
	MaxSharedStrings: 256 << 20,
}

// readXLSX reads a returned workbook. The sheet holding the form is found
// by its header row, not by its place: a workbook may keep the blank form
// on one sheet and the filled copy on another ("Phụ lục (2)"). Of the sheets
// with the header, the one with rows is read; two with rows is an error
// naming both, since only a person can say which is the unit's answer.
func readXLSX(name string, r io.ReaderAt, size int64, spec Spec) (*Table, error) {
	wb, err := xlsxread.Open(r, size, formLimits)
	if err != nil {
		return nil, xlsxError(name, "", err)
	}
	var firstForm *Table
	var filled []*Table
	var best *tableReader
	for _, sheet := range wb.Sheets() {
		tr := newTableReader(spec, name, sheet)
		if err := readSheet(wb, sheet, tr); err != nil {
			return nil, err
		}
		if tr.state == beforeHeader {
			if best == nil || len(tr.bestMiss) < len(best.bestMiss) {
				best = tr
			}
			continue
		}
		t, err := tr.finish()
		if err != nil {
			return nil, err
		}
		if firstForm == nil {
			firstForm = t
		}
		if t.Rows.Len() > 0 {
			filled = append(filled, t)
		}
	}
	switch {
	case len(filled) == 1:
		return filled[0], nil
	case len(filled) > 1:
		return nil, fileError(name, "form-sheets", fmt.Sprintf("nhiều trang tính có số liệu của biểu mẫu: %q và %q; hãy để số liệu ở một trang tính và xóa các trang kia", filled[0].Sheet, filled[1].Sheet), fmt.Sprintf("several sheets hold the form's rows: %q and %q; keep the rows on one sheet and delete the others", filled[0].Sheet, filled[1].Sheet))
	case firstForm != nil:
		return firstForm, nil
	case best != nil:
		return nil, vanban.ErrorList{best.notAForm()}
	}
	return nil, fileError(name, "table-form", "bảng tính không có trang nào", "the workbook has no sheets")
}

// readSheet streams one sheet's rows into tr; an error is returned only
// when the sheet cannot be read to its end.
func readSheet(wb *xlsxread.Workbook, sheet string, tr *tableReader) error {
	rows, err := wb.Rows(sheet)
	if err != nil {
		return xlsxError(tr.name, sheet, err)
	}
	defer rows.Close()
	var cells []srcCell
	for rows.Next() {
		_, row := rows.Row()
		cells = cells[:0]
		for _, c := range row {
			sc := srcCell{col: c.Col - 1, value: c.Value, ref: c.Ref(), formula: c.Formula}
			switch {
			case !c.HasValue:
				sc.kind = uncomputedFormula
			case c.Kind == xlsxread.Number:
				sc.kind = numberValue
			case c.Kind == xlsxread.Date:
				sc.kind = dateValue
			case c.Kind == xlsxread.Bool:
				sc.kind = boolValue
			case c.Kind == xlsxread.ErrorValue:
				sc.kind = errorValue
			}
			cells = append(cells, sc)
		}
		if !tr.row(cells) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return xlsxError(tr.name, sheet, err)
	}
	return nil
}

// xlsxError places a reader's error in the file, sheet and cell it names.
func xlsxError(name, sheet string, err error) error {
	var xe *xlsxread.Error
	if errors.As(err, &xe) {
		if xe.Sheet != "" {
			sheet = xe.Sheet
		}
		return vanban.ErrorList{{Rule: "table-form", File: name, Sheet: sheet, Cell: xe.Cell, Msg: xe.Msg, MsgEN: xe.MsgEN}}
	}
	return vanban.ErrorList{{Rule: "table-form", File: name, Sheet: sheet, Msg: "không mở được bảng tính Excel: " + errText(err), MsgEN: "cannot open the Excel workbook: " + errText(err)}}
}
