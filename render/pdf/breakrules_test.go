package pdf_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
)

// Each rule of the line breaker (package linebreak) is LibreOffice's: every
// case below is set in paragraphs whose right indent puts the line end at
// each place inside it in turn, and our PDF and LibreOffice's rendering of
// our DOCX break every one of them at the same place. Widths closer than
// 0.6 pt to what a line could hold are left out: there the two measures
// differ by a few hundredths of a point either way.
func TestBreakRulesAgreeWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	cases := []string{
		"kinh tế-xã hội", "e-mail", "ab-5", "x-(y)", "x -ab", "ab\u2010cd", "ab--cd", "ab-/cd", "ab-“cd”", "ab-,cd",
		"2021–2025", "a—b—c", "ab!cd", "ab?cd", "ab…cd", "and/or", "TIÊU CHÍ/TIÊU CHÍ",
		"12/QĐ-STP", "7484/UBND-NC", "SNV-CCHC&VTLT", "COVID-19", "x\u2011quang", "Điều\u00a05",
	}
	fs := fontSet(t)
	face := fs.Face(fonts.Regular)
	st := layout.Style{Size: layout.Pt(13)}
	w := func(s string) float64 { return face.Width(s, 13) }
	page := nd30.Page(false)
	text := page.TextWidth().Points()
	var blocks []layout.Block
	for _, c := range cases {
		para := "Mở " + c + " đóng"
		// The width of every piece a line could hold: from any character
		// to any other.
		var ends []float64
		for i := range para {
			for j := range para[i:] {
				ends = append(ends, w(para[i:i+j]))
			}
			ends = append(ends, w(para[i:]))
		}
		// From where each word fits on a line (below that, a word split
		// between characters shows LibreOffice's quirks: a non-breaking
		// hyphen drawn on both lines).
		widest := 0.0
		for _, f := range strings.Fields(para) {
			widest = max(widest, w(f))
		}
		for avail := widest + 1; avail < w(para)+2; avail += 0.8 {
			near := false
			for _, e := range ends {
				near = near || math.Abs(e-avail) < 0.6
			}
			if near {
				continue
			}
			blocks = append(blocks, &layout.Paragraph{
				Runs: []layout.Run{{Text: para, Style: st}}, Mark: st, LineSpacing: 240,
				IndentRight: layout.Pt(text - avail),
			})
		}
	}
	t.Logf("%d cases in %d paragraphs", len(cases), len(blocks))
	ld := &layout.Document{Default: st, Sections: []layout.Section{{Page: page, Blocks: blocks}}}
	d, p := writeBoth(t, ld, fs, "rules")
	dir := filepath.Dir(d)
	lines := func(path string) []string { // page breaks aside
		var out []string
		for _, l := range collapsed(t, path) {
			if l != "\f" {
				out = append(out, l)
			}
		}
		return out
	}
	lo, mine := lines(testtool.ConvertToPDF(t, dir, d)[0]), lines(p)
	if len(mine) < 2*len(blocks) || utf8.RuneCountInString(strings.Join(mine, "")) < 10*len(blocks) {
		t.Fatalf("%d lines for %d paragraphs", len(mine), len(blocks))
	}
	for i := 0; i < min(len(lo), len(mine)); i++ {
		if lo[i] != mine[i] {
			t.Fatalf("line %d differs\n ours: %q\n   LO: %q\n(before: %q)", i+1, mine[i], lo[i], mine[max(i-1, 0)])
		}
	}
	if len(lo) != len(mine) {
		t.Errorf("%d lines, LibreOffice %d", len(mine), len(lo))
	}
}

// writeBoth writes ld as DOCX (for LibreOffice to lay out) and as our PDF in
// a temporary folder, and returns their paths.
func writeBoth(t *testing.T, ld *layout.Document, fs *fonts.Set, name string) (docxPath, pdfPath string) {
	t.Helper()
	data, err := docx.Bytes(ld)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := pdf.Bytes(ld, fs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docxPath, pdfPath = filepath.Join(dir, name+".docx"), filepath.Join(dir, "ours.pdf")
	if err := os.WriteFile(docxPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdfPath, ours, 0o644); err != nil {
		t.Fatal(err)
	}
	return docxPath, pdfPath
}
