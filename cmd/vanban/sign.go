package main

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/outfile"
	"github.com/vanban-vn/vanban/sign"
)

// maxSignBytes is the largest PDF `vanban sign` reads: it holds the file
// in memory, twice.
const maxSignBytes = 512 << 20

const signUsage = "Cách dùng: vanban sign (--cert TỆP.p12 [--password-file TỆP] | --pkcs11 THƯ_VIỆN.so --slot N [--pin-file TỆP] [--key-label NHÃN])\n" +
	"         [--field TÊN] [--time THỜI_GIAN] [--name TÊN] [--reason LÝ_DO] [--location NƠI_KÝ] [--lang vi|en] VÀO.pdf -o RA.pdf\n\n" +
	"Ký số VÀO.pdf theo PAdES (chữ ký thêm vào cuối tệp; các chữ ký trước vẫn hợp lệ) và ghi RA.pdf\n" +
	"(RA.pdf có thể trùng VÀO.pdf). Quy trình: vanban render --sign-ready, rồi ký bằng chứng thư của\n" +
	"người có thẩm quyền (điền trường NguoiKy), rồi ký bằng chứng thư của cơ quan (trường CoQuan).\n" +
	"Mật khẩu tệp .p12: dòng đầu của --password-file, hoặc biến môi trường VANBAN_CERT_PASSWORD.\n\n"

func runSign(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("sign", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "tệp PDF đã ký cần ghi (bắt buộc)")
	cert := fl.String("cert", "", "tệp PKCS#12 (.p12, .pfx) chứa khoá và chứng thư số của người ký")
	passwordFile := fl.String("password-file", "", "tệp chứa mật khẩu của tệp .p12 (dòng đầu)")
	lib := fl.String("pkcs11", "", "thư viện PKCS#11 của token (.so), thay cho --cert; cần bản dựng với -tags pkcs11")
	slot := fl.Int("slot", -1, "số slot của token PKCS#11")
	pinFile := fl.String("pin-file", "", "tệp chứa mã PIN của token (dòng đầu); mặc định: biến môi trường VANBAN_PKCS11_PIN")
	keyLabel := fl.String("key-label", "", "nhãn (CKA_LABEL) của chứng thư và khoá trên token; mặc định: cái đầu tiên")
	field := fl.String("field", "", "tên trường chữ ký trống cần điền (NguoiKy, CoQuan …); mặc định: trường trống đầu tiên")
	at := fl.String("time", "", "thời điểm ký, ISO 8601 (2024-03-12T16:45:08+07:00; không có múi giờ thì là giờ Việt Nam); mặc định: bây giờ")
	name := fl.String("name", "", "tên người ký ghi trong chữ ký; mặc định: tên trong chứng thư (CN)")
	reason := fl.String("reason", "", "lý do ký (tuỳ chọn)")
	location := fl.String("location", "", "nơi ký (tuỳ chọn)")
	lang := langFlag(fl)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), signUsage)
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if !validLang(*lang, "sign", stderr) {
		return exitUsage
	}
	usage := func(vi, en string) int {
		if *lang == "en" {
			fmt.Fprintln(stderr, "vanban sign: "+en)
		} else {
			fmt.Fprintln(stderr, "vanban sign: "+vi)
		}
		fl.Usage()
		return exitUsage
	}
	switch {
	case len(files) != 1:
		return usage("cần đúng một tệp PDF để ký", "exactly one PDF to sign is needed")
	case *out == "":
		return usage("cần -o RA.pdf", "-o OUT.pdf is needed")
	case (*cert == "") == (*lib == ""):
		return usage("cần --cert TỆP.p12 hoặc --pkcs11 THƯ_VIỆN (một trong hai)", "--cert FILE.p12 or --pkcs11 LIBRARY is needed (one of them)")
	case *lib != "" && *slot < 0:
		return usage("--pkcs11 cần --slot N", "--pkcs11 needs --slot N")
	}
	var when time.Time
	if *at != "" {
		t, err := parseTime(*at)
		if err != nil {
			return usage(fmt.Sprintf("--time %q không hợp lệ; dùng ISO 8601, ví dụ 2024-03-12T16:45:08+07:00", *at),
				fmt.Sprintf("--time %q is not valid; use ISO 8601, e.g. 2024-03-12T16:45:08+07:00", *at))
		}
		when = t
	}
	in := files[0]

	var signer crypto.Signer
	var chain []*x509.Certificate
	if *cert != "" {
		password, err := secret(*passwordFile, "VANBAN_CERT_PASSWORD")
		if err != nil {
			return fail(stderr, err, *lang)
		}
		p12, err := readInput(*cert, 1<<20)
		if err != nil {
			return fail(stderr, err, *lang)
		}
		if signer, chain, err = sign.LoadPKCS12(p12, password); err != nil {
			return fail(stderr, withFile(err, *cert), *lang)
		}
	} else {
		pin, err := secret(*pinFile, "VANBAN_PKCS11_PIN")
		if err != nil {
			return fail(stderr, err, *lang)
		}
		tok, err := sign.OpenPKCS11(*lib, uint(*slot), pin, *keyLabel)
		if err != nil {
			return fail(stderr, withFile(err, *lib), *lang)
		}
		defer tok.Close()
		signer, chain = tok, tok.Chain()
	}

	data, err := readInput(in, maxSignBytes)
	if err != nil {
		return fail(stderr, err, *lang)
	}
	if err := ctx.Err(); err != nil {
		return fail(stderr, err, *lang)
	}
	res, err := sign.Sign(data, sign.Options{Signer: signer, Chain: chain, Field: *field, Time: when,
		Name: *name, Reason: *reason, Location: *location})
	if err != nil {
		return fail(stderr, withFile(err, in), *lang)
	}
	// All or nothing, as every vanban output: a temporary file renamed
	// into place, so OUT may be IN.
	batch := outfile.New()
	defer batch.Abort()
	stop := context.AfterFunc(ctx, batch.Abort)
	defer stop()
	if err := batch.WriteFile(*out, res.PDF); err == nil {
		err = batch.Commit()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fail(stderr, ctx.Err(), *lang)
		}
		return fail(stderr, vanban.ErrorList{{File: *out, Rule: "file-write", Msg: err.Error(), MsgEN: outfile.English(err)}}, *lang)
	}
	if *lang == "en" {
		fmt.Fprintf(stdout, "%s: signed field %s at %s\n", *out, res.Field, res.Time.Format(time.RFC3339))
	} else {
		fmt.Fprintf(stdout, "%s: đã ký trường %s lúc %s\n", *out, res.Field, res.Time.Format(time.RFC3339))
	}
	return exitOK
}

