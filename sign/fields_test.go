package sign_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/sign"
	"github.com/vanban-vn/vanban/templates"
)

// fieldsOf lays out an example and returns its fields and where its
// blocks landed.
func fieldsOf(t *testing.T, example string) ([]pdf.Field, *pdf.Placement) {
	t.Helper()
	doc, err := engine.Load(context.Background(), filepath.Join(testtool.RepoRoot(t), "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := templates.Build(doc, fs)
	if err != nil {
		t.Fatal(err)
	}
	var fields []pdf.Field
	place := sign.Fields(doc, ld)
	pl, err := pdf.WriteOptions(io.Discard, ld, fs, pdf.Options{Fields: func(pl *pdf.Placement) []pdf.Field {
		fields = place(pl)
		return fields
	}})
	if err != nil {
		t.Fatal(err)
	}
	return fields, pl
}

// paragraphText is a placed paragraph's text.
func paragraphText(b pdf.Placed) string {
	p, ok := b.Block.(*layout.Paragraph)
	if !ok {
		return ""
	}
	var s strings.Builder
	for _, r := range p.Runs {
		s.WriteString(r.Text)
	}
	return s.String()
}

// The seed's fields: the signer's between the post ("GIÁM ĐỐC") and the
// name, across the signature column; the agency's a square over the left
// part of it; the signer's first.
func TestFieldsSeed(t *testing.T) {
	fields, pl := fieldsOf(t, "cong-van-cchc-2023.yaml")
	if len(fields) != 2 || fields[0].Name != sign.FieldSigner || fields[1].Name != sign.FieldAgency {
		t.Fatalf("fields %+v", fields)
	}
	main := pl.Sections[0]
	var grid pdf.Placed
	for _, b := range main {
		if tb, ok := b.Block.(*layout.Table); ok && !tb.Borders && len(b.Cells) == 1 && len(b.Cells[0]) == 2 {
			grid = b // the last such grid: the signature block
		}
	}
	cell := grid.Cells[0][1]
	title, name := cell.Blocks[0], cell.Blocks[len(cell.Blocks)-1]
	if paragraphText(title) != "GIÁM ĐỐC" || paragraphText(name) != "Lê Minh Đạo" {
		t.Fatalf("signature cell holds %q … %q", paragraphText(title), paragraphText(name))
	}
	s, a := fields[0].Rect, fields[1].Rect
	tr, nr := title.Parts[0], name.Parts[0]
	const eps = 0.01
	if s.Page != tr.Page || abs(s.Top()-tr.Y) > eps || abs(s.Y-nr.Top()) > eps || abs(s.X-nr.X) > eps || abs(s.Width-nr.Width) > eps {
		t.Errorf("signer's field %+v, want between the post %+v and the name %+v", s, tr, nr)
	}
	if s.Height < 60 {
		t.Errorf("signature space %.1f pt tall", s.Height)
	}
	if a.Page != s.Page || a.Width != a.Height || a.X < s.X || a.Right() > s.X+s.Width/2 || a.Y < s.Y-eps || a.Top() > s.Top()+eps {
		t.Errorf("agency's field %+v, want a square over the left of %+v", a, s)
	}
	if fields[0].Label == "" || fields[1].Label == "" {
		t.Error("fields without a label")
	}
}

// A biên bản has two signatures, the secretary's (left) and the chair's
// (right, the head's, which the seal covers): three fields.
func TestFieldsMinutes(t *testing.T) {
	fields, _ := fieldsOf(t, "bien-ban-hop-hoi-dong.yaml")
	if len(fields) != 3 || fields[0].Name != sign.FieldSigner || fields[1].Name != sign.FieldAgency || fields[2].Name != sign.FieldSigner+"2" {
		t.Fatalf("fields %+v", fields)
	}
	if fields[2].Rect.X >= fields[0].Rect.X || fields[2].Rect.Page != fields[0].Rect.Page {
		t.Errorf("the secretary's field %+v is not left of the chair's %+v", fields[2].Rect, fields[0].Rect)
	}
}

// A leave certificate's confirmation room (an empty paragraph for the
// place of leave, on paper) gets no field.
func TestFieldsLeaveConfirmation(t *testing.T) {
	fields, _ := fieldsOf(t, "giay-nghi-phep.yaml")
	if len(fields) != 2 {
		t.Errorf("fields %+v, want the signer's and the agency's", fields)
	}
}

// Separate files and electronic copies: the agency's field alone, over
// the box of its signature text at the top right of page 1 (77 mm wide).
func TestFieldsSeparateFiles(t *testing.T) {
	for _, ex := range []string{"phu-luc-ke-hoach-dien-tu.yaml", "quy-che-tep-rieng-dien-tu.yaml", "ban-sao-dien-tu-giay-moi.yaml"} {
		t.Run(ex, func(t *testing.T) {
			fields, pl := fieldsOf(t, ex)
			if len(fields) != 1 || fields[0].Name != sign.FieldAgency {
				t.Fatalf("fields %+v", fields)
			}
			r, page := fields[0].Rect, pl.Pages[0]
			if r.Page != 1 || abs(r.Width-layout.MM(77).Points()) > 0.1 || r.Right() < page.Width-60 || r.Top() < page.Height-60 {
				t.Errorf("agency's field %+v on a page %.1f × %.1f: not the top-right box", r, page.Width, page.Height)
			}
		})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
