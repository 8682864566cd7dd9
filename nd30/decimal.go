package nd30

import (
	"strconv"
	"strings"
)

// MaxScale is the most digits a score may have after the decimal separator.
const MaxScale = 4

// MaxIntegerDigits bounds a score's whole part (below 10^9), so that with
// MaxScale the sum of 100,000 rows stays far inside int64.
const MaxIntegerDigits = 9

// Decimal is an exact decimal number, as scores are written and summed
// (never through binary floating point: 0,1 + 0,2 is 0,3).
type Decimal struct {
	units int64 // value × 10^scale
	scale int   // digits after the separator, 0–MaxScale
}

// DecimalError says why text is not a score, in Vietnamese (Error) and English.
type DecimalError struct{ Vi, En string }

func (e *DecimalError) Error() string { return e.Vi }

// ErrNotDecimal is returned for text that is not a decimal number.
var ErrNotDecimal = &DecimalError{"không phải số thập phân", "not a decimal number"}

// ParseDecimal reads "12,75", "12.75", "-0,5" or "3". Either a comma or a
// point may separate the decimals; thousands separators are not accepted,
// because "1.234" would be ambiguous.
func ParseDecimal(s string) (Decimal, error) {
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexAny(s, ",."); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
		if frac == "" {
			return Decimal{}, ErrNotDecimal
		}
	}
	if intPart == "" && frac == "" {
		return Decimal{}, ErrNotDecimal
	}
	if intPart == "" {
		intPart = "0"
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return Decimal{}, ErrNotDecimal
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > MaxScale {
		return Decimal{}, &DecimalError{"quá " + strconv.Itoa(MaxScale) + " chữ số thập phân", "more than " + strconv.Itoa(MaxScale) + " decimal places"}
	}
	if len(strings.TrimLeft(intPart, "0")) > MaxIntegerDigits {
		return Decimal{}, &DecimalError{"số quá lớn (tối đa " + strconv.Itoa(MaxIntegerDigits) + " chữ số phần nguyên)", "too large (at most " + strconv.Itoa(MaxIntegerDigits) + " digits before the separator)"}
	}
	var u int64
	if digits := strings.TrimLeft(intPart+frac, "0"); digits != "" {
		var err error
		if u, err = strconv.ParseInt(digits, 10, 64); err != nil {
			return Decimal{}, ErrNotDecimal
		}
	}
	if neg {
		u = -u
	}
	return Decimal{units: u, scale: len(frac)}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// Add returns d + e, exactly, keeping the larger scale.
func (d Decimal) Add(e Decimal) Decimal {
	for d.scale < e.scale {
		d.units, d.scale = d.units*10, d.scale+1
	}
	for e.scale < d.scale {
		e.units, e.scale = e.units*10, e.scale+1
	}
	return Decimal{units: d.units + e.units, scale: d.scale}
}

// Cmp compares d and e: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int {
	diff := d.Add(Decimal{units: -e.units, scale: e.scale})
	switch {
	case diff.units < 0:
		return -1
	case diff.units > 0:
		return 1
	}
	return 0
}

// String writes the number Vietnamese style, with a decimal comma and no
// trailing zeros: 0,5 · 12,75 · 3.
func (d Decimal) String() string {
	u := d.units
	sign := ""
	if u < 0 {
		sign, u = "-", -u
	}
	p := pow10(d.scale)
	whole, frac := u/p, u%p
	if frac == 0 {
		return sign + strconv.FormatInt(whole, 10)
	}
	fs := strconv.FormatInt(frac, 10)
	fs = strings.Repeat("0", d.scale-len(fs)) + fs
	return sign + strconv.FormatInt(whole, 10) + DecimalSeparator + strings.TrimRight(fs, "0")
}

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.units < 0:
		return -1
	case d.units > 0:
		return 1
	}
	return 0
}

// Float returns the value as a float64, for measures (never for sums).
func (d Decimal) Float() float64 { return float64(d.units) / float64(pow10(d.scale)) }
