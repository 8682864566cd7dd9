package server

import (
	"errors"
	"math"
	"strings"
)

// The preview shows the PDF's own pages: the PDF vanban wrote is read back
// here and each page turned into what the browser draws as SVG — every
// piece of text at its place, in its face and size, stretched to the width
// the PDF gives it, and every rule. What the officer sees is what the PDF
// holds, to the point, with text the browser can select and search.
//
// This is a reader for the PDFs of render/pdf, not for PDF at large, but it
// interprets the content operators generally (text state and matrices,
// paths, colours), so that it keeps working as the writer changes: fonts
// are Type 0 (Identity-H) or simple fonts with ToUnicode maps and widths;
// images, shadings and forms are left out.

// Page is one page of the preview, in points, y down from the top.
type Page struct {
	W     float64      `json:"w"`
	H     float64      `json:"h"`
	Lines [][5]float64 `json:"l,omitempty"` // x1, y1, x2, y2, width
	Rects [][4]float64 `json:"r,omitempty"` // filled: x, y (top), width, height
	// Images are where the PDF draws an image (a seal, a signature): the
	// preview outlines the place.
	Images [][4]float64 `json:"i,omitempty"`
	Texts  []Text       `json:"t,omitempty"`
}

// Text is one piece of text: its baseline's left end, size, face and the
// width it spans in the PDF.
type Text struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Size  float64 `json:"s"`
	Style int     `json:"f"` // 0 regular, 1 bold, 2 italic, 3 bold italic
	Width float64 `json:"w"`
	Text  string  `json:"c"`
}

// pdfObj is a parsed PDF object: nil, bool, float64, string (a string's
// bytes), pdfName, []any, pdfDict, pdfRef, or *pdfStream.
type (
	pdfName   string
	pdfDict   map[pdfName]any
	pdfRef    struct{ num, gen int }
	pdfStream struct {
		dict pdfDict
		raw  []byte
	}
	pdfOp string // a content operator
)

type pdfFile struct {
	objs map[int]any
}

