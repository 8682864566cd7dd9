package sign

import (
	"crypto"
	"crypto/x509"
	"errors"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// LoadPKCS12 reads a PKCS#12 (.p12, .pfx) file: the signer's key, its
// certificate and the CA certificates it holds, the signer's first. Files
// of OpenSSL 3 and Windows (PBES2, AES-256, HMAC-SHA-256) and older ones
// (3DES, RC2) are read alike (software.sslmate.com/src/go-pkcs12; the
// x/crypto package reads only the old ones). Errors are *vanban.Error in
// both languages, without the file's name.
func LoadPKCS12(data []byte, password string) (crypto.Signer, []*x509.Certificate, error) {
	key, cert, cas, err := pkcs12.DecodeChain(data, password)
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
		return nil, nil, fail("sign-password", "sai mật khẩu của tệp PKCS#12", "wrong password for the PKCS#12 file")
	case err != nil:
		return nil, nil, fail("sign-pkcs12", "không đọc được tệp PKCS#12 (.p12, .pfx): %v", "cannot read the PKCS#12 file (.p12, .pfx): %v", err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, nil, fail("sign-key", "khoá trong tệp PKCS#12 không ký được (%T)", "the key in the PKCS#12 file cannot sign (%T)", key)
	}
	if _, _, err := signatureAlgorithm(signer.Public()); err != nil {
		return nil, nil, fail("sign-key", "%v", "%v", err)
	}
	return signer, append([]*x509.Certificate{cert}, cas...), nil
}
