//go:build !amd64

package rank

import "unsafe"

// prefetch does nothing where no instruction asks for memory without
// waiting for it (see prefetch_amd64.s).
func prefetch(p unsafe.Pointer) {}
