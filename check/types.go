package check

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// The rules that know the document types (docs/nd30.md §14): each rule declares
// the types it applies to in RuleTypes, and runs only on those.

// TypeRules are the rules of particular types and of the marks; they run
// after Rules (they are appended to it).
var TypeRules = []Rule{
	{"code-type", "§4.3, §14", checkCodeType},
	{"can-cu-punctuation", "§3 row 11, §5", checkBasisPunctuation},
	{"noi-nhan-nhu-dieu", "§9, §14.2", checkNhuDieu},
	{"article-numbering", "§3 row 16, §5", checkArticleNumbering},
	{"bien-ban-signatures", "§7, §14.2", checkMinutesSignatures},
	{"bien-ban-archive", "§9, §14.2", checkMinutesArchive},
	{"invitation-weekday", "§15 rule 25, §14.2", checkInvitationWeekday},
	{"draft-numbered", "§16.8, §2.3", checkDraftNumbered},
	{"drafter-initials", "§3 row 30", checkDrafterInitials},
	{"contact-format", "§3 row 31", checkContact},
}

// typesOf lists the type IDs of some families of nd30's registry.
func typesOf(families ...nd30.Family) []string {
	var out []string
	for _, t := range nd30.DocumentTypes() {
		if slices.Contains(families, t.Family) {
			out = append(out, t.ID)
		}
	}
	return out
}

// allTypesBut lists every laid-out type but those of some families.
func allTypesBut(families ...nd30.Family) []string {
	var out []string
	for _, t := range nd30.DocumentTypes() {
		if t.Laid() && !slices.Contains(families, t.Family) {
			out = append(out, t.ID)
		}
	}
	return out
}

var decisions = typesOf(nd30.Resolution, nd30.Decision)

// RuleTypes declares, for each rule, the document types it applies to
// (type IDs of nd30's registry). A rule not listed applies to every type.
var RuleTypes = map[string][]string{
	// V/v is the công văn's (docs/nd30.md §3 row 9).
	"subject-vv": {"cong-van"},
	// "Như trên" answers a Kính gửi: công văn, and tờ trình and báo cáo sent
	// upward (docs/nd30.md §9); a giấy giới thiệu's "Như trên" answers its
	// "Được cử đến" (Mẫu 1.8).
	"nhu-tren": {"cong-van", "to-trinh", "bao-cao"},
	// Where vanban writes the form's closing line itself, the text does not end with ./.
	"end-mark":            allTypesBut(nd30.Minutes, nd30.Introduction, nd30.Leave, nd30.AppendixFile),
	"code-type":           allTypesBut(),
	"can-cu-punctuation":  decisions,
	"noi-nhan-nhu-dieu":   decisions,
	"bien-ban-signatures": {"bien-ban"},
	"bien-ban-archive":    {"bien-ban"},
	"invitation-weekday":  {"giay-moi"},
}

// AppliesTo reports whether a rule applies to a document type.
func AppliesTo(rule, docType string) bool {
	types, ok := RuleTypes[rule]
	return !ok || slices.Contains(types, docType)
}

func init() {
	Rules = append(Rules, TypeRules...)
	for i := range Rules {
		id, check := Rules[i].ID, Rules[i].check
		Rules[i].check = func(doc *vanban.Document, r *reporter) {
			if AppliesTo(id, doc.Type) {
				check(doc, r)
			}
		}
	}
}

