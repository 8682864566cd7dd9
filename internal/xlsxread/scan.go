package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// scanner is the XML tokenizer the package reads every part with.
//
// encoding/xml was measured first: its fast RawToken took 0.84 s and 10
// million allocations (450 MB) for a 100,000-row × 6-column sheet — it reads
// byte by byte and allocates every name, attribute and token — where a
// returned form must stream in well under a second without allocating per
// cell. This scanner works on a buffer: tokens are slices of it, valid until
// the next token, and nothing is allocated per token. It reads exactly the
// XML that SpreadsheetML parts are: UTF-8, elements, attributes, text,
// CDATA, comments and processing instructions, the five predefined entities
// and character references. It refuses what no spreadsheet program writes
// and what could make a reader do more than read: a DOCTYPE (and with it
// every declared entity), another encoding. It checks well-formedness as
// encoding/xml does — names, quoting, characters, references, tags that
// close what they opened, one root element, nothing but white space outside
// it — and a little more (duplicate attributes, namespace-malformed names);
// the fuzz test FuzzScanner compares the two on arbitrary input.
//
// Element and attribute names keep their prefix; callers match local names,
// so that <x:row> as the .NET OpenXML SDK writes it is a row.
type scanner struct {
	r     io.Reader
	buf   []byte
	pos   int   // the first unread byte in buf
	end   int   // the end of the data in buf
	eof   bool  // r has nothing more
	rerr  error // what r failed with, other than io.EOF
	lines int   // newlines in the data already dropped from buf, for error positions
	begun bool  // the byte order mark has been looked for

	// the current token
	local    []byte // start or end tag: the element's local name
	attrs    []rawAttr
	txt      span // text: where it is in buf
	txtPlain bool // text: no references to decode and no carriage returns
	txtCDATA bool // text: from a CDATA section, taken literally
	scratch  []byte
	pendEnd  bool // the start tag was self-closing: its end tag comes next

	// the open elements: their names one after another in names
	names  []byte
	frames []frame
	ended  bool // the root element has closed
}

type tokenKind int

const (
	startTag tokenKind = iota + 1
	endTag
	text
)

type rawAttr struct {
	name     span // in buf, with the prefix
	local    int  // where the local name starts in buf
	value    span // in buf, as written between the quotes
	plain    bool // the value needs no decoding
	prefixed bool
}

type frame struct{ start, local, end int } // in names

// maxDepth bounds element nesting. A worksheet goes seven deep (worksheet,
// sheetData, row, c, is, r, t); extension lists a few more. The bound keeps
// the stack of open elements small whatever the file holds.
const maxDepth = 64

// maxAttrs bounds the attributes of an element (a root element declares a
// dozen namespaces; a cell has three attributes), so that checking them for
// duplicates stays cheap.
const maxAttrs = 256

var errNoProgress = errors.New("the reader returns no data")

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 64<<10)}
}

// syntaxError is malformed XML, with the line it is on.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("XML syntax error on line %d: %s", e.line, e.msg)
}

// fail returns a syntax error at buf[at].
func (s *scanner) fail(at int, format string, args ...any) error {
	at = min(max(at, 0), s.end)
	return &syntaxError{line: s.lines + bytes.Count(s.buf[:at], []byte{'\n'}) + 1, msg: fmt.Sprintf(format, args...)}
}

// cut is the error for data that ends inside a construct: the reader's own
// error if it had one (a corrupt or oversized zip entry), else a syntax error.
func (s *scanner) cut(what string) error {
	if s.rerr != nil {
		return s.rerr
	}
	return s.fail(s.end, "the data ends inside %s: the part is cut off", what)
}

// fill reads more data, keeping buf[pos:end] (moved to the front). It
// reports whether there is more.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) { // one token fills the buffer
		s.buf = append(s.buf, make([]byte, max(len(s.buf), 512))...)
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.eof, s.rerr = true, errNoProgress
	return false
}

// ensure reads until n bytes are unread, or the data ends.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// find returns where sep next occurs, from pos+from on, relative to pos.
func (s *scanner) find(from int, sep []byte) (int, bool) {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], sep); i >= 0 {
			return from + i, true
		}
		from = max(from, s.end-s.pos-len(sep)+1)
		if !s.fill() {
			return 0, false
		}
	}
}

