package vanban

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

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
	fail := func(p Pos, rule, vi, en string) (*Document, error) {
		return nil, ErrorList{{File: file, Pos: p, Rule: rule, Msg: vi, MsgEN: en}}
	}
	if len(src) > MaxInputBytes {
		return fail(Pos{1, 1}, "limit-size", fmt.Sprintf("tệp lớn hơn giới hạn %d MB", MaxInputBytes>>20), fmt.Sprintf("the file is larger than the %d MB limit", MaxInputBytes>>20))
	}
	if p, ok := firstInvalidUTF8(src); !ok {
		return fail(p, "file-encoding", "tệp không phải văn bản UTF-8 hợp lệ (hãy lưu tệp với mã hóa UTF-8)", "the file is not valid UTF-8 text (save it as UTF-8)")
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return fail(yamlErrorPos(err), "yaml-syntax", "lỗi cú pháp YAML: "+yamlErrorText(err), "YAML syntax error: "+yamlErrorText(err))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return fail(Pos{1, 1}, "yaml-empty", "tệp rỗng: cần một văn bản YAML với các trường type, agency, subject, body …", "the file is empty: expected a YAML document with type, agency, subject, body …")
	}
	top := root.Content[0]
	if n := expandedSize(top, map[*yaml.Node]int{}); n > maxNodes {
		return fail(pos(top), "limit-alias", fmt.Sprintf("tệp YAML mở rộng (anchor/alias) quá %d nút; không xử lý", maxNodes), fmt.Sprintf("the YAML expands (anchors/aliases) to more than %d nodes; not processed", maxNodes))
	}
	d := &decoder{file: file, lines: strings.Split(string(src), "\n"), positions: map[string]Pos{}, deadlineIDs: map[string]bool{}}
	doc := d.document(top)
	doc.Positions, doc.NFD = d.positions, d.nfd
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return doc, nil
}

func firstInvalidUTF8(src []byte) (Pos, bool) {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return Pos{line, col}, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return Pos{}, true
}

func yamlErrorPos(err error) Pos {
	if m := yamlLine.FindStringSubmatch(firstLine(err.Error())); m != nil {
		n, _ := strconv.Atoi(m[1])
		return Pos{n, 1}
	}
	return Pos{1, 1}
}

func yamlErrorText(err error) string {
	s := firstLine(err.Error())
	if m := yamlLine.FindStringSubmatch(s); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(s, "yaml: ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// expandedSize counts the nodes of n with every alias expanded, memoised so
// that the count itself stays linear in the file.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = maxNodes + 1 // a node that reaches itself is too large
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > maxNodes {
			break
		}
	}
	memo[n] = size
	return size
}

func pos(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

// decoder walks the YAML tree, collecting every error rather than stopping
// at the first.
type decoder struct {
	file      string
	lines     []string // the source, to place errors inside block scalars
	errs      ErrorList
	positions map[string]Pos // where each scalar was read, by field path
	nfd       *Pos           // the first decomposed (NFD) text met
	// deadlineIDs are the deadlines declared, valid or not, so that a bad
	// value is reported once, not again where the body uses it.
	deadlineIDs map[string]bool
}

// errorAt records an error; vi and en are the message in each language,
// formatted with the same arguments.
func (d *decoder) errorAt(p Pos, field, rule, vi, en string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Pos: p, Field: field, Rule: rule,
		Msg: fmt.Sprintf(vi, localArgs(args, false)...), MsgEN: fmt.Sprintf(en, localArgs(args, true)...)})
}

func (d *decoder) errorf(n *yaml.Node, field, rule, vi, en string, args ...any) {
	d.errorAt(pos(n), field, rule, vi, en, args...)
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) localized {
	switch n.Kind {
	case yaml.MappingNode:
		return localized{"một ánh xạ (các cặp khóa: giá trị)", "a mapping (key: value pairs)"}
	case yaml.SequenceNode:
		return localized{"một danh sách", "a list"}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return localized{"giá trị rỗng", "an empty value"}
		}
		return localized{fmt.Sprintf("giá trị %q", n.Value), fmt.Sprintf("the value %q", n.Value)}
	}
	return localized{"một giá trị không hợp lệ", "an invalid value"}
}

