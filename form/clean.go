package form

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean is a cell's text as the model keeps text: NFC, no control
// characters, runs of white space as one space.
func clean(s string) string {
	if isClean(s) {
		return s // most cells: no copy
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "�")
	}
	s = strings.Map(func(r rune) rune {
		if unwanted(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// unwanted are the characters the model refuses in text (control
// characters, C1 ones too, and the non-characters U+FFFE and U+FFFF, which
// YAML cannot hold): kept, they would pass the form and fail the merged
// YAML read back, with an error placed in the document, not the form.
func unwanted(r rune) bool { return unicode.IsControl(r) || r == 0xfffe || r == 0xffff }

// isClean reports whether clean would return s unchanged: valid UTF-8, no
// control characters, single spaces between words only, NFC.
func isClean(s string) bool {
	space := true // at the start, a space would be leading
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"): // an invalid byte
			return false
		case unwanted(r):
			return false
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return (s == "" || !space) && norm.NFC.IsNormalString(s)
}
