package docx

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/linebreak"
)

// xmlWriter is where parts are written: a strings.Builder for small parts,
// a buffered zip entry for the document body (streamed: a 5,000-row table is
// tens of megabytes of XML that need not be held in memory).
type xmlWriter interface {
	io.Writer
	io.StringWriter
	WriteRune(r rune) (int, error)
}

// bodyWriter writes word/document.xml.
type bodyWriter struct {
	b        xmlWriter
	hs       *headers // nil in a footer, which shows no pictures
	text     docText
	runProps map[runKey]string // the rPr of each style, built once per document
	drawings int               // pictures written so far, for their ids
}

type runKey struct {
	style  layout.Style
	script layout.Script
}

// props returns the run properties for a style, from the cache.
func (w *bodyWriter) props(st layout.Style, script layout.Script) string {
	k := runKey{st, script}
	if s, ok := w.runProps[k]; ok {
		return s
	}
	var b strings.Builder
	runProps(&b, w.text, st, script)
	w.runProps[k] = b.String()
	return w.runProps[k]
}

func writeDocumentXML(out xmlWriter, doc *layout.Document, hs *headers) {
	w := &bodyWriter{b: out, hs: hs, text: textOf(doc), runProps: map[runKey]string{}}
	w.b.WriteString(xmlHeader)
	w.b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"`)
	if len(hs.media) > 0 {
		w.b.WriteString(` xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"`)
	}
	w.b.WriteString(`><w:body>`)
	for i := range doc.Sections {
		sec := &doc.Sections[i]
		last := i == len(doc.Sections)-1
		blocks := sec.Blocks
		// The boxes of the section's first page are frames that go before
		// its first paragraph, which Word and LibreOffice anchor them to
		// (before a table LibreOffice loses them).
		boxes := sec.FirstPageBoxes
		// LibreOffice drops a section break when the new section starts with a
		// table; an empty hairline paragraph keeps it and shows nothing.
		if i > 0 && len(blocks) > 0 {
			if _, ok := blocks[0].(*layout.Table); ok {
				boxes = w.frames(boxes)
				w.hairline("")
			}
		}
		for j, blk := range blocks {
			// A section ends with the paragraph that carries its properties.
			var sectPr string
			if !last && j == len(blocks)-1 {
				sectPr = w.sectionProps(i, sec)
			}
			switch v := blk.(type) {
			case *layout.Paragraph:
				boxes = w.frames(boxes)
				w.paragraph(v, paraOpts{sectPr: sectPr})
				continue
			case *layout.Table:
				w.table(v, sec.Page.TextWidth())
			case *layout.Rule:
				boxes = w.frames(boxes)
				w.rule(v, sec.Page.TextWidth())
			}
			if sectPr != "" || (last && j == len(blocks)-1) {
				boxes = w.frames(boxes)
				w.hairline(sectPr) // a table cannot carry a section break; Word wants a paragraph last
			}
		}
		if len(blocks) == 0 && !last {
			boxes = w.frames(boxes)
			w.hairline(w.sectionProps(i, sec))
		}
		if last {
			if len(boxes) > 0 {
				w.frames(boxes)
				w.hairline("")
			}
			w.b.WriteString(w.sectionProps(i, sec))
		}
	}
	w.b.WriteString(`</w:body></w:document>`)
}

// hairline is an empty paragraph layout.SectionLead high: the carrier of a
// section break after a table, the paragraph Word needs after a final
// table, or the one before a table that opens a section.
func (w *bodyWriter) hairline(sectPr string) {
	lead := int(layout.SectionLead)
	w.b.WriteString(fmt.Sprintf(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, lead, lead/10, lead/10)) // sz in half-points
	w.b.WriteString(sectPr)
	w.b.WriteString(`</w:pPr></w:p>`)
}

