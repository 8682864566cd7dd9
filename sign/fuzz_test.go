package sign

import (
	"bytes"
	"compress/zlib"
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
	key, cert := fuzzSigner(f)
	f.Add(minimalPDF())
	f.Add([]byte("startxref\n0\n%%EOF"))
	f.Add([]byte("1 0 obj\n<</Type /XRef /W [0 0 0] /Size 9999999>>\nstream\n\nendstream\nendobj\nstartxref\n0\n"))
	for _, forged := range forgedPDFs() {
		f.Add(forged.data)
	}
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

// fuzzSigner is a key and its self-signed certificate.
func fuzzSigner(t testing.TB) (*ecdsa.PrivateKey, *x509.Certificate) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fuzz"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<32, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert
}

// minimalPDF is a one-page PDF with a correct cross-reference table.
func minimalPDF() []byte {
	return pdfOf([]string{"<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>"}, "")
}

// pdfOf is a PDF of the objects 1, 2, … with a correct cross-reference
// table, extra in its trailer.
func pdfOf(objs []string, extra string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
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
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extra, xref)
	return []byte(b.String())
}

// forgedPDFs are files made to break the reader: each is read, or refused
// with the error refused names, quickly, without a panic, a stack overflow
// or gigabytes. (A stream whose /Length loops is read to its "endstream",
// as any wrong /Length is.)
func forgedPDFs() []struct {
	name, refused string
	data          []byte
} {
	// A cross-reference stream whose /W [1 0 0] makes an entry of every
	// byte: 2,000,000 of them from a few kilobytes.
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 2_000_000))
	zw.Close()
	xrefStm := fmt.Sprintf("%%PDF-1.7\n1 0 obj\n<</Type /XRef /W [1 0 0] /Index [0 2000000] /Size 2000000 /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream\nendobj\nstartxref\n9\n%%%%EOF\n", z.Len(), z.Bytes())
	return []struct {
		name, refused string
		data          []byte
	}{
		{"a stream whose /Length is itself", "no first page", pdfOf([]string{"<</Type /Catalog /Pages 2 0 R /Length 1 0 R>>\nstream\nx\nendstream", "<</Type /Pages /Kids [] /Count 0>>"}, "")},
		{"a /Length that refers to a /Length that refers back", "", pdfOf([]string{"<</Type /Catalog /Pages 2 0 R /Length 2 0 R>>\nstream\nx\nendstream", "<</Length 1 0 R>>\nstream\ny\nendstream"}, "")},
		{"a negative /XRefStm", "cross-reference offset -5 outside the file", pdfOf([]string{"<</Type /Catalog>>"}, " /XRefStm -5")},
		{"an entry for every byte of a cross-reference stream", "more than 1048576 objects", []byte(xrefStm)},
	}
}

// The reader refuses forged files with an error: loops of references, a
// negative offset, a cross-reference stream of millions of entries.
func TestReaderRefusesForgedFiles(t *testing.T) {
	key, cert := fuzzSigner(t)
	if _, err := Sign(minimalPDF(), Options{Signer: key, Chain: []*x509.Certificate{cert}, Time: time.Unix(1e9, 0)}); err != nil {
		t.Fatalf("the unforged file: %v", err)
	}
	for _, c := range forgedPDFs() {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Sign(c.data, Options{Signer: key, Chain: []*x509.Certificate{cert}, Time: time.Unix(1e9, 0)})
			if c.refused != "" && (err == nil || !strings.Contains(err.Error(), c.refused)) {
				t.Fatalf("error %v, want %q", err, c.refused)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refused after %v", d)
			}
			t.Log(err)
		})
	}
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
