"""HTML pages through beautifulsoup4 and lxml."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsingest.__about__ import __version__
from newsingest.decode import decode_bytes
from newsingest.hookspecs import hookimpl
from newsingest.model import Block, BlockType, Document, Metadata, Provenance
from newsingest.parsers.base import Input, ParseContext, Parser

_HTML_MARK = re.compile(rb"<!doctype\s+html|<html|<head|<body|<meta\s|<title", re.I)


class HtmlParser:
    """Article body and metadata from HTML."""

    name = "html"
    version = __version__
    media_types = ("text/html", "application/xhtml+xml")
    extensions = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> float:
        return 0.9 if _HTML_MARK.search(head) else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        from bs4 import BeautifulSoup

        text, _ = decode_bytes(source.data, label=source.label)
        soup = BeautifulSoup(text, "lxml")
        title = soup.title.get_text(" ", strip=True) if soup.title else None
        blocks = [
            Block(BlockType.PARAGRAPH, p.get_text(" ", strip=True), provenance=Provenance(path="p"))
            for p in soup.find_all("p")
            if p.get_text(strip=True)
        ]
        return Document(source=source.source(self, "text/html"), metadata=Metadata(title=title),
                        blocks=tuple(blocks))


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(HtmlParser())