// sectionProps is section i's w:sectPr. A first-page foot is the first
// page's footer, its bottom the bottom margin: the footer distance is the
// margin, and the footer, growing upwards, ends the page's text above it.
func (w *bodyWriter) sectionProps(i int, sec *layout.Section) string {
	var b strings.Builder
	p := sec.Page
	b.WriteString(`<w:sectPr>`)
	if pn := sec.PageNumber; pn != nil {
		h := w.hs.index(pn)
		fmt.Fprintf(&b, `<w:headerReference w:type="default" r:id="rIdHeader%d"/>`, 2*h+1)
		switch {
		case !pn.ShowFirstPage:
			fmt.Fprintf(&b, `<w:headerReference w:type="first" r:id="rIdHeader%d"/>`, 2*h+2)
		case titlePage(sec):
			fmt.Fprintf(&b, `<w:headerReference w:type="first" r:id="rIdHeader%d"/>`, 2*h+1)
		}
	}
	footer := p.HeaderDistance
	if f := w.hs.footerOf(i); f > 0 {
		fmt.Fprintf(&b, `<w:footerReference w:type="first" r:id="rIdFooter%d"/>`, f)
		if len(sec.FirstPageFoot) > 0 {
			footer = p.Bottom
		}
	}
	b.WriteString(`<w:type w:val="nextPage"/>`)
	if p.Landscape {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, p.Width, p.Height)
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, p.Width, p.Height)
	}
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		p.Top, p.Right, p.Bottom, p.Left, p.HeaderDistance, footer)
	if pn := sec.PageNumber; pn != nil {
		fmt.Fprintf(&b, `<w:pgNumType w:start="%d"/>`, pn.Start)
	}
	if titlePage(sec) {
		b.WriteString(`<w:titlePg/>`)
	}
	b.WriteString(`</w:sectPr>`)
	return b.String()
}

type paraOpts struct {
	sectPr       string
	keepWithNext bool        // forced by the writer: a row kept with the next one
	frame        *layout.Box // the box the paragraph is set in
}

var jcValues = [...]string{layout.Left: "left", layout.Center: "center", layout.Right: "right", layout.Justify: "both"}

// paragraph writes a w:p with its properties in schema order (CT_PPrBase):
// keepNext, keepLines, framePr, widowControl, pBdr, spacing, ind, jc, rPr,
// sectPr; its pictures come first in it.
func (w *bodyWriter) paragraph(p *layout.Paragraph, o paraOpts) {
	b := w.b
	b.WriteString(`<w:p><w:pPr>`)
	if p.KeepWithNext || o.keepWithNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.KeepLines {
		b.WriteString(`<w:keepLines/>`)
	}
	if o.frame != nil {
		framePr(b, o.frame)
	}
	if p.WidowControl {
		b.WriteString(`<w:widowControl/>`)
	}
	if o.frame != nil && o.frame.Border > 0 {
		frameBorders(b, o.frame)
	}
	line := p.LineSpacing
	if line == 0 {
		line = 240
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="auto"/>`, p.SpaceBefore, p.SpaceAfter, line)
	writeIndent(b, p.IndentLeft, p.IndentRight, p.FirstLine)
	b.WriteString(`<w:jc w:val="` + jcValues[p.Align] + `"/>`)
	b.WriteString(w.props(p.Mark, layout.Baseline))
	b.WriteString(o.sectPr)
	b.WriteString(`</w:pPr>`)
	if len(p.Images) > 0 && w.hs != nil {
		for i := range p.Images {
			w.picture(p, &p.Images[i])
		}
	}
	text := hyphenContext(p.Runs)
	off := 0
	for _, r := range p.Runs {
		b.WriteString(`<w:r>`)
		b.WriteString(w.props(r.Style, r.Script))
		runText(b, r.Text, text, off)
		b.WriteString(`</w:r>`)
		off += len(r.Text)
	}
	b.WriteString(`</w:p>`)
}

// frames writes the boxes of a section's first page, each as one frame:
// its paragraphs with the same w:framePr. It returns nil: the boxes are
// written.
func (w *bodyWriter) frames(boxes []layout.Box) []layout.Box {
	for k := range boxes {
		for _, blk := range boxes[k].Blocks {
			if p, ok := blk.(*layout.Paragraph); ok {
				w.paragraph(p, paraOpts{frame: &boxes[k]})
			}
		}
	}
	return nil
}

// framePr places a frame on the page: its left and top edges from the
// page's, its outer width and its height (exact, or at least its text),
// over the text, which it neither moves nor wraps.
func framePr(b xmlWriter, bx *layout.Box) {
	rule := "atLeast"
	if bx.Height > 0 {
		rule = "exact"
	}
	fmt.Fprintf(b, `<w:framePr w:w="%d" w:h="%d" w:hSpace="0" w:vSpace="0" w:wrap="none" w:hAnchor="page" w:vAnchor="page" w:x="%d" w:y="%d" w:hRule="%s"/>`,
		bx.Width, bx.Height, bx.X, bx.Y, rule)
}

// frameBorders draws a frame's border: the paragraph borders of a frame are
// the frame's, drawn inside its edges. The distance from a border to the
// text is in whole points; LibreOffice sets the text that distance inside
// the left and right borders and twice it inside the top and bottom ones,
// so those carry half the padding.
func frameBorders(b xmlWriter, bx *layout.Box) {
	eighths := max(2, int(bx.Border)*8/20)
	pad := math.Round(bx.Padding.Points())
	half := math.Round(bx.Padding.Points() / 2)
	b.WriteString(`<w:pBdr>`)
	for _, side := range [...]struct {
		name  string
		space float64
	}{{"top", half}, {"left", pad}, {"bottom", half}, {"right", pad}} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="%d" w:space="%d" w:color="000000"/>`, side.name, eighths, int(side.space))
	}
	b.WriteString(`</w:pBdr>`)
}

