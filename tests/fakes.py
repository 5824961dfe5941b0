"""Fixtures-as-files the tests share: a plugin distribution as pip would install it, zip bytes.

One copy, imported by the test modules (pytest puts ``tests/`` on the path), so a change to how
a fake distribution looks (its metadata, its entry-point group) is made once for every test.
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from pathlib import Path


def install_fake_distribution(root: Path, dist: str, module: str, source: str,
                              entry_name: str | None = None) -> None:
    """Write a module and a ``*.dist-info`` with a ``newsingest`` entry point, as pip would."""
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[newsingest]\n{entry_name or module} = {module}\n", encoding="utf-8"
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive of ``{member name: data}``, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# Article prose for the HTML tests: long enough to read as running text, about one story.
P1 = ("The harbour board met on Monday to decide the future of the old sea wall, which gave way "
      "in two places during the January storms and flooded the lowest streets.")
P2 = ("Engineers told the board that a new wall would take three summers to build, and that the "
      "harbour would have to close to larger boats for part of that time.")
P3 = ("Residents at the meeting asked for a hardship fund for older people on fixed incomes, who "
      "will struggle to pay the local levy that covers a quarter of the cost.")
COMMENT = ("I have lived here for thirty years and this is the first sensible decision the "
           "council has made. Let us hope they actually deliver it on time and on budget.")


def run_cli(args: list[str]) -> int:
    """Run the command line in-process; its exit code."""
    import pytest

    from newsingest.cli import main

    with pytest.raises(SystemExit) as exited:
        main(args)
    code = exited.value.code
    return code if isinstance(code, int) else 1


def manifest_records(out: Path) -> dict[str, dict[str, object]]:
    """A convert run's manifest, by input path."""
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {str(r["path"]): r for r in map(json.loads, lines)}
