package corpus

import (
	"os"
	"strings"
	"testing"
)

var bibSample = []wantRecord{
	{
		ID: "aaronson:97:introduction", Line: 1, N: 1,
		Title:    "An introduction to infinite ergodic theory",
		Authors:  []string{"Aaronson, Jon"},
		Abstract: "",
		MSC:      []string{"28Dxx", "58F11", "58F17"}, Primary: "28Dxx", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       1997, Date: "", URL: "https://doi.org/10.1090/surv/050", Language: "",
		Problems: nil,
	},
	{
		ID: "abdesselam:07:complete", Line: 17, N: 2,
		Title:    "A complete renormalization group trajectory between two fixed points",
		Authors:  []string{"Abdesselam, Abdelmalek"},
		Abstract: "",
		MSC:      []string{"81T17", "81T08"}, Primary: "81T17", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       2007, Date: "", URL: "https://doi.org/10.1007/s00220-007-0352-x", Language: "",
		Problems: nil,
	},
	{
		ID: "abdulle.cohen.ea:12:high", Line: 35, N: 3,
		Title:    "High weak order methods for stochastic differential equations based on modified equations",
		Authors:  []string{"Abdulle, Assyr", "Cohen, David", "Vilmart, Gilles", "Zygalakis, Konstantinos C."},
		Abstract: "",
		MSC:      []string{"65C30", "60H35"}, Primary: "65C30", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       2012, Date: "", URL: "https://doi.org/10.1137/110846609", Language: "",
		Problems: nil,
	},
	{
		ID: "ablowitz.fokas:03:complex", Line: 54, N: 4,
		Title:    "Complex variables: introduction and applications",
		Authors:  []string{"Ablowitz, Mark J.", "Fokas, Athanassios S."},
		Abstract: "",
		MSC:      []string{"30-01"}, Primary: "30-01", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       2003, Date: "", URL: "https://doi.org/10.1017/CBO9780511791246", Language: "",
		Problems: nil,
	},
	{
		ID: "abraham.le-gall:94:sur", Line: 69, N: 5,
		Title:    "Sur la mesure de sortie du super mouvement brownien",
		Authors:  []string{"Abraham, Romain", "Le Gall, Jean-François"},
		Abstract: "",
		MSC:      []string{"60G57", "35J60", "60G17", "60H30"}, Primary: "60G57", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       1994, Date: "", URL: "https://doi.org/10.1007/BF01199025", Language: "",
		Problems: nil,
	},
	{
		ID: "abramowitz.stegun:64:handbook", Line: 86, N: 6,
		Title:    "Handbook of mathematical functions with formulas, graphs, and mathematical tables",
		Authors:  []string{"Abramowitz, Milton", "Stegun, Irene A."},
		Abstract: "",
		MSC:      nil, Primary: "", Raw: "33.00 (65.05)",
		Keywords:   nil,
		Categories: nil,
		Year:       1964, Date: "", URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=0167642", Language: "",
		Problems: []string{"not MSC codes, kept in msc_raw: [\"33.00\" \"65.05\"]"},
	},
	{
		ID: "abramowitz.stegun:66:handbook", Line: 101, N: 7,
		Title:    "Handbook of mathematical functions, with formulas, graphs and mathematical tables",
		Authors:  []string{"Abramowitz, Milton", "Stegun, Irene A."},
		Abstract: "",
		MSC:      nil, Primary: "", Raw: "65.05 (00.20)",
		Keywords:   nil,
		Categories: nil,
		Year:       1966, Date: "", URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=208798", Language: "",
		Problems: []string{"not MSC codes, kept in msc_raw: [\"65.05\" \"00.20\"]"},
	},
	{
		ID: "abramowitz:65:handbook", Line: 117, N: 8,
		Title:    "Handbook of mathematical functions, with formulas, graphs, and mathematical tables",
		Authors:  []string{"Abramowitz, Milton"},
		Abstract: "",
		MSC:      nil, Primary: "", Raw: "33.00",
		Keywords:   nil,
		Categories: nil,
		Year:       1965, Date: "", URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=0177136", Language: "",
		Problems: []string{"not MSC codes, kept in msc_raw: [\"33.00\"]"},
	},
	{
		ID: "abu-shammala.torchinsky:07:hardy-lorentz", Line: 131, N: 9,
		Title:    "The Hardy-Lorentz spaces $H^{p,q}(\\Bbb R^n)$",
		Authors:  []string{"Abu-Shammala, Wael", "Torchinsky, Alberto"},
		Abstract: "",
		MSC:      []string{"46E30", "42B30", "42B35"}, Primary: "46E30", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       2007, Date: "", URL: "https://doi.org/10.4064/sm182-3-7", Language: "",
		Problems: nil,
	},
	{
		ID: "acosta.chen:98:moderate", Line: 148, N: 10,
		Title:    "Moderate deviations for empirical measures of Markov chains: upper bounds",
		Authors:  []string{"de Acosta, A.", "Chen, Xia"},
		Abstract: "",
		MSC:      []string{"60F10", "60J10"}, Primary: "60F10", Raw: "",
		Keywords:   nil,
		Categories: nil,
		Year:       1998, Date: "", URL: "https://doi.org/10.1023/A:1022673000778", Language: "",
		Problems: nil,
	},
}

