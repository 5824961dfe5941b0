"""The command line as a new user tries it (issue 15): format from -o, md/txt aliases, folders
created, a folder given to parse, warnings on stderr, front matter, formats needing a plugin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsingest.cli import cli

ARTICLE = "A Headline\nBy Ann Lee | March 24, 2026\n\nThe first paragraph of the story.\n"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click 8.2 keeps stderr apart always
        return CliRunner()


@pytest.mark.parametrize(("name", "check"), [
    ("story.md", lambda s: s.startswith("# A Headline")),
    ("story.txt", lambda s: s.startswith("A Headline\n\n")),
    ("story.jsonl", lambda s: len(s.splitlines()) == 1 and json.loads(s)),
    ("story.chunks.jsonl", lambda s: json.loads(s.splitlines()[0])["text"]),
    ("story.json", lambda s: json.loads(s)["schema_version"]),
    ("story.out", lambda s: json.loads(s)["schema_version"]),  # unknown: the default, JSON
])
def test_format_from_the_output_extension(src: Path, tmp_path: Path, name: str,
                                          check: object) -> None:
    out = tmp_path / "deep" / "er" / name  # missing folders are created
    result = runner().invoke(cli, ["parse", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_md_and_txt_are_format_names_too(src: Path, tmp_path: Path) -> None:
    assert runner().invoke(cli, ["parse", str(src), "-f", "md"]).stdout.startswith("# A")
    assert runner().invoke(cli, ["parse", str(src), "-f", "txt"]).stdout.startswith("A Headline")
    out = tmp_path / "x.json"  # -f wins over the extension
    assert runner().invoke(cli, ["parse", str(src), "-f", "md", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# A Headline")


def test_a_folder_given_to_parse_gets_the_library_message(tmp_path: Path) -> None:
    result = runner().invoke(cli, ["parse", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a directory, not a file (use `newsingest convert`)" in result.stderr


def test_warnings_go_to_stderr_one_line_each_and_quiet_hides_them(tmp_path: Path) -> None:
    path = tmp_path / "lost.txt"
    path.write_text("A Headline\n\nSome text with a lost \ufffd character.\n", encoding="utf-8")
    result = runner().invoke(cli, ["parse", str(path), "-f", "text"])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"newsingest: warning: {path}: ") for line in lines)
    assert "characters-lost" in result.stderr and "warning" not in result.stdout
    quiet = runner().invoke(cli, ["parse", str(path), "-f", "text", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_front_matter_flag(src: Path) -> None:
    result = runner().invoke(cli, ["parse", str(src), "-f", "md", "--front-matter"])
    assert result.exit_code == 0
    head = result.stdout.split("---\n")
    assert head[0] == "" and 'title: "A Headline"' in head[1] and "published: 2026-03-24" in head[1]
    refused = runner().invoke(cli, ["parse", str(src), "-f", "json", "--front-matter"])
    assert refused.exit_code == 2 and "only for markdown" in refused.stderr


def test_a_docx_without_its_plugin_names_the_plugin(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    fresh_plugins: None) -> None:
    monkeypatch.setenv("NEWSINGEST_PLUGINS", "")
    memo = tmp_path / "memo.docx"
    memo.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    result = runner().invoke(cli, ["parse", str(memo)])
    assert result.exit_code == 1
    assert "newsingest-docx" in result.stderr and "installed parsers" not in result.stderr
