"""Build a held-out-like corpus: the articles of ``articles.py`` set by other typesetters.

The dev corpus is all headless Chromium. This corpus sets the same kind of news text with
reportlab (platypus frames: one and two columns, justified, first-line indents, hyphenation,
ListFlowable lists, indented quotes, running heads drawn in page callbacks), fpdf2 (multi_cell
and ``text_columns``) and, when ``soffice`` is installed, LibreOffice (python-docx documents
converted to PDF). Fonts, sizes, margins, bylines, date lines and Info titles vary.

Each ``NAME.pdf`` gets a ``NAME.gold.json`` in the shared gold format (``family`` is the
design), so ``/work/shared/bench/score.py docs`` scores it. Usage:
``python bench/typesetters/make_corpus.py [OUT_DIR]`` (default ``bench/out/typesetters``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import ARTICLES, Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "out" / "typesetters"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
Blocks = list[tuple[str, str]]


def _font(name: str) -> Path | None:
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    return None


def _date_forms(published: str) -> list[str]:
    month, day, year = published.replace(",", "").split()
    return [published, f"{int(day)} {month} {year}",
            f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}", f"Published {published}"]


def _byline(article: Article, variant: int) -> tuple[str, str | None]:
    """The byline and a separate date line (None when the byline carries the date)."""
    names = " and ".join(article.authors)
    dates = _date_forms(article.published)
    if variant % 3 == 1:
        return f"By {names} | {dates[variant % 2]}", None
    return f"By {names}", dates[variant % len(dates)]


def _info_title(article: Article, variant: int) -> str | None:
    return [article.title, "Microsoft Word - draft.docx", None, "story.html"][variant % 4]


def _quoted(blocks: Blocks) -> Blocks:
    """Typographic quotation marks around quotes (part of the text, so part of the gold)."""
    return [(t, f"\u201c{x}\u201d" if t == "quote" else x) for t, x in blocks]


def _gold(article: Article, family: str, blocks: Blocks) -> dict[str, Any]:
    return {"title": article.title, "authors": list(article.authors),
            "published": article.published, "family": family,
            "blocks": [{"type": t, "text": x} for t, x in blocks]}


def _groups(blocks: Blocks) -> list[tuple[str, list[str]]]:
    """Consecutive list items grouped, other blocks alone."""
    out: list[tuple[str, list[str]]] = []
    for kind, text in blocks:
        if kind == "list_item" and out and out[-1][0] == "list_item":
            out[-1][1].append(text)
        else:
            out.append((kind, [text]))
    return out


def _split_number(text: str) -> tuple[str | None, str]:
    head, _, rest = text.partition(" ")
    if head[:-1].isdigit() and head.endswith("."):
        return head, rest
    return None, text


# --------------------------------------------------------------------------------- reportlab

_RL_FONTS: dict[str, tuple[str, str, str, str]] = {
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
}


def _rl_family(name: str) -> tuple[str, str, str, str]:
    """Register a TTF family with reportlab (DejaVuSerif, LiberationSans, ...)."""
    if name in _RL_FONTS:
        return _RL_FONTS[name]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    stems = {"DejaVuSerif": ("", "-Bold", "-Italic", "-BoldItalic"),
             "DejaVuSans": ("", "-Bold", "-Oblique", "-BoldOblique"),
             "LiberationSerif": ("-Regular", "-Bold", "-Italic", "-BoldItalic"),
             "LiberationSans": ("-Regular", "-Bold", "-Italic", "-BoldItalic")}[name]
    faces = []
    for stem in stems:
        path = _font(f"{name}{stem}.ttf")
        assert path is not None, name
        face = f"{name}{stem or '-Regular'}"
        pdfmetrics.registerFont(TTFont(face, str(path)))
        faces.append(face)
    _RL_FONTS[name] = (faces[0], faces[1], faces[2], faces[3])
    return _RL_FONTS[name]


def _hyphenation() -> dict[str, Any]:
    try:
        import pyphen  # noqa: F401
    except ImportError:
        return {}
    return {"hyphenationLang": "en_GB", "embeddedHyphenation": 1, "uriWasteReduce": 0.3}


def reportlab_doc(article: Article, path: Path, *, family: str, fonts: str, size: float,
                  leading: float, columns: int, justify: bool, indent: float, gap: float,
                  italic_quotes: bool, pagesize: tuple[float, float], margin: float,
                  head: str | None, foot: str, variant: int, hyphenate: bool,
                  heading_size: float | None = None, quote_marks: bool = False,
                  nameplate: str | None = None, inline: int = 0,
                  caps_headings: bool = False, copyright_line: bool = False
                  ) -> dict[str, Any]:
    """One article with reportlab platypus; returns its gold. A ``nameplate`` (the paper's
    name, set larger than the headline) and its date line go above the headline."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        ListFlowable,
        ListItem,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    regular, bold, italic, _ = _rl_family(fonts)
    hy = _hyphenation() if hyphenate else {}
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=leading,
                          alignment=TA_JUSTIFY if justify else TA_LEFT, firstLineIndent=indent,
                          spaceAfter=gap, **hy)
    first = ParagraphStyle("first", parent=body, firstLineIndent=0)
    heading = ParagraphStyle("heading", parent=body, fontName=bold,
                             fontSize=heading_size or size, leading=(heading_size or size) * 1.25,
                             firstLineIndent=0, spaceBefore=max(gap, leading * 0.6),
                             spaceAfter=max(gap, 3), alignment=TA_LEFT, hyphenationLang="")
    quote = ParagraphStyle("quote", parent=body, fontName=italic if italic_quotes else regular,
                           leftIndent=2.2 * size, rightIndent=2.2 * size, firstLineIndent=0,
                           spaceBefore=max(gap, leading * 0.5), spaceAfter=max(gap, leading * 0.5))
    item = ParagraphStyle("item", parent=body, firstLineIndent=0, spaceAfter=max(gap / 2, 1))
    title = ParagraphStyle("title", fontName=bold, fontSize=size * 2.1, leading=size * 2.5,
                           spaceAfter=size)
    byline = ParagraphStyle("byline", fontName=italic, fontSize=size * 0.9, leading=size * 1.2)
    blocks: Blocks = _quoted(list(article.blocks)) if quote_marks else list(article.blocks)
    story: list[Any] = []
    if nameplate:
        plate = ParagraphStyle("plate", fontName=bold, fontSize=size * 3.4, leading=size * 3.8,
                               alignment=1)
        small = ParagraphStyle("small", fontName=regular, fontSize=size * 0.85,
                               leading=size * 1.4, alignment=1, spaceAfter=size * 0.6)
        story += [Paragraph(escape(nameplate), plate),
                  Paragraph(escape(f"Vol. CXII No. {variant + 40}  \u2022  "
                                   f"{article.published}  \u2022  Two dollars"), small)]
    story.append(Paragraph(escape(article.title), title))
    by, dateline = _byline(article, variant)
    story.append(Paragraph(escape(by), byline))
    if dateline:
        story.append(Paragraph(escape(dateline), byline))
    story.append(Spacer(1, leading))
    width, height = pagesize
    if columns > 1:
        story.append(FrameBreak())
    if caps_headings:
        blocks = [(t, x.upper() if t == "heading" else x) for t, x in blocks]
    after_break = True
    for n, (kind, texts) in enumerate(_groups(blocks)):
        if kind == "paragraph":
            markup = escape(texts[0])
            if inline:  # a bold lead-in and a long italic span inside the paragraph
                words = markup.split(" ")
                if n == 0:
                    words[0] = f"<b>{words[0]}"
                    words[1] = f"{words[1]}</b>"
                elif n % 2 and len(words) > inline + 4:
                    words[3] = f"<i>{words[3]}"
                    words[3 + inline] = f"{words[3 + inline]}</i>"
                markup = " ".join(words)
            story.append(Paragraph(markup, first if after_break else body))
        elif kind == "heading":
            story.append(Paragraph(escape(texts[0]), heading))
        elif kind == "quote":
            story.append(Paragraph(escape(texts[0]), quote))
        else:
            number, _ = _split_number(texts[0])
            items = [ListItem(Paragraph(escape(_split_number(t)[1]), item)) for t in texts]
            story.append(ListFlowable(
                items, bulletType="1" if number else "bullet", start=None if number else "\u2022",
                leftIndent=1.6 * size, bulletFontName=regular, bulletFontSize=size,
                bulletFormat="%s." if number else None))
        after_break = kind != "paragraph" and indent > 0
    gutter = 14.0
    col_w = (width - 2 * margin - gutter * (columns - 1)) / columns
    top_h = 0.0
    if columns > 1:
        top_h = (150.0 if len(article.title) < 60 else 190.0) + (60.0 if nameplate else 0.0)
    frames_first = []
    frames_later = []
    if columns > 1:
        frames_first.append(Frame(margin, height - margin - top_h, width - 2 * margin, top_h,
                                  id="head", leftPadding=0, rightPadding=0))
    for c in range(columns):
        x = margin + c * (col_w + gutter)
        frames_first.append(Frame(x, margin, col_w, height - 2 * margin - top_h, id=f"c{c}",
                                  leftPadding=0, rightPadding=0, topPadding=0))
        frames_later.append(Frame(x, margin, col_w, height - 2 * margin, id=f"l{c}",
                                  leftPadding=0, rightPadding=0, topPadding=0))

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, max(size - 2, 6))
        n = doc.page
        if head and (n > 1 or variant % 2):
            canvas.drawString(margin, height - margin * 0.6, head)
            canvas.drawRightString(width - margin, height - margin * 0.6, article.published)
        canvas.drawCentredString(width / 2, margin * 0.45, foot.format(n=n))
        if copyright_line:
            canvas.setFont(regular, 6.5)
            canvas.drawString(margin, margin * 0.45, "\u00a9 2026 Riverside Media Ltd. All "
                              "rights reserved. riverside-media.example/news")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=_info_title(article, variant) or "",
                          author=", ".join(article.authors) if variant % 2 else "")
    doc.addPageTemplates([PageTemplate("first", frames_first, onPage=furniture),
                          PageTemplate("later", frames_later, onPage=furniture)])
    doc.build([NextPageTemplate("later"), *story])
    return _gold(article, family, blocks)


