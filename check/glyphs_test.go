package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/fonts/fontstest"
)

func defaultFonts(t *testing.T) *fonts.Set {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// posOf is where the n-th (from 1) occurrence of s is in src, in the
// positions the model gives: 1-based lines, columns counted in characters.
func posOf(src, s string, n int) vanban.Pos {
	off := -1
	for range n {
		off += 1 + strings.Index(src[off+1:], s)
	}
	line := strings.Count(src[:off], "\n") + 1
	start := strings.LastIndex(src[:off], "\n") + 1
	return vanban.Pos{Line: line, Column: utf8.RuneCountInString(src[start:off]) + 1}
}

func glyphFindings(t *testing.T, src string, fs *fonts.Set) []check.Finding {
	t.Helper()
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return check.Glyphs(doc, fs)
}

// Every character the embedded fonts can draw passes, Greek, Cyrillic and
// Hebrew included; ℃ and an emoji, which no face has, are reported where
// they were written — inside the body, in a field, in a list item, in a
// table cell — with the character, its code point, the face and the spec
// section, in Vietnamese and English.
func TestGlyphs(t *testing.T) {
	fs := defaultFonts(t)
	for _, f := range glyphFindings(t, clean, fs) {
		t.Errorf("clean document: %s", f.Format("vi"))
	}
	src := strings.NewReplacer(
		"subject: báo cáo kết quả", "subject: báo cáo kết quả đo α, β, Ω, Жя, אב",
		"theo khoản 2 Điều 3.", "theo khoản 2 Điều 3, ở 25℃ 😀 và 30℃.",
		"chậm nhất ngày", "ở **40℃** chậm nhất ngày",
		"name: Lê Minh Đạo", "name: Lê Minh Đạo ℃",
		"cc: [Như trên, Lưu trữ tỉnh]", "cc: [Như trên, Lưu trữ tỉnh 😀]",
	).Replace(clean)
	got := glyphFindings(t, src, fs)
	want := []struct {
		char, code string
		pos        vanban.Pos
		face       string
	}{
		{"℃", "U+2103", posOf(src, "℃", 1), "Regular"},
		{"😀", "U+1F600", posOf(src, "😀", 1), "Regular"},
		// once in a paragraph: not again at posOf(src, "℃", 2)
		{"℃", "U+2103", posOf(src, "℃", 3), "Bold"}, // in bold type
		// a field: where its value starts
		{"℃", "U+2103", posOf(src, "Lê Minh Đạo ℃", 1), "Bold"},
		{"😀", "U+1F600", posOf(src, "Lưu trữ tỉnh 😀", 1), "Regular"},
	}
	if len(got) != len(want) {
		for _, f := range got {
			t.Log(f.Format("vi"))
		}
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		f := got[i]
		vi, en := f.Message("vi"), f.Message("en")
		if f.Rule != "glyph-missing" || f.Severity != check.Warning || f.Spec != "§1" || f.Pos != w.pos ||
			!strings.Contains(vi, fmt.Sprintf("ký tự %q (%s)", w.char, w.code)) || !strings.Contains(vi, "Liberation Serif "+w.face) ||
			!strings.Contains(en, fmt.Sprintf("the character %q (%s)", w.char, w.code)) {
			t.Errorf("finding %d: %s / %s (spec %q); want %s %s at %d:%d in %s", i, f.Format("vi"), f.Format("en"), f.Spec, w.char, w.code, w.pos.Line, w.pos.Column, w.face)
		}
	}
	if !strings.HasPrefix(got[0].Format("en"), fmt.Sprintf("cv.yaml:%d:%d: warning [glyph-missing] ", want[0].pos.Line, want[0].pos.Column)) {
		t.Errorf("format: %s", got[0].Format("en"))
	}
}

// A finding in a table cell names the appendix, the row and the column, and
// points at the appendix's title: the model keeps no position for each cell
// (a 100,000-row appendix would hold half a million).
func TestGlyphsInTableCells(t *testing.T) {
	src := clean + `appendices:
  - title: Bảng theo dõi
    columns:
      - {title: STT, kind: index}
      - {title: Đơn vị}
      - {title: Nhiệt độ}
    rows:
      - [Sở Tư pháp, 25 độ C]
      - [Sở Y tế, 30℃]
`
	got := glyphFindings(t, src, defaultFonts(t))
	if len(got) != 1 {
		t.Fatalf("%d findings: %v", len(got), got)
	}
	f := got[0]
	if f.Pos != posOf(src, "Bảng theo dõi", 1) || !strings.Contains(f.Message("vi"), `(phụ lục 1, dòng 2, cột "Nhiệt độ")`) ||
		!strings.Contains(f.Message("en"), `(appendix 1, row 2, column "Nhiệt độ")`) {
		t.Errorf("%s / %s", f.Format("vi"), f.Format("en"))
	}
}

// Faces from --font-dir follow the same rule, each text in the face it is
// set in: with a family whose Bold face lacks Greek, Greek in the subject
// (regular) passes and Greek in the agency name (bold, in capitals) is
// reported, as its capital.
func TestGlyphsFollowTheFontSet(t *testing.T) {
	def := defaultFonts(t)
	dir := t.TempDir()
	for st := fonts.Regular; st <= fonts.BoldItalic; st++ {
		data := def.Face(st).Data()
		if st == fonts.Bold {
			var err error
			data, err = fontstest.Without(data, func(r rune) bool { return r >= 0x370 && r <= 0x3FF })
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, st.String()+".ttf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := fonts.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer(
		"subject: báo cáo kết quả", "subject: báo cáo kết quả đo α",
		"name: SỞ NỘI VỤ", "name: SỞ NỘI VỤ β",
	).Replace(clean)
	if got := glyphFindings(t, src, def); len(got) != 0 {
		t.Errorf("embedded fonts: %v", got)
	}
	got := glyphFindings(t, src, set)
	if len(got) != 1 || got[0].Pos != posOf(src, "SỞ NỘI VỤ β", 1) ||
		!strings.Contains(got[0].Message("vi"), `ký tự "Β" (U+0392)`) || !strings.Contains(got[0].Message("vi"), "Liberation Serif Bold") {
		t.Errorf("font dir: %v", got)
	}
}
