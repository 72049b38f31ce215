// Package related holds what the whole module shares: the talk corpus
// embedded in the binary, used when no corpus is given.
package related

import _ "embed"

// EmbeddedCorpusName labels the embedded corpus in messages.
const EmbeddedCorpusName = "embedded:testdata/talks.txt"

// EmbeddedCorpus is the talk library dump in testdata/talks.txt (five
// talks and one empty record), in the talk dump format.
//
//go:embed testdata/talks.txt
var EmbeddedCorpus []byte
