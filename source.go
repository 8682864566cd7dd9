package vanban

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// source is an input file as a text editor shows it. Positions are lines
// and columns (in characters) as an editor such as VS Code counts them: a
// line ends at LF, CRLF or CR, and nowhere else. yaml.v3 also ends a line
// at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
// (U+2029), as YAML 1.1 says, so past one of those its line numbers run
// ahead of the editor's; source converts them (pos).
type source struct {
	src    []byte
	starts []int        // byte offset where each editor line starts
	extra  []extraBreak // the line breaks only yaml.v3 sees, in file order
}

// extraBreak is a line break that yaml.v3 counts and an editor does not.
type extraBreak struct {
	yamlLine int // yaml.v3's (1-based) line that starts after the break
	offset   int // the byte offset where that line starts
	at       Pos // the editor's position of that byte
}

// yamlOnlyBreaks are the characters yaml.v3 takes for line breaks and a
// text editor does not.
var yamlOnlyBreaks = map[rune]string{0x85: "NEXT LINE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}

// maxCharErrors bounds the characters reported one by one.
const maxCharErrors = 20

// scanSource reads src once: where its editor lines start, the line breaks
// that only yaml.v3 sees, and what YAML cannot hold: bytes that are not
// UTF-8 (the first is reported) and characters outside YAML's printable
// set (each is reported at its place, where yaml.v3 would only say
// "control characters are not allowed", with no position).
func scanSource(src []byte) (*source, ErrorList) {
	s := &source{src: src, starts: []int{0}}
	i := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		i = 3 // a byte order mark: editors hide it and yaml.v3 skips it
		s.starts[0] = 3
	}
	var bad ErrorList
	line, col, yamlLine := 1, 1, 1
	for i < len(src) {
		c := src[i]
		if c == '\n' || c == '\r' {
			i++
			if c == '\r' && i < len(src) && src[i] == '\n' {
				i++
			}
			line, col, yamlLine = line+1, 1, yamlLine+1
			s.starts = append(s.starts, i)
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				return s, ErrorList{{Pos: Pos{line, col}, Rule: "file-encoding", Msg: "tệp không phải văn bản UTF-8 hợp lệ (hãy lưu tệp với mã hóa UTF-8)", MsgEN: "the file is not valid UTF-8 text (save it as UTF-8)"}}
			}
		}
		if !yamlPrintable(r) && len(bad) < maxCharErrors {
			bad = append(bad, badCharError(r, Pos{line, col}))
		}
		i += n
		col++
		if r == 0x85 || r == 0x2028 || r == 0x2029 { // yamlOnlyBreaks
			yamlLine++
			s.extra = append(s.extra, extraBreak{yamlLine, i, Pos{line, col}})
		}
	}
	return s, bad
}

// yamlPrintable reports whether YAML allows r in a file (YAML 1.1 §5.1, as
// yaml.v3 checks it): tab, line breaks, and printable characters.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// badCharError names a character YAML does not allow, and its code point.
func badCharError(r rune, p Pos) *Error {
	if unicode.IsControl(r) {
		return &Error{Pos: p, Rule: "text-control",
			Msg:   fmt.Sprintf("ký tự điều khiển U+%04X không được phép trong YAML; hãy xóa ký tự này (trình soạn thảo thường không hiển thị nó)", r),
			MsgEN: fmt.Sprintf("the control character U+%04X is not allowed in YAML; remove it (editors often do not show it)", r)}
	}
	return &Error{Pos: p, Rule: "text-control",
		Msg:   fmt.Sprintf("ký tự U+%04X (không phải ký tự Unicode dùng được trong văn bản) không được phép trong YAML; hãy xóa ký tự này", r),
		MsgEN: fmt.Sprintf("the character U+%04X (a Unicode noncharacter) is not allowed in YAML; remove it", r)}
}

// pos converts yaml.v3's line and column to the editor's. A nil source
// (a decoder without one) leaves them as they are.
func (s *source) pos(line, col int) Pos {
	if s == nil || len(s.extra) == 0 {
		return Pos{line, col}
	}
	k := sort.Search(len(s.extra), func(j int) bool { return s.extra[j].yamlLine > line })
	if k == 0 {
		return Pos{line, col}
	}
	if e := s.extra[k-1]; e.yamlLine == line {
		return Pos{e.at.Line, e.at.Column + col - 1}
	}
	return Pos{line - k, col}
}

// yamlLineText is the text of yaml.v3's line n (1-based), without its line
// break, and the editor's position of its first character.
func (s *source) yamlLineText(n int) (string, Pos, bool) {
	start := s.pos(n, 1)
	k := sort.Search(len(s.extra), func(j int) bool { return s.extra[j].yamlLine > n })
	var off int
	switch {
	case k > 0 && s.extra[k-1].yamlLine == n:
		off = s.extra[k-1].offset
	case start.Line >= 1 && start.Line <= len(s.starts):
		off = s.starts[start.Line-1]
	default:
		return "", start, false
	}
	end := off
	for end < len(s.src) {
		r, size := utf8.DecodeRune(s.src[end:])
		if _, ok := yamlOnlyBreaks[r]; ok || r == '\n' || r == '\r' {
			break
		}
		end += size
	}
	return string(s.src[off:end]), start, true
}

