package server

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vanban-vn/vanban/nd30"
)

// placeholder is "…": where a required field is missing, the preview
// shows it in its place.
const placeholder = "…"

// placeholders are the values a preview puts in for missing required
// fields, by path without indexes; a field not listed gets "…".
func placeholders(path string) any {
	today := time.Now().In(nd30.VietnamTime).Format("2006-01-02")
	switch path {
	case "type":
		return "cong-van"
	case "agency.seal_mm", "copy.agency.seal_mm":
		return "40"
	case "agency", "copy.agency":
		return map[string]any{"name": placeholder, "name_in_text": placeholder}
	case "signer", "copy.signer":
		return map[string]any{"title": []any{placeholder}, "name": placeholder}
	case "signer.title", "copy.signer.title", "recipients", "minutes.participants":
		return []any{placeholder}
	case "articles":
		return []any{map[string]any{"body": placeholder}}
	case "invitation":
		return map[string]any{"invitees": placeholder, "event": placeholder, "time": today + " 08:00", "place": placeholder}
	case "invitation.time":
		return today + " 08:00"
	case "introduction":
		return map[string]any{"name": placeholder, "sent_to": placeholder, "purpose": placeholder, "valid_until": today}
	case "introduction.valid_until", "leave.from", "leave.to":
		return today
	case "minutes":
		return map[string]any{"start": today + " 08:00", "end": today + " 09:00", "place": placeholder, "participants": []any{placeholder},
			"chair": map[string]any{"name": placeholder}, "secretary": map[string]any{"name": placeholder + placeholder}}
	case "minutes.start":
		return today + " 08:00"
	case "minutes.end":
		return today + " 09:00"
	case "minutes.chair":
		return map[string]any{"name": placeholder}
	case "minutes.secretary":
		return map[string]any{"name": placeholder + placeholder}
	case "leave":
		return map[string]any{"name": placeholder, "from": today, "to": today, "counted_as": placeholder}
	case "attached_to":
		return map[string]any{"type": "quyet-dinh", "code": placeholder, "agency": placeholder}
	case "attached_to.type":
		return "quyet-dinh"
	case "issues":
		return map[string]any{"type": "quy-che", "subject": placeholder, "body": placeholder}
	case "issues.type":
		return "quy-che"
	case "copy.kind":
		return "sao-y"
	case "appendices":
		return []any{map[string]any{"title": placeholder, "columns": []any{map[string]any{"title": placeholder}}}}
	case "appendices.columns":
		return []any{map[string]any{"title": placeholder}}
	}
	return placeholder
}

// textFields are the multi-line texts: a mistake in one (a bold mark left
// open while typing) is not previewed without it, or the page would lose
// the whole text at every keystroke; the last pages stay.
var textFields = regexp.MustCompile(`^(body|issues\.body|articles\[\d+\]\.body)$`)

// withPlaceholders is the draft with "…" at each missing required field
// and the values the model refused cleared; false when a refused value is
// a text (then the page keeps its last preview).
func withPlaceholders(d *Draft, found []Finding) (*Draft, []string, bool) {
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, nil, false
	}
	var tree map[string]any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return nil, nil, false
	}
	var changed []string
	for _, f := range found {
		if f.Severity != "error" || f.Path == "" {
			continue
		}
		if f.Rule == "yaml-required" {
			if setPath(tree, f.Path, placeholders(indexless(f.Path))) {
				changed = append(changed, f.Path)
			}
			continue
		}
		if textFields.MatchString(f.Path) {
			// A mark left open (**, ~, ^, {{) is previewed as typed: a
			// backslash before it makes it a literal mark.
			if f.TextLine > 0 && escapeAt(tree, f.Path, f.TextLine, f.TextCol) {
				changed = append(changed, f.Path)
				continue
			}
			return nil, nil, false
		}
		if clearPath(tree, f.Path) {
			changed = append(changed, f.Path)
		}
	}
	if len(changed) == 0 {
		return nil, nil, false
	}
	raw, err = json.Marshal(tree)
	if err != nil {
		return nil, nil, false
	}
	var out Draft
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, nil, false
	}
	return &out, changed, true
}

