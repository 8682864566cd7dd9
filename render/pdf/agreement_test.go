package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/render/docx"
)

// collapsed is a PDF's text line by line (pdftotext -layout), runs of spaces
// folded, so two renderers that put the same words on the same lines agree.
func collapsed(t *testing.T, pdf string) []string {
	var out []string
	for _, page := range testtool.PageTexts(t, pdf) {
		for _, l := range strings.Split(page, "\n") {
			if s := strings.Join(strings.Fields(l), " "); s != "" {
				out = append(out, s)
			}
		}
		out = append(out, "\f")
	}
	return out
}

// mergedYAML is the README's consolidation: the seed with the three example
// forms, by units, with subtotals.
func mergedYAML(t *testing.T) []byte {
	t.Helper()
	forms, err := filepath.Glob(examplePath(t, "tong-hop/*.xlsx"))
	if err != nil || len(forms) != 3 {
		t.Fatalf("example forms: %v %v", forms, err)
	}
	out := t.TempDir()
	_, err = engine.Merge(context.Background(), engine.MergeOptions{Into: seedPath(t), Forms: forms, UnitsFile: examplePath(t, "tong-hop/don-vi.yaml"),
		OutDir: out, Options: form.Options{Subtotals: true}, Render: engine.Options{Formats: engine.Formats{engine.DOCX: true}}})
	if err != nil {
		t.Fatal(err)
	}
	return readFile(t, filepath.Join(out, "cong-van-cchc-2023"+engine.MergeSuffix+".yaml"))
}

// Our PDF and LibreOffice's rendering of our DOCX agree: the same pages with
// the same words on the same lines — header, body, Nơi nhận and signature,
// appendix tables (docs/nd30.md §2.2; issue #3).
func TestAgreesWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	dir := t.TempDir()
	inputs := map[string][]byte{
		"seed":     readFile(t, seedPath(t)),
		"tong-hop": readFile(t, examplePath(t, "cong-van-tong-hop-diem.yaml")),
		"rows-120": rowsYAML(t, 120),
		"merged":   mergedYAML(t),
	}
	var docxFiles []string
	ours := map[string]string{}
	for name, src := range inputs {
		doc := parse(t, name+".yaml", src)
		ld := build(t, doc)
		data, err := docx.Bytes(ld)
		if err != nil {
			t.Fatal(err)
		}
		d := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(d, data, 0o644); err != nil {
			t.Fatal(err)
		}
		docxFiles = append(docxFiles, d)
		ours[name] = writePDF(t, doc, name)
	}
	loDir := filepath.Join(dir, "lo")
	if err := os.Mkdir(loDir, 0o755); err != nil {
		t.Fatal(err)
	}
	testtool.ConvertToPDF(t, loDir, docxFiles...)
	for name := range inputs {
		lo := collapsed(t, filepath.Join(loDir, name+".pdf"))
		mine := collapsed(t, ours[name])
		if len(lo) == 0 {
			t.Fatalf("%s: LibreOffice produced no text", name)
		}
		loPages, myPages := strings.Count(strings.Join(lo, "\n"), "\f"), strings.Count(strings.Join(mine, "\n"), "\f")
		if loPages != myPages {
			t.Errorf("%s: %d pages, LibreOffice %d", name, myPages, loPages)
		}
		for i := 0; i < min(len(lo), len(mine)); i++ {
			if lo[i] != mine[i] {
				t.Errorf("%s: line %d differs\n ours: %q\n   LO: %q", name, i+1, mine[i], lo[i])
				break
			}
		}
		if len(lo) != len(mine) {
			t.Errorf("%s: %d lines, LibreOffice %d", name, len(mine), len(lo))
		}
	}
}
