package nd30

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The literal texts of the forms of Phụ lục III, each written once, and the
// lines built from them (docs/nd30.md §5, §14.2).

// Decisions (Mẫu 1.1–1.3; docs/nd30.md §5, §14.2).
const (
	ProposalPrefix = "Theo đề nghị của " // the last line of the bases (Mẫu 1.2, 1.3)
	ArticleWord    = "Điều"
	NhuDieuText    = "Như Điều" // the decision's first Nơi nhận entry (docs/nd30.md §9)
	NhuTrenText    = "Như trên"
)

// BasisLines are the legal bases of a decision (docs/nd30.md §3 row 11, §5): one
// per line, each ending with ";", the last with "."; a "Theo đề nghị của …"
// line, when given, comes last and takes the full stop. What the author typed
// at the end of a line (";", ".", ",") is replaced, not doubled.
func BasisLines(bases []string, proposal string) []string {
	lines := make([]string, 0, len(bases)+1)
	for _, b := range bases {
		lines = append(lines, strings.TrimLeft(trimEndPunct(b), "- ")+";")
	}
	if p := trimEndPunct(proposal); p != "" {
		if !strings.HasPrefix(strings.ToLower(p), strings.ToLower(strings.TrimSpace(ProposalPrefix))) {
			p = ProposalPrefix + p
		}
		lines = append(lines, p+".")
	} else if n := len(lines); n > 0 {
		lines[n-1] = strings.TrimSuffix(lines[n-1], ";") + "."
	}
	return lines
}

// ArticleLabel is "Điều 3." (docs/nd30.md §3 row 16): typed text, never list numbering.
func ArticleLabel(n int) string { return ArticleWord + " " + strconv.Itoa(n) + "." }

// Telegrams (Mẫu 1.6): "<the agency or its head> điện:" before the list of
// recipients.
func TelegramLine(issuer string) string {
	return strings.TrimRight(strings.TrimSpace(issuer), ":") + " điện:"
}

// Invitations (Mẫu 1.7).
const (
	InviteWords     = "trân trọng kính mời:"
	InviteEvent     = "Tới dự "
	InviteChair     = "Chủ trì: "
	InviteTime      = "Thời gian: "
	InvitePlace     = "Địa điểm: "
	IntroduceWords  = "trân trọng giới thiệu:"
	IntroducePerson = "Ông (bà)" // Mẫu 1.8, 1.10, when the author gives no Ông or Bà
)

// InviteLine is "<agency> trân trọng kính mời: <invitees>" (Mẫu 1.7).
func InviteLine(agency, invitees string) string {
	return agency + " " + InviteWords + " " + trimEndPunct(invitees)
}

// EventLine is "Tới dự <event>." (Mẫu 1.7).
func EventLine(event string) string { return InviteEvent + trimEndPunct(event) + "." }

// Honorific is "Ông", "Bà", or the form's "Ông (bà)" when none is given.
func Honorific(h string) string {
	if h == "" {
		return IntroducePerson
	}
	return h
}

// Introductions (Mẫu 1.8).
const (
	IntroducePosition = "Chức vụ: "
	IntroduceTo       = "Được cử đến: "
	IntroducePurpose  = "Về việc: "
)

// IntroduceRequest is the form's request line, with "ông (bà)" narrowed to
// the person's honorific when it is known (Mẫu 1.8).
func IntroduceRequest(honorific string) string {
	return "Đề nghị Quý cơ quan tạo điều kiện để " + strings.ToLower(Honorific(honorific)) + " có tên ở trên hoàn thành nhiệm vụ."
}

// ValidUntilLine is "Giấy này có giá trị đến hết ngày 31/3/2024./." (Mẫu 1.8).
func ValidUntilLine(d time.Time) string {
	return "Giấy này có giá trị đến hết ngày " + ShortDate(d) + "./."
}

// Minutes (Mẫu 1.9).
const (
	MinutesStart        = "Thời gian bắt đầu: "
	MinutesPlace        = "Địa điểm: "
	MinutesParticipants = "Thành phần tham dự: "
	MinutesChair        = "Chủ trì (chủ tọa): "
	MinutesSecretary    = "Thư ký (người ghi biên bản): "
	MinutesContent      = "Nội dung (theo diễn biến cuộc họp/hội nghị/hội thảo):"
	SecretaryTitle      = "THƯ KÝ"    // the left signature (docs/nd30.md §14)
	ChairTitle          = "CHỦ TỌA"   // the right signature
	MinutesArchive      = "VT, Hồ sơ" // "- Lưu: VT, Hồ sơ." (docs/nd30.md §9)
)

// MeetingKinds name what a biên bản records, as its closing line says it.
var MeetingKinds = map[string]string{"cuoc-hop": "Cuộc họp", "hoi-nghi": "Hội nghị", "hoi-thao": "Hội thảo"}

