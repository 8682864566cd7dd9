package main

import (
	"strings"
	"testing"
)

// A language check cannot speak is refused by name, with the usage, before
// any file is read; without a word the exit code 2 was all there was.
func TestCheckRefusesUnknownLanguage(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--lang", "fr", seed(t)},
		{"check", "--lang=fr", seed(t)},
		{"check", seed(t), "--lang", "fr"},
		{"check", "--lang", "fr", "khong-co.yaml"},
	} {
		code, out, errOut := runCmd(args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if out != "" {
			t.Errorf("%v: printed %q on stdout", args, out)
		}
		if !strings.HasPrefix(errOut, "vanban check: ngôn ngữ \"fr\" không hỗ trợ; dùng vi hoặc en\n") || !strings.Contains(errOut, "Cách dùng: vanban check") {
			t.Errorf("%v: stderr %q, want the reason then the usage", args, errOut)
		}
	}
	for _, lang := range []string{"vi", "en"} {
		if code, out, errOut := runCmd("check", "--lang", lang, seed(t)); code == exitUsage || strings.Contains(errOut, "không hỗ trợ") {
			t.Errorf("--lang %s: exit %d\n%s%s", lang, code, out, errOut)
		}
	}
}
