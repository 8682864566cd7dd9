// Package pdf writes a layout.Document as PDF, with its own line breaking,
// justification, tables and pagination.
//
// It reads the same layout description as render/docx and adds no style of
// its own: sizes, indents, spacing, rules and keep rules all come from the
// layout. What it owns is what a PDF has no engine for — placing lines and
// breaking pages — and the page content itself (content.go).
// github.com/signintech/gopdf parses, subsets and embeds the four faces
// (widths, ToUnicode maps) and writes the page tree; a post-pass (finish)
// puts the contents in, compresses, and writes the information dictionary
// (dated from the document, not the clock) and a file identifier, so that
// the same document gives the same bytes.
//
//	w, err := pdf.NewWriter(fs) // once per process
//	data, err := w.Bytes(ld)
package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/signintech/gopdf"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
)

// Writer writes layout documents as PDF with one font set. It holds the
// faces parsed for gopdf's subsetter, so that parsing happens once however
// many documents are written; it is safe for concurrent use.
type Writer struct {
	fonts *fonts.Set
	names [4]string
	faces *gopdf.FontContainer
}

// NewWriter parses the faces of fs for embedding.
func NewWriter(fs *fonts.Set) (*Writer, error) {
	w := &Writer{fonts: fs, names: fontNames(fs), faces: new(gopdf.FontContainer)}
	for st, name := range w.names {
		if err := w.faces.AddTTFFontData(name, fs.Face(fonts.Style(st)).Data()); err != nil {
			return nil, fmt.Errorf("pdf: embedding %s: %w", name, err)
		}
	}
	return w, nil
}

// Bytes returns doc as PDF written with the faces of fs. A program that
// writes more than one document makes a Writer once instead.
func Bytes(doc *layout.Document, fs *fonts.Set) ([]byte, error) {
	w, err := NewWriter(fs)
	if err != nil {
		return nil, err
	}
	return w.Bytes(doc)
}

// Write writes doc as PDF to out.
func (w *Writer) Write(out io.Writer, doc *layout.Document) error {
	data, err := w.Bytes(doc)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}

