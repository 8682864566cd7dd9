package form

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// Returned is one unit's returned form, as read.
type Returned struct {
	Path  string
	Unit  string // as the roster names it
	Sheet string
	Rows  vanban.Rows // in the order of the appendix's columns
	Count Count
	// Same lists other files given with exactly the same bytes: read once.
	Same []string
	// Replaced is the earlier file of the same unit this one replaced
	// (Options.Replace).
	Replaced string
}

// Options say how to merge.
type Options struct {
	Appendix  int  // which appendix, from 0
	Subtotals bool // a subtotal row after each unit's rows
	// Replace lets a later form of a unit replace an earlier one (in the
	// order given); without it two different forms from one unit are an
	// error naming both.
	Replace bool
}

// Conflict is a criterion two or more units proposed with different scores.
type Conflict struct {
	Criterion string
	Units     []string
	Scores    []string // per unit, the differing scores as "col: value; …"
}

// Report says what a merge took from where, and what to look at.
type Report struct {
	Files      []Returned // Rows dropped: counts only
	Own        int        // rows the appendix already had: the report's own, kept under OwnUnit
	OwnUnit    string
	Missing    []string // expected units that sent nothing
	Unexpected []string // units that sent a form but are not on the roster
	Conflicts  []Conflict
	Columns    []string // the form's column titles: the sums of In and Out are by these
	In, Out    Count    // In from the cells read; Out from the merged YAML read back

	scoreCols []bool
}

// Result is a merge's outcome: the document with the consolidated appendix,
// its YAML, and the report.
type Result struct {
	Doc    *vanban.Document
	YAML   []byte
	Report *Report
}

