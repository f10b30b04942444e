// Package index is the archive of Kho Văn Bản Phong Trào: it keeps every
// imported original byte for byte with its metadata and extracted text, and
// a Bleve index derived from them for Vietnamese full-text search and
// browsing by campaign, year, topic, type and issuer.
//
// The stored originals and metadata files are the truth; the index can be
// deleted at any time and is rebuilt from them on the next Open.
//
// # Files
//
// The archive and its stored files:
//
//   - archive.go: Open, Close, Get, Stats; the folder's layout.
//   - readonly.go: OpenReadOnly. lock.go: one process per archive.
//   - unshare.go: the files a copy made with hard links shares with this
//     archive, given inodes of their own before they are written.
//   - store.go: every read of the stored documents and originals, from
//     the volume store (format 2) or, read as they are until Open
//     migrates them, an earlier version's files (format 1: originals/,
//     docs/, trash/).
//   - internal/archivestore: the truth of format 2: originals and texts
//     as records in a few volume files, metadata in a bbolt catalog;
//     volumestore.go reads and writes it; migrate.go copies a format-1
//     archive into it. commit.go: every write, one transaction of it.
//   - docread.go: reading a document file's head without its text.
//   - document.go: Document, Summary and the editable fields.
//   - summary.go: a format-1 archive's counts, for Stats.
//   - freespace_*.go, diskfull_other.go: the free room of a disk.
//   - errors.go: the errors callers tell apart with errors.Is.
//   - labels.go: the lists the window and the command line offer
//     (document types, field labels).
//
// Writing, all through one protocol (below):
//
//   - commit.go: the commit protocol: change, commit, undo, putDocs.
//   - journal.go: the journal of ids a write touches, and its replay.
//   - steps.go: the journal of file moves and removals (the Trash).
//   - reconcile.go: reindex and reconcile, which make the index agree
//     with the store after a kill.
//   - importer.go: Import. understand.go: reading a document's metadata.
//   - edit.go, bulkedit.go: Edit, EditMany, Delete, Undelete, the Trash.
//   - twins.go: the same document in several files; twinedit.go: what is
//     done to a twin group as one result. related.go: citations.
//   - registry.go, names.go: campaigns and topics.
//   - backup.go, bundle.go, pack.go, packsign.go: backups (Backup,
//     RestoreBackup) and signed document packs; bundletemp_*.go: their
//     temporary files.
//   - check.go: Check, which compares every file with the index.
//
// Bleve's index:
//
//   - bleveindex.go: opening, probing and creating Bleve's index, and
//     waiting until a batch is on disk.
//   - rebuild.go: Rebuild, which makes the index again from the store;
//     bulk.go: the offline build it uses (segments built in index.new/,
//     merged once, renamed in place of index/).
//   - mapping.go, fields.go, analysis.go: what is indexed and how text
//     becomes terms; number.go: the form a số hiệu is indexed in, and
//     the hits that bear a typed number put first.
//
// Searching:
//
//   - search.go: Search, Request and Result, and the plan a query becomes.
//   - keystroke.go, typing.go: a query being typed: SearchAsTyped, one
//     call per keystroke; when to search and what of an unfinished query.
//   - query.go, filtervalues.go, queryexample.go: the query language.
//   - phrase.go: exact phrases: their plan node, reading a stored text
//     for one, and the best hits of a phrase (or of three words or more)
//     ordered by how it stands in them.
//   - internal/engine: the engine that evaluates a plan over Bleve's
//     segments: matches, facet counts, TF-IDF scores, the best hits; its
//     bleve.go is the module's only contact with Bleve's segments. Its
//     facet cache is the archive's facets/ folder.
//   - snippet.go, highlight.go: what a hit shows of its text.
//
// # The write protocol
//
// Every write that touches documents is a change given to commit, in two
// halves. commitFiles is one transaction of the archive store
// (internal/archivestore): the records are appended to a volume and made
// durable, then one catalog transaction stores the metadata and marks
// the ids as not yet indexed. commitIndex updates the index in one Bleve
// batch and clears the marks once Bleve reports the batch on disk; a
// batch that fails leaves them. After a kill, Open indexes again what is
// still marked (replayJournal), so each document is either wholly
// changed, stored and searchable, or not at all. Moves to and from the
// Trash are transactions of the same store. An earlier version's archive
// (format 1) journaled the ids in journal/<n>.ids and its file moves in
// journal/<n>.files (journal.go, steps.go); Open replays those before it
// migrates the archive. Writes are serialised by Archive.mu.
//
// # The read path
//
// Search parses the query (query.go) into clauses, turns them and the
// filters into a plan (search.go), and evaluates the plan on the current
// snapshot of Bleve's index (internal/engine): which documents match is
// worked out on the postings lists of each segment as bitmaps, facets are
// counted against each facet value's postings (cached per segment), and
// only the terms that score are read with their frequencies. The best
// hits' document files are then read from the store, head only, with a
// snippet of their text (snippet.go); the text itself is read only for the
// snippet.
package index
