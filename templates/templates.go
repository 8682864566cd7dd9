// Package templates lays out each document type: it composes the Decree-30
// rules of package nd30 into one layout.Document (header grid, Kính gửi,
// body, Nơi nhận and signature, appendices) that every writer paints.
//
//	fs, _ := fonts.Default()
//	ld, err := templates.Build(doc, fs)
package templates

import (
	"fmt"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// Build lays out a validated document. Fonts are used to measure what
// Decree 30 defines by length (rules, the Kính gửi and Nơi nhận indents).
func Build(doc *vanban.Document, fs *fonts.Set) (*layout.Document, error) {
	b := &builder{doc: doc, set: doc.SizeSet, fonts: fs}
	if !b.set.Valid() {
		b.set = nd30.Set13
	}
	t, ok := nd30.DocumentTypeOf(doc.Type)
	if ok && t.Family == nd30.Invitation && doc.Invitation == nil ||
		t.Family == nd30.Introduction && doc.Introduction == nil ||
		t.Family == nd30.Minutes && doc.Minutes == nil ||
		t.Family == nd30.Leave && doc.Leave == nil {
		return nil, fmt.Errorf("%s: %s thiếu phần riêng của mẫu %s", doc.File, t.Name, t.Form)
	}
	if compose, has := composers[t.Family]; ok && has {
		return b.document(compose)
	}
	return nil, fmt.Errorf("%s: loại văn bản %q chưa được hỗ trợ", doc.File, doc.Type)
}

// composers lay out the main text of each family of nd30's registry, one per
// Mẫu (a test checks that no laid-out type is missing): what comes between
// the marks above the header and the contact line, copy block and
// appendices that every type shares (document).
var composers = map[nd30.Family]func(*builder, layout.Length) []layout.Block{
	nd30.Resolution:   (*builder).decision,
	nd30.Decision:     (*builder).decision,
	nd30.Typed:        (*builder).typed,
	nd30.Letter:       (*builder).congVan,
	nd30.Telegram:     (*builder).telegram,
	nd30.Invitation:   (*builder).invitation,
	nd30.Introduction: (*builder).introduction,
	nd30.Minutes:      (*builder).minutes,
	nd30.Leave:        (*builder).leave,
	nd30.AppendixFile: nil, // only appendices: see document
}

type builder struct {
	doc   *vanban.Document
	set   nd30.SizeSet
	fonts *fonts.Set
}

func (b *builder) style(e nd30.Element) layout.Style { return b.set.Style(e) }

// width measures text in a style.
func (b *builder) width(text string, st layout.Style) layout.Length {
	face := b.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
	return layout.Pt(face.Width(text, st.Size.Points()))
}

// longestLine is the width of the longest line text breaks into within max.
func (b *builder) longestLine(text string, st layout.Style, max layout.Length) layout.Length {
	face := b.fonts.Face(fonts.StyleOf(st.Bold, st.Italic))
	longest := 0.0
	for _, l := range face.BreakLines(text, st.Size.Points(), max.Points()) {
		longest = maxf(longest, l.Width)
	}
	return layout.Pt(longest)
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// para is a single-spaced paragraph of one element's text in its style and case.
func (b *builder) para(e nd30.Element, text string, align layout.Align) *layout.Paragraph {
	st := b.style(e)
	return &layout.Paragraph{
		Runs:        []layout.Run{{Text: e.Case(text), Style: st}},
		Align:       align,
		Mark:        st,
		LineSpacing: nd30.LineSpacing,
	}
}

func (b *builder) info() layout.Info {
	d := b.doc
	title := d.Subject
	if title == "" || !d.DocType().Subject {
		title = d.TypeName()
	}
	info := layout.Info{
		Title:    title,
		Author:   d.Agency.Name,
		Subject:  d.TypeName(),
		Language: nd30.Language,

		DecimalSeparator: nd30.DecimalSeparator,
		ListSeparator:    nd30.ListSeparator,
	}
	if d.Number > 0 {
		info.Subject += " số " + nd30.PadNumber(d.Number) + "/" + d.Code
	}
	if d.Date.Day > 0 {
		info.Created = fmt.Sprintf("%04d-%02d-%02dT00:00:00+07:00", d.Date.Year, d.Date.Month, d.Date.Day) // Vietnam time
	}
	return info
}

func (b *builder) pageNumbers() *layout.PageNumber {
	// docs/nd30.md §3 row 32, §11.3, §12: centred in the top margin, from 1, hidden on
	// each section's first page.
	return &layout.PageNumber{Style: b.style(nd30.PageNumber), Start: 1}
}

// document lays out the whole file: the first section holds the draft mark
// above the header, the type's main text and a paper copy's block (Mẫu
// 3.1), and on its first page the marks of the top margin band (ô 11, an
// agency's signature box) and the contact line at its foot (ô 13); the
// document a decision issues (Mẫu 1.3) and each appendix follow as sections
// of their own.
func (b *builder) document(compose func(*builder, layout.Length) []layout.Block) (*layout.Document, error) {
	page := nd30.Page(false)
	w := page.TextWidth()
	ld := &layout.Document{Info: b.info(), Font: nd30.FontFamily, Default: b.style(nd30.Body)}
	top := b.topMarks(w)
	if compose != nil {
		main := layout.Section{Page: page, PageNumber: b.pageNumbers(), Blocks: top}
		main.Blocks = append(main.Blocks, compose(b, w)...)
		ld.Sections = append(ld.Sections, main)
		if b.doc.Issues != nil {
			ld.Sections = append(ld.Sections, b.issuedSection())
		}
	}
	for i := range b.doc.Appendices {
		sec, err := b.appendix(i)
		if err != nil {
			return nil, err
		}
		if len(ld.Sections) == 0 {
			sec.Blocks = append(top, sec.Blocks...)
		}
		ld.Sections = append(ld.Sections, sec)
	}
	if c := b.doc.Copy; c != nil && c.SignedAt == nil && len(ld.Sections) > 0 {
		last := &ld.Sections[len(ld.Sections)-1]
		last.Blocks = append(last.Blocks, b.copyBlock(last.Page.TextWidth())...)
	}
	if len(ld.Sections) > 0 {
		first := &ld.Sections[0]
		first.FirstPageBoxes = b.firstPageBoxes(first.Page)
		first.FirstPageFoot = b.contact(first.Page.TextWidth())
	}
	return ld, nil
}

// congVan is Mẫu 1.5: the header with the V/v trích yếu, the marks, Kính
// gửi, the body and the signature.
func (b *builder) congVan(w layout.Length) []layout.Block {
	blocks := []layout.Block{b.header(w, true)}
	blocks = append(blocks, b.marks(w)...)
	blocks = append(blocks, b.kinhGui()...)
	blocks = append(blocks, b.body()...)
	return append(blocks, b.signature(w))
}
