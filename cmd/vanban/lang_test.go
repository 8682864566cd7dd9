package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
)

// englishAll fails unless every error of err carries an English message,
// not the Vietnamese one copied, and the command printed exactly those
// messages, in English.
func englishAll(t *testing.T, what string, err error, stderr string) {
	t.Helper()
	var list vanban.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("%s: error %v is not a list of vanban errors", what, err)
	}
	for _, e := range list {
		if e.MsgEN == "" || e.MsgEN == e.Msg {
			t.Errorf("%s: no English for %q", what, e.Error())
		}
	}
	if stderr != "" && !strings.Contains(stderr, list.Format("en")) {
		t.Errorf("%s: the command did not print the English messages\nprinted: %s\nwant:    %s", what, stderr, list.Format("en"))
	}
}

// `--lang en` gives English for every error of the bad-input catalogue,
// through render as through the library.
func TestRenderSpeaksEnglish(t *testing.T) {
	inputs := append(catalogue(t), generated(t)...)
	out := t.TempDir()
	for _, in := range inputs {
		t.Run(filepath.Base(in.file), func(t *testing.T) {
			code, _, stderr := runCmd("render", "--lang", "en", "-o", out, in.file)
			if code != exitInvalid {
				t.Fatalf("exit %d, want %d: %s", code, exitInvalid, stderr)
			}
			_, err := engine.RenderFiles(context.Background(), []string{in.file}, out, engine.Options{})
			englishAll(t, in.file, err, stderr)
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("failed renders wrote %v", entries)
	}
}

// Merge errors come in English too: a bad cell, a file that is not the
// form, one unit twice, no such appendix.
func TestMergeSpeaksEnglish(t *testing.T) {
	dir := t.TempDir()
	forms := formsOf(t)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("STT,Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1,Điểm tự chấm của tỉnh,Điểm thẩm định lần 1,Lý do trừ điểm,\"Nội dung giải trình, TLKC bổ sung (lần 2)\",Điểm đề nghị điều chỉnh\n1,1.1 A,abc,,,,\n"), 0o644)
	other := filepath.Join(dir, "other.csv")
	os.WriteFile(other, []byte("STT,Nội dung\n1,x\n"), 0o644)
	twice := filepath.Join(dir, "so-tu-phap-2.xlsx")
	data, _ := os.ReadFile(forms[2])
	os.WriteFile(twice, append(data[:len(data):len(data)], 0), 0o644) // other bytes, same unit
	cases := []struct {
		name  string
		opts  engine.MergeOptions
		flags []string
	}{
		{"bad cell and not a form", engine.MergeOptions{Forms: []string{bad, other}}, nil},
		{"one unit twice", engine.MergeOptions{Forms: []string{forms[2], twice}}, nil},
		{"no such appendix", engine.MergeOptions{Forms: forms[:1], Options: form.Options{Appendix: 4}}, []string{"--appendix", "5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Into, c.opts.OutDir = seed(t), filepath.Join(dir, "out")
			_, err := engine.Merge(context.Background(), c.opts)
			args := append([]string{"merge", "--lang", "en", "--into", seed(t), "-o", c.opts.OutDir}, c.flags...)
			code, _, stderr := runCmd(append(args, c.opts.Forms...)...)
			if code != exitInvalid {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			englishAll(t, c.name, err, stderr)
		})
	}
}

// An output that cannot be written is said in English too, by render
// and by merge (outfile's errors carry both languages).
func TestWriteErrorsSpeakEnglish(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(bad, []byte("x"), 0o644)
	out := filepath.Join(bad, "out") // a folder under a file cannot be made
	for _, args := range [][]string{
		{"render", "--lang", "en", "-o", out, seed(t)},
		{"merge", "--lang", "en", "--into", seed(t), "-o", out, examples(t, "tong-hop/so-tu-phap.xlsx")},
	} {
		code, _, stderr := runCmd(args...)
		if code != exitInvalid || !strings.Contains(stderr, "cannot write "+out) || strings.Contains(stderr, "không") {
			t.Errorf("%s: exit %d: %s", args[0], code, stderr)
		}
		code, _, stderr = runCmd(slices.Delete(slices.Clone(args), 1, 3)...)
		if code != exitInvalid || !strings.Contains(stderr, "không ghi được "+out) {
			t.Errorf("%s in Vietnamese: exit %d: %s", args[0], code, stderr)
		}
	}
}
