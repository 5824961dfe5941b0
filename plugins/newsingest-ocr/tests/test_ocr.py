"""The ocr parser on pages generated here: images, scanned PDFs, mixed PDFs, missing Tesseract."""

from __future__ import annotations

from typing import Any

import newsingest
import pytest
from newsingest import Document
from newsingest.errors import CorruptError
from newsingest.testing import check_parser

from newsingest_ocr import OcrParser, OcrUnavailableError, tesseract
from newsingest_ocr.lines import LOW_CONFIDENCE, page_text, split_gutters
from newsingest_ocr.read import _uncertainty
from newsingest_ocr.tesseract import OcrLine, OcrWord, recognize


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def test_contract(kit: Any, story_png: bytes) -> None:
    doc = check_parser(OcrParser(), story_png, name="scan.png")
    assert doc.source.parser == "ocr"
    assert doc.source.media_type == "image/png"


def test_png_gives_title_and_paragraphs(kit: Any, story_png: bytes) -> None:
    doc = newsingest.parse(story_png, name="scan.png")
    assert doc.source.parser == "ocr"
    assert doc.metadata.title == kit.HEADLINE
    assert texts(doc) == list(kit.PARAGRAPHS)
    assert all(b.provenance.page == 1 and b.provenance.bbox for b in doc.blocks)
    assert [w.code for w in doc.warnings if w.code.startswith("ocr")] == ["ocr-page"]


@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_jpeg_and_tiff(kit: Any, story_images: list[Any], fmt: str) -> None:
    doc = newsingest.parse(kit.image_file(story_images[:1], fmt), name=f"scan.{fmt.lower()}")
    assert doc.source.parser == "ocr"
    assert texts(doc) == list(kit.PARAGRAPHS)


def test_multipage_tiff_reads_every_page(kit: Any, story_images: list[Any]) -> None:
    doc = newsingest.parse(kit.image_file(story_images, "TIFF"), name="scan.tif")
    assert texts(doc) == [*kit.PARAGRAPHS, *kit.SECOND_PAGE]
    assert doc.blocks[-1].provenance.page == 2


def test_scanned_pdf_is_ocred(kit: Any, story_images: list[Any]) -> None:
    scanned = kit.image_pdf(story_images)
    doc = newsingest.parse(scanned, name="scan.pdf")
    assert doc.source.parser == "ocr"
    assert doc.metadata.title == kit.HEADLINE
    assert texts(doc) == [*kit.PARAGRAPHS, *kit.SECOND_PAGE]
    assert not any(w.code == "no-text-layer" for w in doc.warnings)


def test_text_pdf_goes_to_the_builtin_parser_unchanged(kit: Any, story_pdf: bytes) -> None:
    doc = newsingest.parse(story_pdf, name="story.pdf")
    builtin = newsingest.parse(story_pdf, name="story.pdf", parser="pdf")
    assert doc == builtin
    assert doc.source.parser == "pdf"


def test_mixed_pdf_reads_each_page_by_its_path(kit: Any, story_pdf: bytes,
                                               story_images: list[Any]) -> None:
    first_page_text = kit.text_pdf([(kit.HEADLINE, kit.PARAGRAPHS)])
    mixed = kit.image_pdf([first_page_text, story_images[1]])
    doc = newsingest.parse(mixed, name="mixed.pdf")
    builtin = newsingest.parse(mixed, name="mixed.pdf", parser="pdf")
    assert doc.source.parser == "ocr"
    # page 1 exactly as the built-in parser reads it; page 2 (scanned) from OCR
    assert [b for b in doc.blocks if b.provenance.page == 1] == list(builtin.blocks)
    assert texts(doc) == [*kit.PARAGRAPHS, *kit.SECOND_PAGE]
    assert doc.blocks[-1].provenance.page == 2
    codes = [(w.code, w.provenance.page if w.provenance else None) for w in doc.warnings]
    assert ("ocr-page", 2) in codes
    assert ("no-text-layer", 2) not in codes
    assert ("no-text-layer", 2) in [(w.code, w.provenance.page if w.provenance else None)
                                    for w in builtin.warnings]


def test_two_columns_read_left_then_right(kit: Any) -> None:
    left = ["Left column opens the story of the harbour and its new ferry service. " * 4,
            "The second paragraph of the left column talks about the timetable. " * 4]
    right = ["Right column carries on with the prices of tickets for the new boats. " * 4]
    page = kit.render(kit.two_columns_pdf(left, right))[0]
    doc = newsingest.parse(kit.image_file([page], "PNG"), name="columns.png")
    joined = " ".join(texts(doc))
    assert joined.index("Left column opens") < joined.index("second paragraph of the left")
    assert joined.index("second paragraph of the left") < joined.index("Right column carries")


