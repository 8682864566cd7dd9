package templates

import (
	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// decision is Mẫu 1.1 (nghị quyết) and 1.2 (quyết định), and the decision of
// Mẫu 1.3 (docs/nd30.md §5, §14.2): the header, the tên loại and trích yếu,
// the marks, the issuing authority in bold capitals, the bases in italic,
// "QUYẾT ĐỊNH:" (or "QUYẾT NGHỊ:"), the articles "Điều 1." … in bold, and
// the signature with its Nơi nhận.
func (b *builder) decision(w layout.Length) []layout.Block {
	d := b.doc
	t := d.DocType()
	blocks := []layout.Block{b.header(w, true)}
	blocks = append(blocks, b.titleBlock(w, t.Title, d.Subject, "")...)
	blocks = append(blocks, b.marks(w)...)

	auth := b.para(nd30.Authority, d.Authority, layout.Center)
	auth.SpaceBefore, auth.KeepWithNext = nd30.BlockSpacing, true
	blocks = append(blocks, auth)
	for i, line := range nd30.BasisLines(d.Bases, d.Proposal) {
		p := b.para(nd30.Basis, line, layout.Justify)
		p.FirstLine, p.SpaceBefore, p.WidowControl = nd30.FirstLineIndent, nd30.ParagraphSpacing, true
		if i == 0 {
			p.SpaceBefore = nd30.BlockSpacing
		}
		blocks = append(blocks, p)
	}
	action := b.para(nd30.Action, t.Action, layout.Center)
	action.SpaceBefore, action.KeepWithNext = nd30.BlockSpacing, true
	blocks = append(blocks, action)

	for i := range d.Articles {
		blocks = append(blocks, b.article(i)...)
	}
	if last, ok := blocks[len(blocks)-1].(*layout.Paragraph); ok {
		last.KeepWithNext = true // never a lone signature
	}
	return append(blocks, b.signature(w))
}

// article is "Điều N." in bold followed by its text (docs/nd30.md §3 row 16):
// on the first line of its text, or with its title on a line of its own.
// The number is typed text, never a word processor's list numbering.
func (b *builder) article(i int) []layout.Block {
	a := &b.doc.Articles[i]
	label := nd30.ArticleLabel(i + 1)
	paras := b.paragraphs(a.Body, false, false)
	if a.Title == "" && len(paras) > 0 && a.Body[0].Kind == vanban.PlainParagraph { // a plain first paragraph takes the label
		p := paras[0].(*layout.Paragraph)
		p.Runs = append([]layout.Run{{Text: label + " ", Style: b.style(nd30.ArticleTitle)}}, p.Runs...)
		return paras
	}
	head := b.para(nd30.ArticleTitle, label, layout.Justify)
	if a.Title != "" {
		head = b.para(nd30.ArticleTitle, label+" "+a.Title, layout.Justify)
	}
	head.FirstLine, head.SpaceBefore, head.KeepWithNext, head.WidowControl = nd30.FirstLineIndent, nd30.ParagraphSpacing, true, true
	return append([]layout.Block{head}, paras...)
}

// issuedSection is the document a decision issues, after it in the same file
// (Mẫu 1.3, paper; docs/nd30.md §12): the agency and ô 1 without Số or date,
// the tên loại, its trích yếu, "(Kèm theo Quyết định số … ngày … của …)", a
// rule, and its text with its Chương, Mục and Điều. Its pages are numbered
// on their own, as an appendix's.
func (b *builder) issuedSection() layout.Section {
	d := b.doc
	page := nd30.Page(false)
	w := page.TextWidth()
	is := d.Issues
	t, _ := nd30.DocumentTypeOf(is.Type)
	attached := nd30.AttachedTo(d.TypeName(), d.Number, d.Code, d.Date, d.Agency.NameInText)
	sec := layout.Section{Page: page, PageNumber: b.pageNumbers()}
	sec.Blocks = append(sec.Blocks, b.headerTable(w, headerSpec{agency: d.Agency, right: b.motto()}))
	sec.Blocks = append(sec.Blocks, b.titleBlock(w, t.Title, is.Subject, attached)...)
	sec.Blocks = append(sec.Blocks, b.paragraphs(is.Body, true, false)...)
	return sec
}

// typed is Mẫu 1.4, a document with a tên loại (docs/nd30.md §14): the header
// with its Số line, the tên loại and trích yếu, the marks, a Kính gửi for a
// tờ trình or báo cáo sent upward, the body and the signature. With
// attached_to it is instead the document issued with a decision, in a file
// of its own (Mẫu 1.3, the electronic form): no Số, date or signature, and
// the "(Kèm theo Quyết định số …)" line under the trích yếu.
func (b *builder) typed(w layout.Length) []layout.Block {
	d := b.doc
	t := d.DocType()
	if r := d.AttachedTo; r != nil {
		blocks := []layout.Block{b.headerTable(w, headerSpec{agency: d.Agency, right: b.motto()})}
		blocks = append(blocks, b.titleBlock(w, t.Title, d.Subject, b.parentLine())...)
		blocks = append(blocks, b.marks(w)...)
		return append(blocks, b.paragraphs(d.Body, true, false)...)
	}
	blocks := []layout.Block{b.header(w, true)}
	blocks = append(blocks, b.titleBlock(w, t.Title, d.Subject, "")...)
	blocks = append(blocks, b.marks(w)...)
	blocks = append(blocks, b.kinhGui()...)
	blocks = append(blocks, b.body()...)
	return append(blocks, b.signature(w))
}

// parentLine is the "(Kèm theo … số … ngày … của …)" line of a separate
// file: in the electronic form its number and date are left empty, for the
// system fills them in when it signs (docs/nd30.md §10, §12; Mẫu 1.3, 2.2).
func (b *builder) parentLine() string {
	r := b.doc.AttachedTo
	number, date := r.Number, r.Date
	if b.doc.SignedAt != nil {
		number, date = 0, nd30.Date{}
	}
	return nd30.AttachedTo(r.TypeName(), number, r.Code, date, r.Agency)
}
