package vanban

import (
	"regexp"
	"testing"

	"github.com/vanban-vn/vanban/nd30"
)

// The body of examples/cong-van-tong-hop-diem.yaml states how much the
// proposed scores rise over the first appraisal; Phụ lục II holds the
// rows. The number in the text must be the appendix's totals' difference,
// computed from the rows.
func TestExampleBodyAgreesWithAppendix(t *testing.T) {
	doc, err := ParseFile("examples/cong-van-tong-hop-diem.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Appendices) < 2 {
		t.Fatalf("%d appendices, want Phụ lục II", len(doc.Appendices))
	}
	a := doc.Appendices[1]
	column := func(title string) int {
		for i, c := range a.Columns {
			if TitleKey(c.Title) == TitleKey(title) {
				return i
			}
		}
		t.Fatalf("Phụ lục II has no column %q", title)
		return -1
	}
	// Sum the rows here rather than trusting Total: the test checks the text
	// against the data.
	sum := func(col int) nd30.Decimal {
		var s nd30.Decimal
		for _, row := range a.Rows.All() {
			if row[col].Score == nil {
				t.Fatalf("row %v has no score in column %q", row, a.Columns[col].Title)
			}
			s = s.Add(*row[col].Score)
		}
		if total, ok := a.Total(col); !ok || total.Cmp(s) != 0 {
			t.Errorf("Total(%q) = %s, rows add up to %s", a.Columns[col].Title, total, s)
		}
		return s
	}
	before := sum(column("Điểm thẩm định lần 1"))
	after := sum(column("Điểm đề nghị điều chỉnh"))

	rise := regexp.MustCompile(`tăng \*\*(\d+(?:,\d+)?)\*\* điểm so với kết quả thẩm định lần 1`)
	var stated []string
	for _, p := range doc.Body {
		if m := rise.FindStringSubmatch(p.Source); m != nil {
			stated = append(stated, m[1])
		}
	}
	if len(stated) != 1 {
		t.Fatalf("the body states the rise %d times (%q), want once", len(stated), stated)
	}
	got, err := nd30.ParseDecimal(stated[0])
	if err != nil {
		t.Fatal(err)
	}
	if before.Add(got).Cmp(after) != 0 {
		t.Errorf("the body says the scores rise by %s, but Phụ lục II goes from %s to %s", got, before, after)
	}
}
