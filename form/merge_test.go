package form

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	vanban "github.com/vanban-vn/vanban"
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

func score(s string) vanban.Cell {
	d, err := nd30.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return vanban.Cell{Text: d.String(), Score: &d}
}

// returned is a form as read, its accounting taken from its rows.
func returned(path, unit string, rows ...[]vanban.Cell) Returned {
	cols := []vanban.Column{{Kind: vanban.IndexColumn}, {}, {Kind: vanban.ScoreColumn}}
	rs, err := vanban.RowsOf(len(cols), rows)
	if err != nil {
		panic(err)
	}
	return Returned{Path: path, Unit: unit, Rows: rs, Count: CountRows(cols, rs)}
}

func row(crit, sc string) []vanban.Cell { return []vanban.Cell{{}, {Text: crit}, score(sc)} }

func parseFixture(t *testing.T, recipients string) (*vanban.Document, []byte) {
	t.Helper()
	src := strings.Replace(fuzzDoc, "recipients: Sở Tư pháp", "recipients: "+recipients, 1)
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc, []byte(src)
}

// Rows sort by criterion, then by the roster's order of units (not the
// alphabet); with subtotals, by unit in that order. The report counts what
// was read and finds it again in what was written.
func TestMerge(t *testing.T) {
	forms := []Returned{
		returned("stp.xlsx", "Sở Tư pháp", row("2.1 Tự kiểm tra", "1"), row("1.10 Tuyên truyền", "0,5")),
		returned("stc.xlsx", "Sở Tài chính", row("1.2 Kế hoạch", "2,25"), row("2.1 Tự kiểm tra", "0,75")),
	}
	for _, subtotals := range []bool{false, true} {
		doc, src := parseFixture(t, "[\"Các Sở: Tư pháp, Tài chính\", Cục Thuế tỉnh]")
		res, err := Merge(doc, src, forms, NewRoster(nil, doc.Recipients), Options{Subtotals: subtotals})
		if err != nil {
			t.Fatal(err)
		}
		a := doc.Appendices[0]
		if a.Columns[1].Title != nd30.UnitColumn || a.BlankRows != 0 {
			t.Fatalf("columns %+v blank %d", a.Columns, a.BlankRows)
		}
		var got []string
		for _, r := range a.Rows.All() {
			got = append(got, r[1].Text+" "+r[2].Text+" "+r[3].Text)
		}
		// Sở Tư pháp comes first: the recipients name it first.
		want := []string{"Sở Tài chính 1.2 Kế hoạch 2,25", "Sở Tư pháp 1.10 Tuyên truyền 0,5", "Sở Tư pháp 2.1 Tự kiểm tra 1", "Sở Tài chính 2.1 Tự kiểm tra 0,75"}
		if subtotals {
			want = []string{"Sở Tư pháp 1.10 Tuyên truyền 0,5", "Sở Tư pháp 2.1 Tự kiểm tra 1", "Sở Tài chính 1.2 Kế hoạch 2,25", "Sở Tài chính 2.1 Tự kiểm tra 0,75"}
			if a.SubtotalsBy != nd30.UnitColumn || len(a.Groups()) != 2 {
				t.Errorf("subtotals %q groups %v", a.SubtotalsBy, a.Groups())
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("subtotals=%v rows\n%s\nwant\n%s", subtotals, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		r := res.Report
		if r.In.Rows != 4 || r.Out.Rows != 4 || r.Out.Sums[2].String() != "4,5" {
			t.Errorf("rows in %d out %d, sum %s", r.In.Rows, r.Out.Rows, r.Out.Sums[2])
		}
		if !slices.Equal(r.Missing, []string{"Cục Thuế tỉnh"}) {
			t.Errorf("missing %q", r.Missing)
		}
		if len(r.Conflicts) != 1 || r.Conflicts[0].Criterion != "2.1" || len(r.Conflicts[0].Units) != 2 {
			t.Errorf("conflicts %+v", r.Conflicts)
		}
		if !strings.Contains(r.Text("vi"), "Kiểm tra: 4 dòng vào = 4 dòng ra; tổng điểm: Điểm = 4,5") || !strings.Contains(r.Text("en"), "Check: 4 rows in = 4 rows out; score sums: Điểm = 4,5") {
			t.Errorf("report:\n%s\n%s", r.Text("vi"), r.Text("en"))
		}
	}
}

// Two different forms from one unit are an error naming both files and the
// unit; with Replace the later one is taken and the report says so.
func TestMergeUnitTwice(t *testing.T) {
	forms := []Returned{
		returned("so-tu-phap.xlsx", "Sở Tư pháp", row("1.1 A", "1")),
		returned("so-tu-phap-sua.xlsx", "Sở Tư pháp", row("1.1 A", "2")),
	}
	doc, src := parseFixture(t, "Sở Tư pháp")
	_, err := Merge(doc, src, forms, NewRoster(nil, doc.Recipients), Options{})
	if err == nil || !strings.Contains(err.Error(), "so-tu-phap-sua.xlsx: đơn vị \"Sở Tư pháp\" đã gửi một biểu mẫu khác: so-tu-phap.xlsx") {
		t.Fatalf("error %v", err)
	}
	doc, src = parseFixture(t, "Sở Tư pháp")
	res, err := Merge(doc, src, forms, NewRoster(nil, doc.Recipients), Options{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if a := doc.Appendices[0]; a.Rows.Len() != 1 || a.Rows.Text(0, 3) != "2" {
		t.Errorf("rows %+v", a.Rows)
	}
	if !strings.Contains(res.Report.Text("vi"), "thay cho so-tu-phap.xlsx (--replace)") {
		t.Errorf("report:\n%s", res.Report.Text("vi"))
	}
}

// The appendix's own rows (a report that already lists some) are kept,
// under the issuing agency, and counted.
func TestMergeKeepsOwnRows(t *testing.T) {
	src := strings.Replace(fuzzDoc, "    total_label: Tổng điểm\n", "    total_label: Tổng điểm\n    rows:\n      - [\"1.1 Riêng\", \"0,5\"]\n", 1)
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Merge(doc, []byte(src), []Returned{returned("a.csv", "Sở Tư pháp", row("1.2 B", "1"))}, NewRoster(nil, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Appendices[0]
	if a.Rows.Len() != 2 || a.Rows.Text(0, 1) != "Sở Nội vụ" || res.Report.Own != 1 || res.Report.Out.Sums[2].String() != "1,5" {
		t.Errorf("rows %+v report %+v", a.Rows, res.Report)
	}
}

// A form from the unit whose rows the appendix already holds (the issuing
// agency's own, written in the document or read from its rows_from) would
// count them twice: an error, in both languages.
func TestMergeOwnUnitTwice(t *testing.T) {
	src := strings.Replace(fuzzDoc, "    total_label: Tổng điểm\n", "    total_label: Tổng điểm\n    rows:\n      - [\"1.1 Riêng\", \"0,5\"]\n", 1)
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	roster := NewRoster(nil, nil)
	_, err = Merge(doc, []byte(src), []Returned{returned("snv.csv", "sở nội  vụ", row("1.1 Riêng", "0,5")), returned("a.csv", "Sở Tư pháp", row("1.2 B", "1"))}, roster, Options{})
	var list vanban.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != "snv.csv" || list[0].Rule != "merge-unit-twice" ||
		!strings.Contains(list[0].Msg, "sẽ tính các dòng đó hai lần") || !strings.Contains(list[0].MsgEN, "count them twice") {
		t.Errorf("error %v", err)
	}
}

// Merged rows over the appendix limit are refused before anything is built.
func TestMergeRowLimit(t *testing.T) {
	doc, src := parseFixture(t, "Sở Tư pháp")
	b := vanban.NewRowsBuilder(3)
	for range vanban.MaxRows/2 + 1 {
		if err := b.Append(make([]vanban.Cell, 3)); err != nil {
			t.Fatal(err)
		}
	}
	big := Returned{Path: "a.xlsx", Unit: "A", Rows: b.Rows()}
	big2 := big
	big2.Path, big2.Unit = "b.xlsx", "B"
	_, err := Merge(doc, src, []Returned{big, big2}, NewRoster(nil, nil), Options{})
	if err == nil || !strings.Contains(err.Error(), "vượt giới hạn 100000 dòng của một phụ lục") {
		t.Errorf("error %v", err)
	}
}

func TestExpandRecipients(t *testing.T) {
	got := ExpandRecipients([]string{"Văn phòng UBND tỉnh", "Các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Kế hoạch và Đầu tư", "Cục Thuế tỉnh", "Các phòng: XDCQ&TCBC; CCVC (để thực hiện)", "Các đơn vị: Trung tâm A, Ban B"})
	want := []string{"Văn phòng UBND tỉnh", "Sở Tư pháp", "Sở Tài chính", "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh", "Phòng XDCQ&TCBC", "Phòng CCVC", "Trung tâm A", "Ban B"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestRosterResolve(t *testing.T) {
	units, err := vanban.ParseUnits("units.yaml", []byte("units:\n  - name: Sở Tư pháp\n    aliases: [STP]\n  - name: Cục Thuế tỉnh\n    files: [\"cuc-thue*.xlsx\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewRoster(units, nil)
	tests := []struct{ path, named, want string }{
		{"in/cuc-thue-2024.xlsx", "", "Cục Thuế tỉnh"},
		{"a.xlsx", "stp", "Sở Tư pháp"},
		{"a.xlsx", "  sở tư   PHÁP", "Sở Tư pháp"},
		{"a.xlsx", "Sở Y tế", "Sở Y tế"},
		{"in/so-y-te.xlsx", "", "so-y-te"},
	}
	for _, tt := range tests {
		if got := r.Resolve(tt.path, tt.named); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.path, tt.named, got, tt.want)
		}
	}
}

// A merged appendix written back to YAML parses to the same rows, whether
// the author wrote the appendix in block or flow style.
func TestWithAppendixRoundTrip(t *testing.T) {
	block := "appendices:\n  - title: PHỤ LỤC # giữ chú thích\n    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]\n    blank_rows: 2\n"
	flow := "appendices: [{title: PHỤ LỤC, columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}], blank_rows: 2}] # giữ chú thích\n"
	for _, appendices := range []string{block, flow} {
		t.Run(appendices[:14], func(t *testing.T) {
			src := []byte(fuzzDoc[:strings.Index(fuzzDoc, "appendices:")] + appendices)
			doc, err := vanban.Parse("cv.yaml", src)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Merge(doc, src, []Returned{returned("a.xlsx", "Sở \"Tư\" pháp", row("1.1 yes: no", "0,5"))}, NewRoster(nil, nil), Options{Subtotals: true})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.YAML), "# giữ chú thích") {
				t.Errorf("comment lost:\n%s", res.YAML)
			}
			again, err := vanban.Parse("merged.yaml", res.YAML)
			if err != nil {
				t.Fatalf("%v\n%s", err, res.YAML)
			}
			a := again.Appendices[0]
			if a.Rows.Len() != 1 || a.Rows.Text(0, 1) != "Sở \"Tư\" pháp" || a.Rows.Text(0, 2) != "1.1 yes: no" || a.Rows.Text(0, 3) != "0,5" || a.SubtotalsBy != nd30.UnitColumn || a.BlankRows != 0 {
				t.Errorf("round trip %+v", a)
			}
		})
	}
}

// A row labelled like a subtotal ("Cộng: …") is data in a form without
// subtotals: only a consolidated appendix's own subtotal rows are left out.
func TestSubtotalLabelIsDataWithoutSubtotals(t *testing.T) {
	cols := []vanban.Column{{Title: "Tiêu chí"}, {Title: "Điểm", Kind: vanban.ScoreColumn, Total: true}}
	csv := "Tiêu chí,Điểm\nCộng: điểm thưởng,1\n1.1 Kế hoạch,2\nTổng điểm,3\n"
	got, err := Read("dv.csv", []byte(csv), Spec{Columns: cols, TotalLabel: "Tổng điểm"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Count.Rows != 2 || got.Count.Sums[1].String() != "3" || got.Count.Subtotals != 0 {
		t.Errorf("read %d rows summing %s, %d subtotals; want 2 rows, 3, none", got.Count.Rows, got.Count.Sums[1], got.Count.Subtotals)
	}
	// With subtotals the "Cộng:" row is a sum and left out: the rows left add
	// up to 2, not the total's 3, and the reader says so.
	_, err = Read("dv.csv", []byte(csv), Spec{Columns: cols, TotalLabel: "Tổng điểm", Subtotals: true})
	var list vanban.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Rule != "form-total-mismatch" {
		t.Errorf("with subtotals: %v, want form-total-mismatch", err)
	}
}

// Rows of another shape than the appendix's columns are refused, not
// merged into the wrong columns.
func TestMergeRefusesOtherShape(t *testing.T) {
	doc, src := parseFixture(t, "Sở Tư pháp")
	narrow, err := vanban.RowsOf(2, [][]vanban.Cell{{{}, {Text: "1.1 Tiêu chí"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Merge(doc, src, []Returned{{Path: "a.xlsx", Unit: "Sở Tư pháp", Rows: narrow}}, NewRoster(nil, nil), Options{})
	if err == nil || !strings.Contains(err.Error(), "a.xlsx có 2 cột") {
		t.Errorf("error %v", err)
	}
}

// A unit named twice among the recipients keeps its first place, and a
// unit not among them gets a place of its own: with subtotals, each unit's
// rows stay together under one "Cộng:" row.
func TestMergeRecipientTwice(t *testing.T) {
	doc, src := parseFixture(t, "Sở Tư pháp")
	roster := NewRoster(nil, []string{"Sở Tư pháp", "Sở Tài chính", "Các Sở: Tư pháp"})
	forms := []Returned{
		returned("stp.csv", "Sở Tư pháp", row("1.1 A", "1"), row("2.1 B", "1")),
		returned("stc.csv", "Sở Tài chính", row("1.2 C", "1")),
		returned("ct.csv", "Cục Thuế tỉnh", row("1.5 D", "1"), row("2.5 E", "1")),
	}
	if _, err := Merge(doc, src, forms, roster, Options{Subtotals: true}); err != nil {
		t.Fatal(err)
	}
	a := doc.Appendices[0]
	var units []string
	for r := range a.Rows.Len() {
		units = append(units, a.Rows.Text(r, 1))
	}
	want := []string{"Sở Tư pháp", "Sở Tư pháp", "Sở Tài chính", "Cục Thuế tỉnh", "Cục Thuế tỉnh"}
	if !slices.Equal(units, want) || len(a.Groups()) != 3 {
		t.Errorf("units %q in %d groups, want %q in 3", units, len(a.Groups()), want)
	}
}

// A unit's report written as a vanban document with two appendices that
// both have the form's columns is refused, as a workbook with two filled
// sheets is: one of them would be left out.
func TestYAMLFormTwoAppendices(t *testing.T) {
	app := "  - title: PHỤ LỤC\n    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]\n    total_label: Tổng điểm\n    rows:\n      - [\"1.1 A\", \"1\"]\n"
	src := fuzzDoc + strings.TrimPrefix(app, "  - title: PHỤ LỤC\n    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]\n    total_label: Tổng điểm\n") + app
	p := filepath.Join(t.TempDir(), "stp.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := vanban.Parse("cv.yaml", []byte(fuzzDoc))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadYAMLForm(context.Background(), p, SpecOf(&doc.Appendices[0]))
	if err == nil || !strings.Contains(err.Error(), "hai phụ lục mang các cột của biểu mẫu (phụ lục 1 và 2)") {
		t.Errorf("read %+v, error %v", r, err)
	}
}

// A unit's appendix is read as the form has its columns: a score column
// that is text there, or a score above the form's maximum, is an error, not
// a row that fails later in the merged YAML.
func TestRealignReadsAsTheForm(t *testing.T) {
	five, _ := nd30.ParseDecimal("5")
	form := []vanban.Column{{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Tiêu chí"}, {Title: "Điểm", Kind: vanban.ScoreColumn, Max: &five}}
	rowsOf := func(cells ...[]vanban.Cell) vanban.Rows {
		rs, err := vanban.RowsOf(3, cells)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	textCols := []vanban.Column{form[0], form[1], {Title: "Điểm"}}
	_, err := Realign(vanban.Appendix{Columns: textCols, Rows: rowsOf([]vanban.Cell{{}, {Text: "1.1"}, {Text: "8"}})}, form)
	if err == nil || !strings.Contains(err.Msg, `cột "Điểm" là cột điểm trong biểu mẫu nhưng không phải`) || err.MsgEN == "" {
		t.Errorf("a text column for a score column: %v", err)
	}
	_, err = Realign(vanban.Appendix{Columns: form, Rows: rowsOf(row("1.1", "3"), row("1.2", "8"))}, form)
	if err == nil || !strings.Contains(err.Msg, `dòng 2, cột "Điểm": điểm 8 lớn hơn điểm tối đa 5`) || !strings.Contains(err.MsgEN, "row 2") {
		t.Errorf("a score above the form's maximum: %v", err)
	}
	if rs, err := Realign(vanban.Appendix{Columns: form, Rows: rowsOf(row("1.1", "3"))}, form); err != nil || rs.Len() != 1 {
		t.Errorf("a good row: %v", err)
	}
}
