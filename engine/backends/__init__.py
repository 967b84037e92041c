"""Storage backends behind `engine.port`; `whoosh` is the first."""
