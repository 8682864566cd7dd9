package nd30

import (
	"fmt"
	"strings"
)

// authorityPrefixes are the prefixes a signer's title may start with (docs/nd30.md §7).
var authorityPrefixes = map[string]bool{"TM.": true, "KT.": true, "TL.": true, "TUQ.": true, "Q.": true}

// prefixMistakes maps forms seen in practice to the legal prefix. T/M, K/T
// and T/L are Party-document forms (HD 36-HD/VPTW) and are not used in state
// documents (docs/nd30.md §7, §11.6).
var prefixMistakes = map[string]string{
	"T/M": "TM.", "T.M": "TM.", "T.M.": "TM.", "TM": "TM.", "TM:": "TM.",
	"K/T": "KT.", "K.T": "KT.", "K.T.": "KT.", "KT": "KT.", "KT:": "KT.",
	"T/L": "TL.", "T.L": "TL.", "T.L.": "TL.", "TL": "TL.", "TL:": "TL.",
	"T/UQ": "TUQ.", "TUQ": "TUQ.", "T.U.Q.": "TUQ.", "TUQ:": "TUQ.",
	"Q": "Q.", "Q:": "Q.",
}

// AuthorityProblem is a mistake on one line of a signer's title.
type AuthorityProblem struct {
	Line  int // index into the title lines
	Msg   string
	MsgEN string
}

// CheckAuthority checks the authority prefixes of a signer's title lines:
// only TM., KT., TL., TUQ., Q., written with a full stop; TM. (on behalf of
// the collective) comes before any other prefix (Art. 13: TM. ỦY BAN NHÂN
// DÂN / KT. CHỦ TỊCH), while TL. then KT. is a legal delegation.
func CheckAuthority(lines []string) []AuthorityProblem {
	var problems []AuthorityProblem
	first := ""
	for i, line := range lines {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		word := strings.ToUpper(fields[0])
		if legal, bad := prefixMistakes[word]; bad {
			problems = append(problems, AuthorityProblem{i, fmt.Sprintf(
				"tiền tố %q không hợp lệ trong văn bản hành chính; dùng %q (Nghị định 30, Phụ lục I; T/M, K/T, T/L là thể thức văn bản của Đảng)", word, legal),
				fmt.Sprintf("prefix %q is not used in state administrative documents; write %q (Decree 30, Appendix I; T/M, K/T, T/L are Party-document forms)", word, legal)})
			continue
		}
		if !authorityPrefixes[word] {
			continue
		}
		if word == "TM." && first != "" {
			problems = append(problems, AuthorityProblem{i, fmt.Sprintf(
				"tiền tố \"TM.\" phải đứng trước %q (ví dụ TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH)", first),
				fmt.Sprintf("prefix \"TM.\" comes before %q (e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH)", first)})
		}
		if first == "" {
			first = word
		}
	}
	return problems
}
