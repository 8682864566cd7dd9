package vanban

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vanban-vn/vanban/nd30"
)

// Limits on what one input may hold, so that no input can exhaust the
// machine. Each is reported with a message naming the limit.
const (
	MaxInputBytes = 10 << 20  // the YAML file itself
	MaxRows       = 100_000   // rows (filled and blank) of one appendix
	MaxBodyBytes  = 1 << 20   // the body text: an administrative letter, not a book
	maxNodes      = 2_000_000 // YAML nodes after alias expansion ("billion laughs")
)

// ParseFile reads and parses one YAML file.
//
// Anything but a regular file — a FIFO, a device, a folder — is refused by
// its mode before it is opened: opening a FIFO would wait for a writer.
func ParseFile(path string) (*Document, error) {
	src, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// ReadInput reads an input file (a document, a units list) of at most
// MaxInputBytes, refusing what is not a regular file by its mode.
func ReadInput(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, ErrorList{{Rule: "file-read", File: path, Msg: "không đọc được tệp: đây không phải tệp thường (thư mục, đường ống FIFO hoặc thiết bị)", MsgEN: "cannot read the file: this is not a regular file (a folder, a FIFO or a device)"}}
	}
	if info.Size() > MaxInputBytes {
		return nil, ErrorList{{Rule: "limit-size", File: path, Pos: Pos{1, 1}, Msg: fmt.Sprintf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20), MsgEN: fmt.Sprintf("the file is larger than the %d MB limit", MaxInputBytes>>20)}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return nil, readError(path, err)
	}
	return src, nil
}

func describeIOError(err error) localized {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return localized{"tệp không tồn tại", "the file does not exist"}
	case errors.Is(err, os.ErrPermission):
		return localized{"không có quyền đọc", "no permission to read it"}
	}
	return localized{errText(err), errText(err)}
}

// readError is a file that cannot be read, as an ErrorList.
func readError(path string, err error) ErrorList {
	why := describeIOError(err)
	return ErrorList{{Rule: "file-read", File: path, Msg: "không đọc được tệp: " + why.vi, MsgEN: "cannot read the file: " + why.en}}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse decodes src, the content of file, into a validated Document. The
// error, if any, is an ErrorList with every problem found.
func Parse(file string, src []byte) (*Document, error) {
	s, err := scan(file, src)
	if err != nil {
		return nil, err
	}
	if cut, blocks := cutRows(src); blocks != nil {
		if doc, ok := parseCut(file, s, cut, blocks); ok {
			return doc, nil
		}
	}
	return parseWhole(file, src, s)
}

// checkExpansion refuses a YAML tree that, with its aliases expanded, has
// more than the nodes any document needs (a "billion laughs" file): what
// walks the tree, the decoder or the editor opening a file, would
// otherwise spend gigabytes. The count itself is linear in the file.
func checkExpansion(file string, top *yaml.Node) error {
	if expandedSize(top, map[*yaml.Node]int{}) <= maxNodes {
		return nil
	}
	return ErrorList{{File: file, Pos: Pos{top.Line, top.Column}, Rule: "limit-alias",
		Msg:   fmt.Sprintf("tệp YAML mở rộng (anchor/alias) quá %d nút; không xử lý", maxNodes),
		MsgEN: fmt.Sprintf("the YAML expands (anchors/aliases) to more than %d nodes; not processed", maxNodes)}}
}

// oneDocument decodes src's first YAML document into root, and returns
// the line where a second one starts, or 0: yaml.Unmarshal reads the first
// and ignores the rest, so a file of two documents would lose its second
// without a word. An empty src leaves root empty.
func oneDocument(src []byte, root *yaml.Node) (second int, err error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(root); err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil
		}
		return 0, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil
		}
		return 0, err
	}
	return max(next.Line, 1), nil
}

