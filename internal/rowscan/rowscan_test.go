package rowscan

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// specials are values whose comparisons a vector instruction could get
// wrong: NaN (unordered: above every least, reaching every bar), signed
// zeros, infinities, the least subnormal and the largest float32.
var specials = []float32{0, float32(math.Copysign(0, -1)), float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
	math.SmallestNonzeroFloat32, math.MaxFloat32, 1, 0.5, -0.25}

// checkAgainstReference runs Above and Reach from every start and
// compares them, and what Reach leaves in the row, with the loops one
// entry at a time.
func checkAgainstReference(t *testing.T, row, dn []float32, least, q, lim float32) {
	t.Helper()
	for from := 0; from <= len(row); from++ {
		if got, want := Above(row, least, from), aboveGeneric(row, least, from); got != want {
			t.Fatalf("Above(%v, %v, %d) = %d, want %d", row, least, from, got, want)
		}
		a, b := slices.Clone(row), slices.Clone(row)
		got, want := Reach(a, dn, q, lim, from), reachGeneric(b, dn, q, lim, from)
		if got != want {
			t.Fatalf("Reach(%v, %v, %v, %v, %d) = %d, want %d", row, dn, q, lim, from, got, want)
		}
		if !slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) }) {
			t.Fatalf("Reach(%v, %v, %v, %v, %d) left %v, want %v", row, dn, q, lim, from, a, b)
		}
	}
}

func TestAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		for range 20 {
			row, dn := make([]float32, n), make([]float32, n+r.IntN(3))
			for i := range row {
				switch r.IntN(4) {
				case 0:
					row[i] = specials[r.IntN(len(specials))]
				case 1: // most of a row is zero
				default:
					row[i] = r.Float32()
				}
			}
			for i := range dn {
				dn[i] = r.Float32()
				if r.IntN(8) == 0 {
					dn[i] = specials[r.IntN(len(specials))]
				}
			}
			least, q, lim := r.Float32(), r.Float32(), 0.5+r.Float32()
			if r.IntN(4) == 0 {
				least, q, lim = specials[r.IntN(len(specials))], specials[r.IntN(len(specials))], specials[r.IntN(len(specials))]
			}
			checkAgainstReference(t, row, dn, least, q, lim)
		}
	}
}

// TestReachRounding: a sum whose float32 rounding decides the comparison
// (1 + 2⁻²⁴ rounds to 1), each way, at every position of a block.
func TestReachRounding(t *testing.T) {
	for pos := range 11 {
		row, dn := make([]float32, 11), make([]float32, 11)
		row[pos], dn[pos] = 1, 0x1p-24
		if got := Reach(slices.Clone(row), dn, 1, math.Nextafter32(1, 2), 0); got != len(row) {
			t.Errorf("1 + 2⁻²⁴ at %d reaches the next float32 after 1: at %d", pos, got)
		}
		if got := Reach(slices.Clone(row), dn, 1, 1, 0); got != pos {
			t.Errorf("1 + 2⁻²⁴ at %d: Reach = %d", pos, got)
		}
		if got := Above(row, math.Nextafter32(1, 0), 0); got != pos {
			t.Errorf("1 at %d: Above = %d", pos, got)
		}
	}
}

// A start outside the row, or norms shorter than the row (which the
// assembly would read past), panic rather than read out of bounds.
func TestBadArgumentsPanic(t *testing.T) {
	row := make([]float32, 3)
	cases := map[string]func(){
		"Above from -1": func() { Above(row, 0, -1) },
		"Above from 4":  func() { Above(row, 0, 4) },
		"Reach from -1": func() { Reach(row, make([]float32, 3), 1, 1, -1) },
		"Reach from 4":  func() { Reach(row, make([]float32, 3), 1, 1, 4) },
		"Reach short":   func() { Reach(make([]float32, 12), make([]float32, 11), 1, 1, 0) },
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// FuzzScans compares the scans with the reference loops on rows made of
// the input's bytes.
func FuzzScans(f *testing.F) {
	f.Add([]byte{0, 0, 128, 63, 0, 0, 0, 0}, uint32(0x3f000000), uint32(0x3f000000), uint32(0x3f000000))
	f.Fuzz(func(t *testing.T, data []byte, least, q, lim uint32) {
		n := len(data) / 8
		row, dn := make([]float32, n), make([]float32, n)
		for i := range n {
			row[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[8*i:]))
			dn[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[8*i+4:]))
		}
		checkAgainstReference(t, row, dn, math.Float32frombits(least), math.Float32frombits(q), math.Float32frombits(lim))
	})
}

// BenchmarkScans scans a row of 100,000 partials with a bar that lets
// few through, as a related list's row: the assembly (on amd64) against
// the reference loops. Reach zeroes the row, so after the first run it
// scans zeros, as it does most of a real row.
func BenchmarkScans(b *testing.B) {
	const n = 100_000
	r := rand.New(rand.NewPCG(5, 6))
	row, dn := make([]float32, n), make([]float32, n)
	for i := range row {
		if r.IntN(4) == 0 {
			row[i] = r.Float32() * 0.1
		}
		dn[i] = r.Float32() * 0.5
	}
	work := slices.Clone(row)
	scans := []struct {
		name string
		next func(from int) int
	}{
		{"Above", func(from int) int { return Above(row, 0.099, from) }},
		{"aboveGeneric", func(from int) int { return aboveGeneric(row, 0.099, from) }},
		{"Reach", func(from int) int { return Reach(work, dn, 0.2, 0.19, from) }},
		{"reachGeneric", func(from int) int { return reachGeneric(work, dn, 0.2, 0.19, from) }},
	}
	for _, s := range scans {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				for i := s.next(0); i < n; i = s.next(i + 1) {
				}
			}
		})
	}
}
