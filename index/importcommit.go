package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
)

// committer writes an import's batches in two stages, each in its own
// goroutine, so that the files of one batch are written while the batch
// before it is indexed:
//
//   - files: twins linked (twins.go), then the documents stored in one
//     transaction of the volume store that marks them as not yet indexed
//     (commitFiles);
//   - index: Bleve's segment built from the counted terms, the marks
//     cleared once it is on disk (commitIndex); the files of the batch
//     are then reported.
//
// A kill while both stages are busy leaves two batches marked, indexed
// by Open like one. Documents of the batches handed to the index stage
// may not be in the index yet when the next batch looks for twins: they
// are compared as recent documents. When a batch's twins rewrite one of
// them, its newer entry comes after the older, for the index stage takes
// the batches in order, and the older batch's clearing leaves the newer
// mark (a later commit's). The files stage holds a.mu for its batch, the
// index stage only around its entries' writing: the archive's other
// changes are made between and meanwhile (importchanges.go).
type committer struct {
	im       *importer
	ctx      context.Context // a batch taken once it is done is not written
	stop     chan struct{}   // closed when a write fails, after err is set
	done     chan struct{}   // closed when every batch is finished
	indexing chan staged

	mu  sync.Mutex
	err error

	recent [][]recentDoc // of the last batches handed to the index stage
}

// staged is a batch whose files are written, to index.
type staged struct {
	batch    []readied
	c        change
	p        stored
	terms    map[string]*docTerms // of the batch's documents, by id
	reported bool                 // its files' outcomes are told (a bulk import's, once stored)
	counted  bool                 // its files count in the progress as stored (storedBatch)
}

// recentBatches is how many of the last batches handed to the index
// stage are compared as recent documents. indexing holds none: once the
// index stage has taken a batch, the one before is indexed, so only the
// last may still be being indexed.
const recentBatches = 1

func newCommitter(im *importer) *committer {
	return &committer{im: im, stop: make(chan struct{}), done: make(chan struct{}), indexing: make(chan staged)}
}

// failed is the error that stopped the import, if any.
func (c *committer) failed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *committer) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
		close(c.stop)
	}
}

// run commits the batches until the channel closes, then closes done.
func (c *committer) run(batches <-chan []readied) {
	go c.index()
	defer close(c.indexing)
	for b := range batches {
		if err := c.failed(); err != nil {
			c.im.failAll(b, err)
			continue
		}
		if c.ctx != nil && c.ctx.Err() != nil { // stopped before it was written
			c.im.dropRead(c.ctx, b)
			continue
		}
		st, dups, err := c.files(b)
		c.im.finishDuplicates(dups)
		if err != nil {
			c.fail(err)
			c.im.finishBatch(st.batch, err)
			continue
		}
		if st.p.none() {
			c.im.finishBatch(st.batch, nil)
			continue
		}
		// Stored: the memory the files took is free for the next ones
		// (the index stage needs only the counted terms).
		st.c.tx = nil
		for i := range st.batch {
			c.im.memory.release(st.batch[i].weight)
			st.batch[i].data, st.batch[i].weight = nil, 0
		}
		if c.im.bulk != nil {
			// Found only once the import ends anyway: reported as stored,
			// so that the count a stop is pressed at is what it keeps
			// (it lagged two batches behind).
			c.im.finishBatch(st.batch, nil)
			st.reported = true
		} else {
			// Counted as stored now, told once searchable.
			c.im.storedBatch(len(st.batch))
			st.counted = true
		}
		c.indexing <- st
	}
}

