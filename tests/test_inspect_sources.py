"""`newsingest inspect` on text dumps and HTML inputs, and the command line."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

import newsingest
from newsingest.cli import cli
from newsingest.inspection import InspectError, inspect
from newsingest.model import Block, Document, Furniture, Metadata, Provenance, Repair, Source

DUMP = ("Council Approves New Bridge\n"
        "\n"
        "The city council voted on Tuesday to approve a new bridge, CafÃ© owners\n"
        "said the \ufffd\ufffd traffic would help.\n"
        "\n"
        "A second paragraph closes the story.\n")

PAGE = """<!DOCTYPE html><html><head><title>Bridge</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Council Approves New Bridge</h1>
<p>The city council voted on Tuesday.</p>
<p>A second paragraph <b>closes</b> the story.</p>
</article></body></html>
"""


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.classes.append((tag, dict(attrs)))

    def having(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.classes if name in (a.get("class") or "").split()]


def view(path: Path) -> tuple[Collect, str]:
    text = path.read_text(encoding="utf-8")
    collected = Collect()
    collected.feed(text)
    return collected, text


def test_text_dump_source_lines_beside_blocks(tmp_path: Path) -> None:
    src = tmp_path / "dump.txt"
    src.write_text(DUMP, encoding="utf-8")
    doc = newsingest.parse(src)
    assert doc.repairs, "the dump has mojibake and U+FFFD, so repairs are logged"
    (page,) = inspect(doc, src, tmp_path / "out", html=False)  # text always gets the HTML view
    assert page.name == "dump.inspect.html"
    parsed, text = view(page)
    assert [b["id"] for b in parsed.having("block")] == [
        f"b{n}" for n in range(1, len(doc.blocks) + 1)]
    # every non-blank source line is shown, with its line number
    for number, line in enumerate(DUMP.split("\n"), start=1):
        if line.strip():
            shown = line.replace("\ufffd", "&lt;U+FFFD&gt;")
            assert f'<span class="ln">{number}</span>{shown}' in text
    # lines a repair changed are marked with the step; a removing step shows as removed
    changed = {r.step for r in doc.repairs}
    marked = [a for a in parsed.having("line") if "repaired" in (a["class"] or "")
              or "removed" in (a["class"] or "")]
    assert marked and all(any(s in (a.get("title") or "") for s in changed) for a in marked)
    assert any("removed" in (a["class"] or "") for a in marked)
    # the repair log has one row per repair
    log = re.search(r"<table class='log'>(.*?)</table>", text, re.S)
    assert log is not None and log.group(1).count("<tr") == len(doc.repairs) + 1


def test_text_lines_not_in_a_block_are_flagged(tmp_path: Path) -> None:
    data = b"Headline\n\nkept paragraph\n\nLOST LINE\n"
    source = Source("t.txt", "text/plain", hashlib.sha256(data).hexdigest(), len(data), "text",
                    "test")
    doc = Document(source, Metadata(title="Headline"),
                   (Block("paragraph", "kept paragraph", provenance=Provenance(lines=(3, 3))),
                    Block("paragraph", "from nowhere")))
    (page,) = inspect(doc, data, tmp_path)
    parsed, text = view(page)
    assert len(parsed.having("block")) == 2
    assert "metadata title" in text  # line 1 is recognised as the title
    assert "in metadata only: no block holds it" in text
    assert "not in any block" in text  # line 5 fed no block: shown, not hidden
    assert "no source line span" in text  # the block without lines is still listed


def test_html_input_elements_beside_blocks(tmp_path: Path) -> None:
    data = PAGE.encode("utf-8")
    source = Source("page.html", "text/html", hashlib.sha256(data).hexdigest(), len(data), "html",
                    "test")
    doc = Document(
        source, Metadata(title="Council Approves New Bridge"),
        (Block("heading", "Council Approves New Bridge", level=1,
               provenance=Provenance(path="/html/body/article/h1")),
         Block("paragraph", "The city council voted on Tuesday.",
               provenance=Provenance(path="/html/body/article/p[1]")),
         Block("paragraph", "A second paragraph closes the story.",
               provenance=Provenance(path="/html/body/article/p[2]")),
         Block("paragraph", "Stray", provenance=Provenance(path="/html/body/p[9]"))),
        (Furniture("navigation", "Home", Provenance(path="/html/body/nav")),),
        (Repair("collapse_spaces", "runs of spaces", 1, "a  b", "a b",
                (Provenance(path="/html/body/article/p[2]"),)),),
    )
    (page,) = inspect(doc, data, tmp_path)
    parsed, text = view(page)
    assert [b["id"] for b in parsed.having("block")] == ["b1", "b2", "b3", "b4"]
    assert "&lt;p&gt;A second paragraph &lt;b&gt;closes&lt;/b&gt; the story.&lt;/p&gt;" in text
    assert "line 5:" in text  # the element's source line
    assert "no such element in the source" in text  # p[9] does not exist
    assert "&lt;nav&gt;" in text and "collapse_spaces" in text


def test_real_html_parser_output(tmp_path: Path) -> None:
    para = ("<p>The city council voted on Tuesday to approve a new bridge across the river, "
            "ending a decade of debate over traffic, cost and the view from the old quay.</p>\n")
    src = tmp_path / "page.html"
    src.write_text(PAGE.replace("</article>", para * 4 + "</article>"), encoding="utf-8")
    doc = newsingest.parse(src)
    (page,) = inspect(doc, src, tmp_path)
    parsed, text = view(page)
    assert len(parsed.having("block")) == len(doc.blocks)
    # the parser's element paths are the ones the view resolves (the model's path contract)
    assert "no such element" not in text and "no element path" not in text


def test_bad_arguments(tmp_path: Path) -> None:
    doc = newsingest.parse_text(DUMP)
    for kwargs, message in (({"resolution": 5}, "resolution"), ({"pages": "3-1"}, "backwards")):
        try:
            inspect(doc, None, tmp_path, **kwargs)  # type: ignore[arg-type]
        except InspectError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(kwargs)


def test_cli(tmp_path: Path) -> None:
    src = tmp_path / "dump.txt"
    src.write_text(DUMP, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["inspect", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()).name == "dump.inspect.html"
    result = runner.invoke(cli, ["inspect", str(src), "-o", str(tmp_path), "--pages", "x"])
    assert result.exit_code == 2 and "--pages" in result.output
    result = runner.invoke(cli, ["inspect", str(src), "-o", str(tmp_path), "--resolution", "1"])
    assert result.exit_code == 2
