package templates

import (
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// The parts every type shares around its main text: the marks (ô 10a, 10b,
// 11, 12, 13, the draft mark), an agency signature's box, and the title
// block of ô 5a (docs/nd30.md §2.3, §3 rows 7–8, 27–31, §10).

// spacer is an empty paragraph a gap high. It also keeps two tables apart:
// word processors join tables that touch.
func (b *builder) spacer(gap layout.Length) *layout.Paragraph {
	st := layout.Style{Size: gap}
	return &layout.Paragraph{Mark: st, LineSpacing: nd30.LineSpacing}
}

// box is a single-line mark in a rectangle of a border's width: the
// text centred, the rectangle width wide (0: as wide as the text) and about
// height high, set where align puts it between the margins.
func (b *builder) box(e nd30.Element, text string, width, height layout.Length, align layout.Align) *layout.Table {
	st := b.style(e)
	text = e.Case(text)
	pad := nd30.MarkPadding
	if width == 0 {
		width = b.width(text, st) + 2*pad + 2*nd30.TableBorder + layout.Pt(1)
	} else if inner := width - 2*nd30.TableBorder - b.width(text, st); inner < 2*pad {
		pad = max(0, inner/2-layout.Pt(0.5)) // the Decree's rectangle is fixed: narrow the padding, not the text
	}
	line := layout.Pt(b.fonts.Face(fonts.StyleOf(st.Bold, st.Italic)).LineHeight(st.Size.Points()))
	return &layout.Table{
		Columns:             []layout.Length{width},
		Align:               align,
		Borders:             true,
		BorderWidth:         nd30.TableBorder,
		CellPadding:         pad,
		CellPaddingVertical: max(0, (height-line-2*nd30.TableBorder)/2),
		Rows:                []layout.Row{{Cells: []layout.Cell{{VAlign: layout.Middle, Blocks: []layout.Block{b.para(e, text, layout.Center)}}}, CantSplit: true}},
	}
}

// stacked puts tables one under the other with a gap between them, and a
// gap after the last when more follows.
func (b *builder) stacked(tables []layout.Block, gapAfter bool) []layout.Block {
	var out []layout.Block
	for i, t := range tables {
		if i > 0 {
			out = append(out, b.spacer(nd30.MarkGap))
		}
		out = append(out, t)
	}
	if gapAfter && len(out) > 0 {
		out = append(out, b.spacer(nd30.MarkGap))
	}
	return out
}

// topMarks are the marks above the header in the text (docs/nd30.md §2.3):
// the draft mark at the top left (a convention, §16.8).
func (b *builder) topMarks(w layout.Length) []layout.Block {
	var boxes []layout.Block
	if b.doc.Marks.Draft {
		boxes = append(boxes, b.box(nd30.DraftMark, nd30.DraftStamp.Text, 0, nd30.StampHeight, layout.Left))
	}
	return b.stacked(boxes, true)
}

// firstPageBoxes are the marks of the top margin band of page 1, where the
// diagram draws them, outside the text (docs/nd30.md §2.2, §2.4): the box of
// an agency's signature text at the top right of a separate file (Mẫu 1.3,
// 2.2) or an electronic copy (ô 14, Mẫu 3.2), its right edge on the right
// margin, and the circulation instruction of ô 11 right of centre (left of
// the signature's box when there is one), both centred in the band.
func (b *builder) firstPageBoxes(page layout.Page) []layout.Box {
	var boxes []layout.Box
	right := page.Width - page.Right
	band := nd30.TopBandMiddle(page)
	if text := b.signatureText(); text != "" {
		bx := b.markBox(nd30.StampText, text, nd30.SignatureBoxWidth, nd30.SignatureBoxHeight)
		bx.X, bx.Y = right-bx.Width, band-bx.Height/2
		right = bx.X - nd30.MarkGap
		boxes = append(boxes, bx)
	}
	if s, ok := nd30.StampOf(nd30.CirculationStamps, b.doc.Marks.Circulation); ok {
		bx := b.markBox(nd30.Circulation, s.Text, s.Width, nd30.StampHeight)
		bx.X = page.Left + layout.Length(float64(page.TextWidth())*nd30.CirculationCentre) - bx.Width/2
		bx.X, bx.Y = min(bx.X, right-bx.Width), band-bx.Height/2
		boxes = append(boxes, bx)
	}
	return boxes
}

// markBox is a mark in a rectangle of a rule's width, set at a fixed place:
// the text centred, the rectangle width wide (0: as wide as the text and its
// padding) and at least height high (more when the text wraps), the text
// centred in it by its space before.
func (b *builder) markBox(e nd30.Element, text string, width, height layout.Length) layout.Box {
	st := b.style(e)
	text = e.Case(text)
	pad, border := nd30.BoxPadding, nd30.TableBorder
	if width == 0 {
		width = b.width(text, st) + 2*pad + 2*border + layout.Pt(1)
	}
	face := b.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
	lines := max(1, len(face.BreakLines(text, st.Size.Points(), (width-2*pad-2*border).Points())))
	content := layout.Pt(face.LineHeight(st.Size.Points()) * float64(lines))
	frame := 2*pad + 2*border
	// A point to spare: a word processor's line may be a little taller,
	// and a box of exact height would cut it.
	h := max(height, content+frame+layout.Pt(1))
	p := b.para(e, text, layout.Center)
	p.SpaceBefore = (h - content - frame) / 2
	return layout.Box{Width: width, Height: h, Border: border, Padding: pad, Blocks: []layout.Block{p}}
}

// signatureText is the visible text of the agency's digital signature at the
// top right of page 1, or "" (docs/nd30.md §10, §14.3).
func (b *builder) signatureText() string {
	d := b.doc
	switch {
	case d.Copy != nil && d.Copy.SignedAt != nil:
		return nd30.CopyStampText(d.Copy.CopyKind(), d.Copy.Agency.NameInText, *d.Copy.SignedAt)
	case d.SignedAt != nil && d.AttachedTo != nil:
		return nd30.FileStampText(d.AttachedTo.Number, d.AttachedTo.Code, *d.SignedAt)
	}
	return ""
}

// marks are ô 10a and 10b: the secrecy and urgency stamps, at the left under
// the trích yếu, the urgency rectangles of the Decree's sizes (docs/nd30.md §3
// rows 27–28, §2.3).
func (b *builder) marks(w layout.Length) []layout.Block {
	d := b.doc
	var boxes []layout.Block
	if s, ok := nd30.StampOf(nd30.SecrecyStamps, d.Marks.Secrecy); ok {
		boxes = append(boxes, b.box(nd30.Secrecy, s.Text, s.Width, nd30.StampHeight, layout.Left))
	}
	if s, ok := nd30.StampOf(nd30.UrgencyStamps, d.Marks.Urgency); ok {
		boxes = append(boxes, b.box(nd30.Urgency, s.Text, s.Width, nd30.StampHeight, layout.Left))
	}
	if len(boxes) == 0 {
		return nil
	}
	return append([]layout.Block{b.spacer(nd30.MarkGap)}, b.stacked(boxes, false)...)
}

// titleBlock is ô 5a (docs/nd30.md §3 rows 7–8): the tên loại in bold capitals,
// the trích yếu in bold under it, an optional "(Kèm theo …)" line in italic
// (Mẫu 1.3, the issued document), and a rule 1/3–1/2 as long as the
// trích yếu's longest line (the tên loại's when there is no trích yếu).
func (b *builder) titleBlock(w layout.Length, title, subject, attached string) []layout.Block {
	name := b.para(nd30.TypeName, title, layout.Center)
	name.SpaceBefore, name.KeepWithNext = nd30.BlockSpacing, true
	blocks := []layout.Block{name}
	measured := b.longestLine(nd30.TypeName.Case(title), b.style(nd30.TypeName), w)
	if subject != "" {
		p := b.para(nd30.TypedSubject, subject, layout.Center)
		p.KeepWithNext = true
		blocks = append(blocks, p)
		measured = b.longestLine(subject, b.style(nd30.TypedSubject), w)
	}
	if attached != "" {
		p := b.para(nd30.AppendixAttachedTo, attached, layout.Center)
		p.KeepWithNext = true
		blocks = append(blocks, p)
	}
	return append(blocks, b.rule(layout.Length(float64(measured)*nd30.SubjectRuleShare)))
}

// contact is ô 13 (docs/nd30.md §3 row 31, §2.4): the agency's address and
// contacts under a rule across the text width, the foot of page 1, its last
// line on the bottom margin.
func (b *builder) contact(w layout.Length) []layout.Block {
	line := nd30.ContactLine(b.doc.Contact)
	if line == "" {
		return nil
	}
	r := &layout.Rule{Width: w, Thickness: nd30.RuleThickness, Align: layout.Left, SpaceAfter: nd30.FootRuleGap}
	return []layout.Block{r, b.para(nd30.ContactInfo, line, layout.Center)}
}
