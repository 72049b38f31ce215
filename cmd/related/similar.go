package main

import "context"

// similarCommand lists the records related to one of the library.
type similarCommand struct {
	base
	src  sourceFlags
	rank rankFlags
}

func newSimilarCommand(e *env) command {
	c := &similarCommand{}
	c.init(e, "similar", `Lists the talks most related to the talk ID, best first, with the score,
its text and code parts, the words that contributed most and the MSC codes
shared with the talk.`)
	c.src.register(c.fs)
	c.rank.register(c.fs)
	return c
}

func (c *similarCommand) Run(ctx context.Context, args []string) error {
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("similar takes one talk id")
	}
	opts, err := c.rank.options()
	if err != nil {
		return err
	}
	if err := c.src.check(); err != nil {
		return err
	}
	eng, err := c.src.open(ctx, c.env)
	if err != nil {
		return err
	}
	res, err := eng.Similar(ctx, pos[0], opts)
	if err != nil {
		return err
	}
	return writeResults(c.env.stdout, eng, res, c.rank.json)
}
