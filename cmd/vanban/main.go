// Command vanban turns a YAML description of a Vietnamese administrative
// document into DOCX and PDF laid out as Decree 30/2020/NĐ-CP requires.
//
//	vanban render [-o DIR] [--format docx,pdf] [--font-dir DIR] FILE.yaml...
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/render/xlsx"
	"github.com/vanban-vn/vanban/templates"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // an input is invalid, or an output could not be written
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ YAML ra DOCX và PDF.

Cách dùng:
  vanban render [-o THƯ_MỤC] [--format docx,pdf] [--font-dir THƯ_MỤC] TỆP.yaml...
      Dựng mỗi TỆP.yaml thành THƯ_MỤC/TÊN.docx và THƯ_MỤC/TÊN.pdf (TÊN là tên tệp
      không có .yaml; THƯ_MỤC mặc định là thư mục của tệp vào).
  vanban merge --into VĂN_BẢN.yaml [-o THƯ_MỤC] [--units DON_VI.yaml] [--subtotals] TỆP...
      Tổng hợp các biểu mẫu phụ lục các đơn vị gửi lại (.xlsx, .csv hoặc .yaml) vào
      phụ lục của VĂN_BẢN.yaml: thêm cột Đơn vị, sắp xếp theo mã tiêu chí, tính tổng;
      ghi TÊN-tong-hop.docx, .pdf, .xlsx và .yaml, và in báo cáo tổng hợp.
  vanban check [--strict] [--lang vi|en] [--format text|json] TỆP.yaml...
      Kiểm tra thể thức theo Nghị định 30 mà không dựng văn bản: lỗi (không dựng được)
      và cảnh báo (quy tắc trình bày), mỗi dòng TỆP:DÒNG:CỘT: lỗi|cảnh báo [MÃ] nội dung.
  vanban schema
      In JSON Schema của tệp vào (cho VS Code và trình soạn thảo có YAML language server).
  vanban help [render|merge|check]
      In hướng dẫn này.

