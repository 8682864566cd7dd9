package xlsxread

import "strconv"

// parseRef reads a cell reference such as "D9": one to three column letters
// (XFD at most) and a row number from 1 to 1,048,576 without leading zeros.
// Lower-case letters are accepted ("d9" is D9): they name the same cell,
// spreadsheet programs read them, and Cell.Ref is canonical whatever the
// file wrote. Absolute references ("$D$9") are formula syntax, not cell
// names, and are refused.
func parseRef[T string | []byte](s T) (row, col int, ok bool) {
	i := 0
	for ; i < len(s) && i < 4; i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
	}
	if i == 0 || i > 3 || col > SheetColumns {
		return 0, 0, false
	}
	row, ok = parseRowNumber(s[i:])
	return row, col, ok
}

// parseRowNumber reads a row number: 1 to 1,048,576, digits only, no
// leading zero.
func parseRowNumber[T string | []byte](s T) (int, bool) {
	if len(s) == 0 || len(s) > 7 || s[0] == '0' {
		return 0, false
	}
	n, ok := atoi(s)
	return n, ok && n <= SheetRows
}

// columnName returns a column's letters: 1 is A, 64 is BL, 16384 is XFD.
func columnName(col int) string {
	var b [8]byte
	return string(appendColumn(b[:0], col))
}

func appendColumn(b []byte, col int) []byte {
	var letters [8]byte
	i := len(letters)
	for col > 0 && i > 0 {
		col--
		i--
		letters[i] = 'A' + byte(col%26)
		col /= 26
	}
	return append(b, letters[i:]...)
}

// cellName returns a cell's canonical reference, "D9".
func cellName(row, col int) string {
	var b [16]byte
	return string(strconv.AppendInt(appendColumn(b[:0], col), int64(row), 10))
}
