"""The library API: inputs of every kind, format detection, typed errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import newsingest
from newsingest.api import choose_parser
from newsingest.parsers.base import Input
from newsingest.plugins import get_registry

ARTICLE = "A Headline\n\nThe first paragraph of the story.\n\nThe second one.\n"


def test_parse_path_bytes_and_file_agree(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    from_path = newsingest.parse(path)
    from_str_path = newsingest.parse(str(path))
    from_bytes = newsingest.parse(ARTICLE.encode(), name=str(path))
    with open(path, "rb") as handle:
        from_file = newsingest.parse(handle)
    assert from_path == from_str_path == from_bytes == from_file
    assert from_path.source.sha256 == from_bytes.source.sha256
    assert from_path.source.size == len(ARTICLE.encode())


def test_parse_text_and_text_property() -> None:
    doc = newsingest.parse_text(ARTICLE)
    assert doc.source.parser == "text"
    assert "The second one." in doc.text
    assert doc.to_markdown().startswith("# ")


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", None, "pdf"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", None, "html"),
        (b"Just some words.\n", None, "text"),
        (b"\x00\x01\x02garbage" * 20, "broken.pdf", "pdf"),
        (b"<html><p>hi</p></html>", "page.txt", "html"),
    ],
)
def test_detection(data: bytes, name: str | None, expected: str) -> None:
    # the built-ins alone: an installed plugin may claim a format (newsingest-ocr takes PDFs)
    registry = get_registry()
    builtins = {key: parser for key, parser in registry.parsers.items()
                if registry.origin[("parser", key)] == "newsingest"}
    assert choose_parser(Input(data, name=name), builtins).name == expected


def test_errors_are_typed_and_actionable(tmp_path: Path) -> None:
    with pytest.raises(newsingest.ParseError, match="no such file"):
        newsingest.parse(tmp_path / "missing.pdf")
    with pytest.raises(newsingest.EmptyInputError, match="empty"):
        newsingest.parse(b"", name="empty.txt")
    with pytest.raises(newsingest.UnsupportedFormatError, match="no parser recognises"):
        newsingest.parse(bytes(range(256)) * 8, name="blob.bin")
    with pytest.raises(newsingest.UnsupportedFormatError, match="no parser named 'nope'"):
        newsingest.parse(b"text", parser="nope")
    with pytest.raises(newsingest.CorruptError, match="not a PDF"):
        newsingest.parse(b"hello, I am not a pdf" * 10, name="fake.pdf", parser="pdf")
    with pytest.raises(TypeError, match="binary mode"):
        newsingest.parse(io.StringIO("text"))  # type: ignore[arg-type]
