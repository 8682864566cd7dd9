package pdf

import (
	"cmp"
	"slices"

	"github.com/vanban-vn/vanban/layout"
)

// placedText is a piece of text at a baseline position on a page.
type placedText struct {
	x, y   float64 // points from the page's top-left corner; y is the baseline
	text   string
	style  layout.Style
	size   float64 // glyph size (smaller for sub- and superscripts)
	spaced bool    // a single space precedes it on the same line (for merging)
}

// placedLine is a stroke on a page.
type placedLine struct {
	x1, y1, x2, y2, width float64
}

// page is one laid-out page.
type page struct {
	section *layout.Section
	index   int // 1 for the first page of its section
	number  int // the number it shows: the section's Start + index - 1
	texts   []placedText
	lines   []placedLine
}

// paginator flows the blocks of each section onto pages. It owns what a
// PDF has no engine for: line placement, page breaks, keep rules, repeated
// table headers. Every measure it uses comes from the layout.
type paginator struct {
	m     measurer
	emit  func(*page) error // receives each page when it is full; must not keep it
	err   error             // the first error emit returned
	cur   *page
	sec   *layout.Section
	y     float64 // top of the free space on the current page
	top   float64
	bot   float64
	left  float64
	width float64
	atTop bool // nothing has been placed on the current page yet
	// measured blocks of the section: keep-with-next chains look ahead
	measured map[layout.Block][]unit
}

// paginate flows the document and hands each finished page to emit, so that
// a long table is painted as it goes rather than held whole. The next page
// reuses the page's memory: emit must be done with it when it returns.
func paginate(doc *layout.Document, m measurer, emit func(*page) error) error {
	pg := &paginator{m: m, emit: emit}
	for i := range doc.Sections {
		sec := &doc.Sections[i]
		pg.sec = sec
		pg.top, pg.bot = pt(sec.Page.Top), pt(sec.Page.Height-sec.Page.Bottom)
		pg.left, pg.width = pt(sec.Page.Left), pt(sec.Page.TextWidth())
		pg.measured = map[layout.Block][]unit{}
		pg.newPage()
		for j := range sec.Blocks {
			pg.block(sec.Blocks, j)
		}
	}
	pg.finishPage()
	return pg.err
}

// finishPage hands the current page to emit.
func (pg *paginator) finishPage() {
	if pg.cur == nil || pg.err != nil {
		return
	}
	pg.cur.lines = mergeLines(pg.cur.lines)
	pg.err = pg.emit(pg.cur)
}

func (pg *paginator) newPage() {
	index := 1
	if pg.cur != nil && pg.cur.section == pg.sec {
		index = pg.cur.index + 1
	}
	pg.finishPage()
	start := 1
	if pg.sec.PageNumber != nil {
		start = pg.sec.PageNumber.Start
	}
	var texts []placedText
	var lines []placedLine
	if pg.cur != nil {
		texts, lines = pg.cur.texts[:0], pg.cur.lines[:0]
	}
	pg.cur = &page{section: pg.sec, index: index, number: start + index - 1, texts: texts, lines: lines}
	pg.y, pg.atTop = pg.top, true
}

func (pg *paginator) remaining() float64 { return pg.bot - pg.y }

// height of units placed from the top of the free space: a page's first
// unit drops its space above, as word processors do after a natural break
// (except at the very start of a section).
func (pg *paginator) height(units []unit) float64 {
	h := 0.0
	for i := range units {
		h += units[i].total()
	}
	if len(units) > 0 && pg.dropsSpace() {
		h -= units[0].before
	}
	return h
}

func (pg *paginator) dropsSpace() bool { return pg.atTop && pg.cur.index > 1 }

func sumUnits(units []unit) float64 {
	h := 0.0
	for i := range units {
		h += units[i].total()
	}
	return h
}

// units lays out a top-level block in the text width, once.
func (pg *paginator) units(b layout.Block) []unit {
	if u, ok := pg.measured[b]; ok {
		return u
	}
	var u []unit
	switch v := b.(type) {
	case *layout.Paragraph:
		u = pg.m.paragraph(v, pg.width)
	case *layout.Rule:
		u = []unit{ruleUnit(v, pg.width)}
	}
	pg.measured[b] = u
	return u
}

// minStart is how much of block i must fit for it to start on a page: what
// a block kept with it needs to stay on the same page as its first line.
func (pg *paginator) minStart(blocks []layout.Block, i, depth int) float64 {
	if i >= len(blocks) || depth > 8 {
		return 0
	}
	switch v := blocks[i].(type) {
	case *layout.Paragraph:
		units := pg.units(v)
		switch {
		case v.KeepWithNext:
			return sumUnits(units) + pg.minStart(blocks, i+1, depth+1)
		case v.KeepLines:
			return sumUnits(units)
		case v.WidowControl && len(units) > 1:
			return sumUnits(units[:min(2, len(units))])
		}
		return units[0].total()
	case *layout.Rule:
		return sumUnits(pg.units(v))
	case *layout.Table:
		return pg.m.table(v, pg.left, pg.width).startHeight()
	}
	return 0
}