Mã thoát: 0 thành công, 1 dữ liệu vào không hợp lệ, 2 sai cách dùng.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && args[1] == "render" {
			return runRender([]string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "merge" {
			return runMerge([]string{"--help"}, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "check" {
			return runCheck([]string{"--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	case "render":
		return runRender(args[1:], stdout, stderr)
	case "merge":
		return runMerge(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
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

// job is one input on its way out: the model, its layout, the fonts.
type job struct {
	doc   *vanban.Document
	ld    *layout.Document
	fonts *fonts.Set
}

// writers are the output formats, in the order they are written. A writer
// that applies only to some documents (the Excel form needs an appendix)
// says so with applies; "all" skips it where it does not apply.
var writers = []struct {
	name    string
	write   func(job) ([]byte, error)
	applies func(*vanban.Document) bool
}{
	{"docx", func(j job) ([]byte, error) { return docx.Bytes(j.ld) }, nil},
	{"pdf", func(j job) ([]byte, error) { return pdf.Bytes(j.ld, j.fonts) }, nil},
	{"xlsx", func(j job) ([]byte, error) { return xlsx.Bytes(j.doc) }, func(d *vanban.Document) bool { return len(d.Appendices) > 0 }},
}

func runRender(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("render", flag.ContinueOnError)
	fl.SetOutput(stderr)
	outDir := fl.String("o", "", "thư mục ghi kết quả (mặc định: thư mục của tệp vào)")
	formatList := fl.String("format", "all", "các định dạng cần ghi, cách nhau bởi dấu phẩy: docx, pdf, xlsx (biểu mẫu phụ lục), hoặc all")
	fontDir := fl.String("font-dir", "", "thư mục chứa bốn tệp .ttf của Times New Roman (Regular, Bold, Italic, Bold Italic) để nhúng vào PDF thay cho Liberation Serif")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Cách dùng: vanban render [-o THƯ_MỤC] [--format docx,pdf] [--font-dir THƯ_MỤC] TỆP.yaml...\n\n")
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "vanban render: cần ít nhất một tệp .yaml")
		fl.Usage()
		return exitUsage
	}
	formats, err := selectFormats(*formatList)
	if err != nil {
		fmt.Fprintf(stderr, "vanban render: %v\n", err)
		return exitUsage
	}
	fs, err := loadFonts(*fontDir)
	if err != nil {
		fmt.Fprintf(stderr, "vanban: %v\n", err)
		return exitUsage
	}
	status := exitOK
	for _, file := range files {
		if err := renderFile(file, *outDir, formats, fs, stdout, stderr); err != nil {
			fmt.Fprintln(stderr, err)
			status = exitInvalid
		}
	}
	return status
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

// selectFormats returns the formats to write; the value is true for a
// format asked for by name (it must apply), false for one "all" brought in.
func selectFormats(list string) (map[string]bool, error) {
	selected := map[string]bool{}
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "all":
			for _, w := range writers {
				if _, named := selected[w.name]; !named {
					selected[w.name] = false
				}
			}
		default:
			known := false
			for _, w := range writers {
				known = known || w.name == f
			}
			if !known {
				return nil, fmt.Errorf("định dạng %q không hợp lệ; dùng docx, pdf, xlsx hoặc all", f)
			}
			selected[f] = true
		}
	}
	return selected, nil
}

// renderFile renders every selected format of one input. Nothing is written
// unless the input is valid and every format was produced.
func renderFile(file, outDir string, formats map[string]bool, fs *fonts.Set, stdout, warnings io.Writer) error {
	doc, err := vanban.ParseFile(file)
	if err != nil {
		return err
	}
	// Style warnings are printed, not fatal; the rules run beside the
	// writers, since nothing they find changes the output.
	findings := make(chan []check.Finding, 1)
	go func() { findings <- check.Document(doc) }()
	if outDir == "" {
		outDir = filepath.Dir(file)
	}
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	err = writeOutputs(doc, fs, formats, outDir, name, nil, stdout)
	for _, f := range <-findings {
		fmt.Fprintln(warnings, f.Format("vi"))
	}
	return err
}

// writeOutputs lays out doc and writes the selected formats as
// DIR/NAME.EXT, plus any extra files given (name → content). Every output is
// produced before the first is written.
func writeOutputs(doc *vanban.Document, fs *fonts.Set, formats map[string]bool, outDir, name string, extra map[string][]byte, stdout io.Writer) error {
	ld, err := templates.Build(doc, fs)
	if err != nil {
		return err
	}
	type output struct {
		path string
		data []byte
		err  error
	}
	// The formats are independent: produce them side by side.
	var outputs []*output
	var wg sync.WaitGroup
	for _, w := range writers {
		explicit, selected := formats[w.name]
		if !selected {
			continue
		}
		if w.applies != nil && !w.applies(doc) {
			if explicit {
				return fmt.Errorf("%s: không ghi được %s: văn bản không có phụ lục để làm biểu mẫu", doc.File, w.name)
			}
			continue
		}
		o := &output{path: filepath.Join(outDir, name+"."+w.name)}
		outputs = append(outputs, o)
		wg.Go(func() { o.data, o.err = w.write(job{doc, ld, fs}) })
	}
	wg.Wait()
	for _, o := range outputs {
		if o.err != nil {
			return fmt.Errorf("%s: %w", doc.File, o.err)
		}
	}
	for _, ext := range slices.Sorted(maps.Keys(extra)) {
		outputs = append(outputs, &output{path: filepath.Join(outDir, ext), data: extra[ext]})
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("%s: không tạo được thư mục %s: %w", doc.File, outDir, err)
	}
	for _, o := range outputs {
		if err := writeAtomic(o.path, o.data); err != nil {
			return fmt.Errorf("%s: %w", doc.File, err)
		}
		fmt.Fprintln(stdout, o.path)
	}
	return nil
}

// writeAtomic writes data to a temporary file beside path and renames it, so
// a failed run never leaves a partial file or clobbers a good one.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("không ghi được %s: %w", path, err)
	}
	return nil
}
