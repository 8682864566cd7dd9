//go:build unix

// The loop of a consolidation at the command line: Home Affairs sends the
// form, departments return it, `vanban merge` adds it up. A row lost or
// counted twice is the worst bug; a failed run must leave earlier outputs
// as they were. (Unix only: FIFOs and signals.)

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
)

func copyFile(t *testing.T, src, dst string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// editForm copies a workbook and sets cells of its sheet "Phụ lục".
func editForm(t *testing.T, src, dst string, cells map[string]any) string {
	t.Helper()
	copyFile(t, src, dst)
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for ref, v := range cells {
		if err := f.SetCellValue("Phụ lục", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// seedWith is the seed document with old replaced by new, written to path.
func seedWith(t *testing.T, path, old, new string) string {
	t.Helper()
	src, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("the seed lacks %q", old)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// nothingWritten checks that a failed run left the output folder absent or empty.
func nothingWritten(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a failed run wrote into %s: %v", dir, names)
	}
}

// snapshot is every file of dir and its bytes.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

// unchanged checks that dir holds exactly the files of before, byte for
// byte, and no temporary or backup file.
func unchanged(t *testing.T, before map[string][]byte, dir string) {
	t.Helper()
	after := snapshot(t, dir)
	for name, data := range after {
		if strings.Contains(name, ".tmp-") || strings.Contains(name, ".bak-") {
			t.Errorf("left behind: %s", name)
			continue
		}
		if old, ok := before[name]; !ok {
			t.Errorf("new file %s", name)
		} else if !bytes.Equal(old, data) {
			t.Errorf("%s changed (%d bytes, was %d)", name, len(data), len(old))
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s was removed", name)
		}
	}
}

// expectEN finds in err the error of rule about file and checks its English.
func expectEN(t *testing.T, err error, rule, file string, en ...string) {
	t.Helper()
	var list vanban.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T), want a list of placed errors", err, err)
	}
	for _, e := range list {
		if e.Rule != rule || e.File != file {
			continue
		}
		for _, s := range en {
			if !strings.Contains(e.MsgEN, s) {
				t.Errorf("English message %q lacks %q", e.MsgEN, s)
			}
		}
		return
	}
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("[%s] %s: %s / %s", e.Rule, e.File, e.Msg, e.MsgEN))
	}
	t.Errorf("no error [%s] about %s; got\n%s", rule, file, strings.Join(got, "\n"))
}

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// within runs fn, failing the test if it has not returned after 5 s; then
// it opens the FIFOs for writing and closes them, so that a reader blocked
// on one gets EOF and the goroutine ends.
func within(t *testing.T, fifos []string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return
	case <-time.After(5 * time.Second):
	}
	for _, p := range fifos {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			f.Close()
		}
	}
	t.Fatal("still running after 5 s: blocked on a FIFO")
}

const units = "units:\n  - name: Sở Tư pháp\n    files: [\"so-tu-phap*.xlsx\"]\n  - name: Sở Tài chính\n  - name: Cục Thuế tỉnh\n"

// formCSV is a returned form in CSV with n rows, from unit.
func formCSV(unit string, n int) []byte {
	var b bytes.Buffer
	b.WriteString("Đơn vị báo cáo:," + unit + "\n")
	b.WriteString("STT,Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1,Điểm tự chấm của tỉnh,Điểm thẩm định lần 1,Lý do trừ điểm,\"Nội dung giải trình, TLKC bổ sung (lần 2)\",Điểm đề nghị điều chỉnh\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d,1.%d. Tiêu chí,1,,,,\n", i, i)
	}
	return b.Bytes()
}

// units of the merged appendix's rows, in order, each once.
func mergedUnits(t *testing.T, merged string) []string {
	t.Helper()
	doc, err := vanban.ParseFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range doc.Appendices[0].Rows.All() {
		if !slices.Contains(order, r[1].Text) {
			order = append(order, r[1].Text)
		}
	}
	return order
}

