package related

import _ "embed"

// EmbeddedCorpusName labels the embedded corpus in messages.
const EmbeddedCorpusName = "embedded:testdata/talks.txt"

// EmbeddedCorpus is the talk library dump in testdata/talks.txt (five
// talks and one empty record), in the talk dump format: what Open reads
// when given no file.
//
//go:embed testdata/talks.txt
var EmbeddedCorpus []byte
