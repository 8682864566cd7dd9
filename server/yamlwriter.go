package server

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/vanban-vn/vanban/form"
)

// lineInfo says what a line of the written YAML holds: the field path of
// its value and, for a line of a literal block (the body), which line of
// the text it is and how far the text is indented.
type lineInfo struct {
	path     string
	textLine int // 0-based line of the field's text; -1 when not a text line
	indent   int // columns before the text on a text line
	keyCol   int // the column of the line's key (1-based): where a mapping there starts
}

// Written is a draft as YAML, with what each line holds.
type Written struct {
	YAML  []byte
	lines []lineInfo // lines[i] is line i+1
}

// yamlWriter writes a draft as YAML, a line at a time, recording the field
// path of every line.
type yamlWriter struct {
	b     []byte
	lines []lineInfo
}

// mark records the path of the line just written.
func (w *yamlWriter) mark(path string) {
	end := len(w.b) - 1 // the line's '\n'
	start := bytes.LastIndexByte(w.b[:end], '\n') + 1
	line := w.b[start:end]
	col := len(line) - len(bytes.TrimLeft(line, " ")) + 1
	if bytes.HasPrefix(line[col-1:], []byte("- ")) {
		col += 2
	}
	w.lines = append(w.lines, lineInfo{path: path, textLine: -1, keyCol: col})
}

func (w *yamlWriter) indent(n int) { w.b = append(w.b, strings.Repeat("  ", n)...) }

// key writes "key:" opening a nested block.
func (w *yamlWriter) key(depth int, key, path string) {
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ":\n"...)
	w.mark(path)
}

// str writes "key: "value"" when value is not empty.
func (w *yamlWriter) str(depth int, key, value, path string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": "...)
	w.b = form.AppendYAMLQuoted(w.b, value)
	w.b = append(w.b, '\n')
	w.mark(path)
}

// number writes an integer field: plain when it is digits (as an author
// writes it), else quoted, so that the model says what is wrong with it.
func (w *yamlWriter) number(depth int, key, value, path string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	if _, err := strconv.Atoi(v); err == nil && v[0] != '0' && v[0] != '+' && v[0] != '-' && len(v) < 10 {
		w.indent(depth)
		w.b = append(w.b, key...)
		w.b = append(w.b, ": "...)
		w.b = append(w.b, v...)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.str(depth, key, v, path)
}

// decimal writes a number field (a width, a diameter): plain when it is a
// decimal number, else quoted, so that the model says what is wrong.
func (w *yamlWriter) decimal(depth int, key, value, path string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	if isDecimal(v) {
		w.indent(depth)
		w.b = append(w.b, key...)
		w.b = append(w.b, ": "...)
		w.b = append(w.b, v...)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.str(depth, key, v, path)
}

// isDecimal reports whether v is digits with at most one dot inside.
func isDecimal(v string) bool {
	dot := false
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(v)-1:
			dot = true
		default:
			return false
		}
	}
	return v != "" && len(v) < 16
}

// boolean writes "key: true" when set.
func (w *yamlWriter) boolean(depth int, key string, value bool, path string) {
	if !value {
		return
	}
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": true\n"...)
	w.mark(path)
}

// list writes a list of lines, each "- "item"", leaving out empty items;
// each line's path keeps the item's place in the page's list.
func (w *yamlWriter) list(depth int, key string, items []string, path string) {
	if len(nonEmpty(items)) == 0 {
		return
	}
	w.key(depth, key, path)
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			continue
		}
		w.indent(depth + 1)
		w.b = append(w.b, "- "...)
		w.b = form.AppendYAMLQuoted(w.b, s)
		w.b = append(w.b, '\n')
		w.mark(fmt.Sprintf("%s[%d]", path, i))
	}
}

// text writes a multi-line text (a body) as a literal block, line for line
// as typed, so that a position in it is a line and column of the editor's
// text box; a text a literal block cannot hold exactly is written quoted.
func (w *yamlWriter) text(depth int, key, value, path string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	w.indent(depth)
	w.textAfter(key+": ", depth+1, value, path)
}

// textAfter writes prefix (the rest of the line before the value) and the
// text, its block lines at depth.
func (w *yamlWriter) textAfter(prefix string, depth int, value, path string) {
	w.b = append(w.b, prefix...)
	block, ok := literalBlock(value, depth)
	if !ok {
		w.b = form.AppendYAMLQuoted(w.b, value)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.b = append(w.b, block.header...)
	w.b = append(w.b, '\n')
	w.mark(path)
	for i, line := range block.lines {
		if line != "" {
			w.indent(depth)
			w.b = append(w.b, line...)
		}
		w.b = append(w.b, '\n')
		w.lines = append(w.lines, lineInfo{path: path, textLine: i, indent: 2 * depth})
	}
}

type literal struct {
	header string
	lines  []string
}

// literalBlock is value as a YAML literal block scalar at the given depth,
// when one holds it exactly: printable characters only, no line ending in
// blanks, no line break other than LF. The result is read back to make sure.
func literalBlock(value string, depth int) (literal, bool) {
	if !utf8.ValidString(value) {
		return literal{}, false
	}
	for _, r := range value {
		switch {
		case r == '\n', r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == utf8.RuneError, r >= 0xfffe && r <= 0xffff:
			return literal{}, false
		}
	}
	lines := strings.Split(value, "\n")
	for _, l := range lines {
		if strings.TrimRight(l, " \t") != l || strings.HasPrefix(l, "\t") {
			return literal{}, false
		}
	}
	// Keep: a final line break as typed (|); strip: none (|-); trailing
	// empty lines are not kept.
	chomp := "-"
	if strings.HasSuffix(value, "\n") {
		lines = lines[:len(lines)-1]
		chomp = ""
		if len(lines) > 0 && lines[len(lines)-1] == "" {
			return literal{}, false
		}
	}
	header := "|" + chomp
	for _, l := range lines {
		if l != "" {
			if l[0] == ' ' {
				header = "|2" + chomp
			}
			break
		}
	}
	lit := literal{header: header, lines: lines}
	// Read it back: what the model will read must be what was typed.
	var b []byte
	b = append(b, "v: "...)
	b = append(b, header...)
	b = append(b, '\n')
	for _, l := range lines {
		if l != "" {
			b = append(b, strings.Repeat("  ", depth)...)
			b = append(b, l...)
		}
		b = append(b, '\n')
	}
	var back struct {
		V string `yaml:"v"`
	}
	if err := yaml.Unmarshal(b, &back); err != nil || back.V != value {
		return literal{}, false
	}
	return lit, true
}

func nonEmpty(items []string) []string {
	out := make([]string, 0, len(items))
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
