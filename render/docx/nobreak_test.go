package docx

import (
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/layout"
)

// Hyphens no line may break at are written as w:noBreakHyphen, the way Word
// writes U+2011: the ones inside a ký hiệu, seen across runs (the
// subscript "1" of "7484/UBND-NC1" is a run of its own), and U+2011 as
// typed; other hyphens stay text. Tabs and line breaks keep their elements
// among them, in order.
func TestNoBreakHyphens(t *testing.T) {
	runs := []layout.Run{{Text: "số 7484/UBND-NC"}, {Text: "1", Script: layout.Subscript}, {Text: " về kinh tế-xã hội,\tx\u2011quang\nSNV-"}, {Text: "VP"}}
	text := hyphenContext(runs)
	var got []string
	off := 0
	for _, r := range runs {
		var b strings.Builder
		runText(&b, r.Text, text, off)
		off += len(r.Text)
		got = append(got, b.String())
	}
	t1 := func(s string) string { return `<w:t xml:space="preserve">` + s + `</w:t>` }
	want := []string{
		t1("số 7484/UBND") + `<w:noBreakHyphen/>` + t1("NC"),
		t1("1"),
		t1(" về kinh tế-xã hội,") + `<w:tab/>` + t1("x") + `<w:noBreakHyphen/>` + t1("quang") + `<w:br/>` + t1("SNV") + `<w:noBreakHyphen/>`,
		t1("VP"),
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	if hyphenContext([]layout.Run{{Text: "không có gạch nối"}}) != "" {
		t.Error("a paragraph without hyphens needs no context")
	}
}
