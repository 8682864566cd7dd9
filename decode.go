package vanban

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban-vn/vanban/nd30"
)

// Limits on what one input may hold, so that no input can exhaust the
// machine. Each is reported with a message naming the limit.
const (
	MaxInputBytes = 10 << 20  // the YAML file itself
	MaxRows       = 100_000   // rows (filled and blank) of one appendix
	MaxBodyBytes  = 1 << 20   // the body text: an administrative letter, not a book
	maxNodes      = 2_000_000 // YAML nodes after alias expansion ("billion laughs")
)

// ParseFile reads and parses one YAML file.
//
// Anything but a regular file — a FIFO, a device, a folder — is refused by
// its mode before it is opened: opening a FIFO would wait for a writer.
func ParseFile(path string) (*Document, error) {
	src, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// ReadInput reads an input file (a document, a units list) of at most
// MaxInputBytes, refusing what is not a regular file by its mode.
func ReadInput(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, ErrorList{{Rule: "file-read", File: path, Msg: "không đọc được tệp: đây không phải tệp thường (thư mục, đường ống FIFO hoặc thiết bị)", MsgEN: "cannot read the file: this is not a regular file (a folder, a FIFO or a device)"}}
	}
	if info.Size() > MaxInputBytes {
		return nil, ErrorList{{Rule: "limit-size", File: path, Pos: Pos{1, 1}, Msg: fmt.Sprintf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20), MsgEN: fmt.Sprintf("the file is larger than the %d MB limit", MaxInputBytes>>20)}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return nil, readError(path, err)
	}
	return src, nil
}

func describeIOError(err error) localized {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return localized{"tệp không tồn tại", "the file does not exist"}
	case errors.Is(err, os.ErrPermission):
		return localized{"không có quyền đọc", "no permission to read it"}
	}
	return localized{errText(err), errText(err)}
}

// readError is a file that cannot be read, as an ErrorList.
func readError(path string, err error) ErrorList {
	why := describeIOError(err)
	return ErrorList{{Rule: "file-read", File: path, Msg: "không đọc được tệp: " + why.vi, MsgEN: "cannot read the file: " + why.en}}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse decodes src, the content of file, into a validated Document. The
// error, if any, is an ErrorList with every problem found.
func Parse(file string, src []byte) (*Document, error) {
	fail := func(p Pos, rule, vi, en string) (*Document, error) {
		return nil, ErrorList{{File: file, Pos: p, Rule: rule, Msg: vi, MsgEN: en}}
	}
	if len(src) > MaxInputBytes {
		return fail(Pos{1, 1}, "limit-size", fmt.Sprintf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20), fmt.Sprintf("the file is larger than the %d MB limit", MaxInputBytes>>20))
	}
	s, bad := scanSource(src)
	if len(bad) > 0 {
		for _, e := range bad {
			e.File = file
		}
		return nil, bad
	}
	if cut, blocks := cutRows(src); blocks != nil {
		if doc, ok := parseCut(file, s, cut, blocks); ok {
			return doc, nil
		}
	}
	return parseWhole(file, src, s)
}

