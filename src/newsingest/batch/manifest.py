"""``OUTDIR/manifest.jsonl``: one JSON line per input saying what became of it.

The manifest is appended to (one flushed line per outcome) while a run goes, so a killed run
still tells the next ``--resume`` what was done; readers take the *last* line per path and ignore
a torn final line. At the end of a run it is rewritten atomically with exactly one line per
input. The format is engine-neutral: the local pool and a cluster engine write the same records.

Fields: ``path`` (the input's stable name, the key), ``source`` (where it was read: a file, or
``archive::member``), ``sha256`` and ``size`` of the input bytes, ``status`` (``ok``, ``failed``,
``timeout``, ``skipped``), ``error_type`` and ``message``, ``pages``, ``seconds`` (conversion
time), ``output`` (relative to OUTDIR), ``parser``, and ``peak_rss_mib`` (the worker's peak RSS
when it finished this input).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from newsingest.batch.convert import Result

__all__ = ["NAME", "STATUSES", "ManifestWriter", "Record", "read_manifest"]

NAME = "manifest.jsonl"
STATUSES = ("ok", "failed", "timeout", "skipped")


@attrs.frozen
class Record:
    """One manifest line."""

    path: str
    status: str = attrs.field(validator=attrs.validators.in_(STATUSES))
    source: str | None = None
    sha256: str | None = None
    size: int | None = None
    error_type: str | None = None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0
    output: str | None = None
    parser: str | None = None
    peak_rss_mib: float | None = None

    @classmethod
    def from_result(cls, result: Result, source: str | None) -> Record:
        return cls(path=result.name, status=result.status, source=source,
                   sha256=result.sha256, size=result.size, error_type=result.error_type,
                   message=result.message, pages=result.pages if result.status == "ok" else 0,
                   seconds=result.seconds, output=result.output, parser=result.parser,
                   peak_rss_mib=result.peak_rss_mib)

    def to_json(self) -> str:
        """One line, fields in a fixed order.

        >>> Record("a/x.pdf", "skipped").to_json()[:42]
        '{"path": "a/x.pdf", "status": "skipped", "'
        """
        return json.dumps(attrs.asdict(self), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        known = {field.name for field in attrs.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Record]:
    """The last record per input path; unreadable lines (a torn last line) are ignored."""
    records: dict[str, Record] = {}
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
    except FileNotFoundError:
        return records
    with handle:
        for line in handle:
            try:
                record = Record.from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue
            records[record.path] = record
    return records


class ManifestWriter:
    """Appends flushed lines during a run; :meth:`finish` rewrites it once per input."""

    def __init__(self, outdir: str | os.PathLike[str], *, append: bool) -> None:
        self.outdir = Path(outdir)
        self.path = self.outdir / NAME
        if append and self.path.exists():
            with open(self.path, "rb+") as handle:  # cut a torn line so the next one starts clean
                data = handle.read()
                if data and not data.endswith(b"\n"):
                    handle.truncate(data.rfind(b"\n") + 1)
        self._handle = open(self.path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, record: Record) -> None:
        self._handle.write(record.to_json() + "\n")
        self._handle.flush()

    def finish(self, records: Iterable[Record]) -> None:
        """Replace the file atomically with exactly these records, in this order."""
        from newsingest.batch.outputs import write_atomic

        self._handle.close()
        text = "".join(record.to_json() + "\n" for record in records)
        write_atomic(self.outdir, NAME, text, reserved_ok=True)

    def close(self) -> None:
        self._handle.close()
