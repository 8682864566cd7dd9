package pdf

import (
	"cmp"
	"math"
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

// placedImage is a picture on a page: its box from the page's top-left
// corner, in points.
type placedImage struct {
	x, y, w, h float64
	img        *layout.Image
}

// page is one laid-out page.
type page struct {
	section *layout.Section
	index   int // 1 for the first page of its section
	number  int // the number it shows: the section's Start + index - 1
	texts   []placedText
	lines   []placedLine
	images  []placedImage
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
	bot   float64 // where the current page's text area ends
	full  float64 // where a page's text area ends without the first-page foot
	left  float64
	width float64
	atTop bool // nothing has been placed on the current page yet
	// measured blocks of the section: keep-with-next chains look ahead
	measured map[layout.Block][]unit
	// where the blocks landed, recorded as they are placed: rectangles from
	// the page's top-left corner until the end, when flip turns them over
	placement *Placement
	secIndex  int
	slab      []Rect
	// the section's first-page foot, laid out, and where it starts
	foot    []unit
	footTop float64
	// anchors are the pictures placed from a paragraph's first line
	// (layout.Paragraph.Images), by that line; nil until one is met
	anchors map[*line][]layout.Image
}

// paginate flows the document and hands each finished page to emit, so that
// a long table is painted as it goes rather than held whole. The next page
// reuses the page's memory: emit must be done with it when it returns.
func paginate(doc *layout.Document, m measurer, emit func(*page) error) error {
	_, err := layOut(doc, m, emit)
	return err
}

// layOut paginates like paginate and returns where each block landed.
func layOut(doc *layout.Document, m measurer, emit func(*page) error) (*Placement, error) {
	pl := &Placement{Sections: make([][]Placed, len(doc.Sections))}
	pg := &paginator{m: m, emit: emit, placement: pl}
	for i := range doc.Sections {
		sec := &doc.Sections[i]
		pg.sec, pg.secIndex = sec, i
		pg.top, pg.full = pt(sec.Page.Top), pt(sec.Page.Height-sec.Page.Bottom)
		pg.left, pg.width = pt(sec.Page.Left), pt(sec.Page.TextWidth())
		pg.measured = map[layout.Block][]unit{}
		pg.foot = pg.column(sec.FirstPageFoot, pg.width)
		pg.footTop = pg.full - sumUnits(pg.foot)
		pl.Sections[i] = make([]Placed, len(sec.Blocks))
		pg.newPage()
		if _, ok := firstBlock(sec).(*layout.Table); ok && i > 0 {
			pg.y += pt(layout.SectionLead)
			pg.atTop = false
		}
		for j := range sec.Blocks {
			pl.Sections[i][j].Block = sec.Blocks[j]
			pg.block(sec.Blocks, j, &pl.Sections[i][j])
		}
	}
	pg.finishPage()
	if pg.err != nil {
		return nil, pg.err
	}
	pl.flip()
	return pl, nil
}

func firstBlock(sec *layout.Section) layout.Block {
	if len(sec.Blocks) == 0 {
		return nil
	}
	return sec.Blocks[0]
}

// mark extends the rectangle of parts on the current page to hold the box
// from x to x+w and top to bottom (points from the page's top-left corner),
// or starts one there.
func (pg *paginator) mark(parts *[]Rect, x, w, top, bottom float64) {
	page := len(pg.placement.Pages)
	if n := len(*parts); n > 0 && (*parts)[n-1].Page == page {
		r := &(*parts)[n-1]
		left, right := min(r.X, x), max(r.X+r.Width, x+w)
		top, bottom = min(r.Y, top), max(r.Y+r.Height, bottom)
		*r = Rect{Page: page, X: left, Y: top, Width: right - left, Height: bottom - top}
		return
	}
	r := Rect{Page: page, X: x, Y: top, Width: w, Height: bottom - top}
	if *parts != nil {
		*parts = append(*parts, r)
		return
	}
	// Most blocks stay on one page: their one rectangle comes from a
	// shared slab rather than an allocation of its own.
	if len(pg.slab) == cap(pg.slab) {
		pg.slab = make([]Rect, 0, 64)
	}
	pg.slab = append(pg.slab, r)
	n := len(pg.slab)
	*parts = pg.slab[n-1 : n : n]
}

// markUnit adds a unit whose box starts at y (below its space above) in a
// column at x, w wide, to where p landed: a line takes the column's width,
// a rule its own.
func (pg *paginator) markUnit(p *Placed, u *unit, x, w, y float64) {
	if u.rule != nil {
		x, w = x+u.ruleX, pt(u.rule.Width)
	}
	pg.mark(&p.Parts, x, w, y, y+u.height)
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
	var images []placedImage
	if pg.cur != nil {
		images = pg.cur.images[:0]
	}
	pg.cur = &page{section: pg.sec, index: index, number: start + index - 1, texts: texts, lines: lines, images: images}
	pg.y, pg.atTop, pg.bot = pg.top, true, pg.full
	pg.placement.Pages = append(pg.placement.Pages, PageInfo{
		Section: pg.secIndex, Index: index, Number: pg.cur.number,
		Width: pt(pg.sec.Page.Width), Height: pt(pg.sec.Page.Height),
	})
	if index == 1 {
		pg.firstPage()
	}
}

// firstPage paints what the section's first page holds outside the flow of
// the text: the boxes at their places, and the foot, whose top ends the
// page's text area (as the first-page footer of the DOCX ends Word's and
// LibreOffice's, its last line on the bottom margin).
func (pg *paginator) firstPage() {
	for i := range pg.sec.FirstPageBoxes {
		pg.box(&pg.sec.FirstPageBoxes[i])
	}
	if len(pg.foot) > 0 {
		pg.bot = pg.footTop
		pg.stack(pg.foot, pg.left, pg.footTop)
	}
}

// column lays out the paragraphs and rules of a box or a foot in a column
// width points wide.
func (pg *paginator) column(blocks []layout.Block, width float64) []unit {
	var units []unit
	for _, b := range blocks {
		switch v := b.(type) {
		case *layout.Paragraph:
			units = append(units, pg.m.snap(pg.m.paragraph(v, width), v)...)
		case *layout.Rule:
			units = append(units, ruleUnit(v, width))
		}
	}
	return units
}

// stack paints units one under the other from y in a column at x, each
// with its space above, and returns where the last one's space below ends.
func (pg *paginator) stack(units []unit, x, y float64) float64 {
	for i := range units {
		u := &units[i]
		y += u.before
		pg.draw(u, x, y)
		y += u.height + u.after
	}
	return y
}

// box paints a box of the section's first page: its paragraphs inside the
// border and the padding, from its top, and its border, as LibreOffice
// draws the frame the DOCX makes of it (each side inside the box).
func (pg *paginator) box(b *layout.Box) {
	x, y, w := pt(b.X), pt(b.Y), pt(b.Width)
	border, pad := pt(b.Border), pt(b.Padding)
	inset := border + pad
	end := pg.stack(pg.column(b.Blocks, w-2*inset), x+inset, y+inset)
	h := pt(b.Height)
	if h == 0 {
		h = end + inset - y
	}
	if border == 0 {
		return
	}
	half := border / 2
	pg.cur.lines = append(pg.cur.lines,
		placedLine{x, y + half, x + w, y + half, border},
		placedLine{x, y + h - half, x + w, y + h - half, border},
		placedLine{x + half, y, x + half, y + h, border},
		placedLine{x + w - half, y, x + w - half, y + h, border})
}

// anchor records the pictures placed from a paragraph's first line.
func (pg *paginator) anchor(p *layout.Paragraph, units []unit) {
	if len(p.Images) == 0 || len(units) == 0 || units[0].line == nil {
		return
	}
	if pg.anchors == nil {
		pg.anchors = map[*line][]layout.Image{}
	}
	pg.anchors[units[0].line] = p.Images
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
		u = pg.m.snap(pg.m.paragraph(v, pg.width), v)
		pg.anchor(v, u)
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

func (pg *paginator) block(blocks []layout.Block, i int, at *Placed) {
	next := 0.0
	switch v := blocks[i].(type) {
	case *layout.Paragraph:
		if v.KeepWithNext {
			next = pg.minStart(blocks, i+1, 0)
		}
		pg.flow(pg.units(v), v.WidowControl, v.KeepLines, next, at)
	case *layout.Rule:
		pg.flow(pg.units(v), false, true, 0, at)
	case *layout.Table:
		tl := pg.m.table(v, pg.left, pg.width)
		tl.pg = pg
		pg.table(tl, at)
	}
}

// flow places a paragraph's units, breaking pages between them: widow and
// orphan control keeps at least two lines on each side of a break; a
// paragraph kept with the next block breaks so that its tail goes with it.
func (pg *paginator) flow(units []unit, widow, keepLines bool, next float64, at *Placed) {
	for len(units) > 0 {
		rem := pg.remaining()
		total := pg.height(units)
		if total+next <= rem || (pg.atTop && total <= rem) {
			pg.place(units, at)
			return
		}
		if k := pg.split(units, rem, widow, keepLines); k > 0 {
			pg.place(units[:k], at)
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
		pg.place(units[:k], at)
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
func (pg *paginator) place(units []unit, at *Placed) {
	for i := range units {
		u := &units[i]
		if !pg.dropsSpace() {
			pg.y += u.before
		}
		pg.draw(u, pg.left, pg.y)
		pg.markUnit(at, u, pg.left, pg.width, pg.y)
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
	if pg.anchors != nil {
		imgs := pg.anchors[u.line]
		for i := range imgs {
			img := &imgs[i]
			pg.cur.images = append(pg.cur.images, placedImage{x + pt(img.X), y + pt(img.Y), pt(img.Width), pt(img.Height), img})
		}
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

// snap puts the lines of paragraph p on LibreOffice's grid. Writer sets a
// line in whole twips: the font's ascent plus descent rounded, and its line
// gap rounded, the gap above the ascent. With the fonts' exact metrics a line
// of 12 pt Liberation Serif is 13.788 pt against Writer's 13.8 (13 pt: 14.934
// against 14.95; 14 pt: 16.134 against 16.1), so a page of 45 table rows came
// out half a point shorter than LibreOffice's, and its baselines half a point
// higher. Lines at a spacing other than single keep their measure.
func (m measurer) snap(units []unit, p *layout.Paragraph) []unit {
	if p.LineSpacing != 0 && p.LineSpacing != 240 {
		return units
	}
	for i := range units {
		ln := units[i].line
		if ln == nil {
			continue
		}
		if len(ln.frags) == 0 {
			ln.ascent, ln.height = m.gridLine(p.Mark)
		} else {
			ln.ascent, ln.height = m.gridLine(ln.frags[0].style)
			for _, f := range ln.frags[1:] {
				if f.style != ln.frags[0].style {
					a, h := m.gridLine(f.style)
					ln.ascent, ln.height = max(ln.ascent, a), max(ln.height, h)
				}
			}
		}
		units[i].height = ln.height
	}
	return units
}

// gridLine is the distance from a line's top to its baseline and the line's
// height, single spaced, in a style, as LibreOffice sets them (see snap).
func (m measurer) gridLine(st layout.Style) (ascent, height float64) {
	f, size := m.face(st), pt(st.Size)
	asc, lh := f.Ascent(size), f.LineHeight(size)
	body := asc + f.Descent(size)
	gap := twips(lh - body)
	return gap + asc, twips(body) + gap
}

// twips rounds a length in points to whole twips.
func twips(v float64) float64 { return math.Round(v*20) / 20 }

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
