package check

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"

	vanban "github.com/vanban-vn/vanban"
)

// ImageRules check the images of an electronic document (docs/nd30.md §10):
// the signer's signature blue, the agency's seal red, both PNG with a
// transparent background (PL I II.7.d, II.8.a). They read the images'
// bytes, which engine.Load reads; a document whose images were not read is
// not checked.
var ImageRules = []Rule{
	{"image-color", "§10", checkImageColor},
	{"image-alpha", "§10", checkImageAlpha},
}

func init() { Rules = append(Rules, ImageRules...) }

// namedImage is an image the document names, with what it must show.
type namedImage struct {
	im   *vanban.Image
	seal bool // a seal (red); else a signature (blue)
}

func imagesOf(doc *vanban.Document) []namedImage {
	var out []namedImage
	add := func(im *vanban.Image, seal bool) {
		if im != nil && im.PNG != nil {
			out = append(out, namedImage{im, seal})
		}
	}
	add(doc.Agency.Seal, true)
	add(doc.Signer.Image, false)
	if c := doc.Copy; c != nil {
		add(c.Agency.Seal, true)
		add(c.Signer.Image, false)
	}
	return out
}

// inkStats reads an image: how many pixels are ink (not transparent, not
// white or grey), how many of those are blue and red, and whether any pixel
// is transparent (an alpha channel, or a colour marked transparent: the
// decoder gives such pixels alpha 0). Large images are sampled on a grid of at most about
// 250,000 points.
type inkStats struct {
	ink, blue, red int
	transparent    bool
}

func readInk(data []byte) (inkStats, bool) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return inkStats{}, false
	}
	r := img.Bounds()
	step := 1
	for (r.Dx()/step)*(r.Dy()/step) > 250_000 {
		step++
	}
	var s inkStats
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x < r.Max.X; x += step {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.A < 255 {
				s.transparent = true
			}
			if c.A < 128 {
				continue
			}
			switch hue(c) {
			case "blue":
				s.ink++
				s.blue++
			case "red":
				s.ink++
				s.red++
			case "other":
				s.ink++
			}
		}
	}
	return s, true
}

// hue names a pixel's colour: "" for the white, grey or black of a
// background or a scan's noise, "blue" (hues 180–270°), "red" (330–25°),
// "other".
func hue(c color.NRGBA) string {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	hi, lo := max(r, g, b), min(r, g, b)
	if hi-lo < 0.2 || hi < 0.15 {
		return ""
	}
	var h float64
	switch hi {
	case r:
		h = 60 * (g - b) / (hi - lo)
	case g:
		h = 60 * (2 + (b-r)/(hi-lo))
	default:
		h = 60 * (4 + (r-g)/(hi-lo))
	}
	if h < 0 {
		h += 360
	}
	switch {
	case h >= 180 && h <= 270:
		return "blue"
	case h >= 330 || h <= 25:
		return "red"
	}
	return "other"
}

// checkImageColor: the signature image is blue and the seal image red, for
// most of what they show (PL I II.7.d, II.8.a).
func checkImageColor(doc *vanban.Document, r *reporter) {
	for _, n := range imagesOf(doc) {
		s, ok := readInk(n.im.PNG)
		if !ok {
			continue
		}
		share := func(k int) float64 {
			if s.ink == 0 {
				return 0
			}
			return float64(k) / float64(s.ink)
		}
		switch {
		case n.seal && share(s.red) < 0.5:
			r.warn(n.im.Pos,
				fmt.Sprintf("hình ảnh con dấu %q phải màu đỏ; phần màu đỏ chỉ chiếm %.0f%%", n.im.Path, 100*share(s.red)),
				fmt.Sprintf("the seal image %q must be red; red is only %.0f%% of it", n.im.Path, 100*share(s.red)))
		case !n.seal && share(s.blue) < 0.5:
			r.warn(n.im.Pos,
				fmt.Sprintf("hình ảnh chữ ký %q phải màu xanh; phần màu xanh chỉ chiếm %.0f%%", n.im.Path, 100*share(s.blue)),
				fmt.Sprintf("the signature image %q must be blue; blue is only %.0f%% of it", n.im.Path, 100*share(s.blue)))
		}
	}
}

// checkImageAlpha: the images are PNG with a transparent background
// (PL I II.7.d, II.8.a): one without a transparent pixel hides the text
// and the signature under it.
func checkImageAlpha(doc *vanban.Document, r *reporter) {
	for _, n := range imagesOf(doc) {
		s, ok := readInk(n.im.PNG)
		if !ok || s.transparent {
			continue
		}
		what, whatEN := "chữ ký", "signature"
		if n.seal {
			what, whatEN = "con dấu", "seal"
		}
		r.warn(n.im.Pos,
			fmt.Sprintf("hình ảnh %s %q không có nền trong suốt; cần ảnh PNG nền trong suốt", what, n.im.Path),
			fmt.Sprintf("the %s image %q has no transparent background; a PNG with a transparent background is needed", whatEN, n.im.Path))
	}
}
