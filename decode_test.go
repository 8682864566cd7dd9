package vanban

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// minimal is a small valid công văn; tests change one thing in it.
const minimal = `type: cong-van
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
number: 5
code: SNV-VP
place: Hà Tĩnh
date: 2024-03-05
subject: báo cáo kết quả
recipients: [Bộ Nội vụ]
deadlines:
  nop: 2024-03-06 14:00
body: |
  Đề nghị gửi trước **{{deadline "nop"}}**./.
signer:
  title: GIÁM ĐỐC
  name: Lê Minh Đạo
cc: [Như trên]
archive: VT, VP
`

func TestParseSeedExample(t *testing.T) {
	doc, err := ParseFile("examples/cong-van-cchc-2023.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Number != 0 || doc.Code != "SNV-CCHC&VTLT" || doc.Date.Year != 2024 || doc.Date.Month != 3 || doc.Date.Day != 0 {
		t.Errorf("number/code/date: %d %q %+v", doc.Number, doc.Code, doc.Date)
	}
	if len(doc.Recipients) != 4 || len(doc.Body) != 6 || len(doc.CC) != 4 || len(doc.Appendices) != 1 {
		t.Errorf("recipients %d, body %d, cc %d, appendices %d", len(doc.Recipients), len(doc.Body), len(doc.CC), len(doc.Appendices))
	}
	a := doc.Appendices[0]
	if !a.Header || !a.Landscape || a.BlankRows != 3 || len(a.Columns) != 7 || a.TotalLabel != "Tổng điểm" {
		t.Errorf("appendix: %+v", a)
	}
	if a.Columns[0].Kind != IndexColumn || a.Columns[2].Kind != ScoreColumn || !a.Columns[2].Total {
		t.Errorf("columns: %+v", a.Columns)
	}
	// The first paragraph carries the subscript of "7484/UBND-NC~1~".
	var sub []string
	for _, in := range doc.Body[0].Inlines {
		if in.Script == Subscript {
			sub = append(sub, in.Text)
		}
	}
	if len(sub) != 1 || sub[0] != "1" {
		t.Errorf("subscripts = %q, want [1]", sub)
	}
	if doc.Body[2].Kind != ItemParagraph || doc.Body[3].Kind != ItemParagraph {
		t.Errorf("item paragraphs not recognised: %v %v", doc.Body[2].Kind, doc.Body[3].Kind)
	}
}

func TestBodyMarkup(t *testing.T) {
	src := strings.Replace(minimal, "  Đề nghị gửi trước **{{deadline \"nop\"}}**./.\n",
		"  Đoạn *nghiêng* và **đậm *cả hai*** H~2~O m^2^ \\*sao\\*\n  nối dòng.\n\n  - mục một\n  - mục hai\n  1. số một\n  a) điểm a\n", 1)
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Body) != 5 {
		t.Fatalf("got %d paragraphs, want 5", len(doc.Body))
	}
	type piece struct {
		text         string
		bold, italic bool
		script       Script
	}
	var got []piece
	for _, in := range doc.Body[0].Inlines {
		got = append(got, piece{in.Text, in.Bold, in.Italic, in.Script})
	}
	want := []piece{
		{"Đoạn ", false, false, Baseline}, {"nghiêng", false, true, Baseline}, {" và ", false, false, Baseline},
		{"đậm ", true, false, Baseline}, {"cả hai", true, true, Baseline}, {" H", false, false, Baseline},
		{"2", false, false, Subscript}, {"O m", false, false, Baseline}, {"2", false, false, Superscript},
		{" *sao* nối dòng.", false, false, Baseline},
	}
	if len(got) != len(want) {
		t.Fatalf("inlines = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("inline %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	kinds := []ParagraphKind{PlainParagraph, ItemParagraph, ItemParagraph, NumberedParagraph, NumberedParagraph}
	for i, k := range kinds {
		if doc.Body[i].Kind != k {
			t.Errorf("paragraph %d kind = %v, want %v", i, doc.Body[i].Kind, k)
		}
	}
	if doc.Body[1].Inlines[0].Text != "- mục một" {
		t.Errorf("item text = %q, want it kept as written", doc.Body[1].Inlines[0].Text)
	}
}

// Text is NFC-normalised on input (docs/nd30.md §1): NFD input renders broken in PDF.
func TestParseNormalisesToNFC(t *testing.T) {
	src := norm.NFD.String(minimal)
	if src == minimal {
		t.Fatal("test input has no decomposable text")
	}
	doc, err := Parse("nfd.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{doc.Agency.Name, doc.Place, doc.Subject, doc.Signer.Name, doc.Body[0].Inlines[0].Text} {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%q is not NFC", s)
		}
	}
	if doc.Place != "Hà Tĩnh" {
		t.Errorf("place = %q", doc.Place)
	}
}

