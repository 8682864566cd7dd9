// Package sign issues vanban's PDFs electronically (Decree 30, Art. 5 and
// Phụ lục I, Phần I, Mục II.7–8; docs/nd30.md §10): it says where the
// empty signature fields of a sign-ready PDF go (Fields), and it signs a
// PDF (Sign) — the competent person's signature first, then the agency's —
// each signature appended to the file as an incremental update that leaves
// every byte before it, and so every earlier signature, intact.
//
//	key, chain, err := sign.LoadPKCS12(p12, password)
//	res, err := sign.Sign(pdfBytes, sign.Options{Signer: key, Chain: chain})
//
// A signature is PAdES baseline B-B (ETSI EN 319 142-1): SubFilter
// ETSI.CAdES.detached, a /ByteRange covering the whole file but the
// signature value, a detached CMS SignedData (cms.go) with the signing
// certificate bound by its hash, the signing time in /M, in Vietnam time
// (+07:00). The signer is a crypto.Signer, so a key in a PKCS#12 file or on
// a PKCS#11 token (pkcs11.go, built with -tags pkcs11) signs the same way.
//
// The package reads the PDF itself (object.go, reader.go: classic
// cross-reference tables and streams, object streams, FlateDecode) and
// writes the update itself; it does not rewrite anything it does not
// change, does not open encrypted files, and draws nothing: the signature
// and seal images are the pages' own content, and the fields keep the
// empty appearance they were given.
package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	vanban "github.com/vanban-vn/vanban"
)

// Vietnam is the time zone signatures are dated in: UTC+07:00 all year
// (docs/nd30.md §10, ISO 8601 Vietnam time).
var Vietnam = time.FixedZone("+07", 7*3600)

// Options say who signs, which field, and when.
type Options struct {
	Signer crypto.Signer
	// Chain is the signer's certificate, then the certificates of its
	// issuers that the signature should carry.
	Chain []*x509.Certificate
	// Field is the full name of the empty signature field to fill. "":
	// the first empty one in the form's order (in vanban's sign-ready PDF
	// the signer's, then the agency's); a file without one gets a new
	// invisible field.
	Field string
	// Time is the claimed signing time; zero: now. It is written in
	// Vietnam time.
	Time time.Time
	// Name is the signer's name (/Name); "": the certificate's common
	// name. Reason, Location and ContactInfo are optional.
	Name, Reason, Location, ContactInfo string
}

// Result is a signed file and what was signed.
type Result struct {
	PDF   []byte
	Field string    // the field filled (or made)
	Time  time.Time // the signing time written, in Vietnam time
}

// Errors in both languages, for vanban.Error; the command adds the file.
var (
	errEncrypted = errors.New("encrypted")
)

func fail(rule, msg, msgEN string, args ...any) *vanban.Error {
	return &vanban.Error{Rule: rule, Msg: fmt.Sprintf(msg, args...), MsgEN: fmt.Sprintf(msgEN, args...)}
}

