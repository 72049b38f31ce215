package rowscan

//go:noescape
func above(row []float32, least float32, from int) int

//go:noescape
func reach(row, dn []float32, q, lim float32, from int) int
