// Package xlsxwrite writes an XLSX workbook (SpreadsheetML) as a stream, on
// the standard library only.
//
// Sheets are written one after another, and each sheet's rows go straight
// into its zip entry: a sheet of 100,000 rows costs no more memory than one
// of ten. What is held is what the format wants after the rows — the
// current sheet's merged ranges and data validations — the workbook's
// styles, written at Close, and up to 64 KiB of the part being written: a
// part that ends within that is stored uncompressed, a longer one deflated
// (see partBuffer).
//
//	w, err := xlsxwrite.New(out, xlsxwrite.Workbook{DefaultFont: xlsxwrite.Font{Name: "Times New Roman", Size: 12}})
//	bold, err := w.Style(xlsxwrite.Style{Font: xlsxwrite.Font{Bold: true}})
//	s, err := w.Sheet("Phụ lục", xlsxwrite.Sheet{Widths: []float64{6, 40}})
//	err = s.Row(1, 0, xlsxwrite.Cell{Style: bold, Value: "STT"}, xlsxwrite.Cell{Value: 8.5})
//	err = w.Close()
//
// Output is deterministic: the same calls give the same bytes (fixed zip
// times, ids in the order things were first asked for, no map iteration).
// Elements are in ECMA-376 schema order, which Excel insists on. Text is
// written as inline strings (no shared-strings part, so nothing is kept per
// string), which Excel, LibreOffice, excelize and xlsxread all read. Text
// that begins or ends with white space gets xml:space="preserve", without
// which Excel trims it; Excel writes it so itself, though the ECMA-376
// schema for <t> leaves the attribute out (the one thing
// tools/ooxml-validate finds).
//
// Characters XML 1.0 cannot hold (C0 controls other than tab, line feed and
// carriage return; U+FFFE, U+FFFF) are kept in cell text with the _xHHHH_
// escape Excel itself writes, as is the carriage return (which XML parsers
// would turn into a line feed); a literal "_xHHHH_" in cell text is written
// "_x005F_xHHHH_" so that it reads back as typed. In other text (document
// properties, validation messages, number format codes) such characters are
// dropped. Sheet names and formulas holding a control character are
// refused. Invalid UTF-8 is written as U+FFFD.
//
// Mistakes in the input — a row number that does not increase, a malformed
// or overlapping merge, a sheet name Excel refuses, a value it cannot hold —
// are errors, returned before anything of the call is written, so the
// workbook stays usable. An error writing to the output is returned by that
// call and every later one.
//
// The package does no work at initialisation.
package xlsxwrite

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
)

// Workbook is what a workbook says of itself: its default font and its
// document properties.
type Workbook struct {
	// DefaultFont is the font of cells without a style and what a Style's
	// font leaves unsaid; its digit width is the unit of column widths.
	// The zero Font is Calibri 11, Excel's default.
	DefaultFont Font
	Title       string
	Subject     string
	Creator     string
	Language    string // e.g. "vi-VN"
	// Created is the creation and modification time, in RFC 3339
	// ("2024-03-01T00:00:00Z"); "" leaves both unsaid.
	Created string
}

// Writer writes one workbook. It is not safe for concurrent use.
type Writer struct {
	z      *zip.Writer
	wb     Workbook
	styles styleSheet
	sheets []sheetEntry
	cur    *SheetWriter
	buf    []byte // a row's XML, built before it is written
	err    error  // sticky: an output error, or closed

	// The part being written (see partBuffer): its name, the bytes not yet
	// in the zip, and its deflated zip entry once it has one.
	part    string
	pending []byte
	entry   io.Writer
	fw      *flate.Writer // the compressor, shared by the deflated parts
}

type sheetEntry struct {
	name   string
	titles [2]int // print titles, rows; zero for none
}

