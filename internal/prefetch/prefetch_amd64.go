package prefetch

import "unsafe"

// Line asks for the cache line of p.
//
//go:noescape
func Line(p unsafe.Pointer)
