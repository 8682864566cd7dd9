package fonts

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ptPerMM = 72 / 25.4

// The widths the spec derives from Times New Roman metrics (docs/nd30.md §3 rows 1–2,
// §11.2, [DERIVED: M]) come out of the embedded Liberation Serif.
func TestWidthsMatchSpecMeasurements(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		style Style
		text  string
		size  float64
		mm    float64 // from the spec
		tol   float64
	}{
		{Bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, 88, 1.5},
		{Bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, 96, 1.5},
		{Bold, "Độc lập - Tự do - Hạnh phúc", 13, 56, 1},
		{Bold, "Độc lập - Tự do - Hạnh phúc", 14, 60.5, 1},
		{Italic, "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2024", 14, 106, 1.5},
		{Bold, "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", 12, 82, 1.5},
	}
	for _, tt := range tests {
		got := set.Face(tt.style).Width(tt.text, tt.size) / ptPerMM
		if math.Abs(got-tt.mm) > tt.tol {
			t.Errorf("%q at %v pt %v: %.1f mm, spec says ≈%.1f mm", tt.text, tt.size, tt.style, got, tt.mm)
		}
	}
}

func TestDefaultIsParsedOnce(t *testing.T) {
	a, _ := Default()
	b, _ := Default()
	if a != b {
		t.Error("Default parsed the fonts twice")
	}
	for st := Regular; st <= BoldItalic; st++ {
		if a.Face(st) == nil || len(a.Face(st).Data()) < 100_000 {
			t.Errorf("face %v missing", st)
		}
	}
}

func TestBreakLines(t *testing.T) {
	set, _ := Default()
	face := set.Face(Regular)
	text := "Sở Nội vụ đề nghị lãnh đạo các cơ quan, đơn vị quyết liệt theo dõi, đôn đốc cán bộ"
	lines := face.BreakLines(text, 13, 150)
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var words []string
	for _, l := range lines {
		if l.Width > 150 {
			t.Errorf("line %q is %.1f pt, over 150", l.Text, l.Width)
		}
		words = append(words, l.Text)
	}
	if strings.Join(words, " ") != text {
		t.Errorf("lines do not join back to the text: %q", words)
	}
	// A word longer than the line is split rather than crossing the margin.
	long := strings.Repeat("x", 80)
	for _, l := range face.BreakLines(long, 13, 100) {
		if l.Width > 100 {
			t.Errorf("long word line %.1f pt wide", l.Width)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	for _, name := range fileNames {
		data, err := embedded.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.ToLower(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if set.Family != "Liberation Serif" {
		t.Errorf("family %q", set.Family)
	}
	def, _ := Default()
	for st := Regular; st <= BoldItalic; st++ {
		if !bytes.Equal(set.Face(st).Data(), def.Face(st).Data()) {
			t.Errorf("style %v loaded from the wrong file", st)
		}
	}
	// A family missing a style is refused with what was found.
	os.Remove(filepath.Join(dir, "liberationserif-bolditalic.ttf"))
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "Liberation Serif (Regular, Bold, Italic)") {
		t.Errorf("incomplete family: %v", err)
	}
	if _, err := LoadDir(filepath.Join(dir, "none")); err == nil {
		t.Error("a missing folder was accepted")
	}
}

// A font without TrueType outlines in the folder is left out, not fatal:
// the family is still found when complete, and when it is not, the message
// names the file and why it was left out.
func TestLoadDirSkipsUnembeddable(t *testing.T) {
	dir := t.TempDir()
	for _, name := range fileNames {
		data, _ := embedded.ReadFile(name)
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	cff, err := os.ReadFile(filepath.Join("testdata", "CFFTest.otf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "cff.ttf"), cff, 0o644) // an .otf renamed, as users do
	if set, err := LoadDir(dir); err != nil || set.Family != "Liberation Serif" {
		t.Fatalf("complete family beside a CFF font: %v", err)
	}
	os.Remove(filepath.Join(dir, fileNames[BoldItalic]))
	_, err = LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "không dùng được: cff.ttf (không phải phông TrueType có nét chữ glyf") {
		t.Errorf("incomplete family beside a CFF font: %v", err)
	}
}
