package vanban

import (
	"encoding/json"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SchemaID is where editors find the schema (examples name it relatively).
const SchemaID = "https://vanban.vn/schema/vanban.schema.json"

// Schema returns the JSON Schema of the input, generated from the decoder's
// own field lists (names, required fields, descriptions in Vietnamese,
// enums), so that an editor with a YAML language server completes and
// checks fields while the officer types.
func Schema() map[string]any {
	d := &decoder{}
	var body *yaml.Node
	s := objectOf("Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, dựng bằng vanban", d.documentFields(&Document{}, &body))
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = SchemaID
	s["title"] = "vanban"
	return s
}

// SchemaJSON is Schema as indented JSON.
func SchemaJSON() []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(Schema()) // maps of strings, numbers and slices always encode
	return []byte(b.String())
}

func objectOf(desc string, fields []field) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range fields {
		if f.schema != nil {
			props[f.name] = f.schema()
		} else {
			props[f.name] = map[string]any{}
		}
		if f.required {
			required = append(required, f.name)
		}
	}
	o := map[string]any{"description": desc, "type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func textOf(desc string) map[string]any {
	return map[string]any{"description": desc, "type": "string"}
}

func boolOf(desc string) map[string]any {
	return map[string]any{"description": desc, "type": "boolean"}
}

// linesOf is one line of text or a list of lines.
func linesOf(desc string) map[string]any {
	return map[string]any{"description": desc, "oneOf": []any{
		map[string]any{"type": "string"},
		map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}}
}

func enumOf(desc string, values ...any) map[string]any {
	return map[string]any{"description": desc, "enum": values}
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