func TestLoop(t *testing.T) {
	stp := examples(t, "tong-hop/so-tu-phap.xlsx")
	// The sums of Sở Tư pháp's form.
	const stpCheck = "Kiểm tra: 3 dòng vào = 3 dòng ra; tổng điểm: Điểm tự chấm của tỉnh = 2,5; Điểm thẩm định lần 1 = 0,75; Điểm đề nghị điều chỉnh = 2,25"

	t.Run("the same file given twice or copied is read once", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		cp := copyFile(t, stp, filepath.Join(dir, "ban-sao-stp.xlsx"))
		code, stdout, stderr := runCmd("merge", "--into", seed(t), "-o", out, stp, stp, cp)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		contains(t, "report", stdout, "Đã tổng hợp 1 tệp, 3 dòng:",
			"    "+stp+": cùng nội dung với tệp trên, chỉ tính một lần",
			"    "+cp+": cùng nội dung với tệp trên, chỉ tính một lần", stpCheck)
		if n := strings.Count(stdout, "cùng nội dung với tệp trên, chỉ tính một lần"); n != 2 {
			t.Errorf("%d files said to be the same, want 2:\n%s", n, stdout)
		}
		doc, err := vanban.ParseFile(filepath.Join(out, "cong-van-cchc-2023-tong-hop.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if n := doc.Appendices[0].Rows.Len(); n != 3 {
			t.Errorf("merged appendix has %d rows, want 3", n)
		}
	})

	t.Run("the same bytes as two units' forms are an error, not one unit left out", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		unitsFile := filepath.Join(dir, "don-vi.yaml")
		os.WriteFile(unitsFile, []byte("units:\n  - name: Sở Tư pháp\n    files: [\"stp*.xlsx\"]\n  - name: Sở Tài chính\n    files: [\"stc*.xlsx\"]\n"), 0o644)
		a := copyFile(t, stp, filepath.Join(dir, "stp.xlsx"))
		b := copyFile(t, stp, filepath.Join(dir, "stc.xlsx"))
		code, _, stderr := runCmd("merge", "--into", seed(t), "--units", unitsFile, "-o", out, a, b)
		if code != exitInvalid || !strings.Contains(stderr, b+": tệp giống hệt từng byte tệp "+a) || !strings.Contains(stderr, "nhưng là của Sở Tài chính, tệp kia của Sở Tư pháp") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("output written: %v", err)
		}
	})

	t.Run("a merge refuses what render refuses: an agency that no longer existed on the document's date", func(t *testing.T) {
		dir := t.TempDir()
		src, err := os.ReadFile(seed(t))
		if err != nil {
			t.Fatal(err)
		}
		into := filepath.Join(dir, "hb.yaml")
		s := strings.Replace(strings.Replace(string(src), "  parent: UBND TỈNH HÀ TĨNH\n", "  parent: UBND TỈNH HÒA BÌNH\n", 1), "date: 2024-03\n", "date: 2025-08-01\n", 1)
		os.WriteFile(into, []byte(s), 0o644)
		out := filepath.Join(dir, "out")
		code, _, stderr := runCmd("render", "-o", out, into)
		if code != exitInvalid || !strings.Contains(stderr, "[admin-province-merged]") {
			t.Fatalf("render: exit %d: %s", code, stderr)
		}
		code, _, stderr = runCmd("merge", "--into", into, "-o", out, stp)
		if code != exitInvalid || !strings.Contains(stderr, into+":7:11: [admin-province-merged]") {
			t.Errorf("merge: exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("output written: %v", err)
		}
	})

	t.Run("two different forms from one unit are an error unless --replace", func(t *testing.T) {
		dir := t.TempDir()
		first := copyFile(t, stp, filepath.Join(dir, "so-tu-phap.xlsx"))
		second := editForm(t, stp, filepath.Join(dir, "so-tu-phap-sua.xlsx"), map[string]any{"G8": 0.5})
		out := filepath.Join(dir, "out")
		code, _, stderr := runCmd("merge", "--into", seed(t), "-o", out, first, second)
		if code != exitInvalid {
			t.Fatalf("exit %d, want %d", code, exitInvalid)
		}
		contains(t, "stderr", stderr, second+`: đơn vị "Sở Tư pháp" đã gửi một biểu mẫu khác: `+first)
		nothingWritten(t, out)
		_, err := engine.Merge(context.Background(), engine.MergeOptions{Into: seed(t), Forms: []string{first, second}, OutDir: out})
		expectEN(t, err, "merge-unit-twice", second, `unit "Sở Tư pháp" already sent another form: `+first)

		t.Run("unit resolved by a --units file pattern", func(t *testing.T) {
			unitsFile := filepath.Join(dir, "don-vi.yaml")
			os.WriteFile(unitsFile, []byte(units), 0o644)
			renamed := editForm(t, stp, filepath.Join(dir, "so-tu-phap-lan-2.xlsx"), map[string]any{"C5": "", "G8": 0.5})
			code, _, stderr := runCmd("merge", "--into", seed(t), "--units", unitsFile, "-o", out, first, renamed)
			if code != exitInvalid {
				t.Fatalf("exit %d, want %d", code, exitInvalid)
			}
			contains(t, "stderr", stderr, renamed+`: đơn vị "Sở Tư pháp" đã gửi một biểu mẫu khác: `+first)
			nothingWritten(t, out)
		})

		t.Run("--replace: the later file wins", func(t *testing.T) {
			code, stdout, stderr := runCmd("merge", "--into", seed(t), "--replace", "-o", out, first, second)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			contains(t, "report", stdout, "Đã tổng hợp 1 tệp, 3 dòng:", second+", trang tính Phụ lục (Sở Tư pháp): 3 dòng",
				"    thay cho "+first+" (--replace)", "Điểm đề nghị điều chỉnh = 1,75")
		})
	})

	t.Run("the appendix's own rows are kept under the issuing agency and counted", func(t *testing.T) {
		dir := t.TempDir()
		into := seedWith(t, filepath.Join(dir, "bao-cao.yaml"), "    blank_rows: 3\n",
			"    rows:\n      - {\"Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1\": \"1.1. Tiêu chí của Sở Nội vụ\", \"Điểm tự chấm của tỉnh\": \"0,5\"}\n")
		out := filepath.Join(dir, "out")
		code, stdout, stderr := runCmd("merge", "--into", into, "-o", out, stp)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		contains(t, "report", stdout, "Đã tổng hợp 1 tệp, 4 dòng:", "  dòng có sẵn của phụ lục (Sở Nội vụ): 1 dòng",
			"Kiểm tra: 4 dòng vào = 4 dòng ra; tổng điểm: Điểm tự chấm của tỉnh = 3;")
		doc, err := vanban.ParseFile(filepath.Join(out, "bao-cao-tong-hop.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range doc.Appendices[0].Rows.All() {
			found = found || r[1].Text == "Sở Nội vụ" && r[2].Text == "1.1. Tiêu chí của Sở Nội vụ" && r[3].Text == "0,5"
		}
		if doc.Appendices[0].Rows.Len() != 4 || !found {
			t.Errorf("merged rows %+v: want 4, one of them Sở Nội vụ's own", doc.Appendices[0].Rows)
		}
	})

	t.Run("a FIFO is refused promptly wherever a file is named", func(t *testing.T) {
		dir := t.TempDir()
		fifoForm, fifoYAML := filepath.Join(dir, "fifo.xlsx"), filepath.Join(dir, "fifo.yaml")
		rf := filepath.Join(dir, "rf")
		os.MkdirAll(rf, 0o755)
		fifoRows := filepath.Join(rf, "fifo.xlsx")
		for _, p := range []string{fifoForm, fifoYAML, fifoRows} {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}
		fifos := []string{fifoForm, fifoYAML, fifoRows}
		rowsFrom := seedWith(t, filepath.Join(rf, "cv.yaml"), "    blank_rows: 3\n", "    rows_from: fifo.xlsx\n")
		out := filepath.Join(dir, "out")
		tests := []struct {
			name   string
			args   []string
			stderr []string
			call   func() error
			file   string // the error's file, for its English
			en     string
		}{
			{"as a form", []string{"merge", "--into", seed(t), "-o", out, fifoForm},
				[]string{fifoForm + ": không đọc được tệp: đây là một đường ống (FIFO)"},
				func() error {
					_, err := engine.Merge(context.Background(), engine.MergeOptions{Into: seed(t), Forms: []string{fifoForm}, OutDir: out})
					return err
				}, fifoForm, "FIFO"},
			{"as --units", []string{"merge", "--into", seed(t), "--units", fifoYAML, "-o", out, stp},
				[]string{fifoYAML + ": không đọc được tệp", "FIFO"},
				func() error {
					_, err := engine.Merge(context.Background(), engine.MergeOptions{Into: seed(t), Forms: []string{stp}, UnitsFile: fifoYAML, OutDir: out})
					return err
				}, fifoYAML, "FIFO"},
			{"as the --into document", []string{"merge", "--into", fifoYAML, "-o", out, stp},
				[]string{fifoYAML + ": không đọc được tệp", "FIFO"},
				func() error {
					_, err := engine.Merge(context.Background(), engine.MergeOptions{Into: fifoYAML, Forms: []string{stp}, OutDir: out})
					return err
				}, fifoYAML, "FIFO"},
			{"as render's input", []string{"render", "-o", out, fifoYAML},
				[]string{fifoYAML + ": không đọc được tệp", "FIFO"},
				func() error {
					_, err := engine.RenderFiles(context.Background(), []string{fifoYAML}, out, engine.Options{})
					return err
				},
				fifoYAML, "FIFO"},
			{"named by rows_from", []string{"render", "-o", out, rowsFrom},
				[]string{rowsFrom + ":", `"appendices[0].rows_from"`, "fifo.xlsx: không đọc được tệp: đây là một đường ống (FIFO)"},
				func() error {
					_, err := engine.RenderFiles(context.Background(), []string{rowsFrom}, out, engine.Options{})
					return err
				},
				rowsFrom, "fifo.xlsx: cannot read the file: this is a pipe (FIFO)"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var code int
				var stderr string
				within(t, fifos, func() { code, _, stderr = runCmd(tt.args...) })
				if code != exitInvalid {
					t.Errorf("exit %d, want %d: %s", code, exitInvalid, stderr)
				}
				contains(t, "stderr", stderr, tt.stderr...)
				nothingWritten(t, out)
				var err error
				within(t, fifos, func() { err = tt.call() })
				expectEN(t, err, "file-read", tt.file, tt.en)
			})
		}
	})

	t.Run("forms with more than 100000 rows in all are refused before anything is written", func(t *testing.T) {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
		os.WriteFile(a, formCSV("Sở Tư pháp", 60_000), 0o644)
		os.WriteFile(b, formCSV("Sở Tài chính", 60_000), 0o644)
		out := filepath.Join(dir, "out")
		code, _, stderr := runCmd("merge", "--into", seed(t), "-o", out, a, b)
		if code != exitInvalid {
			t.Fatalf("exit %d, want %d: %s", code, exitInvalid, stderr)
		}
		contains(t, "stderr", stderr, seed(t)+": các biểu mẫu có tổng cộng 120000 dòng, vượt giới hạn 100000 dòng của một phụ lục; không ghi gì")
		nothingWritten(t, out)
		_, err := engine.Merge(context.Background(), engine.MergeOptions{Into: seed(t), Forms: []string{a, b}, OutDir: out})
		expectEN(t, err, "limit-rows", seed(t), "120000 rows in all, over the 100000-row limit", "nothing written")
	})

	t.Run("without --units units come in the recipients' order and a group line counts as its units", func(t *testing.T) {
		dir := t.TempDir()
		thue := editForm(t, examples(t, "tong-hop/cuc-thue-tinh.xlsx"), filepath.Join(dir, "cuc-thue-tinh.xlsx"), map[string]any{"C5": "Cục Thuế tỉnh"})
		out := filepath.Join(dir, "out")
		// Given in the alphabet's order.
		code, stdout, stderr := runCmd("merge", "--into", seed(t), "--subtotals", "-o", out, thue, examples(t, "tong-hop/so-tai-chinh.xlsx"), stp)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := mergedUnits(t, filepath.Join(out, "cong-van-cchc-2023-tong-hop.yaml"))
		if want := []string{"Sở Tư pháp", "Sở Tài chính", "Cục Thuế tỉnh"}; !slices.Equal(got, want) {
			t.Errorf("units in order %q, want the recipients' order %q", got, want)
		}
		var missing string
		for _, line := range strings.Split(stdout, "\n") {
			if strings.HasPrefix(line, "Chưa gửi: ") {
				missing = line
			}
		}
		want := "Chưa gửi: Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông; Sở Kế hoạch và Đầu tư; Thành viên HĐTD CCHC tỉnh"
		if missing != want {
			t.Errorf("got %q\nwant %q\n%s", missing, want, stdout)
		}
		if strings.Contains(stdout, "không có trong danh sách") {
			t.Errorf("a unit of the recipients is said not to be on the list:\n%s", stdout)
		}
	})

	t.Run("a failed render or merge leaves the previous outputs byte-identical", func(t *testing.T) {
		dir := t.TempDir()
		in := seedWith(t, filepath.Join(dir, "in", "cv.yaml"), "", "")
		out := filepath.Join(dir, "out")
		if code, _, stderr := runCmd("render", "-o", out, in); code != exitOK {
			t.Fatalf("render: exit %d: %s", code, stderr)
		}
		if code, _, stderr := runCmd("merge", "--into", in, "-o", out, stp); code != exitOK {
			t.Fatalf("merge: exit %d: %s", code, stderr)
		}
		before := snapshot(t, out)
		if len(before) != 7 {
			t.Fatalf("outputs %d files, want 7", len(before))
		}
		// The good input changes, so that writing it would show.
		seedWith(t, in, "subject: cập nhật", "subject: sửa đổi, cập nhật")
		bad := seedWith(t, filepath.Join(dir, "in", "bad.yaml"), "date: 2024-03", "date: 2024-13")
		code, _, stderr := runCmd("render", "-o", out, in, bad)
		if code != exitInvalid {
			t.Fatalf("render: exit %d, want %d", code, exitInvalid)
		}
		contains(t, "stderr", stderr, bad+":")
		unchanged(t, before, out)

		badForm := editForm(t, stp, filepath.Join(dir, "so-y-te.xlsx"), map[string]any{"C5": "Sở Y tế", "D9": "1,2,3"})
		code, _, stderr = runCmd("merge", "--into", in, "-o", out, stp, badForm)
		if code != exitInvalid {
			t.Fatalf("merge: exit %d, want %d", code, exitInvalid)
		}
		contains(t, "stderr", stderr, badForm+", trang tính Phụ lục, ô D9:")
		unchanged(t, before, out)

		t.Run("two inputs with the same name in one call", func(t *testing.T) {
			one := seedWith(t, filepath.Join(dir, "d1", "cv.yaml"), "", "")
			two := seedWith(t, filepath.Join(dir, "d2", "cv.yaml"), "", "")
			out2 := filepath.Join(dir, "out2")
			code, _, stderr := runCmd("render", "-o", out2, one, two)
			if code != exitInvalid {
				t.Fatalf("exit %d, want %d", code, exitInvalid)
			}
			contains(t, "stderr", stderr, two+": trùng tên với "+one)
			nothingWritten(t, out2)
			_, err := engine.RenderFiles(context.Background(), []string{one, two}, out2, engine.Options{})
			expectEN(t, err, "usage-same-name", two, "same name as "+one)
			nothingWritten(t, out2)
		})
	})

	t.Run("SIGINT or SIGTERM during a long render leaves the previous outputs", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds the command")
		}
		bin := filepath.Join(t.TempDir(), "vanban")
		goTool, err := exec.LookPath("go")
		if err != nil {
			t.Fatalf("go is not on PATH: %v", err)
		}
		if b, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, b)
		}
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(sig.String(), func(t *testing.T) {
				dir := t.TempDir()
				in, out := filepath.Join(dir, "doc.yaml"), filepath.Join(dir, "out")
				os.WriteFile(in, bigDoc(3), 0o644)
				if b, err := exec.Command(bin, "render", "-o", out, in).CombinedOutput(); err != nil {
					t.Fatalf("small render: %v\n%s", err, b)
				}
				before := snapshot(t, out)
				os.WriteFile(in, bigDoc(100_000), 0o644)
				cmd := exec.Command(bin, "render", "-o", out, in)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan error, 1)
				go func() { exited <- cmd.Wait() }()
				start := time.Now()
				for time.Since(start) < 300*time.Millisecond && !hasTemp(out) {
					time.Sleep(5 * time.Millisecond)
				}
				cmd.Process.Signal(sig)
				signalled := time.Now()
				var werr error
				select {
				case werr = <-exited:
				case <-time.After(30 * time.Second):
					cmd.Process.Kill()
					<-exited
					t.Fatalf("still running 30 s after %v", sig)
				}
				t.Logf("%v sent after %v; exited %v later", sig, signalled.Sub(start).Round(time.Millisecond), time.Since(signalled).Round(time.Millisecond))
				code := 0
				var ee *exec.ExitError
				if errors.As(werr, &ee) {
					code = ee.ExitCode()
				} else if werr != nil {
					t.Fatal(werr)
				}
				if code != exitInterrupted {
					t.Errorf("exit %d (%v), want %d; stderr:\n%s", code, werr, exitInterrupted, stderr.String())
				}
				contains(t, "stderr", stderr.String(), "đã dừng; không ghi tệp nào")
				if d := time.Since(signalled); d > 5*time.Second {
					t.Errorf("stopping took %v", d)
				}
				unchanged(t, before, out)
			})
		}
	})
}

// hasTemp reports whether dir holds a temporary output.
func hasTemp(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			return true
		}
	}
	return false
}

// bigDoc is a landscape document whose appendix has n short rows.
func bigDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`type: cong-van
agency: {name: SỞ NỘI VỤ, name_in_text: Sở Nội vụ}
code: SNV-VP
place: Hà Tĩnh
date: 2024-03-04
subject: Tổng hợp
recipients: Sở Tư pháp
body: Đề nghị tổng hợp./.
signer: {title: GIÁM ĐỐC, name: Lê Minh Đạo}
archive: VT, VP
appendices:
  - title: PHỤ LỤC
    landscape: true
    columns: [{title: STT, kind: index}, {title: Tiêu chí}, {title: Điểm, kind: score, total: true}]
    total_label: Tổng điểm
    rows:
`)
	for i := range n {
		fmt.Fprintf(&b, "      - [t%d, \"1\"]\n", i)
	}
	return b.Bytes()
}
