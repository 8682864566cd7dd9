package xlsxread

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// checkText checks text or an attribute value: valid UTF-8, XML characters
// only, well-formed references to the predefined entities or to characters,
// no "]]>" in text and no '<' in a value. plain reports that it needs no
// decoding. On error msg says what is wrong at b[at].
func checkText(b []byte, attr bool) (plain bool, at int, msg string) {
	plain = true
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x80 {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return false, i, "invalid UTF-8"
			}
			if !isChar(r) {
				return false, i, fmt.Sprintf("illegal character code %U", r)
			}
			i += size
			continue
		}
		switch {
		case c == '&':
			n, ok := entityLen(b[i:])
			if !ok {
				return false, i, "invalid character entity " + strconv.Quote(string(b[i:min(len(b), i+12)]))
			}
			plain = false
			i += n
			continue
		case c == '<':
			if attr {
				return false, i, "'<' in an attribute value"
			}
		case c == '>':
			if !attr && i >= 2 && b[i-1] == ']' && b[i-2] == ']' {
				return false, i, `"]]>" outside a CDATA section`
			}
		case c == '\r':
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return false, i, fmt.Sprintf("illegal character code %U", rune(c))
		}
		i++
	}
	return plain, 0, ""
}

// checkChars checks the content of a CDATA section or comment: valid UTF-8
// and XML characters.
func checkChars(b []byte) (plain bool, at int, msg string) {
	plain = true
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' {
				if c != '\r' {
					return false, i, fmt.Sprintf("illegal character code %U", rune(c))
				}
				plain = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false, i, "invalid UTF-8"
		}
		if !isChar(r) {
			return false, i, fmt.Sprintf("illegal character code %U", r)
		}
		i += size
	}
	return plain, 0, ""
}

func isChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || 0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// entityLen returns the length of the reference at the start of b ("&amp;",
// "&#233;", "&#xE9;"), if it is one this reader knows.
func entityLen(b []byte) (int, bool) {
	end := bytes.IndexByte(b[:min(len(b), 16)], ';')
	if end < 0 {
		return 0, false
	}
	_, ok := entity(b[1:end])
	return end + 1, ok
}

// entity returns the character a reference (without & and ;) stands for.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case base == 16 && 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*rune(base) + rune(d)
	}
	return r, isChar(r)
}

// appendDecoded appends checked text, with references replaced (when refs)
// and line ends normalised: "\r\n" and "\r" become "\n" (XML 1.0, 2.11).
func appendDecoded(dst, b []byte, refs bool) []byte {
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\r' && (b[i] != '&' || !refs) {
			i++
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		if len(b) == 0 {
			break
		}
		if b[0] == '\r' {
			dst = append(dst, '\n')
			b = b[1:]
			if len(b) > 0 && b[0] == '\n' {
				b = b[1:]
			}
			continue
		}
		end := bytes.IndexByte(b, ';') // checked: there is one
		r, _ := entity(b[1:end])
		dst = utf8.AppendRune(dst, r)
		b = b[end+1:]
	}
	return dst
}

// scanName returns the end of the XML name starting at b[i] (i itself if
// there is none): letters, digits and . - _ : in ASCII, and the non-ASCII
// name characters of XML 1.0 (fifth edition).
func scanName(b []byte, i int) int {
	start := i
	for i < len(b) {
		c := b[i]
		if c < 0x80 {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':' ||
				i > start && ('0' <= c && c <= '9' || c == '.' || c == '-') {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if !isNameRune(r, i == start) {
			break
		}
		i += size
	}
	return i
}

func isNameRune(r rune, first bool) bool {
	switch {
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	case r == 0xB7, 0x300 <= r && r <= 0x36F, 0x203F <= r && r <= 0x2040:
		return !first
	}
	return false
}

// localStart splits a qualified name: where its local part starts (0 when
// it has no prefix). A name with an empty prefix or local part, or two
// colons, is not a name in XML with namespaces.
func localStart(name []byte) (int, bool) {
	i := bytes.IndexByte(name, ':')
	if i < 0 {
		return 0, true
	}
	if i == 0 || i == len(name)-1 || bytes.IndexByte(name[i+1:], ':') >= 0 {
		return 0, false
	}
	return i + 1, true
}
