package nd30

import (
	"reflect"
	"testing"
	"time"
)

// docs/nd30.md §4.3: numbers 1–9 get a leading zero; none from 10; blank when unnumbered.
func TestPadNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, Blank}, {1, "01"}, {9, "09"}, {10, "10"}, {99, "99"}, {123, "123"}, {-3, Blank},
	}
	for _, tt := range tests {
		if got := PadNumber(tt.n); got != tt.want {
			t.Errorf("PadNumber(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// docs/nd30.md §3 row 5, §4.3: "Số: 05/QĐ-UBND", blank number left for registration.
func TestNumberLine(t *testing.T) {
	tests := []struct {
		n    int
		code string
		want string
	}{
		{5, "SNV-VP", "Số: 05/SNV-VP"},
		{12, "UBND-VX", "Số: 12/UBND-VX"},
		{0, "SNV-CCHC&VTLT", "Số:       /SNV-CCHC&VTLT"},
	}
	for _, tt := range tests {
		if got := NumberLine(tt.n, tt.code); got != tt.want {
			t.Errorf("NumberLine(%d, %q) = %q, want %q", tt.n, tt.code, got, tt.want)
		}
	}
}

// docs/nd30.md §4.4: day 1–9 → 01–09; months 1 and 2 → 01, 02; months 3–12 unpadded.
func TestPlaceDateLinePadding(t *testing.T) {
	tests := []struct {
		name string
		d    Date
		want string
	}{
		{"decree example January", Date{2020, 1, 5}, "Hà Nội, ngày 05 tháng 01 năm 2020"},
		{"February padded", Date{2024, 2, 29}, "Hà Nội, ngày 29 tháng 02 năm 2024"},
		{"March not padded", Date{2020, 3, 5}, "Hà Nội, ngày 05 tháng 3 năm 2020"},
		{"December", Date{2019, 12, 29}, "Hà Nội, ngày 29 tháng 12 năm 2019"},
		{"day 10 not padded", Date{2024, 10, 10}, "Hà Nội, ngày 10 tháng 10 năm 2024"},
		{"day blank", Date{2024, 3, 0}, "Hà Nội, ngày " + Blank + " tháng 3 năm 2024"},
		{"day and month blank", Date{2024, 0, 0}, "Hà Nội, ngày " + Blank + " tháng " + Blank + " năm 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlaceDateLine("Hà Nội", tt.d); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// docs/nd30.md §15 rule 25: weekdays in words, the day word capitalised.
func TestWeekday(t *testing.T) {
	want := map[time.Weekday]string{
		time.Monday: "thứ Hai", time.Tuesday: "thứ Ba", time.Wednesday: "thứ Tư", time.Thursday: "thứ Năm",
		time.Friday: "thứ Sáu", time.Saturday: "thứ Bảy", time.Sunday: "Chủ nhật",
	}
	for d, w := range want {
		if got := Weekday(d); got != w {
			t.Errorf("Weekday(%v) = %q, want %q", d, got, w)
		}
	}
}

func TestDeadlineText(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		d    Deadline
		want string
	}{
		{Deadline{Date: day(2024, 3, 6), HasTime: true, Hour: 24}, "24h00 ngày 06/3/2024 (thứ Tư)"},
		{Deadline{Date: day(2024, 3, 6), HasTime: true, Hour: 14}, "14h00 ngày 06/3/2024 (thứ Tư)"},
		{Deadline{Date: day(2024, 3, 7), HasTime: true, Hour: 8, Minute: 30}, "8h30 ngày 07/3/2024 (thứ Năm)"},
		{Deadline{Date: day(2024, 1, 15)}, "ngày 15/01/2024 (thứ Hai)"},
		{Deadline{Date: day(2023, 12, 31)}, "ngày 31/12/2023 (Chủ nhật)"},
	}
	for _, tt := range tests {
		if got := tt.d.Text(); got != tt.want {
			t.Errorf("Text() = %q, want %q", got, tt.want)
		}
	}
}

// docs/nd30.md §12: Roman numerals for two or more appendices; "Phụ lục" alone for one.
func TestRomanAndAppendixHeading(t *testing.T) {
	roman := map[int]string{1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 9: "IX", 10: "X", 14: "XIV", 40: "XL", 90: "XC", 1994: "MCMXCIV"}
	for n, w := range roman {
		if got := Roman(n); got != w {
			t.Errorf("Roman(%d) = %q, want %q", n, got, w)
		}
	}
	tests := []struct {
		index, count int
		want         string
	}{
		{0, 1, "Phụ lục"}, {0, 2, "Phụ lục I"}, {1, 2, "Phụ lục II"}, {3, 4, "Phụ lục IV"},
	}
	for _, tt := range tests {
		if got := AppendixHeadingText(tt.index, tt.count); got != tt.want {
			t.Errorf("AppendixHeadingText(%d, %d) = %q, want %q", tt.index, tt.count, got, tt.want)
		}
	}
}

// docs/nd30.md §6: one recipient inline without a stop; several one per line, "- " … ";",
// the last "."; punctuation the author typed is not doubled.
func TestKinhGuiLines(t *testing.T) {
	tests := []struct {
		name       string
		in         []string
		wantInline string
		wantList   []string
	}{
		{"one recipient", []string{"Bộ Nội vụ"}, "Bộ Nội vụ", nil},
		{"one with typed stop", []string{"Bộ Nội vụ."}, "Bộ Nội vụ", nil},
		{"three", []string{"Bộ Nội vụ", "Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"}, "",
			[]string{"- Bộ Nội vụ;", "- Bộ Kế hoạch và Đầu tư;", "- Bộ Tài chính."}},
		{"typed punctuation", []string{"Sở Tư pháp;", "Sở Tài chính;"}, "", []string{"- Sở Tư pháp;", "- Sở Tài chính."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inline, list := KinhGuiLines(tt.in)
			if inline != tt.wantInline || !reflect.DeepEqual(list, tt.wantList) {
				t.Errorf("got %q %q, want %q %q", inline, list, tt.wantInline, tt.wantList)
			}
		})
	}
}

// docs/nd30.md §9: each recipient "- …;", the last line "- Lưu: VT, <unit>.".
func TestNoiNhanLines(t *testing.T) {
	tests := []struct {
		name    string
		cc      []string
		archive string
		want    []string
	}{
		{"seed", []string{"Như trên", "UBND tỉnh (b/c)"}, "VT, CCHC&VTLT",
			[]string{"- Như trên;", "- UBND tỉnh (b/c);", "- Lưu: VT, CCHC&VTLT."}},
		{"copies count", nil, "VT, HC (2)", []string{"- Lưu: VT, HC (2)."}},
		{"no archive", []string{"Như trên;"}, "", []string{"- Như trên;", "- Lưu: VT."}},
		{"typed stop", nil, "VT, TCCB.", []string{"- Lưu: VT, TCCB."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NoiNhanLines(tt.cc, tt.archive); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// docs/nd30.md §12: the "Kèm theo" line names the parent document; unknown parts are "…".
func TestAttachedTo(t *testing.T) {
	tests := []struct {
		number int
		d      Date
		want   string
	}{
		{0, Date{2024, 3, 0}, "(Kèm theo Công văn số …/SNV-CCHC&VTLT ngày … tháng 3 năm 2024 của Sở Nội vụ)"},
		{15, Date{2020, 1, 5}, "(Kèm theo Công văn số 15/SNV-CCHC&VTLT ngày 05 tháng 01 năm 2020 của Sở Nội vụ)"},
		{7, Date{2024, 0, 0}, "(Kèm theo Công văn số 07/SNV-CCHC&VTLT ngày … tháng … năm 2024 của Sở Nội vụ)"},
	}
	for _, tt := range tests {
		if got := AttachedTo("Công văn", tt.number, "SNV-CCHC&VTLT", tt.d, "Sở Nội vụ"); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// docs/nd30.md §11.5: "V/v" exactly, never doubled.
func TestSubjectLine(t *testing.T) {
	tests := map[string]string{
		"nâng bậc lương năm 2019":     "V/v nâng bậc lương năm 2019",
		"V/v nâng bậc lương năm 2019": "V/v nâng bậc lương năm 2019",
		"v/v nâng bậc lương":          "V/v nâng bậc lương",
		"  V/V  nâng bậc lương":       "V/v nâng bậc lương",
	}
	for in, want := range tests {
		if got := SubjectLine(in); got != want {
			t.Errorf("SubjectLine(%q) = %q, want %q", in, got, want)
		}
	}
}
