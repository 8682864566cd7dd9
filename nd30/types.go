package nd30

import "strings"

// Family is the sample form (Mẫu) of Phụ lục III, Mục II that lays a type
// out; types of one family share a composer (docs/nd30.md §14, §14.1).
type Family int

const (
	NoForm       Family = iota // Phụ lục III gives no Mẫu (hợp đồng, bản ghi nhớ, bản thỏa thuận, thư công)
	Resolution                 // Mẫu 1.1 Nghị quyết (cá biệt)
	Decision                   // Mẫu 1.2, and Mẫu 1.3 when the decision issues a document
	Typed                      // Mẫu 1.4 Văn bản có tên loại
	Letter                     // Mẫu 1.5 Công văn
	Telegram                   // Mẫu 1.6 Công điện
	Invitation                 // Mẫu 1.7 Giấy mời
	Introduction               // Mẫu 1.8 Giấy giới thiệu
	Minutes                    // Mẫu 1.9 Biên bản
	Leave                      // Mẫu 1.10 Giấy nghỉ phép
	AppendixFile               // Mẫu 2.1 / 2.2: appendices in a file of their own
)

// Box is one ô of the layout diagram (docs/nd30.md §2.1); Boxes is a set of them.
type Box uint32

const (
	Box1   Box = 1 << iota // Quốc hiệu and Tiêu ngữ
	Box2                   // issuing agency
	Box3                   // Số, ký hiệu
	Box4                   // place and date
	Box5a                  // tên loại and trích yếu
	Box5b                  // V/v trích yếu of a công văn
	Box6                   // body
	Box7                   // authority, post, signature, name
	Box8                   // seal or agency signature
	Box9a                  // Kính gửi
	Box9b                  // Nơi nhận
	Box10a                 // secrecy stamp
	Box10b                 // urgency stamp
	Box11                  // circulation instruction, recall stamp
	Box12                  // drafter's initials and copies issued
	Box13                  // agency address, telephone, e-mail, website
)

var boxNames = []string{"1", "2", "3", "4", "5a", "5b", "6", "7", "8", "9a", "9b", "10a", "10b", "11", "12", "13"}

// Has reports whether the set holds every box of b.
func (s Box) Has(b Box) bool { return s&b == b }