// checkCodeType: the ký hiệu starts with the type's abbreviation, written as
// Phụ lục III writes it (QyĐ, TTr); a công văn's has none (docs/nd30.md §4.3, §14).
// A copy's starts with SY, TrS or SL; a separate file's parent's with the
// parent type's.
func checkCodeType(doc *vanban.Document, r *reporter) {
	t := doc.DocType()
	check := func(code, field string, want nd30.DocumentType, kind string) {
		got := nd30.SymbolAbbr(code)
		switch {
		case code == "" || got == want.Abbr:
		case strings.EqualFold(got, want.Abbr):
			r.warn(doc.PosOf(field),
				fmt.Sprintf("chữ viết tắt tên loại trong ký hiệu viết như Phụ lục III: %q, không phải %q", want.Abbr, got),
				fmt.Sprintf("write the type's abbreviation in the symbol as Appendix III does: %q, not %q", want.Abbr, got))
		default:
			fixed := want.Abbr + "-" + strings.TrimPrefix(strings.TrimPrefix(code, got), "-")
			vi, en := "", ""
			if o, ok := nd30.TypeByAbbr(got); ok {
				vi, en = " (của "+strings.ToLower(o.Name)+")", " (a "+strings.ToLower(o.Name)+"'s)"
			}
			r.warn(doc.PosOf(field),
				fmt.Sprintf("ký hiệu của %s bắt đầu bằng %q, không phải %q%s: %q", kind, want.Abbr+"-", got+"-", vi, fixed),
				fmt.Sprintf("the symbol of a %s starts with %q, not %q%s: %q", kind, want.Abbr+"-", got+"-", en, fixed))
		}
	}
	switch t.Symbol {
	case nd30.TypeAgency:
		check(doc.Code, "code", t, strings.ToLower(t.Name))
	case nd30.AgencyUnit:
		if o, ok := nd30.TypeByAbbr(nd30.SymbolAbbr(doc.Code)); ok {
			r.warn(doc.PosOf("code"),
				fmt.Sprintf("ký hiệu công văn không có chữ viết tắt tên loại: %q là của %s; viết <cơ quan>-<đơn vị soạn thảo>, ví dụ UBND-VX", nd30.SymbolAbbr(doc.Code), strings.ToLower(o.Name)),
				fmt.Sprintf("a công văn's symbol has no type abbreviation: %q is the %s's; write <agency>-<drafting unit>, e.g. UBND-VX", nd30.SymbolAbbr(doc.Code), strings.ToLower(o.Name)))
		}
	}
	if p := doc.AttachedTo; p != nil {
		if pt, ok := nd30.DocumentTypeOf(p.Type); ok && pt.Symbol == nd30.TypeAgency {
			check(p.Code, "attached_to.code", pt, strings.ToLower(pt.Name))
		}
	}
	if c := doc.Copy; c != nil && c.Code != "" {
		k := c.CopyKind()
		check(c.Code, "copy.code", nd30.DocumentType{Abbr: k.Abbr}, strings.ToLower(k.Name))
	}
}

// checkBasisPunctuation: vanban ends each căn cứ with ";" and the last with
// "."; what the author typed there, or a leading dash, is a mistake
// (docs/nd30.md §5: "a leading dash, upright text, a comma at the end").
func checkBasisPunctuation(doc *vanban.Document, r *reporter) {
	for i, b := range doc.Bases {
		t := strings.TrimSpace(b)
		if strings.HasPrefix(t, "-") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") {
			r.warn(doc.PosOf(fmt.Sprintf("can_cu[%d]", i)),
				fmt.Sprintf("căn cứ %q: không gõ \"-\" đầu dòng hay \";\", \".\", \",\" cuối dòng; vanban đặt \";\" sau mỗi căn cứ và \".\" sau căn cứ cuối", shortText(t)),
				fmt.Sprintf("legal basis %q: leave out a leading \"-\" and a final \";\", \".\" or \",\"; vanban ends each basis with \";\" and the last with \".\"", shortText(t)))
		}
	}
	if p := strings.TrimSpace(doc.Proposal); p != "" && (strings.HasSuffix(p, ";") || strings.HasSuffix(p, ".")) {
		r.warn(doc.PosOf("proposal"),
			"không gõ dấu cuối dòng \"Theo đề nghị của …\"; vanban đặt dấu \".\"",
			"leave the final mark of \"Theo đề nghị của …\" out; vanban ends it with \".\"")
	}
}

func shortText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

var nhuDieu = lazyRegexp(`^(?i:như điều)\s+(\d+)`)

// checkNhuDieu: the Nơi nhận of a decision opens with "Như Điều N", the
// article that names who carries it out, and N is one of its articles
// (docs/nd30.md §9, §14.2); "Như trên" answers a Kính gửi a decision does not have.
func checkNhuDieu(doc *vanban.Document, r *reporter) {
	if len(doc.CC) == 0 {
		r.warn(doc.PosOf("cc"),
			"Nơi nhận của quyết định, nghị quyết bắt đầu bằng \"Như Điều …\" (điều giao thi hành)",
			"the Nơi nhận of a decision opens with \"Như Điều …\" (the article naming who carries it out)")
		return
	}
	first := strings.TrimLeft(strings.TrimSpace(doc.CC[0]), "- ")
	m := nhuDieu().FindStringSubmatch(first)
	switch {
	case isNhuTren(first):
		r.warn(doc.PosOf("cc[0]"),
			"quyết định, nghị quyết không có \"Kính gửi\": Nơi nhận bắt đầu bằng \"Như Điều …\", không phải \"Như trên\"",
			"a decision has no \"Kính gửi\": its Nơi nhận opens with \"Như Điều …\", not \"Như trên\"")
	case m == nil:
		r.warn(doc.PosOf("cc[0]"),
			"Nơi nhận của quyết định, nghị quyết bắt đầu bằng \"Như Điều …\" (điều giao thi hành)",
			"the Nơi nhận of a decision opens with \"Như Điều …\" (the article naming who carries it out)")
	default:
		if n, _ := strconv.Atoi(m[1]); n < 1 || n > len(doc.Articles) {
			r.warn(doc.PosOf("cc[0]"),
				fmt.Sprintf("\"Như Điều %d\": văn bản chỉ có %d điều", n, len(doc.Articles)),
				fmt.Sprintf("\"Như Điều %d\": the document has only %d articles", n, len(doc.Articles)))
		}
	}
}

