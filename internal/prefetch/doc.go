// Package prefetch asks for a cache line without waiting for it: where a
// loop knows an address a few iterations before it reads it (a document's
// bytes in rank's bounds, a word's slot in the analysis), the memory's
// latency then passes meanwhile. Go has no such intrinsic; on amd64 it is
// one instruction (PREFETCHT0), elsewhere nothing.
package prefetch
