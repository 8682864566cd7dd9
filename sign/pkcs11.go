//go:build pkcs11

package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math/big"

	"github.com/miekg/pkcs11"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// OpenPKCS11 opens the key on a PKCS#11 token (github.com/miekg/pkcs11,
// cgo): lib is the token's library (a USB token's vendor .so, SoftHSM's
// libsofthsm2.so), slot its slot, pin the user PIN ("": a token that needs
// no login). The certificate is the first on the token, or the one labelled
// label; the key is the private key with the same CKA_ID. The key never
// leaves the token: RSA keys sign with CKM_RSA_PKCS over the DigestInfo,
// EC keys with CKM_ECDSA over the digest.
func OpenPKCS11(lib string, slot uint, pin, label string) (*Token, error) {
	tokErr := func(err error) (*Token, error) {
		return nil, fail("sign-pkcs11", "không dùng được token PKCS#11: %v", "cannot use the PKCS#11 token: %v", err)
	}
	p := pkcs11.New(lib)
	if p == nil {
		return tokErr(fmt.Errorf("không nạp được thư viện %s / cannot load the library %s", lib, lib))
	}
	if err := p.Initialize(); err != nil && !errors.Is(err, pkcs11.Error(pkcs11.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
		p.Destroy()
		return tokErr(err)
	}
	s, err := p.OpenSession(slot, pkcs11.CKF_SERIAL_SESSION)
	if err != nil {
		p.Finalize()
		p.Destroy()
		return tokErr(err)
	}
	release := func() error {
		p.Logout(s)
		p.CloseSession(s)
		p.Finalize()
		p.Destroy()
		return nil
	}
	if pin != "" {
		if err := p.Login(s, pkcs11.CKU_USER, pin); err != nil && !errors.Is(err, pkcs11.Error(pkcs11.CKR_USER_ALREADY_LOGGED_IN)) {
			release()
			if errors.Is(err, pkcs11.Error(pkcs11.CKR_PIN_INCORRECT)) {
				return nil, fail("sign-password", "sai mã PIN của token", "wrong PIN for the token")
			}
			return tokErr(err)
		}
	}
	find := func(tmpl []*pkcs11.Attribute) ([]pkcs11.ObjectHandle, error) {
		if err := p.FindObjectsInit(s, tmpl); err != nil {
			return nil, err
		}
		defer p.FindObjectsFinal(s)
		h, _, err := p.FindObjects(s, 16)
		return h, err
	}
	tmpl := []*pkcs11.Attribute{pkcs11.NewAttribute(pkcs11.CKA_CLASS, pkcs11.CKO_CERTIFICATE)}
	if label != "" {
		tmpl = append(tmpl, pkcs11.NewAttribute(pkcs11.CKA_LABEL, label))
	}
	certs, err := find(tmpl)
	if err == nil && len(certs) == 0 {
		err = fmt.Errorf("không có chứng thư số nào (nhãn %q) / no certificate (label %q)", label, label)
	}
	if err != nil {
		release()
		return tokErr(err)
	}
	attrs, err := p.GetAttributeValue(s, certs[0], []*pkcs11.Attribute{pkcs11.NewAttribute(pkcs11.CKA_VALUE, nil), pkcs11.NewAttribute(pkcs11.CKA_ID, nil)})
	if err != nil {
		release()
		return tokErr(err)
	}
	cert, err := x509.ParseCertificate(attrs[0].Value)
	if err != nil {
		release()
		return tokErr(err)
	}
	id := attrs[1].Value
	keys, err := find([]*pkcs11.Attribute{pkcs11.NewAttribute(pkcs11.CKA_CLASS, pkcs11.CKO_PRIVATE_KEY), pkcs11.NewAttribute(pkcs11.CKA_ID, id)})
	if err == nil && len(keys) == 0 {
		err = fmt.Errorf("không có khoá bí mật của chứng thư %q / no private key for the certificate %q", cert.Subject.CommonName, cert.Subject.CommonName)
	}
	if err != nil {
		release()
		return tokErr(err)
	}
	key := keys[0]
	chain := []*x509.Certificate{cert}
	// The issuers the token holds, if any.
	if all, err := find([]*pkcs11.Attribute{pkcs11.NewAttribute(pkcs11.CKA_CLASS, pkcs11.CKO_CERTIFICATE)}); err == nil {
		for _, h := range all {
			v, err := p.GetAttributeValue(s, h, []*pkcs11.Attribute{pkcs11.NewAttribute(pkcs11.CKA_VALUE, nil)})
			if err != nil {
				continue
			}
			if c, err := x509.ParseCertificate(v[0].Value); err == nil && !c.Equal(cert) && bytes.Equal(c.RawSubject, chain[len(chain)-1].RawIssuer) {
				chain = append(chain, c)
			}
		}
	}
	t := &Token{pub: cert.PublicKey, chain: chain, close: release}
	switch cert.PublicKey.(type) {
	case *rsa.PublicKey:
		t.sign = func(digest []byte, opts crypto.SignerOpts) ([]byte, error) {
			prefix, ok := digestInfoPrefix[opts.HashFunc()]
			if !ok {
				return nil, fmt.Errorf("hash %v not supported", opts.HashFunc())
			}
			if err := p.SignInit(s, []*pkcs11.Mechanism{pkcs11.NewMechanism(pkcs11.CKM_RSA_PKCS, nil)}, key); err != nil {
				return nil, err
			}
			return p.Sign(s, append(append([]byte{}, prefix...), digest...))
		}
	case *ecdsa.PublicKey:
		t.sign = func(digest []byte, _ crypto.SignerOpts) ([]byte, error) {
			if err := p.SignInit(s, []*pkcs11.Mechanism{pkcs11.NewMechanism(pkcs11.CKM_ECDSA, nil)}, key); err != nil {
				return nil, err
			}
			rs, err := p.Sign(s, digest)
			if err != nil {
				return nil, err
			}
			// The token gives r ‖ s; CMS wants ECDSA-Sig-Value.
			var b cryptobyte.Builder
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1BigInt(new(big.Int).SetBytes(rs[:len(rs)/2]))
				b.AddASN1BigInt(new(big.Int).SetBytes(rs[len(rs)/2:]))
			})
			return b.Bytes()
		}
	default:
		release()
		return tokErr(fmt.Errorf("khoá kiểu %T / key type %T", cert.PublicKey, cert.PublicKey))
	}
	return t, nil
}

// digestInfoPrefix is the DER DigestInfo before the digest (RFC 8017
// §9.2), which CKM_RSA_PKCS signs as given.
var digestInfoPrefix = map[crypto.Hash][]byte{
	crypto.SHA256: {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20},
}
