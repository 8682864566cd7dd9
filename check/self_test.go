package check_test

import "os"

func readSelf() (string, error) {
	b, err := os.ReadFile("check_test.go")
	return string(b), err
}