def test_short_columns_tesseract_joins_are_cut_at_the_gutter(kit: Any) -> None:
    # Two short columns: Tesseract's layout analysis reads each row across both of them.
    left = ["The mayor opened the new library on Saturday morning with a short speech.",
            "Children queued at the doors long before the ribbon was cut."]
    right = ["The building cost four million pounds and took two years to finish.",
             "Its reading room looks over the river and the old market square."]
    page = kit.render(kit.two_columns_pdf(left, right))[0]
    assert any("Saturday The building" in " ".join(w.text for w in line.words)
               for line in recognize(page, "eng", 300).lines)  # the trait this test is about
    doc = newsingest.parse(kit.image_file([page], "PNG"), name="short.png")
    assert texts(doc) == [*left, *right]


def test_split_gutters_needs_a_space_most_lines_share() -> None:
    def line(y: int, *spans: tuple[int, int]) -> OcrLine:
        words = tuple(OcrWord(f"w{x0}", (x0, y, x1, y + 40), 95.0) for x0, x1 in spans)
        return OcrLine(words, (spans[0][0], y, spans[-1][1], y + 40), 40.0, 0)

    # one wide justified space is not a gutter...
    lone = [line(0, (0, 100), (200, 300)), line(50, (0, 100), (120, 300))]
    assert split_gutters(lone) == lone
    # ...the same wide space on two lines is: both are cut, left pieces first
    cut = split_gutters([line(0, (0, 100), (200, 300)), line(50, (0, 90), (210, 300))])
    assert [ln.words[0].text for ln in cut] == ["w0", "w0", "w200", "w210"]
    # justified text: two of five lines with wide spaces at one x are not a gutter
    justified = [line(0, (0, 100), (200, 300)), line(50, (0, 90), (210, 300)),
                 *(line(100 + 50 * k, (0, 140), (160, 300)) for k in range(3))]
    assert split_gutters(justified) == justified


def test_middle_dot_of_a_byline_is_read(kit: Any) -> None:
    pdf = kit.text_pdf([(kit.HEADLINE, kit.PARAGRAPHS)], byline="By Ann Lee \u00b7 May 4, 2026")
    page = kit.render(pdf)[0]
    lines = [" ".join(w.text for w in line.words) for line in recognize(page, "eng", 300).lines]
    assert "By Ann Lee \u00b7 May 4, 2026" in lines  # Tesseract's own reading: "Lee - May"
    doc = newsingest.parse(kit.image_file([page], "PNG"), name="byline.png")
    assert doc.metadata.authors == ("Ann Lee",)
    assert doc.metadata.published.isoformat() == "2026-05-04"
    assert doc.metadata.title == kit.HEADLINE


