//go:build unix

package indexfile

import (
	"os"
	"syscall"
)

// mapping is a file mapped read-only and shared: its pages are the page
// cache's, shared by every process that maps the file (server replicas on
// one host), read from disk when first touched and never copied.
type mapping struct {
	data []byte
}

// mapFile maps the first size bytes of f. A file that cannot be mapped
// (some network or virtual file systems) is read instead: nil.
func mapFile(f *os.File, size int64) *mapping {
	if size == 0 || int64(int(size)) != size {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return &mapping{data: data}
}

func (m *mapping) close() error {
	if m.data == nil {
		return nil
	}
	err := syscall.Munmap(m.data)
	m.data = nil
	return err
}
