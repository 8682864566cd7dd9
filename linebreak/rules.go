// Package linebreak is vanban's one line breaker: where a line may end and
// how words fill lines of a given width. The PDF writer sets every
// paragraph with it (render/pdf), the templates measure with it (the rule
// under a wrapped agency name is 0.4 of its longest line), XLSX rows are
// sized with it (form, through fonts.Face.BreakLines), and the DOCX writer
// asks it which hyphens to write as non-breaking (w:noBreakHyphen), so that
// Word and LibreOffice break the DOCX where the PDF breaks.
//
// Where a line may end (Opportunity), as LibreOffice's tailoring of UAX #14
// does for the text of a Vietnamese administrative document (each case
// checked against LibreOffice's rendering):
//
//   - after spaces; a no-break space (U+00A0, U+202F, U+2007) and U+2011,
//     the non-breaking hyphen, never break;
//   - after a hyphen (-, U+2010) or an en dash, before a letter, a digit, an
//     opening bracket or a symbol, but not before closing punctuation, a
//     quotation mark, a slash or another hyphen ("ab--cd" breaks once,
//     after the second hyphen);
//   - before and after an em dash;
//   - after "!", "?" and "…" before a letter or digit; after U+200B;
//   - never at a slash ("and/or", "12/QĐ");
//   - never at a hyphen inside a document number and ký hiệu: a hyphen
//     whose text on each side, within a run of letters and digits joined by
//     "/", "-" and "&", holds a capital letter or a digit ("12/QĐ-STP",
//     "7484/UBND-NC1", "SNV-CCHC&VTLT", "2021-2025"). Word and LibreOffice
//     would break there; the DOCX writer marks these hyphens non-breaking
//     (CodeHyphen), so every writer keeps the number whole.
//
// How words fill lines (BreakFormatted): greedily, as LibreOffice 7.4
// Writer fills them, measured in its device units (1/120 pt, each glyph's
// advance rounded on its own: fonts.Face.Width) and in twips, portion by
// portion, keeping room after italic text; a word wider than a whole line
// is split between characters rather than allowed to cross the margin.
//
// It is a package of its own rather than part of fonts because it knows
// nothing of fonts: a paragraph mixes faces, sizes and sub- and superscripts,
// so text is measured through the caller's function, and the DOCX writer,
// which measures nothing, needs its rules too. It imports only the standard
// library; fonts imports it, not the reverse.
package linebreak

import (
	"unicode"
	"unicode/utf8"
)

// IsSpace reports whether r is a space a line may break after. No-break
// spaces are not.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r':
		return true
	case 0x00A0, 0x2007, 0x202F:
		return false
	}
	return r > 0x7F && unicode.IsSpace(r)
}

// isHyphen: hyphen-minus and U+2010, the hyphens a line may break after.
func isHyphen(r rune) bool { return r == '-' || r == 0x2010 }

const (
	enDash  = 0x2013
	emDash  = 0x2014
	nbHyph  = 0x2011
	zwSpace = 0x200B
)

// noBreakBefore: characters a line may not start with after a hyphen or
// dash (UAX #14 classes CL, CP, EX, IS, SY, QU, GL, WJ, BA, HY and
// combining marks).
func noBreakBefore(r rune) bool {
	switch r {
	case ')', ']', '}', ',', '.', ':', ';', '!', '?', '/', '"', '\'',
		'“', '”', '‘', '’', '«', '»', '‹', '›',
		0x00A0, 0x2007, 0x202F, nbHyph, 0x2060, 0xFEFF,
		'-', 0x2010, enDash:
		return true
	}
	return unicode.Is(unicode.Mn, r)
}

// noBreakAfter: characters a line may not end with before an em dash
// (opening brackets and quotation marks, no-break characters).
func noBreakAfter(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '\'', '“', '‘', '«', '‹',
		0x00A0, 0x2007, 0x202F, nbHyph, 0x2060, 0xFEFF, emDash:
		return true
	}
	return false
}

func letterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// Opportunity reports whether a line may break between the character at
// byte offset i of text and the one after it, other than at a space (a
// space always allows a break after it; see IsSpace). text is a whole
// paragraph, so that a rule can see past the character's neighbours.
func Opportunity(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	if i+n >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	return opportunity(text, i, r, n, next)
}

func opportunity(text string, i int, r rune, n int, next rune) bool {
	if IsSpace(next) {
		return false // the break comes after the space
	}
	switch {
	case isHyphen(r):
		return !noBreakBefore(next) && !codeHyphen(text, i, n)
	case r == enDash:
		return !noBreakBefore(next)
	case r == emDash:
		return next != emDash && !noBreakBefore(next)
	case next == emDash:
		return !noBreakAfter(r)
	case r == '!' || r == '?' || r == '…':
		return letterOrDigit(next)
	case r == zwSpace:
		return true
	}
	return false
}

// CodeHyphen reports whether the hyphen at byte offset i of text joins the
// parts of a document number and ký hiệu ("12/QĐ-STP", "SNV-CCHC&VTLT"),
// where no line may break. A word processor would break there; the DOCX
// writer writes such a hyphen as w:noBreakHyphen.
func CodeHyphen(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	return isHyphen(r) && codeHyphen(text, i, n)
}

// codeJoiner: what joins the parts of a ký hiệu.
func codeJoiner(r rune) bool { return r == '/' || r == '&' || isHyphen(r) || r == nbHyph }

// codeHyphen: the text on each side of the hyphen at i (n bytes long), as
// far as letters, digits and joiners reach, starts next to the hyphen with a
// letter or digit and holds a capital letter or a digit.
func codeHyphen(text string, i, n int) bool {
	left := false
	for j := i; j > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if j == i && !letterOrDigit(r) {
			return false
		}
		if !letterOrDigit(r) && !codeJoiner(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		if unicode.IsUpper(r) || unicode.IsNumber(r) {
			left = true
			break
		}
		j -= size
	}
	if !left {
		return false
	}
	for j := i + n; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if j == i+n && !letterOrDigit(r) {
			return false
		}
		if !letterOrDigit(r) && !codeJoiner(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.IsNumber(r) {
			return true
		}
		j += size
	}
	return false
}
