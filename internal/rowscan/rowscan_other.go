//go:build !amd64

package rowscan

// Without the assembly, the loops of rowscan.go scan from the start.

func aboveBlocks(row []float32, least float32, from int) int { return from }

func reachBlocks(row, dn []float32, q, lim float32, from int) int { return from }
