package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
)

func runMerge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("merge", flag.ContinueOnError)
	fl.SetOutput(stderr)
	into := fl.String("into", "", "văn bản (.yaml) có phụ lục cần tổng hợp: công văn gửi biểu mẫu, hoặc báo cáo có cùng các cột")
	outDir := fl.String("o", "", "thư mục ghi kết quả (mặc định: thư mục của --into)")
	unitsFile := fl.String("units", "", "danh sách đơn vị (.yaml): tên, tên khác, mẫu tên tệp; mặc định là nơi nhận của văn bản")
	subtotals := fl.Bool("subtotals", false, "cộng riêng từng đơn vị")
	replace := fl.Bool("replace", false, "một đơn vị gửi hai biểu mẫu khác nhau: tệp đứng sau thay tệp đứng trước (mặc định: báo lỗi)")
	appendix := fl.Int("appendix", 1, "số thứ tự phụ lục cần tổng hợp")
	fontDir := fl.String("font-dir", "", "thư mục phông Times New Roman để nhúng vào PDF")
	lang := langFlag(fl)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Cách dùng: vanban merge --into VĂN_BẢN.yaml [-o THƯ_MỤC] [--units DON_VI.yaml] [--subtotals] [--replace] [--lang vi|en] TỆP.xlsx|.csv|.yaml...\n\n")
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if !validLang(*lang, "merge", stderr) {
		return exitUsage
	}
	if *into == "" || len(files) == 0 {
		fmt.Fprintln(stderr, "vanban merge: cần --into VĂN_BẢN.yaml và ít nhất một tệp biểu mẫu")
		fl.Usage()
		return exitUsage
	}
	if *appendix < 1 {
		fmt.Fprintf(stderr, "vanban merge: --appendix %d không hợp lệ; phụ lục đánh số từ 1\n", *appendix)
		return exitUsage
	}
	fs, err := loadFonts(*fontDir)
	if err != nil {
		fmt.Fprintf(stderr, "vanban: %v\n", err)
		return exitUsage
	}
	res, err := engine.Merge(ctx, engine.MergeOptions{
		Into: *into, Forms: files, UnitsFile: *unitsFile, OutDir: *outDir,
		Options: form.Options{Appendix: *appendix - 1, Subtotals: *subtotals, Replace: *replace},
		Render:  engine.Options{Fonts: fs},
	})
	if err != nil {
		return fail(stderr, err, *lang)
	}
	for _, p := range res.Written {
		fmt.Fprintln(stdout, p)
	}
	fmt.Fprint(stdout, "\n"+res.Report.Text(*lang))
	return exitOK
}
