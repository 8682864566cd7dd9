// Package pdf writes a layout.Document as PDF, with its own line breaking,
// justification, tables and pagination, and github.com/signintech/gopdf as
// the drawing surface.
//
// It reads the same layout description as render/docx and adds no style of
// its own: sizes, indents, spacing, rules and keep rules all come from the
// layout. What it owns is what a PDF has no engine for — placing lines and
// breaking pages — and the PDF file itself: four embedded font subsets under
// distinct names, the document information dictionary (dated from the
// document, not the clock) and a file identifier, so that the same document
// gives the same bytes.
//
//	err := pdf.Write(w, ld, fs)
package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/signintech/gopdf"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
)

// Write writes doc as PDF to w, measuring and embedding the faces of fs.
func Write(w io.Writer, doc *layout.Document, fs *fonts.Set) error {
	data, err := Bytes(doc, fs)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Bytes returns doc as PDF.
func Bytes(doc *layout.Document, fs *fonts.Set) ([]byte, error) {
	if len(doc.Sections) == 0 {
		return nil, fmt.Errorf("pdf: document has no sections")
	}
	var gp gopdf.GoPdf
	first := doc.Sections[0].Page
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: pt(first.Width), H: pt(first.Height)}})
	gp.SetNoCompression() // content streams are compressed in finish
	names := fontNames(fs)
	for st, name := range names {
		if err := gp.AddTTFFontData(name, fs.Face(fonts.Style(st)).Data()); err != nil {
			return nil, fmt.Errorf("pdf: embedding %s: %w", name, err)
		}
	}
	err := paginate(doc, measurer{fs}, func(p *page) error { return paint(&gp, p, fs, names) })
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gp.Write(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return finish(buf.Bytes(), doc.Info)
}

// fontNames are the PDF names of the four faces: a subset tag (six capitals,
// fixed per face so output is reproducible) and the family and style.
func fontNames(fs *fonts.Set) [4]string {
	var names [4]string
	base := strings.ReplaceAll(fs.Family, " ", "")
	for st := fonts.Regular; st <= fonts.BoldItalic; st++ {
		h := fnv.New32a()
		fmt.Fprintf(h, "%s-%s", base, st)
		v := h.Sum32()
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = byte('A' + v%26)
			v /= 26
		}
		names[st] = string(tag) + "+" + base + "-" + st.String()
	}
	return names
}

// paint draws one page on the gopdf surface.
func paint(gp *gopdf.GoPdf, p *page, fs *fonts.Set, names [4]string) error {
	pageSize := gopdf.Rect{W: pt(p.section.Page.Width), H: pt(p.section.Page.Height)}
	gp.AddPageWithOption(gopdf.PageOption{PageSize: &pageSize})
	// Text and strokes stay in the PDF default colour, black (spec §1);
	// setting it would repeat a colour operator before every string.
	if err := pageNumber(gp, p, fs, names); err != nil {
		return err
	}
	width := -1.0
	for _, l := range p.lines {
		if l.width != width {
			gp.SetLineWidth(l.width)
			width = l.width
		}
		gp.Line(l.x1, l.y1, l.x2, l.y2)
	}
	return texts(gp, p.texts, names)
}

// texts draws a page's text, joining pieces that a single space separates in
// one style into one string, so that the PDF holds real spaces.
func texts(gp *gopdf.GoPdf, ts []placedText, names [4]string) error {
	font, fontSize := -1, 0.0
	for i := 0; i < len(ts); {
		t := ts[i]
		var b strings.Builder
		b.WriteString(t.text)
		j := i + 1
		for j < len(ts) && ts[j].spaced && ts[j].y == t.y {
			b.WriteByte(' ')
			b.WriteString(ts[j].text)
			j++
		}
		st := int(fonts.StyleOf(t.style.Bold, t.style.Italic))
		if st != font || t.size != fontSize {
			if err := gp.SetFont(names[st], "", t.size); err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			font, fontSize = st, t.size
		}
		gp.SetXY(t.x, t.y)
		if err := gp.Text(b.String()); err != nil {
			return fmt.Errorf("pdf: text %q: %w", b.String(), err)
		}
		i = j
	}
	return nil
}

// pageNumber draws the page's number centred in the top margin, its line
// HeaderDistance from the top edge, unless it is a section's first page
// that hides it.
func pageNumber(gp *gopdf.GoPdf, p *page, fs *fonts.Set, names [4]string) error {
	pn := p.section.PageNumber
	if pn == nil || (p.index == 1 && !pn.ShowFirstPage) {
		return nil
	}
	text := strconv.Itoa(p.number)
	face := fs.Face(fonts.StyleOf(pn.Style.Bold, pn.Style.Italic))
	size := pt(pn.Style.Size)
	pg := p.section.Page
	x := pt(pg.Left) + (pt(pg.TextWidth())-face.Width(text, size))/2
	if err := gp.SetFont(names[fonts.StyleOf(pn.Style.Bold, pn.Style.Italic)], "", size); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	gp.SetXY(x, pt(pg.HeaderDistance)+face.Ascent(size))
	return gp.Text(text)
}

