package vanban

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// parseErrors parses minimal with each replacement made and returns its errors.
func parseErrors(t *testing.T, src string) ErrorList {
	t.Helper()
	_, err := Parse("t.yaml", []byte(src))
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	return list
}

func replaced(t *testing.T, pairs ...string) string {
	t.Helper()
	src := minimal
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("test input lacks %q", pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

// wantError fails unless one of the errors is at want (FILE:LINE:COL) with
// both messages holding their texts.
func wantError(t *testing.T, list ErrorList, want, vi, en string) {
	t.Helper()
	for _, e := range list {
		if strings.HasPrefix(e.Error(), want+": ") && strings.Contains(e.Msg, vi) && strings.Contains(e.MsgEN, en) {
			return
		}
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error()+" | "+e.MsgEN)
	}
	t.Errorf("want an error at %s with %q / %q, got\n%s", want, vi, en, strings.Join(got, "\n"))
}

// yaml.v3 names the line of the mapping around a syntax error, counted from
// 0 for some errors; the error must be where the mistake is.
func TestSyntaxErrorPositions(t *testing.T) {
	tests := []struct {
		name     string
		pairs    []string
		at       string
		vi, en   string
		wantRule string
	}{
		{"text after a quoted value", []string{"subject: báo cáo kết quả", `subject: "Về việc" thêm chữ`},
			"t.yaml:10:20", `sau giá trị trong dấu ngoặc kép mở ở dòng 10, cột 10 còn chữ "thêm chữ"`, `after the value in double quotes opened at line 10, column 10 there is more text on the line: "thêm chữ"`, "yaml-syntax"},
		{"text after a quoted value, nested", []string{"  name: SỞ NỘI VỤ", `  name: "SỞ" NỘI VỤ`},
			"t.yaml:4:14", `còn chữ "NỘI VỤ"`, `more text on the line: "NỘI VỤ"`, "yaml-syntax"},
		{"text after a single-quoted value", []string{"place: Hà Tĩnh", "place: 'Hà' Tĩnh"},
			"t.yaml:8:13", `sau giá trị trong dấu nháy đơn mở ở dòng 8, cột 8 còn chữ "Tĩnh"`, "write '' for a quote inside", "yaml-syntax"},
		{"quote left open", []string{"subject: báo cáo kết quả", `subject: "báo cáo kết quả`},
			"t.yaml:15:35", `mở ở dòng 10, cột 10 còn chữ "nop\"}}**./."`, "opened at line 10, column 10", "yaml-syntax"},
		{"a second quoted value", []string{"subject: báo cáo kết quả", `subject: "Về việc" "thêm"`},
			"t.yaml:10:20", `còn chữ "\"thêm\""`, `more text on the line: "\"thêm\""`, "yaml-syntax"},
		{"quote open to the end of the file", []string{"archive: VT, VP", `archive: ["VT, VP`},
			"t.yaml:20:11", `found unexpected end of stream (dấu " mở ở đây chưa được đóng`, `(the " opened here is never closed`, "yaml-syntax"},
		{"key indented one space less", []string{"  name: Lê Minh Đạo", " name: Lê Minh Đạo"},
			"t.yaml:18:2", "did not find expected key", "did not find expected key", "yaml-syntax"},
		{"colon in a plain value", []string{"place: Hà Tĩnh", "place: Hà Tĩnh: Việt Nam"},
			"t.yaml:8:15", "mapping values are not allowed", "mapping values are not allowed", "yaml-syntax"},
		{"list left open", []string{"recipients: [Bộ Nội vụ]", "recipients: [Bộ Nội vụ"},
			"t.yaml:11:", "did not find expected ',' or ']'", "did not find expected ',' or ']'", "yaml-syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, replaced(t, tt.pairs...))
			if len(list) != 1 || list[0].Rule != tt.wantRule {
				t.Fatalf("got %v, want one %s error", list, tt.wantRule)
			}
			if !strings.HasPrefix(list[0].Error(), tt.at) || !strings.Contains(list[0].Msg, tt.vi) || !strings.Contains(list[0].MsgEN, tt.en) {
				t.Errorf("got\n%s\n%s\nwant %s… %q / %q", list[0].Error(), list[0].MsgEN, tt.at, tt.vi, tt.en)
			}
		})
	}
}

// Deep in a long file, where yaml.v3 names the line the list of rows
// starts on, the error is still on its line and column.
func TestSyntaxErrorDeepInLongFile(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal + "appendices:\n  - title: BẢNG\n    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score}]\n    rows:\n")
	for i := range 20_000 {
		if i == 19_000 {
			b.WriteString("      - [\"Tiêu chí\", \"1\"] thừa\n") // line 21+4+19000
		}
		b.WriteString("      - [\"Tiêu chí số " + strings.Repeat("x", i%7) + "\", \"1,5\"]\n")
	}
	list := parseErrors(t, b.String())
	wantError(t, list, "t.yaml:19025:27", "did not find expected '-' indicator", "did not find expected '-' indicator")
}