# --------------------------------------------------------------------- hand-set, TeX-like


def _hyphenator() -> Any:
    try:
        import pyphen
    except ImportError:
        return None
    return pyphen.Pyphen(lang="en_GB")


def _set_lines(words: list[str], width: float, measure: Callable[[str], float],
               first_indent: float, hyphenator: Any, hang: tuple[int, float] = (0, 0.0)
               ) -> list[tuple[list[str], bool]]:
    """Greedy line breaking with hyphenation: lines of words, and whether each is the last.
    ``hang`` = (lines, width) narrows the first lines (beside a drop cap)."""
    lines: list[tuple[list[str], bool]] = []
    current: list[str] = []
    queue = list(words)
    space = measure(" ")
    while queue:
        word = queue.pop(0)
        room = width - (first_indent if not lines else 0.0) - (
            hang[1] if len(lines) < hang[0] else 0.0)
        used = sum(measure(w) for w in current) + space * len(current)
        if used + measure(word) <= room:
            current.append(word)
            continue
        if hyphenator is not None and word.isalpha() and len(word) > 5:
            for head, tail in hyphenator.iterate(word):
                if used + measure(head + "-") <= room:
                    current.append(head + "-")
                    queue.insert(0, tail)
                    break
            else:
                queue.insert(0, word)
        else:
            queue.insert(0, word)
        lines.append((current, False))
        current = []
    lines.append((current, True))
    return lines


