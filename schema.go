package vanban

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/vanban-vn/vanban/nd30"
)

// SchemaID is where editors find the schema (examples name it relatively).
const SchemaID = "https://vanban.vn/schema/vanban.schema.json"

// Schema returns the JSON Schema of the input, generated from the decoder's
// own field lists (names, required fields, descriptions in Vietnamese,
// enums), so that an editor with a YAML language server completes and
// checks fields while the officer types.
//
// Each field is described once, under $defs. The fields every type has are
// the schema's own properties; each type adds its own under an if/then on
// `type` (from TypeFields, the decoder's table), and unevaluatedProperties
// rejects the rest, so the editor offers only the chosen type's fields and
// flags a field of another type.
func Schema() map[string]any {
	d := &decoder{}
	defs := map[string]any{}
	for _, f := range d.documentFields(&Document{}, &laterNodes{}) {
		defs[f.name] = f.schema()
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/$defs/" + name} }
	shared := []string{"type", "size_set", "agency"}
	props := map[string]any{}
	for _, name := range shared {
		props[name] = ref(name)
	}
	branch := func(names []string, uses map[string]Use) map[string]any {
		ps := map[string]any{}
		var required []string
		for _, name := range names {
			if !slices.Contains(shared, name) {
				ps[name] = ref(name)
			}
			if uses[name] == Required {
				required = append(required, name)
			}
		}
		b := map[string]any{}
		if len(ps) > 0 {
			b["properties"] = ps
		}
		if len(required) > 0 {
			b["required"] = required
		}
		return b
	}
	var types []any
	for _, t := range nd30.DocumentTypes() {
		if !t.Laid() {
			continue
		}
		plain := TypeFields(t, false)
		cond := map[string]any{"properties": map[string]any{"type": map[string]any{"const": t.ID}}, "required": []string{"type"}}
		var then map[string]any
		if t.Family != nd30.Typed {
			then = branch(usedFields(plain, nil), plain)
		} else {
			// A typed document is either issued on its own or, with
			// attached_to, the document a decision issues (Mẫu 1.3).
			attached := TypeFields(t, true)
			then = branch(usedFields(plain, attached), nil)
			then["if"] = map[string]any{"required": []string{"attached_to"}}
			then["then"] = branch(usedFields(attached, nil), attached)
			then["else"] = branch(usedFields(plain, nil), plain)
		}
		types = append(types, map[string]any{"if": cond, "then": then})
	}
	return map[string]any{
		"$schema":               "https://json-schema.org/draft/2020-12/schema",
		"$id":                   SchemaID,
		"title":                 "vanban",
		"description":           "Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, dựng bằng vanban",
		"type":                  "object",
		"properties":            props,
		"required":              []string{"type"},
		"allOf":                 types,
		"unevaluatedProperties": false,
		"$defs":                 defs,
	}
}

// usedFields lists, in fieldOrder, the fields a uses — and, when b is given,
// that b uses as well.
func usedFields(a, b map[string]Use) []string {
	var out []string
	for _, name := range fieldOrder {
		if a[name] != Unused && (b == nil || b[name] != Unused) {
			out = append(out, name)
		}
	}
	return out
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
