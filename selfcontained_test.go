package vanban_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
)

// The repository stands alone: a user's clone has no folder beside it, so
// nothing may point at one, and the Decree-30 reference the code cites
// ("spec §N") is docs/nd30.md inside the repository.

// outsidePaths are the strings that point at the workplace folder beside the
// repository. They are assembled here so that this file does not match them.
var outsidePaths = func() []string {
	const dir = "shared"
	return []string{"../" + dir, dir + "/spec", dir + "/tools", dir + "/seed"}
}()

func TestNoReferenceOutsideRepository(t *testing.T) {
	root := testtool.RepoRoot(t)
	var bad []string
	for _, name := range repoFiles(t, root) {
		if strings.HasPrefix(name, ".ci/") {
			continue // CI runs beside the workplace folder and may name it
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			if os.IsNotExist(err) {
				continue // tracked but deleted in the work tree
			}
			t.Fatal(err)
		}
		if isBinary(data) {
			continue
		}
		bad = append(bad, outsideReferences(name, data)...)
	}
	if len(bad) > 0 {
		t.Errorf("files point outside the repository (%s); use docs/nd30.md, examples/seed/ and tools/ instead:\n%s",
			strings.Join(outsidePaths, ", "), strings.Join(bad, "\n"))
	}
}

func TestSpecCitationsExist(t *testing.T) {
	root := testtool.RepoRoot(t)
	doc, err := os.ReadFile(filepath.Join(root, "docs", "nd30.md"))
	if err != nil {
		t.Fatal(err)
	}
	spec := parseSpec(string(doc))
	if len(spec.sections) < 18 {
		t.Fatalf("docs/nd30.md: found %d numbered sections, want §0 to §17 at least", len(spec.sections))
	}
	var bad []string
	cited := 0
	for _, name := range repoFiles(t, root) {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		for _, c := range citations(string(data)) {
			cited++
			if msg := spec.missing(c); msg != "" {
				bad = append(bad, fmt.Sprintf("%s:%d: %s: %s", name, c.line, c.text, msg))
			}
		}
	}
	if cited == 0 {
		t.Fatal(`no "spec §" citations found in the Go files; the scan is broken`)
	}
	t.Logf("%d citations of docs/nd30.md checked", cited)
	if len(bad) > 0 {
		t.Errorf("citations of docs/nd30.md that it does not have:\n%s", strings.Join(bad, "\n"))
	}
}

// The checks above must be able to fail: feed them what they must reject.
func TestSelfContainedChecksCatchProblems(t *testing.T) {
	// Written with "@" for "§" so that the scan of this file finds nothing.
	src := strings.ReplaceAll("// Decree 30 (spec @3 row 5, @4.3, @99): x\n"+
		"var r = Rule{\"@3 row 36, @15 rule 28\"}\n"+
		"// spec @11.9, @16.1 and @2.2\n", "@", "§")
	doc := "## 0. Intro\n## 3. Table\n| 5 | a |\n| 35 | b |\n## 4. Header\n### 4.3 Số\n" +
		"## 11. Other\n### 11.1 Sets\n## 15. Case\n| 27 | x |\n## 16. Gaps\n### 16.1 Spelling\n"
	spec := parseSpec(doc)
	var got []string
	for _, c := range citations(src) {
		if msg := spec.missing(c); msg != "" {
			got = append(got, strings.ReplaceAll(c.text, "§", "@"))
		}
	}
	want := []string{"@99", "@3 row 36", "@15 rule 28", "@11.9", "@2.2"}
	if !slices.Equal(got, want) {
		t.Errorf("missing citations = %q, want %q", got, want)
	}

	bad := outsideReferences("README.md", []byte("ok\nsee "+outsidePaths[0]+"/spec/x.md\nand tools/ooxml-validate\n"))
	if len(bad) != 1 || !strings.HasPrefix(bad[0], "README.md:2:") {
		t.Errorf("outsideReferences = %q, want one finding on line 2", bad)
	}
}

// outsideReferences returns "file:line: text" for each line naming a folder
// beside the repository.
func outsideReferences(name string, data []byte) []string {
	var out []string
	for i, line := range strings.Split(string(data), "\n") {
		for _, p := range outsidePaths {
			if strings.Contains(line, p) {
				out = append(out, fmt.Sprintf("%s:%d: %s", name, i+1, strings.TrimSpace(line)))
				break
			}
		}
	}
	return out
}

