package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The signature value: a detached CMS SignedData (RFC 5652) of the bytes
// the /ByteRange covers, as PAdES baseline B-B asks (ETSI EN 319 142-1
// §5.3, 6.3; ETSI EN 319 122-1 for the CMS): SHA-256, one SignerInfo
// naming the certificate by issuer and serial number, signed attributes
// content-type, message-digest and signing-certificate-v2 (the
// certificate's SHA-256 hash, which binds it to the signature), and no
// signing-time attribute — the claimed time is the signature
// dictionary's /M. The certificates travel in the SignedData, the
// signer's first.

var (
	oidData                 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256               = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA256WithRSA        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

// signatureAlgorithm is the CMS algorithm for a key, and whether it takes
// a NULL parameter.
func signatureAlgorithm(pub crypto.PublicKey) (asn1.ObjectIdentifier, bool, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return oidSHA256WithRSA, true, nil
	case *ecdsa.PublicKey:
		return oidECDSAWithSHA256, false, nil
	}
	return nil, false, fmt.Errorf("khoá kiểu %T không hỗ trợ; dùng RSA hoặc ECDSA (key type %T is not supported; use RSA or ECDSA)", pub, pub)
}

// signedData returns the DER CMS SignedData over content (detached).
func signedData(content []byte, signer crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	cert := chain[0]
	sigOID, rsaNull, err := signatureAlgorithm(cert.PublicKey)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(content)
	certHash := sha256.Sum256(cert.Raw)

	attr := func(oid asn1.ObjectIdentifier, value func(*cryptobyte.Builder)) []byte {
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oid)
			b.AddASN1(cbasn1.SET, value)
		})
		return b.BytesOrPanic()
	}
	attrs := [][]byte{
		attr(oidContentType, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) }),
		attr(oidMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest[:]) }),
		// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
		// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash }
		attr(oidSigningCertificateV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1OctetString(certHash[:])
					})
				})
			})
		}),
	}
	// DER: a SET OF in the order of its elements' encodings.
	slices.SortFunc(attrs, bytes.Compare)
	set := func(tag cbasn1.Tag) []byte {
		var b cryptobyte.Builder
		b.AddASN1(tag, func(b *cryptobyte.Builder) {
			for _, a := range attrs {
				b.AddBytes(a)
			}
		})
		return b.BytesOrPanic()
	}
	// The signature covers the attributes as a SET; the SignerInfo holds
	// them as [0] IMPLICIT.
	h := sha256.Sum256(set(cbasn1.SET))
	sig, err := signer.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, err
	}

	algorithm := func(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, null bool) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oid)
			if null {
				b.AddASN1NULL()
			}
		})
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { algorithm(b, oidSHA256, false) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) })
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					for _, c := range chain {
						b.AddBytes(c.Raw)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignerInfo
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerAndSerialNumber
							b.AddBytes(cert.RawIssuer)
							b.AddASN1BigInt(cert.SerialNumber)
						})
						algorithm(b, oidSHA256, false)
						b.AddBytes(set(cbasn1.Tag(0).Constructed().ContextSpecific()))
						algorithm(b, sigOID, rsaNull)
						b.AddASN1OctetString(sig)
					})
				})
			})
		})
	})
	return b.Bytes()
}
