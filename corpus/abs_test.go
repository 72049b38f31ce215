package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The five real .abs files, read as a directory tree (sorted by path).
var absSample = []wantRecord{
	{
		ID: "arXiv:0704.0002", Line: 1, N: 1,
		Title:    "Sparsity-certifying Graph Decompositions",
		Authors:  []string{"Ileana Streinu", "Louis Theran"},
		Abstract: "We describe a new algorithm, the $(k,\\ell)$-pebble game with colors, and use it obtain a characterization of the family of $(k,\\ell)$-sparse graphs and algorithmic solutions to a family of problems concerning tree decompositions of graphs. Special instances of sparse graphs appear in rigidity theory and have received increased attention in recent years. In particular, our colored pebbles generalize and strengthen the previous results of Lee and Streinu and give a new proof of the Tutte-Nash-Williams characterization of arboricity. We also present a new decomposition that certifies sparsity based on the $(k,\\ell)$-pebble game with colors. Our work also exposes connections between pebble game algorithms and previous sparse graph algorithms by Gabow, Gabow and Westermann and Hendrickson.",
		MSC:      []string{"05C85", "05C70", "68R10", "05B35"}, Primary: "", Raw: "",
		Keywords:   nil,
		Categories: []string{"math.CO", "cs.CG"},
		Year:       2007, Date: "2007-03-31", URL: "https://arxiv.org/abs/0704.0002", Language: "",
		Problems: nil,
	},
	{
		ID: "arXiv:0704.0004", Line: 1, N: 1,
		Title:    "A determinant of Stirling cycle numbers counts unlabeled acyclic single-source automata",
		Authors:  []string{"David Callan"},
		Abstract: "We show that a determinant of Stirling cycle numbers counts unlabeled acyclic single-source automata. The proof involves a bijection from these automata to certain marked lattice paths and a sign-reversing involution to evaluate the determinant.",
		MSC:      []string{"05A15"}, Primary: "", Raw: "",
		Keywords:   nil,
		Categories: []string{"math.CO"},
		Year:       2007, Date: "2007-03-31", URL: "https://arxiv.org/abs/0704.0004", Language: "",
		Problems: nil,
	},
	{
		ID: "arXiv:0704.0026", Line: 1, N: 1,
		Title:    "Placeholder Substructures II: Meta-Fractals, Made of Box-Kites, Fill Infinite-Dimensional Skies",
		Authors:  []string{"Robert P. C. de Marrais"},
		Abstract: "Zero-divisors (ZDs) derived by Cayley-Dickson Process (CDP) from N-dimensional hypercomplex numbers (N a power of 2, at least 4) can represent singularities and, as N approaches infinite, fractals -- and thereby,scale-free networks. Any integer greater than 8 and not a power of 2 generates a meta-fractal or \"Sky\" when it is interpreted as the \"strut constant\" (S) of an ensemble of octahedral vertex figures called \"Box-Kites\" (the fundamental building blocks of ZDs). Remarkably simple bit-manipulation rules or \"recipes\" provide tools for transforming one fractal genus into others within the context of Wolfram's Class 4 complexity.",
		MSC:      []string{"17D99", "68Q80"}, Primary: "17D99", Raw: "",
		Keywords:   nil,
		Categories: []string{"math.RA"},
		Year:       2007, Date: "2007-03-31", URL: "https://arxiv.org/abs/0704.0026", Language: "",
		Problems: nil,
	},
	{
		ID: "arXiv:0704.0081", Line: 1, N: 1,
		Title:    "Quantum Deformations of Relativistic Symmetries",
		Authors:  []string{"V.N. Tolstoy"},
		Abstract: "We discussed quantum deformations of D=4 Lorentz and Poincare algebras. In the case of Poincare algebra it is shown that almost all classical r-matrices of S. Zakrzewski classification correspond to twisted deformations of Abelian and Jordanian types. A part of twists corresponding to the r-matrices of Zakrzewski classification are given in explicit form.",
		MSC:      []string{"81R50", "17B37"}, Primary: "81R50", Raw: "",
		Keywords:   nil,
		Categories: []string{"math.QA", "hep-th", "math-ph", "math.MP", "math.RT"},
		Year:       2007, Date: "2007-04-02", URL: "https://arxiv.org/abs/0704.0081", Language: "",
		Problems: nil,
	},
	{
		ID: "arXiv:math/0202001", Line: 1, N: 1,
		Title:    "From fractal groups to fractal sets",
		Authors:  []string{"Laurent Bartholdi", "Rostislav I. Grigorchuk", "Volodymyr V. Nekrashevych"},
		Abstract: "This paper is a survey, with few proofs, of ideas and notions related to self-similarity of groups, semi-groups and their actions. It attempts to relate these concepts to more familiar ones, such as fractals, self-similar sets, and renormalizable dynamical systems. In particular, it presents a plausible definition of what a \"fractal group\" should be, and gives many examples of such groups. A particularly interesting class of examples, derived from monodromy groups of iterated branch coverings, or equivalently from Galois groups of iterated polynomials, is presented. This class contains interesting groups from an algebraic point of view (just-non-solvable groups, groups of intermediate growth, branch groups,...), and at the same time the geometry of the group is apparent in that a limit of the group identifies naturally with the Julia set of the covering map. In its survey, the paper discusses finite-state transducers, growth of groups and languages, limit spaces of groups, hyperbolic spaces and groups, dynamical systems, Hecke-type operators, C^*-algebras, random matrices, ergodic theorems and entropy of non-commuting transformations. Self-similar groups appear then as a natural weaving thread through these seemingly different topics.",
		MSC:      []string{"20E08", "37B10", "28A80"}, Primary: "", Raw: "",
		Keywords:   nil,
		Categories: []string{"math.GR", "math.DS"},
		Year:       2002, Date: "2002-02-01", URL: "https://arxiv.org/abs/math/0202001", Language: "",
		Problems: nil,
	},
}

