package templates

import (
	"reflect"
	"slices"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// RowAt gives, row for row, what Rows yields: data rows of each group,
// subtotals, blank rows and the total, with their STT numbers.
func TestRowAtIsRows(t *testing.T) {
	d, _ := nd30.ParseDecimal("1,5")
	cols := []vanban.Column{{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Đơn vị"}, {Title: "Điểm", Kind: vanban.ScoreColumn, Total: true}}
	row := func(unit string) []vanban.Cell { return []vanban.Cell{{}, {Text: unit}, {Text: "1,5", Score: &d}} }
	rows := func(cols int, rs ...[]vanban.Cell) vanban.Rows {
		out, err := vanban.RowsOf(cols, rs)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := map[string]vanban.Appendix{
		"subtotals": {Columns: cols, TotalLabel: "Tổng", SubtotalsBy: "Đơn vị", BlankRows: 2,
			Rows: rows(3, row("A"), row("A"), row("B"), row("C"), row("C"), row("C"))},
		"plain":     {Columns: cols, TotalLabel: "Tổng", Rows: rows(3, row("A"), row("B"))},
		"blank":     {Columns: cols, TotalLabel: "Tổng", BlankRows: 3},
		"no totals": {Columns: []vanban.Column{{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Tên"}}, Rows: rows(2, []vanban.Cell{{}, {Text: "x"}}), BlankRows: 1},
		"empty":     {Columns: cols, TotalLabel: "Tổng"},
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			doc := &vanban.Document{File: "x.yaml", Type: "cong-van", Appendices: []vanban.Appendix{a}}
			tb, err := DescribeAppendix(doc, 0)
			if err != nil {
				t.Fatal(err)
			}
			var want []TableRow
			for r := range tb.Rows() {
				want = append(want, r)
			}
			if len(want) != tb.Len() {
				t.Fatalf("Rows yields %d rows, Len says %d", len(want), tb.Len())
			}
			subtotals := slices.ContainsFunc(want, func(r TableRow) bool { return r.Kind == SubtotalRow })
			if tb.HasSubtotals() != subtotals {
				t.Errorf("HasSubtotals %v, Rows yields subtotal rows: %v", tb.HasSubtotals(), subtotals)
			}
			for i, w := range want {
				if got := tb.RowAt(i); !reflect.DeepEqual(got, w) {
					t.Errorf("row %d: RowAt %+v, Rows %+v", i, got, w)
				}
			}
		})
	}
}
