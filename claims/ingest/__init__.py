"""Reading input files into ``ArticleInput`` records: formats, decoding, canonical text."""