// Sign appends a signature to the PDF in data and returns the signed file.
// Errors are *vanban.Error, in Vietnamese and English, without the file's
// name.
func Sign(data []byte, opts Options) (*Result, error) {
	if opts.Signer == nil || len(opts.Chain) == 0 || opts.Chain[0] == nil {
		return nil, fail("sign-key", "không có khoá ký hoặc chứng thư số", "no signing key or certificate")
	}
	if err := matches(opts.Signer.Public(), opts.Chain[0]); err != nil {
		return nil, err
	}
	f, err := readFile(data)
	if errors.Is(err, errEncrypted) {
		return nil, fail("sign-encrypted", "tệp PDF đã mã hoá: không ký được tệp mã hoá", "the PDF is encrypted: encrypted files cannot be signed")
	}
	if err != nil {
		return nil, fail("sign-pdf", "không đọc được tệp PDF: %v", "cannot read the PDF: %v", err)
	}
	u, err := newUpdate(f)
	if err != nil {
		return nil, fail("sign-pdf", "không đọc được tệp PDF: %v", "cannot read the PDF: %v", err)
	}
	when := opts.Time
	if when.IsZero() {
		when = time.Now()
	}
	when = when.In(Vietnam).Truncate(time.Second)
	signerName := opts.Name
	if signerName == "" {
		signerName = opts.Chain[0].Subject.CommonName
	}
	field, err := u.place(opts.Field)
	if err != nil {
		return nil, err
	}
	sigObj := u.sigNum
	reserve := contentsSize(opts.Chain)
	sig := u.sigDict(reserve, when, signerName, opts)
	u.put(sigObj, 0, sig)

	out, ranges, err := u.write(sigObj)
	if err != nil {
		return nil, fail("sign-pdf", "không ghi được phần cập nhật: %v", "cannot write the update: %v", err)
	}
	// The byte range: everything but the signature value, angle brackets
	// included (ISO 32000-1 §12.8.1).
	lt, gt := ranges.contents, ranges.contents+2+2*reserve
	br := fmt.Sprintf("[0 %d %d %d", lt, gt, len(out)-gt)
	if len(br) > len(byteRangeHole)-1 {
		return nil, fail("sign-pdf", "tệp quá lớn", "file too large")
	}
	copy(out[ranges.byteRange:], br+strings.Repeat(" ", len(byteRangeHole)-1-len(br))+"]")
	signed := make([]byte, 0, len(out)-(gt-lt))
	signed = append(append(signed, out[:lt]...), out[gt:]...)
	cms, err := signedData(signed, opts.Signer, opts.Chain)
	if err != nil {
		return nil, fail("sign-key", "khoá không ký được: %v", "the key could not sign: %v", err)
	}
	if len(cms) > reserve {
		return nil, fail("sign-size", "chữ ký dài %d byte, vượt chỗ dành sẵn %d byte", "the signature is %d bytes, more than the %d reserved", len(cms), reserve)
	}
	hex.Encode(out[lt+1:], cms)
	// Check what was written reads back.
	if _, err := readFile(out); err != nil {
		return nil, fail("sign-pdf", "tệp đã ký không đọc lại được: %v", "the signed file does not read back: %v", err)
	}
	return &Result{PDF: out, Field: field, Time: when}, nil
}

// matches checks that the key is the certificate's.
func matches(pub crypto.PublicKey, cert *x509.Certificate) error {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if k, ok := pub.(equaler); ok && k.Equal(cert.PublicKey) {
		return nil
	}
	return fail("sign-key", "khoá ký không khớp với chứng thư số %q", "the signing key does not match the certificate %q", cert.Subject.CommonName)
}

// contentsSize is the room kept for the CMS: the certificates, the
// signature value and the structure around them, with a margin.
func contentsSize(chain []*x509.Certificate) int {
	n := 2048
	for _, c := range chain {
		n += len(c.Raw)
	}
	switch k := chain[0].PublicKey.(type) {
	case *rsa.PublicKey:
		n += k.Size()
	case *ecdsa.PublicKey:
		n += 2*(k.Params().BitSize+7)/8 + 16
	default:
		n += 1024
	}
	return n
}

// update is one incremental update being assembled: objects replaced or
// added, by number.
type update struct {
	f      *file
	root   ref
	next   int // the next free object number
	sigNum int
	objs   map[int]updated
}

type updated struct {
	gen  int
	body []byte
}

func newUpdate(f *file) (*update, error) {
	root, ok := f.trailer.get("Root").(ref)
	if !ok {
		return nil, fmt.Errorf("%w: the trailer has no /Root", errSyntax)
	}
	size, ok := f.int(f.trailer.get("Size"))
	if !ok || size <= 0 {
		return nil, fmt.Errorf("%w: the trailer has no /Size", errSyntax)
	}
	for num := range f.xref {
		size = max(size, num+1)
	}
	u := &update{f: f, root: root, next: size, objs: map[int]updated{}}
	u.sigNum = u.alloc()
	return u, nil
}

func (u *update) alloc() int {
	u.next++
	return u.next - 1
}

func (u *update) put(num, gen int, v object) {
	var b bytes.Buffer
	switch v := v.(type) {
	case []byte:
		b.Write(v)
	default:
		writeObject(&b, v)
	}
	u.objs[num] = updated{gen, b.Bytes()}
}

// sigField is a signature field of the form.
type sigField struct {
	ref    ref
	name   string // the full name: the partial names joined by periods
	signed bool
	dict   *dict
}

