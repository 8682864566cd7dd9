package nd30

import (
	"strconv"
	"strings"

	"github.com/vanban-vn/vanban/layout"
)

// The marks every type may carry: ô 10a, 10b, 11, 12, 13 (docs/nd30.md §3 rows
// 27–31, §2.3), the agency-signature boxes of separate files and electronic
// copies (§10), and the draft mark, which is a house convention (§16.8).

// Stamp is a mark printed in a single-line rectangle.
type Stamp struct {
	Text  string
	Width layout.Length // the rectangle's width; 0: as wide as the text and its padding
}

// UrgencyStamps are the three urgency levels of ô 10b with their rectangles,
// 8 mm high (docs/nd30.md §3 row 27; PL I III.2.b), in the order of urgency.
var UrgencyStamps = []Stamp{
	{Text: "KHẨN", Width: layout.MM(20)},
	{Text: "THƯỢNG KHẨN", Width: layout.MM(40)},
	{Text: "HỎA TỐC", Width: layout.MM(30)},
}

// SecrecyStamps are the secrecy levels of ô 10a (docs/nd30.md §3 row 28): their
// stamps are made under the law on state secrets, which sets their size;
// vanban draws a rectangle as wide as the text.
var SecrecyStamps = []Stamp{{Text: "MẬT"}, {Text: "TỐI MẬT"}, {Text: "TUYỆT MẬT"}}

// CirculationStamps are the instructions of ô 11 and the recall stamp that
// goes there too (docs/nd30.md §3 row 29; PL I III.2.a, III.2.c).
var CirculationStamps = []Stamp{{Text: "XEM XONG TRẢ LẠI"}, {Text: "LƯU HÀNH NỘI BỘ"}, {Text: "TÀI LIỆU THU HỒI"}}

// DraftStamp is the draft mark at the top left of page 1. ND 30 has no box
// for it; it is a house convention (docs/nd30.md §16.8, §2.3).
var DraftStamp = Stamp{Text: "DỰ THẢO"}

// StampHeight is the height of the urgency rectangles (PL I III.2.b), used for
// every single-line mark.
var StampHeight = layout.MM(8)

// StampOf finds a mark by its text in a list.
func StampOf(list []Stamp, text string) (Stamp, bool) {
	for _, s := range list {
		if s.Text == text {
			return s, true
		}
	}
	return Stamp{}, false
}

// StampTexts lists the texts of a list of marks.
func StampTexts(list []Stamp) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Text
	}
	return out
}

// SignatureBoxWidth is the box of an agency's signature text at the top right
// of page 1 of a separate file or an electronic copy, about 77 × 9 mm
// (docs/nd30.md §10 [W]).
var SignatureBoxWidth = layout.MM(77)

// MarkPadding is the space inside a mark's rectangle, left and right.
var MarkPadding = layout.MM(2)

// DrafterLine is ô 12: the drafter's initials in capitals, and the number of
// copies issued in Arabic digits, "PL.(300)" (docs/nd30.md §3 row 30); it
// follows the Lưu entry on the last line of the Nơi nhận.
func DrafterLine(initials string, copies int) string {
	s := strings.ToUpper(strings.TrimSpace(initials))
	if copies > 0 {
		if s != "" {
			s += "."
		}
		s += "(" + strconv.Itoa(copies) + ")"
	}
	return s
}

// Contact is ô 13: the agency's address and how to reach it.
type Contact struct {
	Address, Phone, Fax, Email, Website string
}

// ContactLine is ô 13 in one line, with the labels of the Decree's sample
// (docs/nd30.md §3 row 31): "12 Nguyễn Du, Hà Tĩnh. ĐT: …, Fax: …, E-mail: …, Website: …".
func ContactLine(c Contact) string {
	var parts []string
	for _, p := range []struct{ label, v string }{{"ĐT: ", c.Phone}, {"Fax: ", c.Fax}, {"E-mail: ", c.Email}, {"Website: ", c.Website}} {
		if v := strings.TrimSpace(p.v); v != "" {
			// a number is never broken across lines: its spaces do not break
			parts = append(parts, strings.ReplaceAll(p.label+v, " ", "\u00a0"))
		}
	}
	s := trimEndPunct(c.Address)
	if len(parts) > 0 {
		if s != "" {
			s += ". "
		}
		s += strings.Join(parts, ", ")
	}
	return s
}

// SignatureBoxHeight is the height of the signature text's box (docs/nd30.md §10 [W]).
var SignatureBoxHeight = layout.MM(9)

// SubjectRuleShare is the rule under a trích yếu (ô 5a) as a share of its
// longest line: inside the 1/3–1/2 the Decree allows (docs/nd30.md §3 row 8).
const SubjectRuleShare = 0.4

// MarkGap is the space between marks stacked in one box of the diagram, and
// between them and the header (docs/nd30.md §2.3 [PRACTICE]).
var MarkGap = layout.Pt(6)

// The boxes of page 1 outside the text (docs/nd30.md §2.4): the marks of
// the top margin band, ô 11 and an agency signature's text, are set in
// rectangles at fixed places on the page, which move no text.

// TopBandMiddle is the height from the page's top edge of the middle of the
// band above the text area, where the marks of the top band are centred
// (docs/nd30.md §2.4 [DERIVED]: the diagram's −6 % to −1 % of the text
// height).
func TopBandMiddle(p layout.Page) layout.Length { return p.Top / 2 }

// CirculationCentre is where ô 11 is centred across the text width: the
// middle of the diagram's 58–85 % (docs/nd30.md §2.2, §2.4 [W]).
const CirculationCentre = 0.715

// BoxPadding is the space between a box's border and its text, on every
// side (docs/nd30.md §2.4 [PRACTICE]), in whole points as a DOCX states it.
var BoxPadding = layout.Pt(2)

// The signature images of an electronic document (docs/nd30.md §10.1): the
// signer's is scaled, its proportions kept, to fit a box this large,
// centred between the title and the name; the seal is at its real size,
// over SealOverlap of the signature's width from its left.
var (
	SignatureImageMaxWidth  = layout.MM(60)
	SignatureImageMaxHeight = layout.MM(20)
)

// SealOverlap is the share of the signature image the seal covers, from
// its left (docs/nd30.md §8, §10; PL I II.8.a: about a third).
const SealOverlap = 1.0 / 3

// FootRuleGap is the space between the rule of ô 13 and the contact line
// under it (docs/nd30.md §2.4 [PRACTICE]).
var FootRuleGap = layout.Pt(2)
