package form

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	vanban "github.com/vanban-vn/vanban"
)

// WithAppendix rewrites a document's YAML source so that appendix i holds
// a's columns and rows (as after a merge). The author's other fields and
// comments stay as written, and the result parses back to the same
// document, so a consolidated appendix can be edited and rendered again.
func WithAppendix(src []byte, i int, a *vanban.Appendix) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 {
		return nil, fmt.Errorf("đọc lại YAML gốc: %v", err)
	}
	top := root.Content[0]
	apps := mapValue(top, "appendices")
	if apps == nil || apps.Kind != yaml.SequenceNode || i >= len(apps.Content) || apps.Content[i].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("YAML gốc không có phụ lục số %d", i+1)
	}
	item := apps.Content[i]
	// The rows are spliced in as block lines below, so the path down to
	// them is written in block style even where the author used flow style
	// ({…}, […]) or JSON.
	for _, n := range []*yaml.Node{top, apps, item} {
		n.Style &^= yaml.FlowStyle
	}
	// A comment after a flow list belongs, once the list is a block, after
	// its key ("appendices: # …"); the encoder would drop it otherwise.
	if key := mapKey(top, "appendices"); key != nil && apps.LineComment != "" && key.LineComment == "" {
		key.LineComment, apps.LineComment = apps.LineComment, ""
	}
	kept := item.Content[:0:0]
	for k := 0; k+1 < len(item.Content); k += 2 {
		switch item.Content[k].Value {
		case "columns", "rows", "rows_from", "blank_rows", "subtotals_by":
			continue
		}
		kept = append(kept, item.Content[k], item.Content[k+1])
	}
	item.Content = kept
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	quoted := func(s string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
	}
	cols := &yaml.Node{Kind: yaml.SequenceNode}
	for _, c := range a.Columns {
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		m.Content = append(m.Content, str("title"), quoted(c.Title))
		switch c.Kind {
		case vanban.IndexColumn:
			m.Content = append(m.Content, str("kind"), str("index"))
		case vanban.ScoreColumn:
			m.Content = append(m.Content, str("kind"), str("score"))
		}
		if c.Total {
			m.Content = append(m.Content, str("total"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		if c.Width > 0 {
			tag := "!!float"
			if c.Width == float64(int(c.Width)) {
				tag = "!!int"
			}
			m.Content = append(m.Content, str("width"), &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: strconv.FormatFloat(c.Width, 'f', -1, 64)})
		}
		if c.Max != nil {
			m.Content = append(m.Content, str("max"), quoted(c.Max.String()))
		}
		cols.Content = append(cols.Content, m)
	}
	item.Content = append(item.Content, str("columns"), cols)
	if a.SubtotalsBy != "" {
		item.Content = append(item.Content, str("subtotals_by"), quoted(a.SubtotalsBy))
	}
	// The rows are written here rather than by the encoder: yaml.v3's
	// emitter keeps every event of a document until its end, which for a
	// consolidated appendix of 10,000 rows allocated about 100 MB. The
	// encoder writes a marker in their place.
	item.Content = append(item.Content, str("rows"), str(rowsMarker))

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	at := bytes.Index(out, []byte("rows: "+rowsMarker+"\n"))
	if at < 0 || bytes.Count(out, []byte(rowsMarker)) != 1 {
		return nil, fmt.Errorf("ghi lại YAML: không tìm thấy chỗ của các dòng phụ lục")
	}
	lineStart := bytes.LastIndexByte(out[:at], '\n') + 1
	indent := out[lineStart:at]
	if len(bytes.TrimLeft(indent, " ")) != 0 {
		return nil, fmt.Errorf("ghi lại YAML: chỗ của các dòng phụ lục không ở đầu dòng")
	}
	result := make([]byte, 0, len(out)+a.Rows.Len()*(len(indent)+16)+rowsSize(a))
	result = append(result, out[:at]...)
	if a.Rows.Len() == 0 {
		result = append(result, "rows: []\n"...)
	} else {
		result = append(result, "rows:\n"...)
	}
	for r := range a.Rows.Len() {
		result = append(result, indent...)
		result = append(result, "  - ["...)
		first := true
		for c, col := range a.Columns {
			if col.Kind == vanban.IndexColumn {
				continue
			}
			if !first {
				result = append(result, ", "...)
			}
			first = false
			result = AppendYAMLQuoted(result, a.Rows.Text(r, c))
		}
		result = append(result, "]\n"...)
	}
	return append(result, out[at+len("rows: "+rowsMarker+"\n"):]...), nil
}

// rowsMarker stands where the rows go; no document holds it, and if one
// did, WithAppendix would refuse rather than write the rows there.
const rowsMarker = "vanban-rows-9c1e4b7a"

func rowsSize(a *vanban.Appendix) int {
	n := 0
	for r := range a.Rows.Len() {
		for c := range a.Rows.Columns() {
			n += len(a.Rows.Text(r, c)) + 4
		}
	}
	return n
}

// AppendYAMLQuoted appends s as a YAML double-quoted scalar (YAML 1.2
// §7.3.1): backslash and quote escaped, and every character a parser could
// take for a line break or that is not printable written as an escape.
func AppendYAMLQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1: // a byte that is not UTF-8
			b = append(b, `\uFFFD`...)
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff:
			b = append(b, fmt.Sprintf(`\u%04X`, r)...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// mapIndex returns where key's key node stands in mapping m, or -1.
func mapIndex(m *yaml.Node, key string) int {
	if m.Kind != yaml.MappingNode {
		return -1
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return k
		}
	}
	return -1
}

// mapKey returns the key node of key in mapping m, or nil.
func mapKey(m *yaml.Node, key string) *yaml.Node {
	if k := mapIndex(m, key); k >= 0 {
		return m.Content[k]
	}
	return nil
}

// mapValue returns the value of key in mapping m, aliases resolved, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if k := mapIndex(m, key); k >= 0 {
		n := m.Content[k+1]
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		return n
	}
	return nil
}