// fields lists the signature fields of the AcroForm, in its order.
func (u *update) fields(acro *dict) ([]sigField, error) {
	var out []sigField
	seen := map[ref]bool{} // a field met twice (a loop, or shared kids) is walked once
	var walk func(v object, parent string, ft object, depth int) error
	walk = func(v object, parent string, ft object, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%w: form fields nested too deep", errSyntax)
		}
		r, isRef := v.(ref)
		if isRef {
			if seen[r] {
				return nil
			}
			seen[r] = true
		}
		d, err := u.f.dictOf(v)
		if err != nil || d == nil {
			return err
		}
		full := parent
		if t, ok := d.get("T").(str); ok {
			if full != "" {
				full += "."
			}
			full += textOf(t)
		}
		if d.get("FT") != nil {
			ft = d.get("FT")
		}
		kids, _ := u.f.resolve(d.get("Kids"))
		var fieldKids array
		if a, ok := kids.(array); ok {
			for _, k := range a {
				kd, err := u.f.dictOf(k)
				if err != nil {
					return err
				}
				if kd != nil && kd.get("T") != nil {
					fieldKids = append(fieldKids, k)
				}
			}
		}
		if len(fieldKids) > 0 {
			for _, k := range fieldKids {
				if err := walk(k, full, ft, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if ft == name("Sig") && isRef {
			v, _ := u.f.resolve(d.get("V"))
			out = append(out, sigField{ref: r, name: full, signed: v != nil, dict: d})
		}
		return nil
	}
	list, err := u.f.resolve(acro.get("Fields"))
	if err != nil {
		return nil, err
	}
	a, _ := list.(array)
	for _, v := range a {
		if err := walk(v, "", nil, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// place decides where the signature goes — the named field, the first
// empty one, or a new invisible field on page 1 — and adds the objects
// that change. It returns the field's name.
func (u *update) place(want string) (string, error) {
	pdfErr := func(err error) error {
		return fail("sign-pdf", "không đọc được tệp PDF: %v", "cannot read the PDF: %v", err)
	}
	root, err := u.f.dictOf(u.root)
	if err != nil || root == nil {
		return "", pdfErr(fmt.Errorf("%w: no catalog", errSyntax))
	}
	acroVal := root.get("AcroForm")
	acro, err := u.f.dictOf(acroVal)
	if err != nil {
		return "", pdfErr(err)
	}
	var fields []sigField
	if acro != nil {
		if fields, err = u.fields(acro); err != nil {
			return "", pdfErr(err)
		}
	}
	var empty []string
	for _, fl := range fields {
		if !fl.signed {
			empty = append(empty, fl.name)
		}
	}
	var target *sigField
	for i, fl := range fields {
		if want != "" && fl.name == want {
			if fl.signed {
				return "", fail("sign-field-signed", "trường chữ ký %q đã được ký", "the signature field %q is already signed", want)
			}
			target = &fields[i]
			break
		}
		if want == "" && !fl.signed {
			target = &fields[i]
			break
		}
	}
	if want != "" && target == nil {
		list := strings.Join(empty, ", ")
		if list == "" {
			return "", fail("sign-field-missing", "không có trường chữ ký trống tên %q; tệp không có trường chữ ký trống nào (dựng lại với --sign-ready, hoặc bỏ --field để thêm chữ ký ẩn)",
				"no empty signature field named %q; the file has no empty signature field (render it with --sign-ready, or leave out --field for an invisible signature)", want)
		}
		return "", fail("sign-field-missing", "không có trường chữ ký trống tên %q; các trường trống: %s", "no empty signature field named %q; the empty fields are: %s", want, list)
	}

	sigRef := ref{u.sigNum, 0}
	var newFields array
	if target != nil {
		want = target.name
		fd := target.dict.clone()
		fd.set("V", sigRef)
		u.put(target.ref.num, target.ref.gen, fd)
	} else {
		// A new field, invisible (a zero rectangle needs no appearance, in
		// PDF/A too), printed and locked as signature widgets are.
		pageRef, page, err := u.firstPage(root)
		if err != nil {
			return "", pdfErr(err)
		}
		widget := u.alloc()
		want = "Signature" + strconv.Itoa(len(fields)+1)
		wd := newDict()
		wd.set("Type", name("Annot"))
		wd.set("Subtype", name("Widget"))
		wd.set("FT", name("Sig"))
		wd.set("T", str(want))
		wd.set("F", raw("132"))
		wd.set("Rect", array{raw("0"), raw("0"), raw("0"), raw("0")})
		wd.set("P", pageRef)
		wd.set("V", sigRef)
		u.put(widget, 0, wd)
		wr := ref{widget, 0}
		annots := page.get("Annots")
		if ar, ok := annots.(ref); ok {
			v, err := u.f.resolve(ar)
			if err != nil {
				return "", pdfErr(err)
			}
			a, _ := v.(array)
			u.put(ar.num, ar.gen, append(slices.Clone(a), wr))
		} else {
			a, _ := annots.(array)
			pd := page.clone()
			pd.set("Annots", append(slices.Clone(a), wr))
			u.put(pageRef.num, pageRef.gen, pd)
		}
		if acro != nil {
			v, err := u.f.resolve(acro.get("Fields"))
			if err != nil {
				return "", pdfErr(err)
			}
			a, _ := v.(array)
			newFields = append(slices.Clone(a), wr)
		} else {
			newFields = array{wr}
		}
	}
	// The form now holds a signature, and only incremental updates keep it
	// valid: SignaturesExist and AppendOnly.
	form := newDict()
	if acro != nil {
		form = acro.clone()
	}
	if newFields != nil {
		if fr, ok := form.get("Fields").(ref); ok {
			u.put(fr.num, fr.gen, newFields)
		} else {
			form.set("Fields", newFields)
		}
	}
	form.set("SigFlags", raw("3"))
	if ar, ok := acroVal.(ref); ok {
		u.put(ar.num, ar.gen, form)
	} else {
		formNum := u.alloc()
		u.put(formNum, 0, form)
		rd := root.clone()
		rd.set("AcroForm", ref{formNum, 0})
		u.put(u.root.num, u.root.gen, rd)
	}
	return want, nil
}

// firstPage finds page 1.
func (u *update) firstPage(root *dict) (ref, *dict, error) {
	v := root.get("Pages")
	for range 64 {
		r, ok := v.(ref)
		if !ok {
			break
		}
		d, err := u.f.dictOf(r)
		if err != nil {
			return ref{}, nil, err
		}
		if d == nil {
			break
		}
		if d.get("Type") == name("Page") || d.get("Kids") == nil {
			return r, d, nil
		}
		kids, err := u.f.resolve(d.get("Kids"))
		if err != nil {
			return ref{}, nil, err
		}
		a, _ := kids.(array)
		if len(a) == 0 {
			break
		}
		v = a[0]
	}
	return ref{}, nil, fmt.Errorf("%w: no first page", errSyntax)
}

// byteRangeHole is the /ByteRange written before the offsets are known,
// then overwritten in place with them, padded with spaces.
const byteRangeHole = "[0 0000000000 0000000000 0000000000]"

// sigDict is the signature dictionary with reserve bytes of room for the
// CMS (written as hexadecimal zeros) and a hole for the byte range.
func (u *update) sigDict(reserve int, when time.Time, signer string, opts Options) []byte {
	var b bytes.Buffer
	b.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ")
	b.WriteString(byteRangeHole)
	b.WriteString(" /Contents <")
	b.Write(bytes.Repeat([]byte("0"), 2*reserve))
	b.WriteString(">")
	fmt.Fprintf(&b, " /M (D:%s+07'00')", when.Format("20060102150405"))
	// Text strings in UTF-16BE, hexadecimal: a Vietnamese name never
	// breaks the string, whatever bytes it encodes to.
	for _, kv := range [][2]string{{"Name", signer}, {"Reason", opts.Reason}, {"Location", opts.Location}, {"ContactInfo", opts.ContactInfo}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], textString(kv[1]))
		}
	}
	b.WriteString(" /Prop_Build <</App <</Name /vanban>>>>>>")
	return b.Bytes()
}

// textString is a PDF text string in UTF-16BE with a byte-order mark,
// in hexadecimal.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// textOf decodes a PDF text string: UTF-16BE with a byte-order mark, UTF-8
// with one (PDF 2.0), or PDFDocEncoding, read here as Latin-1, which it
// equals for the letters a field name uses.
func textOf(s str) string {
	switch {
	case len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF:
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	case len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF:
		return string(s[3:])
	}
	r := make([]rune, len(s))
	for i, c := range s {
		r[i] = rune(c)
	}
	return string(r)
}

// offsets are where the signature dictionary's holes are in the output.
type offsets struct {
	byteRange int // the '[' of the byte range
	contents  int // the '<' of the signature value
}

// write returns the file with the update appended: the objects, a
// cross-reference section of the kind the file's newest one is, and a
// trailer that keeps /Root, /Info and the first /ID.
func (u *update) write(sigObj int) ([]byte, offsets, error) {
	var out bytes.Buffer
	data := u.f.data
	out.Grow(len(data) + 64<<10)
	out.Write(data)
	if n := len(data); n > 0 && data[n-1] != '\n' && data[n-1] != '\r' {
		out.WriteByte('\n')
	}
	var holes offsets
	nums := make([]int, 0, len(u.objs)+1)
	for n := range u.objs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	at := map[int]int{}
	for _, n := range nums {
		o := u.objs[n]
		at[n] = out.Len()
		fmt.Fprintf(&out, "%d %d obj\n", n, o.gen)
		if n == sigObj {
			holes.byteRange = out.Len() + bytes.Index(o.body, []byte(byteRangeHole))
			holes.contents = out.Len() + bytes.Index(o.body, []byte("/Contents <")) + len("/Contents ")
		}
		out.Write(o.body)
		out.WriteString("\nendobj\n")
	}
	// The file identifier: the first part stays (ISO 32000-1 §14.4), the
	// second is a digest of this revision before it is signed.
	sum := md5.Sum(out.Bytes())
	first := sum[:]
	if id, ok := u.f.trailer.get("ID").(array); ok && len(id) == 2 {
		if s, ok := id[0].(str); ok {
			first = s
		}
	}
	idArray := array{str(first), str(sum[:])}
	trailer := newDict()
	xrefAt := out.Len()
	if u.f.xrefStream {
		self := u.alloc()
		at[self] = xrefAt
		nums = append(nums, self)
		u.objs[self] = updated{}
	}
	trailer.set("Size", raw(strconv.Itoa(u.next)))
	trailer.set("Root", u.root)
	if info := u.f.trailer.get("Info"); info != nil {
		trailer.set("Info", info)
	}
	trailer.set("ID", idArray)
	trailer.set("Prev", raw(strconv.Itoa(u.f.startxref)))
	// Consecutive numbers form one subsection.
	var groups [][2]int // first, count
	for _, n := range nums {
		if k := len(groups) - 1; k >= 0 && groups[k][0]+groups[k][1] == n {
			groups[k][1]++
		} else {
			groups = append(groups, [2]int{n, 1})
		}
	}
	if !u.f.xrefStream {
		out.WriteString("xref\n")
		for _, g := range groups {
			fmt.Fprintf(&out, "%d %d\n", g[0], g[1])
			for n := g[0]; n < g[0]+g[1]; n++ {
				fmt.Fprintf(&out, "%010d %05d n \n", at[n], u.objs[n].gen)
			}
		}
		out.WriteString("trailer\n")
		writeObject(&out, trailer)
		out.WriteString("\n")
	} else {
		var rows []byte
		var index array
		for _, g := range groups {
			index = append(index, raw(strconv.Itoa(g[0])), raw(strconv.Itoa(g[1])))
			for n := g[0]; n < g[0]+g[1]; n++ {
				off, gen := at[n], u.objs[n].gen
				rows = append(rows, 1, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), byte(gen>>8), byte(gen))
			}
		}
		if xrefAt > 1<<32-1 {
			return nil, holes, fmt.Errorf("file over 4 GB")
		}
		trailer.set("Type", name("XRef"))
		trailer.set("Index", index)
		trailer.set("W", array{raw("1"), raw("4"), raw("2")})
		trailer.set("Length", raw(strconv.Itoa(len(rows))))
		fmt.Fprintf(&out, "%d 0 obj\n", nums[len(nums)-1])
		writeObject(&out, trailer)
		out.WriteString("\nstream\n")
		out.Write(rows)
		out.WriteString("\nendstream\nendobj\n")
	}
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xrefAt)
	return out.Bytes(), holes, nil
}
