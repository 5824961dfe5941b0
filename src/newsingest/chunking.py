"""Chunks for retrieval: a Document cut into pieces of at most ``max_tokens`` that an embedding
model or a search index can take, each carrying what it needs to be understood on its own.

What ``chunk`` decides, and why:

- A new chunk starts at every heading: a section is a unit of meaning, and a chunk that spans
  two sections answers neither question well. Consecutive headings stay together.
- Paragraphs are packed whole while they fit; one that does not is split between sentences, never
  inside one while a sentence boundary is within reach. Only a sentence longer than
  ``max_tokens`` is cut (between words), and the chunk says so (``cut``).
- A section is spread evenly over the fewest chunks that hold it (each chunk re-aims at what is
  left), so 1.1 × the limit makes two chunks of about half, not a full one and a scrap
  (``balance=False`` fills each chunk to the limit instead).
- List items, quotes, captions, tables and preformatted blocks are never split unless one alone
  is over the limit: half a quote or half a table row misleads.
- ``overlap`` repeats the previous chunk's last whole sentences (up to that many tokens) at the
  start of the next one in the same section, so a fact on the boundary is found from both sides.
- Every chunk carries its context (headline, section heading, byline and date, source) and its
  provenance: the indices of the blocks it came from and their regions (page and box, lines or
  element path), so a hit can be shown in place.

Token counts come from ``tokenizer``: a callable returning a count or a sequence of tokens (a
Hugging Face tokenizer's ``input_ids`` are counted), or an object with ``encode`` (tiktoken);
words by default. Counts are taken on the chunk's text as written, so a tokenizer that is not
additive over pieces still never sees a chunk over the limit.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from newsingest.model import Block, BlockType, Document, Provenance

__all__ = ["Chunk", "block_text", "chunk", "chunks_jsonl", "sentences", "token_counter"]

Tokenizer = Callable[[str], Any] | Any

#: Words that end with a period without ending a sentence (titles, months, "No. 5", "vs.").
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "rev",
    "col", "capt", "lt", "sgt", "cmdr", "adm", "maj", "pres", "supt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "thu", "thur", "thurs", "fri", "nos", "vs", "etc", "inc", "ltd",
    "corp", "dept", "approx", "fig", "figs", "al", "ca", "cf", "eds", "vol",
    "pp", "univ", "ave", "blvd"
))

_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[\w$€£¿¡])""")


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, keeping every character (joined back with spaces).

    An end mark followed by a space and a capital, digit or opening quote ends a sentence,
    unless the word before it is a known abbreviation or a single letter (initials: "J. Smith",
    "U.S.").

    >>> sentences('Dr. Ruiz said so. "It works," she said. Then U.S. troops left at 5 p.m. Monday.')
    ['Dr. Ruiz said so.', '"It works," she said.', 'Then U.S. troops left at 5 p.m. Monday.']
    """
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start:match.start()]
        word = re.findall(r"[\w.]+$", before)
        last = word[0].rstrip(".").rsplit(".", 1)[-1].casefold() if word else ""
        nxt = text[match.end():].lstrip()[:1]
        if match.group(0).startswith(".") and (
            last in _ABBREVIATIONS or len(last) == 1 or (nxt.islower() and nxt.isalpha())
        ):
            continue
        if nxt.islower():
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def token_counter(tokenizer: Tokenizer | None) -> Callable[[str], int]:
    """A ``str -> int`` counter from whatever tokenizer was given (words when ``None``).

    >>> token_counter(None)("three small words")
    3
    >>> token_counter(lambda text: list(text))("abc")
    3
    """
    if tokenizer is None:
        return lambda text: len(text.split())
    if not callable(tokenizer):
        encode = getattr(tokenizer, "encode", None)
        if not callable(encode):
            raise TypeError("tokenizer must be a callable (text -> count or tokens) or have "
                            f"an encode() method, got {type(tokenizer).__name__}")
        return lambda text: len(encode(text))

    def count(text: str) -> int:
        result = tokenizer(text)
        if isinstance(result, int):
            return result
        if hasattr(result, "keys") and "input_ids" in result:
            result = result["input_ids"]
        return len(result)

    return count


@attrs.frozen
class Chunk:
    """One retrieval unit: its text, size, context and where it came from.

    ``blocks`` are indices into ``doc.blocks``; ``provenance`` their regions, in order.
    ``cut`` is true when the chunk starts or ends inside a sentence (only for a sentence longer
    than the limit). ``overlap`` is how many leading characters of ``text`` repeat the
    previous chunk.
    """

    index: int
    text: str
    tokens: int
    headline: str | None = None
    section: str | None = None
    byline: str | None = None
    source: str | None = None
    blocks: tuple[int, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    cut: bool = False
    overlap: int = 0

    @property
    def context(self) -> str:
        """Headline, section and byline as one line, to prefix the text for an embedding."""
        return " — ".join(p for p in (self.headline, self.section, self.byline) if p)

    def to_dict(self) -> dict[str, Any]:
        """The JSON structure of the chunk (the ``chunks`` exporter writes one per line)."""
        from newsingest.serialize import converter

        data: dict[str, Any] = converter.unstructure(self)
        return data


@attrs.frozen
class _Piece:
    """A unit that is never split: a sentence of a paragraph, or a whole block."""

    text: str
    block: int
    heading: bool = False
    joins: bool = False  # continues the previous piece's paragraph (joined by a space)
    cut: bool = False  # this piece ends inside a sentence
    sentence: bool = False  # a sentence of a paragraph (may be repeated as overlap)


_WHOLE = (BlockType.LIST_ITEM, BlockType.QUOTE, BlockType.CAPTION, BlockType.TABLE,
          BlockType.PREFORMATTED, BlockType.HEADING)


def block_text(block: Block) -> str:
    """A block's text as a chunk holds it: a list item with its marker, a table as a Markdown
    table (a chunk read alone must still say it is a list or a table)."""
    if block.type is BlockType.TABLE and block.rows:
        from newsingest.export.markdown import pipe_table

        return pipe_table(block.rows)
    if block.type is BlockType.LIST_ITEM:
        return f"{block.marker or '-'} {block.text}"
    return block.text


def _words_within(text: str, limit: int, count: Callable[[str], int]) -> Iterator[str]:
    """Cut an over-long sentence between words into runs of at most ``limit`` tokens."""
    words = text.split()
    while words:
        low, high = 1, len(words)
        while low < high:  # the longest prefix that fits (at least one word)
            mid = (low + high + 1) // 2
            if count(" ".join(words[:mid])) <= limit:
                low = mid
            else:
                high = mid - 1
        yield " ".join(words[:low])
        words = words[low:]


def _pieces(doc: Document, limit: int, count: Callable[[str], int]) -> Iterator[_Piece]:
    for index, block in enumerate(doc.blocks):
        text = block_text(block)
        if not text.strip():
            continue
        heading = block.type is BlockType.HEADING
        if block.type in _WHOLE and count(text) <= limit:
            yield _Piece(text, index, heading=heading)
            continue
        first = True
        for sentence in sentences(text) if "\n" not in text else text.split("\n"):
            parts = [sentence] if count(sentence) <= limit else list(
                _words_within(sentence, limit, count))
            for n, part in enumerate(parts):
                yield _Piece(part, index, heading=heading, joins=not first,
                             cut=n < len(parts) - 1, sentence=len(parts) == 1)
                first = False


def _join(pieces: Sequence[_Piece]) -> str:
    out = ""
    for n, piece in enumerate(pieces):
        if n:
            out += " " if piece.joins and piece.block == pieces[n - 1].block else "\n\n"
        out += piece.text
    return out


def _remaining(pieces: Sequence[_Piece], count: Callable[[str], int]) -> list[int]:
    """Per piece, the tokens from it to the end of its section (pieces counted one by one)."""
    out = [0] * len(pieces)
    total = 0
    for i in range(len(pieces) - 1, -1, -1):
        piece = pieces[i]
        total += count(piece.text)
        out[i] = total
        if piece.heading and not piece.joins and not (i and pieces[i - 1].heading):
            total = 0  # a section starts here
    return out


def _target(remaining: int, limit: int, overlap: int) -> float:
    """The size a chunk starting with ``remaining`` tokens left in its section aims at: what is
    left spread evenly over the fewest chunks that hold it, so 1.1 × the limit gives two chunks
    of about 0.55 rather than a full one and a scrap. Re-aimed at every chunk start.

    >>> _target(280, 256, 0), _target(200, 256, 0), _target(300, 100, 20)
    (140.0, 200.0, 90.0)
    """
    n = max(1, math.ceil((remaining - overlap) / (limit - overlap)))
    return min(float(limit), (remaining - overlap) / n + overlap if n > 1 else float(remaining))


def chunk(doc: Document, max_tokens: int = 256, overlap: int = 0,
          tokenizer: Tokenizer | None = None, *, balance: bool = True) -> tuple[Chunk, ...]:
    """Cut ``doc``'s body into chunks of at most ``max_tokens`` tokens (see the module doc).

    ``balance`` spreads each section evenly over its chunks (``False``: fill each chunk to the
    limit, leaving the section's rest to the last).

    >>> import newsingest
    >>> doc = newsingest.parse_text("Markets Rally\\n\\nStocks rose. Bonds fell.\\n\\n"
    ...                             "Outlook\\n\\nAnalysts expect more gains.\\n")
    >>> [(c.section, c.text) for c in chunk(doc, max_tokens=50)][-1]
    ('Outlook', 'Outlook\\n\\nAnalysts expect more gains.')
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    if not 0 <= overlap < max_tokens:
        raise ValueError(f"overlap must be from 0 to max_tokens - 1, got {overlap}")
    count = token_counter(tokenizer)
    from newsingest.export.markdown import byline

    context = {"headline": doc.metadata.title, "byline": byline(doc.metadata),
               "source": doc.source.name}
    out: list[Chunk] = []
    current: list[_Piece] = []
    carried = 0  # how many leading pieces of ``current`` repeat the previous chunk
    section: str | None = None
    ended_cut = False  # the last chunk written ends inside a sentence

    def flush() -> None:
        nonlocal current, carried, ended_cut
        if len(current) > carried:
            text = _join(current)
            blocks = tuple(dict.fromkeys(p.block for p in current))
            out.append(Chunk(
                index=len(out), text=text, tokens=count(text), section=section,
                blocks=blocks, provenance=tuple(doc.blocks[i].provenance for i in blocks),
                cut=current[-1].cut or ended_cut,
                overlap=len(_join(current[:carried])) if carried else 0, **context))
            ended_cut = current[-1].cut
        tail: list[_Piece] = []
        for piece in reversed(current[carried:] if overlap else ()):
            if not piece.sentence or count(_join([piece, *tail])) > overlap:
                break
            tail.insert(0, piece)
        current, carried = tail, len(tail)

    pieces = list(_pieces(doc, max_tokens, count))
    remaining = _remaining(pieces, count) if balance else []
    target: float | None = None
    for i, piece in enumerate(pieces):
        if piece.heading and not piece.joins:
            if len(current) > carried and all(p.heading for p in current[carried:]):
                section = f"{section} — {piece.text}" if section else piece.text
            else:
                flush()
                current, carried, ended_cut = [], 0, False  # no overlap across sections
                section = piece.text
        if balance and len(current) == carried:  # a chunk starts: aim it
            target = _target(remaining[i] + count(_join(current)), max_tokens, overlap)
        if current and _full(current, carried, piece, max_tokens, target, count):
            flush()
            while current and count(_join([*current, piece])) > max_tokens:
                current.pop(0)  # the overlap gives way to the new piece
                carried -= 1
            if balance:
                target = _target(remaining[i] + count(_join(current)), max_tokens, overlap)
        current.append(piece)
    flush()
    return tuple(out)


def _full(current: Sequence[_Piece], carried: int, piece: _Piece, limit: int,
          target: float | None, count: Callable[[str], int]) -> bool:
    """Whether ``current`` is a chunk before ``piece``: the piece would not fit, or (aiming at
    ``target``) stopping now lands nearer the target than taking it. A chunk holding only
    headings always takes the next piece: a heading is not cut off from its text."""
    grown = count(_join([*current, piece]))
    if grown > limit:
        return True
    if target is None or grown <= target or all(p.heading for p in current[carried:]):
        return False
    return grown - target > target - count(_join(current))


def chunks_jsonl(doc: Document, max_tokens: int = 256, overlap: int = 0,
                 tokenizer: Tokenizer | None = None) -> str:
    """The chunks of ``doc`` as JSON Lines, one chunk object per line."""
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n"
                   for c in chunk(doc, max_tokens, overlap, tokenizer))
