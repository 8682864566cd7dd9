package templates_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/templates"
)

// Every example of every Mẫu, rendered through the engine to DOCX and PDF
// and read back by real clients: the DOCX's paragraphs are the layout's
// (text, order, bold, italic, alignment; article numbers typed, no list
// numbering), the PDF puts each form's elements where its Mẫu does
// (mutool), and LibreOffice's rendering of the DOCX has the PDF's pages and
// lines.

type memSink struct {
	mu    sync.Mutex
	files map[string]*bytes.Buffer
}

func (s *memSink) Create(name string) (io.Writer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := &bytes.Buffer{}
	s.files[name] = b
	return b, nil
}

type rendered struct {
	name      string
	doc       *vanban.Document
	ld        *layout.Document
	docx, pdf string // paths
}

var (
	renderOnce sync.Once
	renders    []rendered
	renderDir  string
	renderErr  error
)

// renderExamples renders every example once for all the tests here.
func renderExamples(t *testing.T) []rendered {
	t.Helper()
	renderOnce.Do(func() {
		renderDir, renderErr = os.MkdirTemp("", "vanban-forms-")
		if renderErr != nil {
			return
		}
		files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
		fs, err := fonts.Default()
		if err != nil {
			renderErr = err
			return
		}
		for _, f := range files {
			doc, err := vanban.ParseFile(f)
			if err != nil {
				renderErr = err
				return
			}
			name := strings.TrimSuffix(filepath.Base(f), ".yaml")
			sink := &memSink{files: map[string]*bytes.Buffer{}}
			opts := engine.Options{Formats: engine.Formats{engine.DOCX: true, engine.PDF: true}, Fonts: fs}
			if err := engine.Render(context.Background(), doc, name, opts, sink); err != nil {
				renderErr = err
				return
			}
			r := rendered{name: name, doc: doc, docx: filepath.Join(renderDir, name+".docx"), pdf: filepath.Join(renderDir, name+".pdf")}
			for path, ext := range map[string]string{r.docx: ".docx", r.pdf: ".pdf"} {
				if err := os.WriteFile(path, sink.files[name+ext].Bytes(), 0o644); err != nil {
					renderErr = err
					return
				}
			}
			if r.ld, err = templates.Build(doc, fs); err != nil {
				renderErr = err
				return
			}
			renders = append(renders, r)
		}
	})
	if renderErr != nil {
		t.Fatal(renderErr)
	}
	if len(renders) < 16 {
		t.Fatalf("%d examples rendered", len(renders))
	}
	return renders
}

func TestMain(m *testing.M) {
	code := m.Run()
	if renderDir != "" {
		os.RemoveAll(renderDir)
	}
	os.Exit(code)
}

// para is a paragraph as both the layout and the DOCX say it.
type para struct {
	text         string
	bold, italic bool
	align        string
}

var alignNames = map[layout.Align]string{layout.Left: "left", layout.Center: "center", layout.Right: "right", layout.Justify: "both"}

// layoutParas are the layout's non-empty paragraphs in reading order.
func layoutParas(ld *layout.Document) []para {
	var out []para
	var walk func([]layout.Block)
	walk = func(blocks []layout.Block) {
		for _, b := range blocks {
			switch v := b.(type) {
			case *layout.Paragraph:
				var text strings.Builder
				for _, r := range v.Runs {
					text.WriteString(r.Text)
				}
				if text.Len() > 0 {
					out = append(out, para{text.String(), v.Runs[0].Style.Bold, v.Runs[0].Style.Italic, alignNames[v.Align]})
				}
			case *layout.Table:
				for i := 0; i < v.NumRows(); i++ {
					for _, c := range v.Row(i).Cells {
						walk(c.Blocks)
					}
				}
			}
		}
	}
	for _, s := range ld.Sections {
		walk(s.Blocks)
	}
	return out
}

// docxParas reads word/document.xml's non-empty paragraphs in document
// order, with their first run's weight and slant and their alignment.
func docxParas(t *testing.T, path string) (paras []para, raw string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var data []byte
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			data, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var cur *para
	runs := 0
	framed := false // a box of the first page (layout.Section.FirstPageBoxes), not in the blocks
	inRun, inRPr := false, false
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "p":
				cur, runs, framed = &para{align: "left"}, 0, false
				text.Reset()
			case "framePr":
				framed = true
			case "jc":
				if cur != nil && !inRun {
					for _, a := range v.Attr {
						if a.Name.Local == "val" {
							cur.align = a.Value
						}
					}
				}
			case "r":
				inRun = true
				runs++
			case "rPr":
				inRPr = inRun
			case "b":
				if inRPr && runs == 1 && text.Len() == 0 {
					cur.bold = true
				}
			case "i":
				if inRPr && runs == 1 && text.Len() == 0 {
					cur.italic = true
				}
			case "t":
				var s string
				dec.DecodeElement(&s, &v)
				text.WriteString(s)
			case "noBreakHyphen": // the writer keeps a ký hiệu on one line so
				text.WriteString("-")
			}
		case xml.EndElement:
			switch v.Name.Local {
			case "p":
				if cur != nil && text.Len() > 0 && !framed {
					cur.text = text.String()
					paras = append(paras, *cur)
				}
				cur = nil
			case "r":
				inRun = false
			case "rPr":
				inRPr = false
			}
		}
	}
	return paras, string(data)
}

