package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A character no embedded face has is a warning from check and from render,
// with its code point and its place; render still writes the document.
func TestGlyphMissingIsReported(t *testing.T) {
	src, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "cv.yaml")
	text := strings.Replace(string(src), "subject: ", "subject: nhiệt độ 30℃, ", 1)
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(text[:strings.Index(text, "subject: ")], "\n")
	code, out, _ := runCmd("check", "--lang", "en", in)
	if code != exitOK || !strings.Contains(out, in+":"+strconv.Itoa(line)+":") || !strings.Contains(out, "[glyph-missing]") || !strings.Contains(out, "U+2103") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	code, _, errOut := runCmd("render", "-o", dir, in)
	if code != exitOK || !strings.Contains(errOut, "cảnh báo [glyph-missing]") || !strings.Contains(errOut, "U+2103") {
		t.Errorf("render: exit %d\n%s", code, errOut)
	}
}
