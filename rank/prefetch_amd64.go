package rank

import "unsafe"

//go:noescape
func prefetch(p unsafe.Pointer)
