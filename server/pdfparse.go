package server

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

func (f *pdfFile) get(v any) any {
	for i := 0; i < 8; i++ {
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		v = f.objs[r.num]
	}
	return nil
}

// trailerRoot is the /Root of the last trailer.
func (f *pdfFile) trailerRoot(data []byte) any {
	at := bytes.LastIndex(data, []byte("trailer"))
	if at < 0 {
		// No classic trailer: look for the catalog itself.
		for _, o := range f.objs {
			if d, ok := o.(pdfDict); ok && d["Type"] == pdfName("Catalog") {
				return d
			}
		}
		return nil
	}
	lx := &lexer{b: data, i: at + len("trailer")}
	d, _ := lx.object().(pdfDict)
	return d["Root"]
}

// parsePDF reads every "N G obj … endobj" of the file, in order.
func parsePDF(data []byte) (*pdfFile, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("pdf: not a PDF")
	}
	f := &pdfFile{objs: map[int]any{}}
	lx := &lexer{b: data}
	for {
		at := bytes.Index(data[lx.i:], []byte(" obj"))
		if at < 0 {
			break
		}
		end := lx.i + at
		// The object number and generation come before " obj".
		start := end
		for start > 0 && (isDigit(data[start-1]) || data[start-1] == ' ') {
			start--
		}
		fields := strings.Fields(string(data[start:end]))
		lx.i = end + len(" obj")
		if len(fields) < 2 {
			continue
		}
		num, err := strconv.Atoi(fields[len(fields)-2])
		if err != nil {
			continue
		}
		obj := lx.object()
		if d, ok := obj.(pdfDict); ok {
			lx.space()
			if bytes.HasPrefix(data[lx.i:], []byte("stream")) {
				lx.i += len("stream")
				if lx.i < len(data) && data[lx.i] == '\r' {
					lx.i++
				}
				if lx.i < len(data) && data[lx.i] == '\n' {
					lx.i++
				}
				n := -1
				if l, ok := d["Length"].(float64); ok {
					n = int(l)
				}
				if n < 0 || lx.i+n > len(data) || !bytes.HasPrefix(bytes.TrimLeft(data[lx.i+n:], "\r\n "), []byte("endstream")) {
					e := bytes.Index(data[lx.i:], []byte("endstream"))
					if e < 0 {
						return nil, fmt.Errorf("pdf: object %d: stream without end", num)
					}
					n = e
				}
				obj = &pdfStream{dict: d, raw: data[lx.i : lx.i+n]}
				lx.i += n
			}
		}
		f.objs[num] = obj
		if e := bytes.Index(data[lx.i:], []byte("endobj")); e >= 0 {
			lx.i += e + len("endobj")
		}
	}
	return f, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// decoded is a stream's data, inflated when it is Flate-compressed.
func (s *pdfStream) decoded() ([]byte, error) {
	switch filter := s.dict["Filter"].(type) {
	case nil:
		return s.raw, nil
	case pdfName:
		if filter != "FlateDecode" {
			return nil, fmt.Errorf("pdf: filter %s", filter)
		}
	case []any:
		if len(filter) != 1 || filter[0] != pdfName("FlateDecode") {
			return nil, fmt.Errorf("pdf: filters %v", filter)
		}
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(io.LimitReader(zr, 64<<20))
}

// lexer reads PDF objects and content tokens.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func (lx *lexer) space() {
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		if isSpace(c) {
			lx.i++
			continue
		}
		if c == '%' {
			for lx.i < len(lx.b) && lx.b[lx.i] != '\n' && lx.b[lx.i] != '\r' {
				lx.i++
			}
			continue
		}
		return
	}
}

// token reads one object or operator; io.EOF at the end.
func (lx *lexer) token() (any, error) {
	lx.space()
	if lx.i >= len(lx.b) {
		return nil, io.EOF
	}
	c := lx.b[lx.i]
	switch {
	case c == '/':
		lx.i++
		start := lx.i
		for lx.i < len(lx.b) && !isSpace(lx.b[lx.i]) && !isDelim(lx.b[lx.i]) {
			lx.i++
		}
		return pdfName(unescapeName(lx.b[start:lx.i])), nil
	case c == '(':
		return lx.literal(), nil
	case c == '<' && lx.i+1 < len(lx.b) && lx.b[lx.i+1] == '<':
		lx.i += 2
		d := pdfDict{}
		for {
			lx.space()
			if lx.i+1 < len(lx.b) && lx.b[lx.i] == '>' && lx.b[lx.i+1] == '>' {
				lx.i += 2
				return d, nil
			}
			k, err := lx.token()
			if err != nil {
				return d, err
			}
			name, ok := k.(pdfName)
			if !ok {
				return d, errors.New("pdf: dictionary key is not a name")
			}
			d[name] = lx.object()
		}
	case c == '<':
		lx.i++
		var hex []byte
		for lx.i < len(lx.b) && lx.b[lx.i] != '>' {
			if !isSpace(lx.b[lx.i]) {
				hex = append(hex, lx.b[lx.i])
			}
			lx.i++
		}
		lx.i++
		if len(hex)%2 == 1 {
			hex = append(hex, '0')
		}
		out := make([]byte, len(hex)/2)
		for k := range out {
			v, _ := strconv.ParseUint(string(hex[2*k:2*k+2]), 16, 8)
			out[k] = byte(v)
		}
		return string(out), nil
	case c == '[':
		lx.i++
		var arr []any
		for {
			lx.space()
			if lx.i >= len(lx.b) {
				return arr, io.ErrUnexpectedEOF
			}
			if lx.b[lx.i] == ']' {
				lx.i++
				return arr, nil
			}
			arr = append(arr, lx.object())
		}
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		lx.i++
		return pdfOp(string(c)), nil
	}
	start := lx.i
	for lx.i < len(lx.b) && !isSpace(lx.b[lx.i]) && !isDelim(lx.b[lx.i]) {
		lx.i++
	}
	word := string(lx.b[start:lx.i])
	if v, err := strconv.ParseFloat(word, 64); err == nil {
		return v, nil
	}
	switch word {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return pdfOp(word), nil
}

// object reads one object, with "N G R" read as a reference.
func (lx *lexer) object() any {
	v, err := lx.token()
	if err != nil {
		return nil
	}
	if n, ok := v.(float64); ok {
		save := lx.i
		g, err1 := lx.token()
		r, err2 := lx.token()
		if gf, ok := g.(float64); ok && err1 == nil && err2 == nil && r == pdfOp("R") {
			return pdfRef{int(n), int(gf)}
		}
		lx.i = save
	}
	return v
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// literal reads a (string) with its escapes.
func (lx *lexer) literal() string {
	lx.i++ // (
	depth := 1
	var out []byte
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.i >= len(lx.b) {
				return string(out)
			}
			e := lx.b[lx.i]
			lx.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				if e == '\r' && lx.i < len(lx.b) && lx.b[lx.i] == '\n' {
					lx.i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.i]-'0')
						lx.i++
					}
					out = append(out, byte(v))
					continue
				}
				out = append(out, e)
			}
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