// lineEnd is the byte offset where editor line n (1-based) ends, its line
// break included.
func (s *source) lineEnd(n int) int {
	if n < len(s.starts) {
		return s.starts[n]
	}
	return len(s.src)
}

// locateBudget bounds the bytes locate parses: a small file is searched
// to the character, a file of megabytes perhaps to the line only, and one
// larger than the budget not at all (yaml.v3's line is given). At 32 MB a
// 9.8 MB file of 900,000 short lines took 13 s to say where its error was;
// a dense 1.9 MB flow list, 1.8 s.
const locateBudget = 8 << 20

// locate finds where yaml.v3's error is. yaml.v3 names a line only, and for
// most errors not the line of the problem but that of the mapping or list
// around it, sometimes counted from 0 (a mistake on line 14 of a mapping
// that starts on line 4 is "line 3"). The shortest prefix of the file that
// gives the very same error ends just after the offending character.
// yaml.v3 reads no further than it must: fed one byte at a time, it stops
// reading a little after the problem, which bounds the search; prefixes
// are then parsed line by line backwards from there, and character by
// character in the line found. locate returns the position and byte offset
// of that character; when the search would take too long, the line found
// (or the one yaml.v3 named) and -1.
func (s *source) locate(err error) (Pos, int) {
	want := err.Error()
	budget := locateBudget
	fails := func(end int) bool {
		budget -= end
		var root yaml.Node
		e := yaml.Unmarshal(s.src[:end], &root)
		return e != nil && e.Error() == want
	}
	end := len(s.src) // fails(end)
	if end > budget {
		return s.pos(max(yamlErrorLine(err, true), 1), 1), -1
	}
	r := &byteReader{src: s.src}
	var root yaml.Node
	if e := yaml.NewDecoder(r).Decode(&root); e != nil && e.Error() == want {
		end = r.off
	}
	budget -= end
	// Lines: the problem is on the first line l with fails(lineEnd(l)); it
	// is not above the line yaml.v3 names (as it counts, from 0 or 1).
	bad := s.lineOf(end)
	good := min(s.pos(max(yamlErrorLine(err, false), 1), 1).Line, bad) - 1
	for step := 1; bad-step > good && budget > 0; step *= 2 {
		if !fails(s.lineEnd(bad - step)) {
			good = bad - step
			break
		}
		bad -= step
	}
	for bad-good > 1 && budget > 0 {
		m := (good + bad) / 2
		if fails(s.lineEnd(m)) {
			bad = m
		} else {
			good = m
		}
	}
	if budget <= 0 {
		return s.pos(max(yamlErrorLine(err, true), 1), 1), -1
	}
	line := bad
	lo, hi := s.starts[line-1], min(s.lineEnd(line), end) // lo parses, hi fails
	for budget > 0 {
		m := (lo + hi) / 2
		for m < hi && !utf8.RuneStart(s.src[m]) {
			m++
		}
		if m <= lo || m >= hi {
			m = lo + 1
			for m < hi && !utf8.RuneStart(s.src[m]) {
				m++
			}
			if m >= hi {
				break
			}
		}
		if fails(m) {
			hi = m
		} else {
			lo = m
		}
	}
	if budget <= 0 || lo >= len(s.src) {
		return Pos{line, 1}, -1
	}
	// A quoted value is a value, for yaml.v3, once it is closed: the
	// problem is the value, from its opening quote. (A quote left open to
	// the end of the file is the problem itself.)
	if q := s.src[lo]; (q == '"' || q == '\'') && !strings.Contains(want, "found unexpected end of stream") {
		if open := openingQuote(s.src[s.starts[line-1]:lo], q); open >= 0 {
			lo = s.starts[line-1] + open
		}
	}
	return Pos{line, utf8.RuneCount(s.src[s.starts[line-1]:lo]) + 1}, lo
}

// openingQuote returns the offset in line of the quote q that the quote
// just after line closes, or -1: for double quotes one not escaped by a
// backslash, for single quotes one not doubled.
func openingQuote(line []byte, q byte) int {
	for i := len(line) - 1; i >= 0; i-- {
		if line[i] != q {
			continue
		}
		if q == '"' {
			n := 0
			for j := i - 1; j >= 0 && line[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				return i
			}
			continue
		}
		if i > 0 && line[i-1] == '\'' {
			i-- // '' is a quote inside
			continue
		}
		return i
	}
	return -1
}

// byteReader hands its bytes over one at a time and counts them.
type byteReader struct {
	src []byte
	off int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.off >= len(r.src) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.src[r.off]
	r.off++
	return 1, nil
}

// lineOf is the editor line holding the byte before offset end (line 1 for 0).
func (s *source) lineOf(end int) int {
	return max(sort.SearchInts(s.starts, end), 1)
}

