package templates

import (
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// The forms of Mẫu 1.6 to 1.10 (docs/nd30.md §14, §14.2): a tên loại, then
// the lines each form prints, then the signature.

// line is a body paragraph of one text: justified, first-line indent,
// 6 pt before.
func (b *builder) line(text string) *layout.Paragraph {
	p := b.para(nd30.Body, text, layout.Justify)
	p.FirstLine, p.SpaceBefore, p.WidowControl = nd30.FirstLineIndent, nd30.ParagraphSpacing, true
	return p
}

// lines are body paragraphs, the first with the block spacing before it.
func (b *builder) lines(texts ...string) []layout.Block {
	out := make([]layout.Block, 0, len(texts))
	for i, t := range texts {
		p := b.line(t)
		if i == 0 {
			p.SpaceBefore = nd30.BlockSpacing
		}
		out = append(out, p)
	}
	return out
}

// dashItems are list items "- …;" hanging from indent, the last ending ".".
func (b *builder) dashItems(items []string, indent layout.Length) []layout.Block {
	dash := b.width(nd30.ListDash, b.style(nd30.Body))
	var out []layout.Block
	for _, it := range nd30.DashList(items) {
		p := b.para(nd30.Body, it, layout.Left)
		p.IndentLeft, p.FirstLine, p.WidowControl = indent+dash, -dash, true
		out = append(out, p)
	}
	return out
}

// opening is the form's heading: the header, the tên loại with the trích
// yếu (when the form has one) and its rule, and the marks.
func (b *builder) opening(w layout.Length) []layout.Block {
	t := b.doc.DocType()
	subject := ""
	if t.Subject {
		subject = b.doc.Subject
	}
	blocks := []layout.Block{b.header(w, true)}
	blocks = append(blocks, b.titleBlock(w, t.Title, subject, "")...)
	return append(blocks, b.marks(w)...)
}

// keepLast keeps the last block with the signature.
func keepLast(blocks []layout.Block) []layout.Block {
	if p, ok := blocks[len(blocks)-1].(*layout.Paragraph); ok {
		p.KeepWithNext = true
	}
	return blocks
}

// telegram is Mẫu 1.6: "CÔNG ĐIỆN" and its trích yếu, "<issuer> điện:", the
// recipients one a line ("- …;"), the text, the signature.
func (b *builder) telegram(w layout.Length) []layout.Block {
	d := b.doc
	blocks := b.opening(w)
	head := b.line(nd30.TelegramLine(d.Issuer))
	head.SpaceBefore, head.KeepWithNext = nd30.BlockSpacing, true
	blocks = append(blocks, head)
	blocks = append(blocks, b.dashItems(d.Recipients, nd30.KinhGuiIndent)...)
	blocks = append(blocks, b.paragraphs(d.Body, false, true)...)
	return append(blocks, b.signature(w))
}

// invitation is Mẫu 1.7: "<agency> trân trọng kính mời: …", "Tới dự …",
// the chair, the time with its weekday, the place, what to note.
func (b *builder) invitation(w layout.Length) []layout.Block {
	d := b.doc
	inv := d.Invitation
	texts := []string{nd30.InviteLine(d.Agency.NameInText, inv.Invitees), nd30.EventLine(inv.Event)}
	if inv.Chair != "" {
		texts = append(texts, nd30.InviteChair+inv.Chair)
	}
	texts = append(texts, nd30.InviteTime+inv.Time.Text(), nd30.InvitePlace+inv.Place)
	if len(d.Body) == 0 {
		texts[len(texts)-1] += "./."
	}
	blocks := append(b.opening(w), b.lines(texts...)...)
	blocks = append(blocks, b.paragraphs(d.Body, false, false)...)
	return append(keepLast(blocks), b.signature(w))
}

// introduction is Mẫu 1.8: "<agency> trân trọng giới thiệu:", the person
// and their post, where they are sent and why, the request, how long the
// paper is valid; its Nơi nhận is "Như trên" and "Lưu: VT".
func (b *builder) introduction(w layout.Length) []layout.Block {
	d := b.doc
	in := d.Introduction
	texts := []string{d.Agency.NameInText + " " + nd30.IntroduceWords, nd30.Honorific(in.Honorific) + " " + in.Name}
	if in.Position != "" {
		texts = append(texts, nd30.IntroducePosition+in.Position)
	}
	texts = append(texts, nd30.IntroduceTo+in.SentTo, nd30.IntroducePurpose+in.Purpose,
		nd30.IntroduceRequest(in.Honorific), nd30.ValidUntilLine(in.ValidUntil))
	blocks := append(b.opening(w), b.lines(texts...)...)
	return append(keepLast(blocks), b.signature(w))
}

// minutes is Mẫu 1.9: no place and date line; the time of the start, the
// place, who took part, the chair and the secretary, the content, the time
// of the end; the secretary signs left (THƯ KÝ), the chair right (CHỦ TỌA);
// the Nơi nhận under them ends "- Lưu: VT, Hồ sơ.".
func (b *builder) minutes(w layout.Length) []layout.Block {
	d := b.doc
	m := d.Minutes
	blocks := append(b.opening(w), b.lines(nd30.MinutesStart+nd30.ClockDate(m.Start), nd30.MinutesPlace+m.Place)...)
	if len(m.Participants) == 1 {
		blocks = append(blocks, b.line(nd30.MinutesParticipants+m.Participants[0]))
	} else {
		head := b.line(nd30.MinutesParticipants)
		head.KeepWithNext = true
		blocks = append(blocks, head)
		blocks = append(blocks, b.dashItems(m.Participants, nd30.FirstLineIndent)...)
	}
	blocks = append(blocks, b.line(nd30.MinutesChair+nd30.PersonLine(m.Chair.Name, m.Chair.Position)),
		b.line(nd30.MinutesSecretary+nd30.PersonLine(m.Secretary.Name, m.Secretary.Position)))
	content := b.line(nd30.MinutesContentLine(m.Kind))
	content.KeepWithNext = true
	blocks = append(blocks, content)
	blocks = append(blocks, b.paragraphs(d.Body, false, false)...)
	blocks = append(blocks, b.line(nd30.MinutesEndLine(m.Kind, m.End)))

	grid := b.signatureGrid(w, b.signBlocks([]string{nd30.SecretaryTitle}, m.Secretary.Name),
		b.signBlocks(append([]string{nd30.ChairTitle}, m.Chair.Title...), m.Chair.Name))
	grid.Rows = append(grid.Rows, layout.Row{Cells: []layout.Cell{{Blocks: b.noiNhan(d.CC, b.archive(), true)}, {Blocks: []layout.Block{b.emptyPara(nd30.Body)}}}, CantSplit: true})
	return append(keepLast(blocks), grid)
}

// leave is Mẫu 1.10: the request it answers, "<agency> cấp cho:", the
// person and their post, the days granted and where, what they count as;
// the signature; and, when asked, the block for the place of leave to
// confirm.
func (b *builder) leave(w layout.Length) []layout.Block {
	d := b.doc
	l := d.Leave
	grant := d.Agency.NameInText + " " + nd30.LeaveGrant
	if !l.Requested.IsZero() {
		grant = nd30.LeaveRequestLine(l.Requested, l.Honorific, l.Name) + " " + grant
	}
	texts := []string{grant, nd30.Honorific(l.Honorific) + ": " + l.Name}
	if l.Position != "" {
		texts = append(texts, nd30.IntroducePosition+l.Position)
	}
	texts = append(texts, nd30.LeavePeriodLine(l.LeaveDays(), l.From, l.To, l.Place), nd30.LeaveCountedLine(l.CountedAs))
	blocks := append(b.opening(w), b.lines(texts...)...)
	grid := b.signature(w)
	if l.Confirmation {
		head := b.para(nd30.SignerName, nd30.LeaveConfirmation, layout.Center)
		head.SpaceBefore = nd30.BlockSpacing
		room := b.emptyPara(nd30.SignerName) // for the signature and the seal
		room.SpaceBefore = nd30.SignatureGap
		confirm := []layout.Block{head, room}
		grid.Rows = append(grid.Rows, layout.Row{Cells: []layout.Cell{{Blocks: confirm}, {Blocks: []layout.Block{b.emptyPara(nd30.Body)}}}, CantSplit: true})
	}
	return append(keepLast(blocks), grid)
}

// copyBlock is a paper copy's own form (Mẫu 3.1; docs/nd30.md §11.7): under a
// rule across the text width, straight after the copied text, the copying
// agency over the copy's Số (SY, TrS, SL) on the left, the kind of copy over
// the place and date on the right, then its Nơi nhận and signature.
func (b *builder) copyBlock(w layout.Length) []layout.Block {
	c := b.doc.Copy
	k := c.CopyKind()
	r := &layout.Rule{Width: w, Thickness: nd30.RuleThickness, Align: layout.Left, SpaceBefore: nd30.BlockSpacing, SpaceAfter: nd30.ParagraphSpacing}
	kind := b.para(nd30.CopyTitle, k.Title, layout.Center)
	hdr := b.headerTable(w, headerSpec{agency: c.Agency, right: []layout.Block{kind},
		number: nd30.CopyNumberLine(c.Number, c.Code), date: nd30.PlaceDateLine(c.Place, c.Date)})
	sig := b.signatureGrid(w, b.noiNhan(c.CC, c.Archive, false), b.signed(b.signBlocks(c.Signer.Title, c.Signer.Name), w, c.Signer, c.Agency))
	return []layout.Block{r, hdr, b.spacer(nd30.MarkGap), sig}
}
