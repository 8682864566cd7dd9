package check

// The dated rules (docs/nd30.md §18): names of administrative units and
// agencies that ceased in the 2025 reorganisation, checked against the date
// the document bears. The facts are package admin's tables; this file finds
// the names in the text.

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/admin"
	"github.com/vanban-vn/vanban/nd30"
)

// Options say how DocumentWith checks a document.
type Options struct {
	// AsOf checks the document as if it were issued on this day (vanban
	// check --as-of); zero: the document's own date.
	AsOf time.Time
	// Now gives today, the date a document without one is checked at; nil:
	// the clock, in Vietnam's time zone.
	Now func() time.Time
}

// vietnam is UTC+7, without daylight saving: "today" is Vietnam's day.
var vietnam = time.FixedZone("ICT", 7*60*60)

type dateSource int

const (
	fromDocument dateSource = iota // the document's full date
	fromPartial                    // YYYY-MM or YYYY: its first day
	fromToday                      // no date: today
	fromAsOf                       // --as-of
)

// dated is what the dated rules share for one document: the day they apply
// at, where it came from, and the texts already split into words.
type dated struct {
	day   time.Time // midnight UTC of the day
	src   dateSource
	doc   nd30.Date
	words map[string][]token
}

func (o Options) dated(doc *vanban.Document) *dated {
	d := &dated{doc: doc.Date, words: map[string][]token{}}
	switch {
	case !o.AsOf.IsZero():
		d.day, d.src = dayOf(o.AsOf), fromAsOf
	case doc.Date.Year > 0:
		// A date without its day (left blank for registration) or month
		// counts from its first day: the earliest it can be issued.
		d.day = time.Date(doc.Date.Year, time.Month(max(doc.Date.Month, 1)), max(doc.Date.Day, 1), 0, 0, 0, 0, time.UTC)
		d.src = fromDocument
		if doc.Date.Month == 0 || doc.Date.Day == 0 {
			d.src = fromPartial
		}
	default:
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		d.day, d.src = dayOf(now().In(vietnam)), fromToday
	}
	return d
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func viDate(t time.Time) string { return nd30.ShortDate(t) }
func enDate(t time.Time) string { return t.Format(time.DateOnly) }

// note says how the day was chosen when it is not the document's own date.
func (d *dated) note() (vi, en string) {
	switch d.src {
	case fromPartial:
		written := strconv.Itoa(d.doc.Year)
		if d.doc.Month > 0 {
			written += fmt.Sprintf("-%02d", d.doc.Month)
		}
		return fmt.Sprintf(" (ngày văn bản %s được tính là ngày đầu tiên: %s)", written, viDate(d.day)),
			fmt.Sprintf(" (the document's date %s is taken as its first day, %s)", written, enDate(d.day))
	case fromToday:
		return fmt.Sprintf(" (văn bản không ghi ngày: kiểm tra theo ngày hôm nay, %s)", viDate(d.day)),
			fmt.Sprintf(" (the document has no date: checked as of today, %s)", enDate(d.day))
	case fromAsOf:
		return fmt.Sprintf(" (kiểm tra theo ngày %s, --as-of)", viDate(d.day)),
			fmt.Sprintf(" (checked as of %s, --as-of)", enDate(d.day))
	}
	return "", ""
}

// tokens splits a text into words, once per document.
func (d *dated) tokens(text string) []token {
	if t, ok := d.words[text]; ok {
		return t
	}
	t := tokenize(text)
	d.words[text] = t
	return t
}

// --- words ---

// token is a word of a text: its folded form and where it is.
type token struct {
	key        string // lower case, tone mark apart: "hòa" and "hoà" are one key
	start, end int    // byte offsets in the text
	upper      bool   // written with a capital letter
}

// Tone marks, whichever vowel carries them: folding moves them to the end of
// the key, so that the old placement (hoà, uỷ) and the new (hòa, ủy) match.
var toneMarks = map[rune]byte{'\u0300': '1', '\u0301': '2', '\u0303': '3', '\u0309': '4', '\u0323': '5'}

// fold returns a word's key: lower case, each letter decomposed (NFD) with
// its tone mark taken out and the tone written once at the end. Keys are only
// compared with keys, so they are not recomposed; each letter is decomposed
// on its own (the text is NFC, so a letter carries all its marks), which is
// a quarter of the cost of normalising the word twice.
func fold(word string) string {
	lower := strings.ToLower(word)
	ascii := true
	for i := 0; i < len(lower); i++ {
		ascii = ascii && lower[i] < utf8.RuneSelf
	}
	if ascii {
		return lower
	}
	key := make([]byte, 0, len(lower)+4)
	var tone byte
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		letter := lower[i : i+size]
		i += size
		if t, ok := toneMarks[r]; ok {
			tone = t
			continue
		}
		d := norm.NFD.PropertiesString(letter).Decomposition()
		if d == nil {
			key = append(key, letter...)
			continue
		}
		for _, m := range string(d) {
			if t, ok := toneMarks[m]; ok {
				tone = t
				continue
			}
			key = utf8.AppendRune(key, m)
		}
	}
	if tone != 0 {
		key = append(key, tone)
	}
	return string(key)
}