// The DOCX holds the layout's paragraphs, in order, with their styles; the
// numbers of articles, clauses and headings are typed text.
func TestDOCXStructure(t *testing.T) {
	for _, r := range renderExamples(t) {
		t.Run(r.name, func(t *testing.T) {
			got, raw := docxParas(t, r.docx)
			want := layoutParas(r.ld)
			if len(got) != len(want) {
				t.Fatalf("%d paragraphs, layout has %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("paragraph %d: DOCX %+v, layout %+v", i, got[i], want[i])
				}
			}
			if strings.Contains(raw, "<w:numPr") || strings.Contains(raw, "w:numId") {
				t.Error("the DOCX uses list numbering; numbers are typed text")
			}
			for _, p := range got {
				if strings.HasPrefix(p.text, "Điều ") && vanban.ArticleNumber(p.text) > 0 && !p.bold {
					t.Errorf("%q is not bold", p.text)
				}
				if strings.HasPrefix(p.text, "Căn cứ") && !p.italic {
					t.Errorf("%q is not italic", p.text)
				}
			}
		})
	}
}

// Text-area geometry in points: A4 with 30 mm and 15 mm side margins.
var (
	marginLeft  = nd30.MarginLeft.Points()
	textWidth   = nd30.Page(false).TextWidth().Points()
	textCentre  = marginLeft + textWidth/2
	signLeft    = marginLeft + nd30.SignatureLeftWidth.Points()
	signCentre  = signLeft + (textWidth-nd30.SignatureLeftWidth.Points())/2
	noiCentre   = marginLeft + nd30.SignatureLeftWidth.Points()/2
	marginRight = marginLeft + textWidth
)

func lineOf(lines []testtool.Line, prefix string) *testtool.Line {
	for i := range lines {
		if strings.HasPrefix(lines[i].Text, prefix) {
			return &lines[i]
		}
	}
	return nil
}

func fontIs(l *testtool.Line, bold, italic bool) bool {
	for f := range l.Fonts {
		if strings.Contains(f, "Bold") != bold || strings.Contains(f, "Ital") != italic {
			return false
		}
	}
	return len(l.Fonts) > 0
}

func centred(l *testtool.Line, at float64) bool { return math.Abs((l.X0+l.X1)/2-at) < 2 }

// Where the Mẫu puts things, read back from our PDF with mutool: the tên
// loại centred and bold, the bases italic, "Điều N." bold, the signature
// centred in its column, the Nơi nhận at the left, THƯ KÝ and CHỦ TỌA level,
// the urgency stamp at the left, a signature's text at the top right.
func TestPDFPositions(t *testing.T) {
	testtool.Require(t, "mutool")
	for _, r := range renderExamples(t) {
		t.Run(r.name, func(t *testing.T) {
			glyphs := testtool.Glyphs(t, r.pdf)
			lines := testtool.Lines(glyphs, 1, 0, 1000)
			ty := r.doc.DocType()
			if ty.Title != "" {
				l := lineOf(lines, ty.Title)
				if l == nil || !centred(l, textCentre) || !fontIs(l, true, false) || l.Text != ty.Title {
					t.Errorf("tên loại %q: %+v, want bold, centred on %.1f", ty.Title, l, textCentre)
				}
			}
			if len(r.doc.Bases) > 0 {
				if l := lineOf(lines, "Căn cứ"); l == nil || !fontIs(l, false, true) {
					t.Errorf("căn cứ: %+v, want italic", l)
				}
				if l := lineOf(lines, ty.Action); l == nil || !centred(l, textCentre) || !fontIs(l, true, false) {
					t.Errorf("%s: %+v", ty.Action, l)
				}
			}
			for i := range r.doc.Articles {
				label := nd30.ArticleLabel(i + 1)
				l := lineOf(testtool.Lines(glyphs, pageOf(glyphs, label), 0, 1000), label)
				if l == nil || !l.Fonts[boldFont(l)] {
					t.Errorf("%s: %+v, want bold", label, l)
				}
			}
			if s := signerText(r.doc); s != "" && r.doc.Minutes == nil {
				page := pageOfLast(glyphs, s)
				l := exactLine(testtool.Lines(glyphs, page, signLeft, 1000), s)
				if l == nil || !centred(l, signCentre) || !fontIs(l, true, false) {
					t.Errorf("signer %q: %+v, want bold, centred on %.1f", s, l, signCentre)
				}
				n := lineOf(testtool.Lines(glyphs, page, 0, signLeft), "Nơi nhận:")
				if n == nil || l == nil || math.Abs(n.X0-marginLeft) > 4 || !fontIs(n, true, true) || math.Abs(n.Baseline-l.Baseline) > 4 {
					t.Errorf("Nơi nhận: %+v, want bold italic at the left margin %.1f, level with %q", n, marginLeft, s)
				}
			}
			if r.doc.Minutes != nil {
				sec := exactLine(testtool.Lines(glyphs, 1, 0, signLeft), nd30.SecretaryTitle)
				chair := exactLine(testtool.Lines(glyphs, 1, signLeft, 1000), nd30.ChairTitle)
				if sec == nil || chair == nil || math.Abs(sec.Baseline-chair.Baseline) > 0.5 || !centred(sec, noiCentre) || !centred(chair, signCentre) {
					t.Errorf("THƯ KÝ %+v and CHỦ TỌA %+v: want level, left and right", sec, chair)
				}
				title := exactLine(lines, ty.Title)
				for _, l := range lines {
					if title != nil && l.Baseline < title.Baseline && strings.Contains(l.Text, "ngày") {
						t.Errorf("a biên bản has no place and date line: %q", l.Text)
					}
				}
			}
			if u := r.doc.Marks.Urgency; u != "" {
				s, _ := nd30.StampOf(nd30.UrgencyStamps, u)
				l := lineOf(lines, u)
				if l == nil || !fontIs(l, true, false) || l.X0 < marginLeft || l.X1 > marginLeft+s.Width.Points() {
					t.Errorf("%s: %+v, want bold inside a %.0f mm rectangle at the left", u, l, s.Width.Millimetres())
				}
			}
			if r.doc.SignedAt != nil || (r.doc.Copy != nil && r.doc.Copy.SignedAt != nil) {
				top := lines[0]
				if top.X1 > marginRight || top.X0 < marginRight-nd30.SignatureBoxWidth.Points() || top.Fonts[boldFont(&top)] {
					t.Errorf("signature text %+v, want upright in the 77 mm box at the top right", top)
				}
				for _, g := range glyphs {
					if g.Page == 1 && math.Abs(g.Baseline-top.Baseline) < 0.5 && math.Abs(g.Size-10) > 0.1 {
						t.Errorf("signature text at %.1f pt, want 10", g.Size)
						break
					}
				}
			}
		})
	}
}

