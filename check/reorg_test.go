package check_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
)

// dated is a công văn whose names were all current on every date; each case
// puts in one name and a date.
const dated = `type: cong-van
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
number: 5
code: SNV-VP
place: Hà Tĩnh
date: DATE
subject: báo cáo kết quả
recipients: [Bộ Nội vụ, Sở Tài chính]
body: |
  Thực hiện Công văn số 12/UBND-NC ngày 05/01/2024 của Ủy ban nhân dân tỉnh.

  Đề nghị các cơ quan báo cáo đúng hạn./.
signer:
  title: GIÁM ĐỐC
  name: Lê Minh Đạo
cc: [Như trên, Lưu trữ tỉnh]
archive: VT, VP
`

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// clock is a fixed today, for documents without a date.
func clock(s string) check.Options {
	return check.Options{Now: func() time.Time { return day(s).Add(10 * time.Hour) }}
}

// datedFindings are the findings of the dated rules only.
func datedFindings(t *testing.T, src string, opts check.Options) []check.Finding {
	t.Helper()
	doc, err := vanban.Parse("cv.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var out []check.Finding
	for _, f := range check.DocumentWith(doc, opts) {
		for _, r := range check.DatedRules {
			if f.Rule == r.ID {
				out = append(out, f)
			}
		}
	}
	return out
}

func withDate(src, date string) string { return strings.Replace(src, "date: DATE", "date: "+date, 1) }

// Each case: the document dated before the change is clean; dated on the
// day it took effect, it gives the rule at that line and column, in both
// languages, as a warning — or as an error in the agency block and the
// signer's title.
func TestDatedRules(t *testing.T) {
	const W, E = check.Warning, check.Error
	tests := []struct {
		rule           string
		from, to       string
		before, after  string
		line, col      int
		sev            check.Severity
		vi, en, quoted string
	}{
		{"admin-district-abolished", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, UBND huyện Cẩm Xuyên]", "2025-06-30", "2025-07-01", 11, 25, W,
			"thuộc cấp huyện: từ ngày 01/7/2025 không còn đơn vị hành chính cấp huyện (Nghị quyết 203/2025/QH15)", "is district-level: there are no district-level units from 2025-07-01 (Resolution 203/2025/QH15)", "UBND huyện Cẩm Xuyên"},
		{"admin-district-abolished", "parent: UBND TỈNH HÀ TĨNH", "parent: UBND HUYỆN CẨM XUYÊN", "2025-06-30", "2025-07-01", 3, 11, E,
			"cơ quan ban hành và người ký không thể", "the issuing agency and the signer cannot", "UBND HUYỆN CẨM XUYÊN"},
		{"admin-district-abolished", "cc: [Như trên, Lưu trữ tỉnh]", "cc: [Như trên, Phòng Giáo dục và Đào tạo huyện Cẩm Xuyên]", "2025-06-30", "2025-07-01", 19, 16, W,
			"thuộc cấp huyện", "district-level", "Phòng Giáo dục và Đào tạo huyện Cẩm Xuyên"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị UBND các huyện, thị xã, thành phố", "2025-06-30", "2025-07-01", 15, 11, W,
			"thuộc cấp huyện", "district-level", "UBND các huyện"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị Ủy ban nhân dân cấp huyện", "2025-06-30", "2025-07-01", 15, 11, W,
			"thuộc cấp huyện", "district-level", "Ủy ban nhân dân cấp huyện"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị Uỷ ban nhân dân thành phố Hà Tĩnh", "2025-06-30", "2025-07-01", 15, 11, W,
			"thuộc cấp huyện", "district-level", "Uỷ ban nhân dân thành phố Hà Tĩnh"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị Phòng Tài chính - Kế hoạch TX. Kỳ Anh", "2025-06-30", "2025-07-01", 15, 11, W,
			"thuộc cấp huyện", "district-level", "Phòng Tài chính - Kế hoạch TX. Kỳ Anh"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị UBND Quận 1", "2025-06-30", "2025-07-01", 15, 11, W,
			"thuộc cấp huyện", "district-level", "UBND Quận 1"},
		{"admin-district-abolished", "Thực hiện Công văn số 12/UBND-NC ngày 05/01/2024 của Ủy ban nhân dân tỉnh.", "Thực hiện Quyết định số 123/QĐ-UBND ngày 15/8/2025 của UBND huyện Cẩm Xuyên.", "2025-06-30", "2025-07-01", 13, 58, W,
			"thuộc cấp huyện", "district-level", "UBND huyện Cẩm Xuyên"},
		{"admin-district-abolished", "Thực hiện Công văn số 12/UBND-NC ngày 05/01/2024 của Ủy ban nhân dân tỉnh.", "Thực hiện Công văn số 12/UBND-NC ngày 05/01/2025 của UBND tỉnh, đề nghị UBND các huyện báo cáo.", "2025-06-30", "2025-07-01", 13, 75, W,
			"thuộc cấp huyện", "district-level", "UBND các huyện"},
		{"admin-district-abolished", "Đề nghị các cơ quan", "Đề nghị Phòng Nội vụ phối hợp với các huyện và Phòng Y tế huyện Kỳ Anh", "2025-06-30", "2025-07-01", 15, 50, W,
			"thuộc cấp huyện", "district-level", "Phòng Y tế huyện Kỳ Anh"},
		{"admin-province-merged", "parent: UBND TỈNH HÀ TĨNH", "parent: UBND TỈNH BẮC GIANG", "2025-06-30", "2025-07-01", 3, 11, E,
			"không còn từ ngày 01/7/2025 (Nghị quyết 202/2025/QH15): nay thuộc tỉnh Bắc Ninh; cơ quan ban hành", "ceased on 2025-07-01 (Resolution 202/2025/QH15): now part of tỉnh Bắc Ninh; the issuing agency", "TỈNH BẮC GIANG"},
		{"admin-province-merged", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, UBND tỉnh Quảng Nam]", "2025-06-30", "2025-07-01", 11, 25, W,
			"nay thuộc thành phố Đà Nẵng", "now part of thành phố Đà Nẵng", "tỉnh Quảng Nam"},
		{"admin-province-merged", "cc: [Như trên, Lưu trữ tỉnh]", "cc: [Như trên, Sở Y tế tỉnh Bà Rịa – Vũng Tàu]", "2025-06-30", "2025-07-01", 19, 16, W,
			"nay thuộc thành phố Hồ Chí Minh", "now part of thành phố Hồ Chí Minh", "tỉnh Bà Rịa – Vũng Tàu"},
		{"admin-province-merged", "Đề nghị các cơ quan", "Đề nghị UBND tỉnh Hoà Bình", "2025-06-30", "2025-07-01", 15, 16, W,
			"nay thuộc tỉnh Phú Thọ", "now part of tỉnh Phú Thọ", "tỉnh Hoà Bình"},
		{"admin-province-merged", "Đề nghị các cơ quan", "Đề nghị Sở Nội vụ tỉnh Thừa Thiên Huế", "2024-12-31", "2025-01-01", 15, 21, W,
			"không còn từ ngày 01/01/2025 (Nghị quyết 175/2024/QH15): nay là thành phố Huế", "ceased on 2025-01-01 (Resolution 175/2024/QH15): now thành phố Huế", "tỉnh Thừa Thiên Huế"},
		{"admin-province-merged", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, UBND tỉnh Đồng Nai]", "2026-04-29", "2026-04-30", 11, 25, W,
			"nay là thành phố Đồng Nai", "now thành phố Đồng Nai", "tỉnh Đồng Nai"},
		{"admin-province-merged", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, UBND tỉnh Bình Phước]", "2025-06-30", "2026-05-04", 11, 25, W,
			"nay thuộc thành phố Đồng Nai", "now part of thành phố Đồng Nai", "tỉnh Bình Phước"},
		{"agency-renamed", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, Sở Kế hoạch và Đầu tư]", "2025-02-28", "2025-03-01", 11, 25, W,
			"không còn từ ngày 01/3/2025 (Nghị định 45/2025/NĐ-CP): nay là Sở Tài chính", "ceased on 2025-03-01 (Decree 45/2025/NĐ-CP): now Sở Tài chính", "Sở Kế hoạch và Đầu tư"},
		{"agency-renamed", "name: SỞ NỘI VỤ", "name: SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "2025-02-28", "2025-03-01", 4, 9, E,
			"nay là Sở Tài chính; cơ quan ban hành", "now Sở Tài chính; the issuing agency", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"},
		{"agency-renamed", "title: GIÁM ĐỐC", "title: GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "2025-02-28", "2025-03-01", 17, 10, E,
			"nay là Sở Nông nghiệp và Môi trường; cơ quan ban hành", "now Sở Nông nghiệp và Môi trường; the issuing agency", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"},
		{"agency-renamed", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, \"Các Sở: Tư pháp, Kế hoạch và Đầu tư (để thực hiện)\"]", "2025-02-28", "2025-03-01", 11, 25, W,
			"nay là Sở Tài chính", "now Sở Tài chính", "Sở Kế hoạch và Đầu tư"},
		{"agency-renamed", "cc: [Như trên, Lưu trữ tỉnh]", "cc: [Như trên, Sở Lao động – Thương binh và Xã hội]", "2025-02-28", "2025-03-01", 19, 16, W,
			"nhiệm vụ chuyển sang Sở Nội vụ, Sở Y tế, Sở Giáo dục và Đào tạo", "its tasks went to Sở Nội vụ, Sở Y tế, Sở Giáo dục và Đào tạo", "Sở Lao động – Thương binh và Xã hội"},
		{"agency-renamed", "Đề nghị các cơ quan", "Đề nghị Sở KH&ĐT và Sở Tài chính", "2025-02-28", "2025-03-01", 15, 11, W,
			"nay là Sở Tài chính", "now Sở Tài chính", "Sở KH&ĐT"},
		{"agency-renamed", "Đề nghị các cơ quan", "Đề nghị Sở Thông tin và Truyền thông", "2025-02-28", "2025-03-01", 15, 11, W,
			"nay là Sở Khoa học và Công nghệ", "now Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"},
		{"agency-renamed", "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, Bộ Kế hoạch và Đầu tư]", "2025-02-28", "2025-03-01", 11, 25, W,
			"(Nghị quyết 176/2025/QH15): nay là Bộ Tài chính", "(Resolution 176/2025/QH15): now Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"},
		{"agency-renamed", "Thực hiện Công văn số 12/UBND-NC ngày 05/01/2024 của Ủy ban nhân dân tỉnh.", "Thực hiện Công văn số 12/SKHĐT ngày 02/3/2025 của Sở Kế hoạch và Đầu tư.", "2025-02-28", "2025-03-01", 13, 53, W,
			"nay là Sở Tài chính", "now Sở Tài chính", "Sở Kế hoạch và Đầu tư"},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.to, func(t *testing.T) {
			if !strings.Contains(dated, tt.from) {
				t.Fatalf("the document lacks %q", tt.from)
			}
			src := strings.Replace(dated, tt.from, tt.to, 1)
			if fs := datedFindings(t, withDate(src, tt.before), check.Options{}); len(fs) != 0 {
				t.Errorf("dated %s: want no finding, got %s", tt.before, fs[0].Format("vi"))
			}
			fs := datedFindings(t, withDate(src, tt.after), check.Options{})
			if len(fs) != 1 {
				t.Fatalf("dated %s: want one %s finding, got %v", tt.after, tt.rule, fs)
			}
			f := fs[0]
			want := fmt.Sprintf("cv.yaml:%d:%d: ", tt.line, tt.col)
			vi, en := f.Format("vi"), f.Format("en")
			if f.Rule != tt.rule || f.Severity != tt.sev || f.Spec != "§18" || !strings.HasPrefix(vi, want) || !strings.HasPrefix(en, want) ||
				!strings.Contains(vi, tt.vi) || !strings.Contains(en, tt.en) ||
				!strings.Contains(vi, strconv.Quote(tt.quoted)) || !strings.Contains(en, strconv.Quote(tt.quoted)) {
				t.Errorf("got\n%s\n%s\nwant %s%q … %q / %q (severity %v)", vi, en, want, tt.quoted, tt.vi, tt.en, tt.sev)
			}
			if strings.Contains(f.Message("en"), "không ") {
				t.Errorf("English message has Vietnamese wording: %s", f.Message("en"))
			}
		})
	}
}