// citation is one reference to docs/nd30.md: §N or §N.M, optionally with a
// row of a table in that section (§3 row 32, §3 rows 1–2) or a rule
// (§15 rule 25).
type citation struct {
	line             int
	text             string
	section          string // "3", "11.2"
	kind             string // "", "row", "rule"
	first, last, top int    // rows or rules first..last; top-level section
}

// A citation list starts at "spec §" or at a Go string that opens with "§"
// (the rule tables of check/ and the style table of nd30/), and goes on
// through ", §", "/§" and " and §". Other "§" (ISO 32000-1 §9.9, YAML
// §7.3.1) are not this document's.
var (
	citeStart = regexp.MustCompile(`(?:spec|docs/nd30\.md) §|"§`)
	citeOne   = regexp.MustCompile(`^§(\d+)(?:\.(\d+))?(?: (rows?|rule) (\d+)(?:[–-](\d+))?)?`)
	citeNext  = regexp.MustCompile(`^(?:, ?|/| and )`)
)

func citations(src string) []citation {
	var out []citation
	for i, line := range strings.Split(src, "\n") {
		for _, loc := range citeStart.FindAllStringIndex(line, -1) {
			rest := line[loc[1]-len("§"):]
			for {
				m := citeOne.FindStringSubmatch(rest)
				if m == nil {
					break
				}
				c := citation{line: i + 1, text: m[0], section: m[1]}
				c.top, _ = strconv.Atoi(m[1])
				if m[2] != "" {
					c.section += "." + m[2]
				}
				if m[3] != "" {
					c.kind = strings.TrimSuffix(m[3], "s")
					c.first, _ = strconv.Atoi(m[4])
					c.last = c.first
					if m[5] != "" {
						c.last, _ = strconv.Atoi(m[5])
					}
				}
				out = append(out, c)
				rest = rest[len(m[0]):]
				sep := citeNext.FindString(rest)
				if sep == "" || !strings.HasPrefix(rest[len(sep):], "§") {
					break
				}
				rest = rest[len(sep):]
			}
		}
	}
	return out
}

// spec is what docs/nd30.md offers to cite: its numbered headings, and the
// numbers in the first column of the tables under each top-level section.
type spec struct {
	sections map[string]bool
	rows     map[int]map[int]bool
}

var (
	headingNum = regexp.MustCompile(`^#{2,4} (\d+)(?:\.(\d+))?[. ]`)
	rowNum     = regexp.MustCompile(`^\| *(\d+) *\|`)
)

func parseSpec(doc string) spec {
	s := spec{sections: map[string]bool{}, rows: map[int]map[int]bool{}}
	top := -1
	for _, line := range strings.Split(doc, "\n") {
		if m := headingNum.FindStringSubmatch(line); m != nil {
			n := m[1]
			if m[2] != "" {
				n += "." + m[2]
			} else {
				top, _ = strconv.Atoi(m[1])
			}
			s.sections[n] = true
			continue
		}
		if m := rowNum.FindStringSubmatch(line); m != nil && top >= 0 {
			if s.rows[top] == nil {
				s.rows[top] = map[int]bool{}
			}
			n, _ := strconv.Atoi(m[1])
			s.rows[top][n] = true
		}
	}
	return s
}

// missing says what of c docs/nd30.md lacks, or "" when it has it all.
func (s spec) missing(c citation) string {
	if !s.sections[c.section] {
		return "no heading §" + c.section
	}
	for n := c.first; c.kind != "" && n <= c.last; n++ {
		if !s.rows[c.top][n] {
			return fmt.Sprintf("no %s %d in the tables of §%d", c.kind, n, c.top)
		}
	}
	return ""
}

// repoFiles lists the repository's files, slash-separated and relative to
// root: git's tracked files and the untracked ones it does not ignore (so a
// new file is checked before it is committed), or, without git, every file
// under root but .git/ and the output folder.
func repoFiles(t *testing.T, root string) []string {
	t.Helper()
	if _, err := exec.LookPath("git"); err == nil {
		cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
		cmd.Dir = root
		if out, err := cmd.Output(); err == nil {
			var files []string
			for _, f := range strings.Split(string(out), "\x00") {
				if f != "" {
					files = append(files, f)
				}
			}
			slices.Sort(files)
			return slices.Compact(files)
		}
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || rel == "out" {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// isBinary reports a NUL byte near the start, as git does.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}
