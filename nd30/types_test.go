package nd30

import (
	"testing"
	"time"
)

// The 29 types of Art. 7 with the abbreviations of Phụ lục III Mục I, case
// as the Decree writes them (docs/nd30.md §14), and the forms that lay them out.
func TestTypeTable(t *testing.T) {
	want := []struct{ id, abbr, form string }{
		{"nghi-quyet", "NQ", "1.1"}, {"quyet-dinh", "QĐ", "1.2"}, {"chi-thi", "CT", "1.4"}, {"quy-che", "QC", "1.4"},
		{"quy-dinh", "QyĐ", "1.4"}, {"thong-cao", "TC", "1.4"}, {"thong-bao", "TB", "1.4"}, {"huong-dan", "HD", "1.4"},
		{"chuong-trinh", "CTr", "1.4"}, {"ke-hoach", "KH", "1.4"}, {"phuong-an", "PA", "1.4"}, {"de-an", "ĐA", "1.4"},
		{"du-an", "DA", "1.4"}, {"bao-cao", "BC", "1.4"}, {"bien-ban", "BB", "1.9"}, {"to-trinh", "TTr", "1.4"},
		{"hop-dong", "HĐ", ""}, {"cong-van", "", "1.5"}, {"cong-dien", "CĐ", "1.6"}, {"ban-ghi-nho", "BGN", ""},
		{"ban-thoa-thuan", "BTT", ""}, {"giay-uy-quyen", "GUQ", "1.4"}, {"giay-moi", "GM", "1.7"},
		{"giay-gioi-thieu", "GGT", "1.8"}, {"giay-nghi-phep", "GNP", "1.10"}, {"phieu-gui", "PG", "1.4"},
		{"phieu-chuyen", "PC", "1.4"}, {"phieu-bao", "PB", "1.4"}, {"thu-cong", "", ""},
	}
	var admin []DocumentType
	for _, ty := range DocumentTypes() {
		if ty.Administrative() {
			admin = append(admin, ty)
		}
	}
	if len(admin) != 29 {
		t.Fatalf("%d administrative types, Art. 7 has 29", len(admin))
	}
	for i, w := range want {
		ty := admin[i]
		if ty.ID != w.id || ty.Abbr != w.abbr || ty.Form != w.form || ty.Number != i+1 {
			t.Errorf("type %d: %+v, want %s %q Mẫu %q", i+1, ty, w.id, w.abbr, w.form)
		}
		if ty.Laid() != (w.form != "") {
			t.Errorf("%s: laid out %v", ty.ID, ty.Laid())
		}
		if got, ok := TypeByAbbr(w.abbr); w.abbr != "" && (!ok || got.Abbr != w.abbr) {
			t.Errorf("TypeByAbbr(%q) = %v", w.abbr, got)
		}
	}
	cv, _ := DocumentTypeOf("cong-van")
	if cv.Symbol != AgencyUnit || !cv.Boxes.Has(Box5b|Box9a) || cv.Boxes.Has(Box5a) {
		t.Errorf("công văn: %+v (%s)", cv, cv.Boxes)
	}
	bb, _ := DocumentTypeOf("bien-ban")
	if bb.Boxes.Has(Box4) || bb.Archive != "VT, Hồ sơ" {
		t.Errorf("biên bản: %s, %q", bb.Boxes, bb.Archive)
	}
	for _, id := range []string{"to-trinh", "bao-cao"} {
		if ty, _ := DocumentTypeOf(id); !ty.Boxes.Has(Box9a) || ty.First != NhuTren {
			t.Errorf("%s has no Kính gửi", id)
		}
	}
	if _, ok := TypeByAbbr("QYĐ"); ok {
		t.Error("the abbreviations are compared with their case")
	}
	if s := (Box1 | Box5a | Box10b).String(); s != "ô 1, 5a, 10b" {
		t.Errorf("boxes %q", s)
	}
	kinds := map[string]string{"sao-y": "SY", "trich-sao": "TrS", "sao-luc": "SL"}
	for _, k := range CopyKinds() {
		if kinds[k.ID] != k.Abbr {
			t.Errorf("copy %+v", k)
		}
	}
}

// The texts the forms print (docs/nd30.md §14.2).
func TestFormTexts(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{BasisLines([]string{"Căn cứ A;", "- Căn cứ B,"}, "")[1], "Căn cứ B."},
		{BasisLines([]string{"Căn cứ A."}, "Giám đốc Sở Nội vụ")[0], "Căn cứ A;"},
		{BasisLines([]string{"Căn cứ A"}, "Giám đốc Sở Nội vụ")[1], "Theo đề nghị của Giám đốc Sở Nội vụ."},
		{BasisLines(nil, "Theo đề nghị của Chánh Văn phòng;")[0], "Theo đề nghị của Chánh Văn phòng."},
		{ArticleLabel(12), "Điều 12."},
		{TelegramLine("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:"},
		{IntroduceRequest(""), "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."},
		{IntroduceRequest("Bà"), "Đề nghị Quý cơ quan tạo điều kiện để bà có tên ở trên hoàn thành nhiệm vụ."},
		{MinutesEndLine("hoi-nghi", Deadline{Date: date(2024, 3, 20), HasTime: true, Hour: 11, Minute: 30}), "Hội nghị kết thúc vào 11 giờ 30, ngày 20 tháng 3 năm 2024./."},
		{LeavePeriodLine(LeaveDays(date(2024, 2, 26), date(2024, 3, 1)), date(2024, 2, 26), date(2024, 3, 1), "Hà Tĩnh"), "Được nghỉ phép trong thời gian 05 ngày, kể từ ngày 26/02/2024 đến hết ngày 01/3/2024 tại Hà Tĩnh."},
		{DrafterLine("pl", 300), "PL.(300)"},
		{DrafterLine("PL", 0), "PL"},
		{FileStampText(15, "QĐ-UBND", date(2024, 3, 5).Add(7*3600e9)), "Số: 15/QĐ-UBND; 05/03/2024; 14:00:00 +07:00"},
		{DashList([]string{"A;", "B"})[1], "- B."},
		{ContactLine(Contact{Address: "Số 1 Nguyễn Du.", Phone: "0239 385", Email: "a@b.vn"}), "Số 1 Nguyễn Du. ĐT:\u00a00239\u00a0385, E-mail:\u00a0a@b.vn"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
