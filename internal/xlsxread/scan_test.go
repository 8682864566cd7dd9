package xlsxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll renders every token the scanner reads: S<name attr="value"…>,
// E</name>, T"text" (adjacent texts joined), or the error.
func scanAll(r io.Reader, bufSize int) (string, error) {
	s := newScanner(r)
	if bufSize > 0 {
		s.buf = make([]byte, bufSize)
	}
	var out strings.Builder
	var txt []byte
	flush := func() {
		if len(txt) > 0 {
			fmt.Fprintf(&out, "T%q ", txt)
			txt = txt[:0]
		}
	}
	for {
		kind, err := s.next()
		if err == io.EOF {
			flush()
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
		switch kind {
		case startTag:
			flush()
			fmt.Fprintf(&out, "S<%s", s.openName(s.depth()))
			for i := range s.attrs {
				a := &s.attrs[i]
				fmt.Fprintf(&out, " %s=%q", s.buf[a.name.start:a.name.end], s.attrValue(a))
			}
			out.WriteString("> ")
			if string(s.local) != localOf(s.openName(s.depth())) {
				return "", fmt.Errorf("local name %q of %q", s.local, s.openName(s.depth()))
			}
		case endTag:
			flush()
			fmt.Fprintf(&out, "E</%s> ", s.local)
		case text:
			txt = s.appendText(txt)
		}
	}
}

func localOf(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// refScan is the same rendering from encoding/xml's RawToken, with the
// checks RawToken leaves out (tags match, one root, complete document):
// the reference the scanner is compared with.
func refScan(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out strings.Builder
	var txt []byte
	var stack []xml.Name
	ended := false
	flush := func() {
		if len(txt) > 0 {
			fmt.Fprintf(&out, "T%q ", txt)
			txt = txt[:0]
		}
	}
	qname := func(n xml.Name) string {
		if n.Space != "" {
			return n.Space + ":" + n.Local
		}
		return n.Local
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(stack) > 0 || !ended {
				return out.String(), errors.New("incomplete document")
			}
			flush()
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if ended {
				return out.String(), errors.New("content after the root")
			}
			flush()
			stack = append(stack, t.Name)
			fmt.Fprintf(&out, "S<%s", qname(t.Name))
			for _, a := range t.Attr {
				fmt.Fprintf(&out, " %s=%q", qname(a.Name), a.Value)
			}
			out.WriteString("> ")
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != t.Name {
				return out.String(), errors.New("mismatched end tag")
			}
			stack = stack[:len(stack)-1]
			ended = len(stack) == 0
			flush()
			fmt.Fprintf(&out, "E</%s> ", t.Name.Local)
		case xml.CharData:
			if len(stack) > 0 {
				txt = append(txt, t...)
			}
		}
	}
}

func TestScanner(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a/>`, `S<a> E</a> `},
		{"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!-- c --><a>x</a>\n", `S<a> T"x" E</a> `},
		{`<x:a xmlns:x="u" b='1' c = "2>3"><x:b/></x:a>`, `S<x:a xmlns:x="u" b="1" c="2>3"> S<x:b> E</b> E</a> `},
		{`<a b="&lt;&amp;&gt;&apos;&quot;&#65;&#x1F600;">&#xE0;&amp;amp;</a>`, `S<a b="<&>'\"A😀"> T"à&amp;" E</a> `},
		{"<a b=\"x\r\ny\rz\">1\r\n2\r3<![CDATA[<&\r\n>]]>4</a>", `S<a b="x\ny\nz"> T"1\n2\n3<&\n>4" E</a> `},
		{`<a>]]&gt;]></a>`, `S<a> T"]]>]>" E</a> `},
		{`<a><?pi data & < stuff?><!---->b</a >`, `S<a> T"b" E</a> `},
		{`<Ư ư="Ư">Ư</Ư>`, `S<Ư ư="Ư"> T"Ư" E</Ư> `},
	} {
		for _, size := range []int{0, 1, 3} { // a one-byte buffer grows; a slow reader splits every token
			var r io.Reader = strings.NewReader(tc.in)
			if size == 3 {
				r = iotest.OneByteReader(r)
			}
			got, err := scanAll(r, size)
			if err != nil || got != tc.want {
				t.Errorf("%q (buffer %d):\n got %s %v\nwant %s", tc.in, size, got, err, tc.want)
			}
		}
		if ref, err := refScan([]byte(tc.in)); err != nil || ref != tc.want {
			t.Errorf("%q: encoding/xml reads %s %v", tc.in, ref, err)
		}
	}
	for _, tc := range []struct{ in, msg string }{
		{``, "no root element"},
		{`  `, "no root element"},
		{`x<a/>`, "text outside the root element"},
		{`<a/>x`, "text outside the root element"},
		{`<a/><b/>`, "content after the root element"},
		{`<a>`, "ends inside <a>"},
		{`<a`, "ends inside a tag"},
		{`<a b="1`, "ends inside a tag"},
		{`<a><!-- x`, "ends inside a comment"},
		{`<a><![CDATA[x`, "ends inside a CDATA section"},
		{`<a><?x`, "ends inside a processing instruction"},
		{`<a></b>`, "element <a> is closed by </b>"},
		{`<x:a></a>`, "element <x:a> is closed by </a>"},
		{`</a>`, "closes no element"},
		{`<a></a b>`, "unexpected characters in end tag"},
		{`<a b="1" b="2"/>`, "attribute b appears twice"},
		{`<a b="1"c="2"/>`, "expected white space before an attribute"},
		{`<a b/>`, "expected = after attribute b"},
		{`<a b=1/>`, "expected a quoted value"},
		{`<a b="<"/>`, "'<' in an attribute value"},
		{`<a <b/>`, "'<' inside a tag"},
		{`<a b="&x;"/>`, "invalid character entity"},
		{`<a>&#0;</a>`, "invalid character entity"},
		{`<a>&#xD800;</a>`, "invalid character entity"},
		{`<a>&#x110000;</a>`, "invalid character entity"},
		{`<a>& </a>`, "invalid character entity"},
		{`<a>&amp</a>`, "invalid character entity"},
		{"<a>\x01</a>", "illegal character code U+0001"},
		{"<a>\xff</a>", "invalid UTF-8"},
		{"<a>\xef\xbf\xbe</a>", "illegal character code U+FFFE"},
		{`<a>]]></a>`, `"]]>" outside a CDATA section`},
		{`<a><!-- a -- b --></a>`, `"--" inside a comment`},
		{`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, "DOCTYPE is not allowed"},
		{`<a><!ELEMENT a></a>`, "invalid <! sequence"},
		{`<![CDATA[x]]><a/>`, "CDATA outside the root element"},
		{`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, `the document is in "ISO-8859-1"; only UTF-8 is read`},
		{`<?xml version="1.1"?><a/>`, `XML version "1.1"`},
		{`<1a/>`, "expected an element name"},
		{`<:a/>`, "invalid element name"},
		{`<a:b:c/>`, "invalid element name"},
		{`<a b:="1"/>`, "invalid attribute name"},
		{`< a/>`, "expected an element name"},
		{`<a / >`, "expected > after /"},
		{`<a>` + strings.Repeat("<b>", 70), "nest more than 64 deep"},
		{"<a>\n\n<b>\n</c>", "on line 4"},
		{"<a" + strings.Repeat(` a=""`, 256) + "/>", "attribute a appears twice"},
		{"<a" + manyAttrs(257) + "/>", "more than 256 attributes"},
	} {
		for _, size := range []int{0, 1} {
			_, err := scanAll(strings.NewReader(tc.in), size)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%q (buffer %d): got %v, want %q", tc.in, size, err, tc.msg)
			}
		}
	}
	// A reader's own error wins over "the part is cut off".
	boom := errors.New("boom")
	if _, err := scanAll(io.MultiReader(strings.NewReader("<a><b x='"), iotest.ErrReader(boom)), 0); err != boom {
		t.Errorf("got %v", err)
	}
	if _, err := scanAll(zeroReader{}, 0); err != errNoProgress {
		t.Errorf("got %v", err)
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// FuzzScanner compares the scanner with encoding/xml: whatever the scanner
// accepts, encoding/xml reads the same way — same elements, attributes and
// text. (The scanner may refuse more: DOCTYPEs, duplicate attributes, text
// outside the root, attributes not separated by white space.)
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		`<a/>`,
		`<x:worksheet xmlns:x="u"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		"<a b='&lt;\r\n'>t&#233;xt<![CDATA[c&d]]>\r\n<!-- c --><?p x?></a>",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst><si><r><t xml:space="preserve">a </t></r><rPh><t>b</t></rPh></si></sst>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scanAll(bytes.NewReader(data), 0)
		slow, slowErr := scanAll(iotest.OneByteReader(bytes.NewReader(data)), 1)
		if got != slow || (err == nil) != (slowErr == nil) || err != nil && err.Error() != slowErr.Error() {
			t.Fatalf("buffering changes the result:\n%s %v\n%s %v", got, err, slow, slowErr)
		}
		if err != nil {
			return
		}
		ref, refErr := refScan(data)
		if refErr != nil {
			if strings.Contains(refErr.Error(), "invalid XML name") {
				return // the scanner takes XML 1.0 fifth edition's name characters, encoding/xml older tables
			}
			t.Fatalf("the scanner accepts what encoding/xml refuses (%v):\n%s", refErr, got)
		}
		if got != ref {
			t.Fatalf("scanner and encoding/xml differ:\n%s\n%s", got, ref)
		}
	})
}

func manyAttrs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` a%d=""`, i)
	}
	return b.String()
}
