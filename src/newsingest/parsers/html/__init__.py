"""HTML pages: the article body as typed blocks, with the page's news metadata.

The pipeline is decode → parse (lxml) → mark code, hidden parts and furniture → cut the page into
blocks → pick the subtree holding the article → filter clutter inside it → repair the text →
build the Document. Every block keeps the element path it came from. So that nothing disappears
unexplained, furniture keeps the blocks dropped from inside the article, the subtrees skipped
inside it (asides, bylines, comments) and the landmarks around it (site header, menus, footer,
sidebars), each with a kind (:mod:`.furniture`). Code and hidden elements are never text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar
from urllib.parse import urljoin

import attrs

from newsingest.__about__ import __version__
from newsingest.decode import looks_binary
from newsingest.errors import UnsupportedFormatError
from newsingest.hookspecs import hookimpl
from newsingest.meta.html import choose_title, extract_metadata, without_site
from newsingest.model import (
    Block,
    BlockType,
    Document,
    Furniture,
    Link,
    Metadata,
    ParseWarning,
    Provenance,
    Repair,
)
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.parsers.html.blocks import RawBlock, linearize
from newsingest.parsers.html.clean import CODE_TAGS, skipped_elements, soft_skips
from newsingest.parsers.html.content import (
    choose_root,
    evidence_words,
    is_prose,
    is_sentences,
    plain_text,
    visual_length,
    words,
)
from newsingest.parsers.html.dom import MAX_DEPTH, parse_tree, strip_nuls
from newsingest.parsers.html.furniture import Item, page_furniture
from newsingest.parsers.html.headline import headline, sole_h1
from newsingest.parsers.html.select import Selection, select_blocks

__all__ = ["HtmlParser", "register_parsers"]

_HTML_MARK = re.compile(rb"<!doctype\s+html|<html|<head|<body|<meta\s|<title", re.I)
#: A document that opens with a style sheet, a script or a comment is markup (pages saved
#: from a CMS fragment often do), not a text dump that mentions a tag.
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--|<style[\s>]|<script[\s>])", re.I)


class HtmlParser:
    """Article body and metadata from HTML."""

    name = "html"
    version = __version__
    media_types = ("text/html", "application/xhtml+xml")
    extensions = (".html", ".htm", ".xhtml")
    #: Options this parser reads from ``ParseContext.options`` (``convert --option``).
    option_types: ClassVar[dict[str, type]] = {"htmldate": bool, "captions": bool, "url": str}

    def sniff(self, head: bytes) -> float:
        return 0.9 if _HTML_MARK.search(head) or _MARKUP_START.match(head) else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        if (not _HTML_MARK.search(source.head) and not _MARKUP_START.match(source.head)
                and looks_binary(source.head)):
            raise UnsupportedFormatError(
                "binary data, not HTML (is it a PDF or an image with a wrong name?)",
                source=source.label,
            )
        record = source.source(self, "text/html")
        data, nuls = strip_nuls(source.data)
        warnings: list[ParseWarning] = []
        if nuls:
            warnings.append(ParseWarning("nul-bytes", f"{nuls} NUL bytes in the markup were "
                                         "dropped (damage: they are never text)"))
        root, _encoding = parse_tree(data, source.label)
        if root is None:
            warnings.append(ParseWarning("empty-html", "the page has no markup or text to parse"))
            return Document(source=record, warnings=tuple(warnings))
        url = context.options.get("url")
        meta = extract_metadata(root, use_htmldate=bool(context.options.get("htmldate", True)),
                                url=url if isinstance(url, str) and url.strip() else None)
        warnings.extend(meta.warnings)
        found = extract_body(root, meta.metadata, meta.article_body,
                             captions=bool(context.options.get("captions", True)))
        body, dropped, deepest = list(found.kept), list(found.dropped), found.deepest
        metadata = meta.metadata
        # A heading below <h1> names the headline only on a page that states no title.
        head = (found.headline if found.headline_level == 1 or metadata.title is None
                else sole_h1(root))
        title = choose_title(metadata.title, meta.page_title, head, metadata.site_name)
        if title != metadata.title:
            metadata = attrs.evolve(metadata, title=title)
            # The headline is metadata, not body.
            def is_title(block: RawBlock) -> bool:
                return block.type is BlockType.HEADING and (
                    block.text == title or without_site(block.text, metadata.site_name) == title)

            dropped.extend(b for b in body if is_title(b))
            body = [b for b in body if not is_title(b)]
        if meta.article_body and body_from_jsonld(body, meta.article_body, root, dropped):
            warnings.append(ParseWarning(
                "jsonld-body", "the page's markup holds little of the article (a script renders "
                "it); the text comes from the page's JSON-LD articleBody"))
        if deepest >= MAX_DEPTH - 3:  # below <html><body>
            warnings.append(ParseWarning(
                "nesting-too-deep",
                f"elements are nested deeper than {MAX_DEPTH} levels; the HTML parser dropped "
                "the content below that depth"))
        if not body:
            warnings.append(ParseWarning("no-article", "no article text found on the page"))
        path_of = ElementPaths()
        base = _base_url(root, url if isinstance(url, str) else None, metadata.url)
        blocks, repairs = _repair(body, context, path_of, base)
        if metadata.title:
            # The title is text the page shows too: the same repairs (mojibake in <title> and
            # <h1> alike), logged; where in the page it came from is not known.
            fixed_title, title_repairs = context.repair(
                " ".join(metadata.title.split()), lambda _line: Provenance())
            if title_repairs and fixed_title.strip():
                metadata = attrs.evolve(metadata, title=fixed_title.strip())
                repairs = (*repairs, *title_repairs)
        return Document(source=record, metadata=metadata, blocks=blocks,
                        furniture=tuple(_furniture(found.furniture(dropped), path_of)),
                        repairs=repairs,
                        warnings=tuple(warnings))


@attrs.frozen
class Extraction:
    """What :func:`extract_body` found: the article's blocks, the blocks dropped from inside it,
    the deepest element nesting, the headline the headings give (for pages whose metadata has
    no title), and what :func:`page_furniture` needs to record the rest of the page."""

    kept: tuple[RawBlock, ...]
    dropped: tuple[RawBlock, ...]
    deepest: int
    headline: str | None = None
    blocks: tuple[RawBlock, ...] = ()
    marks: tuple[tuple[int, Any], ...] = ()
    top: Any = None
    skipped: frozenset[Any] = frozenset()
    code: frozenset[Any] = frozenset()
    headline_level: int | None = None

    def furniture(self, dropped: Iterable[RawBlock]) -> list[Item]:
        """The page's furniture, ``dropped`` (this extraction's, or more) among the rest."""
        return page_furniture(self.blocks, dropped, self.marks, self.top, set(self.skipped),
                              set(self.code))


#: A JSON-LD ``articleBody`` shorter than this share of the page's prose is not the whole text.
EVIDENCE_SHARE = 0.25
#: When the body kept holds less than this share of the page's prose, the extraction is tried
#: again with the soft furniture admitted (and kept if that holds more).
RETRY_SHARE = 0.25


def _prose_map(blocks: Sequence[RawBlock], hard: frozenset[Any],
               soft: frozenset[Any]) -> dict[Any, float]:
    """Prose length below each soft-furniture element, and the page's (key ``None``), leaving
    out what hard furniture holds (a long comment thread is no reason to admit a sidebar)."""
    prose: dict[Any, float] = {None: 0.0}
    for block in blocks:
        if not is_sentences(block):
            continue
        chain = list(block.element.iterancestors())
        chain.append(block.element)
        if any(node in hard for node in chain):
            continue
        length = float(visual_length(block.text) - block.link_chars)
        prose[None] += length
        for node in chain:
            if node in soft:
                prose[node] = prose.get(node, 0.0) + length
    return prose


@attrs.frozen
class _Attempt:
    """One walk of the page with one set of skipped elements, and what it kept."""

    blocks: list[RawBlock]
    deepest: int
    marks: list[tuple[int, Any]]
    chosen: Selection
    top: Any
    skip: set[Any]
    code: set[Any]
    prose: float


#: When the body kept holds less than this share of the text the page hides, the hidden parts
#: are read too (and their reading kept if it holds more prose).
HIDDEN_SHARE = 0.25


def _hidden_text(code: set[Any], never: set[Any]) -> int:
    """Characters of text in the hidden parts of the page (``code`` less the code and media
    elements, ``never``), each counted once."""
    total = 0
    for el in code - never:
        if not any(node in code for node in el.iterancestors()):
            total += sum(len(piece.strip()) for piece in el.itertext())
    return total


def _prose_of(blocks: Iterable[RawBlock]) -> float:
    return float(sum(visual_length(b.text) - b.link_chars for b in blocks if is_prose(b)))


def extract_body(
    root: Any, metadata: Metadata, article_body: str | None = None, *, captions: bool = True
) -> Extraction:
    """Find the article in the page rooted at ``root`` and cut it into blocks."""
    body = root.find("body")
    if body is None:
        body = root
    skips = skipped_elements(body)
    evidence = evidence_words(article_body)
    code = set(skips.code)
    full, _, _ = linearize(body, code)
    prose = _prose_map(full, skips.hard, skips.soft)
    if evidence is not None and evidence.complete and (
            evidence.length < EVIDENCE_SHARE * prose[None]):
        # A copy much shorter than the page's prose is a summary or the first part (listicles
        # state their intro): it vouches for what it holds, not against the rest.
        evidence = attrs.evolve(evidence, complete=False)
    admitted = soft_skips(skips, prose)
    furniture = set(skips.hard | admitted)
    never = {el for el in code if el.tag in CODE_TAGS}
    # Furniture rules can be wrong on odd pages (a whole page in a <form>, a body class that
    # reads like a sidebar, an article hidden until a script reveals it): when they keep little
    # of the page's prose, try again admitting the soft furniture, then skipping only what is
    # never text.
    hard = set(skips.hard)

    def attempt(skip: set[Any], record: set[Any], never_text: set[Any],
                prose_only: bool = False) -> _Attempt:
        blocks, deepest, marks = linearize(body, skip, record)
        top = choose_root(blocks, evidence, prose_only=prose_only)
        chosen = Selection() if top is None else select_blocks(
            blocks, top, metadata.title, evidence, captions=captions)
        return _Attempt(blocks, deepest, marks, chosen, top, skip, never_text,
                        _prose_of(chosen.kept))

    best = attempt(code | furniture, furniture, code)
    if admitted and best.prose < RETRY_SHARE * prose[None]:
        retry = attempt(code | hard, hard, code)
        if retry.chosen.kept and retry.prose > best.prose:
            best = retry
    if not best.chosen.kept or best.prose < HIDDEN_SHARE * _hidden_text(code, never):
        # Nothing kept, or the page hides far more text than it shows: a script reveals the
        # article (streamed server rendering parks it in a hidden element until it loads).
        retry = attempt(never, set(), never)
        if retry.chosen.kept and retry.prose > best.prose:
            best = retry
    if not best.chosen.kept:
        retry = attempt(code | furniture, furniture, code, prose_only=True)
        if retry.chosen.kept:
            best = retry
    blocks, deepest, marks, chosen, top = (best.blocks, best.deepest, best.marks, best.chosen,
                                           best.top)
    skip, code = best.skip, best.code
    kept, dropped = chosen.kept, chosen.dropped
    head = headline(blocks, chosen, top) if top is not None else None
    if head is not None and metadata.title is None and any(b is head for b in kept):
        # The heading that opened the text is the headline: metadata, not body.
        kept = tuple(b for b in kept if b is not head)
        dropped = (head, *dropped)
    return Extraction(kept, dropped, deepest, head.text if head is not None else None,
                      tuple(blocks), tuple(marks), top, frozenset(skip), frozenset(code),
                      head.level if head is not None else None)


#: The markup must hold this share of the JSON-LD ``articleBody`` words, or that copy is used.
JSONLD_SHARE = 0.4
_LINES = re.compile(r"\s*\n\s*")


def body_from_jsonld(
    body: list[RawBlock], article_body: str, root: Any, furniture: list[RawBlock]
) -> bool:
    """Replace ``body`` by the JSON-LD copy when the markup has little of it: pages rendered by
    a script carry the article only there. The markup's blocks go to ``furniture`` (nothing is
    lost unexplained). Return True when it did."""
    text = plain_text(article_body)
    wanted = len(words(text))
    if wanted < 60 or sum(len(words(b.text)) for b in body) >= JSONLD_SHARE * wanted:
        return False
    script = next((el for el in root.iter("script")
                   if "ld+json" in (el.get("type") or "").lower()), root)
    furniture.extend(body)
    body[:] = [RawBlock(BlockType.PARAGRAPH, " ".join(line.split()), script)
               for line in _LINES.split(text) if line.strip()]
    return True


class ElementPaths:
    """Element paths as ``lxml``'s ``getpath`` writes them (``/html/body/div[2]/p``), memoised.

    ``getpath`` scans all siblings for every call, which is quadratic on a page with 50,000
    paragraphs in one container; here each parent's children are numbered once.
    """

    def __init__(self) -> None:
        self._paths: dict[Any, str] = {}
        self._steps: dict[Any, str] = {}

    def _number(self, parent: Any) -> None:
        counts: dict[str, int] = {}
        for child in parent:
            if isinstance(child.tag, str):
                counts[child.tag] = counts.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in parent:
            tag = child.tag
            if isinstance(tag, str):
                seen[tag] = seen.get(tag, 0) + 1
                self._steps[child] = f"{tag}[{seen[tag]}]" if counts[tag] > 1 else tag

    def __call__(self, el: Any) -> str:
        chain = []
        node = el
        while node is not None and node not in self._paths:
            chain.append(node)
            node = node.getparent()
        path = self._paths.get(node, "") if node is not None else ""
        for item in reversed(chain):
            parent = item.getparent()
            if parent is None:
                path = f"/{item.tag}"
            else:
                if item not in self._steps:
                    self._number(parent)
                path = f"{path}/{self._steps[item]}"
            self._paths[item] = path
        return path


def _base_url(root: Any, url: str | None, stated: str | None) -> str | None:
    """What relative links resolve against: ``<base href>``, else the page's address as given,
    else the one it states (canonical, ``og:url``)."""
    base = root.find(".//base[@href]")
    page = url or stated
    if base is not None:
        return urljoin(page or "", str(base.get("href")).strip())
    return page


def _links(block: RawBlock, text: str, base: str | None) -> tuple[Link, ...]:
    """The block's anchors located in its final text (in order; one a repair changed beyond
    recognition is left out), with absolute addresses."""
    links: list[Link] = []
    cursor = 0
    for anchor, href in block.anchors:
        found = text.find(anchor, cursor)
        if found < 0:
            continue
        cursor = found + len(anchor)
        links.append(Link(found, cursor, urljoin(base, href) if base else href))
    return tuple(links)


def _repair(
    raw: Sequence[RawBlock], context: ParseContext, path_of: ElementPaths,
    base: str | None = None,
) -> tuple[tuple[Block, ...], tuple[Repair, ...]]:
    """Repair all block texts in one pass: one line per block (more for ``pre``/tables, and
    for paragraphs whose lines ``<br>`` ends).

    A block's ``raw`` is set only where the parser joined lines: a paragraph of ``<br>``-ended
    lines keeps them, repaired, in ``raw``. Whitespace folding is no rewrite worth a ``raw``,
    and what a repair step changed is in the repair log.
    """
    if not raw:
        return (), ()
    lines: list[str] = []
    owner: list[int] = []
    indents: list[str] = []
    paths: list[str | None] = []
    for index, block in enumerate(raw):
        paths.append(path_of(block.element))
        for line in _lines(block):
            # Indentation in ``pre`` is content; repair steps that trim lines must not see it.
            rest = line.lstrip(" \t") if block.type is BlockType.PREFORMATTED else line
            indents.append(line[: len(line) - len(rest)])
            lines.append(rest)
            owner.append(index)

    def locate(line: int) -> Provenance:
        return Provenance(path=paths[owner[line]] if 0 <= line < len(owner) else None)

    fixed, repairs = context.repair("\n".join(lines), locate)
    fixed_lines = fixed.split("\n")
    texts: list[list[str]] = [[] for _ in raw]
    for line, indent, index in zip(fixed_lines, indents, owner, strict=True):
        texts[index].append(indent + line)
    blocks = []
    for index, block in enumerate(raw):
        before = None
        if block.breaks:
            parts = [part for part in (line.strip() for line in texts[index]) if part]
            text = " ".join(part.rstrip("\u00ad") for part in parts)  # a soft hyphen at a break
            before = "\n".join(parts) if len(parts) > 1 else None
        else:
            text = "\n".join(texts[index])
            text = text.strip("\n") if block.type is BlockType.PREFORMATTED else text.strip()
        if not text:
            continue
        blocks.append(Block(
            block.type, text, raw=before,
            provenance=Provenance(path=paths[index]),
            level=block.level if block.type is BlockType.HEADING else None,
            ordered=block.ordered if block.type is BlockType.LIST_ITEM else None,
            marker=block.marker if block.type is BlockType.LIST_ITEM else None,
            depth=block.depth if block.type is BlockType.LIST_ITEM else None,
            rows=block.rows if block.type is BlockType.TABLE else None,
            links=_links(block, text, base) if block.anchors else (),
        ))
    return tuple(blocks), repairs


def _lines(block: RawBlock) -> list[str]:
    """The block's text as lines: its own (``pre``, tables) or those ``<br>`` ended."""
    if not block.breaks:
        return block.text.split("\n")
    ends = (*block.breaks, len(block.text))
    starts = (0, *(end + 1 for end in block.breaks))
    return [block.text[start:end] for start, end in zip(starts, ends, strict=True)]


def _furniture(items: Sequence[Item], path_of: ElementPaths) -> list[Furniture]:
    return [Furniture(item.kind, item.text, provenance=Provenance(path=path_of(item.element)))
            for item in items]


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(HtmlParser())