// Names that are not flagged, in a document dated after every change.
func TestDatedRulesLeaveAlone(t *testing.T) {
	for _, body := range []string{
		"UBND thành phố Hà Nội, UBND Thành phố Hồ Chí Minh, UBND TP. Hồ Chí Minh, UBND TP.HCM và UBND thành phố Huế",
		"Thành phố Hồ Chí Minh, TP. Hải Phòng, Ủy ban nhân dân thành phố (trực thuộc trung ương)",
		"UBND tỉnh Hà Tĩnh, UBND tỉnh Bắc Ninh, UBND các xã, phường và đặc khu",
		"phường Bắc Giang, xã Hòa Bình, Trường Đại học Quảng Nam, Báo Bắc Giang, sông Hậu Giang",
		"Sở Tài chính, Sở Nông nghiệp và Môi trường, Sở Xây dựng, Bộ Tài chính, Sở Khoa học và Công nghệ",
		"Phòng Văn hóa - Xã hội xã Cẩm Xuyên và Phòng Kinh tế phường Thành Sen",
		"Văn phòng UBND tỉnh, phòng, chống tham nhũng",
		"chính quyền địa phương hai cấp",
		// A sentence citing an act issued before the change: its issuer's name as it was then.
		"Thực hiện Quyết định số 123/QĐ-UBND ngày 15/5/2024 của UBND huyện Cẩm Xuyên, Sở Nội vụ đề nghị",
		"Căn cứ Công văn số 45/SKHĐT-TH ngày 10/01/2025 của Sở Kế hoạch và Đầu tư tỉnh Quảng Nam;",
		"Theo Quyết định số 5/QĐ-UBND của UBND tỉnh Quảng Nam ngày 20 tháng 6 năm 2025",
		"Kế hoạch số 7/KH-UBND ngày 02/01/2025 của UBND TP. Hà Tĩnh (nay là các phường Thành Sen, Trần Phú)",
	} {
		src := withDate(strings.Replace(dated, "Đề nghị các cơ quan báo cáo đúng hạn", body, 1), "2026-06-01")
		for _, f := range datedFindings(t, src, check.Options{}) {
			t.Errorf("%q: unexpected %s", body, f.Format("vi"))
		}
	}
}

