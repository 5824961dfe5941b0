"""Markdown: title as ``#``, headings shifted one level down, quotes, lists, tables, links."""

from __future__ import annotations

import re

from newsingest.model import Block, BlockType, Document

_SPECIAL_START = re.compile(r"^(\s*)([#>*+-]|\d+[.)])(\s)")


def _escape(text: str) -> str:
    """Keep body text from turning into Markdown syntax by accident.

    >>> _escape("# not a heading")
    '\\\\# not a heading'
    """
    return _SPECIAL_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


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


def _table(block: Block) -> str:
    rows = [list(r) for r in block.rows or ()]
    if not rows:
        return block.text
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    cell = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    lines = ["| " + " | ".join(cell[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cell[1:]]
    return "\n".join(lines)


def _block(block: Block) -> str:
    if block.type is BlockType.HEADING:
        return "#" * min((block.level or 1) + 1, 6) + " " + _linked(block)
    if block.type is BlockType.QUOTE:
        return "\n".join("> " + line for line in _linked(block).split("\n"))
    if block.type is BlockType.LIST_ITEM:
        indent = "  " * (block.depth or 0)
        text = _linked(block)
        if block.marker and text.startswith(block.marker):
            text = text[len(block.marker) :].lstrip()
        marker = (block.marker or "1.") if block.ordered else "-"
        return f"{indent}{marker} {text}"
    if block.type is BlockType.TABLE:
        return _table(block)
    if block.type is BlockType.PREFORMATTED:
        return _fenced(block.text)
    if block.type is BlockType.CAPTION:
        return "*" + re.sub(r"([*_\\])", r"\\\1", block.text) + "*"
    return _escape(_linked(block))


def render_markdown(doc: Document) -> str:
    """Markdown of the title and body; consecutive list items stay in one list."""
    parts: list[str] = []
    if doc.metadata.title:
        parts.append("# " + doc.metadata.title)
    previous: Block | None = None
    for block in doc.blocks:
        rendered = _block(block)
        if (
            previous is not None
            and previous.type is BlockType.LIST_ITEM
            and block.type is BlockType.LIST_ITEM
        ):
            parts[-1] += "\n" + rendered
        else:
            parts.append(rendered)
        previous = block
    return "\n\n".join(parts) + ("\n" if parts else "")
