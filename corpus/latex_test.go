package corpus

import "testing"

// A MathSciNet title and author list as BibTeX writes them: accents,
// MathSciNet macros, math kept as written.
const benchLaTeXField = `Sur la th\'eorie semi-classique du potentiel pour les processus \` + "`" + `a accroissements ind\'ependants; M\polhk aczy\'nski, Gel{\cprime}fand, \Dbar okovi\'c, Erd\H{o}s and {\"U}ber die $L^p$-Absch\"atzungen von \emph{Schr\"odinger}-Operatoren`

func BenchmarkLatexToUnicode(b *testing.B) {
	b.SetBytes(int64(len(benchLaTeXField)))
	b.ReportAllocs()
	for b.Loop() {
		latexToUnicode(benchLaTeXField)
	}
}