// Abbreviations written for whole names: "UBND" is "Ủy ban nhân dân",
// "TP." is "thành phố".
var expansions = func() map[string][]string {
	m := map[string][]string{}
	for abbr, full := range map[string]string{"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "tp": "thành phố", "tx": "thị xã"} {
		for _, w := range strings.Fields(full) {
			m[abbr] = append(m[abbr], fold(w))
		}
	}
	return m
}()

// Folded words the finders look for.
var (
	kCac, kCap, kHuyen, kPhong, kVan, kVa = fold("các"), fold("cấp"), fold("huyện"), fold("phòng"), fold("văn"), fold("và")
	// Words that end an office's name: "Phòng Nội vụ phối hợp với …".
	nameEnds = func() map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields("của tại với về cho các những để theo trên thuộc đã được có là phối đề báo thực gửi") {
			m[fold(w)] = true
		}
		return m
	}()
)

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '&'
}

func tokenize(text string) []token {
	var toks []token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		first, _ := utf8.DecodeRuneInString(text[start:])
		key, upper := fold(text[start:i]), unicode.IsUpper(first)
		if exp, ok := expansions[key]; ok {
			for _, k := range exp {
				toks = append(toks, token{k, start, i, upper})
			}
			continue
		}
		toks = append(toks, token{key, start, i, upper})
	}
	return toks
}

func keysOf(text string) []string {
	var keys []string
	for _, t := range tokenize(text) {
		keys = append(keys, t.key)
	}
	return keys
}

// hasKeys reports whether toks[i:] starts with keys.
func hasKeys(toks []token, i int, keys []string) bool {
	if i+len(keys) > len(toks) {
		return false
	}
	for j, k := range keys {
		if toks[i+j].key != k {
			return false
		}
	}
	return true
}

// separated reports whether punctuation stands between two words.
func separated(text string, a, b token) bool {
	if b.start <= a.end {
		return false // two words of one abbreviation: "TX" is "thị xã"
	}
	return strings.ContainsAny(text[a.end:b.start], ".,;:()[]\"“”\n")
}

// --- names ---

type phrase struct {
	keys   []string
	prov   *admin.Province
	agency *admin.Agency
}

// names are the tables turned into word sequences to look for.
type names struct {
	t         *admin.Tables
	ceased    map[string][]phrase // provinces and agencies that ceased, by first key
	cities    []phrase            // provincial-level cities (thành phố), by name alone
	councils  [][]string          // "ủy ban nhân dân", "hội đồng nhân dân"
	districts []districtWord
	orgWords  map[string]bool // words that start the name of another body
}

type districtWord struct {
	keys []string
	dt   *admin.DistrictType
	city bool // "thành phố": district-level only when not a provincial-level city
}

