//go:build !amd64

package prefetch

import "unsafe"

// Line does nothing where no instruction asks for memory without
// waiting for it (see prefetch_amd64.s).
func Line(p unsafe.Pointer) {}
