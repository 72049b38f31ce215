package vectorize

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/analysis.golden from the current analysis")

// goldenTexts are real titles and abstracts (from the development data:
// arXiv, zbMATH, MathSciNet BibTeX titles, the seed talks) whose every
// token is pinned in testdata/analysis.golden, so that a refactoring of
// the analysis cannot change a term unnoticed: the evaluation figures and
// every stored index depend on them.
var goldenTexts = []struct {
	name, lang, text string
}{
	// English prose: hyphenated words, a bound prefix ("non-Hilbertian"),
	// abbreviations, protected words.
	{"english talk", "", "Neural networks trained to minimize the logistic (a.k.a. cross-entropy) loss with gradient-based methods are observed to perform well in many supervised classification tasks. Towards understanding this phenomenon, we analyze the training and generalization behavior of infinitely wide two-layer neural networks with homogeneous activations. We show that the limits of the gradient flow on exponentially tailed losses can be fully characterized as a max-margin classifier in a certain non-Hilbertian space of functions."},
	{"english talk with accents", "", "We are interested in nonsmooth analysis of backpropagation as implemented in modern machine learning librairies, such as Tensorflow or Pytorch. First I will illustrate how blind application of\ndifferential calculus to nonsmooth objects can be problematic, requiring a proper mathematical model.\nThen I will introduce a weak notion of generalized derivative, named conservativity, and illustrate how it complies with calculus and optimization for well structured objects. We provide stability results for empirical risk minimization similar as in the smooth setting for the combination of nonsmooth automatic differentiation, minibatch stochastic approximation and first order optimization. This is joint work with Jérôme Bolte."},
	// LaTeX: inline math, \(...\), \textit, set braces, \H accent.
	{"latex arXiv", "", `Let $x\geqslant 3$, for $1\leqslant n \leqslant x$ an integer, let $\omega(n)$ be its number of distinct prime factors. We show that, among the values $n\leqslant x$ with $\omega(n)=k$ where $1\leqslant k \ll \log_2 x$, $\omega(n-1)$ satisfies an Erd\H{o}s-Kac type theorem around $2\log_2 x$, so in large deviation regime, when weighted by $2^{\omega(n-1)}$. This sharpens a result of Gorodetsky and Grimmelt with a quantitative and quasi-optimal error term. The proof of the main theorem is based on the characteristic function method and uses recent progress on Titchmarsh's divisor problem.`},
	{"latex arXiv sets", "english", `Let $\mathcal{A}$ be a finite set of positive integers and $y\geq 1$. We give an effective lower bound of the cardinality of the set $\{n\in\mathcal{A};\,p|n\Longrightarrow p\leq y\}$ under the condition of a good knowledge of the level of distribution of the set $\mathcal{A}$. Some consequences are studied: an application to the friable values of irreducible polynomials or binary forms with integer coefficients, and an application to shifted friable numbers.`},
	{"latex zbMATH", "english", "This paper is a gentle introduction to \\textit{P. Deligne} [``Les constantes des équations fonctionnelles des fonctions \\(L\\)'', in: Modular Functions of One Variable, II, Proc. Int. Summer School, Univ. Antwerp 1972, Lect. Notes Math. 349, 501-597 (1993; Zbl 0271.14011)]. The first part is devoted to the general formalism. After defining the Weil-Deligne group of a non-archimedean local field \\(K\\) and considering its (complex) representations, the author discusses in turn the \\(L\\)-factor, conductor, \\(\\varepsilon\\)-factor, and root number. He also indicates the connection between such representations and the \\(\\ell\\)-adic Galois representations arising from the étale cohomology of varieties over \\(K\\). In the second part, this connection is pursued for the simplest non-trival example, that of elliptic curves. In this case, it is shown that the representation of the Weil-Deligne group arising from \\(\\ell\\)-adic cohomology is independent of \\(\\ell\\). Moreover, the various invariants (\\(L\\)-factor, conductor, etc.) are computed explicitly in terms of the reduction of \\(E\\). The author concludes with a brief discussion of the archimedean case and the global setting. For the entire collection see [Zbl 0788.00052]."},
	// French: MathSciNet titles as BibTeX writes them (LaTeX accents,
	// elisions), and arXiv titles in Unicode.
	{"french bibtex titles", "french", "Repr\\'esentation de martingales vectorielles de carr\\'e int\\'egrable \\`a valeurs dans des espaces de Hilbert r\\'eels s\\'eparables. \\'Equations aux d\\'eriv\\'ees partielles stochastiques de type monotone. Sur la presque p\\'eriodicit\\'e des solutions de l'\\'equation des ondes. II. Probabilit\\'es d'atteintes d'un ensemble dans les cha\\^ines de Markov. Sur la th\\'eorie semi-classique du potentiel pour les processus \\`a accroissements ind\\'ependants. Renormalisation et convergence en loi pour les temps locaux d'intersection du mouvement brownien dans $\\bf R^3$."},
	{"french arXiv titles", "", "Théorème d'Erdős-Kac dans un régime de grande déviation pour les translatés d'entiers ayant $k$ facteurs premiers. Dynamique analytique sur $\\mathbf{Z}$. I : Mesures d'équilibre sur une droite projective relative. Un crible minorant effectif pour les entiers friables. Une approche probabiliste de la théorie conforme des champs de Liouville."},
	// A language without a stemmer: tokens only.
	{"german zbMATH", "german", "Das Taschenbuch der Physik enthält eine Fülle von Tabellen, Daten und Material. Leider ist es selbst für einen Physikstudenten im Grundstudium nur sehr eingeschränkt geeignet. Dazu fehlen zum einen die einfachsten Ansätze und Methoden der theoretischen Physik wie z.B. in der Mechanik Lagrangefunktion, Hamiltonfunktion und Variationsprinzipien."},
	{"russian", "", "Мы доказываем единственность решений уравнения Навье–Стокса в пространствах Соболева."},
}

// goldenOptions are the option sets pinned: the defaults, and each
// option off in turn, so that every path through the chain is covered.
var goldenOptions = []struct {
	name string
	opts func(*Options)
}{
	{"default", func(*Options) {}},
	{"no latex", func(o *Options) { o.LaTeX = false }},
	{"no stop words", func(o *Options) { o.StopWords = false }},
	{"no stem", func(o *Options) { o.Stem = false }},
	{"no fold", func(o *Options) { o.FoldAccents = false }},
	{"no protect", func(o *Options) { o.ProtectWords = false }},
	{"no bigrams", func(o *Options) { o.Bigrams = false }},
}

// TestAnalysisGolden compares the language decided for, and the tokens
// (term and word) of, each golden text under each option set with
// testdata/analysis.golden. `go test ./vectorize -run Golden -update`
// rewrites the file; a change to it is a change to the index.
func TestAnalysisGolden(t *testing.T) {
	var b strings.Builder
	for _, o := range goldenOptions {
		opts := DefaultOptions()
		o.opts(&opts)
		an := NewAnalyzer(opts)
		for _, g := range goldenTexts {
			lang := an.Language(g.lang, g.text)
			fmt.Fprintf(&b, "## %s / %s: %s\n", o.name, g.name, lang)
			for _, tok := range an.Analyze(g.text, lang) {
				fmt.Fprintf(&b, "%s\t%s\n", tok.Term, tok.Word)
			}
		}
	}
	got := b.String()
	const path = "testdata/analysis.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	section := ""
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if strings.HasPrefix(w, "## ") {
			section = w
		}
		if g != w {
			t.Fatalf("analysis differs from %s at line %d (%s):\n got  %q\n want %q", path, i+1, section, g, w)
		}
	}
}
