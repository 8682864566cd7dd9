// Package xlsxread reads the cells of an XLSX workbook as a stream, for the
// forms that departments fill in and send back: untrusted files, read with
// limits that are checked as the cells arrive.
//
// excelize's GetRows pads every row to its last cell and stops without a word
// at a malformed cell reference: a 108 KB file with one value in column XFD on
// each of 20,000 rows asks for 20,000 × 16,384 strings, and a bad reference
// loses the rows after it. This reader never pads. It hands over only the
// non-empty cells of a row, refuses a value right of Limits.MaxColumn or below
// Limits.MaxRow the moment it is read, and reports every reference it cannot
// place — malformed, out of order, naming another row — as an *Error instead
// of skipping it. A sheet whose XML breaks off half-way is an error, never a
// shorter sheet.
//
// Every part read (relationships, workbook, sheets, shared strings, styles)
// is limited in size twice: by its zip header before it is opened, and while
// it decompresses, because a zip header may lie. Only the standard library is
// used: archive/zip, and encoding/xml's RawToken, the tokenizer that neither
// resolves namespaces nor checks that tags match; this package matches local
// names (so <x:row> as the .NET OpenXML SDK writes it is a row) and checks
// the nesting itself.
//
// A Workbook is not changed after Open, and several Rows may read it at once;
// one Rows is for one goroutine.
package xlsxread

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// The format's own bounds (ECMA-376 Part 1, 18.3.1.4 and Excel's limits).
const (
	SheetColumns = 16384   // XFD
	SheetRows    = 1048576 // rows of a sheet
)

// Defaults for the Limits fields left at zero.
const (
	DefaultMaxPartBytes     = 256 << 20
	DefaultMaxSharedStrings = 64 << 20
)

// Limits bound what a workbook may make the reader do. A field that is zero
// (or negative) takes its default: the format's bounds for MaxColumn and
// MaxRow, DefaultMaxPartBytes, DefaultMaxSharedStrings.
type Limits struct {
	// MaxColumn is the rightmost column (1-based; 64 is BL) that may hold a
	// value: a non-empty cell right of it is an *Error naming the cell.
	MaxColumn int
	// MaxRow is the lowest sheet row (1-based) that may hold a value.
	MaxRow int
	// MaxPartBytes is the largest uncompressed size of any part read. It is
	// checked against the zip header before the part is opened and enforced
	// again while it decompresses.
	MaxPartBytes int64
	// MaxSharedStrings is the most bytes of shared-string text kept in
	// memory (the shared strings are the one thing held for the whole read).
	MaxSharedStrings int64
}

func (l Limits) withDefaults() Limits {
	if l.MaxColumn <= 0 || l.MaxColumn > SheetColumns {
		l.MaxColumn = SheetColumns
	}
	if l.MaxRow <= 0 || l.MaxRow > SheetRows {
		l.MaxRow = SheetRows
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = DefaultMaxPartBytes
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = DefaultMaxSharedStrings
	}
	return l
}

// Workbook is an opened XLSX file: its sheets, shared strings and number
// formats. The sheets' cells are read on demand with Rows.
type Workbook struct {
	lim      Limits
	parts    map[string]*zip.File // by lower-case part name, without a leading "/"
	sheets   []sheetRef
	sst      sharedStrings
	xfs      []xfFormat // number format of each cell style (styles.xml cellXfs)
	date1904 bool
}

type sheetRef struct {
	name string
	part string // zip part name, e.g. "xl/worksheets/sheet1.xml"
}

