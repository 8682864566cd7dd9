package vanban

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// longRows is the seed with its blank rows replaced by n rows written by
// row(i) (the lines of one item, indented under "    rows:").
func longRows(t testing.TB, n int, row func(i int) string) []byte {
	t.Helper()
	src, err := os.ReadFile("examples/cong-van-cchc-2023.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("    rows:\n")
	for i := range n {
		b.WriteString(row(i))
	}
	out := strings.Replace(string(src), "    blank_rows: 3\n", b.String(), 1)
	if out == string(src) {
		t.Fatal("the seed has no blank_rows line to replace")
	}
	return []byte(out)
}

// Rows decoded slice by slice are the rows, positions and errors of a
// whole parse, whatever shape the rows take; and a document the cut cannot
// serve falls back to the whole parse.
func TestCutRowsSameAsWhole(t *testing.T) {
	shapes := map[string]func(i int) string{
		"flow lists": func(i int) string {
			return fmt.Sprintf("      - [\"%d.1. Tiêu chí\", \"1\", \"0,5\", \"Lý do\", \"Bổ sung\", \"1\"]\n", i)
		},
		"comments and blank lines": func(i int) string {
			s := fmt.Sprintf("      - [\"%d.1. Tiêu chí\", \"1\", \"0,5\", \"\", \"\", \"1\"] # dòng %d\n", i, i)
			if i%7 == 0 {
				s += "\n      # một chú thích\n"
			}
			return s
		},
		"block mappings": func(i int) string {
			return fmt.Sprintf("      - \"Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1\": |\n          %d.1. Tiêu chí\n          viết trên hai dòng\n        Điểm tự chấm của tỉnh: 1\n", i)
		},
		"items at the key's indentation": func(i int) string {
			return fmt.Sprintf("    - [\"%d.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n", i)
		},
		"a bad score in row 2500": func(i int) string {
			score := "0,5"
			if i == 2500 {
				score = "1,2,3"
			}
			return fmt.Sprintf("      - [\"%d.1\", \"1\", \"%s\", \"\", \"\", \"1\"]\n", i, score)
		},
		// Aliases are left to the whole parse, which counts their
		// expansion over the file at once.
		"an alias inside a slice": func(i int) string {
			if i == 0 {
				return "      - &first [\"0.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n"
			}
			if i == 5 {
				return "      - *first\n"
			}
			return fmt.Sprintf("      - [\"%d.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n", i)
		},
		"an alias across slices": func(i int) string {
			if i == 0 {
				return "      - &first [\"0.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n"
			}
			if i == 1500 {
				return "      - *first\n"
			}
			return fmt.Sprintf("      - [\"%d.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n", i)
		},
	}
	for name, row := range shapes {
		t.Run(name, func(t *testing.T) {
			src := longRows(t, 3000, row)
			cut, blocks := cutRows(src)
			if len(blocks) != 1 {
				t.Fatalf("%d blocks cut, want 1", len(blocks))
			}
			// The cut serves documents that parse; the others fall back.
			sc, _ := scanSource(src)
			_, served := parseCut("x.yaml", sc, cut, blocks)
			if wantServed := !strings.HasPrefix(name, "a"); served != wantServed {
				t.Errorf("served by the cut: %v, want %v", served, wantServed)
			}
			got, gotErr := Parse("x.yaml", src)
			s, _ := scanSource(src)
			want, wantErr := parseWhole("x.yaml", src, s)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("errors differ:\ncut:   %v\nwhole: %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("the documents differ")
			}
			if want != nil && want.Appendices[0].Rows.Len() != 3000 {
				t.Errorf("%d rows", want.Appendices[0].Rows.Len())
			}
		})
	}
	// A "rows:" line inside a block of text is text: the document must
	// come out as the whole parse makes it.
	src, _ := os.ReadFile("examples/cong-van-cchc-2023.yaml")
	var body strings.Builder
	body.WriteString("body: |\n  rows:\n")
	for i := range 2500 {
		fmt.Fprintf(&body, "  - dòng %d\n", i)
	}
	text := strings.Replace(string(src), "body: |\n", body.String(), 1)
	got, gotErr := Parse("x.yaml", []byte(text))
	s, _ := scanSource([]byte(text))
	want, wantErr := parseWhole("x.yaml", []byte(text), s)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
		t.Errorf("a rows: line in the body changed the document: %v / %v", gotErr, wantErr)
	}
}

// Keys after a cut block, and a second block, keep the lines they have in
// the file: the lines cut are left out of the document parsed without the
// rows and given back to the nodes below them.
func TestCutRowsLinesBelow(t *testing.T) {
	row := func(i int) string { return fmt.Sprintf("      - [\"%d.1\", \"1\", \"0,5\", \"\", \"\", \"1\"]\n", i) }
	src := string(longRows(t, 2500, row))
	at := strings.Index(src, "  - title: ")
	second := strings.Replace(src[at:], "    rows:\n", "    rows:\n\n", 1) + "    total_label: Tổng điểm lần 2\n"
	second = strings.Replace(second, "    total_label: Tổng điểm\n", "", 1)
	src += second
	cut, blocks := cutRows([]byte(src))
	if len(blocks) != 2 {
		t.Fatalf("%d blocks cut, want 2", len(blocks))
	}
	if n := strings.Count(string(cut), "\n"); n > 150 {
		t.Errorf("the document without its rows has %d lines", n)
	}
	got, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := scanSource([]byte(src))
	want, err := parseWhole("x.yaml", []byte(src), s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the documents differ")
	}
	lines := strings.Split(src, "\n")
	p := got.PosOf("appendices[1].total_label")
	if p.Line < 1 || !strings.HasPrefix(lines[p.Line-1], "    total_label: Tổng điểm lần 2") {
		t.Errorf("appendices[1].total_label at %v", p)
	}
	if got.Appendices[1].Rows.Len() != 2500 || got.Appendices[1].Rows.Text(2499, 1) != "2499.1" {
		t.Errorf("second appendix: %d rows", got.Appendices[1].Rows.Len())
	}
}
