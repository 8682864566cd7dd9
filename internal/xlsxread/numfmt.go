package xlsxread

import "strings"

// builtinFormats are the codes of the built-in number formats whose code does
// not depend on the locale (ECMA-376 Part 1, 18.8.30). Ids 5–8, 23–36 and
// 50–58 are locale-dependent (currencies, East Asian dates): a file never
// states them, so the code is unknown and left empty.
var builtinFormats = [...]string{
	0:  "General",
	1:  "0",
	2:  "0.00",
	3:  "#,##0",
	4:  "#,##0.00",
	9:  "0%",
	10: "0.00%",
	11: "0.00E+00",
	12: "# ?/?",
	13: "# ??/??",
	14: "mm-dd-yy",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM",
	20: "h:mm",
	21: "h:mm:ss",
	22: "m/d/yy h:mm",
	37: "#,##0 ;(#,##0)",
	38: "#,##0 ;[Red](#,##0)",
	39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)",
	45: "mm:ss",
	46: "[h]:mm:ss",
	47: "mmss.0",
	48: "##0.0E+0",
	49: "@",
}

// builtinDate reports whether a built-in format id is a date or time
// format, the locale-dependent ones included.
func builtinDate(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 || 50 <= id && id <= 58
}

// numFmt resolves a format id: the workbook's own code for it if it has
// one (a file may redefine a built-in id), else the built-in code.
func numFmt(id int, custom map[int]string) xfFormat {
	if code, ok := custom[id]; ok {
		return xfFormat{code: code, date: isDateFormat(code)}
	}
	f := xfFormat{date: builtinDate(id)}
	if id >= 0 && id < len(builtinFormats) {
		f.code = builtinFormats[id]
	}
	return f
}

// isDateFormat reports whether a number format code shows a date or time:
// whether it has one of the tokens y, m, d, h, s (any case) outside quoted
// text "…", characters taken literally (\x), the characters after _ (a
// space as wide as it) and * (a fill), and brackets […] — colours, locales,
// conditions — except the elapsed-time brackets [h] [mm] [ss].
func isDateFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			if elapsed(code[i+1 : i+1+j]) {
				return true
			}
			i += j + 1
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// elapsed reports whether a bracket holds an elapsed-time token: h, m or s
// repeated ("h", "hh", "mm", "ss"), in any case.
func elapsed(s string) bool {
	if s == "" {
		return false
	}
	c := s[0] | 0x20
	if c != 'h' && c != 'm' && c != 's' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i]|0x20 != c {
			return false
		}
	}
	return true
}