// The day the rules apply at: the document's date, the first day of a
// partial date, today (from the clock) for an undated document, or --as-of.
func TestDatedRulesDate(t *testing.T) {
	src := strings.Replace(dated, "recipients: [Bộ Nội vụ, Sở Tài chính]", "recipients: [Bộ Nội vụ, UBND huyện Cẩm Xuyên]", 1)
	undated := strings.Replace(src, "date: DATE\n", "", 1)
	tests := []struct {
		name   string
		src    string
		opts   check.Options
		vi, en string // "" : no finding
	}{
		{"undated before", undated, clock("2025-06-30"), "", ""},
		{"undated after", undated, clock("2025-07-01"),
			"(văn bản không ghi ngày: kiểm tra theo ngày hôm nay, 01/7/2025)", "(the document has no date: checked as of today, 2025-07-01)"},
		{"month before", withDate(src, "2025-06"), check.Options{}, "", ""},
		{"month after", withDate(src, "2025-07"), check.Options{},
			"(ngày văn bản 2025-07 được tính là ngày đầu tiên: 01/7/2025)", "(the document's date 2025-07 is taken as its first day, 2025-07-01)"},
		{"year", withDate(src, "2025"), check.Options{}, "", ""},
		{"as-of after", withDate(src, "2024-03-05"), check.Options{AsOf: day("2025-08-01")},
			"(kiểm tra theo ngày 01/8/2025, --as-of)", "(checked as of 2025-08-01, --as-of)"},
		{"as-of before", withDate(src, "2025-08-01"), check.Options{AsOf: day("2024-03-05")}, "", ""},
		{"own date", withDate(src, "2025-08-01"), clock("2024-01-01"), "thuộc cấp huyện", "district-level"},
	}
	for _, tt := range tests {
		fs := datedFindings(t, tt.src, tt.opts)
		switch {
		case tt.vi == "" && len(fs) > 0:
			t.Errorf("%s: unexpected %s", tt.name, fs[0].Format("vi"))
		case tt.vi != "" && len(fs) != 1:
			t.Errorf("%s: want one finding, got %v", tt.name, fs)
		case tt.vi != "" && (!strings.Contains(fs[0].Message("vi"), tt.vi) || !strings.Contains(fs[0].Message("en"), tt.en)):
			t.Errorf("%s: got %s / %s", tt.name, fs[0].Message("vi"), fs[0].Message("en"))
		}
	}
}

