package vanban

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// UnitColumn is the title of the column a consolidated appendix gains: the
// unit each row came from.
const UnitColumn = "Đơn vị"

// Returned is one unit's returned form: its rows, in the order of the
// appendix's columns.
type Returned struct {
	Path string
	Unit string
	Rows [][]Cell
}

// Conflict is a criterion two or more units proposed with different scores.
type Conflict struct {
	Criterion string
	Units     []string
	Scores    []string // per unit, the differing scores as "col: value; …"
}

// MergeReport says what a merge took from where, and what to look at.
type MergeReport struct {
	Files     []Returned // with Rows as taken
	Missing   []string   // expected units that sent nothing
	Conflicts []Conflict
	RowsIn    int
	RowsOut   int
}

// Merge consolidates the units' returned rows into appendix i of doc: a
// unit column after the index, rows sorted by criterion code in natural
// order (1.2 < 1.10 < 2.1) then unit, optional subtotals per unit, and the
// grand total. expected lists the units that should have answered. doc is
// changed in place.
func Merge(doc *Document, i int, returned []Returned, expected []string, subtotals bool) (*MergeReport, error) {
	if i < 0 || i >= len(doc.Appendices) {
		return nil, fmt.Errorf("%s: không có phụ lục số %d để tổng hợp", doc.File, i+1)
	}
	a := &doc.Appendices[i]
	if a.SubtotalColumn() >= 0 || hasColumn(a.Columns, UnitColumn) {
		return nil, fmt.Errorf("%s: phụ lục đã có cột %q; cần văn bản gốc có phụ lục biểu mẫu", doc.File, UnitColumn)
	}
	// The unit column goes after the index column (or first).
	at := 0
	for at < len(a.Columns) && a.Columns[at].Kind == IndexColumn {
		at++
	}
	cols := slices.Insert(slices.Clone(a.Columns), at, Column{Title: UnitColumn, Kind: TextColumn, Width: 35})
	crit := -1 // the criterion column: the first text column after the unit
	for c := at + 1; c < len(cols); c++ {
		if cols[c].Kind == TextColumn {
			crit = c
			break
		}
	}
	report := &MergeReport{}
	var rows [][]Cell
	for _, r := range returned {
		report.Files = append(report.Files, r)
		report.RowsIn += len(r.Rows)
		for _, cells := range r.Rows {
			row := slices.Insert(slices.Clone(cells), at, Cell{Text: r.Unit})
			rows = append(rows, row)
		}
	}
	key := func(row []Cell) string {
		if crit < 0 {
			return ""
		}
		return row[crit].Text
	}
	vi := collate.New(language.Vietnamese, collate.IgnoreCase)
	slices.SortStableFunc(rows, func(x, y []Cell) int {
		if subtotals {
			if c := vi.CompareString(x[at].Text, y[at].Text); c != 0 {
				return c
			}
		}
		if c := compareCriteria(vi, key(x), key(y)); c != 0 {
			return c
		}
		return vi.CompareString(x[at].Text, y[at].Text)
	})
	a.Columns, a.Rows, a.BlankRows = cols, rows, 0
	if subtotals {
		a.SubtotalsBy = UnitColumn
	}
	if _, err := a.ColumnWidths(); err != nil {
		// The unit column did not fit: take its room from the text columns.
		a.Columns[at].Width = 0
		if _, err := a.ColumnWidths(); err != nil {
			return nil, fmt.Errorf("%s: phụ lục tổng hợp không vừa trang: %w", doc.File, err)
		}
	}
	report.RowsOut = len(rows)
	report.Missing = missingUnits(expected, returned)
	report.Conflicts = conflicts(a, at, crit)
	return report, nil
}

func hasColumn(cols []Column, title string) bool {
	for _, c := range cols {
		if matchKey(c.Title) == matchKey(title) {
			return true
		}
	}
	return false
}

var criterionCode = regexp.MustCompile(`^\s*(\d+(?:\.\d+)*)\.?(?:\s|$)`)