// syntaxError is yaml.v3's error at its place, with what an officer may
// need to know: text left after a quoted value, a line break the editor
// does not show.
func (s *source) syntaxError(err error) *Error {
	text := yamlErrorText(err)
	p, off := s.locate(err)
	e := &Error{Pos: p, Rule: "yaml-syntax", Msg: "lỗi cú pháp YAML: " + text, MsgEN: "YAML syntax error: " + text}
	if off < 0 {
		return e
	}
	if c := s.src[off]; (c == '"' || c == '\'') && text == "found unexpected end of stream" {
		e.Msg += fmt.Sprintf(" (dấu %c mở ở đây chưa được đóng: tệp hết trước dấu đóng)", c)
		e.MsgEN += fmt.Sprintf(" (the %c opened here is never closed: the file ends first)", c)
		return e
	}
	if q := s.quotedBefore(off); q != nil {
		open := s.pos(q.Line, q.Column)
		rest := s.src[off:s.lineEnd(p.Line)]
		stray := shorten(strings.TrimSpace(string(rest)), 40)
		kind, inner := localized{"dấu ngoặc kép", "double quotes"}, localized{`dấu " bên trong viết là \"`, `write \" for a quote inside`}
		if q.Style&yaml.SingleQuotedStyle != 0 {
			kind, inner = localized{"dấu nháy đơn", "single quotes"}, localized{`dấu ' bên trong viết là ''`, `write '' for a quote inside`}
		}
		e.Msg = fmt.Sprintf("lỗi cú pháp YAML: sau giá trị trong %s mở ở dòng %d, cột %d còn chữ %q trên cùng dòng; hãy đặt cả giá trị trong dấu ngoặc (%s) hoặc bỏ dấu ngoặc", kind.vi, open.Line, open.Column, stray, inner.vi)
		e.MsgEN = fmt.Sprintf("YAML syntax error: after the value in %s opened at line %d, column %d there is more text on the line: %q; put the whole value inside the quotes (%s) or remove them", kind.en, open.Line, open.Column, stray, inner.en)
		return e
	}
	// A line break only YAML sees, earlier on the line, is likely the cause:
	// the error is placed on it.
	start := s.starts[p.Line-1]
	col := 1
	for i := start; i < off; {
		r, size := utf8.DecodeRune(s.src[i:])
		if name, ok := yamlOnlyBreaks[r]; ok {
			e.Msg += fmt.Sprintf("; dòng này có ký tự U+%04X (%s) ở cột %d: YAML coi nó là dấu xuống dòng dù trình soạn thảo không xuống dòng; hãy xóa ký tự này", r, name, col)
			e.MsgEN += fmt.Sprintf("; this line holds the character U+%04X (%s) at column %d: YAML takes it for a line break where an editor shows none; remove it", r, name, col)
			e.Pos.Column = col
			break
		}
		i += size
		col++
	}
	return e
}

// quotedBefore returns the quoted value that ends just before byte off, on
// the same line and with only blanks between, or nil.
func (s *source) quotedBefore(off int) *yaml.Node {
	i := off
	for i > 0 && (s.src[i-1] == ' ' || s.src[i-1] == '\t') {
		i--
	}
	if i == 0 || (s.src[i-1] != '"' && s.src[i-1] != '\'') {
		return nil
	}
	var root yaml.Node
	if yaml.Unmarshal(s.src[:off], &root) != nil {
		return nil
	}
	var last *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if last == nil || n.Line > last.Line || (n.Line == last.Line && n.Column > last.Column) {
			last = n
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	want := yaml.DoubleQuotedStyle
	if s.src[i-1] == '\'' {
		want = yaml.SingleQuotedStyle
	}
	if last == nil || last.Kind != yaml.ScalarNode || last.Style&want == 0 {
		return nil
	}
	return last
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// parserErrors are yaml.v3's errors from its parser rather than its
// scanner: it names their line counted from 0.
var parserErrors = []string{
	"did not find expected key", "did not find expected '-' indicator", "did not find expected node content",
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected <document start>",
	"did not find expected <stream-start>", "found undefined tag handle", "found duplicate %YAML directive",
	"found incompatible YAML document", "found duplicate %TAG directive",
}

// yamlErrorLine is the line yaml.v3's error names, or 0 when it names none;
// corrected, counted from 1 for the errors yaml.v3 counts from 0.
func yamlErrorLine(err error, corrected bool) int {
	m := yamlLine.FindStringSubmatch(firstLine(err.Error()))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	for _, p := range parserErrors {
		if corrected && strings.HasPrefix(m[2], p) {
			return n + 1
		}
	}
	return n
}

// yamlErrorPos is the line yaml.v3's error names, for inputs read without a
// source (see source.locate for the exact place).
func yamlErrorPos(err error) Pos {
	return Pos{max(yamlErrorLine(err, true), 1), 1}
}

func yamlErrorText(err error) string {
	s := firstLine(err.Error())
	if m := yamlLine.FindStringSubmatch(s); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(s, "yaml: ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
