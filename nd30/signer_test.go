package nd30

import (
	"strings"
	"testing"
)

// docs/nd30.md §7: only TM., KT., TL., TUQ., Q. with a full stop; T/M, K/T are Party forms;
// TM. comes before KT.
func TestCheckAuthority(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		wantLine int    // -1: no problem
		wantText string // in the message
	}{
		{"plain title", []string{"GIÁM ĐỐC"}, -1, ""},
		{"KT. deputy", []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, -1, ""},
		{"TM. then KT.", []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, -1, ""},
		{"TL. then KT.", []string{"TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ PHÁP CHẾ", "PHÓ VỤ TRƯỞNG"}, -1, ""},
		{"TUQ.", []string{"TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"}, -1, ""},
		{"Q.", []string{"Q. GIÁM ĐỐC"}, -1, ""},
		{"lower case legal", []string{"kt. giám đốc", "phó giám đốc"}, -1, ""},
		{"Party K/T", []string{"K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, 0, `"KT."`},
		{"Party T/M", []string{"T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}, 0, `"TM."`},
		{"no full stop", []string{"KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, 0, `"KT."`},
		{"T/L on second line", []string{"TM. ỦY BAN NHÂN DÂN", "T/L CHỦ TỊCH"}, 1, `"TL."`},
		{"KT. before TM.", []string{"KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"}, 1, "phải đứng trước"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := CheckAuthority(tt.lines)
			if tt.wantLine < 0 {
				if len(problems) > 0 {
					t.Fatalf("unexpected problems: %+v", problems)
				}
				return
			}
			if len(problems) != 1 || problems[0].Line != tt.wantLine || !strings.Contains(problems[0].Msg, tt.wantText) {
				t.Fatalf("got %+v, want one problem on line %d containing %s", problems, tt.wantLine, tt.wantText)
			}
		})
	}
}
