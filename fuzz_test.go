package vanban_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"archive/zip"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/templates"
)

// FuzzRender feeds arbitrary YAML through the whole path: it must be rejected
// with an error or rendered into a well-formed DOCX and a complete PDF, never
// panic.
func FuzzRender(f *testing.F) {
	examples, _ := filepath.Glob("examples/*.yaml")
	for _, ex := range examples {
		if data, err := os.ReadFile(ex); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("type: cong-van\nbody: \"**x\"\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("type: cong-van\nagency: {name: X, name_in_text: x}\ncode: A-B\nplace: P\nsubject: s\nbody: \"~a^b~\"\nsigner: {title: [T/M X], name: N}\n"))
	fs, err := fonts.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := vanban.Parse("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(vanban.ErrorList); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, a := range doc.Appendices {
			if len(a.Rows)+a.BlankRows > 2000 {
				return // valid but slow; large tables have their own tests and benchmarks
			}
		}
		ld, err := templates.Build(doc, fs)
		if err != nil {
			t.Fatalf("a parsed document does not lay out: %v", err) // the model checks what layout needs
		}
		out, err := pdf.Bytes(ld, fs)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(out, []byte("%%EOF\n")) {
			t.Fatal("incomplete PDF")
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