// Merge consolidates the units' returned forms into appendix opts.Appendix
// of doc (whose YAML source is src): a unit column after the index, rows
// sorted by criterion code in natural order (1.2 < 1.10 < 2.1) then by the
// roster's order of units, or with subtotals grouped by unit in that order,
// and the grand total. Rows the appendix already had are the report's own
// and are kept, under the issuing agency's name. doc is changed in place.
//
// The merged YAML is read back and its rows and score sums compared with
// what the forms' cells gave: a difference is an error and nothing is to
// be written.
func Merge(doc *vanban.Document, src []byte, forms []Returned, roster *Roster, opts Options) (*Result, error) {
	i := opts.Appendix
	if i < 0 || i >= len(doc.Appendices) {
		return nil, fileError(doc.File, "merge-appendix", fmt.Sprintf("không có phụ lục số %d để tổng hợp (văn bản có %d phụ lục)", i+1, len(doc.Appendices)), fmt.Sprintf("there is no appendix %d to consolidate into (the document has %d)", i+1, len(doc.Appendices)))
	}
	a := &doc.Appendices[i]
	if a.SubtotalColumn() >= 0 || hasColumn(a.Columns, nd30.UnitColumn) {
		return nil, fileError(doc.File, "merge-appendix", fmt.Sprintf("phụ lục đã có cột %q (đã tổng hợp); cần văn bản gốc có phụ lục biểu mẫu", nd30.UnitColumn), fmt.Sprintf("the appendix already has a %q column (it is consolidated); use the original document with the form appendix", nd30.UnitColumn))
	}
	forms, err := oneFormPerUnit(forms, opts.Replace)
	if err != nil {
		return nil, err
	}
	spec := SpecOf(a)
	report := &Report{In: newCount(len(a.Columns))}
	for _, col := range a.Columns {
		report.Columns = append(report.Columns, col.Title)
	}
	report.scoreCols = scoreColumns(a.Columns)
	own := a.Rows
	report.Own = own.Len()
	if own.Len() > 0 {
		report.OwnUnit = doc.Agency.NameInText
		if report.OwnUnit == "" {
			report.OwnUnit = doc.Agency.Name
		}
		report.In.Add(CountRows(spec.Columns, own))
	}
	total := own.Len()
	var errs vanban.ErrorList
	for _, f := range forms {
		if own.Len() > 0 && roster.same(f.Unit, report.OwnUnit) {
			// The appendix's own rows (rows, or rows_from) are this unit's:
			// its form would count them twice.
			errs = append(errs, &vanban.Error{Rule: "merge-unit-twice", File: f.Path,
				Msg:   fmt.Sprintf("đơn vị %q đã có %d dòng ngay trong phụ lục của %s (rows hoặc rows_from): biểu mẫu này sẽ tính các dòng đó hai lần — hãy bỏ tệp này, hoặc bỏ các dòng trong văn bản", f.Unit, own.Len(), doc.File),
				MsgEN: fmt.Sprintf("unit %q already has %d rows in the appendix of %s itself (rows or rows_from): this form would count them twice — leave the file out, or the rows in the document", f.Unit, own.Len(), doc.File)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, f := range forms {
		if f.Rows.Len() > 0 && f.Rows.Columns() != len(a.Columns) {
			// Forms are read with SpecOf(a): rows of another shape are a
			// caller's mistake, never to be merged into the wrong columns.
			return nil, fmt.Errorf("lỗi nội bộ: %s có %d cột, phụ lục có %d cột; không ghi gì", f.Path, f.Rows.Columns(), len(a.Columns))
		}
		report.In.Add(f.Count)
		total += f.Rows.Len()
		g := f
		g.Rows = vanban.Rows{}
		report.Files = append(report.Files, g)
	}
	if total > vanban.MaxRows {
		return nil, fileError(doc.File, "limit-rows", fmt.Sprintf("các biểu mẫu có tổng cộng %d dòng, vượt giới hạn %d dòng của một phụ lục; không ghi gì", total, vanban.MaxRows), fmt.Sprintf("the forms hold %d rows in all, over the %d-row limit of an appendix; nothing written", total, vanban.MaxRows))
	}

	// The unit column goes after the index column (or first).
	at := 0
	for at < len(a.Columns) && a.Columns[at].Kind == vanban.IndexColumn {
		at++
	}
	cols := slices.Insert(slices.Clone(a.Columns), at, vanban.Column{Title: nd30.UnitColumn, Kind: vanban.TextColumn, Width: nd30.UnitColumnWidth})
	crit := -1 // the criterion column: the first text column after the unit
	for c := at + 1; c < len(cols); c++ {
		if cols[c].Kind == vanban.TextColumn {
			crit = c
			break
		}
	}
	// Each unit's place: its first in the roster (a list of recipients may
	// name a unit twice), then units in the order they first appear, each
	// with a place of its own, so that no two units' rows interleave.
	rank := map[string]int{}
	next := 0
	for _, name := range roster.Names() {
		if k := vanban.TitleKey(name); !hasKey(rank, k) {
			rank[k] = next
			next++
		}
	}
	rankOf := func(unit string) int {
		k := vanban.TitleKey(unit)
		if r, ok := rank[k]; ok {
			return r
		}
		rank[k] = next
		next++
		return rank[k]
	}
	// Every row read, as its source's rows and its index there: sorted as
	// references, copied once into the consolidated Rows.
	type source struct {
		unit string
		rank int
		rows vanban.Rows
	}
	type ref struct{ src, row int }
	var sources []source
	refs := make([]ref, 0, total)
	ranks := make(map[string]int)
	add := func(unit string, rs vanban.Rows) {
		ranks[unit] = rankOf(unit)
		sources = append(sources, source{unit, ranks[unit], rs})
		for r := range rs.Len() {
			refs = append(refs, ref{len(sources) - 1, r})
		}
	}
	if own.Len() > 0 {
		add(report.OwnUnit, own)
	}
	for _, f := range forms {
		add(f.Unit, f.Rows)
		if roster.index(f.Unit) < 0 {
			report.Unexpected = append(report.Unexpected, f.Unit)
		}
	}
	// The criterion column of the source rows, which lack the unit column.
	key := func(x ref) string {
		if crit < 0 {
			return ""
		}
		return sources[x.src].rows.Text(x.row, crit-1)
	}
	vi := collate.New(language.Vietnamese, collate.IgnoreCase)
	slices.SortStableFunc(refs, func(x, y ref) int {
		ux, uy := sources[x.src].rank, sources[y.src].rank
		if opts.Subtotals && ux != uy {
			return ux - uy
		}
		if c := compareCriteria(vi, key(x), key(y)); c != 0 {
			return c
		}
		return ux - uy
	})
	merged := vanban.NewRowsBuilder(len(cols))
	row := make([]vanban.Cell, 0, len(cols))
	for _, x := range refs {
		s := sources[x.src]
		row = s.rows.AppendRow(row[:0], x.row)
		row = slices.Insert(row, at, vanban.Cell{Text: s.unit})
		if err := merged.Append(row); err != nil {
			return nil, fileError(doc.File, "limit-size", "không tổng hợp được: "+err.Error(), "cannot consolidate: "+err.Error())
		}
	}
	a.Columns, a.Rows, a.BlankRows, a.RowsFrom = cols, merged.Rows(), 0, ""
	if opts.Subtotals {
		a.SubtotalsBy = nd30.UnitColumn
	}
	if _, err := nd30.ColumnWidths(a.ColumnSpecs(), a.Landscape); err != nil {
		// The unit column did not fit: take its room from the text columns.
		a.Columns[at].Width = 0
		if _, err := nd30.ColumnWidths(a.ColumnSpecs(), a.Landscape); err != nil {
			return nil, fileError(doc.File, "table-width", "phụ lục tổng hợp không vừa trang: "+err.Error(), "the consolidated appendix does not fit the page: "+err.Error())
		}
	}
	for _, name := range roster.Names() {
		if _, sent := ranks[name]; !sent && !sentByKey(ranks, name) {
			report.Missing = append(report.Missing, name)
		}
	}
	report.Conflicts = conflicts(a, at, crit)

	out, err := WithAppendix(src, i, a)
	if err != nil {
		return nil, fileError(doc.File, "merge-yaml", "không ghi được YAML tổng hợp: "+errText(err), "cannot write the consolidated YAML: "+errText(err))
	}
	if len(out) > vanban.MaxInputBytes {
		return nil, fileError(doc.File, "limit-size", fmt.Sprintf("YAML tổng hợp sẽ lớn %d MB, vượt giới hạn %d MB mà vanban render đọc được; không ghi gì (hãy tổng hợp từng nhóm đơn vị)", len(out)>>20, vanban.MaxInputBytes>>20), fmt.Sprintf("the consolidated YAML would be %d MB, over the %d MB that vanban render reads; nothing written (consolidate groups of units)", len(out)>>20, vanban.MaxInputBytes>>20))
	}
	// The accounting: what the cells gave must be what the YAML holds.
	back, err := vanban.Parse(doc.File, out)
	if err != nil {
		return nil, fmt.Errorf("lỗi nội bộ: YAML tổng hợp không đọc lại được: %w", err)
	}
	ba := back.Appendices[i]
	report.Out = newCount(len(spec.Columns))
	for r := range ba.Rows.Len() {
		report.Out.Rows++
		for c := range ba.Rows.Columns() {
			v, ok := ba.Rows.Score(r, c)
			if c == at || !ok {
				continue
			}
			j := c
			if c > at {
				j = c - 1
			}
			report.Out.Sums[j] = report.Out.Sums[j].Add(v)
		}
	}
	if msg := report.mismatch(); msg != "" {
		return nil, fmt.Errorf("lỗi nội bộ, không ghi gì: %s", msg)
	}
	return &Result{Doc: doc, YAML: out, Report: report}, nil
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func sentByKey(ranks map[string]int, name string) bool {
	key := vanban.TitleKey(name)
	for u := range ranks {
		if vanban.TitleKey(u) == key {
			return true
		}
	}
	return false
}

// mismatch describes a difference between what was read and what was
// written, or is "".
func (r *Report) mismatch() string {
	if r.In.Rows != r.Out.Rows {
		return fmt.Sprintf("đọc được %d dòng nhưng YAML tổng hợp có %d dòng", r.In.Rows, r.Out.Rows)
	}
	for j := range r.In.Sums {
		if r.In.Sums[j].Cmp(r.Out.Sums[j]) != 0 {
			return fmt.Sprintf("cột thứ %d: tổng đọc được %s, tổng ghi ra %s", j+1, r.In.Sums[j], r.Out.Sums[j])
		}
	}
	return ""
}

// oneFormPerUnit keeps one form per unit: two different forms from one unit
// are an error naming both, unless replace lets the later win.
func oneFormPerUnit(forms []Returned, replace bool) ([]Returned, error) {
	byUnit := map[string]int{}
	var out []Returned
	var errs vanban.ErrorList
	for _, f := range forms {
		k := vanban.TitleKey(f.Unit)
		prev, seen := byUnit[k]
		switch {
		case !seen:
			byUnit[k] = len(out)
			out = append(out, f)
		case replace:
			f.Replaced = out[prev].Path
			out[prev] = f
		default:
			errs = append(errs, &vanban.Error{Rule: "merge-unit-twice", File: f.Path,
				Msg:   fmt.Sprintf("đơn vị %q đã gửi một biểu mẫu khác: %s; không biết tệp nào đúng — hãy bỏ một tệp, hoặc dùng --replace để tệp đứng sau thay tệp đứng trước", f.Unit, out[prev].Path),
				MsgEN: fmt.Sprintf("unit %q already sent another form: %s; which one is right is unclear — leave one out, or use --replace to let the later file replace the earlier", f.Unit, out[prev].Path)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func hasColumn(cols []vanban.Column, title string) bool {
	for _, c := range cols {
		if vanban.TitleKey(c.Title) == vanban.TitleKey(title) {
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
	return vanban.TitleKey(text)
}

// conflicts finds criteria proposed by two or more units with different
// scores; both rows stay in the appendix.
func conflicts(a *vanban.Appendix, unitCol, crit int) []Conflict {
	if crit < 0 {
		return nil
	}
	type entry struct {
		unit   string
		scores string
	}
	byCrit := map[string][]entry{}
	var order []string
	for r := range a.Rows.Len() {
		id := criterionID(a.Rows.Text(r, crit))
		if id == "" {
			continue
		}
		var parts []string
		for c, col := range a.Columns {
			if text := a.Rows.Text(r, c); col.Kind == vanban.ScoreColumn && text != "" {
				parts = append(parts, col.Title+": "+text)
			}
		}
		if _, seen := byCrit[id]; !seen {
			order = append(order, id)
		}
		byCrit[id] = append(byCrit[id], entry{a.Rows.Text(r, unitCol), strings.Join(parts, "; ")})
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

// Realign returns a's rows in the order of cols, matching columns by title;
// a column of cols that a lacks (other than the index) or a column of a that
// cols lacks is an error naming it, in both languages.
func Realign(a vanban.Appendix, cols []vanban.Column) (vanban.Rows, *vanban.Error) {
	from := make([]int, len(cols))
	var missing []string
	for j, c := range cols {
		from[j] = -1
		for k, ac := range a.Columns {
			if vanban.TitleKey(ac.Title) == vanban.TitleKey(c.Title) {
				from[j] = k
			}
		}
		if from[j] < 0 && c.Kind != vanban.IndexColumn {
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
		return vanban.Rows{}, &vanban.Error{Rule: "table-form", Msg: "phụ lục thiếu các cột: " + quoteList(missing), MsgEN: "the appendix lacks the columns: " + quoteList(missing)}
	case len(extra) > 0:
		return vanban.Rows{}, &vanban.Error{Rule: "table-form", Msg: "phụ lục có cột không thuộc biểu mẫu: " + quoteList(extra), MsgEN: "the appendix has columns that are not in the form: " + quoteList(extra)}
	}
	// A column is read as the form has it: a score column must be one here
	// too, and its scores within the form's maximum.
	for j, c := range cols {
		if from[j] < 0 || (c.Kind == vanban.ScoreColumn) == (a.Columns[from[j]].Kind == vanban.ScoreColumn) {
			continue
		}
		if c.Kind == vanban.ScoreColumn {
			return vanban.Rows{}, &vanban.Error{Rule: "table-form", Msg: fmt.Sprintf("cột %q là cột điểm trong biểu mẫu nhưng không phải trong phụ lục này", c.Title), MsgEN: fmt.Sprintf("column %q is a score column in the form but not in this appendix", c.Title)}
		}
		return vanban.Rows{}, &vanban.Error{Rule: "table-form", Msg: fmt.Sprintf("cột %q là cột điểm trong phụ lục này nhưng không phải trong biểu mẫu", c.Title), MsgEN: fmt.Sprintf("column %q is a score column in this appendix but not in the form", c.Title)}
	}
	rows := vanban.NewRowsBuilder(len(cols))
	row := make([]vanban.Cell, len(cols))
	for r := range a.Rows.Len() {
		clear(row)
		for j := range cols {
			if from[j] >= 0 && cols[j].Kind != vanban.IndexColumn {
				row[j] = a.Rows.Cell(r, from[j])
				if s := row[j].Score; s != nil {
					if bad := nd30.CheckScore(*s, cols[j].Max); bad != nil {
						return vanban.Rows{}, &vanban.Error{Rule: "table-score",
							Msg:   fmt.Sprintf("dòng %d, cột %q: %s", r+1, cols[j].Title, bad.Vi),
							MsgEN: fmt.Sprintf("row %d, column %q: %s", r+1, cols[j].Title, bad.En)}
					}
				}
			}
		}
		if err := rows.Append(row); err != nil {
			return vanban.Rows{}, &vanban.Error{Rule: "limit-size", Msg: err.Error(), MsgEN: err.Error()}
		}
	}
	return rows.Rows(), nil
}
