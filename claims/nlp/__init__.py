"""spaCy side of Newsdesk: pipeline components that find claims in a Doc.

Nothing here knows about the database. ``pipeline.extract`` turns texts into plain
``ExtractedClaim`` records; ``claims.services`` turns those into rows.
"""
