"""The self-contained HTML view: one file a user can open offline or send to a colleague.

Everything is inline (CSS, a few lines of script, page images as base64 PNG). Each block appears
exactly once as an element with class ``block`` and ``id``/``data-ref`` ``b<N>`` (N = reading
order); its box on the page image, its source lines and any continuation marks share the
``data-ref``, so hovering any of them highlights all of them. PDF inputs show each page image
beside its blocks; text dumps show the source lines beside the blocks they became; HTML inputs
show each block's source element (found from ``provenance.path``). The repair log and warnings
close the page, so what was changed or removed, and where, is on the same page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import attrs

from newsingest.inspection.layout import FURNITURE_COLOUR, STYLES, Item
from newsingest.model import Document, Provenance
from newsingest.repair.pipeline import visible

__all__ = ["PageImage", "SourceElement", "render_html"]

Rect = tuple[int, int, int, int]


@attrs.frozen
class PageImage:
    """A rendered page for the view: PNG bytes as base64, its pixel size, and pixel boxes."""

    number: int
    png_base64: str
    size: tuple[int, int]
    boxes: tuple[tuple[str, Rect], ...] = ()
    columns: tuple[Rect, ...] = ()


@attrs.frozen
class SourceElement:
    """An HTML input's element that a block came from: its source line and markup."""

    line: int | None
    markup: str


