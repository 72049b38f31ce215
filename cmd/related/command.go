package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// A command is one subcommand, as litestream's are: a type holding its
// flags, Run to parse its arguments and do the work, Usage to describe
// it.
type command interface {
	Run(ctx context.Context, args []string) error
	Usage()
}

// base is what every command has: the outside world, its name and flags,
// and what it does (for Usage).
type base struct {
	env         *env
	name        string
	description string
	fs          *flag.FlagSet
}

// init sets the command up; its flags are registered on b.fs afterwards.
func (b *base) init(e *env, name, description string) {
	b.env, b.name, b.description = e, name, strings.TrimSpace(description)
	b.fs = flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own messages would go to stderr before ours:
	// parse returns them as usage errors instead, and --help prints Usage
	// once, to stdout.
	b.fs.SetOutput(io.Discard)
	b.fs.Usage = func() {}
}

// Usage writes the command's synopsis, what it does and its flags.
func (b *base) Usage() {
	w := b.env.stdout
	fmt.Fprintf(w, "Usage: related %s [flags] %s\n\n%s\n\nFlags:\n", b.name, lookup(b.name).args, b.description)
	b.fs.SetOutput(w)
	b.fs.PrintDefaults()
	b.fs.SetOutput(io.Discard)
}

// parse parses flags placed anywhere among the arguments (Go's flag
// package stops at the first argument), and returns the positional ones.
// --help prints Usage and returns flag.ErrHelp.
func (b *base) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := b.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				b.Usage()
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		rest := b.fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseFlags is parse for commands that take no positional arguments.
func (b *base) parseFlags(args []string) error {
	pos, err := b.parse(args)
	if err == nil && len(pos) > 0 {
		err = usagef("%s takes no arguments, got %q", b.name, pos)
	}
	return err
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }
