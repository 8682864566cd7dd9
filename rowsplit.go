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
// indentation. The nodes of the document without its rows, and those of
// each slice, are given back the line numbers they have in the file
// (shiftLines, moveLines). Anything unusual — a slice that does not parse on
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
	marker    string // the placeholder value left after `rows:`
	cutLine   int    // the line of `rows:` in the document without the rows
	cutLines  int    // the number of lines cut after it
	firstLine int    // the 1-based line of the first item
	text      []byte // the items' lines, as written: a slice of the source
	starts    []int  // where each item starts in text, and len(text) last
}

// items is the number of rows in the block.
func (b *rowBlock) items() int { return len(b.starts) - 1 }

// rowsMarker starts the placeholder; no input holds it (it is a private-use
// character the decoder refuses elsewhere only by not knowing it).
const rowsMarker = "\uE000vanban-rows-"

// cutRows returns src with long row blocks replaced by placeholders, and the
// blocks, which share src's bytes; it returns nil blocks when nothing was
// cut. The lines cut are left out, not left empty: 100,000 empty lines were
// as many bytes as the rows, live while the rest was parsed.
func cutRows(src []byte) ([]byte, []rowBlock) {
	if bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) || bytes.Contains(src, []byte("\u0085")) ||
		bytes.Contains(src, []byte(rowsMarker)) || bytes.Contains(src, []byte("\r")) {
		return src, nil
	}
	// lineEnd is where the line starting at offset at ends, after its "\n".
	lineEnd := func(at int) int {
		if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
			return at + i + 1
		}
		return len(src)
	}
	var blocks []rowBlock
	var out []byte
	copied := 0 // src[:copied] is in out, or stands for a cut block there
	lineNo := 0
	cut := 0 // lines left out so far
	for at := 0; at < len(src); {
		next := lineEnd(at)
		lineNo++
		indent, rest := indentOf(src[at:next])
		if !bytes.Equal(bytes.TrimRight(rest, " \n"), []byte("rows:")) {
			at = next
			continue
		}
		// The items: "- " at one indentation (not less than the key's),
		// their continuation lines deeper, blank lines and comments between.
		item := -1
		var starts []int
		firstLine := 0
		blockEnd, endLine := next, lineNo // after the last line that belongs to the block
		for k, n := next, lineNo+1; k < len(src); k, n = lineEnd(k), n+1 {
			in, r := indentOf(src[k:lineEnd(k)])
			blank := len(bytes.TrimSpace(r)) == 0
			switch {
			case blank && len(starts) > 0, bytes.HasPrefix(r, []byte("#")) && len(starts) > 0 && in >= item:
				blockEnd, endLine = lineEnd(k), n
				continue
			case blank:
				continue
			}
			if item < 0 && in >= indent && bytes.HasPrefix(r, []byte("- ")) {
				item, firstLine = in, n
			}
			isItem := in == item && bytes.HasPrefix(r, []byte("- "))
			if !isItem && (item < 0 || in <= item) { // neither an item nor inside one
				break
			}
			if isItem {
				starts = append(starts, k)
			}
			blockEnd, endLine = lineEnd(k), n
		}
		if len(starts) < rowsCutMin || len(starts) > MaxRows {
			at = next
			continue
		}
		first := starts[0]
		for i := range starts {
			starts[i] -= first
		}
		starts = append(starts, blockEnd-first)
		b := rowBlock{marker: rowsMarker + strconv.Itoa(len(blocks)), cutLine: lineNo - cut, cutLines: endLine - lineNo,
			firstLine: firstLine, text: src[first:blockEnd:blockEnd], starts: starts}
		blocks = append(blocks, b)
		out = append(out, src[copied:at+indent]...)
		out = append(out, "rows: \""...)
		out = append(out, b.marker...)
		out = append(out, "\"\n"...)
		cut += b.cutLines
		copied, at, lineNo = blockEnd, blockEnd, endLine
	}
	if len(blocks) == 0 {
		return src, nil
	}
	return append(out, src[copied:]...), blocks
}

// indentOf splits a line into its indentation (spaces) and the rest.
func indentOf(line []byte) (int, []byte) {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n, line[n:]
}

// shiftLines gives the nodes of the document without its rows the lines
// they have in the file: a node below a cut block moves down by the lines
// cut there. An alias's target is in the tree too and moves once, there.
func shiftLines(n *yaml.Node, blocks []rowBlock) {
	shift := 0
	for _, b := range blocks {
		if n.Line > b.cutLine {
			shift += b.cutLines
		}
	}
	n.Line += shift
	for _, c := range n.Content {
		shiftLines(c, blocks)
	}
}

// moveLines moves n and the nodes under it down by lines: a slice parsed on
// its own gets its lines in the file. It returns their number and whether
// an alias is among them (whose expansion expandedSize then counts). An
// alias's target is a node of the same slice, moved where the tree holds it.
func moveLines(n *yaml.Node, lines int) (nodes int, aliases bool) {
	n.Line += lines
	nodes = 1
	aliases = n.Kind == yaml.AliasNode
	for _, c := range n.Content {
		k, a := moveLines(c, lines)
		nodes, aliases = nodes+k, aliases || a
	}
	return nodes, aliases
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
// row. It reports false when a slice does not parse on its own, holds an
// alias, or takes the nodes of the whole file past budget (what is left of
// maxNodes, counted across every block); the caller then parses the file
// whole, which checks the aliases' expansion and the nodes of the file at
// once.
func (b *rowBlock) chunks(budget *int, yield func(seq *yaml.Node, first int) bool) (ok bool) {
	line := b.firstLine
	for start := 0; start < b.items(); start += rowChunk {
		end := min(start+rowChunk, b.items())
		text := b.text[b.starts[start]:b.starts[end]]
		var root yaml.Node
		if err := yaml.Unmarshal(text, &root); err != nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode ||
			len(root.Content[0].Content) != end-start {
			return false
		}
		size, aliases := moveLines(root.Content[0], line-1)
		if *budget -= size; aliases || *budget < 0 {
			return false
		}
		line += bytes.Count(text, []byte("\n"))
		if !yield(root.Content[0], start) {
			return true
		}
	}
	return true
}
