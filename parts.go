package vanban

import (
	"time"

	"github.com/vanban-vn/vanban/nd30"
)

// The parts of a document that only some types have (docs/nd30.md §14.1): which
// type has which is nd30's registry, read by the decoder (typeFields).

// Article is one Điều of a decision (Mẫu 1.1–1.3). Its number is its place
// in the list: vanban writes "Điều 1." as text.
type Article struct {
	Title string      // optional: "Điều 1. <Title>" on a line of its own, in bold
	Body  []Paragraph // its text; part of Document.Body
	Pos   Pos
}

// Issued is the document a decision issues or approves, laid out after it in
// the same file (Mẫu 1.3, paper).
type Issued struct {
	Type    string // its type: quy-che, quy-dinh, ke-hoach …
	Subject string // its trích yếu
	Body    []Paragraph
}

// TypeName is the issued document's type in running text ("Quy chế").
func (i *Issued) TypeName() string {
	t, _ := nd30.DocumentTypeOf(i.Type)
	return t.Name
}

// ParentRef names the document a separate file belongs to: the decision that
// issues a document (Mẫu 1.3, electronic) or the document whose appendices
// the file holds (Mẫu 2.1, 2.2).
type ParentRef struct {
	Type   string // its type ID
	Number int    // 0: not yet numbered
	Code   string
	Date   nd30.Date
	Agency string // the issuing agency as a sentence names it: "Ủy ban nhân dân tỉnh Hà Tĩnh"
}

// TypeName is the parent's type in running text ("Quyết định").
func (p *ParentRef) TypeName() string {
	t, _ := nd30.DocumentTypeOf(p.Type)
	return t.Name
}

// Invitation is what a giấy mời says (Mẫu 1.7).
type Invitation struct {
	Invitees string        // who is invited: "ông (bà) Giám đốc các sở, ban, ngành cấp tỉnh"
	Event    string        // "Tới dự …": the meeting, conference, workshop
	Chair    string        // who chairs it
	Time     nd30.Deadline // when; its weekday is computed
	Place    string
}

// Introduction is what a giấy giới thiệu says (Mẫu 1.8).
type Introduction struct {
	Honorific  string // "Ông", "Bà" or "" (the form's "Ông (bà)")
	Name       string
	Position   string
	SentTo     string // "Được cử đến"
	Purpose    string // "Về việc"
	ValidUntil time.Time
}

// Person is someone a form names with their post.
type Person struct {
	Name     string
	Position string
	Title    []string // extra lines above the name in a signature (the chair's post, Mẫu 1.9 fn 5)
}

// Minutes is what a biên bản records besides its content (Mẫu 1.9).
type Minutes struct {
	Kind         string // cuoc-hop, hoi-nghi, hoi-thao (nd30.MeetingKinds)
	Start, End   nd30.Deadline
	Place        string
	Participants []string
	Chair        Person // signs right, CHỦ TỌA
	Secretary    Person // signs left, THƯ KÝ
}

// Leave is what a giấy nghỉ phép grants (Mẫu 1.10).
type Leave struct {
	Requested    time.Time // the date of the request
	Honorific    string
	Name         string
	Position     string
	From, To     time.Time
	Days         int // 0: the calendar days from From to To
	Place        string
	CountedAs    string // what the days count as: "nghỉ hằng năm có lương"
	Confirmation bool   // the block for the place of leave to confirm
}

// LeaveDays is the number of days granted.
func (l *Leave) LeaveDays() int {
	if l.Days > 0 {
		return l.Days
	}
	return nd30.LeaveDays(l.From, l.To)
}

// Copy makes the document a copy of itself (bản sao, Art. 25): the copy
// block below the text on paper (Mẫu 3.1), or the agency's signature text at
// the top right in an electronic copy (Mẫu 3.2).
type Copy struct {
	Kind    string // sao-y, trich-sao, sao-luc
	Agency  Agency // the copying agency
	Number  int
	Code    string // "SY-UBND"
	Place   string
	Date    nd30.Date
	Signer  Signer
	CC      []string
	Archive string
	// SignedAt is the agency signature's time of an electronic copy (Mẫu
	// 3.2); nil for a paper copy.
	SignedAt *time.Time
}

// CopyKind is the kind of copy from nd30's table.
func (c *Copy) CopyKind() nd30.CopyKind {
	k, _ := nd30.CopyKindOf(c.Kind)
	return k
}

// Marks are the optional marks of every type: ô 10a, 10b, 11, 12 and the
// draft mark (docs/nd30.md §2.3).
type Marks struct {
	Secrecy     string // "MẬT", "TỐI MẬT", "TUYỆT MẬT"
	Urgency     string // "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
	Circulation string // "XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ", "TÀI LIỆU THU HỒI"
	Drafter     string // initials, ô 12
	Copies      int    // number of copies issued, ô 12
	Draft       bool   // "DỰ THẢO" at the top left: a house convention, not a Decree rule
}
