"""The plugin docs' code works: the tutorial's package and every hook example pass the checks."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import newsingest
from newsingest import hookspecs
from newsingest.cli import cli
from newsingest.parsers.base import Parser
from newsingest.repair.pipeline import RepairStep
from newsingest.testing import check_exporter, check_parser, check_repair_step

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins"
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def tutorial_files() -> dict[str, str]:
    """Code blocks whose first line names a file (``# src/...``), as a reader copies them."""
    files = {}
    for _lang, body in FENCE.findall((DOCS / "tutorial.md").read_text(encoding="utf-8")):
        first = body.split("\n", 1)[0]
        if re.fullmatch(r"# [\w./-]+\.(py|toml)", first):
            files[first[2:]] = body
    return files


def hook_examples() -> dict[str, str]:
    """The Python example under each hook's heading in hooks.md."""
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    examples = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        name = section.split("\n", 1)[0].strip()
        blocks = [b for lang, b in FENCE.findall(section)
                  if lang == "python" and f"def {name}(" in b and "..." not in b]
        if blocks:
            examples[name] = blocks[-1]
    return examples


def load(name: str, source: str, where: Path) -> Any:
    path = where / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tutorial_has_the_whole_package() -> None:
    assert set(tutorial_files()) == {"pyproject.toml", "src/newsingest_eml/parser.py",
                                     "src/newsingest_eml/__init__.py", "tests/test_eml.py"}


def test_tutorial_plugin_installs_lists_and_passes_its_own_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    tomllib = pytest.importorskip("tomllib")
    files = tutorial_files()
    for relative, body in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(body, encoding="utf-8")
    (tmp_path / "src/newsingest_eml/__about__.py").write_text('__version__ = "0.1.0"\n')
    project = tomllib.loads(files["pyproject.toml"])["project"]
    # What pip does with the pyproject: the package on the path, the entry point in dist-info.
    info = tmp_path / "src" / f"{project['name'].replace('-', '_')}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\n"
                                   "Version: 0.1.0\n", encoding="utf-8")
    entries = project["entry-points"]["newsingest"]
    (info / "entry_points.txt").write_text(
        "[newsingest]\n" + "".join(f"{k} = {v}\n" for k, v in entries.items()), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    for module in [m for m in sys.modules if m.startswith("newsingest_eml")]:
        monkeypatch.delitem(sys.modules, module)

    listing = CliRunner().invoke(cli, ["plugins"]).output
    assert re.search(r"^  eml +newsingest-eml +\.eml$", listing, re.M), listing

    tests = load("tutorial_test_eml", files["tests/test_eml.py"], tmp_path)
    for name, function in inspect.getmembers(tests, inspect.isfunction):
        if name.startswith("test_"):
            function()
    eml = newsingest.parse(tests.SAMPLE, name="release.eml")
    assert eml.source.parser == "eml"


def test_every_hook_has_a_working_example(tmp_path: Path, fresh_plugins: None) -> None:
    examples = hook_examples()
    hooks = [n for n, f in inspect.getmembers(hookspecs, inspect.isfunction)
             if hasattr(f, "newsingest_spec")]
    assert sorted(examples) == sorted(hooks)
    registered: list[Any] = []
    for hook, source in examples.items():
        module = load(f"hook_example_{hook}", source, tmp_path)
        if hook == "register_commands":
            group = click.Group()
            module.register_commands(group)
            (command,) = group.commands.values()
            doc = tmp_path / "story.txt"
            doc.write_text("A Title\n\nThree short words.\n", encoding="utf-8")
            result = CliRunner().invoke(group, [command.name or "", str(doc)])
            assert result.exit_code == 0, result.output
            assert int(result.output) == 5  # "A Title" and "Three short words."
            continue
        getattr(module, hook)(registered.append)
    for item in registered:
        if isinstance(item, Parser):
            check_parser(item, b"SHOUT:hello there", name="a.shout")
        elif isinstance(item, RepairStep):
            check_repair_step(item, ["Contact:\u00a0\u00a0\u00a0Jane", "one\n\u00a0\u00a0two"])
        else:
            out = check_exporter(item, newsingest.parse_text("Title\n\nBody text.\n"))
            assert out.startswith("type,text,page\n")
    assert len(registered) == 3
