package fonts

import (
	"fmt"
	"strings"
)

// vietnameseRepertoire returns what every face must draw: printable ASCII, every
// Vietnamese letter (precomposed, both cases) and the ellipsis the
// templates write for a part left blank. A family without them would draw
// the Quốc hiệu and every Vietnamese word with "?". It is made when a folder's
// family is checked, not when the package starts.
func vietnameseRepertoire() []rune {
	var rs []rune
	for r := rune(0x20); r <= 0x7E; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, []rune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư…")...)
	for r := rune(0x1EA0); r <= 0x1EF9; r++ { // Ạ … ỹ
		rs = append(rs, r)
	}
	return rs
}

// checkVietnamese reports a face of the family that lacks a character
// Vietnamese text needs, naming up to ten of them.
func (s *Set) checkVietnamese() error {
	repertoire := vietnameseRepertoire()
	for st, f := range s.faces {
		var missing []string
		for _, r := range repertoire {
			if !f.Has(r) {
				missing = append(missing, string(r))
			}
		}
		if len(missing) > 0 {
			more := ""
			if len(missing) > 10 {
				more = fmt.Sprintf(" và %d ký tự khác", len(missing)-10)
				missing = missing[:10]
			}
			return fmt.Errorf("phông %s %s không có chữ tiếng Việt: thiếu %s%s", s.Family, Style(st), strings.Join(missing, " "), more)
		}
	}
	return nil
}
