package vectorize

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

type sklearnReference struct {
	Documents [][]string `json:"documents"`
	Cases     []struct {
		SmoothIDF   bool                 `json:"smooth_idf"`
		SublinearTF bool                 `json:"sublinear_tf"`
		IDF         map[string]float64   `json:"idf"`
		Weights     []map[string]float64 `json:"weights"`
		Cosine      [][]float64          `json:"cosine"`
	} `json:"cases"`
}

// TestTFIDFMatchesScikitLearn checks idf, every weight and every cosine
// against scikit-learn 1.2.1 (testdata/sklearn_tfidf.json), in the four
// combinations of smooth idf and sublinear tf, to 1e-9.
func TestTFIDFMatchesScikitLearn(t *testing.T) {
	data, err := os.ReadFile("../testdata/sklearn_tfidf.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref sklearnReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) != 4 {
		t.Fatalf("reference has %d cases, want 4", len(ref.Cases))
	}
	const tol = 1e-9
	for _, c := range ref.Cases {
		t.Run(fmt.Sprintf("smooth=%v,sublinear=%v", c.SmoothIDF, c.SublinearTF), func(t *testing.T) {
			w := Weighting{Scheme: TFIDF, SmoothIDF: c.SmoothIDF, SublinearTF: c.SublinearTF}
			vocab, model, vecs := FitTerms(ref.Documents, w)
			if vocab.Len() != len(c.IDF) {
				t.Fatalf("vocabulary has %d terms, reference %d", vocab.Len(), len(c.IDF))
			}
			for term, want := range c.IDF {
				id, ok := vocab.ID(term)
				if !ok {
					t.Fatalf("term %q missing", term)
				}
				if got := model.IDF[id]; math.Abs(got-want) > tol {
					t.Errorf("idf(%s) = %.12f, want %.12f", term, got, want)
				}
			}
			for d, want := range c.Weights {
				got := vecs[d]
				if len(got.Terms) != len(want) {
					t.Errorf("doc %d: %d weights, want %d", d, len(got.Terms), len(want))
				}
				for i, id := range got.Terms {
					term := vocab.Term(id)
					if math.Abs(got.Weights[i]-want[term]) > tol {
						t.Errorf("doc %d: w(%s) = %.12f, want %.12f", d, term, got.Weights[i], want[term])
					}
				}
			}
			for i := range vecs {
				for j := range vecs {
					if got := vecs[i].Dot(vecs[j]); math.Abs(got-c.Cosine[i][j]) > tol {
						t.Errorf("cos(%d,%d) = %.12f, want %.12f", i, j, got, c.Cosine[i][j])
					}
				}
			}
		})
	}
}
