// Package vectorize turns records into weighted term vectors.
//
// The analysis chain follows search engines' analyzers (bleve's, bluge's):
// a sequence of small stages, each a type with its own test, composed per
// language from the Options (newChain). Character filters rewrite the text
// (nfkcFilter: Unicode NFKC, so ligatures and compatibility forms become
// plain letters; latexFilter: StripLaTeX, so formulas do not become
// vocabulary; prefixFilter: "non-smooth" joined as "nonsmooth"); the
// tokenizer cuts it into runs of letters and digits (apostrophes and
// hyphens split, which takes French elisions such as "l'" and "qu'" off
// their word; punctuation leaves a gap no bigram crosses); token filters
// then lower-case each word and pass it through the word filters of its
// language (shortFilter: one-letter and all-digit tokens dropped;
// stopFilter; protectFilter: mathematical words kept apart from the stems
// Snowball would merge them into; foldFilter: accents; stemFilter:
// Snowball), and bigramFilter adds pairs of adjacent terms. The word
// filters depend on nothing but the word, so they run once per distinct
// word and language, and their outcome is remembered.
//
// A record's language is the one it declares, else the one its stop words
// point to (DetectLanguage), else English. A record is analysed in one
// session, in which each distinct word is looked up once for detection
// and analysis together, and tokens come out as its distinct (term, word)
// forms, ready to be counted.
//
// Title, keywords and abstract all contribute, the title and keywords with
// weights (Options). Counts become weights with scikit-learn's TF-IDF
// formulas or with BM25 (Weighting); vectors are sparse, sorted by term
// id and L2-normalised, so that a dot product is a cosine.
package vectorize
