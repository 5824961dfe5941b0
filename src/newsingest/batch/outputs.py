"""Where outputs go and how they are written: inside OUTDIR, atomically.

Every path is resolved (following symlinks) and checked to lie inside OUTDIR before anything is
written, so neither a crafted name nor a symlink planted in OUTDIR can make a run write
elsewhere. Writes go to a temporary file next to the target and are renamed over it with
``os.replace``, so a killed run leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "RESERVED",
    "JsonlStream",
    "UnsafeOutputError",
    "remove_temporaries",
    "safe_path",
    "write_atomic",
]

#: Names the run itself writes at the top of OUTDIR.
RESERVED = frozenset({"manifest.jsonl", "documents.jsonl"})


class UnsafeOutputError(ValueError):
    """An output path would land outside OUTDIR (or on a file the run itself owns)."""


def safe_path(outdir: str | os.PathLike[str], relative: str) -> Path:
    """``OUTDIR/relative``, resolved, or :class:`UnsafeOutputError` if it escapes OUTDIR.

    >>> safe_path("/tmp/out", "a/b.pdf.json").as_posix().endswith("/out/a/b.pdf.json")
    True
    >>> safe_path("/tmp/out", "../etc/passwd")
    Traceback (most recent call last):
    ...
    newsingest.batch.outputs.UnsafeOutputError: '../etc/passwd' is outside the output folder
    """
    root = Path(outdir).resolve()
    target = (root / relative).resolve()
    if target == root or not target.is_relative_to(root):
        raise UnsafeOutputError(f"{relative!r} is outside the output folder")
    if target.parent == root and target.name in RESERVED:
        raise UnsafeOutputError(f"{relative!r} would overwrite the run's own {target.name}")
    return target


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_atomic(outdir: str | os.PathLike[str], relative: str, text: str,
                 *, reserved_ok: bool = False) -> Path:
    """Write ``text`` to ``OUTDIR/relative`` through a temporary file and a rename."""
    if reserved_ok:
        root = Path(outdir).resolve()
        target = (root / relative).resolve()
        if target.parent != root:
            raise UnsafeOutputError(f"{relative!r} is not a top-level run file")
    else:
        target = safe_path(outdir, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkdir may have followed a symlink created since the check: check the real parent again.
    if not target.parent.resolve().is_relative_to(Path(outdir).resolve()):
        raise UnsafeOutputError(f"{relative!r} is outside the output folder")
    tmp = _temporary(target)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def remove_temporaries(outdir: str | os.PathLike[str], relative: str) -> None:
    """Delete temporaries a killed worker may have left for ``relative`` (any process id)."""
    try:
        target = safe_path(outdir, relative)
    except UnsafeOutputError:
        return
    for leftover in glob.glob(glob.escape(str(target.with_name(f".{target.name}."))) + "*.tmp"):
        with contextlib.suppress(OSError):
            os.unlink(leftover)


class JsonlStream:
    """``OUTDIR/documents.jsonl``, written by the parent process only.

    Each document is one ``write`` of a complete line, flushed at once. Opening in append mode
    first cuts off a partial last line left by a killed run; :meth:`compact` keeps, per input
    name, only the line whose hash the final manifest holds, so resumed runs never duplicate.
    """

    NAME = "documents.jsonl"

    def __init__(self, outdir: str | os.PathLike[str], *, append: bool) -> None:
        self.path = Path(outdir) / self.NAME
        if append and self.path.exists():
            _cut_partial_line(self.path)
        self._handle = open(self.path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, line: str) -> None:
        self._handle.write(line if line.endswith("\n") else line + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def names(self) -> set[tuple[str, str]]:
        """``(source.name, source.sha256)`` of every complete line."""
        return {key for key, _ in _keyed_lines(self.path)}

    def compact(self, keep: Iterable[tuple[str, str]]) -> None:
        """Rewrite atomically with one line per wanted key (the last written), in file order."""
        self._handle.flush()
        wanted = set(keep)
        last: dict[tuple[str, str], int] = {}
        lines = list(_keyed_lines(self.path))
        for number, (key, _) in enumerate(lines):
            last[key] = number
        text = "".join(line for number, (key, line) in enumerate(lines)
                       if key in wanted and last[key] == number)
        self._handle.close()
        write_atomic(self.path.parent, self.NAME, text, reserved_ok=True)
        self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115


def _cut_partial_line(path: Path) -> None:
    with open(path, "rb+") as handle:
        data = handle.read()
        if data and not data.endswith(b"\n"):
            handle.truncate(data.rfind(b"\n") + 1)


def _keyed_lines(path: Path) -> Iterable[tuple[tuple[str, str], str]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                continue
            try:
                source = json.loads(line)["source"]
                yield (str(source["name"]), str(source["sha256"])), line
            except (ValueError, KeyError, TypeError):
                continue
