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
	if compose, ok := composers[doc.Type]; ok {
		return compose(b)
	}
	return nil, fmt.Errorf("%s: loại văn bản %q chưa được hỗ trợ", doc.File, doc.Type)
}

// composers lays out each type of nd30's registry (a test checks that none
// is missing).
var composers = map[string]func(*builder) (*layout.Document, error){
	"cong-van": (*builder).congVan,
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
	info := layout.Info{
		Title:    d.Subject,
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

func (b *builder) congVan() (*layout.Document, error) {
	page := nd30.Page(false)
	main := layout.Section{Page: page, PageNumber: b.pageNumbers()}
	main.Blocks = append(main.Blocks, b.header(page.TextWidth(), true))
	main.Blocks = append(main.Blocks, b.kinhGui()...)
	main.Blocks = append(main.Blocks, b.body()...)
	main.Blocks = append(main.Blocks, b.signature(page.TextWidth()))
	ld := &layout.Document{Info: b.info(), Font: nd30.FontFamily, Sections: []layout.Section{main}, Default: b.style(nd30.Body)}
	for i := range b.doc.Appendices {
		sec, err := b.appendix(i)
		if err != nil {
			return nil, err
		}
		ld.Sections = append(ld.Sections, sec)
	}
	return ld, nil
}
