"""Errors a user can act on: each carries one line of text and becomes `un-reader: error: ...`."""


class ReaderError(Exception):
    """A problem with the user's input or environment, never a bug: shown as one line, exit code 2."""

    exit_code = 2


class InputError(ReaderError):
    """The file cannot be read as a letter (missing, a folder, empty, binary, undecodable, not a letter)."""
