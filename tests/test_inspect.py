"""`newsingest inspect` on PDFs: page images with boxes, and the HTML view.

The PDF is a two-column page made here with reportlab. Because the PDF parser may not give boxes,
the renderer is also driven by a hand-built Document whose boxes are measured on that PDF.
"""

from __future__ import annotations

import hashlib
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

import newsingest
from newsingest.inspection import InspectError
from newsingest.model import Block, Document, Furniture, Metadata, Provenance, Source

RES = 60
WIDTH, HEIGHT = letter
BBox = tuple[float, float, float, float]


def make_pdf(path: Path) -> None:
    """A masthead, a headline across the page, two columns of two paragraphs, a page number;
    then a short second page."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    c.drawString(72, HEIGHT - 40, "THE DAILY EXAMPLE   Monday, 3 June")
    c.setFont("Helvetica-Bold", 22)
    c.drawString(72, HEIGHT - 90, "Council Approves New Bridge")
    c.setFont("Times-Roman", 11)
    lines = textwrap.wrap("The council voted on Tuesday to approve a new bridge across the "
                          "river, ending a decade of debate. " * 5, 45)
    for x in (72, 318):
        y = HEIGHT - 130
        for i, line in enumerate(lines[:20]):
            c.drawString(x, y, line)
            y -= 14 + (10 if i == 9 else 0)
    c.setFont("Helvetica", 8)
    c.drawString(WIDTH / 2 - 10, 30, "Page 1")
    c.showPage()
    c.setFont("Times-Roman", 11)
    c.drawString(72, HEIGHT - 72, "Continued from page one.")
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "two-col.pdf"
    make_pdf(path)
    return path


def measure(path: Path, region: BBox, page: int = 1) -> BBox:
    """The box of the words inside ``region`` (points from the top-left)."""
    with pdfplumber.open(path) as doc:
        words = doc.pages[page - 1].crop(region).extract_words()
    return (min(w["x0"] for w in words), min(w["top"] for w in words),
            max(w["x1"] for w in words), max(w["bottom"] for w in words))


@pytest.fixture(scope="module")
def hand_doc(pdf: Path) -> Document:
    data = pdf.read_bytes()
    source = Source(str(pdf), "application/pdf", hashlib.sha256(data).hexdigest(), len(data),
                    "pdf", "test")
    box = lambda *region: Provenance(page=1, bbox=measure(pdf, region))  # noqa: E731
    blocks = (
        Block("heading", "Council Approves New Bridge", level=1, provenance=box(0, 60, 612, 110)),
        Block("paragraph", "left one", provenance=box(60, 120, 300, 270)),
        Block("paragraph", "left two", provenance=box(60, 270, 300, 500)),
        Block("quote", "right one", provenance=box(310, 120, 612, 270)),
        Block("list_item", "right two", marker="-", depth=0, provenance=box(310, 270, 612, 500)),
        Block("caption", "no box on page one", provenance=Provenance(page=1)),
        Block("paragraph", "Continued from page one.",
              provenance=Provenance(page=2, bbox=measure(pdf, (0, 0, 612, 200), page=2))),
        Block("paragraph", "no page at all"),
    )
    furniture = (Furniture("masthead", "THE DAILY EXAMPLE", box(0, 0, 612, 50)),
                 Furniture("page_number", "Page 1", box(0, 740, 612, 792)))
    return Document(source, Metadata(title="Council approves new bridge"), blocks, furniture)


def bare(pdf: Path, page: int) -> Image.Image:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page - 1].to_image(resolution=RES, antialias=True).original.convert("RGB")


def pixels(bbox: BBox) -> tuple[int, int, int, int]:
    return tuple(round(v * RES / 72) for v in bbox)  # type: ignore[return-value]


def test_png_per_page_with_boxes_drawn(pdf: Path, hand_doc: Document, tmp_path: Path) -> None:
    written = newsingest.inspect(hand_doc, pdf, tmp_path / "out", resolution=RES)
    assert [p.name for p in written] == ["two-col.page001.png", "two-col.page002.png"]
    whole = Image.open(written[0]).convert("RGB")
    page = bare(pdf, 1)
    assert whole.height == page.height and whole.width > page.width  # the legend's strip
    image = whole.crop((0, 0, *page.size))
    assert abs(image.width - WIDTH * RES / 72) <= 1 and abs(image.height - HEIGHT * RES / 72) <= 1
    diff = ImageChops.difference(image, page)
    for item in (*hand_doc.blocks, *hand_doc.furniture):
        if item.provenance.page == 1 and item.provenance.bbox is not None:
            x0, top, x1, bottom = pixels(item.provenance.bbox)
            # the outline is drawn on the box edge: the left edge column differs strongly
            edge = diff.crop((x0, top, x0 + 1, bottom)).convert("L")
            assert edge.getextrema()[1] > 60, item
            # and the inside is tinted (or hatched), not left as it was
            inside = diff.crop((x0 + 2, top + 2, x1 - 1, bottom - 1)).convert("L")
            assert ImageStat.Stat(inside).mean[0] > 5, item
    # a blank strip between the columns' bottom and the page number stays blank
    calm = diff.crop(pixels((150, 560, 450, 660))).convert("L")
    assert calm.getextrema()[1] <= 8


def test_pages_and_resolution(pdf: Path, hand_doc: Document, tmp_path: Path) -> None:
    written = newsingest.inspect(hand_doc, pdf, tmp_path, pages="2", resolution=36)
    assert [p.name for p in written] == ["two-col.page002.png"]
    assert Image.open(written[0]).height == 396 and Image.open(written[0]).width > 306
    with pytest.raises(InspectError, match="has 2 pages"):
        newsingest.inspect(hand_doc, pdf, tmp_path, pages=[5])


def test_odd_boxes_do_not_crash(pdf: Path, hand_doc: Document, tmp_path: Path) -> None:
    odd = (Block("paragraph", "inverted", provenance=Provenance(page=1, bbox=(300, 400, 100, 300))),
           Block("paragraph", "off the page", provenance=Provenance(page=1, bbox=(-50, 900, 2000,
                                                                                  950))),
           Block("paragraph", "empty", provenance=Provenance(page=1, bbox=(10, 10, 10, 10))))
    doc = attrs.evolve(hand_doc, blocks=odd, furniture=())
    (png,) = newsingest.inspect(doc, pdf, tmp_path, pages=[1], resolution=RES)
    assert Image.open(png).height == bare(pdf, 1).height


def test_wrong_source_is_refused(hand_doc: Document, tmp_path: Path) -> None:
    other = tmp_path / "other.pdf"
    make_pdf(other)
    other.write_bytes(other.read_bytes() + b"\n% changed\n")
    with pytest.raises(InspectError, match="sha256"):
        newsingest.inspect(hand_doc, other, tmp_path)


def test_real_parser_output_renders(pdf: Path, tmp_path: Path) -> None:
    """Whatever the PDF parser gives (boxes or not), inspect draws it without failing."""
    doc = newsingest.parse(pdf)
    written = newsingest.inspect(doc, pdf, tmp_path, pages="1", resolution=RES)
    assert Image.open(written[0]).height == bare(pdf, 1).height


class Elements(HTMLParser):
    """Collects every start tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def parse_html(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_view_one_element_per_block(pdf: Path, hand_doc: Document, tmp_path: Path) -> None:
    (page,) = newsingest.inspect(hand_doc, pdf, tmp_path, html=True, resolution=RES)
    assert page.name == "two-col.inspect.html"
    view = parse_html(page)
    blocks = view.with_class("block")
    assert [b["id"] for b in blocks] == [f"b{n}" for n in range(1, len(hand_doc.blocks) + 1)]
    assert len(view.with_class("furniture")) >= len(hand_doc.furniture)
    images = [a for tag, a in view.tags if tag == "img"]
    assert len(images) == 2 and all((a["src"] or "").startswith("data:image/png;base64,")
                                    for a in images)
    boxes = view.with_class("box")
    boxed = [b for b in hand_doc.blocks if b.provenance.bbox is not None]
    assert len(boxes) == len(boxed) + len(hand_doc.furniture)
    # hovering links a box to its block: they share data-ref
    assert {b["data-ref"] for b in boxes} >= {"b1", "b2", "f1"}
    assert [b["data-ref"] for b in view.with_class("title")] == ["b1"]
    assert len(view.with_class("col")) == 3  # two columns detected on page one, one on two
    assert "no box: not drawn" in page.read_text(encoding="utf-8")


def test_html_view_without_source_lists_blocks(hand_doc: Document, tmp_path: Path) -> None:
    (page,) = newsingest.inspect(hand_doc, None, tmp_path, html=True)
    assert len(parse_html(page).with_class("block")) == len(hand_doc.blocks)


def test_import_is_lazy() -> None:
    import subprocess

    code = ("import sys, newsingest; assert 'newsingest.inspection' not in sys.modules; "
            "import newsingest.inspection as m; assert newsingest.inspect is m.inspect")
    subprocess.run([sys.executable, "-c", code], check=True)


def hidden_text(pdf: Path, image: Image.Image) -> float:
    """The share of the page's text pixels that the drawing made unreadable (light)."""
    page = bare(pdf, 1).convert("L")
    drawn = image.crop((0, 0, *page.size)).convert("L")
    text = [i for i, v in enumerate(page.tobytes()) if v < 80]
    light = drawn.tobytes()
    return sum(1 for i in text if light[i] > 150) / len(text)


def test_legend_in_a_margin_strip_and_labels_off_the_text(pdf: Path, hand_doc: Document,
                                                         tmp_path: Path) -> None:
    # boxes over part of each column only: the lines just above them are text no box claims,
    # where a label placed "above" would sit
    inner = tuple(Block("paragraph", f"part {n}", provenance=Provenance(
        page=1, bbox=measure(pdf, region))) for n, region in enumerate(
            [(60, 145, 300, 200), (310, 145, 612, 200), (60, 230, 300, 290)]))
    doc = attrs.evolve(hand_doc, blocks=inner, furniture=())
    (png, _) = newsingest.inspect(doc, pdf, tmp_path, resolution=RES)
    image = Image.open(png).convert("RGB")
    page = bare(pdf, 1)
    strip = image.crop((page.width, 0, image.width, image.height)).convert("L")
    assert strip.getextrema()[0] < 50  # the legend's text is in the strip
    assert hidden_text(pdf, image) < 0.002