// Open reads a workbook's structure: the list of sheets and where their parts
// are, the shared strings and the number formats. Every problem is an *Error.
func Open(r io.ReaderAt, size int64, lim Limits) (*Workbook, error) {
	w := &Workbook{lim: lim.withDefaults()}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names like "../x" are harmless: nothing is written to disk
		var head [8]byte
		if n, _ := r.ReadAt(head[:], 0); n == 8 && bytes.Equal(head[:], []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
			return nil, &Error{Err: err,
				Msg:   "tệp là bảng tính Excel cũ (.xls) hoặc được đặt mật khẩu; hãy lưu lại thành .xlsx không có mật khẩu",
				MsgEN: "the file is an old Excel workbook (.xls) or is password-protected; save it as an .xlsx without a password"}
		}
		return nil, &Error{Err: err,
			Msg:   "tệp không phải bảng tính Excel .xlsx (không đọc được như tệp zip): " + errText(err),
			MsgEN: "the file is not an Excel .xlsx workbook (it cannot be read as a zip file): " + errText(err)}
	}
	w.parts = make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder
		}
		key := partKey(f.Name)
		if _, dup := w.parts[key]; dup {
			return nil, &Error{Part: f.Name,
				Msg:   fmt.Sprintf("tệp zip có hai phần cùng tên %s", quote(f.Name)),
				MsgEN: fmt.Sprintf("the zip file has two parts named %s", quote(f.Name))}
		}
		w.parts[key] = f
	}

	wbPart, err := w.officeDocument()
	if err != nil {
		return nil, err
	}
	names, ids, err := w.readWorkbook(wbPart)
	if err != nil {
		return nil, err
	}
	relsPart := path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels")
	rels, err := w.readRels(relsPart, path.Dir(wbPart), true)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(names))
	for i, name := range names {
		switch {
		case name == "":
			return nil, &Error{Part: wbPart,
				Msg:   fmt.Sprintf("trang tính thứ %d không có tên (%s)", i+1, wbPart),
				MsgEN: fmt.Sprintf("sheet %d has no name (%s)", i+1, wbPart)}
		case seen[name]:
			return nil, &Error{Sheet: name, Part: wbPart,
				Msg:   "bảng tính có hai trang tính cùng tên này",
				MsgEN: "the workbook has two sheets of this name"}
		}
		seen[name] = true
		rel, ok := rels[ids[i]]
		if !ok {
			return nil, &Error{Sheet: name, Part: relsPart,
				Msg:   fmt.Sprintf("trang tính không có liên kết tới phần chứa dữ liệu (mã %s không có trong %s)", quote(ids[i]), relsPart),
				MsgEN: fmt.Sprintf("the sheet has no link to the part holding its data (id %s is not in %s)", quote(ids[i]), relsPart)}
		}
		if _, ok := w.parts[partKey(rel.target)]; !ok {
			return nil, &Error{Sheet: name, Part: rel.target,
				Msg:   fmt.Sprintf("thiếu phần %s chứa dữ liệu của trang tính", quote(rel.target)),
				MsgEN: fmt.Sprintf("part %s holding the sheet's data is missing", quote(rel.target))}
		}
		w.sheets = append(w.sheets, sheetRef{name: name, part: rel.target})
	}

	// Shared strings and styles are optional parts, but a link to a part
	// that is not there is a broken file, said now rather than at a cell.
	for _, rel := range rels {
		kind := rel.kind()
		if kind != "sharedStrings" && kind != "styles" {
			continue
		}
		if _, ok := w.parts[partKey(rel.target)]; !ok {
			return nil, &Error{Part: rel.target,
				Msg:   fmt.Sprintf("thiếu phần %s mà bảng tính liên kết tới", quote(rel.target)),
				MsgEN: fmt.Sprintf("part %s that the workbook links to is missing", quote(rel.target))}
		}
		if kind == "sharedStrings" {
			err = w.readSharedStrings(rel.target)
		} else {
			err = w.readStyles(rel.target)
		}
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Sheets returns the sheet names in workbook order.
func (w *Workbook) Sheets() []string {
	names := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		names[i] = s.name
	}
	return names
}

// Date1904 reports whether the workbook counts dates from 1904 (old Mac
// Excel) rather than 1900: what the serial number of a Date cell means.
func (w *Workbook) Date1904() bool { return w.date1904 }

// officeDocument finds the workbook part: the package's officeDocument
// relationship (_rels/.rels), or xl/workbook.xml where there is none.
func (w *Workbook) officeDocument() (string, error) {
	const fallback = "xl/workbook.xml"
	part := fallback
	if _, ok := w.parts[partKey("_rels/.rels")]; ok {
		rels, err := w.readRels("_rels/.rels", "", false)
		if err != nil {
			return "", err
		}
		for _, rel := range rels {
			if rel.kind() == "officeDocument" {
				part = rel.target
				break
			}
		}
	}
	if _, ok := w.parts[partKey(part)]; !ok {
		return "", &Error{Part: part,
			Msg:   fmt.Sprintf("thiếu phần %s: tệp không phải bảng tính Excel .xlsx", quote(part)),
			MsgEN: fmt.Sprintf("part %s is missing: the file is not an Excel .xlsx workbook", quote(part))}
	}
	return part, nil
}