// DecodeYAML parses src as a vanban file's YAML with the checks every
// reader of one needs, the decoder and the editor opening a file alike:
// the size limit, the characters, syntax errors placed as an editor counts,
// one document only, aliases within the limit. It returns the document's
// top node, or an ErrorList.
func DecodeYAML(file string, src []byte) (*yaml.Node, error) {
	s, err := scan(file, src)
	if err != nil {
		return nil, err
	}
	return decodeTop(file, src, s)
}

// scan checks src's size and characters, and indexes its lines.
func scan(file string, src []byte) (*source, error) {
	if len(src) > MaxInputBytes {
		return nil, ErrorList{{File: file, Pos: Pos{1, 1}, Rule: "limit-size", Msg: fmt.Sprintf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20), MsgEN: fmt.Sprintf("the file is larger than the %d MB limit", MaxInputBytes>>20)}}
	}
	s, bad := scanSource(src)
	if len(bad) > 0 {
		for _, e := range bad {
			e.File = file
		}
		return nil, bad
	}
	return s, nil
}

// decodeTop is DecodeYAML's parse, on a source already scanned.
func decodeTop(file string, src []byte, s *source) (*yaml.Node, error) {
	fail := func(p Pos, rule, vi, en string) (*yaml.Node, error) {
		return nil, ErrorList{{File: file, Pos: p, Rule: rule, Msg: vi, MsgEN: en}}
	}
	var root yaml.Node
	second, err := oneDocument(src, &root)
	if err != nil {
		e := s.syntaxError(err)
		e.File = file
		return nil, ErrorList{e}
	}
	if second > 0 {
		return fail(s.pos(second, 1), "yaml-documents", "tệp có hơn một văn bản YAML (ngăn bởi ---): phần từ đây sẽ bị bỏ qua; mỗi tệp chỉ một văn bản", "the file holds more than one YAML document (separated by ---): the part from here would be ignored; one document per file")
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return fail(Pos{1, 1}, "yaml-empty", "tệp rỗng: cần một văn bản YAML với các trường type, agency, subject, body …", "the file is empty: expected a YAML document with type, agency, subject, body …")
	}
	top := root.Content[0]
	if err := checkExpansion(file, top); err != nil {
		err.(ErrorList)[0].Pos = s.pos(top.Line, top.Column) // as an editor counts lines
		return nil, err
	}
	return top, nil
}

// parseWhole parses the document with every node at once.
func parseWhole(file string, src []byte, s *source) (*Document, error) {
	top, err := decodeTop(file, src, s)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file, src: s, positions: map[string]Pos{}, deadlineIDs: map[string]bool{}}
	doc := d.document(top)
	doc.Positions, doc.NFD = d.positions, d.nfd
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return doc, nil
}

// parseCut parses a document whose long row blocks were cut out (cutRows),
// decoding the rows slice by slice. It reports false — and the caller parses
// the file whole — when anything is unusual or wrong: the errors a user
// sees always come from the ordinary parse.
func parseCut(file string, s *source, cut []byte, blocks []rowBlock) (*Document, bool) {
	var root yaml.Node
	if second, err := oneDocument(cut, &root); err != nil || second > 0 || root.Kind == 0 || len(root.Content) == 0 {
		return nil, false
	}
	top := root.Content[0]
	size := expandedSize(top, map[*yaml.Node]int{})
	if size > maxNodes {
		return nil, false
	}
	shiftLines(&root, blocks)
	d := &decoder{file: file, src: s, positions: map[string]Pos{}, deadlineIDs: map[string]bool{}, blocks: blocks, blockUsed: make([]int, len(blocks)),
		nodeBudget: maxNodes - size}
	doc := d.document(top)
	if len(d.errs) > 0 || d.blockFailed {
		return nil, false
	}
	for _, n := range d.blockUsed {
		if n != 1 { // a placeholder met elsewhere than as an appendix's rows
			return nil, false
		}
	}
	doc.Positions, doc.NFD = d.positions, d.nfd
	return doc, true
}