// checkArticleNumbering: articles typed in a text ("Điều 5. …" lines) run
// 1, 2, 3 … without a gap or a repeat, and the Chương run I, II, III …
// (docs/nd30.md §3 rows 12, 16, §5); a decision's articles are numbered by
// vanban, so their texts type none.
func checkArticleNumbering(doc *vanban.Document, r *reporter) {
	sequence := func(ps []vanban.Paragraph) {
		want, chapter := 1, 1
		for i := range ps {
			p := &ps[i]
			switch p.Kind {
			case vanban.ArticleParagraph:
				if n := vanban.ArticleNumber(p.Source); n != want {
					r.warn(p.Pos,
						fmt.Sprintf("điều đánh số liên tục: sau Điều %d là Điều %d, không phải Điều %d", want-1, want, n),
						fmt.Sprintf("articles are numbered without gaps: after Điều %d comes Điều %d, not Điều %d", want-1, want, n))
					want = n
				}
				want++
			case vanban.PartParagraph:
				f := strings.Fields(p.Source)
				if f[0] != "Chương" {
					continue
				}
				if got := f[1]; got != nd30.Roman(chapter) {
					r.warn(p.Pos,
						fmt.Sprintf("chương đánh số La Mã liên tục: Chương %s, không phải Chương %s", nd30.Roman(chapter), got),
						fmt.Sprintf("chapters are numbered in Roman numerals without gaps: Chương %s, not Chương %s", nd30.Roman(chapter), got))
				}
				chapter++
			}
		}
	}
	if len(doc.Articles) > 0 {
		for _, a := range doc.Articles {
			for i := range a.Body {
				if p := &a.Body[i]; p.Kind == vanban.ArticleParagraph {
					r.warn(p.Pos,
						"vanban tự đánh số \"Điều 1.\", \"Điều 2.\" … theo thứ tự trong articles; không gõ số điều trong nội dung",
						"vanban numbers \"Điều 1.\", \"Điều 2.\" … in the order of articles; do not type the number in the text")
				}
			}
		}
		if doc.Issues != nil {
			sequence(doc.Issues.Body)
		}
		return
	}
	sequence(doc.Body)
}

// checkMinutesSignatures: the secretary (THƯ KÝ) and the chair (CHỦ TỌA)
// sign with their names only, no academic title or honorific (docs/nd30.md §7).
func checkMinutesSignatures(doc *vanban.Document, r *reporter) {
	m := doc.Minutes
	if m == nil {
		return
	}
	for _, p := range []struct{ field, name string }{{"minutes.secretary.name", m.Secretary.Name}, {"minutes.chair.name", m.Chair.Name}} {
		if h := honorific().FindString(p.name); h != "" {
			r.warn(doc.PosOf(p.field),
				fmt.Sprintf("không ghi học hàm, học vị hay danh xưng %q trước tên người ký biên bản", strings.TrimSpace(h)),
				fmt.Sprintf("no academic title or honorific (%q) before the name of one who signs the minutes", strings.TrimSpace(h)))
		}
	}
}

// checkMinutesArchive: a biên bản is filed in its meeting's file: its Lưu
// line is "VT, Hồ sơ" (docs/nd30.md §9, Mẫu 1.9).
func checkMinutesArchive(doc *vanban.Document, r *reporter) {
	if a := strings.TrimSpace(doc.Archive); a != "" && !strings.Contains(strings.ToLower(a), "hồ sơ") {
		r.warn(doc.PosOf("archive"),
			fmt.Sprintf("dòng Lưu của biên bản là %q (Mẫu 1.9), không phải %q", nd30.MinutesArchive, a),
			fmt.Sprintf("the Lưu line of a biên bản is %q (Mẫu 1.9), not %q", nd30.MinutesArchive, a))
	}
}

var weekdayName = lazyRegexp(`(?i)thứ\s+(hai|ba|tư|năm|sáu|bảy)|chủ nhật`)