func exactLine(lines []testtool.Line, text string) *testtool.Line {
	for i := range lines {
		if lines[i].Text == text {
			return &lines[i]
		}
	}
	return nil
}

func signerText(d *vanban.Document) string {
	if len(d.Signer.Title) > 0 {
		return strings.ToUpper(d.Signer.Title[0])
	}
	return ""
}

func boldFont(l *testtool.Line) string {
	for f := range l.Fonts {
		if strings.Contains(f, "Bold") {
			return f
		}
	}
	return ""
}

func pageOf(glyphs []testtool.Glyph, prefix string) int {
	for p := 1; p <= glyphs[len(glyphs)-1].Page; p++ {
		if lineOf(testtool.Lines(glyphs, p, 0, 1000), prefix) != nil {
			return p
		}
	}
	return 1
}

func pageOfLast(glyphs []testtool.Glyph, prefix string) int {
	if prefix == "" {
		return 1
	}
	last := 1
	for p := 1; p <= glyphs[len(glyphs)-1].Page; p++ {
		if lineOf(testtool.Lines(glyphs, p, 0, 1000), prefix) != nil {
			last = p
		}
	}
	return last
}

// collapsed is a PDF's text line by line, runs of spaces folded, pages
// marked.
func collapsed(t *testing.T, pdf string) []string {
	var out []string
	for _, page := range testtool.PageTexts(t, pdf) {
		for _, l := range strings.Split(page, "\n") {
			if s := strings.Join(strings.Fields(l), " "); s != "" {
				out = append(out, s)
			}
		}
		out = append(out, "\f")
	}
	return out
}

// Our PDF of each example and LibreOffice's rendering of our DOCX: the same
// pages with the same words on the same lines.
func TestExamplesAgreeWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	rs := renderExamples(t)
	var docs []string
	for _, r := range rs {
		docs = append(docs, r.docx)
	}
	lo := t.TempDir()
	testtool.ConvertToPDF(t, lo, docs...)
	for _, r := range rs {
		theirs := collapsed(t, filepath.Join(lo, r.name+".pdf"))
		ours := collapsed(t, r.pdf)
		if strings.Count(strings.Join(theirs, "\n"), "\f") != strings.Count(strings.Join(ours, "\n"), "\f") {
			t.Errorf("%s: pages differ", r.name)
		}
		for i := 0; i < min(len(theirs), len(ours)); i++ {
			if theirs[i] != ours[i] {
				t.Errorf("%s: line %d differs\n ours: %q\n   LO: %q", r.name, i+1, ours[i], theirs[i])
				break
			}
		}
		if len(theirs) != len(ours) {
			t.Errorf("%s: %d lines, LibreOffice %d", r.name, len(ours), len(theirs))
		}
	}
}
