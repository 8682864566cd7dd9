package vanban

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vanban-vn/vanban/nd30"
)

// The fields only some types have, and which type has which
// (docs/nd30.md §14.1). The type is known only once the whole mapping is read
// (`type:` may come last), so every field is decoded as it comes and
// typeFieldUse then rejects the fields the type does not use and asks for
// the ones it needs.

// Use says whether a type uses a top-level field.
type Use int

const (
	Unused Use = iota
	Optional
	Required
)

// fieldOrder is the order of the top-level fields, for messages and the schema.
var fieldOrder = []string{
	"type", "size_set", "agency", "number", "code", "place", "date", "subject",
	"secrecy", "urgency", "circulation", "draft",
	"recipients", "issuer", "authority", "can_cu", "proposal", "articles", "issues",
	"invitation", "introduction", "minutes", "leave",
	"deadlines", "body", "signer", "cc", "archive", "drafter", "contact",
	"appendices", "attached_to", "signed_at", "copy",
}

// typeFieldsOf is TypeFields, computed once per type for the decoder.
var typeFieldsOf = sync.OnceValue(func() map[string][2]map[string]Use {
	m := map[string][2]map[string]Use{}
	for _, t := range nd30.DocumentTypes() {
		m[t.ID] = [2]map[string]Use{TypeFields(t, false), TypeFields(t, true)}
	}
	return m
})

// TypeFields says which top-level fields a type uses; attached is whether
// the file holds the document issued with a decision, in a file of its own
// (attached_to given: Mẫu 1.3, the electronic form).
func TypeFields(t nd30.DocumentType, attached bool) map[string]Use {
	u := map[string]Use{
		"type": Required, "size_set": Optional, "agency": Required, "number": Optional, "code": Required,
		"place": Required, "date": Optional, "subject": Required, "deadlines": Optional, "body": Required,
		"signer": Required, "cc": Optional, "archive": Optional, "appendices": Optional, "copy": Optional,
		"secrecy": Optional, "urgency": Optional, "circulation": Optional, "drafter": Optional,
		"contact": Optional, "draft": Optional,
	}
	if t.Boxes.Has(nd30.Box9a) {
		u["recipients"] = Optional
	}
	switch t.Family {
	case nd30.Resolution, nd30.Decision:
		delete(u, "body")
		u["authority"], u["can_cu"], u["proposal"], u["articles"] = Required, Optional, Optional, Required
		if t.Family == nd30.Decision {
			u["issues"] = Optional
		}
	case nd30.Typed:
		u["attached_to"] = Optional
		if attached {
			for _, f := range []string{"number", "code", "place", "date", "signer", "cc", "archive", "recipients", "copy", "drafter"} {
				delete(u, f)
			}
			u["attached_to"], u["signed_at"] = Required, Optional
		}
	case nd30.Telegram:
		u["issuer"], u["recipients"] = Required, Required
	case nd30.Invitation:
		u["invitation"], u["body"] = Required, Optional
	case nd30.Introduction:
		delete(u, "subject")
		delete(u, "body")
		u["introduction"] = Required
	case nd30.Minutes:
		delete(u, "place")
		delete(u, "signer")
		u["minutes"] = Required
	case nd30.Leave:
		delete(u, "subject")
		delete(u, "body")
		u["leave"] = Required
	case nd30.AppendixFile:
		u = map[string]Use{"type": Required, "size_set": Optional, "agency": Optional, "place": Optional, "date": Optional,
			"attached_to": Required, "signed_at": Optional, "appendices": Required}
	}
	return u
}