// partKey is the name a part is looked up by: part names are
// case-insensitive (ECMA-376 Part 2, 9.1.1.1), and some Windows tools write
// backslashes.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// resolveTarget turns a relationship target into a part name: absolute
// ("/xl/worksheets/sheet1.xml") or relative to the source part's folder
// ("worksheets/sheet1.xml" from xl/workbook.xml). A target that leaves the
// package resolves to "".
func resolveTarget(base, target string) string {
	if u, err := url.PathUnescape(target); err == nil {
		target = u // part names are URIs: "my%20sheet.xml"
	}
	var p string
	if strings.HasPrefix(target, "/") {
		p = path.Clean(target[1:])
	} else {
		p = path.Join(base, target)
	}
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// openPart opens a part for reading, refusing it if its header says it is
// too large and limiting what it may decompress to.
func (w *Workbook) openPart(name string) (io.ReadCloser, error) {
	f := w.parts[partKey(name)]
	if f == nil {
		return nil, &Error{Part: name,
			Msg:   fmt.Sprintf("thiếu phần %s", quote(name)),
			MsgEN: fmt.Sprintf("part %s is missing", quote(name))}
	}
	if f.UncompressedSize64 > uint64(w.lim.MaxPartBytes) {
		return nil, &Error{Part: f.Name,
			Msg: fmt.Sprintf("phần %s giải nén ra %s, vượt giới hạn %s",
				quote(f.Name), byteSize(int64(min(f.UncompressedSize64, 1<<62))), byteSize(w.lim.MaxPartBytes)),
			MsgEN: fmt.Sprintf("part %s is %s uncompressed, over the limit of %s",
				quote(f.Name), byteSize(int64(min(f.UncompressedSize64, 1<<62))), byteSize(w.lim.MaxPartBytes))}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Part: f.Name, Err: err,
			Msg:   fmt.Sprintf("không mở được phần %s: %s", quote(f.Name), errText(err)),
			MsgEN: fmt.Sprintf("cannot open part %s: %s", quote(f.Name), errText(err))}
	}
	return &partReader{rc: rc, left: w.lim.MaxPartBytes, name: f.Name}, nil
}

// partError is the error for a part (not a sheet) that cannot be read to its
// end: broken XML, a corrupt zip entry, a part larger than its header said.
func partError(part string, limit int64, err error) *Error {
	var big *tooBigError
	if errors.As(err, &big) {
		return &Error{Part: part, Err: err,
			Msg:   fmt.Sprintf("phần %s giải nén ra hơn %s, vượt giới hạn (dù tệp zip ghi kích thước nhỏ hơn)", quote(part), byteSize(limit)),
			MsgEN: fmt.Sprintf("part %s decompresses to more than %s, over the limit (although its zip header says less)", quote(part), byteSize(limit))}
	}
	return &Error{Part: part, Err: err,
		Msg:   fmt.Sprintf("không đọc được phần %s: %s", quote(part), errText(err)),
		MsgEN: fmt.Sprintf("cannot read part %s: %s", quote(part), errText(err))}
}

// scanPart reads a whole part, calling fn with each element start, end and
// text, and with the depth of the element (the root is 1).
func (w *Workbook) scanPart(name string, fn func(tok xml.Token, depth int, x *xmlReader) error) error {
	rc, err := w.openPart(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLReader(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return partError(name, w.lim.MaxPartBytes, err)
		}
		depth := len(x.stack)
		if _, end := tok.(xml.EndElement); end {
			depth++ // the depth of the element that ended
		}
		if err := fn(tok, depth, x); err != nil {
			return err
		}
	}
}

type relationship struct {
	typ, target string
}

// kind is the last segment of the relationship type, the same in
// transitional and strict OOXML: "officeDocument", "worksheet", "styles" …
func (r relationship) kind() string { return path.Base(r.typ) }

// readRels reads a relationships part: internal targets by id, resolved
// against base.
func (w *Workbook) readRels(name, base string, required bool) (map[string]relationship, error) {
	if _, ok := w.parts[partKey(name)]; !ok && required {
		return nil, &Error{Part: name,
			Msg:   fmt.Sprintf("thiếu phần %s: tệp không phải bảng tính Excel .xlsx", quote(name)),
			MsgEN: fmt.Sprintf("part %s is missing: the file is not an Excel .xlsx workbook", quote(name))}
	}
	rels := map[string]relationship{}
	err := w.scanPart(name, func(tok xml.Token, depth int, _ *xmlReader) error {
		t, ok := tok.(xml.StartElement)
		if !ok || depth != 2 || t.Name.Local != "Relationship" {
			return nil
		}
		if attr(t, "TargetMode") == "External" {
			return nil
		}
		id := attr(t, "Id")
		if _, dup := rels[id]; !dup {
			rels[id] = relationship{typ: attr(t, "Type"), target: resolveTarget(base, attr(t, "Target"))}
		}
		return nil
	})
	return rels, err
}

