"""What an input of a batch run is: an :class:`Item`, the :class:`Limits` on it, why it is
:class:`Refused <Refusal>`, and which files the installed parsers :class:`Claims`.

Kept apart from discovery (:mod:`newsingest.batch.inputs`) and archive reading
(:mod:`newsingest.batch.archives`), which both build these values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["DEFAULT_MAX_MB", "HEAD_BYTES", "Claims", "Item", "Limits", "Payload", "Refusal",
           "extension", "unsupported"]

_MIB = 1024 * 1024
#: The default per-input limit (``--max-size``), in MB, chosen so that an admitted text dump or
#: prose HTML page fits the default worker memory cap (``--max-memory`` 2048 MB): those cost
#: 12-15 worker bytes per input byte (``bench/bench_convert.py``, 10 and 50 MB) over a ~110 MiB
#: worker, so 100 MB needs about 1.6 GiB. Beyond the cap a parse ends in ``MemoryError``.
DEFAULT_MAX_MB = 100
#: Bytes read to sniff a file whose extension no parser claims.
HEAD_BYTES = 4096


@attrs.frozen
class Limits:
    """Caps on every input's size (``max_bytes``; 0: none) and, against zip bombs, on archives.

    ``max_ratio`` applies only to members (or a compressed tar stream) larger than
    ``ratio_floor_bytes``: a kilobyte of spaces compresses 50× and is harmless.
    """

    max_bytes: int = DEFAULT_MAX_MB * _MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * _MIB

    def too_large(self, size: int | None) -> Refusal | None:
        """The refusal of an input of ``size`` bytes, if it is over the cap.

        >>> Limits(max_bytes=10).too_large(11).error_type, Limits(max_bytes=0).too_large(11)
        ('TooLargeError', None)
        """
        if not self.max_bytes or size is None or size <= self.max_bytes:
            return None
        return Refusal("failed", "TooLargeError",
                       f"{size:,} bytes, over the {self.max_bytes:,}-byte limit per input "
                       "(--max-size); raise the limit to convert it")


@attrs.frozen
class Refusal:
    """Why an input is not converted: status ``failed`` (unsafe, broken) or ``skipped``."""

    status: str
    error_type: str
    message: str


@attrs.frozen
class Item:
    """One input: a file (``member is None``) or the ``index``-th member of the archive ``path``.

    ``path`` is the location a worker opens (a local path or a URL); ``explicit`` marks an INPUT
    named on the command line (taken whatever its format).
    """

    name: str
    path: str
    member: str | None = None
    index: int = -1
    refusal: Refusal | None = None
    explicit: bool = False

    @property
    def source(self) -> str:
        """The manifest's ``source``: the file, or ``archive::member``."""
        return self.path if self.member is None else f"{self.path}::{self.member}"


@attrs.frozen
class Payload:
    """What the feeder hands on: the item and, for archive members, the bytes read for it."""

    item: Item
    data: bytes | None = attrs.field(default=None, repr=False)
    refusal: Refusal | None = None


@attrs.frozen
class Claims:
    """Which files the installed parsers claim: extensions, and sniffers for the first bytes.

    A name with a claimed extension is taken. Otherwise the first bytes decide: without an
    extension, any parser's positive sniff takes it; with an extension no parser claims
    (``.json``, ``.csv``), only a sniff of at least ``recognised``: the text parser's weak
    "it decodes as text" (0.1) says nothing about a JSON file, while a ``%PDF-`` header (1.0)
    or HTML markup (0.9) does.
    """

    extensions: frozenset[str]
    sniffers: tuple[Callable[[bytes], float], ...] = ()
    recognised: float = 0.5

    @classmethod
    def of(cls, parsers: Mapping[str, Any]) -> Claims:
        return cls(frozenset(e.lower() for p in parsers.values() for e in p.extensions),
                   tuple(p.sniff for p in parsers.values()))

    def by_name(self, name: str) -> bool:
        from newsingest.batch.compressed import inner_name

        return extension(inner_name(name)) in self.extensions

    def by_head(self, name: str, head: bytes) -> bool:
        from newsingest.batch.compressed import head_of, inner_name

        head, name = head_of(name, head), inner_name(name)
        best = 0.0
        for sniff in self.sniffers:
            try:
                best = max(best, float(sniff(head)))
            except Exception:  # a broken plugin's sniff is no claim (api.choose_parser warns)
                continue
        return best >= self.recognised if extension(name) else best > 0


def extension(name: str) -> str:
    """Lower-case extension of the base name, with its dot, or ``""``.

    >>> extension("a/B.PDF"), extension("a/README"), extension(".bashrc")
    ('.pdf', '', '')
    """
    base = name.rsplit("/", 1)[-1]
    stem, dot, ext = base.lstrip(".").rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def unsupported(name: str) -> Refusal:
    ext = extension(name) or "no extension"
    return Refusal("skipped", "Unsupported",
                   f"no installed parser claims it ({ext}, content not recognised); "
                   "--all-files converts it anyway")
