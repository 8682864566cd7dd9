package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/pdf"
)

// Where the seed's blocks landed (pdf.Render's Placement): the header at the
// top margin of page 1, the signature block on page 2 below the last body
// paragraph and inside the margins, each part of every block inside its
// page's text area — and the rectangles agree with the glyphs the file draws.
func TestSeedPlacement(t *testing.T) {
	ld := build(t, seedDoc(t))
	res, err := pdf.Render(ld, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := pdf.Bytes(ld, fontSet(t)); err != nil || !bytes.Equal(b, res.PDF) {
		t.Fatalf("Bytes and Render disagree (%v)", err)
	}
	pl := res.Placement
	if len(pl.Sections) != len(ld.Sections) {
		t.Fatalf("%d sections placed, layout has %d", len(pl.Sections), len(ld.Sections))
	}
	const eps = 0.01
	// textArea is the page's area inside its margins, in PDF user space.
	textArea := func(r pdf.Rect) (left, bottom, right, top float64) {
		info := pl.Pages[r.Page-1]
		p := ld.Sections[info.Section].Page
		return p.Left.Points(), p.Bottom.Points(), info.Width - p.Right.Points(), info.Height - p.Top.Points()
	}
	for s, sec := range pl.Sections {
		if len(sec) != len(ld.Sections[s].Blocks) {
			t.Fatalf("section %d: %d blocks placed, layout has %d", s, len(sec), len(ld.Sections[s].Blocks))
		}
		for i, b := range sec {
			if b.Block != ld.Sections[s].Blocks[i] {
				t.Errorf("section %d block %d is not the layout's", s, i)
			}
			if len(b.Parts) == 0 {
				t.Errorf("section %d block %d (%T) has no rectangle", s, i, b.Block)
			}
			for _, r := range b.Parts {
				if pl.Pages[r.Page-1].Section != s {
					t.Errorf("section %d block %d on page %d of section %d", s, i, r.Page, pl.Pages[r.Page-1].Section)
				}
				left, bottom, right, top := textArea(r)
				if r.X < left-eps || r.Right() > right+eps || r.Y < bottom-eps || r.Top() > top+eps || r.Height <= 0 {
					t.Errorf("section %d block %d (%T): %+v outside the text area %.2f–%.2f × %.2f–%.2f", s, i, b.Block, r, left, right, bottom, top)
				}
			}
		}
	}

	main := pl.Sections[0]
	header, sig, last := main[0], main[len(main)-1], main[len(main)-2]
	if _, ok := sig.Block.(*layout.Table); !ok {
		t.Fatalf("the main section ends with a %T, not the signature table", sig.Block)
	}
	if h := header.Parts[0]; h.Page != 1 || len(header.Parts) != 1 {
		t.Errorf("header on %+v, want page 1 only", header.Parts)
	} else if _, _, _, top := textArea(h); h.Top() < top-eps || h.Top() > top+eps {
		t.Errorf("header top at %.2f, top margin at %.2f", h.Top(), top)
	}
	if len(sig.Parts) != 1 || sig.Parts[0].Page != 2 {
		t.Fatalf("signature block on %+v, want page 2 only", sig.Parts)
	}
	body := last.Parts[len(last.Parts)-1]
	if body.Page != 2 || sig.Parts[0].Top() > body.Y+eps {
		t.Errorf("signature block %+v is not below the last body paragraph %+v", sig.Parts[0], body)
	}
	if len(pl.Pages) != 3 || pl.Pages[1].Number != 2 || pl.Pages[2].Section != 1 || pl.Pages[2].Width < pl.Pages[2].Height {
		t.Errorf("pages: %+v", pl.Pages)
	}

	// The signature grid's cells: Nơi nhận on the left, the signer on the
	// right, each block's rectangle holding the glyphs drawn for it.
	if len(sig.Cells) != 1 || len(sig.Cells[0]) != 2 {
		t.Fatalf("signature cells: %d rows", len(sig.Cells))
	}
	noiNhan, signer := sig.Cells[0][0], sig.Cells[0][1]
	if noiNhan.Parts[0].Right() > signer.Parts[0].X+eps || noiNhan.Parts[0].Top() != sig.Parts[0].Top() {
		t.Errorf("Nơi nhận cell %+v, signer cell %+v", noiNhan.Parts, signer.Parts)
	}
	title, name := signer.Blocks[0].Parts[0], signer.Blocks[len(signer.Blocks)-1].Parts[0]
	if gap := title.Y - name.Top(); gap < 60 {
		t.Errorf("%.1f pt between the signer's title and name, want the signature space", gap)
	}
	t.Run("glyphs", func(t *testing.T) {
		testtool.Require(t, "mutool")
		path := filepath.Join(t.TempDir(), "seed.pdf")
		if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		glyphs := testtool.Glyphs(t, path)
		within := func(text string, r pdf.Rect) {
			t.Helper()
			h := pl.Pages[r.Page-1].Height
			var got strings.Builder
			for _, g := range glyphs {
				y := h - g.Baseline // PDF user space
				if g.Page == r.Page && g.X0 >= r.X-eps && g.X1 <= r.Right()+eps && y >= r.Y-eps && y <= r.Top()+eps {
					got.WriteString(g.C)
				}
			}
			if strings.TrimSpace(got.String()) != text {
				t.Errorf("rectangle %+v holds %q, want %q", r, got.String(), text)
			}
		}
		within("GIÁM ĐỐC", title)
		within("Lê Minh Đạo", name)
		within("Nơi nhận:", noiNhan.Blocks[0].Parts[0])
	})
}
