package vectorize

import (
	"testing"

	"github.com/related/related/internal/synth"
)

// The analysis benchmarks run warm (the memo holds the words already),
// as in a build, where a few thousand words make most of any text; they
// should allocate only the bigrams' joined strings.

func benchmarkAppendTokens(b *testing.B, opts Options, name string) {
	var text, lang string
	for _, g := range goldenTexts {
		if g.name == name {
			text, lang = g.text, g.lang
		}
	}
	an := NewAnalyzer(opts)
	lang = an.Language(lang, text)
	toks := an.AppendTokens(nil, text, lang)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = an.AppendTokens(toks[:0], text, lang)
	}
}

func BenchmarkAppendTokens(b *testing.B) {
	noBigrams := DefaultOptions()
	noBigrams.Bigrams = false
	for _, bc := range []struct {
		name, text string
		opts       Options
	}{
		{"english", "english talk", DefaultOptions()},
		{"english-unigrams", "english talk", noBigrams},
		{"latex", "latex zbMATH", DefaultOptions()},
		{"french", "french bibtex titles", DefaultOptions()},
		{"russian", "russian", DefaultOptions()},
	} {
		b.Run(bc.name, func(b *testing.B) { benchmarkAppendTokens(b, bc.opts, bc.text) })
	}
}

func BenchmarkLanguage(b *testing.B) {
	an := NewAnalyzer(DefaultOptions())
	text := goldenTexts[0].text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		an.Language("", text)
	}
}

func BenchmarkStripLaTeX(b *testing.B) {
	text := goldenTexts[4].text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		StripLaTeX(text)
	}
}

// BenchmarkAnalyseRecord is the analysis of a build: each record's
// language decided (detection for those that declare none), its fields
// analysed and reduced to term counts, with a warm memo.
func BenchmarkAnalyseRecord(b *testing.B) {
	recs := goldenRecords()
	s := &Space{Analyzer: NewAnalyzer(DefaultOptions()), Vocab: NewVocabulary()}
	var g termGrouper
	size := 0
	for i := range recs {
		s.analyseRecord(&recs[i], &g)
		size += len(recs[i].Title) + len(recs[i].Abstract)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i := range recs {
			s.analyseRecord(&recs[i], &g)
		}
	}
}

// BenchmarkAddRecords is the analysis and merge of a build, from a cold
// analyzer: 20,000 records made by the generator from the shared data.
//
//	go test ./vectorize -run '^$' -bench AddRecords -benchmem
func BenchmarkAddRecords(b *testing.B) {
	dir := synth.DataDir()
	if dir == "" {
		b.Skip("no shared data directory (../shared/data)")
	}
	recs, err := synth.Records(dir, 20000, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s := &Space{Analyzer: NewAnalyzer(DefaultOptions()), Vocab: NewVocabulary()}
		s.AddRecords(recs)
	}
}