def test_a_rule_in_blank_space_is_dropped_a_drawn_one_kept() -> None:
    from PIL import Image, ImageDraw

    from newsingest_ocr.tesseract import _Ink, _phantom, _Row

    page = Image.new("L", (400, 60), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((10, 10, 100, 50), fill=0)  # a word
    draw.rectangle((200, 10, 300, 50), fill=0)  # the next word
    row = _Row((0, 5, 400, 55), 40.0, ((0, 50), (400, 50)))
    words = [OcrWord("The", (10, 10, 100, 50), 90.0), OcrWord("_", (150, 10, 152, 50), 50.0),
             OcrWord("trek", (200, 10, 300, 50), 90.0)]
    assert _phantom(words, 1, row, _Ink(page))
    assert not _phantom(words, 0, row, _Ink(page))  # a letter is never dropped
    draw.rectangle((140, 28, 160, 31), fill=0)  # a dash really drawn there, beside the box
    assert not _phantom(words, 1, row, _Ink(page))


def test_font_size_from_row_height(kit: Any, story_images: list[Any]) -> None:
    lines = recognize(story_images[0], "eng", 300).lines
    page, _ = page_text(1, story_images[0].width, 300, lines)
    sizes = {ln.text: ln.font_size for ln in page.lines}
    assert sizes[kit.HEADLINE] == pytest.approx(20, rel=0.1)
    body = [size for text, size in sizes.items() if text != kit.HEADLINE]
    assert all(size == pytest.approx(12, rel=0.1) for size in body)
    # one size per paragraph (a Tesseract block), though row fits vary line to line
    by_block: dict[int, set[float | None]] = {}
    for line, raw in zip(lines, page.lines, strict=True):
        by_block.setdefault(line.block, set()).add(raw.font_size)
    assert all(len(sizes) == 1 for sizes in by_block.values())


def test_low_confidence_words_kept_marked_and_counted(kit: Any) -> None:
    words = (OcrWord("The", (0, 0, 30, 20), 96.0), OcrWord("rnouse", (35, 0, 90, 20), 41.0),
             OcrWord("ran", (95, 0, 120, 20), 93.0))
    line = OcrLine(words, (0, 0, 120, 20), 14.0, 0)
    page, uncertain = page_text(3, 1000, 300, [line])
    assert page.lines[0].text == "The rnouse ran"  # kept in the text
    assert [(u.text, u.page) for u in uncertain] == [("rnouse", 3)]
    assert uncertain[0].confidence < LOW_CONFIDENCE
    warnings = _uncertainty(list(uncertain), total=3)
    assert warnings[0].code == "ocr-low-confidence"
    assert warnings[0].message.startswith("1 of 3 OCR words")
    assert warnings[1].code == "ocr-uncertain-word"
    assert warnings[1].provenance is not None and warnings[1].provenance.page == 3
    assert warnings[1].provenance.bbox == pytest.approx((8.4, 0.0, 21.6, 4.8))


def test_smudged_page_warns_about_low_confidence(kit: Any, story_images: list[Any]) -> None:
    from PIL import ImageFilter

    smudged = story_images[0].resize((620, 877)).filter(ImageFilter.GaussianBlur(1.2))
    doc = newsingest.parse(kit.image_file([smudged], "PNG", dpi=75), name="smudged.png")
    counted = [w for w in doc.warnings if w.code == "ocr-low-confidence"]
    marked = [w for w in doc.warnings if w.code == "ocr-uncertain-word"]
    assert counted and marked
    assert all(w.provenance is not None and w.provenance.bbox for w in marked)


def test_languages_option(kit: Any, story_png: bytes) -> None:
    doc = newsingest.parse(story_png, name="scan.png", ocr_languages="eng")
    assert "eng" in next(w.message for w in doc.warnings if w.code == "ocr-page")
    with pytest.raises(OcrUnavailableError, match="apt-get install tesseract-ocr-zzz"):
        newsingest.parse(story_png, name="scan.png", ocr_languages="eng+zzz")
    with pytest.raises(OcrUnavailableError, match="not a Tesseract language list"):
        newsingest.parse(story_png, name="scan.png", ocr_languages="eng; rm -rf")


@pytest.fixture()
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(tesseract, "find_tessdata", lambda: None)
    return None


def test_missing_tesseract_image_says_what_to_install(kit: Any, no_tesseract: None,
                                                      story_png: bytes) -> None:
    with pytest.raises(OcrUnavailableError, match=r"apt-get install tesseract-ocr"):
        newsingest.parse(story_png, name="scan.png")


def test_missing_tesseract_pdf_warns(kit: Any, no_tesseract: None, story_images: list[Any]) -> None:
    doc = newsingest.parse(kit.image_pdf(story_images[:1]), name="scan.pdf")
    assert doc.blocks == ()
    warning = next(w for w in doc.warnings if w.code == "ocr-unavailable")
    assert "apt-get install tesseract-ocr" in warning.message


def test_missing_tesserocr_says_pip_install(kit: Any, monkeypatch: pytest.MonkeyPatch,
                                            story_png: bytes) -> None:
    import builtins

    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "tesserocr":
            raise ImportError("No module named 'tesserocr'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(OcrUnavailableError, match="pip install tesserocr"):
        newsingest.parse(story_png, name="scan.png")


def test_damaged_image_is_a_corrupt_error(kit: Any, story_png: bytes) -> None:
    with pytest.raises(CorruptError, match="cannot be decoded"):
        newsingest.parse(story_png[:400], name="scan.png")


def test_blank_page_says_no_text_found(kit: Any) -> None:
    from PIL import Image

    doc = newsingest.parse(kit.image_file([Image.new("L", (850, 1100), 255)], "PNG"), name="b.png")
    assert doc.blocks == ()
    assert [w.code for w in doc.warnings] == ["ocr-no-text"]


def test_junk_named_pdf_gets_the_builtin_parsers_error() -> None:
    junk = b"\x00\x01\x02garbage" * 20
    with pytest.raises(CorruptError, match="not a PDF") as ours:
        newsingest.parse(junk, name="broken.pdf")
    with pytest.raises(CorruptError) as builtin:
        newsingest.parse(junk, name="broken.pdf", parser="pdf")
    assert str(ours.value) == str(builtin.value)
    with pytest.raises(CorruptError, match="neither a PDF nor a PNG"):
        newsingest.parse(junk, name="broken.png")


def test_mixed_pdf_blank_page_keeps_both_warnings(kit: Any) -> None:
    from PIL import Image

    blank = Image.new("L", (2481, 3508), 255)
    mixed = kit.image_pdf([kit.text_pdf([(kit.HEADLINE, kit.PARAGRAPHS)]), blank])
    doc = newsingest.parse(mixed, name="mixed.pdf")
    assert texts(doc) == list(kit.PARAGRAPHS)
    codes = {(w.code, w.provenance.page if w.provenance else None) for w in doc.warnings}
    assert {("no-text-layer", 2), ("ocr-no-text", 2)} <= codes


def test_page_pdfium_cannot_draw_is_a_warning(kit: Any, story_images: list[Any],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    from newsingest_ocr import parser

    def broken(*args: Any) -> Any:
        raise pypdfium2.PdfiumError("Failed to render page")
        yield  # a generator, as the real one

    monkeypatch.setattr(parser, "_rendered", broken)
    doc = newsingest.parse(kit.image_pdf(story_images[:1]), name="scan.pdf")
    warning = next(w for w in doc.warnings if w.code == "ocr-failed")
    assert "could not be drawn" in warning.message