func (d *decoder) document(n *yaml.Node) *Document {
	doc := &Document{File: d.file, SizeSet: nd30.Set13, Deadlines: map[string]nd30.Deadline{}}
	later := &laterNodes{}
	keys, ok := d.keysOf(n, "", d.documentFields(doc, later))
	// The prose is read last so that every deadline it names is known.
	d.prose(doc, later)
	if ok {
		d.typeFieldUse(doc, n, keys)
		d.nameInTextUse(doc, n)
	}
	if len(doc.Appendices) > 0 && doc.Agency.NameInText == "" && doc.AttachedTo == nil && ok {
		d.errorf(n, "agency.name_in_text", "yaml-required", "cần tên cơ quan viết trong câu (ví dụ Sở Nội vụ) cho dòng \"Kèm theo …\" của phụ lục", "the agency's name as written in a sentence (e.g. Sở Nội vụ) is needed for the appendix's \"Kèm theo …\" line")
	}
	return doc
}

// documentFields are the top-level fields of a document.
func (d *decoder) documentFields(doc *Document, later *laterNodes) []field {
	fields := []field{
		{"type", true, func(v *yaml.Node, p string) {
			doc.Type = d.line(v, p)
			switch t, ok := nd30.DocumentTypeOf(doc.Type); {
			case !ok:
				d.errorf(v, p, "type-unsupported", "loại văn bản %q chưa được hỗ trợ; các loại hỗ trợ: %s", "document type %q is not supported; supported: %s", doc.Type, strings.Join(typeNames(), ", "))
			case !t.Laid():
				d.errorf(v, p, "type-no-form", "Phụ lục III của Nghị định 30 không có mẫu trình bày %s (chỉ có Mẫu 1.1–1.10, 2.1–2.2, 3.1–3.2); vanban chưa dựng loại này", "Appendix III of Decree 30 has no form for %s (only Mẫu 1.1–1.10, 2.1–2.2, 3.1–3.2); vanban does not lay this type out", strings.ToLower(t.Name))
			}
		}, func() map[string]any {
			return enumOf("Loại văn bản theo Nghị định 30/2020/NĐ-CP (Điều 7; mẫu trình bày ở Phụ lục III): "+typeList(), anySlice(typeNames())...)
		}},
		{"size_set", false, func(v *yaml.Node, p string) {
			if s, ok := d.integer(v, p, 13, 14); ok {
				doc.SizeSet = nd30.SizeSet(s)
			}
		}, func() map[string]any {
			return enumOf("Bộ cỡ chữ của Nghị định (§11.1): 13 (Quốc hiệu 12, nội dung 13) hoặc 14; mặc định 13", 13, 14)
		}},
		{"agency", false, func(v *yaml.Node, p string) { d.agency(v, p, &doc.Agency) },
			func() map[string]any {
				return objectOf("Cơ quan ban hành và cơ quan chủ quản (ô 2)", d.agencyFields(&Agency{}))
			}},
		{"number", false, func(v *yaml.Node, p string) {
			if rv := resolve(v); rv.Kind == yaml.ScalarNode && rv.Tag == "!!null" {
				return
			}
			if num, ok := d.integer(v, p, 1, 999_999); ok {
				doc.Number = num
			}
		}, func() map[string]any {
			return map[string]any{"description": "Số văn bản (1–9 được thêm số 0); để trống khi văn thư cấp số lúc đăng ký", "type": []string{"integer", "null"}, "minimum": 1, "maximum": 999999}
		}},
		{"code", false, func(v *yaml.Node, p string) {
			doc.Code = d.requiredLine(v, p, "ký hiệu văn bản sau dấu /, ví dụ SNV-VP")
		}, func() map[string]any {
			return textOf("Ký hiệu văn bản sau dấu /, chữ in hoa, không dấu cách, ví dụ SNV-VP")
		}},
		{"place", false, func(v *yaml.Node, p string) {
			doc.Place = d.requiredLine(v, p, "địa danh, ví dụ Hà Tĩnh")
		}, func() map[string]any {
			return textOf("Địa danh viết đầy đủ, ví dụ Hà Tĩnh, Thành phố Hồ Chí Minh")
		}},
		{"date", false, func(v *yaml.Node, p string) { doc.Date = d.date(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Ngày ban hành: YYYY-MM-DD; YYYY-MM để trống ngày; YYYY để trống ngày và tháng; bỏ trống cả",
					"type": []string{"string", "integer", "null"}, "pattern": `^\d{4}(-\d{1,2}(-\d{1,2})?)?$`}
			}},
		{"subject", false, func(v *yaml.Node, p string) {
			doc.Subject = d.requiredLine(v, p, "trích yếu nội dung")
		}, func() map[string]any {
			return textOf("Trích yếu nội dung, viết sau \"V/v\" (không cần gõ V/v)")
		}},
		{"recipients", false, func(v *yaml.Node, p string) { doc.Recipients = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Kính gửi: một nơi nhận, hoặc danh sách (mỗi nơi một dòng; vanban tự đặt dấu - ; .)")
			}},
		{"deadlines", false, func(v *yaml.Node, p string) { d.deadlines(v, p, doc.Deadlines) },
			func() map[string]any {
				return map[string]any{"description": "Các thời hạn, dùng trong nội dung bằng {{deadline \"tên\"}}: tên → YYYY-MM-DD hoặc YYYY-MM-DD HH:MM",
					"type": "object", "additionalProperties": map[string]any{"type": "string", "pattern": `^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}[:h]\d{2})?$`}}
			}},
		{"body", false, func(v *yaml.Node, p string) { later.body = v },
			func() map[string]any {
				return textOf("Nội dung: các đoạn cách nhau một dòng trống; - đầu dòng; **đậm**, *nghiêng*, ~chỉ số dưới~, ^chỉ số trên^; {{deadline \"tên\"}}; kết thúc bằng ./.")
			}},
		{"signer", false, func(v *yaml.Node, p string) { d.signer(v, p, &doc.Signer) },
			func() map[string]any { return objectOf("Người ký (ô 7)", d.signerFields(&Signer{})) }},
		{"cc", false, func(v *yaml.Node, p string) { doc.CC = d.lineList(v, p) },
			func() map[string]any {
				return linesOf("Nơi nhận: mỗi nơi một dòng, bắt đầu bằng Như trên khi có Kính gửi")
			}},
		{"archive", false, func(v *yaml.Node, p string) { doc.Archive = d.line(v, p) },
			func() map[string]any { return textOf("Dòng Lưu, bắt đầu bằng VT: ví dụ VT, CCHC&VTLT") }},
		{"appendices", false, func(v *yaml.Node, p string) { doc.Appendices = d.appendices(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Các phụ lục, mỗi phụ lục một bảng ở một phần riêng", "type": "array",
					"items": objectOf("Phụ lục", d.appendixFields(&Appendix{}, new(appendixNodes)))}
			}},
	}
	return append(fields, d.partFields(doc, later)...)
}

