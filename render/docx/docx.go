// Package docx writes a layout.Document as a WordprocessingML (.docx)
// package, on the standard library only.
//
// The writer translates; it does not lay out. Every size, indent and spacing
// comes from the layout description. What it adds is only what the format
// needs: elements in ECMA-376 schema order (Word refuses files LibreOffice
// forgives), header parts for page numbers, and fixed zip times so that the
// same document gives the same bytes.
//
//	err := docx.Write(w, ld)
package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/vanban-vn/vanban/layout"
)

// docText is what every run of a document states: the typeface the layout
// names and the language of its metadata. Either may be empty, and then
// the document says nothing of it.
type docText struct{ font, lang string }

func textOf(doc *layout.Document) docText { return docText{doc.Font, doc.Info.Language} }

// zipTime is the fixed modification time of every part (the zip epoch), so
// that output does not depend on the clock.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

// Write writes doc as a .docx package to w.
func Write(w io.Writer, doc *layout.Document) error {
	if len(doc.Sections) == 0 {
		return fmt.Errorf("docx: document has no sections")
	}
	hs := collectHeaders(doc)
	z := zip.NewWriter(w)
	// Fast deflate: a large table's XML compresses well either way, and
	// compression was a third of the time of a 5,000-row appendix.
	// klauspost/compress's level 1 (as render/pdf's streams) is faster than
	// the standard library's and smaller on this XML: the 5,000-row DOCX in
	// 95–101 ms against 107–128, a 10,000-row one 607 KB against 920 KB.
	z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return &partWriter{out: out}, nil
	})
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", contentTypes(hs)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", coreProps(doc.Info)},
		{"docProps/app.xml", []byte(appProps)},
		{"word/styles.xml", stylesXML(textOf(doc), doc.Default)},
		{"word/settings.xml", settingsXML(doc.Info)},
		{"word/_rels/document.xml.rels", documentRels(hs)},
	}
	for i, h := range hs.styles {
		parts = append(parts,
			struct {
				name string
				data []byte
			}{fmt.Sprintf("word/header%d.xml", 2*i+1), headerXML(&h, true, textOf(doc))},
			struct {
				name string
				data []byte
			}{fmt.Sprintf("word/header%d.xml", 2*i+2), headerXML(&h, false, textOf(doc))})
	}
	for i, f := range hs.footers {
		parts = append(parts, struct {
			name string
			data []byte
		}{fmt.Sprintf("word/footer%d.xml", i+1), footerXML(f, textOf(doc))})
	}
	for i, m := range hs.media {
		parts = append(parts, struct {
			name string
			data []byte
		}{fmt.Sprintf("word/media/image%d.png", i+1), m})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := f.Write(p.data); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	// The body goes last and is streamed into its entry.
	f, err := z.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return fmt.Errorf("docx: word/document.xml: %w", err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	writeDocumentXML(bw, doc, hs)
	if err := bw.Flush(); err != nil { // bufio errors are sticky: this reports any write's
		return fmt.Errorf("docx: word/document.xml: %w", err)
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// flateWriters reuses compressors across parts and documents (each holds
// its tables), as archive/zip does for its default one.
var flateWriters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed) // fails only for an invalid level
	return fw
}}

// smallPart is the size up to which a part is compressed in one call of
// the stateless encoder, which holds no tables between calls.
const smallPart = 64 << 10

// partWriter compresses one part of the package. A small part (every part
// of an ordinary document) is kept and compressed whole by the stateless
// encoder when it is closed, so that a run that writes only small parts
// never makes a pooled compressor (whose tables, ~700 KB, a fresh process
// faults in); a larger one goes to a pooled compressor as it is written.
// Measured on the seed, DOCX and PDF, whole process: 0.8 ms faster in each
// of six interleaved rounds of 40 runs (12.8 against 13.6 ms on a busy
// host); in a warm process the seed's DOCX takes 0.1–0.2 ms longer, and a
// 5,000-row one the same.
type partWriter struct {
	out   io.Writer
	small []byte
	fw    *flate.Writer
}

func (p *partWriter) Write(b []byte) (int, error) {
	if p.fw == nil && len(p.small)+len(b) <= smallPart {
		p.small = append(p.small, b...)
		return len(b), nil
	}
	if p.fw == nil {
		p.fw = flateWriters.Get().(*flate.Writer)
		p.fw.Reset(p.out)
		if _, err := p.fw.Write(p.small); err != nil {
			return 0, err
		}
		p.small = nil
	}
	return p.fw.Write(b)
}

