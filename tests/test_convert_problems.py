"""One regression test per problem reported on `convert` for real archives (issue 14).

pdfminer log noise; any file taken as news; memory on huge inputs; untyped errors; parser
options that could not reach `convert`. (Repair idempotence as a whole is a property test in
test_repair_pipeline.py.)
"""

from __future__ import annotations

import io
import logging
import os
import time
from pathlib import Path

import pytest
from fakes import install_fake_distribution, manifest_records, run_cli
from reportlab.pdfgen import canvas

from newsingest import parse, parse_text
from newsingest.batch.convert import convert_one, read_input
from newsingest.errors import ParseError, TooLargeError

ARTICLE = "Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


def odd_font_pdf() -> bytes:
    """A one-page PDF whose font descriptor has a 3-number FontBBox: pdfminer warns
    "Could not get FontBBox from font descriptor" on its own logger while reading it."""
    widths = b" ".join([b"500"] * 95)
    stream = (b"BT /F1 12 Tf 72 720 Td (Harbour Reopens After Storm) Tj 0 -20 Td "
              b"(A second line of the story, long enough to count.) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Oddity /FirstChar 32 /LastChar 126 "
        b"/Widths [" + widths + b"] /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Oddity /Flags 32 /FontBBox [0 0 0] "
        b"/ItalicAngle 0 /Ascent 700 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


run = run_cli
records = manifest_records


# -- pdfminer log noise ----------------------------------------------------------------------


def test_pdfminer_warnings_stay_quiet_without_debug(tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str],
                                                    fresh_plugins: None) -> None:
    """The demoted records used to reach a level-less handler anyway ("newsingest: DEBUG:
    Could not get FontBBox"), in `parse` and in `convert`'s workers."""
    pdf = tmp_path / "in" / "odd.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(odd_font_pdf())
    root = logging.getLogger()
    handler = logging.StreamHandler()  # what logging.basicConfig installs: no level of its own
    saved = root.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    try:
        doc = parse(pdf)
        assert "Harbour" in doc.blocks[0].text
        assert "FontBBox" not in capfd.readouterr().err
        root.setLevel(logging.DEBUG)  # --debug: shown, as DEBUG
        parse(pdf)
        assert "FontBBox" in capfd.readouterr().err
    finally:
        root.removeHandler(handler)
        root.setLevel(saved)
    assert run(["convert", str(pdf.parent), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    err = capfd.readouterr().err
    assert "FontBBox" not in err and "1 ok" in err


# -- which files -----------------------------------------------------------------------------


def test_only_files_a_parser_claims_unless_all_files(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     fresh_plugins: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "gold.json").write_text('{"title": null, "blocks": []}', encoding="utf-8")
    (src / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (src / "NOTES").write_text(ARTICLE, encoding="utf-8")  # no extension: the text sniffs
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Misnamed But Still A PDF Story")
    page.save()
    (src / "scan.dat").write_bytes(buffer.getvalue())  # unclaimed extension, %PDF- header
    out = tmp_path / "out"
    assert run(["convert", str(src), "-o", str(out), "-j", "1"]) == 0
    err = capsys.readouterr().err
    got = {name: (r["status"], r["error_type"], r["parser"]) for name, r in records(out).items()}
    assert got == {"NOTES": ("ok", None, "text"), "gold.json": ("skipped", "Unsupported", None),
                   "scan.dat": ("ok", None, "pdf"), "story.txt": ("ok", None, "text"),
                   "table.csv": ("skipped", "Unsupported", None)}
    assert "skipped, Unsupported (2): gold.json, table.csv" in err
    assert not (out / "gold.json.json").exists()
    # named explicitly: taken; --all-files: everything
    assert run(["convert", str(src / "gold.json"), "-o", str(tmp_path / "one"), "-q"]) == 0
    assert records(tmp_path / "one")["gold.json"]["status"] == "ok"
    assert run(["convert", str(src), "-o", str(tmp_path / "all"), "-q", "--all-files"]) == 0
    assert {r["status"] for r in records(tmp_path / "all").values()} == {"ok"}


# -- memory ----------------------------------------------------------------------------------


def test_a_1_gb_input_is_one_clear_line_not_gigabytes(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      fresh_plugins: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "huge.txt", "wb") as handle:  # sparse: costs no disk
        handle.truncate(1024 ** 3)
    (src / "small.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    assert run(["convert", str(src), "-o", str(out), "-j", "1"]) == 1
    assert time.monotonic() - started < 20
    huge = records(out)["huge.txt"]
    assert (huge["status"], huge["error_type"]) == ("failed", "TooLargeError")
    assert "1,073,741,824 bytes" in str(huge["message"]) and "--max-size" in str(huge["message"])
    assert records(out)["small.txt"]["status"] == "ok"
    assert "TooLargeError (1): huge.txt" in capsys.readouterr().err


def test_the_size_limit_holds_on_the_bytes_read(tmp_path: Path) -> None:
    """A file that grows after it was listed is still cut at the limit, never read whole."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(TooLargeError, match="4,096-byte limit"):
        read_input(str(path), max_bytes=4096)
    assert read_input(str(path), max_bytes=0) == b"x" * 5000


# -- untyped errors --------------------------------------------------------------------------


def test_lone_surrogate_in_parse_text_is_replaced_and_reported() -> None:
    doc = parse_text("Budget Day\n\nThe council \ud800voted.\n")
    assert any(w.code == "lone-surrogate" for w in doc.warnings)


def test_nul_byte_in_a_path_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="NUL byte"):
        parse("a\x00b.pdf")


def test_undefined_meta_charset_falls_back_to_detection() -> None:
    page = ("<html><head><meta charset=undefined><title>Caf\xe9 Opens</title></head><body>"
            "<article><h1>Caf\xe9 Opens</h1><p>" + "The caf\xe9 opened on Tuesday. " * 20
            + "</p></article></body></html>").encode("cp1252")
    doc = parse(page, name="page.html")
    assert doc.metadata.title == "Café Opens"


# -- parser options --------------------------------------------------------------------------


def test_password_and_options_reach_convert(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            fresh_plugins: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt="hunter2")
    page.drawString(72, 720, "Secret Minutes Of The Council")
    page.drawString(72, 700, "A second line of the story, long enough to count.")
    page.save()
    (src / "locked.pdf").write_bytes(buffer.getvalue())
    out = tmp_path / "out"
    assert run(["convert", str(src), "-o", str(out), "-q"]) == 1
    assert records(out)["locked.pdf"]["error_type"] == "EncryptedError"
    assert run(["convert", str(src), "-o", str(out), "-q", "--password", "hunter2"]) == 0
    assert "Secret Minutes" in (out / "locked.pdf.json").read_text(encoding="utf-8")
    assert run(["convert", str(src), "-o", str(out), "-q", "--option", "htmldate=false",
                "--option", "password=hunter2"]) == 0
    capsys.readouterr()
    for bad in (["--option", "pasword=x"], ["--option", "htmldate=maybe"],
                ["--parser", "text", "--option", "password=x"], ["--option", "novalue"]):
        assert run(["convert", str(src), "-o", str(out), *bad]) == 2, bad
        assert "--option" in capsys.readouterr().err


def test_nul_byte_in_an_input_argument_is_a_usage_error(tmp_path: Path) -> None:
    assert run(["convert", os.fspath(tmp_path) + "/a\x00b", "-o", str(tmp_path / "o")]) == 2


# -- output formats --------------------------------------------------------------------------


def test_convert_takes_the_format_aliases_parse_takes(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: ``-f md`` / ``-f txt`` worked for ``parse`` but were refused by ``convert``."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(["parse", str(src / "a.txt"), "-f", "markdown"]) == 0
    markdown = capsys.readouterr().out
    for alias, canonical, extension in (("md", "markdown", ".md"), ("TXT", "text", ".txt")):
        out = tmp_path / alias
        assert run(["convert", str(src), "-o", str(out), "-q", "-f", alias]) == 0, alias
        assert records(out)["a.txt"]["output"] == "a.txt" + extension
        written = (out / ("a.txt" + extension)).read_text(encoding="utf-8")
        assert run(["parse", str(src / "a.txt"), "-f", canonical]) == 0
        assert written.rstrip("\n") == capsys.readouterr().out.rstrip("\n")
    assert written != markdown
    assert run(["convert", str(src), "-o", str(tmp_path / "y"), "-f", "yaml"]) == 2
    assert "markdown, text (or md, txt)" in capsys.readouterr().err
    # The per-file function (the Dask engine's convert_file, to_bag) resolves the same way.
    converted = convert_one("a.txt", ARTICLE.encode(), fmt="md")
    assert converted.record.status == "ok"
    assert (converted.rendered or "").rstrip("\n") == markdown.rstrip("\n")


ECHO_PLUGIN = """
    from newsingest import Block, BlockType, Document, hookimpl

    class Echo:  # an older plugin: no option_types
        name = "echo"
        version = "0.1"
        media_types = ("text/x-echo",)
        extensions = (".echo",)

        def sniff(self, head):
            return 0.0

        def parse(self, source, context):
            said = ", ".join(f"{k}={v}" for k, v in sorted(context.options.items()))
            return Document(source=source.source(self, "text/x-echo"),
                            blocks=(Block(BlockType.PARAGRAPH, f"options: {said}"),))

    @hookimpl
    def register_parsers(register):
        register(Echo())
"""


def test_a_parser_that_declares_no_options_gets_them_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    """convert passed --option to such a parser unchecked while parse_input refused it, so every
    file failed: one answer (api.declared_options) now serves both."""
    site = tmp_path / "site"
    site.mkdir()
    install_fake_distribution(site, "newsingest_echo", "ns_echo", ECHO_PLUGIN, "echo")
    monkeypatch.syspath_prepend(str(site))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.echo").write_text("anything", encoding="utf-8")
    assert parse(src / "a.echo", parser="echo", shout="yes").blocks[0].text == "options: shout=yes"
    out = tmp_path / "out"
    assert run(["convert", str(src), "-o", str(out), "-q", "--parser", "echo",
                "--option", "shout=yes"]) == 0
    assert "options: shout=yes" in (out / "a.echo.json").read_text(encoding="utf-8")
    with pytest.raises(TypeError, match="unknown option 'shout'"):
        parse(src / "a.echo", parser="text", shout="yes")
    assert run(["convert", str(src), "-o", str(out), "-q", "--option", "shout=yes"]) == 2


def test_a_zero_filled_txt_is_binary_not_a_gigabyte_of_text(fresh_plugins: None) -> None:
    """A sparse or zeroed file read as UTF-16 "text" (every byte position NUL) was decoded whole
    and took the worker's memory; it is binary data, refused from its first bytes."""
    converted = convert_one("zeros.txt", bytes(1 << 20))
    assert converted.record.error_type == "UnsupportedFormatError"
    assert "binary" in str(converted.record.message)
