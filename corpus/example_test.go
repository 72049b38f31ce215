package corpus_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/related/related/corpus"
)

func ExampleParseCodes() {
	for _, s := range []string{
		"65K10 ; 65K05",
		"Primary 11F11, 11F33; Secondary 11F80",
		"60H15 (35R60 93E20)",
		"65kxx, 65-xx, 35.43",
	} {
		c := corpus.ParseCodes(s)
		fmt.Printf("%q primary=%q invalid=%q\n", c.Codes, c.Primary, c.Invalid)
	}
	fmt.Println(corpus.SharedDepth("65K10", "65K05"), corpus.SharedDepth("65K10", "65N30"), corpus.SharedDepth("65K10", "90C25"))
	// Output:
	// ["65K10" "65K05"] primary="" invalid=[]
	// ["11F11" "11F33" "11F80"] primary="11F11" invalid=[]
	// ["60H15" "35R60" "93E20"] primary="60H15" invalid=[]
	// ["65Kxx" "65-XX"] primary="" invalid=["35.43"]
	// 2 1 0
}

func ExampleNewDecoder() {
	input := `{"id": "a", "title": "Convex optimization", "msc": "Primary 65K10; Secondary 90C25"}
{"id": "b", "title": broken}
{"id": "c", "abstract": "Stochastic PDEs.", "msc": ["60H15", "35.43"], "authors": "Ann Smith and Bob Jones"}
{"id": "d", "title": ""}
`
	dec, err := corpus.NewDecoder(strings.NewReader(input), "talks.jsonl", corpus.FormatAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := corpus.NewCollector()
	for {
		r, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var bad *corpus.RecordError
		if errors.As(err, &bad) {
			fmt.Println("bad record:", bad)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		c.Add(r)
	}
	// c.ReadAll(dec) does the same loop, counting bad records as skipped.
	for _, r := range c.Records {
		fmt.Printf("%s %q %q %q\n", r.ID, r.DisplayTitle(20), r.MSC, r.Authors)
	}
	for _, w := range c.Report.Warnings {
		fmt.Println("warning:", w)
	}
	for _, s := range c.Report.Skipped {
		fmt.Println("skipped:", s)
	}
	if err := c.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// bad record: talks.jsonl:2 (record 2): malformed JSON: invalid character 'b' looking for beginning of value
	// a "Convex optimization" ["65K10" "90C25"] []
	// c "Stochastic PDEs." ["60H15"] ["Ann Smith" "Bob Jones"]
	// warning: talks.jsonl:3 (record 3): id "c": not MSC codes, kept in msc_raw: ["35.43"]
	// skipped: talks.jsonl:4 (record 4): id "d": no title and no abstract
}

func ExampleCollector_ReadAll() {
	dump := `Déposez votre fichier ici pour le déplacer vers cet enregistrement.
y
We study gradient methods for convex problems.
[-]
We study gradient ...
[+]
65K10 ; 65K05
Déposez votre fichier ici pour le déplacer vers cet enregistrement.
`
	dec, err := corpus.NewDecoder(strings.NewReader(dump), "talks.txt", corpus.FormatAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := corpus.NewCollector()
	if err := c.ReadAll(dec); err != nil {
		fmt.Println(err)
		return
	}
	r := c.Records[0]
	fmt.Println(r.ID == corpus.GeneratedID(&r), r.MSC)
	fmt.Println(c.Report.Summary())
	// Output:
	// true [65K10 65K05]
	// 2 records read: 1 indexed, 1 skipped (1 empty record)
}
