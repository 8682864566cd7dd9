package vanban

import (
	"fmt"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Unit is a unit expected to return a form: its name as the consolidated
// appendix writes it, other names it may sign with, and the file names
// (glob patterns) its forms arrive under.
type Unit struct {
	Name    string
	Aliases []string
	Files   []string
}

// Units is the list given to `vanban merge --units`.
type Units []Unit

// ParseUnits reads a units file:
//
//	units:
//	  - name: Sở Tư pháp
//	    aliases: [STP, Tư pháp]
//	    files: ["so-tu-phap*.xlsx"]
func ParseUnits(file string, src []byte) (Units, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, ErrorList{{Rule: "yaml-syntax", File: file, Pos: yamlErrorPos(err), Msg: "lỗi cú pháp YAML: " + yamlErrorText(err), MsgEN: "YAML syntax error: " + yamlErrorText(err)}}
	}
	if len(root.Content) == 0 {
		return nil, ErrorList{{Rule: "yaml-empty", File: file, Pos: Pos{1, 1}, Msg: "tệp rỗng: cần danh sách units", MsgEN: "the file is empty: expected a list of units"}}
	}
	if n := expandedSize(root.Content[0], map[*yaml.Node]int{}); n > maxNodes {
		return nil, ErrorList{{Rule: "limit-alias", File: file, Pos: Pos{1, 1}, Msg: "tệp YAML mở rộng (anchor/alias) quá lớn", MsgEN: "the YAML expands (anchors/aliases) too far"}}
	}
	d := &decoder{file: file}
	var units Units
	d.mapping(root.Content[0], "", []field{{"units", true, func(v *yaml.Node, p string) {
		v = resolve(v)
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, p, "yaml-type", "cần danh sách các đơn vị, nhận %s", "expected a list of units, got %s", kindName(v))
			return
		}
		for i, n := range v.Content {
			var u Unit
			ip := fmt.Sprintf("%s[%d]", p, i)
			d.mapping(n, ip, []field{
				{"name", true, func(v *yaml.Node, p string) { u.Name = d.requiredLine(v, p, "tên đơn vị") }, nil},
				{"aliases", false, func(v *yaml.Node, p string) { u.Aliases = d.lineList(v, p) }, nil},
				{"files", false, func(v *yaml.Node, p string) {
					u.Files = d.lineList(v, p)
					for _, pat := range u.Files {
						if _, err := filepath.Match(pat, ""); err != nil {
							d.errorf(v, p, "units-file", "mẫu tên tệp %q không hợp lệ", "file name pattern %q is not valid", pat)
						}
					}
				}, nil},
			})
			units = append(units, u)
		}
	}, nil}})
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return units, nil
}
