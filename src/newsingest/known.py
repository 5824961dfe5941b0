"""Formats newsingest knows by name but cannot read without a plugin, and what to do instead.

Without this a Word file fails with "no parser recognises this input", and an ``.eml`` (which
is text) is parsed as a text dump, headers and MIME parts as the article. When the input's
extension or leading bytes name one of these formats and no installed parser claims that
extension, the error says which plugin to install or how to convert the file.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from newsingest.errors import UnsupportedFormatError
from newsingest.parsers.base import Input, Parser

__all__ = ["KNOWN_FORMATS", "KnownFormat", "refuse_unread_format"]


@attrs.frozen
class KnownFormat:
    """A format by its extensions, the bytes it starts with, or a mark in its first bytes."""

    label: str
    extensions: tuple[str, ...]
    advice: str
    magic: tuple[bytes, ...] = ()
    marks: tuple[bytes, ...] = ()


_CONVERT = "convert it to HTML first (e.g. `pandoc {name} -o story.html`) and parse that"
_OCR = ("newsingest reads text, not pixels: install the newsingest-ocr plugin "
        "(`pip install newsingest-ocr`, which needs Tesseract; its source is "
        "plugins/newsingest-ocr in the newsingest repository); it reads PNG, JPEG and TIFF, "
        "so convert other images to PNG first")

KNOWN_FORMATS = (
    KnownFormat("a Word document", (".docx",),
                "install the newsingest-docx plugin (`pip install newsingest-docx`; its source "
                "is plugins/newsingest-docx in the newsingest repository)"),
    KnownFormat("an EPUB e-book", (".epub",),
                "no newsingest plugin reads EPUB yet; " + _CONVERT,
                marks=(b"mimetypeapplication/epub+zip",)),
    KnownFormat("an OpenDocument text", (".odt",),
                "no newsingest plugin reads OpenDocument yet; " + _CONVERT,
                marks=(b"mimetypeapplication/vnd.oasis.opendocument.text",)),
    KnownFormat("an e-mail message", (".eml",),
                "no published plugin reads e-mail: the plugin tutorial (docs/plugins/tutorial.md) "
                "builds one, newsingest-eml; or save the message body as HTML or text and parse "
                "that"),
    KnownFormat("an image", (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".webp",
                             ".bmp"), _OCR,
                (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00",
                 b"MM\x00*")),
)


def _matches(fmt: KnownFormat, source: Input) -> bool:
    if source.extension in fmt.extensions:
        return True
    head = source.data[:128]
    return (any(head.startswith(magic) for magic in fmt.magic)
            or any(mark in head for mark in fmt.marks))


def refuse_unread_format(source: Input, parsers: Mapping[str, Parser]) -> None:
    """Raise ``UnsupportedFormatError`` with advice when ``source`` is a known unread format.

    A parser that claims one of the format's extensions (an installed plugin) takes it as usual.

    >>> from newsingest.parsers.base import Input
    >>> refuse_unread_format(Input(b"PK\\x03\\x04", name="memo.docx"), {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    newsingest.errors.UnsupportedFormatError: memo.docx: this is a Word document: install ...
    """
    for fmt in KNOWN_FORMATS:
        if not _matches(fmt, source):
            continue
        if any(ext in parser.extensions for parser in parsers.values()
               for ext in fmt.extensions):
            return
        name = source.name.replace("\\", "/").rsplit("/", 1)[-1] if source.name else "FILE"
        raise UnsupportedFormatError(f"this is {fmt.label}: {fmt.advice.format(name=name)}",
                                     source=source.label)
