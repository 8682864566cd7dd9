package sign_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/sign"
	"github.com/vanban-vn/vanban/sign/signtest"
)

type memSink map[string]*bytes.Buffer

func (m memSink) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return b, nil
}

// render renders an example's PDF with the options.
func render(t testing.TB, example string, opts engine.Options) []byte {
	t.Helper()
	doc, err := engine.Load(context.Background(), filepath.Join(testtool.RepoRoot(t), "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	sink := memSink{}
	opts.Formats, _ = engine.ParseFormats("pdf")
	if err := engine.Render(context.Background(), doc, "out", opts, sink); err != nil {
		t.Fatal(err)
	}
	return sink["out.pdf"].Bytes()
}

var (
	ca     *signtest.CA
	person *signtest.Identity // the competent person: RSA
	agency *signtest.Identity // the agency: ECDSA, and a name whose UTF-8 holds ')'
)

func identities(t testing.TB) {
	if ca == nil {
		ca = signtest.NewCA(t, "CA thử nghiệm vanban")
		person = ca.Issue(t, "Lê Minh Đạo", false)
		agency = ca.Issue(t, "Sở Nội vụ tỉnh Hà Tĩnh", true)
	}
}

var signedAt = time.Date(2024, 3, 12, 16, 45, 8, 0, sign.Vietnam)

func signWith(t testing.TB, data []byte, id *signtest.Identity, opts sign.Options) *sign.Result {
	t.Helper()
	opts.Signer, opts.Chain = id.Key, id.Chain
	res, err := sign.Sign(data, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sigInfo is one signature as pdfsig reports it.
type sigInfo struct {
	Field, CommonName, Time, Type, Ranges, Validation string
	Total                                             bool
}

func pdfsig(t testing.TB, data []byte) []sigInfo {
	t.Helper()
	testtool.Require(t, "pdfsig")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", "-nocert", path).CombinedOutput()
	var sigs []sigInfo
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Signature #") {
			sigs = append(sigs, sigInfo{})
			continue
		}
		if len(sigs) == 0 {
			continue
		}
		s := &sigs[len(sigs)-1]
		k, v, _ := strings.Cut(strings.TrimPrefix(line, "- "), ": ")
		switch k {
		case "Signature Field Name":
			s.Field = v
		case "Signer Certificate Common Name":
			s.CommonName = v
		case "Signing Time":
			s.Time = v
		case "Signature Type":
			s.Type = v
		case "Signed Ranges":
			s.Ranges = v
		case "Signature Validation":
			s.Validation = v
		case "Total document signed":
			s.Total = true
		}
	}
	// pdfsig lists empty signature fields too, without a validation.
	signed := sigs[:0]
	for _, s := range sigs {
		if s.Validation != "" {
			signed = append(signed, s)
		}
	}
	if len(signed) == 0 {
		t.Fatalf("pdfsig found no signature:\n%s", out)
	}
	return signed
}

// qpdfCheck fails unless qpdf --check finds the file clean, warnings
// included.
func qpdfCheck(t testing.TB, data []byte) {
	t.Helper()
	testtool.Require(t, "qpdf")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// The issuance flow: the seed rendered sign-ready and PDF/A, signed by the
// competent person (the first empty field, NguoiKy), then by the agency
// (CoQuan): pdfsig finds both signatures valid, the last covering the whole
// file and the first exactly the file it signed; qpdf finds the file
// clean; a byte changed in the signed range is a digest mismatch.
func TestSignTwice(t *testing.T) {
	identities(t)
	unsigned := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true, PDFA: true})
	first := signWith(t, unsigned, person, sign.Options{Time: signedAt})
	if first.Field != sign.FieldSigner {
		t.Errorf("first signature filled %q, want %q", first.Field, sign.FieldSigner)
	}
	if !bytes.HasPrefix(first.PDF, unsigned) {
		t.Fatal("the signed file does not start with the unsigned one: not an incremental update")
	}
	second := signWith(t, first.PDF, agency, sign.Options{Time: signedAt.Add(5 * time.Minute), Reason: "Phát hành văn bản", Location: "Hà Tĩnh"})
	if second.Field != sign.FieldAgency {
		t.Errorf("second signature filled %q, want %q", second.Field, sign.FieldAgency)
	}
	if !bytes.HasPrefix(second.PDF, first.PDF) {
		t.Fatal("the second signature rewrote the first revision")
	}
	qpdfCheck(t, second.PDF)

	sigs := pdfsig(t, second.PDF)
	if len(sigs) != 2 {
		t.Fatalf("pdfsig: %d signatures, want 2: %+v", len(sigs), sigs)
	}
	want := []struct{ field, cn, time string }{
		{sign.FieldSigner, "Lê Minh Đạo", "Mar 12 2024 09:45:08"}, // pdfsig shows UTC
		{sign.FieldAgency, "Sở Nội vụ tỉnh Hà Tĩnh", "Mar 12 2024 09:50:08"},
	}
	for i, s := range sigs {
		if s.Field != want[i].field || s.CommonName != want[i].cn || s.Validation != "Signature is Valid." || s.Type != "ETSI.CAdES.detached" || s.Time != want[i].time {
			t.Errorf("signature %d: %+v, want field %s by %s at %s, valid", i+1, s, want[i].field, want[i].cn, want[i].time)
		}
	}
	if !sigs[1].Total || sigs[0].Total {
		t.Errorf("total document signed: first %v, second %v; want only the second", sigs[0].Total, sigs[1].Total)
	}
	// The first signature's ranges end where the file it signed ended.
	if m := regexp.MustCompile(`\[(\d+) - (\d+)\]$`).FindStringSubmatch(sigs[0].Ranges); m == nil || m[2] != strconv.Itoa(len(first.PDF)) {
		t.Errorf("first signature's ranges %q, the file it signed is %d bytes", sigs[0].Ranges, len(first.PDF))
	}

	t.Run("modified", func(t *testing.T) {
		// A byte of the page content of the first revision: both
		// signatures cover it.
		bad := bytes.Clone(second.PDF)
		i := bytes.Index(bad, []byte("/Producer <FEFF"))
		bad[i+len("/Producer <FEFF")] ^= 1 // '0' ↔ '1': still a hex digit
		for i, s := range pdfsig(t, bad) {
			if s.Validation == "Signature is Valid." {
				t.Errorf("signature %d still valid after a byte of the first revision changed: %+v", i+1, s)
			}
		}
		// A byte of the second revision: the agency's signature breaks, the
		// signer's, which does not cover it, stays valid.
		bad = bytes.Clone(second.PDF)
		j := len(first.PDF) + bytes.Index(second.PDF[len(first.PDF):], []byte("/M (D:2024"))
		bad[j+len("/M (D:2024")] = '9' // the month 03 → 93 … still a date string
		got := pdfsig(t, bad)
		if got[0].Validation != "Signature is Valid." || got[1].Validation == "Signature is Valid." {
			t.Errorf("after a byte of the agency's revision changed: %+v", got)
		}
	})
}

// Signed outputs of the same input, key and time are the same bytes (RSA
// PKCS #1 v1.5 is deterministic); another time changes only the update:
// the signature value, the time and the second file identifier.
func TestSignDeterministic(t *testing.T) {
	identities(t)
	unsigned := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true})
	if again := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true}); !bytes.Equal(unsigned, again) {
		t.Fatal("two sign-ready renders differ")
	}
	a := signWith(t, unsigned, person, sign.Options{Time: signedAt})
	b := signWith(t, unsigned, person, sign.Options{Time: signedAt})
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Error("the same signature twice gives different bytes")
	}
	c := signWith(t, unsigned, person, sign.Options{Time: signedAt.Add(time.Second)})
	if len(c.PDF) != len(a.PDF) {
		t.Fatalf("another time changed the length: %d, %d", len(a.PDF), len(c.PDF))
	}
	contents := regexp.MustCompile(`/Contents <[0-9a-fA-F]+>`)
	id := regexp.MustCompile(`/ID \[<[0-9A-F]+> <[0-9A-F]+>\]`)
	blank := func(p []byte) []byte {
		p = contents.ReplaceAll(bytes.Clone(p), []byte("/Contents <>"))
		p = id.ReplaceAll(p, []byte("/ID []"))
		return bytes.Replace(p, []byte("(D:20240312164509+07'00')"), []byte("(D:20240312164508+07'00')"), 1)
	}
	if !bytes.Equal(blank(a.PDF), blank(c.PDF)) {
		t.Error("signatures a second apart differ in more than the signature value, the time and the /ID")
	}
}

