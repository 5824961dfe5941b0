"""The command line: output formats, files, and one clear line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsingest import __version__
from newsingest.cli import cli

ARTICLE = "A Headline\n\nThe first paragraph of the story.\n"


def test_parse_formats(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["parse", str(src)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["schema_version"]
    for fmt, check in [("jsonl", lambda s: len(s.splitlines()) == 1 and json.loads(s)),
                       ("markdown", lambda s: s.startswith("# A Headline")),
                       ("text", lambda s: "first paragraph" in s)]:
        result = runner.invoke(cli, ["parse", str(src), "-f", fmt])
        assert result.exit_code == 0 and check(result.output), (fmt, result.output)


def test_output_file_and_stdin(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["parse", "-", "-o", str(out)], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["name"] == "<stdin>"


def test_bad_input_is_one_line_and_nonzero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(empty)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "empty" in result.output and "Traceback" not in result.output


def test_debug_shows_the_exception(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["--debug", "parse", str(empty)])
    assert result.exit_code == 1
    assert result.exception is not None


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(src), "-f", "yaml"])
    assert result.exit_code == 2
    assert "choose from" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert __version__ in result.output


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    target = src / "out.json"  # a folder that is a file (missing folders are created)
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(target)])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.tmp"))


def test_plugin_commands_load_without_main() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("parse", "plugins", "convert", "inspect"):
        assert name in result.output


def test_markdown_keeps_code_and_captions_intact() -> None:
    from newsingest.export.markdown import render_markdown
    from newsingest.model import Block, Document, Source

    doc = Document(
        source=Source(None, "text/plain", "0" * 64, 0, "test", "0"),
        blocks=(Block("preformatted", "x ``` y"), Block("caption", "a *b* c")),
    )
    out = render_markdown(doc)
    assert "````\nx ``` y\n````" in out
    assert "*a \\*b\\* c*" in out
