package form

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	vanban "github.com/vanban-vn/vanban"
)

// cleanReference is clean without its fast path: what a cell's text must
// come out as.
func cleanReference(s string) string {
	s = strings.ToValidUTF8(s, "�")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// A returned form's cells become the model's text: NFC, no control
// characters, single spaces; text that is already so is kept as it is.
func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Sở Tư pháp", "Sở Tư pháp"},
		{"  Sở  Tư\tpháp ", "Sở Tư pháp"},
		{"Sở Tư pháp\n", "Sở Tư pháp"},
		{"a\u00a0b", "a b"}, // no-break space, as Excel pastes it
		{norm.NFD.String("Lê Minh Đạo"), "Lê Minh Đạo"},
		{"Tổng\x07điểm", "Tổng điểm"},
		{"x\x7fy", "x y"},
		{"a\u0093b", "a b"}, // a C1 control, as a cp1252 quote pasted into UTF-8 comes
		{"a\uffffb\ufffe", "a b"},
		{"\xff\xfeabc", "�abc"}, // a run of bad bytes becomes one U+FFFD
		{"0,5", "0,5"},
		{"đã có �", "đã có �"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := cleanReference(tt.in); got != tt.want {
			t.Errorf("reference(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if isClean(tt.in) != (tt.in == tt.want) {
			t.Errorf("isClean(%q) = %v", tt.in, isClean(tt.in))
		}
	}
}

// withPart is the zip archive data with one part's content replaced.
func withPart(t testing.TB, data []byte, name string, content []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			found = true
			if _, err := w.Write(content); err != nil {
				t.Fatal(err)
			}
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(w, r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil || !found {
		t.Fatalf("rewriting %s: %v (found %v)", name, err, found)
	}
	return out.Bytes()
}

// brokenWorkbook is an XLSX whose workbook part has a tag name with a byte
// that is not UTF-8, which the XML parser quotes in its error (found by
// FuzzReadRows in CI).
func brokenWorkbook(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := excelize.NewFile().Write(&buf); err != nil {
		t.Fatal(err)
	}
	return withPart(t, buf.Bytes(), "xl/workbook.xml", []byte("<?xml version=\"1.0\"?>\n<a:eff\xf09/>"))
}

// The message about a broken workbook is still text.
func TestReadBrokenWorkbookMessage(t *testing.T) {
	_, err := Read("form.xlsx", brokenWorkbook(t), Spec{Columns: []vanban.Column{{Title: "STT"}}, TotalLabel: "Tổng"})
	var list vanban.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("error %v, want one placed error", err)
	}
	e := list[0]
	if e.File != "form.xlsx" || e.Msg == "" || !utf8.ValidString(e.Msg) || !utf8.ValidString(e.MsgEN) {
		t.Errorf("error %+v: want the file named and UTF-8 text", e)
	}
}

// FuzzReadRows: whatever a department sends back — CSV bytes or an XLSX
// workbook — reading it gives rows or errors that name a place, never a
// panic; every text read is clean, every score parses, and the accounting
// kept while reading (rows, sums of each score column) is what the rows
// hold and what a merge of them writes.
func FuzzReadRows(f *testing.F) {
	cols := []vanban.Column{{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Tiêu chí"}, {Title: "Điểm", Kind: vanban.ScoreColumn, Total: true}}
	spec := Spec{Columns: cols, TotalLabel: "Tổng điểm"}
	f.Add(false, []byte("STT,Tiêu chí,Điểm\n1,Tiêu chí 1.1,\"0,5\"\n2, Tiêu  chí 2 ,1.25\nTổng điểm,,\"1,75\"\n"))
	f.Add(false, []byte("Đơn vị báo cáo:,Sở Tư pháp\nstt,TIÊU CHÍ,điểm\n,x,abc\n"))
	f.Add(false, []byte("\xef\xbb\xbfSTT;Tiêu chí;Điểm\n1;a;2\n"))
	f.Add(false, []byte("STT,Tiêu chí,Điểm\n1,a,2\nTổng điểm,,2\n,b,3\n"))
	x := excelize.NewFile()
	for ref, v := range map[string]any{"A1": "Đơn vị báo cáo:", "B1": "Cục Thuế tỉnh", "A3": "STT", "B3": "Tiêu chí", "C3": "Điểm", "A4": 1, "B4": "Tiêu chí 1", "C4": 0.5, "A5": "Tổng điểm", "C5": 0.5} {
		x.SetCellValue("Sheet1", ref, v)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(true, buf.Bytes())
	f.Add(true, brokenWorkbook(f))
	f.Fuzz(func(t *testing.T, isXLSX bool, data []byte) {
		name := "form.csv"
		if isXLSX {
			name = "form.xlsx"
		}
		got, err := Read(name, data, spec)
		if err != nil {
			var list vanban.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a list of placed errors", err)
			}
			for _, e := range list {
				if e.File != name || e.Msg == "" || e.MsgEN == "" || !utf8.ValidString(e.Msg) || !utf8.ValidString(e.MsgEN) {
					t.Fatalf("error without file or message: %+v", e)
				}
			}
			return
		}
		for _, row := range got.Rows.All() {
			for i, c := range row {
				if !isClean(c.Text) {
					t.Fatalf("cell %q is not clean", c.Text)
				}
				if (c.Score != nil) != (cols[i].Kind == vanban.ScoreColumn && c.Text != "") {
					t.Fatalf("column %q cell %q: score %v", cols[i].Title, c.Text, c.Score)
				}
			}
		}
		held := CountRows(cols, got.Rows)
		if held.Rows != got.Count.Rows || held.Sums[2].Cmp(got.Count.Sums[2]) != 0 {
			t.Fatalf("read %d rows summing %s, hold %d rows summing %s", got.Count.Rows, got.Count.Sums[2], held.Rows, held.Sums[2])
		}
		// What a merge of the form writes is what was read.
		doc, err := vanban.Parse("cv.yaml", []byte(fuzzDoc))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Merge(doc, []byte(fuzzDoc), []Returned{{Path: name, Unit: "Sở \"Tư\" pháp", Rows: got.Rows, Count: got.Count}}, NewRoster(nil, nil), Options{Subtotals: isXLSX})
		if err != nil {
			t.Fatalf("merge of a form that reads: %v", err)
		}
		if res.Report.Out.Rows != got.Count.Rows || res.Report.Out.Sums[2].Cmp(got.Count.Sums[2]) != 0 {
			t.Fatalf("merged %d rows summing %s, read %d summing %s", res.Report.Out.Rows, res.Report.Out.Sums[2], got.Count.Rows, got.Count.Sums[2])
		}
	})
}

const fuzzDoc = `type: cong-van
agency: {name: Sở Nội vụ, name_in_text: Sở Nội vụ}
code: SNV-VP
place: Hà Tĩnh
date: 2024-03-04
subject: Tổng hợp
recipients: Sở Tư pháp
body: Đề nghị tổng hợp.
signer: {title: GIÁM ĐỐC, name: Lê Minh Đạo}
archive: VT, VP
appendices:
  - title: PHỤ LỤC
    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]
    total_label: Tổng điểm
`

// The fast path never changes what clean returns.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Sở Tư pháp", " a  b ", "a\u00a0b", "\xff", "\uFFFD", norm.NFD.String("Đạo")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), cleanReference(s); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
		if c := clean(s); !isClean(c) {
			t.Fatalf("clean(%q) = %q is not clean", s, c)
		}
	})
}
