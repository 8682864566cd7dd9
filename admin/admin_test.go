package admin_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vanban-vn/vanban/admin"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func tables(t *testing.T) *admin.Tables {
	t.Helper()
	tb, err := admin.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// Every row cites its legal act: a number, the public pages that state it,
// and its dates, or a note saying which date could not be verified.
func TestEveryRowCitesItsAct(t *testing.T) {
	tb := tables(t)
	check := func(what string, a admin.Act) {
		if !strings.HasPrefix(a.Number, "Nghị quyết ") && !strings.HasPrefix(a.Number, "Nghị định ") && !strings.HasPrefix(a.Number, "Luật ") {
			t.Errorf("%s: act %q is not a numbered resolution, decree or law", what, a.Number)
		}
		if len(a.Sources) == 0 {
			t.Errorf("%s: no source", what)
		}
		for _, s := range a.Sources {
			if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
				t.Errorf("%s: source %q is not a URL", what, s)
			}
		}
		if (a.Date.IsZero() || a.Effective.IsZero()) && !strings.Contains(a.Note, "chưa xác minh") && !strings.Contains(a.Note, "để trống") {
			t.Errorf("%s: a date of %s is blank and the note does not say why", what, a.Number)
		}
		if a.English() == a.Number {
			t.Errorf("%s: no English name for %q", what, a.Number)
		}
	}
	for _, p := range tb.Provinces {
		check(p.FullName(), p.Act)
	}
	for _, a := range tb.Agencies {
		check(a.Name, a.Act)
	}
	for _, d := range tb.DistrictTypes {
		check(d.Type, d.Act)
	}
	if len(tb.Agencies) < 6 || len(tb.DistrictTypes) != 5 {
		t.Errorf("%d agencies, %d district-level types", len(tb.Agencies), len(tb.DistrictTypes))
	}
}

// 63 provincial-level units before 2025, 34 from 1 July 2025 (28 provinces
// and 6 cities; Resolution 202/2025/QH15), still 34 after Đồng Nai became a
// city (30 April 2026).
func TestProvinceCounts(t *testing.T) {
	tb := tables(t)
	for _, c := range []struct {
		on                string
		all, tinh, cities int
	}{
		{"2024-12-31", 63, 58, 5},
		{"2025-01-01", 63, 57, 6}, // Thừa Thiên Huế became thành phố Huế
		{"2025-06-30", 63, 57, 6},
		{"2025-07-01", 34, 28, 6},
		{"2026-04-29", 34, 28, 6},
		{"2026-04-30", 34, 27, 7},
	} {
		got := tb.ProvincesOn(day(c.on))
		tinh := 0
		for _, p := range got {
			if p.Kind == "tỉnh" {
				tinh++
			}
		}
		if len(got) != c.all || tinh != c.tinh || len(got)-tinh != c.cities {
			t.Errorf("on %s: %d units (%d tỉnh), want %d (%d tỉnh, %d thành phố)", c.on, len(got), tinh, c.all, c.tinh, c.cities)
		}
	}
}

// Which former provinces each unit of 1 July 2025 absorbed, and every
// successor is a unit that exists on the day its predecessor ceased.
func TestMergers(t *testing.T) {
	tb := tables(t)
	want := map[string][]string{
		"tỉnh Tuyên Quang":      {"tỉnh Hà Giang"},
		"tỉnh Phú Thọ":          {"tỉnh Vĩnh Phúc", "tỉnh Hòa Bình"},
		"thành phố Hải Phòng":   {"tỉnh Hải Dương"},
		"tỉnh Ninh Bình":        {"tỉnh Hà Nam", "tỉnh Nam Định"},
		"thành phố Hồ Chí Minh": {"tỉnh Bình Dương", "tỉnh Bà Rịa - Vũng Tàu"},
		"thành phố Cần Thơ":     {"tỉnh Sóc Trăng", "tỉnh Hậu Giang"},
		"tỉnh Lâm Đồng":         {"tỉnh Đắk Nông", "tỉnh Bình Thuận"},
		"tỉnh Hà Tĩnh":          nil,
		"thành phố Hà Nội":      nil,
	}
	for unit, absorbed := range want {
		if got := tb.Absorbed(unit); !slices.Equal(got, absorbed) {
			t.Errorf("%s absorbed %q, want %q", unit, got, absorbed)
		}
	}
	merged := 0
	for _, p := range tb.Provinces {
		if p.Ceased.IsZero() {
			continue
		}
		s, ok := tb.Province(p.Successor)
		if !ok || !s.ExistsOn(p.Ceased) {
			t.Errorf("%s: successor %q does not exist on %s", p.FullName(), p.Successor, p.Ceased.Format(time.DateOnly))
		}
		if p.Change == "nhập" {
			merged++
		}
	}
	if merged != 29 {
		t.Errorf("%d provinces merged into others on 1 July 2025, want 29 (63 − 34)", merged)
	}
	bp, _ := tb.Province("tỉnh Bình Phước")
	for on, want := range map[string]string{"2025-08-01": "tỉnh Đồng Nai", "2026-05-01": "thành phố Đồng Nai"} {
		if got := tb.SuccessorOn(bp, day(on)); got != want {
			t.Errorf("successor of tỉnh Bình Phước on %s = %q, want %q", on, got, want)
		}
	}
}

func TestNamesAreUnique(t *testing.T) {
	tb := tables(t)
	seen := map[string]bool{}
	for _, p := range tb.Provinces {
		for _, n := range append([]string{p.FullName()}, p.Aliases...) {
			if seen[n] {
				t.Errorf("%q twice", n)
			}
			seen[n] = true
		}
	}
	for _, a := range tb.Agencies {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if seen[n] {
				t.Errorf("%q twice", n)
			}
			seen[n] = true
		}
	}
	if admin.Default() == nil {
		t.Fatal("Default")
	}
}
