package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
)

func testMeasurer(t testing.TB) measurer {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return measurer{fs}
}

var body13 = layout.Style{Size: layout.Pt(13)}

func para(align layout.Align, text string) *layout.Paragraph {
	return &layout.Paragraph{Runs: []layout.Run{{Text: text, Style: body13}}, Align: align, Mark: body13, LineSpacing: 240}
}

func lineTexts(units []unit) []string {
	var out []string
	for i := range units {
		out = append(out, units[i].text())
	}
	return out
}

func lineEnd(u *unit) float64 {
	f := u.line.frags[len(u.line.frags)-1]
	return f.x + f.width
}

const sample = "Sở Nội vụ đề nghị lãnh đạo các cơ quan, đơn vị quyết liệt theo dõi, đôn đốc cán bộ, công chức có liên quan khẩn trương thực hiện các nhiệm vụ được giao"

func TestAlignment(t *testing.T) {
	m := testMeasurer(t)
	const width = 300
	tests := []struct {
		align layout.Align
		check func(u *unit, last bool) bool
	}{
		{layout.Left, func(u *unit, _ bool) bool { return u.line.frags[0].x == 0 }},
		{layout.Right, func(u *unit, _ bool) bool { return math.Abs(lineEnd(u)-width) < 0.01 }},
		{layout.Center, func(u *unit, _ bool) bool { return math.Abs(u.line.frags[0].x-(width-lineEnd(u))) < 0.01 }},
		// docs/nd30.md §1: justified on both sides, the last line left.
		{layout.Justify, func(u *unit, last bool) bool {
			return u.line.frags[0].x == 0 && (last || math.Abs(lineEnd(u)-width) < 0.01)
		}},
	}
	for _, tt := range tests {
		units := m.paragraph(para(tt.align, sample), width)
		if len(units) < 2 {
			t.Fatalf("align %d: %d lines", tt.align, len(units))
		}
		for i := range units {
			if !tt.check(&units[i], i == len(units)-1) {
				t.Errorf("align %d line %d %q: x %.2f end %.2f", tt.align, i, units[i].text(), units[i].line.frags[0].x, lineEnd(&units[i]))
			}
		}
		if got := strings.Join(lineTexts(units), " "); got != sample {
			t.Errorf("align %d: lines lose words: %q", tt.align, got)
		}
	}
}

// docs/nd30.md §1 first-line indent; docs/nd30.md §9 hanging indent (Nơi nhận).
func TestIndents(t *testing.T) {
	m := testMeasurer(t)
	p := para(layout.Justify, sample)
	p.FirstLine = layout.Pt(28.35)
	units := m.paragraph(p, 300)
	if units[0].line.frags[0].x != 28.35 || units[1].line.frags[0].x != 0 {
		t.Errorf("first-line indent: %.2f / %.2f", units[0].line.frags[0].x, units[1].line.frags[0].x)
	}
	h := para(layout.Left, "- Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh và các cơ quan liên quan;")
	dash := m.width("- ", body13, layout.Baseline)
	h.IndentLeft, h.FirstLine = layout.Pt(dash), -layout.Pt(dash)
	units = m.paragraph(h, 150)
	if len(units) < 2 || units[0].line.frags[0].x != 0 || math.Abs(units[1].line.frags[0].x-layout.Pt(dash).Points()) > 0.01 {
		t.Errorf("hanging indent: %v", lineTexts(units))
	}
}

// Lines break after spaces and after a hyphen inside a word ("kinh tế-" |
// "xã"), never inside a document number and ký hiệu ("4999/UBND-NC" stays
// whole, package linebreak); a word longer than the line is split, not
// overflowing.
func TestBreaking(t *testing.T) {
	m := testMeasurer(t)
	w := func(s string) float64 { return m.width(s, body13, layout.Baseline) }
	tests := []struct {
		text  string
		width float64
		want  string
	}{
		{"Bổ sung văn bản số 4999/UBND-NC ngày 05/3/2024", w("Bổ sung văn bản số") + 1, "Bổ sung văn bản số|4999/UBND-NC|ngày 05/3/2024"},
		// Where "UBND-" | "NC" would fit, the number still moves down whole.
		{"Bổ sung văn bản số 4999/UBND-NC ngày 05/3/2024", w("Bổ sung văn bản số 4999/UBND-") + 1, "Bổ sung văn bản số|4999/UBND-NC ngày 05/3/2024"},
		{"Bổ sung văn bản số 4999/UBND-NC ngày 05/3/2024", w("Bổ sung văn bản số 4999/UBND-NC") + 1, "Bổ sung văn bản số 4999/UBND-NC|ngày 05/3/2024"},
		{"phát triển kinh tế-xã hội", w("phát triển kinh tế-") + 1, "phát triển kinh tế-|xã hội"},
		{"theo mẫu số 12/QĐ-STP", w("theo mẫu số 12/QĐ-") + 1, "theo mẫu số|12/QĐ-STP"},
	}
	for _, tt := range tests {
		if got := strings.Join(lineTexts(m.paragraph(para(layout.Left, tt.text), tt.width)), "|"); got != tt.want {
			t.Errorf("%q in %.1f pt: %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
	long := strings.Repeat("Ư", 40)
	units := m.paragraph(para(layout.Justify, long), 80)
	if len(units) < 3 {
		t.Fatalf("long word not split: %d lines", len(units))
	}
	for i := range units {
		if lineEnd(&units[i]) > 80+0.01 {
			t.Errorf("line %d ends at %.2f, over the 80 pt line", i, lineEnd(&units[i]))
		}
	}
}

// Bold, italic, sub- and superscript runs share one line.
func TestMixedRuns(t *testing.T) {
	m := testMeasurer(t)
	bold := body13
	bold.Bold = true
	p := &layout.Paragraph{Mark: body13, LineSpacing: 240, Runs: []layout.Run{
		{Text: "Văn bản số 7484/UBND-NC", Style: body13},
		{Text: "1", Style: body13, Script: layout.Subscript},
		{Text: " và m", Style: body13},
		{Text: "2", Style: body13, Script: layout.Superscript},
		{Text: " trước ", Style: body13},
		{Text: "14h00 ngày 06/3/2024", Style: bold},
	}}
	units := m.paragraph(p, 500)
	if len(units) != 1 {
		t.Fatalf("%d lines", len(units))
	}
	var sub, sup, boldFrags int
	for _, f := range units[0].line.frags {
		switch {
		case f.script == layout.Subscript:
			sub++
		case f.script == layout.Superscript:
			sup++
		case f.style.Bold:
			boldFrags++
		}
	}
	if sub != 1 || sup != 1 || boldFrags != 3 {
		t.Errorf("sub %d sup %d bold %d", sub, sup, boldFrags)
	}
	// The subscript is smaller: its advance is ScriptScale of the full one.
	full := m.width("1", body13, layout.Baseline)
	small := m.width("1", body13, layout.Subscript)
	if math.Abs(small/full-layout.ScriptScale) > 0.05 {
		t.Errorf("subscript width %.2f of %.2f", small, full)
	}
}
