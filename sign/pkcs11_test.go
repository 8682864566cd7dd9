//go:build pkcs11

package sign_test

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/miekg/pkcs11"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/sign"
	"github.com/vanban-vn/vanban/sign/signtest"
)

const softHSM = "/usr/lib/softhsm/libsofthsm2.so"

// A PKCS#11 token, SoftHSM standing in for an officer's USB token: the
// keys are imported onto it and the certificates written beside them;
// the signer's RSA key and the agency's EC key sign the seed through
// OpenPKCS11, and pdfsig finds both signatures valid. A wrong PIN is
// refused.
func TestPKCS11(t *testing.T) {
	testtool.Require(t, "softhsm2-util")
	if _, err := os.Stat(softHSM); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing; .ci/run installs softhsm2", softHSM)
		}
		t.Skip("SoftHSM not installed")
	}
	identities(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "softhsm2.conf")
	if err := os.MkdirAll(filepath.Join(dir, "tokens"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte("directories.tokendir = "+filepath.Join(dir, "tokens")+"\nobjectstore.backend = file\nlog.level = ERROR\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOFTHSM2_CONF", conf)
	out, err := exec.Command("softhsm2-util", "--init-token", "--free", "--label", "vanban", "--pin", "1234", "--so-pin", "5678").CombinedOutput()
	if err != nil {
		t.Fatalf("softhsm2-util: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`reassigned to slot (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no slot in:\n%s", out)
	}
	slot, _ := strconv.ParseUint(string(m[1]), 10, 64)

	for i, id := range []*signtest.Identity{person, agency} {
		der, err := x509.MarshalPKCS8PrivateKey(id.Key)
		if err != nil {
			t.Fatal(err)
		}
		keyFile := filepath.Join(dir, "key.pem")
		if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		label, ckaID := "key"+strconv.Itoa(i), []byte{byte(i + 1)}
		if out, err := exec.Command("softhsm2-util", "--import", keyFile, "--token", "vanban", "--label", label, "--id", "0"+strconv.Itoa(i+1), "--pin", "1234").CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		writeCert(t, uint(slot), id.Cert, label, ckaID)
	}
	writeCert(t, uint(slot), ca.Cert, "ca", []byte{9})

	data := render(t, "cong-van-cchc-2023.yaml", engine.Options{SignReady: true})
	for _, label := range []string{"key0", "key1"} {
		tok, err := sign.OpenPKCS11(softHSM, uint(slot), "1234", label)
		if err != nil {
			t.Fatal(err)
		}
		if len(tok.Chain()) != 2 {
			t.Errorf("%s: chain of %d certificates, want the signer's and the CA's", label, len(tok.Chain()))
		}
		res, err := sign.Sign(data, sign.Options{Signer: tok, Chain: tok.Chain(), Time: signedAt})
		tok.Close()
		if err != nil {
			t.Fatal(err)
		}
		data = res.PDF
	}
	s := pdfsig(t, data)
	if len(s) != 2 || s[0].Validation != "Signature is Valid." || s[1].Validation != "Signature is Valid." || s[0].CommonName != "Lê Minh Đạo" || s[1].CommonName != "Sở Nội vụ tỉnh Hà Tĩnh" {
		t.Errorf("pdfsig: %+v", s)
	}
	if _, err := sign.OpenPKCS11(softHSM, uint(slot), "0000", ""); !isRule(err, "sign-password") {
		t.Errorf("wrong PIN: %v", err)
	}
}

// writeCert puts a certificate on the token.
func writeCert(t *testing.T, slot uint, cert *x509.Certificate, label string, id []byte) {
	t.Helper()
	p := pkcs11.New(softHSM)
	if err := p.Initialize(); err != nil {
		t.Fatal(err)
	}
	defer p.Destroy()
	defer p.Finalize()
	s, err := p.OpenSession(slot, pkcs11.CKF_SERIAL_SESSION|pkcs11.CKF_RW_SESSION)
	if err != nil {
		t.Fatal(err)
	}
	defer p.CloseSession(s)
	if err := p.Login(s, pkcs11.CKU_USER, "1234"); err != nil {
		t.Fatal(err)
	}
	defer p.Logout(s)
	_, err = p.CreateObject(s, []*pkcs11.Attribute{
		pkcs11.NewAttribute(pkcs11.CKA_CLASS, pkcs11.CKO_CERTIFICATE),
		pkcs11.NewAttribute(pkcs11.CKA_CERTIFICATE_TYPE, pkcs11.CKC_X_509),
		pkcs11.NewAttribute(pkcs11.CKA_TOKEN, true),
		pkcs11.NewAttribute(pkcs11.CKA_LABEL, label),
		pkcs11.NewAttribute(pkcs11.CKA_ID, id),
		pkcs11.NewAttribute(pkcs11.CKA_SUBJECT, cert.RawSubject),
		pkcs11.NewAttribute(pkcs11.CKA_VALUE, cert.Raw),
	})
	if err != nil {
		t.Fatal(err)
	}
}
