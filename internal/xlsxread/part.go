package xlsxread

import (
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// partReader limits what a part may decompress to, whatever its zip header
// said.
type partReader struct {
	rc   io.ReadCloser
	left int64 // bytes still allowed
	name string
}

type tooBigError struct{ part string }

func (e *tooBigError) Error() string {
	return "part " + e.part + " decompresses to more than the limit"
}

func (p *partReader) Read(b []byte) (int, error) {
	if p.left < 0 {
		return 0, &tooBigError{p.name}
	}
	if int64(len(b)) > p.left+1 {
		b = b[:p.left+1] // one byte more than allowed tells that there is more
	}
	n, err := p.rc.Read(b)
	p.left -= int64(n)
	if p.left < 0 {
		return n + int(p.left), &tooBigError{p.name}
	}
	return n, err
}

func (p *partReader) Close() error { return p.rc.Close() }

// atoi parses a non-negative decimal number of at most nine digits.
func atoi[T string | []byte](s T) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// decodeXString undoes the escaping of OOXML string values (ST_Xstring):
// "_x000D_" is a carriage return, "_x005F_" an underscore — how Excel writes
// characters XML cannot hold. It works in place (an escape is never shorter
// than what it stands for) and returns the decoded text.
func decodeXString(b []byte) []byte {
	i := indexEscape(b, 0)
	if i < 0 {
		return b
	}
	out := b[:i]
	for i < len(b) {
		u, ok := escapeAt(b, i)
		if !ok {
			out = append(out, b[i])
			i++
			continue
		}
		r := rune(u)
		i += 7
		if utf16.IsSurrogate(r) {
			if u2, ok := escapeAt(b, i); ok {
				if pair := utf16.DecodeRune(r, rune(u2)); pair != utf8.RuneError {
					r = pair
					i += 7
				}
			}
		}
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError // half a pair: not text
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func indexEscape(b []byte, from int) int {
	for i := from; i+7 <= len(b); i++ {
		if b[i] == '_' && b[i+1] == 'x' {
			if _, ok := escapeAt(b, i); ok {
				return i
			}
		}
	}
	return -1
}

// escapeAt reads "_xHHHH_" at b[i:].
func escapeAt(b []byte, i int) (uint16, bool) {
	if i+7 > len(b) || b[i] != '_' || b[i+1] != 'x' || b[i+6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range b[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		u = u<<4 | uint16(c)
	}
	return u, true
}
