package vanban_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// fieldOfAnotherType is a top-level field the type does not use, with a value
// of the right shape.
func fieldOfAnotherType(t nd30.DocumentType) (string, string) {
	for _, c := range []struct{ name, value string }{
		{"articles", "[Điều khoản thi hành./.]"}, {"invitation", "{invitees: A, event: B, time: 2024-03-14 14:00, place: C}"},
		{"recipients", "[Bộ Nội vụ]"}, {"issuer", "CHỦ TỊCH"},
	} {
		if vanban.TypeFields(t, false)[c.name] == vanban.Unused {
			return c.name, c.value
		}
	}
	return "", ""
}

// A field of another type is an error at its key ("trường `articles` không
// dùng cho công văn"), and the schema rejects it; every example passes both.
func TestFieldOfAnotherTypeIsRejected(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("examples/*.yaml")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		doc, err := vanban.Parse(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ty := doc.DocType()
		name, value := fieldOfAnotherType(ty)
		if name == "" {
			t.Fatalf("%s: every field is the type's", f)
		}
		bad := append(append([]byte(nil), src...), []byte(name+": "+value+"\n")...)
		line := bytes.Count(src, []byte("\n")) + 1
		_, err = vanban.Parse(f, bad)
		list, _ := err.(vanban.ErrorList)
		found := false
		for _, e := range list {
			if e.Rule == "type-field" && e.Field == name && e.Pos == (vanban.Pos{Line: line, Column: 1}) &&
				strings.Contains(e.Msg, "không dùng cho ") && strings.Contains(e.Msg, "(Mẫu ") && strings.Contains(e.MsgEN, "not used in a") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s + %s: %v", f, name, err)
		}
		var n yaml.Node
		yaml.Unmarshal(bad, &n)
		if s.Validate(asJSON(&n)) == nil {
			t.Errorf("%s + %s: the schema accepts it", f, name)
		}
	}
}

// The schema offers each type its own fields: every field a type uses is in
// its branch (or shared), and each type's required fields are required.
func TestSchemaPerType(t *testing.T) {
	sc := vanban.Schema()
	shared := sc["properties"].(map[string]any)
	for _, branch := range sc["allOf"].([]any) {
		b := branch.(map[string]any)
		id := b["if"].(map[string]any)["properties"].(map[string]any)["type"].(map[string]any)["const"].(string)
		ty, _ := nd30.DocumentTypeOf(id)
		then := b["then"].(map[string]any)
		props := map[string]bool{}
		var required []string
		collect := func(m map[string]any) {
			if p, ok := m["properties"].(map[string]any); ok {
				for k := range p {
					props[k] = true
				}
			}
			if r, ok := m["required"].([]string); ok {
				required = append(required, r...)
			}
		}
		collect(then)
		if e, ok := then["else"].(map[string]any); ok {
			collect(e) // the document on its own (no attached_to)
		}
		for name, use := range vanban.TypeFields(ty, false) {
			if use != vanban.Unused && !props[name] && shared[name] == nil {
				t.Errorf("%s: field %s missing from the schema", id, name)
			}
			if use == vanban.Required && !strings.Contains(strings.Join(required, " ")+" type", name) {
				t.Errorf("%s: field %s not required", id, name)
			}
		}
		for name := range props {
			if vanban.TypeFields(ty, false)[name] == vanban.Unused && vanban.TypeFields(ty, true)[name] == vanban.Unused {
				t.Errorf("%s: the schema offers %s, which it does not use", id, name)
			}
		}
	}
}
