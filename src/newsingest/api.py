"""The library entry points: ``parse`` and ``parse_text``, and how a parser is chosen."""

from __future__ import annotations

import difflib
import os
import re
import warnings
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, cast

import attrs

from newsingest.errors import (
    EmptyInputError,
    ParseError,
    ParserCrashError,
    UnsupportedFormatError,
)
from newsingest.known import refuse_unread_format
from newsingest.model import Document, ParseWarning
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.plugins import PluginWarning, get_registry
from newsingest.repair.pipeline import origin_of

__all__ = ["InputWarning", "choose_parser", "declared_options", "option_refusal", "parse",
           "parse_input", "parse_text"]

if TYPE_CHECKING:
    from bs4 import Tag

    Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | Tag
else:
    Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


def _is_soup(source: object) -> bool:
    """A BeautifulSoup document or element (``bs4.Tag``): what scrapers already hold. Told
    by its class, so that bs4 need not be installed to parse anything else."""
    return any(cls.__module__.startswith("bs4") and cls.__name__ == "Tag"
               for cls in type(source).__mro__)


class InputWarning(UserWarning):
    """The input is probably not what the function it was given to expects (HTML to
    ``parse_text``): the result is likely poor, and the warning says what to call instead."""


def _not_a_path(text: str) -> ParseError | None:
    """The error for a ``str`` that is content rather than a file name, or ``None``.

    A real path has no line break and does not start with ``<``; markup or a pasted article
    usually has both. Only asked after opening it as a file failed, so no path is refused.
    """
    stripped = text.lstrip()
    markup = stripped.startswith("<")
    if not (markup or "\n" in text or len(text) > 4096):
        return None
    kind = "HTML/XML markup" if markup else "text"
    preview = " ".join(stripped[:40].split()) + ("\u2026" if len(stripped) > 40 else "")
    fix = ("pass the markup as bytes, parse(markup.encode()), which detects HTML"
           if markup else "parse a str of text with parse_text(text), or pass it as bytes")
    return ParseError(f"parse() takes a path, and this str is not a file: it looks like {kind} "
                      f"({preview!r}); {fix}", source="<str>")


def _read(source: Source, name: str | None) -> Input:
    if _is_soup(source):
        # The element's markup, as bs4 writes it; the HTML parser builds its own lxml tree
        # (walking a bs4 tree costs more than the whole extraction).
        return Input(str(source).encode("utf-8"), name=name, media_type="text/html")
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
        except (FileNotFoundError, OSError) as exc:
            mistake = _not_a_path(path) if isinstance(source, str) else None
            if mistake is not None:
                raise mistake from None
            if isinstance(exc, FileNotFoundError):
                raise ParseError("no such file", source=path) from None
            if isinstance(exc, IsADirectoryError):
                raise ParseError("is a directory, not a file (use `newsingest convert`)",
                                 source=path) from None
            raise ParseError(f"cannot read: {exc.strerror or exc}", source=path) from None
        return Input(data, name=name or path)
    if hasattr(source, "read"):
        content: Any = cast("IO[bytes]", source).read()
        if isinstance(content, str):
            raise TypeError("open the file in binary mode ('rb'), or use parse_text() for str")
        return Input(bytes(content), name=name or getattr(source, "name", None))
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


def declared_options(parsers: Mapping[str, Parser],
                     named: str | None = None) -> dict[str, type] | None:
    """The options a parse may take, name -> type, as parsers declare them in ``option_types``.

    Those of the parser ``named``; without one, any installed parser's, since the same options
    go to every file of a batch whatever its format. ``None`` when the named parser declares
    nothing (an older plugin): its options cannot be checked, so they pass as given. The one
    answer for ``parse(**options)`` and ``convert --option`` alike.
    """
    if named is not None:
        types = getattr(parsers[named], "option_types", None)
        return None if types is None else {str(k): v for k, v in dict(types).items()}
    declared: dict[str, type] = {}
    for parser in parsers.values():
        for key, kind in dict(getattr(parser, "option_types", None) or {}).items():
            declared.setdefault(str(key), kind)
    return declared


def option_refusal(key: str, declared: Mapping[str, type] | None,
                   named: str | None = None) -> str | None:
    """Why option ``key`` is refused (naming a close match and the options there are), or
    ``None`` when it is taken.

    >>> option_refusal("caption", {"captions": bool}, "html")
    "unknown option 'caption' (did you mean 'captions'?); parser 'html' accepts: captions"
    """
    if declared is None or key in declared:
        return None
    valid = sorted(declared)
    close = difflib.get_close_matches(key, valid, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    where = f"parser {named!r} accepts" if named is not None else "the installed parsers accept"
    return f"unknown option {key!r}{hint}; {where}: {', '.join(valid) or 'no options'}"


def parse_input(source: Input, *, parser: str | None = None, **options: Any) -> Document:
    """Parse an :class:`Input`; the pure per-file function that batch engines call."""
    registry = get_registry()
    named = parser if parser in registry.parsers else None
    declared = declared_options(registry.parsers, named)
    for key in options:
        refusal = option_refusal(key, declared, named)
        if refusal is not None:
            raise TypeError(refusal)
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
        refuse_unread_format(source, registry.parsers)
        chosen = choose_parser(source, registry.parsers)
    context = ParseContext(repairs=registry.repairs, options=options,
                           origin=origin_of(chosen.media_types))
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
    """Parse a path, bytes, a binary file or a ``bs4.BeautifulSoup``/``bs4.Tag`` (HTML a
    scraper already holds, e.g. the one element it selected) into a :class:`Document`.

    ``parser`` names a registered parser (``"pdf"``, ``"html"``, ``"text"``, or a plugin's);
    without it the format is detected (a bs4 object is HTML). ``name`` labels bytes in messages
    and provenance. Other keyword options go to the parser (``password=`` for encrypted PDFs;
    ``url=`` for a web page's address, ``captions=`` and ``htmldate=`` for HTML); one that no
    parser reads raises ``TypeError`` naming those that exist. A ``str`` that is markup or text
    rather than a path raises a ``ParseError`` naming ``parse_text`` and bytes. Raises a
    ``ParseError`` subclass when the input cannot be parsed.
    """
    if parser is None and _is_soup(source):
        parser = "html"
    return parse_input(_read(source, name), parser=parser, **options)


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_text(text: str, *, name: str | None = None, **options: Any) -> Document:
    """Parse a ``str`` holding a plain-text dump (already decoded) with the text parser.

    HTML given here is read as text, tags and all; an :class:`InputWarning` says so and names
    the call that reads it as HTML. Lone surrogates (from ``surrogateescape`` decoding, or broken
    JSON) cannot be encoded; each becomes U+FFFD and a ``lone-surrogate`` warning says how many.
    """
    cleaned, surrogates = _SURROGATE.subn("\ufffd", text)
    source = Input(cleaned.encode("utf-8"), name=name, media_type="text/plain")
    html = get_registry().parsers.get("html")
    if html is not None and float(html.sniff(source.head)) > 0:
        warnings.warn("parse_text() reads its input as a plain-text dump, but this looks like "
                      "HTML: use newsingest.parse(text.encode(), parser='html') for the HTML "
                      "parser", InputWarning, stacklevel=2)
    doc = parse_input(source, parser="text", **options)
    if not surrogates:
        return doc
    warning = ParseWarning("lone-surrogate", f"{surrogates} lone surrogate code point(s) "
                           "(not text in any encoding) were replaced by U+FFFD")
    return attrs.evolve(doc, warnings=(*doc.warnings, warning))