// depth is the number of open elements: after a start tag, the depth of
// the element that started (the root is 1); after an end tag, one less than
// the depth of the element that ended.
func (s *scanner) depth() int { return len(s.frames) }

// openLocal returns the local name of the open element at depth d (1-based).
func (s *scanner) openLocal(d int) []byte {
	f := s.frames[d-1]
	return s.names[f.local:f.end]
}

// next reads the next start tag, end tag or text inside the root element,
// skipping comments, processing instructions and white space outside the
// root. At the end of a well-formed document it returns io.EOF.
func (s *scanner) next() (tokenKind, error) {
	if s.pendEnd {
		s.pendEnd = false
		s.pop()
		return endTag, nil
	}
	if !s.begun {
		s.begun = true
		s.ensure(3)
		if bytes.HasPrefix(s.buf[s.pos:s.end], []byte("\xEF\xBB\xBF")) {
			s.pos += 3 // a byte order mark, as .NET writes
		}
	}
	for {
		if s.pos == s.end && !s.fill() {
			switch {
			case s.rerr != nil:
				return 0, s.rerr
			case len(s.frames) > 0:
				return 0, s.fail(s.end, "the data ends inside <%s>: the part is cut off", s.openName(len(s.frames)))
			case !s.ended:
				return 0, s.fail(s.end, "no root element")
			}
			return 0, io.EOF
		}
		if s.buf[s.pos] != '<' {
			inside, err := s.scanText()
			if err != nil || inside {
				return text, err
			}
			continue
		}
		if !s.ensure(2) {
			return 0, s.cut("a tag")
		}
		switch s.buf[s.pos+1] {
		case '/':
			return endTag, s.scanEndTag()
		case '?':
			if err := s.scanPI(); err != nil {
				return 0, err
			}
		case '!':
			cdata, err := s.scanBang()
			if err != nil || cdata {
				return text, err
			}
		default:
			return startTag, s.scanStartTag()
		}
	}
}

func (s *scanner) openName(d int) string {
	f := s.frames[d-1]
	return string(s.names[f.start:f.end])
}

// scanText reads text up to the next '<'. Outside the root element it must
// be white space, and is skipped (inside is false).
func (s *scanner) scanText() (inside bool, err error) {
	n, found := s.find(0, []byte{'<'})
	if !found {
		n = s.end - s.pos // the text runs to the end of the data
	}
	start := s.pos
	b := s.buf[start : start+n]
	s.pos += n
	if len(s.frames) == 0 {
		for i, c := range b {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return false, s.fail(start+i, "text outside the root element")
			}
		}
		return false, nil
	}
	plain, at, msg := checkText(b, false)
	if msg != "" {
		return false, s.fail(start+at, "%s", msg)
	}
	s.txt, s.txtPlain, s.txtCDATA = span{start, start + n}, plain, false
	return true, nil
}

// appendText appends the current text, decoded, to dst.
func (s *scanner) appendText(dst []byte) []byte {
	b := s.buf[s.txt.start:s.txt.end]
	if s.txtPlain {
		return append(dst, b...)
	}
	return appendDecoded(dst, b, !s.txtCDATA)
}

