package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/related/related"
	"github.com/related/related/vectorize"
)

// queryCommand lists the records related to free text.
type queryCommand struct {
	base
	src  sourceFlags
	rank rankFlags
	msc  string
	lang string
}

func newQueryCommand(e *env) command {
	c := &queryCommand{}
	c.init(e, "query", `Lists the talks most related to free text: a draft abstract, a title, a few
words. TEXT is the text itself, or - to read it from standard input. With
--msc, the text's own codes count too (lambda sets how much).`)
	c.src.register(c.fs)
	c.rank.register(c.fs)
	c.fs.StringVar(&c.msc, "msc", "", "the text's MSC `codes`, in any usual form: \"65K10 ; 90C25\", \"Primary 65K10; Secondary 90C25\"")
	c.fs.StringVar(&c.lang, "lang", "", "the text's `language` ("+strings.Join(vectorize.Languages(), ", ")+");\ndefault: its stop words, else the library's language that knows most of its words")
	return c
}

func (c *queryCommand) Run(ctx context.Context, args []string) error {
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("query needs the text, or - to read it from standard input")
	}
	opts := related.QueryOptions{Language: c.lang}
	if opts.SearchOptions, err = c.rank.options(); err != nil {
		return err
	}
	if c.msc != "" {
		opts.MSC = []string{c.msc}
	}
	if err := opts.Validate(); err != nil {
		return err
	}
	if err := c.src.check(); err != nil {
		return err
	}
	text := strings.Join(pos, " ")
	if text == "-" {
		b, err := io.ReadAll(c.env.stdin)
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return usagef("the query text is empty")
	}
	eng, err := c.src.open(ctx, c.env)
	if err != nil {
		return err
	}
	res, err := eng.Query(ctx, text, opts)
	if err != nil {
		return err
	}
	return writeResults(c.env.stdout, eng, res, c.rank.json)
}
