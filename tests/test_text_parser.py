"""The text parser end to end: the pentagon example exactly as the issue states it, bad input."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

import newsingest
from newsingest.errors import ParseError, UnsupportedFormatError
from newsingest.model import BlockType

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pentagon-dump.txt"

P, Q, L = BlockType.PARAGRAPH, BlockType.QUOTE, BlockType.LIST_ITEM
EXPECTED = [
    (P, "During a U.S. Department", "inside Russia."),
    (P, "During the briefing", "Singh responded:"),
    (Q, "So, as I mentioned —", "details just yet."),
    (P, "Positing that", "approximately 10,000:"),
    (Q, "I don’t have more details", "updated on that."),
    (P, "NATO Secretary-General", "stating on X:"),
    (Q, "Officials from Seoul have briefed #NATO Allies & Indo-Pacific partners on the North "
        "Korean troop deployment to Russia.", ""),
    (P, "This is:", ""),
    (L, "a significant escalation in DPRK’s involvement", ""),
    (L, "yet another breach of UN resolutions", ""),
    (L, "a dangerous expansion of Russia’s war.", ""),
    (P, "Ukrainian President", "on X:"),
    (Q, "North Korean soldiers may join", "invest further in terror."),
    (P, "Related article:", ""),
    (P, "Biden Admin Confirms North Korean Troops in Russia; House Intel Chair: Consider Direct "
        "Military Action", ""),
]


def test_pentagon_example_exactly() -> None:
    doc = newsingest.parse(EXAMPLE)
    assert doc.metadata.title == "Pentagon Says North Korea Has Sent 10,000 Troops to Russia"
    got = [(b.type, b.text) for b in doc.blocks]
    assert len(got) == len(EXPECTED), [t for _, t in got]
    for (kind, text), (want_kind, start, end) in zip(got, EXPECTED, strict=True):
        assert kind is want_kind, text
        if end:
            assert text.startswith(start) and text.endswith(end), text
        else:
            assert text == start
    assert "\ufffd" not in doc.to_json()
    assert "  " not in "".join(b.text for b in doc.blocks)
    lost = [r for r in doc.repairs if r.step == "remove_replacement_chars"]
    assert lost and lost[0].removed and len(lost[0].locations) == 3
    ordered = [b for b in doc.blocks if b.type is L]
    assert [b.marker for b in ordered] == ["1.", "2.", "3."] and all(b.ordered for b in ordered)


def test_provenance_and_raw_keep_the_source_lines() -> None:
    doc = newsingest.parse(EXAMPLE)
    first = doc.blocks[0]
    assert first.provenance.lines == (3, 10)
    assert first.raw is not None
    assert first.raw.startswith("During a U.S. Department of Defense press\n")
    flags = doc.blocks[6]
    assert flags.raw is not None
    assert flags.raw.endswith("the North\nKorean troop deployment to Russia.")
    lost = next(r for r in doc.repairs if r.step == "remove_replacement_chars")
    assert lost.before.startswith("Officials from Seoul <U+FFFD><U+FFFD>")


def test_browser_print_dump_furniture_title_byline() -> None:
    text = (
        "11/25/26, 5:29 PM Wire Story About Rates\n"
        "Harbor City Times\n"
        "World | Politics | Business | Technology | Science\n"
        "Wire Story About\n"
        "Rates\n"
        "By Sophie Laurent · December 1, 2026\n"
        "The first paragraph is long enough to wrap onto a second line in the dump, as printed\n"
        "pages do.\n"
        "A second paragraph follows here.\n"
        "file:///tmp/x/article.html 1/1\n"
    )
    doc = newsingest.parse_text(text)
    assert doc.metadata.title == "Wire Story About Rates"
    assert doc.metadata.authors == ("Sophie Laurent",)
    assert doc.metadata.published.isoformat() == "2026-12-01"
    assert [b.text for b in doc.blocks] == [
        "The first paragraph is long enough to wrap onto a second line in the dump, as printed "
        "pages do.",
        "A second paragraph follows here.",
    ]
    kinds = {f.kind.value for f in doc.furniture}
    assert {"header", "navigation", "footer", "masthead"} <= kinds


def test_paragraph_split_by_a_page_break_is_rejoined() -> None:
    text = (
        "Title Of The Piece\n\nA paragraph that runs to the end of the page and keeps going on\n"
        "\nPage 1\n\f\nthe next page, where it ends.\n"
    )
    doc = newsingest.parse_text(text)
    assert [b.text for b in doc.blocks] == [
        "A paragraph that runs to the end of the page and keeps going on the next page, where it "
        "ends."
    ]
    assert any(f.text == "Page 1" for f in doc.furniture)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [("Café Story\n\nNaïve “quotes” — here.\n", "utf-16"),
     ("Café Story\n\nNaïve here.\n", "cp1252")],
)
def test_other_encodings(data: str, encoding: str) -> None:
    doc = newsingest.parse(data.encode(encoding), name="x.txt")
    assert doc.metadata.title == "Café Story"
    assert doc.blocks[0].text.startswith("Naïve")


def test_empty_and_binary_input_give_parse_errors() -> None:
    with pytest.raises(ParseError):
        newsingest.parse(b"", name="empty.txt")
    with pytest.raises(ParseError):
        newsingest.parse(bytes(range(256)) * 8, name="junk.txt")


def test_whitespace_only_gives_a_document_with_a_warning() -> None:
    doc = newsingest.parse(b"\n\n   \t\n", name="blank.txt")
    assert doc.blocks == () and doc.metadata.title is None
    assert [w.code for w in doc.warnings] == ["no-text"]


def test_text_without_a_body_warns_no_body() -> None:
    doc = newsingest.parse(b"Page 1\n\n2/5\n", name="furniture.txt")
    assert doc.blocks == ()
    assert "no-body" in [w.code for w in doc.warnings]


def test_lost_characters_warn_in_kebab_case() -> None:
    doc = newsingest.parse_text("Headline Here\n\nThe price \ufffd rose.\n")
    assert "characters-lost" in [w.code for w in doc.warnings]


def test_huge_single_line_does_not_hang() -> None:
    data = ("word " * 2_000_000).encode()  # 10 MB on one line (50 MB: ~7 s, linear)
    start = time.process_time()
    doc = newsingest.parse(data, name="big.txt")
    assert time.process_time() - start < 10
    assert sum(len(b.text) for b in doc.blocks) + len(doc.metadata.title or "") > 8_000_000


def test_cid_runs_give_a_warning() -> None:
    doc = newsingest.parse_text("Headline Here\n\nThe price (cid:3)(cid:4) rose.\n")
    assert doc.blocks[0].text == "The price rose."
    assert any(w.code == "cid-removed" for w in doc.warnings)


def _no_blank_dump(size: int) -> bytes:
    words = ("troops", "the", "develop-", "ment", "said,", "officials.", "In", "a", "so-", "called")
    lines = ["Headline Of The Dump"]
    total = 0
    while total < size:
        k = len(lines)
        lines.append(" ".join(words[(k * 3 + j) % len(words)] for j in range(9 + k % 3)))
        total += len(lines[-1]) + 1
    return "\n".join(lines).encode()


def test_dump_without_blank_lines_parses_in_linear_time() -> None:
    # a dump without paragraph breaks is a few huge blocks; joining them was quadratic (a 3 MB
    # dump took 105 s). 4x the text must take about 4x the time, well under 8x.
    small, large = _no_blank_dump(200_000), _no_blank_dump(800_000)
    start = time.process_time()
    newsingest.parse(small, name="small.txt")
    middle = time.process_time()
    doc = newsingest.parse(large, name="large.txt")
    end = time.process_time()
    assert sum(len(b.text) for b in doc.blocks) > 700_000
    assert (end - middle) / max(middle - start, 1e-3) < 8, (middle - start, end - middle)


def test_month_only_date_line_gives_no_date() -> None:
    text = ("Harbor Budget Passes\nBy Jane Doe | March 2024\n\n"
            "The council passed the budget on a close vote after a long night.\n")
    doc = newsingest.parse_text(text)
    assert doc.metadata.authors == ("Jane Doe",)
    assert doc.metadata.published is None  # not 2024-03-01


def _small_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(72, 720, "A headline on a PDF page")
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("data", [_small_pdf(), b"\n%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n"])
def test_text_parser_refuses_a_pdf(data: bytes) -> None:
    # forced on a PDF (--parser text) it gave a Document titled "%PDF-1.4"
    with pytest.raises(UnsupportedFormatError, match="use the pdf parser"):
        newsingest.parse(data, name="story.txt", parser="text")
    assert newsingest.parse(b"About %PDF-1.4 files\n", parser="text").blocks  # only a mention


def test_long_line_is_kept_whole_and_the_warning_says_so() -> None:
    # the comment said long lines "are split", the warning "not reflowed": neither was true
    long = " ".join(f"Sentence number {k} says  something." for k in range(800))
    text = f"Headline Of The Story\n\nA first paragraph.\n\n{long}\n\nA last paragraph.\n"
    doc = newsingest.parse_text(text)
    assert [b.text for b in doc.blocks] == [
        "A first paragraph.", " ".join(long.split()), "A last paragraph."]
    assert doc.blocks[1].provenance.lines == (5, 5)
    (warning,) = [w for w in doc.warnings if w.code == "long-line"]
    assert warning.provenance is not None and warning.provenance.lines == (5, 5)
    assert f"{len(long)} characters" in warning.message and "kept whole" in warning.message


CJK = "北京时间三月十二日，国务院召开常务会议。\n\n会议指出，要加快推进改革，稳定经济增长。\n" * 3


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_cjk_without_a_bom_is_text(encoding: str) -> None:
    # few NULs (only its newlines): it was rejected as binary by the 40%-NUL rule
    doc = newsingest.parse(CJK.encode(encoding), name="zh.txt")
    assert "北京时间三月十二日" in doc.to_json()
    (warning,) = [w for w in doc.warnings if w.code == "encoding-guessed"]
    assert encoding in warning.message


def test_binary_with_nuls_is_still_refused() -> None:
    junk = bytes((k * 7919 + 13) % 256 for k in range(4096)) + b"\x00\x00" * 64
    with pytest.raises(ParseError):
        newsingest.parse(junk, name="junk.txt")


def test_guessed_encoding_is_named_in_a_warning() -> None:
    # short KOI8-R comes out garbled: the user must learn which encoding was guessed
    doc = newsingest.parse("Новости дня\n\nПривет, мир.\n".encode("koi8-r"), name="ru.txt")
    (warning,) = [w for w in doc.warnings if w.code == "encoding-guessed"]
    assert "decoded as" in warning.message
    assert newsingest.parse("Café Story\n\nNaïve.\n".encode("cp1252")).warnings[0].message \
        .startswith("no byte-order mark and not UTF-8: decoded as cp1252")
    for data in ("Café\n\nNaïve.\n".encode(), "Café\n\nNaïve.\n".encode("utf-16")):
        assert not [w for w in newsingest.parse(data).warnings if w.code == "encoding-guessed"]


BODY_ONE = ("The council voted on Tuesday to rebuild the seawall that protects the old\n"
            "harbour, five months after a winter storm tore a hole in it.\n")
BODY_TWO = ("Work on the new wall is expected to begin in the autumn and to last two\n"
            "summers, the engineers said.\n")


def test_a_later_pages_running_head_seen_once_is_furniture() -> None:
    # only page 2 carries the paper's name and date above its text: no repetition shows it
    text = ("Harbour Votes to Rebuild Its Seawall\nBy Helen Marsh\n\n" + BODY_ONE + "\n1\n"
            "\fTHE HARBOUR GAZETTE\n\nApril 7, 2026\n\n" + BODY_TWO + "\n2\n")
    doc = newsingest.parse_text(text)
    assert [b.text[:8] for b in doc.blocks] == ["The coun", "Work on "]
    heads = [f.text for f in doc.furniture if f.kind.value == "header"]
    assert heads == ["THE HARBOUR GAZETTE", "April 7, 2026"]


def test_a_newspaper_page_label_is_a_page_number() -> None:
    doc = newsingest.parse_text("Harbour Votes to Rebuild\nBy Helen Marsh\n\n" + BODY_ONE
                                + "\nA1\n")
    assert [b.text[:8] for b in doc.blocks] == ["The coun"]
    assert [f.text for f in doc.furniture if f.kind.value == "page_number"] == ["A1"]


def test_a_bare_url_or_number_inside_the_text_is_body_not_furniture() -> None:
    # a tweet's link and a number the dump set alone on a line are the article's words; the
    # browser's URL footer and the page count at the page's foot are furniture
    text = ("Harbour Votes to Rebuild\nBy Helen Marsh\n\n" + BODY_ONE +
            "\nI love that they voted for it.\nhttps://t.co/XPxUJuyIAC\n\n"
            "The board has more than\n80\nmembers, the chair said.\n\n"
            "© 2026 The Gazette. All rights reserved.\n\nfile:///tmp/x/article.html\n\n1/1\n\f")
    doc = newsingest.parse_text(text)
    body = " ".join(b.text for b in doc.blocks)
    assert "https://t.co/XPxUJuyIAC" in body
    assert "more than 80 members" in body
    assert [f.text for f in doc.furniture if f.kind.value in ("footer", "page_number")] == [
        "© 2026 The Gazette. All rights reserved.", "file:///tmp/x/article.html", "1/1"]


def test_page_numbers_counting_up_are_furniture_without_page_breaks() -> None:
    # pdfplumber joins pages with a newline only: the folios count up, a page's worth apart
    filler = "".join(f"Line {k} of the report goes on about the harbour wall.\n"
                     for k in range(12))
    text = ("Harbour Votes to Rebuild\nBy Helen Marsh\n\n" + BODY_ONE + filler + "1\n"
            + BODY_TWO + filler + "2\n" + filler)
    doc = newsingest.parse_text(text)
    assert [f.text for f in doc.furniture if f.kind.value == "page_number"] == ["1", "2"]
    assert not any(b.text in ("1", "2") for b in doc.blocks)