// parseWhole parses the document with every node at once.
func parseWhole(file string, src []byte, s *source) (*Document, error) {
	fail := func(p Pos, rule, vi, en string) (*Document, error) {
		return nil, ErrorList{{File: file, Pos: p, Rule: rule, Msg: vi, MsgEN: en}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		e := s.syntaxError(err)
		e.File = file
		return nil, ErrorList{e}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return fail(Pos{1, 1}, "yaml-empty", "tệp rỗng: cần một văn bản YAML với các trường type, agency, subject, body …", "the file is empty: expected a YAML document with type, agency, subject, body …")
	}
	d := &decoder{file: file, src: s, positions: map[string]Pos{}, deadlineIDs: map[string]bool{}}
	top := root.Content[0]
	if n := expandedSize(top, map[*yaml.Node]int{}); n > maxNodes {
		return fail(d.pos(top), "limit-alias", fmt.Sprintf("tệp YAML mở rộng (anchor/alias) quá %d nút; không xử lý", maxNodes), fmt.Sprintf("the YAML expands (anchors/aliases) to more than %d nodes; not processed", maxNodes))
	}
	doc := d.document(top)
	doc.Positions, doc.NFD = d.positions, d.nfd
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return doc, nil
}

// parseCut parses a document whose long row blocks were cut out (cutRows),
// decoding the rows slice by slice. It reports false — and the caller parses
// the file whole — when anything is unusual or wrong: the errors a user
// sees always come from the ordinary parse.
func parseCut(file string, s *source, cut []byte, blocks []rowBlock) (*Document, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(cut, &root); err != nil || root.Kind == 0 || len(root.Content) == 0 {
		return nil, false
	}
	top := root.Content[0]
	if expandedSize(top, map[*yaml.Node]int{}) > maxNodes {
		return nil, false
	}
	d := &decoder{file: file, src: s, positions: map[string]Pos{}, deadlineIDs: map[string]bool{}, blocks: blocks, blockUsed: make([]int, len(blocks))}
	doc := d.document(top)
	if len(d.errs) > 0 || d.blockFailed {
		return nil, false
	}
	for _, n := range d.blockUsed {
		if n != 1 { // a placeholder met elsewhere than as an appendix's rows
			return nil, false
		}
	}
	doc.Positions, doc.NFD = d.positions, d.nfd
	return doc, true
}

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

// locateBudget bounds the bytes locate parses, about two seconds' work: a
// small file is searched to the character, a file of megabytes perhaps to
// the line only.
const locateBudget = 32 << 20

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

// expandedSize counts the nodes of n with every alias expanded, memoised so
// that the count itself stays linear in the file.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = maxNodes + 1 // a node that reaches itself is too large
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > maxNodes {
			break
		}
	}
	memo[n] = size
	return size
}

// pos is where n starts, as an editor counts lines and columns.
func (d *decoder) pos(n *yaml.Node) Pos { return d.src.pos(n.Line, n.Column) }

// decoder walks the YAML tree, collecting every error rather than stopping
// at the first.
type decoder struct {
	file      string
	src       *source // the file, to place errors; nil for inputs read without one
	errs      ErrorList
	positions map[string]Pos // where each scalar was read, by field path
	nfd       *Pos           // the first decomposed (NFD) text met
	// deadlineIDs are the deadlines declared, valid or not, so that a bad
	// value is reported once, not again where the body uses it.
	deadlineIDs map[string]bool
	// blocks are the row blocks cut out of the source (rowsplit.go), how
	// often each was decoded, and whether one could not be.
	blocks      []rowBlock
	blockUsed   []int
	blockFailed bool
}

// errorAt records an error; vi and en are the message in each language,
// formatted with the same arguments.
func (d *decoder) errorAt(p Pos, field, rule, vi, en string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Pos: p, Field: field, Rule: rule,
		Msg: fmt.Sprintf(vi, localArgs(args, false)...), MsgEN: fmt.Sprintf(en, localArgs(args, true)...)})
}

func (d *decoder) errorf(n *yaml.Node, field, rule, vi, en string, args ...any) {
	d.errorAt(d.pos(n), field, rule, vi, en, args...)
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) localized {
	switch n.Kind {
	case yaml.MappingNode:
		return localized{"một ánh xạ (các cặp khóa: giá trị)", "a mapping (key: value pairs)"}
	case yaml.SequenceNode:
		return localized{"một danh sách", "a list"}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return localized{"giá trị rỗng", "an empty value"}
		}
		return localized{fmt.Sprintf("giá trị %q", n.Value), fmt.Sprintf("the value %q", n.Value)}
	}
	return localized{"một giá trị không hợp lệ", "an invalid value"}
}

// field is one known key of a mapping and how to decode its value.
type field struct {
	name     string
	required bool
	decode   func(v *yaml.Node, path string)
	// schema describes the value for editors (vanban schema): a JSON Schema
	// with a Vietnamese description. The decoder's field lists are the one
	// source of the input's names, so the schema cannot drift from them.
	schema func() map[string]any
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// mapping decodes n as a mapping with the given fields. Unknown keys are
// errors with a did-you-mean; missing required fields are errors at n.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) bool {
	_, ok := d.decodeMapping(n, path, fields, false)
	return ok
}

// keysOf decodes n as mapping does and returns the key nodes it read, by
// name; a field that a misspelt key was taken for maps to nil (its absence
// is already reported by the did-you-mean).
func (d *decoder) keysOf(n *yaml.Node, path string, fields []field) (map[string]*yaml.Node, bool) {
	return d.decodeMapping(n, path, fields, true)
}