// typeFieldUse reports the fields doc's type does not use, and the ones it
// needs that are missing (n is the document's mapping).
func (d *decoder) typeFieldUse(doc *Document, n *yaml.Node, keys map[string]*yaml.Node) {
	t, ok := nd30.DocumentTypeOf(doc.Type)
	if !ok || !t.Laid() {
		return
	}
	_, attached := keys["attached_to"]
	uses := typeFieldsOf()[t.ID][0]
	if attached && t.Family == nd30.Typed {
		uses = typeFieldsOf()[t.ID][1]
	}
	what, form := strings.ToLower(t.Name), t.Form
	switch {
	case t.Family == nd30.AppendixFile:
		what = "tệp phụ lục riêng"
	case attached && t.Family == nd30.Typed:
		form = "1.3" // the document a decision issues
	}
	for _, name := range fieldOrder {
		k, present := keys[name]
		switch {
		case present && k != nil && uses[name] == Unused:
			why := localized{"", ""}
			if attached && t.Family == nd30.Typed {
				why = localized{" khi là văn bản ban hành kèm theo quyết định (attached_to)", " when it is the document issued with a decision (attached_to)"}
			}
			d.errorf(k, name, "type-field", "không dùng cho %s (Mẫu %s)%s", "not used in a %s (Mẫu %s)%s", what, form, why)
		case !present && uses[name] == Required:
			d.errorf(n, name, "yaml-required", "thiếu trường bắt buộc của %s (Mẫu %s)", "required field is missing: a %s (Mẫu %s) needs it", what, form)
		}
	}
}

// nameInTextUse asks for agency.name_in_text where a form writes the agency
// in a sentence: "<agency> trân trọng kính mời" (Mẫu 1.7), "… trân trọng
// giới thiệu" (1.8), "… cấp cho" (1.10), and the "(Kèm theo Quyết định số …
// của …)" line of the document a decision issues (1.3).
func (d *decoder) nameInTextUse(doc *Document, n *yaml.Node) {
	if doc.Agency.NameInText != "" || doc.Agency.Name == "" {
		return
	}
	t := doc.DocType()
	switch {
	case t.Family == nd30.Invitation, t.Family == nd30.Introduction, t.Family == nd30.Leave:
		d.errorf(n, "agency.name_in_text", "yaml-required", "cần tên cơ quan viết trong câu (ví dụ Sở Nội vụ): %s viết \"<cơ quan> %s\"", "the agency's name as a sentence writes it (e.g. Sở Nội vụ) is needed: a %s says \"<agency> %s\"",
			strings.ToLower(t.Name), map[nd30.Family]string{nd30.Invitation: nd30.InviteWords, nd30.Introduction: nd30.IntroduceWords, nd30.Leave: nd30.LeaveGrant}[t.Family])
	case doc.Issues != nil:
		d.errorf(n, "agency.name_in_text", "yaml-required", "cần tên cơ quan viết trong câu (ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh) cho dòng \"(Kèm theo Quyết định số … của …)\" của văn bản được ban hành", "the agency's name as a sentence writes it is needed for the \"(Kèm theo Quyết định số … của …)\" line of the issued document")
	}
}

// laterNodes are the values read after the whole mapping: the prose, whose
// deadlines must all be known first.
type laterNodes struct {
	body, articles, issuesBody *yaml.Node
}

// prose reads the document's prose into doc.Body, in reading order: the
// articles, the body, the issued document's text.
func (d *decoder) prose(doc *Document, later *laterNodes) {
	type span struct{ from, to int }
	var articleSpans []span
	if n := later.articles; n != nil {
		rn := resolve(n)
		for i, item := range rn.Content {
			p := fmt.Sprintf("articles[%d]", i)
			from := len(doc.Body)
			it := resolve(item)
			switch it.Kind {
			case yaml.ScalarNode:
				doc.Body = append(doc.Body, d.body(item, p, doc.Deadlines)...)
			case yaml.MappingNode:
				if b := mapValue(it, "body"); b != nil {
					doc.Body = append(doc.Body, d.body(b, p+".body", doc.Deadlines)...)
				}
			}
			articleSpans = append(articleSpans, span{from, len(doc.Body)})
		}
	}
	if later.body != nil {
		doc.Body = append(doc.Body, d.body(later.body, "body", doc.Deadlines)...)
	}
	issued := len(doc.Body)
	if later.issuesBody != nil {
		doc.Body = append(doc.Body, d.body(later.issuesBody, "issues.body", doc.Deadlines)...)
	}
	for i, s := range articleSpans {
		if i < len(doc.Articles) {
			doc.Articles[i].Body = doc.Body[s.from:s.to:s.to]
		}
	}
	if doc.Issues != nil {
		doc.Issues.Body = doc.Body[issued:]
	}
}

