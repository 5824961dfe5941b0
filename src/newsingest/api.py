"""The library entry points: ``parse`` and ``parse_text``, and how a parser is chosen."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from typing import IO, Any

import attrs

from newsingest.errors import (
    EmptyInputError,
    ParseError,
    ParserCrashError,
    UnsupportedFormatError,
)
from newsingest.model import Document, ParseWarning
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.plugins import PluginWarning, get_registry

__all__ = ["choose_parser", "parse", "parse_input", "parse_text"]

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


def _read(source: Source, name: str | None) -> Input:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return Input(bytes(source), name=name)
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if "\x00" in path:
            raise ParseError("the path contains a NUL byte, which no file name can hold",
                             source=path.replace("\x00", "\\x00"))
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise ParseError("no such file", source=path) from None
        except IsADirectoryError:
            raise ParseError("is a directory, not a file (use `newsingest convert`)",
                             source=path) from None
        except OSError as exc:
            raise ParseError(f"cannot read: {exc.strerror or exc}", source=path) from None
        return Input(data, name=name or path)
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise TypeError("open the file in binary mode ('rb'), or use parse_text() for str")
        return Input(bytes(data), name=name or getattr(source, "name", None))
    raise TypeError(f"cannot parse a {type(source).__name__}: give a path, bytes or a binary file")


_SNIFF_WARNED: set[str] = set()


def _sniff_failed(parser: Parser, exc: Exception) -> None:
    if parser.name not in _SNIFF_WARNED:
        _SNIFF_WARNED.add(parser.name)
        dist = get_registry().origin.get(("parser", parser.name), "?")
        warnings.warn(f"parser {parser.name!r} (from {dist}): sniff raised {exc!r}; it is "
                      "treated as not recognising the input", PluginWarning, stacklevel=3)


def choose_parser(source: Input, parsers: Mapping[str, Parser]) -> Parser:
    """Pick a parser: content sniffing first, then extension / media type, then registration order.

    A parser's confidence from ``sniff`` decides; a matching extension or media type breaks ties
    and rescues inputs whose content says nothing (a ``.pdf`` full of junk still goes to the PDF
    parser, which can then say *why* it is not a PDF).
    """
    head = source.head
    media_type = source.guessed_media_type
    best: tuple[float, int, int] | None = None
    chosen: Parser | None = None
    for order, parser in enumerate(parsers.values()):
        try:
            confidence = float(parser.sniff(head))
        except Exception as exc:  # a broken plugin must not stop detection
            _sniff_failed(parser, exc)
            confidence = 0.0
        claims = int(source.extension in parser.extensions
                     or (media_type is not None and media_type in parser.media_types))
        if confidence <= 0 and not claims:
            continue
        key = (confidence, claims, -order)
        if best is None or key > best:
            best, chosen = key, parser
    if chosen is None:
        raise UnsupportedFormatError(
            "no parser recognises this input (not PDF, HTML or text); "
            f"installed parsers: {', '.join(parsers) or 'none'}",
            source=source.label,
        )
    return chosen


def parse_input(source: Input, *, parser: str | None = None, **options: Any) -> Document:
    """Parse an :class:`Input`; the pure per-file function that batch engines call."""
    registry = get_registry()
    if not source.data:
        raise EmptyInputError("the file is empty (0 bytes)", source=source.label)
    if parser is not None:
        try:
            chosen = registry.parsers[parser]
        except KeyError:
            raise UnsupportedFormatError(
                f"no parser named {parser!r}; installed: {', '.join(registry.parsers)}",
                source=source.label,
            ) from None
    else:
        chosen = choose_parser(source, registry.parsers)
    context = ParseContext(repairs=registry.repairs, options=options)
    try:
        doc = chosen.parse(source, context)
    except (ParseError, MemoryError):
        raise
    except Exception as exc:
        dist = registry.origin.get(("parser", chosen.name), "?")
        raise ParserCrashError(
            f"parser {chosen.name!r} (from {dist}) failed unexpectedly: "
            f"{type(exc).__name__}: {exc} (a bug: please report it with this file; "
            "--debug shows the traceback)",
            source=source.label,
        ) from exc
    if context.problems:
        doc = attrs.evolve(doc, warnings=(*doc.warnings, *context.problems))
    return doc


def parse(
    source: Source, *, parser: str | None = None, name: str | None = None, **options: Any
) -> Document:
    """Parse a path, bytes or binary file into a :class:`Document`.

    ``parser`` names a registered parser (``"pdf"``, ``"html"``, ``"text"``, or a plugin's);
    without it the format is detected. ``name`` labels bytes in messages and provenance. Other
    keyword options go to the parser (e.g. ``password=`` for encrypted PDFs). Raises a
    ``ParseError`` subclass when the input cannot be parsed.
    """
    return parse_input(_read(source, name), parser=parser, **options)


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_text(text: str, *, name: str | None = None, **options: Any) -> Document:
    """Parse a ``str`` holding a plain-text dump (already decoded) with the text parser.

    Lone surrogates (from ``surrogateescape`` decoding, or broken JSON) cannot be encoded; each
    becomes U+FFFD and a ``lone-surrogate`` warning says how many.
    """
    replaced = _SURROGATE.subn("\ufffd", text)
    doc = parse_input(Input(replaced[0].encode("utf-8"), name=name, media_type="text/plain"),
                      parser="text", **options)
    if not replaced[1]:
        return doc
    warning = ParseWarning("lone-surrogate", f"{replaced[1]} lone surrogate code point(s) "
                           "(not text in any encoding) were replaced by U+FFFD")
    return attrs.evolve(doc, warnings=(*doc.warnings, warning))