func (d *decoder) decodeMapping(n *yaml.Node, path string, fields []field, wantKeys bool) (map[string]*yaml.Node, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "yaml-type", "cần một ánh xạ (các cặp khóa: giá trị), nhận %s", "expected a mapping (key: value pairs), got %s", kindName(n))
		return nil, false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]bool{}
	var keys map[string]*yaml.Node
	if wantKeys {
		keys = map[string]*yaml.Node{}
	}
	suggested := map[string]bool{} // a typo already reported names the field it meant
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "yaml-type", "khóa phải là một tên trường, nhận %s", "a key must be a field name, got %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, path, "yaml-duplicate-key", "trường %q được viết hai lần; chỉ giữ một", "field %q is written twice; keep one", k.Value)
			continue
		}
		idx := -1
		for j, f := range fields {
			if f.name == k.Value {
				idx = j
				break
			}
		}
		if idx < 0 {
			vi, en := fmt.Sprintf("trường %q không được hỗ trợ", k.Value), fmt.Sprintf("field %q is not supported", k.Value)
			if s := didYouMean(k.Value, names); s != "" {
				vi += fmt.Sprintf("; có phải ý bạn là %q?", s)
				en += fmt.Sprintf("; did you mean %q?", s)
				suggested[s] = true
			} else {
				vi += "; các trường hợp lệ: " + strings.Join(names, ", ")
				en += "; valid fields: " + strings.Join(names, ", ")
			}
			d.errorf(k, path, "yaml-unknown-field", "%s", "%s", localized{vi, en})
			continue
		}
		seen[k.Value] = true
		if keys != nil {
			keys[k.Value] = k
		}
		fields[idx].decode(v, join(path, k.Value))
	}
	for _, f := range fields {
		if f.required && !seen[f.name] && !suggested[f.name] {
			d.errorf(n, join(path, f.name), "yaml-required", "thiếu trường bắt buộc", "required field is missing")
		}
	}
	for name := range suggested {
		if !seen[name] && keys != nil {
			keys[name] = nil
		}
	}
	return keys, true
}

// text decodes a scalar as NFC text. Control characters other than tab and
// newline are rejected: they are invisible on the page and break DOCX.
func (d *decoder) text(n *yaml.Node, path string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "yaml-type", "cần một chuỗi văn bản, nhận %s", "expected text, got %s", kindName(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	s := strings.ReplaceAll(n.Value, "\r\n", "\n")
	if d.positions != nil && !strings.Contains(path, ".rows[") {
		d.positions[path] = d.pos(n) // table cells carry their own positions in errors
	}
	nfc := norm.NFC.String(s) // s itself, without copying, when already NFC
	if d.nfd == nil && nfc != s {
		p := d.pos(n)
		d.nfd = &p
	}
	for i, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			d.errorf(n, path, "text-control", "chứa ký tự điều khiển U+%04X ở vị trí %d; hãy xóa ký tự này", "contains the control character U+%04X at position %d; remove it", r, utf8.RuneCountInString(s[:i])+1)
			return "", false
		}
	}
	return nfc, true
}

// mark records where a value was written, for checks that point at it.
func (d *decoder) mark(n *yaml.Node, path string) {
	if d.positions != nil && !strings.Contains(path, ".rows[") {
		d.positions[path] = d.pos(n)
	}
}

// line decodes a one-line text: runs of white space (including line breaks
// of a folded YAML value) become one space.
func (d *decoder) line(n *yaml.Node, path string) string {
	s, _ := d.text(n, path)
	return strings.Join(strings.Fields(s), " ")
}

// requiredLine is line that must not be empty.
func (d *decoder) requiredLine(n *yaml.Node, path, what string) string {
	s, ok := d.text(n, path)
	s = strings.Join(strings.Fields(s), " ")
	if ok && s == "" && resolve(n).Kind == yaml.ScalarNode {
		d.errorf(n, path, "yaml-empty-value", "không được để trống: cần %s", "must not be empty: expected %s", what)
	}
	return s
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	d.mark(n, path)
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	}
	d.errorf(n, path, "yaml-type", "cần true hoặc false, nhận %s", "expected true or false, got %s", kindName(n))
	return false
}