// tagEnd returns where the '>' that ends the tag at pos is, relative to pos,
// skipping quoted attribute values.
func (s *scanner) tagEnd() (int, error) {
	i := 1
	var quote byte
	for {
		b := s.buf[s.pos:s.end]
		for ; i < len(b); i++ {
			c := b[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				} else if j := bytes.IndexByte(b[i:], quote); j > 0 {
					i += j - 1 // to just before the closing quote
				} else {
					i = len(b) - 1
				}
				continue
			}
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				return i, nil
			case '<':
				return 0, s.fail(s.pos+i, "'<' inside a tag")
			}
		}
		if !s.fill() {
			return 0, s.cut("a tag")
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *scanner) scanStartTag() error {
	n, err := s.tagEnd()
	if err != nil {
		return err
	}
	base := s.pos
	tag := s.buf[base : base+n] // from '<' to before '>'
	nameEnd := scanName(tag, 1)
	if nameEnd == 1 {
		return s.fail(base+1, "expected an element name after <")
	}
	local, ok := localStart(tag[1:nameEnd])
	if !ok {
		return s.fail(base+1, "invalid element name %q", tag[1:nameEnd])
	}
	if s.ended {
		return s.fail(base, "content after the root element: <%s>", tag[1:nameEnd])
	}
	if len(s.frames) >= maxDepth {
		return s.fail(base, "elements nest more than %d deep", maxDepth)
	}
	s.attrs = s.attrs[:0]
	selfClose := false
	i := nameEnd
	for {
		j := i
		for j < len(tag) && isSpace(tag[j]) {
			j++
		}
		if j == len(tag) {
			break
		}
		if tag[j] == '/' {
			if j != len(tag)-1 {
				return s.fail(base+j, "expected > after / in a tag")
			}
			selfClose = true
			break
		}
		if j == i {
			return s.fail(base+j, "expected white space before an attribute")
		}
		k := scanName(tag, j)
		if k == j {
			return s.fail(base+j, "expected an attribute name")
		}
		alocal, ok := localStart(tag[j:k])
		if !ok {
			return s.fail(base+j, "invalid attribute name %q", tag[j:k])
		}
		if len(s.attrs) == maxAttrs {
			return s.fail(base+j, "more than %d attributes in an element", maxAttrs)
		}
		for _, a := range s.attrs {
			if bytes.Equal(s.buf[a.name.start:a.name.end], tag[j:k]) {
				return s.fail(base+j, "attribute %s appears twice", tag[j:k])
			}
		}
		v := k
		for v < len(tag) && isSpace(tag[v]) {
			v++
		}
		if v == len(tag) || tag[v] != '=' {
			return s.fail(base+v, "expected = after attribute %s", tag[j:k])
		}
		v++
		for v < len(tag) && isSpace(tag[v]) {
			v++
		}
		if v == len(tag) || tag[v] != '"' && tag[v] != '\'' {
			return s.fail(base+v, "expected a quoted value for attribute %s", tag[j:k])
		}
		e := bytes.IndexByte(tag[v+1:], tag[v])
		if e < 0 {
			return s.fail(base+v, "unterminated value of attribute %s", tag[j:k])
		}
		val := tag[v+1 : v+1+e]
		plain, at, msg := checkText(val, true)
		if msg != "" {
			return s.fail(base+v+1+at, "%s", msg)
		}
		s.attrs = append(s.attrs, rawAttr{
			name: span{base + j, base + k}, local: base + j + alocal,
			value: span{base + v + 1, base + v + 1 + e}, plain: plain, prefixed: alocal > 0})
		i = v + 2 + e
	}
	s.push(tag[1:nameEnd], local)
	s.local = s.buf[base+1+local : base+nameEnd]
	s.pos += n + 1
	s.pendEnd = selfClose
	return nil
}

func (s *scanner) push(name []byte, local int) {
	start := len(s.names)
	s.names = append(s.names, name...)
	s.frames = append(s.frames, frame{start, start + local, len(s.names)})
}

// pop closes the innermost element; local stays valid until the next push.
func (s *scanner) pop() {
	f := s.frames[len(s.frames)-1]
	s.local = s.names[f.local:f.end]
	s.frames = s.frames[:len(s.frames)-1]
	s.names = s.names[:f.start]
	s.ended = len(s.frames) == 0
}

func (s *scanner) scanEndTag() error {
	n, err := s.tagEnd()
	if err != nil {
		return err
	}
	base := s.pos
	tag := s.buf[base : base+n]
	nameEnd := scanName(tag, 2)
	if nameEnd == 2 {
		return s.fail(base+2, "expected an element name after </")
	}
	for i := nameEnd; i < len(tag); i++ {
		if !isSpace(tag[i]) {
			return s.fail(base+i, "unexpected characters in end tag </%s>", tag[2:nameEnd])
		}
	}
	name := tag[2:nameEnd]
	d := len(s.frames)
	if d == 0 {
		return s.fail(base, "end tag </%s> closes no element", name)
	}
	if f := s.frames[d-1]; !bytes.Equal(s.names[f.start:f.end], name) {
		return s.fail(base, "element <%s> is closed by </%s>", s.names[f.start:f.end], name)
	}
	s.pos += n + 1
	s.pop()
	return nil
}

