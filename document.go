// Package vanban is the document model of an administrative document under
// Decree 30/2020/NĐ-CP: what the drafting officer writes in YAML, decoded,
// NFC-normalised and validated, with the file position of every value kept
// for error messages.
//
// Parse turns YAML into a Document or into an ErrorList whose entries name
// FILE:LINE:COLUMN, the field, and what was expected, in Vietnamese. Package
// templates turns a Document into a layout; package render writes it.
package vanban

import (
	"strconv"
	"time"

	"github.com/vanban-vn/vanban/nd30"
)

// Pos is a position in the input file, 1-based.
type Pos struct {
	Line, Column int
}

// Document is one administrative document.
type Document struct {
	File    string // the input's name, for messages
	Type    string // "cong-van", "quyet-dinh" …: an ID of nd30's registry
	SizeSet nd30.SizeSet

	Agency     Agency
	Number     int // 0: left blank for registration
	Code       string
	Place      string
	Date       nd30.Date
	Subject    string
	Recipients []string

	Deadlines map[string]nd30.Deadline
	Body      []Paragraph

	Signer  Signer
	CC      []string
	Archive string

	Appendices []Appendix

	// The parts of some types only (docs/nd30.md §14.1). Body holds every prose
	// paragraph of the document in reading order, so that the checks read
	// them all: the articles' texts of a decision and the text of the
	// document it issues are parts of it.
	Authority  string    // the issuing authority line of a decision (Mẫu 1.1–1.3)
	Bases      []string  // căn cứ, one per line
	Proposal   string    // "Theo đề nghị của …"
	Articles   []Article // the provisions of a decision
	Issues     *Issued   // the document a decision issues, in the same file (Mẫu 1.3)
	AttachedTo *ParentRef
	// SignedAt is the agency signature's time of a separate file (Mẫu 1.3
	// electronic, Mẫu 2.2): its text goes at the top right of page 1.
	SignedAt     *time.Time
	Issuer       string // a công điện's "<issuer> điện:"
	Invitation   *Invitation
	Introduction *Introduction
	Minutes      *Minutes
	Leave        *Leave
	Copy         *Copy
	Marks        Marks
	Contact      nd30.Contact // ô 13

	// Positions holds where each value was written, by field path
	// ("code", "signer.name", "cc[2]"), for checks that point at it.
	Positions map[string]Pos
	// NFD is where the input first used decomposed Unicode (normalised to
	// NFC on reading), or nil.
	NFD *Pos
}

// PosOf returns where the value of a field was written, or the top of the
// file when it was not.
func (d *Document) PosOf(path string) Pos {
	if p, ok := d.Positions[path]; ok {
		return p
	}
	return Pos{1, 1}
}

// Agency is the issuing agency and its direct parent (docs/nd30.md §4.2).
type Agency struct {
	Parent     string // cơ quan chủ quản, optional
	Name       string // the issuing agency, upper case on the page
	NameInText string // how sentences name it: "Sở Nội vụ"
	// Seal is the image of the agency's seal on an electronic document
	// (ô 8: red, transparent PNG), set at the seal's real diameter SealMM
	// over the left third of the signature (docs/nd30.md §10, §10.1).
	Seal   *Image
	SealMM float64
}

// Signer is the signature block (docs/nd30.md §7).
type Signer struct {
	Title []string // authority and title lines: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
	Name  string
	// Image is the signature image of an electronic document (ô 7c: blue,
	// transparent PNG), centred between the title and the name
	// (docs/nd30.md §10, §10.1).
	Image *Image
}

// Image is a picture the YAML names by a path relative to its folder. The
// file is read later, through a file system rooted at that folder
// (ReadImages, as rows_from is read), so that a server can give it another
// root.
type Image struct {
	Path  string // slash-separated, relative to the YAML file's folder
	Pos   Pos    // where the YAML names it
	Field string // the field that names it: "signer.signature_image"
	// PNG is the file's bytes once read, and Width, Height its size in
	// pixels.
	PNG           []byte
	Width, Height int
}

// ParagraphKind says how a body paragraph was written.
type ParagraphKind int

const (
	PlainParagraph     ParagraphKind = iota
	ItemParagraph                    // "- …"
	NumberedParagraph                // "1. …", "a) …", "I. …"
	ArticleParagraph                 // "Điều 5. Phạm vi điều chỉnh": an article's heading
	PartParagraph                    // "Chương I", "Mục 1": a part's label, on its own line
	PartTitleParagraph               // the part's title, on the line under its label
)

// Paragraph is a body paragraph: inline runs of text, marks and deadlines.
type Paragraph struct {
	Kind    ParagraphKind
	Inlines []Inline
	Pos     Pos
	// Source is the paragraph as written, marks included; PosAt maps a byte
	// offset in it back to the file.
	Source   string
	segments []segment
}

