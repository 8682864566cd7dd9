package server

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/testtool"
)

func renderAll(t *testing.T, name string, src []byte, dir string) map[string][]byte {
	t.Helper()
	doc, err := vanban.Parse(filepath.Join(dir, name+".yaml"), src)
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, src)
	}
	if err := form.ResolveRowsFromDir(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if err := vanban.ReadImagesDir(doc); err != nil {
		t.Fatal(err)
	}
	var sink memSink
	if err := engine.Render(context.Background(), doc, name, engine.Options{}, &sink); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string][]byte{}
	for n, b := range sink.files {
		out[n] = b.Bytes()
	}
	return out
}

// Every example opened in the form and written back renders to the very
// same DOCX, PDF and XLSX as the example itself.
func TestExamplesRoundTrip(t *testing.T) {
	dir := filepath.Join(testtool.RepoRoot(t), "examples")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) < 15 {
		t.Fatalf("only %d examples", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			o, err := OpenYAML(name+".yaml", src)
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Ignored) > 0 {
				t.Errorf("ignored fields: %v", o.Ignored)
			}
			written := o.Draft.YAML()
			want := renderAll(t, name, src, dir)
			got := renderAll(t, name, written.YAML, dir)
			if len(got) != len(want) {
				t.Fatalf("outputs %d, want %d", len(got), len(want))
			}
			for n, w := range want {
				if !bytes.Equal(got[n], w) {
					t.Errorf("%s differs after the round trip; YAML written:\n%s", n, written.YAML)
				}
			}
			// And the YAML written reads back into the same draft.
			again, err := OpenYAML(name+".yaml", written.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Draft.YAML().YAML, written.YAML) {
				t.Errorf("second round trip differs")
			}
		})
	}
}

// The form has a field for every field of the input: each property of the
// JSON Schema (the decoder's own field lists) is a JSON name of Draft's
// types at the same place.
func TestDraftCoversSchema(t *testing.T) {
	schema := vanban.Schema()
	defs := schema["$defs"].(map[string]any)
	draftFields := jsonFields(reflect.TypeOf(Draft{}))
	var missing []string
	for name, def := range defs {
		ft, ok := draftFields[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		missing = append(missing, compareObject(name, def.(map[string]any), ft)...)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the form has no field for: %v", missing)
	}
}

// jsonFields maps a struct's JSON names to their types (element types for
// slices, pointed-to types for pointers).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	out := map[string]reflect.Type{}
	if t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out[name] = f.Type
	}
	return out
}

// compareObject lists the properties of a schema object (its items', for
// an array) that the Go type lacks.
func compareObject(path string, def map[string]any, t reflect.Type) []string {
	var missing []string
	props, _ := def["properties"].(map[string]any)
	if items, ok := def["items"].(map[string]any); ok {
		props, _ = items["properties"].(map[string]any)
		if one, ok := items["oneOf"].([]any); ok {
			for _, o := range one {
				if p, ok := o.(map[string]any)["properties"].(map[string]any); ok {
					props = p
				}
			}
		}
	}
	fields := jsonFields(t)
	for name, sub := range props {
		ft, ok := fields[name]
		if !ok {
			missing = append(missing, path+"."+name)
			continue
		}
		if m, ok := sub.(map[string]any); ok {
			missing = append(missing, compareObject(path+"."+name, m, ft)...)
		}
	}
	return missing
}

func TestLiteralBlock(t *testing.T) {
	for _, s := range []string{"a", "a\n", "a\n\nb", " lead", "a\n b\n", "x: y\n- z", "tab\there", "#comment", "---", "..."} {
		lit, ok := literalBlock(s, 1)
		if !ok {
			t.Errorf("%q: not a block", s)
			continue
		}
		_ = lit
	}
	for _, s := range []string{"trailing \nx", "a\n\n", "\u2028", "bad\x01", "\ttab first"} {
		if _, ok := literalBlock(s, 1); ok {
			t.Errorf("%q: taken for a block", s)
		}
	}
}

// Whatever is typed, the YAML written reads back to it: quoting is exact.
func TestYAMLQuoting(t *testing.T) {
	nasty := []string{`"quoted"`, `back\slash`, "a: b", "- dash", "# hash", "{{deadline \"x\"}}", "\u2028sep", "\u0085nel", "\ufeffbom",
		"tab\tin", "<script>alert(1)</script>", "null", "true", "~", "0x12", "1e3", "@at", "`tick`", "'single'", "%pct", "&anchor", "*alias", "!tag", "|", ">"}
	for _, s := range nasty {
		d := &Draft{Type: "cong-van", Subject: s, Place: s, Code: s}
		w := d.YAML()
		o, err := OpenYAML("x.yaml", w.YAML)
		if err != nil {
			t.Fatalf("%q: %v\n%s", s, err, w.YAML)
		}
		if o.Draft.Subject != s || o.Draft.Place != s || o.Draft.Code != s {
			t.Errorf("%q read back as %q\n%s", s, o.Draft.Subject, w.YAML)
		}
	}
}