// Characters YAML does not allow are reported where they are, by code
// point, each of them; yaml.v3 says only "control characters are not
// allowed", at no line.
func TestDisallowedCharacters(t *testing.T) {
	tests := []struct {
		name, from, to, at, vi, en string
	}{
		{"U+0090 in a value", "place: Hà Tĩnh", "place: Hà \u0090Tĩnh", "t.yaml:8:11", "ký tự điều khiển U+0090 không được phép trong YAML", "control character U+0090 is not allowed in YAML"},
		{"U+007F in a comment", "code: SNV-VP", "code: SNV-VP # sửa\u007f", "t.yaml:7:19", "ký tự điều khiển U+007F không được phép", "control character U+007F"},
		{"U+FFFE", "subject: báo cáo kết quả", "subject: báo cáo \uFFFEkết quả", "t.yaml:10:18", "ký tự U+FFFE", "character U+FFFE (a Unicode noncharacter) is not allowed"},
		{"U+0007 raw", "subject: báo cáo kết quả", "subject: báo\a cáo", "t.yaml:10:13", "ký tự điều khiển U+0007", "U+0007"},
		{"after a byte order mark", "type: cong-van", "\uFEFFtype: cong\u0090-van", "t.yaml:1:11", "U+0090", "U+0090"},
		{"after CRLF lines", "date: 2024-03-05\n", "date: 2024-03-05\r\n\r\n\u0090\n", "t.yaml:11:1", "U+0090", "U+0090"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, replaced(t, tt.from, tt.to))
			if len(list) != 1 || list[0].Rule != "text-control" {
				t.Fatalf("got %v, want one text-control error", list)
			}
			wantError(t, list, tt.at, tt.vi, tt.en)
		})
	}
	// Every one of them, in file order.
	list := parseErrors(t, replaced(t, "place: Hà Tĩnh", "place: Hà\u0090 Tĩnh\u007f", "archive: VT, VP", "archive: VT, \uFFFEVP"))
	if len(list) != 3 {
		t.Fatalf("got %v, want 3 errors", list)
	}
	wantError(t, list, "t.yaml:8:10", "U+0090", "U+0090")
	wantError(t, list, "t.yaml:8:16", "U+007F", "U+007F")
	wantError(t, list, "t.yaml:20:14", "U+FFFE", "U+FFFE")
}

// yaml.v3 starts a new line after NEL, LINE SEPARATOR and PARAGRAPH
// SEPARATOR; an editor does not. Errors after one are on the editor's line.
func TestLineSeparatorsKeepPositions(t *testing.T) {
	for _, sep := range []string{"\u2028", "\u2029", "\u0085"} {
		t.Run(fmt.Sprintf("U+%04X", []rune(sep)[0]), func(t *testing.T) {
			// A quoted value holds the separator; the mistakes are after it.
			src := replaced(t, "place: Hà Tĩnh", `place: "Hà`+sep+`Tĩnh"`, "date: 2024-03-05", "date: 2024-02-30",
				"recipients: [Bộ Nội vụ]", `recipients: ["Bộ`+sep+`Nội vụ", {a: b}]`,
				`**{{deadline "nop"}}**./.`, `**{{deadline "nop"}}./.`, "archive: VT, VP", "archive: VT, VP\narchiv: x")
			list := parseErrors(t, src)
			wantError(t, list, "t.yaml:9:7", "tháng 2 năm 2024 có 29 ngày", "")
			wantError(t, list, "t.yaml:11:27", "cần một chuỗi văn bản, nhận một ánh xạ", "")
			wantError(t, list, "t.yaml:15:21", `"**" (chữ đậm) mở ở đây chưa được đóng`, "")
			wantError(t, list, "t.yaml:21:1", `trường "archiv" không được hỗ trợ`, "")
			// A syntax error after the separator.
			src = replaced(t, "place: Hà Tĩnh", `place: "Hà`+sep+`Tĩnh"`, "archive: VT, VP", "archive: VT: VP")
			wantError(t, parseErrors(t, src), "t.yaml:20:12", "mapping values are not allowed", "mapping values are not allowed")
		})
	}
	// In the body (a literal block), yaml.v3 keeps the separator and starts
	// a line after it; the body's next lines are where the editor shows them.
	src := replaced(t, "  Đề nghị gửi trước **{{deadline \"nop\"}}**./.", "  Đoạn một\u2028  vẫn dòng 15.\n  Đề nghị gửi trước **{{deadline \"nop\"}}./.")
	wantError(t, parseErrors(t, src), "t.yaml:16:21", `"**" (chữ đậm) mở ở đây chưa được đóng`, "")

	// Outside quotes the separator ends a line for YAML only: the message says so.
	src = replaced(t, "place: Hà Tĩnh", "place: Hà\u2028Tĩnh")
	wantError(t, parseErrors(t, src), "t.yaml:8:10", "ký tự U+2028 (LINE SEPARATOR) ở cột 10", "U+2028 (LINE SEPARATOR) at column 10")
}

// CR LF and CR alone end lines for editors and yaml.v3 alike; a byte order
// mark is not a column.
func TestLineEndingsAndBOM(t *testing.T) {
	src := replaced(t, "date: 2024-03-05", "date: 2024-02-30")
	list := parseErrors(t, "\uFEFF"+strings.ReplaceAll(strings.Replace(src, "type: cong-van", "type: nghi-dinh", 1), "\n", "\r\n"))
	wantError(t, list, "t.yaml:1:7", `"nghi-dinh" chưa được hỗ trợ`, "")
	wantError(t, list, "t.yaml:9:7", "tháng 2 năm 2024 có 29 ngày", "")
	list = parseErrors(t, strings.ReplaceAll(src, "\n", "\r"))
	wantError(t, list, "t.yaml:9:7", "tháng 2 năm 2024 có 29 ngày", "")
}
