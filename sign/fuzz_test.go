package sign

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// FuzzSign feeds arbitrary bytes to the PDF reader and the signer: they
// return an error or a file that reads back, never panic or hang.
func FuzzSign(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fuzz"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<32, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		f.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	f.Add(minimalPDF())
	f.Add([]byte("startxref\n0\n%%EOF"))
	f.Add([]byte("1 0 obj\n<</Type /XRef /W [0 0 0] /Size 9999999>>\nstream\n\nendstream\nendobj\nstartxref\n0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Sign(data, Options{Signer: key, Chain: []*x509.Certificate{cert}, Time: time.Unix(1e9, 0)})
		if err != nil {
			return
		}
		if _, err := readFile(res.PDF); err != nil {
			t.Fatalf("signed output does not read back: %v", err)
		}
	})
}

// minimalPDF is a one-page PDF with a correct cross-reference table.
func minimalPDF() []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
	objs := []string{"<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>"}
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// The minimal file signs: the fuzzer's seed is a real PDF.
func TestSignMinimal(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "x"}, NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<32, 0)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	cert, _ := x509.ParseCertificate(der)
	res, err := Sign(minimalPDF(), Options{Signer: key, Chain: []*x509.Certificate{cert}})
	if err != nil || res.Field != "Signature1" {
		t.Fatalf("%v, %+v", err, res)
	}
}
