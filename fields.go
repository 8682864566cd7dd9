package vanban

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// expandedSize counts the nodes of n with every alias expanded, memoised so
// that the count itself stays linear in the file.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = maxNodes + 1 // a node that reaches itself is too large
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > maxNodes {
			break
		}
	}
	memo[n] = size
	return size
}

// pos is where n starts, as an editor counts lines and columns.
func (d *decoder) pos(n *yaml.Node) Pos { return d.src.pos(n.Line, n.Column) }

// decoder walks the YAML tree, collecting every error rather than stopping
// at the first.
type decoder struct {
	file      string
	src       *source // the file, to place errors; nil for inputs read without one
	errs      ErrorList
	positions map[string]Pos // where each scalar was read, by field path
	nfd       *Pos           // the first decomposed (NFD) text met
	// deadlineIDs are the deadlines declared, valid or not, so that a bad
	// value is reported once, not again where the body uses it.
	deadlineIDs map[string]bool
	// blocks are the row blocks cut out of the source (rowsplit.go), how
	// often each was decoded, and whether one could not be.
	blocks      []rowBlock
	blockUsed   []int
	blockFailed bool
	nodeBudget  int // the nodes the cut blocks' slices may still have (maxNodes less the rest)
}

// errorAt records an error; vi and en are the message in each language,
// formatted with the same arguments.
func (d *decoder) errorAt(p Pos, field, rule, vi, en string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Pos: p, Field: field, Rule: rule,
		Msg: fmt.Sprintf(vi, localArgs(args, false)...), MsgEN: fmt.Sprintf(en, localArgs(args, true)...)})
}

func (d *decoder) errorf(n *yaml.Node, field, rule, vi, en string, args ...any) {
	d.errorAt(d.pos(n), field, rule, vi, en, args...)
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) localized {
	switch n.Kind {
	case yaml.MappingNode:
		return localized{"một ánh xạ (các cặp khóa: giá trị)", "a mapping (key: value pairs)"}
	case yaml.SequenceNode:
		return localized{"một danh sách", "a list"}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return localized{"giá trị rỗng", "an empty value"}
		}
		return localized{fmt.Sprintf("giá trị %q", n.Value), fmt.Sprintf("the value %q", n.Value)}
	}
	return localized{"một giá trị không hợp lệ", "an invalid value"}
}

// field is one known key of a mapping and how to decode its value.
type field struct {
	name     string
	required bool
	decode   func(v *yaml.Node, path string)
	// schema describes the value for editors (vanban schema): a JSON Schema
	// with a Vietnamese description. The decoder's field lists are the one
	// source of the input's names, so the schema cannot drift from them.
	schema func() map[string]any
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// mapping decodes n as a mapping with the given fields. Unknown keys are
// errors with a did-you-mean; missing required fields are errors at n.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) bool {
	_, ok := d.decodeMapping(n, path, fields, false)
	return ok
}

// keysOf decodes n as mapping does and returns the key nodes it read, by
// name; a field that a misspelt key was taken for maps to nil (its absence
// is already reported by the did-you-mean).
func (d *decoder) keysOf(n *yaml.Node, path string, fields []field) (map[string]*yaml.Node, bool) {
	return d.decodeMapping(n, path, fields, true)
}

