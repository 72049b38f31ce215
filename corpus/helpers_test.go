package corpus

import (
	"bufio"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestStripMarkup(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"<jats:title>Abstract</jats:title><jats:p>We study <jats:italic>things</jats:italic> &amp; stuff.</jats:p>", "We study things & stuff."},
		{"<jats:sec><jats:title>Background</jats:title><jats:p>Text.</jats:p></jats:sec>", "Background Text."},
		{"<h2>Summary:</h2><p>One.</p><p>Two.</p>", "One. Two."},
		{"<p>A</p><p>B<br/>C</p>", "A B C"},
		{`<a href="https://example.org" target=_blank>link</a> x<sup>2</sup>`, "link x2"},
		// Not tags: comparisons in formulas stay.
		{"for p<q and r>s we have $a<b$", "for p<q and r>s we have $a<b$"},
		{"x < y > z", "x < y > z"},
		{"the group <x> and <a, b | a^2>", "the group <x> and <a, b | a^2>"},
		{"AT&T and R&D", "AT&T and R&D"},
		{"caf&eacute; &#233;t&#xE9;", "café été"},
		{"<!-- a comment -->text<script>alert(1)</script>", "text"},
		{"<![CDATA[a <b> c]]> d", "a <b> c d"},
		{`<jats:inline-formula><jats:alternatives><jats:tex-math>$x^2$</jats:tex-math><mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math></jats:alternatives></jats:inline-formula> holds`, "$x^2$ holds"},
		{`<mml:math><mml:semantics><mml:mi>x</mml:mi><mml:annotation encoding="application/x-tex">x</mml:annotation></mml:semantics></mml:math>`, "x"},
		{"<p>unclosed", "unclosed"},
		{"<", "<"},
	} {
		if got := stripMarkup(tc.in); got != tc.want {
			t.Errorf("stripMarkup(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormDOIAndArXiv(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"10.1007/BF01390325", "10.1007/bf01390325"},
		{"https://doi.org/10.1007/BF01390325", "10.1007/bf01390325"},
		{"http://dx.doi.org/10.1016/j.jfa.2021.109000", "10.1016/j.jfa.2021.109000"},
		{"doi:10.1000/XYZ", "10.1000/xyz"},
		{" DOI: 10.1000/x ", "10.1000/x"},
		{"10.1000", ""},
		{"not a doi", ""},
		{"", ""},
	} {
		if got := normDOI(tc.in); got != tc.want {
			t.Errorf("normDOI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"https://arxiv.org/abs/2101.00001v2", "arXiv:2101.00001"},
		{"http://arxiv.org/pdf/2101.00001v1", "arXiv:2101.00001"},
		{"10.48550/arXiv.2101.00001", "arXiv:2101.00001"},
		{"arXiv:1911.06754 [math]", "arXiv:1911.06754"},
		{"arXiv: math/0211159", "arXiv:math/0211159"},
		{"https://arxiv.org/abs/math.AP/0405083v2", "arXiv:math.AP/0405083"},
		{"https://example.org/abs/2101.00001", ""},
		{"arXiv", ""},
	} {
		if got := arXivFromText(tc.in); got != tc.want {
			t.Errorf("arXivFromText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The id rule: arXiv, else DOI, else the source's own; the others are
// identifiers.
func TestWorkIDs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		build   func(w *workIDs)
		id      string
		idents  []string
		isArXiv bool
	}{
		{"all", func(w *workIDs) {
			w.own = "openalex:W1"
			w.addDOI("https://doi.org/10.1000/ABC")
			w.addArXiv("https://arxiv.org/abs/2101.00001v3")
			w.addOther("mag:1")
		}, "arXiv:2101.00001", []string{"doi:10.1000/abc", "openalex:W1", "mag:1"}, true},
		{"doi", func(w *workIDs) { w.addDOI("10.1000/X"); w.own = "s2:abc" }, "doi:10.1000/x", []string{"s2:abc"}, false},
		{"arXiv's DOI", func(w *workIDs) { w.addDOI("10.48550/arXiv.2101.00001") }, "arXiv:2101.00001", []string{"doi:10.48550/arxiv.2101.00001"}, true},
		{"own", func(w *workIDs) { w.own = "openalex:W9" }, "openalex:W9", nil, false},
		{"two DOIs, two arXiv ids", func(w *workIDs) {
			w.addDOI("10.1000/a")
			w.addDOI("10.1000/B")
			w.addDOI("10.1000/A")
			w.addArXiv("2101.00001")
			w.addArXiv("2101.00002")
		}, "arXiv:2101.00001", []string{"doi:10.1000/a", "doi:10.1000/b", "arXiv:2101.00002"}, true},
		{"not ids", func(w *workIDs) { w.addDOI("x"); w.addArXiv("nothing here"); w.addOther("  ") }, "", nil, false},
	} {
		var w workIDs
		tc.build(&w)
		var r Record
		w.apply(&r)
		if r.ID != tc.id || !reflect.DeepEqual(r.Identifiers, tc.idents) {
			t.Errorf("%s: id %q identifiers %q, want %q %q", tc.name, r.ID, r.Identifiers, tc.id, tc.idents)
		}
	}
}

func TestUnkeptOncePerFile(t *testing.T) {
	var u unkept
	var a, b, c Record
	u.note(&a, "volume", "ISSN", "")
	u.note(&b, "ISSN", "volume")
	u.note(&c, "page", "volume")
	if got := errStrings(a.Problems); !reflect.DeepEqual(got, []string{notKept("ISSN, volume")}) {
		t.Errorf("first: %q", got)
	}
	if b.Problems != nil {
		t.Errorf("second: %q, want nothing", errStrings(b.Problems))
	}
	if got := errStrings(c.Problems); !reflect.DeepEqual(got, []string{notKept("page")}) || !errors.Is(c.Problems[0], ErrNotKept) {
		t.Errorf("third: %q", got)
	}
}

func TestJSONLayout(t *testing.T) {
	for _, tc := range []struct {
		in    string
		top   byte
		lines bool
		keys  []string
		elem  string
	}{
		{`{"id": "a", "title": "T"}` + "\n" + `{"id": "b"}`, '{', true, []string{"id", "title"}, ""},
		{"{\n  \"message\": {\"items\": []},\n  \"status\": \"ok\"\n}", '{', false, []string{"message", "status"}, ""},
		// A line longer than what was read: still a line.
		{`{"id": "a", "abstract": "` + strings.Repeat("x", 100), '{', true, []string{"id", "abstract"}, ""},
		// A broken line of JSON Lines is not pretty-printed JSON.
		{"{\xff\n{\"id\": 1}", '{', true, nil, ""},
		{`[{"paperId": "x", "title": "T"}, null]`, '[', false, []string{"paperId", "title"}, ""},
		{`["a", "b"]`, '[', false, nil, "string"},
		{`[]`, '[', false, nil, ""},
		{"\ufeff  \n{\"a\": {\"b\": [1, 2]}, \"c\": 3}", '{', true, []string{"a", "c"}, ""},
		{"hello", 0, false, nil, ""},
	} {
		l := jsonLayoutOf([]byte(tc.in))
		if l.top != tc.top || l.lines != tc.lines || !sameStrings(l.keys, tc.keys) || l.elem != tc.elem {
			t.Errorf("jsonLayoutOf(%.40q) = %+v, want top %q lines %v keys %q elem %q", tc.in, l, tc.top, tc.lines, tc.keys, tc.elem)
		}
	}
}

// jsonSource finds the items of every shape, as titles here.
func TestJSONSourceShapes(t *testing.T) {
	item := func(title string) string { return `{"title": "` + title + `", "n": [1, {"x": 2}]}` }
	for _, tc := range []struct {
		name string
		in   string
		want []string // titles, or "!" and the problem, or "fatal:" and the error
	}{
		{"one object, pretty", "{\n \"title\": \"A\",\n \"n\": 1\n}\n", []string{"A"}},
		{"one object, one line", item("A"), []string{"A"}},
		{"array", "[" + item("A") + ",\n" + item("B") + "]", []string{"A", "B"}},
		{"page", "{\n\"meta\": {\"count\": 2},\n\"results\": [" + item("A") + ", " + item("B") + "],\n\"group_by\": []\n}", []string{"A", "B"}},
		{"page on one line", `{"meta": {"count": 2}, "results": [` + item("A") + `, ` + item("B") + `]}`, []string{"A", "B"}},
		{"nested envelope", "{\n\"status\": \"ok\",\n\"message\": {\"total\": 2, \"items\": [" + item("A") + ", " + item("B") + "]}\n}", []string{"A", "B"}},
		{"nested item", "{\n\"status\": \"ok\", \"message-type\": \"work\",\n\"message\": " + item("A") + "\n}", []string{"A"}},
		{"nested item, one line", `{"status": "ok", "message": ` + item("A") + `}`, []string{"A"}},
		{"JSON Lines of items and pages", item("A") + "\n\n" + `{"results": [` + item("B") + `, 7]}` + "\n" + item("C") + "\n", []string{"A", "B", "!not a JSON object but number", "C"}},
		{"bad line read past", item("A") + "\n{broken\n" + item("B"), []string{"A", "!malformed JSON: invalid character 'b' looking for beginning of object key string", "B"}},
		{"array with null and a number", "[\n" + item("A") + ", null, 3]", []string{"A", "!null where a record was expected (an id the source did not find)", "!not a JSON object but number"}},
		{"pages one after the other", "{\n\"results\": [" + item("A") + "]\n}\n{\n\"results\": [" + item("B") + "]\n}", []string{"A", "B"}},
		{"results null", "{\n\"results\": null,\n\"title\": \"E\"\n}", []string{"E"}},
		{"truncated", "[\n" + item("A") + ", {\"title\": ", []string{"A", "fatal:in: byte 37: malformed JSON: unexpected EOF"}},
		{"not objects", "\"text\"", []string{"fatal:in: byte 6: expected JSON objects or arrays of them, found the string \"text\""}},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newJSONSource(bufio.NewReader(strings.NewReader(tc.in)), "in", "results", "message", "items")
			var got []string
			for i := 0; i < 100; i++ {
				obj, _, bad, err := src.next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					got = append(got, "fatal:"+err.Error())
					if _, _, _, err2 := src.next(); err2 == nil || errors.Is(err2, io.EOF) {
						t.Errorf("error not sticky")
					}
					break
				}
				if bad != nil {
					got = append(got, "!"+bad.Error())
					continue
				}
				got = append(got, jstr(obj["title"]))
			}
			if !sameStrings(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// notKept is the warning listing a source's fields a record has no place
// for.
func notKept(names string) string {
	return "fields not kept (no place in the record; listed once per file): " + names
}