// parseTime reads an ISO 8601 date-time; without a zone it is Vietnam
// time.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05", s, sign.Vietnam)
}

// secret is the first line of file, or the environment variable env.
func secret(file, env string) (string, error) {
	if file == "" {
		return os.Getenv(env), nil
	}
	data, err := readInput(file, 64<<10)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// readInput reads a regular file of at most limit bytes.
func readInput(name string, limit int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, form.ReadError(name, err)
	}
	if err := form.CheckRegular(name, info); err != nil {
		return nil, err
	}
	tooBig := func(size int64) error {
		return vanban.ErrorList{{File: name, Rule: "limit-size",
			Msg:   fmt.Sprintf("tệp lớn %s, vượt giới hạn %s", sizeText(size), sizeText(limit)),
			MsgEN: fmt.Sprintf("the file is %s, over the %s limit", sizeText(size), sizeText(limit))}}
	}
	if info.Size() > limit {
		return nil, tooBig(info.Size())
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, form.ReadError(name, err)
	}
	defer f.Close()
	// Read no more than the limit even if the file grew since Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, form.ReadError(name, err)
	}
	if int64(len(data)) > limit {
		return nil, tooBig(int64(len(data)))
	}
	return data, nil
}

// sizeText writes a size in MB, or in KB below a megabyte (the password
// file's limit is 64 KB, not "0 MB").
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// withFile names the file in one of sign's errors.
func withFile(err error, file string) error {
	var e *vanban.Error
	if errors.As(err, &e) {
		c := *e
		c.File = file
		return vanban.ErrorList{&c}
	}
	return vanban.ErrorList{{File: file, Rule: "sign", Msg: err.Error(), MsgEN: err.Error()}}
}
