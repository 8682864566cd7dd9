package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(seed(t))
	warn := filepath.Join(dir, "warn.yaml")
	os.WriteFile(warn, []byte(strings.Replace(string(src), "place: Hà Tĩnh", "place: TP. HCM", 1)), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(src), "date: 2024-03", "date: 2024-13", 1)), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"examples are clean", []string{"check", seed(t), examples(t, "cong-van-tong-hop-diem.yaml")}, exitOK, ""},
		{"warning", []string{"check", warn}, exitOK, warn + `:12:8: cảnh báo [place-full-name] địa danh viết đầy đủ, không viết tắt: "Thành phố Hồ Chí Minh"`},
		{"warning in English", []string{"check", "--lang", "en", warn}, exitOK, `:12:8: warning [place-full-name] write the place name in full`},
		{"strict", []string{"check", "--strict", warn}, exitInvalid, `: lỗi [place-full-name]`},
		{"error", []string{"check", bad}, exitInvalid, bad + `:13:7: lỗi [date-invalid] trường "date": tháng 13 không tồn tại`},
		{"usage", []string{"check"}, exitUsage, ""},
		{"bad lang", []string{"check", "--lang", "fr", warn}, exitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			if code != tt.code || !strings.Contains(out, tt.out) || (tt.out == "" && tt.code == exitOK && out != "") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q", code, out, errOut, tt.code, tt.out)
			}
		})
	}
	code, out, _ := runCmd("check", "--format", "json", warn, bad)
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != exitInvalid || len(list) != 2 {
		t.Fatalf("json: exit %d, %v\n%s", code, err, out)
	}
	if list[0]["rule"] != "place-full-name" || list[0]["severity"] != "warning" || list[0]["line"] != 12.0 || list[1]["severity"] != "error" {
		t.Errorf("json findings %v", list)
	}
	// render prints the warnings and still writes the document.
	code, _, errOut := runCmd("render", "-o", dir, "--format", "docx", warn)
	if code != exitOK || !strings.Contains(errOut, "cảnh báo [place-full-name]") {
		t.Errorf("render: exit %d, stderr %q", code, errOut)
	}
}
