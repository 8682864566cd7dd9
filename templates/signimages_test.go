package templates_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
)

// An electronic document's images (docs/nd30.md §10.1): the signature
// centred between the title and the name, the seal at its real diameter over
// the left third of it, in our PDF (image XObjects with a soft mask) and in
// LibreOffice's rendering of our DOCX (pictures anchored to the name),
// within 1 mm of each other.

// ringPNG is a w × h transparent PNG: an ellipse of ink (a seal's ring and
// centre when ring) on nothing.
func ringPNG(t *testing.T, w, h int, ink color.NRGBA, ring bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)+0.5)/float64(w)-0.5, (float64(y)+0.5)/float64(h)-0.5
			r := dx*dx + dy*dy
			if r < 0.25 && (!ring || r > 0.18 || r < 0.02) {
				img.SetNRGBA(x, y, ink)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// signedExample writes the báo cáo example with a signature and a seal of
// sealMM into dir, its title one line when short.
func signedExample(t *testing.T, dir, name string, sealMM string, short bool) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", "bao-cao-cchc-quy-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "  name_in_text: Sở Nội vụ\n", "  name_in_text: Sở Nội vụ\n  seal_image: anh/dau.png\n  seal_mm: "+sealMM+"\n", 1)
	s = strings.Replace(s, "  name: Trần Thị Minh Hà\n", "  name: Trần Thị Minh Hà\n  signature_image: anh/chu-ky.png\n", 1)
	if short {
		s = strings.Replace(s, "title: [KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]", "title: GIÁM ĐỐC", 1)
	}
	if !strings.Contains(s, "signature_image") || !strings.Contains(s, "seal_image") || short && !strings.Contains(s, "title: GIÁM ĐỐC") {
		t.Fatal("the example changed; update the test")
	}
	path := filepath.Join(dir, name+".yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// picturesBySize splits the pictures of page 1 into the signature and the
// seal by their pixel sizes.
func picturesBySize(t *testing.T, pics []testtool.Picture, sig, seal [2]int) (s, d testtool.Picture) {
	t.Helper()
	n := 0
	for _, p := range pics {
		switch {
		case p.Page == 1 && p.Pixels == sig:
			s = p
			n++
		case p.Page == 1 && p.Pixels == seal:
			d = p
			n++
		}
	}
	if n != 2 || len(pics) != 2 {
		t.Fatalf("pictures %+v, want a signature %v and a seal %v", pics, sig, seal)
	}
	return s, d
}

func TestSignatureAndSealImages(t *testing.T) {
	testtool.Require(t, "soffice", "mutool", "pdfimages")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "anh"), 0o755); err != nil {
		t.Fatal(err)
	}
	sigPx, sealPx := [2]int{300, 110}, [2]int{200, 200}
	os.WriteFile(filepath.Join(dir, "anh", "chu-ky.png"), ringPNG(t, sigPx[0], sigPx[1], color.NRGBA{20, 50, 190, 255}, false), 0o644)
	os.WriteFile(filepath.Join(dir, "anh", "dau.png"), ringPNG(t, sealPx[0], sealPx[1], color.NRGBA{220, 25, 30, 255}, true), 0o644)
	cases := []struct {
		name   string
		sealMM float64
		short  bool // one title line: the column is shorter than a 60 mm seal
	}{{"ky-so-40", 40, false}, {"ky-so-60", 60, true}}
	var files []string
	for _, c := range cases {
		files = append(files, signedExample(t, dir, c.name, strconv.FormatFloat(c.sealMM, 'f', -1, 64), c.short))
	}
	out, again := filepath.Join(dir, "out"), filepath.Join(dir, "again")
	opts := engine.Options{Formats: engine.Formats{engine.DOCX: true, engine.PDF: true}}
	res, err := engine.RenderFiles(context.Background(), files, out, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Rule, "image-") {
			t.Errorf("a blue signature and a red seal, transparent: %s", f.Format("en"))
		}
	}
	if _, err := engine.RenderFiles(context.Background(), files, again, opts); err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, c := range cases {
		for _, ext := range []string{".pdf", ".docx"} {
			a, _ := os.ReadFile(filepath.Join(out, c.name+ext))
			b, _ := os.ReadFile(filepath.Join(again, c.name+ext))
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s%s: the same input gave different bytes", c.name, ext)
			}
		}
		docs = append(docs, filepath.Join(out, c.name+".docx"))
	}
	testtool.ValidateOOXML(t, docs...)
	lo := testtool.ConvertToPDF(t, filepath.Join(dir, "lo"), docs...)

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ours := filepath.Join(out, c.name+".pdf")
			_, pics := testtool.Trace(t, ours)
			sig, seal := picturesBySize(t, pics, sigPx, sealPx)
			// The seal at its real size, covering the left third of the
			// signature, centred on it as far as the column lets it.
			if math.Abs(seal.Width/mm-c.sealMM) > 0.5 || math.Abs(seal.Height/mm-c.sealMM) > 0.5 {
				t.Errorf("seal %.2f × %.2f mm, want %.0f mm", seal.Width/mm, seal.Height/mm, c.sealMM)
			}
			overlap := seal.X + seal.Width - sig.X
			if seal.X+seal.Width/2 >= sig.X+sig.Width/2 || math.Abs(overlap-sig.Width/3) > 0.5*mm {
				t.Errorf("seal %.1f–%.1f mm over the signature %.1f–%.1f mm: overlap %.2f mm, want a third, %.2f mm",
					seal.X/mm, (seal.X+seal.Width)/mm, sig.X/mm, (sig.X+sig.Width)/mm, overlap/mm, sig.Width/3/mm)
			}
			// The signature: its proportions, centred in the signature
			// column, between the title and the name.
			glyphs := testtool.Glyphs(t, ours)
			lines := testtool.Lines(glyphs, 1, signLeft, 1000)
			name := exactLine(lines, "Trần Thị Minh Hà")
			first, title := exactLine(lines, "KT. GIÁM ĐỐC"), exactLine(lines, "PHÓ GIÁM ĐỐC")
			if c.short {
				first = exactLine(lines, "GIÁM ĐỐC")
				title = first
			}
			if name == nil || title == nil || first == nil {
				t.Fatalf("name %+v, title %+v", name, title)
			}
			if math.Abs(sig.Width/sig.Height-float64(sigPx[0])/float64(sigPx[1])) > 0.01 || sig.Width > nd30.SignatureImageMaxWidth.Points()+0.01 ||
				math.Abs(sig.X+sig.Width/2-signCentre) > 0.5*mm || sig.Y < title.Baseline || sig.Y+sig.Height > name.Baseline-10 {
				t.Errorf("signature %+v: want centred on %.1f pt between the title (%.1f) and the name (%.1f)", sig, signCentre, title.Baseline, name.Baseline)
			}
			gapSig := (title.Baseline + name.Baseline - 10) / 2 // about the middle of the space
			if math.Abs(sig.Y+sig.Height/2-gapSig) > 3*mm {
				t.Errorf("signature centred at %.1f pt, the space's middle is about %.1f", sig.Y+sig.Height/2, gapSig)
			}
			// The seal stays in the signature column, from the top of its
			// row (12 pt above the title's first line, whose baseline is
			// 12.13 pt below its top at 13 pt) to the bottom of the name's
			// line; a 60 mm seal under a one-line title grows the space for
			// the signature to hold it.
			top, bottom := first.Baseline-12.13-12, name.Baseline+0.216*13
			if seal.Y < top-0.5 || seal.Y+seal.Height > bottom+0.5 {
				t.Errorf("seal %.1f–%.1f pt outside its row %.1f–%.1f", seal.Y, seal.Y+seal.Height, top, bottom)
			}
			space := name.Baseline - title.Baseline // the space for the signature and a line
			usual := nd30.SignatureGap.Points() + 14.95
			if c.short && space < 45*mm || !c.short && math.Abs(space-usual) > 0.5 {
				t.Errorf("%.1f mm between the title and the name for a %.0f mm seal (usually %.1f)", space/mm, c.sealMM, usual/mm)
			}
			// LibreOffice puts the DOCX's pictures at the same places and
			// keeps their transparency.
			_, loPics := testtool.Trace(t, lo[i])
			lsig, lseal := picturesBySize(t, loPics, sigPx, sealPx)
			for _, p := range [][2]testtool.Picture{{sig, lsig}, {seal, lseal}} {
				a, b := p[0], p[1]
				if math.Abs(a.X-b.X) > mm || math.Abs(a.Y-b.Y) > mm || math.Abs(a.Width-b.Width) > mm || math.Abs(a.Height-b.Height) > mm {
					t.Errorf("picture %v: ours %+v, LibreOffice %+v", a.Pixels, a, b)
				}
			}
			for _, pdf := range []string{ours, lo[i]} {
				list := testtool.Output(t, "pdfimages", "-list", pdf)
				kinds := map[string]int{}
				for _, l := range strings.Split(list, "\n") {
					if f := strings.Fields(l); len(f) > 2 && f[0] == "1" {
						kinds[f[2]]++
					}
				}
				if kinds["image"] != 2 || kinds["smask"] != 2 {
					t.Errorf("%s: pdfimages -list:\n%s", filepath.Base(pdf), list)
				}
			}
		})
	}

	// A document whose images were not read cannot be rendered.
	doc, err := vanban.ParseFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	err = engine.Render(context.Background(), doc, "x", opts, &memSink{files: map[string]*bytes.Buffer{}})
	if err == nil || !strings.Contains(err.Error(), "chưa được đọc") {
		t.Errorf("render without the images read: %v", err)
	}
}
