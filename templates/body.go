package templates

import (
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// body is ô 6 (docs/nd30.md §1, §5): justified paragraphs with a first-line indent,
// at least 6 pt apart, single spaced, with widow and orphan control. The last
// paragraph is kept with the signature block (never a lone signature).
func (b *builder) body() []layout.Block {
	return b.paragraphs(b.doc.Body, true, true)
}

// paragraphs lays out body paragraphs (docs/nd30.md §3 rows 10–19, §5): text
// justified with a first-line indent; "Chương I", "Mục 1" and the title
// under them centred in bold (the title in capitals); "Điều 5. …" and "I. …"
// headings in bold. first puts the block spacing before the first
// paragraph; keepLast keeps the last with what follows (the signature).
func (b *builder) paragraphs(ps []vanban.Paragraph, first, keepLast bool) []layout.Block {
	st := b.style(nd30.Body)
	blocks := make([]layout.Block, 0, len(ps))
	for i := range ps {
		bp := &ps[i]
		p := &layout.Paragraph{
			Runs:         b.runs(bp.Inlines, st),
			Align:        layout.Justify,
			Mark:         st,
			FirstLine:    nd30.FirstLineIndent,
			SpaceBefore:  nd30.ParagraphSpacing,
			LineSpacing:  nd30.LineSpacing,
			WidowControl: true,
		}
		switch {
		case bp.Kind == vanban.PartParagraph, bp.Kind == vanban.PartTitleParagraph:
			e := nd30.PartLabel
			if bp.Kind == vanban.PartTitleParagraph {
				e = nd30.PartTitle
			} else {
				p.SpaceBefore = nd30.BlockSpacing
			}
			p.Runs = b.runs(bp.Inlines, b.style(e))
			for j := range p.Runs {
				p.Runs[j].Text = e.Case(p.Runs[j].Text)
			}
			p.Align, p.FirstLine, p.Mark, p.KeepWithNext = layout.Center, 0, b.style(e), true
			if bp.Kind == vanban.PartTitleParagraph {
				p.SpaceBefore = 0
			}
		case bp.Kind == vanban.ArticleParagraph, vanban.IsRomanHeading(bp):
			p.Runs = b.runs(bp.Inlines, b.style(nd30.ArticleTitle))
			p.KeepWithNext = true
		}
		if i == 0 && first {
			p.SpaceBefore = nd30.BlockSpacing
		}
		if i == len(ps)-1 && keepLast {
			p.KeepWithNext = true
		}
		blocks = append(blocks, p)
	}
	return blocks
}

// runs resolves inline marks and deadlines into styled runs.
func (b *builder) runs(inlines []vanban.Inline, base layout.Style) []layout.Run {
	runs := make([]layout.Run, 0, len(inlines))
	for _, in := range inlines {
		text := in.Text
		if in.Deadline != "" {
			text = b.doc.Deadlines[in.Deadline].Text()
		}
		st := base
		st.Bold = st.Bold || in.Bold
		st.Italic = st.Italic || in.Italic
		runs = append(runs, layout.Run{Text: text, Style: st, Script: scriptOf(in.Script)})
	}
	return runs
}

// signature is the grid of Nơi nhận (ô 9b, left) beside the signature block
// (ô 7a/7c/7b, right), their first lines level (docs/nd30.md §2.2, §7, §9).
func (b *builder) signature(textWidth layout.Length) *layout.Table {
	d := b.doc
	sign := b.signed(b.signBlocks(d.Signer.Title, d.Signer.Name), textWidth, d.Signer, d.Agency)
	return b.signatureGrid(textWidth, b.noiNhan(b.recipientsCC(), b.archive(), true), sign)
}

// signatureGrid sets two columns side by side: the Nơi nhận column (62 mm,
// Mẫu 1.5) and the signature column.
func (b *builder) signatureGrid(textWidth layout.Length, left, right []layout.Block) *layout.Table {
	return &layout.Table{
		Columns:     []layout.Length{nd30.SignatureLeftWidth, textWidth - nd30.SignatureLeftWidth},
		Align:       layout.Center,
		CellPadding: nd30.LayoutPadding,
		Rows:        []layout.Row{{Cells: []layout.Cell{{Blocks: left}, {Blocks: right}}, CantSplit: true}},
	}
}

// noiNhan is ô 9b (docs/nd30.md §9): "Nơi nhận:" and one "- …;" per line, the
// last "- Lưu: VT, ….", followed on that line by the drafter's initials
// and the copies issued (ô 12) when drafter is set.
func (b *builder) noiNhan(cc []string, archive string, drafter bool) []layout.Block {
	label := b.para(nd30.NoiNhanLabel, nd30.NoiNhanText, layout.Left)
	label.SpaceBefore = nd30.BlockSpacing
	blocks := []layout.Block{label}
	itemStyle := b.style(nd30.NoiNhanItem)
	dash := b.width(nd30.ListDash, itemStyle)
	lines := nd30.NoiNhanLines(cc, archive)
	for i, line := range lines {
		p := b.para(nd30.NoiNhanItem, line, layout.Left)
		if m := b.doc.Marks; drafter && i == len(lines)-1 && (m.Drafter != "" || m.Copies > 0) {
			// docs/nd30.md §3 row 30: ô 12 follows the Lưu entry on its line.
			p.Runs = append(p.Runs, layout.Run{Text: " " + nd30.DrafterLine(m.Drafter, m.Copies), Style: b.style(nd30.Drafter)})
		}
		// docs/nd30.md §9: a wrapped entry continues under the first letter after "- ".
		p.IndentLeft, p.FirstLine = dash, -dash
		blocks = append(blocks, p)
	}
	return blocks
}

// signBlocks is ô 7a/7b: the authority and post lines in bold capitals, the
// space for the signature and seal, and the name.
func (b *builder) signBlocks(title []string, name string) []layout.Block {
	var sign []layout.Block
	for i, t := range title {
		p := b.para(nd30.SignerTitle, t, layout.Center)
		if i == 0 {
			p.SpaceBefore = nd30.BlockSpacing
		}
		sign = append(sign, p)
	}
	n := b.para(nd30.SignerName, name, layout.Center)
	n.SpaceBefore = nd30.SignatureGap
	if len(title) == 0 {
		n.SpaceBefore += nd30.BlockSpacing
	}
	return append(sign, n)
}

// archive is the Lưu line: the author's, or the one the form prints
// ("VT, Hồ sơ" in a biên bản).
func (b *builder) archive() string {
	if b.doc.Archive != "" {
		return b.doc.Archive
	}
	return b.doc.DocType().Archive
}

// recipientsCC is the Nơi nhận list: the author's, or the form's own when
// the author gives none (docs/nd30.md §9: a giấy giới thiệu's "Như trên"; a
// giấy nghỉ phép's person on leave, Mẫu 1.10 fn 8).
func (b *builder) recipientsCC() []string {
	d := b.doc
	if len(d.CC) > 0 {
		return d.CC
	}
	switch {
	case d.Introduction != nil:
		return []string{nd30.NhuTrenText}
	case d.Leave != nil:
		return []string{strings.TrimSpace(d.Leave.Honorific + " " + d.Leave.Name)}
	}
	return nil
}

// scriptOf is the layout's name for an inline's vertical position.
func scriptOf(s vanban.Script) layout.Script {
	switch s {
	case vanban.Subscript:
		return layout.Subscript
	case vanban.Superscript:
		return layout.Superscript
	}
	return layout.Baseline
}
