package pdf

import (
	"math"
	"strings"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/linebreak"
)

// frag is a piece of text in one style on a line, at x from the line's
// container edge.
type frag struct {
	text   string
	style  layout.Style
	script layout.Script
	x      float64
	width  float64
}

// line is one laid-out line of a paragraph.
type line struct {
	frags  []frag
	ascent float64 // from the line's top to its baseline
	height float64 // line pitch
}

// unit is one vertical step of laid-out content: a text line or a rule,
// with the space above it. Pagination moves units between pages; a unit is
// never split.
type unit struct {
	before float64 // space above, dropped when the unit opens a page
	height float64 // the line or rule itself
	after  float64 // space below
	line   *line
	rule   *layout.Rule
	ruleX  float64 // rule start from the container edge
}

func (u *unit) total() float64 { return u.before + u.height + u.after }

func pt(l layout.Length) float64 { return l.Points() }

// measurer measures runs with the fonts that are embedded.
type measurer struct{ fonts *fonts.Set }

func (m measurer) face(st layout.Style) *fonts.Face {
	return m.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
}

// size is the point size glyphs of a run are set in. Sub- and superscripts
// are set as LibreOffice sets them: ScriptScale of the size in whole twips,
// rounded down (SwSubFont::SetSize; 13 pt: 150 twips, 7.5 pt).
func size(st layout.Style, script layout.Script) float64 {
	if script != layout.Baseline {
		return float64(int(st.Size)*scriptPercent/100) / 20
	}
	return pt(st.Size)
}

var scriptPercent = int(math.Round(layout.ScriptScale * 100))

func (m measurer) width(text string, st layout.Style, script layout.Script) float64 {
	return m.face(st).Width(text, size(st, script))
}

// format is what LibreOffice's line filling knows of a run (linebreak):
// the height of its font, its slant, and whether it is formatted as the run
// before it (same).
func (m measurer) format(r *layout.Run, same bool) linebreak.Format {
	return linebreak.Format{Height: m.face(r.Style).LineHeight(pt(r.Style.Size)), Italic: r.Style.Italic, Same: same}
}

// paragraph lays out p in a container width points wide.
func (m measurer) paragraph(p *layout.Paragraph, width float64) []unit {
	spacing := float64(p.LineSpacing) / 240
	if p.LineSpacing == 0 {
		spacing = 1
	}
	metrics := func(st layout.Style) (ascent, height float64) {
		f := m.face(st)
		return f.Ascent(pt(st.Size)), f.LineHeight(pt(st.Size)) * spacing
	}
	left, right, first := pt(p.IndentLeft), pt(p.IndentRight), pt(p.FirstLine)
	if u, ok := m.oneLine(p, width-left-first-right, metrics); ok {
		u.line.frags[0].x += left + first
		return []unit{u}
	}

	var few [8]string // most paragraphs have a few runs: no allocation
	var fewFormats [8]linebreak.Format
	texts, formats := few[:0], fewFormats[:0]
	if len(p.Runs) > len(few) {
		texts, formats = make([]string, 0, len(p.Runs)), make([]linebreak.Format, 0, len(p.Runs))
	}
	for i := range p.Runs {
		r := &p.Runs[i]
		texts = append(texts, r.Text)
		formats = append(formats, m.format(r, i > 0 && r.Style == p.Runs[i-1].Style && r.Script == p.Runs[i-1].Script))
	}
	measure := func(run int, s string) float64 {
		r := &p.Runs[run]
		return m.width(s, r.Style, r.Script)
	}
	broken := linebreak.BreakFormatted(texts, formats, measure, width-left-first-right, width-left-right)
	nfrags := 0
	for _, l := range broken {
		for _, w := range l.Words {
			nfrags += len(w.Boxes)
		}
	}
	backing := make([]frag, 0, nfrags) // every line's fragments, in one array
	lines := make([]line, len(broken))
	for n, bl := range broken {
		x, avail := left+first, width-left-first-right
		if n > 0 {
			x, avail = left, width-left-right
		}
		words := bl.Words
		gapExtra, gaps := 0.0, 0
		for _, w := range words[:max(len(words)-1, 0)] {
			if w.Stretch {
				gaps++
			}
		}
		switch p.Align {
		case layout.Center:
			x += (avail - bl.Width) / 2
		case layout.Right:
			x += avail - bl.Width
		case layout.Justify:
			if n < len(broken)-1 && gaps > 0 && bl.Width < avail {
				gapExtra = (avail - bl.Width) / float64(gaps)
			}
		}
		ln := &lines[n]
		ln.ascent, ln.height = metrics(p.Mark)
		if len(words) > 0 {
			ln.ascent, ln.height = 0, 0
		}
		start := len(backing)
		var lastStyle layout.Style
		for _, w := range words {
			wx := x
			for _, b := range w.Boxes {
				r := &p.Runs[b.Run]
				backing = append(backing, frag{text: r.Text[b.Start:b.End], style: r.Style, script: r.Script, x: wx, width: b.Width})
				wx += b.Width
				if r.Style != lastStyle || len(backing) == start+1 {
					a, h := metrics(r.Style)
					ln.ascent, ln.height = max(ln.ascent, a), max(ln.height, h)
					lastStyle = r.Style
				}
			}
			x += w.Width + w.Space
			if w.Stretch {
				x += gapExtra
			}
		}
		ln.frags = backing[start:len(backing):len(backing)]
	}

	units := make([]unit, len(lines))
	for i := range lines {
		units[i] = unit{height: lines[i].height, line: &lines[i]}
	}
	units[0].before = pt(p.SpaceBefore)
	units[len(units)-1].after = pt(p.SpaceAfter)
	return units
}

