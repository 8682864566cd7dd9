package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// Rules are the style rules, in the order they run.
var Rules = []Rule{
	{"code-case", "§4.3", checkCodeCase},
	{"code-spaces", "§4.3", checkCodeSpaces},
	{"code-year", "§4.3", checkCodeYear},
	{"subject-vv", "§3 row 9, §11.5", checkSubjectVV},
	{"list-punctuation", "§6, §9", checkListPunctuation},
	{"nhu-tren", "§9, §11.5", checkNhuTren},
	{"archive-vt", "§9", checkArchiveVT},
	{"signer-title", "§7", checkSignerHonorific},
	{"place-full-name", "§4.4, §15 rule 8", checkPlace},
	{"end-mark", "§5", checkEndMark},
	{"motto-dash", "§4.1", checkMottoDash},
	{"date-padding", "§4.4", checkDatePadding},
	{"weekday", "§15 rule 25", checkWeekday},
	{"deadline-order", "§4.4", checkDeadlines},
	{"capitalisation-org", "§15 rule 13", checkOrgCase},
	{"capitalisation-weekday", "§15 rule 25", checkWeekdayCase},
	{"capitalisation-citation", "§15 rule 22", checkCitationCase},
	{"spelling-hoa", "§4.1, §16.1", checkHoaSpelling},
	{"nfd-input", "§1", checkNFD},
}

// DatedRules depend on the day they apply at — the document's date, today
// for an undated one, or Options.AsOf: names of administrative units and
// agencies that had ceased by then (check/reorg.go, package admin's tables).
// In the agency block and the signer's title they are errors.
var DatedRules = []Rule{
	{"admin-district-abolished", "§18", checkDistrictAbolished},
	{"admin-province-merged", "§18", checkProvinceMerged},
	{"agency-renamed", "§18", checkAgencyRenamed},
}

// checkCodeCase: a ký hiệu is written in capitals, but for the
// abbreviations the Decree itself writes in mixed case (QyĐ, TTr, TrS;
// nd30.AbbrSpelling), which the suggestion spells its way (docs/nd30.md §14).
func checkCodeCase(doc *vanban.Document, r *reporter) {
	var want strings.Builder
	part := func(p string) {
		if spelled, ok := nd30.AbbrSpelling(p); ok {
			want.WriteString(spelled)
		} else {
			want.WriteString(strings.ToUpper(p))
		}
	}
	start := 0
	for i, c := range doc.Code {
		if c == '-' || c == '/' || c == '&' {
			part(doc.Code[start:i])
			want.WriteRune(c)
			start = i + 1
		}
	}
	part(doc.Code[start:])
	if s := want.String(); s != doc.Code {
		r.warn(doc.PosOf("code"),
			fmt.Sprintf("ký hiệu %q viết chữ in hoa: %q", doc.Code, s),
			fmt.Sprintf("the document symbol %q is written in capitals: %q", doc.Code, s))
	}
}

func checkCodeSpaces(doc *vanban.Document, r *reporter) {
	if strings.ContainsFunc(doc.Code, unicode.IsSpace) {
		r.warn(doc.PosOf("code"),
			fmt.Sprintf("ký hiệu %q không có dấu cách: %q", doc.Code, strings.Join(strings.Fields(doc.Code), "")),
			fmt.Sprintf("the document symbol %q has no spaces: %q", doc.Code, strings.Join(strings.Fields(doc.Code), "")))
	}
}

var yearInCode = lazyRegexp(`(^|[/-])(19|20)\d\d([/-]|$)`)

func checkCodeYear(doc *vanban.Document, r *reporter) {
	if yearInCode().MatchString(doc.Code) {
		r.warn(doc.PosOf("code"),
			fmt.Sprintf("ký hiệu %q có năm: văn bản hành chính không ghi năm trong ký hiệu (dạng 30/2020/NĐ-CP chỉ dùng cho văn bản quy phạm pháp luật)", doc.Code),
			fmt.Sprintf("the symbol %q carries a year: administrative documents do not (the 30/2020/NĐ-CP form is for legal normative documents)", doc.Code))
	}
}