_E = html.escape
_TEXT_PREVIEW = 1200

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f4f4f4}
header,section,footer{margin:12px;padding:12px;background:#fff;border:1px solid #ddd}
h1{font-size:18px;margin:0 0 8px}h2{font-size:16px;margin:0 0 8px}
table.meta td{padding:1px 8px 1px 0;vertical-align:top}
.legend span{display:inline-block;margin-right:12px}
.sw{display:inline-block;width:12px;height:12px;border:2px solid var(--c);
 background:color-mix(in srgb,var(--c) 30%,transparent);vertical-align:middle;margin-right:4px}
.page{display:grid;grid-template-columns:minmax(300px,1fr) minmax(300px,1fr);gap:12px}
.sheet{position:relative;border:1px solid #999;align-self:start}
.sheet img{display:block;width:100%;height:auto}
.box{position:absolute;border:2px solid var(--c);background:color-mix(in srgb,var(--c) 15%,
 transparent);box-sizing:border-box;cursor:pointer}
.box .tag{position:absolute;left:-2px;top:-15px;font-size:10px;line-height:13px;
 background:var(--c);color:#fff;padding:0 3px;white-space:nowrap}
.box.furniture{background:repeating-linear-gradient(45deg,transparent 0 4px,
 rgba(128,128,128,.45) 4px 6px)}
.box.title{outline:3px solid #000}
.col{position:absolute;border:2px dashed #a0a;pointer-events:none}
.list{max-height:80vh;overflow:auto}
.item{border-left:6px solid var(--c);padding:4px 8px;margin:0 0 6px;background:#fafafa}
.item.furniture{background:repeating-linear-gradient(45deg,#f4f4f4 0 6px,#e8e8e8 6px 9px)}
.item .head{font-size:12px;color:#555}.item .num{font-weight:bold;color:#000}
.item p{margin:2px 0;white-space:pre-wrap}
.hl{outline:3px solid #000!important;background-color:#fff3a0!important;z-index:5}
.box.hl{background:rgba(255,230,0,.35)!important}
table.rows{border-collapse:collapse;width:100%}
table.rows td{border-top:1px solid #ddd;vertical-align:top;padding:4px;width:50%}
pre.src{margin:0;white-space:pre-wrap;font:12px/1.35 ui-monospace,monospace}
.ln{display:inline-block;width:4em;color:#999;user-select:none}
.src .line.repaired{background:#fff0d0}.src .line.removed{background:#ffd8d8}
.orphan{color:#b00;font-style:italic}.cont{color:#777;font-size:12px}
table.log{border-collapse:collapse}table.log td,table.log th{border:1px solid #ddd;padding:3px 6px;
 vertical-align:top;text-align:left}tr.removed td{background:#ffecec}
code{white-space:pre-wrap;word-break:break-all}
"""

_SCRIPT = """
function mark(e,on){const t=e.target.closest('[data-ref]');if(!t)return;
 document.querySelectorAll('[data-ref="'+t.dataset.ref+'"]').forEach(x=>x.classList.toggle('hl',on));}
document.addEventListener('mouseover',e=>mark(e,true));
document.addEventListener('mouseout',e=>mark(e,false));
document.addEventListener('click',e=>{const t=e.target.closest('.box,.cont');if(!t)return;
 const b=document.getElementById(t.dataset.ref);if(b)b.scrollIntoView({block:'center'});});
"""


def _colour_css() -> str:
    rules = [f".t-{kind.value}{{--c:rgb{colour}}}" for kind, colour in STYLES.items()]
    rules.append(f".furniture{{--c:rgb{FURNITURE_COLOUR}}}")
    return "\n".join(rules)


def _where(prov: Provenance) -> str:
    """Short human form of a provenance, for the log and the block heads.

    >>> _where(Provenance(page=2, bbox=(1, 2, 3, 4)))
    'p. 2 (1.0, 2.0, 3.0, 4.0)'
    >>> _where(Provenance(lines=(3, 5)))
    'lines 3-5'
    """
    parts = []
    if prov.page is not None:
        parts.append(f"p. {prov.page}" + (f" {prov.bbox}" if prov.bbox else ""))
    if prov.lines is not None:
        first, last = prov.lines
        parts.append(f"line {first}" if first == last else f"lines {first}-{last}")
    if prov.path:
        parts.append(prov.path)
    return ", ".join(parts) or "unknown"


def _item(item: Item) -> str:
    """The one element that stands for a block (class ``block``) or furniture piece."""
    cls = "furniture" if item.furniture else f"block t-{item.kind}"
    where = _where(Provenance(page=item.page, bbox=item.bbox, lines=item.lines, path=item.path))
    flags = " \u2605 <b>title</b>" if item.title else ""
    if item.page is not None and item.bbox is None:
        flags += " <i>(no box: not drawn)</i>"
    text = item.text if len(item.text) <= _TEXT_PREVIEW else item.text[:_TEXT_PREVIEW] + " \u2026"
    raw = ""
    if item.raw is not None and item.raw != item.text:
        raw = f"<details><summary>raw</summary><pre class='src'>{_E(item.raw)}</pre></details>"
    return (f'<div class="item {cls}" id="{item.ref}" data-ref="{item.ref}">'
            f'<div class="head"><span class="num">{_E(item.label)}</span>{flags} \u00b7 '
            f'{_E(where)}</div><p>{_E(text)}</p>{raw}</div>')


def _pct(value: int, total: int) -> str:
    return f"{100 * value / max(total, 1):.3f}%"


def _sheet(page: PageImage, by_ref: Mapping[str, Item]) -> str:
    width, height = page.size
    parts = [f'<div class="sheet"><img alt="page {page.number}" width="{width}" '
             f'height="{height}" src="data:image/png;base64,{page.png_base64}">']
    for x0, y0, x1, y1 in page.columns:
        parts.append(f'<div class="col" style="left:{_pct(x0, width)};top:{_pct(y0, height)};'
                     f'width:{_pct(x1 - x0, width)};height:{_pct(y1 - y0, height)}"></div>')
    for ref, (x0, y0, x1, y1) in page.boxes:
        item = by_ref[ref]
        cls = "furniture" if item.furniture else f"t-{item.kind}"
        cls += " title" if item.title else ""
        tag = item.label.split(" ", 1)[0]
        parts.append(f'<div class="box {cls}" data-ref="{ref}" title="{_E(item.label)}" '
                     f'style="left:{_pct(x0, width)};top:{_pct(y0, height)};'
                     f'width:{_pct(x1 - x0, width)};height:{_pct(y1 - y0, height)}">'
                     f'<span class="tag">{_E(tag)}</span></div>')
    parts.append("</div>")
    return "".join(parts)


def _pages_view(items: Sequence[Item], pages: Sequence[PageImage]) -> str:
    by_ref = {item.ref: item for item in items}
    shown = {page.number for page in pages}
    parts = []
    for page in pages:
        on_page = "".join(_item(i) for i in items if i.page == page.number)
        parts.append(f'<section><h2>Page {page.number}</h2><div class="page">'
                     f'{_sheet(page, by_ref)}<div class="list">{on_page}</div></div></section>')
    elsewhere = [i for i in items if i.page is None or not pages]
    hidden = sum(1 for i in items if i.page is not None and i.page not in shown) if pages else 0
    if elsewhere or not pages:
        title = "Blocks without a page" if pages else "Blocks"
        parts.append(f"<section><h2>{title}</h2>{''.join(_item(i) for i in elsewhere)}</section>")
    if hidden:
        parts.append(f"<section><p>{hidden} blocks or furniture pieces are on pages not shown "
                     f"(see --pages).</p></section>")
    return "".join(parts)


def _line_marks(doc: Document) -> dict[int, tuple[list[str], bool]]:
    """Line number -> (repair steps that changed it, whether one of them removed text)."""
    marks: dict[int, tuple[list[str], bool]] = {}
    for repair in doc.repairs:
        for prov in repair.locations:
            if prov.lines is None:
                continue
            for line in range(prov.lines[0], prov.lines[1] + 1):
                steps, removed = marks.get(line, ([], False))
                if repair.step not in steps:
                    steps.append(repair.step)
                marks[line] = (steps, removed or repair.removed)
    return marks


def _source_lines(numbers: Sequence[int], lines: Sequence[str],
                  marks: Mapping[int, tuple[list[str], bool]]) -> str:
    """Numbered source lines; invisible and damaged characters spelled out (``<U+FFFD>``)."""
    out = []
    for n in numbers:
        cls, note = "line", ""
        if n in marks:
            steps, removed = marks[n]
            cls += " removed" if removed else " repaired"
            note = f' title="changed by: {_E(", ".join(steps))}"'
        out.append(f'<span class="{cls}"{note}><span class="ln">{n}</span>'
                   f"{_E(visible(lines[n - 1]))}</span>")
    return "<pre class='src'>" + "\n".join(out) + "</pre>"


def _orphan(doc: Document, words: str) -> str:
    """The note for source lines no block took: which metadata, if any, they hold.

    >>> from newsingest.model import Metadata, Source
    >>> doc = Document(Source(None, "text/plain", "", 0, "text", "1"),
    ...                Metadata(title="Big News", authors=("Ann Lee",)))
    >>> _orphan(doc, "BIG NEWS By ANN LEE")
    "<div class='orphan'>not in any block (holds: metadata title, author)</div>"
    """
    folded = " ".join(words.split()).casefold()
    meta = doc.metadata
    found = []
    if meta.title and " ".join(meta.title.split()).casefold() in folded:
        found.append("metadata title")
    if any(name.casefold() in folded for name in meta.authors if name.strip()):
        found.append("author")
    if meta.published and meta.published.isoformat()[:10] in words:
        found.append("date")
    held = f" (holds: {', '.join(found)})" if found else ""
    return f"<div class='orphan'>not in any block{held}</div>"


def _text_view(doc: Document, items: Sequence[Item], text: str) -> str:
    """Source lines in order, each run beside the block(s) whose ``lines`` span covers it."""
    lines = text.split("\n")
    owners: dict[int, list[str]] = {}
    for item in items:
        if item.lines is not None:
            for n in range(max(1, item.lines[0]), min(len(lines), item.lines[1]) + 1):
                owners.setdefault(n, []).append(item.ref)
    by_ref = {item.ref: item for item in items}
    marks = _line_marks(doc)
    title = " ".join((doc.metadata.title or "").split()).casefold()
    rows: list[str] = []
    seen: set[str] = set()
    n = 1
    while n <= len(lines):
        key = owners.get(n, [])
        run = [n]
        while run[-1] < len(lines) and owners.get(run[-1] + 1, []) == key:
            run.append(run[-1] + 1)
        n = run[-1] + 1
        cells = []
        for ref in key:
            if ref in seen:
                cells.append(f'<div class="cont" data-ref="{ref}">\u21b3 continues '
                             f'{_E(by_ref[ref].label)}</div>')
            else:
                seen.add(ref)
                cells.append(_item(by_ref[ref]))
        if not key:
            words = " ".join(" ".join(lines[i - 1] for i in run).split())
            if not words:
                if len(run) <= 2 and not any(i in marks for i in run):
                    continue  # plain blank lines between blocks
                cells.append("")
            elif words.casefold() == title:
                cells.append("<div class='cont'>metadata title</div>")
            else:
                cells.append(_orphan(doc, words))
        rows.append(f"<tr><td>{_source_lines(run, lines, marks)}</td><td>{''.join(cells)}"
                    "</td></tr>")
    rest = [i for i in items if i.ref not in seen]
    if rest:
        rows.append("<tr><td><i>no source line span</i></td><td>"
                    f"{''.join(_item(i) for i in rest)}</td></tr>")
    return ("<section><h2>Source lines \u2192 blocks</h2><table class='rows'>"
            f"{''.join(rows)}</table></section>")


def _elements_view(items: Sequence[Item], elements: Mapping[str, SourceElement]) -> str:
    """Each block beside the source element its ``provenance.path`` names."""
    rows = []
    for item in items:
        found = elements.get(item.path or "")
        if found is not None:
            line = f"line {found.line}: " if found.line is not None else ""
            left = (f"<div class='head'>{_E(line)}<code>{_E(item.path or '')}</code></div>"
                    f"<pre class='src'>{_E(found.markup)}</pre>")
        elif item.path:
            left = (f"<code>{_E(item.path)}</code> <span class='orphan'>(no such element in the "
                    "source)</span>")
        else:
            left = "<i>no element path</i>"
        rows.append(f'<tr><td data-ref="{item.ref}">{left}</td><td>{_item(item)}</td></tr>')
    return ("<section><h2>Source elements \u2192 blocks</h2><table class='rows'>"
            f"{''.join(rows)}</table></section>")


def _repair_log(doc: Document) -> str:
    if not doc.repairs:
        return "<section><h2>Repair log</h2><p>No repair changed the text.</p></section>"
    rows = []
    for repair in doc.repairs:
        where = "; ".join(_where(p) for p in repair.locations[:20])
        if len(repair.locations) > 20:
            where += f"; \u2026 {len(repair.locations) - 20} more"
        cls = " class='removed'" if repair.removed else ""
        rows.append(f"<tr{cls}><td>{_E(repair.step)}</td><td>{_E(repair.description)}</td>"
                    f"<td>{repair.count}</td><td>{'removed text' if repair.removed else ''}</td>"
                    f"<td><code>{_E(repair.before)}</code></td>"
                    f"<td><code>{_E(repair.after)}</code></td><td>{_E(where)}</td></tr>")
    return ("<section><h2>Repair log</h2><table class='log'><tr><th>step</th><th>what</th>"
            "<th>changes</th><th></th><th>before</th><th>after</th><th>where</th></tr>"
            f"{''.join(rows)}</table></section>")


def _header(doc: Document, items: Sequence[Item]) -> str:
    meta = doc.metadata
    src = doc.source
    blocks = sum(1 for i in items if not i.furniture)
    title = meta.title or "\u2014"
    if meta.title and not any(i.title for i in items):
        title += "  (in metadata only: no block holds it)"
    rows = [("source", src.name or "<bytes>"), ("parser", f"{src.parser} {src.parser_version}"),
            ("media type", src.media_type), ("sha256", src.sha256[:16] + "\u2026"),
            ("title", title), ("authors", ", ".join(meta.authors) or "\u2014"),
            ("published", meta.published.isoformat() if meta.published else "\u2014"),
            ("counts", f"{blocks} blocks, {len(items) - blocks} furniture, "
                       f"{len(doc.repairs)} repairs, {len(doc.warnings)} warnings")]
    table = "".join(f"<tr><td>{_E(k)}</td><td>{_E(v)}</td></tr>" for k, v in rows)
    legend = "".join(f"<span class='t-{k.value}'><i class='sw'></i>{k.value.replace('_', ' ')}"
                     "</span>" for k in STYLES)
    legend += "<span class='furniture'><i class='sw'></i>furniture</span>"
    return (f"<header><h1>newsingest inspect: {_E(src.name or '<bytes>')}</h1>"
            f"<table class='meta'>{table}</table><p class='legend'>{legend} \u2605 title</p>"
            "</header>")


def _warnings(doc: Document) -> str:
    if not doc.warnings:
        return ""
    rows = "".join(f"<li><b>{_E(w.code)}</b>: {_E(w.message)}"
                   f"{' (' + _E(_where(w.provenance)) + ')' if w.provenance else ''}</li>"
                   for w in doc.warnings)
    return f"<section><h2>Warnings</h2><ul>{rows}</ul></section>"


def render_html(doc: Document, items: Sequence[Item], *, pages: Sequence[PageImage] = (),
                source_text: str | None = None,
                elements: Mapping[str, SourceElement] | None = None) -> str:
    """The whole page. Give ``pages`` (PDF), ``source_text`` (text dump) or ``elements``
    (HTML input, by path); with none of them the blocks are simply listed."""
    if source_text is not None:
        body = _text_view(doc, items, source_text)
    elif elements is not None:
        body = _elements_view(items, elements)
    else:
        body = _pages_view(items, pages)
    name = doc.source.name or "<bytes>"
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>inspect: {_E(name)}</title><style>{_CSS}{_colour_css()}</style></head>"
            f"<body>{_header(doc, items)}{body}{_warnings(doc)}{_repair_log(doc)}"
            f"<script>{_SCRIPT}</script></body></html>\n")
