// Package admin holds the dated tables of Vietnam's administrative units and
// agencies that the 2025 reorganisation changed (docs/nd30.md §18): the
// provincial-level units and which former provinces each absorbed
// (data/provinces.tsv), the departments and ministries that were merged or
// renamed (data/agencies.tsv), and the district-level unit types that ended
// (data/district_types.tsv).
//
// The tables are data, not code: one tab-separated file each, embedded in
// the binary, every row citing its legal act (number, date, effective date)
// and the public pages that state it. A fact that could not be verified is
// left out, or left blank with a note that says so.
package admin

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
	"time"
)

var (
	//go:embed data/provinces.tsv
	provincesTSV string
	//go:embed data/agencies.tsv
	agenciesTSV string
	//go:embed data/district_types.tsv
	districtTypesTSV string
)

// Act is the legal act a row rests on.
type Act struct {
	Number    string    // "Nghị quyết 202/2025/QH15"
	Date      time.Time // the day it was passed or signed; zero when not verified
	Effective time.Time // the day it took effect; zero when not verified
	Sources   []string  // public pages that state it (URLs)
	Note      string    // what the row's change was, and what could not be verified
}

// English names the act in English: "Resolution 202/2025/QH15".
func (a Act) English() string {
	for vi, en := range map[string]string{"Nghị quyết ": "Resolution ", "Nghị định ": "Decree ", "Luật ": "Law "} {
		if strings.HasPrefix(a.Number, vi) {
			return en + strings.TrimPrefix(a.Number, vi)
		}
	}
	return a.Number
}

// Province is a provincial-level unit: a province (tỉnh) or a centrally run
// city (thành phố trực thuộc trung ương).
type Province struct {
	Kind    string   // "tỉnh" or "thành phố"
	Name    string   // "Hà Giang"
	Aliases []string // other spellings of Name: "Bắc Cạn", "BR-VT"
	From    time.Time
	Ceased  time.Time // zero: still exists
	// Change says how it ceased: "nhập" (merged into Successor) or "đổi"
	// (became Successor).
	Change    string
	Successor string // full name: "tỉnh Tuyên Quang"
	Act       Act
}

// FullName is the kind and the name: "tỉnh Hà Giang".
func (p Province) FullName() string { return p.Kind + " " + p.Name }

// ExistsOn reports whether the unit existed on day d.
func (p Province) ExistsOn(d time.Time) bool {
	return (p.From.IsZero() || !d.Before(p.From)) && (p.Ceased.IsZero() || d.Before(p.Ceased))
}

// Agency is a department (sở) or ministry (bộ) that ceased.
type Agency struct {
	Level      string   // "sở", "bộ", "cơ quan ngang bộ"
	Name       string   // "Sở Kế hoạch và Đầu tư"
	Aliases    []string // "Sở KH&ĐT"
	Ceased     time.Time
	Successors []string // one, or several where its tasks were split
	Act        Act
}

// DistrictType is a kind of district-level unit.
type DistrictType struct {
	Type      string // "huyện", "thành phố thuộc tỉnh"
	Written   string // the word before a unit's name: "huyện", "thành phố"
	Ceased    time.Time
	Successor string // what took over its tasks
	Act       Act
}

// Tables are the three tables.
type Tables struct {
	Provinces     []Province
	Agencies      []Agency
	DistrictTypes []DistrictType
}