func TestBibTeXSample(t *testing.T) {
	recs, bad := openAll(t, "testdata/mathscinet_bibtex_mrclass_sample.bib", FormatBibTeX)
	if len(bad) > 0 {
		t.Errorf("record errors: %v", bad)
	}
	checkRecords(t, "testdata/mathscinet_bibtex_mrclass_sample.bib", recs, bibSample)
}

func TestLatexToUnicode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Jean-Fran\c{c}ois`, "Jean-François"},
		{`{\'e}t{\'e}`, "été"},
		{`\'{E}cole`, "École"},
		{`G\"odel and G{\"o}del and G\"{o}del`, "Gödel and Gödel and Gödel"},
		{`Stra{\ss}e, {\o}re, \AA{}ngstr\"om, {\L}ukasiewicz`, "Straße, øre, Ångström, Łukasiewicz"},
		{`Erd\H{o}s and Erd{\H o}s`, "Erdős and Erdős"},
		{`\v{S}ime\v{c}ek`, "Šimeček"},
		{`Mat\'{\i}as and Mat\'\i as`, "Matías and Matías"},
		{`na\"{\i}ve`, "naïve"},
		{`The {H}ardy-{L}orentz spaces {$H^{p,q}(\Bbb R^n)$}`, "The Hardy-Lorentz spaces $H^{p,q}(\\Bbb R^n)$"},
		{"A complete renormalization group trajectory between two\n\t\t  fixed points", "A complete renormalization group trajectory between two fixed points"},
		{`Tommi\ P.\ Sottinen`, "Tommi P. Sottinen"},
		{`\emph{Brownian} motion \& \textbf{noise}, 50\%`, "Brownian motion & noise, 50%"},
		{`Smith~J.`, "Smith J."},
		{`an \unknown{macro} \mathbb{R}`, `an \unknown{macro} \mathbb{R}`},
		{`\(x_{n}\) and $$y$$`, `\(x_{n}\) and $$y$$`},
		{`unclosed $math {x}`, `unclosed $math {x}`},
		{`trailing \`, `trailing \`},
		{`\'`, "\u0301"},
		// MathSciNet's own macros.
		{`Gel{\cprime}fand and Gel\cprime fand`, "Gelfand and Gelfand"},
		{`M\polhk aczy\'nski and \polhk{e}`, "Mączyński and ę"},
		{`{\cyr Funktsional\cprime nye prostranstva}`, "Funktsionalnye prostranstva"},
		{`\Dbar okovi\'c and \dbar`, "Đoković and đ"},
		{`Nguy\cfac en and \cftil{a} and \cfudot a`, "Nguyến and ẫ and ậ"},
	} {
		if got := latexToUnicode(tc.in); got != tc.want {
			t.Errorf("latexToUnicode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// @string macros, @comment, @preamble, quoted values, concatenation,
// keywords, abstract, an entry without key, and malformed entries with the
// reading resumed after them.
func TestBibTeXSyntax(t *testing.T) {
	in := `This file was written by hand, by me@example.org; a stray @ sign here is text.
@comment{ anything {at all} }
@preamble{ "\newcommand{\noop}[1]{}" }
@String{ spa = "Stochastic Process. Appl." }
@string(pre = {Pre})

@article{good1,
  author = "M{\"u}ller, J{\"o}rg and {Barnes and Noble}",
  title = pre # "-Lie " # {algebras},
  journal = spa,
  year = 2001,
  month = mar,
  mrclass = {17B99},
  keywords = {Lie algebra; deformation},
  abstract = {We study {\em pre}-Lie algebras $\mathfrak{g}$.},
  mrnumber = {MR1834567 (2002b:17001)},
}

@Article{broken1,
  title = {Unbalanced {brace},
  year = {2003}

@Book{good2,
  title = {After the broken one},
  mrnumber = {1234567},
  mrclass = {60H15 (35R60 93E20)},
}
@misc{, title = {No key}, mrnumber = {7654321}, language = {French}}
@misc{badfield, title = {T} year = {2004}}
@misc{undef, journal = nosuchmacro, title = {U}}
@inproceedings oops no brace
@article{last, title={Last}}
`
	dec, err := NewDecoder(strings.NewReader(in), "refs.bib", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	recs, bad := decodeAllRecords(t, dec)
	checkRecords(t, "refs.bib", recs, []wantRecord{
		{
			ID: "good1", Line: 7, N: 1,
			Title:    "Pre-Lie algebras",
			Authors:  []string{"Müller, Jörg", "Barnes and Noble"},
			Abstract: "We study pre-Lie algebras $\\mathfrak{g}$.",
			MSC:      []string{"17B99"}, Primary: "17B99",
			Keywords: []string{"Lie algebra", "deformation"},
			Year:     2001, URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=1834567",
		},
		{
			ID: "good2", Line: 23, N: 3,
			Title: "After the broken one",
			MSC:   []string{"60H15", "35R60", "93E20"}, Primary: "60H15",
			URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=1234567",
		},
		{
			ID: "MR7654321", Line: 28, N: 4,
			Title: "No key", Language: "french",
			URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=7654321",
		},
		{
			ID: "undef", Line: 30, N: 6,
			Title:    "U",
			Problems: []string{`field "journal": unknown @string macro "nosuchmacro", read as empty`},
		},
		{ID: "last", Line: 32, N: 8, Title: "Last"},
	})
	want := []string{
		`refs.bib:19 (record 2): id "broken1": malformed BibTeX entry: not closed before the next entry on line 23 (unbalanced braces)`,
		`refs.bib:29 (record 5): id "badfield": malformed BibTeX entry: expected ',' after field "title", found "year = {2004}"`,
		`refs.bib:31 (record 7): malformed BibTeX entry: no '{' after @inproceedings`,
	}
	if len(bad) != len(want) {
		t.Fatalf("record errors %v, want %d", bad, len(want))
	}
	for i, w := range want {
		if got := bad[i].Error(); got != w {
			t.Errorf("record error %d:\n got %s\nwant %s", i+1, got, w)
		}
	}
}

func TestBibTeXUnclosedAtEnd(t *testing.T) {
	dec, _ := NewDecoder(strings.NewReader("@article{a, title={T}}\n@article{b, title={open"), "end.bib", FormatBibTeX)
	recs, bad := decodeAllRecords(t, dec)
	if len(recs) != 1 || len(bad) != 1 || bad[0].Error() != `end.bib:2 (record 2): id "b": malformed BibTeX entry: not closed before the end of the input (unbalanced braces)` {
		t.Errorf("records %v, errors %v", recs, bad)
	}
}

func FuzzBibTeX(f *testing.F) {
	data, err := os.ReadFile("testdata/mathscinet_bibtex_mrclass_sample.bib")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	if data, err = os.ReadFile("testdata/bib_real.bib"); err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`@string{a = "x" # {y}} @comment{z} @article{k, author = {A and {B and C}}, title = a # " {\"o}\c{c}\'\i\ss", mrclass = {60H15 (35R60)}, year = jan}`))
	f.Add([]byte("@misc(k, title = \"{\\v\"} x\")\n@book{\n@x{,}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, FormatBibTeX, data)
	})
}
