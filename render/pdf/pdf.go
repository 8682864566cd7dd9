// Package pdf writes a layout.Document as PDF, with its own line breaking,
// justification, tables and pagination.
//
// It reads the same layout description as render/docx and adds no style of
// its own: sizes, indents, spacing, rules and keep rules all come from the
// layout. What it owns is what a PDF has no engine for — placing lines and
// breaking pages — and the file itself: page content streams (content.go),
// the four faces embedded as TrueType subsets with their widths and
// ToUnicode maps (font.go), the page tree, an information dictionary dated
// from the document rather than the clock, and a file identifier derived
// from the content, so that the same document gives the same bytes.
//
//	placement, err := pdf.Write(w, ld, fs) // pages stream to w
//	data, err := pdf.Bytes(ld, fs)
//
// Its pages are those LibreOffice lays the DOCX out on: lines are set on
// Writer's twip grid (paginate.go, snap) and table rows count their rules
// as Writer does (table.go).
//
// Render returns, with the file, where each block landed (Placement): the
// rectangles the one pagination placed them in, in PDF user space, for what
// must go on the page afterwards — a signature field, a seal:
//
//	res, err := pdf.Render(ld, fs)
//	blocks := res.Placement.Sections[0]
//	sig := blocks[len(blocks)-1].Parts[0] // sig.Page; sig.X, sig.Y, sig.Width, sig.Height
package pdf

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"fmt"
	"hash"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
)

// Write writes doc as PDF to w, measuring and embedding the faces of fs,
// and reports where each block landed. Pages go to w as they are laid out,
// so a document of any length is written in the memory of a few pages: what
// stays is each object's offset, the pages' numbers and the glyphs used.
func Write(w io.Writer, doc *layout.Document, fs *fonts.Set) (*Placement, error) {
	return WriteOptions(w, doc, fs, Options{})
}

// WriteOptions is Write with file-level additions (options.go): empty
// signature fields, PDF/A-2b identification. The zero Options give Write's
// bytes.
func WriteOptions(w io.Writer, doc *layout.Document, fs *fonts.Set, opts Options) (*Placement, error) {
	if len(doc.Sections) == 0 {
		return nil, fmt.Errorf("pdf: document has no sections")
	}
	out := newObjectWriter(w)
	out.writeString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// The catalog, page tree and shared resources have fixed numbers and
	// are written last, when the pages and the fonts they use are known.
	const catalog, pageTree, resources = 1, 2, 3
	next := resources + 1
	used := newGlyphUse()
	ext := newFileExtras(opts)
	var pageNums []int
	var scratch []byte
	images := newImageSet()
	placement, err := layOut(doc, measurer{fs}, func(p *page) error {
		addPageNumber(p, fs)
		c, err := content(p, fs, used, images, &scratch)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		images.flush(out, &next)
		num := next
		next += 2
		ext.page(out, num, fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %d 0 R /Contents %d 0 R",
			pageTree, decimal(pt(p.section.Page.Width)), decimal(pt(p.section.Page.Height)), resources, num+1))
		out.stream(num+1, " /Filter /FlateDecode", c)
		pageNums = append(pageNums, num)
		return out.err
	})
	if err != nil {
		return nil, err
	}
	embedded, err := embedFonts(fs, used)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	var fontDict strings.Builder
	for _, f := range embedded {
		fmt.Fprintf(&fontDict, " /F%d %d 0 R", f.style+1, next)
		f.write(out, next)
		next += objectsPerFont
	}
	out.object(resources, fmt.Sprintf("<</Font <<%s>>%s /ProcSet [/PDF /Text]>>", fontDict.String(), images.resources()))
	var kids strings.Builder
	for i, num := range pageNums {
		if i > 0 {
			kids.WriteByte(' ')
		}
		fmt.Fprintf(&kids, "%d 0 R", num)
	}
	out.object(pageTree, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", kids.String(), len(pageNums)))
	entries := ext.finish(out, &next, placement, pageNums, doc.Info)
	out.object(catalog, fmt.Sprintf("<</Type /Catalog /Pages %d 0 R%s>>", pageTree, entries))
	infoAt := next
	out.object(infoAt, infoDict(doc.Info))
	out.finish(catalog, infoAt)
	if out.err != nil {
		return nil, fmt.Errorf("pdf: %w", out.err)
	}
	return placement, nil
}

// Bytes returns doc as PDF.
func Bytes(doc *layout.Document, fs *fonts.Set) ([]byte, error) {
	r, err := Render(doc, fs)
	if err != nil {
		return nil, err
	}
	return r.PDF, nil
}

// Result is a document written as PDF and where its blocks landed.
type Result struct {
	PDF       []byte
	Placement *Placement
}

// Render returns doc as PDF in memory and where each block landed. Both
// come from one pagination: the placement is what the pages show.
func Render(doc *layout.Document, fs *fonts.Set) (*Result, error) {
	var buf bytes.Buffer
	placement, err := Write(&buf, doc, fs)
	if err != nil {
		return nil, err
	}
	return &Result{PDF: buf.Bytes(), Placement: placement}, nil
}

// Placement is where the blocks of a layout.Document landed on the pages of
// its PDF. Rectangles are in points in PDF user space: the origin is the
// page's lower-left corner and y grows upwards (each page's MediaBox is
// [0 0 Width Height]), so they can go into an annotation's /Rect or a
// content stream's cm as they are.
type Placement struct {
	Pages []PageInfo // in the order of the file
	// Sections[s][i] is where doc.Sections[s].Blocks[i] landed.
	Sections [][]Placed
}