func checkSubjectVV(doc *vanban.Document, r *reporter) {
	if strings.HasPrefix(lower(doc.Subject), "v/v") {
		r.warn(doc.PosOf("subject"),
			"trích yếu không cần viết \"V/v\": vanban tự thêm \"V/v\" đúng thể thức",
			"leave \"V/v\" out of the subject: vanban writes it in the prescribed form")
	}
}

func checkListPunctuation(doc *vanban.Document, r *reporter) {
	check := func(items []string, field string) {
		for i, s := range items {
			t := strings.TrimSpace(s)
			if strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".") || strings.HasPrefix(t, "-") {
				r.warn(doc.PosOf(fmt.Sprintf("%s[%d]", field, i)),
					fmt.Sprintf("%q: không gõ \"-\", \";\" hay \".\"; vanban tự đặt dấu theo Nghị định", t),
					fmt.Sprintf("%q: leave out \"-\", \";\" and \".\"; vanban punctuates the list as the decree requires", t))
			}
		}
	}
	if len(doc.Recipients) > 1 {
		check(doc.Recipients, "recipients")
	}
	check(doc.CC, "cc")
}

func isNhuTren(s string) bool {
	return strings.HasPrefix(lower(strings.TrimLeft(s, "- ")), "như trên")
}

func checkNhuTren(doc *vanban.Document, r *reporter) {
	for i, c := range doc.CC {
		if isNhuTren(c) && len(doc.Recipients) == 0 {
			r.warn(doc.PosOf(fmt.Sprintf("cc[%d]", i)),
				"\"Như trên\" chỉ dùng khi văn bản có \"Kính gửi\" (recipients)",
				"\"Như trên\" is used only when the document has \"Kính gửi\" recipients")
		}
	}
	if len(doc.Recipients) > 0 && (len(doc.CC) == 0 || !isNhuTren(doc.CC[0])) {
		p := doc.PosOf("cc")
		if len(doc.CC) > 0 {
			p = doc.PosOf("cc[0]")
		}
		r.warn(p,
			"Nơi nhận của văn bản có \"Kính gửi\" bắt đầu bằng \"Như trên\"",
			"the Nơi nhận list of a document with \"Kính gửi\" starts with \"Như trên\"")
	}
}

func checkArchiveVT(doc *vanban.Document, r *reporter) {
	a := strings.TrimSpace(doc.Archive)
	a = strings.TrimPrefix(a, "Lưu:")
	if a != "" && !strings.HasPrefix(strings.TrimSpace(a), "VT") {
		r.warn(doc.PosOf("archive"),
			fmt.Sprintf("dòng Lưu bắt đầu bằng \"VT\" (Văn thư): \"VT, %s\"", strings.TrimSpace(a)),
			fmt.Sprintf("the Lưu line starts with \"VT\" (records office): \"VT, %s\"", strings.TrimSpace(a)))
	}
}

var honorific = lazyRegexp(`^(?i)(TS|PGS|GS|ThS|KS|BS|CN|NCS)\.|^(Ông|Bà|Anh|Chị|Đồng chí|Đ/c)\s`)

func checkSignerHonorific(doc *vanban.Document, r *reporter) {
	if m := honorific().FindString(doc.Signer.Name); m != "" {
		r.warn(doc.PosOf("signer.name"),
			fmt.Sprintf("không ghi học hàm, học vị hay danh xưng %q trước tên người ký", strings.TrimSpace(m)),
			fmt.Sprintf("no academic title or honorific (%q) before the signer's name", strings.TrimSpace(m)))
	}
}

var shortCityName = lazyRegexp(`(?i)^(tp\.?|t\.p\.?|thành phố)\s*(hcm|hồ chí minh|hcmc)$|^(?i)tp\.?\s*\S`)

func checkPlace(doc *vanban.Document, r *reporter) {
	if shortCityName().MatchString(strings.TrimSpace(doc.Place)) && doc.Place != "Thành phố Hồ Chí Minh" {
		want := "Thành phố " + strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(doc.Place, "TP."), "Tp."), " ."))
		if strings.Contains(strings.ToLower(doc.Place), "hcm") || strings.Contains(strings.ToLower(doc.Place), "hồ chí minh") {
			want = "Thành phố Hồ Chí Minh"
		}
		r.warn(doc.PosOf("place"),
			fmt.Sprintf("địa danh viết đầy đủ, không viết tắt: %q", want),
			fmt.Sprintf("write the place name in full, not abbreviated: %q", want))
	}
}

