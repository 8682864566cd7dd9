package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// part is one file of a hand-written zip.
type part struct{ name, body string }

// buildZip writes parts into a zip, compressed.
func buildZip(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	nsMain = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRel  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	relDoc = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument`
	relWS  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`
	relSST = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings`
	relSty = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles`
)

// book describes a hand-written workbook.
type book struct {
	sheets  []part // name: the sheet's name; body: the worksheet XML
	sst     string // xl/sharedStrings.xml, "" for none
	styles  string // xl/styles.xml, "" for none
	extra   []part
	noRels  bool // leave out xl/_rels/workbook.xml.rels
	noRoot  bool // leave out _rels/.rels
	absPath bool // targets as "/xl/worksheets/…"
}

func (b book) zip(t testing.TB) []byte {
	t.Helper()
	var parts []part
	parts = append(parts, part{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`})
	if !b.noRoot {
		parts = append(parts, part{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relDoc + `" Target="xl/workbook.xml"/></Relationships>`})
	}
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range b.sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		target := fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		if b.absPath {
			target = "/xl/" + target
		}
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i+1, relWS, target)
	}
	wb.WriteString(`</sheets></workbook>`)
	if b.sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%s" Target="sharedStrings.xml"/>`, relSST)
	}
	if b.styles != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdT" Type="%s" Target="styles.xml"/>`, relSty)
	}
	rels.WriteString(`</Relationships>`)
	parts = append(parts, part{"xl/workbook.xml", wb.String()})
	if !b.noRels {
		parts = append(parts, part{"xl/_rels/workbook.xml.rels", rels.String()})
	}
	for i, s := range b.sheets {
		parts = append(parts, part{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.body})
	}
	if b.sst != "" {
		parts = append(parts, part{"xl/sharedStrings.xml", b.sst})
	}
	if b.styles != "" {
		parts = append(parts, part{"xl/styles.xml", b.styles})
	}
	parts = append(parts, b.extra...)
	return buildZip(t, parts...)
}

// sheetXML wraps rows in a worksheet.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="` + nsMain + `"><sheetData>` + rows + `</sheetData></worksheet>`
}

// oneSheet is a workbook of one sheet "Trang1" with the given rows.
func oneSheet(t testing.TB, rows string) []byte {
	return book{sheets: []part{{"Trang1", sheetXML(rows)}}}.zip(t)
}

// readAll opens a workbook and reads every sheet, returning the cells of
// each and the first error.
func readAll(data []byte, lim Limits) (map[string][]Cell, error) {
	wb, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	out := map[string][]Cell{}
	for _, name := range wb.Sheets() {
		rows, err := wb.Rows(name)
		if err != nil {
			return out, err
		}
		for rows.Next() {
			_, cells := rows.Row()
			out[name] = append(out[name], cells...)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// asError checks that err is an *Error with sound messages and returns it.
func asError(t testing.TB, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	checkMessages(t, e)
	return e
}

// checkMessages checks that both messages are one line of valid UTF-8.
func checkMessages(t testing.TB, e *Error) {
	t.Helper()
	for _, m := range []string{e.Msg, e.MsgEN, e.Error(), e.ErrorEN()} {
		if m == "" || !utf8.ValidString(m) || strings.ContainsAny(m, "\r\n") {
			t.Fatalf("bad message %q", m)
		}
	}
}

// cellsText renders cells compactly for comparison.
func cellsText(cells []Cell) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "%s:%s:%q", c.Ref(), c.Kind, c.Value)
		if c.Formula != "" {
			fmt.Fprintf(&b, ":f=%q", c.Formula)
		}
		if !c.HasValue {
			b.WriteString(":novalue")
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}
