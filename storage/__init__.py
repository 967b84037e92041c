"""Every file of an index generation, writer and reader side by side.

Rule: a file format has one home here, holding both halves (as Whoosh's `codec` and
tantivy's `postings` do): the generation store and its swap (`generations`), checksums,
the build lock, packing for replicas (`ship`), the Whoosh schema (`schema`), the posting
arrays (`postings_file`, `segment_postings`), the clause views (`clause_views`), the
per-document values (`docvalues`), the glossary table (`glossary_table`), the word links
(`links_file`) and the variants table (`variants_file`).

Storage imports only `settings` and `analyzers`: no learner (`indexer.glossary`,
`indexer.links`), no ingestion, no search core. The search core reads a generation only
through `engine.port`, which the backend in `engine/backends/mapped/` implements over
these files; Whoosh writes the segments (the index of record) and is never opened to
answer a query.
"""