// mapValue is the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if resolve(n.Content[i]).Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// sd describes the fields for the schema: the schema functions use it
// rather than the decoder at hand, so that they capture nothing and cost
// nothing while a document is decoded.
var sd = &decoder{}

// partFields are the top-level fields of some types only, and the marks.
func (d *decoder) partFields(doc *Document, later *laterNodes) []field {
	return []field{
		{"secrecy", false, func(v *yaml.Node, p string) { doc.Marks.Secrecy = d.stamp(v, p, nd30.SecrecyStamps) },
			func() map[string]any {
				return enumOf("Dấu chỉ độ mật (ô 10a), đóng theo quy định về bảo vệ bí mật nhà nước", anySlice(nd30.StampTexts(nd30.SecrecyStamps))...)
			}},
		{"urgency", false, func(v *yaml.Node, p string) { doc.Marks.Urgency = d.stamp(v, p, nd30.UrgencyStamps) },
			func() map[string]any {
				return enumOf("Dấu chỉ mức độ khẩn (ô 10b): khung 20, 40, 30 × 8 mm", anySlice(nd30.StampTexts(nd30.UrgencyStamps))...)
			}},
		{"circulation", false, func(v *yaml.Node, p string) { doc.Marks.Circulation = d.stamp(v, p, nd30.CirculationStamps) },
			func() map[string]any {
				return enumOf("Chỉ dẫn về phạm vi lưu hành, dấu tài liệu thu hồi (ô 11)", anySlice(nd30.StampTexts(nd30.CirculationStamps))...)
			}},
		{"draft", false, func(v *yaml.Node, p string) { doc.Marks.Draft = d.boolean(v, p) },
			func() map[string]any {
				return boolOf("Dấu DỰ THẢO ở góc trên bên trái (quy ước nội bộ, không phải quy định của Nghị định 30); vanban check --strict không cho phép khi văn bản đã có số và ngày")
			}},
		{"drafter", false, func(v *yaml.Node, p string) { d.drafter(v, p, &doc.Marks) },
			func() map[string]any {
				return objectOf("Ký hiệu người soạn thảo và số lượng bản phát hành (ô 12), ví dụ PL.(300)", sd.drafterFields(&Marks{}))
			}},
		{"contact", false, func(v *yaml.Node, p string) { d.mapping(v, p, d.contactFields(&doc.Contact)) },
			func() map[string]any {
				return objectOf("Địa chỉ, điện thoại, fax, thư điện tử, trang thông tin điện tử của cơ quan (ô 13, cuối trang đầu)", sd.contactFields(&nd30.Contact{}))
			}},
		{"issuer", false, func(v *yaml.Node, p string) {
			doc.Issuer = d.requiredLine(v, p, "cơ quan hoặc chức danh người đứng đầu gửi điện")
		},
			func() map[string]any {
				return textOf("Công điện: cơ quan hoặc chức danh người đứng đầu, viết trước chữ \"điện:\", ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
			}},
		{"authority", false, func(v *yaml.Node, p string) { doc.Authority = d.requiredLine(v, p, "thẩm quyền ban hành") },
			func() map[string]any {
				return textOf("Quyết định, nghị quyết: thẩm quyền ban hành, in hoa, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")
			}},
		{"can_cu", false, func(v *yaml.Node, p string) { doc.Bases = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Căn cứ ban hành, mỗi căn cứ một dòng (vanban đặt dấu ; và . cuối dòng)")
			}},
		{"proposal", false, func(v *yaml.Node, p string) { doc.Proposal = d.line(v, p) },
			func() map[string]any {
				return textOf("Theo đề nghị của …: cơ quan, người đề nghị (dòng cuối của phần căn cứ)")
			}},
		{"articles", false, func(v *yaml.Node, p string) { later.articles, doc.Articles = v, d.articles(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Các điều của quyết định, nghị quyết; vanban đánh số Điều 1, Điều 2 …", "type": "array", "minItems": 1,
					"items": map[string]any{"oneOf": []any{
						map[string]any{"type": "string", "description": "Nội dung điều"},
						objectOf("Điều có tiêu đề", sd.articleFields(&Article{})),
					}}}
			}},
		{"issues", false, func(v *yaml.Node, p string) { doc.Issues = d.issued(v, p, later) },
			func() map[string]any {
				return objectOf("Mẫu 1.3: văn bản được ban hành, phê duyệt kèm theo quyết định, trình bày sau quyết định trong cùng tệp", sd.issuedFields(&Issued{}, new(laterNodes)))
			}},
		{"invitation", false, func(v *yaml.Node, p string) { doc.Invitation = d.invitation(v, p) },
			func() map[string]any { return objectOf("Giấy mời (Mẫu 1.7)", sd.invitationFields(&Invitation{})) }},
		{"introduction", false, func(v *yaml.Node, p string) { doc.Introduction = d.introduction(v, p) },
			func() map[string]any {
				return objectOf("Giấy giới thiệu (Mẫu 1.8)", sd.introductionFields(&Introduction{}))
			}},
		{"minutes", false, func(v *yaml.Node, p string) { doc.Minutes = d.minutes(v, p) },
			func() map[string]any { return objectOf("Biên bản (Mẫu 1.9)", sd.minutesFields(&Minutes{})) }},
		{"leave", false, func(v *yaml.Node, p string) { doc.Leave = d.leave(v, p) },
			func() map[string]any { return objectOf("Giấy nghỉ phép (Mẫu 1.10)", sd.leaveFields(&Leave{})) }},
		{"attached_to", false, func(v *yaml.Node, p string) { doc.AttachedTo = d.parentRef(v, p) },
			func() map[string]any {
				return objectOf("Văn bản mà tệp này kèm theo: quyết định ban hành (Mẫu 1.3, tệp riêng) hoặc văn bản có phụ lục (Mẫu 2.1, 2.2)", sd.parentFields(&ParentRef{}))
			}},
		{"signed_at", false, func(v *yaml.Node, p string) { doc.SignedAt = d.signedAt(v, p) },
			func() map[string]any {
				return signedAtSchema("Thời gian ký số của cơ quan trên tệp riêng (Mẫu 1.3, 2.2): YYYY-MM-DDTHH:MM:SS+07:00; hiện ở góc trên bên phải trang đầu")
			}},
		{"copy", false, func(v *yaml.Node, p string) { doc.Copy = d.copyOf(v, p) },
			func() map[string]any {
				o := objectOf("Bản sao (Mẫu 3.1 giấy; Mẫu 3.2 điện tử khi có signed_at)", sd.copyFields(&Copy{}))
				// A paper copy (no signed_at) has its own Số, place and signer.
				o["if"] = map[string]any{"not": map[string]any{"required": []string{"signed_at"}}}
				o["then"] = map[string]any{"required": []string{"code", "place", "signer"}}
				return o
			}},
	}
}

// stamp reads one of a list of marks, written exactly as the stamp reads.
func (d *decoder) stamp(n *yaml.Node, path string, list []nd30.Stamp) string {
	s := d.line(n, path)
	if s == "" {
		return ""
	}
	if _, ok := nd30.StampOf(list, s); ok {
		return s
	}
	texts := nd30.StampTexts(list)
	hint := localized{"", ""}
	if m := didYouMean(s, texts); m != "" {
		hint = localized{fmt.Sprintf("; có phải ý bạn là %q?", m), fmt.Sprintf("; did you mean %q?", m)}
	} else if up, ok := nd30.StampOf(list, strings.ToUpper(s)); ok {
		hint = localized{fmt.Sprintf("; viết in hoa: %q", up.Text), fmt.Sprintf("; write it in capitals: %q", up.Text)}
	}
	d.errorf(n, path, "mark-invalid", "%q không phải một dấu của ô này; cần một trong: %s%s", "%q is not a mark of this box; expected one of: %s%s", s, strings.Join(texts, ", "), hint)
	return ""
}

func (d *decoder) drafter(n *yaml.Node, path string, m *Marks) {
	d.mapping(n, path, d.drafterFields(m))
}

func (d *decoder) drafterFields(m *Marks) []field {
	return []field{
		{"initials", true, func(v *yaml.Node, p string) {
			m.Drafter = d.requiredLine(v, p, "chữ viết tắt tên người soạn thảo, ví dụ PL")
		},
			func() map[string]any {
				return textOf("Chữ viết tắt tên người soạn thảo, in hoa, ví dụ PL")
			}},
		{"copies", false, func(v *yaml.Node, p string) { m.Copies, _ = d.integer(v, p, 1, 99_999) },
			func() map[string]any {
				return map[string]any{"description": "Số lượng bản phát hành", "type": "integer", "minimum": 1, "maximum": 99999}
			}},
	}
}

func (d *decoder) contactFields(c *nd30.Contact) []field {
	line := func(dst *string) func(*yaml.Node, string) {
		return func(v *yaml.Node, p string) { *dst = d.line(v, p) }
	}
	return []field{
		{"address", false, line(&c.Address), func() map[string]any { return textOf("Địa chỉ cơ quan") }},
		{"phone", false, line(&c.Phone), func() map[string]any { return textOf("Số điện thoại") }},
		{"fax", false, line(&c.Fax), func() map[string]any { return textOf("Số fax") }},
		{"email", false, line(&c.Email), func() map[string]any { return textOf("Thư điện tử") }},
		{"website", false, line(&c.Website), func() map[string]any { return textOf("Trang thông tin điện tử") }},
	}
}

func (d *decoder) articles(n *yaml.Node, path string) []Article {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		got := kindName(n)
		if n.Kind == yaml.SequenceNode {
			got = localized{"một danh sách rỗng", "an empty list"}
		}
		d.errorf(n, path, "yaml-type", "cần danh sách các điều (ít nhất một); mỗi điều là nội dung, hoặc {title, body}; nhận %s", "expected a list of articles (at least one); each is its text, or {title, body}; got %s", got)
		return nil
	}
	out := make([]Article, len(n.Content))
	for i, item := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		out[i].Pos = d.pos(item)
		switch it := resolve(item); it.Kind {
		case yaml.ScalarNode:
			// the text is read with the prose (laterNodes)
		case yaml.MappingNode:
			d.mapping(it, p, d.articleFields(&out[i]))
		default:
			d.errorf(item, p, "yaml-type", "cần nội dung của điều, hoặc {title, body}; nhận %s", "expected the article's text, or {title, body}; got %s", kindName(it))
		}
	}
	return out
}

