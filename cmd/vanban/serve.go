package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"

	"github.com/vanban-vn/vanban/server"
)

const serveUsage = "Cách dùng: vanban serve [--addr 127.0.0.1:8080] [--dir THƯ_MỤC] [--profile CƠ_QUAN.yaml]\n\n" +
	"Mở trình soạn văn bản trên trình duyệt: biểu mẫu, xem trước trang PDF, cảnh báo thể thức bên cạnh từng trường,\n" +
	"tải DOCX, PDF, XLSX, YAML và tổng hợp biểu mẫu các đơn vị gửi lại. Mặc định chỉ nghe trên máy này (127.0.0.1);\n" +
	"nghe trên địa chỉ khác thì mọi truy cập cần mã in ra khi khởi động.\n\n"

// runServe is `vanban serve`: the editor, until ctx ends (Ctrl-C).
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "địa chỉ nghe (host:port); địa chỉ khác 127.0.0.1 thì cần mã truy cập")
	dir := fl.String("dir", ".", "thư mục làm việc: chỉ mở và lưu tệp trong thư mục này")
	profile := fl.String("profile", "", "hồ sơ cơ quan (YAML): tên cơ quan, ký hiệu, địa danh, người ký, nơi nhận thường dùng")
	// The server runs each merge as `vanban serve --merge-worker`, a process
	// of lower priority: not for people.
	worker := fl.Bool("merge-worker", false, "")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), serveUsage)
		fl.VisitAll(func(f *flag.Flag) {
			if f.Usage != "" {
				fmt.Fprintf(fl.Output(), "  --%s\n    \t%s (mặc định %q)\n", f.Name, f.Usage, f.DefValue)
			}
		})
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if *worker {
		return server.MergeWorker(ctx, os.Stdin, stdout)
	}
	if len(files) > 0 {
		fmt.Fprintf(stderr, "vanban serve: không nhận tệp %q; dùng --dir để chọn thư mục làm việc\n", files[0])
		return exitUsage
	}
	cfg := server.Config{Addr: *addr, Dir: *dir, Log: stderr, Token: os.Getenv("VANBAN_TOKEN")}
	if exe, err := os.Executable(); err == nil {
		cfg.MergeCommand = func(ctx context.Context) *exec.Cmd {
			cmd := exec.CommandContext(ctx, exe, "serve", "--merge-worker")
			cmd.Stderr = stderr
			return cmd
		}
	}
	if *profile != "" {
		p, err := server.LoadProfile(*profile)
		if err != nil {
			fmt.Fprintf(stderr, "vanban serve: %v\n", err)
			return exitUsage
		}
		cfg.Profile = p
	}
	srv, err := server.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "vanban serve: %v\n", err)
		return exitUsage
	}
	defer srv.Close()
	ln, err := srv.Listen()
	if err != nil {
		fmt.Fprintf(stderr, "vanban serve: không nghe được trên %s: %v\n", *addr, err)
		return exitUsage
	}
	if server.IsLoopback(ln) {
		fmt.Fprintf(stdout, "vanban: trình soạn văn bản đang chạy tại %s (chỉ trên máy này; Ctrl-C để dừng)\n", srv.URL(ln))
	} else {
		fmt.Fprintf(stdout, "vanban: trình soạn văn bản đang chạy tại %s\n", srv.URL(ln))
		fmt.Fprintf(stdout, "vanban: nghe trên %s: mọi truy cập cần mã %s (đã có trong địa chỉ trên)\n", ln.Addr(), srv.Token())
	}
	err = srv.Serve(ctx, ln)
	if err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
		fmt.Fprintf(stderr, "vanban serve: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
