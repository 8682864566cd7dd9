// Command vanban turns a YAML description of a Vietnamese administrative
// document into DOCX and PDF laid out as Decree 30/2020/NĐ-CP requires.
//
//	vanban render [-o DIR] [--format docx,pdf] [--font-dir DIR] FILE.yaml...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/fonts"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // an input is invalid, or an output could not be written
	exitUsage   = 2
	// exitInterrupted is the shell's code for a run stopped by SIGINT.
	exitInterrupted = 130
)

func main() {
	if len(os.Args) > 1 {
		setGC(os.Args[1])
	}
	// SIGINT and SIGTERM cancel the run: the engine removes its temporary
	// files and leaves the previous outputs as they were.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ YAML ra DOCX và PDF.

Cách dùng:
  vanban render [-o THƯ_MỤC] [--format docx,pdf,xlsx] [--font-dir THƯ_MỤC] [--sign-ready] [--pdfa] [--lang vi|en] TỆP.yaml...
      Dựng mỗi TỆP.yaml thành THƯ_MỤC/TÊN.docx, TÊN.pdf và TÊN.xlsx (biểu mẫu phụ lục)
      (TÊN là tên tệp không có .yaml; THƯ_MỤC mặc định là thư mục của tệp vào).
      Ghi tất cả hoặc không ghi gì: lỗi ở một tệp thì không tệp nào bị thay.
      --sign-ready: PDF có trường chữ ký số trống; --pdfa: PDF/A-2b.
  vanban sign --cert TỆP.p12 [--password-file TỆP] [--field TÊN] [--time THỜI_GIAN] [--lang vi|en] VÀO.pdf -o RA.pdf
      Ký số PDF (PAdES, thêm vào cuối tệp, giữ nguyên các chữ ký trước): lần đầu bằng
      chứng thư của người có thẩm quyền, lần sau bằng chứng thư của cơ quan.
  vanban merge --into VĂN_BẢN.yaml [-o THƯ_MỤC] [--units DON_VI.yaml] [--subtotals] [--replace] [--lang vi|en] TỆP...
      Tổng hợp các biểu mẫu phụ lục các đơn vị gửi lại (.xlsx, .csv hoặc .yaml) vào
      phụ lục của VĂN_BẢN.yaml: thêm cột Đơn vị, sắp xếp theo mã tiêu chí, tính tổng;
      ghi TÊN-tong-hop.docx, .pdf, .xlsx và .yaml, và in báo cáo tổng hợp.
  vanban check [--strict] [--lang vi|en] [--format text|json] [--as-of YYYY-MM-DD] TỆP.yaml...
      Kiểm tra thể thức theo Nghị định 30 mà không dựng văn bản: lỗi (không dựng được)
      và cảnh báo (quy tắc trình bày), mỗi dòng TỆP:DÒNG:CỘT: lỗi|cảnh báo [MÃ] nội dung.
  vanban serve [--addr 127.0.0.1:8080] [--dir THƯ_MỤC] [--profile CƠ_QUAN.yaml]
      Mở trình soạn văn bản trên trình duyệt: biểu mẫu, xem trước trang PDF khi gõ, cảnh báo
      bên cạnh từng trường, tải DOCX, PDF, XLSX, YAML, tổng hợp biểu mẫu (xem vanban help serve).
  vanban schema
      In JSON Schema của tệp vào (cho VS Code và trình soạn thảo có YAML language server).
  vanban help [render|merge|check|sign|serve]
      In hướng dẫn này.

Mã thoát: 0 thành công, 1 dữ liệu vào không hợp lệ, 2 sai cách dùng, 130 bị ngắt (Ctrl-C).
`

func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && args[1] == "render" {
			return runRender(ctx, []string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "merge" {
			return runMerge(ctx, []string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "check" {
			return runCheck(ctx, []string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "serve" {
			return runServe(ctx, []string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "sign" {
			return runSign(ctx, []string{"--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	case "render":
		return runRender(ctx, args[1:], stdout, stderr)
	case "merge":
		return runMerge(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "sign":
		return runSign(ctx, args[1:], stdout, stderr)
	case "schema":
		if len(args) > 1 {
			fmt.Fprintln(stderr, "vanban schema: không nhận tham số; in JSON Schema của tệp vào ra màn hình")
			return exitUsage
		}
		stdout.Write(vanban.SchemaJSON())
		return exitOK
	}
	fmt.Fprintf(stderr, "vanban: lệnh %q không tồn tại\n\n%s", args[0], usage)
	return exitUsage
}

func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("render", flag.ContinueOnError)
	fl.SetOutput(stderr)
	outDir := fl.String("o", "", "thư mục ghi kết quả (mặc định: thư mục của tệp vào)")
	formatList := fl.String("format", "all", "các định dạng cần ghi, cách nhau bởi dấu phẩy: docx, pdf, xlsx (biểu mẫu phụ lục), hoặc all")
	fontDir := fl.String("font-dir", "", "thư mục chứa bốn tệp .ttf của Times New Roman (Regular, Bold, Italic, Bold Italic) để nhúng vào PDF thay cho Liberation Serif")
	signReady := fl.Bool("sign-ready", false, "thêm vào PDF các trường chữ ký số trống ở chỗ ký của người có thẩm quyền và của cơ quan (cho công cụ ký số; vanban sign điền vào)")
	pdfa := fl.Bool("pdfa", false, "ghi PDF theo chuẩn PDF/A-2b (lưu trữ lâu dài): siêu dữ liệu XMP, hồ sơ màu sRGB")
	lang := langFlag(fl)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Cách dùng: vanban render [-o THƯ_MỤC] [--format docx,pdf,xlsx] [--font-dir THƯ_MỤC] [--sign-ready] [--pdfa] [--lang vi|en] TỆP.yaml...\n\n")
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if !validLang(*lang, "render", stderr) {
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "vanban render: cần ít nhất một tệp .yaml")
		fl.Usage()
		return exitUsage
	}
	formats, err := engine.ParseFormats(*formatList)
	if err != nil {
		fmt.Fprintf(stderr, "vanban render: %s\n", message(err, *lang))
		return exitUsage
	}
	fs, err := loadFonts(*fontDir)
	if err != nil {
		fmt.Fprintf(stderr, "vanban: %v\n", err)
		return exitUsage
	}
	res, err := engine.RenderFiles(ctx, files, *outDir, engine.Options{Formats: formats, Fonts: fs, SignReady: *signReady, PDFA: *pdfa})
	if err != nil {
		return fail(stderr, err, *lang)
	}
	for _, f := range res.Findings {
		fmt.Fprintln(stderr, f.Format(*lang))
	}
	for _, p := range res.Written {
		fmt.Fprintln(stdout, p)
	}
	return exitOK
}

// fail prints a run's error and gives its exit code: 1 for invalid input
// or an output that could not be written, 130 after an interrupt (nothing
// was written, no temporary file is left).
func fail(stderr io.Writer, err error, lang string) int {
	if errors.Is(err, context.Canceled) {
		if lang == "en" {
			fmt.Fprintln(stderr, "vanban: stopped; no file was written")
		} else {
			fmt.Fprintln(stderr, "vanban: đã dừng; không ghi tệp nào")
		}
		return exitInterrupted
	}
	fmt.Fprintln(stderr, message(err, lang))
	return exitInvalid
}

// message is an error in a language: vanban's errors carry both.
func message(err error, lang string) string {
	var list vanban.ErrorList
	if errors.As(err, &list) {
		return list.Format(lang)
	}
	var one *vanban.Error
	if errors.As(err, &one) {
		return one.Format(lang)
	}
	return err.Error()
}

// langFlag is the --lang flag every command takes.
func langFlag(fl *flag.FlagSet) *string {
	return fl.String("lang", "vi", "ngôn ngữ thông báo: vi hoặc en (language of messages)")
}

// validLang reports whether lang is one vanban speaks, saying so when not.
func validLang(lang, cmd string, stderr io.Writer) bool {
	if lang == "vi" || lang == "en" {
		return true
	}
	fmt.Fprintf(stderr, "vanban %s: ngôn ngữ %q không hỗ trợ; dùng vi hoặc en (language %q is not supported; use vi or en)\n", cmd, lang, lang)
	return false
}

// loadFonts is the embedded Liberation Serif, or the family in dir
// (--font-dir).
func loadFonts(dir string) (*fonts.Set, error) {
	if dir != "" {
		return fonts.LoadDir(dir)
	}
	return fonts.Default()
}

// parseArgs parses flags that may come before or after the files; code is
// -1 to go on, else the exit code (help, usage error).
func parseArgs(fl *flag.FlagSet, args []string) (files []string, code int) {
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK
			}
			return nil, exitUsage
		}
		args = fl.Args()
		if len(args) == 0 {
			return files, -1
		}
		files = append(files, args[0])
		args = args[1:]
	}
}
