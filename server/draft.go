package server

// Draft is the editor's form as the page sends it: one typed field per
// field of the input, named as the YAML names it, so that a field path
// ("signer.title", "appendices[0].columns[2].kind") is the same in the page,
// in the YAML written from it and in the model's errors. Every value is
// text as typed (a number field holds "12", a date "2024-03"): the model
// decides what is valid, with its own messages.
type Draft struct {
	Type        string   `json:"type"`
	SizeSet     string   `json:"size_set,omitempty"`
	Agency      *Agency  `json:"agency,omitempty"`
	Number      string   `json:"number,omitempty"`
	Code        string   `json:"code,omitempty"`
	Place       string   `json:"place,omitempty"`
	Date        string   `json:"date,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	Secrecy     string   `json:"secrecy,omitempty"`
	Urgency     string   `json:"urgency,omitempty"`
	Circulation string   `json:"circulation,omitempty"`
	Draft       bool     `json:"draft,omitempty"`
	Recipients  []string `json:"recipients,omitempty"`
	Issuer      string   `json:"issuer,omitempty"`
	Authority   string   `json:"authority,omitempty"`
	CanCu       []string `json:"can_cu,omitempty"`
	Proposal    string   `json:"proposal,omitempty"`
	// Articles hold a title (optional) and a text each.
	Articles     []Article     `json:"articles,omitempty"`
	Issues       *Issued       `json:"issues,omitempty"`
	Invitation   *Invitation   `json:"invitation,omitempty"`
	Introduction *Introduction `json:"introduction,omitempty"`
	Minutes      *Minutes      `json:"minutes,omitempty"`
	Leave        *Leave        `json:"leave,omitempty"`
	Deadlines    []Deadline    `json:"deadlines,omitempty"`
	Body         string        `json:"body,omitempty"`
	Signer       *Signer       `json:"signer,omitempty"`
	CC           []string      `json:"cc,omitempty"`
	Archive      string        `json:"archive,omitempty"`
	Drafter      *Drafter      `json:"drafter,omitempty"`
	Contact      *Contact      `json:"contact,omitempty"`
	Appendices   []Appendix    `json:"appendices,omitempty"`
	AttachedTo   *ParentRef    `json:"attached_to,omitempty"`
	SignedAt     string        `json:"signed_at,omitempty"`
	Copy         *Copy         `json:"copy,omitempty"`
}

// Agency is the issuing agency block.
type Agency struct {
	Parent     string `json:"parent,omitempty"`
	Name       string `json:"name,omitempty"`
	NameInText string `json:"name_in_text,omitempty"`
	// The seal's image (a .png in the working folder) and its diameter in
	// mm, for an electronic document.
	SealImage string `json:"seal_image,omitempty"`
	SealMM    string `json:"seal_mm,omitempty"`
}

// Signer is the signature block: authority and title lines, and the name.
type Signer struct {
	Title []string `json:"title,omitempty"`
	Name  string   `json:"name,omitempty"`
	// The signature's image, a .png in the working folder.
	SignatureImage string `json:"signature_image,omitempty"`
}

// Deadline is one entry of `deadlines`: its name, date and time (HH:MM,
// 24:00 allowed; empty for a date only).
type Deadline struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Time string `json:"time,omitempty"`
}

// Article is one Điều of a decision.
type Article struct {
	Title string `json:"title,omitempty"`
	Body  string `json:"body"`
}

// Issued is the document a decision issues (Mẫu 1.3).
type Issued struct {
	Type    string `json:"type,omitempty"`
	Subject string `json:"subject,omitempty"`
	Body    string `json:"body,omitempty"`
}

// Invitation is a giấy mời's block (Mẫu 1.7).
type Invitation struct {
	Invitees string `json:"invitees,omitempty"`
	Event    string `json:"event,omitempty"`
	Chair    string `json:"chair,omitempty"`
	Time     string `json:"time,omitempty"`
	Place    string `json:"place,omitempty"`
}

// Introduction is a giấy giới thiệu's block (Mẫu 1.8).
type Introduction struct {
	Honorific  string `json:"honorific,omitempty"`
	Name       string `json:"name,omitempty"`
	Position   string `json:"position,omitempty"`
	SentTo     string `json:"sent_to,omitempty"`
	Purpose    string `json:"purpose,omitempty"`
	ValidUntil string `json:"valid_until,omitempty"`
}

// Person is a chair or secretary of a biên bản.
type Person struct {
	Name     string   `json:"name,omitempty"`
	Position string   `json:"position,omitempty"`
	Title    []string `json:"title,omitempty"` // the chair only
}

// Minutes is a biên bản's block (Mẫu 1.9).
type Minutes struct {
	Kind         string   `json:"kind,omitempty"`
	Start        string   `json:"start,omitempty"`
	End          string   `json:"end,omitempty"`
	Place        string   `json:"place,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Chair        *Person  `json:"chair,omitempty"`
	Secretary    *Person  `json:"secretary,omitempty"`
}