// The seed (March 2024) names Sở Kế hoạch và Đầu tư and Sở Thông tin và
// Truyền thông correctly for its date; the same dispatch dated after 1 March
// 2025 names two departments that no longer exist.
func TestSeedAndDate(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "examples", "cong-van-cchc-2023.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range datedFindings(t, string(src), clock("2026-11-30")) {
		t.Errorf("seed: unexpected %s", f.Format("vi"))
	}
	later := strings.Replace(string(src), "date: 2024-03\n", "date: 2025-08-04\n", 1)
	fs := datedFindings(t, later, check.Options{})
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d:%d %s %s", f.Pos.Line, f.Pos.Column, f.Rule, f.Message("en")))
	}
	if len(fs) != 2 || !strings.Contains(got[0], `"Sở Thông tin và Truyền thông" ceased`) || !strings.Contains(got[1], `"Sở Kế hoạch và Đầu tư" ceased`) ||
		!strings.HasPrefix(got[0], "17:5 agency-renamed") || fs[0].Severity != check.Warning {
		t.Errorf("seed dated 2025-08-04:\n%s", strings.Join(got, "\n"))
	}
}

// The lint catalogue (testdata/lint/want.tsv): each input gives its finding
// at its position in both languages, and none on the day before the change.
func TestLintCatalogue(t *testing.T) {
	dir := filepath.Join("..", "testdata", "lint")
	f, err := os.Open(filepath.Join(dir, "want.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 7 {
			t.Fatalf("want.tsv: %q", line)
		}
		n++
		file, rule, sev, at, before, vi, en := p[0], p[1], p[2], p[3], p[4], p[5], p[6]
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			now := clock("2025-09-15") // for the undated inputs
			found := false
			for _, f := range datedFindings(t, string(src), now) {
				found = found || (f.Rule == rule && fmt.Sprintf("%d:%d", f.Pos.Line, f.Pos.Column) == at &&
					map[string]check.Severity{"warning": check.Warning, "error": check.Error}[sev] == f.Severity &&
					strings.Contains(f.Message("vi"), vi) && strings.Contains(f.Message("en"), en))
			}
			if !found {
				t.Errorf("no %s %s at %s with %q / %q; got %v", sev, rule, at, vi, en, datedFindings(t, string(src), now))
			}
			if fs := datedFindings(t, string(src), check.Options{AsOf: day(before)}); len(fs) != 0 {
				t.Errorf("as of %s: unexpected %s", before, fs[0].Format("vi"))
			}
		})
	}
	if n < 6 {
		t.Errorf("the lint catalogue has %d inputs", n)
	}
}

// Every dated rule has a case in TestDatedRules and cites docs/nd30.md.
func TestEveryDatedRuleIsTested(t *testing.T) {
	src, err := os.ReadFile("reorg_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range check.DatedRules {
		if !strings.Contains(string(src), `{"`+r.ID+`", `) {
			t.Errorf("rule %s has no case in TestDatedRules", r.ID)
		}
		if r.Spec == "" {
			t.Errorf("rule %s cites no spec section", r.ID)
		}
	}
}
