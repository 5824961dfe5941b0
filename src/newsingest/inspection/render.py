"""PDF pages as PNG images with every block's box drawn on top (Pillow).

The page itself is pdfplumber's page image (pypdfium2 underneath), so what is drawn is exactly
what a reader sees. Boxes are drawn on a transparent layer composited over it: body blocks are
tinted by type and outlined, furniture is greyed and hatched, each box carries its reading-order
number and type (placed in white space where there is any, so labels do not hide the text), the
title gets a heavy black frame, detected columns a dashed purple outline. The legend sits in a
white strip added to the right of the page, so it never covers it: the page keeps its size at the
requested resolution (points × resolution / 72) at the image's top-left.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
from PIL import Image, ImageDraw, ImageFont

from newsingest.errors import CorruptError, EncryptedError
from newsingest.inspection.layout import (
    COLUMN_COLOUR,
    FURNITURE_COLOUR,
    STYLES,
    TITLE_COLOUR,
    BBox,
    InspectError,
    Item,
    columns,
    hatch_segments,
    place_label,
)

__all__ = ["PageRender", "annotate", "page_renders"]

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@attrs.frozen
class PageRender:
    """One rendered page and how to map PDF points (from the top-left) onto its pixels."""

    number: int
    image: Image.Image
    scale: float
    origin: tuple[float, float]

    def box(self, bbox: BBox) -> tuple[int, int, int, int]:
        """Pixel rectangle of a box in PDF points, clamped to the image."""
        ox, oy = self.origin
        x0, top, x1, bottom = ((v - o) * self.scale for v, o in zip(bbox, (ox, oy, ox, oy),
                                                                    strict=True))
        width, height = self.image.size
        x0, x1 = sorted((x0, x1))  # a parser's inverted box is still drawn, not a crash
        top, bottom = sorted((top, bottom))
        return (max(0, min(width - 1, round(x0))), max(0, min(height - 1, round(top))),
                max(0, min(width - 1, round(x1))), max(0, min(height - 1, round(bottom))))


@contextmanager
def _open(data: bytes, password: str | None, label: str) -> Iterator[Any]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PDFPasswordIncorrect:
        raise EncryptedError("the PDF is encrypted; pass the password (--password / password=)",
                             source=label) from None
    except Exception as exc:
        raise CorruptError(f"cannot open the PDF to render it: {exc}", source=label) from None
    try:
        yield pdf
    finally:
        pdf.close()


def page_renders(data: bytes, pages: Sequence[int] | None, resolution: float, *,
                 password: str | None = None, label: str = "<bytes>") -> Iterator[PageRender]:
    """Render the chosen pages (all when ``pages`` is None), skipping numbers past the end."""
    with _open(data, password, label) as pdf:
        count = len(pdf.pages)
        wanted = range(1, count + 1) if pages is None else pages
        if not any(1 <= number <= count for number in wanted):
            raise InspectError(f"{label}: the PDF has {count} pages, none of "
                               f"{', '.join(map(str, wanted)) or 'the pages'} asked for")
        for number in wanted:
            if not 1 <= number <= len(pdf.pages):
                continue
            try:
                page_image = pdf.pages[number - 1].to_image(resolution=resolution,
                                                            antialias=True)
            except Exception as exc:
                raise CorruptError(f"page {number} cannot be rendered: {exc}",
                                   source=label) from None
            image = page_image.original.convert("RGB")
            origin = (float(page_image.bbox[0]), float(page_image.bbox[1]))
            yield PageRender(number, image, float(page_image.scale), origin)


def _font(size: int) -> Font:
    return ImageFont.load_default(size=size)


def _text_size(draw: ImageDraw.ImageDraw, text: str, font: Font) -> tuple[int, int]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    return int(right - left), int(bottom - top)


def _dashed_rectangle(draw: ImageDraw.ImageDraw, rect: tuple[int, int, int, int],
                      colour: tuple[int, ...], width: int, dash: int) -> None:
    x0, y0, x1, y1 = rect
    for start in range(x0, x1, dash * 2):
        end = min(start + dash, x1)
        draw.line((start, y0, end, y0), fill=colour, width=width)
        draw.line((start, y1, end, y1), fill=colour, width=width)
    for start in range(y0, y1, dash * 2):
        end = min(start + dash, y1)
        draw.line((x0, start, x0, end), fill=colour, width=width)
        draw.line((x1, start, x1, end), fill=colour, width=width)


def _label(draw: ImageDraw.ImageDraw, at: tuple[int, int, int, int], text: str,
           colour: tuple[int, int, int], font: Font, pad: int) -> None:
    """A filled tag with the label at the rectangle ``place_label`` chose."""
    draw.rectangle(at, fill=(*colour, 235))
    draw.text((at[0] + pad, at[1] + pad), text, font=font, fill=(255, 255, 255, 255), anchor="lt")


def _legend_entries(unboxed: int, number: int, drawn: int,
                    notes: Sequence[str]) -> list[tuple[str, str, Any]]:
    entries: list[tuple[str, str, Any]] = [
        ("fill", kind.value.replace("_", " "), colour) for kind, colour in STYLES.items()
    ]
    entries += [("hatch", "furniture", FURNITURE_COLOUR), ("dash", "column (detected)",
                                                          COLUMN_COLOUR),
                ("frame", "title", TITLE_COLOUR)]
    note = f"page {number}: {drawn} boxes"
    if unboxed:
        note += f", {unboxed} without a box"
    entries.append(("text", note, None))
    entries += [("text", extra, None) for extra in notes]
    return entries


def _ink(page: Image.Image, rect: tuple[int, int, int, int]) -> int:
    """How many pixels of the page inside ``rect`` are printed (darker than light grey)."""
    histogram = page.crop(rect).convert("L").histogram()
    return sum(histogram[:200])


def _legend_size(draw: ImageDraw.ImageDraw, entries: list[tuple[str, str, Any]], font: Font,
                 unit: int) -> tuple[int, int, int]:
    """Width and height of the legend, and its line height."""
    line_height = _text_size(draw, "Ag", font)[1] + unit
    keys = [entry for entry in entries if entry[0] != "text"]
    notes = [entry for entry in entries if entry[0] == "text"]
    cell = line_height + 2 * unit + max(_text_size(draw, text, font)[0] for _, text, _ in keys)
    note_width = max((_text_size(draw, text, font)[0] for _, text, _ in notes), default=0)
    width = max(cell, note_width) + 2 * unit
    return width, 2 * unit + line_height * len(entries), line_height


def _legend(draw: ImageDraw.ImageDraw, at: tuple[int, int], entries: list[tuple[str, str, Any]],
            font: Font, unit: int) -> None:
    """Swatches, one per line, then the notes, in the margin strip at ``at``."""
    lw, lh, line_height = _legend_size(draw, entries, font, unit)
    swatch = line_height - unit
    x, y = at
    draw.rectangle((x, y, x + lw, y + lh), fill=(255, 255, 255, 255),
                   outline=(0, 0, 0, 255), width=1)
    for row, (style, text, colour) in enumerate(entries):
        top = y + unit + row * line_height
        left = x + unit
        if style == "text":
            draw.text((left, top), text, font=font, fill=(0, 0, 0, 255), anchor="lt")
            continue
        sw = (left, top, left + swatch, top + swatch)
        if style == "fill":
            draw.rectangle(sw, fill=(*colour, 90), outline=(*colour, 255), width=2)
        elif style == "hatch":
            draw.rectangle(sw, fill=(*colour, 70), outline=(*colour, 255), width=1)
            for seg in hatch_segments(sw, max(3, swatch // 3)):
                draw.line(seg, fill=(*colour, 255), width=1)
        elif style == "dash":
            _dashed_rectangle(draw, sw, (*colour, 255), 2, max(2, swatch // 4))
        elif style == "frame":
            draw.rectangle(sw, outline=(*colour, 255), width=3)
        draw.text((sw[2] + unit, top), text, font=font, fill=(0, 0, 0, 255), anchor="lt")


def annotate(render: PageRender, page_items: Sequence[Item], resolution: float,
             *, unboxed: int = 0, notes: Sequence[str] = ()) -> Image.Image:
    """The page image with the boxes of ``page_items`` (items with a bbox on this page) drawn.

    ``unboxed`` counts this page's blocks that have no box, for the legend; ``notes`` are extra
    legend lines (such as "the title is not a block").
    """
    unit = max(2, round(resolution / 25))
    font = _font(max(8, round(resolution * 0.12)))
    stroke = max(1, round(resolution / 50))
    entries = _legend_entries(unboxed, render.number,
                              sum(1 for item in page_items if item.bbox is not None), notes)
    page_width, page_height = render.image.size
    legend_width, legend_height, _ = _legend_size(
        ImageDraw.Draw(Image.new("RGBA", (1, 1))), entries, font, unit)
    canvas = Image.new("RGBA", (page_width + legend_width + 2 * unit,
                                max(page_height, legend_height + 2 * unit)), (255, 255, 255, 255))
    canvas.paste(render.image.convert("RGBA"), (0, 0))
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    boxed = [item for item in page_items if item.bbox is not None]
    body_boxes = [item.bbox for item in boxed if not item.furniture and item.bbox is not None]
    placed: list[tuple[int, int, int, int]] = []  # tags and labels drawn, for labels to avoid
    for number, column in enumerate(columns(body_boxes), start=1):
        x0, y0, x1, y1 = render.box(column)
        rect = (max(0, x0 - 2 * unit), max(0, y0 - 2 * unit),
                min(render.image.width - 1, x1 + 2 * unit),
                min(render.image.height - 1, y1 + 2 * unit))
        _dashed_rectangle(draw, rect, (*COLUMN_COLOUR, 220), stroke, 4 * unit)
        tag = f"col {number}"
        tw, th = _text_size(draw, tag, font)
        # below the column's right end, else above it or below its left end: where least
        # printed text is hidden (the first of equals)
        spots = [(x, y) for x, y in ((rect[2] - tw, rect[3] + 2), (rect[2] - tw, rect[1] - th - 2),
                                     (rect[0], rect[3] + 2))
                 if x >= 0 and y >= 0 and y + th < page_height]
        tx, ty = min(spots, key=lambda at: _ink(render.image, (at[0], at[1], at[0] + tw,
                                                                at[1] + th))
                     ) if spots else (rect[2] - tw, rect[3] - th - 2)
        draw.text((tx, ty), tag, font=font, fill=(*COLUMN_COLOUR, 255), anchor="lt")
        placed.append((tx, ty, tx + tw, ty + th))
    rects: list[tuple[int, int, int, int]] = []
    for item in boxed:
        assert item.bbox is not None
        rect = render.box(item.bbox)
        rects.append(rect)
        colour = item.colour
        if item.furniture:
            draw.rectangle(rect, fill=(*colour, 80), outline=(*colour, 255), width=stroke)
            for seg in hatch_segments(rect, 3 * unit):
                draw.line(seg, fill=(*colour, 200), width=1)
        else:
            draw.rectangle(rect, fill=(*colour, 45), outline=(*colour, 255), width=stroke)
        if item.title:
            frame = (rect[0] - stroke * 2, rect[1] - stroke * 2,
                     rect[2] + stroke * 2, rect[3] + stroke * 2)
            draw.rectangle(frame, outline=(*TITLE_COLOUR, 255), width=stroke * 2)
    pad = max(1, unit // 2)
    for index, (item, rect) in enumerate(zip(boxed, rects, strict=True)):
        text = f"{item.label} = TITLE" if item.title else item.label
        width, height = _text_size(draw, text, font)
        others = rects[:index] + rects[index + 1:]
        at = place_label(rect, (width + 2 * pad, height + 2 * pad), render.image.size, placed,
                         others, printed=lambda r: _ink(render.image, r))
        placed.append(at)
        _label(draw, at, text, TITLE_COLOUR if item.title else item.colour, font, pad)
    _legend(draw, (page_width + unit, unit), entries, font, unit)
    return Image.alpha_composite(canvas, layer).convert("RGB")


def save_png(image: Image.Image, path: Path, resolution: float) -> Path:
    """Write a palette PNG (page renders have few colours: a fraction of the RGB size)."""
    tmp = path.with_name(path.name + ".tmp")
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(
        tmp, format="PNG", optimize=True, dpi=(resolution, resolution))
    tmp.replace(path)
    return path
