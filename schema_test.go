package vanban_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	vanban "github.com/vanban-vn/vanban"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(vanban.SchemaJSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(vanban.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(vanban.SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON turns a YAML node into the values a JSON Schema validator reads;
// timestamps stay the text they were written as.
func asJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return asJSON(n.Content[0])
	case yaml.AliasNode:
		return asJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = asJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = asJSON(c)
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int":
		if v, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return v
		}
	case "!!float":
		if v, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return v
		}
	}
	return n.Value
}

func validate(t *testing.T, s *jsonschema.Schema, path string) error {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s.Validate(asJSON(&n))
}

// The schema in the repository is the one vanban generates (vanban schema).
func TestSchemaFileIsCurrent(t *testing.T) {
	committed, err := os.ReadFile("schema/vanban.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, vanban.SchemaJSON()) {
		t.Error("schema/vanban.schema.json is stale: run go run ./cmd/vanban schema > schema/vanban.schema.json")
	}
}

// Every example names the schema for editors and validates against it.
func TestExamplesValidateAgainstSchema(t *testing.T) {
	s := compileSchema(t)
	examples, _ := filepath.Glob("examples/*.yaml")
	if len(examples) < 2 {
		t.Fatal("no examples")
	}
	for _, ex := range examples {
		src, _ := os.ReadFile(ex)
		if !bytes.HasPrefix(src, []byte("# yaml-language-server: $schema=../schema/vanban.schema.json\n")) {
			t.Errorf("%s does not start with the yaml-language-server schema line", ex)
		}
		if err := validate(t, s, ex); err != nil {
			t.Errorf("%s: %v", ex, err)
		}
	}
}

// The schema rejects the catalogue's malformed inputs that a schema can see:
// unknown fields, wrong types, missing fields, values outside their enums or
// patterns. (Impossible dates, markup and file problems need vanban check.)
func TestSchemaRejectsBadInputs(t *testing.T) {
	s := compileSchema(t)
	schemaRules := map[string]bool{"yaml-unknown-field": true, "yaml-type": true, "yaml-required": true, "type-unsupported": true,
		"type-field": true, "type-no-form": true}
	patternFiles := map[string]bool{"date-slashes.yaml": true, "date-year-2.yaml": true, "deadline-hour-25.yaml": false,
		"column-bad-kind.yaml": true, "huge-width.yaml": true, "huge-blank-rows.yaml": true,
		"mark-urgency-old-tone.yaml": true, "copy-kind-invalid.yaml": true, "invitation-no-hour.yaml": true,
		"introduction-valid-until.yaml": true, "signed-at-invalid.yaml": true}
	f, err := os.Open("testdata/bad/want.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 || strings.HasPrefix(p[0], "#") {
			continue
		}
		file, rule := p[0], p[1]
		if !schemaRules[rule] && !patternFiles[file] {
			continue
		}
		if file == "missing-name-in-text.yaml" || file == "name-in-text-giay-moi.yaml" {
			continue // required only together with an appendix, or by the form's sentence: beyond the schema
		}
		checked++
		if err := validate(t, s, filepath.Join("testdata/bad", file)); err == nil {
			t.Errorf("%s (%s): the schema accepts it", file, rule)
		}
	}
	if checked < 15 {
		t.Errorf("only %d catalogue inputs checked against the schema", checked)
	}
}
