package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type badInput struct {
	file, rule, at, contains string
}

// catalogue reads testdata/bad/want.tsv: each malformed input with the rule,
// position and message it must give.
func catalogue(t *testing.T) []badInput {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "bad")
	f, err := os.Open(filepath.Join(dir, "want.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []badInput
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 4 {
			t.Fatalf("want.tsv: %q", line)
		}
		out = append(out, badInput{filepath.Join(dir, p[0]), p[1], p[2], p[3]})
	}
	return out
}

// generated adds the inputs too large to keep in the repository.
func generated(t *testing.T) []badInput {
	dir := t.TempDir()
	src, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	body := filepath.Join(dir, "body-5mb.yaml")
	text := strings.Repeat("Đoạn văn rất dài của công văn. ", 5<<20/32)
	os.WriteFile(body, []byte(strings.Replace(string(src), "body: |\n", "body: |\n  "+text+"\n\n", 1)), 0o644)
	var rows strings.Builder
	rows.WriteString("    rows:\n")
	for i := range 100_001 {
		fmt.Fprintf(&rows, "      - [\"%d\"]\n", i)
	}
	many := filepath.Join(dir, "rows-100001.yaml")
	os.WriteFile(many, []byte(strings.Replace(string(src), "    blank_rows: 3\n", rows.String(), 1)), 0o644)
	huge := filepath.Join(dir, "input-11mb.yaml")
	os.WriteFile(huge, []byte(string(src)+"# "+strings.Repeat("x", 11<<20)+"\n"), 0o644)
	folder := filepath.Join(dir, "a-folder.yaml")
	os.Mkdir(folder, 0o755)
	return []badInput{
		{body, "limit-body", "23:7", "vượt giới hạn 1024 KB"},
		{huge, "limit-size", "1:1", "tệp lớn hơn giới hạn 10 MB"},
		{folder, "file-read", "", "không đọc được tệp"},
		{many, "limit-rows", "57:7", "vượt giới hạn 100000 dòng"},
		{filepath.Join(dir, "khong-co.yaml"), "file-read", "", "tệp không tồn tại"},
	}
}

// The bad-input catalogue (issue #4): each input gives its finding at its
// position, nothing panics, and a render of it writes nothing.
func TestBadInputCatalogue(t *testing.T) {
	cases := append(catalogue(t), generated(t)...)
	if len(cases) < 40 {
		t.Fatalf("catalogue has %d inputs, want at least 40", len(cases))
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			code, out, _ := runCmd("check", c.file)
			if code != exitInvalid {
				t.Errorf("check: exit %d\n%s", code, out)
			}
			prefix := c.file + ":" + c.at + ": lỗi [" + c.rule + "] "
			if c.at == "" {
				prefix = c.file + ": lỗi [" + c.rule + "] "
			}
			found := false
			for _, line := range strings.Split(out, "\n") {
				found = found || (strings.HasPrefix(line, prefix) && strings.Contains(line, c.contains))
			}
			if !found {
				t.Errorf("want a line %q…%q, got\n%s", prefix, c.contains, out)
			}
			// The same finding in English (--lang en): no Vietnamese wording left.
			_, en, _ := runCmd("check", "--lang", "en", c.file)
			enPrefix := strings.Replace(prefix, ": lỗi [", ": error [", 1)
			ok := false
			for _, line := range strings.Split(en, "\n") {
				if strings.HasPrefix(line, enPrefix) {
					msg := strings.TrimPrefix(line, enPrefix)
					ok = !strings.Contains(msg, "không ") && !strings.Contains(msg, "cần ") && !strings.Contains(msg, "trường ")
				}
			}
			if !ok {
				t.Errorf("no English finding %q…\n%s", enPrefix, en)
			}
			dir := t.TempDir()
			if code, _, _ := runCmd("render", "-o", dir, c.file); code != exitInvalid {
				t.Errorf("render: exit %d", code)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("render left %v", entries)
			}
		})
	}
}
