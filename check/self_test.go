package check_test

import "os"

// readSelf is the test files that hold rule cases: the rules of check_test.go,
// the type rules of types_test.go and the image rules of images_test.go.
func readSelf() (string, error) {
	var all []byte
	for _, f := range []string{"check_test.go", "types_test.go", "images_test.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		all = append(all, b...)
	}
	return string(all), nil
}
