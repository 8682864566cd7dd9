package linebreak

import (
	"strings"
	"testing"
)

// A measure in LibreOffice's device units (1/120 pt): 100 units a
// character, 60 a space; a run of capitals "W" is 170 a character.
func deviceMeasure(_ int, s string) float64 {
	u := 0
	for _, r := range s {
		switch r {
		case ' ':
			u += 60
		case 'W':
			u += 170
		default:
			u += 100
		}
	}
	return float64(u) / 120
}

// twips is a width in points from twips.
func twips(tw int) float64 { return float64(tw) / 20 }

func lines(runs []string, formats []Format, first, rest float64) string {
	return strings.Join(texts(runs, BreakFormatted(runs, formats, deviceMeasure, first, rest)), "|")
}

// A line holds the text up to a break when that text is at most six device
// units a twip of the measure: "aaa bbb" is 660 units, 110 twips.
func TestFormattedFitsInDeviceUnits(t *testing.T) {
	runs := []string{"aaa bbb ccc"}
	plain := []Format{{Height: 15}}
	if got := lines(runs, plain, twips(110), twips(110)); got != "aaa bbb|ccc" {
		t.Errorf("110 twips: %q", got)
	}
	if got := lines(runs, plain, twips(109), twips(109)); got != "aaa|bbb|ccc" {
		t.Errorf("109 twips: %q", got)
	}
}

// Each portion of a line is as wide as its width rounded to a twip, and
// runs formatted alike are one portion: "aa a " is 420 units (70 twips),
// "a" and "a" one portion of 200 (33) or two of 100 (17 each), and " ccc"
// needs 60 twips more.
func TestFormattedRoundsPortions(t *testing.T) {
	runs := []string{"aa a ", "a", "a", " ccc ddd"}
	formats := []Format{{Height: 15}, {Height: 15}, {Height: 15, Same: true}, {Height: 15}}
	for _, tt := range []struct {
		formats []Format
		width   int
		want    string
	}{
		{formats, 163, "aa a aa ccc|ddd"},
		{formats, 162, "aa a aa|ccc ddd"},
		{nil, 164, "aa a aa ccc|ddd"}, // unformatted: every run a portion
		{nil, 163, "aa a aa|ccc ddd"},
	} {
		if got := lines(runs, tt.formats, twips(tt.width), twips(400)); got != tt.want {
			t.Errorf("formats %v, %d twips: %q, want %q", tt.formats != nil, tt.width, got, tt.want)
		}
	}
}

// Italic text keeps its font's height over 12 free at the end of a line; a
// non-breaking hyphen or space is a portion of its own, in italic text
// that much wider.
func TestFormattedItalicReserve(t *testing.T) {
	italic := []Format{{Height: 15, Italic: true}} // 300 twips: a reserve of 25
	if r := italic[0].Reserve(); r != 25 {
		t.Fatalf("reserve %d", r)
	}
	runs := []string{"aaa bbb ccc"}
	if got := lines(runs, italic, twips(110+25), twips(400)); got != "aaa bbb|ccc" {
		t.Errorf("with the reserve: %q", got)
	}
	if got := lines(runs, italic, twips(110+24), twips(400)); got != "aaa|bbb ccc" {
		t.Errorf("a twip short of the reserve: %q", got)
	}
	// "Điều" 400 units (67 twips), the no-break space 100 (17) and 25, then
	// "5" (100 units, 16.7 twips) before the reserve.
	runs = []string{"Điều\u00a05 x"}
	if got := lines(runs, italic, twips(67+17+25+17+25), twips(400)); got != "Điều\u00a05|x" {
		t.Errorf("no-break space: %q", got)
	}
	broken := BreakFormatted(runs, italic, deviceMeasure, twips(400), twips(400))
	if boxes := broken[0].Words[0].Boxes; len(boxes) != 3 || boxes[1].Width != 100.0/120+1.25 {
		t.Errorf("the no-break space is a box of its own, as wide as Writer sets it: %+v", boxes)
	}
}

// A short portion (fewer characters than twice the twips left over its
// font's height) fits whole when its width rounded to twips does: "WWWW",
// 680 units (113.3 twips), on 113 twips in a 1 pt font, but not in a 3 pt
// one.
func TestFormattedShortPortion(t *testing.T) {
	runs := []string{"WWWW"}
	if got := lines(runs, []Format{{Height: 1}}, twips(113), twips(113)); got != "WWWW" {
		t.Errorf("short portion: %q", got)
	}
	if got := lines(runs, []Format{{Height: 3}}, twips(113), twips(113)); got != "WWW|W" {
		t.Errorf("long portion: %q", got)
	}
}
