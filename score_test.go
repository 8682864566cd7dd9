package vanban_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/nd30"
)

const scoreDoc = `type: cong-van
agency: {name: SỞ NỘI VỤ, name_in_text: Sở Nội vụ}
code: SNV-VP
place: Hà Tĩnh
subject: báo cáo
body: Đề nghị./.
signer: {title: GIÁM ĐỐC, name: Lê Minh Đạo}
appendices:
  - title: BẢNG ĐIỂM
    columns:
      - {title: STT, kind: index}
      - {title: Tiêu chí}
      - {title: Điểm, kind: score, max: 10}
    rows:
      - [Tiêu chí 1, "SCORE"]
`

// A score is checked by one rule (nd30.ParseScore) whether it is written in
// the YAML or returned in a form: the same values fail, with the same
// words; the decoder adds the column (and the field path), the form reader
// the column (and the cell).
func TestScoreRuleIsShared(t *testing.T) {
	max, _ := nd30.ParseDecimal("10")
	dir := t.TempDir()
	for _, v := range []string{"1,2,3", "abc", "-1", "-0,5", "10,5", "12345678901,5", "0,12345", "10", "0", "2,75"} {
		t.Run(v, func(t *testing.T) {
			_, want := nd30.ParseScore(v, &max)

			_, err := vanban.Parse("t.yaml", []byte(strings.Replace(scoreDoc, "SCORE", v, 1)))
			csv := filepath.Join(dir, fmt.Sprintf("f%d.csv", len(v)))
			os.WriteFile(csv, []byte("STT,Tiêu chí,Điểm\n1,Tiêu chí 1,\""+v+"\"\n"), 0o644)
			_, ferr := form.ReadFile(csv, form.Spec{Columns: []vanban.Column{
				{Title: "STT", Kind: vanban.IndexColumn}, {Title: "Tiêu chí"}, {Title: "Điểm", Kind: vanban.ScoreColumn, Max: &max}}})
			if want == nil {
				if err != nil || ferr != nil {
					t.Fatalf("a good score is refused: %v / %v", err, ferr)
				}
				return
			}
			var list, flist vanban.ErrorList
			if !errors.As(err, &list) || len(list) != 1 || !errors.As(ferr, &flist) || len(flist) != 1 {
				t.Fatalf("want one error each, got %v / %v", err, ferr)
			}
			d, f := list[0], flist[0]
			if d.Rule != "table-score" || f.Rule != "table-score" {
				t.Errorf("rules %q / %q, want table-score", d.Rule, f.Rule)
			}
			if d.Msg != `cột "Điểm": `+want.Vi || d.MsgEN != `column "Điểm": `+want.En || d.Field != "appendices[0].rows[0][1]" {
				t.Errorf("decoder: %s | %s, want the column and %q", d.Error(), d.MsgEN, want.Vi)
			}
			if f.Msg != want.Vi+` (cột "Điểm")` || f.MsgEN != want.En+` (column "Điểm")` || f.Pos != (vanban.Pos{Line: 2, Column: 14}) {
				t.Errorf("form: %s | %s, want %q and the column, at 2:14", f.Error(), f.MsgEN, want.Vi)
			}
		})
	}
}

func TestParseScore(t *testing.T) {
	max, _ := nd30.ParseDecimal("2")
	tests := []struct {
		in      string
		problem nd30.ScoreProblem
		vi, en  string
	}{
		{"1,5", 0, "", ""},
		{"2", 0, "", ""},
		{"0", 0, "", ""},
		{"x", nd30.ScoreNotNumber, `"x" không phải là điểm: không phải số thập phân; cần một số như 0,5`, `"x" is not a score: not a decimal number`},
		{"0,12345", nd30.ScoreNotNumber, "quá 4 chữ số thập phân", "more than 4 decimal places"},
		{"-0,25", nd30.ScoreNegative, "điểm -0,25 âm", "score -0,25 is negative"},
		{"2,5", nd30.ScoreAboveMax, "điểm 2,5 lớn hơn điểm tối đa 2", "score 2,5 is above the maximum 2"},
		{strings.Repeat("9", 60), nd30.ScoreNotNumber, `"` + strings.Repeat("9", 40) + `…"`, "too large"},
	}
	for _, tt := range tests {
		d, err := nd30.ParseScore(tt.in, &max)
		switch {
		case tt.problem == 0 && err != nil:
			t.Errorf("%q: %v", tt.in, err)
		case tt.problem == 0 && d.String() != tt.in:
			t.Errorf("%q read as %s", tt.in, d)
		case tt.problem != 0 && (err == nil || err.Problem != tt.problem || !strings.Contains(err.Vi, tt.vi) || !strings.Contains(err.En, tt.en)):
			t.Errorf("%q: got %+v, want problem %d with %q / %q", tt.in, err, tt.problem, tt.vi, tt.en)
		}
	}
	if err := nd30.CheckScore(max, nil); err != nil {
		t.Errorf("no maximum: %v", err)
	}
}