// Every rejection names FILE:LINE:COLUMN, the field, and what was expected, in Vietnamese.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		from, to string // replace in minimal
		want     string // FILE:LINE:COL prefix and message substring
		msg      string
	}{
		{"unknown field with suggestion", "subject:", "subjet:", "t.yaml:10:1:", `"subjet" không được hỗ trợ; có phải ý bạn là "subject"?`},
		{"unknown nested field", "  name_in_text:", "  name_in_txt:", "t.yaml:5:3:", `có phải ý bạn là "name_in_text"?`},
		{"wrong type", "recipients: [Bộ Nội vụ]", "recipients: {a: b}", "t.yaml:11:13:", "cần một danh sách các dòng"},
		{"impossible date", "date: 2024-03-05", "date: 2024-02-30", "t.yaml:9:7:", "không tồn tại: tháng 2 năm 2024 có 29 ngày"},
		{"month 13", "date: 2024-03-05", "date: 2024-13", "t.yaml:9:7:", "tháng 13 không tồn tại"},
		{"bad date form", "date: 2024-03-05", "date: 05/03/2024", "t.yaml:9:7:", "cần ngày dạng YYYY-MM-DD"},
		{"Party prefix", "title: GIÁM ĐỐC", "title: [K/T GIÁM ĐỐC, PHÓ GIÁM ĐỐC]", "t.yaml:17:11:", `dùng "KT."`},
		{"T/M prefix", "title: GIÁM ĐỐC", "title: T/M ỦY BAN NHÂN DÂN", "t.yaml:17:10:", `dùng "TM."`},
		{"undefined deadline", `{{deadline "nop"}}`, `{{deadline "nopp"}}`, "t.yaml:15:23:", `thời hạn "nopp" chưa được khai báo`},
		{"bad template", `{{deadline "nop"}}`, `{{hanchot "nop"}}`, "t.yaml:15:23:", "cần {{deadline"},
		{"unclosed bold", `**{{deadline "nop"}}**./.`, `**{{deadline "nop"}}./.`, "t.yaml:15:21:", `"**" (chữ đậm) mở ở đây chưa được đóng`},
		{"impossible deadline", "nop: 2024-03-06 14:00", "nop: 2024-02-31 14:00", "t.yaml:13:8:", "không tồn tại"},
		{"deadline hour", "nop: 2024-03-06 14:00", "nop: 2024-03-06 25:00", "t.yaml:13:8:", "giờ 25:00 không hợp lệ"},
		{"missing required", "code: SNV-VP\n", "", "t.yaml:1:1:", `"code": thiếu trường bắt buộc`},
		{"empty required", "place: Hà Tĩnh", "place: ''", "t.yaml:8:8:", "không được để trống"},
		{"number not integer", "number: 5", "number: năm", "t.yaml:6:9:", "cần một số nguyên"},
		{"number zero", "number: 5", "number: 0", "t.yaml:6:9:", "cần một số nguyên từ 1"},
		{"size set", "type: cong-van", "type: cong-van\nsize_set: 12", "t.yaml:2:11:", "từ 13 đến 14"},
		{"unknown type", "type: cong-van", "type: nghi-dinh", "t.yaml:1:7:", `"nghi-dinh" chưa được hỗ trợ`},
		{"control character", "subject: báo cáo kết quả", "subject: \"báo cáo\\u0007 kết quả\"", "t.yaml:10:10:", "ký tự điều khiển U+0007"},
		{"yaml syntax", "agency:\n", "agency:\n  - x\n  y: z\n", "t.yaml:", "lỗi cú pháp YAML"},
		{"boolean", "archive: VT, VP", "archive: VT, VP\nappendices:\n  - title: X\n    landscape: có\n    columns: [{title: A}]", "t.yaml:23:16:", "cần true hoặc false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimal, tt.from) {
				t.Fatalf("test input lacks %q", tt.from)
			}
			src := strings.Replace(minimal, tt.from, tt.to, 1)
			_, err := Parse("t.yaml", []byte(src))
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			first := list[0].Error()
			if !strings.HasPrefix(first, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error:\n%s\nwant prefix %q and %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestParseAppendixErrors(t *testing.T) {
	appendix := minimal + `appendices:
  - title: BẢNG ĐIỂM
    columns:
      - {title: STT, kind: index}
      - {title: Tiêu chí}
      - {title: Điểm, kind: score, total: true, max: 10}
    rows:
      - [Tiêu chí 1, "0,5"]
ROW
`
	tests := []struct {
		name, row, want, msg string
	}{
		{"too many cells", `      - [Tiêu chí 2, "1", thừa]`, "t.yaml:29:27:", "dòng có 3 ô nhưng bảng chỉ có 2 cột cần điền"},
		{"not a score", `      - [Tiêu chí 2, "1,2,3"]`, "t.yaml:29:22:", `cột "Điểm": "1,2,3" không phải là điểm: không phải số thập phân`},
		{"above max", `      - [Tiêu chí 2, "10,5"]`, "t.yaml:29:22:", "lớn hơn điểm tối đa 10"},
		{"unknown column title", `      - {Tieu chi: x, Điểmm: 1}`, "t.yaml:29:10:", `không có cột tên "Tieu chi"`},
		{"index is automatic", `      - {STT: 4}`, "t.yaml:29:10:", "được đánh số tự động"},
		{"bad kind", `      - [x]` + "\n    blank_rows: -1", "t.yaml:30:17:", "cần một số nguyên từ 0"},
		{"columns wider than the page", `      - [x]` + "\n  - title: RỘNG\n    columns: [{title: A, width: 100}, {title: B, width: 90}]",
			"t.yaml:31:14:", "vượt bề rộng vùng in 165 mm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(appendix, "ROW", tt.row, 1)
			_, err := Parse("t.yaml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error:\n%s\nwant prefix %q and %q", err, tt.want, tt.msg)
			}
		})
	}
	// Rows by column title are matched regardless of case, spacing and normalisation.
	src := strings.Replace(appendix, "ROW", "      - {\"  tiêu   CHÍ \": Tiêu chí 2, "+norm.NFD.String("điểm")+": \"2,25\"}", 1)
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rows := doc.Appendices[0].Rows
	if rows.Len() != 2 || rows.Text(1, 1) != "Tiêu chí 2" || rows.Text(1, 2) != "2,25" {
		t.Errorf("rows = %+v", rows)
	}
	if sum, ok := doc.Appendices[0].Total(2); !ok || sum.String() != "2,75" {
		t.Errorf("total = %v %v, want 2,75", sum, ok)
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile("testdata/does-not-exist.yaml")
	if err == nil || !strings.Contains(err.Error(), "testdata/does-not-exist.yaml: không đọc được tệp: tệp không tồn tại") {
		t.Errorf("err = %v", err)
	}
}

func TestParseLimits(t *testing.T) {
	big := make([]byte, MaxInputBytes+1)
	if _, err := Parse("big.yaml", big); err == nil || !strings.Contains(err.Error(), "giới hạn") {
		t.Errorf("oversized input: %v", err)
	}
	if _, err := Parse("bad.yaml", []byte("type: cong-van\nplace: H\xe0 T\xecnh\n")); err == nil || !strings.HasPrefix(err.Error(), "bad.yaml:2:9:") {
		t.Errorf("non-UTF-8 input: %v", err)
	}
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := range 9 {
		name := string(rune('b' + i))
		laughs += name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = name
	}
	if _, err := Parse("laughs.yaml", []byte(laughs)); err == nil || !strings.Contains(err.Error(), "anchor/alias") {
		t.Errorf("billion laughs: %v", err)
	}
	if _, err := Parse("empty.yaml", nil); err == nil || !strings.Contains(err.Error(), "tệp rỗng") {
		t.Errorf("empty input: %v", err)
	}
}

// The input contract of issue #2, verbatim (comments, flow lists, blank number):
// these names and forms must keep working.
func TestInputContract(t *testing.T) {
	doc, err := ParseFile("testdata/contract.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if doc.SizeSet != 13 || doc.Number != 0 || doc.Agency.Parent != "UBND TỈNH HÀ TĨNH" || doc.Agency.NameInText != "Sở Nội vụ" ||
		len(doc.Recipients) != 4 || len(doc.CC) != 4 || doc.Archive != "VT, CCHC&VTLT" || doc.Signer.Title[0] != "GIÁM ĐỐC" {
		t.Errorf("decoded %+v", doc)
	}
	if got := doc.Deadlines["phan-mem"].Text(); got != "24h00 ngày 06/3/2024 (thứ Tư)" {
		t.Errorf("phan-mem = %q", got)
	}
	if got := doc.Deadlines["tong-hop"].Text(); got != "14h00 ngày 06/3/2024 (thứ Tư)" {
		t.Errorf("tong-hop = %q", got)
	}
	a := doc.Appendices[0]
	if !a.Header || !a.Landscape || a.BlankRows != 3 || a.TotalLabel != "Tổng điểm" || len(a.Columns) != 7 {
		t.Errorf("appendix %+v", a)
	}
}