// PageInfo describes one page of the file.
type PageInfo struct {
	Section       int     // its section, an index into doc.Sections
	Index         int     // 1 for the first page of its section
	Number        int     // its page number: the section's start + Index - 1 (shown where the section shows numbers)
	Width, Height float64 // in points
}

// Rect is a rectangle on one page: X, Y is its lower-left corner.
type Rect struct {
	Page                int // 1 for the file's first page
	X, Y, Width, Height float64
}

// Top is the y of the rectangle's upper edge.
func (r Rect) Top() float64 { return r.Y + r.Height }

// Right is the x of the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.Width }

// Placed is where one block landed: a rectangle on each page it reaches, in
// page order (one for a block that stays on one page).
//
// A paragraph's rectangle spans the column it is set in (the text width, or
// a cell inside its padding) and its lines on the page, from the top of the
// first to the bottom of the last, without the space above and below. A
// rule's is its own width and its line. A table's is the table's width and
// its rows on the page, from the top of the first (the repeated header rows
// on later pages) to the bottom of the last, rules included.
type Placed struct {
	Block layout.Block
	Parts []Rect
	// Cells is filled for a table without borders — a layout grid: the
	// header, the Nơi nhận and signature block: Cells[r][c] is where
	// Rows[r].Cells[c] landed. It is nil for a table with borders (an
	// appendix of thousands of rows).
	Cells [][]PlacedCell
}

// PlacedCell is where a cell of a layout grid landed.
type PlacedCell struct {
	// Parts is the cell's box, padding included: as wide as the columns it
	// spans and as tall as its row, on each page the row reaches.
	Parts []Rect
	// Blocks[k] is where the cell's block k landed (its paragraphs' lines).
	Blocks []Placed
}

// flip turns rectangles measured from the page's top-left corner (as the
// pagination places them) into PDF user space, to a thousandth of a point.
func (p *Placement) flip() {
	var walk func([]Placed)
	round := func(v float64) float64 { return math.Round(v*1000) / 1000 }
	turn := func(parts []Rect) {
		for i := range parts {
			r := &parts[i]
			r.Y = p.Pages[r.Page-1].Height - r.Y - r.Height
			r.X, r.Y, r.Width, r.Height = round(r.X), round(r.Y), round(r.Width), round(r.Height)
		}
	}
	walk = func(blocks []Placed) {
		for i := range blocks {
			turn(blocks[i].Parts)
			for _, row := range blocks[i].Cells {
				for _, c := range row {
					turn(c.Parts)
					walk(c.Blocks)
				}
			}
		}
	}
	for _, sec := range p.Sections {
		walk(sec)
	}
}

// objectWriter writes numbered objects to the file as they come and
// remembers where each starts, for the cross-reference table; it digests
// what it writes, for the file identifier.
type objectWriter struct {
	w       *bufio.Writer
	n       int   // bytes written so far
	offsets []int // offsets[n-1] is where object n starts
	sum     hash.Hash
	err     error // the first write error; later writes do nothing
	scratch []byte
}

func newObjectWriter(w io.Writer) *objectWriter {
	return &objectWriter{w: bufio.NewWriterSize(w, 64<<10), sum: md5.New()}
}

func (w *objectWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	w.sum.Write(b)
	n, err := w.w.Write(b)
	w.n += n
	w.err = err
}

func (w *objectWriter) writeString(s string) {
	w.scratch = append(w.scratch[:0], s...)
	w.write(w.scratch)
}

func (w *objectWriter) begin(num int) {
	for len(w.offsets) < num {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[num-1] = w.n
	w.writeString(strconv.Itoa(num))
	w.writeString(" 0 obj\n")
}

func (w *objectWriter) object(num int, body string) {
	w.begin(num)
	w.writeString(body)
	w.writeString("\nendobj\n")
}

// stream writes a stream object; dict holds the entries besides /Length.
func (w *objectWriter) stream(num int, dict string, data []byte) {
	w.begin(num)
	w.writeString("<<" + dict + " /Length " + strconv.Itoa(len(data)) + ">>\nstream\n")
	w.write(data)
	w.writeString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and a trailer whose /ID is a
// digest of everything before it, and flushes.
func (w *objectWriter) finish(catalog, info int) {
	xref := w.n
	w.writeString(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1))
	for _, off := range w.offsets {
		w.writeString(fmt.Sprintf("%010d 00000 n \n", off))
	}
	id := w.sum.Sum(nil)
	w.writeString(fmt.Sprintf("trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, catalog, info, id, id, xref))
	if w.err == nil {
		w.err = w.w.Flush()
	}
}

// infoDict is the information dictionary: the layout's metadata, dated from
// the document, never the clock.
func infoDict(info layout.Info) string {
	var b strings.Builder
	b.WriteString("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Creator", "vanban"}, {"Producer", "vanban"}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "/%s %s ", kv[0], textString(kv[1]))
		}
	}
	if d := pdfDate(info.Created); d != "" {
		fmt.Fprintf(&b, "/CreationDate (%s) ", d)
	}
	b.WriteString(">>")
	return b.String()
}

// decimal formats a length in points with at most two decimals.
func decimal(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
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
	ascent, _ := measurer{fs}.gridLine(pn.Style)
	p.texts = append(p.texts, placedText{x: x, y: pt(pg.HeaderDistance) + ascent, text: text, style: pn.Style, size: size})
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
