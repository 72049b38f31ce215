package rowscan

//go:noescape
func aboveBlocks(row []float32, least float32, from int) int

//go:noescape
func reachBlocks(row, dn []float32, q, lim float32, from int) int