func checkEndMark(doc *vanban.Document, r *reporter) {
	if len(doc.Body) == 0 {
		return
	}
	last := &doc.Body[len(doc.Body)-1]
	src := strings.TrimRight(last.Source, " *")
	if !strings.HasSuffix(src, "./.") {
		r.warn(last.PosAt(len(last.Source)),
			"nội dung văn bản kết thúc bằng dấu \"./.\"",
			"the body ends with the mark \"./.\"")
	}
}

var enDashMotto = lazyRegexp(`Độc lập\s*[–—]\s*Tự do`)

func checkMottoDash(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		if loc := enDashMotto().FindStringIndex(text); loc != nil {
			r.warn(at(loc[0]),
				"Tiêu ngữ dùng gạch nối \"-\" có cách chữ: \"Độc lập - Tự do - Hạnh phúc\"",
				"the motto uses a hyphen with spaces: \"Độc lập - Tự do - Hạnh phúc\"")
		}
	})
}

var (
	longDate  = lazyRegexp(`ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})`)
	shortDate = lazyRegexp(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
)

func checkDatePadding(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		for _, re := range []*regexp.Regexp{longDate(), shortDate()} {
			for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
				day, _ := strconv.Atoi(text[m[2]:m[3]])
				month, _ := strconv.Atoi(text[m[4]:m[5]])
				if month < 1 || month > 12 || day < 1 || day > 31 {
					continue
				}
				want := nd30.Day(day) + "/" + nd30.Month(month)
				got := text[m[2]:m[3]] + "/" + text[m[4]:m[5]]
				if got != want {
					r.warn(at(m[0]),
						fmt.Sprintf("ngày viết %q: ngày dưới 10 thêm số 0, chỉ tháng 1 và 2 thêm số 0 (viết %s)", text[m[0]:m[1]], want),
						fmt.Sprintf("date %q: days below 10 take a leading zero, only months 1 and 2 do (write %s)", text[m[0]:m[1]], want))
				}
			}
		}
	})
}

var dateWeekday = lazyRegexp(`(\d{1,2})/(\d{1,2})/(\d{4})\s*\((thứ\s+[^)]+|[Cc]hủ nhật|[Cc]hủ Nhật)\)`)

var weekdayWords = map[string]time.Weekday{
	"hai": time.Monday, "ba": time.Tuesday, "tư": time.Wednesday, "năm": time.Thursday, "sáu": time.Friday, "bảy": time.Saturday,
	"2": time.Monday, "3": time.Tuesday, "4": time.Wednesday, "5": time.Thursday, "6": time.Friday, "7": time.Saturday,
}

func checkWeekday(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		for _, m := range dateWeekday().FindAllStringSubmatchIndex(text, -1) {
			d, _ := strconv.Atoi(text[m[2]:m[3]])
			mo, _ := strconv.Atoi(text[m[4]:m[5]])
			y, _ := strconv.Atoi(text[m[6]:m[7]])
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if t.Day() != d || int(t.Month()) != mo {
				continue // not a real date; date checks are elsewhere
			}
			written := text[m[8]:m[9]]
			var wd time.Weekday
			if strings.HasPrefix(strings.ToLower(written), "chủ") {
				wd = time.Sunday
			} else {
				w, ok := weekdayWords[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(written, "thứ")))]
				if !ok {
					continue
				}
				wd = w
			}
			right := nd30.Weekday(t.Weekday())
			switch {
			case wd != t.Weekday():
				r.warn(at(m[0]),
					fmt.Sprintf("%s là %s, không phải %q", text[m[0]:m[7]], right, written),
					fmt.Sprintf("%s is a %s (%s), not %q", text[m[0]:m[7]], t.Weekday(), right, written))
			case written != right:
				r.warn(at(m[8]),
					fmt.Sprintf("thứ trong tuần viết bằng chữ, viết hoa chữ chỉ ngày: %q", right),
					fmt.Sprintf("write the weekday in words, the day word capitalised: %q", right))
			}
		}
	})
}

