package nd30

import (
	"strings"

	"github.com/vanban-vn/vanban/layout"
)

// SizeSet is one of the two font-size sets the Mục V footnote allows
// (docs/nd30.md §1 "Size consistency", §11.1): sizes go up or down together.
type SizeSet int

const (
	Set13 SizeSet = 13 // Quốc hiệu 12, Tiêu ngữ 13, body 13
	Set14 SizeSet = 14 // Quốc hiệu 13, Tiêu ngữ 14, body 14
)

// Valid reports whether s is a size set the decree defines.
func (s SizeSet) Valid() bool { return s == Set13 || s == Set14 }

// Element is a component of the document's form (thành phần thể thức).
type Element int

const (
	QuocHieu Element = iota
	TieuNgu
	ParentAgency
	Agency
	Number
	PlaceDate
	Subject // trích yếu of a công văn, "V/v …"
	Body
	KinhGui
	SignerTitle
	SignerName
	NoiNhanLabel
	NoiNhanItem
	PageNumber
	AppendixHeading
	AppendixTitle
	AppendixAttachedTo
	TableHeader
	TableText
	TypeName     // tên loại in ô 5a: "QUYẾT ĐỊNH"
	TypedSubject // trích yếu under the tên loại
	Authority    // the issuing authority of a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"
	Basis        // căn cứ lines
	Action       // "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"
	ArticleTitle // "Điều 1. Phạm vi điều chỉnh"
	PartLabel    // "Chương I", "Mục 1" on their own line
	PartTitle    // the title under them, in capitals
	Urgency      // ô 10b
	Secrecy      // ô 10a
	Circulation  // ô 11
	Drafter      // ô 12
	ContactInfo  // ô 13
	StampText    // an agency signature's text (separate files, electronic copies)
	CopyTitle    // "SAO Y", "TRÍCH SAO", "SAO LỤC"
	DraftMark    // "DỰ THẢO" [PRACTICE]
	elementCount
)

// ElementStyle is one row of the style table.
type ElementStyle struct {
	Size13, Size14 float64 // points in each size set
	Bold, Italic   bool
	Upper          bool   // written in capitals (in hoa)
	Spec           string // where the rule is stated
}

// elementStyles is the Decree-30 style table: the first place to look for
// the size, weight, slant or case of anything on the page.
var elementStyles = [elementCount]ElementStyle{
	QuocHieu:           {12, 13, true, false, true, "§3 row 1, §11.1"},
	TieuNgu:            {13, 14, true, false, false, "§3 row 2, §11.1"},
	ParentAgency:       {12, 13, false, false, true, "§3 row 3, §4.2"},
	Agency:             {12, 13, true, false, true, "§3 row 4, §4.2"},
	Number:             {13, 13, false, false, false, "§3 row 5 (13 pt fixed)"},
	PlaceDate:          {13, 14, false, true, false, "§3 row 6, §4.4"},
	Subject:            {12, 13, false, false, false, "§3 row 9, §11.1"},
	Body:               {13, 14, false, false, false, "§3 row 10, §1"},
	KinhGui:            {13, 14, false, false, false, "§3 row 20, §6"},
	SignerTitle:        {13, 14, true, false, true, "§3 row 21, §7"},
	SignerName:         {13, 14, true, false, false, "§3 row 23, §7"},
	NoiNhanLabel:       {12, 12, true, true, false, "§3 row 25, §9"},
	NoiNhanItem:        {11, 11, false, false, false, "§3 row 26, §9"},
	PageNumber:         {13, 14, false, false, false, "§3 row 32, §11.3"},
	AppendixHeading:    {14, 14, true, false, false, "§3 row 33, §12 (14 pt fixed)"},
	AppendixTitle:      {13, 14, true, false, true, "§3 row 34, §12"},
	AppendixAttachedTo: {13, 14, false, true, false, "§3 row 35, §12"},
	TableHeader:        {12, 13, true, false, false, "§13 [PRACTICE]: body size or 1–2 pt smaller, header bold"},
	TableText:          {12, 13, false, false, false, "§13 [PRACTICE]"},
	TypeName:           {13, 14, true, false, true, "§3 row 7"},
	TypedSubject:       {13, 14, true, false, false, "§3 row 8"},
	Authority:          {13, 14, true, false, true, "§5, §14.2 (the forms set it as the tên loại)"},
	Basis:              {13, 14, false, true, false, "§3 row 11, §5"},
	Action:             {13, 14, true, false, true, "§5, §14.2"},
	ArticleTitle:       {13, 14, true, false, false, "§3 row 16"},
	PartLabel:          {13, 14, true, false, false, "§3 rows 12–15, §5"},
	PartTitle:          {13, 14, true, false, true, "§3 rows 12–15, §5"},
	Urgency:            {13, 14, true, false, true, "§3 row 27"},
	Secrecy:            {13, 14, true, false, true, "§3 row 28 (size set by the state-secrets rules; vanban uses row 27's)"},
	Circulation:        {13, 14, true, false, true, "§3 row 29"},
	Drafter:            {11, 11, false, false, false, "§3 row 30 (11 pt fixed)"},
	ContactInfo:        {11, 12, false, false, false, "§3 row 31"},
	StampText:          {10, 10, false, false, false, "§10, §11.1 (10 pt fixed)"},
	CopyTitle:          {13, 14, true, false, true, "§11.7"},
	DraftMark:          {13, 14, true, false, true, "§16.8 [PRACTICE]"},
}