def hand_set(article: Article, path: Path, *, variant: int) -> dict[str, Any]:
    """A TeX-like typesetter: every word drawn on its own (no space glyphs, as pdfTeX does),
    lines justified by moving words, syllable hyphenation with ``-``, a centred title block,
    first-line indents without gaps, quotes indented both sides in a smaller size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    regular, bold, italic, _ = _rl_family("LiberationSerif" if variant % 2 else "Times")
    size, leading = 10.0, 12.5
    width, height = 612.0, 792.0
    left, right, top, bottom = 108.0, 504.0, 90.0, 700.0
    hyphenator = _hyphenator()
    c = canvas.Canvas(str(path), pagesize=(width, height))
    info = _info_title(article, variant)
    if info:
        c.setTitle(info)
    page = 1
    y = top

    def newline(step: float) -> None:
        nonlocal y, page
        y += step
        if y > bottom:
            c.setFont(regular, size)
            c.drawCentredString(width / 2, height - 740, str(page))
            c.showPage()
            page += 1
            c.setFont(italic, 9)
            c.drawString(left, height - 60, article.title.upper()[:60])
            c.drawRightString(right, height - 60, str(page))
            y = top + step

    def draw_par(text: str, font: str, fsize: float, x0: float, x1: float, indent: float,
                 lead: float, drop: bool = False) -> None:
        def measure(w: str) -> float:
            return stringWidth(w, font, fsize)
        hang = (0, 0.0)
        if drop:  # a two-line drop cap: the first letter, large, beside the first two lines
            cap = text[0]
            c.setFont(font, fsize * 2.6)
            c.drawString(x0, height - y - lead, cap)
            hang = (2, stringWidth(cap, font, fsize * 2.6) + 3)
            text = text[1:]
        for n, (words, last) in enumerate(_set_lines(text.split(), x1 - x0, measure, indent,
                                                     hyphenator, hang)):
            start = x0 + (indent if n == 0 else 0.0) + (hang[1] if n < hang[0] else 0.0)
            natural = sum(measure(w) for w in words)
            letters = sum(len(w) for w in words)
            slack = 0.0 if last or len(words) < 2 else x1 - start - natural
            # some typesetters take part of the slack up in the letter spacing
            spacing = min(0.3, 0.4 * slack / letters) if variant % 2 == 0 and letters else 0.0
            gap = measure(" ") if last or len(words) < 2 else \
                (slack - spacing * letters) / (len(words) - 1)
            x = start
            for w in words:
                obj = c.beginText(x, height - y)
                obj.setFont(font, fsize)
                obj.setCharSpace(spacing)
                obj.textOut(w)
                c.drawText(obj)
                x += measure(w) + spacing * len(w) + gap
            newline(lead)

    c.setFont(bold, 17)
    for words, _ in _set_lines(article.title.split(), right - left - 60,
                               lambda w: stringWidth(w, bold, 17), 0.0, None):
        c.setFont(bold, 17)
        c.drawCentredString(width / 2, height - y, " ".join(words))
        newline(21)
    by, dateline = _byline(article, variant)
    c.setFont(regular, 11)
    c.drawCentredString(width / 2, height - y - 4, by)
    newline(16)
    if dateline:
        c.drawCentredString(width / 2, height - y - 4, dateline)
        newline(16)
    newline(14)
    previous = "start"
    for kind, text in article.blocks:
        number, rest = _split_number(text)
        if kind == "heading":
            newline(8)
            draw_par(text, bold, 11, left, right, 0.0, 14)
            newline(3)
        elif kind == "quote":
            newline(4)
            draw_par(text, regular, 9, left + 24, right - 24, 0.0, 11)
            newline(4)
        elif kind == "list_item":
            c.setFont(regular, size)
            c.drawString(left + 6, height - y, number or "\u2022")
            draw_par(rest, regular, size, left + 20, right, 0.0, leading)
        else:
            draw_par(text, regular, size, left, right, 0.0 if previous != "paragraph" else 15,
                     leading, drop=variant % 2 == 1 and previous == "start")
        previous = kind
    c.setFont(regular, size)
    c.drawCentredString(width / 2, height - 740, str(page))
    c.showPage()
    c.save()
    return _gold(article, "tex", list(article.blocks))


# ------------------------------------------------------------------------------------- fpdf2


def _fpdf(fonts: str | None, head: str | None, foot: str, page: str = "A4") -> Any:
    from fpdf import FPDF

    class Pdf(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            if head and self.page_no() > 1:
                self.set_font(self.base, "", 8)
                self.set_y(8)
                self.cell(0, 5, head, align="L")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(self.base, "", 8)
            self.cell(0, 5, foot.replace("{n}", str(self.page_no())), align="C")

    pdf = Pdf(format=page, unit="mm")
    pdf.base = "Helvetica"
    if fonts:
        for style, stem in (("", ""), ("B", "-Bold"), ("I", "-Oblique" if "Sans" in fonts
                                                           else "-Italic")):
            path = _font(f"{fonts}{stem}.ttf") or _font(f"{fonts}{stem or '-Regular'}.ttf")
            assert path is not None, (fonts, stem)
            pdf.add_font(fonts, style, str(path))
        pdf.base = fonts
    pdf.alias_nb_pages()
    return pdf


def fpdf_doc(article: Article, path: Path, *, family: str, fonts: str | None, size: float,
             columns: int, justify: bool, margin: float, head: str | None, foot: str,
             variant: int, first_indent: float = 0.0, gap: float = 2.5,
             quote_marks: bool = True, page: str = "A4") -> dict[str, Any]:
    """One article with fpdf2: multi_cell (one column) or text_columns (two)."""
    pdf = _fpdf(fonts, head, foot, page)
    pdf.set_margins(margin, margin + 4, margin)
    pdf.set_auto_page_break(True, margin + 4)
    info = _info_title(article, variant)
    if info:
        pdf.set_title(info)
    if variant % 2:
        pdf.set_author(", ".join(article.authors))
    pdf.add_page()
    base = pdf.base
    lh = size * 0.3528 * 1.3  # mm
    blocks: Blocks = _quoted(list(article.blocks)) if quote_marks else list(article.blocks)
    pdf.set_font(base, "B", size * 2)
    pdf.multi_cell(0, size * 0.3528 * 2.4, article.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    by, dateline = _byline(article, variant)
    pdf.set_font(base, "", size * 0.9)
    pdf.multi_cell(0, lh, by, align="L", new_x="LMARGIN", new_y="NEXT")
    if dateline:
        pdf.multi_cell(0, lh, dateline, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lh)
    align = "J" if justify else "L"
    if columns > 1:
        with pdf.text_columns(ncols=columns, gutter=6, text_align=align) as cols:
            for kind, text in blocks:
                number, rest = _split_number(text)
                if kind == "heading":
                    pdf.set_font(base, "B", size * 1.15)
                    with cols.paragraph(text_align="LEFT", top_margin=gap, bottom_margin=1) as p:
                        p.write(text)
                elif kind == "quote":
                    pdf.set_font(base, "I", size)  # (fpdf2's indent overflows the column)
                    with cols.paragraph(top_margin=gap, bottom_margin=gap) as p:
                        p.write(text)
                elif kind == "list_item":
                    pdf.set_font(base, "", size)
                    with cols.paragraph(indent=6, bullet_string=number or "\u2022",
                                        bottom_margin=1, text_align="LEFT") as p:
                        p.write(rest)
                else:
                    pdf.set_font(base, "", size)
                    with cols.paragraph(first_line_indent=first_indent,
                                        bottom_margin=0 if first_indent else gap) as p:
                        p.write(text)
    else:
        for kind, text in blocks:
            number, rest = _split_number(text)
            if kind == "heading":
                pdf.ln(gap)
                pdf.set_font(base, "B", size * 1.15)
                pdf.multi_cell(0, lh * 1.1, text, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif kind == "quote":
                pdf.set_font(base, "I", size)
                pdf.set_left_margin(margin + 12)
                pdf.set_right_margin(margin + 12)
                pdf.set_x(margin + 12)
                pdf.multi_cell(0, lh, text, align=align, new_x="LMARGIN", new_y="NEXT")
                pdf.set_left_margin(margin)
                pdf.set_right_margin(margin)
                pdf.ln(gap)
            elif kind == "list_item":
                pdf.set_font(base, "", size)
                pdf.set_x(margin + 3)
                pdf.cell(5, lh, number or "\u2022" if fonts else number or "-")
                pdf.set_left_margin(margin + 9)
                pdf.set_x(margin + 9)
                pdf.multi_cell(0, lh, rest, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf.set_left_margin(margin)
                pdf.ln(0.8)
            else:
                pdf.set_font(base, "", size)
                if first_indent:
                    pdf.set_x(margin)
                pdf.multi_cell(0, lh, text, align=align, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(gap)
    pdf.output(str(path))
    return _gold(article, family, blocks)


def fpdf_html(article: Article, path: Path, *, variant: int) -> dict[str, Any]:
    """fpdf2's HTML renderer: h1, paragraphs, h2, blockquote, ul/ol as a CMS export would."""
    pdf = _fpdf("DejaVuSans" if variant % 2 else "LiberationSerif", None, "{n}")
    pdf.set_margins(22, 18, 22)
    info = _info_title(article, variant)
    if info:
        pdf.set_title(info)
    pdf.add_page()
    pdf.set_font(pdf.base, "", 11)
    by, dateline = _byline(article, variant)
    html = [f"<h1>{escape(article.title)}</h1>", f"<p><i>{escape(by)}</i></p>"]
    if dateline:
        html.append(f"<p>{escape(dateline)}</p>")
    for kind, items in _groups(list(article.blocks)):
        if kind == "heading":
            html.append(f"<h2>{escape(items[0])}</h2>")
        elif kind == "quote":
            html.append(f"<blockquote><i>{escape(items[0])}</i></blockquote>")
        elif kind == "list_item":
            ordered = _split_number(items[0])[0] is not None
            tag = "ol" if ordered else "ul"
            html.append(f"<{tag}>" + "".join(f"<li>{escape(_split_number(t)[1])}</li>"
                                            for t in items) + f"</{tag}>")
        else:
            html.append(f"<p>{escape(items[0])}</p>")
    pdf.write_html("\n".join(html))
    pdf.output(str(path))
    return _gold(article, "fpdf-html", list(article.blocks))


