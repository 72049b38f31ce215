package rowscan

// Above returns the least i ≥ from such that !(row[i] <= least) (so a NaN
// is above), or len(row) if there is none.
func Above(row []float32, least float32, from int) int {
	if from < 0 || from > len(row) {
		panic("rowscan: from out of range")
	}
	return aboveGeneric(row, least, aboveBlocks(row, least, from))
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
	return reachGeneric(row, dn, q, lim, reachBlocks(row, dn, q, lim, from))
}

// aboveBlocks and reachBlocks (rowscan_amd64.s) skip, eight entries at a
// time, the entries before the first eight that hold what the scan looks
// for (reachBlocks zeroing them), and return where they stopped: there,
// or where fewer than eight are left. The loops below finish the scan.

// aboveGeneric is Above one entry at a time.
func aboveGeneric(row []float32, least float32, from int) int {
	for i := from; i < len(row); i++ {
		if !(row[i] <= least) {
			return i
		}
	}
	return len(row)
}

// reachGeneric is Reach one entry at a time.
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