// typeNames are the IDs of the types vanban lays out, sorted.
func typeNames() []string {
	var names []string
	for _, t := range nd30.DocumentTypes() {
		if t.Laid() {
			names = append(names, t.ID)
		}
	}
	sort.Strings(names)
	return names
}

// typeList names each laid-out type with its Mẫu: "quyet-dinh (Quyết định, Mẫu 1.2) …".
func typeList() string {
	var parts []string
	for _, t := range nd30.DocumentTypes() {
		if t.Laid() {
			parts = append(parts, fmt.Sprintf("%s (%s, Mẫu %s)", t.ID, t.Name, t.Form))
		}
	}
	return strings.Join(parts, "; ")
}

func (d *decoder) agency(n *yaml.Node, path string, a *Agency) {
	if d.mapping(n, path, d.agencyFields(a)) && a.Seal != nil && a.SealMM == 0 && mapValue(resolve(n), "seal_mm") == nil {
		d.errorf(n, join(path, "seal_mm"), "yaml-required", "cần đường kính thật của con dấu (mm) để đặt hình ảnh dấu đúng kích thước, ví dụ seal_mm: 40", "the seal's real diameter in mm is needed to set its image at its real size, e.g. seal_mm: 40")
	}
}

func (d *decoder) agencyFields(a *Agency) []field {
	return []field{
		{"parent", false, func(v *yaml.Node, p string) { a.Parent = d.line(v, p) },
			func() map[string]any {
				return textOf("Cơ quan chủ quản trực tiếp, in hoa, ví dụ UBND TỈNH HÀ TĨNH")
			}},
		{"name", true, func(v *yaml.Node, p string) {
			a.Name = d.requiredLine(v, p, "tên cơ quan ban hành, ví dụ SỞ NỘI VỤ")
		}, func() map[string]any { return textOf("Tên cơ quan ban hành, in hoa, ví dụ SỞ NỘI VỤ") }},
		{"name_in_text", false, func(v *yaml.Node, p string) { a.NameInText = d.line(v, p) },
			func() map[string]any {
				return textOf("Tên cơ quan viết trong câu, ví dụ Sở Nội vụ (dòng Kèm theo của phụ lục)")
			}},
		{"seal_image", false, func(v *yaml.Node, p string) { a.Seal = d.image(v, p) },
			func() map[string]any {
				return textOf("Văn bản điện tử: hình ảnh con dấu (ô 8), tệp PNG màu đỏ, nền trong suốt, đường dẫn tính từ thư mục của tệp YAML; đặt đúng kích thước thật (seal_mm), trùm khoảng 1/3 hình chữ ký về bên trái")
			}},
		{"seal_mm", false, func(v *yaml.Node, p string) { a.SealMM = d.sealMM(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Đường kính thật của con dấu (mm), ví dụ 40", "type": "number", "minimum": MinSealMM, "maximum": MaxSealMM}
			}},
	}
}

func (d *decoder) signer(n *yaml.Node, path string, s *Signer) {
	d.mapping(n, path, d.signerFields(s))
}

func (d *decoder) signerFields(s *Signer) []field {
	return []field{
		{"title", true, func(v *yaml.Node, p string) {
			s.Title = d.lineList(v, p)
			if len(s.Title) == 0 {
				d.errorf(v, p, "yaml-empty-value", "cần chức vụ người ký: một dòng (GIÁM ĐỐC) hoặc danh sách ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC])", "the signer's title is needed: one line (GIÁM ĐỐC) or a list ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC])")
				return
			}
			for _, problem := range nd30.CheckAuthority(s.Title) {
				at := resolve(v)
				if at.Kind == yaml.SequenceNode && problem.Line < len(at.Content) {
					at = at.Content[problem.Line]
				}
				d.errorf(at, p, "signer-prefix", "%s", "%s", localized{problem.Msg, problem.MsgEN})
			}
		}, func() map[string]any {
			return linesOf("Quyền hạn và chức vụ người ký: một dòng (GIÁM ĐỐC) hoặc danh sách ([KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]); chỉ dùng TM. KT. TL. TUQ. Q.")
		}},
		{"name", true, func(v *yaml.Node, p string) {
			s.Name = d.requiredLine(v, p, "họ và tên người ký")
		}, func() map[string]any { return textOf("Họ và tên người ký, không ghi học hàm, học vị") }},
		{"signature_image", false, func(v *yaml.Node, p string) { s.Image = d.image(v, p) },
			func() map[string]any {
				return textOf("Văn bản điện tử: hình ảnh chữ ký của người có thẩm quyền (ô 7c), tệp PNG màu xanh, nền trong suốt, đường dẫn tính từ thư mục của tệp YAML; đặt giữa chức vụ và họ tên")
			}},
	}
}

// date reads YYYY-MM-DD, YYYY-MM (day blank), YYYY (day and month blank) or
// nothing (all blank): parts the records office fills in at registration.
func (d *decoder) date(n *yaml.Node, path string) nd30.Date {
	s, ok := d.text(n, path)
	if !ok {
		return nd30.Date{}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nd30.Date{}
	}
	want := localized{"cần ngày dạng YYYY-MM-DD, YYYY-MM (để trống ngày) hoặc YYYY (để trống ngày và tháng)",
		"expected a date as YYYY-MM-DD, YYYY-MM (day left blank) or YYYY (day and month left blank)"}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		d.errorf(n, path, "date-invalid", "%s, nhận %q", "%s, got %q", want, s)
		return nd30.Date{}
	}
	var nums [3]int
	for i, part := range parts {
		v, err := strconv.Atoi(part)
		if err != nil || (i == 0 && len(part) != 4) || (i > 0 && (len(part) < 1 || len(part) > 2)) {
			d.errorf(n, path, "date-invalid", "%s, nhận %q", "%s, got %q", want, s)
			return nd30.Date{}
		}
		nums[i] = v
	}
	date := nd30.Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	switch {
	case date.Year < 1945:
		d.errorf(n, path, "date-invalid", "năm %d không hợp lệ: cần năm có 4 chữ số, từ 1945", "year %d is not valid: expected a four-digit year from 1945", date.Year)
	case len(parts) > 1 && (date.Month < 1 || date.Month > 12):
		d.errorf(n, path, "date-invalid", "tháng %d không tồn tại (cần 1–12)", "month %d does not exist (expected 1–12)", date.Month)
	case len(parts) > 2 && !validDay(date.Year, date.Month, date.Day):
		d.errorf(n, path, "date-invalid", "ngày %q không tồn tại: tháng %d năm %d có %d ngày", "date %q does not exist: month %d of %d has %d days", s, date.Month, date.Year, daysIn(date.Year, date.Month))
	default:
		return date
	}
	return nd30.Date{}
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func validDay(year, month, day int) bool { return day >= 1 && day <= daysIn(year, month) }

var deadlinePattern = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[:h](\d{2}))?$`)

func (d *decoder) deadlines(n *yaml.Node, path string, out map[string]nd30.Deadline) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "yaml-type", "cần một ánh xạ tên → thời hạn, ví dụ tong-hop: 2024-03-06 14:00; nhận %s", "expected a mapping of name → deadline, e.g. tong-hop: 2024-03-06 14:00; got %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		id := k.Value
		p := join(path, id)
		if _, dup := d.deadlineIDs[id]; dup {
			d.errorf(k, p, "yaml-duplicate-key", "thời hạn %q được khai báo hai lần", "deadline %q is declared twice", id)
			continue
		}
		d.deadlineIDs[id] = true // named, even if its value is wrong: the body may use it
		if dl, ok := d.deadline(v, p, "deadline-invalid"); ok {
			out[id] = dl
		}
	}
}

// deadline reads a date with an optional time, YYYY-MM-DD[ HH:MM], reporting
// a bad one under rule.
func (d *decoder) deadline(v *yaml.Node, p, rule string) (nd30.Deadline, bool) {
	s, ok := d.text(v, p)
	if !ok {
		return nd30.Deadline{}, false
	}
	s = strings.TrimSpace(s)
	m := deadlinePattern.FindStringSubmatch(s)
	if m == nil {
		d.errorf(v, p, rule, "cần thời hạn dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM (ví dụ 2024-03-06 14:00), nhận %q", "expected a deadline as YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. 2024-03-06 14:00), got %q", s)
		return nd30.Deadline{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || !validDay(y, mo, day) {
		d.errorf(v, p, rule, "ngày %s-%s-%s không tồn tại", "date %s-%s-%s does not exist", m[1], m[2], m[3])
		return nd30.Deadline{}, false
	}
	dl := nd30.Deadline{Date: time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)}
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		if h > 24 || mi > 59 || (h == 24 && mi != 0) {
			d.errorf(v, p, rule, "giờ %s:%s không hợp lệ (cần 00:00–24:00)", "time %s:%s is not valid (expected 00:00–24:00)", m[4], m[5])
			return nd30.Deadline{}, false
		}
		dl.HasTime, dl.Hour, dl.Minute = true, h, mi
	}
	return dl, true
}
