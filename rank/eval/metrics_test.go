package eval

import (
	"math"
	"testing"
)

func TestRelevance(t *testing.T) {
	tests := []struct {
		a, b []string
		want int
	}{
		{[]string{"65K10"}, []string{"65K10"}, 3},
		{[]string{"65K10"}, []string{"65K05"}, 2},
		{[]string{"65K10"}, []string{"65N30"}, 1},
		{[]string{"65K10"}, []string{"90C25"}, 0},
		{[]string{"65K10", "90C25"}, []string{"49M37", "90C25"}, 3},
		{[]string{"65-02"}, []string{"65-01"}, 2},
		{nil, []string{"65K10"}, 0},
	}
	for _, tc := range tests {
		if got := Relevance(tc.a, tc.b); got != tc.want {
			t.Errorf("Relevance(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestListMetrics(t *testing.T) {
	// DCG = 3/log2(2) + 0/log2(3) + 1/log2(4) = 3.5
	// IDCG = 3 + 3/log2(3) + 1/2 = 5.392789...
	gains := []int{3, 0, 1}
	ideal := []int{1, 3, 3} // any order: NDCG sorts it
	if got := DCG(gains, 10); math.Abs(got-3.5) > 1e-12 {
		t.Errorf("DCG = %v, want 3.5", got)
	}
	want := 3.5 / (3 + 3/math.Log2(3) + 0.5)
	if got := NDCG(gains, ideal, 10); math.Abs(got-want) > 1e-12 {
		t.Errorf("NDCG = %v, want %v (0.649016)", got, want)
	}
	if got := NDCG(gains, ideal, 1); got != 1 {
		t.Errorf("NDCG@1 = %v, want 1", got)
	}
	if got := NDCG([]int{0}, nil, 10); got != 0 {
		t.Errorf("NDCG with nothing relevant = %v, want 0", got)
	}
	if got := PrecisionAt([]int{1, 0, 3}, 10); got != 0.2 {
		t.Errorf("P@10 = %v, want 0.2 (missing places are misses)", got)
	}
	if got := ReciprocalRank([]int{0, 0, 2}, 10); math.Abs(got-1.0/3) > 1e-12 {
		t.Errorf("RR = %v, want 1/3", got)
	}
	if got := ReciprocalRank([]int{0, 0, 2}, 2); got != 0 {
		t.Errorf("RR@2 = %v, want 0", got)
	}
}

func TestBootstrap(t *testing.T) {
	values := []float64{0, 1, 0.5, 0.25, 1, 0, 0.75}
	a := Bootstrap(values, 500, 42)
	b := Bootstrap(values, 500, 42)
	if a != b {
		t.Errorf("same seed, different intervals: %+v vs %+v", a, b)
	}
	if math.Abs(a.Mean-3.5/7) > 1e-12 || a.N != 7 {
		t.Errorf("mean %v n %d", a.Mean, a.N)
	}
	if !(a.Lo < a.Mean && a.Mean < a.Hi) || a.Lo < 0 || a.Hi > 1 {
		t.Errorf("interval %+v does not surround the mean within [0,1]", a)
	}
	if s := Bootstrap([]float64{0.3, 0.3, 0.3}, 100, 1); s.Lo != 0.3 || s.Hi != 0.3 {
		t.Errorf("constant values: %+v", s)
	}
	if s := Bootstrap(nil, 100, 1); s != (Stat{}) {
		t.Errorf("no values: %+v", s)
	}
}

func TestJudgeIdeal(t *testing.T) {
	j := newJudge([][]string{
		{"65K10"},          // 0: the query
		{"65K10", "90C25"}, // 1: 3
		{"65K05"},          // 2: 2
		{"65N30"},          // 3: 1
		{"35J20"},          // 4: 0
		{"65K10"},          // 5: 3
	})
	got := j.ideal([]string{"65K10"}, 0)
	want := []int{3, 3, 2, 1}
	if len(got) != len(want) {
		t.Fatalf("ideal = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ideal = %v, want %v", got, want)
		}
	}
}