func (d *decoder) articleFields(a *Article) []field {
	return []field{
		{"title", false, func(v *yaml.Node, p string) { a.Title = d.line(v, p) },
			func() map[string]any {
				return textOf("Tiêu đề của điều (viết sau \"Điều N.\", in đậm)")
			}},
		{"body", true, func(v *yaml.Node, p string) {},
			func() map[string]any {
				return textOf("Nội dung của điều: các khoản 1., 2. và điểm a), b) viết thành dòng riêng")
			}},
	}
}

func (d *decoder) issued(n *yaml.Node, path string, later *laterNodes) *Issued {
	is := &Issued{}
	d.mapping(n, path, d.issuedFields(is, later))
	return is
}

func (d *decoder) issuedFields(is *Issued, later *laterNodes) []field {
	return []field{
		{"type", true, func(v *yaml.Node, p string) { is.Type = d.typedType(v, p) },
			func() map[string]any {
				return enumOf("Loại văn bản được ban hành: quy chế, quy định, kế hoạch …", anySlice(typedTypeNames())...)
			}},
		{"subject", true, func(v *yaml.Node, p string) {
			is.Subject = d.requiredLine(v, p, "trích yếu của văn bản được ban hành")
		},
			func() map[string]any { return textOf("Trích yếu của văn bản được ban hành") }},
		{"body", true, func(v *yaml.Node, p string) { later.issuesBody = v },
			func() map[string]any {
				return textOf("Nội dung: Chương I / tiêu đề, Điều 1. … mỗi thứ một dòng; kết thúc bằng ./.")
			}},
	}
}