// picture writes a picture placed from paragraph p as an anchored drawing
// (DrawingML, wp:anchor): left from the column the paragraph is set in
// (a cell's text area inside its padding), top from the paragraph's top,
// which for Word and LibreOffice includes its space before; in front of
// or behind the text, which it does not move.
func (w *bodyWriter) picture(p *layout.Paragraph, img *layout.Image) {
	k, ok := w.hs.image[string(img.PNG)]
	if !ok {
		return
	}
	w.drawings++
	id := w.drawings
	emu := func(l layout.Length) int { return int(l) * 635 }
	behind := 0
	if img.Behind {
		behind = 1
	}
	cx, cy := emu(img.Width), emu(img.Height)
	b := w.b
	b.WriteString(`<w:r>`)
	b.WriteString(w.props(p.Mark, layout.Baseline))
	fmt.Fprintf(b, `<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="%d" behindDoc="%d" locked="1" layoutInCell="1" allowOverlap="1">`, id, behind)
	b.WriteString(`<wp:simplePos x="0" y="0"/>`)
	fmt.Fprintf(b, `<wp:positionH relativeFrom="column"><wp:posOffset>%d</wp:posOffset></wp:positionH>`, emu(img.X))
	fmt.Fprintf(b, `<wp:positionV relativeFrom="paragraph"><wp:posOffset>%d</wp:posOffset></wp:positionV>`, emu(img.Y+p.SpaceBefore))
	fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>`, cx, cy)
	fmt.Fprintf(b, `<wp:docPr id="%d" name="Picture %d" descr="%s"/>`, id, id, attr(img.Name))
	b.WriteString(`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.WriteString(`<a:graphic><a:graphicData uri="` + nsPic + `"><pic:pic>`)
	fmt.Fprintf(b, `<pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr>`, id, k)
	fmt.Fprintf(b, `<pic:blipFill><a:blip r:embed="rIdImage%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`, k)
	fmt.Fprintf(b, `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`, cx, cy)
	b.WriteString(`</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`)
}

func writeIndent(b xmlWriter, left, right, first layout.Length) {
	if left == 0 && right == 0 && first == 0 {
		return
	}
	fmt.Fprintf(b, `<w:ind w:left="%d" w:right="%d"`, left, right)
	switch {
	case first > 0:
		fmt.Fprintf(b, ` w:firstLine="%d"`, first)
	case first < 0:
		fmt.Fprintf(b, ` w:hanging="%d"`, -first)
	}
	b.WriteString(`/>`)
}

