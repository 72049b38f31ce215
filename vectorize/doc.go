// Package vectorize turns records into weighted term vectors.
//
// The analysis chain follows search engines' analyzers: character filters
// (Unicode NFKC, so ligatures and compatibility forms become plain letters;
// StripLaTeX, so formulas do not become vocabulary), a tokenizer (runs of
// letters and digits; apostrophes and hyphens split, which takes French
// elisions such as "l'" and "qu'" off their word), then token filters
// (lower-case; one-letter and all-digit tokens dropped; stop words of the
// text's language; Snowball stemming; optional bigrams of adjacent terms).
// A record's language is the one it declares, else the one its stop words
// point to (DetectLanguage), else English.
//
// Title, keywords and abstract all contribute, the title and keywords with
// weights (Options). Counts become weights with scikit-learn's TF-IDF
// formulas or with BM25 (Weighting); vectors are sparse, sorted by term
// id and L2-normalised, so that a dot product is a cosine.
package vectorize