def weasy_doc(article: Article, path: Path, *, variant: int) -> dict[str, Any]:
    """WeasyPrint (HTML and CSS, set by Pango): odd variants a justified, hyphenated
    two-column newspaper page; even ones a ragged one-column web article. Running head and
    page numbers come from CSS page margin boxes."""
    try:
        import weasyprint
    except ImportError:
        return {}
    columns = variant % 2 == 1
    by, dateline = _byline(article, variant)
    body = []
    for kind, items in _groups(list(article.blocks)):
        if kind == "heading":
            body.append(f"<h2>{escape(items[0])}</h2>")
        elif kind == "quote":
            body.append(f"<blockquote>{escape(items[0])}</blockquote>")
        elif kind == "list_item":
            tag = "ol" if _split_number(items[0])[0] is not None else "ul"
            body.append(f"<{tag}>" + "".join(f"<li>{escape(_split_number(t)[1])}</li>"
                                            for t in items) + f"</{tag}>")
        else:
            body.append(f"<p>{escape(items[0])}</p>")
    css = f"""
    @page {{ size: A4; margin: 22mm 18mm;
             @top-left {{ content: "The Harbour Gazette"; font-size: 8pt; }}
             @bottom-center {{ content: "Page " counter(page) " of " counter(pages);
                               font-size: 8pt; }} }}
    body {{ font-family: {"'DejaVu Serif'" if columns else "'Liberation Sans'"};
            font-size: {9.5 if columns else 11}pt; line-height: 1.35; }}
    h1 {{ font-size: 22pt; margin: 0 0 6pt; }}
    .by {{ font-style: italic; font-size: 9pt; margin: 0; }}
    article {{ {"columns: 2; column-gap: 16pt; text-align: justify; hyphens: auto;"
               if columns else ""} }}
    p {{ margin: {"0; text-indent: 1.2em" if columns else "0 0 8pt"}; }}
    h2 {{ font-size: 11pt; margin: 8pt 0 4pt; }}
    blockquote {{ font-style: italic; margin: 6pt 18pt; }}
    """
    html = (f"<html lang='en'><head><title>{escape(_info_title(article, variant) or '')}"
            f"</title><style>{css}</style></head><body><h1>{escape(article.title)}</h1>"
            f"<p class='by'>{escape(by)}</p>"
            + (f"<p class='by'>{escape(dateline)}</p>" if dateline else "")
            + f"<article>{''.join(body)}</article></body></html>")
    weasyprint.HTML(string=html).write_pdf(str(path))
    return _gold(article, "weasy", list(article.blocks))


