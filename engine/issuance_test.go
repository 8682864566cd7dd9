package engine_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/vanban-vn/vanban/engine"
)

// SignReady and PDFA reach the PDF, and only the PDF: the DOCX and the form
// are the same bytes; without them the PDF has neither a form nor PDF/A
// objects; each combination renders the same bytes twice.
func TestIssuanceOptions(t *testing.T) {
	doc, err := engine.Load(context.Background(), seedPath())
	if err != nil {
		t.Fatal(err)
	}
	render := func(opts engine.Options) memSink {
		t.Helper()
		sink := memSink{}
		if err := engine.Render(context.Background(), doc, "cv", opts, sink); err != nil {
			t.Fatal(err)
		}
		return sink
	}
	plain := render(engine.Options{})
	for _, c := range []struct {
		opts       engine.Options
		form, pdfa bool
	}{
		{engine.Options{}, false, false},
		{engine.Options{SignReady: true}, true, false},
		{engine.Options{PDFA: true}, false, true},
		{engine.Options{SignReady: true, PDFA: true}, true, true},
	} {
		got := render(c.opts)
		pdf := got["cv.pdf"].Bytes()
		if has := bytes.Contains(pdf, []byte("/AcroForm")) && bytes.Contains(pdf, []byte("/FT /Sig /T (NguoiKy)")); has != c.form {
			t.Errorf("%+v: signature fields %v, want %v", c.opts, has, c.form)
		}
		if has := bytes.Contains(pdf, []byte("/OutputIntents")) && bytes.Contains(pdf, []byte("<pdfaid:part>2</pdfaid:part>")); has != c.pdfa {
			t.Errorf("%+v: PDF/A %v, want %v", c.opts, has, c.pdfa)
		}
		if !bytes.Equal(pdf, render(c.opts)["cv.pdf"].Bytes()) {
			t.Errorf("%+v: two renders differ", c.opts)
		}
		for _, other := range []string{"cv.docx", "cv.xlsx"} {
			if !bytes.Equal(got[other].Bytes(), plain[other].Bytes()) {
				t.Errorf("%+v changed %s", c.opts, other)
			}
		}
	}
}
