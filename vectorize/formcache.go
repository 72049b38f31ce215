package vectorize

// formCache remembers where a space's vocabulary holds each form that
// AddRecords merged, by the form's key (keys.go): a form met again is
// counted by indexing two slices, where the vocabulary would hash its
// term and compare its word with the term's other forms (13% of the CPU
// of building a 100k-record index; the cache's look-ups, 8.6%).
type formCache struct {
	an    *Analyzer   // whose keys these are
	vocab *Vocabulary // where these are
	one   []formRef   // by a unigram's form key
	two   map[uint64]formRef
}

// formRef is a term's id and the index of the word among its forms, or
// zero for none: term is the id plus one.
type formRef struct{ term, form int32 }

// maxCachedPairs bounds the bigrams remembered (16 bytes each, and a
// map's overhead): a library of real abstracts has millions, most met
// once; a unigram's are bounded by the analyzer's memo.
const maxCachedPairs = 1 << 20

// use readies the cache for merging into vocab the forms analysed by an,
// emptying it if it held another's.
func (c *formCache) use(an *Analyzer, vocab *Vocabulary) {
	if c.an != an || c.vocab != vocab {
		*c = formCache{an: an, vocab: vocab}
	}
}

// add counts a form in the vocabulary and returns its term's id.
func (c *formCache) add(p *termWord) int32 {
	ref := c.get(p.key)
	if ref.term > 0 {
		id := ref.term - 1
		c.vocab.words[id][ref.form].count += p.n
		return id
	}
	id, form := c.vocab.addFormAt(p.term, p.word, p.n)
	c.put(p.key, formRef{id + 1, form})
	return id
}

func (c *formCache) get(key uint64) formRef {
	switch {
	case key == 0:
	case key <= maxKey:
		if key < uint64(len(c.one)) {
			return c.one[key]
		}
	default:
		return c.two[key]
	}
	return formRef{}
}

func (c *formCache) put(key uint64, ref formRef) {
	switch {
	case key == 0:
	case key <= maxKey:
		if key >= uint64(len(c.one)) {
			c.one = append(c.one, make([]formRef, key+1-uint64(len(c.one)))...)
			c.one = c.one[:cap(c.one)]
		}
		c.one[key] = ref
	case len(c.two) < maxCachedPairs:
		if c.two == nil {
			c.two = map[uint64]formRef{}
		}
		c.two[key] = ref
	}
}
