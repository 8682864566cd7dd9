package xlsxwrite

import (
	"fmt"
	"strconv"
	"strings"
)

// Font is a cell font. In a Style, an empty Name or a zero Size is the
// workbook's default font's.
type Font struct {
	Name         string
	Size         float64 // points, 1 to 409
	Bold, Italic bool
	// Color is "RRGGBB" or "AARRGGBB" in hexadecimal (a leading '#' is
	// allowed); "" is automatic, which prints black.
	Color string
}

// LineStyle is the line of one side of a cell's border. The values are
// those of excelize's Border.Style (1 thin, 4 dotted …), and the names
// written are ECMA-376's ST_BorderStyle.
type LineStyle int

const (
	None LineStyle = iota
	Thin
	Medium
	Dashed
	Dotted
	Thick
	Double
	Hair
	MediumDashed
	DashDot
	MediumDashDot
	DashDotDot
	MediumDashDotDot
	SlantDashDot
)

func (l LineStyle) name() string {
	names := [...]string{"none", "thin", "medium", "dashed", "dotted", "thick", "double", "hair",
		"mediumDashed", "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot"}
	if l < 0 || int(l) >= len(names) {
		return ""
	}
	return names[l]
}

// Border is the lines around a cell, all of one colour ("RRGGBB" or
// "AARRGGBB"; "" is automatic, black).
type Border struct {
	Left, Right, Top, Bottom LineStyle
	Color                    string
}

// Style is how a cell looks. The zero Style is the workbook's default:
// the default font, no border, general alignment and format.
type Style struct {
	Font Font
	// Horizontal is "", "general", "left", "center", "right", "fill",
	// "justify", "centerContinuous" or "distributed".
	Horizontal string
	// Vertical is "" (bottom), "top", "center", "bottom", "justify" or
	// "distributed".
	Vertical string
	Wrap     bool // wrap text at the cell's width
	Border   Border
	// NumFmt is a number format code such as "0.00" or "[$-42A]General";
	// "" and "General" are the general format.
	NumFmt string
}

// StyleID is a cell style made by Writer.Style; 0 is the default style.
type StyleID int

var (
	horizontals = [...]string{"general", "left", "center", "right", "fill", "justify", "centerContinuous", "distributed"}
	verticals   = [...]string{"top", "center", "bottom", "justify", "distributed"}
)

// font is a normalised Font: name and size filled in, colour as AARRGGBB.
type font Font

type border Border // colour normalised

type xf struct {
	numFmt, font, border int
	horizontal, vertical string
	wrap                 bool
}

// styleSheet holds the distinct fonts, borders, number formats and cell
// formats in the order they were first asked for, which fixes their ids.
// The maps only find ids; output walks the slices.
type styleSheet struct {
	fonts     []font // [0] is the default font
	fontIDs   map[font]int
	borders   []border // [0] is no border
	borderIDs map[border]int
	numFmts   []string // custom codes; the id of numFmts[i] is 164+i
	numFmtIDs map[string]int
	xfs       []xf // [0] is the default
	xfIDs     map[xf]StyleID
}

const firstCustomNumFmt = 164

func newStyleSheet(def font) styleSheet {
	return styleSheet{
		fonts:     []font{def},
		fontIDs:   map[font]int{def: 0},
		borders:   []border{{}},
		borderIDs: map[border]int{{}: 0},
		numFmtIDs: map[string]int{},
		xfs:       []xf{{}},
		xfIDs:     map[xf]StyleID{{}: 0},
	}
}

// normColor returns a colour as AARRGGBB in upper case.
func normColor(c string) (string, error) {
	c = strings.TrimPrefix(c, "#")
	if c == "" {
		return "", nil
	}
	if len(c) != 6 && len(c) != 8 {
		return "", fmt.Errorf("colour %q is not RRGGBB or AARRGGBB", c)
	}
	if _, err := strconv.ParseUint(c, 16, 32); err != nil {
		return "", fmt.Errorf("colour %q is not RRGGBB or AARRGGBB", c)
	}
	if len(c) == 6 {
		c = "FF" + c
	}
	return strings.ToUpper(c), nil
}

// normFont checks f and fills in what it leaves to def (nil for the
// default font itself).
func normFont(f Font, def *font) (font, error) {
	if def != nil {
		if f.Name == "" {
			f.Name = def.Name
		}
		if f.Size == 0 {
			f.Size = def.Size
		}
	}
	switch {
	case f.Name == "":
		return font{}, fmt.Errorf("font has no name")
	case hasControl(f.Name) || utf16Len(f.Name) > 31:
		return font{}, fmt.Errorf("font name %q is not one Excel accepts (31 characters at most, no control characters)", f.Name)
	case !(f.Size >= 1 && f.Size <= 409):
		return font{}, fmt.Errorf("font size %v is not from 1 to 409 points", f.Size)
	}
	c, err := normColor(f.Color)
	if err != nil {
		return font{}, fmt.Errorf("font: %w", err)
	}
	f.Color = c
	return font(f), nil
}

