package form

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	vanban "github.com/vanban-vn/vanban"
)

// ReadReturned reads the returned forms at paths for appendix spec, side by
// side, and names each one's unit with the roster. The same bytes given
// twice (the same file, or a copy of it) are read once and the later name
// is listed in Same; every problem in every file is reported together.
func ReadReturned(ctx context.Context, paths []string, spec Spec, roster *Roster) ([]Returned, error) {
	type job struct {
		r   *Returned
		err error
	}
	jobs := make([]job, len(paths))
	// Identical files first: hash every file (it is read anyway).
	sums := make([][32]byte, len(paths))
	var errs vanban.ErrorList
	for k, p := range paths {
		sum, err := hashFile(p)
		if err != nil {
			errs = append(errs, asList(p, err)...)
			continue
		}
		sums[k] = sum
	}
	if len(errs) > 0 {
		return nil, errs
	}
	firstOf := map[[32]byte]int{}
	for k := range paths {
		if _, dup := firstOf[sums[k]]; !dup {
			firstOf[sums[k]] = k
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for k := range next {
				if ctx.Err() != nil {
					jobs[k].err = ctx.Err()
					continue
				}
				jobs[k].r, jobs[k].err = readOne(ctx, paths[k], spec)
			}
		})
	}
	for k := range paths {
		if firstOf[sums[k]] == k {
			next <- k
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Returned
	for k, p := range paths {
		first := firstOf[sums[k]]
		if first != k {
			if jobs[first].r != nil {
				jobs[first].r.Same = append(jobs[first].r.Same, p)
			}
			continue
		}
		if jobs[k].err != nil {
			errs = append(errs, asList(p, jobs[k].err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for k := range paths {
		if r := jobs[k].r; r != nil {
			written := r.Unit // what the form itself says
			r.Unit = roster.Resolve(r.Path, written)
			// Files with the same bytes are one form read once, but only
			// for one unit: the same bytes sent as two units' forms mean
			// one unit sent the other's, and reading it once would leave
			// a unit out.
			for _, same := range r.Same {
				if unit := roster.Resolve(same, written); vanban.TitleKey(unit) != vanban.TitleKey(r.Unit) {
					errs = append(errs, fileError(same, "form-same-bytes",
						fmt.Sprintf("tệp giống hệt từng byte tệp %s nhưng là của %s, tệp kia của %s: một đơn vị đã gửi nhầm tệp của đơn vị kia; không ghi gì", r.Path, unit, r.Unit),
						fmt.Sprintf("the file has the same bytes as %s but is %s's, the other %s's: one unit sent the other's file; nothing written", r.Path, unit, r.Unit))...)
				}
			}
			out = append(out, *r)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func asList(path string, err error) vanban.ErrorList {
	var list vanban.ErrorList
	if errors.As(err, &list) {
		return list
	}
	return vanban.ErrorList{{File: path, Rule: "file-read", Msg: errText(err), MsgEN: errText(err)}}
}

// hashFile is the SHA-256 of a regular file's bytes.
func hashFile(path string) ([32]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return [32]byte{}, ReadError(path, err)
	}
	if err := CheckRegular(path, info); err != nil {
		return [32]byte{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return [32]byte{}, ReadError(path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, MaxFileBytes+1)); err != nil {
		return [32]byte{}, ReadError(path, err)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum, nil
}

// readOne reads one returned form: a workbook or CSV by column titles, or
// a YAML document whose appendix has the same columns.
func readOne(ctx context.Context, path string, spec Spec) (*Returned, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return ReadYAMLForm(ctx, path, spec)
	}
	t, err := ReadFile(path, spec)
	if err != nil {
		return nil, err
	}
	return &Returned{Path: path, Unit: t.Unit, Sheet: t.Sheet, Rows: t.Rows, Count: t.Count}, nil
}

// ReadYAMLForm reads a unit's report written as a vanban document: the rows
// come from its appendix with the form's columns, which need not be its
// first, and the unit is its issuing agency.
func ReadYAMLForm(ctx context.Context, path string, spec Spec) (*Returned, error) {
	d, err := vanban.ParseFile(path)
	if err != nil {
		return nil, err
	}
	if err := ResolveRowsFromDir(ctx, d); err != nil {
		return nil, err
	}
	if len(d.Appendices) == 0 {
		return nil, fileError(path, "table-form", "văn bản không có phụ lục để lấy số liệu", "the document has no appendix to take the rows from")
	}
	var last *vanban.Error
	var found *Returned
	foundAt := 0
	for i, app := range d.Appendices {
		rows, e := Realign(app, spec.Columns)
		if e != nil {
			last = e
			continue
		}
		if found != nil && (found.Rows.Len() > 0 || rows.Len() > 0) {
			// As with two filled sheets of a workbook: which is the report is unclear.
			return nil, fileError(path, "form-sheets",
				fmt.Sprintf("văn bản có hai phụ lục mang các cột của biểu mẫu (phụ lục %d và %d): hãy để số liệu ở một phụ lục", foundAt+1, i+1),
				fmt.Sprintf("the document has two appendices with the form's columns (appendices %d and %d): keep the rows in one", foundAt+1, i+1))
		}
		if found != nil {
			continue // two empty ones: the first
		}
		unit := d.Agency.NameInText
		if unit == "" {
			unit = d.Agency.Name
		}
		found, foundAt = &Returned{Path: path, Unit: unit, Rows: rows, Count: CountRows(spec.Columns, rows)}, i
	}
	if found != nil {
		return found, nil
	}
	last.File = path
	if len(d.Appendices) > 1 {
		last.Msg = "không phụ lục nào có các cột của biểu mẫu; phụ lục cuối: " + last.Msg
		last.MsgEN = "no appendix has the form's columns; the last one: " + last.MsgEN
	}
	return nil, vanban.ErrorList{last}
}

// ResolveRowsFromDir reads the rows_from forms of doc's appendices from the
// folder of doc's file, which the paths may not leave (not even through a
// symbolic link).
func ResolveRowsFromDir(ctx context.Context, doc *vanban.Document) error {
	need := false
	for _, a := range doc.Appendices {
		need = need || a.RowsFrom != ""
	}
	if !need {
		return nil
	}
	root, err := os.OpenRoot(filepath.Dir(doc.File))
	if err != nil {
		return ReadError(filepath.Dir(doc.File), err)
	}
	defer root.Close()
	return ResolveRowsFrom(ctx, doc, root.FS(), filepath.Dir(doc.File))
}

// ResolveRowsFrom reads the rows of every appendix that names a form
// (rows_from) from fsys, in which the paths are relative; dir is how
// messages name fsys's root. A problem with the file as a whole is placed
// where the YAML names the file; a problem in a cell names the form's file,
// sheet and cell.
func ResolveRowsFrom(ctx context.Context, doc *vanban.Document, fsys fs.FS, dir string) error {
	var errs vanban.ErrorList
	for i := range doc.Appendices {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := &doc.Appendices[i]
		if a.RowsFrom == "" {
			continue
		}
		display := filepath.Join(dir, filepath.FromSlash(a.RowsFrom))
		t, err := ReadFS(fsys, a.RowsFrom, display, SpecOf(a))
		if err == nil && t.Rows.Len()+a.BlankRows > vanban.MaxRows {
			err = fileError(display, "limit-rows", fmt.Sprintf("biểu mẫu có %d dòng, vượt giới hạn %d dòng", t.Rows.Len()+a.BlankRows, vanban.MaxRows), fmt.Sprintf("the form has %d rows, over the %d-row limit", t.Rows.Len()+a.BlankRows, vanban.MaxRows))
		}
		if err != nil {
			field := fmt.Sprintf("appendices[%d].rows_from", i)
			for _, e := range asList(display, err) {
				if e.Pos.Line == 0 && e.Sheet == "" && e.Cell == "" {
					// The file as a whole: point at where the YAML names it.
					e = &vanban.Error{File: doc.File, Pos: a.RowsFromPos, Field: field, Rule: e.Rule,
						Msg: a.RowsFrom + ": " + e.Msg, MsgEN: a.RowsFrom + ": " + e.MsgEN}
				}
				errs = append(errs, e)
			}
			continue
		}
		a.Rows = t.Rows
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
