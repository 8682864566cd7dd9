package vanban

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vanban-vn/vanban/nd30"
)

// The parts of the forms Mẫu 1.7 to 1.10 and of copies (Mẫu 3.1, 3.2), as
// the decoder reads them (docs/nd30.md §14.1, §14.2).

func (d *decoder) invitation(n *yaml.Node, path string) *Invitation {
	inv := &Invitation{}
	d.mapping(n, path, d.invitationFields(inv))
	return inv
}

func (d *decoder) invitationFields(inv *Invitation) []field {
	return []field{
		{"invitees", true, func(v *yaml.Node, p string) { inv.Invitees = d.requiredLine(v, p, "người, cơ quan được mời") },
			func() map[string]any {
				return textOf("Người được mời: tên cơ quan, hoặc họ tên, chức vụ, đơn vị (viết sau \"trân trọng kính mời:\")")
			}},
		{"event", true, func(v *yaml.Node, p string) {
			inv.Event = d.requiredLine(v, p, "tên cuộc họp, hội nghị, hội thảo")
		},
			func() map[string]any {
				return textOf("Tới dự: tên (nội dung) cuộc họp, hội nghị, hội thảo")
			}},
		{"chair", false, func(v *yaml.Node, p string) { inv.Chair = d.line(v, p) },
			func() map[string]any { return textOf("Chủ trì: họ tên, chức vụ người chủ trì") }},
		{"time", true, func(v *yaml.Node, p string) {
			dl, ok := d.deadline(v, p, "invitation-invalid")
			if ok && !dl.HasTime {
				d.errorf(v, p, "invitation-invalid", "cần cả giờ bắt đầu: YYYY-MM-DD HH:MM", "the start time is needed too: YYYY-MM-DD HH:MM")
			}
			inv.Time = dl
		}, func() map[string]any {
			return map[string]any{"description": "Thời gian: YYYY-MM-DD HH:MM; vanban ghi thứ trong tuần", "type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}[:h]\d{2}$`}
		}},
		{"place", true, func(v *yaml.Node, p string) { inv.Place = d.requiredLine(v, p, "địa điểm") },
			func() map[string]any { return textOf("Địa điểm") }},
	}
}

var honorifics = []string{"Ông", "Bà"}

func (d *decoder) honorific(n *yaml.Node, path string) string {
	s := d.line(n, path)
	for _, h := range honorifics {
		if strings.EqualFold(s, h) {
			return h
		}
	}
	if s != "" {
		d.errorf(n, path, "yaml-type", "cần Ông hoặc Bà, nhận %q", "expected Ông or Bà, got %q", s)
	}
	return ""
}

func honorificSchema() map[string]any {
	return enumOf("Ông hoặc Bà; bỏ trống để ghi \"Ông (bà)\"", "Ông", "Bà")
}

func (d *decoder) introduction(n *yaml.Node, path string) *Introduction {
	in := &Introduction{}
	d.mapping(n, path, d.introductionFields(in))
	return in
}

func (d *decoder) introductionFields(in *Introduction) []field {
	return []field{
		{"honorific", false, func(v *yaml.Node, p string) { in.Honorific = d.honorific(v, p) }, honorificSchema},
		{"name", true, func(v *yaml.Node, p string) {
			in.Name = d.requiredLine(v, p, "họ và tên người được giới thiệu")
		},
			func() map[string]any { return textOf("Họ và tên người được giới thiệu") }},
		{"position", false, func(v *yaml.Node, p string) { in.Position = d.line(v, p) },
			func() map[string]any { return textOf("Chức vụ, đơn vị công tác") }},
		{"sent_to", true, func(v *yaml.Node, p string) {
			in.SentTo = d.requiredLine(v, p, "cơ quan được giới thiệu tới")
		},
			func() map[string]any {
				return textOf("Được cử đến: cơ quan, tổ chức được giới thiệu tới làm việc")
			}},
		{"purpose", true, func(v *yaml.Node, p string) { in.Purpose = d.requiredLine(v, p, "việc được cử đến làm") },
			func() map[string]any { return textOf("Về việc") }},
		{"valid_until", true, func(v *yaml.Node, p string) { in.ValidUntil = d.fullDate(v, p, "introduction-invalid") },
			func() map[string]any {
				return map[string]any{"description": "Giấy có giá trị đến hết ngày: YYYY-MM-DD", "type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}$`}
			}},
	}
}

func (d *decoder) minutes(n *yaml.Node, path string) *Minutes {
	m := &Minutes{Kind: "cuoc-hop"}
	var endNode *yaml.Node
	fields := d.minutesFields(m)
	for i := range fields {
		if fields[i].name == "end" {
			dec := fields[i].decode
			fields[i].decode = func(v *yaml.Node, p string) { endNode = v; dec(v, p) }
		}
	}
	d.mapping(n, path, fields)
	if endNode != nil && !m.End.Date.IsZero() && !m.Start.Date.IsZero() && minutesAt(m.End).Before(minutesAt(m.Start)) {
		d.errorf(endNode, join(path, "end"), "minutes-invalid", "giờ kết thúc trước giờ bắt đầu (%s)", "the end is before the start (%s)", nd30.ClockDate(m.Start))
	}
	if m.Chair.Name != "" && m.Chair.Name == m.Secretary.Name {
		d.errorf(n, join(path, "secretary.name"), "minutes-invalid", "thư ký và chủ tọa là hai người khác nhau (Mẫu 1.9: THƯ KÝ ký bên trái, CHỦ TỌA bên phải)", "the secretary and the chair are two people (Mẫu 1.9: THƯ KÝ signs left, CHỦ TỌA right)")
	}
	return m
}

func minutesAt(dl nd30.Deadline) time.Time {
	return dl.Date.Add(time.Duration(dl.Hour)*time.Hour + time.Duration(dl.Minute)*time.Minute)
}

func (d *decoder) minutesFields(m *Minutes) []field {
	return []field{
		{"kind", false, func(v *yaml.Node, p string) {
			k := d.line(v, p)
			if _, ok := nd30.MeetingKinds[k]; !ok {
				d.errorf(v, p, "minutes-invalid", "cần cuoc-hop, hoi-nghi hoặc hoi-thao, nhận %q", "expected cuoc-hop, hoi-nghi or hoi-thao, got %q", k)
				return
			}
			m.Kind = k
		}, func() map[string]any {
			return enumOf("Cuộc họp (mặc định), hội nghị hay hội thảo", "cuoc-hop", "hoi-nghi", "hoi-thao")
		}},
		{"start", true, func(v *yaml.Node, p string) { m.Start, _ = d.deadline(v, p, "minutes-invalid") },
			func() map[string]any {
				return map[string]any{"description": "Thời gian bắt đầu: YYYY-MM-DD HH:MM", "type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}[:h]\d{2})?$`}
			}},
		{"end", true, func(v *yaml.Node, p string) { m.End, _ = d.deadline(v, p, "minutes-invalid") },
			func() map[string]any {
				return map[string]any{"description": "Thời gian kết thúc: YYYY-MM-DD HH:MM", "type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}[:h]\d{2})?$`}
			}},
		{"place", true, func(v *yaml.Node, p string) { m.Place = d.requiredLine(v, p, "địa điểm") },
			func() map[string]any { return textOf("Địa điểm") }},
		{"participants", true, func(v *yaml.Node, p string) { m.Participants = d.lineList(v, p) },
			func() map[string]any { return linesOf("Thành phần tham dự: một dòng, hoặc danh sách") }},
		{"chair", true, func(v *yaml.Node, p string) { d.mapping(v, p, d.personFields(&m.Chair, true)) },
			func() map[string]any {
				return objectOf("Chủ trì (chủ tọa), ký bên phải", d.personFields(&Person{}, true))
			}},
		{"secretary", true, func(v *yaml.Node, p string) { d.mapping(v, p, d.personFields(&m.Secretary, false)) },
			func() map[string]any {
				return objectOf("Thư ký (người ghi biên bản), ký bên trái", d.personFields(&Person{}, false))
			}},
	}
}

func (d *decoder) personFields(pe *Person, titled bool) []field {
	fields := []field{
		{"name", true, func(v *yaml.Node, p string) { pe.Name = d.requiredLine(v, p, "họ và tên") },
			func() map[string]any { return textOf("Họ và tên") }},
		{"position", false, func(v *yaml.Node, p string) { pe.Position = d.line(v, p) },
			func() map[string]any { return textOf("Chức vụ, đơn vị") }},
	}
	if titled {
		fields = append(fields, field{"title", false, func(v *yaml.Node, p string) { pe.Title = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Chức vụ chính quyền ghi dưới CHỦ TỌA (Mẫu 1.9, nếu cần), in hoa")
			}})
	}
	return fields
}

func (d *decoder) leave(n *yaml.Node, path string) *Leave {
	l := &Leave{}
	var toNode *yaml.Node
	fields := d.leaveFields(l)
	for i := range fields {
		if fields[i].name == "to" {
			dec := fields[i].decode
			fields[i].decode = func(v *yaml.Node, p string) { toNode = v; dec(v, p) }
		}
	}
	d.mapping(n, path, fields)
	if toNode != nil && !l.From.IsZero() && !l.To.IsZero() && l.To.Before(l.From) {
		d.errorf(toNode, join(path, "to"), "leave-invalid", "ngày cuối (%s) trước ngày bắt đầu nghỉ (%s)", "the last day (%s) is before the first (%s)", nd30.ShortDate(l.To), nd30.ShortDate(l.From))
	}
	return l
}

func (d *decoder) leaveFields(l *Leave) []field {
	dateSchema := func(desc string) func() map[string]any {
		return func() map[string]any {
			return map[string]any{"description": desc, "type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}$`}
		}
	}
	return []field{
		{"requested", false, func(v *yaml.Node, p string) { l.Requested = d.fullDate(v, p, "leave-invalid") },
			dateSchema("Ngày của đơn đề nghị nghỉ phép: YYYY-MM-DD")},
		{"honorific", false, func(v *yaml.Node, p string) { l.Honorific = d.honorific(v, p) }, honorificSchema},
		{"name", true, func(v *yaml.Node, p string) {
			l.Name = d.requiredLine(v, p, "họ và tên người được nghỉ phép")
		},
			func() map[string]any { return textOf("Họ và tên người được cấp giấy nghỉ phép") }},
		{"position", false, func(v *yaml.Node, p string) { l.Position = d.line(v, p) },
			func() map[string]any { return textOf("Chức vụ, đơn vị công tác") }},
		{"from", true, func(v *yaml.Node, p string) { l.From = d.fullDate(v, p, "leave-invalid") },
			dateSchema("Nghỉ từ ngày: YYYY-MM-DD")},
		{"to", true, func(v *yaml.Node, p string) { l.To = d.fullDate(v, p, "leave-invalid") },
			dateSchema("Đến hết ngày: YYYY-MM-DD")},
		{"days", false, func(v *yaml.Node, p string) { l.Days, _ = d.integer(v, p, 1, 366) },
			func() map[string]any {
				return map[string]any{"description": "Số ngày nghỉ; bỏ trống để tính số ngày từ from đến to", "type": "integer", "minimum": 1, "maximum": 366}
			}},
		{"place", false, func(v *yaml.Node, p string) { l.Place = d.line(v, p) },
			func() map[string]any { return textOf("Nơi nghỉ phép") }},
		{"counted_as", true, func(v *yaml.Node, p string) {
			l.CountedAs = d.requiredLine(v, p, "thời gian nghỉ được tính vào (ví dụ nghỉ hằng năm có lương)")
		},
			func() map[string]any {
				return textOf("Số ngày nghỉ được tính vào thời gian: nghỉ hằng năm có lương, nghỉ việc riêng …")
			}},
		{"confirmation", false, func(v *yaml.Node, p string) { l.Confirmation = d.boolean(v, p) },
			func() map[string]any {
				return boolOf("In ô xác nhận của cơ quan hoặc chính quyền địa phương nơi nghỉ phép")
			}},
	}
}

func (d *decoder) copyOf(n *yaml.Node, path string) *Copy {
	c := &Copy{}
	if !d.mapping(n, path, d.copyFields(c)) {
		return c
	}
	if c.SignedAt == nil {
		for _, f := range []struct {
			name  string
			empty bool
		}{{"code", c.Code == ""}, {"place", c.Place == ""}, {"signer", len(c.Signer.Title) == 0 && c.Signer.Name == ""}} {
			if f.empty && mapValue(resolve(n), f.name) == nil {
				d.errorf(n, join(path, f.name), "yaml-required", "thiếu trường bắt buộc của bản sao giấy (Mẫu 3.1)", "required field is missing: a paper copy (Mẫu 3.1) needs it")
			}
		}
	} else if c.Agency.NameInText == "" && c.Agency.Name != "" {
		d.errorf(n, join(path, "agency.name_in_text"), "yaml-required", "cần tên cơ quan sao viết trong câu cho chữ ký số của bản sao điện tử (Mẫu 3.2)", "the copying agency's name as a sentence writes it is needed for the electronic copy's signature (Mẫu 3.2)")
	}
	return c
}

func (d *decoder) copyFields(c *Copy) []field {
	return []field{
		{"kind", true, func(v *yaml.Node, p string) {
			k := d.line(v, p)
			if _, ok := nd30.CopyKindOf(k); !ok {
				d.errorf(v, p, "copy-invalid", "hình thức sao %q không hợp lệ; cần sao-y, trich-sao hoặc sao-luc", "copy kind %q is not valid; expected sao-y, trich-sao or sao-luc", k)
				return
			}
			c.Kind = k
		}, func() map[string]any {
			return enumOf("Hình thức sao: sao-y (SAO Y, SY), trich-sao (TRÍCH SAO, TrS), sao-luc (SAO LỤC, SL)", "sao-y", "trich-sao", "sao-luc")
		}},
		{"agency", true, func(v *yaml.Node, p string) { d.agency(v, p, &c.Agency) },
			func() map[string]any { return objectOf("Cơ quan sao văn bản", d.agencyFields(&Agency{})) }},
		{"number", false, func(v *yaml.Node, p string) {
			if rv := resolve(v); rv.Kind == yaml.ScalarNode && rv.Tag == "!!null" {
				return
			}
			c.Number, _ = d.integer(v, p, 1, 999_999)
		}, func() map[string]any {
			return map[string]any{"description": "Số bản sao (đánh chung cho các loại bản sao trong năm)", "type": []string{"integer", "null"}, "minimum": 1, "maximum": 999999}
		}},
		{"code", false, func(v *yaml.Node, p string) { c.Code = d.requiredLine(v, p, "ký hiệu bản sao, ví dụ SY-UBND") },
			func() map[string]any {
				return textOf("Ký hiệu bản sao sau dấu /: SY, TrS hoặc SL và tên cơ quan sao, ví dụ SY-UBND")
			}},
		{"place", false, func(v *yaml.Node, p string) { c.Place = d.requiredLine(v, p, "địa danh") },
			func() map[string]any { return textOf("Địa danh") }},
		{"date", false, func(v *yaml.Node, p string) { c.Date = d.date(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Ngày sao: YYYY-MM-DD", "type": []string{"string", "integer", "null"}, "pattern": `^\d{4}(-\d{1,2}(-\d{1,2})?)?$`}
			}},
		{"signer", false, func(v *yaml.Node, p string) { d.signer(v, p, &c.Signer) },
			func() map[string]any { return objectOf("Người ký bản sao", d.signerFields(&Signer{})) }},
		{"cc", false, func(v *yaml.Node, p string) { c.CC = d.lineList(v, p) },
			func() map[string]any { return linesOf("Nơi nhận bản sao") }},
		{"archive", false, func(v *yaml.Node, p string) { c.Archive = d.line(v, p) },
			func() map[string]any { return textOf("Dòng Lưu của bản sao, mặc định VT") }},
		{"signed_at", false, func(v *yaml.Node, p string) { c.SignedAt = d.signedAt(v, p) },
			func() map[string]any {
				return signedAtSchema("Bản sao điện tử (Mẫu 3.2): thời gian ký số của cơ quan sao, YYYY-MM-DDTHH:MM:SS+07:00")
			}},
	}
}
