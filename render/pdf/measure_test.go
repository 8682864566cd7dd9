package pdf

import (
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/templates"
)

// The templates measure with the breaker the PDF sets with (package
// linebreak): the rule under a wrapped agency name is 0.4 of the longest
// line the PDF sets it in (spec §4.2), also when the name breaks after a
// dash, and when it does not break inside a ký hiệu-like "TIN-TRUYỀN".
func TestAgencyRuleMeasuresTheSetLines(t *testing.T) {
	m := testMeasurer(t)
	tests := []struct {
		name    string
		lineEnd string // a line of the set name ends so
	}{
		{"BAN XÚC TIẾN ĐẦU TƯ–THƯƠNG MẠI–DU LỊCH TỈNH", "TƯ–"},
		{"SỞ KHOA HỌC VÀ CÔNG NGHỆ THÔNG TIN-TRUYỀN THÔNG", "CÔNG"},
	}
	for _, tt := range tests {
		src := "type: cong-van\nagency:\n  name: " + tt.name + "\ncode: SNV-VP\nplace: Hà Tĩnh\nsubject: báo cáo\nbody: Nội dung./.\nsigner:\n  title: GIÁM ĐỐC\n  name: Lê Minh Đạo\n"
		doc, err := vanban.Parse("agency.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ld, err := templates.Build(doc, m.fonts)
		if err != nil {
			t.Fatal(err)
		}
		header := ld.Sections[0].Blocks[0].(*layout.Table)
		cell := header.Rows[0].Cells[0].Blocks
		name, rule := cell[len(cell)-2].(*layout.Paragraph), cell[len(cell)-1].(*layout.Rule)
		units := m.paragraph(name, pt(header.Columns[0]-2*header.CellPadding))
		if len(units) < 2 {
			t.Fatalf("%q is set on one line", tt.name)
		}
		widest, ends := 0.0, false
		for i := range units {
			l := units[i].line
			widest = max(widest, lineEnd(&units[i])-l.frags[0].x)
			ends = ends || strings.HasSuffix(units[i].text(), tt.lineEnd)
			if strings.HasSuffix(units[i].text(), "-") {
				t.Errorf("%q: a line ends at a hyphen: %q", tt.name, units[i].text())
			}
		}
		if !ends {
			t.Errorf("%q: no line ends with %q: %q", tt.name, tt.lineEnd, lineTexts(units))
		}
		want := layout.Length(float64(layout.Pt(widest)) * nd30.AgencyRuleShare)
		if d := rule.Width - want; d < -1 || d > 1 {
			t.Errorf("%q: rule %d twips, want 0.4 of the widest set line (%.2f pt): %d", tt.name, rule.Width, widest, want)
		}
	}
}
