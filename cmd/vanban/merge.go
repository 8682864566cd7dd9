package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/nd30"
)

func runMerge(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("merge", flag.ContinueOnError)
	fl.SetOutput(stderr)
	into := fl.String("into", "", "văn bản (.yaml) có phụ lục cần tổng hợp: công văn gửi biểu mẫu, hoặc báo cáo có cùng các cột")
	outDir := fl.String("o", "", "thư mục ghi kết quả (mặc định: thư mục của --into)")
	unitsFile := fl.String("units", "", "danh sách đơn vị (.yaml): tên, tên khác, mẫu tên tệp; mặc định là nơi nhận của văn bản")
	subtotals := fl.Bool("subtotals", false, "cộng riêng từng đơn vị")
	appendix := fl.Int("appendix", 1, "số thứ tự phụ lục cần tổng hợp")
	fontDir := fl.String("font-dir", "", "thư mục phông Times New Roman để nhúng vào PDF")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Cách dùng: vanban merge --into VĂN_BẢN.yaml [-o THƯ_MỤC] [--units DON_VI.yaml] [--subtotals] TỆP.xlsx|.csv|.yaml...\n\n")
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if *into == "" || len(files) == 0 {
		fmt.Fprintln(stderr, "vanban merge: cần --into VĂN_BẢN.yaml và ít nhất một tệp biểu mẫu")
		fl.Usage()
		return exitUsage
	}
	fs, err := loadFonts(*fontDir)
	if err != nil {
		fmt.Fprintf(stderr, "vanban: %v\n", err)
		return exitUsage
	}
	if err := merge(*into, *outDir, *unitsFile, *appendix-1, *subtotals, files, fs, stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	return exitOK
}

func merge(into, outDir, unitsFile string, index int, subtotals bool, files []string, fs *fonts.Set, stdout io.Writer) error {
	src, err := os.ReadFile(into)
	if err != nil {
		return fmt.Errorf("%s: không đọc được tệp: %w", into, err)
	}
	doc, err := vanban.Parse(into, src)
	if err != nil {
		return err
	}
	if index < 0 || index >= len(doc.Appendices) {
		return fmt.Errorf("%s: không có phụ lục số %d", into, index+1)
	}
	var units vanban.Units
	if unitsFile != "" {
		data, err := os.ReadFile(unitsFile)
		if err != nil {
			return fmt.Errorf("%s: không đọc được tệp: %w", unitsFile, err)
		}
		if units, err = vanban.ParseUnits(unitsFile, data); err != nil {
			return err
		}
	}
	a := &doc.Appendices[index]
	// Read the forms side by side, keep them in the order given.
	results := make([]struct {
		r   *vanban.Returned
		err error
	}, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i].r, results[i].err = readReturned(files[i], a)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var returned []vanban.Returned
	var errs vanban.ErrorList
	for i, f := range files {
		r, err := results[i].r, results[i].err
		if err != nil {
			var list vanban.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
			} else {
				errs = append(errs, &vanban.Error{File: f, Msg: err.Error()})
			}
			continue
		}
		r.Unit = units.Resolve(f, r.Unit)
		returned = append(returned, *r)
	}
	if len(errs) > 0 {
		return errs
	}
	expected := doc.Recipients
	if len(units) > 0 {
		expected = units.Names()
	}
	// Sums of the inputs, to check the output against.
	inSums := sums(a, func(yield func([]vanban.Cell) bool) {
		for _, r := range returned {
			for _, row := range r.Rows {
				if !yield(row) {
					return
				}
			}
		}
	})
	report, err := vanban.Merge(doc, index, returned, expected, subtotals)
	if err != nil {
		return err
	}
	merged := &doc.Appendices[index]
	outSums := sums(merged, func(yield func([]vanban.Cell) bool) {
		for _, row := range merged.Rows {
			if !yield(row) {
				return
			}
		}
	})
	if report.RowsIn != report.RowsOut || inSums != outSums {
		return fmt.Errorf("lỗi nội bộ: %d dòng vào, %d dòng ra; tổng vào %q, tổng ra %q", report.RowsIn, report.RowsOut, inSums, outSums)
	}
	name := strings.TrimSuffix(filepath.Base(into), filepath.Ext(into)) + "-tong-hop"
	yamlOut, err := vanban.WithAppendix(src, index, merged)
	if err != nil {
		return fmt.Errorf("%s: %w", into, err)
	}
	if outDir == "" {
		outDir = filepath.Dir(into)
	}
	formats := map[string]bool{"docx": true, "pdf": true, "xlsx": true}
	if err := writeOutputs(doc, fs, formats, outDir, name, map[string][]byte{name + ".yaml": yamlOut}, stdout); err != nil {
		return err
	}
	printReport(stdout, report, inSums)
	return nil
}

