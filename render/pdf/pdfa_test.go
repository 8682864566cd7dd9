package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/pdf"
)

func writeOptions(t testing.TB, ld *layout.Document, opts pdf.Options) ([]byte, *pdf.Placement) {
	t.Helper()
	var buf bytes.Buffer
	pl, err := pdf.WriteOptions(&buf, ld, fontSet(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), pl
}

// The zero Options write Write's bytes: a plain PDF has no form and no
// PDF/A objects.
func TestOptionsZeroIsPlain(t *testing.T) {
	ld := build(t, seedDoc(t))
	plain, _ := writeOptions(t, ld, pdf.Options{})
	if b, err := pdf.Bytes(ld, fontSet(t)); err != nil || !bytes.Equal(b, plain) {
		t.Fatalf("WriteOptions with zero Options differs from Bytes (%v)", err)
	}
	for _, s := range []string{"/AcroForm", "/Metadata", "/OutputIntents", "/Annots"} {
		if bytes.Contains(plain, []byte(s)) {
			t.Errorf("a plain PDF holds %s", s)
		}
	}
}

// Fields become signature widgets with an empty appearance on their pages,
// listed in an AcroForm in their order; the pages wait for them and the
// file stays deterministic and clean.
func TestSignatureFields(t *testing.T) {
	ld := build(t, seedDoc(t))
	var seen *pdf.Placement
	opts := pdf.Options{Fields: func(pl *pdf.Placement) []pdf.Field {
		seen = pl
		sig := pl.Sections[0][len(pl.Sections[0])-1].Parts[0]
		return []pdf.Field{
			{Name: "NguoiKy", Label: "Chữ ký số của người có thẩm quyền", Rect: pdf.Rect{Page: sig.Page, X: sig.X, Y: sig.Y, Width: 100, Height: 50}},
			{Name: "A(b)", Rect: pdf.Rect{Page: 1, X: 300, Y: 780, Width: 218, Height: 25.5}},
		}
	}}
	data, pl := writeOptions(t, ld, opts)
	if seen != pl {
		t.Error("Fields was not given the file's placement")
	}
	if again, _ := writeOptions(t, ld, opts); !bytes.Equal(data, again) {
		t.Error("two sign-ready writes differ")
	}
	widgets := regexp.MustCompile(`(\d+) 0 obj\n<</Type /Annot /Subtype /Widget /FT /Sig /T (\((?:[^()\\]|\\.)*\))[^\n]* /F 4 /P (\d+) 0 R /Rect \[([^\]]+)\] /AP <</N (\d+) 0 R>>>>`).FindAllSubmatch(data, -1)
	if len(widgets) != 2 {
		t.Fatalf("%d widgets:\n%s", len(widgets), data[len(data)-3000:])
	}
	if got := string(widgets[1][2]); got != `(A\(b\))` {
		t.Errorf("field name written %s, want escaped", got)
	}
	if !regexp.MustCompile(`/AcroForm (\d+) 0 R`).Match(data) || !bytes.Contains(data, []byte("<</Fields ["+string(widgets[0][1])+" 0 R "+string(widgets[1][1])+" 0 R]>>")) {
		t.Error("no AcroForm listing the two fields in order")
	}
	sigPage := pl.Sections[0][len(pl.Sections[0])-1].Parts[0].Page
	for i, w := range widgets {
		page := string(w[3])
		want := []int{sigPage, 1}[i]
		if !regexp.MustCompile(page + ` 0 obj\n<</Type /Page [^\n]*/Annots \[` + string(w[1]) + ` 0 R\]>>`).Match(data) {
			t.Errorf("field %d: page object %s (page %d) does not list it", i, page, want)
		}
		if !bytes.Contains(data, []byte(string(w[5])+" 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 ")) {
			t.Errorf("field %d: no form XObject appearance", i)
		}
	}
	if !bytes.Contains(data, []byte("/Rect [300 780 518 805.5]")) {
		t.Error("rectangle not written as lower-left, upper-right")
	}
	testtool.Require(t, "qpdf")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	// A field off the pages is an error, not a broken file.
	_, err := pdf.WriteOptions(io.Discard, ld, fontSet(t), pdf.Options{Fields: func(*pdf.Placement) []pdf.Field {
		return []pdf.Field{{Name: "X", Rect: pdf.Rect{Page: 99}}}
	}})
	if err == nil {
		t.Error("a field on page 99 of 3 was written")
	}
}

// What a PDF/A-2b validator checks that can be checked here without one:
// the XMP packet parses, declares part 2 conformance B and repeats the
// information dictionary; the output intent holds the sRGB profile; every
// font is embedded; no encryption, an /ID, the header's binary comment; no
// actions, JavaScript or embedded files; annotations printable with an
// appearance; qpdf finds the file clean. veraPDF itself is not available
// on these machines.
func TestPDFA(t *testing.T) {
	doc := seedDoc(t)
	ld := build(t, doc)
	ld.Info.Created = "2024-03-05T09:30:00+07:00"
	ld.Info.Title += " <&> \"trích\""
	data, _ := writeOptions(t, ld, pdf.Options{PDFA: true})

	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n%")) || data[10] < 128 || data[11] < 128 || data[12] < 128 || data[13] < 128 {
		t.Error("header: want %PDF-1.7 and a comment of four bytes over 127")
	}
	for _, s := range []string{"/Encrypt", "/JavaScript", "/JS ", "/Launch", "/EmbeddedFile", "/AA ", "/NeedAppearances true"} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("PDF/A forbids %s", s)
		}
	}
	if !regexp.MustCompile(`trailer\n<<[^\n]*/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(data) {
		t.Error("no /ID in the trailer")
	}
	cat := regexp.MustCompile(`1 0 obj\n<</Type /Catalog /Pages 2 0 R /Metadata (\d+) 0 R /OutputIntents \[(\d+) 0 R\] /Lang \(vi-VN\)>>`).FindSubmatch(data)
	if cat == nil {
		t.Fatalf("catalog without /Metadata, /OutputIntents, /Lang")
	}
	object := func(num []byte) []byte {
		i := bytes.Index(data, append(append([]byte("\n"), num...), " 0 obj\n"...))
		if i < 0 {
			t.Fatalf("object %s missing", num)
		}
		rest := data[i+1:]
		return rest[:bytes.Index(rest, []byte("endobj"))]
	}

	// The XMP: an uncompressed metadata stream that parses, with the
	// identification and the information dictionary's values.
	meta := object(cat[1])
	if !bytes.Contains(meta, []byte("/Type /Metadata /Subtype /XML /Length")) || bytes.Contains(meta, []byte("/Filter")) {
		t.Errorf("metadata stream dictionary: %.100s", meta)
	}
	xmp := meta[bytes.Index(meta, []byte("stream\n"))+7 : bytes.LastIndex(meta, []byte("\nendstream"))]
	if !bytes.Equal(xmp, pdf.XMP(ld.Info)) {
		t.Error("the metadata stream is not XMP(info)")
	}
	if !bytes.HasPrefix(xmp, []byte("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")) || !bytes.HasSuffix(xmp, []byte(`<?xpacket end="w"?>`)) {
		t.Error("XMP packet wrapper")
	}
	props := xmpProperties(t, xmp)
	info := pdfInfo(t, data)
	for prop, want := range map[string]string{
		"pdfaid:part":        "2",
		"pdfaid:conformance": "B",
		"dc:title":           info["Title"],
		"dc:creator":         info["Author"],
		"dc:description":     info["Subject"],
		"xmp:CreatorTool":    info["Creator"],
		"pdf:Producer":       info["Producer"],
		"xmp:CreateDate":     "2024-03-05T09:30:00+07:00",
		"dc:format":          "application/pdf",
	} {
		if props[prop] != want || want == "" {
			t.Errorf("XMP %s = %q, want %q", prop, props[prop], want)
		}
	}
	if !strings.Contains(info["Title"], `<&> "trích"`) {
		t.Errorf("pdfinfo Title %q", info["Title"])
	}
	if !bytes.Contains(data, []byte("/CreationDate (D:20240305093000+07'00')")) {
		t.Error("CreationDate in the information dictionary differs from xmp:CreateDate")
	}

	// The output intent and its profile.
	intent := object(cat[2])
	m := regexp.MustCompile(`<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier \(sRGB IEC61966-2.1\) [^\n]*/DestOutputProfile (\d+) 0 R>>`).FindSubmatch(intent)
	if m == nil {
		t.Fatalf("output intent: %s", intent)
	}
	icc := object(m[1])
	if !bytes.HasPrefix(icc, []byte(string(m[1])+" 0 obj\n<< /N 3 /Filter /FlateDecode /Length ")) {
		t.Errorf("ICC stream dictionary: %.80s", icc)
	}
	zr, err := zlib.NewReader(bytes.NewReader(icc[bytes.Index(icc, []byte("stream\n"))+7:]))
	if err != nil {
		t.Fatal(err)
	}
	profile, _ := io.ReadAll(zr)
	if !bytes.Equal(profile, pdf.SRGBProfile()) {
		t.Error("the embedded profile is not SRGBProfile")
	}

	// Every font embedded.
	out := testtool.Output(t, "pdffonts", writeTemp(t, data))
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) == 0 {
		t.Fatal("pdffonts lists no font")
	}
	for _, l := range lines {
		if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if out, err := exec.Command("qpdf", "--check", writeTemp(t, data)).CombinedOutput(); err != nil || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if _, err := exec.LookPath("xmllint"); err == nil {
		if out, err := exec.Command("xmllint", "--noout", writeTemp(t, xmp)).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	}
}

func writeTemp(t testing.TB, data []byte) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "f-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// pdfInfo is the information dictionary as pdfinfo reads it.
func pdfInfo(t testing.TB, data []byte) map[string]string {
	out := testtool.Output(t, "pdfinfo", writeTemp(t, data))
	info := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// xmpProperties reads an XMP packet's simple properties and the first item
// of its arrays, by prefixed name.
func xmpProperties(t testing.TB, xmp []byte) map[string]string {
	t.Helper()
	prefixes := map[string]string{
		"http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/xap/1.0/": "xmp",
		"http://ns.adobe.com/pdf/1.3/": "pdf", "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
	}
	dec := xml.NewDecoder(bytes.NewReader(xmp))
	props := map[string]string{}
	var prop string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XMP does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if p, ok := prefixes[tok.Name.Space]; ok {
				prop = p + ":" + tok.Name.Local
				text.Reset()
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if prop != "" && tok.Name.Local == "li" || prefixes[tok.Name.Space] != "" && prop == prefixes[tok.Name.Space]+":"+tok.Name.Local {
				if _, done := props[prop]; !done && strings.TrimSpace(text.String()) != "" {
					props[prop] = strings.TrimSpace(text.String())
				}
				text.Reset()
			}
		}
	}
	return props
}

// The sRGB profile: ICC.1's header and tag table, the colorants adding up
// to the connection space's white (so RGB white maps to D50), the tone
// curve of IEC 61966-2-1, and littleCMS converting with it as with its own
// sRGB.
func TestSRGBProfile(t *testing.T) {
	p := pdf.SRGBProfile()
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(p[at:]) }
	if int(u32(0)) != len(p) || u32(8) != 0x02100000 || string(p[12:16]) != "mntr" || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " || string(p[36:40]) != "acsp" {
		t.Fatalf("header: % x", p[:40])
	}
	fixed := func(at int) float64 { return float64(int32(u32(at))) / 65536 }
	tags := map[string][]byte{}
	for i := range int(u32(128)) {
		e := 132 + 12*i
		off, size := int(u32(e+4)), int(u32(e+8))
		if off%4 != 0 || off+size > len(p) {
			t.Fatalf("tag %s at %d, %d bytes", p[e:e+4], off, size)
		}
		tags[string(p[e:e+4])] = p[off : off+size]
	}
	for _, s := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if tags[s] == nil {
			t.Errorf("tag %s missing", s)
		}
	}
	xyz := func(tag string) [3]float64 {
		b := tags[tag]
		if string(b[:4]) != "XYZ " {
			t.Fatalf("%s is %q", tag, b[:4])
		}
		return [3]float64{float64(int32(binary.BigEndian.Uint32(b[8:]))) / 65536, float64(int32(binary.BigEndian.Uint32(b[12:]))) / 65536, float64(int32(binary.BigEndian.Uint32(b[16:]))) / 65536}
	}
	r, g, b := xyz("rXYZ"), xyz("gXYZ"), xyz("bXYZ")
	illuminant := [3]float64{fixed(68), fixed(72), fixed(76)}
	for i := range 3 {
		if sum := r[i] + g[i] + b[i]; math.Abs(sum-illuminant[i]) > 1e-4 {
			t.Errorf("colorants sum to %.5f in %c, illuminant %.5f", sum, "XYZ"[i], illuminant[i])
		}
	}
	// Published sRGB colorants under D50 (Bradford), as in the profiles in use.
	if want := [3]float64{0.4361, 0.2225, 0.0139}; math.Abs(r[0]-want[0]) > 2e-4 || math.Abs(r[1]-want[1]) > 2e-4 || math.Abs(r[2]-want[2]) > 2e-4 {
		t.Errorf("rXYZ %.4f, want %.4f", r, want)
	}
	curve := tags["rTRC"]
	n := int(binary.BigEndian.Uint32(curve[8:]))
	at := func(i int) float64 { return float64(binary.BigEndian.Uint16(curve[12+2*i:])) / 65535 }
	if string(curve[:4]) != "curv" || n != 1024 || at(0) != 0 || at(n-1) != 1 || math.Abs(at(512)-math.Pow((512.0/1023+0.055)/1.055, 2.4)) > 1e-4 || math.Abs(at(10)-10.0/1023/12.92) > 1e-4 {
		t.Errorf("tone curve: %q, %d points, mid %.4f", curve[:4], n, at(512))
	}

	testtool.Require(t, "transicc")
	path := writeTemp(t, p)
	convert := func(profile string) string {
		cmd := exec.Command("transicc", "-i", profile, "-o", "*Lab", "-n")
		cmd.Stdin = strings.NewReader("255 255 255\n255 0 0\n0 255 0\n0 0 255\n128 128 128\n")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("transicc: %v\n%s", err, out)
		}
		return string(out)
	}
	ours, theirs := labValues(convert(path)), labValues(convert("*sRGB"))
	if len(ours) != 15 || len(theirs) != 15 {
		t.Fatalf("transicc gave %v and %v", ours, theirs)
	}
	for i := range ours {
		if math.Abs(ours[i]-theirs[i]) > 0.05 {
			t.Errorf("Lab value %d: %.4f with this profile, %.4f with littleCMS's sRGB", i, ours[i], theirs[i])
		}
	}
}

func labValues(out string) []float64 {
	var v []float64
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) != 3 {
			continue
		}
		var row []float64
		for _, s := range f {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				break
			}
			row = append(row, x)
		}
		if len(row) == 3 {
			v = append(v, row...)
		}
	}
	return v
}