var tableNames = sync.OnceValue(func() *names {
	t := admin.Default()
	n := &names{t: t, ceased: map[string][]phrase{}, orgWords: map[string]bool{}}
	add := func(ph phrase) {
		if len(ph.keys) > 0 {
			n.ceased[ph.keys[0]] = append(n.ceased[ph.keys[0]], ph)
		}
	}
	for i := range t.Provinces {
		p := &t.Provinces[i]
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			if !p.Ceased.IsZero() {
				add(phrase{keys: keysOf(p.Kind + " " + name), prov: p})
			}
			if p.Kind == "thành phố" {
				n.cities = append(n.cities, phrase{keys: keysOf(name), prov: p})
			}
		}
	}
	for i := range t.Agencies {
		a := &t.Agencies[i]
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			add(phrase{keys: keysOf(name), agency: a})
		}
	}
	n.councils = [][]string{keysOf("ủy ban nhân dân"), keysOf("hội đồng nhân dân")}
	seen := map[string]bool{}
	for i := range t.DistrictTypes {
		dt := &t.DistrictTypes[i]
		if seen[dt.Written] {
			continue
		}
		seen[dt.Written] = true
		keys := keysOf(dt.Written)
		n.districts = append(n.districts, districtWord{keys: keys, dt: dt, city: dt.Written == "thành phố"})
	}
	for _, w := range strings.Fields("sở bộ ủy ban hội phòng cục chi văn trung thanh công viện tòa các đài báo trường bệnh kho") {
		n.orgWords[fold(w)] = true
	}
	return n
})

// longest returns the longest phrase at toks[i:], if any.
func (n *names) longest(toks []token, i int, keep func(phrase) bool) (phrase, bool) {
	var best phrase
	found := false
	for _, ph := range n.ceased[toks[i].key] {
		if keep(ph) && hasKeys(toks, i, ph.keys) && len(ph.keys) > len(best.keys) {
			best, found = ph, true
		}
	}
	return best, found
}

// cityAt reports whether toks[i:] names a provincial-level city on day.
func (n *names) cityAt(toks []token, i int, day time.Time) bool {
	for _, c := range n.cities {
		if c.prov.ExistsOn(day) && hasKeys(toks, i, c.keys) {
			return true
		}
	}
	return false
}

// nameRun counts the capitalised words (or numbers: "Quận 1") of a unit's
// name from toks[i], at most three, without punctuation between them.
func nameRun(text string, toks []token, i int) int {
	n := 0
	for k := i; k < len(toks) && n < 3; k++ {
		first, _ := utf8.DecodeRuneInString(text[toks[k].start:])
		if !toks[k].upper && !unicode.IsDigit(first) {
			break
		}
		if k > i && (separated(text, toks[k-1], toks[k]) || toks[k].start == toks[k-1].start) {
			break
		}
		n++
	}
	return n
}

// districtTypeAt finds a district-level unit type at toks[i:] ("huyện Cẩm
// Xuyên", "thị xã Kỳ Anh", "thành phố Hà Tĩnh" — not "thành phố Hà Nội"),
// with its name: the end of the span, or -1.
func (n *names) districtTypeAt(text string, toks []token, i int, day time.Time) (int, *admin.DistrictType) {
	for _, w := range n.districts {
		if day.Before(w.dt.Ceased) || !hasKeys(toks, i, w.keys) {
			continue
		}
		j := i + len(w.keys)
		run := nameRun(text, toks, j)
		if w.city && (run == 0 || n.cityAt(toks, j, day)) {
			return -1, nil // "UBND thành phố" alone is a provincial city's
		}
		return j + run, w.dt
	}
	return -1, nil
}

