//go:build !pkcs11

package sign

// OpenPKCS11 needs cgo and the PKCS#11 binding, in a build made with
// `go build -tags pkcs11 ./cmd/vanban`; this build has neither.
func OpenPKCS11(lib string, slot uint, pin, label string) (*Token, error) {
	return nil, fail("sign-pkcs11", "bản vanban này dựng không kèm PKCS#11; dựng lại với `go build -tags pkcs11 ./cmd/vanban` (cần cgo và trình biên dịch C)",
		"this vanban was built without PKCS#11; build it with `go build -tags pkcs11 ./cmd/vanban` (needs cgo and a C compiler)")
}
