"""What became of one input: the manifest record, the only outcome type of a batch run.

The per-file function, both engines, the resume rules, the progress display and the manifest all
speak :class:`Record`; there is no second "result" type to keep in step with it. ``status`` is a
:class:`Status`; failures the *engine* observes (a timeout, a worker that died) are a
:class:`Failure`, whose value is the ``error_type`` the record carries. Other ``error_type``
values are the class names of the exceptions a parser raised (``CorruptError``, ...), an open
set, so they stay strings.

Manifest lines are JSON objects with the fields in declaration order (cattrs, outside the model);
readers take the *last* line per path and ignore lines they cannot read (a torn last line).
"""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs
import cattrs

__all__ = ["MANIFEST", "Converted", "Failure", "Record", "Status", "read_records"]

#: The manifest's name inside the output location.
MANIFEST = "manifest.jsonl"


class Status(str, enum.Enum):
    """An input's status in the manifest."""

    OK = "ok"
    FAILED = "failed"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"

    @property
    def failed(self) -> bool:
        """``failed`` or ``timeout``: the statuses ``--retry-failed`` reruns and exit 1 counts."""
        return self in (Status.FAILED, Status.TIMEOUT)


class Failure(str, enum.Enum):
    """What an engine saw go wrong around a task; the value is the record's ``error_type``."""

    TIMEOUT = "Timeout"  #: past ``--timeout``: the worker was killed
    DIED = "WorkerDied"  #: the worker process ended while holding the task
    ERROR = "WorkerError"  #: the task raised in the worker, or its result could not travel
    CANCELLED = "Cancelled"  #: stopped by ``--fail-fast`` before it finished

    @property
    def status(self) -> Status:
        """The status a record of this failure gets.

        >>> Failure.TIMEOUT.status.value, Failure.CANCELLED.status.value
        ('timeout', 'skipped')
        """
        return {Failure.TIMEOUT: Status.TIMEOUT,
                Failure.CANCELLED: Status.SKIPPED}.get(self, Status.FAILED)


@attrs.frozen
class Record:
    """One manifest line (see docs/convert.md for the fields)."""

    path: str
    status: Status = attrs.field(converter=Status)
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

    def to_json(self) -> str:
        """One line, fields in a fixed order.

        >>> Record("a/x.pdf", "skipped").to_json()[:42]
        '{"path": "a/x.pdf", "status": "skipped", "'
        """
        return json.dumps(_converter.unstructure(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Record:
        """Parse one line (unknown fields ignored); ``ValueError`` when it is not a record."""
        try:
            data: Any = json.loads(line)
            return _converter.structure(data, cls)
        except (cattrs.BaseValidationError, TypeError, KeyError) as exc:
            raise ValueError(f"not a manifest record: {exc}") from None

    @classmethod
    def of_failure(cls, path: str, failure: Failure, detail: str, **fields: Any) -> Record:
        """The record of an engine-side failure."""
        return cls(path, failure.status, error_type=failure.value, message=detail, **fields)


_converter = cattrs.Converter(forbid_extra_keys=False)


def read_records(text: str | None) -> dict[str, Record]:
    """The last record per path in manifest text; torn or foreign lines are ignored.

    >>> sorted(read_records('{"path": "a", "status": "ok"}\\n{"path": "a", "sta'))
    ['a']
    """
    records: dict[str, Record] = {}
    for line in (text or "").splitlines():
        try:
            record = Record.from_json(line)
        except ValueError:
            continue
        records[record.path] = record
    return records


@attrs.frozen
class Converted:
    """A record and, when the output was not written by the worker, the rendered text.

    ``rendered`` travels back for ``-f jsonl`` (one stream the runner writes) and for
    library calls that hand documents to the caller (``newsingest.dask.to_bag``).
    ``kept`` marks a previous record the worker found still valid (``--resume``);
    ``document`` is the parsed Document where a library call asked for one.
    """

    record: Record
    rendered: str | None = attrs.field(default=None, repr=False)
    kept: bool = False
    document: Any = attrs.field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.record.status is Status.OK

    @property
    def value(self) -> Any:
        """The :class:`~newsingest.model.Document` when one was asked for, else the text."""
        return self.document if self.document is not None else self.rendered