func checkDeadlines(doc *vanban.Document, r *reporter) {
	if doc.Date.Year == 0 {
		return
	}
	month, day := max(doc.Date.Month, 1), max(doc.Date.Day, 1)
	issued := time.Date(doc.Date.Year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	for id, dl := range doc.Deadlines {
		if dl.Date.Before(issued) {
			r.warn(doc.PosOf("deadlines."+id),
				fmt.Sprintf("thời hạn %q (%s) trước ngày ban hành văn bản", id, nd30.ShortDate(dl.Date)),
				fmt.Sprintf("deadline %q (%s) is before the document's date", id, nd30.ShortDate(dl.Date)))
		}
	}
}

// Go's \b knows only ASCII letters; these patterns mark word edges with
// (^|\P{L}) and (\P{L}|$) so that Vietnamese letters count as letters.
var orgTitleCase = lazyRegexp(`(?:^|\P{L})((?:Ủy|Uỷ) Ban Nhân Dân|Hội Đồng Nhân Dân|Bộ (?:tài chính|nội vụ|tư pháp|y tế|công an|quốc phòng|ngoại giao|giáo dục và đào tạo|xây dựng|công thương)|Sở (?:tài chính|nội vụ|tư pháp|y tế|xây dựng|công thương|giáo dục và đào tạo))(?:\P{L}|$)`)

func checkOrgCase(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		if !containsAny(text, "Nhân Dân", "Bộ ", "Sở ") {
			return
		}
		for _, m := range orgTitleCase().FindAllStringSubmatchIndex(text, -1) {
			loc := m[2:4]
			got := text[loc[0]:loc[1]]
			want := orgName(got)
			r.warn(at(loc[0]),
				fmt.Sprintf("tên cơ quan viết hoa chữ đầu của từ chỉ loại hình và lĩnh vực: %q, không phải %q", want, got),
				fmt.Sprintf("in an organisation's name only the words for its type and field are capitalised: %q, not %q", want, got))
		}
	})
}

// orgName rewrites a wrongly cased organisation name (docs/nd30.md §15 rule 13).
func orgName(s string) string {
	words := strings.Fields(s)
	switch words[0] {
	case "Ủy", "Uỷ", "Hội":
		return words[0] + " " + strings.ToLower(strings.Join(words[1:], " "))
	}
	field := []rune(strings.Join(words[1:], " "))
	field[0] = unicode.ToUpper(field[0])
	return words[0] + " " + string(field)
}

var weekdayCase = lazyRegexp(`(?:^|\P{L})([Tt]hứ) (hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)(?:\P{L}|$)`)

func checkWeekdayCase(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		if !strings.Contains(text, "hứ ") {
			return
		}
		for _, m := range weekdayCase().FindAllStringSubmatchIndex(text, -1) {
			thu, day := text[m[2]:m[3]], text[m[4]:m[5]]
			startOfSentence := m[2] == 0 || strings.HasSuffix(strings.TrimRight(text[:m[2]], " *("), ".")
			dayOK := day == strings.ToUpper(day[:1])+day[1:]
			thuOK := thu == "thứ" || startOfSentence
			if dayOK && thuOK {
				continue
			}
			right := "thứ " + strings.ToUpper(day[:1]) + day[1:]
			if r1 := []rune(day); len(r1) > 0 {
				right = "thứ " + string(unicode.ToUpper(r1[0])) + string(r1[1:])
			}
			r.warn(at(m[2]),
				fmt.Sprintf("viết %q, không phải %q (viết hoa chữ chỉ ngày)", right, text[m[2]:m[5]]),
				fmt.Sprintf("write %q, not %q (the day word is capitalised)", right, text[m[2]:m[5]]))
		}
	})
}

var citationCase = lazyRegexp(`[\p{Ll},] (Khoản|Điểm) (\d+|[a-zđ])(?:\P{L}|$)|(?:^|\P{L})(điều|chương) (\d+|[IVXLC]+)(?:\P{L}|$)`)

