package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/linebreak"
	"github.com/vanban-vn/vanban/nd30"
)

// glyphRule is the rule Glyphs checks: a character the PDF's fonts cannot
// draw (spec §1: the font is Times New Roman, in Unicode). It is not in
// Rules because it needs the font set the document is rendered with (the
// embedded Liberation Serif, or the faces of --font-dir).
var glyphRule = Rule{ID: "glyph-missing", Spec: "§1"}

// Glyphs finds each character of the input that the face it is set in
// cannot draw (the PDF would show "?": "℃", an emoji, a Chinese character
// in Liberation Serif), with its code point and where it was written; a
// character is reported once in each value (field, body paragraph, table
// cell) it occurs in. Each value is checked in the face of the element it
// is set as (bold for the agency name, italic for the place, bold or
// italic body text as marked) and in the case it is set in (capitals for
// the agency name). fs is the font set the PDF is rendered with; nil means
// the embedded one (fonts.Default). The DOCX is not affected: Word and
// LibreOffice take a missing character from another font.
func Glyphs(doc *vanban.Document, fs *fonts.Set) []Finding {
	if fs == nil {
		var err error
		if fs, err = fonts.Default(); err != nil {
			return nil // the embedded fonts always parse; render reports it if not
		}
	}
	g := &glyphChecker{doc: doc, fs: fs, set: doc.SizeSet}
	if !g.set.Valid() {
		g.set = nd30.Set13
	}
	g.field("agency.parent", doc.Agency.Parent, nd30.ParentAgency)
	g.field("agency.name", doc.Agency.Name, nd30.Agency)
	g.field("code", doc.Code, nd30.Number)
	g.field("place", doc.Place, nd30.PlaceDate)
	g.field("subject", doc.Subject, nd30.Subject)
	g.list("recipients", doc.Recipients, nd30.KinhGui)
	for i := range doc.Body {
		g.paragraph(&doc.Body[i])
	}
	g.list("signer.title", doc.Signer.Title, nd30.SignerTitle)
	g.field("signer.name", doc.Signer.Name, nd30.SignerName)
	g.list("cc", doc.CC, nd30.NoiNhanItem)
	g.field("archive", doc.Archive, nd30.NoiNhanItem)
	if len(doc.Appendices) > 0 {
		// The "Kèm theo" line under each appendix title names them.
		g.field("agency.name_in_text", doc.Agency.NameInText, nd30.AppendixAttachedTo)
		g.field("code", doc.Code, nd30.AppendixAttachedTo)
	}
	for i := range doc.Appendices {
		g.appendix(i)
	}
	sortFindings(g.found)
	return g.found
}

type glyphChecker struct {
	doc   *vanban.Document
	fs    *fonts.Set
	set   nd30.SizeSet
	found []Finding
	seen  map[string]bool // path + character, reported once
}

// drawable reports whether r needs no glyph (a space, a line break) or
// the face of st has one.
func (g *glyphChecker) drawable(r rune, bold, italic bool) bool {
	if linebreak.IsSpace(r) || unicode.IsControl(r) {
		return true
	}
	return g.fs.Face(fonts.StyleOf(bold, italic)).Has(r)
}

// drawsAll reports whether the element's face draws every character of text.
func (g *glyphChecker) drawsAll(text string, e nd30.Element) bool {
	st := g.set.Style(e)
	upper := e.Rule().Upper
	for _, r := range text {
		if upper {
			r = unicode.ToUpper(r)
		}
		if !g.drawable(r, st.Bold, st.Italic) {
			return false
		}
	}
	return true
}

// check reports the characters of text the element's face lacks; at maps
// a byte offset in text to the file.
func (g *glyphChecker) check(path string, where [2]string, text string, e nd30.Element, at func(off int) vanban.Pos) {
	st := g.set.Style(e)
	upper := e.Rule().Upper
	for i, r := range text {
		shown := r
		if upper {
			shown = unicode.ToUpper(r)
		}
		if !g.drawable(shown, st.Bold, st.Italic) {
			g.report(path, where, shown, st.Bold, st.Italic, at(i))
		}
	}
}

