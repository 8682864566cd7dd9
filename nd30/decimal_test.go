package nd30

import "testing"

// Scores are written Vietnamese style, with a decimal comma (0,5 · 12,75).
func TestDecimalParseAndString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"0,5", "0,5"}, {"0.5", "0,5"}, {"12,75", "12,75"}, {"12.750", "12,75"}, {"3", "3"},
		{"3,0", "3"}, {"-1,25", "-1,25"}, {",5", "0,5"}, {"0", "0"}, {"007", "7"}, {"0,0625", "0,0625"},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		if got := d.String(); got != tt.want {
			t.Errorf("ParseDecimal(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecimalRejects(t *testing.T) {
	for _, in := range []string{"", "abc", "1,2,3", "1.2.3", "1,", "1e3", "0x10", "1 000", "12,34567", "1234567890", "--1", "1,5đ"} {
		if d, err := ParseDecimal(in); err == nil {
			t.Errorf("ParseDecimal(%q) = %v, want an error", in, d)
		}
	}
}

// Sums are exact: no binary floating point between the officer's scores and the total.
func TestDecimalAddIsExact(t *testing.T) {
	sum := Decimal{}
	for range 10 {
		d, _ := ParseDecimal("0,1")
		sum = sum.Add(d)
	}
	if sum.String() != "1" {
		t.Errorf("ten times 0,1 = %s, want 1", sum)
	}
	a, _ := ParseDecimal("12,75")
	b, _ := ParseDecimal("0,5")
	c, _ := ParseDecimal("2")
	if got := a.Add(b).Add(c).String(); got != "15,25" {
		t.Errorf("12,75 + 0,5 + 2 = %s, want 15,25", got)
	}
	if a.Cmp(b) != 1 || b.Cmp(a) != -1 || a.Cmp(a) != 0 {
		t.Errorf("Cmp is wrong")
	}
}
