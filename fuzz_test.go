package vanban_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/templates"
)

// seeds adds the examples, the bad-input catalogue and a few hand-made
// inputs to a fuzz target's corpus.
func seeds(f *testing.F) {
	for _, pattern := range []string{"examples/*.yaml", "testdata/bad/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("type: cong-van\nbody: \"**x\"\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("type: cong-van\nagency: {name: X, name_in_text: x}\ncode: A-B\nplace: P\nsubject: s\nbody: \"~a^b~\"\nsigner: {title: [T/M X], name: N}\n"))
}

// layoutOf parses arbitrary YAML and lays it out; nil when it is rejected
// (with an ErrorList, never a panic) or too large to fuzz quickly.
func layoutOf(t *testing.T, fs *fonts.Set, data []byte) *layout.Document {
	doc, err := vanban.Parse("fuzz.yaml", data)
	if err != nil {
		if _, ok := err.(vanban.ErrorList); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return nil
	}
	check.Document(doc) // the style rules read the same input
	for _, a := range doc.Appendices {
		if a.Rows.Len()+a.BlankRows > 2000 {
			return nil // valid but slow; large tables have their own tests and benchmarks
		}
	}
	ld, err := templates.Build(doc, fs)
	if err != nil {
		t.Fatalf("a parsed document does not lay out: %v", err) // the model checks what layout needs
	}
	return ld
}

// FuzzDOCX: YAML → model → layout → DOCX; every part well-formed XML.
func FuzzDOCX(f *testing.F) {
	seeds(f)
	fs, err := fonts.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ld := layoutOf(t, fs, data)
		if ld == nil {
			return
		}
		pkg, err := docx.Bytes(ld)
		if err != nil {
			t.Fatal(err)
		}
		z, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range z.File {
			r, err := part.Open()
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(r)
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed: %v", part.Name, err)
				}
			}
			r.Close()
		}
	})
}

// FuzzPDF: YAML → model → layout → PDF; a complete file every time.
func FuzzPDF(f *testing.F) {
	seeds(f)
	fs, err := fonts.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ld := layoutOf(t, fs, data)
		if ld == nil {
			return
		}
		out, err := pdf.Bytes(ld, fs)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(out, []byte("%%EOF\n")) {
			t.Fatal("incomplete PDF")
		}
		if err := checkXref(out); err != nil {
			t.Fatal(err)
		}
	})
}

// checkXref checks the file's cross-reference table: startxref points at
// it, it lists every object once, each offset is where that object starts,
// and the trailer's /Size agrees.
func checkXref(pdf []byte) error {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return fmt.Errorf("no startxref")
	}
	var at int
	if _, err := fmt.Sscanf(string(pdf[i+len("startxref\n"):]), "%d", &at); err != nil || at <= 0 || at >= i {
		return fmt.Errorf("bad startxref: %v", err)
	}
	var first, count int
	if _, err := fmt.Sscanf(string(pdf[at:]), "xref\n%d %d\n", &first, &count); err != nil || first != 0 || count < 2 {
		return fmt.Errorf("startxref does not point at an xref table: %v", err)
	}
	entries := pdf[at+len(fmt.Sprintf("xref\n0 %d\n", count)):]
	for n := 0; n < count; n++ {
		if len(entries) < 20*(n+1) {
			return fmt.Errorf("xref table cut at entry %d", n)
		}
		e := string(entries[20*n : 20*(n+1)])
		if n == 0 {
			if e != "0000000000 65535 f \n" {
				return fmt.Errorf("bad free entry %q", e)
			}
			continue
		}
		var off int
		if _, err := fmt.Sscanf(e, "%010d 00000 n", &off); err != nil || off >= at {
			return fmt.Errorf("bad entry %d: %q", n, e)
		}
		if want := fmt.Sprintf("%d 0 obj\n", n); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			return fmt.Errorf("object %d is not at offset %d", n, off)
		}
	}
	if !bytes.Contains(entries[20*count:], []byte(fmt.Sprintf("/Size %d ", count))) {
		return fmt.Errorf("trailer /Size is not %d", count)
	}
	return nil
}

// The xref check holds for a real file and catches an object moved by one byte.
func TestCheckXref(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("examples", "cong-van-cchc-2023.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := pdf.Bytes(layoutOf(t, fs, src), fs)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkXref(out); err != nil {
		t.Fatalf("the seed's PDF: %v", err)
	}
	at := bytes.Index(out, []byte("3 0 obj"))
	shifted := append(append(append([]byte{}, out[:at]...), '\n'), out[at:]...)
	if err := checkXref(shifted); err == nil {
		t.Error("an object one byte off its offset passed")
	}
}