func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	d.mark(n, path)
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str") {
		v, err := strconv.Atoi(strings.TrimSpace(n.Value))
		if err == nil && v >= lo && v <= hi {
			return v, true
		}
	}
	d.errorf(n, path, "yaml-type", "cần một số nguyên từ %d đến %d, nhận %s", "expected a whole number from %d to %d, got %s", lo, hi, kindName(n))
	return 0, false
}

// lines decodes a list of one-line texts; a single text is a list of one.
func (d *decoder) lineList(n *yaml.Node, path string) []string {
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{d.line(n, path)}
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s := d.line(c, p)
			if s == "" && resolve(c).Kind == yaml.ScalarNode {
				d.errorf(c, p, "yaml-empty-value", "mục rỗng trong danh sách", "empty item in the list")
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.errorf(n, path, "yaml-type", "cần một danh sách các dòng, nhận %s", "expected a list of lines, got %s", kindName(n))
	return nil
}

func (d *decoder) document(n *yaml.Node) *Document {
	doc := &Document{File: d.file, SizeSet: nd30.Set13, Deadlines: map[string]nd30.Deadline{}}
	later := &laterNodes{}
	keys, ok := d.keysOf(n, "", d.documentFields(doc, later))
	// The prose is read last so that every deadline it names is known.
	d.prose(doc, later)
	if ok {
		d.typeFieldUse(doc, n, keys)
		d.nameInTextUse(doc, n)
	}
	if len(doc.Appendices) > 0 && doc.Agency.NameInText == "" && doc.AttachedTo == nil && ok {
		d.errorf(n, "agency.name_in_text", "yaml-required", "cần tên cơ quan viết trong câu (ví dụ Sở Nội vụ) cho dòng \"Kèm theo …\" của phụ lục", "the agency's name as written in a sentence (e.g. Sở Nội vụ) is needed for the appendix's \"Kèm theo …\" line")
	}
	return doc
}

// documentFields are the top-level fields of a document.
func (d *decoder) documentFields(doc *Document, later *laterNodes) []field {
	fields := []field{
		{"type", true, func(v *yaml.Node, p string) {
			doc.Type = d.line(v, p)
			switch t, ok := nd30.DocumentTypeOf(doc.Type); {
			case !ok:
				d.errorf(v, p, "type-unsupported", "loại văn bản %q chưa được hỗ trợ; các loại hỗ trợ: %s", "document type %q is not supported; supported: %s", doc.Type, strings.Join(typeNames(), ", "))
			case !t.Laid():
				d.errorf(v, p, "type-no-form", "Phụ lục III của Nghị định 30 không có mẫu trình bày %s (chỉ có Mẫu 1.1–1.10, 2.1–2.2, 3.1–3.2); vanban chưa dựng loại này", "Appendix III of Decree 30 has no form for %s (only Mẫu 1.1–1.10, 2.1–2.2, 3.1–3.2); vanban does not lay this type out", strings.ToLower(t.Name))
			}
		}, func() map[string]any {
			return enumOf("Loại văn bản theo Nghị định 30/2020/NĐ-CP (Điều 7; mẫu trình bày ở Phụ lục III): "+typeList(), anySlice(typeNames())...)
		}},
		{"size_set", false, func(v *yaml.Node, p string) {
			if s, ok := d.integer(v, p, 13, 14); ok {
				doc.SizeSet = nd30.SizeSet(s)
			}
		}, func() map[string]any {
			return enumOf("Bộ cỡ chữ của Nghị định (§11.1): 13 (Quốc hiệu 12, nội dung 13) hoặc 14; mặc định 13", 13, 14)
		}},
		{"agency", false, func(v *yaml.Node, p string) { d.agency(v, p, &doc.Agency) },
			func() map[string]any {
				return objectOf("Cơ quan ban hành và cơ quan chủ quản (ô 2)", d.agencyFields(&Agency{}))
			}},
		{"number", false, func(v *yaml.Node, p string) {
			if rv := resolve(v); rv.Kind == yaml.ScalarNode && rv.Tag == "!!null" {
				return
			}
			if num, ok := d.integer(v, p, 1, 999_999); ok {
				doc.Number = num
			}
		}, func() map[string]any {
			return map[string]any{"description": "Số văn bản (1–9 được thêm số 0); để trống khi văn thư cấp số lúc đăng ký", "type": []string{"integer", "null"}, "minimum": 1, "maximum": 999999}
		}},
		{"code", false, func(v *yaml.Node, p string) {
			doc.Code = d.requiredLine(v, p, "ký hiệu văn bản sau dấu /, ví dụ SNV-VP")
		}, func() map[string]any {
			return textOf("Ký hiệu văn bản sau dấu /, chữ in hoa, không dấu cách, ví dụ SNV-VP")
		}},
		{"place", false, func(v *yaml.Node, p string) {
			doc.Place = d.requiredLine(v, p, "địa danh, ví dụ Hà Tĩnh")
		}, func() map[string]any {
			return textOf("Địa danh viết đầy đủ, ví dụ Hà Tĩnh, Thành phố Hồ Chí Minh")
		}},
		{"date", false, func(v *yaml.Node, p string) { doc.Date = d.date(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Ngày ban hành: YYYY-MM-DD; YYYY-MM để trống ngày; YYYY để trống ngày và tháng; bỏ trống cả",
					"type": []string{"string", "integer", "null"}, "pattern": `^\d{4}(-\d{1,2}(-\d{1,2})?)?$`}
			}},
		{"subject", false, func(v *yaml.Node, p string) {
			doc.Subject = d.requiredLine(v, p, "trích yếu nội dung")
		}, func() map[string]any {
			return textOf("Trích yếu nội dung, viết sau \"V/v\" (không cần gõ V/v)")
		}},
		{"recipients", false, func(v *yaml.Node, p string) { doc.Recipients = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Kính gửi: một nơi nhận, hoặc danh sách (mỗi nơi một dòng; vanban tự đặt dấu - ; .)")
			}},
		{"deadlines", false, func(v *yaml.Node, p string) { d.deadlines(v, p, doc.Deadlines) },
			func() map[string]any {
				return map[string]any{"description": "Các thời hạn, dùng trong nội dung bằng {{deadline \"tên\"}}: tên → YYYY-MM-DD hoặc YYYY-MM-DD HH:MM",
					"type": "object", "additionalProperties": map[string]any{"type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}[:h]\d{2})?$`}}
			}},
		{"body", false, func(v *yaml.Node, p string) { later.body = v },
			func() map[string]any {
				return textOf("Nội dung: các đoạn cách nhau một dòng trống; - đầu dòng; **đậm**, *nghiêng*, ~chỉ số dưới~, ^chỉ số trên^; {{deadline \"tên\"}}; kết thúc bằng ./.")
			}},
		{"signer", false, func(v *yaml.Node, p string) { d.signer(v, p, &doc.Signer) },
			func() map[string]any { return objectOf("Người ký (ô 7)", d.signerFields(&Signer{})) }},
		{"cc", false, func(v *yaml.Node, p string) { doc.CC = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Nơi nhận: mỗi nơi một dòng, bắt đầu bằng Như trên khi có Kính gửi")
			}},
		{"archive", false, func(v *yaml.Node, p string) { doc.Archive = d.line(v, p) },
			func() map[string]any { return textOf("Dòng Lưu, bắt đầu bằng VT: ví dụ VT, CCHC&VTLT") }},
		{"appendices", false, func(v *yaml.Node, p string) { doc.Appendices = d.appendices(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Các phụ lục, mỗi phụ lục một bảng ở một phần riêng", "type": "array",
					"items": objectOf("Phụ lục", d.appendixFields(&Appendix{}, new(appendixNodes)))}
			}},
	}
	return append(fields, d.partFields(doc, later)...)
}

// typeNames are the IDs of the types vanban lays out, sorted.
func typeNames() []string {
	var names []string
	for _, t := range nd30.DocumentTypes() {
		if t.Laid() {
			names = append(names, t.ID)
		}
	}
	sort.Strings(names)
	return names
}

// typeList names each laid-out type with its Mẫu: "quyet-dinh (Quyết định, Mẫu 1.2) …".
func typeList() string {
	var parts []string
	for _, t := range nd30.DocumentTypes() {
		if t.Laid() {
			parts = append(parts, fmt.Sprintf("%s (%s, Mẫu %s)", t.ID, t.Name, t.Form))
		}
	}
	return strings.Join(parts, "; ")
}

func (d *decoder) agency(n *yaml.Node, path string, a *Agency) {
	if d.mapping(n, path, d.agencyFields(a)) && a.Seal != nil && a.SealMM == 0 && mapValue(resolve(n), "seal_mm") == nil {
		d.errorf(n, join(path, "seal_mm"), "yaml-required", "cần đường kính thật của con dấu (mm) để đặt hình ảnh dấu đúng kích thước, ví dụ seal_mm: 40", "the seal's real diameter in mm is needed to set its image at its real size, e.g. seal_mm: 40")
	}
}

func (d *decoder) agencyFields(a *Agency) []field {
	return []field{
		{"parent", false, func(v *yaml.Node, p string) { a.Parent = d.line(v, p) },
			func() map[string]any {
				return textOf("Cơ quan chủ quản trực tiếp, in hoa, ví dụ UBND TỈNH HÀ TĨNH")
			}},
		{"name", true, func(v *yaml.Node, p string) {
			a.Name = d.requiredLine(v, p, "tên cơ quan ban hành, ví dụ SỞ NỘI VỤ")
		}, func() map[string]any { return textOf("Tên cơ quan ban hành, in hoa, ví dụ SỞ NỘI VỤ") }},
		{"name_in_text", false, func(v *yaml.Node, p string) { a.NameInText = d.line(v, p) },
			func() map[string]any {
				return textOf("Tên cơ quan viết trong câu, ví dụ Sở Nội vụ (dòng Kèm theo của phụ lục)")
			}},
		{"seal_image", false, func(v *yaml.Node, p string) { a.Seal = d.image(v, p) },
			func() map[string]any {
				return textOf("Văn bản điện tử: hình ảnh con dấu (ô 8), tệp PNG màu đỏ, nền trong suốt, đường dẫn tính từ thư mục của tệp YAML; đặt đúng kích thước thật (seal_mm), trùm khoảng 1/3 hình chữ ký về bên trái")
			}},
		{"seal_mm", false, func(v *yaml.Node, p string) { a.SealMM = d.sealMM(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Đường kính thật của con dấu (mm), ví dụ 40", "type": "number", "minimum": MinSealMM, "maximum": MaxSealMM}
			}},
	}
}

func (d *decoder) signer(n *yaml.Node, path string, s *Signer) {
	d.mapping(n, path, d.signerFields(s))
}

func (d *decoder) signerFields(s *Signer) []field {
	return []field{
		{"title", true, func(v *yaml.Node, p string) {
			s.Title = d.lineList(v, p)
			if len(s.Title) == 0 {
				d.errorf(v, p, "yaml-empty-value", "cần chức vụ người ký: một dòng (GIÁM ĐỐC) hoặc danh sách ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC])", "the signer's title is needed: one line (GIÁM ĐỐC) or a list ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC])")
				return
			}
			for _, problem := range nd30.CheckAuthority(s.Title) {
				at := resolve(v)
				if at.Kind == yaml.SequenceNode && problem.Line < len(at.Content) {
					at = at.Content[problem.Line]
				}
				d.errorf(at, p, "signer-prefix", "%s", "%s", localized{problem.Msg, problem.MsgEN})
			}
		}, func() map[string]any {
			return linesOf("Quyền hạn và chức vụ người ký: một dòng (GIÁM ĐỐC) hoặc danh sách ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]); chỉ dùng TM. KT. TL. TUQ. Q.")
		}},
		{"name", true, func(v *yaml.Node, p string) {
			s.Name = d.requiredLine(v, p, "họ và tên người ký")
		}, func() map[string]any { return textOf("Họ và tên người ký, không ghi học hàm, học vị") }},
		{"signature_image", false, func(v *yaml.Node, p string) { s.Image = d.image(v, p) },
			func() map[string]any {
				return textOf("Văn bản điện tử: hình ảnh chữ ký của người có thẩm quyền (ô 7c), tệp PNG màu xanh, nền trong suốt, đường dẫn tính từ thư mục của tệp YAML; đặt giữa chức vụ và họ tên")
			}},
	}
}

// date reads YYYY-MM-DD, YYYY-MM (day blank), YYYY (day and month blank) or
// nothing (all blank): parts the records office fills in at registration.
func (d *decoder) date(n *yaml.Node, path string) nd30.Date {
	s, ok := d.text(n, path)
	if !ok {
		return nd30.Date{}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nd30.Date{}
	}
	want := localized{"cần ngày dạng YYYY-MM-DD, YYYY-MM (để trống ngày) hoặc YYYY (để trống ngày và tháng)",
		"expected a date as YYYY-MM-DD, YYYY-MM (day left blank) or YYYY (day and month left blank)"}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		d.errorf(n, path, "date-invalid", "%s, nhận %q", "%s, got %q", want, s)
		return nd30.Date{}
	}
	var nums [3]int
	for i, part := range parts {
		v, err := strconv.Atoi(part)
		if err != nil || (i == 0 && len(part) != 4) || (i > 0 && (len(part) < 1 || len(part) > 2)) {
			d.errorf(n, path, "date-invalid", "%s, nhận %q", "%s, got %q", want, s)
			return nd30.Date{}
		}
		nums[i] = v
	}
	date := nd30.Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	switch {
	case date.Year < 1945:
		d.errorf(n, path, "date-invalid", "năm %d không hợp lệ: cần năm có 4 chữ số, từ 1945", "year %d is not valid: expected a four-digit year from 1945", date.Year)
	case len(parts) > 1 && (date.Month < 1 || date.Month > 12):
		d.errorf(n, path, "date-invalid", "tháng %d không tồn tại (cần 1–12)", "month %d does not exist (expected 1–12)", date.Month)
	case len(parts) > 2 && !validDay(date.Year, date.Month, date.Day):
		d.errorf(n, path, "date-invalid", "ngày %q không tồn tại: tháng %d năm %d có %d ngày", "date %q does not exist: month %d of %d has %d days", s, date.Month, date.Year, daysIn(date.Year, date.Month))
	default:
		return date
	}
	return nd30.Date{}
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func validDay(year, month, day int) bool { return day >= 1 && day <= daysIn(year, month) }

var deadlinePattern = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[:h](\d{2}))?$`)

func (d *decoder) deadlines(n *yaml.Node, path string, out map[string]nd30.Deadline) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "yaml-type", "cần một ánh xạ tên → thời hạn, ví dụ tong-hop: 2024-03-06 14:00; nhận %s", "expected a mapping of name → deadline, e.g. tong-hop: 2024-03-06 14:00; got %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		id := k.Value
		p := join(path, id)
		if _, dup := d.deadlineIDs[id]; dup {
			d.errorf(k, p, "yaml-duplicate-key", "thời hạn %q được khai báo hai lần", "deadline %q is declared twice", id)
			continue
		}
		d.deadlineIDs[id] = true // named, even if its value is wrong: the body may use it
		if dl, ok := d.deadline(v, p, "deadline-invalid"); ok {
			out[id] = dl
		}
	}
}

// deadline reads a date with an optional time, YYYY-MM-DD[ HH:MM], reporting
// a bad one under rule.
func (d *decoder) deadline(v *yaml.Node, p, rule string) (nd30.Deadline, bool) {
	s, ok := d.text(v, p)
	if !ok {
		return nd30.Deadline{}, false
	}
	s = strings.TrimSpace(s)
	m := deadlinePattern.FindStringSubmatch(s)
	if m == nil {
		d.errorf(v, p, rule, "cần thời hạn dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM (ví dụ 2024-03-06 14:00), nhận %q", "expected a deadline as YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. 2024-03-06 14:00), got %q", s)
		return nd30.Deadline{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || !validDay(y, mo, day) {
		d.errorf(v, p, rule, "ngày %s-%s-%s không tồn tại", "date %s-%s-%s does not exist", m[1], m[2], m[3])
		return nd30.Deadline{}, false
	}
	dl := nd30.Deadline{Date: time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)}
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		if h > 24 || mi > 59 || (h == 24 && mi != 0) {
			d.errorf(v, p, rule, "giờ %s:%s không hợp lệ (cần 00:00–24:00)", "time %s:%s is not valid (expected 00:00–24:00)", m[4], m[5])
			return nd30.Deadline{}, false
		}
		dl.HasTime, dl.Hour, dl.Minute = true, h, mi
	}
	return dl, true
}
