package vanban

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in an input file, at a position, about a field.
type Error struct {
	File  string
	Pos   Pos
	Field string // dotted path, e.g. "appendices[0].columns[2].kind"; may be empty
	Msg   string // Vietnamese: what is wrong and what was expected
	MsgEN string // the same in English (vanban check --lang en); may be empty
	// Sheet and Cell place an error in a workbook ("Phụ lục", "D7"), where
	// there are no lines and columns.
	Sheet, Cell string
	// Rule names the kind of problem, stable for tools: "yaml-unknown-field",
	// "date-invalid", "table-score" …
	Rule string
}

func (e *Error) Error() string { return e.Format("vi") }

// Format writes the error in a language ("vi" or "en"): where it is, the
// field, and the message — English where the error has it.
func (e *Error) Format(lang string) string {
	var b strings.Builder
	b.WriteString(Where(e.File, e.Pos, e.Sheet, e.Cell, lang))
	b.WriteString(": ")
	msg := e.Msg
	if lang == "en" && e.MsgEN != "" {
		msg = e.MsgEN
	}
	if e.Field != "" {
		if lang == "en" {
			fmt.Fprintf(&b, "field %q: ", e.Field)
		} else {
			fmt.Fprintf(&b, "trường %q: ", e.Field)
		}
	}
	b.WriteString(msg)
	return b.String()
}

// Where is how every message of vanban names a place: FILE:LINE:COLUMN in
// a text file, "FILE, trang tính SHEET, ô D7" ("sheet SHEET, cell D7") in a
// workbook, or the file alone when the problem is the file as a whole.
func Where(file string, p Pos, sheet, cell, lang string) string {
	en := lang == "en"
	switch {
	case sheet != "" && cell != "":
		if en {
			return fmt.Sprintf("%s, sheet %s, cell %s", file, sheet, cell)
		}
		return fmt.Sprintf("%s, trang tính %s, ô %s", file, sheet, cell)
	case sheet != "":
		if en {
			return fmt.Sprintf("%s, sheet %s", file, sheet)
		}
		return fmt.Sprintf("%s, trang tính %s", file, sheet)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column)
	}
	return file
}

// ErrorList is every problem found in one input, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string { return l.Format("vi") }

// Format writes every error, one a line, in a language ("vi" or "en").
func (l ErrorList) Format(lang string) string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Format(lang)
	}
	return strings.Join(msgs, "\n")
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Pos.Line != l[j].Pos.Line {
			return l[i].Pos.Line < l[j].Pos.Line
		}
		return l[i].Pos.Column < l[j].Pos.Column
	})
}

// didYouMean returns the candidate closest to s, if it is close enough to be
// a likely typo.
func didYouMean(s string, candidates []string) string {
	best, bestDist := "", len(s)/2+2
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// localized is a piece of message text in both languages, passed as an
// argument to a message that is formatted once per language.
type localized struct{ vi, en string }

// args returns the arguments with localized ones resolved to a language.
func localArgs(args []any, en bool) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(localized); ok {
			if en {
				out[i] = l.en
			} else {
				out[i] = l.vi
			}
			continue
		}
		out[i] = a
	}
	return out
}

// errText is a library's error as text fit for a message: its first line,
// with bytes that are not UTF-8 replaced. Parsers quote the input they choke
// on, and that input is whatever the user's file holds.
func errText(err error) string {
	return strings.ToValidUTF8(firstLine(err.Error()), "\uFFFD")
}