// oneLine lays out the common case of a table cell or a heading without
// splitting it into words: one run that fits on one line. The result is the
// same line the general path gives, placed as one piece of text.
func (m measurer) oneLine(p *layout.Paragraph, avail float64, metrics func(layout.Style) (float64, float64)) (unit, bool) {
	if len(p.Runs) != 1 {
		return unit{}, false
	}
	r := p.Runs[0]
	text := strings.Trim(r.Text, " ")
	if text == "" || strings.ContainsAny(text, "\t\n") {
		return unit{}, false
	}
	w := m.width(text, r.Style, r.Script)
	if k := nonBreaking(text); k > 0 {
		// LibreOffice sets a non-breaking hyphen or space as a portion of
		// its own (linebreak): the line is as wide as its portions, each
		// rounded to a twip; in italic text such a hyphen is wider than
		// its glyph, which the general path draws.
		if r.Style.Italic {
			return unit{}, false
		}
		w += float64(2*k+1) / 2 / 20
	}
	if reserve := float64(m.format(&r, false).Reserve()) / 20; w > avail-reserve {
		return unit{}, false // may still fit: the general path knows
	}
	x := 0.0
	switch p.Align {
	case layout.Center:
		x = (avail - w) / 2
	case layout.Right:
		x = avail - w
	}
	ln := &line{frags: []frag{{text: text, style: r.Style, script: r.Script, x: x, width: w}}}
	ln.ascent, ln.height = metrics(r.Style)
	return unit{before: pt(p.SpaceBefore), height: ln.height, after: pt(p.SpaceAfter), line: ln}, true
}

// nonBreaking counts the characters of text that may be non-breaking
// hyphens or spaces: hyphens (-, U+2010, U+2011) and U+00A0.
func nonBreaking(text string) int {
	n := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '-':
			n++
		case 0xC2:
			if i+1 < len(text) && text[i+1] == 0xA0 {
				n++
			}
		case 0xE2:
			if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x90 || text[i+2] == 0x91) {
				n++
			}
		}
	}
	return n
}

// ruleUnit lays out a drawn rule in a container width points wide.
func ruleUnit(r *layout.Rule, width float64) unit {
	x := 0.0
	switch r.Align {
	case layout.Center, layout.Justify:
		x = (width - pt(r.Width)) / 2
	case layout.Right:
		x = width - pt(r.Width)
	}
	return unit{before: pt(r.SpaceBefore), height: pt(layout.RuleBox + r.Thickness), after: pt(r.SpaceAfter), rule: r, ruleX: x}
}

// text is the text of a unit's line, for tests and debugging.
func (u *unit) text() string {
	if u.line == nil {
		return ""
	}
	var b strings.Builder
	for i, f := range u.line.frags {
		if i > 0 && f.x > u.line.frags[i-1].x+u.line.frags[i-1].width+0.01 {
			b.WriteByte(' ')
		}
		b.WriteString(f.text)
	}
	return b.String()
}
