package indexfile

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// Index files written by earlier versions, committed and never rewritten:
// every later version must load them and answer as they did. When the
// format or a feature version changes, add the file the new version
// writes (RELATED_WRITE_COMPAT=testdata/formatF.N.idx go test -run
// TestWriteCompat ./indexfile) beside the others, and list it below.
//
// They index testdata/compat.jsonl: the five talks of the seed dump, the
// twelve talks of the server's tests, 24 arXiv records (arXiv metadata,
// CC0; from ../shared/data/arxiv_testdata_records.jsonl) and four made-up
// notes with keywords, dates, URLs, identifiers, references and a French
// abstract, so that every stored field is exercised.
var compatFiles = []struct {
	path             string
	format, features int
}{
	{"testdata/format1.idx", 1, 0}, // written by related before the table of contents
	{"testdata/format2.1.idx", 2, 1},
}

type result struct {
	id, score string // score to 9 decimals: the last bits may differ where the compiler fuses multiply-adds
}

// compatAnswers are the answers of the index built from compat.jsonl by
// the version that wrote format1.idx, with rank.DefaultQuery.
var compatAnswers = []struct {
	similar, query string
	want           []result
	words          []string // the first result's explanation
}{
	{similar: "note-1", want: []result{
		{"arXiv:0704.0002", "0.547012658"},
		{"note-2", "0.470444279"},
		{"math-3", "0.179677631"},
		{"math-10", "0.173168266"},
		{"math-4", "0.169268997"},
		{"note-4", "0.152295014"},
		{"math-8", "0.137900267"},
		{"math-5", "0.135749827"},
		{"math-2", "0.134087013"},
		{"math-6", "0.130206040"},
	}},
	{similar: "math-3", want: []result{
		{"math-1", "0.514221875"},
		{"math-5", "0.490886084"},
		{"math-11", "0.443671406"},
		{"math-10", "0.417883743"},
		{"math-8", "0.408177409"},
		{"math-4", "0.406922595"},
		{"math-2", "0.404767257"},
		{"math-12", "0.237965702"},
		{"note-1", "0.209895525"},
		{"note-3", "0.187520311"},
	}},
	{similar: "talk-46c6396e5a", want: []result{
		{"talk-258f2deb7a", "0.163583246"},
		{"talk-e58efbfb4b", "0.085925803"},
		{"arXiv:0704.0022", "0.059235136"},
		{"arXiv:0704.0026", "0.052493408"},
		{"arXiv:0704.0013", "0.042349597"},
		{"arXiv:0704.0054", "0.042145443"},
		{"arXiv:0704.0002", "0.040669999"},
		{"arXiv:0704.0061", "0.039439971"},
		{"arXiv:0704.0049", "0.037542808"},
		{"arXiv:0704.0086", "0.035649019"},
	}},
	{query: "spectral gap of random walks on graphs", want: []result{
		{"math-2", "0.718721010"},
		{"math-9", "0.630597524"},
		{"note-4", "0.542073867"},
		{"math-1", "0.500031690"},
		{"math-8", "0.487667856"},
		{"math-3", "0.459900275"},
		{"math-6", "0.428890787"},
		{"math-5", "0.421295864"},
		{"math-10", "0.317721124"},
		{"math-4", "0.303253719"},
	}, words: []string{"walks", "random", "graphs", "random walks", "gap"}},
	{query: "marches aléatoires sur les graphes", want: []result{
		{"note-3", "0.752677101"},
		{"math-2", "0.193785215"},
		{"math-6", "0.185621802"},
		{"math-9", "0.164443025"},
		{"math-10", "0.128319608"},
		{"math-4", "0.120117711"},
		{"math-3", "0.120031116"},
		{"note-1", "0.108644272"},
		{"math-8", "0.107205339"},
		{"math-5", "0.102682006"},
	}, words: []string{"aléatoires", "marches", "les", "marches aléatoires", "les graphes"}},
	{query: "pebble game rigidity", want: []result{
		{"note-1", "0.722844271"},
		{"arXiv:0704.0002", "0.407208613"},
		{"note-2", "0.258092258"},
		{"math-10", "0.098789184"},
		{"math-3", "0.098789184"},
		{"math-4", "0.098789184"},
		{"math-1", "0.074091888"},
		{"math-11", "0.074091888"},
		{"math-2", "0.074091888"},
		{"math-5", "0.074091888"},
	}, words: []string{"game", "pebble", "rigidity", "pebble game"}},
}