// typedType reads the type of a document laid out by Mẫu 1.4.
func (d *decoder) typedType(n *yaml.Node, path string) string {
	s := d.line(n, path)
	if t, ok := nd30.DocumentTypeOf(s); ok && t.Family == nd30.Typed {
		return s
	}
	d.errorf(n, path, "type-unsupported", "loại văn bản %q không phải một loại có tên loại (Mẫu 1.4); cần một trong: %s", "document type %q is not a typed document (Mẫu 1.4); expected one of: %s", s, strings.Join(typedTypeNames(), ", "))
	return ""
}

func typedTypeNames() []string {
	var out []string
	for _, t := range nd30.DocumentTypes() {
		if t.Family == nd30.Typed {
			out = append(out, t.ID)
		}
	}
	return out
}

func (d *decoder) parentRef(n *yaml.Node, path string) *ParentRef {
	r := &ParentRef{}
	d.mapping(n, path, d.parentFields(r))
	return r
}

func (d *decoder) parentFields(r *ParentRef) []field {
	return []field{
		{"type", true, func(v *yaml.Node, p string) {
			r.Type = d.line(v, p)
			if t, ok := nd30.DocumentTypeOf(r.Type); !ok || !t.Administrative() {
				d.errorf(v, p, "type-unsupported", "loại văn bản %q không có trong Điều 7 của Nghị định 30", "document type %q is not a type of Art. 7 of Decree 30", r.Type)
			}
		}, func() map[string]any {
			return textOf("Loại của văn bản được kèm theo, ví dụ quyet-dinh, ke-hoach")
		}},
		{"number", false, func(v *yaml.Node, p string) {
			if rv := resolve(v); rv.Kind == yaml.ScalarNode && rv.Tag == "!!null" {
				return
			}
			r.Number, _ = d.integer(v, p, 1, 999_999)
		}, func() map[string]any {
			return map[string]any{"description": "Số của văn bản được kèm theo", "type": []string{"integer", "null"}, "minimum": 1, "maximum": 999999}
		}},
		{"code", true, func(v *yaml.Node, p string) {
			r.Code = d.requiredLine(v, p, "ký hiệu của văn bản được kèm theo, ví dụ QĐ-UBND")
		},
			func() map[string]any {
				return textOf("Ký hiệu của văn bản được kèm theo, ví dụ QĐ-UBND")
			}},
		{"date", false, func(v *yaml.Node, p string) { r.Date = d.date(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Ngày ban hành của văn bản được kèm theo (văn bản điện tử: để trống)", "type": []string{"string", "integer", "null"}, "pattern": `^\d{4}(-\d{1,2}(-\d{1,2})?)?$`}
			}},
		{"agency", true, func(v *yaml.Node, p string) {
			r.Agency = d.requiredLine(v, p, "tên cơ quan ban hành viết trong câu, ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh")
		},
			func() map[string]any {
				return textOf("Cơ quan ban hành văn bản được kèm theo, viết trong câu, ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh")
			}},
	}
}

// signedAt reads the time of an agency's digital signature:
// YYYY-MM-DDTHH:MM:SS with a zone (+07:00), or without one in Vietnam time.
func (d *decoder) signedAt(n *yaml.Node, path string) *time.Time {
	s, ok := d.text(n, path)
	if !ok {
		return nil
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, nd30.VietnamTime); err == nil {
			return &t
		}
	}
	d.errorf(n, path, "signed-at-invalid", "cần thời gian ký số dạng YYYY-MM-DDTHH:MM:SS+07:00 (ISO 8601, múi giờ Việt Nam), nhận %q", "expected the signing time as YYYY-MM-DDTHH:MM:SS+07:00 (ISO 8601, Vietnam time), got %q", s)
	return nil
}

var fullDatePattern = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

func signedAtSchema(desc string) map[string]any {
	return map[string]any{"description": desc, "type": "string", "pattern": `^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$`}
}

// fullDate reads a complete date, YYYY-MM-DD, reporting a bad one under rule.
func (d *decoder) fullDate(n *yaml.Node, path, rule string) time.Time {
	s, ok := d.text(n, path)
	if !ok {
		return time.Time{}
	}
	s = strings.TrimSpace(s)
	m := fullDatePattern.FindStringSubmatch(s)
	if m == nil {
		d.errorf(n, path, rule, "cần một ngày dạng YYYY-MM-DD (ví dụ 2024-03-31), nhận %q", "expected a date as YYYY-MM-DD (e.g. 2024-03-31), got %q", s)
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || !validDay(y, mo, day) {
		d.errorf(n, path, rule, "ngày %q không tồn tại", "date %q does not exist", s)
		return time.Time{}
	}
	return time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
}
