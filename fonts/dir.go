package fonts

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/font/sfnt"

	"github.com/vanban-vn/vanban/nd30"
)

// LoadDir reads a family's four TrueType faces from a folder, for an office
// that holds a licence for Times New Roman and wants it embedded instead of
// Liberation Serif. It picks "Times New Roman" when present, else the one
// family found with all four styles.
func LoadDir(dir string) (*Set, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("thư mục phông chữ %s: %w", dir, err)
	}
	families := map[string]*Set{}
	var unusable []string // fonts named but not embeddable, with why
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".ttf") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("phông chữ %s: %w", path, err)
		}
		family, style, err := identify(data)
		if err != nil {
			continue // not a font we can use; the message below names what was found
		}
		face, err := Parse(data)
		if err != nil {
			// Another file may still complete the family; say why this one
			// was left out if none does.
			unusable = append(unusable, fmt.Sprintf("%s (%v)", e.Name(), err))
			continue
		}
		set := families[family]
		if set == nil {
			set = &Set{Family: family}
			families[family] = set
		}
		set.faces[style] = face
	}
	complete := func(s *Set) bool {
		for _, f := range s.faces {
			if f == nil {
				return false
			}
		}
		return true
	}
	if s := families[nd30.FontFamily]; s != nil && complete(s) {
		return vietnameseSet(dir, s)
	}
	var found, full []string
	for name, s := range families {
		var have []string
		for st, f := range s.faces {
			if f != nil {
				have = append(have, Style(st).String())
			}
		}
		found = append(found, name+" ("+strings.Join(have, ", ")+")")
		if complete(s) {
			full = append(full, name)
		}
	}
	sort.Strings(found)
	if len(full) == 1 {
		return vietnameseSet(dir, families[full[0]])
	}
	skipped := ""
	if len(unusable) > 0 {
		sort.Strings(unusable)
		skipped = "; không dùng được: " + strings.Join(unusable, "; ")
	}
	return nil, fmt.Errorf("thư mục phông chữ %s: cần đủ bốn kiểu Regular, Bold, Italic, Bold Italic của một họ phông (ưu tiên Times New Roman); tìm thấy: %s%s",
		dir, strings.Join(found, "; "), skipped)
}

// vietnameseSet returns s if its faces draw Vietnamese.
func vietnameseSet(dir string, s *Set) (*Set, error) {
	if err := s.checkVietnamese(); err != nil {
		return nil, fmt.Errorf("thư mục phông chữ %s: %w", dir, err)
	}
	return s, nil
}

// identify reads a face's family and style from its name table.
func identify(data []byte) (string, Style, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return "", 0, err
	}
	var buf sfnt.Buffer
	family, err := f.Name(&buf, sfnt.NameIDTypographicFamily)
	if err != nil || family == "" {
		if family, err = f.Name(&buf, sfnt.NameIDFamily); err != nil {
			return "", 0, err
		}
	}
	sub, err := f.Name(&buf, sfnt.NameIDTypographicSubfamily)
	if err != nil || sub == "" {
		if sub, err = f.Name(&buf, sfnt.NameIDSubfamily); err != nil {
			return "", 0, err
		}
	}
	sub = strings.ToLower(sub)
	bold := strings.Contains(sub, "bold")
	italic := strings.Contains(sub, "italic") || strings.Contains(sub, "oblique")
	return family, StyleOf(bold, italic), nil
}