// scanPI skips a processing instruction, checking that an XML declaration
// declares UTF-8 if anything.
func (s *scanner) scanPI() error {
	base := s.pos
	n, ok := s.find(2, []byte("?>"))
	if !ok {
		return s.cut("a processing instruction")
	}
	pi := s.buf[s.pos : s.pos+n]
	t := scanName(pi, 2)
	if t == 2 {
		return s.fail(base+2, "expected a target name after <?")
	}
	if _, at, msg := checkChars(pi[t:]); msg != "" {
		return s.fail(base+t+at, "%s", msg)
	}
	if string(pi[2:t]) == "xml" {
		if enc := declared(pi[t:], "encoding"); enc != "" && !equalFold(enc, "utf-8") {
			return s.fail(base, "the document is in %q; only UTF-8 is read", enc)
		}
		if ver := declared(pi[t:], "version"); ver != "" && ver != "1.0" {
			return s.fail(base, "XML version %q; only 1.0 is read", ver)
		}
	}
	s.pos += n + 2
	return nil
}

// declared finds name="value" in an XML declaration.
func declared(b []byte, name string) string {
	i := bytes.Index(b, []byte(name))
	if i < 0 {
		return ""
	}
	b = bytes.TrimLeft(b[i+len(name):], " \t\r\n")
	if len(b) == 0 || b[0] != '=' {
		return ""
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
		return ""
	}
	if e := bytes.IndexByte(b[1:], b[0]); e >= 0 {
		return string(b[1 : 1+e])
	}
	return ""
}

func equalFold(a, b string) bool { return len(a) == len(b) && bytes.EqualFold([]byte(a), []byte(b)) }

// scanBang reads a comment (skipped) or a CDATA section (text). A DOCTYPE
// and the other declarations are refused: SpreadsheetML has none, and
// entities declared in them are how XML files are made to explode.
func (s *scanner) scanBang() (cdata bool, err error) {
	base := s.pos
	s.ensure(9)
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		n, ok := s.find(4, []byte("--"))
		if !ok {
			return false, s.cut("a comment")
		}
		if !s.ensure(n + 3) {
			return false, s.cut("a comment")
		}
		if s.buf[s.pos+n+2] != '>' {
			return false, s.fail(s.pos+n, `"--" inside a comment`)
		}
		if _, at, msg := checkChars(s.buf[s.pos+4 : s.pos+n]); msg != "" {
			return false, s.fail(s.pos+4+at, "%s", msg)
		}
		s.pos += n + 3
		return false, nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		if len(s.frames) == 0 {
			return false, s.fail(base, "CDATA outside the root element")
		}
		n, ok := s.find(9, []byte("]]>"))
		if !ok {
			return false, s.cut("a CDATA section")
		}
		start := s.pos + 9
		plain, at, msg := checkChars(s.buf[start : s.pos+n])
		if msg != "" {
			return false, s.fail(start+at, "%s", msg)
		}
		s.txt, s.txtPlain, s.txtCDATA = span{start, s.pos + n}, plain, true
		s.pos += n + 3
		return true, nil
	case bytes.HasPrefix(b, []byte("<!DOCTYPE")):
		return false, s.fail(base, "a DOCTYPE is not allowed")
	case len(b) < 9 && s.eof:
		return false, s.cut("a declaration")
	}
	return false, s.fail(base, "invalid <! sequence")
}

// attr returns the decoded value of the current tag's attribute with the
// given local name and no prefix (SpreadsheetML's attributes have none),
// valid until the next call.
func (s *scanner) attr(local string) ([]byte, bool) {
	for i := range s.attrs {
		a := &s.attrs[i]
		if !a.prefixed && string(s.buf[a.local:a.name.end]) == local {
			return s.attrValue(a), true
		}
	}
	return nil, false
}

// attrString is attr as a string, "" if absent.
func (s *scanner) attrString(local string) string {
	v, _ := s.attr(local)
	return string(v)
}

// attrValue returns an attribute's decoded value, valid until the next call.
func (s *scanner) attrValue(a *rawAttr) []byte {
	v := s.buf[a.value.start:a.value.end]
	if a.plain {
		return v
	}
	s.scratch = appendDecoded(s.scratch[:0], v, true)
	return s.scratch
}