// PosAt returns the file position of byte offset off in Source.
func (p *Paragraph) PosAt(off int) Pos {
	r := rawParagraph{segments: p.segments}
	r.text.WriteString(p.Source)
	return r.posAt(off)
}

// Script is an inline's vertical position.
type Script int

const (
	Baseline Script = iota
	Subscript
	Superscript
)

// Inline is a piece of a paragraph in one style. When Deadline is set, the
// inline stands for that deadline's text.
type Inline struct {
	Text     string
	Deadline string
	Bold     bool
	Italic   bool
	Script   Script
}

// ColumnKind is what an appendix column holds. It is nd30's, so that the
// widths the Decree's conventions give each kind need no translation.
type ColumnKind = nd30.ColumnKind

const (
	TextColumn  = nd30.TextColumn
	IndexColumn = nd30.IndexColumn // numbered 1, 2, 3 … automatically
	ScoreColumn = nd30.ScoreColumn // decimal numbers, written with a decimal comma
)

// Column is an appendix table column.
type Column struct {
	Title string
	Kind  ColumnKind
	Total bool          // sum the column in the total row
	Width float64       // millimetres; 0 shares the remaining width
	Max   *nd30.Decimal // the largest score allowed, if any
}

// Cell is one value of an appendix row.
type Cell struct {
	Text  string
	Score *nd30.Decimal // set for a non-empty score cell
}

// Appendix is a phụ lục: a titled table on its own section (docs/nd30.md §12).
type Appendix struct {
	Title      string
	Header     bool // repeat agency, Quốc hiệu and place-date on its first page
	Landscape  bool
	Columns    []Column
	TotalLabel string
	Rows       Rows // one cell per column; index cells are filled by layout
	// RowsFrom is a returned form (.xlsx, .csv) the rows are to be read
	// from, relative to the YAML file's folder; package form reads it into
	// Rows (form.ResolveRowsFrom) before the document is laid out.
	RowsFrom    string
	RowsFromPos Pos
	BlankRows   int
	// SubtotalsBy names a text column: after each run of rows with the same
	// value in it (a unit's rows) comes a subtotal row.
	SubtotalsBy string
}

// SubtotalColumn is the index of the SubtotalsBy column, or -1.
func (a *Appendix) SubtotalColumn() int {
	if a.SubtotalsBy == "" {
		return -1
	}
	for i, c := range a.Columns {
		if TitleKey(c.Title) == TitleKey(a.SubtotalsBy) {
			return i
		}
	}
	return -1
}

// Groups splits the rows into runs with the same value in the subtotal
// column: [start, end) pairs. Without subtotals it is one run of all rows.
func (a *Appendix) Groups() [][2]int {
	col := a.SubtotalColumn()
	n := a.Rows.Len()
	if col < 0 || n == 0 {
		return [][2]int{{0, n}}
	}
	var groups [][2]int
	start := 0
	for i := 1; i <= n; i++ {
		if i == n || a.Rows.Text(i, col) != a.Rows.Text(start, col) {
			groups = append(groups, [2]int{start, i})
			start = i
		}
	}
	return groups
}

// TotalOf sums column col over rows [from, to).
func (a *Appendix) TotalOf(col, from, to int) (sum nd30.Decimal, ok bool) {
	for r := from; r < to; r++ {
		if s, score := a.Rows.Score(r, col); score {
			sum, ok = sum.Add(s), true
		}
	}
	return sum, ok
}

// ColumnSpecs are what decides the columns' widths on the page:
// nd30.ColumnWidths(a.ColumnSpecs(), a.Landscape) gives them.
func (a *Appendix) ColumnSpecs() []nd30.ColumnSpec {
	specs := make([]nd30.ColumnSpec, len(a.Columns))
	digits := len(strconv.Itoa(a.Rows.Len() + a.BlankRows))
	for i, c := range a.Columns {
		specs[i] = nd30.ColumnSpec{WidthMM: c.Width, Kind: c.Kind, Digits: digits}
	}
	return specs
}

// HasTotals reports whether any column is summed.
func (a *Appendix) HasTotals() bool {
	for _, c := range a.Columns {
		if c.Total {
			return true
		}
	}
	return false
}

// Total sums column col over the rows; ok is false when no row has a value.
func (a *Appendix) Total(col int) (sum nd30.Decimal, ok bool) {
	return a.TotalOf(col, 0, a.Rows.Len())
}

// TypeName is the document type written in running text ("Công văn"), as the
// appendix "Kèm theo" line needs it (docs/nd30.md §12).
func (d *Document) TypeName() string { return d.DocType().Name }

// DocType is the document's type from nd30's registry.
func (d *Document) DocType() nd30.DocumentType {
	t, _ := nd30.DocumentTypeOf(d.Type)
	return t
}