func (ss *styleSheet) add(s Style) (StyleID, error) {
	f, err := normFont(s.Font, &ss.fonts[0])
	if err != nil {
		return 0, err
	}
	if s.Horizontal != "" && !oneOf(s.Horizontal, horizontals[:]) {
		return 0, fmt.Errorf("horizontal alignment %q is not one of %s", s.Horizontal, strings.Join(horizontals[:], ", "))
	}
	if s.Vertical != "" && !oneOf(s.Vertical, verticals[:]) {
		return 0, fmt.Errorf("vertical alignment %q is not one of %s", s.Vertical, strings.Join(verticals[:], ", "))
	}
	bd := border(s.Border)
	for _, l := range []LineStyle{bd.Left, bd.Right, bd.Top, bd.Bottom} {
		if l.name() == "" {
			return 0, fmt.Errorf("border line style %d is not one of None (0) to SlantDashDot (13)", l)
		}
	}
	if bd.Color, err = normColor(bd.Color); err != nil {
		return 0, fmt.Errorf("border: %w", err)
	}
	if bd.Left == None && bd.Right == None && bd.Top == None && bd.Bottom == None {
		bd = border{} // no line, no colour
	}
	if s.NumFmt == "General" {
		s.NumFmt = ""
	}
	if utf16Len(s.NumFmt) > 255 || hasControl(s.NumFmt) {
		return 0, fmt.Errorf("number format %q is longer than 255 characters or has control characters", s.NumFmt)
	}

	x := xf{horizontal: s.Horizontal, vertical: s.Vertical, wrap: s.Wrap}
	if id, ok := ss.fontIDs[f]; ok {
		x.font = id
	} else {
		x.font = len(ss.fonts)
		ss.fonts = append(ss.fonts, f)
		ss.fontIDs[f] = x.font
	}
	if id, ok := ss.borderIDs[bd]; ok {
		x.border = id
	} else {
		x.border = len(ss.borders)
		ss.borders = append(ss.borders, bd)
		ss.borderIDs[bd] = x.border
	}
	if s.NumFmt != "" {
		if id, ok := ss.numFmtIDs[s.NumFmt]; ok {
			x.numFmt = id
		} else {
			x.numFmt = firstCustomNumFmt + len(ss.numFmts)
			ss.numFmts = append(ss.numFmts, s.NumFmt)
			ss.numFmtIDs[s.NumFmt] = x.numFmt
		}
	}
	if id, ok := ss.xfIDs[x]; ok {
		return id, nil
	}
	id := StyleID(len(ss.xfs))
	ss.xfs = append(ss.xfs, x)
	ss.xfIDs[x] = id
	return id, nil
}

func oneOf(s string, set []string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}

// xml is xl/styles.xml (CT_Stylesheet order: numFmts, fonts, fills,
// borders, cellStyleXfs, cellXfs, cellStyles, dxfs, tableStyles).
func (ss *styleSheet) xml() []byte {
	b := make([]byte, 0, 1024+128*len(ss.xfs))
	b = append(b, xmlHeader+`<styleSheet xmlns="`+nsMain+`">`...)
	if len(ss.numFmts) > 0 {
		b = fmt.Appendf(b, `<numFmts count="%d">`, len(ss.numFmts))
		for i, code := range ss.numFmts {
			b = fmt.Appendf(b, `<numFmt numFmtId="%d" formatCode="`, firstCustomNumFmt+i)
			b = append(appendEscaped(b, code, plain, true), `"/>`...)
		}
		b = append(b, `</numFmts>`...)
	}
	b = fmt.Appendf(b, `<fonts count="%d">`, len(ss.fonts))
	for _, f := range ss.fonts {
		b = append(b, `<font>`...)
		if f.Bold {
			b = append(b, `<b/>`...)
		}
		if f.Italic {
			b = append(b, `<i/>`...)
		}
		b = append(appendNumber(append(b, `<sz val="`...), f.Size), `"/>`...)
		if f.Color != "" {
			b = append(b, `<color rgb="`+f.Color+`"/>`...)
		}
		b = append(appendEscaped(append(b, `<name val="`...), f.Name, plain, true), `"/></font>`...)
	}
	b = append(b, `</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`...)
	b = fmt.Appendf(b, `<borders count="%d">`, len(ss.borders))
	for _, bd := range ss.borders {
		b = append(b, `<border>`...)
		for _, side := range [...]struct {
			name string
			line LineStyle
		}{{"left", bd.Left}, {"right", bd.Right}, {"top", bd.Top}, {"bottom", bd.Bottom}} {
			if side.line == None {
				b = append(b, `<`+side.name+`/>`...)
				continue
			}
			b = append(b, `<`+side.name+` style="`+side.line.name()+`"`...)
			if bd.Color == "" {
				b = append(b, `/>`...)
			} else {
				b = append(b, `><color rgb="`+bd.Color+`"/></`+side.name+`>`...)
			}
		}
		b = append(b, `<diagonal/></border>`...)
	}
	b = append(b, `</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`...)
	b = fmt.Appendf(b, `<cellXfs count="%d">`, len(ss.xfs))
	for _, x := range ss.xfs {
		b = fmt.Appendf(b, `<xf numFmtId="%d" fontId="%d" fillId="0" borderId="%d" xfId="0"`, x.numFmt, x.font, x.border)
		if x.numFmt != 0 {
			b = append(b, ` applyNumberFormat="1"`...)
		}
		if x.font != 0 {
			b = append(b, ` applyFont="1"`...)
		}
		if x.border != 0 {
			b = append(b, ` applyBorder="1"`...)
		}
		if x.horizontal == "" && x.vertical == "" && !x.wrap {
			b = append(b, `/>`...)
			continue
		}
		b = append(b, ` applyAlignment="1"><alignment`...)
		if x.horizontal != "" {
			b = append(b, ` horizontal="`+x.horizontal+`"`...)
		}
		if x.vertical != "" {
			b = append(b, ` vertical="`+x.vertical+`"`...)
		}
		if x.wrap {
			b = append(b, ` wrapText="1"`...)
		}
		b = append(b, `/></xf>`...)
	}
	b = append(b, `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`+
		`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`...)
	return b
}
