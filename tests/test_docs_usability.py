"""The docs a new user follows work as written (issue 15): no placeholder addresses, runnable
tutorial and quickstart snippets, a way to build the docs, each new feature shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_no_placeholder_addresses_for_users_to_follow() -> None:
    for path in [ROOT / "README.md", ROOT / "pyproject.toml", *DOCS.rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "example.invalid" not in text, path
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"].get("urls", {})
    assert all(".invalid" not in url for url in urls.values())


def test_tutorial_and_quickstart_snippets_define_every_name(tmp_path: Path) -> None:
    for page in ("plugins/tutorial.md", "quickstart.md", "chunking.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        for n, code in enumerate(re.findall(r"```python\n(.*?)```", text, re.S)):
            (tmp_path / f"{page.replace('/', '_')}_{n}.py").write_text(code, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated",
                          "--select", "F821", str(tmp_path)], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout


def test_the_docs_can_be_built_from_the_readme() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert any(dep.startswith("mkdocs") for dep in extras["docs"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -e '.[docs]'" in readme and "mkdocs build" in readme


def test_the_docs_show_each_feature() -> None:
    quickstart = (DOCS / "quickstart.md").read_text(encoding="utf-8")
    for shown in ("to_dict()", "page_count", "datetime.date", "front_matter=True",
                  "newsingest.chunk(", 'newsingest.inspect(doc, "look/")', "did you mean",
                  "parse_text"):
        assert shown in quickstart, shown
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    for shown in ("-o story.md", "-f md", "--front-matter", "--quiet", "newsingest chunk",
                  "newsingest-docx", "folders are created"):
        assert shown in cli, shown
    chunking = (DOCS / "chunking.md").read_text(encoding="utf-8")
    for shown in ("max_tokens", "overlap", "tokenizer", "convert dump/ -o out/ -f chunks"):
        assert shown in chunking, shown
