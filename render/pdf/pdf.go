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
//	data, err := pdf.Bytes(ld, fs)
package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

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
	used := newGlyphUse()
	var pages []pageOut
	var scratch []byte
	err := paginate(doc, measurer{fs}, func(p *page) error {
		addPageNumber(p, fs)
		c, err := content(p, fs, used, &scratch)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		pages = append(pages, pageOut{width: pt(p.section.Page.Width), height: pt(p.section.Page.Height), content: c})
		return nil
	})
	if err != nil {
		return nil, err
	}
	embedded, err := embedFonts(fs, used)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return assemble(pages, embedded, doc.Info), nil
}

// pageOut is a laid-out page: its size in points and compressed content.
type pageOut struct {
	width, height float64
	content       []byte
}

// objectWriter writes numbered objects and remembers where each starts, for
// the cross-reference table.
type objectWriter struct {
	buf     bytes.Buffer
	offsets []int // offsets[n-1] is where object n starts
}

func (w *objectWriter) begin(num int) {
	for len(w.offsets) < num {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[num-1] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(num))
	w.buf.WriteString(" 0 obj\n")
}

func (w *objectWriter) object(num int, body string) {
	w.begin(num)
	w.buf.WriteString(body)
	w.buf.WriteString("\nendobj\n")
}

// stream writes a stream object; dict holds the entries besides /Length.
func (w *objectWriter) stream(num int, dict string, data []byte) {
	w.begin(num)
	fmt.Fprintf(&w.buf, "<<%s /Length %d>>\nstream\n", dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// assemble writes the file: catalog, page tree, the shared resources, the
// fonts, each page with its content, the information dictionary, the
// cross-reference table and a trailer whose /ID is a digest of the rest.
func assemble(pages []pageOut, embedded []embeddedFont, info layout.Info) []byte {
	const catalog, pageTree, resources = 1, 2, 3
	next := resources + 1
	fontAt := make([]int, len(embedded))
	for i := range embedded {
		fontAt[i] = next
		next += objectsPerFont
	}
	firstPage := next
	infoAt := firstPage + 2*len(pages)

	size := 4096
	for _, p := range pages {
		size += len(p.content) + 160
	}
	for _, f := range embedded {
		size += len(f.program) + len(f.toUnicode) + len(f.widths) + 600
	}
	var w objectWriter
	w.buf.Grow(size)
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	w.object(catalog, fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pageTree))
	var kids strings.Builder
	for i := range pages {
		if i > 0 {
			kids.WriteByte(' ')
		}
		fmt.Fprintf(&kids, "%d 0 R", firstPage+2*i)
	}
	w.object(pageTree, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", kids.String(), len(pages)))
	var fontDict strings.Builder
	for i, f := range embedded {
		fmt.Fprintf(&fontDict, " /F%d %d 0 R", f.style+1, fontAt[i])
	}
	w.object(resources, fmt.Sprintf("<</Font <<%s>> /ProcSet [/PDF /Text]>>", fontDict.String()))
	for i, f := range embedded {
		f.write(&w, fontAt[i])
	}
	for i, p := range pages {
		num := firstPage + 2*i
		w.object(num, fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %d 0 R /Contents %d 0 R>>",
			pageTree, decimal(p.width), decimal(p.height), resources, num+1))
		w.stream(num+1, " /Filter /FlateDecode", p.content)
	}
	var infoDict strings.Builder
	infoDict.WriteString("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Creator", "vanban"}, {"Producer", "vanban"}} {
		if kv[1] != "" {
			fmt.Fprintf(&infoDict, "/%s %s ", kv[0], textString(kv[1]))
		}
	}
	if d := pdfDate(info.Created); d != "" {
		fmt.Fprintf(&infoDict, "/CreationDate (%s) ", d)
	}
	infoDict.WriteString(">>")
	w.object(infoAt, infoDict.String())

	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	id := md5.Sum(w.buf.Bytes())
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, catalog, infoAt, id, id, xref)
	return w.buf.Bytes()
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
	p.texts = append(p.texts, placedText{x: x, y: pt(pg.HeaderDistance) + face.Ascent(size), text: text, style: pn.Style, size: size})
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