// checkInvitationWeekday: vanban writes the meeting's weekday from its date;
// a weekday typed in the invitation's other texts must be the same day,
// the meeting falls after the paper's date, and a meeting on a Saturday or
// Sunday is most often a mistyped date (docs/nd30.md §15 rule 25).
func checkInvitationWeekday(doc *vanban.Document, r *reporter) {
	inv := doc.Invitation
	if inv == nil || inv.Time.Date.IsZero() {
		return
	}
	day := inv.Time.Date
	right := nd30.Weekday(day.Weekday())
	for _, f := range []struct{ field, text string }{{"invitation.event", inv.Event}, {"invitation.place", inv.Place}, {"invitation.invitees", inv.Invitees}} {
		for _, m := range weekdayName().FindAllString(f.text, -1) {
			if strings.EqualFold(m, right) {
				continue
			}
			r.warn(doc.PosOf(f.field),
				fmt.Sprintf("%q trái với thời gian họp: %s là %s", m, nd30.ShortDate(day), right),
				fmt.Sprintf("%q contradicts the meeting's time: %s is a %s (%s)", m, nd30.ShortDate(day), day.Weekday(), right))
		}
	}
	if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		r.warn(doc.PosOf("invitation.time"),
			fmt.Sprintf("ngày họp %s là %s, ngày nghỉ: kiểm tra lại ngày", nd30.ShortDate(day), right),
			fmt.Sprintf("the meeting day %s is a %s, a day off: check the date", nd30.ShortDate(day), day.Weekday()))
	}
	if d := doc.Date; d.Year > 0 && d.Month > 0 && d.Day > 0 && day.Before(time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)) {
		r.warn(doc.PosOf("invitation.time"),
			fmt.Sprintf("ngày họp %s trước ngày của giấy mời", nd30.ShortDate(day)),
			fmt.Sprintf("the meeting day %s is before the invitation's date", nd30.ShortDate(day)))
	}
}

// checkDraftNumbered: the draft mark is a house convention (docs/nd30.md §16.8);
// a document with its number and full date is issued, not a draft:
// `vanban check --strict` refuses it.
func checkDraftNumbered(doc *vanban.Document, r *reporter) {
	if doc.Marks.Draft && doc.Number > 0 && doc.Date.Day > 0 {
		r.warn(doc.PosOf("draft"),
			"văn bản đã có số và ngày ban hành không còn là dự thảo: bỏ dấu DỰ THẢO (draft) trước khi ban hành",
			"a document with its number and date is issued, not a draft: remove the DỰ THẢO mark (draft) before issuing it")
	}
}

// checkDrafterInitials: ô 12 writes the drafter's initials in capitals
// (docs/nd30.md §3 row 30).
func checkDrafterInitials(doc *vanban.Document, r *reporter) {
	if s := doc.Marks.Drafter; s != "" && (strings.ToUpper(s) != s || strings.ContainsFunc(s, unicode.IsSpace)) {
		want := strings.ToUpper(strings.Join(strings.Fields(s), ""))
		r.warn(doc.PosOf("drafter.initials"),
			fmt.Sprintf("ký hiệu người soạn thảo viết in hoa, liền: %q", want),
			fmt.Sprintf("the drafter's initials are written in capitals, without spaces: %q", want))
	}
}

var phoneText = lazyRegexp(`^\+?[0-9][0-9 .()-]*$`)

// checkContact: ô 13's e-mail is an address, its telephone and fax numbers
// are digits (docs/nd30.md §3 row 31).
func checkContact(doc *vanban.Document, r *reporter) {
	c := doc.Contact
	if e := c.Email; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e || !strings.Contains(e[strings.Index(e, "@"):], ".") {
			r.warn(doc.PosOf("contact.email"),
				fmt.Sprintf("%q không phải địa chỉ thư điện tử (ví dụ snv@hatinh.gov.vn)", e),
				fmt.Sprintf("%q is not an e-mail address (e.g. snv@hatinh.gov.vn)", e))
		}
	}
	for _, f := range []struct{ field, v string }{{"contact.phone", c.Phone}, {"contact.fax", c.Fax}} {
		if f.v != "" && !phoneText().MatchString(f.v) {
			r.warn(doc.PosOf(f.field),
				fmt.Sprintf("%q: số điện thoại, fax chỉ gồm chữ số (ví dụ 0239 3855 123)", f.v),
				fmt.Sprintf("%q: telephone and fax numbers are digits (e.g. 0239 3855 123)", f.v))
		}
	}
}
