// Package layout is the one description of a laid-out administrative document
// that every writer paints: sections with their page set-up and numbering,
// and blocks (paragraphs of runs, tables, drawn rules) whose styles are fully
// resolved — sizes, weights, alignment, indents, spacing, borders.
//
// The Decree-30 rules that produce these values live in package nd30 and
// package templates; writers (render/docx, render/pdf) translate the
// description into their format and decide nothing of their own.
package layout

import "math"

// Length is a distance in twips (1/20 pt, 1/1440 inch), the unit of
// WordprocessingML, fine enough for every Decree-30 measure (1 mm ≈ 56.7 twip).
type Length int

// MM converts millimetres to a Length, rounded to the nearest twip.
func MM(mm float64) Length { return Length(math.Round(mm * 1440 / 25.4)) }

// Pt converts points to a Length.
func Pt(pt float64) Length { return Length(math.Round(pt * 20)) }

// Points returns the length in points.
func (l Length) Points() float64 { return float64(l) / 20 }

// Millimetres returns the length in millimetres.
func (l Length) Millimetres() float64 { return float64(l) * 25.4 / 1440 }

// Document is a whole laid-out document.
type Document struct {
	Info Info
	// Font is the typeface family every run is set in: the DOCX names it,
	// the PDF embeds a face with its metrics.
	Font     string
	Sections []Section
	// Default is the style of text typed later where the layout put none
	// (an editor's new paragraph): the body style.
	Default Style
}

// Info is the document's metadata, written to DOCX core properties and the
// PDF information dictionary. Created is taken from the document, never the
// clock, so that output is reproducible.
type Info struct {
	Title    string // the trích yếu
	Author   string // the issuing agency
	Subject  string
	Language string // BCP 47, "vi-VN"
	Created  string // RFC 3339 date-time, or empty
	// DecimalSeparator and ListSeparator say how the document writes
	// numbers, for a word processor's fields and formulas.
	DecimalSeparator, ListSeparator string
}

// Section is a run of pages with one page set-up and one page numbering.
type Section struct {
	Page       Page
	PageNumber *PageNumber // nil: no page numbers
	Blocks     []Block
	// FirstPageBoxes are set at fixed places on the section's first page,
	// outside the flow of the text, which they do not move: the marks the
	// Decree's diagram draws in the top margin band (ô 11, an agency
	// signature's text; docs/nd30.md §2.2).
	FirstPageBoxes []Box
	// FirstPageFoot is set at the foot of the section's first page, its last
	// line on the bottom margin; the text of that page ends above it
	// (ô 13: the agency's address under a rule; docs/nd30.md §3 row 31).
	FirstPageFoot []Block
}

// Box is a rectangle at a fixed place on a page holding paragraphs, with a
// single border or none. Its paragraphs are set in its width less the
// border and the padding on each side, from its top down; a box with a
// Height that its paragraphs do not fill leaves the rest empty (centre them
// with their space before). The DOCX states the padding in whole points,
// and the frames LibreOffice makes of it take the top and bottom padding in
// steps of two points: a padding of an even number of points is the same
// in every writer.
type Box struct {
	X, Y          Length // its top left corner, from the page's top left corner
	Width, Height Length // Height 0: as tall as its paragraphs and padding
	Border        Length // the width of the line around it; 0: none
	Padding       Length // between the border and the text, on every side
	Blocks        []Block
}

// Page is a page size, orientation and margins.
type Page struct {
	Width, Height            Length
	Landscape                bool
	Top, Bottom, Left, Right Length
	HeaderDistance           Length // from the top edge to the page-number line
}

// TextWidth is the width between the left and right margins.
func (p Page) TextWidth() Length { return p.Width - p.Left - p.Right }

// PageNumber says how the pages of a section are numbered: centred in the top
// margin, counting from Start.
type PageNumber struct {
	Style         Style
	Start         int  // the number of the section's first page
	ShowFirstPage bool // whether the section's first page shows its number
}

// Block is a Paragraph, a Table or a Rule.
type Block interface{ isBlock() }

// Align is a horizontal alignment.
type Align int

const (
	Left Align = iota
	Center
	Right
	Justify
)

// Style is a run's resolved character style.
type Style struct {
	Size   Length // font size
	Bold   bool
	Italic bool
}

// Script is a run's vertical position.
type Script int

const (
	Baseline Script = iota
	Subscript
	Superscript
)

// Run is text in one style.
type Run struct {
	Text   string
	Style  Style
	Script Script
}