// String lists the boxes: "ô 1, 2, 3, 4, 5a, …".
func (s Box) String() string {
	var names []string
	for i, n := range boxNames {
		if s&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return "ô " + strings.Join(names, ", ")
}

// Marks are the boxes every type may carry (docs/nd30.md §3 rows 27–31): they are
// optional fields of every document.
const Marks = Box10a | Box10b | Box11 | Box12 | Box13

// Symbol says how a type's ký hiệu is built (docs/nd30.md §4.3).
type Symbol int

const (
	TypeAgency Symbol = iota // "Số: 12/QĐ-UBND": the type's abbreviation, then the agency's
	AgencyUnit               // a công văn's "Số: 12/UBND-VX": the agency, then the drafting unit or field
	NoSymbol                 // no abbreviation in Phụ lục III Mục I (thư công), or no number of its own
)

// FirstRecipient is what the Nơi nhận list opens with (docs/nd30.md §9).
type FirstRecipient int

const (
	AnyRecipient FirstRecipient = iota // the list as written
	NhuTren                            // "- Như trên;": the Kính gửi (or, in a giấy giới thiệu, the "Được cử đến") recipients
	NhuDieu                            // "- Như Điều …;": the article that names who carries the decision out
)

// DocumentType is an administrative document type (Decree 30, Art. 7; the
// abbreviations and forms of Phụ lục III, docs/nd30.md §14).
type DocumentType struct {
	ID     string // the input's `type:`, "quyet-dinh"
	Number int    // its place in Art. 7 (1–29); 0 for a file that is not a type (phu-luc)
	Name   string // as running text names it: "Quyết định"
	Abbr   string // Phụ lục III Mục I, case as the Decree writes it: "QĐ", "QyĐ", "TTr"; "" for none
	Form   string // the Mẫu that lays it out: "1.2"; "" when Phụ lục III has none
	Family Family
	Boxes  Box    // the ô its form has
	Symbol Symbol // how its ký hiệu is built
	// Title is the tên loại printed in ô 5a, in capitals ("QUYẾT ĐỊNH"); empty
	// for the forms that print none (công văn).
	Title string
	// Subject says whether the form has a trích yếu: a giấy giới thiệu and a
	// giấy nghỉ phép have only their tên loại.
	Subject bool
	// Action is the line that opens the provisions of a decision: "QUYẾT ĐỊNH:".
	Action string
	First  FirstRecipient
	// Archive is the Lưu line the form prints when the author gives none
	// ("VT, Hồ sơ" for a biên bản).
	Archive string
}

// Administrative reports whether t is one of the 29 types of Art. 7.
func (t DocumentType) Administrative() bool { return t.Number > 0 }

// Laid reports whether vanban lays the type out: whether Phụ lục III has a Mẫu for it.
func (t DocumentType) Laid() bool { return t.Family != NoForm }

// common are the ô of every typed form (Mẫu 1.1–1.4, 1.6–1.10).
const common = Box1 | Box2 | Box3 | Box4 | Box5a | Box6 | Box7 | Box8 | Box9b | Marks

func typed(id string, n int, name, abbr string) DocumentType {
	return DocumentType{ID: id, Number: n, Name: name, Abbr: abbr, Form: "1.4", Family: Typed, Boxes: common,
		Symbol: TypeAgency, Title: strings.ToUpper(name), Subject: true}
}

func noForm(id string, n int, name, abbr string) DocumentType {
	sym := TypeAgency
	if abbr == "" {
		sym = NoSymbol
	}
	return DocumentType{ID: id, Number: n, Name: name, Abbr: abbr, Family: NoForm, Symbol: sym, Title: strings.ToUpper(name), Subject: true}
}

// upward is a typed form that a lower body sends up to a higher one: it may
// have a Kính gửi, and then a Nơi nhận opening with "Như trên" (docs/nd30.md §6, §9).
func upward(t DocumentType) DocumentType {
	t.Boxes |= Box9a
	t.First = NhuTren
	return t
}

// documentTypes is the one registry of types, in the order of Art. 7: the
// decoder accepts the types laid out here, templates has a composer for each
// family (tested), the ký hiệu check reads the abbreviations, the texts name
// the types from here (docs/nd30.md §14, §14.1).
var documentTypes = []DocumentType{
	{ID: "nghi-quyet", Number: 1, Name: "Nghị quyết", Abbr: "NQ", Form: "1.1", Family: Resolution, Boxes: common,
		Symbol: TypeAgency, Title: "NGHỊ QUYẾT", Subject: true, Action: "QUYẾT NGHỊ:", First: NhuDieu},
	{ID: "quyet-dinh", Number: 2, Name: "Quyết định", Abbr: "QĐ", Form: "1.2", Family: Decision, Boxes: common,
		Symbol: TypeAgency, Title: "QUYẾT ĐỊNH", Subject: true, Action: "QUYẾT ĐỊNH:", First: NhuDieu},
	typed("chi-thi", 3, "Chỉ thị", "CT"),
	typed("quy-che", 4, "Quy chế", "QC"),
	typed("quy-dinh", 5, "Quy định", "QyĐ"),
	typed("thong-cao", 6, "Thông cáo", "TC"),
	typed("thong-bao", 7, "Thông báo", "TB"),
	typed("huong-dan", 8, "Hướng dẫn", "HD"),
	typed("chuong-trinh", 9, "Chương trình", "CTr"),
	typed("ke-hoach", 10, "Kế hoạch", "KH"),
	typed("phuong-an", 11, "Phương án", "PA"),
	typed("de-an", 12, "Đề án", "ĐA"),
	typed("du-an", 13, "Dự án", "DA"),
	upward(typed("bao-cao", 14, "Báo cáo", "BC")),
	{ID: "bien-ban", Number: 15, Name: "Biên bản", Abbr: "BB", Form: "1.9", Family: Minutes, Boxes: common &^ Box4,
		Symbol: TypeAgency, Title: "BIÊN BẢN", Subject: true, Archive: MinutesArchive},
	upward(typed("to-trinh", 16, "Tờ trình", "TTr")),
	noForm("hop-dong", 17, "Hợp đồng", "HĐ"),
	{ID: "cong-van", Number: 18, Name: "Công văn", Form: "1.5", Family: Letter,
		Boxes: common&^Box5a | Box5b | Box9a, Symbol: AgencyUnit, Subject: true, First: NhuTren},
	{ID: "cong-dien", Number: 19, Name: "Công điện", Abbr: "CĐ", Form: "1.6", Family: Telegram, Boxes: common | Box9a,
		Symbol: TypeAgency, Title: "CÔNG ĐIỆN", Subject: true},
	noForm("ban-ghi-nho", 20, "Bản ghi nhớ", "BGN"),
	noForm("ban-thoa-thuan", 21, "Bản thỏa thuận", "BTT"),
	typed("giay-uy-quyen", 22, "Giấy ủy quyền", "GUQ"),
	{ID: "giay-moi", Number: 23, Name: "Giấy mời", Abbr: "GM", Form: "1.7", Family: Invitation, Boxes: common,
		Symbol: TypeAgency, Title: "GIẤY MỜI", Subject: true},
	{ID: "giay-gioi-thieu", Number: 24, Name: "Giấy giới thiệu", Abbr: "GGT", Form: "1.8", Family: Introduction, Boxes: common,
		Symbol: TypeAgency, Title: "GIẤY GIỚI THIỆU", First: NhuTren},
	{ID: "giay-nghi-phep", Number: 25, Name: "Giấy nghỉ phép", Abbr: "GNP", Form: "1.10", Family: Leave, Boxes: common,
		Symbol: TypeAgency, Title: "GIẤY NGHỈ PHÉP"},
	typed("phieu-gui", 26, "Phiếu gửi", "PG"),
	typed("phieu-chuyen", 27, "Phiếu chuyển", "PC"),
	typed("phieu-bao", 28, "Phiếu báo", "PB"),
	noForm("thu-cong", 29, "Thư công", ""),
	// Not a type of Art. 7: the appendices of a document in a file of their
	// own (Mẫu 2.1 on paper; Mẫu 2.2, signed by the agency, electronically).
	{ID: "phu-luc", Name: "Phụ lục", Form: "2.2", Family: AppendixFile, Boxes: Box6, Symbol: NoSymbol},
}

// DocumentTypes lists the registry, in the order of Art. 7 (the appendix
// file last).
func DocumentTypes() []DocumentType {
	return append([]DocumentType(nil), documentTypes...)
}

// DocumentTypeOf returns the type with the given ID.
func DocumentTypeOf(id string) (DocumentType, bool) {
	for _, t := range documentTypes {
		if t.ID == id {
			return t, true
		}
	}
	return DocumentType{}, false
}

// TypeByAbbr returns the administrative type whose abbreviation is abbr,
// compared as the Decree writes it (case matters: "QyĐ", not "QYĐ").
func TypeByAbbr(abbr string) (DocumentType, bool) {
	for _, t := range documentTypes {
		if t.Abbr != "" && t.Abbr == abbr {
			return t, true
		}
	}
	return DocumentType{}, false
}

// AbbrSpelling is how the Decree writes an abbreviation of a ký hiệu that
// part spells in another case: "QyĐ" for "QYĐ" or "qyđ", "TrS" for "TRS";
// false when part is no type's or copy's abbreviation (docs/nd30.md §14).
func AbbrSpelling(part string) (string, bool) {
	for _, t := range documentTypes {
		if t.Abbr != "" && strings.EqualFold(t.Abbr, part) {
			return t.Abbr, true
		}
	}
	for _, k := range copyKinds {
		if strings.EqualFold(k.Abbr, part) {
			return k.Abbr, true
		}
	}
	return "", false
}

// CopyKind is a kind of copy (bản sao, Art. 25; docs/nd30.md §11.7, §14).
type CopyKind struct {
	ID    string // the input's `copy.kind`: "sao-y"
	Name  string // "Bản sao y"
	Title string // printed in ô 1 of the copy block, in capitals: "SAO Y"
	Abbr  string // ký hiệu of the copy: "SY"
}

var copyKinds = []CopyKind{
	{ID: "sao-y", Name: "Bản sao y", Title: "SAO Y", Abbr: "SY"},
	{ID: "trich-sao", Name: "Bản trích sao", Title: "TRÍCH SAO", Abbr: "TrS"},
	{ID: "sao-luc", Name: "Bản sao lục", Title: "SAO LỤC", Abbr: "SL"},
}

// CopyKinds lists the kinds of copy (PL III I).
func CopyKinds() []CopyKind { return append([]CopyKind(nil), copyKinds...) }

// CopyKindOf returns the kind of copy with the given ID.
func CopyKindOf(id string) (CopyKind, bool) {
	for _, k := range copyKinds {
		if k.ID == id {
			return k, true
		}
	}
	return CopyKind{}, false
}

// SymbolAbbr is the first group of a ký hiệu after the slash ("QĐ" of
// "QĐ-UBND"), or "" when there is none.
func SymbolAbbr(code string) string {
	if i := strings.IndexAny(code, "-/"); i >= 0 {
		return code[:i]
	}
	return ""
}
