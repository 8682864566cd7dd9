package vanban

import (
	"bytes"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// A long appendix is most of a document, and yaml.v3 builds a node for every
// value before the decoder sees any: 100,000 rows of six cells were 150 MB of
// nodes, live at once, in a file of 8.5 MB. So the rows of a long block
// sequence are cut out of the source before the document is parsed, and
// parsed later in slices of rowChunk rows, each decoded and dropped before the
// next: the decoder holds the rows it made and one slice of nodes.
//
// Only the plain, common shape is cut: a `rows:` key alone on its line,
// followed by a block sequence whose items start with "- " at one
// indentation. Every line cut is left as an empty line, so that lines and
// columns everywhere in the file stay what they were, and each slice is
// parsed behind as many empty lines as precede it, so its nodes carry the
// file's own line numbers. Anything unusual — a slice that does not parse on
// its own (an alias to an anchor elsewhere), a document that does not parse
// without the rows, more rows than the limit, a line separator YAML counts
// and editors do not — and the whole file is parsed the ordinary way, so
// the result and every error are those of a plain parse.
const (
	rowsCutMin = 2_000 // fewer rows are parsed with the document
	rowChunk   = 1_000
)

// rowBlock is a block of rows cut out of the source.
type rowBlock struct {
	marker    string   // the placeholder value left after `rows:`
	firstLine int      // the 1-based line of the first item
	items     [][]byte // each item's lines, as written
}

// rowsMarker starts the placeholder; no input holds it (it is a private-use
// character the decoder refuses elsewhere only by not knowing it).
const rowsMarker = "\uE000vanban-rows-"

// cutRows returns src with long row blocks replaced by placeholders, and the
// blocks; it returns nil blocks when nothing was cut.
func cutRows(src []byte) ([]byte, []rowBlock) {
	if bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) || bytes.Contains(src, []byte("\u0085")) ||
		bytes.Contains(src, []byte(rowsMarker)) || bytes.Contains(src, []byte("\r")) {
		return src, nil
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var blocks []rowBlock
	out := make([]byte, 0, len(src))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		indent, rest := indentOf(line)
		if !bytes.Equal(bytes.TrimRight(rest, " \n"), []byte("rows:")) {
			out = append(out, line...)
			continue
		}
		// The items: "- " at one indentation (not less than the key's),
		// their continuation lines deeper, blank lines and comments between.
		item := -1
		var items [][]byte
		end := i + 1
		for ; end < len(lines); end++ {
			in, r := indentOf(lines[end])
			blank := len(bytes.TrimSpace(r)) == 0
			switch {
			case blank && len(items) > 0:
				items[len(items)-1] = append(items[len(items)-1], lines[end]...)
				continue
			case blank:
				continue
			case bytes.HasPrefix(r, []byte("#")) && len(items) > 0 && in >= item:
				items[len(items)-1] = append(items[len(items)-1], lines[end]...)
				continue
			}
			if item < 0 && in >= indent && bytes.HasPrefix(r, []byte("- ")) {
				item = in
			}
			if in == item && bytes.HasPrefix(r, []byte("- ")) {
				items = append(items, append([]byte(nil), lines[end]...))
				continue
			}
			if item >= 0 && in > item {
				items[len(items)-1] = append(items[len(items)-1], lines[end]...)
				continue
			}
			break
		}
		if len(items) < rowsCutMin || len(items) > MaxRows {
			out = append(out, line...)
			continue
		}
		b := rowBlock{marker: rowsMarker + strconv.Itoa(len(blocks)), firstLine: firstItemLine(lines, i+1), items: items}
		blocks = append(blocks, b)
		out = append(out, line[:len(line)-len(rest)]...)
		out = append(out, "rows: \""...)
		out = append(out, b.marker...)
		out = append(out, "\"\n"...)
		for k := i + 1; k < end; k++ {
			out = append(out, '\n')
		}
		i = end - 1
	}
	if len(blocks) == 0 {
		return src, nil
	}
	return out, blocks
}

func firstItemLine(lines [][]byte, from int) int {
	for k := from; k < len(lines); k++ {
		if len(bytes.TrimSpace(lines[k])) > 0 {
			return k + 1
		}
	}
	return from + 1
}

// indentOf splits a line into its indentation (spaces) and the rest.
func indentOf(line []byte) (int, []byte) {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n, line[n:]
}

// block returns the index of the cut block a rows value stands for, or -1.
func (d *decoder) block(n *yaml.Node) int {
	if n.Kind != yaml.ScalarNode || len(n.Value) <= len(rowsMarker) || n.Value[:len(rowsMarker)] != rowsMarker {
		return -1
	}
	for i := range d.blocks {
		if d.blocks[i].marker == n.Value {
			return i
		}
	}
	return -1
}

// chunks yields the block's items as sequence nodes of at most rowChunk
// items, with the file's line numbers, and the index of each slice's first
// row. It reports false when a slice does not parse on its own or expands
// too far; the caller then parses the file whole.
func (b *rowBlock) chunks(yield func(seq *yaml.Node, first int) bool) (ok bool) {
	line := b.firstLine
	for start := 0; start < len(b.items); start += rowChunk {
		end := min(start+rowChunk, len(b.items))
		var src []byte
		src = append(src, bytes.Repeat([]byte("\n"), line-1)...)
		for _, it := range b.items[start:end] {
			src = append(src, it...)
			line += bytes.Count(it, []byte("\n"))
		}
		var root yaml.Node
		if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode ||
			len(root.Content[0].Content) != end-start || expandedSize(root.Content[0], map[*yaml.Node]int{}) > maxNodes {
			return false
		}
		if !yield(root.Content[0], start) {
			return true
		}
	}
	return true
}