// finish rewrites gopdf's output into the final file. It adds what gopdf
// leaves out or gets wrong: content streams compressed with a fast, pooled
// compressor (gopdf's makes a new one per page, the main cost of a long
// table), the information dictionary as an indirect object (gopdf writes it
// inline in the trailer, which strict validators reject), and a file
// identifier derived from the content, so the same document gives the same
// bytes.
func finish(raw []byte, info layout.Info) ([]byte, error) {
	objects, err := xrefObjects(raw)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(raw)/3 + 4096)
	out.Write(raw[:objects[0].start])
	offsets := make([]int, len(objects)+1) // by object number; 0 is the free head
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	for _, o := range objects {
		offsets[o.num] = out.Len()
		if err := writeObject(&out, raw[o.start:o.end], zw); err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", o.num, err)
		}
	}
	infoNum := len(objects) + 1
	offsets = append(offsets, out.Len())
	fmt.Fprintf(&out, "%d 0 obj\n<<\n", infoNum)
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Creator", "vanban"}, {"Producer", "vanban (gopdf)"}} {
		if kv[1] != "" {
			fmt.Fprintf(&out, "/%s %s\n", kv[0], textString(kv[1]))
		}
	}
	if d := pdfDate(info.Created); d != "" {
		fmt.Fprintf(&out, "/CreationDate (%s)\n", d)
	}
	out.WriteString(">>\nendobj\n")
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	id := md5.Sum(out.Bytes())
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root 1 0 R\n/Info %d 0 R\n/ID [<%x> <%x>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets), infoNum, id, id, xref)
	return out.Bytes(), nil
}

var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // fails only for an invalid level
	return zw
}}

type object struct {
	num, start, end int
}

// xrefObjects reads gopdf's cross-reference table: where each object starts
// and ends (gopdf numbers objects 1…n and writes them in order).
func xrefObjects(raw []byte) ([]object, error) {
	xrefAt := bytes.LastIndex(raw, []byte("\nxref\n"))
	trailerAt := bytes.LastIndex(raw, []byte("trailer\n"))
	if xrefAt < 0 || trailerAt < xrefAt {
		return nil, fmt.Errorf("pdf: unexpected file structure from gopdf (no xref table)")
	}
	lines := strings.Split(strings.TrimSpace(string(raw[xrefAt+1:trailerAt])), "\n")
	var first, count int
	if len(lines) < 3 || lines[0] != "xref" {
		return nil, fmt.Errorf("pdf: unexpected xref table from gopdf")
	}
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 || count != len(lines)-2 {
		return nil, fmt.Errorf("pdf: unexpected xref subsection %q from gopdf", lines[1])
	}
	objects := make([]object, 0, count-1)
	for i, l := range lines[3:] {
		off, err := strconv.Atoi(strings.Fields(l)[0])
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("pdf: bad xref entry %q from gopdf", l)
		}
		objects = append(objects, object{num: i + 1, start: off})
	}
	for i := range objects {
		objects[i].end = xrefAt + 1
		if i+1 < len(objects) {
			objects[i].end = objects[i+1].start
		}
		if objects[i].end < objects[i].start {
			return nil, fmt.Errorf("pdf: objects out of order in gopdf output")
		}
	}
	return objects, nil
}

// writeObject copies one object, compressing its stream if it has none.
func writeObject(out *bytes.Buffer, obj []byte, zw *zlib.Writer) error {
	s := bytes.Index(obj, []byte(">>\nstream\n"))
	if s < 0 || bytes.Contains(obj[:s], []byte("/Filter")) {
		out.Write(obj)
		return nil
	}
	dict := obj[:s]
	l := bytes.Index(dict, []byte("/Length "))
	if l < 0 {
		return fmt.Errorf("stream without /Length")
	}
	end := l + len("/Length ")
	for end < len(dict) && dict[end] >= '0' && dict[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(string(dict[l+len("/Length ") : end]))
	dataAt := s + len(">>\nstream\n")
	if err != nil || dataAt+n > len(obj) {
		return fmt.Errorf("bad stream length")
	}
	var z bytes.Buffer
	zw.Reset(&z)
	if _, err := zw.Write(obj[dataAt : dataAt+n]); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	out.Write(dict[:l])
	fmt.Fprintf(out, "/Filter /FlateDecode\n/Length %d", z.Len())
	out.Write(obj[end:dataAt])
	out.Write(z.Bytes())
	out.Write(obj[dataAt+n:])
	return nil
}

// textString is a PDF text string in UTF-16BE with a byte-order mark.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate turns an RFC 3339 date-time into a PDF date.
func pdfDate(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}
