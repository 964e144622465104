"""un-reader: a terminal reader and cross-reference navigator for United Nations letters."""

__version__ = "0.1.0"
