"""Markdown: title as ``#``, a byline/date line, headings at their source level, quotes, lists,
captions, tables, links; optionally the metadata as YAML front matter."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence

from newsingest.model import Block, BlockType, Document, Metadata

__all__ = ["byline", "pipe_table", "render_markdown", "yaml_front_matter"]

_SPECIAL_START = re.compile(r"^(\s*)([#>*+-]|\d+[.)])(\s)")


def _escape(text: str) -> str:
    """Keep body text from turning into Markdown syntax by accident.

    >>> _escape("# not a heading")
    '\\\\# not a heading'
    """
    return _SPECIAL_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


def _emphasis(text: str) -> str:
    """``*text*`` with the characters that would end or nest the emphasis escaped."""
    return "*" + re.sub(r"([*_\\])", r"\\\1", text) + "*"


def _linked(block: Block) -> str:
    """The block's text with its links as ``[anchor](href)``.

    >>> from newsingest.model import Link
    >>> print(_linked(Block(BlockType.PARAGRAPH, "See the [full] report.",
    ...                     links=(Link(8, 21, "https://x.org/a b"),))))
    See the [\\[full\\] report](<https://x.org/a b>).
    """
    text = block.text
    if not block.links:
        return text
    parts: list[str] = []
    cursor = 0
    for link in block.links:
        if link.start < cursor or link.end > len(text) or link.start >= link.end:
            continue
        anchor = re.sub(r"([\[\]\\])", r"\\\1", text[link.start:link.end])
        href = link.href
        if re.search(r"[\s()<>]", href):
            href = "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
        parts += [text[cursor:link.start], f"[{anchor}]({href})"]
        cursor = link.end
    parts.append(text[cursor:])
    return "".join(parts)


def _fenced(text: str) -> str:
    """A code fence longer than any backtick run inside, so the text cannot close it early.

    >>> print(_fenced("a ``` b"))
    ````
    a ``` b
    ````
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def pipe_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as a Markdown pipe table, columns padded so it reads as a table in plain text too.

    The first row is the header (Markdown tables need one).

    >>> print(pipe_table([("Team", "Wins"), ("Rovers", "12")]))
    | Team   | Wins |
    |--------|------|
    | Rovers | 12   |
    """
    width = max(len(r) for r in rows)
    cells = [[c.replace("|", "\\|").replace("\n", " ") for c in r] + [""] * (width - len(r))
             for r in rows]
    sizes = [max(3, *(len(r[i]) for r in cells)) for i in range(width)]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(n) for c, n in zip(row, sizes, strict=True)) + " |"

    rule = "|" + "|".join("-" * (n + 2) for n in sizes) + "|"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _date(value: datetime.date) -> str:
    return value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()


def byline(meta: Metadata) -> str | None:
    """"By A and B · 2026-03-24" from the metadata, or ``None`` when it has neither.

    >>> byline(Metadata(authors=("Ann Lee", "Bo Chen", "Cy Diaz"), published="2026-03-24"))
    'By Ann Lee, Bo Chen and Cy Diaz · 2026-03-24'
    """
    parts = []
    if meta.authors:
        names = list(meta.authors)
        parts.append("By " + (", ".join(names[:-1]) + " and " + names[-1]
                              if len(names) > 1 else names[0]))
    if meta.published is not None:
        parts.append(_date(meta.published))
    return " · ".join(parts) or None


def _yaml(value: object) -> str:
    """A YAML scalar or flow sequence: JSON strings are valid YAML and need no escaping rules
    of their own; dates stay bare so YAML readers load them as dates."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def yaml_front_matter(doc: Document) -> str:
    """The metadata (fields that are set) and the source name as a YAML block between ``---``.

    >>> from newsingest.model import Source
    >>> doc = Document(Source("a.txt", "text/plain", "0", 1, "text", "1"),
    ...                metadata=Metadata(title='Say "no"', authors=("Ann",)))
    >>> print(yaml_front_matter(doc))
    ---
    title: "Say \\"no\\""
    authors: ["Ann"]
    source: "a.txt"
    ---
    """
    meta = doc.metadata
    fields = [(name, getattr(meta, name)) for name in (
        "title", "subtitle", "authors", "published", "modified", "site_name", "url",
        "language", "section", "description", "keywords")]
    fields.append(("source", doc.source.name))
    lines = [f"{key}: {_yaml(value)}" for key, value in fields if value not in (None, ())]
    return "\n".join(["---", *lines, "---"])


def _block(block: Block) -> str:
    if block.type is BlockType.HEADING:
        return "#" * (block.level or 2) + " " + _linked(block)
    if block.type is BlockType.QUOTE:
        return "\n".join("> " + line for line in _linked(block).split("\n"))
    if block.type is BlockType.LIST_ITEM:
        indent = "  " * (block.depth or 0)
        marker = (block.marker or "1.") if block.ordered else "-"
        return f"{indent}{marker} {_linked(block)}"
    if block.type is BlockType.TABLE:
        return pipe_table(block.rows) if block.rows else block.text
    if block.type is BlockType.PREFORMATTED:
        return _fenced(block.text)
    if block.type is BlockType.CAPTION:
        return _emphasis(block.text)
    return _escape(_linked(block))


def render_markdown(doc: Document, *, front_matter: bool = False) -> str:
    """Markdown of the title, byline and body; consecutive list items stay in one list (a
    bulleted list next to a numbered one are two).

    Headings keep the source's level (an ``h2`` is ``##``) under the title's ``#``. With
    ``front_matter`` the metadata comes first as YAML.
    """
    parts: list[str] = [yaml_front_matter(doc)] if front_matter else []
    if doc.metadata.title:
        parts.append("# " + doc.metadata.title)
    credit = byline(doc.metadata)
    if credit and not _bylined(doc):
        parts.append(_emphasis(credit))
    previous: Block | None = None
    for block in doc.blocks:
        rendered = _block(block)
        if (
            previous is not None
            and previous.type is BlockType.LIST_ITEM
            and block.type is BlockType.LIST_ITEM
            and (previous.ordered == block.ordered or bool(block.depth))
        ):
            parts[-1] += "\n" + rendered
        else:
            parts.append(rendered)
        previous = block
    return "\n\n".join(parts) + ("\n" if parts else "")


def _bylined(doc: Document) -> bool:
    """Whether the body's opening blocks already name every author (a byline the parser kept),
    so the byline line would say it twice."""
    opening = " ".join(block.text for block in doc.blocks[:3]).casefold()
    return bool(doc.metadata.authors) and all(a.casefold() in opening
                                              for a in doc.metadata.authors)
