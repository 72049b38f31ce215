package corpus

import (
	"regexp"
	"strings"
)

// arXivAreas maps arXiv's mathematics categories (and the categories of
// other archives that arXiv cross-lists as mathematics) to the MSC areas
// their descriptions name (arxiv.org/category_taxonomy: "math.AP:
// Existence and uniqueness, boundary conditions, linear and non-linear
// operators, stability, soliton theory, integrable PDE's, conservation
// laws, qualitative dynamics" is MSC 35). Areas are written as MSC writes
// a whole area: "35-XX", or "46Lxx" where the category is one section of
// an area.
var arXivAreas = map[string][]string{
	"math.AC": {"13-XX"},
	"math.AG": {"14-XX"},
	"math.AP": {"35-XX"},
	"math.AT": {"55-XX"},
	"math.CA": {"26-XX", "33-XX", "34-XX", "40-XX", "41-XX", "42-XX", "44-XX"},
	"math.CO": {"05-XX"},
	"math.CT": {"18-XX"},
	"math.CV": {"30-XX", "32-XX"},
	"math.DG": {"53-XX"},
	"math.DS": {"37-XX"},
	"math.FA": {"46-XX", "47-XX"},
	"math.GM": {"00-XX"},
	"math.GN": {"54-XX"},
	"math.GR": {"20-XX"},
	"math.GT": {"57-XX"},
	"math.HO": {"01-XX", "97-XX"},
	"math.IT": {"94-XX"},
	"cs.IT":   {"94-XX"},
	"math.KT": {"19-XX"},
	"math.LO": {"03-XX"},
	"math.MG": {"51-XX", "52-XX"},
	"math.MP": {"81-XX", "82-XX"},
	"math-ph": {"81-XX", "82-XX"},
	"math.NA": {"65-XX"},
	"cs.NA":   {"65-XX"},
	"math.NT": {"11-XX"},
	"math.OA": {"46Lxx"},
	"math.OC": {"49-XX", "90-XX", "93-XX"},
	"math.PR": {"60-XX"},
	"math.QA": {"16Txx", "17Bxx", "81Rxx"},
	"math.RA": {"16-XX", "17-XX"},
	"math.RT": {"20Cxx", "22Exx", "17Bxx"},
	"math.SG": {"53Dxx"},
	"math.SP": {"47Axx", "35Pxx"},
	"math.ST": {"62-XX"},
	"stat.TH": {"62-XX"},
}

// CategoryAreas returns the MSC areas of arXiv categories, in the order
// of the categories (arXiv lists the primary first), without repeats:
// coarse codes for records that have categories but no MSC codes (about
// two fifths of arXiv's mathematics). Categories outside mathematics have
// none.
func CategoryAreas(categories []string) []string {
	var out []string
	for _, c := range categories {
		areas, ok := arXivAreas[c]
		if !ok {
			// "math.AP" written "math.ap" or with a version suffix.
			if i := strings.IndexByte(c, '.'); i > 0 && i+1 < len(c) {
				areas = arXivAreas[strings.ToLower(c[:i])+"."+strings.ToUpper(c[i+1:])]
			}
		}
		for _, a := range areas {
			dup := false
			for _, have := range out {
				if have == a {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, a)
			}
		}
	}
	return out
}

// arXivSubjects maps the subject names of arXiv's oai_dc records
// ("Mathematics - Combinatorics") to the categories the other arXiv
// readers give ("math.CO"), for the categories that have MSC areas.
var arXivSubjects = map[string]string{
	"Mathematics - Commutative Algebra":         "math.AC",
	"Mathematics - Algebraic Geometry":          "math.AG",
	"Mathematics - Analysis of PDEs":            "math.AP",
	"Mathematics - Algebraic Topology":          "math.AT",
	"Mathematics - Classical Analysis and ODEs": "math.CA",
	"Mathematics - Combinatorics":               "math.CO",
	"Mathematics - Category Theory":             "math.CT",
	"Mathematics - Complex Variables":           "math.CV",
	"Mathematics - Differential Geometry":       "math.DG",
	"Mathematics - Dynamical Systems":           "math.DS",
	"Mathematics - Functional Analysis":         "math.FA",
	"Mathematics - General Mathematics":         "math.GM",
	"Mathematics - General Topology":            "math.GN",
	"Mathematics - Group Theory":                "math.GR",
	"Mathematics - Geometric Topology":          "math.GT",
	"Mathematics - History and Overview":        "math.HO",
	"Mathematics - Information Theory":          "math.IT",
	"Mathematics - K-Theory and Homology":       "math.KT",
	"Mathematics - Logic":                       "math.LO",
	"Mathematics - Metric Geometry":             "math.MG",
	"Mathematics - Mathematical Physics":        "math.MP",
	"Mathematics - Numerical Analysis":          "math.NA",
	"Mathematics - Number Theory":               "math.NT",
	"Mathematics - Operator Algebras":           "math.OA",
	"Mathematics - Optimization and Control":    "math.OC",
	"Mathematics - Probability":                 "math.PR",
	"Mathematics - Quantum Algebra":             "math.QA",
	"Mathematics - Rings and Algebras":          "math.RA",
	"Mathematics - Representation Theory":       "math.RT",
	"Mathematics - Symplectic Geometry":         "math.SG",
	"Mathematics - Spectral Theory":             "math.SP",
	"Mathematics - Statistics Theory":           "math.ST",
	"Mathematical Physics":                      "math-ph",
	"Computer Science - Information Theory":     "cs.IT",
	"Computer Science - Numerical Analysis":     "cs.NA",
	"Statistics - Statistics Theory":            "stat.TH",
}

// arXivCategory is an arXiv category name: math.AP, hep-th, cs.NA.
var arXivCategory = regexp.MustCompile(`^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$`)