// Bytes returns doc as PDF.
func (w *Writer) Bytes(doc *layout.Document) ([]byte, error) {
	if len(doc.Sections) == 0 {
		return nil, fmt.Errorf("pdf: document has no sections")
	}
	fs := w.fonts
	var gp gopdf.GoPdf
	first := doc.Sections[0].Page
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: pt(first.Width), H: pt(first.Height)}})
	gp.SetNoCompression() // the remaining streams are compressed in finish
	for _, name := range w.names {
		if err := gp.AddTTFFontFromFontContainer(name, w.faces); err != nil {
			return nil, fmt.Errorf("pdf: embedding %s: %w", name, err)
		}
	}
	used := newGlyphUse()
	var contents [][]byte
	err := paginate(doc, measurer{fs}, func(p *page) error {
		pageSize := gopdf.Rect{W: pt(p.section.Page.Width), H: pt(p.section.Page.Height)}
		gp.AddPageWithOption(gopdf.PageOption{PageSize: &pageSize})
		addPageNumber(p, fs)
		c, err := content(p, fs, used)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		contents = append(contents, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Register the glyphs drawn, so that gopdf's subsets and ToUnicode maps
	// hold exactly them.
	for st, name := range w.names {
		if len(used[st]) == 0 {
			continue
		}
		if err := gp.SetFont(name, "", 12); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		if _, err := gp.MeasureTextWidth(sortedRunes(used[st])); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := gp.Write(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return finish(buf.Bytes(), doc.Info, w.names, contents)
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

// addPageNumber puts the page's number centred in the top margin, its line
// HeaderDistance from the top edge, unless it is a section's first page
// that hides it.
func addPageNumber(p *page, fs *fonts.Set) {
	pn := p.section.PageNumber
	if pn == nil || (p.index == 1 && !pn.ShowFirstPage) {
		return
	}
	text := strconv.Itoa(p.number)
	face := fs.Face(fonts.StyleOf(pn.Style.Bold, pn.Style.Italic))
	size := pt(pn.Style.Size)
	pg := p.section.Page
	x := pt(pg.Left) + (pt(pg.TextWidth())-face.Width(text, size))/2
	p.texts = append(p.texts, placedText{x: x, y: pt(pg.HeaderDistance) + face.Ascent(size), text: text, style: pn.Style, size: size})
}

// finish rewrites gopdf's output into the final file. It adds the page
// contents written by this package (content.go) as one object per page,
// compresses gopdf's uncompressed streams with a fast pooled compressor,
// writes the information dictionary as an indirect object (gopdf writes it
// inline in the trailer, which strict validators reject) and a file
// identifier derived from the content, so the same document gives the same
// bytes.
func finish(raw []byte, info layout.Info, names [4]string, contents [][]byte) ([]byte, error) {
	objects, err := xrefObjects(raw)
	if err != nil {
		return nil, err
	}
	if err := checkFontNames(raw, objects, names); err != nil {
		return nil, err
	}
	size := 0
	for _, c := range contents {
		size += len(c) + 64
	}
	var out bytes.Buffer
	out.Grow(len(raw)/2 + size + 4096)
	out.Write(raw[:objects[0].start])
	offsets := make([]int, len(objects)+1) // by object number; 0 is the free head
	contentNum := len(objects) + 1         // page contents follow gopdf's objects
	page := 0
	for _, o := range objects {
		offsets[o.num] = out.Len()
		obj := raw[o.start:o.end]
		if bytes.Contains(obj, []byte("/Type /Page\n")) {
			// gopdf leaves "/Contents " empty on a page it drew nothing on.
			i := bytes.Index(obj, []byte("/Contents \n"))
			if i < 0 || page >= len(contents) {
				return nil, fmt.Errorf("pdf: unexpected page object %d from gopdf", o.num)
			}
			out.Write(obj[:i])
			fmt.Fprintf(&out, "/Contents %d 0 R\n", contentNum+page)
			out.Write(obj[i+len("/Contents \n"):])
			page++
			continue
		}
		if err := writeObject(&out, obj); err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", o.num, err)
		}
	}
	if page != len(contents) {
		return nil, fmt.Errorf("pdf: gopdf wrote %d pages, %d were laid out", page, len(contents))
	}
	for _, c := range contents {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n", len(offsets)-1, len(c))
		out.Write(c)
		out.WriteString("\nendstream\nendobj\n\n")
	}
	infoNum := len(offsets)
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

var fontResource = regexp.MustCompile(`/F(\d+) (\d+) 0 R`)

// checkFontNames makes sure the resource names the content streams use,
// /F1…/F4, are the four faces in the order they were added.
func checkFontNames(raw []byte, objects []object, names [4]string) error {
	byNum := map[int][]byte{}
	var resources []byte
	for _, o := range objects {
		obj := raw[o.start:o.end]
		byNum[o.num] = obj
		if bytes.Contains(obj, []byte("/Font <<")) {
			resources = obj
		}
	}
	found := 0
	for _, m := range fontResource.FindAllSubmatch(resources, -1) {
		k, _ := strconv.Atoi(string(m[1]))
		n, _ := strconv.Atoi(string(m[2]))
		if k < 1 || k > 4 || !bytes.Contains(byNum[n], []byte("/BaseFont /"+names[k-1]+"\n")) {
			return fmt.Errorf("pdf: gopdf named the fonts differently than expected (/F%d)", k)
		}
		found++
	}
	if found != 4 {
		return fmt.Errorf("pdf: gopdf's resources list %d fonts, want 4", found)
	}
	return nil
}

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
func writeObject(out *bytes.Buffer, obj []byte) error {
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
	z, err := compress(obj[dataAt : dataAt+n])
	if err != nil {
		return err
	}
	out.Write(dict[:l])
	fmt.Fprintf(out, "/Filter /FlateDecode\n/Length %d", len(z))
	out.Write(obj[end:dataAt])
	out.Write(z)
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
