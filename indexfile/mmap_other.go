//go:build !unix

package indexfile

import "os"

// mapping is not available here: files are read into memory.
type mapping struct {
	data []byte
}

func mapFile(f *os.File, size int64) *mapping { return nil }

func (m *mapping) close() error { return nil }
