// Package signtest makes throwaway certificates for tests: a CA and
// certificates it issues, as keys and as PKCS#12 files.
package signtest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// CA is a throwaway certificate authority.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// Identity is a certificate and its key.
type Identity struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	// Chain is the certificate then the CA's.
	Chain []*x509.Certificate
}

var serial int64

// NewCA makes a CA with an RSA key, valid from 2020 to 2040.
func NewCA(t testing.TB, name string) *CA {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	serial++
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"vanban test"}, Country: []string{"VN"}},
		NotBefore:             time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &CA{Cert: cert, Key: key}
}

// Issue makes a signing certificate for a person or an agency named
// name; ec picks an ECDSA P-256 key instead of RSA 2048.
func (ca *CA) Issue(t testing.TB, name string, ec bool) *Identity {
	t.Helper()
	var key crypto.Signer
	var err error
	if ec {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	}
	if err != nil {
		t.Fatal(err)
	}
	serial++
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: name, Country: []string{"VN"}},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &Identity{Cert: cert, Key: key, Chain: []*x509.Certificate{cert, ca.Cert}}
}

// PKCS12 encodes the identity with its CA as a PKCS#12 file as OpenSSL 3
// writes them (PBES2, AES-256-CBC, HMAC-SHA-256).
func (id *Identity) PKCS12(t testing.TB, password string) []byte {
	t.Helper()
	data, err := pkcs12.Modern2023.Encode(id.Key, id.Cert, id.Chain[1:], password)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
