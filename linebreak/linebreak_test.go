package linebreak

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// breaks marks every break opportunity of text with "|", spaces included
// (after the last space of a run of spaces).
func breaks(text string) string {
	var b strings.Builder
	for i, r := range text {
		b.WriteRune(r)
		n := i + utf8.RuneLen(r)
		if n >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[n:])
		if IsSpace(r) && !IsSpace(next) || !IsSpace(r) && Opportunity(text, i) {
			b.WriteByte('|')
		}
	}
	return b.String()
}

// Where a line may break, each case as LibreOffice breaks our DOCX (checked
// by rendering every case at every line end), except the ký hiệu, which the
// DOCX writer marks non-breaking so that LibreOffice agrees.
func TestOpportunities(t *testing.T) {
	tests := []struct{ text, want string }{
		{"một hai  ba", "một |hai  |ba"},
		// hyphens: after, before a letter, digit, bracket or symbol
		{"kinh tế-xã hội", "kinh |tế-|xã |hội"},
		{"e-mail", "e-|mail"},
		{"ab-5 x-(y) ab-[c] ab-$5 ab-%", "ab-|5 |x-|(y) |ab-|[c] |ab-|$5 |ab-|%"},
		{"x -ab", "x |-|ab"},
		{"ab‐cd", "ab‐|cd"}, // U+2010
		// … not before closing punctuation, quotes, a slash or a hyphen
		{"ab--cd ab-/cd ab-\"cd\" ab-“cd” ab-‘c’ ab-,cd ab-)cd ab-.cd", "ab--|cd |ab-/cd |ab-\"cd\" |ab-“cd” |ab-‘c’ |ab-,cd |ab-)cd |ab-.cd"},
		// no-break hyphen and spaces
		{"ab‑cd ab\u00a0cd ab\u202fcd", "ab‑cd |ab\u00a0cd |ab\u202fcd"},
		// dashes: after an en dash; before and after an em dash
		{"2021–2025 a–b", "2021–|2025 |a–|b"},
		{"a—b—c x.—b", "a|—|b|—|c |x.|—|b"},
		// after ! ? … before a letter
		{"ab!cd ab?cd ab…cd ab?!", "ab!|cd |ab?|cd |ab…|cd |ab?!"},
		// never at a slash
		{"and/or TIÊU CHÍ/TIÊU CHÍ 05/3/2024", "and/or |TIÊU |CHÍ/TIÊU |CHÍ |05/3/2024"},
		// document numbers and ký hiệu stay whole
		{"số 12/QĐ-STP, 7484/UBND-NC1 và SNV-CCHC&VTLT", "số |12/QĐ-STP, |7484/UBND-NC1 |và |SNV-CCHC&VTLT"},
		{"COVID-19 2021-2025 Hà Nội-Huế", "COVID-19 |2021-2025 |Hà |Nội-Huế"},
		{"ab\u200bcd", "ab\u200b|cd"},
	}
	for _, tt := range tests {
		if got := breaks(tt.text); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestCodeHyphen(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"12/QĐ-STP", true},
		{"7484/UBND-NC1", true},
		{"7484/UBND-NC₁", true},
		{"SNV-CCHC&VTLT", true},
		{"Số: /SNV-CCHC&VTLT", true},
		{"2021-2025", true},
		{"QĐ-ubnd", false}, // a part with no capital or digit
		{"kinh tế-xã hội", false},
		{"e-mail", false},
		{"ab-5", false},
		{"AB-", false},
		{"-AB", false},
		{"AB-(CD)", false},
		{"Độc lập - Tự do", false},
	}
	for _, tt := range tests {
		i := strings.IndexAny(tt.text, "-")
		if got := CodeHyphen(tt.text, i); got != tt.want {
			t.Errorf("CodeHyphen(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if CodeHyphen("AB/CD", 2) {
		t.Error("a slash is not a hyphen")
	}
}

// A measure of fixed widths: 1 per character, 0.5 for a space.
func unitMeasure(_ int, s string) float64 {
	w := 0.0
	for _, r := range s {
		if r == ' ' {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// texts returns each line as its text, words joined by a space.
func texts(runs []string, lines []Line) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for i, w := range l.Words {
			if i > 0 && l.Words[i-1].Stretch {
				b.WriteByte(' ')
			}
			for _, box := range w.Boxes {
				b.WriteString(runs[box.Run][box.Start:box.End])
			}
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreakFillsGreedily(t *testing.T) {
	tests := []struct {
		text        string
		first, rest float64
		want        string
	}{
		{"aa bb cc dd", 5.5, 5.5, "aa bb|cc dd"},
		{"aa bb cc dd", 2, 5.5, "aa|bb cc|dd"}, // a narrower first line
		{"  aa  bb ", 10, 10, "aa bb"},         // leading spaces dropped
		{"kinh tế-xã hội", 8, 8, "kinh tế-|xã hội"},
		{"số 12/QĐ-STP", 10, 10, "số|12/QĐ-STP"},
		{"abcdefghij kl", 4, 4, "abcd|efgh|ij|kl"}, // split between characters
		{"", 5, 5, ""},
	}
	for _, tt := range tests {
		runs := []string{tt.text}
		lines := Break(runs, unitMeasure, tt.first, tt.rest)
		if got := strings.Join(texts(runs, lines), "|"); got != tt.want {
			t.Errorf("%q in %v/%v: %q, want %q", tt.text, tt.first, tt.rest, got, tt.want)
		}
		for i, l := range lines {
			limit := tt.rest
			if i == 0 {
				limit = tt.first
			}
			if l.Width > limit {
				t.Errorf("%q: line %d is %v wide, over %v", tt.text, i, l.Width, limit)
			}
		}
	}
}

// Runs in several styles make one word where no break separates them: a
// subscript digit stays with its ký hiệu, and the gap after a word takes
// the width of the spaces after it.
func TestBreakAcrossRuns(t *testing.T) {
	runs := []string{"Văn bản số 7484/UBND-NC", "1", " và ", "m", "2"}
	measure := func(run int, s string) float64 {
		w := unitMeasure(run, s)
		if run == 1 || run == 4 {
			w /= 2 // sub- and superscripts are smaller
		}
		return w
	}
	lines := Break(runs, measure, 12, 16)
	if got := strings.Join(texts(runs, lines), "|"); got != "Văn bản số|7484/UBND-NC1 và|m2" {
		t.Fatalf("lines %q", got)
	}
	// "7484/UBND", its non-breaking hyphen (a box of its own, as
	// LibreOffice sets it), "NC" and the subscript.
	code := lines[1].Words[0]
	if len(code.Boxes) != 4 || code.Boxes[1].End-code.Boxes[1].Start != 1 || code.Boxes[3].Run != 1 || code.Width != 12.5 || code.Space != 0.5 || !code.Stretch {
		t.Errorf("the ký hiệu and its subscript: %+v", code)
	}
	if w := lines[1].Width; w != 12.5+0.5+2 {
		t.Errorf("line width %v", w)
	}
}
