"""Input formats: turn a file's bytes into pages of lines the parser understands.

Each format module knows how to read one kind of file (a UN PDF, `pdftotext` output with or without
`-layout`, the Markdown-like text of the seed, ...) and nothing about letters.
"""
