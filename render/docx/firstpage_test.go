package docx_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
)

// The parts of the first page outside the text and the pictures, as
// WordprocessingML states them: a box is a frame on the page (w:framePr,
// its border the paragraph's, in schema order), the foot the section's
// first-page footer with the footer distance on the bottom margin, later
// sections with a first page of their own name an empty one (or they would
// show this one), and a picture an anchored drawing behind or in front of
// the text, its offsets from the paragraph and its column.
func TestFramesFooterPictures(t *testing.T) {
	st := layout.Style{Size: layout.Pt(13)}
	para := func(text string) *layout.Paragraph {
		return &layout.Paragraph{Runs: []layout.Run{{Text: text, Style: st}}, Mark: st, Align: layout.Center}
	}
	page := layout.Page{Width: 11906, Height: 16838, Top: 1134, Bottom: 1134, Left: 1701, Right: 850, HeaderDistance: 567}
	pn := &layout.PageNumber{Style: st, Start: 1}
	name := para("Trần Thị Minh Hà")
	name.SpaceBefore = 1361
	png := []byte("\x89PNG\r\n\x1a\nnot decoded by the writer")
	name.Images = []layout.Image{
		{PNG: png, X: 1000, Y: -900, Width: 2835, Height: 850, Behind: true, Name: "Chữ ký"},
		{PNG: png, X: 200, Y: -1100, Width: 2268, Height: 2268, Name: "Dấu & <seal>"},
	}
	grid := &layout.Table{Columns: []layout.Length{3515, 5840}, Rows: []layout.Row{{Cells: []layout.Cell{{Blocks: []layout.Block{para("Nơi nhận:")}}, {Blocks: []layout.Block{para("GIÁM ĐỐC"), name}}}}}}
	ld := &layout.Document{Font: "Times New Roman", Sections: []layout.Section{{
		Page: page, PageNumber: pn,
		Blocks: []layout.Block{grid, para("Nội dung.")},
		FirstPageBoxes: []layout.Box{
			{X: 7000, Y: 340, Width: 2675, Height: 454, Border: 10, Padding: 40, Blocks: []layout.Block{para("LƯU HÀNH NỘI BỘ")}},
			{X: 6700, Y: 300, Width: 4365, Blocks: []layout.Block{para("Số: 15/QĐ-UBND")}},
		},
		FirstPageFoot: []layout.Block{&layout.Rule{Width: 9355, Thickness: 10}, para("Số 01 Nguyễn Du")},
	}, {Page: page, PageNumber: pn, Blocks: []layout.Block{grid}}}}
	data, err := docx.Bytes(ld)
	if err != nil {
		t.Fatal(err)
	}
	doc := part(t, data, "word/document.xml")
	// The frames come before the first paragraph outside a table, each
	// with its place, size and height rule, the bordered one with its
	// border and padding (top and bottom carry half of it; LibreOffice
	// doubles them).
	frames := regexp.MustCompile(`<w:framePr [^>]*/>`).FindAllString(doc, -1)
	want := []string{
		`<w:framePr w:w="2675" w:h="454" w:hSpace="0" w:vSpace="0" w:wrap="none" w:hAnchor="page" w:vAnchor="page" w:x="7000" w:y="340" w:hRule="exact"/>`,
		`<w:framePr w:w="4365" w:h="0" w:hSpace="0" w:vSpace="0" w:wrap="none" w:hAnchor="page" w:vAnchor="page" w:x="6700" w:y="300" w:hRule="atLeast"/>`,
	}
	if strings.Join(frames, "\n") != strings.Join(want, "\n") {
		t.Errorf("frames:\n%s\nwant\n%s", strings.Join(frames, "\n"), strings.Join(want, "\n"))
	}
	if i, j := strings.Index(doc, "<w:framePr"), strings.Index(doc, "</w:tbl>"); i < j || i > strings.Index(doc, "Nội dung.") {
		t.Errorf("the frames are not between the table and the first paragraph")
	}
	if !strings.Contains(doc, `<w:framePr w:w="2675"`+want[0][len(`<w:framePr w:w="2675"`):]+`<w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="2" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="2" w:color="000000"/></w:pBdr><w:spacing`) {
		t.Errorf("the bordered frame's properties are not framePr, pBdr, spacing in order")
	}
	// The sections: the first names its foot, on the bottom margin; the
	// second an empty first-page footer.
	sects := regexp.MustCompile(`<w:sectPr>.*?</w:sectPr>`).FindAllString(doc, -1)
	if len(sects) != 2 || !strings.Contains(sects[0], `<w:footerReference w:type="first" r:id="rIdFooter1"/>`) || !strings.Contains(sects[0], `w:footer="1134"`) ||
		!strings.Contains(sects[1], `<w:footerReference w:type="first" r:id="rIdFooter2"/>`) || !strings.Contains(sects[1], `w:footer="567"`) ||
		!strings.Contains(sects[0], `<w:titlePg/>`) {
		t.Errorf("sections:\n%s", strings.Join(sects, "\n"))
	}
	if f := part(t, data, "word/footer1.xml"); !strings.Contains(f, "Số 01 Nguyễn Du") || !strings.Contains(f, `<w:pBdr><w:bottom`) {
		t.Errorf("footer1: %s", f)
	}
	if f := part(t, data, "word/footer2.xml"); strings.Contains(f, "<w:t") {
		t.Errorf("footer2 is not empty: %s", f)
	}
	// The pictures: one media part for the same bytes, anchored in the
	// name's paragraph, the vertical offset from the paragraph's top with
	// its space before, in EMU (635 a twip).
	anchors := regexp.MustCompile(`<wp:anchor .*?</wp:anchor>`).FindAllString(doc, -1)
	if len(anchors) != 4 { // the grid is in both sections
		t.Fatalf("%d anchors", len(anchors))
	}
	for _, s := range []string{`behindDoc="1"`, `relativeFrom="column"><wp:posOffset>635000<`, `relativeFrom="paragraph"><wp:posOffset>292735<`,
		`<wp:extent cx="1800225" cy="539750"/>`, `<a:blip r:embed="rIdImage1"/>`, `descr="Chữ ký"`} {
		if !strings.Contains(anchors[0], s) {
			t.Errorf("signature anchor lacks %s:\n%s", s, anchors[0])
		}
	}
	if !strings.Contains(anchors[1], `behindDoc="0"`) || !strings.Contains(anchors[1], `<wp:posOffset>165735<`) || !strings.Contains(anchors[1], `descr="Dấu &amp; &lt;seal&gt;"`) {
		t.Errorf("seal anchor:\n%s", anchors[1])
	}
	ids := regexp.MustCompile(`<wp:docPr id="(\d+)"`).FindAllStringSubmatch(doc, -1)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id[1]] {
			t.Errorf("docPr id %s twice", id[1])
		}
		seen[id[1]] = true
	}
	z, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var media []string
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "word/media/") {
			media = append(media, f.Name)
		}
	}
	if len(media) != 1 || !strings.Contains(part(t, data, "[Content_Types].xml"), `<Default Extension="png" ContentType="image/png"/>`) ||
		!strings.Contains(part(t, data, "word/_rels/document.xml.rels"), `Target="media/image1.png"`) {
		t.Errorf("media %v", media)
	}
	// The same document gives the same bytes; the schema holds.
	if again, _ := docx.Bytes(ld); !bytes.Equal(data, again) {
		t.Error("the same document gave different bytes")
	}
	path := filepath.Join(t.TempDir(), "first.docx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.ValidateOOXML(t, path)
}