// districtAt finds a district-level body at toks[i:]: its People's
// Committee or Council ("UBND huyện …", "UBND các huyện, thị xã", "UBND cấp
// huyện") or one of their offices ("Phòng Giáo dục và Đào tạo huyện …").
func (n *names) districtAt(text string, toks []token, i int, day time.Time) (int, *admin.DistrictType) {
	for _, c := range n.councils {
		if !hasKeys(toks, i, c) {
			continue
		}
		j := i + len(c)
		if j < len(toks) && toks[j].key == kCac {
			j++
		}
		return n.districtLevelAt(text, toks, j, day)
	}
	if toks[i].key != kPhong || !toks[i].upper || (i > 0 && toks[i-1].key == kVan) || i+1 >= len(toks) || !toks[i+1].upper {
		return -1, nil
	}
	for k := i + 1; k < len(toks) && k < i+14; k++ {
		if separated(text, toks[k-1], toks[k]) || n.councilAt(toks, k) || nameEnds[toks[k].key] {
			break
		}
		if end, dt := n.districtLevelAt(text, toks, k, day); end > 0 {
			return end, dt
		}
	}
	return -1, nil
}

func (n *names) districtLevelAt(text string, toks []token, j int, day time.Time) (int, *admin.DistrictType) {
	if j+1 < len(toks) && toks[j].key == kCap && toks[j+1].key == kHuyen {
		for _, w := range n.districts {
			if w.keys[0] == kHuyen && !day.Before(w.dt.Ceased) {
				return j + 2, w.dt
			}
		}
	}
	return n.districtTypeAt(text, toks, j, day)
}

func (n *names) councilAt(toks []token, i int) bool {
	for _, c := range n.councils {
		if hasKeys(toks, i, c) {
			return true
		}
	}
	return false
}

// continues reports whether the name ending at toks[j-1] goes on into a
// longer one ("Sở Tài chính và Kế hoạch" is not "Sở Tài chính"): "và" or a
// dash, then a capitalised word that does not start another body.
func (n *names) continues(text string, toks []token, j int) bool {
	if j+1 >= len(toks) || separated(text, toks[j-1], toks[j]) {
		return false
	}
	gap := strings.TrimSpace(text[toks[j-1].end:toks[j].start])
	if toks[j].key == kVa && gap == "" {
		return toks[j+1].upper && !n.orgWords[toks[j+1].key]
	}
	return (gap == "-" || gap == "–" || gap == "—") && toks[j].upper && !n.orgWords[toks[j].key]
}

// --- where the rules look ---

// place is a text the dated rules read.
type place struct {
	text   string
	at     func(off int) vanban.Pos
	header bool // the agency block and the signer: a finding is an error
	body   bool // a sentence citing an older act is not flagged
}

// "Các Sở: Tư pháp, Kế hoạch và Đầu tư" names "Sở Kế hoạch và Đầu tư".
var unitList = lazyRegexp(`^(?i)\s*(?:các\s+)?(sở|bộ)(?:\s*,\s*ngành)?\s*:\s*(.+)$`)

func places(doc *vanban.Document) []place {
	fixed := func(p vanban.Pos) func(int) vanban.Pos { return func(int) vanban.Pos { return p } }
	var out []place
	for _, f := range []struct{ path, text string }{
		{"agency.parent", doc.Agency.Parent}, {"agency.name", doc.Agency.Name}, {"agency.name_in_text", doc.Agency.NameInText},
	} {
		out = append(out, place{text: f.text, at: fixed(doc.PosOf(f.path)), header: true})
	}
	for i, line := range doc.Signer.Title {
		p, ok := doc.Positions[fmt.Sprintf("signer.title[%d]", i)]
		if !ok {
			p = doc.PosOf("signer.title")
		}
		out = append(out, place{text: line, at: fixed(p), header: true})
	}
	out = append(out, place{text: doc.Subject, at: fixed(doc.PosOf("subject"))})
	list := func(text string, p vanban.Pos) {
		out = append(out, place{text: text, at: fixed(p)})
		if m := unitList().FindStringSubmatch(text); m != nil {
			kind := strings.ToUpper(m[1][:1]) + m[1][1:]
			for _, item := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ';' }) {
				if k := strings.Index(item, "("); k >= 0 {
					item = item[:k]
				}
				if item = strings.TrimSpace(item); item != "" {
					out = append(out, place{text: kind + " " + item, at: fixed(p)})
				}
			}
		}
	}
	for i, s := range doc.Recipients {
		p := doc.PosOf(fmt.Sprintf("recipients[%d]", i))
		if q, ok := doc.Positions["recipients"]; ok && len(doc.Recipients) == 1 {
			p = q
		}
		list(s, p)
	}
	for i, s := range doc.CC {
		list(s, doc.PosOf(fmt.Sprintf("cc[%d]", i)))
	}
	for i := range doc.Body {
		out = append(out, place{text: doc.Body[i].Source, at: doc.Body[i].PosAt, body: true})
	}
	return out
}

