package testtool

import (
	"encoding/xml"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Glyph is one character on a PDF page as mutool reads it back.
type Glyph struct {
	Page     int     // 1-based
	X0, X1   float64 // left and right edge, points from the left
	Baseline float64 // points from the top
	Font     string
	Size     float64
	C        string
}

// Glyphs returns every character of a PDF with its font and position
// (`mutool draw -F stext`).
func Glyphs(t testing.TB, pdf string) []Glyph {
	t.Helper()
	out := Output(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf)
	dec := xml.NewDecoder(strings.NewReader(out))
	var glyphs []Glyph
	page, font, size := 0, "", 0.0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) string {
			for _, a := range se.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		switch se.Name.Local {
		case "page":
			page++
		case "font":
			font = attr("name")
			size, _ = strconv.ParseFloat(attr("size"), 64)
		case "char":
			q := strings.Fields(attr("quad"))
			if len(q) != 8 {
				continue
			}
			x0, _ := strconv.ParseFloat(q[0], 64)
			x1, _ := strconv.ParseFloat(q[2], 64)
			y, _ := strconv.ParseFloat(attr("y"), 64)
			glyphs = append(glyphs, Glyph{Page: page, X0: x0, X1: x1, Baseline: y, Font: font, Size: size, C: attr("c")})
		}
	}
	return glyphs
}

// Line is the text of glyphs sharing a baseline within a column.
type Line struct {
	Page     int
	Text     string
	X0, X1   float64
	Baseline float64
	Fonts    map[string]bool
}

// Lines groups the glyphs of a page between x0 and x1 into lines, top to
// bottom, putting a space wherever the gap between glyphs is wider than a
// fifth of the font size.
func Lines(glyphs []Glyph, page int, x0, x1 float64) []Line {
	byBaseline := map[float64][]Glyph{}
	for _, g := range glyphs {
		if g.Page != page || g.X0 < x0-0.5 || g.X1 > x1+0.5 {
			continue
		}
		key := math.Round(g.Baseline*2) / 2
		byBaseline[key] = append(byBaseline[key], g)
	}
	keys := make([]float64, 0, len(byBaseline))
	for k := range byBaseline {
		keys = append(keys, k)
	}
	sort.Float64s(keys)
	lines := make([]Line, 0, len(keys))
	for _, k := range keys {
		gs := byBaseline[k]
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].X0 < gs[j].X0 })
		l := Line{Page: page, X0: gs[0].X0, X1: gs[0].X1, Baseline: gs[0].Baseline, Fonts: map[string]bool{}}
		var b strings.Builder
		for i, g := range gs {
			if i > 0 && g.C != " " && gs[i-1].C != " " && g.X0-gs[i-1].X1 > g.Size/5 {
				b.WriteByte(' ')
			}
			b.WriteString(g.C)
			l.X1 = max(l.X1, g.X1)
			if strings.TrimSpace(g.C) != "" {
				l.Fonts[g.Font] = true
			}
		}
		l.Text = strings.Join(strings.Fields(b.String()), " ")
		lines = append(lines, l)
	}
	return lines
}
