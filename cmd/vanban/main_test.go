package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seed(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "examples", "cong-van-cchc-2023.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRenderWritesEveryFormat(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd("render", "-o", dir, seed(t))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docxPath, pdfPath, xlsxPath := filepath.Join(dir, "cong-van-cchc-2023.docx"), filepath.Join(dir, "cong-van-cchc-2023.pdf"), filepath.Join(dir, "cong-van-cchc-2023.xlsx")
	if strings.TrimSpace(out) != docxPath+"\n"+pdfPath+"\n"+xlsxPath {
		t.Errorf("stdout %q, want the three paths", out)
	}
	if data, err := os.ReadFile(xlsxPath); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("no xlsx written: %v", err)
	}
	if data, err := os.ReadFile(docxPath); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("no docx written: %v", err)
	}
	if data, err := os.ReadFile(pdfPath); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
		t.Fatalf("no pdf written: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("output folder holds %d files, want docx, pdf and xlsx (no temp files)", len(entries))
	}
	// Flags may follow the file; --format picks one format.
	for _, format := range []string{"docx", "pdf", "xlsx"} {
		dir2 := t.TempDir()
		if code, _, errOut := runCmd("render", seed(t), "-o", dir2, "--format", format); code != exitOK {
			t.Fatalf("flags after file: exit %d: %s", code, errOut)
		}
		entries, _ := os.ReadDir(dir2)
		if len(entries) != 1 || entries[0].Name() != "cong-van-cchc-2023."+format {
			t.Errorf("--format %s wrote %v", format, entries)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("type: cong-van\ndate: 2024-02-30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"no arguments", nil, exitUsage, "Cách dùng", ""},
		{"help", []string{"--help"}, exitOK, "", "vanban render"},
		{"render help", []string{"render", "--help"}, exitOK, "-format", ""},
		{"unknown command", []string{"draw"}, exitUsage, `lệnh "draw" không tồn tại`, ""},
		{"no files", []string{"render"}, exitUsage, "cần ít nhất một tệp", ""},
		{"unknown flag", []string{"render", "--colour", "x.yaml"}, exitUsage, "colour", ""},
		{"unknown format", []string{"render", "--format", "odt", seed(t)}, exitUsage, `định dạng "odt" không hợp lệ`, ""},
		{"font dir without fonts", []string{"render", "--font-dir", dir, seed(t)}, exitUsage, "cần đủ bốn kiểu", ""},
		{"invalid input", []string{"render", "-o", dir, bad}, exitInvalid, bad + ":2:7: trường \"date\"", ""},
		{"missing input", []string{"render", "-o", dir, filepath.Join(dir, "none.yaml")}, exitInvalid, "tệp không tồn tại", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.stderr) || !strings.Contains(out, tt.stdout) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q / %q", code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed render left files behind: %v", entries)
	}
}

// A failed run never clobbers an earlier good output.
func TestFailedRenderKeepsGoodOutput(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "cv.yaml")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd("render", in); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	good, _ := os.ReadFile(filepath.Join(dir, "cv.docx"))
	goodPDF, _ := os.ReadFile(filepath.Join(dir, "cv.pdf"))
	broken := strings.Replace(string(src), "date: 2024-03", "date: 2024-13", 1)
	if err := os.WriteFile(in, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCmd("render", in); code != exitInvalid {
		t.Fatalf("exit %d, want %d", code, exitInvalid)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "cv.docx"))
	afterPDF, _ := os.ReadFile(filepath.Join(dir, "cv.pdf"))
	if !bytes.Equal(good, after) || !bytes.Equal(goodPDF, afterPDF) {
		t.Error("the earlier output was changed by a failed run")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("folder holds %v, want cv.yaml, cv.docx, cv.pdf and cv.xlsx", entries)
	}
}

// An output folder that cannot be written is an error, not a panic or a half file.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd("render", "-o", filepath.Join(blocker, "out"), seed(t))
	if code != exitInvalid || !strings.Contains(errOut, "không ghi được "+filepath.Join(blocker, "out")) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// --font-dir embeds the faces of a folder (here the repository's own).
func TestFontDir(t *testing.T) {
	dir := t.TempDir()
	fontDir, _ := filepath.Abs(filepath.Join("..", "..", "fonts"))
	code, _, errOut := runCmd("render", "-o", dir, "--format", "pdf", "--font-dir", fontDir, seed(t))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "cong-van-cchc-2023.pdf"))
	if err != nil || !bytes.Contains(data, []byte("+LiberationSerif-BoldItalic")) {
		t.Errorf("PDF not written with the folder's fonts: %v", err)
	}
}

// The Excel form is written for documents with an appendix; asking for it
// by name for one without is an error, "all" skips it.
func TestXLSXNeedsAnAppendix(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	noAppendix := string(src[:bytes.Index(src, []byte("appendices:"))])
	in := filepath.Join(dir, "cv.yaml")
	if err := os.WriteFile(in, []byte(noAppendix), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd("render", "--format", "xlsx", in); code != exitInvalid || !strings.Contains(errOut, "không có phụ lục") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, out, errOut := runCmd("render", in); code != exitOK || strings.Contains(out, ".xlsx") {
		t.Errorf("all: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