// Load parses the embedded tables.
func Load() (*Tables, error) {
	t := &Tables{}
	err := rows("provinces.tsv", provincesTSV, func(r row) error {
		p := Province{Kind: r.get("kind"), Name: r.get("name"), Aliases: r.list("aliases"),
			From: r.date("from"), Ceased: r.date("ceased"), Change: r.get("change"), Successor: r.get("successor"), Act: r.act()}
		if p.Kind != "tỉnh" && p.Kind != "thành phố" {
			return fmt.Errorf("kind %q: need tỉnh or thành phố", p.Kind)
		}
		if !p.Ceased.IsZero() && (p.Successor == "" || (p.Change != "nhập" && p.Change != "đổi")) {
			return fmt.Errorf("%s ceased: need its successor and change (nhập or đổi)", p.FullName())
		}
		t.Provinces = append(t.Provinces, p)
		return r.err
	})
	if err == nil {
		err = rows("agencies.tsv", agenciesTSV, func(r row) error {
			a := Agency{Level: r.get("level"), Name: r.get("name"), Aliases: r.list("aliases"),
				Ceased: r.date("ceased"), Successors: r.list("successors"), Act: r.act()}
			if a.Ceased.IsZero() || len(a.Successors) == 0 {
				return fmt.Errorf("%s: need the date it ceased and its successors", a.Name)
			}
			t.Agencies = append(t.Agencies, a)
			return r.err
		})
	}
	if err == nil {
		err = rows("district_types.tsv", districtTypesTSV, func(r row) error {
			d := DistrictType{Type: r.get("type"), Written: r.get("written"), Ceased: r.date("ceased"), Successor: r.get("successor"), Act: r.act()}
			if d.Ceased.IsZero() || d.Written == "" {
				return fmt.Errorf("%s: need the date it ceased and how it is written", d.Type)
			}
			t.DistrictTypes = append(t.DistrictTypes, d)
			return r.err
		})
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

var loaded = sync.OnceValues(Load)

// Default is the embedded tables, parsed once. The tables are part of the
// program, so a malformed one is a bug (admin's tests parse them).
func Default() *Tables {
	t, err := loaded()
	if err != nil {
		panic("admin: " + err.Error())
	}
	return t
}

// ProvincesOn lists the provincial-level units that existed on day d.
func (t *Tables) ProvincesOn(d time.Time) []Province {
	var out []Province
	for _, p := range t.Provinces {
		if p.ExistsOn(d) {
			out = append(out, p)
		}
	}
	return out
}

// Province finds a unit by its full name ("tỉnh Hà Giang").
func (t *Tables) Province(fullName string) (Province, bool) {
	for _, p := range t.Provinces {
		if p.FullName() == fullName {
			return p, true
		}
	}
	return Province{}, false
}

// SuccessorOn is the unit that stands for p on day d: p's successor, or
// that successor's own successor when it too had ceased by d (tỉnh Bình
// Phước → tỉnh Đồng Nai → thành phố Đồng Nai).
func (t *Tables) SuccessorOn(p Province, d time.Time) string {
	s := p.Successor
	for range len(t.Provinces) {
		next, ok := t.Province(s)
		if !ok || next.Ceased.IsZero() || d.Before(next.Ceased) {
			break
		}
		s = next.Successor
	}
	return s
}

// Absorbed lists the units that ceased by merging into the unit named
// fullName ("tỉnh Bắc Ninh" absorbed "tỉnh Bắc Giang").
func (t *Tables) Absorbed(fullName string) []string {
	var out []string
	for _, p := range t.Provinces {
		if p.Change == "nhập" && p.Successor == fullName {
			out = append(out, p.FullName())
		}
	}
	return out
}

// row is one line of a table, by column name.
type row struct {
	cols map[string]int
	rec  []string
	err  error
}

func (r *row) get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		r.err = fmt.Errorf("no column %q", col)
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

func (r *row) list(col string) []string {
	var out []string
	for _, s := range strings.Split(r.get(col), ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r *row) date(col string) time.Time {
	s := r.get(col)
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("column %s: %q is not a date YYYY-MM-DD", col, s)
	}
	return d
}

func (r *row) act() Act {
	return Act{Number: r.get("act"), Date: r.date("act_date"), Effective: r.date("effective"),
		Sources: strings.Fields(r.get("sources")), Note: r.get("note")}
}

// rows reads a tab-separated table with a header line; lines starting with
// # are comments.
func rows(name, data string, each func(row) error) error {
	rd := csv.NewReader(strings.NewReader(data))
	rd.Comma, rd.Comment, rd.LazyQuotes = '\t', '#', true
	recs, err := rd.ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) < 2 {
		return fmt.Errorf("%s: no rows", name)
	}
	cols := map[string]int{}
	for i, c := range recs[0] {
		cols[c] = i
	}
	for i, rec := range recs[1:] {
		if err := each(row{cols: cols, rec: rec}); err != nil {
			return fmt.Errorf("%s row %d: %w", name, i+1, err)
		}
	}
	return nil
}