// field is one known key of a mapping and how to decode its value.
type field struct {
	name     string
	required bool
	decode   func(v *yaml.Node, path string)
	// schema describes the value for editors (vanban schema): a JSON Schema
	// with a Vietnamese description. The decoder's field lists are the one
	// source of the input's names, so the schema cannot drift from them.
	schema func() map[string]any
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// mapping decodes n as a mapping with the given fields. Unknown keys are
// errors with a did-you-mean; missing required fields are errors at n.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) bool {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "yaml-type", "cần một ánh xạ (các cặp khóa: giá trị), nhận %s", "expected a mapping (key: value pairs), got %s", kindName(n))
		return false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]bool{}
	suggested := map[string]bool{} // a typo already reported names the field it meant
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "yaml-type", "khóa phải là một tên trường, nhận %s", "a key must be a field name, got %s", kindName(k))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, path, "yaml-duplicate-key", "trường %q được viết hai lần; chỉ giữ một", "field %q is written twice; keep one", k.Value)
			continue
		}
		idx := -1
		for j, f := range fields {
			if f.name == k.Value {
				idx = j
				break
			}
		}
		if idx < 0 {
			vi, en := fmt.Sprintf("trường %q không được hỗ trợ", k.Value), fmt.Sprintf("field %q is not supported", k.Value)
			if s := didYouMean(k.Value, names); s != "" {
				vi += fmt.Sprintf("; có phải ý bạn là %q?", s)
				en += fmt.Sprintf("; did you mean %q?", s)
				suggested[s] = true
			} else {
				vi += "; các trường hợp lệ: " + strings.Join(names, ", ")
				en += "; valid fields: " + strings.Join(names, ", ")
			}
			d.errorf(k, path, "yaml-unknown-field", "%s", "%s", localized{vi, en})
			continue
		}
		seen[k.Value] = true
		fields[idx].decode(v, join(path, k.Value))
	}
	for _, f := range fields {
		if f.required && !seen[f.name] && !suggested[f.name] {
			d.errorf(n, join(path, f.name), "yaml-required", "thiếu trường bắt buộc", "required field is missing")
		}
	}
	return true
}

// text decodes a scalar as NFC text. Control characters other than tab and
// newline are rejected: they are invisible on the page and break DOCX.
func (d *decoder) text(n *yaml.Node, path string) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "yaml-type", "cần một chuỗi văn bản, nhận %s", "expected text, got %s", kindName(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	s := strings.ReplaceAll(n.Value, "\r\n", "\n")
	if d.positions != nil && !strings.Contains(path, ".rows[") {
		d.positions[path] = pos(n) // table cells carry their own positions in errors
	}
	nfc := norm.NFC.String(s) // s itself, without copying, when already NFC
	if d.nfd == nil && nfc != s {
		p := pos(n)
		d.nfd = &p
	}
	for i, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			d.errorf(n, path, "text-control", "chứa ký tự điều khiển U+%04X ở vị trí %d; hãy xóa ký tự này", "contains the control character U+%04X at position %d; remove it", r, utf8.RuneCountInString(s[:i])+1)
			return "", false
		}
	}
	return nfc, true
}

// line decodes a one-line text: runs of white space (including line breaks
// of a folded YAML value) become one space.
func (d *decoder) line(n *yaml.Node, path string) string {
	s, _ := d.text(n, path)
	return strings.Join(strings.Fields(s), " ")
}

// requiredLine is line that must not be empty.
func (d *decoder) requiredLine(n *yaml.Node, path, what string) string {
	s, ok := d.text(n, path)
	s = strings.Join(strings.Fields(s), " ")
	if ok && s == "" && resolve(n).Kind == yaml.ScalarNode {
		d.errorf(n, path, "yaml-empty-value", "không được để trống: cần %s", "must not be empty: expected %s", what)
	}
	return s
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	}
	d.errorf(n, path, "yaml-type", "cần true hoặc false, nhận %s", "expected true or false, got %s", kindName(n))
	return false
}

func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) (int, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str") {
		v, err := strconv.Atoi(strings.TrimSpace(n.Value))
		if err == nil && v >= lo && v <= hi {
			return v, true
		}
	}
	d.errorf(n, path, "yaml-type", "cần một số nguyên từ %d đến %d, nhận %s", "expected a whole number from %d to %d, got %s", lo, hi, kindName(n))
	return 0, false
}