// readWorkbook reads the sheets' names and relationship ids, in order, and
// the date system.
func (w *Workbook) readWorkbook(name string) (names, ids []string, err error) {
	err = w.scanPart(name, func(tok xml.Token, depth int, _ *xmlReader) error {
		t, ok := tok.(xml.StartElement)
		if !ok {
			return nil
		}
		switch {
		case depth == 3 && t.Name.Local == "sheet":
			var id string
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" { // r:id, whatever the prefix
					id = a.Value
				}
			}
			names = append(names, attr(t, "name"))
			ids = append(ids, id)
		case depth == 2 && t.Name.Local == "workbookPr":
			v := attr(t, "date1904")
			w.date1904 = v == "1" || v == "true"
		}
		return nil
	})
	return names, ids, err
}

// sharedStrings is the shared string table: all texts one after another in
// one string, so that a cell's value is a slice of it and costs nothing.
type sharedStrings struct {
	all string
	end []int // end[i] is where string i ends in all; it starts at end[i-1]
}

func (s *sharedStrings) len() int { return len(s.end) }

func (s *sharedStrings) get(i int) string {
	start := 0
	if i > 0 {
		start = s.end[i-1]
	}
	return s.all[start:s.end[i]]
}

// readSharedStrings reads xl/sharedStrings.xml. A string item's text is its
// <t>, or the <t> of its rich text runs <r> one after another; phonetic
// runs (<rPh>, Japanese readings) are not part of the text.
func (w *Workbook) readSharedStrings(name string) error {
	var all strings.Builder
	var item []byte
	var ends []int
	inItem, capture := false, false
	err := w.scanPart(name, func(tok xml.Token, depth int, x *xmlReader) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 2 && t.Name.Local == "si":
				inItem, item = true, item[:0]
			case inItem && t.Name.Local == "t" && (depth == 3 || depth == 4 && x.stack[2].Local == "r"):
				capture = true
			}
		case xml.CharData:
			if !capture || len(x.stack) != 3 && len(x.stack) != 4 {
				return nil
			}
			if int64(all.Len())+int64(len(item))+int64(len(t)) > w.lim.MaxSharedStrings {
				return &Error{Part: name,
					Msg:   fmt.Sprintf("các chuỗi dùng chung (%s) dài hơn giới hạn %s", quote(name), byteSize(w.lim.MaxSharedStrings)),
					MsgEN: fmt.Sprintf("the shared strings (%s) are longer than the limit of %s", quote(name), byteSize(w.lim.MaxSharedStrings))}
			}
			item = append(item, t...)
		case xml.EndElement:
			switch {
			case capture && t.Name.Local == "t" && (depth == 3 || depth == 4):
				capture = false
			case inItem && depth == 2:
				inItem = false
				all.Write(decodeXString(item))
				ends = append(ends, all.Len())
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.sst = sharedStrings{all: all.String(), end: ends}
	return nil
}

// xfFormat is what a cell style says about a number: its format code and
// whether that code shows a date or time.
type xfFormat struct {
	code string
	date bool
}

// general is the format of a cell without a style, or whose style names no
// format.
var general = xfFormat{code: "General"}

// readStyles reads the number format of each cell style (cellXfs) from
// xl/styles.xml, resolving built-in format ids and the workbook's own
// formats (numFmts).
func (w *Workbook) readStyles(name string) error {
	custom := map[int]string{}
	var ids []int
	err := w.scanPart(name, func(tok xml.Token, depth int, x *xmlReader) error {
		t, ok := tok.(xml.StartElement)
		if !ok || depth != 3 {
			return nil
		}
		switch parent := x.stack[1].Local; {
		case parent == "numFmts" && t.Name.Local == "numFmt":
			if id, ok := atoi(attr(t, "numFmtId")); ok {
				custom[id] = attr(t, "formatCode")
			}
		case parent == "cellXfs" && t.Name.Local == "xf":
			id, _ := atoi(attr(t, "numFmtId")) // absent or unreadable: General
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.xfs = make([]xfFormat, len(ids))
	for i, id := range ids {
		w.xfs[i] = numFmt(id, custom)
	}
	return nil
}

// style returns the number format of cell style s; an index that names no
// style is General, as a missing styles part is — a style is presentation,
// not worth refusing a form for.
func (w *Workbook) style(s int) xfFormat {
	if s < 0 || s >= len(w.xfs) {
		return general
	}
	return w.xfs[s]
}

// Rows starts reading the rows of a sheet. The caller must Close it.
func (w *Workbook) Rows(sheet string) (*Rows, error) {
	for _, s := range w.sheets {
		if s.name != sheet {
			continue
		}
		rc, err := w.openPart(s.part)
		if err != nil {
			e := err.(*Error)
			e.Sheet = sheet
			return nil, e
		}
		return &Rows{wb: w, sheet: sheet, part: s.part, rc: rc, x: newXMLReader(rc)}, nil
	}
	return nil, &Error{Sheet: sheet,
		Msg:   "không có trang tính này trong bảng tính",
		MsgEN: "there is no such sheet in the workbook"}
}
