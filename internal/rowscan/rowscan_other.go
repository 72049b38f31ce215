//go:build !amd64

package rowscan

func above(row []float32, least float32, from int) int { return aboveGeneric(row, least, from) }

func reach(row, dn []float32, q, lim float32, from int) int {
	return reachGeneric(row, dn, q, lim, from)
}
