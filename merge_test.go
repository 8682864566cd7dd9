package vanban

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/vanban-vn/vanban/nd30"
)

// Criteria sort by code in natural order; those without a code come last.
func TestCompareCriteria(t *testing.T) {
	in := []string{"Ghi chú chung", "2.1 Tự kiểm tra", "1.10 Tuyên truyền", "1.2 Kế hoạch", "10.1 Khác", "1.2.3 Chi tiết", "1 Tổng quát", "Áp dụng ISO"}
	vi := collate.New(language.Vietnamese, collate.IgnoreCase)
	slices.SortStableFunc(in, func(x, y string) int { return compareCriteria(vi, x, y) })
	want := []string{"1 Tổng quát", "1.2 Kế hoạch", "1.2.3 Chi tiết", "1.10 Tuyên truyền", "2.1 Tự kiểm tra", "10.1 Khác", "Áp dụng ISO", "Ghi chú chung"}
	if !slices.Equal(in, want) {
		t.Errorf("got %q\nwant %q", in, want)
	}
}

func score(s string) Cell {
	d, err := nd30.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return Cell{Text: d.String(), Score: &d}
}

func mergeFixture() *Document {
	return &Document{File: "cv.yaml", Recipients: []string{"Sở Tư pháp", "Sở Tài chính", "Cục Thuế tỉnh"}, Appendices: []Appendix{{
		Title: "PHỤ LỤC", TotalLabel: "Tổng điểm", BlankRows: 3, Landscape: true,
		Columns: []Column{{Title: "STT", Kind: IndexColumn}, {Title: "Tiêu chí"}, {Title: "Điểm", Kind: ScoreColumn, Total: true}},
	}}}
}

func TestMerge(t *testing.T) {
	returned := []Returned{
		{Path: "stp.xlsx", Unit: "Sở Tư pháp", Rows: [][]Cell{{{}, {Text: "2.1 Tự kiểm tra"}, score("1")}, {{}, {Text: "1.10 Tuyên truyền"}, score("0,5")}}},
		{Path: "stc.xlsx", Unit: "Sở Tài chính", Rows: [][]Cell{{{}, {Text: "1.2 Kế hoạch"}, score("2,25")}, {{}, {Text: "2.1 Tự kiểm tra"}, score("0,75")}}},
		{Path: "trong.xlsx", Unit: "Sở Tài chính", Rows: nil},
	}
	for _, subtotals := range []bool{false, true} {
		doc := mergeFixture()
		report, err := Merge(doc, 0, returned, doc.Recipients, subtotals)
		if err != nil {
			t.Fatal(err)
		}
		a := doc.Appendices[0]
		if a.Columns[1].Title != UnitColumn || a.BlankRows != 0 {
			t.Fatalf("columns %+v blank %d", a.Columns, a.BlankRows)
		}
		var got []string
		for _, r := range a.Rows {
			got = append(got, r[1].Text+" "+r[2].Text+" "+r[3].Text)
		}
		want := []string{"Sở Tài chính 1.2 Kế hoạch 2,25", "Sở Tư pháp 1.10 Tuyên truyền 0,5", "Sở Tài chính 2.1 Tự kiểm tra 0,75", "Sở Tư pháp 2.1 Tự kiểm tra 1"}
		if subtotals {
			want = []string{"Sở Tài chính 1.2 Kế hoạch 2,25", "Sở Tài chính 2.1 Tự kiểm tra 0,75", "Sở Tư pháp 1.10 Tuyên truyền 0,5", "Sở Tư pháp 2.1 Tự kiểm tra 1"}
			if a.SubtotalsBy != UnitColumn || len(a.Groups()) != 2 {
				t.Errorf("subtotals %q groups %v", a.SubtotalsBy, a.Groups())
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("subtotals=%v rows\n%s\nwant\n%s", subtotals, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if report.RowsIn != 4 || report.RowsOut != 4 {
			t.Errorf("rows in %d out %d", report.RowsIn, report.RowsOut)
		}
		if sum, _ := a.Total(3); sum.String() != "4,5" {
			t.Errorf("total %s", sum)
		}
		if !slices.Equal(report.Missing, []string{"Cục Thuế tỉnh"}) {
			t.Errorf("missing %q", report.Missing)
		}
		if len(report.Conflicts) != 1 || report.Conflicts[0].Criterion != "2.1" || len(report.Conflicts[0].Units) != 2 {
			t.Errorf("conflicts %+v", report.Conflicts)
		}
	}
}

func TestUnitsResolve(t *testing.T) {
	units, err := ParseUnits("units.yaml", []byte("units:\n  - name: Sở Tư pháp\n    aliases: [STP]\n  - name: Cục Thuế tỉnh\n    files: [\"cuc-thue*.xlsx\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, named, want string }{
		{"in/cuc-thue-2024.xlsx", "", "Cục Thuế tỉnh"},
		{"a.xlsx", "stp", "Sở Tư pháp"},
		{"a.xlsx", "  sở tư   PHÁP", "Sở Tư pháp"},
		{"a.xlsx", "Sở Y tế", "Sở Y tế"},
	}
	for _, tt := range tests {
		if got := units.Resolve(tt.path, tt.named); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.path, tt.named, got, tt.want)
		}
	}
	if _, err := ParseUnits("u.yaml", []byte("units:\n  - nam: X\n")); err == nil || !strings.Contains(err.Error(), `u.yaml:2:5: trường "units[0]": trường "nam" không được hỗ trợ; có phải ý bạn là "name"?`) {
		t.Errorf("bad units file: %v", err)
	}
}

// A merged appendix written back to YAML parses to the same rows, whether
// the author wrote the appendix in block or flow style.
func TestWithAppendixRoundTrip(t *testing.T) {
	block := "appendices:\n  - title: PHỤ LỤC # giữ chú thích\n    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]\n    blank_rows: 2\n"
	flow := "appendices: [{title: PHỤ LỤC, columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}], blank_rows: 2}] # giữ chú thích\n"
	for _, appendices := range []string{block, flow} {
		t.Run(appendices[:14], func(t *testing.T) { roundTrip(t, appendices) })
	}
}

func roundTrip(t *testing.T, appendices string) {
	src := []byte(strings.Replace(minimal, "archive: VT, VP\n", "archive: VT, VP\n"+appendices, 1))
	doc, err := Parse("cv.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	returned := []Returned{{Unit: "Sở \"Tư\" pháp", Rows: [][]Cell{{{}, {Text: "1.1 yes: no"}, score("0,5")}}}}
	if _, err := Merge(doc, 0, returned, nil, true); err != nil {
		t.Fatal(err)
	}
	out, err := WithAppendix(src, 0, &doc.Appendices[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "# giữ chú thích") {
		t.Errorf("comment lost:\n%s", out)
	}
	again, err := Parse("merged.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	a := again.Appendices[0]
	if len(a.Rows) != 1 || a.Rows[0][1].Text != "Sở \"Tư\" pháp" || a.Rows[0][2].Text != "1.1 yes: no" || a.Rows[0][3].Text != "0,5" || a.SubtotalsBy != UnitColumn || a.BlankRows != 0 {
		t.Errorf("round trip %+v", a)
	}
}
