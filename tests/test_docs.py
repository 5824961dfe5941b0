"""The docs keep up with the code: every hook is documented, the schema page is the schema."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from newsingest import hookspecs
from newsingest.serialize import SCHEMA_PATH

DOCS = Path(__file__).resolve().parent.parent / "docs"


def hook_names() -> list[str]:
    return [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, "newsingest_spec")]


def test_every_hook_is_documented() -> None:
    names = hook_names()
    assert len(names) >= 4
    reference = (DOCS / "plugins" / "hooks.md").read_text(encoding="utf-8")
    for name in names:
        assert f"## {name}" in reference, f"hook {name} is missing from docs/plugins/hooks.md"
        summary = inspect.getdoc(getattr(hookspecs, name)).splitlines()[0]  # type: ignore[union-attr]
        assert summary in reference, f"docs for {name} do not match its docstring"


def test_every_hook_docstring_is_complete() -> None:
    for name in hook_names():
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        for part in (":param", ":return:", "Ordering:"):
            assert part in doc, f"{name} docstring lacks {part}"


def test_schema_page_matches_shipped_schema() -> None:
    page = (DOCS / "model.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", page, re.S)
    assert block is not None
    assert block.group(1).strip() == Path(SCHEMA_PATH).read_text(encoding="utf-8").strip()