// hit is a name found in a text.
type hit struct {
	start, end int       // bytes
	ceased     time.Time // when what it names ceased
	name       string    // what it names, for telling repeats apart
	vi, en     string    // the message after the quoted name
}

// maxPerRule bounds the findings of one dated rule in one document: a
// pasted text can name an old unit thousands of times, and each position in
// a long paragraph costs a pass over it.
const maxPerRule = 100

// report runs a finder over every place and reports its hits.
func report(doc *vanban.Document, r *reporter, find func(d *dated, text string, toks []token) []hit) {
	d := r.dated
	seen := map[string]bool{}
	for _, pl := range places(doc) {
		if len(seen) >= maxPerRule {
			return
		}
		if strings.TrimSpace(pl.text) == "" {
			continue
		}
		for _, h := range find(d, pl.text, d.tokens(pl.text)) {
			if len(seen) >= maxPerRule || (pl.body && citesOlderAct(pl.text, h.start, h.end, h.ceased)) {
				continue
			}
			p := pl.at(h.start)
			key := fmt.Sprintf("%d:%d:%s", p.Line, p.Column, h.name)
			if seen[key] {
				continue
			}
			seen[key] = true
			quoted := pl.text[h.start:h.end]
			vi, en := fmt.Sprintf("%q %s", quoted, h.vi), fmt.Sprintf("%q %s", quoted, h.en)
			sev := Warning
			if pl.header {
				sev = Error
				vi += "; cơ quan ban hành và người ký không thể mang tên một đơn vị không còn vào ngày của văn bản"
				en += "; the issuing agency and the signer cannot name a unit that no longer existed on the document's date"
			}
			nvi, nen := d.note()
			r.found = append(r.found, Finding{File: doc.File, Pos: p, Severity: sev, Rule: r.rule.ID, Spec: r.rule.Spec, Msg: vi + nvi, MsgEN: en + nen})
		}
	}
}

// --- the rules ---

func checkDistrictAbolished(doc *vanban.Document, r *reporter) {
	n := tableNames()
	report(doc, r, func(d *dated, text string, toks []token) []hit {
		var hits []hit
		for i := 0; i < len(toks); i++ {
			end, dt := n.districtAt(text, toks, i, d.day)
			if end < 0 {
				continue
			}
			hits = append(hits, hit{start: toks[i].start, end: toks[end-1].end, ceased: dt.Ceased, name: text[toks[i].start:toks[end-1].end],
				vi: fmt.Sprintf("thuộc cấp huyện: từ ngày %s không còn đơn vị hành chính cấp huyện (%s); chỉ còn cấp tỉnh và cấp xã (xã, phường, đặc khu)", viDate(dt.Ceased), dt.Act.Number),
				en: fmt.Sprintf("is district-level: there are no district-level units from %s (%s); only the provincial and the commune level (xã, phường, đặc khu) remain", enDate(dt.Ceased), dt.Act.English())})
			i = end - 1
		}
		return hits
	})
}

