package form

import (
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A cell written into the merged YAML reads back as the same text, whatever
// it holds: quotes, backslashes, line breaks, YAML syntax, Unicode line and
// paragraph separators.
func FuzzYAMLQuoted(f *testing.F) {
	for _, s := range []string{"", "Sở \"Tư\" pháp", `a\b`, "1.1 yes: no", "- [x]", "# not a comment", "dòng 1\ndòng 2", "\t", "a\u2028b", "\u0085", "\ufeffx", "'", "{{deadline \"x\"}}", "0,5", "null", "~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // model text is valid UTF-8
		}
		doc := "rows:\n  - [" + string(AppendYAMLQuoted(nil, s)) + "]\n"
		var got struct{ Rows [][]string }
		if err := yaml.Unmarshal([]byte(doc), &got); err != nil {
			t.Fatalf("%q does not parse: %v\n%s", s, err, doc)
		}
		if len(got.Rows) != 1 || len(got.Rows[0]) != 1 || got.Rows[0][0] != s {
			t.Fatalf("%q reads back as %q", s, got.Rows)
		}
	})
}