// lines decodes a list of one-line texts; a single text is a list of one.
func (d *decoder) lineList(n *yaml.Node, path string) []string {
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{d.line(n, path)}
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s := d.line(c, p)
			if s == "" && resolve(c).Kind == yaml.ScalarNode {
				d.errorf(c, p, "yaml-empty-value", "mục rỗng trong danh sách", "empty item in the list")
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.errorf(n, path, "yaml-type", "cần một danh sách các dòng, nhận %s", "expected a list of lines, got %s", kindName(n))
	return nil
}

func (d *decoder) document(n *yaml.Node) *Document {
	doc := &Document{File: d.file, SizeSet: nd30.Set13, Deadlines: map[string]nd30.Deadline{}}
	var bodyNode *yaml.Node
	d.mapping(n, "", d.documentFields(doc, &bodyNode))
	// The body is read last so that every deadline it names is known.
	if bodyNode != nil {
		doc.Body = d.body(bodyNode, "body", doc.Deadlines)
	}
	if len(doc.Appendices) > 0 && doc.Agency.NameInText == "" && resolve(n).Kind == yaml.MappingNode {
		d.errorf(n, "agency.name_in_text", "yaml-required", "cần tên cơ quan viết trong câu (ví dụ Sở Nội vụ) cho dòng \"Kèm theo …\" của phụ lục", "the agency's name as written in a sentence (e.g. Sở Nội vụ) is needed for the appendix's \"Kèm theo …\" line")
	}
	return doc
}

// documentFields are the top-level fields of a document.
func (d *decoder) documentFields(doc *Document, bodyNode **yaml.Node) []field {
	return []field{
		{"type", true, func(v *yaml.Node, p string) {
			doc.Type = d.line(v, p)
			if _, ok := documentTypes[doc.Type]; !ok {
				d.errorf(v, p, "type-unsupported", "loại văn bản %q chưa được hỗ trợ; các loại hỗ trợ: %s", "document type %q is not supported; supported: %s", doc.Type, strings.Join(typeNames(), ", "))
			}
		}, func() map[string]any {
			return enumOf("Loại văn bản theo Nghị định 30/2020/NĐ-CP: cong-van (công văn)", anySlice(typeNames())...)
		}},
		{"size_set", false, func(v *yaml.Node, p string) {
			if s, ok := d.integer(v, p, 13, 14); ok {
				doc.SizeSet = nd30.SizeSet(s)
			}
		}, func() map[string]any {
			return enumOf("Bộ cỡ chữ của Nghị định (§11.1): 13 (Quốc hiệu 12, nội dung 13) hoặc 14; mặc định 13", 13, 14)
		}},
		{"agency", true, func(v *yaml.Node, p string) { d.agency(v, p, &doc.Agency) },
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
		{"code", true, func(v *yaml.Node, p string) {
			doc.Code = d.requiredLine(v, p, "ký hiệu văn bản sau dấu /, ví dụ SNV-VP")
		}, func() map[string]any {
			return textOf("Ký hiệu văn bản sau dấu /, chữ in hoa, không dấu cách, ví dụ SNV-VP")
		}},
		{"place", true, func(v *yaml.Node, p string) {
			doc.Place = d.requiredLine(v, p, "địa danh, ví dụ Hà Tĩnh")
		}, func() map[string]any {
			return textOf("Địa danh viết đầy đủ, ví dụ Hà Tĩnh, Thành phố Hồ Chí Minh")
		}},
		{"date", false, func(v *yaml.Node, p string) { doc.Date = d.date(v, p) },
			func() map[string]any {
				return map[string]any{"description": "Ngày ban hành: YYYY-MM-DD; YYYY-MM để trống ngày; YYYY để trống ngày và tháng; bỏ trống cả",
					"type": []string{"string", "integer", "null"}, "pattern": `^\d{4}(-\d{1,2}(-\d{1,2})?)?$`}
			}},
		{"subject", true, func(v *yaml.Node, p string) {
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
		{"body", true, func(v *yaml.Node, p string) { *bodyNode = v },
			func() map[string]any {
				return textOf("Nội dung: các đoạn cách nhau một dòng trống; - đầu dòng; **đậm**, *nghiêng*, ~chỉ số dưới~, ^chỉ số trên^; {{deadline \"tên\"}}; kết thúc bằng ./.")
			}},
		{"signer", true, func(v *yaml.Node, p string) { d.signer(v, p, &doc.Signer) },
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
}

func typeNames() []string {
	names := make([]string, 0, len(documentTypes))
	for k := range documentTypes {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (d *decoder) agency(n *yaml.Node, path string, a *Agency) {
	d.mapping(n, path, d.agencyFields(a))
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
		s, ok := d.text(v, p)
		if !ok {
			continue
		}
		s = strings.TrimSpace(s)
		m := deadlinePattern.FindStringSubmatch(s)
		if m == nil {
			d.errorf(v, p, "deadline-invalid", "cần thời hạn dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM (ví dụ 2024-03-06 14:00), nhận %q", "expected a deadline as YYYY-MM-DD or YYYY-MM-DD HH:MM (e.g. 2024-03-06 14:00), got %q", s)
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 || !validDay(y, mo, day) {
			d.errorf(v, p, "deadline-invalid", "ngày %s-%s-%s không tồn tại", "date %s-%s-%s does not exist", m[1], m[2], m[3])
			continue
		}
		dl := nd30.Deadline{Date: time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)}
		if m[4] != "" {
			h, _ := strconv.Atoi(m[4])
			mi, _ := strconv.Atoi(m[5])
			if h > 24 || mi > 59 || (h == 24 && mi != 0) {
				d.errorf(v, p, "deadline-invalid", "giờ %s:%s không hợp lệ (cần 00:00–24:00)", "time %s:%s is not valid (expected 00:00–24:00)", m[4], m[5])
				continue
			}
			dl.HasTime, dl.Hour, dl.Minute = true, h, mi
		}
		out[id] = dl
	}
}
