package server

import (
	"strings"
	"unicode/utf16"
)

// pdfFont is what drawing text needs of a font: how its codes map to
// characters and widths, and its style.
type pdfFont struct {
	twoByte  bool
	toUni    map[int]string
	widths   map[int]float64 // in 1/1000 em
	defWidth float64
	style    int
}

func (f *pdfFile) font(ref any, cache map[pdfRef]*pdfFont) *pdfFont {
	if r, ok := ref.(pdfRef); ok {
		if ft, ok := cache[r]; ok {
			return ft
		}
		ft := f.loadFont(f.get(r))
		cache[r] = ft
		return ft
	}
	return f.loadFont(f.get(ref))
}

func (f *pdfFile) loadFont(v any) *pdfFont {
	d, _ := v.(pdfDict)
	ft := &pdfFont{toUni: map[int]string{}, widths: map[int]float64{}, defWidth: 1000}
	if d == nil {
		return ft
	}
	base, _ := d["BaseFont"].(pdfName)
	name := strings.ToLower(string(base))
	if strings.Contains(name, "bold") {
		ft.style |= 1
	}
	if strings.Contains(name, "italic") || strings.Contains(name, "oblique") {
		ft.style |= 2
	}
	if d["Subtype"] == pdfName("Type0") {
		ft.twoByte = true
		if desc, _ := f.get(d["DescendantFonts"]).([]any); len(desc) > 0 {
			if cid, _ := f.get(desc[0]).(pdfDict); cid != nil {
				if dw, ok := f.get(cid["DW"]).(float64); ok {
					ft.defWidth = dw
				}
				w, _ := f.get(cid["W"]).([]any)
				for i := 0; i < len(w); {
					first, ok := f.get(w[i]).(float64)
					if !ok || i+1 >= len(w) {
						break
					}
					if arr, ok := f.get(w[i+1]).([]any); ok {
						for k, x := range arr {
							if wv, ok := f.get(x).(float64); ok {
								ft.widths[int(first)+k] = wv
							}
						}
						i += 2
						continue
					}
					if i+2 >= len(w) {
						break
					}
					last, _ := f.get(w[i+1]).(float64)
					wv, _ := f.get(w[i+2]).(float64)
					for c := int(first); c <= int(last) && c-int(first) < 65536; c++ {
						ft.widths[c] = wv
					}
					i += 3
				}
			}
		}
	} else {
		ft.defWidth = 0
		first, _ := f.get(d["FirstChar"]).(float64)
		ws, _ := f.get(d["Widths"]).([]any)
		for k, x := range ws {
			if wv, ok := f.get(x).(float64); ok {
				ft.widths[int(first)+k] = wv
			}
		}
		for c := 32; c < 256; c++ {
			ft.toUni[c] = string(rune(c)) // Latin-1 where no map says otherwise
		}
	}
	if s, ok := f.get(d["ToUnicode"]).(*pdfStream); ok {
		if data, err := s.decoded(); err == nil {
			parseCMap(data, ft.toUni)
		}
	}
	return ft
}

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap.
func parseCMap(data []byte, out map[int]string) {
	lx := &lexer{b: data}
	code := func(v any) (int, bool) {
		s, ok := v.(string)
		if !ok || len(s) == 0 || len(s) > 4 {
			return 0, false
		}
		n := 0
		for i := 0; i < len(s); i++ {
			n = n<<8 | int(s[i])
		}
		return n, true
	}
	for {
		t, err := lx.token()
		if err != nil {
			return
		}
		switch t {
		case pdfOp("beginbfchar"):
			for {
				a := lx.object()
				if a == pdfOp("endbfchar") || a == nil {
					break
				}
				b := lx.object()
				c, ok := code(a)
				if s, ok2 := b.(string); ok && ok2 {
					out[c] = utf16BE(s)
				}
			}
		case pdfOp("beginbfrange"):
			for {
				a := lx.object()
				if a == pdfOp("endbfrange") || a == nil {
					break
				}
				b := lx.object()
				dst := lx.object()
				lo, ok1 := code(a)
				hi, ok2 := code(b)
				if !ok1 || !ok2 || hi < lo || hi-lo > 65535 {
					continue
				}
				switch d := dst.(type) {
				case string:
					base := []rune(utf16BE(d))
					if len(base) == 0 {
						continue
					}
					for c := lo; c <= hi; c++ {
						r := append([]rune(nil), base...)
						r[len(r)-1] += rune(c - lo)
						out[c] = string(r)
					}
				case []any:
					for k, x := range d {
						if s, ok := x.(string); ok && lo+k <= hi {
							out[lo+k] = utf16BE(s)
						}
					}
				}
			}
		}
	}
}

func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