// runProps writes w:rPr in schema order (CT_RPr): rFonts, b, bCs, i, iCs,
// color, sz, szCs, vertAlign, lang. The font and language are repeated on
// every run so that text pasted into another document keeps them.
func runProps(b xmlWriter, text docText, st layout.Style, script layout.Script) {
	b.WriteString(`<w:rPr>`)
	if text.font != "" {
		f := attr(text.font)
		b.WriteString(`<w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `" w:eastAsia="` + f + `" w:cs="` + f + `"/>`)
	}
	if st.Bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if st.Italic {
		b.WriteString(`<w:i/><w:iCs/>`)
	}
	halfPoints := itoa(st.Size / 10)
	b.WriteString(`<w:color w:val="000000"/><w:sz w:val="` + halfPoints + `"/><w:szCs w:val="` + halfPoints + `"/>`)
	switch script {
	case layout.Subscript:
		b.WriteString(`<w:vertAlign w:val="subscript"/>`)
	case layout.Superscript:
		b.WriteString(`<w:vertAlign w:val="superscript"/>`)
	}
	if text.lang != "" {
		b.WriteString(`<w:lang w:val="` + attr(text.lang) + `"/>`)
	}
	b.WriteString(`</w:rPr>`)
}

// hyphenContext is the paragraph's text when a run holds a hyphen that may
// have to be written non-breaking, else "".
func hyphenContext(runs []layout.Run) string {
	for _, r := range runs {
		if strings.ContainsRune(r.Text, '-') || strings.Contains(r.Text, "\u2010") || strings.Contains(r.Text, "\u2011") {
			if len(runs) == 1 {
				return r.Text
			}
			var b strings.Builder
			for _, r := range runs {
				b.WriteString(r.Text)
			}
			return b.String()
		}
	}
	return ""
}

// runText writes a run's text, turning tabs and line breaks into their
// elements, and hyphens no line may break at into w:noBreakHyphen: U+2011,
// and the hyphens inside a document number and ký hiệu ("12/QĐ-STP",
// package linebreak), so that Word and LibreOffice keep the number whole as
// the PDF does. text is the paragraph's text (hyphenContext) and off the
// run's offset in it. The elements of a run's content may come in any order
// after w:rPr (ECMA-376 EG_RunInnerContent).
func runText(b xmlWriter, run, text string, off int) {
	for run != "" {
		i := strings.IndexAny(run, "\t\n")
		if text != "" {
			if h := noBreakHyphen(run, text, off); h >= 0 && (i < 0 || h < i) {
				writeT(b, run[:h])
				b.WriteString(`<w:noBreakHyphen/>`)
				_, n := utf8.DecodeRuneInString(run[h:])
				run, off = run[h+n:], off+h+n
				continue
			}
		}
		chunk := run
		if i >= 0 {
			chunk = run[:i]
		}
		writeT(b, chunk)
		if i < 0 {
			break
		}
		if run[i] == '\t' {
			b.WriteString(`<w:tab/>`)
		} else {
			b.WriteString(`<w:br/>`)
		}
		run, off = run[i+1:], off+i+1
	}
}

// noBreakHyphen returns the offset in run of its first hyphen that is to be
// written as w:noBreakHyphen, or -1.
func noBreakHyphen(run, text string, off int) int {
	for i, r := range run {
		switch {
		case r == '\u2011':
			return i
		case (r == '-' || r == '\u2010') && linebreak.CodeHyphen(text, off+i):
			return i
		}
	}
	return -1
}

func writeT(b xmlWriter, s string) {
	if s == "" {
		return
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	escape(b, s)
	b.WriteString(`</w:t>`)
}

// rule draws a Rule as the bottom border of an empty one-point paragraph whose
// indents leave exactly the rule's width inside its container.
func (w *bodyWriter) rule(r *layout.Rule, container layout.Length) {
	left, right := layout.Length(0), container-r.Width
	switch r.Align {
	case layout.Center, layout.Justify:
		left = (container - r.Width) / 2
		right = container - r.Width - left
	case layout.Right:
		left, right = container-r.Width, 0
	}
	b := w.b
	eighths := max(2, int(r.Thickness)*8/20) // border widths are in eighths of a point
	b.WriteString(`<w:p><w:pPr>`)
	fmt.Fprintf(b, `<w:pBdr><w:bottom w:val="single" w:sz="%d" w:space="0" w:color="000000"/></w:pBdr>`, eighths)
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="exact"/>`, r.SpaceBefore, r.SpaceAfter, layout.RuleBox)
	writeIndent(b, left, right, 0)
	b.WriteString(`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
}

// table writes a fixed-layout table; its properties in schema order
// (CT_TblPr): tblW, jc, tblBorders, tblLayout, tblCellMar.
func (w *bodyWriter) table(t *layout.Table, container layout.Length) {
	b := w.b
	total := layout.Length(0)
	for _, c := range t.Columns {
		total += c
	}
	b.WriteString(`<w:tbl><w:tblPr>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="%s"/>`, total, jcValues[t.Align])
	border := `w:val="none" w:sz="0" w:space="0" w:color="auto"`
	if t.Borders {
		border = fmt.Sprintf(`w:val="single" w:sz="%d" w:space="0" w:color="000000"`, max(2, int(t.BorderWidth)*8/20))
	}
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` ` + border + `/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	fmt.Fprintf(b, `<w:tblCellMar><w:top w:w="%[1]d" w:type="dxa"/><w:left w:w="%[2]d" w:type="dxa"/><w:bottom w:w="%[1]d" w:type="dxa"/><w:right w:w="%[2]d" w:type="dxa"/></w:tblCellMar>`,
		t.CellPaddingVertical, t.CellPadding)
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, c := range t.Columns {
		b.WriteString(`<w:gridCol w:w="` + itoa(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	n := t.NumRows()
	var next layout.Row // rows are made one ahead, for the keep rule
	if n > 0 {
		next = t.Row(0)
	}
	for i := 0; i < n; i++ {
		cur := next
		row := &cur
		if i+1 < n {
			next = t.Row(i + 1)
		}
		// Word has no "keep with previous row": keeping the previous row's
		// paragraphs with the next does the same.
		keepNext := i+1 < n && next.KeepWithPrevious
		b.WriteString(`<w:tr>`)
		if row.CantSplit || row.Header {
			b.WriteString(`<w:trPr>`)
			if row.CantSplit {
				b.WriteString(`<w:cantSplit/>`)
			}
			if row.Header {
				b.WriteString(`<w:tblHeader/>`)
			}
			b.WriteString(`</w:trPr>`)
		}
		col := 0
		for _, cell := range row.Cells {
			span := cell.Columns()
			width := layout.Length(0)
			for k := col; k < col+span && k < len(t.Columns); k++ {
				width += t.Columns[k]
			}
			col += span
			w.cell(&cell, width, width-2*t.CellPadding, keepNext)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

var vAlignValues = [...]string{layout.Top: "top", layout.Middle: "center", layout.Bottom: "bottom"}

// cell writes a w:tc (CT_TcPr: tcW, gridSpan, vAlign); a cell must end with
// a paragraph.
func (w *bodyWriter) cell(c *layout.Cell, width, inner layout.Length, keepNext bool) {
	b := w.b
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if c.Columns() > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, c.Columns())
	}
	if c.VAlign != layout.Top {
		b.WriteString(`<w:vAlign w:val="` + vAlignValues[c.VAlign] + `"/>`)
	}
	b.WriteString(`</w:tcPr>`)
	endsWithParagraph := false
	for _, blk := range c.Blocks {
		endsWithParagraph = false
		switch v := blk.(type) {
		case *layout.Paragraph:
			w.paragraph(v, paraOpts{keepWithNext: keepNext})
			endsWithParagraph = true
		case *layout.Table:
			w.table(v, inner)
		case *layout.Rule:
			w.rule(v, inner)
			endsWithParagraph = true
		}
	}
	if !endsWithParagraph {
		w.hairline("")
	}
	b.WriteString(`</w:tc>`)
}
