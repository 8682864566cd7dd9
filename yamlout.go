package vanban

import (
	"bytes"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// WithAppendix rewrites a document's YAML source so that appendix i holds
// a's columns and rows (as after a merge). The author's other fields and
// comments stay as written, and the result parses back to the same
// document, so a consolidated appendix can be edited and rendered again.
func WithAppendix(src []byte, i int, a *Appendix) ([]byte, error) {
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
		case IndexColumn:
			m.Content = append(m.Content, str("kind"), str("index"))
		case ScoreColumn:
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
	rows := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range a.Rows {
		row := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for c, col := range a.Columns {
			if col.Kind != IndexColumn {
				row.Content = append(row.Content, quoted(r[c].Text))
			}
		}
		rows.Content = append(rows.Content, row)
	}
	item.Content = append(item.Content, str("rows"), rows)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return resolve(m.Content[k+1])
		}
	}
	return nil
}
