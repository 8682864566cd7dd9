package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/nd30"
)

// The clean documents of the type rules: every example of examples/ passes
// every rule; each case below changes one thing in one of them.
func example(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExamplesHaveNoFindings(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) < 16 {
		t.Fatalf("%d examples", len(files))
	}
	for _, f := range files {
		doc, err := vanban.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range check.Document(doc) {
			t.Errorf("%s", fd.Format("vi"))
		}
	}
}

// Each type rule: the failing case gives that rule at that line, in both languages.
func TestTypeRules(t *testing.T) {
	const (
		qd = "quyet-dinh-cong-bo-chi-so-cchc.yaml"
		bb = "bien-ban-hop-hoi-dong.yaml"
		gm = "giay-moi-hoi-nghi.yaml"
		qc = "quyet-dinh-ban-hanh-quy-che.yaml"
		tb = "thong-bao-ket-luan.yaml"
		sy = "ban-sao-y-quyet-dinh.yaml"
		cv = "cong-van-tong-hop-diem.yaml"
	)
	tests := []struct {
		rule, base string
		from, to   string
		line       int
		vi, en     string
	}{
		{"code-type", qd, "code: QĐ-UBND", "code: QD-UBND", 9, `bắt đầu bằng "QĐ-"`, `starts with "QĐ-"`},
		{"code-type", qd, "code: QĐ-UBND", "code: KH-UBND", 9, `không phải "KH-" (của kế hoạch): "QĐ-UBND"`, "symbol of a quyết định"},
		{"code-type", "to-trinh-chi-so-cchc.yaml", "code: TTr-SNV", "code: TTR-SNV", 11, `viết như Phụ lục III: "TTr", không phải "TTR"`, "as Appendix III does"},
		{"code-type", cv, "code: SNV-CCHC&VTLT", "code: QĐ-SNV", 10, "không có chữ viết tắt tên loại", "no type abbreviation"},
		{"code-type", sy, "code: SY-SNV", "code: SL-SNV", 36, `bắt đầu bằng "SY-"`, "starts with \"SY-\""},
		{"can-cu-punctuation", qd, "thuộc ngày 22 tháng 11 năm 2019", "", 0, "", ""},
		{"can-cu-punctuation", qd, "cấp huyện\nproposal", "cấp huyện;\nproposal", 17, `không gõ "-" đầu dòng`, "leave out a leading"},
		{"can-cu-punctuation", qd, "ngày 28 tháng 3 năm 2024\n", "ngày 28 tháng 3 năm 2024.\n", 18, `"Theo đề nghị của …"`, "Theo đề nghị"},
		{"noi-nhan-nhu-dieu", qd, "  - Như Điều 3\n", "  - Như trên\n", 32, `không phải "Như trên"`, "not \"Như trên\""},
		{"noi-nhan-nhu-dieu", qd, "  - Như Điều 3\n", "  - Như Điều 5\n", 32, "chỉ có 3 điều", "only 3 articles"},
		{"noi-nhan-nhu-dieu", qd, "  - Như Điều 3\n", "  - Sở Nội vụ\n", 32, `bắt đầu bằng "Như Điều …"`, "opens with"},
		{"article-numbering", qc, "    Điều 2. Nguyên tắc làm việc", "    Điều 3. Nguyên tắc làm việc", 44, "sau Điều 1 là Điều 2, không phải Điều 3", "after Điều 1 comes Điều 2"},
		{"article-numbering", qc, "    Chương II\n", "    Chương III\n", 50, "Chương II, không phải Chương III", "Chương II, not Chương III"},
		{"article-numbering", qd, "  - Giao Sở Nội vụ", "  - Điều 2. Giao Sở Nội vụ", 26, "vanban tự đánh số", "vanban numbers"},
		{"bien-ban-signatures", bb, "chair: {name: Lê Minh Đạo", "chair: {name: TS. Lê Minh Đạo", 19, `"TS."`, "honorific"},
		{"bien-ban-archive", bb, "cc:\n", "archive: VT, VP\ncc:\n", 27, `"VT, Hồ sơ"`, "Lưu line of a biên bản"},
		{"invitation-weekday", gm, "time: 2024-03-14 14:00", "time: 2024-03-16 14:00", 18, "là thứ Bảy, ngày nghỉ", "a Saturday"},
		{"invitation-weekday", gm, "time: 2024-03-14 14:00", "time: 2024-03-04 14:00", 18, "trước ngày của giấy mời", "before the invitation's date"},
		{"invitation-weekday", gm, "năm 2024 của các cơ quan", "năm 2024 vào thứ Sáu của các cơ quan", 16, `"thứ Sáu" trái với thời gian họp: 14/3/2024 là thứ Năm`, "is a Thursday"},
		{"draft-numbered", qd, "type: quyet-dinh\n", "type: quyet-dinh\ndraft: true\n", 5, "không còn là dự thảo", "not a draft"},
		{"drafter-initials", qd, "initials: HT", "initials: ht", 37, `in hoa, liền: "HT"`, "capitals"},
		{"contact-format", tb, "email: vpubnd@hatinh.gov.vn", "email: vpubnd hatinh.gov.vn", 35, "không phải địa chỉ thư điện tử", "not an e-mail address"},
		{"contact-format", tb, "phone: 0239 3855 123", "phone: không có", 33, "chỉ gồm chữ số", "digits"},
		// Rules of one type leave the others alone: "Như trên" in a giấy giới thiệu answers its "Được cử đến".
		{"nhu-tren", "giay-gioi-thieu.yaml", "archive: VT\n", "archive: VT\ncc: [Như trên]\n", 0, "", ""},
		{"end-mark", bb, "", "", 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.to, func(t *testing.T) {
			src := example(t, tt.base)
			if !strings.Contains(src, tt.from) {
				if tt.line == 0 {
					return // a case that only names a rule for TestEveryRuleIsTested
				}
				t.Fatalf("%s lacks %q", tt.base, tt.from)
			}
			doc, err := vanban.Parse(tt.base, []byte(strings.Replace(src, tt.from, tt.to, 1)))
			if err != nil {
				t.Fatal(err)
			}
			var hit *check.Finding
			fs := check.Document(doc)
			for i := range fs {
				if fs[i].Rule == tt.rule && hit == nil {
					hit = &fs[i]
				}
			}
			if tt.line == 0 {
				if hit != nil {
					t.Errorf("%s: unexpected %s", tt.base, hit.Format("vi"))
				}
				return
			}
			if hit == nil {
				t.Fatalf("no %s finding; got %v", tt.rule, fs)
			}
			if hit.Pos.Line != tt.line || hit.Severity != check.Warning || hit.Spec == "" ||
				!strings.Contains(hit.Message("vi"), tt.vi) || !strings.Contains(hit.Message("en"), tt.en) {
				t.Errorf("got %s / %s (spec %q); want line %d with %q / %q", hit.Format("vi"), hit.Format("en"), hit.Spec, tt.line, tt.vi, tt.en)
			}
		})
	}
}

// Every rule's declared types are types of the registry.
func TestRuleTypesAreKnown(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range check.Rules {
		ids[r.ID] = true
	}
	for rule, types := range check.RuleTypes {
		if !ids[rule] {
			t.Errorf("RuleTypes names %q, which is no rule", rule)
		}
		if len(types) == 0 {
			t.Errorf("rule %q applies to no type", rule)
		}
		for _, ty := range types {
			if typ, ok := nd30.DocumentTypeOf(ty); !ok || !typ.Laid() {
				t.Errorf("rule %q: %q is not a type vanban lays out", rule, ty)
			}
		}
	}
	if check.AppliesTo("subject-vv", "quyet-dinh") || !check.AppliesTo("subject-vv", "cong-van") || !check.AppliesTo("weekday", "bien-ban") {
		t.Error("AppliesTo")
	}
}
