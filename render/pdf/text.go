package pdf

import (
	"strings"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
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

// word is a run of non-space text, possibly in several styles ("NC" + "1"),
// up to a space or to a break opportunity after a hyphen ("UBND-" | "NC").
type word struct {
	frags   []frag // x relative to the word's start
	width   float64
	space   float64 // width of the space that follows it, in its run's style
	stretch bool    // the gap after it is a space, which justification widens
}

func pt(l layout.Length) float64 { return l.Points() }

// measurer measures runs with the fonts that are embedded.
type measurer struct{ fonts *fonts.Set }

func (m measurer) face(st layout.Style) *fonts.Face {
	return m.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
}

// size is the point size glyphs of a run are set in.
func size(st layout.Style, script layout.Script) float64 {
	if script != layout.Baseline {
		return pt(st.Size) * layout.ScriptScale
	}
	return pt(st.Size)
}

func (m measurer) width(text string, st layout.Style, script layout.Script) float64 {
	return m.face(st).Width(text, size(st, script))
}

// words splits a paragraph's runs at spaces. The words' fragments share one
// backing array (a long table has tens of thousands of paragraphs).
func (m measurer) words(runs []layout.Run) []word {
	n := 1
	for _, r := range runs {
		n += strings.Count(r.Text, " ") + 1
	}
	words := make([]word, 0, n)
	backing := make([]frag, 0, n+4)
	var cur word
	start := 0
	open := false
	flush := func(space float64) {
		if open {
			cur.frags = backing[start:len(backing):len(backing)]
			cur.space, cur.stretch = space, space > 0
			words = append(words, cur)
		} else if len(words) > 0 {
			words[len(words)-1].space += space // a second space widens the gap
			words[len(words)-1].stretch = true
		}
		cur, open, start = word{}, false, len(backing)
	}
	for _, r := range runs {
		text := r.Text
		for text != "" {
			i := strings.IndexAny(text, " \t\n")
			piece := text
			if i >= 0 {
				piece = text[:i]
			}
			for piece != "" {
				part, rest := piece, ""
				if h := hyphenBreak(piece); h > 0 {
					part, rest = piece[:h], piece[h:]
				}
				w := m.width(part, r.Style, r.Script)
				backing = append(backing, frag{text: part, style: r.Style, script: r.Script, x: cur.width, width: w})
				cur.width += w
				open = true
				if rest != "" {
					flush(0) // a line may break after the hyphen
				}
				piece = rest
			}
			if i < 0 {
				break
			}
			flush(m.width(" ", r.Style, layout.Baseline))
			text = text[i+1:]
		}
	}
	if open {
		cur.frags = backing[start:len(backing):len(backing)]
		words = append(words, cur)
	}
	return words
}

// hyphenBreak returns the offset just after the first hyphen in s that a
// line may break after (UAX #14: after a hyphen between letters or digits,
// but not before a digit, so "-5" stays whole), or 0.
func hyphenBreak(s string) int {
	for i := 1; i < len(s)-1; i++ {
		if s[i] != '-' || s[i-1] == '-' || s[i-1] == ' ' {
			continue
		}
		if next := s[i+1]; next >= '0' && next <= '9' || next == '-' {
			continue
		}
		return i + 1
	}
	return 0
}

// splitWord breaks a word wider than max between characters, so that no
// text crosses the margin.
func (m measurer) splitWord(w word, max float64) []word {
	var out []word
	var cur word
	for _, f := range w.frags {
		for _, r := range f.text {
			s := string(r)
			rw := m.width(s, f.style, f.script)
			if cur.width+rw > max && cur.width > 0 {
				out = append(out, cur)
				cur = word{}
			}
			if k := len(cur.frags) - 1; k >= 0 && cur.frags[k].style == f.style && cur.frags[k].script == f.script {
				cur.frags[k].text += s
				cur.frags[k].width += rw
			} else {
				cur.frags = append(cur.frags, frag{text: s, style: f.style, script: f.script, x: cur.width, width: rw})
			}
			cur.width += rw
		}
	}
	cur.space = w.space
	return append(out, cur)
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

	words := m.words(p.Runs)
	lines := make([]line, 0, 4)
	nfrags := 0
	for _, w := range words {
		nfrags += len(w.frags)
	}
	backing := make([]frag, 0, nfrags+2) // every line's fragments, in one array
	lineWords := make([]word, 0, len(words))
	lineStart := func(n int) (x, avail float64) {
		if n == 0 {
			return left + first, width - left - first - right
		}
		return left, width - left - right
	}
	emit := func(last bool) {
		x, avail := lineStart(len(lines))
		natural := 0.0
		for i, w := range lineWords {
			natural += w.width
			if i < len(lineWords)-1 {
				natural += w.space
			}
		}
		gapExtra, gaps := 0.0, 0
		for _, w := range lineWords[:max(len(lineWords)-1, 0)] {
			if w.stretch {
				gaps++
			}
		}
		switch p.Align {
		case layout.Center:
			x += (avail - natural) / 2
		case layout.Right:
			x += avail - natural
		case layout.Justify:
			if !last && gaps > 0 && natural < avail {
				gapExtra = (avail - natural) / float64(gaps)
			}
		}
		ln := line{}
		ln.ascent, ln.height = metrics(p.Mark)
		if len(lineWords) > 0 {
			ln.ascent, ln.height = 0, 0
		}
		first := len(backing)
		var lastStyle layout.Style
		for _, w := range lineWords {
			for _, f := range w.frags {
				f.x += x
				backing = append(backing, f)
				if f.style != lastStyle || len(backing) == first+1 {
					a, h := metrics(f.style)
					ln.ascent, ln.height = max(ln.ascent, a), max(ln.height, h)
					lastStyle = f.style
				}
			}
			x += w.width + w.space
			if w.stretch {
				x += gapExtra
			}
		}
		ln.frags = backing[first:len(backing):len(backing)]
		lines = append(lines, ln)
		lineWords = lineWords[:0]
	}
	used := 0.0
	for _, w := range words {
		_, avail := lineStart(len(lines))
		if len(lineWords) > 0 && used+lineWords[len(lineWords)-1].space+w.width <= avail+1e-6 {
			used += lineWords[len(lineWords)-1].space + w.width
			lineWords = append(lineWords, w)
			continue
		}
		if len(lineWords) > 0 {
			emit(false)
			_, avail = lineStart(len(lines))
		}
		pieces := []word{w}
		if w.width > avail {
			pieces = m.splitWord(w, avail)
		}
		for i, piece := range pieces {
			if i > 0 {
				emit(false)
			}
			lineWords = append(lineWords, piece)
			used = piece.width
		}
	}
	emit(true)

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
	if w > avail {
		return unit{}, false
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