func compatRecords(t testing.TB) []corpus.Record {
	t.Helper()
	recs, _, err := corpus.LoadFiles([]string{"testdata/compat.jsonl"}, corpus.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func checkCompatAnswers(t *testing.T, ix *rank.Index) {
	t.Helper()
	for _, c := range compatAnswers {
		var res []rank.Result
		var err error
		if c.similar != "" {
			d, ok := ix.Lookup(c.similar)
			if !ok {
				t.Fatalf("id %s not found", c.similar)
			}
			res, err = ix.Similar(d, rank.DefaultQuery())
		} else {
			q := rank.DefaultQuery()
			q.Vector = ix.Space.Query(c.query, "").Vector
			res, err = ix.Search(q)
		}
		if err != nil {
			t.Fatal(err)
		}
		got := make([]result, len(res))
		for i, r := range res {
			got[i] = result{r.ID, fmt.Sprintf("%.9f", r.Score)}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s%s:\n got %v\nwant %v", c.similar, c.query, got, c.want)
		}
		if c.words != nil {
			var words []string
			for _, m := range res[0].Terms {
				words = append(words, m.Word)
			}
			if !reflect.DeepEqual(words, c.words) {
				t.Errorf("%s: explained by %q, want %q", c.query, words, c.words)
			}
		}
	}
}

// TestBackwardsCompat loads every committed index file and checks its
// records and answers.
func TestBackwardsCompat(t *testing.T) {
	want := compatRecords(t)
	for _, c := range compatFiles {
		for _, opt := range []Options{{}, {Verify: true}, {InMemory: true}} {
			t.Run(fmt.Sprintf("%s/%+v", filepath.Base(c.path), opt), func(t *testing.T) {
				info, err := Stat(c.path)
				if err != nil {
					t.Fatal(err)
				}
				if info.Version != c.format || info.FeatureVersion != c.features || info.Docs != len(want) {
					t.Fatalf("Stat = %+v", info)
				}
				ix, err := Open(c.path, opt)
				if err != nil {
					t.Fatal(err)
				}
				defer Close(ix)
				for i := range want {
					got := ix.Record(i)
					w := want[i]
					w.Problems = nil
					if !reflect.DeepEqual(got, w) {
						t.Fatalf("record %d:\n got %+v\nwant %+v", i, got, w)
					}
				}
				checkCompatAnswers(t, ix)
				// The same answers as the index built from the records
				// today.
				sameAnswers(t, build(t, want), ix, []int{0, 5, 20, 41, 44})
				// Written by this version, it answers as it did.
				path := filepath.Join(t.TempDir(), "rewritten.idx")
				if err := Write(path, ix); err != nil {
					t.Fatal(err)
				}
				again, err := Open(path, opt)
				if err != nil {
					t.Fatal(err)
				}
				defer Close(again)
				checkCompatAnswers(t, again)
			})
		}
	}
}

// TestCompatCorpus checks the answers on the index built in memory, so
// that a change of ranking shows here first, not as a format problem.
func TestCompatCorpus(t *testing.T) {
	checkCompatAnswers(t, build(t, compatRecords(t)))
}

// TestWriteCompat writes the compatibility file of this version, when
// asked (see compatFiles).
func TestWriteCompat(t *testing.T) {
	path := os.Getenv("RELATED_WRITE_COMPAT")
	if path == "" {
		t.Skip("set RELATED_WRITE_COMPAT to the file to write")
	}
	if err := Write(path, build(t, compatRecords(t))); err != nil {
		t.Fatal(err)
	}
}