// A name whose UTF-8 bytes hold ')' (ĩ is C4 A9, ở is E1 BB 9F; Đ … ) and
// a reason with parentheses go into the signature dictionary as
// hexadecimal UTF-16 strings: the dictionary parses, and reads back.
func TestSignNameEscaped(t *testing.T) {
	identities(t)
	unsigned := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true})
	name := "Sở Nội vụ tỉnh Hà Tĩnh"
	res := signWith(t, unsigned, agency, sign.Options{Field: sign.FieldAgency, Time: signedAt, Name: name, Reason: "Ban hành (điện tử) \\ )(", Location: "Hà Tĩnh"})
	update := res.PDF[len(unsigned):]
	if bytes.Contains(update, []byte(name)) {
		t.Error("the name is written as raw UTF-8")
	}
	if !bytes.Contains(update, []byte("/Name <FEFF00531EDF")) { // "Sở"
		t.Errorf("no UTF-16 /Name in the update:\n%.600s", update)
	}
	qpdfCheck(t, res.PDF)
	testtool.Require(t, "qpdf")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	// qpdf's JSON shows strings decoded: the name and the reason round-trip.
	out, err := exec.Command("qpdf", "--json=2", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"/Name": "u:` + name + `"`, `"/Reason": "u:Ban hành (điện tử) \\ )("`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("qpdf --json lacks %s", want)
		}
	}
	if s := pdfsig(t, res.PDF); s[0].Validation != "Signature is Valid." || s[0].Field != sign.FieldAgency {
		t.Errorf("pdfsig: %+v", s)
	}
}

// The appendix in a separate file (Mẫu 2.2, type phu-luc with signed_at)
// has one field, the agency's, over the box of its signature text at the
// top right of page 1; `sign` fills it.
func TestSignSeparateAppendix(t *testing.T) {
	identities(t)
	unsigned := render(t, "phu-luc-ke-hoach-dien-tu.yaml", engine.Options{SignReady: true, PDFA: true})
	fields := regexp.MustCompile(`/T \((\w+)\)[^\n]*/Rect \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(unsigned, -1)
	if len(fields) != 1 || string(fields[0][1]) != sign.FieldAgency {
		t.Fatalf("fields %q, want one %s", fields, sign.FieldAgency)
	}
	x0, y1 := atof(fields[0][2]), atof(fields[0][5])
	if x0 < 595.3/2 || y1 < 841.9-72 {
		t.Errorf("agency field at x %.1f, top %.1f: not at the top right of page 1", x0, y1)
	}
	res := signWith(t, unsigned, agency, sign.Options{Time: signedAt})
	if res.Field != sign.FieldAgency {
		t.Errorf("filled %q", res.Field)
	}
	qpdfCheck(t, res.PDF)
	if s := pdfsig(t, res.PDF); len(s) != 1 || s[0].Validation != "Signature is Valid." || !s[0].Total {
		t.Errorf("pdfsig: %+v", s)
	}
}

