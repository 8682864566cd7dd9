package templates

import (
	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// signed places the images of an electronic document on a signature column
// made by signBlocks (docs/nd30.md §10, §10.1): the signer's signature image
// centred between the title and the name, and the agency's seal at its real
// size over the left third of it, centred on it, both behind the text and
// placed from the name's paragraph. Word processors keep a picture placed
// from a table cell inside the cell's row, so the seal stays between the
// top of the column and the name's last line, moved up or down as little as
// it needs, and the space for the signature grows when the seal is taller
// than the column.
func (b *builder) signed(sign []layout.Block, textWidth layout.Length, signer vanban.Signer, agency vanban.Agency) []layout.Block {
	sig, seal := signer.Image, agency.Seal
	if sig != nil && sig.PNG == nil {
		sig = nil // named but not read: a layout without it
	}
	if seal != nil && (seal.PNG == nil || agency.SealMM <= 0) {
		seal = nil
	}
	if sig == nil && seal == nil || len(sign) == 0 {
		return sign
	}
	name, ok := sign[len(sign)-1].(*layout.Paragraph)
	if !ok {
		return sign
	}
	col := textWidth - nd30.SignatureLeftWidth - 2*nd30.LayoutPadding
	above := layout.Length(0) // the column above the name's space before: the title lines
	for _, blk := range sign[:len(sign)-1] {
		if p, ok := blk.(*layout.Paragraph); ok {
			above += b.height(p, col)
		}
	}
	nameLines := b.height(name, col) - name.SpaceBefore - name.SpaceAfter
	margin := layout.Pt(1) // a word processor's lines may be a little taller than measured

	// The signature: fitted into the box nd30 gives, and into the space
	// between the title and the name; without one, the seal is placed as
	// over a signature as wide as that box.
	sw, sh := nd30.SignatureImageMaxWidth, layout.Length(0)
	if sig != nil {
		sw, sh = fit(sig.Width, sig.Height, nd30.SignatureImageMaxWidth, min(nd30.SignatureImageMaxHeight, name.SpaceBefore-2*margin))
	}
	var sd, sh2 layout.Length // the seal's width and height
	if seal != nil {
		sd = layout.MM(agency.SealMM)
		sh2 = layout.Length(float64(sd) * float64(seal.Height) / float64(seal.Width))
		// The column must hold the seal from its top to the name's last line.
		if need := sh2 + 2*margin - (above + name.SpaceBefore + nameLines); need > 0 {
			name.SpaceBefore += need
		}
	}
	gap := name.SpaceBefore
	sx := (col - sw) / 2
	centre := -gap / 2 // the middle of the space for the signature, from the name's first line
	var images []layout.Image
	if sig != nil {
		images = append(images, layout.Image{PNG: sig.PNG, X: sx, Y: centre - sh/2, Width: sw, Height: sh, Behind: true,
			Name: "Chữ ký của " + signer.Name})
	}
	if seal != nil {
		// A seal wider than the room left of the signature reaches into
		// the Nơi nhận column, behind its text.
		x := sx + layout.Length(float64(sw)*nd30.SealOverlap) - sd
		y := centre - sh2/2
		y = min(y, nameLines-margin-sh2) // not below the name's last line
		y = max(y, -(gap+above)+margin)  // nor above the column's top
		images = append(images, layout.Image{PNG: seal.PNG, X: x, Y: y, Width: sd, Height: sh2, Behind: true,
			Name: "Dấu của " + agency.NameInText})
	}
	name.Images = images
	return sign
}

// fit scales w × h pixels, proportions kept, to the largest size within
// maxW × maxH.
func fit(w, h int, maxW, maxH layout.Length) (layout.Length, layout.Length) {
	if w <= 0 || h <= 0 || maxH <= 0 {
		return 0, 0
	}
	scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h))
	return layout.Length(float64(w) * scale), layout.Length(float64(h) * scale)
}

// height is how tall a paragraph of one style is in a column width wide,
// its space before and after included, as measured with the fonts.
func (b *builder) height(p *layout.Paragraph, width layout.Length) layout.Length {
	st := p.Mark
	text := ""
	for _, r := range p.Runs {
		text += r.Text
		st = r.Style
	}
	face := b.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
	lines := 1
	if text != "" {
		lines = max(1, len(face.BreakLines(text, st.Size.Points(), (width-p.IndentLeft-p.IndentRight).Points())))
	}
	spacing := 1.0
	if p.LineSpacing > 0 {
		spacing = float64(p.LineSpacing) / 240
	}
	return p.SpaceBefore + p.SpaceAfter + layout.Pt(face.LineHeight(st.Size.Points())*spacing*float64(lines))
}