// readPages reads every page of a PDF.
func readPages(data []byte) ([]Page, error) {
	f, err := parsePDF(data)
	if err != nil {
		return nil, err
	}
	root, _ := f.get(f.trailerRoot(data)).(pdfDict)
	if root == nil {
		return nil, errors.New("pdf: no catalog")
	}
	var pages []Page
	fonts := map[pdfRef]*pdfFont{}
	var walk func(node pdfDict, inherited pdfDict, depth int) error
	walk = func(node pdfDict, inherited pdfDict, depth int) error {
		if depth > 32 {
			return errors.New("pdf: page tree too deep")
		}
		inh := pdfDict{}
		for k, v := range inherited {
			inh[k] = v
		}
		for _, k := range []pdfName{"Resources", "MediaBox"} {
			if v, ok := node[k]; ok {
				inh[k] = v
			}
		}
		if t, _ := node["Type"].(pdfName); t == "Page" {
			p, err := f.page(node, inh, fonts)
			if err != nil {
				return err
			}
			pages = append(pages, p)
			return nil
		}
		kids, _ := f.get(node["Kids"]).([]any)
		for _, k := range kids {
			kd, _ := f.get(k).(pdfDict)
			if kd == nil {
				continue
			}
			if err := walk(kd, inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	tree, _ := f.get(root["Pages"]).(pdfDict)
	if tree == nil {
		return nil, errors.New("pdf: no page tree")
	}
	if err := walk(tree, nil, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix { // m then n
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// page interprets one page's content.
func (f *pdfFile) page(node, inh pdfDict, cache map[pdfRef]*pdfFont) (Page, error) {
	box, _ := f.get(inh["MediaBox"]).([]any)
	var p Page
	var x0, y0 float64
	if len(box) == 4 {
		x0, _ = f.get(box[0]).(float64)
		y0, _ = f.get(box[1]).(float64)
		x1, _ := f.get(box[2]).(float64)
		y1, _ := f.get(box[3]).(float64)
		p.W, p.H = x1-x0, y1-y0
	}
	if p.W <= 0 || p.H <= 0 {
		p.W, p.H = 595.28, 841.89
	}
	res, _ := f.get(inh["Resources"]).(pdfDict)
	fontRes, _ := f.get(res["Font"]).(pdfDict)
	xobjects, _ := f.get(res["XObject"]).(pdfDict)
	var content []byte
	switch c := f.get(node["Contents"]).(type) {
	case *pdfStream:
		data, err := c.decoded()
		if err != nil {
			return p, err
		}
		content = data
	case []any:
		for _, part := range c {
			if s, ok := f.get(part).(*pdfStream); ok {
				data, err := s.decoded()
				if err != nil {
					return p, err
				}
				content = append(append(content, data...), '\n')
			}
		}
	}
	in := interp{f: f, p: &p, fontRes: fontRes, xobjects: xobjects, cache: cache, ctm: matrix{1, 0, 0, 1, -x0, -y0}}
	in.gs.lineWidth = 1
	in.gs.th = 1
	in.run(content)
	return p, nil
}

type graphics struct {
	ctm       matrix
	lineWidth float64
	// Text state.
	font             *pdfFont
	size, tc, tw, th float64
	tl, rise         float64
}

type interp struct {
	f       *pdfFile
	p       *Page
	fontRes pdfDict
	// xobjects are the page's images and forms, by name.
	xobjects pdfDict
	cache    map[pdfRef]*pdfFont
	ctm      matrix // initial: the MediaBox origin
	gs       graphics
	stack    []graphics
	tm, tlm  matrix
	// The current path, in device space.
	path    [][2]float64 // points of the current subpath
	subs    [][][2]float64
	closeds []bool
}

func (in *interp) device(x, y float64) [2]float64 {
	m := in.gs.ctm.mul(in.ctm)
	dx, dy := m.apply(x, y)
	return [2]float64{round2(dx), round2(in.p.H - dy)}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (in *interp) run(content []byte) {
	lx := &lexer{b: content}
	in.gs.ctm = identity
	var args []any
	nums := func(n int) ([]float64, bool) {
		if len(args) < n {
			return nil, false
		}
		out := make([]float64, n)
		for i, a := range args[len(args)-n:] {
			v, ok := a.(float64)
			if !ok {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	}
	for {
		t, err := lx.token()
		if err != nil {
			return
		}
		op, isOp := t.(pdfOp)
		if !isOp {
			args = append(args, t)
			if len(args) > 64 {
				args = args[1:]
			}
			continue
		}
		switch op {
		case "q":
			if len(in.stack) < 64 {
				in.stack = append(in.stack, in.gs)
			}
		case "Q":
			if n := len(in.stack); n > 0 {
				in.gs, in.stack = in.stack[n-1], in.stack[:n-1]
			}
		case "cm":
			if v, ok := nums(6); ok {
				in.gs.ctm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.mul(in.gs.ctm)
			}
		case "w":
			if v, ok := nums(1); ok {
				in.gs.lineWidth = v[0]
			}
		case "m":
			if v, ok := nums(2); ok {
				in.flushSub(false)
				in.path = [][2]float64{in.device(v[0], v[1])}
			}
		case "l":
			if v, ok := nums(2); ok && len(in.path) > 0 {
				in.path = append(in.path, in.device(v[0], v[1]))
			}
		case "c":
			if v, ok := nums(6); ok && len(in.path) > 0 {
				in.path = append(in.path, in.device(v[4], v[5]))
			}
		case "v", "y":
			if v, ok := nums(4); ok && len(in.path) > 0 {
				in.path = append(in.path, in.device(v[2], v[3]))
			}
		case "h":
			in.flushSub(true)
		case "re":
			if v, ok := nums(4); ok {
				in.flushSub(false)
				in.path = [][2]float64{in.device(v[0], v[1]), in.device(v[0]+v[2], v[1]), in.device(v[0]+v[2], v[1]+v[3]), in.device(v[0], v[1]+v[3])}
				in.flushSub(true)
			}
		case "S", "s":
			in.flushSub(op == "s")
			in.stroke()
		case "f", "F", "f*":
			in.flushSub(true)
			in.fill()
		case "B", "B*", "b", "b*":
			in.flushSub(true)
			in.fill()
			in.stroke()
		case "n":
			in.flushSub(false)
			in.subs, in.closeds = nil, nil
		case "Do":
			if len(args) > 0 {
				if name, ok := args[len(args)-1].(pdfName); ok {
					if x, ok := in.f.get(in.xobjects[name]).(*pdfStream); ok && x.dict["Subtype"] == pdfName("Image") {
						in.image()
					}
				}
			}
		case "BT":
			in.tm, in.tlm = identity, identity
		case "Tf":
			if len(args) >= 2 {
				if size, ok := args[len(args)-1].(float64); ok {
					in.gs.size = size
				}
				if name, ok := args[len(args)-2].(pdfName); ok {
					in.gs.font = in.f.font(in.fontRes[name], in.cache)
				}
			}
		case "Tc":
			if v, ok := nums(1); ok {
				in.gs.tc = v[0]
			}
		case "Tw":
			if v, ok := nums(1); ok {
				in.gs.tw = v[0]
			}
		case "Tz":
			if v, ok := nums(1); ok {
				in.gs.th = v[0] / 100
			}
		case "TL":
			if v, ok := nums(1); ok {
				in.gs.tl = v[0]
			}
		case "Ts":
			if v, ok := nums(1); ok {
				in.gs.rise = v[0]
			}
		case "Td", "TD":
			if v, ok := nums(2); ok {
				if op == "TD" {
					in.gs.tl = -v[1]
				}
				in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
				in.tm = in.tlm
			}
		case "Tm":
			if v, ok := nums(6); ok {
				in.tlm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
				in.tm = in.tlm
			}
		case "T*":
			in.nextLine()
		case "Tj":
			if len(args) > 0 {
				if s, ok := args[len(args)-1].(string); ok {
					in.show(s)
				}
			}
		case "'":
			if len(args) > 0 {
				in.nextLine()
				if s, ok := args[len(args)-1].(string); ok {
					in.show(s)
				}
			}
		case "\"":
			if v, ok := nums(3); ok || len(args) >= 3 {
				if ok {
					in.gs.tw, in.gs.tc = v[0], v[1]
				}
				in.nextLine()
				if s, ok := args[len(args)-1].(string); ok {
					in.show(s)
				}
			}
		case "TJ":
			if len(args) > 0 {
				if arr, ok := args[len(args)-1].([]any); ok {
					for _, el := range arr {
						switch e := el.(type) {
						case string:
							in.show(e)
						case float64:
							in.tm = matrix{1, 0, 0, 1, -e / 1000 * in.gs.size * in.gs.th, 0}.mul(in.tm)
						}
					}
				}
			}
		}
		args = args[:0]
	}
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.tl}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) flushSub(closed bool) {
	if len(in.path) > 1 {
		in.subs = append(in.subs, in.path)
		in.closeds = append(in.closeds, closed)
	}
	in.path = nil
}

func (in *interp) stroke() {
	w := round2(in.gs.lineWidth * in.gs.ctm.mul(in.ctm).scale())
	if w <= 0 {
		w = 0.5
	}
	for k, sub := range in.subs {
		for i := 1; i < len(sub); i++ {
			in.p.Lines = append(in.p.Lines, [5]float64{sub[i-1][0], sub[i-1][1], sub[i][0], sub[i][1], w})
		}
		if in.closeds[k] && len(sub) > 2 {
			a, b := sub[len(sub)-1], sub[0]
			in.p.Lines = append(in.p.Lines, [5]float64{a[0], a[1], b[0], b[1], w})
		}
	}
	in.subs, in.closeds = nil, nil
}

// fill draws each subpath as the rectangle around it: the writer fills
// only rectangles (stamps' frames, cell shading).
func (in *interp) fill() {
	for _, sub := range in.subs {
		x0, y0, x1, y1 := sub[0][0], sub[0][1], sub[0][0], sub[0][1]
		for _, pt := range sub[1:] {
			x0, y0 = math.Min(x0, pt[0]), math.Min(y0, pt[1])
			x1, y1 = math.Max(x1, pt[0]), math.Max(y1, pt[1])
		}
		in.p.Rects = append(in.p.Rects, [4]float64{x0, y0, round2(x1 - x0), round2(y1 - y0)})
	}
	in.subs, in.closeds = nil, nil
}

// image records where an image is drawn: the unit square through the CTM.
func (in *interp) image() {
	pts := [][2]float64{in.device(0, 0), in.device(1, 0), in.device(1, 1), in.device(0, 1)}
	x0, y0, x1, y1 := pts[0][0], pts[0][1], pts[0][0], pts[0][1]
	for _, pt := range pts[1:] {
		x0, y0 = math.Min(x0, pt[0]), math.Min(y0, pt[1])
		x1, y1 = math.Max(x1, pt[0]), math.Max(y1, pt[1])
	}
	in.p.Images = append(in.p.Images, [4]float64{x0, y0, round2(x1 - x0), round2(y1 - y0)})
}

// show draws a string in the current font at the text position and
// advances it.
func (in *interp) show(s string) {
	ft := in.gs.font
	if ft == nil {
		ft = &pdfFont{toUni: map[int]string{}, widths: map[int]float64{}, defWidth: 500}
	}
	step := 1
	if ft.twoByte {
		step = 2
	}
	m := in.tm.mul(in.gs.ctm).mul(in.ctm)
	hscale := math.Hypot(m[0], m[1])
	size := in.gs.size * math.Hypot(m[2], m[3])
	var text strings.Builder
	adv := 0.0
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		if u, ok := ft.toUni[code]; ok {
			text.WriteString(u)
		} else {
			text.WriteRune('\uFFFD')
		}
		w, ok := ft.widths[code]
		if !ok {
			w = ft.defWidth
		}
		tx := w / 1000 * in.gs.size
		tx += in.gs.tc
		if step == 1 && code == 32 {
			tx += in.gs.tw
		}
		adv += tx * in.gs.th
	}
	x, y := m.apply(0, in.gs.rise)
	if text.Len() > 0 {
		in.p.Texts = append(in.p.Texts, Text{X: round2(x), Y: round2(in.p.H - y), Size: round2(size), Style: ft.style,
			Width: round2((adv - in.gs.tc*in.gs.th) * hscale), Text: text.String()})
	}
	in.tm = matrix{1, 0, 0, 1, adv, 0}.mul(in.tm)
}
