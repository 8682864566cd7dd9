package server

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/vanban-vn/vanban/internal/testtool"
)

func squeeze(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// The preview's pages hold every character of the PDF, page by page, as
// poppler reads them, and every page.
func TestPagesAgainstPoppler(t *testing.T) {
	testtool.Require(t, "pdftotext")
	dir := filepath.Join(testtool.RepoRoot(t), "examples")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	tmp := t.TempDir()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pdf := renderAll(t, name, src, dir)[name+".pdf"]
		pages, err := readPages(pdf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(tmp, name+".pdf")
		os.WriteFile(path, pdf, 0o644)
		want := testtool.PageTexts(t, path)
		if len(pages) != len(want) {
			t.Errorf("%s: %d pages, poppler reads %d", name, len(pages), len(want))
			continue
		}
		for i, p := range pages {
			var b strings.Builder
			for _, tx := range p.Texts {
				b.WriteString(tx.Text)
				if tx.Width <= 0 || tx.Size <= 0 || tx.X < 0 || tx.Y < 0 || tx.X > p.W || tx.Y > p.H {
					t.Errorf("%s page %d: %+v outside the page", name, i+1, tx)
				}
			}
			got, exp := squeeze(b.String()), squeeze(want[i])
			slices.Sort(got)
			slices.Sort(exp)
			if string(got) != string(exp) {
				t.Errorf("%s page %d: characters differ from pdftotext:\n got %q\nwant %q", name, i+1, string(squeeze(b.String())), string(squeeze(want[i])))
			}
		}
	}
}

// A piece's width is what poppler's bounding boxes give it.
func TestPageGeometry(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := filepath.Join(testtool.RepoRoot(t), "examples")
	src, _ := os.ReadFile(filepath.Join(dir, "cong-van-cchc-2023.yaml"))
	pdf := renderAll(t, "seed", src, dir)["seed.pdf"]
	pages, err := readPages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 {
		t.Fatalf("seed: %d pages, want 3", len(pages))
	}
	if p := pages[0]; p.W < 595 || p.W > 596 || p.H < 841 || p.H > 842 {
		t.Errorf("page 1 is %v × %v pt, want A4 portrait", p.W, p.H)
	}
	if p := pages[2]; p.W < p.H {
		t.Errorf("the appendix page is %v × %v pt, want landscape", p.W, p.H)
	}
	if len(pages[0].Lines) == 0 {
		t.Error("no rules on page 1 (the lines under the agency and the motto)")
	}
	found := false
	for _, tx := range pages[0].Texts {
		if strings.Contains(tx.Text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
			found = true
			if tx.Style != 1 {
				t.Errorf("Quốc hiệu style %d, want bold", tx.Style)
			}
		}
	}
	if !found {
		t.Error("no Quốc hiệu on page 1")
	}
	tmp := filepath.Join(t.TempDir(), "seed.pdf")
	os.WriteFile(tmp, pdf, 0o644)
	// pdftotext -bbox gives each word's box: the first word of the Quốc
	// hiệu starts where the preview puts its piece.
	out := testtool.Output(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", tmp, "-")
	i := strings.Index(out, ">CỘNG<")
	if i < 0 {
		t.Fatalf("no CỘNG in:\n%s", out)
	}
	line := out[strings.LastIndex(out[:i], "<word"):i]
	var xMin float64
	for _, f := range strings.Fields(line) {
		if strings.HasPrefix(f, `xMin="`) {
			xMin = parseF(strings.Trim(f[len(`xMin="`):], `"`))
		}
	}
	for _, tx := range pages[0].Texts {
		if strings.HasPrefix(tx.Text, "CỘNG HÒA") {
			if d := tx.X - xMin; d > 0.5 || d < -0.5 {
				t.Errorf("Quốc hiệu at x=%v, poppler says %v", tx.X, xMin)
			}
		}
	}
}

func parseF(s string) float64 {
	var v float64
	var frac float64
	for _, c := range s {
		switch {
		case c == '.':
			frac = 1
		case c >= '0' && c <= '9':
			if frac > 0 {
				frac /= 10
				v += float64(c-'0') * frac
			} else {
				v = v*10 + float64(c-'0')
			}
		}
	}
	return v
}
