"""Bad HTML never crashes: a Document (perhaps empty, with a warning) or a typed ParseError."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsingest
from newsingest.errors import EmptyInputError, ParseError, UnsupportedFormatError
from newsingest.model import Document

SENTENCE = "The river rose overnight and the town council opened the emergency shelter early. "


def parse(data: bytes) -> Document:
    return newsingest.parse(data, name="page.html", parser="html", htmldate=False)


def test_empty_input_is_a_typed_error() -> None:
    with pytest.raises(EmptyInputError):
        parse(b"")


def test_whitespace_only_is_an_empty_document_with_a_warning() -> None:
    doc = parse(b"   \n\t  ")
    assert doc.blocks == ()
    assert [w.code for w in doc.warnings] == ["empty-html"]


def test_binary_is_refused_with_a_reason() -> None:
    with pytest.raises(UnsupportedFormatError, match="binary"):
        parse(bytes(range(256)) * 8)


def test_markup_without_text_warns() -> None:
    doc = parse(b"<html><body><div><span></span></div></body></html>")
    assert doc.blocks == ()
    assert "no-article" in {w.code for w in doc.warnings}


def test_truncated_markup_keeps_what_is_there() -> None:
    page = f"<html><head><title>Cut</title></head><body><article><p>{SENTENCE * 2}</p><p>Half a"
    doc = parse(page.encode())
    assert doc.blocks[0].text == (SENTENCE * 2).strip()
    assert doc.blocks[-1].text == "Half a"


def test_broken_entities_do_not_crash() -> None:
    page = f"<p>{SENTENCE}&amp &notanentity; &#xZZ; &#99999999; &#0; fish &amp; chips &</p>"
    doc = parse(page.encode())
    assert "fish & chips" in doc.text
    assert "&#xZZ;" in doc.text
    assert "¬anentity;" in doc.text  # HTML5's legacy "&not" without a semicolon, as browsers do


@pytest.mark.parametrize("tag", ["div", "span"])
def test_ten_thousand_levels_of_nesting(tag: str) -> None:
    page = f"<html><body><p>{SENTENCE}</p>" + f"<{tag}>" * 10_000 + "deep" + f"</{tag}>" * 10_000
    doc = parse(page.encode())  # no RecursionError
    assert SENTENCE.strip() in doc.text
    assert "nesting-too-deep" in {w.code for w in doc.warnings}


def test_deep_but_parseable_nesting_keeps_text() -> None:
    page = "<html><body>" + "<div><span>" * 500 + SENTENCE + "</span></div>" * 500 + "</body>"
    doc = parse(page.encode())
    assert doc.text.strip() == SENTENCE.strip()


def test_twenty_megabyte_page() -> None:
    paragraph = f"<p>{SENTENCE * 4}</p>\n"
    count = 20_000_000 // len(paragraph) + 1
    page = f"<html><body><article>{paragraph * count}</article></body></html>".encode()
    assert len(page) >= 20_000_000
    start = time.perf_counter()
    doc = parse(page)
    assert len(doc.blocks) == count
    assert time.perf_counter() - start < 60


def test_invalid_utf8_and_nul_bytes() -> None:
    page = b"<html><body><p>" + SENTENCE.encode() + b"\xff\xfe\x00 caf\xe9</p></body></html>"
    doc = parse(page)
    assert SENTENCE.strip() in doc.text
    assert "café" in doc.text
    assert [w.code for w in doc.warnings] == ["nul-bytes"]


TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<ul>", "<li>", "</ul>",
                        "<ol start='x'>", "<table>", "<tr>", "<td>", "<pre>", "<h2>", "</h2>",
                        "<article>", "<script>", "</script>", "<a href='#'>", "</a>",
                        "<blockquote>", "<figure>", "<figcaption>", "&amp;", "&#x;", "<!--",
                        "<meta charset='utf-16'>", "<html lang=''>", "<title>", "</title>",
                        "<script type='application/ld+json'>{\"@graph\": [",
                        "<div style='display:none'>", "<li value='-3'>", "<br><br>"])
FRAGMENTS = st.lists(st.one_of(TAGS, st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRAGMENTS)
def test_fuzz_markup_never_crashes(markup: str) -> None:
    try:
        doc = parse(markup.encode("utf-8", "surrogatepass"))
    except ParseError:
        return
    assert isinstance(doc, Document)
    assert Document.from_json(doc.to_json()) == doc


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse(data)


def test_html_parser_out_of_memory_is_a_memory_error_not_an_empty_document() -> None:
    # libxml2 returns a partial tree (or none) when an allocation fails; a page too big for the
    # memory cap was reported as parsed with 0 blocks. The parser's error log says why.
    import types

    import lxml.etree

    from newsingest.parsers.html import dom

    entry = types.SimpleNamespace(type=lxml.etree.ErrorTypes.ERR_NO_MEMORY)
    with pytest.raises(MemoryError, match="memory"):
        dom._raise_if_out_of_memory(types.SimpleNamespace(error_log=[entry]))
    other = types.SimpleNamespace(type=lxml.etree.ErrorTypes.HTML_UNKNOWN_TAG)
    dom._raise_if_out_of_memory(types.SimpleNamespace(error_log=[other]))  # no error
