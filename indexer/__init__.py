"""Ingestion: manifest, readers, structure, clause splitting and alignment into clause records."""