// ClockDate is "8 giờ 30, ngày 14 tháng 3 năm 2024" (Mẫu 1.9: the time of
// the start and end of a meeting).
func ClockDate(d Deadline) string {
	day := Date{Year: d.Date.Year(), Month: int(d.Date.Month()), Day: d.Date.Day()}
	if !d.HasTime {
		return LongDate(day)
	}
	return fmt.Sprintf("%d giờ %02d, ", d.Hour, d.Minute) + LongDate(day)
}

// MinutesEndLine is "Cuộc họp kết thúc vào 11 giờ 30, ngày 14 tháng 3 năm 2024./." (Mẫu 1.9).
func MinutesEndLine(kind string, end Deadline) string {
	name, ok := MeetingKinds[kind]
	if !ok {
		name = MeetingKinds["cuoc-hop"]
	}
	return name + " kết thúc vào " + ClockDate(end) + "./."
}

// Leave (Mẫu 1.10).
const (
	LeaveGrant        = "cấp cho:"
	LeaveConfirmation = "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép"
)

// LeaveRequestLine is "Xét Đơn đề nghị nghỉ phép ngày 04/3/2024 của bà Trần Thị Lan," (Mẫu 1.10).
func LeaveRequestLine(requested time.Time, honorific, name string) string {
	return "Xét Đơn đề nghị nghỉ phép ngày " + ShortDate(requested) + " của " + strings.ToLower(Honorific(honorific)) + " " + name + ","
}

// LeaveDays counts the calendar days from one date to another, both included.
func LeaveDays(from, to time.Time) int { return int(to.Sub(from).Hours()/24) + 1 }

// LeavePeriodLine is "Được nghỉ phép trong thời gian 05 ngày, kể từ ngày …
// đến hết ngày … tại …." (Mẫu 1.10).
func LeavePeriodLine(days int, from, to time.Time, place string) string {
	s := fmt.Sprintf("Được nghỉ phép trong thời gian %s ngày, kể từ ngày %s đến hết ngày %s", PadNumber(days), ShortDate(from), ShortDate(to))
	if p := trimEndPunct(place); p != "" {
		s += " tại " + p
	}
	return s + "."
}

// LeaveCountedLine is "Số ngày nghỉ phép nêu trên được tính vào thời gian …./." (Mẫu 1.10 fn 7).
func LeaveCountedLine(counted string) string {
	return "Số ngày nghỉ phép nêu trên được tính vào thời gian " + trimEndPunct(counted) + "./."
}

// Copies (Mẫu 3.1, 3.2; docs/nd30.md §11.7, §10).

// CopyNumberLine is "Số: 05/SY-UBND" (PL I Phần II, II.1.c).
func CopyNumberLine(n int, code string) string { return NumberLine(n, code) }

// Stamps: the text of an agency's digital signature (docs/nd30.md §10, §14.3).

// StampTime is "05/03/2024; 14:30:15 +07:00", the signing time in Vietnam time
// (UTC+07:00) as the forms order it.
func StampTime(t time.Time) string {
	t = t.In(VietnamTime)
	return t.Format("02/01/2006; 15:04:05 -07:00")
}

// VietnamTime is the Vietnam time zone, UTC+07:00 all year.
var VietnamTime = time.FixedZone("ICT", 7*3600)

// FileStampText is the signature text of a file sent separately from the
// document it belongs to (an appendix, Mẫu 2.2; a document issued by a
// decision, Mẫu 1.3): "Số: 12/QĐ-UBND; 05/03/2024; 14:30:15 +07:00".
func FileStampText(number int, code string, signed time.Time) string {
	num := Ellipsis
	if number > 0 {
		num = PadNumber(number)
	}
	return "Số: " + num + "/" + code + "; " + StampTime(signed)
}

// CopyStampText is the signature text of an electronic copy (ô 14, Mẫu 3.2):
// "SAO Y; Sở Nội vụ tỉnh Hà Tĩnh; 05/03/2024; 14:30:15 +07:00".
func CopyStampText(kind CopyKind, agencyInText string, signed time.Time) string {
	return kind.Title + "; " + agencyInText + "; " + StampTime(signed)
}

// DashList writes a list one item a line, each "- …;", the last "- …."
// (docs/nd30.md §6: the recipients of a công điện, Mẫu 1.6, as those of Kính gửi).
func DashList(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		out[i] = ListDash + trimEndPunct(it) + end
	}
	return out
}

// PersonLine is "Nguyễn Văn An, Phó Giám đốc Sở Nội vụ": a name and its post.
func PersonLine(name, position string) string {
	if p := trimEndPunct(position); p != "" {
		return name + ", " + p
	}
	return name
}

// MinutesContentLine is "Nội dung cuộc họp:", the form's "Nội dung (theo
// diễn biến cuộc họp/hội nghị/hội thảo):" for the kind of meeting recorded.
func MinutesContentLine(kind string) string {
	name, ok := MeetingKinds[kind]
	if !ok {
		name = MeetingKinds["cuoc-hop"]
	}
	return "Nội dung " + strings.ToLower(name) + ":"
}
