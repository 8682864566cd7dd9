package testtool

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// Stroke is one stroked segment on a PDF page as mutool traces it, in
// points from the page's top-left corner.
type Stroke struct {
	Page           int
	X0, Y0, X1, Y1 float64
	Width          float64
}

// Picture is an image drawn on a PDF page: its box in points from the
// page's top-left corner.
type Picture struct {
	Page                int
	X, Y, Width, Height float64
	Pixels              [2]int // the image's width and height in pixels
}

// Trace returns the stroked segments and the images of a PDF's pages
// (`mutool draw -F trace`), in device space (y downwards).
func Trace(t testing.TB, pdf string) ([]Stroke, []Picture) {
	t.Helper()
	out := Output(t, "mutool", "draw", "-q", "-F", "trace", "-o", "-", pdf)
	dec := xml.NewDecoder(strings.NewReader(out))
	var strokes []Stroke
	var pictures []Picture
	page := 0
	var m [6]float64
	var stroke *Stroke // the path being read, with its width
	var last [2]float64
	num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	matrix := func(s string) [6]float64 {
		var m [6]float64
		for i, f := range strings.Fields(s) {
			if i < 6 {
				m[i] = num(f)
			}
		}
		return m
	}
	apply := func(x, y float64) (float64, float64) {
		return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range v.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch v.Name.Local {
			case "page":
				page++
			case "stroke_path":
				m = matrix(attr("transform"))
				stroke = &Stroke{Page: page, Width: num(attr("linewidth"))}
			case "moveto":
				if stroke != nil {
					last[0], last[1] = apply(num(attr("x")), num(attr("y")))
				}
			case "lineto":
				if stroke != nil {
					x, y := apply(num(attr("x")), num(attr("y")))
					s := *stroke
					s.X0, s.Y0, s.X1, s.Y1 = last[0], last[1], x, y
					strokes = append(strokes, s)
					last = [2]float64{x, y}
				}
			case "fill_image":
				im := matrix(attr("transform"))
				p := Picture{Page: page, X: min(im[4], im[4]+im[0]), Y: min(im[5], im[5]+im[3]), Width: abs(im[0]), Height: abs(im[3])}
				p.Pixels = [2]int{int(num(attr("width"))), int(num(attr("height")))}
				pictures = append(pictures, p)
			}
		case xml.EndElement:
			if v.Name.Local == "stroke_path" {
				stroke = nil
			}
		}
	}
	return strokes, pictures
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