func TestAbsDirectory(t *testing.T) {
	f, err := Open("testdata/abs", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, bad := decodeAllRecords(t, f)
	if len(bad) > 0 {
		t.Errorf("record errors: %v", bad)
	}
	if len(recs) != len(absSample) {
		t.Fatalf("%d records, want %d", len(recs), len(absSample))
	}
	// Each record names its own file.
	files := []string{"arxiv_0704.0002.abs", "arxiv_0704.0004.abs", "arxiv_0704.0026.abs", "arxiv_0704.0081.abs", "math_0202001.abs"}
	for i, r := range recs {
		checkRecords(t, filepath.Join("testdata/abs", files[i]), []Record{r}, absSample[i:i+1])
	}
}

func TestAbsSingleFile(t *testing.T) {
	recs, bad := openAll(t, "testdata/abs/arxiv_0704.0026.abs", FormatAbs)
	if len(bad) > 0 {
		t.Errorf("record errors: %v", bad)
	}
	checkRecords(t, "testdata/abs/arxiv_0704.0026.abs", recs, absSample[2:3])
}

// Several records in one stream (cat *.abs), stray text, a record cut
// short, an old "Paper:" header.
func TestAbsConcatenatedAndMalformed(t *testing.T) {
	var all strings.Builder
	for _, name := range []string{"arxiv_0704.0002.abs", "arxiv_0704.0004.abs"} {
		data, err := os.ReadFile(filepath.Join("testdata/abs", name))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	all.WriteString("stray text\n")
	all.WriteString("------------------------------------------------------------------------------\n\\\\\nPaper: hep-th/9901001\nTitle: An old one\nAuthors: A. Person\nMSC-class: 81T40 (Primary)\n\\\\\n  Abstract\n  here.\n\\\\\n")
	all.WriteString("------------------------------------------------------------------------------\n\\\\\narXiv:1234.5678\nTitle: Cut short\n")
	dec, err := NewDecoder(strings.NewReader(all.String()), "cat.abs", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	recs, bad := decodeAllRecords(t, dec)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	want0 := absSample[0]
	want0.Line, want0.N = 1, 1
	want1 := absSample[1]
	want1.Line, want1.N = 27, 2
	checkRecords(t, "cat.abs", recs, []wantRecord{want0, want1, {
		ID: "arXiv:hep-th/9901001", Line: 46, N: 4,
		Title: "An old one", Authors: []string{"A. Person"}, Abstract: "Abstract here.",
		MSC: []string{"81T40"}, Primary: "81T40", URL: "https://arxiv.org/abs/hep-th/9901001",
	}})
	if len(bad) != 2 {
		t.Fatalf("record errors %v, want 2", bad)
	}
	if got := bad[0].Error(); got != "cat.abs:45 (record 3): 1 line(s) of text outside any .abs record" {
		t.Errorf("stray text: %s", got)
	}
	if got := bad[1].Error(); got != `cat.abs:56 (record 5): id "arXiv:1234.5678": malformed .abs record: no "\\" line after the header` {
		t.Errorf("cut short: %s", got)
	}
}

func TestAbsDirectoryErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, FormatAuto); err == nil || !strings.Contains(err.Error(), "no .abs files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := Open("testdata/abs", FormatJSONL); err == nil {
		t.Errorf("directory as jsonl: no error")
	}
}

func FuzzAbs(f *testing.F) {
	paths, _ := filepath.Glob("testdata/abs*/*.abs")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("x\n\\\\\nPaper: a/1\nTitle: T\n  more\n\\\\\n\\\\\n-----------\n\\\\\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, FormatAbs, data)
	})
}
