package nd30

import (
	"testing"

	"github.com/vanban-vn/vanban/layout"
)

// docs/nd30.md §11.1: the two size sets, element by element.
func TestSizeSets(t *testing.T) {
	tests := []struct {
		e            Element
		set13, set14 float64
		bold, italic bool
	}{
		{QuocHieu, 12, 13, true, false},
		{TieuNgu, 13, 14, true, false},
		{ParentAgency, 12, 13, false, false},
		{Agency, 12, 13, true, false},
		{Number, 13, 13, false, false},
		{PlaceDate, 13, 14, false, true},
		{Subject, 12, 13, false, false},
		{Body, 13, 14, false, false},
		{KinhGui, 13, 14, false, false},
		{SignerTitle, 13, 14, true, false},
		{SignerName, 13, 14, true, false},
		{NoiNhanLabel, 12, 12, true, true},
		{NoiNhanItem, 11, 11, false, false},
		{PageNumber, 13, 14, false, false},
		{AppendixHeading, 14, 14, true, false},
		{AppendixTitle, 13, 14, true, false},
		{AppendixAttachedTo, 13, 14, false, true},
	}
	for _, tt := range tests {
		s13, s14 := Set13.Style(tt.e), Set14.Style(tt.e)
		if s13 != (layout.Style{Size: layout.Pt(tt.set13), Bold: tt.bold, Italic: tt.italic}) ||
			s14 != (layout.Style{Size: layout.Pt(tt.set14), Bold: tt.bold, Italic: tt.italic}) {
			t.Errorf("element %d (%s): got %+v / %+v, want %v/%v pt bold=%v italic=%v",
				tt.e, tt.e.Rule().Spec, s13, s14, tt.set13, tt.set14, tt.bold, tt.italic)
		}
		if tt.e.Rule().Spec == "" {
			t.Errorf("element %d cites no spec section", tt.e)
		}
	}
}

// docs/nd30.md §1: margins and indents inside the legal ranges, in both orientations.
func TestPageInsideLegalRanges(t *testing.T) {
	for _, landscape := range []bool{false, true} {
		p := Page(landscape)
		check := func(name string, v layout.Length, lo, hi float64) {
			mm := v.Millimetres()
			if mm < lo-0.05 || mm > hi+0.05 {
				t.Errorf("landscape=%v: %s = %.2f mm, want %v–%v mm", landscape, name, mm, lo, hi)
			}
		}
		check("top", p.Top, 20, 25)
		check("bottom", p.Bottom, 20, 25)
		check("left", p.Left, 30, 35)
		check("right", p.Right, 15, 20)
		if landscape != (p.Width > p.Height) {
			t.Errorf("landscape=%v: page %dx%d", landscape, p.Width, p.Height)
		}
	}
	if mm := FirstLineIndent.Millimetres(); mm < 9.95 || mm > 12.75 {
		t.Errorf("first-line indent %.2f mm, want 10 or 12.7 mm", mm)
	}
	if ParagraphSpacing < layout.Pt(6) {
		t.Errorf("paragraph spacing %v pt, want at least 6 pt", ParagraphSpacing.Points())
	}
	if LineSpacing < 240 || LineSpacing > 360 {
		t.Errorf("line spacing %d, want 240–360", LineSpacing)
	}
	if AgencyRuleShare < 1.0/3 || AgencyRuleShare > 0.5 {
		t.Errorf("agency rule share %v, want 1/3–1/2", AgencyRuleShare)
	}
}

// The measures are written in twips; each must equal the millimetres in its comment.
func TestMeasuresMatchTheirMillimetres(t *testing.T) {
	tests := []struct {
		name string
		got  layout.Length
		mm   float64
	}{
		{"PaperWidth", PaperWidth, 210}, {"PaperHeight", PaperHeight, 297},
		{"MarginTop", MarginTop, 20}, {"MarginBottom", MarginBottom, 20},
		{"MarginLeft", MarginLeft, 30}, {"MarginRight", MarginRight, 15},
		{"HeaderDistance", HeaderDistance, 10}, {"FirstLineIndent", FirstLineIndent, 10},
		{"KinhGuiIndent", KinhGuiIndent, 35}, {"SignatureGap", SignatureGap, 24},
		{"SignatureLeftWidth", SignatureLeftWidth, 62}, {"IndexColumnWidth", IndexColumnWidth, 12},
		{"ScoreColumnWidth", ScoreColumnWidth, 22}, {"CellPadding", CellPadding, 1.5}, {"LayoutPadding", LayoutPadding, 1},
	}
	for _, tt := range tests {
		if want := layout.MM(tt.mm); tt.got != want {
			t.Errorf("%s = %d twips, %v mm is %d", tt.name, tt.got, tt.mm, want)
		}
	}
	if ParagraphSpacing != layout.Pt(6) || RuleThickness != layout.Pt(0.5) || BlockSpacing != layout.Pt(12) || HeaderRowGap != layout.Pt(6) {
		t.Error("a point measure does not match its comment")
	}
}

// An index column is wide enough for its largest number at the larger size
// set: "100000" does not wrap.
func TestIndexWidthFitsItsDigits(t *testing.T) {
	if IndexWidth(1) != IndexColumnWidth || IndexWidth(3) != IndexColumnWidth {
		t.Errorf("short numbers widen the column: %v %v", IndexWidth(1), IndexWidth(3))
	}
	size := Set14.Style(TableText).Size
	for digits := 4; digits <= 6; digits++ {
		text := layout.Length(digits) * size / 2 // a digit is half an em
		if inner := IndexWidth(digits) - 2*CellPadding; inner <= text {
			t.Errorf("%d digits: %v inside the padding, the number needs %v", digits, inner, text)
		}
	}
}