// Paragraph is a run of text laid out in lines.
type Paragraph struct {
	Runs  []Run
	Align Align
	// Mark is the style of the paragraph mark; it sets the height of an empty
	// paragraph.
	Mark        Style
	IndentLeft  Length
	IndentRight Length
	// FirstLine is the first-line indent; a negative value is a hanging indent
	// (the first line starts further left than the following ones).
	FirstLine   Length
	SpaceBefore Length
	SpaceAfter  Length
	// LineSpacing is the line pitch in 240ths of the font's single spacing
	// (240 single … 360 one and a half lines).
	LineSpacing int
	// KeepWithNext keeps the paragraph on the same page as the next block;
	// KeepLines keeps its lines together; WidowControl forbids one line of it
	// alone at the top or bottom of a page.
	KeepWithNext bool
	KeepLines    bool
	WidowControl bool
	// Images are pictures placed over the page from this paragraph's first
	// line, on its page, without moving any text.
	Images []Image
}

// Image is a picture placed from a paragraph (Paragraph.Images): X is its
// left edge from the left edge of the column the paragraph is set in (the
// text width, or a cell inside its padding), Y its top edge from the top of
// the paragraph's first line, below the paragraph's space before (negative:
// above it). An image in a table cell stays within the cell's row from top
// to bottom, as word processors keep it there. Images are not supported in
// generated table rows, boxes or the first-page foot.
type Image struct {
	PNG           []byte // a PNG file; its alpha channel is kept
	X, Y          Length
	Width, Height Length
	Behind        bool   // behind the text rather than over it
	Name          string // what the picture is, for its description
}

// Table is a grid of cells with fixed column widths.
type Table struct {
	Columns []Length // fixed widths; the table is as wide as their sum
	Align   Align    // of the table between the margins
	// Borders draws single lines of BorderWidth around and between all cells;
	// a table without borders is a layout grid (the header, the signature).
	Borders     bool
	BorderWidth Length
	// CellPadding is the space between a cell's edge and its text, left and
	// right; CellPaddingVertical top and bottom.
	CellPadding         Length
	CellPaddingVertical Length
	Rows                []Row
	// Generated rows follow Rows: Generate(i) makes the i-th of them when a
	// writer comes to it. A long appendix is described this way, so that
	// neither the description nor a writer holds a row for each of its
	// lines; Generate must return the same row each time it is asked.
	Generated int
	Generate  func(i int) Row
}

// NumRows is the number of rows of the table, generated ones included.
func (t *Table) NumRows() int { return len(t.Rows) + t.Generated }

// Row returns row i of the table.
func (t *Table) Row(i int) Row {
	if i < len(t.Rows) {
		return t.Rows[i]
	}
	return t.Generate(i - len(t.Rows))
}

// Row is one table row.
type Row struct {
	Cells []Cell
	// Header marks rows repeated at the top of every page the table spans.
	Header bool
	// CantSplit keeps the row on one page (unless it is taller than a page).
	CantSplit bool
	// KeepWithPrevious keeps the row on the page of the row before it, so a
	// total row never stands alone at the top of a page.
	KeepWithPrevious bool
}

// VAlign is a cell's vertical alignment.
type VAlign int

const (
	Top VAlign = iota
	Middle
	Bottom
)

// Cell is a table cell holding blocks.
type Cell struct {
	Span   int // columns covered; 0 means 1
	VAlign VAlign
	Blocks []Block
}

// Columns returns the number of grid columns the cell covers.
func (c Cell) Columns() int {
	if c.Span < 1 {
		return 1
	}
	return c.Span
}

// Rule is a solid horizontal line of a given length, placed like a line of
// text in its container (Decree 30 §4: under the Tiêu ngữ and the agency name).
type Rule struct {
	Width       Length
	Thickness   Length
	Align       Align
	SpaceBefore Length
	SpaceAfter  Length
}

// SectionLead is the height of the empty paragraph before a table that
// opens a section (after the first): LibreOffice drops a section break
// when the new section starts with a table, so the DOCX puts one there and
// the PDF leaves the same room, which keeps the pages alike.
const SectionLead Length = 20 // 1 pt

// RuleBox is the height of the empty line a Rule is drawn under: the rule
// occupies SpaceBefore + RuleBox + Thickness + SpaceAfter in every writer.
const RuleBox Length = 20 // 1 pt

// Sub- and superscripts are set smaller and shifted, as word processors do
// for a run marked subscript or superscript (these are LibreOffice's
// automatic values); writers that place glyphs themselves use these factors
// of the run's size.
const (
	ScriptScale     = 0.58
	SuperscriptRise = 0.33
	SubscriptDrop   = 0.08
)

func (*Paragraph) isBlock() {}
func (*Table) isBlock()     {}
func (*Rule) isBlock()      {}
