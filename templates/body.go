package templates

import (
	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// body is ô 6 (docs/nd30.md §1, §5): justified paragraphs with a first-line indent,
// at least 6 pt apart, single spaced, with widow and orphan control. The last
// paragraph is kept with the signature block (never a lone signature).
func (b *builder) body() []layout.Block {
	st := b.style(nd30.Body)
	blocks := make([]layout.Block, 0, len(b.doc.Body))
	for i, bp := range b.doc.Body {
		p := &layout.Paragraph{
			Runs:         b.runs(bp.Inlines, st),
			Align:        layout.Justify,
			Mark:         st,
			FirstLine:    nd30.FirstLineIndent,
			SpaceBefore:  nd30.ParagraphSpacing,
			LineSpacing:  nd30.LineSpacing,
			WidowControl: true,
		}
		if i == 0 {
			p.SpaceBefore = nd30.BlockSpacing
		}
		if i == len(b.doc.Body)-1 {
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
	left := nd30.SignatureLeftWidth
	right := textWidth - left

	label := b.para(nd30.NoiNhanLabel, nd30.NoiNhanText, layout.Left)
	label.SpaceBefore = nd30.BlockSpacing
	noiNhan := []layout.Block{label}
	itemStyle := b.style(nd30.NoiNhanItem)
	dash := b.width(nd30.ListDash, itemStyle)
	for _, line := range nd30.NoiNhanLines(b.doc.CC, b.doc.Archive) {
		p := b.para(nd30.NoiNhanItem, line, layout.Left)
		// docs/nd30.md §9: a wrapped entry continues under the first letter after "- ".
		p.IndentLeft, p.FirstLine = dash, -dash
		noiNhan = append(noiNhan, p)
	}

	var sign []layout.Block
	for i, t := range b.doc.Signer.Title {
		p := b.para(nd30.SignerTitle, t, layout.Center)
		if i == 0 {
			p.SpaceBefore = nd30.BlockSpacing
		}
		sign = append(sign, p)
	}
	name := b.para(nd30.SignerName, b.doc.Signer.Name, layout.Center)
	name.SpaceBefore = nd30.SignatureGap
	sign = append(sign, name)

	return &layout.Table{
		Columns:     []layout.Length{left, right},
		Align:       layout.Center,
		CellPadding: nd30.LayoutPadding,
		Rows:        []layout.Row{{Cells: []layout.Cell{{Blocks: noiNhan}, {Blocks: sign}}, CantSplit: true}},
	}
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