func checkProvinceMerged(doc *vanban.Document, r *reporter) {
	n := tableNames()
	report(doc, r, func(d *dated, text string, toks []token) []hit {
		var hits []hit
		for i := 0; i < len(toks); i++ {
			ph, ok := n.longest(toks, i, func(ph phrase) bool { return ph.prov != nil && !d.day.Before(ph.prov.Ceased) })
			if !ok {
				continue
			}
			p, end := ph.prov, i+len(ph.keys)
			succ := n.t.SuccessorOn(*p, d.day)
			vi, en := "nay thuộc "+succ, "now part of "+succ
			if p.Change == "đổi" {
				vi, en = "nay là "+succ, "now "+succ
			}
			hits = append(hits, hit{start: toks[i].start, end: toks[end-1].end, ceased: p.Ceased, name: p.FullName(),
				vi: fmt.Sprintf("không còn từ ngày %s (%s): %s", viDate(p.Ceased), p.Act.Number, vi),
				en: fmt.Sprintf("ceased on %s (%s): %s", enDate(p.Ceased), p.Act.English(), en)})
			i = end - 1
		}
		return hits
	})
}

func checkAgencyRenamed(doc *vanban.Document, r *reporter) {
	n := tableNames()
	report(doc, r, func(d *dated, text string, toks []token) []hit {
		var hits []hit
		for i := 0; i < len(toks); i++ {
			ph, ok := n.longest(toks, i, func(ph phrase) bool { return ph.agency != nil && !d.day.Before(ph.agency.Ceased) })
			if !ok || n.continues(text, toks, i+len(ph.keys)) {
				continue
			}
			a, end := ph.agency, i+len(ph.keys)
			succ := strings.Join(a.Successors, ", ")
			vi, en := "nay là "+succ, "now "+succ
			if len(a.Successors) > 1 {
				vi, en = "nhiệm vụ chuyển sang "+succ, "its tasks went to "+succ
			}
			hits = append(hits, hit{start: toks[i].start, end: toks[end-1].end, ceased: a.Ceased, name: a.Name,
				vi: fmt.Sprintf("không còn từ ngày %s (%s): %s", viDate(a.Ceased), a.Act.Number, vi),
				en: fmt.Sprintf("ceased on %s (%s): %s", enDate(a.Ceased), a.Act.English(), en)})
			i = end - 1
		}
		return hits
	})
}

// --- citations of older acts ---

var (
	citedDate = lazyRegexp(`(\d{1,2})/(\d{1,2})/(\d{4})|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})`)
	citesAct  = lazyRegexp(`(?i)(?:^|\P{L})số\s*\d|\d+/[\p{Lu}Đ]`)
)

// citesOlderAct reports whether the clause around text[start:end] cites a
// document ("Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND huyện …")
// whose date — the one nearest the name — is before the day what the name
// names ceased: the name is that act's issuer as it was then.
func citesOlderAct(text string, start, end int, ceased time.Time) bool {
	a, b := sentence(text, start, end)
	s := text[a:b]
	if !citesAct().MatchString(s) {
		return false
	}
	best, bestDist := time.Time{}, -1
	for _, m := range citedDate().FindAllStringSubmatchIndex(s, -1) {
		g := 2
		if m[2] < 0 {
			g = 8
		}
		day, _ := strconv.Atoi(s[m[g]:m[g+1]])
		month, _ := strconv.Atoi(s[m[g+2]:m[g+3]])
		year, _ := strconv.Atoi(s[m[g+4]:m[g+5]])
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day || int(t.Month()) != month {
			continue
		}
		dist := max(a+m[0]-end, start-(a+m[1]), 0)
		if bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
	}
	return bestDist >= 0 && best.Before(ceased)
}

// sentence is the clause around text[start:end]: between full stops,
// commas, semicolons or line ends. A cited act and its issuer stand in one
// clause ("Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND huyện …").
func sentence(text string, start, end int) (int, int) {
	boundary := func(k int) bool {
		switch text[k] {
		case ';', ',', '!', '?', '\n':
			return true
		case '.':
			if k+1 < len(text) && text[k+1] != ' ' && text[k+1] != '\n' {
				return false // 1.000, ./.
			}
			w := strings.LastIndexFunc(text[:k], func(r rune) bool { return !unicode.IsLetter(r) })
			word := strings.ToLower(text[w+1 : k])
			return word != "tp" && word != "tx"
		}
		return false
	}
	a := start
	for a > 0 && !boundary(a-1) {
		a--
	}
	b := end
	for b < len(text) && !boundary(b) {
		b++
	}
	return a, b
}
