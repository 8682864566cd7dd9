package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"

	"github.com/vanban-vn/vanban/fonts"
)

// The page content: the PDF basics, m/l/S for rules and borders and one
// BT…ET block of Tf/Tm/Tj per page, written straight into a byte slice
// (formatting every glyph with fmt made a 5,000-row appendix take four times
// its budget). Fonts are named /F1…/F4 after their style (fonts.Style + 1);
// the page resources list the ones used (font.go).

// glyphUse records the characters each face draws.
type glyphUse [4]map[rune]bool

func newGlyphUse() *glyphUse {
	var u glyphUse
	for i := range u {
		u[i] = map[rune]bool{}
	}
	return &u
}

// content returns the compressed content stream of a page. The stream is
// written into *scratch first, which later pages reuse. The pictures behind
// the text come first, those over it last; each is named in images, which
// writes it once (imageSet).
func content(p *page, fs *fonts.Set, used *glyphUse, images *imageSet, scratch *[]byte) ([]byte, error) {
	h := pt(p.section.Page.Height)
	b := (*scratch)[:0]
	defer func() { *scratch = b }()
	num := func(v float64) {
		b = strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	var err error
	if len(p.images) > 0 {
		b, err = drawImages(b, p, images, true)
	}
	width := -1.0
	for _, l := range p.lines {
		if l.width != width {
			num(l.width)
			b = append(b, " w\n"...)
			width = l.width
		}
		num(l.x1)
		b = append(b, ' ')
		num(h - l.y1)
		b = append(b, " m "...)
		num(l.x2)
		b = append(b, ' ')
		num(h - l.y2)
		b = append(b, " l S\n"...)
	}
	if len(p.texts) > 0 {
		b = append(b, "BT\n"...)
		font, size := -1, 0.0
		for i := 0; i < len(p.texts); {
			t := p.texts[i]
			// Pieces one space apart in one style go out as one string with
			// real spaces, so the text extracts as written.
			j := i + 1
			for j < len(p.texts) && p.texts[j].spaced && p.texts[j].y == t.y {
				j++
			}
			st := int(fonts.StyleOf(t.style.Bold, t.style.Italic))
			if st != font || t.size != size {
				b = append(b, "/F"...)
				b = strconv.AppendInt(b, int64(st+1), 10)
				b = append(b, ' ')
				b = strconv.AppendFloat(b, t.size, 'f', -1, 64)
				b = append(b, " Tf\n"...)
				font, size = st, t.size
			}
			b = append(b, "1 0 0 1 "...)
			num(t.x)
			b = append(b, ' ')
			num(h - t.y)
			b = append(b, " Tm <"...)
			face := fs.Face(fonts.Style(st))
			for k := i; k < j; k++ {
				if k > i {
					b = glyph(b, face, ' ', used[st])
				}
				for _, r := range p.texts[k].text {
					b = glyph(b, face, r, used[st])
				}
			}
			b = append(b, "> Tj\n"...)
			i = j
		}
		b = append(b, "ET\n"...)
	}
	if len(p.images) > 0 && err == nil {
		b, err = drawImages(b, p, images, false)
	}
	if err != nil {
		return nil, err
	}
	return deflate(b)
}

// drawImages appends the drawing of the page's pictures behind the text
// (or over it): each the unit square scaled to its box, its lower-left
// corner in PDF user space.
func drawImages(b []byte, p *page, images *imageSet, behind bool) ([]byte, error) {
	h := pt(p.section.Page.Height)
	num := func(v float64) { b = strconv.AppendFloat(b, v, 'f', 2, 64) }
	for _, im := range p.images {
		if im.img.Behind != behind {
			continue
		}
		name, err := images.name(im.img.PNG)
		if err != nil {
			return b, err
		}
		b = append(b, "q "...)
		num(im.w)
		b = append(b, " 0 0 "...)
		num(im.h)
		b = append(b, ' ')
		num(im.x)
		b = append(b, ' ')
		num(h - im.y - im.h)
		b = append(b, " cm /Im"...)
		b = strconv.AppendInt(b, int64(name), 10)
		b = append(b, " Do Q\n"...)
	}
	return b, nil
}

// imageSet holds the pictures the pages show, each once however many
// times it is drawn (by its bytes), as image XObjects named /Im1, /Im2 …
// in the order first drawn. A picture is decoded (image/png) when it is
// first named and written at the next flush: its colour samples, 8 bits
// deflated, in DeviceGray when it has no colour and DeviceRGB otherwise,
// and its alpha channel, when not opaque throughout, as a soft mask (the
// transparent background of a signature or seal image stays transparent).
type imageSet struct {
	names   map[string]int
	pending []decodedImage
	objects []int // objects[n-1] is the object number of /Im<n>
}

type decodedImage struct {
	name          int
	width, height int
	gray          bool
	samples       []byte // compressed
	alpha         []byte // compressed; nil when opaque
}

func newImageSet() *imageSet { return &imageSet{} }

// name returns the number of the picture's name (/Im<n>), decoding it the
// first time.
func (s *imageSet) name(data []byte) (int, error) {
	if n, ok := s.names[string(data)]; ok {
		return n, nil
	}
	im, err := decodePNG(data)
	if err != nil {
		return 0, err
	}
	if s.names == nil {
		s.names = map[string]int{}
	}
	n := len(s.names) + 1
	s.names[string(data)] = n
	im.name = n
	s.pending = append(s.pending, im)
	return n, nil
}

// flush writes the pictures named since the last flush, numbering their
// objects from *next.
func (s *imageSet) flush(out *objectWriter, next *int) {
	for _, im := range s.pending {
		num := *next
		*next += 1
		cs := "/DeviceRGB"
		if im.gray {
			cs = "/DeviceGray"
		}
		mask := ""
		if im.alpha != nil {
			mask = fmt.Sprintf(" /SMask %d 0 R", num+1)
			*next += 1
		}
		out.stream(num, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8%s /Filter /FlateDecode",
			im.width, im.height, cs, mask), im.samples)
		if im.alpha != nil {
			out.stream(num+1, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
				im.width, im.height), im.alpha)
		}
		s.objects = append(s.objects, num)
	}
	s.pending = s.pending[:0]
}

