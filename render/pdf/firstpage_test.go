package pdf_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
)

// What the first page holds outside the flow of the text — boxes at fixed
// places (layout.Section.FirstPageBoxes), a foot (FirstPageFoot) — and
// pictures placed from a paragraph (layout.Paragraph.Images): our PDF puts
// them where LibreOffice puts the frames, the first-page footer and the
// anchored pictures of our DOCX, and the text on the same pages and lines.

const mmPt = 72 / 25.4 // points in a millimetre

func fpStyle(size float64, bold bool) layout.Style {
	return layout.Style{Size: layout.Pt(size), Bold: bold}
}

func fpPara(text string, st layout.Style, align layout.Align) *layout.Paragraph {
	return &layout.Paragraph{Runs: []layout.Run{{Text: text, Style: st}}, Mark: st, Align: align, LineSpacing: 240}
}

// fpPNG is a w × h PNG: an ellipse of ink on a transparent background.
func fpPNG(t testing.TB, w, h int, ink color.NRGBA) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)+0.5)/float64(w)-0.5, (float64(y)+0.5)/float64(h)-0.5
			if dx*dx+dy*dy < 0.25 {
				img.SetNRGBA(x, y, ink)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// firstPageDoc is a long text with two boxes and a foot on its first page,
// a picture on its first paragraph and two behind a signature grid's name,
// then a second section whose first page has no foot.
func firstPageDoc(t testing.TB) *layout.Document {
	page := nd30.Page(false)
	w := page.TextWidth()
	body := fpStyle(13, false)
	sample := "Các cơ quan, đơn vị tổ chức thực hiện nhiệm vụ cải cách hành chính theo kế hoạch đã ban hành, báo cáo kết quả đúng thời hạn và chịu trách nhiệm về số liệu báo cáo."
	first := fpPara("Đoạn mở đầu có một hình ảnh đặt từ dòng đầu của nó. "+sample, body, layout.Justify)
	first.Images = []layout.Image{{PNG: fpPNG(t, 90, 30, color.NRGBA{20, 60, 200, 255}), X: layout.MM(110), Y: layout.MM(1), Width: layout.MM(30), Height: layout.MM(10), Name: "over"}}
	title := fpPara("KT. GIÁM ĐỐC", fpStyle(13, true), layout.Center)
	title.SpaceBefore = layout.Pt(12)
	name := fpPara("Trần Thị Minh Hà", fpStyle(13, true), layout.Center)
	name.SpaceBefore = layout.MM(24)
	name.Images = []layout.Image{
		{PNG: fpPNG(t, 120, 36, color.NRGBA{10, 30, 180, 255}), X: layout.MM(25), Y: layout.MM(-19), Width: layout.MM(50), Height: layout.MM(15), Behind: true, Name: "signature"},
		{PNG: fpPNG(t, 80, 80, color.NRGBA{220, 20, 20, 255}), X: layout.MM(3), Y: layout.MM(-25), Width: layout.MM(28), Height: layout.MM(28), Behind: true, Name: "seal"},
	}
	left := []layout.Block{fpPara("Nơi nhận:", layout.Style{Size: layout.Pt(12), Bold: true, Italic: true}, layout.Left),
		fpPara("- Như trên;", fpStyle(11, false), layout.Left), fpPara("- Lưu: VT, VP.", fpStyle(11, false), layout.Left)}
	grid := &layout.Table{Columns: []layout.Length{nd30.SignatureLeftWidth, w - nd30.SignatureLeftWidth}, Align: layout.Center, CellPadding: nd30.LayoutPadding,
		Rows: []layout.Row{{Cells: []layout.Cell{{Blocks: left}, {Blocks: []layout.Block{title, name}}}, CantSplit: true}}}
	blocks := []layout.Block{first, grid}
	for i := range 30 {
		p := fpPara(fmt.Sprintf("%d. ", i+1)+sample, body, layout.Justify)
		p.SpaceBefore, p.FirstLine, p.WidowControl = layout.Pt(6), layout.MM(10), true
		blocks = append(blocks, p)
	}
	boxA := fpPara("LƯU HÀNH NỘI BỘ", fpStyle(13, true), layout.Center)
	boxA.SpaceBefore = layout.Pt(1.5)
	boxB := fpPara("Số: 15/QĐ-UBND; 05/03/2024; 14:30:15 +07:00; một dòng chữ ký số dài hơn khung", fpStyle(10, false), layout.Center)
	foot := fpPara("Số 01 đường Nguyễn Tất Thành, thành phố Hà Tĩnh, tỉnh Hà Tĩnh. ĐT: 0239 3855 123, Fax: 0239 3855 124, E-mail: vpubnd@hatinh.gov.vn, Website: hatinh.gov.vn", fpStyle(11, false), layout.Center)
	pn := &layout.PageNumber{Style: body, Start: 1}
	return &layout.Document{Font: nd30.FontFamily, Info: layout.Info{Title: "first page", Language: "vi-VN"}, Default: body,
		Sections: []layout.Section{{
			Page: page, PageNumber: pn, Blocks: blocks,
			FirstPageBoxes: []layout.Box{
				{X: layout.MM(120), Y: layout.MM(6), Width: layout.MM(50), Height: layout.MM(8), Border: 10, Padding: layout.Pt(2), Blocks: []layout.Block{boxA}},
				{X: layout.MM(30), Y: layout.MM(3), Width: layout.MM(70), Border: 10, Padding: layout.Pt(2), Blocks: []layout.Block{boxB}},
			},
			FirstPageFoot: []layout.Block{&layout.Rule{Width: w, Thickness: 10, SpaceAfter: layout.Pt(2)}, foot},
		}, {
			Page: page, PageNumber: pn, Blocks: []layout.Block{fpPara("Phần sau, trang đầu không có chân trang. "+sample, body, layout.Justify)},
		}}}
}

// horizontal is the horizontal strokes of a page spanning x0 to x1 (within
// tol points), top to bottom.
func horizontal(strokes []testtool.Stroke, page int, x0, x1, tol float64) []testtool.Stroke {
	var out []testtool.Stroke
	for _, s := range strokes {
		if s.Page == page && math.Abs(s.Y0-s.Y1) < 0.01 && math.Abs(min(s.X0, s.X1)-x0) < tol && math.Abs(max(s.X0, s.X1)-x1) < tol {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Y0 < out[j].Y0 })
	return out
}

func TestFirstPageAgreesWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext", "mutool")
	ld := firstPageDoc(t)
	res, err := pdf.Render(ld, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err := docx.Bytes(ld)
	if err != nil {
		t.Fatal(err)
	}
	// The same input gives the same bytes.
	again, _ := pdf.Render(firstPageDoc(t), fontSet(t))
	data2, _ := docx.Bytes(firstPageDoc(t))
	if !bytes.Equal(res.PDF, again.PDF) || !bytes.Equal(data, data2) {
		t.Error("the same document gave different bytes")
	}
	dir := t.TempDir()
	ours, d := filepath.Join(dir, "first.pdf"), filepath.Join(dir, "first.docx")
	if err := os.WriteFile(ours, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d, data, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.ValidateOOXML(t, d)
	lo := testtool.ConvertToPDF(t, filepath.Join(dir, "lo"), d)[0]

	// The same pages with the same words on the same lines: the foot ends
	// page 1's text where LibreOffice's first-page footer ends it.
	theirs, mine := collapsed(t, lo), collapsed(t, ours)
	if strings.Count(strings.Join(theirs, "\n"), "\f") != strings.Count(strings.Join(mine, "\n"), "\f") || len(mine) < 40 {
		t.Errorf("pages differ: ours %d lines, LibreOffice %d", len(mine), len(theirs))
	}
	for i := 0; i < min(len(theirs), len(mine)); i++ {
		if theirs[i] != mine[i] {
			t.Errorf("line %d differs\n ours: %q\n   LO: %q", i+1, mine[i], theirs[i])
			break
		}
	}
	pages := testtool.PageTexts(t, ours)
	if len(pages) < 3 || strings.Count(strings.Join(pages, ""), "Nguyễn Tất Thành") != 1 || !strings.Contains(pages[0], "Nguyễn Tất Thành") {
		t.Errorf("the foot is not on page 1 only (%d pages)", len(pages))
	}
	for i, p := range testtool.PageTexts(t, lo) {
		if strings.Contains(p, "Nguyễn Tất Thành") != (i == 0) {
			t.Errorf("LibreOffice page %d: foot %v", i+1, i == 0)
		}
	}

	worst := 0.0 // the largest distance between ours and LibreOffice's, in points
	apart := func(a, b float64) float64 { worst = max(worst, math.Abs(a-b)); return math.Abs(a - b) }
	defer func() { t.Logf("boxes, foot and pictures within %.2f mm of LibreOffice's", worst/mmPt) }()
	ourStrokes, ourPics := testtool.Trace(t, ours)
	loStrokes, loPics := testtool.Trace(t, lo)
	// Each box: its border's top and bottom edges where LibreOffice draws
	// the frame's, the top (and an exact height's bottom) where the layout
	// puts it.
	sec := ld.Sections[0]
	for i, bx := range sec.FirstPageBoxes {
		x0, x1 := bx.X.Points(), (bx.X + bx.Width).Points()
		a, b := horizontal(ourStrokes, 1, x0, x1, 0.5), horizontal(loStrokes, 1, x0, x1, 0.5)
		if len(a) != 2 || len(b) < 2 {
			t.Errorf("box %d: edges %v, LibreOffice %v", i, a, b)
			continue
		}
		b = []testtool.Stroke{b[0], b[len(b)-1]}
		half := bx.Border.Points() / 2
		if math.Abs(a[0].Y0-(bx.Y.Points()+half)) > 0.05 || bx.Height > 0 && math.Abs(a[1].Y0-(bx.Y+bx.Height).Points()+half) > 0.05 {
			t.Errorf("box %d: edges at %.2f, %.2f pt; layout %.2f + %.2f", i, a[0].Y0, a[1].Y0, bx.Y.Points(), bx.Height.Points())
		}
		for k := range 2 {
			if d := apart(a[k].Y0, b[k].Y0); d > mmPt {
				t.Errorf("box %d edge %d: ours %.2f pt, LibreOffice %.2f (%.2f mm apart)", i, k, a[k].Y0, b[k].Y0, d/mmPt)
			}
		}
	}
	// The text in the boxes and the foot, line by line.
	ourGlyphs, loGlyphs := testtool.Glyphs(t, ours), testtool.Glyphs(t, lo)
	for _, probe := range []string{"LƯU HÀNH NỘI BỘ", "Số: 15/QĐ-UBND", "Số 01 đường", "Website"} {
		a, b := lineWith(testtool.Lines(ourGlyphs, 1, 0, 1000), probe), lineWith(testtool.Lines(loGlyphs, 1, 0, 1000), probe)
		if a == nil || b == nil || apart(a.Baseline, b.Baseline) > mmPt || apart(a.X0, b.X0) > mmPt {
			t.Errorf("%q: ours %+v, LibreOffice %+v", probe, a, b)
		}
	}
	// The foot's last line on the bottom margin, its rule where
	// LibreOffice's footer has it, the text of page 1 above it.
	pageH, bottom := sec.Page.Height.Points(), (sec.Page.Height - sec.Page.Bottom).Points()
	last := lineWith(testtool.Lines(ourGlyphs, 1, 0, 1000), "Website")
	if last == nil || math.Abs(last.Baseline+0.216*11-bottom) > 0.5*mmPt {
		t.Errorf("the foot's last line %+v, want its bottom on the bottom margin at %.2f pt", last, bottom)
	}
	w := sec.Page.TextWidth().Points()
	ra, rb := horizontal(ourStrokes, 1, sec.Page.Left.Points(), sec.Page.Left.Points()+w, 0.5), horizontal(loStrokes, 1, sec.Page.Left.Points(), sec.Page.Left.Points()+w, 0.5)
	if len(ra) != 1 || len(rb) < 1 || apart(ra[0].Y0, rb[len(rb)-1].Y0) > mmPt || ra[0].Y0 > pageH {
		t.Errorf("foot rule: ours %v, LibreOffice %v", ra, rb)
	} else {
		for _, l := range testtool.Lines(ourGlyphs, 1, 0, 1000) {
			if l.Baseline > 40 && l.Baseline < pageH-40 && !strings.Contains(l.Text, "Website") && !strings.Contains(l.Text, "Số 01") && l.Baseline > ra[0].Y0 {
				t.Errorf("text %q below the foot's rule", l.Text)
			}
		}
	}
	// The pictures: where the layout puts them from their paragraphs (the
	// placement of the name's line) and where LibreOffice puts the DOCX's.
	if len(ourPics) != 3 || len(loPics) != 3 {
		t.Fatalf("pictures: ours %v, LibreOffice %v", ourPics, loPics)
	}
	nameAt := res.Placement.Sections[0][1].Cells[0][1].Blocks[1].Parts[0]
	nameTop := pageH - nameAt.Top()
	for k, img := range ld.Sections[0].Blocks[1].(*layout.Table).Rows[0].Cells[1].Blocks[1].(*layout.Paragraph).Images {
		want := testtool.Picture{X: nameAt.X + img.X.Points(), Y: nameTop + img.Y.Points(), Width: img.Width.Points(), Height: img.Height.Points()}
		got := ourPics[k] // behind the text: drawn first, in order
		if math.Abs(got.X-want.X) > 0.05 || math.Abs(got.Y-want.Y) > 0.05 || math.Abs(got.Width-want.Width) > 0.05 || math.Abs(got.Height-want.Height) > 0.05 {
			t.Errorf("%s: at %+v, want %+v", img.Name, got, want)
		}
	}
	for k := range ourPics {
		a, b := ourPics[k], loPics[k]
		if apart(a.X, b.X) > mmPt || apart(a.Y, b.Y) > mmPt || apart(a.Width, b.Width) > mmPt || apart(a.Height, b.Height) > mmPt {
			t.Errorf("picture %d: ours %+v, LibreOffice %+v", k, a, b)
		}
	}
}

func lineWith(lines []testtool.Line, s string) *testtool.Line {
	for i := range lines {
		if strings.Contains(lines[i].Text, s) {
			return &lines[i]
		}
	}
	return nil
}
