package check_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
)

// inkPNG is a w × h PNG holding an ellipse of ink on a transparent
// background, or on white when opaque.
func inkPNG(t *testing.T, w, h int, ink color.NRGBA, opaque bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)+0.5)/float64(w)-0.5, (float64(y)+0.5)/float64(h)-0.5
			switch {
			case dx*dx+dy*dy < 0.25:
				img.SetNRGBA(x, y, ink)
			case opaque:
				img.SetNRGBA(x, y, color.NRGBA{255, 255, 255, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	blueInk = color.NRGBA{20, 40, 170, 255}
	redInk  = color.NRGBA{215, 25, 30, 255}
)

// signedDoc is the clean công văn with a signature image (line 21) and a
// seal image (line 6), read from files.
func signedDoc(t *testing.T, sig, seal []byte) *vanban.Document {
	t.Helper()
	src := strings.Replace(clean, "  name_in_text: Sở Nội vụ\n", "  name_in_text: Sở Nội vụ\n  seal_image: dau.png\n  seal_mm: 40\n", 1)
	src = strings.Replace(src, "  name: Lê Minh Đạo\n", "  name: Lê Minh Đạo\n  signature_image: chu-ky.png\n", 1)
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"dau.png": {Data: seal}, "chu-ky.png": {Data: sig}}
	if err := vanban.ReadImages(doc, fsys, "."); err != nil {
		t.Fatal(err)
	}
	return doc
}

// A blue signature and a red seal on transparent backgrounds are clean;
// each rule finds its fault at the line that names the image, in both
// languages.
func TestImageRules(t *testing.T) {
	sig, seal := inkPNG(t, 120, 50, blueInk, false), inkPNG(t, 80, 80, redInk, false)
	for _, f := range check.Document(signedDoc(t, sig, seal)) {
		t.Errorf("unexpected: %s", f.Format("vi"))
	}
	tests := []struct {
		rule      string
		sig, seal []byte
		line      int
		vi, en    string
	}{
		{"image-color", inkPNG(t, 120, 50, color.NRGBA{10, 10, 10, 255}, false), seal, 23, `chữ ký "chu-ky.png" phải màu xanh`, "must be blue"},
		{"image-color", sig, inkPNG(t, 80, 80, blueInk, false), 6, `con dấu "dau.png" phải màu đỏ`, "must be red"},
		{"image-alpha", inkPNG(t, 120, 50, blueInk, true), seal, 23, "không có nền trong suốt", "no transparent background"},
		{"image-alpha", sig, inkPNG(t, 80, 80, redInk, true), 6, `con dấu "dau.png" không có nền trong suốt`, "seal image"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			var hits []check.Finding
			for _, f := range check.Document(signedDoc(t, tt.sig, tt.seal)) {
				if f.Rule == tt.rule {
					hits = append(hits, f)
				} else {
					t.Errorf("unexpected: %s", f.Format("vi"))
				}
			}
			if len(hits) != 1 {
				t.Fatalf("%d %s findings: %v", len(hits), tt.rule, hits)
			}
			h := hits[0]
			if h.Pos.Line != tt.line || h.Severity != check.Warning || h.Spec != "§10" ||
				!strings.Contains(h.Message("vi"), tt.vi) || !strings.Contains(h.Message("en"), tt.en) {
				t.Errorf("got %s / %s; want line %d with %q / %q", h.Format("vi"), h.Format("en"), tt.line, tt.vi, tt.en)
			}
		})
	}
	// Images named but not read (a document parsed, not loaded) are not
	// checked.
	doc := signedDoc(t, sig, seal)
	doc.Signer.Image.PNG, doc.Agency.Seal.PNG = nil, nil
	if fs := check.Document(doc); len(fs) > 0 {
		t.Errorf("unread images: %v", fs)
	}
}
