package xlsxwrite

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The format's bounds (ECMA-376 Part 1, 18.3.1.4, and Excel's limits).
const (
	MaxColumns   = 16384   // XFD
	MaxRows      = 1048576 // rows of a sheet
	MaxCellChars = 32767   // characters (UTF-16 units) of a cell's text
	MaxRowHeight = 409     // points
	MaxColWidth  = 255     // characters
)

// escapeMode says how appendEscaped treats characters that XML 1.0 cannot
// hold (C0 controls other than tab, line feed and carriage return; U+FFFE,
// U+FFFF).
type escapeMode int

const (
	// plain text (doc properties, validation messages, font names, number
	// format codes) loses forbidden characters; a carriage return is kept
	// as a character reference, which XML parsers do not normalise away.
	plain escapeMode = iota
	// xstring is a cell's text (ST_Xstring): forbidden characters and the
	// carriage return are written as Excel writes them, "_xHHHH_", and a
	// literal "_xHHHH_" in the text gets its underscore written as
	// "_x005F_", so that readers that decode the escapes (Excel,
	// LibreOffice, excelize, xlsxread) read back the text as given.
	xstring
)

// appendEscaped appends s as XML character data, or as an attribute value
// when attr is set (then '"', tab and line feed are escaped as well, which
// attribute-value normalisation would otherwise turn into spaces). Invalid
// UTF-8 is written as U+FFFD.
func appendEscaped(b []byte, s string, mode escapeMode, attr bool) []byte {
	start := 0 // s[start:i] is copied as is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' && c != '_' {
			i++
			continue
		}
		var rep string // replacement of s[i:i+n]
		n := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			if !attr {
				i++
				continue
			}
			rep = "&quot;"
		case c == '_':
			if mode != xstring || !isXEscape(s[i:]) {
				i++
				continue
			}
			rep = "_x005F_"
		case c == '\n' || c == '\t':
			if !attr {
				i++
				continue
			}
			if c == '\n' {
				rep = "&#10;"
			} else {
				rep = "&#9;"
			}
		case c < 0x20: // '\r' and the forbidden controls
			switch {
			case mode == xstring:
				b = append(b, s[start:i]...)
				b = appendXEscape(b, rune(c))
				i++
				start = i
				continue
			case c == '\r':
				rep = "&#13;"
			default:
				rep = ""
			}
		default: // non-ASCII
			r, size := utf8.DecodeRuneInString(s[i:])
			n = size
			switch {
			case r == utf8.RuneError && size == 1:
				rep = "\uFFFD"
			case r == 0xFFFE || r == 0xFFFF:
				if mode == xstring {
					b = append(b, s[start:i]...)
					b = appendXEscape(b, r)
					i += size
					start = i
					continue
				}
				rep = ""
			default:
				i += size
				continue
			}
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		i += n
		start = i
	}
	return append(b, s[start:]...)
}

// isXEscape reports whether s starts with "_xHHHH_".
func isXEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func appendXEscape(b []byte, r rune) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, '_', 'x', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15], '_')
}

// escaped is s escaped as plain text.
func escaped(s string, attr bool) string { return string(appendEscaped(nil, s, plain, attr)) }

// hasControl reports whether s holds a C0 control character or is not
// valid UTF-8: what sheet names and formulas may not hold.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// utf16Len is the length of s in UTF-16 units, as Excel counts characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// appendNumber appends v in the shortest form that reads back as the same
// float64: plain decimals in the usual range, exponent form outside it.
// v must be finite.
func appendNumber(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0') // and -0
	}
	if a := math.Abs(v); a >= 1e-6 && a < 1e21 {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	return strconv.AppendFloat(b, v, 'E', -1, 64)
}

func number(v float64) string { return string(appendNumber(nil, v)) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// appendColumn appends the letters of column col (1-based): A … Z, AA …
func appendColumn(b []byte, col int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for col > 0 {
		col--
		i--
		tmp[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, tmp[i:]...)
}

// appendRef appends the A1 reference of a cell.
func appendRef(b []byte, col, row int) []byte {
	return strconv.AppendInt(appendColumn(b, col), int64(row), 10)
}

// CellRef returns the A1 reference of the cell at column col and row row,
// both 1-based ("C8" for 3, 8), or "" when either is outside the sheet.
func CellRef(col, row int) string {
	if col < 1 || col > MaxColumns || row < 1 || row > MaxRows {
		return ""
	}
	return string(appendRef(nil, col, row))
}

// appendRange appends "A1:C3", or "A1" for a single cell.
func appendRange(b []byte, c1, r1, c2, r2 int) []byte {
	b = appendRef(b, c1, r1)
	if c1 == c2 && r1 == r2 {
		return b
	}
	return appendRef(append(b, ':'), c2, r2)
}
