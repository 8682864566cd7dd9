package xlsxread

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a problem with a workbook: its structure, a part, a row or a cell.
// Msg and MsgEN are whole sentences that name the cell, row or part at fault;
// Error adds the sheet.
type Error struct {
	Sheet string // the sheet's name; "" for the workbook as a whole
	Cell  string // the cell at fault in canonical form ("XFD12"); "" when no cell can be named
	// Row is the sheet row at fault; for a sheet that cannot be read to its
	// end, the row being read when it broke off, or else the last row read.
	// 0 when there is none.
	Row   int
	Part  string // the zip part at fault ("xl/sharedStrings.xml"), when one is
	Msg   string // Vietnamese
	MsgEN string // English
	Err   error  // the underlying zip, XML or I/O error, if any
}

// Error returns the Vietnamese message, after the sheet's name when there is
// one.
func (e *Error) Error() string {
	if e.Sheet != "" {
		return "trang tính " + e.Sheet + ": " + e.Msg
	}
	return e.Msg
}

// ErrorEN is Error in English.
func (e *Error) ErrorEN() string {
	if e.Sheet != "" {
		return "sheet " + e.Sheet + ": " + e.MsgEN
	}
	return e.MsgEN
}

func (e *Error) Unwrap() error { return e.Err }

// errText is a library's error as text fit for a message: its first line,
// with bytes that are not UTF-8 replaced. Parsers quote the input they choke
// on, and that input is whatever the user's file holds.
func errText(err error) string {
	s := err.Error()
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// quote quotes text from the file for a message: valid UTF-8, one line, and
// short, whatever the file holds.
func quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		n := 0
		for i := range s {
			if n == max {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD"))
}

// byteSize is a size for a message: "64 MB", "512 KB", "900 byte".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0 || n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
