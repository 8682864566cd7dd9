package sign

import (
	"math"
	"strconv"
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/render/pdf"
)

// The empty signature fields of a sign-ready PDF, where Decree 30 puts the
// two digital signatures of an electronic document (Phụ lục I, Phần I,
// Mục II.7d, II.8; docs/nd30.md §10):
//
//   - FieldSigner ("NguoiKy"), the competent person's signature: the space
//     left for it in the signature block, between the post (ô 7a, 7b) and
//     the name, as wide as the signature column — where the blue signature
//     image goes, centred between post and name;
//   - FieldAgency ("CoQuan"), the agency's: over the left third of the
//     signer's signature, where the red seal image goes (a square as tall
//     as the signature space, the seal's real size being about that,
//     whose right edge is a third of the way across the signature image,
//     taken as the space's centre part, twice as wide as tall).
//
// A document whose signature block has more signatures (the secretary's
// and the chair's in a biên bản) gets a field for each: the block's last
// one, the head's, is FieldSigner and the seal's; the others are
// FieldSigner2, FieldSigner3 … in reading order.
//
// A separate file (an appendix or an issued document in a file of its
// own, Mẫu 1.3 and 2.2, with signed_at) and an electronic copy (Mẫu 3.2)
// carry only the agency's signature, at the top right of page 1, where its
// text (số, ký hiệu and the time) is printed: FieldAgency is that box.
//
// The form lists the signer's field first, so that `vanban sign` without
// --field fills the signer's, then, run again, the agency's.
const (
	FieldSigner = "NguoiKy"
	FieldAgency = "CoQuan"
)

// Field labels (/TU), what a signing tool shows.
const (
	labelSigner = "Chữ ký số của người có thẩm quyền (ô 7c)"
	labelAgency = "Chữ ký số của cơ quan, tổ chức (ô 8)"
)

// Fields returns, for pdf.Options.Fields, the function that places the
// document's empty signature fields from where its blocks landed.
func Fields(doc *vanban.Document, ld *layout.Document) func(*pdf.Placement) []pdf.Field {
	return func(pl *pdf.Placement) []pdf.Field {
		if separateFile(doc) {
			if r, ok := stampBox(ld, pl); ok {
				return []pdf.Field{{Name: FieldAgency, Label: labelAgency, Rect: r}}
			}
			return nil
		}
		spaces := signatureSpaces(pl)
		if len(spaces) == 0 {
			return nil
		}
		head := spaces[len(spaces)-1]
		fields := []pdf.Field{{Name: FieldSigner, Label: labelSigner, Rect: head}}
		fields = append(fields, pdf.Field{Name: FieldAgency, Label: labelAgency, Rect: sealOver(head)})
		for i, r := range spaces[:len(spaces)-1] {
			fields = append(fields, pdf.Field{Name: FieldSigner + strconv.Itoa(i+2), Label: labelSigner, Rect: r})
		}
		return fields
	}
}

// separateFile says whether the document is signed by the agency alone,
// at the top right of its first page.
func separateFile(doc *vanban.Document) bool {
	return doc.SignedAt != nil || doc.Copy != nil && doc.Copy.SignedAt != nil
}

// signatureSpaces are the spaces for a signature in the layout grids of
// the first section, in reading order: above each paragraph of a grid
// cell set a signature gap below the one before it (templates' signature
// blocks: the name under the post), on one page. An empty paragraph there
// (a paper confirmation's room) is not a signer's.
func signatureSpaces(pl *pdf.Placement) []pdf.Rect {
	var out []pdf.Rect
	var walk func(blocks []pdf.Placed)
	walk = func(blocks []pdf.Placed) {
		for _, b := range blocks {
			t, ok := b.Block.(*layout.Table)
			if !ok || t.Borders || b.Cells == nil {
				continue
			}
			for r, row := range b.Cells {
				cells := t.Row(r).Cells
				for c, pc := range row {
					if c >= len(cells) {
						break
					}
					lb := cells[c].Blocks
					for k := 1; k < len(lb) && k < len(pc.Blocks); k++ {
						p, ok := lb[k].(*layout.Paragraph)
						if !ok || p.SpaceBefore < nd30.SignatureGap || !hasText(p) {
							continue
						}
						above, here := pc.Blocks[k-1].Parts, pc.Blocks[k].Parts
						if len(above) == 0 || len(here) == 0 {
							continue
						}
						a, h := above[len(above)-1], here[0]
						if a.Page != h.Page || a.Y <= h.Top() {
							continue
						}
						out = append(out, pdf.Rect{Page: h.Page, X: h.X, Y: h.Top(), Width: h.Width, Height: round(a.Y - h.Top())})
					}
					walk(pc.Blocks)
				}
			}
		}
	}
	if len(pl.Sections) > 0 {
		walk(pl.Sections[0])
	}
	return out
}

// sealOver is the seal's square over the left third of the signature in
// space s.
func sealOver(s pdf.Rect) pdf.Rect {
	side := s.Height
	image := math.Min(s.Width, 2*s.Height) // the signature image, centred
	left := s.X + (s.Width-image)/2
	x := math.Max(s.X, left+image/3-side)
	return pdf.Rect{Page: s.Page, X: round(x), Y: s.Y, Width: side, Height: side}
}

// stampBox is the box of the agency signature's text at the top right of
// page 1: a box of the Decree's width (nd30.SignatureBoxWidth) among the
// first page's fixed boxes or, set in the text, a bordered one-cell table
// of that width on page 1; failing both, the place such a box has, at the
// top right inside the margins.
func stampBox(ld *layout.Document, pl *pdf.Placement) (pdf.Rect, bool) {
	if len(ld.Sections) == 0 || len(pl.Pages) == 0 {
		return pdf.Rect{}, false
	}
	sec := ld.Sections[0]
	h := pl.Pages[0].Height
	for _, b := range sec.FirstPageBoxes {
		if b.Width == nd30.SignatureBoxWidth {
			height := b.Height
			if height == 0 {
				height = nd30.SignatureBoxHeight
			}
			return pdf.Rect{Page: 1, X: round(b.X.Points()), Y: round(h - (b.Y + height).Points()), Width: round(b.Width.Points()), Height: round(height.Points())}, true
		}
	}
	if len(pl.Sections) > 0 {
		for _, b := range pl.Sections[0] {
			t, ok := b.Block.(*layout.Table)
			if !ok || !t.Borders || len(t.Columns) != 1 || t.Columns[0] != nd30.SignatureBoxWidth || len(b.Parts) == 0 || b.Parts[0].Page != 1 {
				continue
			}
			return b.Parts[0], true
		}
	}
	pg := sec.Page
	w := nd30.SignatureBoxWidth.Points()
	return pdf.Rect{Page: 1, X: round(pl.Pages[0].Width - pg.Right.Points() - w), Y: round(h - pg.Top.Points() - nd30.SignatureBoxHeight.Points()),
		Width: round(w), Height: round(nd30.SignatureBoxHeight.Points())}, true
}

func hasText(p *layout.Paragraph) bool {
	for _, r := range p.Runs {
		if strings.TrimSpace(r.Text) != "" {
			return true
		}
	}
	return false
}

func round(v float64) float64 { return math.Round(v*1000) / 1000 }