def courier_release(article: Article, path: Path, *, variant: int) -> dict[str, Any]:
    """A typed press release: Courier, ragged right, blank lines between paragraphs; odd
    variants double-spaced like a manuscript, paragraphs indented with typed spaces."""
    pdf = _fpdf(None, None, "- {n} -")
    pdf.base = "Courier"
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    manuscript = variant % 2 == 1
    lh = 9.0 if manuscript else 5.0
    pdf.set_font("Courier", "B", 11)
    pdf.cell(0, lh, "FOR IMMEDIATE RELEASE", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lh)
    pdf.set_font("Courier", "B", 15)
    pdf.multi_cell(0, 6.5, article.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lh)
    pdf.set_font("Courier", "", 11)
    by, dateline = _byline(article, variant)
    pdf.multi_cell(0, lh, by, align="L", new_x="LMARGIN", new_y="NEXT")
    if dateline:
        pdf.multi_cell(0, lh, dateline, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lh)
    for kind, text in article.blocks:
        number, rest = _split_number(text)
        if kind == "heading":
            pdf.set_font("Courier", "B", 11)
            pdf.multi_cell(0, lh, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Courier", "", 11)
        elif kind == "quote":
            pdf.set_left_margin(40)
            pdf.set_x(40)
            pdf.multi_cell(0, lh, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_left_margin(25)
        elif kind == "list_item":
            pdf.set_x(30)
            pdf.cell(8, lh, number or "*")
            pdf.set_left_margin(38)
            pdf.multi_cell(0, lh, rest, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_left_margin(25)
        else:
            pdf.multi_cell(0, lh, "     " + text if manuscript else text, align="L",
                           new_x="LMARGIN", new_y="NEXT")
        if not manuscript:
            pdf.ln(lh)
    pdf.cell(0, lh, "###", align="C")
    pdf.output(str(path))
    return _gold(article, "courier", list(article.blocks))


# ------------------------------------------------------------------------------- LibreOffice


def docx_doc(article: Article, path: Path, *, family: str, font: str, size: float,
             columns: int, variant: int, indent: bool, plain_title: bool = False
             ) -> dict[str, Any]:
    """A python-docx document (Word's own styles); converted to PDF by ``convert_all``."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0 if indent else 6)
    if indent:
        normal.paragraph_format.first_line_indent = Pt(size * 1.5)
    for name in ("Title", "Heading 2", "Quote", "List Bullet", "List Number"):
        doc.styles[name].font.name = font
    doc.styles["Title"].paragraph_format.first_line_indent = Pt(0)
    doc.core_properties.title = _info_title(article, variant) or ""
    doc.core_properties.author = ", ".join(article.authors) if variant % 2 else "user"
    section = doc.sections[0]
    section.header.paragraphs[0].text = "The Northern Chronicle"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    if plain_title:  # a release typed in Word: the headline is bold body text, a bit larger
        run = doc.add_paragraph().add_run(article.title)
        run.bold = True
        run.font.size = Pt(size + 2)
    else:
        doc.add_paragraph(article.title, style="Title")
    by, dateline = _byline(article, variant)
    doc.add_paragraph(by).paragraph_format.first_line_indent = Pt(0)
    if dateline:
        doc.add_paragraph(dateline).paragraph_format.first_line_indent = Pt(0)
    if columns > 1:
        new = doc.add_section(0)  # continuous
        cols = new._sectPr.xpath("./w:cols")
        element = cols[0] if cols else OxmlElement("w:cols")
        element.set(qn("w:num"), str(columns))
        element.set(qn("w:space"), "425")
        if not cols:
            new._sectPr.append(element)
    previous = "heading"
    for kind, body in article.blocks:
        number, rest = _split_number(body)
        if kind == "heading":
            doc.add_heading(body, level=2)
        elif kind == "quote":
            doc.add_paragraph(body, style="Quote")
        elif kind == "list_item":
            doc.add_paragraph(rest, style="List Number" if number else "List Bullet")
        else:
            p = doc.add_paragraph(body)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if indent else WD_ALIGN_PARAGRAPH.LEFT
            if indent and previous != "paragraph":
                p.paragraph_format.first_line_indent = Pt(0)
        previous = kind
    if columns > 1:  # a closing one-column section makes the columns balance
        last = doc.add_section(0)
        for element in last._sectPr.xpath("./w:cols"):
            element.set(qn("w:num"), "1")
    doc.save(str(path))
    return _gold(article, family, list(article.blocks))


def convert_all(docx_files: list[Path], out: Path) -> None:
    """docx → PDF with one soffice run (it is slow to start)."""
    soffice = shutil.which("soffice")
    if soffice is None or not docx_files:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=600)


# ------------------------------------------------------------------------------------ designs

Design = Callable[[Article, Path, int], dict[str, Any]]

DESIGNS: dict[str, Design] = {
    "rl-book": lambda a, p, v: reportlab_doc(
        a, p, family="rl-book", fonts="Times", size=10.5 + v % 2, leading=13.0 + v % 2,
        columns=1, justify=True, indent=14.0, gap=0.0, italic_quotes=False,
        pagesize=(420.0, 595.0), margin=48.0, head="THE HARBOUR GAZETTE", foot="{n}",
        variant=v, hyphenate=True, quote_marks=bool(v % 2)),
    "rl-twocol": lambda a, p, v: reportlab_doc(
        a, p, family="rl-twocol", fonts="Times" if v % 2 else "LiberationSerif", size=9.0,
        leading=11.0, columns=2, justify=True, indent=10.0, gap=0.0, italic_quotes=True,
        pagesize=(595.0, 842.0) if v % 3 else (420.0, 595.0), margin=40.0,
        head="The Valley Courier \u2014 Regional News", foot="Page {n}", variant=v,
        hyphenate=True, heading_size=10.5),
    "rl-report": lambda a, p, v: reportlab_doc(
        a, p, family="rl-report", fonts="Helvetica" if v % 2 else "DejaVuSans", size=10.0,
        leading=14.0, columns=1, justify=False, indent=0.0, gap=8.0, italic_quotes=True,
        pagesize=(612.0, 792.0), margin=72.0, head="Community Bulletin", foot="Page {n}",
        variant=v, hyphenate=False, heading_size=13.0),
    "rl-serif": lambda a, p, v: reportlab_doc(
        a, p, family="rl-serif", fonts="DejaVuSerif", size=9.5, leading=12.5, columns=1,
        justify=True, indent=0.0, gap=6.0, italic_quotes=False, pagesize=(420.0, 595.0),
        margin=36.0, head=None, foot="\u2014 {n} \u2014", variant=v, hyphenate=bool(v % 2),
        heading_size=11.0, quote_marks=True),
    "rl-paper": lambda a, p, v: reportlab_doc(
        a, p, family="rl-paper", fonts="Times" if v % 2 else "DejaVuSerif", size=8.5,
        leading=10.0, columns=3, justify=True, indent=9.0, gap=0.0, italic_quotes=bool(v % 2),
        pagesize=(612.0, 792.0), margin=36.0, head="The Valley Courier", foot="A{n}",
        variant=v, hyphenate=True, heading_size=10.0, nameplate="The Valley Courier"),
    "tex": lambda a, p, v: hand_set(a, p, variant=v),
    "rl-broadsheet": lambda a, p, v: reportlab_doc(
        a, p, family="rl-broadsheet", fonts="Times", size=8.0, leading=9.5, columns=4,
        justify=True, indent=8.0, gap=0.0, italic_quotes=False, pagesize=(842.0, 595.0),
        margin=30.0, head="The Valley Courier", foot="Page {n}", variant=v, hyphenate=True,
        heading_size=9.0),
    "fpdf-html": lambda a, p, v: fpdf_html(a, p, variant=v),
    "weasy": lambda a, p, v: weasy_doc(a, p, variant=v),
    "rl-ragged2": lambda a, p, v: reportlab_doc(
        a, p, family="rl-ragged2", fonts="Helvetica" if v % 2 else "DejaVuSans", size=9.0,
        leading=12.0, columns=2, justify=False, indent=0.0, gap=6.0, italic_quotes=True,
        pagesize=(420.0, 595.0), margin=30.0, head="Regional Review", foot="Page {n}",
        variant=v, hyphenate=False, heading_size=11.5),
    "fpdf-cols3": lambda a, p, v: fpdf_doc(
        a, p, family="fpdf-cols3", fonts="DejaVuSerif" if v % 2 else "LiberationSerif",
        size=8.0, columns=3, justify=True, margin=12.0, head="THE DISTRICT TIMES",
        foot="Page {n}", variant=v, first_indent=3.0, page="A5"),
    "rl-magazine": lambda a, p, v: reportlab_doc(
        a, p, family="rl-magazine", fonts="LiberationSans" if v % 2 else "Helvetica",
        size=9.5, leading=13.0, columns=2, justify=True, indent=0.0, gap=5.0,
        italic_quotes=True, pagesize=(595.0, 842.0), margin=50.0, head=None,
        foot="{n}", variant=v, hyphenate=False, heading_size=9.5, inline=6 + v % 5,
        caps_headings=True, copyright_line=True),
    "fpdf-plain": lambda a, p, v: fpdf_doc(
        a, p, family="fpdf-plain", fonts="DejaVuSans" if v % 2 else "LiberationSerif",
        size=10.5, columns=1, justify=bool(v % 2), margin=20.0, head="Morning Post online",
        foot="Page {n}/{nb}", variant=v),
    "fpdf-cols": lambda a, p, v: fpdf_doc(
        a, p, family="fpdf-cols", fonts="LiberationSerif" if v % 2 else "DejaVuSerif", size=9.0,
        columns=2, justify=True, margin=15.0, head="THE WEEKLY LEDGER", foot="{n}", variant=v,
        first_indent=4.0 if v % 2 else 0.0),
    "courier": lambda a, p, v: courier_release(a, p, variant=v),
}

DOCX_DESIGNS: dict[str, Callable[[Article, Path, int], dict[str, Any]]] = {
    "lo-word": lambda a, p, v: docx_doc(a, p, family="lo-word",
                                        font="Liberation Serif" if v % 2 else "DejaVu Sans",
                                        size=11.0, columns=1, variant=v, indent=False),
    "lo-memo": lambda a, p, v: docx_doc(a, p, family="lo-memo",
                                        font="Liberation Sans" if v % 2 else "Liberation Serif",
                                        size=11.0 + v % 2, columns=1, variant=v, indent=False,
                                        plain_title=True),
    "lo-serif": lambda a, p, v: docx_doc(a, p, family="lo-serif", font="DejaVu Serif",
                                         size=10.0, columns=1, variant=v, indent=True),
    "lo-cols": lambda a, p, v: docx_doc(a, p, family="lo-cols", font="Liberation Serif",
                                        size=10.0, columns=2, variant=v, indent=True),
}


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for d, (name, design) in enumerate(DESIGNS.items()):
        for v, article in enumerate(ARTICLES):
            stem = f"{name}-{article.slug}"
            gold = design(article, out / f"{stem}.pdf", v + d)
            if gold:  # (a typesetter that is not installed makes nothing)
                (out / f"{stem}.gold.json").write_text(json.dumps(gold, indent=1), "utf-8")
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            sources = []
            for d, (name, design) in enumerate(DOCX_DESIGNS.items()):
                for v, article in enumerate(ARTICLES):
                    stem = f"{name}-{article.slug}"
                    gold = design(article, Path(tmp) / f"{stem}.docx", v + d)
                    (out / f"{stem}.gold.json").write_text(json.dumps(gold, indent=1), "utf-8")
                    sources.append(Path(tmp) / f"{stem}.docx")
            convert_all(sources, out)
    else:
        print("soffice not found: LibreOffice designs skipped", file=sys.stderr)
    print(f"{len(list(out.glob('*.pdf')))} PDFs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
