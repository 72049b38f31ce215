package rank

import (
	"math/rand/v2"
	"testing"
)

// TestCompiledMSCSimilarity checks that the compiled similarity used in
// Search equals MSCSimilarity to the bit, on random code sets mixing all
// code shapes.
func TestCompiledMSCSimilarity(t *testing.T) {
	pool := []string{"65K10", "65K05", "65Kxx", "65N30", "65-XX", "65-02", "90C25", "90Cxx", "90-XX", "35R60", "60H15", "60Hxx", "bogus"}
	rng := rand.New(rand.NewPCG(1, 2))
	set := func() CodeSet {
		var c CodeSet
		for range rng.IntN(4) {
			c.Codes = append(c.Codes, pool[rng.IntN(len(pool))])
		}
		if len(c.Codes) > 0 && rng.IntN(2) == 0 {
			c.Primary = c.Codes[0]
		}
		return c
	}
	for range 20000 {
		a, b := set(), set()
		want := MSCSimilarity(a, b)
		if got := mscSimilarity(compileCodes(a), compileCodes(b)); got != want {
			t.Fatalf("msc(%v, %v) = %v, want %v", a, b, got, want)
		}
	}
}