func (g *glyphChecker) report(path string, where [2]string, r rune, bold, italic bool, p vanban.Pos) {
	key := path + "\x00" + string(r)
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	if g.seen[key] {
		return
	}
	g.seen[key] = true
	face := g.fs.Family + " " + fonts.StyleOf(bold, italic).String()
	code := fmt.Sprintf("U+%04X", r)
	g.found = append(g.found, Finding{
		File: g.doc.File, Pos: p, Severity: Warning, Rule: glyphRule.ID, Spec: glyphRule.Spec,
		Msg: fmt.Sprintf("ký tự %q (%s)%s không có trong phông %s: bản PDF sẽ in thành \"?\"; hãy viết cách khác (ví dụ \"độ C\" thay cho \"℃\") hoặc dùng phông có ký tự này (--font-dir)",
			string(r), code, where[0], face),
		MsgEN: fmt.Sprintf("the character %q (%s)%s is not in the font %s: the PDF would print \"?\"; write it another way (e.g. \"độ C\" for \"℃\") or use a font that has it (--font-dir)",
			string(r), code, where[1], face),
	})
}

func (g *glyphChecker) field(path, text string, e nd30.Element) {
	if text == "" {
		return
	}
	p := g.doc.PosOf(path)
	g.check(path, [2]string{}, text, e, func(int) vanban.Pos { return p })
}

// list checks a list field: "cc[2]", or "cc" when it was written as one
// value.
func (g *glyphChecker) list(path string, items []string, e nd30.Element) {
	for i, s := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		if _, ok := g.doc.Positions[p]; !ok && len(items) == 1 {
			p = path
		}
		g.field(p, s, e)
	}
}

// paragraph checks a body paragraph inline by inline, each in its face,
// pointing into the paragraph's source (marks included) by finding each
// character there in order.
func (g *glyphChecker) paragraph(p *vanban.Paragraph) {
	st := g.set.Style(nd30.Body)
	path := fmt.Sprintf("body@%d:%d", p.Pos.Line, p.Pos.Column)
	src, cursor := p.Source, 0
	for _, in := range p.Inlines {
		if in.Deadline != "" {
			continue // written by vanban from the deadline's date
		}
		for _, r := range in.Text {
			at := cursor
			if k := strings.IndexRune(src[cursor:], r); k >= 0 {
				at = cursor + k
				cursor = at + utf8.RuneLen(r)
			}
			bold, italic := st.Bold || in.Bold, st.Italic || in.Italic
			if !g.drawable(r, bold, italic) {
				g.report(path, [2]string{}, r, bold, italic, p.PosAt(at))
			}
		}
	}
}

// appendix checks an appendix's title, column titles, total label and
// cells. A cell's finding says which row and column; it points at the
// cell when the model kept its position, else at the rows_from line of a
// form's rows, or at the appendix title.
func (g *glyphChecker) appendix(i int) {
	a := &g.doc.Appendices[i]
	base := "appendices[" + strconv.Itoa(i) + "]"
	g.field(base+".title", a.Title, nd30.AppendixTitle)
	for j, c := range a.Columns {
		g.field(fmt.Sprintf("%s.columns[%d].title", base, j), c.Title, nd30.TableHeader)
	}
	g.field(base+".total_label", a.TotalLabel, nd30.TableHeader)
	rowsAt := g.doc.PosOf(base + ".title")
	if a.RowsFrom != "" {
		rowsAt = a.RowsFromPos
	}
	sub := a.SubtotalColumn()
	for r := range a.Rows.Len() {
		data := 0 // the cell's place among the columns a row fills
		for c := range min(len(a.Columns), a.Rows.Columns()) {
			if a.Columns[c].Kind == vanban.IndexColumn {
				continue
			}
			data++
			cell := vanban.Cell{Text: a.Rows.Text(r, c)}
			// Nearly every cell is drawable: its place is worked out only
			// for one that is not (100,000 rows, half a million cells).
			if cell.Text == "" || g.drawsAll(cell.Text, nd30.TableText) && (c != sub || g.drawsAll(cell.Text, nd30.TableHeader)) {
				continue
			}
			// The model keeps no position for each cell (half a million in
			// a long appendix): the finding points at the appendix, and its
			// message names the row and the column.
			path := fmt.Sprintf("%s.rows[%d][%d]", base, r, data-1)
			p := rowsAt
			where := [2]string{
				fmt.Sprintf(" (phụ lục %d, dòng %d, cột %q)", i+1, r+1, a.Columns[c].Title),
				fmt.Sprintf(" (appendix %d, row %d, column %q)", i+1, r+1, a.Columns[c].Title),
			}
			at := func(int) vanban.Pos { return p }
			g.check(path, where, cell.Text, nd30.TableText, at)
			if c == sub { // the subtotal rows repeat the unit's name, in bold
				g.check(path, where, cell.Text, nd30.TableHeader, at)
			}
		}
	}
}

// sortFindings orders findings by position, as Document does.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Pos, fs[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
