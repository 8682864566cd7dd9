package templates

import (
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// header is the borderless two-column grid at the top of page 1 (docs/nd30.md §2.2,
// §11.2): agency (ô 2) and Quốc hiệu + Tiêu ngữ (ô 1) on the first row; Số
// (ô 3) with the V/v trích yếu (ô 5b) and place + date (ô 4) on the second,
// so that ô 3 and ô 4 share a row whatever the height of the agency block.
// Appendix headers leave out Số and V/v.
func (b *builder) header(textWidth layout.Length, withNumber bool) *layout.Table {
	h := headerSpec{agency: b.doc.Agency, right: b.motto(), date: nd30.PlaceDateLine(b.doc.Place, b.doc.Date)}
	if withNumber {
		h.number = nd30.NumberLine(b.doc.Number, b.doc.Code)
		if b.doc.DocType().Boxes.Has(nd30.Box5b) {
			h.subject = nd30.SubjectLine(b.doc.Subject)
		}
	} else {
		h.blankNumber = true
	}
	if !b.doc.DocType().Boxes.Has(nd30.Box4) {
		h.date = "" // Mẫu 1.9: a biên bản has no place and date line
	}
	return b.headerTable(textWidth, h)
}

// headerSpec is what a header grid holds: the agency block on the left over
// the Số line (and a công văn's V/v), ô 1 (or a copy's kind, Mẫu 3.1) on the
// right over the place and date. An empty number or date leaves its place
// out; without both the grid has one row (Mẫu 1.3, the issued document).
type headerSpec struct {
	agency      vanban.Agency
	right       []layout.Block
	number      string
	subject     string // ô 5b
	date        string
	blankNumber bool // keep the second row with an empty Số cell (an appendix's header)
}

// motto is ô 1: the Quốc hiệu, the Tiêu ngữ and the rule under it.
func (b *builder) motto() []layout.Block {
	return []layout.Block{
		b.para(nd30.QuocHieu, nd30.QuocHieuText, layout.Center),
		b.para(nd30.TieuNgu, nd30.TieuNguText, layout.Center),
		// docs/nd30.md §4.1: the rule under the Tiêu ngữ is as long as its text.
		b.rule(b.width(nd30.TieuNguText, b.style(nd30.TieuNgu))),
	}
}

func (b *builder) headerTable(textWidth layout.Length, h headerSpec) *layout.Table {
	left := layout.Length(float64(textWidth) * nd30.HeaderLeftShare)
	right := textWidth - left
	inner := func(w layout.Length) layout.Length { return w - 2*nd30.LayoutPadding }

	var agency []layout.Block
	if p := h.agency.Parent; p != "" {
		agency = append(agency, b.para(nd30.ParentAgency, p, layout.Center))
	}
	agency = append(agency, b.para(nd30.Agency, h.agency.Name, layout.Center))
	// docs/nd30.md §4.2: the rule is 1/3–1/2 of the name; for a wrapped name, of its longest line.
	nameWidth := b.longestLine(nd30.Agency.Case(h.agency.Name), b.style(nd30.Agency), inner(left))
	agency = append(agency, b.rule(layout.Length(float64(nameWidth)*nd30.AgencyRuleShare)))

	t := &layout.Table{
		Columns:     []layout.Length{left, right},
		Align:       layout.Center,
		CellPadding: nd30.LayoutPadding,
		Rows:        []layout.Row{{Cells: []layout.Cell{{Blocks: agency}, {Blocks: h.right}}, CantSplit: true}},
	}
	if h.number == "" && h.date == "" && !h.blankNumber {
		return t
	}
	var numberCell []layout.Block
	if h.number != "" {
		num := b.para(nd30.Number, h.number, layout.Center)
		num.SpaceBefore = nd30.HeaderRowGap
		numberCell = []layout.Block{num}
		if h.subject != "" {
			subject := b.para(nd30.Subject, h.subject, layout.Center)
			subject.SpaceBefore = nd30.SubjectSpacing
			numberCell = append(numberCell, subject)
		}
	} else {
		numberCell = []layout.Block{b.emptyPara(nd30.Number)}
	}
	var dateCell []layout.Block
	if h.date != "" {
		date := b.para(nd30.PlaceDate, h.date, layout.Center)
		date.SpaceBefore = nd30.HeaderRowGap
		dateCell = []layout.Block{date}
	} else {
		dateCell = []layout.Block{b.emptyPara(nd30.PlaceDate)}
	}
	t.Rows = append(t.Rows, layout.Row{Cells: []layout.Cell{{Blocks: numberCell}, {Blocks: dateCell}}, CantSplit: true})
	return t
}

// rule is a centred solid rule directly under the line above it.
func (b *builder) rule(width layout.Length) *layout.Rule {
	return &layout.Rule{Width: width, Thickness: nd30.RuleThickness, Align: layout.Center, SpaceBefore: layout.Pt(2)}
}

func (b *builder) emptyPara(e nd30.Element) *layout.Paragraph {
	return &layout.Paragraph{Mark: b.style(e), LineSpacing: nd30.LineSpacing}
}

// kinhGui is ô 9a (docs/nd30.md §6): "Kính gửi: X" on one line for one recipient;
// for several, "Kính gửi:" and one "- X;" per line with the dashes under the
// colon, wrapped lines continuing under the text after the dash.
func (b *builder) kinhGui() []layout.Block {
	recipients := b.doc.Recipients
	if len(recipients) == 0 {
		return nil
	}
	st := b.style(nd30.KinhGui)
	inline, list := nd30.KinhGuiLines(recipients)
	label := nd30.KinhGuiText
	if list == nil {
		lead := b.width(label+" ", st)
		p := b.para(nd30.KinhGui, label+" "+inline, layout.Left)
		p.IndentLeft, p.FirstLine = nd30.KinhGuiIndent+lead, -lead
		p.SpaceBefore = nd30.BlockSpacing
		return []layout.Block{p}
	}
	head := b.para(nd30.KinhGui, label, layout.Left)
	head.IndentLeft = nd30.KinhGuiIndent
	head.SpaceBefore = nd30.BlockSpacing
	head.KeepWithNext = true
	blocks := []layout.Block{head}
	colon := nd30.KinhGuiIndent + b.width(strings.TrimSuffix(label, ":"), st)
	dash := b.width(nd30.ListDash, st)
	for _, item := range list {
		p := b.para(nd30.KinhGui, item, layout.Left)
		p.IndentLeft, p.FirstLine = colon+dash, -dash
		p.KeepWithNext = true
		blocks = append(blocks, p)
	}
	return blocks
}
