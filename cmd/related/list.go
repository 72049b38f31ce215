package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// listCommand lists the records: a table, or JSON Lines.
type listCommand struct {
	base
	src    sourceFlags
	asJSON bool
}

func newListCommand(e *env) command {
	c := &listCommand{}
	c.init(e, "list", `Lists the talks of the corpus: id, MSC codes and title (or the first words
of the abstract). With --json, one JSON record per line (JSON Lines, the
record schema of the README).`)
	c.src.register(c.fs)
	c.fs.BoolVar(&c.asJSON, "json", false, "write the records as JSON Lines")
	return c
}

func (c *listCommand) Run(ctx context.Context, args []string) error {
	if err := c.parseFlags(args); err != nil {
		return err
	}
	if err := c.src.check(); err != nil {
		return err
	}
	eng, err := c.src.open(ctx, c.env)
	if err != nil {
		return err
	}
	if c.asJSON {
		enc := json.NewEncoder(c.env.stdout)
		for i := range eng.Len() {
			if err := enc.Encode(eng.RecordAt(i)); err != nil {
				return err
			}
		}
		return nil
	}
	tw := newTable(c.env.stdout)
	for i := range eng.Len() {
		r := eng.RecordAt(i)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, strings.Join(r.MSC, ";"), r.DisplayTitle(70))
	}
	return tw.Flush()
}
