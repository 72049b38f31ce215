// Command gencorpus writes a synthetic corpus as JSON Lines, resampled
// from the real records of the shared data directory (see package synth),
// for measuring `related index` and `related export` at scale:
//
//	go run ./internal/cmd/gencorpus -n 100000 -o /tmp/synth100k.jsonl
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/related/related/internal/synth"
)

func main() {
	n := flag.Int("n", 100000, "number of records")
	seed := flag.Uint64("seed", 1, "random seed")
	data := flag.String("data", "", "shared data directory (default: found from the working directory)")
	out := flag.String("o", "-", "output file (- is standard output)")
	flag.Parse()
	dir := *data
	if dir == "" {
		dir = synth.DataDir()
	}
	if dir == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: no shared data directory (use -data)")
		os.Exit(1)
	}
	recs, err := synth.Records(dir, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	w := os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := synth.WriteJSONL(w, recs); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