// Rule returns the table row for an element.
func (e Element) Rule() ElementStyle { return elementStyles[e] }

// Style resolves an element's character style in the size set.
func (s SizeSet) Style(e Element) layout.Style {
	r := elementStyles[e]
	size := r.Size13
	if s == Set14 {
		size = r.Size14
	}
	return layout.Style{Size: layout.Pt(size), Bold: r.Bold, Italic: r.Italic}
}

// Case writes text in the case the element requires.
func (e Element) Case(text string) string {
	if elementStyles[e].Upper {
		return strings.ToUpper(text)
	}
	return text
}

// FontFamily is the typeface of every element (docs/nd30.md §1: Times New Roman,
// Unicode, TCVN 6909:2001). The PDF embeds a metric-compatible face.
const FontFamily = "Times New Roman"

// Language is the documents' language tag (BCP 47), for spell-checking and
// hyphenation in the clients that open them.
const Language = "vi-VN"

// The words of ô 1 (docs/nd30.md §4.1): "CỘNG HÒA" as in the rule text, and
// the Tiêu ngữ with ASCII hyphen-minus and a space on each side.
const (
	QuocHieuText = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	TieuNguText  = "Độc lập - Tự do - Hạnh phúc"
)

// DecimalSeparator and ListSeparator are Vietnamese number writing: 12,75
// (Decimal.String writes it so), and lists of numbers separated by ";" —
// a word processor told so computes and shows numbers the same way.
const (
	DecimalSeparator = ","
	ListSeparator    = ";"
)

// Page geometry (docs/nd30.md §1, §11.3), in twips. Margins are inside the legal
// ranges (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm) and stay the
// same in landscape.
const (
	PaperWidth     layout.Length = 11906 // 210 mm
	PaperHeight    layout.Length = 16838 // 297 mm
	MarginTop      layout.Length = 1134  // 20 mm
	MarginBottom   layout.Length = 1134  // 20 mm
	MarginLeft     layout.Length = 1701  // 30 mm
	MarginRight    layout.Length = 850   // 15 mm
	HeaderDistance layout.Length = 567   // 10 mm to the page number line, as in the decree's own files (W3)
)

// Page returns A4 with the document margins, turned when landscape.
func Page(landscape bool) layout.Page {
	p := layout.Page{
		Width: PaperWidth, Height: PaperHeight,
		Top: MarginTop, Bottom: MarginBottom, Left: MarginLeft, Right: MarginRight,
		HeaderDistance: HeaderDistance,
	}
	if landscape {
		p.Width, p.Height, p.Landscape = PaperHeight, PaperWidth, true
	}
	return p
}

// Paragraph and block measures, in twips.
const (
	FirstLineIndent  layout.Length = 567  // 1 cm (docs/nd30.md §1: 1 cm or 1.27 cm)
	ParagraphSpacing layout.Length = 120  // 6 pt (docs/nd30.md §1: at least 6 pt between paragraphs)
	KinhGuiIndent    layout.Length = 1984 // 35 mm, the Mẫu 1.5 form's 3.5 cm (docs/nd30.md §6)
	SubjectSpacing   layout.Length = 120  // 6 pt: V/v under the Số line (docs/nd30.md §3 row 9)
	SignatureGap     layout.Length = 1361 // 24 mm for the signature (docs/nd30.md §7 [PRACTICE]: 20–30 mm)
	RuleThickness    layout.Length = 10   // 0.5 pt solid rules under Tiêu ngữ and agency (docs/nd30.md §4)
	TableBorder      layout.Length = 10   // 0.5 pt
	CellPadding      layout.Length = 85   // 1.5 mm in appendix tables
	LayoutPadding    layout.Length = 57   // 1 mm inside the borderless header and signature grids

	CellPaddingVertical layout.Length = 30  // 1.5 pt above and below appendix cell text
	HeaderRowGap        layout.Length = 120 // 6 pt between the agency/motto row and the Số/date row
	BlockSpacing        layout.Length = 240 // 12 pt between header, Kính gửi, body, signature; after "Kèm theo" [PRACTICE]
)

// LineSpacing is single spacing (docs/nd30.md §1: single up to 1.5 lines).
const LineSpacing = 240

// HeaderLeftShare is the left header column's share of the text width: the
// forms use about 40:60 (docs/nd30.md §11.2, Mẫu 1.5: 68 + 95 mm).
const HeaderLeftShare = 0.40

// SignatureLeftWidth is the Nơi nhận column of the signature grid, 62 mm
// (docs/nd30.md §11.2, Mẫu 1.5: 62 + 102.5 mm).
const SignatureLeftWidth layout.Length = 3515

// AgencyRuleShare is the rule under the agency name as a share of the name's
// longest line: inside the 1/3–1/2 the decree allows (docs/nd30.md §3 row 4, §4.2).
const AgencyRuleShare = 0.4

// Column widths of appendix tables when the author gives none.
const (
	IndexColumnWidth layout.Length = 680  // 12 mm
	ScoreColumnWidth layout.Length = 1247 // 22 mm
)
