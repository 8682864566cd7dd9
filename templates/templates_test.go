package templates

import (
	"path/filepath"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

func seed(t testing.TB) *vanban.Document {
	t.Helper()
	doc, err := vanban.ParseFile(filepath.Join("..", "examples", "cong-van-cchc-2023.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func fontSet(t testing.TB) *fonts.Set {
	t.Helper()
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func headerTable(t *testing.T, sec layout.Section) *layout.Table {
	t.Helper()
	tbl, ok := sec.Blocks[0].(*layout.Table)
	if !ok {
		t.Fatalf("first block is %T, want the header table", sec.Blocks[0])
	}
	return tbl
}

func ruleIn(t *testing.T, c layout.Cell) *layout.Rule {
	t.Helper()
	for _, b := range c.Blocks {
		if r, ok := b.(*layout.Rule); ok {
			return r
		}
	}
	t.Fatal("no rule in cell")
	return nil
}

// docs/nd30.md §4.1, §4.2, §11.2: in both size sets and orientations, the Quốc hiệu
// fits on one line of the right column, the Tiêu ngữ rule is as long as its
// text, the agency rule is 1/3–1/2 of the name, and the columns are about 40:60.
func TestHeaderGeometry(t *testing.T) {
	fs := fontSet(t)
	for _, set := range []nd30.SizeSet{nd30.Set13, nd30.Set14} {
		for _, landscape := range []bool{false, true} {
			doc := seed(t)
			doc.SizeSet = set
			doc.Appendices[0].Landscape = landscape
			ld, err := Build(doc, fs)
			if err != nil {
				t.Fatal(err)
			}
			for si, sec := range ld.Sections {
				hdr := headerTable(t, sec)
				left, right := hdr.Columns[0], hdr.Columns[1]
				if share := float64(left) / float64(left+right); share < 0.38 || share > 0.42 {
					t.Errorf("set %d section %d: left column share %.2f, want about 0.40", set, si, share)
				}
				if left+right != sec.Page.TextWidth() {
					t.Errorf("set %d section %d: header %d twips wide, text width %d", set, si, left+right, sec.Page.TextWidth())
				}
				qh := set.Style(nd30.QuocHieu)
				width := fs.Face(fonts.Bold).Width(nd30.QuocHieuText, qh.Size.Points())
				if avail := (right - 2*hdr.CellPadding).Points(); width > avail {
					t.Errorf("set %d: Quốc hiệu %.1f pt wide, right column holds %.1f pt", set, width, avail)
				}
				tn := set.Style(nd30.TieuNgu)
				motto := ruleIn(t, hdr.Rows[0].Cells[1])
				if want := layout.Pt(fs.Face(fonts.Bold).Width(nd30.TieuNguText, tn.Size.Points())); motto.Width != want {
					t.Errorf("set %d: Tiêu ngữ rule %d twips, text %d twips", set, motto.Width, want)
				}
				ag := set.Style(nd30.Agency)
				name := layout.Pt(fs.Face(fonts.Bold).Width("SỞ NỘI VỤ", ag.Size.Points()))
				agency := ruleIn(t, hdr.Rows[0].Cells[0])
				if agency.Width*3 < name || agency.Width*2 > name {
					t.Errorf("set %d: agency rule %d twips for a name of %d twips, want 1/3–1/2", set, agency.Width, name)
				}
				if agency.Align != layout.Center || motto.Align != layout.Center {
					t.Errorf("rules are not centred")
				}
			}
		}
	}
}

// docs/nd30.md §4.2: a long agency name wraps; the rule is measured on its longest line.
func TestAgencyRuleForWrappedName(t *testing.T) {
	doc := seed(t)
	doc.Agency.Name = "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"
	ld, err := Build(doc, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	hdr := headerTable(t, ld.Sections[0])
	rule := ruleIn(t, hdr.Rows[0].Cells[0])
	inner := hdr.Columns[0] - 2*hdr.CellPadding
	if rule.Width*2 > inner {
		t.Errorf("rule %d twips is over half the column %d: measured on the unwrapped name", rule.Width, inner)
	}
}

// docs/nd30.md §6: with several recipients, the dashes stand under the colon of "Kính gửi:".
func TestKinhGuiDashesUnderColon(t *testing.T) {
	fs := fontSet(t)
	ld, err := Build(seed(t), fs)
	if err != nil {
		t.Fatal(err)
	}
	var head, item *layout.Paragraph
	for _, b := range ld.Sections[0].Blocks {
		if p, ok := b.(*layout.Paragraph); ok && len(p.Runs) > 0 {
			switch {
			case p.Runs[0].Text == "Kính gửi:":
				head = p
			case head != nil && item == nil:
				item = p
			}
		}
	}
	if head == nil || item == nil {
		t.Fatal("Kính gửi block not found")
	}
	st := head.Runs[0].Style
	colon := head.IndentLeft + layout.Pt(fs.Face(fonts.Regular).Width("Kính gửi", st.Size.Points()))
	if dashAt := item.IndentLeft + item.FirstLine; dashAt != colon {
		t.Errorf("dash at %d twips, colon at %d", dashAt, colon)
	}
	if item.FirstLine >= 0 {
		t.Errorf("wrapped recipient lines do not hang after the dash")
	}
}

// docs/nd30.md §7: the signer's title lines are bold capitals; a gap is left for the signature.
func TestSignatureBlock(t *testing.T) {
	doc := seed(t)
	doc.Signer.Title = []string{"kt. giám đốc", "phó giám đốc"}
	ld, err := Build(doc, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	blocks := ld.Sections[0].Blocks
	sig := blocks[len(blocks)-1].(*layout.Table)
	cell := sig.Rows[0].Cells[1].Blocks
	var got []string
	for _, b := range cell {
		p := b.(*layout.Paragraph)
		got = append(got, p.Runs[0].Text)
		if !p.Runs[0].Style.Bold {
			t.Errorf("%q is not bold", p.Runs[0].Text)
		}
	}
	if len(got) != 3 || got[0] != "KT. GIÁM ĐỐC" || got[1] != "PHÓ GIÁM ĐỐC" || got[2] != "Lê Minh Đạo" {
		t.Errorf("signature lines %q", got)
	}
	if gap := cell[2].(*layout.Paragraph).SpaceBefore.Millimetres(); gap < 20 || gap > 30 {
		t.Errorf("signature gap %.1f mm, want 20–30 mm", gap)
	}
	if !blocks[len(blocks)-2].(*layout.Paragraph).KeepWithNext {
		t.Error("the last body paragraph is not kept with the signature")
	}
}

func TestColumnWidthsTooWide(t *testing.T) {
	doc := seed(t)
	doc.Appendices[0].Landscape = false
	doc.Appendices[0].Columns[1].Width = 150
	if _, err := Build(doc, fontSet(t)); err == nil {
		t.Fatal("columns wider than the page were accepted")
	}
}

// Every type the registry lays out has a composer for its family, and no
// composer lays out a family the registry does not name.
func TestEveryTypeHasAComposer(t *testing.T) {
	seen := map[nd30.Family]bool{}
	for _, ty := range nd30.DocumentTypes() {
		if !ty.Laid() {
			continue
		}
		seen[ty.Family] = true
		if _, ok := composers[ty.Family]; !ok {
			t.Errorf("type %q (%s, Mẫu %s) has no composer", ty.ID, ty.Name, ty.Form)
		}
	}
	for f := range composers {
		if !seen[f] {
			t.Errorf("composer for family %d, which no type of the registry has", f)
		}
	}
}