// Leave is a giấy nghỉ phép's block (Mẫu 1.10).
type Leave struct {
	Requested    string `json:"requested,omitempty"`
	Honorific    string `json:"honorific,omitempty"`
	Name         string `json:"name,omitempty"`
	Position     string `json:"position,omitempty"`
	From         string `json:"from,omitempty"`
	To           string `json:"to,omitempty"`
	Days         string `json:"days,omitempty"`
	Place        string `json:"place,omitempty"`
	CountedAs    string `json:"counted_as,omitempty"`
	Confirmation bool   `json:"confirmation,omitempty"`
}

// Drafter is ô 12: the drafter's initials and the copies issued.
type Drafter struct {
	Initials string `json:"initials,omitempty"`
	Copies   string `json:"copies,omitempty"`
}

// Contact is ô 13.
type Contact struct {
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Fax     string `json:"fax,omitempty"`
	Email   string `json:"email,omitempty"`
	Website string `json:"website,omitempty"`
}

// Appendix is one phụ lục: its columns and, in the grid, its rows (one
// cell per non-index column, in column order).
type Appendix struct {
	Title       string     `json:"title,omitempty"`
	Header      bool       `json:"header,omitempty"`
	Landscape   bool       `json:"landscape,omitempty"`
	Columns     []Column   `json:"columns,omitempty"`
	TotalLabel  string     `json:"total_label,omitempty"`
	BlankRows   string     `json:"blank_rows,omitempty"`
	Rows        [][]string `json:"rows,omitempty"`
	RowsFrom    string     `json:"rows_from,omitempty"`
	SubtotalsBy string     `json:"subtotals_by,omitempty"`
}

// Column is one appendix column.
type Column struct {
	Title string `json:"title,omitempty"`
	Kind  string `json:"kind,omitempty"` // text (or ""), index, score
	Total bool   `json:"total,omitempty"`
	Width string `json:"width,omitempty"`
	Max   string `json:"max,omitempty"`
}

// ParentRef names the document a separate file belongs to.
type ParentRef struct {
	Type   string `json:"type,omitempty"`
	Number string `json:"number,omitempty"`
	Code   string `json:"code,omitempty"`
	Date   string `json:"date,omitempty"`
	Agency string `json:"agency,omitempty"`
}

// Copy is a bản sao block (Mẫu 3.1, 3.2).
type Copy struct {
	Kind     string   `json:"kind,omitempty"`
	Agency   *Agency  `json:"agency,omitempty"`
	Number   string   `json:"number,omitempty"`
	Code     string   `json:"code,omitempty"`
	Place    string   `json:"place,omitempty"`
	Date     string   `json:"date,omitempty"`
	Signer   *Signer  `json:"signer,omitempty"`
	CC       []string `json:"cc,omitempty"`
	Archive  string   `json:"archive,omitempty"`
	SignedAt string   `json:"signed_at,omitempty"`
}
