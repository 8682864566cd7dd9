package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/sign/signtest"
)

// The issuance flow of the README, as commands: render sign-ready PDF/A,
// sign as the competent person, then as the agency (into the same file);
// pdfsig finds both signatures valid, the second covering the whole file.
func TestSignCommand(t *testing.T) {
	dir := t.TempDir()
	ca := signtest.NewCA(t, "CA thử nghiệm")
	person := ca.Issue(t, "Lê Minh Đạo", false)
	agency := ca.Issue(t, "Sở Nội vụ tỉnh Hà Tĩnh", true)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	personP12 := write("nguoi-ky.p12", person.PKCS12(t, "mật khẩu 1"))
	agencyP12 := write("co-quan.p12", agency.PKCS12(t, "mk2"))
	personPass := write("nguoi-ky.pass", []byte("mật khẩu 1\n"))
	agencyPass := write("co-quan.pass", []byte("mk2\r\n"))

	if code, _, errOut := runCmd("render", "--sign-ready", "--pdfa", "--format", "pdf", "-o", dir, seed(t)); code != exitOK {
		t.Fatalf("render: exit %d: %s", code, errOut)
	}
	in := filepath.Join(dir, "cong-van-cchc-2023.pdf")
	signed := filepath.Join(dir, "cong-van-cchc-2023-signed.pdf")
	code, out, errOut := runCmd("sign", "--cert", personP12, "--password-file", personPass, "--time", "2024-03-12T16:45:08", in, "-o", signed)
	if code != exitOK || !strings.Contains(out, "NguoiKy") || !strings.Contains(out, "2024-03-12T16:45:08+07:00") {
		t.Fatalf("sign as the person: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = runCmd("sign", "--cert", agencyP12, "--password-file", agencyPass, "--field", "CoQuan", "--lang", "en", signed, "-o", signed)
	if code != exitOK || !strings.Contains(out, "signed field CoQuan") {
		t.Fatalf("sign as the agency: exit %d: %s%s", code, out, errOut)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	testtool.Require(t, "pdfsig")
	report, _ := exec.Command("pdfsig", "-nocert", signed).CombinedOutput()
	if n := bytes.Count(report, []byte("Signature Validation: Signature is Valid.")); n != 2 || !bytes.Contains(report, []byte("Total document signed")) {
		t.Errorf("pdfsig:\n%s", report)
	}

	// Errors name the file, in the language asked for; usage errors exit 2.
	if code, _, errOut := runCmd("sign", "--cert", personP12, "--password-file", agencyPass, "--lang", "en", in, "-o", signed); code != exitInvalid || !strings.Contains(errOut, personP12+": wrong password for the PKCS#12 file") {
		t.Errorf("wrong password: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCmd("sign", "--cert", personP12, "--password-file", personPass, "--field", "ChuKy", in, "-o", signed); code != exitInvalid || !strings.Contains(errOut, in+": không có trường chữ ký trống tên \"ChuKy\"") {
		t.Errorf("unknown field: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCmd("sign", "--cert", personP12, "--password-file", personPass, filepath.Join(dir, "none.pdf"), "-o", signed); code != exitInvalid || !strings.Contains(errOut, "none.pdf") {
		t.Errorf("missing input: exit %d: %s", code, errOut)
	}
	bigPass := filepath.Join(dir, "big.pass")
	os.WriteFile(bigPass, bytes.Repeat([]byte("x"), 100<<10), 0o600)
	if code, _, errOut := runCmd("sign", "--cert", personP12, "--password-file", bigPass, "--lang", "en", in, "-o", signed); code != exitInvalid || !strings.Contains(errOut, bigPass+": the file is 100 KB, over the 64 KB limit") {
		t.Errorf("a password file over its limit: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"sign", "--cert", personP12, in},                                   // no -o
		{"sign", in, "-o", signed},                                          // no key
		{"sign", "--cert", personP12, "--pkcs11", "x.so", in, "-o", signed}, // both
		{"sign", "--cert", personP12, "--time", "hôm qua", in, "-o", signed},
		{"sign", "--cert", personP12, in, in, "-o", signed},
	} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, errOut := runCmd("help", "sign"); code != exitOK || !strings.Contains(out+errOut, "vanban sign") {
		t.Errorf("help sign: exit %d", code)
	}
}

// A separate appendix file (Mẫu 2.2) signs through the command too: its
// one field is the agency's.
func TestSignCommandAppendix(t *testing.T) {
	dir := t.TempDir()
	agency := signtest.NewCA(t, "CA").Issue(t, "Ủy ban nhân dân tỉnh Hà Tĩnh", false)
	p12 := filepath.Join(dir, "a.p12")
	if err := os.WriteFile(p12, agency.PKCS12(t, ""), 0o600); err != nil {
		t.Fatal(err)
	}
	src, _ := filepath.Abs(filepath.Join("..", "..", "examples", "phu-luc-ke-hoach-dien-tu.yaml"))
	if code, _, errOut := runCmd("render", "--sign-ready", "--format", "pdf", "-o", dir, src); code != exitOK {
		t.Fatalf("render: %s", errOut)
	}
	in := filepath.Join(dir, "phu-luc-ke-hoach-dien-tu.pdf")
	if code, out, errOut := runCmd("sign", "--cert", p12, in, "-o", in); code != exitOK || !strings.Contains(out, "CoQuan") {
		t.Fatalf("sign: exit %d: %s%s", code, out, errOut)
	}
	testtool.Require(t, "pdfsig")
	report, _ := exec.Command("pdfsig", "-nocert", in).CombinedOutput()
	if !bytes.Contains(report, []byte("Signature is Valid.")) || !bytes.Contains(report, []byte("Total document signed")) {
		t.Errorf("pdfsig:\n%s", report)
	}
}