// New starts a workbook written to out. Nothing is written until the first
// sheet; out is not closed by Close.
func New(out io.Writer, wb Workbook) (*Writer, error) {
	if wb.DefaultFont.Name == "" && wb.DefaultFont.Size == 0 {
		wb.DefaultFont.Name, wb.DefaultFont.Size = "Calibri", 11
	}
	def, err := normFont(wb.DefaultFont, nil)
	if err != nil {
		return nil, fmt.Errorf("xlsxwrite: default font: %w", err)
	}
	if wb.Created != "" {
		if _, err := time.Parse(time.RFC3339, wb.Created); err != nil {
			return nil, fmt.Errorf("xlsxwrite: creation time %q is not RFC 3339", wb.Created)
		}
	}
	w := &Writer{z: zip.NewWriter(out), wb: wb, styles: newStyleSheet(def)}
	// Fast deflate (klauspost/compress level 1), as render/docx: the sheets' XML compresses well either
	// way, and the default level takes several times as long. Parts are
	// written one at a time, so one compressor (a few hundred kilobytes of
	// tables) serves them all.
	w.z.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if w.fw == nil {
			fw, err := flate.NewWriter(out, flate.BestSpeed)
			w.fw = fw
			return fw, err
		}
		w.fw.Reset(out)
		return w.fw, nil
	})
	return w, nil
}

// Style returns the id of a cell style, the same id for the same style. It
// may be called at any time before Close.
func (w *Writer) Style(s Style) (StyleID, error) {
	if w.err != nil {
		return 0, w.err
	}
	id, err := w.styles.add(s)
	if err != nil {
		return 0, fmt.Errorf("xlsxwrite: style: %w", err)
	}
	return id, nil
}

// fail records an output error: the workbook cannot be finished.
func (w *Writer) fail(part string, err error) error {
	w.err = fmt.Errorf("xlsxwrite: %s: %w", part, err)
	return w.err
}

// Close finishes the last sheet and writes the styles, the workbook part
// and the document properties. A workbook needs at least one sheet.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if len(w.sheets) == 0 {
		return errors.New("xlsxwrite: a workbook needs at least one sheet")
	}
	if err := w.finishSheet(); err != nil {
		return err
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"xl/styles.xml", w.styles.xml()},
		{"xl/workbook.xml", w.workbookXML()},
		{"xl/_rels/workbook.xml.rels", w.workbookRels()},
		{"docProps/core.xml", w.coreProps()},
		{"docProps/app.xml", []byte(appProps)},
		{"_rels/.rels", []byte(packageRels)},
		{"[Content_Types].xml", w.contentTypes()},
	}
	for _, p := range parts {
		w.startPart(p.name)
		if err := w.write(p.data); err != nil {
			return err
		}
		if err := w.endPart(); err != nil {
			return err
		}
	}
	if err := w.z.Close(); err != nil {
		return w.fail("zip", err)
	}
	w.err = errors.New("xlsxwrite: the workbook is closed")
	return nil
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vanban</Application></Properties>`

func (w *Writer) contentTypes() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	for i := range w.sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`)
	return []byte(b.String())
}

func (w *Writer) workbookRels() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range w.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(w.sheets)+1)
	return []byte(b.String())
}

// workbookXML is xl/workbook.xml (CT_Workbook order: bookViews, sheets,
// definedNames, calcPr). Formulas are calculated on opening
// (fullCalcOnLoad), so no reader trusts a missing or stale cached value.
func (w *Writer) workbookXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsR + `"><bookViews><workbookView/></bookViews><sheets>`)
	for i, s := range w.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escaped(s.name, true), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	titled := false
	for i, s := range w.sheets {
		if s.titles[0] == 0 {
			continue
		}
		if !titled {
			b.WriteString(`<definedNames>`)
			titled = true
		}
		ref := fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(s.name, "'", "''"), s.titles[0], s.titles[1])
		fmt.Fprintf(&b, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s</definedName>`, i, escaped(ref, false))
	}
	if titled {
		b.WriteString(`</definedNames>`)
	}
	b.WriteString(`<calcPr fullCalcOnLoad="1"/></workbook>`)
	return []byte(b.String())
}

func (w *Writer) coreProps() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	element := func(name, value string) {
		if value != "" {
			b.WriteString("<" + name + ">" + escaped(value, false) + "</" + name + ">")
		}
	}
	element("dc:title", w.wb.Title)
	element("dc:subject", w.wb.Subject)
	element("dc:creator", w.wb.Creator)
	element("cp:lastModifiedBy", "vanban")
	element("dc:language", w.wb.Language)
	if w.wb.Created != "" {
		c := escaped(w.wb.Created, false)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + c + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + c + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}
