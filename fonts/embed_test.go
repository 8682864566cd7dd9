package fonts

import (
	"embed"
	"testing"
)

// embedded is the four font files for tests that want a copy they may
// change or write out (the package itself reads them uncopied).
//
//go:embed LiberationSerif-Regular.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf LiberationSerif-BoldItalic.ttf
var embedded embed.FS

// The faces the package reads are the files, and Default parses none of
// them until asked; after that each is parsed once.
func TestEmbeddedFacesLazyAndShared(t *testing.T) {
	for st := Regular; st <= BoldItalic; st++ {
		want, err := embedded.ReadFile(fileNames[st])
		if err != nil {
			t.Fatal(err)
		}
		if got := embeddedFile(st); string(got) != string(want) {
			t.Errorf("%v: embedded data is not %s", st, fileNames[st])
		}
	}
	fresh := &Set{Family: "Liberation Serif", lazy: &lazyFaces{}}
	for st := Regular; st <= BoldItalic; st++ {
		if fresh.lazy.parsed[st].Load() != nil {
			t.Fatalf("%v parsed before use", st)
		}
	}
	done := make(chan *Face)
	for range 8 {
		go func() { done <- fresh.Face(Italic) }()
	}
	first := <-done
	for range 7 {
		if f := <-done; f != first {
			t.Error("concurrent first uses parsed the face twice")
		}
	}
	if fresh.lazy.parsed[Regular].Load() != nil || fresh.lazy.parsed[Bold].Load() != nil {
		t.Error("asking for Italic parsed other faces")
	}
	if &first.Data()[0] != &italicTTF[0] {
		t.Error("the face holds a copy of the embedded file")
	}
}

func BenchmarkFace(b *testing.B) {
	set, _ := Default()
	set.Face(Regular)
	for b.Loop() {
		set.Face(Regular)
	}
}
