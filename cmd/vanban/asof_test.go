package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vanban check --as-of checks a draft's names against another date than its
// own: the seed (March 2024) is clean, and as of August 2025 it names two
// departments that no longer exist (docs/nd30.md §18).
func TestCheckAsOf(t *testing.T) {
	code, out, errOut := runCmd("check", seed(t))
	if code != exitOK || strings.Contains(out, "agency-renamed") {
		t.Fatalf("seed: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCmd("check", "--as-of", "2025-08-01", seed(t))
	if code != exitOK || strings.Count(out, ": cảnh báo [agency-renamed] ") != 2 ||
		!strings.Contains(out, `"Sở Kế hoạch và Đầu tư" không còn từ ngày 01/3/2025`) || !strings.Contains(out, "(kiểm tra theo ngày 01/8/2025, --as-of)") {
		t.Errorf("--as-of 2025-08-01: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("check", "--lang", "en", "--strict", seed(t), "--as-of", "2025-08-01")
	if code != exitInvalid || !strings.Contains(out, `: error [agency-renamed] "Sở Thông tin và Truyền thông" ceased on 2025-03-01`) || !strings.Contains(out, "(checked as of 2025-08-01, --as-of)") {
		t.Errorf("--strict --lang en: exit %d\n%s", code, out)
	}
	for _, bad := range []string{"2025-02-30", "01/08/2025", "2025"} {
		if code, _, errOut := runCmd("check", "--as-of", bad, seed(t)); code != exitUsage || !strings.Contains(errOut, "YYYY-MM-DD") {
			t.Errorf("--as-of %s: exit %d\n%s", bad, code, errOut)
		}
	}
}

// A document whose agency block names a unit that did not exist on its date
// cannot be issued: check reports an error, and render refuses, in either
// language, writing nothing.
func TestRenderRefusesCeasedIssuer(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cv.yaml")
	seedWith(t, file, "  parent: UBND TỈNH HÀ TĨNH\n", "  parent: UBND TỈNH BẮC GIANG\n")
	src, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(src), "date: 2024-03\n", "date: 2025-07-15\n", 1)), 0o644)
	if code, out, _ := runCmd("check", file); code != exitInvalid || !strings.Contains(out, ": lỗi [admin-province-merged] \"TỈNH BẮC GIANG\"") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	out := t.TempDir()
	code, _, errOut := runCmd("render", "-o", out, file)
	if code != exitInvalid || !strings.Contains(errOut, "[admin-province-merged]") || !strings.Contains(errOut, "nay thuộc tỉnh Bắc Ninh") {
		t.Errorf("render: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCmd("render", "--lang", "en", "-o", out, file)
	if code != exitInvalid || !strings.Contains(errOut, "now part of tỉnh Bắc Ninh; the issuing agency and the signer cannot name a unit that no longer existed") {
		t.Errorf("render --lang en: exit %d\n%s", code, errOut)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("render wrote %v", entries)
	}
	// The same document dated before 1 July 2025 renders.
	os.WriteFile(file, src, 0o644)
	if code, _, errOut := runCmd("render", "-o", out, "--format", "docx", file); code != exitOK {
		t.Errorf("dated 2024-03: exit %d\n%s", code, errOut)
	}
}
