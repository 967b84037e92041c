"""Ingestion: source files → paragraphs → headings and clauses → aligned clause records.

Stages, in order: `manifest` (what to read), `decoding` (bytes → normalised text),
`readers/` (text → paragraphs, one module per format, registered in `readers/__init__.py`),
`structure`, `headings`, `segment` (paragraphs → outline and clauses), `similarity`,
`align`, `assemble`, `clauses` (clauses of two languages → aligned `Clause` records),
`corpus` (all of it for every document of the manifest) and `report` (what the user reads).
"""
