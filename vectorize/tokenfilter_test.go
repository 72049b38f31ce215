package vectorize

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestLowerCase(t *testing.T) {
	for _, w := range []string{
		"Hilbert", "THÉORÈME", "Навье", "ΣΟΦΙΑ", "İstanbul", "ǅemal", "KELVIN", "équation", "x2", "",
	} {
		if got, want := string(lowerCase{}.appendLower(nil, w)), strings.ToLower(w); got != want {
			t.Errorf("lower(%q) = %q, want %q", w, got, want)
		}
	}
	// Every rune, as strings.ToLower has it.
	var buf []byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		w := "A" + string(r)
		if buf = (lowerCase{}).appendLower(buf[:0], w); string(buf) != strings.ToLower(w) {
			t.Errorf("lower(%q) = %q, want %q", w, buf, strings.ToLower(w))
		}
	}
}

// filterWords runs a word filter on each word and shows the outcome:
// the term, or "-" when the token is dropped.
func filterWords(f wordFilter, words ...string) []string {
	var out []string
	for _, w := range words {
		t := term{text: w}
		if !f.filter(&t) {
			out = append(out, "-")
			continue
		}
		if t.keyword {
			out = append(out, t.text+"*")
			continue
		}
		out = append(out, t.text)
	}
	return out
}

func TestWordFilters(t *testing.T) {
	en, fr, ru := lookupLanguage("english"), lookupLanguage("french"), lookupLanguage("russian")
	tests := []struct {
		name   string
		filter wordFilter
		words  []string
		want   []string
	}{
		{"short and numeric tokens", shortFilter{},
			[]string{"a", "k", "l2", "349", "501", "é", "ℓ", "ii", "équation"},
			[]string{"-", "-", "l2", "-", "-", "-", "-", "ii", "équation"}},
		{"english stop words, with the academic ones", stopFilter{en},
			[]string{"the", "of", "however", "moreover", "via", "et", "al", "theorem", "show", "result"},
			[]string{"-", "-", "-", "-", "-", "-", "-", "theorem", "show", "result"}},
		{"french stop words, with the elisions", stopFilter{fr},
			[]string{"l", "d", "qu", "jusqu", "des", "dans", "cette", "équation", "ondes"},
			[]string{"-", "-", "-", "-", "-", "-", "-", "équation", "ondes"}},
		{"russian stop words", stopFilter{ru},
			[]string{"в", "и", "на", "уравнения", "решений"},
			[]string{"-", "-", "-", "уравнения", "решений"}},
		{"protected families", protectFilter{protectedEnglish},
			[]string{"multiplicities", "multiplier", "regularised", "moduli", "complexity", "complex", "multiple"},
			[]string{"multiplicity*", "multiplier*", "regularization*", "modulus*", "complexity*", "complex", "multiple"}},
		{"fold accents", foldFilter{},
			[]string{"poincaré", "gödel", "łojasiewicz", "erdős", "ßeta", "мой", "equation"},
			[]string{"poincare", "godel", "lojasiewicz", "erdos", "sseta", "мой", "equation"}},
		{"english stems", stemFilter{en},
			[]string{"optimization", "networks", "characterized", "homogeneous", "multiplicities", "poincaré"},
			[]string{"optim", "network", "character", "homogen", "multipl", "poincaré"}},
		{"french stems", stemFilter{fr},
			[]string{"équations", "dérivées", "partielles", "stochastiques", "périodicité"},
			[]string{"équat", "dériv", "partiel", "stochast", "périod"}},
	}
	for _, tc := range tests {
		if got := filterWords(tc.filter, tc.words...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %q gives %q, want %q", tc.name, tc.words, got, tc.want)
		}
	}
	// Keywords pass the filters that change words untouched.
	for _, f := range []wordFilter{foldFilter{}, stemFilter{en}} {
		tk := term{text: "régularisations", keyword: true}
		if !f.filter(&tk) || tk.text != "régularisations" {
			t.Errorf("%T changed a keyword: %q", f, tk.text)
		}
	}
}

// chainTerms runs a chain's word filters on each word, as the analyzer
// does once per distinct word.
func chainTerms(c *chain, words ...string) []string {
	var out []string
	for _, w := range words {
		t := c.term(newWordEntry([]byte(w)))
		if t.drop {
			out = append(out, "-")
			continue
		}
		out = append(out, t.text)
	}
	return out
}

func TestChains(t *testing.T) {
	words := []string{"the", "poincaré", "multiplicities", "équations", "of", "2020"}
	tests := []struct {
		name string
		opts func(*Options)
		lang string
		want []string
	}{
		// English folds before and after stemming, and protects.
		{"english", func(*Options) {}, "english", []string{"-", "poincar", "multiplicity", "equat", "-", "-"}},
		{"english without protection", func(o *Options) { o.ProtectWords = false }, "english", []string{"-", "poincar", "multipl", "equat", "-", "-"}},
		// Snowball's English stemmer stumbles on accents: folding first helps.
		{"english without folding", func(o *Options) { o.FoldAccents = false }, "english", []string{"-", "poincaré", "multiplicity", "équation", "-", "-"}},
		{"english without stemming: folded", func(o *Options) { o.Stem = false }, "english", []string{"-", "poincare", "multiplicities", "equations", "-", "-"}},
		{"english without stop words", func(o *Options) { o.StopWords = false }, "english", []string{"the", "poincar", "multiplicity", "equat", "of", "-"}},
		// French folds after stemming: the stemmer reads the accents.
		{"french", func(*Options) {}, "french", []string{"the", "poincar", "multiplicit", "equat", "of", "-"}},
		// A language without a stemmer: short tokens go, nothing else.
		{"german", func(*Options) {}, "german", []string{"the", "poincaré", "multiplicities", "équations", "of", "-"}},
	}
	for _, tc := range tests {
		opts := DefaultOptions()
		tc.opts(&opts)
		an := NewAnalyzer(opts)
		if got := chainTerms(an.chainOf(tc.lang), words...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %q gives %q, want %q", tc.name, words, got, tc.want)
		}
	}
	// The character filters follow the options too.
	if got := len(NewAnalyzer(Options{}).chainOf("english").chars); got != 2 {
		t.Errorf("without LaTeX: %d character filters, want 2 (NFKC, prefixes)", got)
	}
	if got := len(NewAnalyzer(DefaultOptions()).chainOf("english").chars); got != 3 {
		t.Errorf("defaults: %d character filters, want 3 (NFKC, LaTeX, prefixes)", got)
	}
}

func TestBigramFilter(t *testing.T) {
	// "convex functions, sparse regression": words 0 1, a gap, 2 3.
	toks := []tok{{0, -1, false}, {1, -1, false}, {2, -1, true}, {3, -1, false}}
	want := []tok{
		{0, -1, false}, {1, -1, false}, {0, 1, false},
		{2, -1, false}, {3, -1, false}, {2, 3, false},
	}
	if got := (bigramFilter{}).filter(nil, toks); !reflect.DeepEqual(got, want) {
		t.Errorf("filter = %v, want %v", got, want)
	}
	for _, tc := range []struct{ a, b, want Token }{
		{Token{"convex", "convex"}, Token{"function", "functions"}, Token{"convex function", "convex functions"}},
		{Token{"heat", "heat"}, Token{"kernel", "kernel"}, Token{"heat kernel", "heat kernel"}},
		{Token{"equat", "équations"}, Token{"dériv", "dérivées"}, Token{"equat dériv", "équations dérivées"}},
	} {
		if got := (bigramFilter{}).join(tc.a, tc.b); got != tc.want {
			t.Errorf("join(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
