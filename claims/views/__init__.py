"""Views by topic: browse, reader, compare (links), notes, ingest, health."""
