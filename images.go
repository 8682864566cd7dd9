package vanban

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The images of an electronic document (docs/nd30.md §10): the signer's
// signature (signer.signature_image) and the agency's seal
// (agency.seal_image, at its real diameter seal_mm), for the document and
// for an electronic copy's signer and agency.

// The range of seal diameters accepted, in mm: official seals are a few
// centimetres across (36–42 mm is usual).
const (
	MinSealMM = 20
	MaxSealMM = 60
)

// MaxImageBytes is the largest image file read.
const MaxImageBytes = 8 << 20

// MaxImagePixels is the largest image decoded: a seal scanned at 600 dpi
// is about 1,000 × 1,000; 25 million pixels take 100 MB decoded.
const MaxImagePixels = 25_000_000

// image checks the path of an image: a .png file relative to the YAML
// file's folder, which it may not leave. The file is read later
// (ReadImages).
func (d *decoder) image(n *yaml.Node, path string) *Image {
	rel := d.line(n, path)
	if rel == "" {
		d.errorf(n, path, "image-path", "cần đường dẫn tệp .png, tính từ thư mục của tệp YAML", "expected the path of a .png file, relative to the YAML file's folder")
		return nil
	}
	if !filepath.IsLocal(rel) || !fs.ValidPath(filepath.ToSlash(rel)) {
		d.errorf(n, path, "image-path", "đường dẫn %q ra ngoài thư mục của tệp YAML; hãy đặt tệp ảnh trong thư mục đó", "path %q leaves the YAML file's folder; put the image file in that folder", rel)
		return nil
	}
	if !strings.EqualFold(filepath.Ext(rel), ".png") {
		d.errorf(n, path, "image-format", "hình ảnh chữ ký và con dấu phải là tệp PNG nền trong suốt (.png); nhận %q", "signature and seal images must be PNG files with a transparent background (.png); got %q", rel)
		return nil
	}
	return &Image{Path: filepath.ToSlash(rel), Pos: d.pos(n), Field: path}
}

// sealMM reads a seal's diameter in millimetres.
func (d *decoder) sealMM(n *yaml.Node, path string) float64 {
	v := resolve(n)
	mm, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v.Value), ",", "."), 64)
	if v.Kind != yaml.ScalarNode || err != nil || mm < MinSealMM || mm > MaxSealMM {
		d.errorf(n, path, "image-size", "cần đường kính con dấu tính bằng mm, từ %d đến %d; nhận %s", "expected the seal's diameter in mm, from %d to %d; got %s", MinSealMM, MaxSealMM, kindName(v))
		return 0
	}
	d.mark(n, path)
	return mm
}

// Images lists the images the document names, in the order of the file.
func (d *Document) Images() []*Image {
	var out []*Image
	add := func(im *Image) {
		if im != nil {
			out = append(out, im)
		}
	}
	add(d.Agency.Seal)
	add(d.Signer.Image)
	if c := d.Copy; c != nil {
		add(c.Agency.Seal)
		add(c.Signer.Image)
	}
	return out
}

// ImagesRead reports whether every image the document names has been read.
func (d *Document) ImagesRead() bool {
	for _, im := range d.Images() {
		if im.PNG == nil {
			return false
		}
	}
	return true
}

// ReadImages reads the images the document names from fsys, in which
// their paths are relative; dir is how messages name fsys's root. Each must
// be a regular file holding a PNG; a problem is placed where the YAML names
// the file.
func ReadImages(doc *Document, fsys fs.FS, dir string) error {
	var errs ErrorList
	for _, im := range doc.Images() {
		fail := func(rule, vi, en string) {
			errs = append(errs, &Error{File: doc.File, Pos: im.Pos, Field: im.Field, Rule: rule,
				Msg: im.Path + ": " + vi, MsgEN: im.Path + ": " + en})
		}
		data, err := readImage(fsys, im.Path)
		if err != nil {
			var e localized
			switch {
			case errors.Is(err, fs.ErrNotExist):
				e = localized{"tệp không tồn tại (đường dẫn tính từ thư mục " + dir + ")", "the file does not exist (the path is relative to the folder " + dir + ")"}
			case errors.Is(err, errNotRegular):
				e = localized{"không phải một tệp thông thường", "not a regular file"}
			case errors.Is(err, errTooLarge):
				e = localized{fmt.Sprintf("tệp lớn hơn %d MB", MaxImageBytes>>20), fmt.Sprintf("the file is larger than %d MB", MaxImageBytes>>20)}
			default:
				e = describeIOError(err)
			}
			fail("image-read", e.vi, e.en)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err == nil && cfg.Width*cfg.Height > MaxImagePixels {
			// Checked before decoding: a few hundred kilobytes of PNG can
			// claim gigabytes of pixels.
			fail("limit-size", fmt.Sprintf("ảnh %d×%d điểm ảnh, vượt giới hạn %d triệu điểm ảnh", cfg.Width, cfg.Height, MaxImagePixels/1_000_000),
				fmt.Sprintf("the image is %d×%d pixels, over the %d-megapixel limit", cfg.Width, cfg.Height, MaxImagePixels/1_000_000))
			continue
		}
		if err == nil {
			_, err = png.Decode(bytes.NewReader(data)) // the writers decode it whole
		}
		if err != nil {
			fail("image-format", "không đọc được ảnh PNG: "+err.Error(), "not a readable PNG image: "+err.Error())
			continue
		}
		if cfg.Width == 0 || cfg.Height == 0 {
			fail("image-format", "ảnh rỗng", "the image is empty")
			continue
		}
		im.PNG, im.Width, im.Height = data, cfg.Width, cfg.Height
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// ReadImagesDir reads the images the document names from the folder of
// its file, which the paths may not leave (not even through a symbolic
// link).
func ReadImagesDir(doc *Document) error {
	if len(doc.Images()) == 0 {
		return nil
	}
	dir := filepath.Dir(doc.File)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return readError(dir, err)
	}
	defer root.Close()
	return ReadImages(doc, root.FS(), dir)
}

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("file too large")
)

func readImage(fsys fs.FS, path string) ([]byte, error) {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxImageBytes {
		return nil, errTooLarge
	}
	return data, nil
}
