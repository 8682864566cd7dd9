package sign

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The objects of a PDF file as far as signing needs them (ISO 32000-1
// §7.3): enough to read the cross-reference sections, the catalog, the
// form fields and a page, and to write back a dictionary with an entry
// changed. Numbers, booleans and null are kept as the bytes they were
// written as.

type (
	name  string
	str   []byte   // a string's bytes, literal or hexadecimal
	array []object // an array
	raw   string   // a number, true, false or null, as written
	ref   struct{ num, gen int }
)

type object any

// dict is a dictionary that keeps its keys in their order, so that a
// dictionary written back lists them as it did.
type dict struct {
	keys []name
	vals map[name]object
}

func newDict() *dict { return &dict{vals: map[name]object{}} }

func (d *dict) get(k name) object {
	if d == nil {
		return nil
	}
	return d.vals[k]
}

func (d *dict) set(k name, v object) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

// clone is a shallow copy, to change entries of.
func (d *dict) clone() *dict {
	c := newDict()
	for _, k := range d.keys {
		c.set(k, d.vals[k])
	}
	return c
}

// stream is a stream object: its dictionary and its bytes as stored.
type stream struct {
	dict *dict
	data []byte
}

// lexer reads PDF tokens and objects from a byte slice.
type lexer struct {
	b   []byte
	pos int
}

var errSyntax = errors.New("PDF syntax")

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters: a number or a keyword.
func (l *lexer) word() string {
	l.skip()
	if l.pos > len(l.b) { // an offset from a broken cross-reference table
		l.pos = len(l.b)
	}
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	return string(l.b[start:l.pos])
}

// integer reads a non-negative integer, or fails.
func (l *lexer) integer() (int, error) {
	w := l.word()
	n, err := strconv.Atoi(w)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: integer expected at byte %d, found %q", errSyntax, l.pos, w)
	}
	return n, nil
}

func (l *lexer) keyword(want string) error {
	if w := l.word(); w != want {
		return fmt.Errorf("%w: %q expected at byte %d, found %q", errSyntax, want, l.pos, w)
	}
	return nil
}

// maxDepth bounds nested arrays and dictionaries.
const maxDepth = 64

// object reads one direct object; "n g R" is a ref.
func (l *lexer) object(depth int) (object, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w: objects nested too deep at byte %d", errSyntax, l.pos)
	}
	l.skip()
	if l.pos >= len(l.b) {
		return nil, fmt.Errorf("%w: unexpected end of data", errSyntax)
	}
	switch c := l.b[l.pos]; {
	case c == '/':
		return l.name(), nil
	case c == '(':
		return l.literal()
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		return l.dictionary(depth)
	case c == '<':
		return l.hex()
	case c == '[':
		l.pos++
		var a array
		for {
			l.skip()
			if l.pos >= len(l.b) {
				return nil, fmt.Errorf("%w: unterminated array", errSyntax)
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return a, nil
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isDelim(c):
		return nil, fmt.Errorf("%w: unexpected %q at byte %d", errSyntax, c, l.pos)
	}
	w := l.word()
	if n, err := strconv.Atoi(w); err == nil && n >= 0 {
		// Possibly "n g R".
		save := l.pos
		if g, err := strconv.Atoi(l.word()); err == nil && g >= 0 {
			if l.word() == "R" {
				return ref{n, g}, nil
			}
		}
		l.pos = save
	}
	if w == "" {
		return nil, fmt.Errorf("%w: object expected at byte %d", errSyntax, l.pos)
	}
	return raw(w), nil
}

func (l *lexer) name() name {
	l.pos++ // '/'
	var b []byte
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		c := l.b[l.pos]
		if c == '#' && l.pos+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return name(b)
}

func (l *lexer) literal() (object, error) {
	l.pos++ // '('
	var b []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return str(b), nil
			}
		case '\\':
			if l.pos >= len(l.b) {
				break
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r': // a line continuation
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return nil, fmt.Errorf("%w: unterminated string", errSyntax)
}

func (l *lexer) hex() (object, error) {
	l.pos++ // '<'
	var b []byte
	var digits []byte
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			if len(digits)%2 == 1 {
				digits = append(digits, '0')
			}
			for i := 0; i < len(digits); i += 2 {
				v, _ := strconv.ParseUint(string(digits[i:i+2]), 16, 8)
				b = append(b, byte(v))
			}
			return str(b), nil
		}
		if isSpace(c) {
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return nil, fmt.Errorf("%w: %q in a hexadecimal string", errSyntax, c)
		}
		digits = append(digits, c)
	}
	return nil, fmt.Errorf("%w: unterminated hexadecimal string", errSyntax)
}

func (l *lexer) dictionary(depth int) (*dict, error) {
	l.pos += 2 // "<<"
	d := newDict()
	for {
		l.skip()
		if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		if l.pos >= len(l.b) || l.b[l.pos] != '/' {
			return nil, fmt.Errorf("%w: name expected in a dictionary at byte %d", errSyntax, l.pos)
		}
		k := l.name()
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d.set(k, v)
	}
}

// writeObject appends the PDF syntax of v. Strings are written in
// hexadecimal, which needs no escaping.
func writeObject(b *bytes.Buffer, v object) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case name:
		b.WriteString(nameSyntax(v))
	case str:
		fmt.Fprintf(b, "<%X>", []byte(v))
	case raw:
		b.WriteString(string(v))
	case ref:
		fmt.Fprintf(b, "%d %d R", v.num, v.gen)
	case array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeObject(b, e)
		}
		b.WriteByte(']')
	case *dict:
		b.WriteString("<<")
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(nameSyntax(k))
			b.WriteByte(' ')
			writeObject(b, v.vals[k])
		}
		b.WriteString(">>")
	default:
		panic(fmt.Sprintf("sign: cannot write %T", v))
	}
}

// nameSyntax is a name as written, "#xx" for bytes outside the regular
// printable ones.
func nameSyntax(n name) string {
	var b []byte
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelim(c) {
			b = fmt.Appendf(b, "#%02X", c)
			continue
		}
		b = append(b, c)
	}
	return string(b)
}