// files links a batch's twins and writes its files, under a.mu. The
// documents found live meanwhile are returned apart, as duplicates; the
// staged batch holds the others, also when it fails.
func (c *committer) files(batch []readied) (staged, []readied, error) {
	a := c.im.a
	a.mu.Lock()
	defer a.mu.Unlock()
	batch, dups := c.im.recheck(batch)
	if len(batch) == 0 {
		return staged{}, dups, nil
	}
	var recent []recentDoc
	for _, r := range c.recent {
		recent = append(recent, r...)
	}
	var pairs *importPairs
	if c.im.bulk != nil {
		pairs = &c.im.bulk.pairs
	}
	rewritten := c.im.a.linkTwinsWith(batch, recent, pairs, c.im.epoch) // stored ones joining a group
	// What the lookups of twins and Bleve's merges mapped is read again
	// from the page cache when needed, not kept in the import's memory.
	c.im.a.releaseIndexPages()
	docs := make([]*Document, 0, len(batch)+len(rewritten))
	originals := make(map[string][]byte, len(batch))
	terms := make(map[string]*docTerms, len(batch))
	mine := make([]recentDoc, 0, len(batch))
	for _, r := range batch {
		docs = append(docs, r.doc)
		originals[r.doc.ID] = r.data
		terms[r.doc.ID] = r.terms
		if r.sh != nil {
			mine = append(mine, recentDoc{id: r.doc.ID, sh: r.sh})
		}
	}
	docs = append(docs, rewritten...)
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	entry := func(d *Document) *document.Document {
		if t := terms[d.ID]; t != nil {
			return bleveEntry(d, t.fields())
		}
		return bleveDocument(d) // a stored document joining a twin group
	}
	ch := change{ids: ids, tx: c.im.a.putDocs(docs, originals), put: docs, entry: entry}
	p, err := c.im.a.commitFiles(ch)
	if err != nil {
		return staged{batch: batch}, dups, err
	}
	a.importing.storedMembers(docs)
	c.im.epoch.storedBatch(batch)
	if pairs != nil {
		for _, r := range mine {
			pairs.add(r.id, r.sh)
		}
		for _, r := range batch {
			c.im.bulk.text += int64(len(r.doc.Text))
		}
	}
	c.recent = append(c.recent, mine)
	if len(c.recent) > recentBatches {
		c.recent = c.recent[1:]
	}
	return staged{batch: batch, c: ch, p: p, terms: terms}, dups, nil
}

// index indexes the staged batches in order and reports their files.
// A batch whose files are written is indexed even after an earlier one
// failed: its journal entry would index it at the next Open anyway.
// A bulk import gives them to the offline builder instead, and puts the
// new index in place once the last is in (bulkimport.go).
func (c *committer) index() {
	defer close(c.done)
	a := c.im.a
	bulk := c.im.bulk
	var bulkErr error
	if bulk != nil && a.bulkExisting(bulk, nil) != nil {
		// A stored document unreadable (check reports it): the import
		// goes on online, as an import into a larger archive does.
		bulk.bb.abandon()
		bulk = nil
		if err := a.lockedSettleBulk(); err != nil {
			c.fail(err)
		}
	}
	for st := range c.indexing {
		if c.im.opt.beforeIndex != nil {
			c.im.opt.beforeIndex()
		}
		var err error
		switch {
		case bulk == nil:
			err = a.indexBatch(st, c.im.opt.whileIndexing)
		case bulkErr == nil:
			// A builder that fails (a full disk) stops the import; the
			// batch is stored, and marked for Open to index.
			if bulkErr = bulk.add(st); bulkErr != nil {
				c.fail(bulkErr)
			}
		}
		if err != nil {
			c.fail(err)
		}
		if !st.reported {
			c.im.finishBatchOf(st.batch, err, st.counted)
		}
	}
	if bulk != nil {
		c.im.progressIndexing()
		if err := a.finishBulk(bulk, bulkErr); err != nil {
			c.fail(err)
		}
	}
}

// finishBatch reports the files of a batch written, or failed with err.
func (im *importer) finishBatch(batch []readied, err error) {
	im.finishBatchOf(batch, err, false)
}

// finishBatchOf is finishBatch of a batch the progress counted as stored
// (storedBatch) or not.
func (im *importer) finishBatchOf(batch []readied, err error, counted bool) {
	finish := im.finish
	if counted {
		finish = im.finishStored
	}
	for _, r := range batch {
		im.mu.Lock()
		delete(im.inflight, r.doc.ID)
		im.mu.Unlock()
		item := r.item
		if err != nil {
			item.Status, item.Err, item.ID, item.Twin, item.TwinName, item.Joined = Failed, err, "", "", "", false
		}
		finish(item)
		im.memory.release(r.weight)
	}
}
