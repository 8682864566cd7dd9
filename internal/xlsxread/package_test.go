package xlsxread

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// Rule 3: a sheet that cannot be read to its end is an error naming the
// last row read, never a shorter sheet.
func TestBrokenSheet(t *testing.T) {
	full := sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`)
	cut := strings.Index(full, `<row r="3">`)
	for _, tc := range []struct {
		name, xml string
		row       int
		msg       string
	}{
		{"cut between rows", full[:cut], 2, "hỏng sau hàng 2"},
		{"cut in a row", full[:cut+len(`<row r="3"><c r="A3"><v>`)], 3, "hỏng trong hàng 3"},
		{"cut in a tag", full[:cut+len(`<row r="3"><c r="A`)], 3, "hỏng trong hàng 3"},
		{"cut after sheetData", strings.TrimSuffix(full, "</worksheet>"), 3, "hỏng sau hàng 3"},
		{"cut before data", full[:60], 0, "hỏng trước hàng đầu tiên"},
		{"mismatched tags", strings.Replace(full, `<v>2</v></c>`, `<v>2</v></row>`, 1), 2, "is closed by </row>"},
		{"stray end tag", full + "</x>", 3, "closes no element"},
		{"second root", full + "<worksheet/>", 3, "after the root"},
		{"bad entity", strings.Replace(full, "<v>2</v>", "<v>&bogus;</v>", 1), 2, "hỏng trong hàng 2"},
		{"bad UTF-8", strings.Replace(full, "<v>2</v>", "<v>\xff\xfe</v>", 1), 2, "hỏng trong hàng 2"},
		{"control character", strings.Replace(full, "<v>2</v>", "<v>\x01</v>", 1), 2, "illegal character"},
		{"UTF-16 declared", strings.Replace(full, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), 0, "UTF-16"},
		{"empty", "", 0, "no root element"},
		{"deep", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>` + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)), 1, "nest more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := book{sheets: []part{{"Trang1", tc.xml}}}.zip(t)
			wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := wb.Rows("Trang1")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			err = rows.Err()
			if err == nil {
				t.Fatal("no error")
			}
			e := asError(t, err)
			if e.Sheet != "Trang1" || e.Row != tc.row || !strings.Contains(e.Msg, tc.msg) || !strings.HasPrefix(e.Msg, "không đọc được trang tính đến hết") {
				t.Fatalf("row %d, %q", e.Row, e.Msg)
			}
		})
	}
}

// rawZipEntry writes a deflated entry whose header may lie about its size.
func rawZipEntry(t testing.TB, zw *zip.Writer, name string, body []byte, claimed uint64) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(comp.Len()), UncompressedSize64: claimed})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
}

// Rule 4: zip safety.
func TestZipLimits(t *testing.T) {
	rows := strings.Repeat(`<row><c t="inlineStr"><is><t>`+strings.Repeat("a", 1000)+`</t></is></c></row>`, 2000)
	sheet := []byte(sheetXML(rows)) // about 2 MB, a few KB compressed
	build := func(claimed uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		base := book{sheets: []part{{"Trang1", ""}}}.zip(t)
		zr, _ := zip.NewReader(bytes.NewReader(base), int64(len(base)))
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				rawZipEntry(t, zw, f.Name, sheet, claimed)
				continue
			}
			zw.Copy(f)
		}
		zw.Close()
		return buf.Bytes()
	}
	lim := Limits{MaxPartBytes: 1 << 20}

	// The header says 3 MB: refused before reading.
	_, err := readAll(build(3<<20), lim)
	if e := asError(t, err); e.Sheet != "Trang1" || e.Part != "xl/worksheets/sheet1.xml" || !strings.Contains(e.Msg, "giải nén ra 3 MB, vượt giới hạn 1 MB") {
		t.Fatalf("%+v", e)
	}
	// The header says 1 KB: it lies, and the reading stops.
	_, err = readAll(build(1<<10), lim)
	if e := asError(t, err); e.Sheet != "Trang1" || !strings.HasPrefix(e.Msg, "không đọc được trang tính đến hết") {
		t.Fatalf("%+v", e)
	}
	// The header says the truth, within the limit: read.
	if all, err := readAll(build(uint64(len(sheet))), Limits{}); err != nil || len(all["Trang1"]) != 2000 {
		t.Fatal(err)
	}
	// A huge part whose header is true: refused from the header.
	huge := book{sheets: []part{{"Trang1", sheetXML(rows)}}}.zip(t)
	if _, err := readAll(huge, lim); !strings.Contains(asError(t, err).Msg, "vượt giới hạn 1 MB") {
		t.Fatal(err)
	}

	// The limit while reading, on its own (archive/zip also stops at the
	// header's size, so an end-to-end lie is caught by whichever is first).
	p := &partReader{rc: io.NopCloser(bytes.NewReader(make([]byte, 100))), left: 99, name: "x"}
	n, err := io.Copy(io.Discard, p)
	var big *tooBigError
	if n != 99 || !errors.As(err, &big) {
		t.Fatalf("read %d, %v", n, err)
	}
	p = &partReader{rc: io.NopCloser(bytes.NewReader(make([]byte, 100))), left: 100, name: "x"}
	if n, err := io.Copy(io.Discard, p); n != 100 || err != nil {
		t.Fatalf("read %d, %v", n, err)
	}
	if e := partError("x", 99, &tooBigError{"x"}); !strings.Contains(e.Msg, "giải nén ra hơn 99 byte") {
		t.Fatal(e.Msg)
	}

	// Shared strings are limited in total.
	sst := `<sst xmlns="` + nsMain + `">` + strings.Repeat(`<si><t>`+strings.Repeat("x", 100)+`</t></si>`, 100) + `</sst>`
	data := book{sheets: []part{{"Trang1", sheetXML("")}}, sst: sst}.zip(t)
	const kept = 100*100 + 100*entryBytes // texts and entries
	if _, err := readAll(data, Limits{MaxSharedStrings: kept - 1}); !strings.Contains(asError(t, err).Msg, "dài hơn giới hạn 11 KB") {
		t.Fatal(err)
	}
	if _, err := readAll(data, Limits{MaxSharedStrings: kept}); err != nil {
		t.Fatal(err)
	}
}

// Rule 4: missing parts, and the other ways a package can be broken.
func TestPackageErrors(t *testing.T) {
	sheet := []part{{"Trang1", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)}}
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"not a zip", []byte("Họ và tên,Điểm\n"), "không phải bảng tính Excel .xlsx"},
		{"xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "bảng tính Excel cũ (.xls)"},
		{"no workbook", buildZip(t, part{"xl/worksheets/sheet1.xml", sheetXML("")}), `thiếu phần "xl/workbook.xml"`},
		{"no workbook rels", book{sheets: sheet, noRels: true}.zip(t), `thiếu phần "xl/_rels/workbook.xml.rels"`},
		{"no sheet part", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relWS + `" Target="worksheets/nothere.xml"/></Relationships>`}),
			`thiếu phần "xl/worksheets/nothere.xml" chứa dữ liệu của trang tính`},
		{"dangling id", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId9"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships/>`}), `mã "rId9" không có`},
		{"target outside", buildZip(t, part{"xl/workbook.xml", `<workbook xmlns:r="r"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relWS + `" Target="../../etc/passwd"/></Relationships>`}), `trỏ ra ngoài tệp ("../../etc/passwd")`},
		{"dangling shared strings", buildZip(t, part{"xl/workbook.xml", `<workbook/>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relSST + `" Target="sharedStrings.xml"/></Relationships>`}),
			`thiếu phần "sharedStrings.xml" mà bảng tính liên kết tới`},
		{"duplicate sheet", book{sheets: []part{sheet[0], sheet[0]}}.zip(t), "hai trang tính cùng tên"},
		{"unnamed sheet", book{sheets: []part{{"", sheetXML("")}}}.zip(t), "trang tính thứ 1 không có tên"},
		{"duplicate part", buildZip(t, part{"xl/workbook.xml", `<workbook/>`}, part{"XL/Workbook.xml", `<workbook/>`}), "hai phần cùng tên"},
		{"broken workbook", buildZip(t, part{"xl/workbook.xml", `<workbook><sheets>`}), `không đọc được phần "xl/workbook.xml": XML syntax error on line 1: the data ends inside <sheets>`},
		{"broken shared strings", book{sheets: sheet, sst: "<sst><si><t>\xff</t></si></sst>"}.zip(t), `không đọc được phần "xl/sharedStrings.xml"`},
		{"broken styles", book{sheets: sheet, styles: `<styleSheet><cellXfs>`}.zip(t), `không đọc được phần "xl/styles.xml"`},
		{"broken root rels", book{sheets: sheet, extra: nil}.withRootRels(t, `<Relationships>`), `không đọc được phần "_rels/.rels"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(tc.data, Limits{})
			if err == nil {
				t.Fatal("no error")
			}
			if e := asError(t, err); !strings.Contains(e.Msg, tc.msg) {
				t.Fatalf("%q", e.Msg)
			}
		})
	}

	wb, err := Open(bytes.NewReader(book{sheets: sheet}.zip(t)), int64(len(book{sheets: sheet}.zip(t))), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wb.Rows("Không có"); asError(t, err).Sheet != "Không có" {
		t.Fatal(err)
	}
}

func (b book) withRootRels(t testing.TB, rels string) []byte {
	b.noRoot = true
	b.extra = append(b.extra, part{"_rels/.rels", rels})
	return b.zip(t)
}

// Targets written as absolute paths, backslashes, upper case and URI escapes,
// and a workbook found through _rels/.rels under another name.
func TestPartNames(t *testing.T) {
	rows := `<row r="1"><c r="A1"><v>1</v></c></row>`
	data := book{sheets: []part{{"Trang1", sheetXML(rows)}}, absPath: true}.zip(t)
	if all, err := readAll(data, Limits{}); err != nil || len(all["Trang1"]) != 1 {
		t.Fatal(all, err)
	}
	data = buildZip(t,
		part{"_rels/.rels", `<Relationships><Relationship Id="a" Type="` + relDoc + `" Target="/Book/main.xml"/></Relationships>`},
		part{"Book/main.xml", `<workbook xmlns:r="r"><sheets><sheet name="Một" r:id="s"/></sheets></workbook>`},
		part{"Book/_rels/main.xml.rels", `<Relationships><Relationship Id="s" Type="` + relWS + `" Target="my%20sheet.xml"/><Relationship Id="x" Type="` + relWS + `" Target="http://example.com/" TargetMode="External"/></Relationships>`},
		part{`BOOK\My Sheet.XML`, sheetXML(rows)})
	if all, err := readAll(data, Limits{}); err != nil || len(all["Một"]) != 1 {
		t.Fatal(all, err)
	}
}

func TestDecodeXString(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"plain":                  "plain",
		"_x000D_":                "\r",
		"a_x000d_b":              "a\rb",
		"_x005F_x000D_":          "_x000D_",
		"_x00E0_":                "à",
		"_xD83D__xDE00_":         "😀",
		"_xD83D_":                "\uFFFD",
		"_xD83D_x":               "\uFFFDx",
		"_x12":                   "_x12",
		"_xZZZZ_":                "_xZZZZ_",
		"__x0041_":               "_A",
		"_x0041__x0042_":         "AB",
		"_x0041_" + "_x00G1_end": "A_x00G1_end",
	} {
		b := []byte(in)
		if got := string(decodeXString(b)); got != want {
			t.Errorf("decodeXString(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	for col, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 64: "BL", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := columnName(col); got != name {
			t.Errorf("columnName(%d) = %s", col, got)
		}
		if row, c, ok := parseRef(name + "7"); !ok || row != 7 || c != col {
			t.Errorf("parseRef(%s7) = %d %d %v", name, row, c, ok)
		}
	}
	if got := (Cell{Row: 12, Col: 16384}).Ref(); got != "XFD12" {
		t.Error(got)
	}
	if got := errText(errors.New("bad \xff byte\nsecond line")); got != "bad \uFFFD byte" {
		t.Errorf("%q", got)
	}
	if got := quote("a\xffb\nc"); got != `"a\ufffdb\nc"` && got != `"a�b\nc"` {
		t.Errorf("%s", got)
	}
	for n, want := range map[int64]string{900: "900 byte", 9999: "9 KB", 1 << 20: "1 MB", 3 << 19: "1536 KB", 64 << 20: "64 MB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %s", n, got)
		}
	}
}

// A Workbook may be read by several Rows at once (go test -race); Close
// may come early, and twice.
func TestConcurrentRows(t *testing.T) {
	data := scoresBook(t, 2000)
	wb, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	counts := make(chan int)
	for range 4 {
		go func() {
			rows, err := wb.Rows("Phụ lục")
			if err != nil {
				counts <- -1
				return
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				_, cells := rows.Row()
				n += len(cells)
			}
			if rows.Err() != nil {
				n = -1
			}
			counts <- n
		}()
	}
	for range 4 {
		if n := <-counts; n != 12000 {
			t.Fatalf("%d cells", n)
		}
	}
	rows, _ := wb.Rows("Phụ lục")
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if rows.Close() != nil || rows.Close() != nil || rows.Next() {
		t.Fatal("Close")
	}
}