func (d *decoder) decodeMapping(n *yaml.Node, path string, fields []field, wantKeys bool) (map[string]*yaml.Node, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "yaml-type", "cần một ánh xạ (các cặp khóa: giá trị), nhận %s", "expected a mapping (key: value pairs), got %s", kindName(n))
		return nil, false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]bool{}
	var keys map[string]*yaml.Node
	if wantKeys {
		keys = map[string]*yaml.Node{}
	}
	suggested := map[string]bool{} // a typo already reported names the field it meant
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "yaml-type", "khóa phải là một tên trường, nhận %s", "a key must be a field name, got %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, path, "yaml-duplicate-key", "trường %q được viết hai lần; chỉ giữ một", "field %q is written twice; keep one", k.Value)
			continue
		}
		idx := -1
		for j, f := range fields {
			if f.name == k.Value {
				idx = j
				break
			}
		}
		if idx < 0 {
			vi, en := fmt.Sprintf("trường %q không được hỗ trợ", k.Value), fmt.Sprintf("field %q is not supported", k.Value)
			if s := didYouMean(k.Value, names); s != "" {
				vi += fmt.Sprintf("; có phải ý bạn là %q?", s)
				en += fmt.Sprintf("; did you mean %q?", s)
				suggested[s] = true
			} else {
				vi += "; các trường hợp lệ: " + strings.Join(names, ", ")
				en += "; valid fields: " + strings.Join(names, ", ")
			}
			d.errorf(k, path, "yaml-unknown-field", "%s", "%s", localized{vi, en})
			continue
		}
		seen[k.Value] = true
		if keys != nil {
			keys[k.Value] = k
		}
		fields[idx].decode(v, join(path, k.Value))
	}
	for _, f := range fields {
		if f.required && !seen[f.name] && !suggested[f.name] {
			d.errorf(n, join(path, f.name), "yaml-required", "thiếu trường bắt buộc", "required field is missing")
		}
	}
	for name := range suggested {
		if !seen[name] && keys != nil {
			keys[name] = nil
		}
	}
	return keys, true
}

// text decodes a scalar as NFC text. Control characters other than tab and
// newline are rejected: they are invisible on the page and break DOCX.
func (d *decoder) text(n *yaml.Node, path string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "yaml-type", "cần một chuỗi văn bản, nhận %s", "expected text, got %s", kindName(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	s := strings.ReplaceAll(n.Value, "\r\n", "\n")
	if d.positions != nil && !strings.Contains(path, ".rows[") {
		d.positions[path] = d.pos(n) // table cells carry their own positions in errors
	}
	nfc := norm.NFC.String(s) // s itself, without copying, when already NFC
	if d.nfd == nil && nfc != s {
		p := d.pos(n)
		d.nfd = &p
	}
	for i, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			d.errorf(n, path, "text-control", "chứa ký tự điều khiển U+%04X ở vị trí %d; hãy xóa ký tự này", "contains the control character U+%04X at position %d; remove it", r, utf8.RuneCountInString(s[:i])+1)
			return "", false
		}
	}
	return nfc, true
}

// mark records where a value was written, for checks that point at it.
func (d *decoder) mark(n *yaml.Node, path string) {
	if d.positions != nil && !strings.Contains(path, ".rows[") {
		d.positions[path] = d.pos(n)
	}
}

// line decodes a one-line text: runs of white space (including line breaks
// of a folded YAML value) become one space.
func (d *decoder) line(n *yaml.Node, path string) string {
	s, _ := d.text(n, path)
	return strings.Join(strings.Fields(s), " ")
}

// requiredLine is line that must not be empty.
func (d *decoder) requiredLine(n *yaml.Node, path, what string) string {
	s, ok := d.text(n, path)
	s = strings.Join(strings.Fields(s), " ")
	if ok && s == "" && resolve(n).Kind == yaml.ScalarNode {
		d.errorf(n, path, "yaml-empty-value", "không được để trống: cần %s", "must not be empty: expected %s", what)
	}
	return s
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	d.mark(n, path)
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	}
	d.errorf(n, path, "yaml-type", "cần true hoặc false, nhận %s", "expected true or false, got %s", kindName(n))
	return false
}

func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	d.mark(n, path)
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str") {
		v, err := strconv.Atoi(strings.TrimSpace(n.Value))
		if err == nil && v >= lo && v <= hi {
			return v, true
		}
	}
	d.errorf(n, path, "yaml-type", "cần một số nguyên từ %d đến %d, nhận %s", "expected a whole number from %d to %d, got %s", lo, hi, kindName(n))
	return 0, false
}

// lines decodes a list of one-line texts; a single text is a list of one.
func (d *decoder) lineList(n *yaml.Node, path string) []string {
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{d.line(n, path)}
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s := d.line(c, p)
			if s == "" && resolve(c).Kind == yaml.ScalarNode {
				d.errorf(c, p, "yaml-empty-value", "mục rỗng trong danh sách", "empty item in the list")
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.errorf(n, path, "yaml-type", "cần một danh sách các dòng, nhận %s", "expected a list of lines, got %s", kindName(n))
	return nil
}