// under reports whether path is one of paths or inside one.
func under(path string, paths []string) bool {
	for _, p := range paths {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[") {
			return true
		}
	}
	return false
}

var index = regexp.MustCompile(`\[\d+\]`)

func indexless(path string) string { return index.ReplaceAllString(path, "") }

// steps splits "a.b[2].c" into "a", "b", 2, "c".
func steps(path string) []any {
	var out []any
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			n, err := strconv.Atoi(num)
			if err != nil {
				return nil
			}
			out = append(out, n)
			_, rest, _ = strings.Cut(after, "[")
		}
	}
	return out
}

// walk follows path's steps but the last from tree, making the maps on the
// way when makeMaps is set (never list items), and returns the map or list
// the last step is taken in, and that step.
func walk(tree map[string]any, path string, makeMaps bool) (container, last any, ok bool) {
	st := steps(path)
	if len(st) == 0 {
		return nil, nil, false
	}
	var cur any = tree
	for i, s := range st[:len(st)-1] {
		switch k := s.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, nil, false
			}
			next, ok := m[k]
			if (!ok || next == nil) && makeMaps {
				if _, isIndex := st[i+1].(int); isIndex {
					return nil, nil, false
				}
				next = map[string]any{}
				m[k] = next
			}
			cur = next
		case int:
			l, ok := cur.([]any)
			if !ok || k < 0 || k >= len(l) {
				return nil, nil, false
			}
			cur = l[k]
		}
	}
	return cur, st[len(st)-1], true
}

// setPath sets the value at path, making the maps on the way; it does not
// make list items.
func setPath(tree map[string]any, path string, v any) bool {
	c, last, ok := walk(tree, path, true)
	if !ok {
		return false
	}
	switch k := last.(type) {
	case string:
		if m, ok := c.(map[string]any); ok {
			m[k] = v
			return true
		}
	case int:
		if l, ok := c.([]any); ok && k >= 0 && k < len(l) {
			l[k] = v
			return true
		}
	}
	return false
}

// clearPath empties the value at path: "" for a text, false, an empty
// item for a list's item, nothing for a list or a block.
func clearPath(tree map[string]any, path string) bool {
	c, last, ok := walk(tree, path, false)
	if !ok {
		return false
	}
	switch k := last.(type) {
	case string:
		m, ok := c.(map[string]any)
		if !ok {
			return false
		}
		if _, ok := m[k]; !ok {
			return false
		}
		delete(m, k)
		return true
	case int:
		l, ok := c.([]any)
		if !ok || k < 0 || k >= len(l) {
			return false
		}
		switch l[k].(type) {
		case string:
			l[k] = ""
		case []any:
			l[k] = []any{}
		default:
			l[k] = map[string]any{}
		}
		return true
	}
	return false
}

// escapeAt puts a backslash before the mark at line and column (1-based,
// in characters) of the text at path, when a mark is there.
func escapeAt(tree map[string]any, path string, line, col int) bool {
	c, last, ok := walk(tree, path, false)
	if !ok {
		return false
	}
	var cur any
	switch k := last.(type) {
	case string:
		if m, ok := c.(map[string]any); ok {
			cur = m[k]
		}
	case int:
		if l, ok := c.([]any); ok && k >= 0 && k < len(l) {
			cur = l[k]
		}
	}
	text, ok := cur.(string)
	if !ok {
		return false
	}
	lines := strings.SplitAfter(text, "\n")
	if line > len(lines) {
		return false
	}
	off := 0
	for _, l := range lines[:line-1] {
		off += len(l)
	}
	runes := []rune(lines[line-1])
	if col < 1 || col > len(runes) || !strings.ContainsRune("*~^{", runes[col-1]) {
		return false
	}
	off += len(string(runes[:col-1]))
	return setPath(tree, path, text[:off]+"\\"+text[off:])
}
