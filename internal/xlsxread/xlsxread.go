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
// used. The XML is read by a small tokenizer of this package's own (see
// scanner) rather than encoding/xml, which allocates for every name,
// attribute and token and took four times as long on a 100,000-row sheet; the
// tokenizer checks well-formedness and is fuzzed against encoding/xml.
// Element names are matched by their local part, so that <x:row> as the .NET
// OpenXML SDK writes it is a row.
//
// A Workbook is not changed after Open, and several Rows may read it at once;
// one Rows is for one goroutine.
package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
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
		if rel.target == "" {
			return nil, &Error{Sheet: name, Part: relsPart,
				Msg:   fmt.Sprintf("liên kết tới dữ liệu của trang tính trỏ ra ngoài tệp (%s)", quote(rel.raw)),
				MsgEN: fmt.Sprintf("the link to the sheet's data points outside the file (%s)", quote(rel.raw))}
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
	// Were there two links of a kind, the first by id counts.
	relIDs := make([]string, 0, len(rels))
	for id := range rels {
		relIDs = append(relIDs, id)
	}
	slices.Sort(relIDs)
	done := map[string]bool{}
	for _, id := range relIDs {
		rel := rels[id]
		kind := rel.kind()
		if kind != "sharedStrings" && kind != "styles" || done[kind] {
			continue
		}
		done[kind] = true
		if _, ok := w.parts[partKey(rel.target)]; !ok || rel.target == "" {
			return nil, &Error{Part: rel.target,
				Msg:   fmt.Sprintf("thiếu phần %s mà bảng tính liên kết tới", quote(rel.raw)),
				MsgEN: fmt.Sprintf("part %s that the workbook links to is missing", quote(rel.raw))}
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

// scanPart reads a whole part, calling fn with each start tag, end tag and
// text, and the depth of the element (the root is 1; for text, of the
// element it is in).
func (w *Workbook) scanPart(name string, fn func(kind tokenKind, depth int, s *scanner) error) error {
	rc, err := w.openPart(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(rc)
	for {
		kind, err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return partError(name, w.lim.MaxPartBytes, err)
		}
		depth := s.depth()
		if kind == endTag {
			depth++ // the depth of the element that ended
		}
		if err := fn(kind, depth, s); err != nil {
			return err
		}
	}
}

type relationship struct {
	typ    string
	target string // the part name, "" for a target outside the package
	raw    string // the target as written
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
	err := w.scanPart(name, func(kind tokenKind, depth int, s *scanner) error {
		if kind != startTag || depth != 2 || string(s.local) != "Relationship" {
			return nil
		}
		if mode, _ := s.attr("TargetMode"); string(mode) == "External" {
			return nil
		}
		id := s.attrString("Id")
		if _, dup := rels[id]; !dup {
			raw := s.attrString("Target")
			rels[id] = relationship{typ: s.attrString("Type"), target: resolveTarget(base, raw), raw: raw}
		}
		return nil
	})
	return rels, err
}

// readWorkbook reads the sheets' names and relationship ids, in order, and
// the date system.
func (w *Workbook) readWorkbook(name string) (names, ids []string, err error) {
	err = w.scanPart(name, func(kind tokenKind, depth int, s *scanner) error {
		if kind != startTag {
			return nil
		}
		switch {
		case depth == 3 && string(s.local) == "sheet" && string(s.openLocal(2)) == "sheets":
			var id string
			for i := range s.attrs {
				a := &s.attrs[i]
				if a.prefixed && string(s.buf[a.local:a.name.end]) == "id" { // r:id, whatever the prefix
					id = string(s.attrValue(a))
				}
			}
			names = append(names, s.attrString("name"))
			ids = append(ids, id)
		case depth == 2 && string(s.local) == "workbookPr":
			v, _ := s.attr("date1904")
			w.date1904 = string(v) == "1" || string(v) == "true"
		}
		return nil
	})
	return names, ids, err
}

// sharedStrings is the shared string table. The texts are kept in blocks
// of about 64 KB, each one string, and every entry is a slice of its block:
// a cell's value costs nothing, and building the table copies each text
// once instead of regrowing one huge buffer.
type sharedStrings struct {
	entries []string
	size    int64 // bytes kept: texts and entries

	block   []byte // the block being filled
	pending []span // its entries, made strings when it is sealed
}

const sstBlock = 64 << 10

// entryBytes is what an entry costs besides its text (a string header),
// counted against Limits.MaxSharedStrings so that a table of many empty
// strings is bounded too.
const entryBytes = 16

func (s *sharedStrings) len() int { return len(s.entries) }

func (s *sharedStrings) get(i int) string { return s.entries[i] }

func (s *sharedStrings) add(text []byte) {
	if len(s.block)+len(text) > sstBlock && len(s.block) > 0 {
		s.seal()
	}
	start := len(s.block)
	s.block = append(s.block, text...)
	s.pending = append(s.pending, span{start, len(s.block)})
	s.size += int64(len(text)) + entryBytes
}

func (s *sharedStrings) seal() {
	all := string(s.block)
	for _, p := range s.pending {
		s.entries = append(s.entries, all[p.start:p.end])
	}
	s.block, s.pending = s.block[:0], s.pending[:0]
}

// readSharedStrings reads xl/sharedStrings.xml. A string item's text is its
// <t>, or the <t> of its rich text runs <r> one after another; phonetic
// runs (<rPh>, Japanese readings) are not part of the text.
func (w *Workbook) readSharedStrings(name string) error {
	var sst sharedStrings
	var item []byte
	inItem, capture := false, 0
	tooLong := func() error {
		return &Error{Part: name,
			Msg:   fmt.Sprintf("các chuỗi dùng chung (%s) dài hơn giới hạn %s", quote(name), byteSize(w.lim.MaxSharedStrings)),
			MsgEN: fmt.Sprintf("the shared strings (%s) are longer than the limit of %s", quote(name), byteSize(w.lim.MaxSharedStrings))}
	}
	err := w.scanPart(name, func(kind tokenKind, depth int, s *scanner) error {
		switch kind {
		case startTag:
			switch {
			case depth == 2 && string(s.local) == "si":
				inItem, item = true, item[:0]
			case inItem && string(s.local) == "t" && (depth == 3 || depth == 4 && string(s.openLocal(3)) == "r"):
				capture = depth
			}
		case text:
			if capture == 0 || depth != capture {
				return nil
			}
			item = s.appendText(item)
			if sst.size+int64(len(item)) > w.lim.MaxSharedStrings {
				return tooLong()
			}
		case endTag:
			switch {
			case depth == capture:
				capture = 0
			case inItem && depth == 2:
				inItem = false
				sst.add(decodeXString(item))
				if sst.size > w.lim.MaxSharedStrings {
					return tooLong()
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sst.seal()
	sst.block, sst.pending = nil, nil
	w.sst = sst
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
	err := w.scanPart(name, func(kind tokenKind, depth int, s *scanner) error {
		if kind != startTag || depth != 3 {
			return nil
		}
		switch parent := string(s.openLocal(2)); {
		case parent == "numFmts" && string(s.local) == "numFmt":
			id, _ := s.attr("numFmtId")
			if id, ok := atoi(id); ok {
				custom[id] = s.attrString("formatCode")
			}
		case parent == "cellXfs" && string(s.local) == "xf":
			id, _ := s.attr("numFmtId")
			n, _ := atoi(id) // absent or unreadable: General
			ids = append(ids, n)
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
			var e *Error
			if errors.As(err, &e) {
				e.Sheet = sheet
			}
			return nil, err
		}
		return &Rows{wb: w, sheet: sheet, part: s.part, rc: rc, x: newScanner(rc)}, nil
	}
	return nil, &Error{Sheet: sheet,
		Msg:   "không có trang tính này trong bảng tính",
		MsgEN: "there is no such sheet in the workbook"}
}