func (p *partWriter) Close() error {
	if p.fw == nil {
		return flate.StatelessDeflate(p.out, p.small, true, nil)
	}
	err := p.fw.Close()
	flateWriters.Put(p.fw)
	p.fw = nil
	return err
}

// Bytes returns the .docx package of doc.
func Bytes(doc *layout.Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// headers are the parts besides the body: the page-number header parts, one
// pair (numbered, empty first page) per distinct page-number style; the
// first-page footers (a section's FirstPageFoot); the pictures.
type headers struct {
	styles []layout.PageNumber
	// footers[k] is the content of word/footer<k+1>.xml; footer[s] is the
	// number of section s's first-page footer (0: none). Once a section has
	// one, every later section with a first page of its own names one, an
	// empty one if need be: a first-page footer it did not name would be
	// the previous section's.
	footers []footerPart
	footer  []int // nil when no section has a foot
	// media[k] is word/media/image<k+1>.png; image maps a picture's bytes
	// to k+1.
	media [][]byte
	image map[string]int
}

func collectHeaders(doc *layout.Document) *headers {
	hs := &headers{}
	empty := 0
	for i := range doc.Sections {
		s := &doc.Sections[i]
		if s.PageNumber != nil && hs.index(s.PageNumber) < 0 {
			hs.styles = append(hs.styles, layout.PageNumber{Style: s.PageNumber.Style})
		}
		switch {
		case len(s.FirstPageFoot) > 0:
			if hs.footer == nil {
				hs.footer = make([]int, len(doc.Sections))
			}
			hs.footers = append(hs.footers, footerPart{s.FirstPageFoot, s.Page.TextWidth()})
			hs.footer[i] = len(hs.footers)
		case len(hs.footers) > 0 && titlePage(s):
			if empty == 0 {
				hs.footers = append(hs.footers, footerPart{})
				empty = len(hs.footers)
			}
			hs.footer[i] = empty
		}
		for j := range s.FirstPageBoxes {
			hs.collectImages(s.FirstPageBoxes[j].Blocks)
		}
		hs.collectImages(s.Blocks)
	}
	return hs
}

// footerOf is the number of section i's first-page footer, 0 for none.
func (hs *headers) footerOf(i int) int {
	if hs.footer == nil {
		return 0
	}
	return hs.footer[i]
}

// titlePage reports whether a section's first page has headers and footers
// of its own (w:titlePg).
func titlePage(s *layout.Section) bool {
	return s.PageNumber != nil && !s.PageNumber.ShowFirstPage || len(s.FirstPageFoot) > 0
}

// collectImages numbers the pictures of blocks (generated table rows hold
// none), each distinct PNG once.
func (hs *headers) collectImages(blocks []layout.Block) {
	for _, b := range blocks {
		switch v := b.(type) {
		case *layout.Paragraph:
			for _, img := range v.Images {
				if _, ok := hs.image[string(img.PNG)]; !ok {
					if hs.image == nil {
						hs.image = map[string]int{}
					}
					hs.media = append(hs.media, img.PNG)
					hs.image[string(img.PNG)] = len(hs.media)
				}
			}
		case *layout.Table:
			for _, r := range v.Rows {
				for _, c := range r.Cells {
					hs.collectImages(c.Blocks)
				}
			}
		}
	}
}

func (hs *headers) index(pn *layout.PageNumber) int {
	for i, s := range hs.styles {
		if s.Style == pn.Style {
			return i
		}
	}
	return -1
}

func contentTypes(hs *headers) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	if len(hs.media) > 0 {
		b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`)
	b.WriteString(`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`)
	b.WriteString(`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`)
	for i := range 2 * len(hs.styles) {
		fmt.Fprintf(&b, `<Override PartName="/word/header%d.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`, i+1)
	}
	for i := range hs.footers {
		fmt.Fprintf(&b, `<Override PartName="/word/footer%d.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vanban</Application></Properties>`

// settingsXML is word/settings.xml: the document's language and how it
// writes numbers, as the layout says (CT_Settings order: themeFontLang,
// decimalSymbol, listSeparator come after compat).
func settingsXML(info layout.Info) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
		`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	if info.Language != "" {
		b.WriteString(`<w:themeFontLang w:val="` + attr(info.Language) + `"/>`)
	}
	if info.DecimalSeparator != "" {
		b.WriteString(`<w:decimalSymbol w:val="` + attr(info.DecimalSeparator) + `"/>`)
	}
	if info.ListSeparator != "" {
		b.WriteString(`<w:listSeparator w:val="` + attr(info.ListSeparator) + `"/>`)
	}
	b.WriteString(`</w:settings>`)
	return []byte(b.String())
}

func documentRels(hs *headers) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	b.WriteString(`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	b.WriteString(`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	for i := range 2 * len(hs.styles) {
		fmt.Fprintf(&b, `<Relationship Id="rIdHeader%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header%d.xml"/>`, i+1, i+1)
	}
	for i := range hs.footers {
		fmt.Fprintf(&b, `<Relationship Id="rIdFooter%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer%d.xml"/>`, i+1, i+1)
	}
	for i := range hs.media {
		fmt.Fprintf(&b, `<Relationship Id="rIdImage%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%d.png"/>`, i+1, i+1)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

func coreProps(info layout.Info) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	element := func(name, value string) {
		if value != "" {
			b.WriteString("<" + name + ">")
			escape(&b, value)
			b.WriteString("</" + name + ">")
		}
	}
	element("dc:title", info.Title)
	element("dc:subject", info.Subject)
	element("dc:creator", info.Author)
	element("dc:language", info.Language)
	if info.Created != "" {
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">`)
		escape(&b, info.Created)
		b.WriteString(`</dcterms:created>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

// stylesXML sets the document defaults: the layout's font on all four font
// slots, its language, black text, no paragraph spacing and widow control
// off (the layout turns it on where it wants it). Every run of the layout
// states its own size; the default is for text typed later.
func stylesXML(text docText, def layout.Style) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>`)
	if text.font != "" {
		fmt.Fprintf(&b, `<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, attr(text.font))
	}
	b.WriteString(`<w:color w:val="000000"/>`)
	if def.Size > 0 {
		fmt.Fprintf(&b, `<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/>`, def.Size/10)
	}
	if text.lang != "" {
		fmt.Fprintf(&b, `<w:lang w:val="%[1]s" w:eastAsia="%[1]s" w:bidi="ar-SA"/>`, attr(text.lang))
	}
	b.WriteString(`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return []byte(b.String())
}

// headerXML is a page header: the centred PAGE field, or (for the first page
// of a section) nothing.
func headerXML(pn *layout.PageNumber, numbered bool, text docText) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:jc w:val="center"/>`)
	runProps(&b, text, pn.Style, layout.Baseline)
	b.WriteString(`</w:pPr>`)
	if numbered {
		field := func(inner string) {
			b.WriteString(`<w:r>`)
			runProps(&b, text, pn.Style, layout.Baseline)
			b.WriteString(inner)
			b.WriteString(`</w:r>`)
		}
		field(`<w:fldChar w:fldCharType="begin"/>`)
		field(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)
		field(`<w:fldChar w:fldCharType="separate"/>`)
		field(`<w:t>2</w:t>`)
		field(`<w:fldChar w:fldCharType="end"/>`)
	}
	b.WriteString(`</w:p></w:hdr>`)
	return []byte(b.String())
}

// footerPart is a first-page footer: a section's foot and its text width.
type footerPart struct {
	blocks []layout.Block
	width  layout.Length
}

// footerXML is a first-page footer: the foot's paragraphs and rules across
// the text width, or one empty paragraph.
func footerXML(f footerPart, text docText) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	w := &bodyWriter{b: &b, text: text, runProps: map[runKey]string{}}
	last := false
	for _, blk := range f.blocks {
		switch v := blk.(type) {
		case *layout.Paragraph:
			w.paragraph(v, paraOpts{})
		case *layout.Rule:
			w.rule(v, f.width)
		default:
			continue
		}
		last = true
	}
	if !last {
		b.WriteString(`<w:p/>`)
	}
	b.WriteString(`</w:ftr>`)
	return []byte(b.String())
}

// attr is s escaped for an attribute value.
func attr(s string) string {
	var b strings.Builder
	escape(&b, s)
	return b.String()
}

// escape writes s as XML character data.
func escape(b xmlWriter, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
}

func itoa(l layout.Length) string { return strconv.Itoa(int(l)) }
