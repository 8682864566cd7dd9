package sign

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// file is a PDF read for signing: its bytes, where each object is, and its
// newest trailer.
type file struct {
	data    []byte
	xref    map[int]xrefEntry
	trailer *dict
	// startxref is the offset of the newest cross-reference section, the
	// /Prev of the update; xrefStream says whether it is a stream, which
	// the update's section then is too.
	startxref  int
	xrefStream bool
	objStms    map[int]*objStm
	// depth counts the objects being read inside one another (a stream's
	// /Length or /Filter may be a reference, an object may sit in an object
	// stream): a file whose references loop is refused at maxRefDepth, not
	// followed until the stack runs out.
	depth int
}

const (
	maxRefDepth = 32
	// maxObjects bounds the cross-reference entries of a file: a PDF
	// vanban signs has a few thousand; a forged cross-reference stream
	// could otherwise make one entry of every byte it decodes to.
	maxObjects = 1 << 20
)

type xrefEntry struct {
	kind   int // 1: at offset; 2: in object stream stm at index idx
	offset int
	gen    int
	stm    int
	idx    int
}

// maxSections bounds the /Prev chain, against loops.
const maxSections = 10000

func readFile(data []byte) (*file, error) {
	f := &file{data: data, xref: map[int]xrefEntry{}, objStms: map[int]*objStm{}}
	tail := data[max(0, len(data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", errSyntax)
	}
	l := &lexer{b: data, pos: len(data) - len(tail) + i + len("startxref")}
	off, err := l.integer()
	if err != nil {
		return nil, err
	}
	f.startxref = off
	seen := map[int]bool{}
	for n := 0; off != 0; n++ {
		if n > maxSections || seen[off] {
			return nil, fmt.Errorf("%w: cross-reference sections loop", errSyntax)
		}
		seen[off] = true
		trailer, isStream, err := f.readSection(off)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer, f.xrefStream = trailer, isStream
		}
		// A hybrid file's older objects are listed in a stream too.
		if x, ok := trailer.get("XRefStm").(raw); ok {
			if at, err := strconv.Atoi(string(x)); err == nil && !seen[at] {
				seen[at] = true
				if _, _, err := f.readSection(at); err != nil {
					return nil, err
				}
			}
		}
		off = 0
		if p, ok := trailer.get("Prev").(raw); ok {
			if off, err = strconv.Atoi(string(p)); err != nil || off < 0 {
				return nil, fmt.Errorf("%w: /Prev %q", errSyntax, p)
			}
		}
	}
	if f.trailer.get("Encrypt") != nil {
		return nil, errEncrypted
	}
	return f, nil
}

// readSection reads the cross-reference section at off (a table and its
// trailer, or a stream), adding the entries no newer section gave.
func (f *file) readSection(off int) (*dict, bool, error) {
	if off < 0 || off >= len(f.data) {
		return nil, false, fmt.Errorf("%w: cross-reference offset %d outside the file", errSyntax, off)
	}
	l := &lexer{b: f.data, pos: off}
	l.skip()
	if bytes.HasPrefix(f.data[l.pos:], []byte("xref")) {
		l.pos += 4
		for {
			save := l.pos
			if w := l.word(); w == "trailer" {
				break
			}
			l.pos = save
			first, err := l.integer()
			if err != nil {
				return nil, false, err
			}
			count, err := l.integer()
			if err != nil {
				return nil, false, err
			}
			for k := range count {
				offset, err := l.integer()
				if err != nil {
					return nil, false, err
				}
				gen, err := l.integer()
				if err != nil {
					return nil, false, err
				}
				kind := l.word()
				if len(f.xref) >= maxObjects {
					return nil, false, fmt.Errorf("%w: more than %d objects", errSyntax, maxObjects)
				}
				if _, seen := f.xref[first+k]; !seen {
					switch kind {
					case "n":
						f.xref[first+k] = xrefEntry{kind: 1, offset: offset, gen: gen}
					case "f":
						f.xref[first+k] = xrefEntry{}
					default:
						return nil, false, fmt.Errorf("%w: cross-reference entry %q", errSyntax, kind)
					}
				}
			}
		}
		t, err := l.object(0)
		if err != nil {
			return nil, false, err
		}
		d, ok := t.(*dict)
		if !ok {
			return nil, false, fmt.Errorf("%w: trailer is not a dictionary", errSyntax)
		}
		return d, false, nil
	}
	v, _, err := f.objectAt(off, -1)
	if err != nil {
		return nil, false, err
	}
	s, ok := v.(*stream)
	if !ok || s.dict.get("Type") != name("XRef") {
		return nil, false, fmt.Errorf("%w: no cross-reference section at byte %d", errSyntax, off)
	}
	data, err := f.decode(s)
	if err != nil {
		return nil, false, err
	}
	w, _ := s.dict.get("W").(array)
	if len(w) != 3 {
		return nil, false, fmt.Errorf("%w: cross-reference stream /W", errSyntax)
	}
	var widths [3]int
	for i := range widths {
		widths[i], _ = f.int(w[i])
		if widths[i] < 0 || widths[i] > 8 {
			return nil, false, fmt.Errorf("%w: cross-reference stream /W", errSyntax)
		}
	}
	index, _ := s.dict.get("Index").(array)
	if index == nil {
		size, _ := f.int(s.dict.get("Size"))
		index = array{raw("0"), raw(strconv.Itoa(size))}
	}
	row := widths[0] + widths[1] + widths[2]
	if row == 0 {
		return nil, false, fmt.Errorf("%w: cross-reference stream /W", errSyntax)
	}
	field := func(b []byte, def int) int {
		if len(b) == 0 {
			return def
		}
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	at := 0
	for i := 0; i+1 < len(index); i += 2 {
		first, _ := f.int(index[i])
		count, _ := f.int(index[i+1])
		for k := range count {
			if at+row > len(data) {
				return nil, false, fmt.Errorf("%w: cross-reference stream too short", errSyntax)
			}
			e := data[at : at+row]
			at += row
			if _, seen := f.xref[first+k]; seen {
				continue
			}
			if len(f.xref) >= maxObjects {
				return nil, false, fmt.Errorf("%w: more than %d objects", errSyntax, maxObjects)
			}
			kind := field(e[:widths[0]], 1)
			b, c := field(e[widths[0]:widths[0]+widths[1]], 0), field(e[widths[0]+widths[1]:], 0)
			switch kind {
			case 1:
				f.xref[first+k] = xrefEntry{kind: 1, offset: b, gen: c}
			case 2:
				f.xref[first+k] = xrefEntry{kind: 2, stm: b, idx: c}
			default:
				f.xref[first+k] = xrefEntry{}
			}
		}
	}
	return s.dict, true, nil
}

// objectAt reads the indirect object at off; want, if not -1, is the
// number it must have.
func (f *file) objectAt(off, want int) (object, int, error) {
	if off < 0 || off >= len(f.data) {
		return nil, 0, fmt.Errorf("object at offset %d, outside the file's %d bytes", off, len(f.data))
	}
	l := &lexer{b: f.data, pos: off}
	num, err := l.integer()
	if err != nil {
		return nil, 0, err
	}
	gen, err := l.integer()
	if err != nil {
		return nil, 0, err
	}
	if want >= 0 && num != want {
		return nil, 0, fmt.Errorf("%w: object %d expected at byte %d, found %d", errSyntax, want, off, num)
	}
	if err := l.keyword("obj"); err != nil {
		return nil, 0, err
	}
	v, err := l.object(0)
	if err != nil {
		return nil, 0, err
	}
	d, ok := v.(*dict)
	if !ok {
		return v, gen, nil
	}
	save := l.pos
	if l.word() != "stream" {
		l.pos = save
		return d, gen, nil
	}
	// The data starts after the end of line that follows "stream".
	if l.pos < len(f.data) && f.data[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(f.data) && f.data[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	n, ok := f.int(d.get("Length"))
	end := start + n
	if !ok || n < 0 || end > len(f.data) || !bytes.HasPrefix(bytes.TrimLeft(f.data[end:min(end+32, len(f.data))], "\r\n \t"), []byte("endstream")) {
		// A wrong /Length: the data ends before "endstream".
		i := bytes.Index(f.data[start:], []byte("endstream"))
		if i < 0 {
			return nil, 0, fmt.Errorf("%w: stream without endstream at byte %d", errSyntax, start)
		}
		end = start + i
		for end > start && (f.data[end-1] == '\n' || f.data[end-1] == '\r') {
			end--
		}
	}
	return &stream{dict: d, data: f.data[start:end]}, gen, nil
}

// resolve follows references to the object they name.
func (f *file) resolve(v object) (object, error) {
	for range 32 {
		r, ok := v.(ref)
		if !ok {
			return v, nil
		}
		var err error
		if v, _, err = f.object(r.num); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w: references loop", errSyntax)
}

// object reads object num and its generation; a free or missing object is
// null.
func (f *file) object(num int) (object, int, error) {
	f.depth++
	defer func() { f.depth-- }()
	if f.depth > maxRefDepth {
		return nil, 0, fmt.Errorf("%w: objects nested more than %d deep, or referring to themselves", errSyntax, maxRefDepth)
	}
	e, ok := f.xref[num]
	switch {
	case !ok || e.kind == 0:
		return nil, 0, nil
	case e.kind == 1:
		return f.objectAt(e.offset, num)
	}
	s, err := f.objStm(e.stm)
	if err != nil {
		return nil, 0, err
	}
	if e.idx < 0 || e.idx >= len(s.offsets) {
		return nil, 0, fmt.Errorf("%w: object %d not in object stream %d", errSyntax, num, e.stm)
	}
	l := &lexer{b: s.data, pos: s.offsets[e.idx]}
	v, err := l.object(0)
	return v, 0, err
}

// int reads an integer, following a reference.
func (f *file) int(v object) (int, bool) {
	v, err := f.resolve(v)
	if err != nil {
		return 0, false
	}
	r, ok := v.(raw)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(string(r))
	return n, err == nil
}

// dictOf reads a dictionary, following a reference; nil if v is none.
func (f *file) dictOf(v object) (*dict, error) {
	v, err := f.resolve(v)
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case *dict:
		return v, nil
	case *stream:
		return v.dict, nil
	}
	return nil, nil
}

// objStm is an object stream's decoded data and where its objects start.
type objStm struct {
	data    []byte
	offsets []int
}

func (f *file) objStm(num int) (*objStm, error) {
	if s, ok := f.objStms[num]; ok {
		return s, nil
	}
	e := f.xref[num]
	if e.kind != 1 {
		return nil, fmt.Errorf("%w: object stream %d missing", errSyntax, num)
	}
	v, _, err := f.objectAt(e.offset, num)
	if err != nil {
		return nil, err
	}
	st, ok := v.(*stream)
	if !ok {
		return nil, fmt.Errorf("%w: object %d is not an object stream", errSyntax, num)
	}
	data, err := f.decode(st)
	if err != nil {
		return nil, err
	}
	n, _ := f.int(st.dict.get("N"))
	first, _ := f.int(st.dict.get("First"))
	if first < 0 || first > len(data) {
		return nil, fmt.Errorf("%w: object stream %d /First", errSyntax, num)
	}
	s := &objStm{data: data}
	l := &lexer{b: data[:first]}
	for range n {
		if _, err := l.integer(); err != nil {
			return nil, err
		}
		off, err := l.integer()
		if err != nil {
			return nil, err
		}
		s.offsets = append(s.offsets, first+off)
	}
	f.objStms[num] = s
	return s, nil
}

// maxDecoded bounds a decoded cross-reference or object stream.
const maxDecoded = 64 << 20

// decode undoes a stream's filter: none, or FlateDecode with or without a
// PNG predictor, which is what cross-reference and object streams use.
func (f *file) decode(s *stream) ([]byte, error) {
	filter, err := f.resolve(s.dict.get("Filter"))
	if err != nil {
		return nil, err
	}
	if a, ok := filter.(array); ok && len(a) == 1 {
		filter = a[0]
	}
	switch filter {
	case nil:
		return s.data, nil
	case name("FlateDecode"):
	default:
		return nil, fmt.Errorf("%w: stream filter %v not supported here", errSyntax, filter)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSyntax, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxDecoded))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSyntax, err)
	}
	parms, _ := f.dictOf(s.dict.get("DecodeParms"))
	if parms == nil {
		if a, ok := s.dict.get("DecodeParms").(array); ok && len(a) == 1 {
			parms, _ = f.dictOf(a[0])
		}
	}
	predictor, _ := f.int(parms.get("Predictor"))
	if predictor < 10 {
		return data, nil
	}
	columns, ok := f.int(parms.get("Columns"))
	if !ok {
		columns = 1
	}
	return unpredict(data, columns)
}

// unpredict undoes PNG prediction of rows of columns bytes, each row
// preceded by its filter type (one byte per pixel, as the streams above).
func unpredict(data []byte, columns int) ([]byte, error) {
	if columns <= 0 || columns > 1<<16 {
		return nil, fmt.Errorf("%w: predictor columns", errSyntax)
	}
	var out []byte
	prev := make([]byte, columns)
	for len(data) >= columns+1 {
		kind, row := data[0], data[1:columns+1]
		data = data[columns+1:]
		cur := make([]byte, columns)
		for i := range row {
			var left, up, upLeft byte
			if i > 0 {
				left, upLeft = cur[i-1], prev[i-1]
			}
			up = prev[i]
			switch kind {
			case 0:
				cur[i] = row[i]
			case 1:
				cur[i] = row[i] + left
			case 2:
				cur[i] = row[i] + up
			case 3:
				cur[i] = row[i] + byte((int(left)+int(up))/2)
			case 4:
				cur[i] = row[i] + paeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("%w: PNG predictor %d", errSyntax, kind)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