// resources is the /XObject entry of the page resources, or "" without
// pictures.
func (s *imageSet) resources() string {
	if len(s.objects) == 0 {
		return ""
	}
	var b []byte
	b = append(b, " /XObject <<"...)
	for i, num := range s.objects {
		b = fmt.Appendf(b, " /Im%d %d 0 R", i+1, num)
	}
	return string(append(b, " >>"...))
}

// decodePNG reads a PNG into 8-bit colour and alpha samples.
func decodePNG(data []byte) (decodedImage, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return decodedImage{}, fmt.Errorf("image: %w", err)
	}
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	rgb := make([]byte, 0, 3*w*h)
	alpha := make([]byte, 0, w*h)
	gray, opaque := true, true
	pixel := func(c color.NRGBA) {
		rgb = append(rgb, c.R, c.G, c.B)
		alpha = append(alpha, c.A)
		gray = gray && c.R == c.G && c.G == c.B
		opaque = opaque && c.A == 255
	}
	if n, ok := img.(*image.NRGBA); ok {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := n.Pix[n.PixOffset(r.Min.X, y):]
			for x := 0; x < w; x++ {
				pixel(color.NRGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]})
			}
		}
	} else {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				pixel(color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA))
			}
		}
	}
	out := decodedImage{width: w, height: h, gray: gray}
	if gray {
		for i := range w * h {
			rgb[i] = rgb[3*i]
		}
		rgb = rgb[:w*h]
	}
	if out.samples, err = deflate(rgb); err != nil {
		return decodedImage{}, err
	}
	if !opaque {
		if out.alpha, err = deflate(alpha); err != nil {
			return decodedImage{}, err
		}
	}
	return out, nil
}

const hexDigits = "0123456789ABCDEF"

// glyph appends the glyph id of r as four hex digits; a character the font
// lacks is drawn (and measured) as "?".
func glyph(b []byte, face *fonts.Face, r rune, used map[rune]bool) []byte {
	g, ok := face.GlyphIndex(r)
	if !ok {
		r = '?'
		g, _ = face.GlyphIndex(r)
	}
	used[r] = true
	return append(b, hexDigits[g>>12&15], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
}