func (pg *paginator) block(blocks []layout.Block, i int) {
	next := 0.0
	switch v := blocks[i].(type) {
	case *layout.Paragraph:
		if v.KeepWithNext {
			next = pg.minStart(blocks, i+1, 0)
		}
		pg.flow(pg.units(v), v.WidowControl, v.KeepLines, next)
	case *layout.Rule:
		pg.flow(pg.units(v), false, true, 0)
	case *layout.Table:
		pg.table(pg.m.table(v, pg.left, pg.width))
	}
}

// flow places a paragraph's units, breaking pages between them: widow and
// orphan control keeps at least two lines on each side of a break; a
// paragraph kept with the next block breaks so that its tail goes with it.
func (pg *paginator) flow(units []unit, widow, keepLines bool, next float64) {
	for len(units) > 0 {
		rem := pg.remaining()
		total := pg.height(units)
		if total+next <= rem || (pg.atTop && total <= rem) {
			pg.place(units)
			return
		}
		if k := pg.split(units, rem, widow, keepLines); k > 0 {
			pg.place(units[:k])
			pg.newPage()
			units = units[k:]
			continue
		}
		if !pg.atTop {
			pg.newPage()
			continue
		}
		// A fresh page cannot hold what the rules want together: fill it.
		k := 1
		for k < len(units) && pg.height(units[:k+1]) <= rem {
			k++
		}
		pg.place(units[:k])
		pg.newPage()
		units = units[k:]
	}
}

// split returns how many units go on the current page, 0 for none.
func (pg *paginator) split(units []unit, rem float64, widow, keepLines bool) int {
	if keepLines {
		return 0
	}
	n := len(units)
	for k := n - 1; k >= 1; k-- {
		if widow && (k < 2 || n-k < 2) {
			continue
		}
		if pg.height(units[:k]) <= rem {
			return k
		}
	}
	return 0
}

// place puts units at the current position of the text column.
func (pg *paginator) place(units []unit) {
	for i := range units {
		u := &units[i]
		if !pg.dropsSpace() {
			pg.y += u.before
		}
		pg.draw(u, pg.left, pg.y)
		pg.y += u.height + u.after
		pg.atTop = false
	}
}

// draw paints a unit whose box starts at x, y (below its space above).
func (pg *paginator) draw(u *unit, x, y float64) {
	if u.rule != nil {
		th := pt(u.rule.Thickness)
		ly := y + pt(layout.RuleBox) + th/2
		pg.cur.lines = append(pg.cur.lines, placedLine{x + u.ruleX, ly, x + u.ruleX + pt(u.rule.Width), ly, th})
		return
	}
	baseline := y + u.line.ascent
	for i, f := range u.line.frags {
		by := baseline
		switch f.script {
		case layout.Superscript:
			by -= pt(f.style.Size) * layout.SuperscriptRise
		case layout.Subscript:
			by += pt(f.style.Size) * layout.SubscriptDrop
		}
		spaced := false
		if i > 0 {
			prev := u.line.frags[i-1]
			if prev.style == f.style && prev.script == f.script {
				gap := f.x - (prev.x + prev.width)
				spaced = abs(gap-pg.m.width(" ", f.style, layout.Baseline)) < 0.01
			}
		}
		pg.cur.texts = append(pg.cur.texts, placedText{x: x + f.x, y: by, text: f.text, style: f.style, size: size(f.style, f.script), spaced: spaced})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// mergeLines joins the strokes of a page that continue each other: a table
// draws each row's borders, and consecutive rows share edges and columns.
// One stroke per table edge is faster to write and to display, and looks the
// same.
func mergeLines(lines []placedLine) []placedLine {
	if len(lines) < 2 {
		return lines
	}
	type key struct {
		vertical  bool
		at, width float64
	}
	keyOf := func(l placedLine) (key, float64, float64) {
		if l.x1 == l.x2 {
			return key{true, l.x1, l.width}, min(l.y1, l.y2), max(l.y1, l.y2)
		}
		return key{false, l.y1, l.width}, min(l.x1, l.x2), max(l.x1, l.x2)
	}
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b placedLine) int {
		ka, sa, _ := keyOf(a)
		kb, sb, _ := keyOf(b)
		switch {
		case ka.vertical != kb.vertical:
			if ka.vertical {
				return 1
			}
			return -1
		case ka.at != kb.at:
			return cmp.Compare(ka.at, kb.at)
		case ka.width != kb.width:
			return cmp.Compare(ka.width, kb.width)
		}
		return cmp.Compare(sa, sb)
	})
	out := make([]placedLine, 0, len(sorted))
	var curKey key
	var from, to float64
	flush := func() {
		if curKey.vertical {
			out = append(out, placedLine{curKey.at, from, curKey.at, to, curKey.width})
		} else {
			out = append(out, placedLine{from, curKey.at, to, curKey.at, curKey.width})
		}
	}
	for i, l := range sorted {
		k, s, e := keyOf(l)
		if i > 0 && k == curKey && s <= to+0.01 {
			to = max(to, e)
			continue
		}
		if i > 0 {
			flush()
		}
		curKey, from, to = k, s, e
	}
	flush()
	return out
}
