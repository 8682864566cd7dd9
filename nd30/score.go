package nd30

import (
	"fmt"
	"unicode/utf8"
)

// ScoreProblem is what is wrong with a score.
type ScoreProblem int

const (
	ScoreNotNumber ScoreProblem = iota + 1 // not a decimal number (or too long, too large)
	ScoreNegative                          // below 0
	ScoreAboveMax                          // above the column's maximum
)

// ScoreError says why a value cannot be a score of a column, in
// Vietnamese (Vi, Error) and English (En). It does not name the column or
// the place: each caller adds its own (a field path, a cell).
type ScoreError struct {
	Problem ScoreProblem
	Vi, En  string
}

func (e *ScoreError) Error() string { return e.Vi }

// ParseScore reads text as a score of a column whose maximum is maxScore (nil:
// none): a decimal number (ParseDecimal), not negative, not above maxScore. The
// rule is the same wherever a score is read — the YAML's rows and a
// returned form's cells.
func ParseScore(text string, maxScore *Decimal) (Decimal, *ScoreError) {
	d, err := ParseDecimal(text)
	if err != nil {
		why := localText{ErrNotDecimal.Vi, ErrNotDecimal.En}
		if de, ok := err.(*DecimalError); ok {
			why = localText{de.Vi, de.En}
		}
		q := shortText(text, 40)
		return Decimal{}, &ScoreError{ScoreNotNumber,
			fmt.Sprintf("%q không phải là điểm: %s; cần một số như 0,5 hoặc 12,75", q, why.vi),
			fmt.Sprintf("%q is not a score: %s; expected a number such as 0,5 or 12,75", q, why.en)}
	}
	return d, CheckScore(d, maxScore)
}

// CheckScore checks a number read as a score of a column whose maximum is
// maxScore (nil: none): not negative, not above it. It returns nil for a good
// score.
func CheckScore(d Decimal, maxScore *Decimal) *ScoreError {
	switch {
	case d.Sign() < 0:
		return &ScoreError{ScoreNegative, fmt.Sprintf("điểm %s âm", d), fmt.Sprintf("score %s is negative", d)}
	case maxScore != nil && d.Cmp(*maxScore) > 0:
		return &ScoreError{ScoreAboveMax, fmt.Sprintf("điểm %s lớn hơn điểm tối đa %s", d, maxScore), fmt.Sprintf("score %s is above the maximum %s", d, maxScore)}
	}
	return nil
}

type localText struct{ vi, en string }

// shortText cuts s to at most n characters, marking the cut.
func shortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