// readReturned reads one unit's returned form: a workbook or CSV by column
// titles, or a YAML document whose appendix has the same columns.
func readReturned(path string, a *vanban.Appendix) (*vanban.Returned, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		d, err := vanban.ParseFile(path)
		if err != nil {
			return nil, err
		}
		if len(d.Appendices) == 0 {
			return nil, fmt.Errorf("văn bản không có phụ lục để lấy số liệu")
		}
		// The rows come from the appendix with the form's columns, which
		// need not be the first: a unit's report may carry others.
		var rows [][]vanban.Cell
		for i, app := range d.Appendices {
			r, err := vanban.Realign(app, a.Columns)
			if err == nil {
				rows = r
				break
			}
			if i == len(d.Appendices)-1 {
				if len(d.Appendices) > 1 {
					return nil, fmt.Errorf("không phụ lục nào có các cột của biểu mẫu; phụ lục cuối: %w", err)
				}
				return nil, err
			}
		}
		unit := d.Agency.NameInText
		if unit == "" {
			unit = d.Agency.Name
		}
		return &vanban.Returned{Path: path, Unit: unit, Rows: rows}, nil
	}
	rf, err := vanban.ReadRows(path, a.Columns, a.TotalLabel)
	if err != nil {
		return nil, err
	}
	unit := rf.Unit
	if unit == "" {
		unit = vanban.UnitFromFile(path)
	}
	return &vanban.Returned{Path: path, Unit: unit, Rows: rf.Rows}, nil
}

// sums totals every score column of a over rows, as text to compare.
func sums(a *vanban.Appendix, rows func(func([]vanban.Cell) bool)) string {
	var parts []string
	for c, col := range a.Columns {
		if col.Kind != vanban.ScoreColumn {
			continue
		}
		var sum nd30.Decimal
		for row := range rows {
			if s := row[c].Score; s != nil {
				sum = sum.Add(*s)
			}
		}
		parts = append(parts, col.Title+" = "+sum.String())
	}
	return strings.Join(parts, "; ")
}

func printReport(w io.Writer, r *vanban.MergeReport, totals string) {
	fmt.Fprintf(w, "\nĐã tổng hợp %d tệp, %d dòng:\n", len(r.Files), r.RowsOut)
	for _, f := range r.Files {
		note := ""
		if len(f.Rows) == 0 {
			note = " — tệp không có dòng số liệu nào"
		}
		fmt.Fprintf(w, "  %s (%s): %d dòng%s\n", f.Path, f.Unit, len(f.Rows), note)
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "Chưa gửi: %s\n", strings.Join(r.Missing, "; "))
	} else {
		fmt.Fprintln(w, "Các đơn vị đều đã gửi.")
	}
	for _, c := range r.Conflicts {
		var parts []string
		for i, u := range c.Units {
			parts = append(parts, u+": "+c.Scores[i])
		}
		fmt.Fprintf(w, "Tiêu chí %s có điểm khác nhau giữa các đơn vị (giữ cả hai): %s\n", c.Criterion, strings.Join(parts, " | "))
	}
	fmt.Fprintf(w, "Kiểm tra: %d dòng vào = %d dòng ra; tổng điểm: %s\n", r.RowsIn, r.RowsOut, totals)
}
