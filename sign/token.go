package sign

import (
	"crypto"
	"crypto/x509"
	"io"
)

// Token is a key on a hardware token or in a signing service: how a
// signer other than a PKCS#12 file plugs in. Sign takes any
// crypto.Signer with its certificate chain (Options.Signer,
// Options.Chain); a Token is one whose key never leaves the device —
// OpenPKCS11 makes one for a PKCS#11 token (the USB tokens of Vietnam's
// government CA and its licensed CAs), and a remote signing service would
// be another with its own sign function.
type Token struct {
	pub   crypto.PublicKey
	chain []*x509.Certificate
	sign  func(digest []byte, opts crypto.SignerOpts) ([]byte, error)
	close func() error
}

// Public is the token key's public half.
func (t *Token) Public() crypto.PublicKey { return t.pub }

// Sign signs a digest on the token.
func (t *Token) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return t.sign(digest, opts)
}

// Chain is the signer's certificate and the issuers' the token holds.
func (t *Token) Chain() []*x509.Certificate { return t.chain }

// Close logs out and releases the token.
func (t *Token) Close() error {
	if t.close == nil {
		return nil
	}
	return t.close()
}
