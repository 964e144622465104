"""The `un-reader` command: opens the app, or runs one of the sub-commands for scripts.

Every user-facing failure is a `ReaderError` turned into one line on stderr and exit code 2; the
sub-commands live next to what they drive (parser, library) and are only imported when used, so
`un-reader parse` does not pay for importing Textual. Input nested deeper than Python's recursion
limit (a PDF's `[[[[…`, YAML flow lists) is bad input too, not a bug: one line, exit 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader.errors import InputError, ReaderError
from reader.safe_text import one_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    import argparse
    from typing import Any

PROG = "un-reader"
COMMANDS = ("parse", "refs", "index", "search", "cited-by", "check", "review", "fetch")
PARSE_FORMATS = ("json", "yaml", "akn")
_process_is_the_command = False  # main() without argv: the process ends with the command
TOO_DEEP = "the input is nested too deeply to read (thousands of levels of brackets or elements)"
_OPEN_HELP = f"""\
open the reader:
  {PROG} [PATH ...] [--library PATH]
  PATH            letters (PDF, text, Markdown, AKN) or folders to open; default: the seed letters
  --library PATH  a library folder, repeatable (default: the libraries named in the config file)

run `{PROG} COMMAND --help` for a command's options"""


def version() -> str:
    """The installed distribution's version; the package's own when run from a checkout."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version(PROG)
    except PackageNotFoundError:
        from reader import __version__

        return __version__


def _version_option(parser: argparse.ArgumentParser) -> None:
    import argparse

    class _VersionAction(argparse.Action):
        """`--version` without reading package metadata on every start (argparse's own needs the string)."""

        def __init__(
            self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any
        ) -> None:
            super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

        def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
            print(f"{PROG} {version()}")
            parser.exit()

    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")


def seeds_dir() -> Path:
    """The sample letters: beside the package in a checkout, inside it in an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", here / "seeds"):
        if candidate.is_dir():
            return candidate
    raise ReaderError("no seeds/ folder found: pass the letters to open as arguments")


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        action="append",
        metavar="PATH",
        help="a library folder (repeatable; default: the libraries named in the config file)",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [PATH ...] [--library PATH]\n       {PROG} COMMAND ...",
        description="Read UN letters in the terminal and walk their references.\n"
        "With no command, opens the reader on PATHs (default: the seed letters);\n"
        f"the commands ({', '.join(COMMANDS)}) are for scripts.",
        epilog=_OPEN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _version_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)

    p = sub.add_parser("parse", help="print a letter as JSON, YAML or Akoma Ntoso XML")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--format", choices=PARSE_FORMATS, default="json", help="akn: Akoma Ntoso 3.0 XML (AKN4UN)"
    )

    p = sub.add_parser("refs", help="print a letter's references, one JSON object a line")
    p.add_argument("file", type=Path)

    p = sub.add_parser("index", help="build or refresh the library index of folders")
    p.add_argument("paths", nargs="+", type=Path)

    p = sub.add_parser("search", help="full-text search over the library")
    p.add_argument("query")
    _library_option(p)

    p = sub.add_parser("cited-by", help="letters in the library citing a symbol")
    p.add_argument("symbol")
    _library_option(p)

    p = sub.add_parser("check", help="report malformed symbols, broken references and footnotes")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")
    _library_option(p)

    p = sub.add_parser("review", help="the review of one letter: cited documents, findings, marks")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=("markdown", "csv", "json"), default="markdown")
    _library_option(p)

    p = sub.add_parser("fetch", help="fetch cited documents from the UN into the documents folder")
    p.add_argument("symbols", nargs="*", metavar="SYMBOL")
    p.add_argument("--lang", help="ar, zh, en, fr, ru, es or de (default: config `language`, else en)")
    p.add_argument("--into", type=Path, metavar="DIR", help="store here instead of the documents folder")
    p.add_argument("--cited-by", type=Path, metavar="FILE", help="every document the letter FILE cites")
    p.add_argument("--pending", action="store_true", help="retry fetches that failed for a passing reason")
    return parser


def _app_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog=PROG, description="Open letters (files or folders) in the reader.")
    parser.add_argument("paths", nargs="*", type=Path, help="letters or folders (default: seeds/)")
    _library_option(parser)
    _version_option(parser)
    return parser


def _quick_parse_args(argv: list[str]) -> tuple[str, Path, str] | None:
    """`parse FILE [--format F]` and `refs FILE` read as argparse reads them, without importing and
    building argparse (~7 ms of the command with what it pulls in: shutil, gettext, locale). Anything
    else (help, abbreviated or repeated options, `--`, a FILE that starts with `-`, a bad format) is
    argparse's, errors included.
    """
    if not argv or argv[0] not in ("parse", "refs"):
        return None
    command, rest, fmt = argv[0], argv[1:], "json"
    if command == "parse":
        for i, arg in enumerate(rest):
            if arg == "--format" and i + 1 < len(rest):
                fmt, rest = rest[i + 1], rest[:i] + rest[i + 2 :]
                break
            if arg.startswith("--format="):
                fmt, rest = arg.removeprefix("--format="), rest[:i] + rest[i + 1 :]
                break
    if fmt not in PARSE_FORMATS or len(rest) != 1 or not rest[0] or rest[0].startswith("-"):
        return None
    return command, Path(rest[0]), fmt


def _parse_or_refs(command: str, path: Path, fmt: str) -> int:
    if _process_is_the_command:
        _pause_collector_for_imports()
    from reader import parse_command

    if command == "parse":
        return parse_command.parse_command(path, fmt)
    return parse_command.refs_command(path)


def _pause_collector_for_imports() -> None:
    """Import what every parse needs with the collector off, then freeze it all.

    The imports make ~7,000 objects the collector tracks (modules, classes, functions) that live until
    the exit: the 25 collections they set off free a few hundred leftovers of class creation, and
    the collection at the interpreter's exit walks them all again (together ~5 ms of the ~60 ms
    command). Frozen, the parse's own collections and the exit's skip them. Only where this process
    is the command (`main()` without argv): a process that calls `main([...])` (tests, scripts) keeps
    its collector as it was.
    """
    import gc

    gc.disable()
    try:
        from reader import parse_command  # noqa: F401
        from reader.formats import load  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()


def run(argv: Sequence[str]) -> int:
    argv = list(argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        libraries: list[str] | None = None  # `un-reader` alone reads as this without argparse (~5 ms)
        given: list[Path] = []
        if argv:
            args = _app_parser().parse_args(argv)
            given, libraries = args.paths, args.library
        paths = given or [seeds_dir()]
        from reader.app import first_letter  # no Textual: the parse overlaps the app's imports

        files, first = first_letter.start(paths)
        from reader.app.app import run_app

        return run_app(paths, libraries=libraries, files=files, first=first)

    quick = _quick_parse_args(argv)
    if quick is not None:
        return _parse_or_refs(*quick)
    args = build_parser().parse_args(argv)
    if args.command in ("parse", "refs"):
        return _parse_or_refs(args.command, args.file, getattr(args, "format", "json"))

    if args.command == "fetch":
        from reader.library.fetch_command import fetch_command

        return fetch_command(
            args.symbols, lang=args.lang, into=args.into, cited_by=args.cited_by, pending=args.pending
        )

    if args.command == "review":
        from reader.library.review_report import review_command

        return review_command(args.file, args.format, args.library)

    from reader.library import cli as library_commands

    return library_commands.run(args)


def report(error: ReaderError) -> int:
    """One line on stderr: messages quote file names and content, which are untrusted."""
    print(f"{PROG}: error: {one_line(str(error))}", file=sys.stderr)
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    global _process_is_the_command
    _process_is_the_command = argv is None
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except ReaderError as error:
        return report(error)
    except RecursionError:  # the stack has unwound here, so reporting it is safe
        return report(InputError(TOO_DEEP))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