// compareCriteria orders criteria by their leading code in natural order
// (1.2 < 1.10 < 2.1); criteria without a code come after, in Vietnamese
// alphabetical order.
func compareCriteria(vi *collate.Collator, x, y string) int {
	cx, cy := criterionCode.FindStringSubmatch(x), criterionCode.FindStringSubmatch(y)
	switch {
	case cx != nil && cy != nil:
		px, py := strings.Split(cx[1], "."), strings.Split(cy[1], ".")
		for k := 0; k < len(px) && k < len(py); k++ {
			nx, _ := strconv.Atoi(px[k])
			ny, _ := strconv.Atoi(py[k])
			if nx != ny {
				return nx - ny
			}
		}
		if len(px) != len(py) {
			return len(px) - len(py)
		}
	case cx != nil:
		return -1
	case cy != nil:
		return 1
	}
	return vi.CompareString(x, y)
}

// criterionID is what makes two rows the same criterion: its code, or its
// whole text when it has none.
func criterionID(text string) string {
	if m := criterionCode.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return matchKey(text)
}

func missingUnits(expected []string, returned []Returned) []string {
	sent := map[string]bool{}
	for _, r := range returned {
		sent[matchKey(r.Unit)] = true
	}
	var missing []string
	for _, e := range expected {
		if !sent[matchKey(e)] {
			missing = append(missing, e)
		}
	}
	return missing
}

// conflicts finds criteria proposed by two or more units with different
// scores; both rows stay in the appendix.
func conflicts(a *Appendix, unitCol, crit int) []Conflict {
	if crit < 0 {
		return nil
	}
	type entry struct {
		unit   string
		scores string
	}
	byCrit := map[string][]entry{}
	var order []string
	for _, row := range a.Rows {
		id := criterionID(row[crit].Text)
		if id == "" {
			continue
		}
		var parts []string
		for c, col := range a.Columns {
			if col.Kind == ScoreColumn && row[c].Text != "" {
				parts = append(parts, col.Title+": "+row[c].Text)
			}
		}
		if _, seen := byCrit[id]; !seen {
			order = append(order, id)
		}
		byCrit[id] = append(byCrit[id], entry{row[unitCol].Text, strings.Join(parts, "; ")})
	}
	var out []Conflict
	for _, id := range order {
		es := byCrit[id]
		differ := false
		for _, e := range es[1:] {
			differ = differ || e.scores != es[0].scores
		}
		if len(es) < 2 || !differ {
			continue
		}
		c := Conflict{Criterion: id}
		for _, e := range es {
			c.Units = append(c.Units, e.unit)
			c.Scores = append(c.Scores, e.scores)
		}
		out = append(out, c)
	}
	return out
}

// UnitFromFile is the unit a file stands for when nothing names it: its
// base name without extension.
func UnitFromFile(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// Realign returns a's rows in the order of cols, matching columns by title;
// a column of cols that a lacks (other than the index) or a column of a that
// cols lacks is an error naming it.
func Realign(a Appendix, cols []Column) ([][]Cell, error) {
	from := make([]int, len(cols))
	var missing []string
	for j, c := range cols {
		from[j] = -1
		for k, ac := range a.Columns {
			if matchKey(ac.Title) == matchKey(c.Title) {
				from[j] = k
			}
		}
		if from[j] < 0 && c.Kind != IndexColumn {
			missing = append(missing, c.Title)
		}
	}
	var extra []string
	for _, ac := range a.Columns {
		if !hasColumn(cols, ac.Title) {
			extra = append(extra, ac.Title)
		}
	}
	switch {
	case len(missing) > 0:
		return nil, fmt.Errorf("phụ lục thiếu các cột: %s", quoteList(missing))
	case len(extra) > 0:
		return nil, fmt.Errorf("phụ lục có cột không thuộc biểu mẫu: %s", quoteList(extra))
	}
	rows := make([][]Cell, len(a.Rows))
	for i, r := range a.Rows {
		row := make([]Cell, len(cols))
		for j := range cols {
			if from[j] >= 0 && cols[j].Kind != IndexColumn {
				row[j] = r[from[j]]
			}
		}
		rows[i] = row
	}
	return rows, nil
}
