"""The library as a new user reaches for it (issue 15): to_dict, page_count, dates as dates,
options refused by name, a str that is not a path, HTML given to parse_text, formats that need
a plugin, and inspect finding its own source."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import newsingest
from newsingest.api import InputWarning
from newsingest.inspection import InspectError
from newsingest.model import Block, Document, Metadata, ParseWarning, Provenance, Source
from newsingest.serialize import from_json

ARTICLE = ("Council Approves New Bridge\n\nBy Maria Alvarez | March 24, 2026\n\n"
           "The council voted on Tuesday. The bridge opens next year.\n")
HTML = ("<html><head><title>Bridge</title>"
        '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
        "</head><body><article><h1>Bridge</h1><p>The council voted on Tuesday to approve "
        "the new bridge across the river.</p></article></body></html>")
SOURCE = Source("x.pdf", "application/pdf", "0" * 64, 1, "pdf", "1")


def test_to_dict_is_the_json_structure() -> None:
    doc = newsingest.parse_text(ARTICLE)
    data = doc.to_dict()
    assert data == json.loads(doc.to_json())
    assert data["metadata"]["published"] == "2026-03-24"


def test_page_count() -> None:
    blocks = (Block("paragraph", "a", provenance=Provenance(page=1)),
              Block("paragraph", "b", provenance=Provenance(page=2)))
    warned = (ParseWarning("no-text", "page 3 has no text layer", Provenance(page=3)),)
    assert Document(SOURCE, blocks=blocks).page_count == 2
    assert Document(SOURCE, blocks=blocks, warnings=warned).page_count == 3
    assert newsingest.parse_text(ARTICLE).page_count == 1


def test_dates_are_dates_in_python_and_iso_strings_in_json() -> None:
    doc = newsingest.parse_text(ARTICLE)
    assert doc.metadata.published == datetime.date(2026, 3, 24)
    html = newsingest.parse(HTML.encode(), parser="html", htmldate=False)
    published = html.metadata.published
    assert isinstance(published, datetime.datetime)
    assert published.utcoffset() == datetime.timedelta(hours=1)
    assert html.to_dict()["metadata"]["published"] == "2024-03-05T09:30:00+01:00"
    assert from_json(html.to_json()) == html
    assert Metadata(published="2024-03-05T09:30:00Z").published == datetime.datetime(
        2024, 3, 5, 9, 30, tzinfo=datetime.timezone.utc)
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        Metadata(published="March 24, 2026")


def test_unknown_options_are_refused_naming_the_valid_ones() -> None:
    with pytest.raises(TypeError, match=r"unknown option 'caption' \(did you mean 'captions'\?\)"
                       r".*captions, htmldate.*password"):
        newsingest.parse(HTML.encode(), caption=False)
    with pytest.raises(TypeError, match="parser 'text' accepts: no options"):
        newsingest.parse(b"Some words.\n", parser="text", password="x")
    assert newsingest.parse(HTML.encode(), captions=False).source.parser == "html"


def test_a_str_of_markup_or_text_is_not_a_missing_file() -> None:
    with pytest.raises(newsingest.ParseError) as info:
        newsingest.parse(HTML)
    message = str(info.value)
    assert "no such file" not in message and "looks like HTML" in message
    assert "encode()" in message and len(message) < 300  # not the whole markup as a name
    with pytest.raises(newsingest.ParseError, match="parse_text"):
        newsingest.parse(ARTICLE)
    with pytest.raises(newsingest.ParseError, match="no such file"):
        newsingest.parse("missing-story.pdf")


def test_parse_text_given_html_warns() -> None:
    with pytest.warns(InputWarning, match="parser='html'"):
        newsingest.parse_text(HTML)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("memo.docx", b"PK\x03\x04" + b"\x00" * 40, "pip install newsingest-docx"),
    ("book.epub", b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/epub+zip",
     "pandoc book.epub"),
    ("letter.odt", b"PK\x03\x04" + b"\x00" * 40, "OpenDocument"),
    ("message.eml", b"From: a@example.org\nSubject: hi\n\nHello there.\n", "newsingest-eml"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "pip install newsingest-ocr"),
    ("scan", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "newsingest-ocr"),
])
def test_known_formats_without_their_plugin_say_what_to_install(
        name: str, data: bytes, words: str, fresh_plugins: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSINGEST_PLUGINS", "")  # no third-party parser, as on a fresh install
    with pytest.raises(newsingest.UnsupportedFormatError, match=words) as info:
        newsingest.parse(data, name=name)
    assert "installed parsers" not in str(info.value)


def test_inspect_finds_the_source_of_a_parsed_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = newsingest.parse(path)
    (found,) = newsingest.inspect(doc, tmp_path / "found")
    (given,) = newsingest.inspect(doc, path, tmp_path / "given")
    (blind,) = newsingest.inspect(doc, None, tmp_path / "blind")
    assert found.read_text(encoding="utf-8") == given.read_text(encoding="utf-8")
    assert found.read_text(encoding="utf-8") != blind.read_text(encoding="utf-8")
    path.write_text(ARTICLE + "changed\n", encoding="utf-8")
    with pytest.raises(InspectError, match="sha256 differs"):
        newsingest.inspect(doc, tmp_path / "look")
    with pytest.raises(InspectError, match="not parsed from a file"):
        newsingest.inspect(newsingest.parse_text(ARTICLE), tmp_path / "look")
