package vanban

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/vanban-vn/vanban/nd30"
)

// Rows are the filled rows of an appendix, one cell per column, held
// compactly: every cell's text one after another in one string, an end
// offset per cell and a bit per cell that marks a score, kept as its text
// (Decimal.String) and parsed when it is read. As a slice of []Cell a row
// of six short cells cost ~300 bytes (a slice, six strings, three decimals
// each allocated on its own); here it is its text and 4 bytes a cell, so a
// 100,000-row appendix holds ~8 MB instead of ~30 MB while it is written.
//
// Rows are immutable and may be copied; a RowsBuilder makes them. The zero
// value has no rows and no columns.
type Rows struct {
	cols   int
	text   string
	ends   []uint32 // ends[r*cols+c]: where cell (r, c)'s text ends in text
	scores []uint64 // bit r*cols+c: cell (r, c) is a score
}

// Len is the number of rows.
func (rs Rows) Len() int {
	if rs.cols == 0 {
		return 0
	}
	return len(rs.ends) / rs.cols
}

// Columns is the number of cells in each row; 0 for Rows never built.
func (rs Rows) Columns() int { return rs.cols }

// Text is cell (r, c)'s text.
func (rs Rows) Text(r, c int) string {
	i := rs.index(r, c)
	start := uint32(0)
	if i > 0 {
		start = rs.ends[i-1]
	}
	return rs.text[start:rs.ends[i]]
}

// Score is cell (r, c)'s value; ok is false for a cell that holds no score.
func (rs Rows) Score(r, c int) (v nd30.Decimal, ok bool) {
	i := rs.index(r, c)
	if rs.scores[i/64]&(1<<(i%64)) == 0 {
		return nd30.Decimal{}, false
	}
	v, err := nd30.ParseDecimal(rs.Text(r, c))
	return v, err == nil // the builder stored only what parses back
}

// Cell is cell (r, c).
func (rs Rows) Cell(r, c int) Cell {
	cell := Cell{Text: rs.Text(r, c)}
	if v, ok := rs.Score(r, c); ok {
		cell.Score = &v
	}
	return cell
}

// Row returns row r as a new slice of cells.
func (rs Rows) Row(r int) []Cell { return rs.AppendRow(make([]Cell, 0, rs.cols), r) }

// AppendRow appends row r's cells to dst.
func (rs Rows) AppendRow(dst []Cell, r int) []Cell {
	for c := range rs.cols {
		dst = append(dst, rs.Cell(r, c))
	}
	return dst
}

// All yields every row's index and cells; each row is a new slice.
func (rs Rows) All() iter.Seq2[int, []Cell] {
	return func(yield func(int, []Cell) bool) {
		for r := range rs.Len() {
			if !yield(r, rs.Row(r)) {
				return
			}
		}
	}
}

func (rs Rows) index(r, c int) int {
	if c < 0 || c >= rs.cols || r < 0 || r >= rs.Len() {
		panic(fmt.Sprintf("vanban: cell (%d, %d) outside %d rows of %d cells", r, c, rs.Len(), rs.cols))
	}
	return r*rs.cols + c
}

// RowsOf builds Rows of cols cells a row from rows (tests, small tables).
func RowsOf(cols int, rows [][]Cell) (Rows, error) {
	b := NewRowsBuilder(cols)
	for _, row := range rows {
		if err := b.Append(row); err != nil {
			return Rows{}, err
		}
	}
	return b.Rows(), nil
}

// A RowsBuilder makes Rows a row at a time. It must not be copied.
type RowsBuilder struct {
	cols   int
	text   strings.Builder // its String shares the bytes, never rewrites them
	ends   []uint32
	scores []uint64
}

// NewRowsBuilder starts Rows of cols cells a row.
func NewRowsBuilder(cols int) *RowsBuilder { return &RowsBuilder{cols: cols} }

// Len is the number of rows appended.
func (b *RowsBuilder) Len() int { return len(b.ends) / max(b.cols, 1) }

// Append adds a row of exactly the builder's number of cells. A score
// cell's text must be its value's Decimal.String, as the decoder and the
// form readers write it, and must read back (nd30.ParseDecimal) as the same
// value: a sum past ParseDecimal's limits is refused here rather than read
// back later as no score.
func (b *RowsBuilder) Append(row []Cell) error {
	if len(row) != b.cols {
		return fmt.Errorf("vanban: a row of %d cells in a table of %d columns", len(row), b.cols)
	}
	size := 0
	for _, c := range row {
		size += len(c.Text)
		if c.Score == nil {
			continue
		}
		if v, err := nd30.ParseDecimal(c.Text); err != nil || c.Score.String() != c.Text || v.Cmp(*c.Score) != 0 {
			return fmt.Errorf("vanban: score cell %q holds %s, which does not read back from its text", c.Text, c.Score)
		}
	}
	if b.text.Len()+size > math.MaxUint32 {
		return fmt.Errorf("vanban: the table's text passes 4 GiB")
	}
	for _, c := range row {
		b.text.WriteString(c.Text)
		i := len(b.ends)
		b.ends = append(b.ends, uint32(b.text.Len()))
		if i/64 >= len(b.scores) {
			b.scores = append(b.scores, 0)
		}
		if c.Score != nil {
			b.scores[i/64] |= 1 << (i % 64)
		}
	}
	return nil
}

// Rows returns the rows appended so far; appending more does not change
// them.
func (b *RowsBuilder) Rows() Rows {
	n := len(b.ends)
	// The last word of score bits is shared with later rows: copied, so
	// that appending never writes to what the Rows read.
	return Rows{cols: b.cols, text: b.text.String(), ends: b.ends[:n:n], scores: slices.Clone(b.scores[:(n+63)/64])}
}