func atof(b []byte) float64 {
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

// A PDF without fields (rendered without --sign-ready) gets invisible
// signatures in new fields, and a file whose cross-references are a
// stream with objects in object streams (as qpdf, Word and others write
// them) is signed with a cross-reference stream.
func TestSignWithoutFields(t *testing.T) {
	identities(t)
	plain := render(t, "cong-van-cchc-2023.yaml", engine.Options{})
	if bytes.Contains(plain, []byte("/AcroForm")) {
		t.Fatal("a plain render has a form")
	}
	compressed := plain
	if _, err := exec.LookPath("qpdf"); err == nil || os.Getenv("CI") != "" {
		testtool.Require(t, "qpdf")
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, plain, 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("qpdf", "--object-streams=generate", in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		compressed, _ = os.ReadFile(out)
	}
	for name, data := range map[string][]byte{"table": plain, "stream": compressed} {
		t.Run(name, func(t *testing.T) {
			a := signWith(t, data, person, sign.Options{Time: signedAt})
			b := signWith(t, a.PDF, agency, sign.Options{Time: signedAt})
			if a.Field != "Signature1" || b.Field != "Signature2" {
				t.Errorf("fields %q, %q", a.Field, b.Field)
			}
			qpdfCheck(t, b.PDF)
			s := pdfsig(t, b.PDF)
			if len(s) != 2 || s[0].Validation != "Signature is Valid." || s[1].Validation != "Signature is Valid." || !s[1].Total {
				t.Errorf("pdfsig: %+v", s)
			}
		})
	}
}

// Errors say what is wrong in both languages.
func TestSignErrors(t *testing.T) {
	identities(t)
	unsigned := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true})
	signed := signWith(t, unsigned, person, sign.Options{Time: signedAt})
	cases := []struct {
		name string
		data []byte
		opts sign.Options
		rule string
		en   string
	}{
		{"unknown field", unsigned, sign.Options{Field: "ChuKy"}, "sign-field-missing", `no empty signature field named "ChuKy"; the empty fields are: NguoiKy, CoQuan`},
		{"signed field", signed.PDF, sign.Options{Field: sign.FieldSigner}, "sign-field-signed", `the signature field "NguoiKy" is already signed`},
		{"not a PDF", []byte("hello"), sign.Options{}, "sign-pdf", "cannot read the PDF"},
		{"truncated", unsigned[:len(unsigned)/2], sign.Options{}, "sign-pdf", "cannot read the PDF"},
		{"wrong key", unsigned, sign.Options{Signer: agency.Key}, "sign-key", "does not match the certificate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			if opts.Signer == nil {
				opts.Signer = person.Key
			}
			opts.Chain = person.Chain
			_, err := sign.Sign(c.data, opts)
			var e *vanban.Error
			if !errors.As(err, &e) || e.Rule != c.rule || !strings.Contains(e.MsgEN, c.en) || e.Msg == "" || e.Msg == e.MsgEN {
				t.Errorf("error %#v, want rule %s saying %q, and in Vietnamese", err, c.rule, c.en)
			}
		})
	}
	t.Run("encrypted", func(t *testing.T) {
		testtool.Require(t, "qpdf")
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, unsigned, 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("qpdf", "--encrypt", "u", "o", "256", "--", in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		data, _ := os.ReadFile(out)
		_, err := sign.Sign(data, sign.Options{Signer: person.Key, Chain: person.Chain})
		var e *vanban.Error
		if !errors.As(err, &e) || e.Rule != "sign-encrypted" {
			t.Errorf("error %v, want sign-encrypted", err)
		}
	})
	t.Run("pkcs12", func(t *testing.T) {
		p12 := person.PKCS12(t, "đúng")
		if _, _, err := sign.LoadPKCS12(p12, "sai"); !isRule(err, "sign-password") {
			t.Errorf("wrong password: %v", err)
		}
		if _, _, err := sign.LoadPKCS12([]byte("not a p12"), ""); !isRule(err, "sign-pkcs12") {
			t.Errorf("not a PKCS#12 file: %v", err)
		}
		key, chain, err := sign.LoadPKCS12(p12, "đúng")
		if err != nil || len(chain) != 2 || !chain[0].Equal(person.Cert) || !chain[1].Equal(ca.Cert) || key == nil {
			t.Errorf("LoadPKCS12: %v, %d certificates", err, len(chain))
		}
	})
}

func isRule(err error, rule string) bool {
	var e *vanban.Error
	return errors.As(err, &e) && e.Rule == rule && e.Msg != "" && e.MsgEN != ""
}
