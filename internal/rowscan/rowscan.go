package rowscan

// Above returns the least i ≥ from such that !(row[i] <= least) (so a NaN
// is above), or len(row) if there is none.
func Above(row []float32, least float32, from int) int {
	if from < 0 || from > len(row) {
		panic("rowscan: from out of range")
	}
	return above(row, least, from)
}

// Reach returns the least i ≥ from such that !(row[i] + q·dn[i] < lim),
// the product and the sum each rounded to float32 (never fused), and sets
// row[from:i] to zero; len(row), with row[from:] zeroed, if there is none.
// row[i] itself is left for the caller to read. dn is at least as long as
// row.
func Reach(row, dn []float32, q, lim float32, from int) int {
	if from < 0 || from > len(row) {
		panic("rowscan: from out of range")
	}
	dn = dn[:len(row)]
	return reach(row, dn, q, lim, from)
}

func aboveGeneric(row []float32, least float32, from int) int {
	for i := from; i < len(row); i++ {
		if !(row[i] <= least) {
			return i
		}
	}
	return len(row)
}

func reachGeneric(row, dn []float32, q, lim float32, from int) int {
	dn = dn[:len(row)]
	for i := from; i < len(row); i++ {
		// The conversion rounds the product, so that no compiler fuses it
		// with the sum: the assembly rounds both.
		if !(row[i]+float32(q*dn[i]) < lim) {
			return i
		}
		row[i] = 0
	}
	return len(row)
}
