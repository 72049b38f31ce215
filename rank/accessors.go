package rank

import "github.com/related/related/vectorize"

// Language is the language document doc was analysed in.
func (ix *Index) Language(doc int) string { return ix.Space.Languages[doc] }

// Vector is document doc's weighted vector, as Similar compares it.
func (ix *Index) Vector(doc int) vectorize.Vector { return ix.Space.Vectors[doc] }

// Analyze analyses a free text as the documents were and weighs it with
// the collection's statistics, ready to be a Query's Vector; lang ""
// decides the language from the text and the library.
func (ix *Index) Analyze(text, lang string) vectorize.Query { return ix.Space.Query(text, lang) }

// Tokens are the analysed words of a text, each with the term it is
// indexed as, in the order of the text: what highlighting marks.
func (ix *Index) Tokens(text, lang string) []vectorize.Token {
	return ix.Space.Analyzer.Analyze(text, lang)
}

// VocabularySize is the number of distinct terms (words and pairs).
func (ix *Index) VocabularySize() int { return ix.Space.Vocab.Len() }
