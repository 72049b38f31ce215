// Package related recommends related mathematics talks and papers from
// their abstracts, MSC codes and references, and says why.
//
// An Engine is a library of records, analysed and indexed. Open reads it
// from files in any format package corpus reads (JSON Lines, CSV, OAI-PMH,
// BibTeX, zbMATH, arXiv .abs, the Kaggle arXiv snapshot, the talk dump),
// OpenIndex from an index file written by WriteIndex, New from records in
// memory; with no file, Open reads the talk corpus embedded in this
// package. Every way ends in the same builder, so that an engine answers
// the same whichever way it was made.
//
// Similar lists the records related to one of the library, Query those
// related to free text, with the text's own codes and language, and
// Suggest proposes MSC codes for a text from its nearest records. Lists
// are Results: each result with its score and the parts of it (the text
// cosine, the code and reference similarities), the words that carried
// the cosine, the codes and cited works shared, and the Blend that says
// how the parts were weighed. They are the JSON of `related similar
// --json`, `related query --json` and the HTTP API (Rounded gives the
// numbers as those print them).
//
// Parameters out of range are a *BadQueryError (errors.Is(err,
// ErrBadQuery)), an unknown id a *NotFoundError (ErrNotFound); a record
// that cannot be read is reported, not an error (Engine.Report), as
// package corpus describes.
package related
