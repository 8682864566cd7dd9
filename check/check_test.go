package check_test

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
)

// clean is a công văn that breaks no rule; each case changes one thing.
const clean = `type: cong-van
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
number: 5
code: SNV-VP
place: Hà Tĩnh
date: 2024-03-05
subject: báo cáo kết quả
recipients: [Bộ Nội vụ, Sở Tài chính]
deadlines:
  nop: 2024-03-06 14:00
body: |
  Thực hiện Công văn số 12/UBND-NC ngày 05/01/2024 của Ủy ban nhân dân tỉnh, theo khoản 2 Điều 3.

  Đề nghị gửi trước **{{deadline "nop"}}**, chậm nhất ngày 06/3/2024 (thứ Tư)./.
signer:
  title: GIÁM ĐỐC
  name: Lê Minh Đạo
cc: [Như trên, Lưu trữ tỉnh]
archive: VT, VP
`

func findings(t *testing.T, src string) []check.Finding {
	t.Helper()
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return check.Document(doc)
}

func TestCleanDocumentHasNoFindings(t *testing.T) {
	for _, f := range findings(t, clean) {
		t.Errorf("unexpected: %s", f.Format("vi"))
	}
}

// Each rule: the failing case gives exactly that rule at that line, with the
// message in Vietnamese and English (the passing case is clean above).
func TestRules(t *testing.T) {
	tests := []struct {
		rule     string
		from, to string
		line     int
		vi, en   string
	}{
		{"code-case", "code: SNV-VP", "code: snv-vp", 7, `viết chữ in hoa: "SNV-VP"`, "capitals"},
		// The Decree's mixed-case abbreviations are suggested its way, as code-type wants them.
		{"code-case", "code: SNV-VP", "code: QYĐ-snv", 7, `viết chữ in hoa: "QyĐ-SNV"`, `"QyĐ-SNV"`},
		{"code-spaces", "code: SNV-VP", "code: SNV - VP", 7, `không có dấu cách: "SNV-VP"`, "no spaces"},
		{"code-year", "code: SNV-VP", "code: 2024/SNV-VP", 7, "có năm", "carries a year"},
		{"subject-vv", "subject: báo cáo", "subject: V/v báo cáo", 10, `không cần viết "V/v"`, "leave \"V/v\" out"},
		{"list-punctuation", "cc: [Như trên, Lưu trữ tỉnh]", "cc: [Như trên, Lưu trữ tỉnh;]", 21, `không gõ "-", ";" hay "."`, "leave out"},
		{"nhu-tren", "cc: [Như trên, Lưu trữ tỉnh]", "cc: [Lưu trữ tỉnh]", 21, `bắt đầu bằng "Như trên"`, "starts with"},
		{"nhu-tren", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: []", 21, `"Như trên" chỉ dùng khi`, "only when"},
		{"archive-vt", "archive: VT, VP", "archive: VP, VT", 22, `bắt đầu bằng "VT"`, "starts with \"VT\""},
		{"signer-title", "name: Lê Minh Đạo", "name: TS. Lê Minh Đạo", 20, `học hàm, học vị hay danh xưng "TS."`, "honorific"},
		{"signer-title", "name: Lê Minh Đạo", "name: Ông Lê Minh Đạo", 20, `"Ông"`, "honorific"},
		{"place-full-name", "place: Hà Tĩnh", "place: TP. HCM", 8, `"Thành phố Hồ Chí Minh"`, "in full"},
		{"place-full-name", "place: Hà Tĩnh", "place: Tp. Hồ Chí Minh", 8, `"Thành phố Hồ Chí Minh"`, "in full"},
		{"end-mark", "(thứ Tư)./.", "(thứ Tư).", 17, `"./."`, "ends with"},
		{"motto-dash", "theo khoản 2 Điều 3.", "theo khoản 2 Điều 3 và khẩu hiệu Độc lập – Tự do.", 15, "gạch nối", "hyphen"},
		{"date-padding", "ngày 05/01/2024", "ngày 5/01/2024", 15, "(viết 05/01)", "write 05/01"},
		{"date-padding", "ngày 05/01/2024", "ngày 05 tháng 03 năm 2024", 15, "(viết 05/3)", "write 05/3"},
		{"weekday", "06/3/2024 (thứ Tư)", "06/3/2024 (thứ Năm)", 17, `06/3/2024 là thứ Tư, không phải "thứ Năm"`, "is a Wednesday"},
		{"weekday", "06/3/2024 (thứ Tư)", "06/3/2024 (thứ 4)", 17, `bằng chữ`, "in words"},
		{"deadline-order", "nop: 2024-03-06 14:00", "nop: 2024-03-01 14:00", 13, "trước ngày ban hành", "before the document's date"},
		{"capitalisation-org", "Ủy ban nhân dân tỉnh", "Ủy Ban Nhân Dân tỉnh", 15, `"Ủy ban nhân dân", không phải "Ủy Ban Nhân Dân"`, "organisation"},
		{"capitalisation-org", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, Sở tài chính]", 11, `"Sở Tài chính"`, "organisation"},
		{"capitalisation-weekday", "06/3/2024 (thứ Tư)", "06/3/2024 (thứ Tư), họp vào Thứ hai", 17, `"thứ Hai", không phải "Thứ hai"`, "capitalised"},
		{"capitalisation-citation", "theo khoản 2 Điều 3", "theo Khoản 2 Điều 3", 15, `"khoản 2", không phải "Khoản 2"`, "citations"},
		{"capitalisation-citation", "theo khoản 2 Điều 3", "theo khoản 2 điều 3", 15, `"Điều 3", không phải "điều 3"`, "citations"},
		{"capitalisation-weekday", "06/3/2024 (thứ Tư)", "06/3/2024 (thứ Tư), họp vào thứ tư", 17, `"thứ Tư", không phải "thứ tư"`, "capitalised"},
		{"spelling-hoa", "báo cáo kết quả", "báo cáo kết quả quý I hoà giải", 10, `"hoà"`, "one spelling"},
		{"spelling-hoa", "báo cáo kết quả", "báo cáo kết quả công tác THUỶ lợi", 10, `"THUỶ"`, "one spelling"},
		{"nfd-input", "Lê Minh Đạo", norm.NFD.String("Lê Minh Đạo"), 20, "NFD", "decomposed"},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.to, func(t *testing.T) {
			if !strings.Contains(clean, tt.from) {
				t.Fatalf("clean lacks %q", tt.from)
			}
			fs := findings(t, strings.Replace(clean, tt.from, tt.to, 1))
			var hit *check.Finding
			for i := range fs {
				if fs[i].Rule == tt.rule {
					hit = &fs[i]
				}
			}
			if hit == nil {
				t.Fatalf("no %s finding; got %v", tt.rule, fs)
			}
			if hit.Pos.Line != tt.line || hit.Severity != check.Warning || hit.Spec == "" ||
				!strings.Contains(hit.Message("vi"), tt.vi) || !strings.Contains(hit.Message("en"), tt.en) {
				t.Errorf("got %s / %s (spec %q); want line %d with %q / %q", hit.Format("vi"), hit.Format("en"), hit.Spec, tt.line, tt.vi, tt.en)
			}
			if want := "cv.yaml:"; !strings.HasPrefix(hit.Format("vi"), want) || !strings.Contains(hit.Format("vi"), ": cảnh báo ["+tt.rule+"] ") {
				t.Errorf("format %q", hit.Format("vi"))
			}
		})
	}
}

func TestEveryRuleIsTested(t *testing.T) {
	src, err := readSelf()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range check.Rules {
		if !strings.Contains(src, `{"`+r.ID+`", `) {
			t.Errorf("rule %s has no case in TestRules", r.ID)
		}
		if r.Spec == "" {
			t.Errorf("rule %s cites no spec section", r.ID)
		}
	}
}

// Parse errors come out as findings of severity error with their rule.
func TestFromErrors(t *testing.T) {
	_, err := vanban.Parse("cv.yaml", []byte(strings.Replace(clean, "date: 2024-03-05", "date: 2024-02-30", 1)))
	fs := check.FromErrors(err.(vanban.ErrorList))
	if len(fs) != 1 || fs[0].Severity != check.Error || fs[0].Rule != "date-invalid" ||
		!strings.HasPrefix(fs[0].Format("vi"), `cv.yaml:9:7: lỗi [date-invalid] trường "date": ngày "2024-02-30" không tồn tại`) {
		t.Errorf("%+v", fs)
	}
	if !check.HasErrors(fs) || check.HasErrors(findings(t, clean)) {
		t.Error("HasErrors")
	}
}
