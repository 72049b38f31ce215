// Package rowscan finds, in a row of float32 partial scores as long as the
// collection, the few entries a bound lets through: the documents whose
// partial is above the least seed (Above), and those whose partial plus
// what their unread terms may add reaches a bar (Reach).
//
// rank's similar-by-id scans its row twice a list, and on 100,000
// documents the scans were a fifth of an export's time at two to three
// cycles a document: the loops' instructions, not the memory, bound
// them. On amd64 four documents are compared at once (SSE, which every
// amd64 processor has); elsewhere the same comparisons run one at a time.
// Both give the same answers, bit for bit (TestAgainstReference,
// FuzzScans). A row of 100,000 (`go test ./internal/rowscan -bench
// Scans`, 2 cores of an AMD EPYC): Above 9.1-14 µs against 40-43 µs, Reach
// 14 µs against 65-68 µs.
package rowscan
