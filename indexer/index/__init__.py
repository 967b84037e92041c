"""The index stage: the Whoosh schema, writing a generation, and the generations on disk."""