func checkCitationCase(doc *vanban.Document, r *reporter) {
	bodyTexts(doc, func(text string, at func(int) vanban.Pos) {
		if !containsAny(text, "Khoản", "Điểm", "điều", "chương") {
			return
		}
		for _, m := range citationCase().FindAllStringSubmatchIndex(text, -1) {
			start := m[0]
			var got, want string
			if m[2] >= 0 {
				start = m[2]
				got = text[m[2]:m[5]]
				want = strings.ToLower(text[m[2]:m[3]]) + text[m[3]:m[5]]
			} else {
				got = text[m[6]:m[9]]
				w := []rune(text[m[6]:m[7]])
				want = string(unicode.ToUpper(w[0])) + string(w[1:]) + text[m[7]:m[9]]
			}
			r.warn(at(start),
				fmt.Sprintf("khi dẫn văn bản, viết hoa Phần, Chương, Mục, Điều; khoản và điểm viết thường: %q, không phải %q", want, got),
				fmt.Sprintf("in citations Phần, Chương, Mục, Điều are capitalised and khoản, điểm are not: %q, not %q", want, got))
		}
	})
}

// Old-style tone placement (hoà, uỷ) against the new style of "CỘNG HÒA"
// in the Quốc hiệu; the decree asks for one spelling throughout. The
// pattern is the vowel pair at a word's end; the word's start is found by
// scanning back, which is far cheaper than a leading \p{L}* in the pattern.
var oldTone = lazyRegexp(`(?i)(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?:\P{L}|$)`)

func checkHoaSpelling(doc *vanban.Document, r *reporter) {
	reported := false
	check := func(text string, at func(int) vanban.Pos) {
		if reported {
			return
		}
		for _, loc := range oldTone().FindAllStringIndex(text, -1) {
			if loc[0] > 0 && (text[loc[0]-1] == 'q' || text[loc[0]-1] == 'Q') {
				continue // "quý", "quá": "qu" is one consonant, the tone is where it belongs
			}
			start := loc[0]
			for start > 0 {
				c, size := utf8.DecodeLastRuneInString(text[:start])
				if !unicode.IsLetter(c) {
					break
				}
				start -= size
			}
			reported = true
			word := strings.TrimRightFunc(text[start:loc[1]], func(c rune) bool { return !unicode.IsLetter(c) })
			r.warn(at(start),
				fmt.Sprintf("%q đặt dấu kiểu cũ, trong khi Quốc hiệu viết \"CỘNG HÒA\": viết thống nhất một kiểu (ví dụ \"hòa\", \"ủy\")", word),
				fmt.Sprintf("%q places the tone mark the old way while the Quốc hiệu writes \"CỘNG HÒA\": use one spelling throughout", word))
			return
		}
	}
	for _, f := range []string{"agency.parent", "agency.name", "agency.name_in_text", "subject", "place"} {
		text := map[string]string{"agency.parent": doc.Agency.Parent, "agency.name": doc.Agency.Name, "agency.name_in_text": doc.Agency.NameInText, "subject": doc.Subject, "place": doc.Place}[f]
		p := doc.PosOf(f)
		check(text, func(int) vanban.Pos { return p })
	}
	bodyTexts(doc, check)
}

func checkNFD(doc *vanban.Document, r *reporter) {
	if doc.NFD != nil {
		r.warn(*doc.NFD,
			"tệp có chữ Unicode dạng tổ hợp (NFD), đã được chuẩn hóa về dạng dựng sẵn (NFC); hãy lưu tệp ở dạng NFC để tìm kiếm, so khớp đúng",
			"the file has decomposed Unicode (NFD) text, normalised to NFC; save it as NFC so search and matching work")
	}
}

// containsAny reports whether text holds one of the literals that every
// match of a rule's pattern contains, so that the pattern runs only over
// text it could match.
func containsAny(text string, literals ...string) bool {
	for _, l := range literals {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}

// lazyRegexp compiles expr when a rule first needs it. Compiled at package
// init, the rules' Unicode-class expressions cost about a millisecond on
// every run of the command, `vanban --help` included; a render runs the
// rules beside its writers, so the compiling is off the critical path too.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
