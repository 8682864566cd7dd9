package form

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	vanban "github.com/vanban-vn/vanban"
)

// Roster is who is expected to return a form, in the order the
// consolidated appendix lists them: the units file (`--units`) when there is
// one, else the document's recipients.
type Roster struct {
	units []vanban.Unit
}

// NewRoster is the roster of units, or — when there are none — of the
// recipients, with each recipient line that names several units ("Các Sở:
// Tư pháp, Tài chính") counted as those units (ExpandRecipients).
func NewRoster(units []vanban.Unit, recipients []string) *Roster {
	if len(units) > 0 {
		return &Roster{units: units}
	}
	r := &Roster{}
	for _, name := range ExpandRecipients(recipients) {
		r.units = append(r.units, vanban.Unit{Name: name})
	}
	return r
}

// Names lists the expected units in order.
func (r *Roster) Names() []string {
	names := make([]string, len(r.units))
	for i, u := range r.units {
		names[i] = u.Name
	}
	return names
}

// Resolve names the unit of a returned file: by its file name pattern, else
// by the name the form gives (or an alias of it, spelled as the roster
// spells it), else by the name as given, else by the file's own name.
func (r *Roster) Resolve(file, named string) string {
	base := filepath.Base(file)
	for _, u := range r.units {
		for _, pat := range u.Files {
			if ok, _ := filepath.Match(pat, base); ok {
				return u.Name
			}
		}
	}
	if named == "" {
		return strings.TrimSuffix(base, filepath.Ext(base))
	}
	if i := r.index(named); i >= 0 {
		return r.units[i].Name
	}
	return named
}

// same reports whether a and b name one unit: by name or alias in the
// roster, or written alike.
func (r *Roster) same(a, b string) bool {
	if vanban.TitleKey(a) == vanban.TitleKey(b) {
		return true
	}
	i := r.index(a)
	return i >= 0 && i == r.index(b)
}

// index is where a unit stands in the roster, by name or alias, or -1.
func (r *Roster) index(name string) int {
	key := vanban.TitleKey(name)
	for i, u := range r.units {
		if vanban.TitleKey(u.Name) == key {
			return i
		}
		for _, a := range u.Aliases {
			if vanban.TitleKey(a) == key {
				return i
			}
		}
	}
	return -1
}

// recipientGroup is a recipient line naming several units of one kind:
// "Các Sở: Tư pháp, Tài chính, Kế hoạch và Đầu tư".
var recipientGroup = regexp.MustCompile(`^(?i:các)\s+([^,:;()]+?)\s*:\s*(.+)$`)

// trailingNote is a remark after a recipient: "(để thực hiện)", "(b/c)".
var trailingNote = regexp.MustCompile(`\s*\([^()]*\)\s*$`)

// ExpandRecipients lists the units the recipient lines name. A line "Các
// <kind>: A, B, C" names "<Kind> A", "<Kind> B", "<Kind> C" (the kind
// capitalised: "Các phòng: CCVC" → "Phòng CCVC"); when the kind is a generic
// word ("đơn vị", "cơ quan") the items are the names. Items are separated by
// commas or semicolons, so "Kế hoạch và Đầu tư" stays one. A remark in
// brackets at the end of a line is not part of a name. Any other line is one
// unit as written.
func ExpandRecipients(lines []string) []string {
	var out []string
	for _, line := range lines {
		line = strings.TrimRight(strings.TrimSpace(trailingNote.ReplaceAllString(line, "")), ";.")
		m := recipientGroup.FindStringSubmatch(line)
		if m == nil {
			if line != "" {
				out = append(out, line)
			}
			continue
		}
		kind := capitalise(strings.TrimSpace(m[1]))
		generic := map[string]bool{"đơn vị": true, "cơ quan": true, "cơ quan, đơn vị": true}[vanban.TitleKey(kind)]
		for _, item := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ';' }) {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			if generic {
				out = append(out, item)
			} else {
				out = append(out, kind+" "+item)
			}
		}
	}
	return out
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
