// Package nd30 holds the rules of Decree 30/2020/NĐ-CP (spec: docs/nd30.md)
// that turn values into the exact strings and styles an administrative
// document shows: number and date padding, Kính gửi and Nơi nhận punctuation,
// Roman numerals, the decimal comma, weekdays, and the table of element sizes.
// Each rule is written here once; templates compose them and writers never
// repeat them.
package nd30

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Blank is what stands for a number or a day left for the records office to
// fill in at registration (docs/nd30.md §4.3: "Số:      /QĐ-UBND" in every Mẫu).
const Blank = "      "

// Ellipsis stands for an unfilled number or day inside running text, such as
// the appendix "Kèm theo" line (docs/nd30.md §12, §10: left unfilled until signing).
const Ellipsis = "…"

// PadNumber formats a document number: 1–9 get a leading zero, 10 and up are
// written as they are, 0 means not yet numbered (docs/nd30.md §4.3).
func PadNumber(n int) string {
	switch {
	case n <= 0:
		return Blank
	case n < 10:
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

// NumberLine is the ô 3 line: "Số: 05/SNV-VP" (docs/nd30.md §3 row 5, §4.3).
func NumberLine(n int, code string) string {
	return "Số: " + PadNumber(n) + "/" + code
}

// SubjectLine is the trích yếu of a công văn (docs/nd30.md §3 row 9, §11.5): "V/v"
// exactly so written, a space, then the subject. A "V/v" the author already
// typed is not doubled.
func SubjectLine(subject string) string {
	s := strings.TrimSpace(subject)
	if len(s) >= 3 && strings.EqualFold(s[:3], "v/v") {
		s = strings.TrimSpace(s[3:])
	}
	return "V/v " + s
}

// Date is a calendar date whose parts may be left blank (zero) for the
// records office to fill in.
type Date struct {
	Year, Month, Day int
}

// Day pads days 1–9 to 01–09 (docs/nd30.md §4.4).
func Day(d int) string {
	if d <= 0 {
		return Blank
	}
	return fmt.Sprintf("%02d", d)
}

// Month pads only January and February (01, 02); months 3–12 are written as
// they are (docs/nd30.md §4.4: "tháng 3", never "tháng 03").
func Month(m int) string {
	switch {
	case m <= 0:
		return Blank
	case m <= 2:
		return fmt.Sprintf("%02d", m)
	}
	return strconv.Itoa(m)
}

func year(y int) string {
	if y <= 0 {
		return Blank
	}
	return strconv.Itoa(y)
}

// LongDate is "ngày 05 tháng 3 năm 2024" (docs/nd30.md §4.4).
func LongDate(d Date) string {
	return "ngày " + Day(d.Day) + " tháng " + Month(d.Month) + " năm " + year(d.Year)
}

// PlaceDateLine is the ô 4 line: "Hà Tĩnh, ngày 05 tháng 3 năm 2024" (docs/nd30.md §4.4).
func PlaceDateLine(place string, d Date) string {
	return place + ", " + LongDate(d)
}

// ShortDate is the numeric date used in running text, padded by the same rule
// as the long form: "06/3/2024", "05/01/2024".
func ShortDate(t time.Time) string {
	return Day(t.Day()) + "/" + Month(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

var weekdays = [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// Weekday names a day of the week in words, capitalised as docs/nd30.md §15 rule 25
// requires ("thứ Hai", not "Thứ hai" or "thứ 2").
func Weekday(d time.Weekday) string { return weekdays[d] }

// Deadline is a date with an optional time of day. Hour 24 with minute 0 is
// the end of the day, written "24h00" on that same date.
type Deadline struct {
	Date    time.Time // the calendar day (time of day ignored)
	HasTime bool
	Hour    int
	Minute  int
}

// Text writes a deadline the Vietnamese way with its weekday computed:
// "14h00 ngày 06/3/2024 (thứ Tư)", or "ngày 06/3/2024 (thứ Tư)" without a time.
func (d Deadline) Text() string {
	var b strings.Builder
	if d.HasTime {
		fmt.Fprintf(&b, "%dh%02d ", d.Hour, d.Minute)
	}
	b.WriteString("ngày ")
	b.WriteString(ShortDate(d.Date))
	b.WriteString(" (")
	b.WriteString(Weekday(d.Date.Weekday()))
	b.WriteString(")")
	return b.String()
}

// Roman writes 1–3999 in Roman numerals, for appendices (Phụ lục I, II …)
// and parts (Phần I) (docs/nd30.md §12, §5).
func Roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	values := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	symbols := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range values {
		for n >= v {
			b.WriteString(symbols[i])
			n -= v
		}
	}
	return b.String()
}

// AppendixHeadingText is "Phụ lục" for a single appendix and "Phụ lục I", "Phụ lục II" …
// when there are two or more (docs/nd30.md §12; normal case, not "PHỤ LỤC").
func AppendixHeadingText(index, count int) string {
	if count < 2 {
		return "Phụ lục"
	}
	return "Phụ lục " + Roman(index+1)
}

// Labels and marks of the lists of ô 9a and ô 9b (docs/nd30.md §6, §9).
const (
	KinhGuiText = "Kính gửi:"
	NoiNhanText = "Nơi nhận:"
	ListDash    = "- " // each recipient line starts with it
)

// trimEndPunct removes what the author may have typed at the end of a list
// item, so the rule's own punctuation is not doubled.
func trimEndPunct(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ";.,")
}

// KinhGuiLines returns the lines of ô 9a (docs/nd30.md §6): one recipient on the same line
// as "Kính gửi:" with no final stop; two or more one per line, each "- " and
// ";", the last ending with ".".
func KinhGuiLines(recipients []string) (inline string, list []string) {
	if len(recipients) == 1 {
		return trimEndPunct(recipients[0]), nil
	}
	return "", DashList(recipients)
}

// NoiNhanLines returns the lines of ô 9b (docs/nd30.md §9): each recipient "- …;", and the
// last line "- Lưu: VT, <unit>." (archive "" gives "- Lưu: VT.").
func NoiNhanLines(cc []string, archive string) []string {
	lines := make([]string, 0, len(cc)+1)
	for _, c := range cc {
		lines = append(lines, ListDash+trimEndPunct(c)+";")
	}
	archive = trimEndPunct(archive)
	if archive == "" {
		archive = "VT"
	}
	return append(lines, ListDash+"Lưu: "+archive+".")
}

// AttachedTo is the appendix "Kèm theo" line (docs/nd30.md §12): "(Kèm theo Công văn
// số 05/SNV-VP ngày 05 tháng 3 năm 2024 của Sở Nội vụ)". Parts not yet known
// (number, day, month) are left as "…".
func AttachedTo(typeName string, number int, code string, d Date, agencyInText string) string {
	num := Ellipsis
	if number > 0 {
		num = PadNumber(number)
	}
	part := func(v int, f func(int) string) string {
		if v <= 0 {
			return Ellipsis
		}
		return f(v)
	}
	return "(Kèm theo " + typeName + " số " + num + "/" + code +
		" ngày " + part(d.Day, Day) + " tháng " + part(d.Month, Month) + " năm " + part(d.Year, strconv.Itoa) +
		" của " + agencyInText + ")"
}
