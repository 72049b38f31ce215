package vectorize

import (
	"reflect"
	"strings"
	"testing"

	"github.com/related/related/corpus"
)

func terms(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

func words(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Word
	}
	return out
}

func TestAnalyze(t *testing.T) {
	def := DefaultOptions()
	def.Bigrams = false // bigrams have their own case below
	tests := []struct {
		name string
		opts Options
		lang string
		text string
		want []string // terms
	}{
		{"english stems and stop words", def, "english", "The optimization of convex functions", []string{"optim", "convex", "function"}},
		{"ligature survives NFKC", def, "english", "eﬃcient ﬁnite elements", []string{"effici", "finit", "element"}},
		{"inline math is not vocabulary", def, "english", "a bound on $\\|x\\|_{L^2}$ norms", []string{"bound", "norm"}},
		{"paren math and display math", def, "english", "estimates \\(u \\in H^1\\) and \\[ f(x) = 0 \\] hold", []string{"estim", "hold"}},
		{"text commands keep their words", def, "english", "\\emph{sparse} \\textit{regression}", []string{"spars", "regress"}},
		{"accents in LaTeX", Options{LaTeX: true}, "", "Poincar\\'e and G\\\"odel and Ces{\\`a}ro", []string{"poincaré", "and", "gödel", "and", "cesàro"}},
		// Elisions come off, and accents are folded after stemming.
		{"french elisions split", def, "french", "l'équation d'un problème qu'il résout", []string{"equat", "problem", "resout"}},
		{"hyphens split", def, "english", "two-layer networks", []string{"two", "layer", "network"}},
		{"bound prefix joined", def, "english", "non-smooth and nonsmooth", []string{"nonsmooth", "nonsmooth"}},
		{"numbers and single letters dropped", def, "english", "in 2020 a k-means of 3 points", []string{"mean", "point"}},
		{"no stemming", Options{StopWords: true}, "english", "the optimization", []string{"optimization"}},
		{"no stop words", Options{Stem: true}, "english", "the optimization", []string{"the", "optim"}},
		{"latex kept when off", Options{}, "english", "$x$ value", []string{"value"}},
		{"default bigrams", DefaultOptions(), "english", "convex functions", []string{"convex", "function", "convex function"}},
		{"bigrams", Options{Stem: true, StopWords: true, Bigrams: true}, "english", "convex optimization, sparse", []string{"convex", "optim", "convex optim", "spars"}},
		{"unknown language: no stems", def, "german", "die Gleichungen", []string{"die", "gleichungen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := terms(NewAnalyzer(tc.opts).Analyze(tc.text, tc.lang))
			if len(got) == 0 {
				got = nil
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Analyze(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestAnalyzeKeepsSurfaceWords(t *testing.T) {
	toks := NewAnalyzer(DefaultOptions()).Analyze("Optimizing L'Équation", "french")
	if got, want := words(toks), []string{"optimizing", "équation"}; !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

func TestStripLaTeX(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a $x^2$ b", "a   b"},
		{"a $$\\int f$$ b", "a   b"},
		{"costs 5$ only", "costs 5 only"},
		{"see \\cite{foo} here", "see   here"},
		{"\\begin{equation} x=1 \\end{equation} after", "  after"},
		{"Schr\\\"{o}dinger", "Schrödinger"},
		{"\\c{c}a", "ça"},
		{"{\\ss}", "ß"},
	}
	for _, tc := range tests {
		if got := StripLaTeX(tc.in); got != tc.want {
			t.Errorf("StripLaTeX(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"We show that the solutions of the equation are unique and we study their regularity.", "english"},
		{"Nous montrons que les solutions de l'équation sont uniques et nous étudions leur régularité.", "french"},
		{"Mostramos que las soluciones de la ecuación son únicas y estudiamos su regularidad.", "spanish"},
		{"Мы доказываем единственность решений уравнения.", "russian"},
		{"Hilbert space", ""},
	}
	for _, tc := range tests {
		if got := DetectLanguage(tc.text); got != tc.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	an := NewAnalyzer(DefaultOptions())
	french := "Nous étudions les équations de la chaleur sur les variétés."
	if got := an.Language("", french); got != "french" {
		t.Errorf("detected %q, want french", got)
	}
	if got := an.Language("english", french); got != "english" {
		t.Errorf("declared language should win, got %q", got)
	}
	if got := an.Language("", "Hilbert space"); got != "english" {
		t.Errorf("default should be english, got %q", got)
	}
	forced := NewAnalyzer(Options{Language: "french"})
	if got := forced.Language("english", "the heat equation"); got != "french" {
		t.Errorf("forced language should win, got %q", got)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"$x$", "\\emph{a", "l'", "non-", "\\'", "{\\", "$$", "\\(", "a-b-c", "\\begin{equation}"} {
		f.Add(s)
	}
	an := NewAnalyzer(Options{LaTeX: true, StopWords: true, Stem: true, Bigrams: true})
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range an.Analyze(s, "english") {
			if tok.Term == "" || strings.TrimSpace(tok.Term) != tok.Term {
				t.Fatalf("bad term %q from %q", tok.Term, s)
			}
		}
	})
}

func TestFoldAndProtect(t *testing.T) {
	an := NewAnalyzer(DefaultOptions())
	unigrams := func(text, lang string) []string {
		var out []string
		for _, tk := range an.Analyze(text, lang) {
			if !strings.Contains(tk.Term, " ") {
				out = append(out, tk.Term)
			}
		}
		return out
	}
	tests := []struct {
		a, b, lang string
		same       bool
	}{
		{"Poincaré", "Poincare", "english", true},
		{"Gödel", "Godel", "english", true},
		{"Łojasiewicz", "Lojasiewicz", "english", true},
		{"équations", "equations", "french", true},
		// Cyrillic keeps its marks: й is not и.
		{"мой", "мои", "russian", false},
		{"multiplicative", "multiple", "english", false},
		{"multiplicity", "multiplicities", "english", true},
		{"multiplicity", "multiplier", "english", false},
		{"complexity", "complex", "english", false},
		{"projective", "projection", "english", false},
		{"regularization", "regularity", "english", false},
		{"regularization", "regularisation", "english", true},
		{"moduli", "modulus", "english", true},
		{"moduli", "module", "english", false},
	}
	for _, tc := range tests {
		a, b := unigrams(tc.a, tc.lang), unigrams(tc.b, tc.lang)
		if same := strings.Join(a, " ") == strings.Join(b, " "); same != tc.same {
			t.Errorf("%s %v and %s %v: same %v, want %v", tc.a, a, tc.b, b, same, tc.same)
		}
	}
	// Without the options, Snowball's stems as they are.
	plain := NewAnalyzer(Options{Stem: true})
	if got := plain.Analyze("multiplicative multiple Poincaré", "english"); got[0].Term != got[1].Term || got[2].Term != "poincaré" {
		t.Errorf("plain analysis %v", got)
	}
}

// A short free-text query in French, with one stop word, is analysed in
// French when the library has French talks: the analysis in French finds
// more of its words.
func TestQueryLanguage(t *testing.T) {
	recs := []corpus.Record{
		{ID: "fr", Title: "Régularité des solutions des équations aux dérivées partielles elliptiques", Language: "french"},
		{ID: "fr2", Title: "Équations elliptiques non linéaires et problèmes aux limites", Language: "french"},
		{ID: "en", Title: "Regularity of solutions of elliptic partial differential equations", Language: "english"},
		{ID: "en2", Title: "Nonlinear elliptic equations and boundary value problems", Language: "english"},
		{ID: "en3", Title: "Sparse regression with the square-root lasso", Language: "english"},
	}
	sp := Build(recs, DefaultOptions(), DefaultWeighting())
	for _, tc := range []struct{ text, want string }{
		{"équations aux dérivées partielles elliptiques", "french"},
		{"equations aux derivees partielles elliptiques", "french"},
		{"elliptic partial differential equations", "english"},
		{"lasso", "english"},
		{"the regularity of the solutions of the equations", "english"},
		{"la régularité des solutions", "french"},
	} {
		if got := sp.Query(tc.text, "").Language; got != tc.want {
			t.Errorf("Query(%q) language %s, want %s", tc.text, got, tc.want)
		}
	}
	// A library in one language analyses unsure queries in it.
	en := Build(recs[2:], DefaultOptions(), DefaultWeighting())
	if got := en.Query("lasso carré", "").Language; got != "english" {
		t.Errorf("English library: %s", got)
	}
}
