package server

import (
	"encoding/json"
	"strings"
	"testing"
)

// The draft paths the placeholders are put at, cleared at and escaped at:
// maps made on the way where a value is set, never list items; a path that
// does not lead anywhere changes nothing.
func TestDraftPaths(t *testing.T) {
	tree := func() map[string]any {
		var m map[string]any
		json.Unmarshal([]byte(`{"subject":"a **b","cc":["x","y"],"signer":{"title":["GIÁM ĐỐC"]},"body":[{"text":"z"}],"flag":true}`), &m)
		return m
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	tests := []struct {
		name string
		do   func(map[string]any) bool
		ok   bool
		want string
	}{
		{"set a new field", func(m map[string]any) bool { return setPath(m, "agency.name", "…") }, true, `"agency":{"name":"…"}`},
		{"set a list item", func(m map[string]any) bool { return setPath(m, "cc[1]", "…") }, true, `"cc":["x","…"]`},
		{"set past a list's end", func(m map[string]any) bool { return setPath(m, "cc[2]", "…") }, false, `"cc":["x","y"]`},
		{"set under a missing list", func(m map[string]any) bool { return setPath(m, "recipients[0]", "…") }, false, `"flag":true`},
		{"set in a list's map", func(m map[string]any) bool { return setPath(m, "body[0].text", "…") }, true, `"body":[{"text":"…"}]`},
		{"clear a field", func(m map[string]any) bool { return clearPath(m, "flag") }, true, `"cc":["x","y"],"signer"`},
		{"clear a missing field", func(m map[string]any) bool { return clearPath(m, "agency") }, false, `"flag":true`},
		{"clear a text item", func(m map[string]any) bool { return clearPath(m, "cc[0]") }, true, `"cc":["","y"]`},
		{"clear a block item", func(m map[string]any) bool { return clearPath(m, "body[0]") }, true, `"body":[{}]`},
		{"escape a mark", func(m map[string]any) bool { return escapeAt(m, "subject", 1, 3) }, true, `"subject":"a \\**b"`},
		{"escape where no mark is", func(m map[string]any) bool { return escapeAt(m, "subject", 1, 1) }, false, `"subject":"a **b"`},
		{"escape in a list", func(m map[string]any) bool { return escapeAt(m, "signer.title[0]", 1, 1) }, false, `"title":["GIÁM ĐỐC"]`},
		{"escape at a missing path", func(m map[string]any) bool { return escapeAt(m, "agency.name", 1, 1) }, false, `"flag":true`},
	}
	for _, tt := range tests {
		m := tree()
		if ok := tt.do(m); ok != tt.ok {
			t.Errorf("%s: %v, want %v", tt.name, ok, tt.ok)
		}
		if got := js(m); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s, want %s in it", tt.name, got, tt.want)
		}
	}
}
